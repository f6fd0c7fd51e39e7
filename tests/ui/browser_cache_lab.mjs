#!/usr/bin/env node
// Browser test of the Cache lab panel: opens it from the View menu with real clicks, runs a short
// workload (the default preset) with the Run button, waits while it runs incrementally across
// frames, and checks that both time plots (latency percentiles, hit ratio) and the three histograms
// filled, DAX answered faster than DynamoDB alone, and Export CSV offered a download.
//   node tests/ui/browser_cache_lab.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('cache lab', async ({ url, page, ui, check, errors: consoleErrors, artifacts }) => {
  const { state, rect, click } = ui;
  const lab = async () => (await state()).panelState['Cache lab'];

  await page.goto(url);
  await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 60000 });
  const tablesBefore = (await state()).tables;

  // 1. Open the panel from the View menu.
  await click('menu.view');
  await click('menu.view.Cache lab');
  check((await state()).openPanels.includes('Cache lab'), 'View > Cache lab opens the panel');
  let s = await lab();
  check(s && s.requestsDone === 0 && !s.running, 'nothing has run yet (empty state)');

  // 2. Run the default workload (30,000 requests x 3 targets) and watch it progress across frames.
  await click('cachelab.run');
  await page.waitForFunction(() => {
    const p = window.sandbox.state().panelState['Cache lab'];
    return p && (p.running || p.done);
  }, null, { timeout: 15000 });
  const progressSeen = [];
  for (let i = 0; i < 600; i++) {
    s = await lab();
    progressSeen.push(s.progress);
    if (s.done) break;
    await page.waitForTimeout(100);
  }
  check(s.done && s.error === '', `the run finishes (${s.requestsDone} requests, error "${s.error}")`);
  check(progressSeen.some((p) => p > 0 && p < 1) || progressSeen.length === 1,
        `progress is shown while it runs (${progressSeen.slice(0, 5).map((p) => p.toFixed(2)).join(', ')} ...)`);

  // 3. Both plots filled for every target, and the histograms.
  const [ddb, dax, ec] = s.targets;
  for (const t of s.targets) {
    check(t.latencyPoints >= 50, `${t.target}: the latency plot has points in ${t.latencyPoints} of 60 buckets`);
    check(t.histogramCount > 0, `${t.target}: its latency histogram holds ${t.histogramCount} requests`);
  }
  check(dax.hitRatioPoints >= 50 && ec.hitRatioPoints >= 50,
        `the hit-ratio plot has DAX (${dax.hitRatioPoints}) and ElastiCache (${ec.hitRatioPoints}) points`);
  check(ddb.hitRatioPoints === 0, 'DynamoDB alone has no hit ratio');
  check(dax.p50Us < ddb.p50Us, `DAX p50 ${dax.p50Us.toFixed(0)} µs < DynamoDB p50 ${ddb.p50Us.toFixed(0)} µs`);
  check(dax.hitRatio > 0.5, `DAX hit ratio ${(dax.hitRatio * 100).toFixed(1)}%`);
  for (const id of ['cachelab.latency_plot', 'cachelab.hit_plot']) {
    const r = await rect(id);
    check(r && r.w > 100 && r.h > 20, `${id} is drawn (${JSON.stringify(r)})`);
  }

  // 4. Export the result table as CSV.
  await click('cachelab.export_csv');
  s = await lab();
  check(s.lastExport !== '', `Export CSV saves the table (${s.lastExport})`);
  const download = await page.evaluate(() => window.ddbLastDownload && window.ddbLastDownload.name);
  check(download === 'cache-lab.csv', `the CSV is offered as a download (${download})`);

  check((await state()).tables === tablesBefore, 'the run left the learner\'s tables alone');
  await page.screenshot({ path: path.join(artifacts, 'browser-cache-lab.png') });
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
}, { clickOffset: 30 });
