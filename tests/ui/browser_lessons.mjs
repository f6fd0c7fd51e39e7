#!/usr/bin/env node
// Browser test of the Lessons panel, driven like a learner: opens lesson 01, completes every step
// by clicking "Show me" then "Next" (the live check must turn green first), then reloads the page
// and checks that the progress survived (localStorage) and the tables are gone (fresh engine).
//   node tests/ui/browser_lessons.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('lessons', async ({ url, page, ui, check, errors, artifacts }) => {
  const { state, frames, click } = ui;
  const lessons = async () => JSON.parse(JSON.stringify((await state()).panelState['Lessons'] || null));
  async function openLessons() {
    await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 60000 });
    const s = await state();
    if (!s.openPanels.includes('Lessons')) {
      await click('menu.view');
      await click('menu.view.Lessons');
    }
    await frames(5);
  }

  await page.goto(url);
  await openLessons();
  let l = await lessons();
  check(l && l.lessons >= 9, `the catalogue lists the lessons (${l && l.lessons})`);
  check(l && l.broken === 0, 'no broken lesson files');

  await click('lessons.catalogue.01-tables-and-keys');
  l = await lessons();
  check(l.lesson === '01-tables-and-keys', 'lesson 01 is selected');
  const steps = 4;
  for (let i = 0; i < steps; i++) {
    l = await lessons();
    check(l.step === i, `on step ${i + 1}`);
    await click('lessons.showme');
    // The live check re-runs a few times a second; wait for it to pass (reading steps always pass).
    await page.waitForFunction(() => window.sandbox.state().panelState['Lessons'].checkPassed === true,
                               null, { timeout: 10000 }).catch(() => {});
    l = await lessons();
    check(l.checkPassed, `step ${i + 1}: the check passes after show me`);
    await click('lessons.next');
  }
  l = await lessons();
  const done = (l.completed['01-tables-and-keys'] || []).length;
  check(done === steps, `all ${steps} steps completed (${done})`);
  check((await state()).tables >= 2, 'show me created the tables through the API');
  await page.screenshot({ path: path.join(artifacts, 'lessons-complete.png') });

  // Reload: progress comes back from localStorage; the engine starts empty.
  await page.reload();
  await openLessons();
  l = await lessons();
  check(l.lesson === '01-tables-and-keys', 'after reload the last lesson is selected');
  check((l.completed['01-tables-and-keys'] || []).length === steps, 'after reload the completed steps are kept');
  check(errors.length === 0, `no page errors (${errors.join('; ')})`);
}, { viewport: { width: 1400, height: 900 }, consoleErrors: false, clickOffset: 30, clickFrames: 4 });
