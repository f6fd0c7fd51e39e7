#!/usr/bin/env node
// UI frame bench (browser): the web build in headless Chromium (software WebGL2) with a 100k-item
// table open in the item explorer (?demo=100000&benchscroll=1: all pages loaded, scrolling a
// screenful every frame; with --items 1000000 the table holds a million items, the explorer its
// first 100,000, and the bench also reports the tab's Wasm memory). Reports the time each frame's work took inside the page (measured in
// main.cpp with emscripten_get_now: the UI part up to ImGui::Render(), and the whole frame to the
// end of the WebGL calls) and the interval between requestAnimationFrame callbacks. Target: at most
// 4 ms per frame. performance.now() is coarsened to 0.1 ms (or 1 ms) in the page.
//   node bench/ui_frame_bench.mjs [--dir build/web] [--items 100000] [--seconds 10]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const args = { dir: 'build/web', items: 100000, seconds: 10, chromium: '/usr/bin/chromium' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--dir') args.dir = process.argv[++i];
  else if (a === '--items') args.items = Number(process.argv[++i]);
  else if (a === '--seconds') args.seconds = Number(process.argv[++i]);
  else if (a === '--chromium') args.chromium = process.argv[++i];
}
const { server, url } = await startServer({ dir: args.dir, port: 0 });
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: args.chromium, headless: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
});
let code = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  const t0 = Date.now();
  await page.goto(`${url}?demo=${args.items}&benchscroll=1`);
  await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 300000 });
  await page.waitForFunction(() => {
    const s = window.sandbox.state();
    return !s.busy && s.panelState['Item explorer'] && s.panelState['Item explorer'].rows > 0;
  }, null, { timeout: 600000, polling: 500 });
  const loadSeconds = (Date.now() - t0) / 1000;
  const rows = (await page.evaluate(() => window.sandbox.state())).panelState['Item explorer'].rows;
  // The table as the engine holds it, and the tab's Wasm memory (the engine's share of it is the
  // items, their GSI and LSI entries; the explorer's rows are at most 100,000).
  const table = await page.evaluate(() => {
    const r = window.sandbox.request('DescribeTable', { TableName: 'Music' });
    return (typeof r.body === 'string' ? JSON.parse(r.body) : r.body).Table;
  });
  const wasmBytes = await page.evaluate(() => Module.HEAP8.length);
  const heap = await page.evaluate(() => window.sandbox.heap());
  const mib = (b) => (b / 1048576).toFixed(0);
  console.log(`table Music: ${table.ItemCount} items, ${table.TableSizeBytes} bytes as DynamoDB counts them; ` +
              `Wasm memory ${mib(wasmBytes)} MiB (heap in use ${mib(heap.inUse)} MiB, allocator's peak ${mib(heap.peak)} MiB)`);
  await page.evaluate(() => window.sandbox.resetFrameStats());
  const raf = await page.evaluate((seconds) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    function tick(now) {
      gaps.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else resolve(gaps);
    }
    requestAnimationFrame(tick);
  }), args.seconds);
  const s = await page.evaluate(() => window.sandbox.state());
  const w = s.frameStats.wallMs;
  const u = s.frameStats.uiMs;
  raf.sort((a, b) => a - b);
  const f = (x) => x.toFixed(2);
  console.log(`browser UI frame, ${rows} items in the explorer (loaded in ${loadSeconds.toFixed(1)} s), ${w.frames} frames:\n` +
              `  UI (events, panels, ImGui layout): mean ${f(u.mean)} ms, p50 ${f(u.p50)}, p95 ${f(u.p95)}, p99 ${f(u.p99)}, max ${f(u.max)}\n` +
              `  whole frame incl. WebGL calls:     mean ${f(w.mean)} ms, p50 ${f(w.p50)}, p95 ${f(w.p95)}, p99 ${f(w.p99)}, max ${f(w.max)}\n` +
              `  requestAnimationFrame interval p50 ${f(raf[Math.floor(raf.length / 2)])} ms (software WebGL raster in the GPU process)`);
  console.log(JSON.stringify({ items: rows, tableItems: table.ItemCount, tableBytes: table.TableSizeBytes, wasmBytes, heap, loadSeconds,
                               ui: u, work: w, rafP50: raf[Math.floor(raf.length / 2)] }));
  if (u.p50 > 4) code = 3;
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(code);
