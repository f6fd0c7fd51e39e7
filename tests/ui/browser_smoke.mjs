#!/usr/bin/env node
// Browser smoke test of the web build: serves it (scripts/serve.mjs), drives Debian's headless
// Chromium with software WebGL2 through playwright-core, and checks the app end to end through the
// window.sandbox test hook: it loads with no console errors, a real click on a tagged widget changes
// the UI state, the change survives a reload, and the engine answers through request().
// Also checks the page's messages for a browser without WebAssembly or WebGL2.
//   node tests/ui/browser_smoke.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('smoke', async ({ url, page, context, launch, ui, check, errors: consoleErrors, artifacts }) => {
  const { state, waitReady, openPanel } = ui;
  const clickWidget = (id) => ui.click(id, { offset: Infinity });  // the widget's centre

  // 1. First load: ready, defaults, canvas fills the window. The bundle arrives precompressed
  // (the web build writes .br and .gz; scripts/serve.mjs sends what Chromium accepts).
  const encodings = {};
  page.on('response', (r) => { encodings[new URL(r.url()).pathname] = r.headers()['content-encoding'] || 'none'; });
  await page.goto(url);
  await waitReady();
  console.log(`content encodings: ${JSON.stringify(encodings)}`);
  for (const file of ['/app.wasm', '/app.js', '/app.data'])
    check(['br', 'gzip'].includes(encodings[file]), `${file} arrives compressed (${encodings[file]})`);
  let s = await state();
  console.log(`state: ${JSON.stringify({ ...s, requestLog: undefined, panelState: undefined })}`);
  check(s.platform === 'web', 'state().platform is web');
  check(s.theme === 'dark', 'default theme is dark');
  check(['Tables', 'Item explorer', 'Query & Scan', 'API console', 'Clock'].every((t) => s.openPanels.includes(t)),
        'the core panels are open');
  check(!s.openPanels.includes('Settings'), 'Settings starts closed');
  await openPanel('Settings');
  check(s.displaySize[0] === 1280 && s.displaySize[1] === 800, 'canvas follows the 1280x800 window');

  // 2. Real clicks: the Light theme radio button and the A+ text size button.
  await clickWidget('settings.theme.light');
  s = await state();
  check(s.theme === 'light', `clicking Light switches the theme (theme=${s.theme})`);
  const scaleBefore = s.fontScale;
  await clickWidget('settings.font_scale.increase');
  s = await state();
  check(s.fontScale > scaleBefore, `clicking A+ enlarges the text (fontScale ${scaleBefore} -> ${s.fontScale})`);
  const scaleAfter = s.fontScale;

  // 3. The canvas follows a window resize.
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.waitForFunction(() => window.sandbox.state().displaySize[0] === 1100, null, { timeout: 10000 });
  check(true, 'canvas follows a resize to 1100x700');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => window.sandbox.state().displaySize[0] === 1280, null, { timeout: 10000 });

  // 4. Reload: the settings persisted (localStorage).
  await page.reload();
  await waitReady();
  s = await state();
  check(s.theme === 'light', `theme persisted across a reload (theme=${s.theme})`);
  check(s.fontScale === scaleAfter, `font scale persisted across a reload (fontScale=${s.fontScale})`);

  // 5. The engine through its JSON API (ddb::HandleJson), as lessons and the console use it.
  const response = await page.evaluate(() => window.sandbox.request('ListTables', {}));
  console.log(`ListTables -> ${JSON.stringify(response)}`);
  check(response.status === 200 && response.body && Array.isArray(response.body.TableNames),
        'request("ListTables") answers with TableNames');
  const bad = await page.evaluate(() => window.sandbox.request('NoSuchOperation', '{}'));
  check(bad.status === 400 && bad.errorType !== '', `an unknown operation is rejected (${bad.errorType})`);

  // Back to the default look for the screenshot (README), with the window frames settled.
  await clickWidget('settings.theme.dark');
  await clickWidget('settings.font_scale.reset');
  await page.mouse.move(1279, 799);  // no hover highlight in the screenshot
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(artifacts, 'browser.png') });
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);

  // 6. Clear messages when WebAssembly or WebGL2 is missing.
  const bare = await context.newPage();
  await bare.addInitScript(() => { delete globalThis.WebAssembly; });
  await bare.goto(url);
  check(/WebAssembly/.test(await bare.textContent('#problem')), 'a browser without WebAssembly gets a clear message');
  await bare.close();
  const noGl = await context.newPage();
  await noGl.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  await noGl.goto(url);
  check(/WebGL2/.test(await noGl.textContent('#problem')), 'a browser without WebGL2 gets a clear message');
  await noGl.close();

  // 7. HiDPI (devicePixelRatio 2): a sharper framebuffer, the same layout in CSS pixels, clicks still land.
  const hidpi = await launch(2);  // closed with the others at the end
  const page2 = hidpi.pages()[0] || await hidpi.newPage();
  page2.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(`(HiDPI) ${msg.text()}`); });
  page2.on('pageerror', (err) => consoleErrors.push(`pageerror (HiDPI): ${err.message}`));
  await page2.goto(url);
  await page2.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 60000 });
  for (const id of ['menu.view', 'menu.view.Settings']) {  // open Settings from the View menu
    await page2.waitForFunction((testId) => {
      const w = window.sandbox.widgetRect(testId);
      return w && w.visible && w.w > 0;
    }, id, { timeout: 15000 });
    const m = await page2.evaluate((testId) => window.sandbox.widgetRect(testId), id);
    await page2.mouse.click(m.x + m.w / 2, m.y + m.h / 2);
    await page2.waitForTimeout(300);
  }
  await page2.waitForFunction(() => window.sandbox.state().openPanels.includes('Settings'), null, { timeout: 10000 });
  s = await page2.evaluate(() => window.sandbox.state());
  check(s.framebufferScale === 2 && s.displaySize[0] === 1280, `HiDPI: framebufferScale=${s.framebufferScale}, ` +
        `displaySize=${s.displaySize}`);
  const r = await page2.evaluate(() => window.sandbox.widgetRect('settings.theme.light'));
  await page2.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await page2.waitForFunction(() => window.sandbox.state().theme === 'light', null, { timeout: 10000 });
  check(true, 'HiDPI: clicking Light switches the theme');
  await page2.screenshot({ path: path.join(artifacts, 'browser-hidpi.png') });
  check(consoleErrors.length === 0, `no console errors at HiDPI${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
});
