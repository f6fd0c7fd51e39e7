#!/usr/bin/env node
// Page-load bench (issue 18): the web build served by scripts/serve.mjs on this machine, opened in
// headless Chromium (software WebGL2) with a fresh profile each run (a cold cache), timed from the
// navigation to the first interactive frame (window.sandbox.readyAt: the page's performance.now()
// when the app has drawn its first frames and takes input). Also reports what went over the wire
// per file (bytes and Content-Encoding). Runs alternate between the bundle served precompressed and
// served as is (the same files, variants ignored), so both are measured side by side. Target: at
// most 1.0 s, median of 5.
//   node bench/page_load_bench.mjs [--dir build/web] [--runs 5] [--chromium /usr/bin/chromium]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { kChromiumArgs } from '../tests/ui/lib.mjs';

const args = { dir: 'build/web', runs: 5, chromium: '/usr/bin/chromium' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--dir') args.dir = process.argv[++i];
  else if (a === '--runs') args.runs = Number(process.argv[++i]);
  else if (a === '--chromium') args.chromium = process.argv[++i];
}

const servers = {
  precompressed: await startServer({ dir: args.dir, port: 0 }),
  'as is': await startServer({ dir: args.dir, port: 0, precompressed: false }),
};
const times = { precompressed: [], 'as is': [] };
const wire = {};
let code = 0;
try {
  for (let run = 0; run < args.runs; run++) {
    for (const mode of run % 2 ? ['as is', 'precompressed'] : ['precompressed', 'as is']) {
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-chromium-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: args.chromium, headless: true, viewport: { width: 1280, height: 800 }, args: kChromiumArgs,
      });
      try {
        const page = context.pages()[0] || await context.newPage();
        const responses = [];
        page.on('requestfinished', async (request) => {
          const response = await request.response();
          if (!response) return;
          const sizes = await request.sizes().catch(() => null);
          responses.push({
            file: new URL(request.url()).pathname,
            encoding: response.headers()['content-encoding'] || 'none',
            bytes: sizes ? sizes.responseBodySize : -1,
          });
        });
        await page.goto(servers[mode].url);
        await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 120000 });
        const { readyAt, steps } = await page.evaluate(() => {
          const at = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? Math.round(m.startTime) : -1; };
          const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/app.wasm'));
          return { readyAt: window.sandbox.readyAt,
                   steps: { 'wasm downloaded': wasm ? Math.round(wasm.responseEnd) : -1, 'main()': at('ddb:main'),
                            'app initialised': at('ddb:init'), 'GL objects': at('ddb:gl-objects'),
                            'font atlas': at('ddb:fonts'), 'UI of frame 1': at('ddb:ui1'), 'frame 1': at('ddb:frame1'),
                            'frame 3': at('ddb:frame3') } };
        });
        times[mode].push(readyAt);
        const breakdown = Object.entries(steps).map(([k, v]) => `${k} ${v}`).join(', ');
        console.log(`run ${run + 1} (${mode}): first interactive frame at ${readyAt.toFixed(0)} ms (${breakdown} ms)`);
        wire[mode] ??= responses;
      } finally {
        await context.close();
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    }
  }
  for (const mode of Object.keys(servers)) {
    const sorted = [...times[mode]].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`${mode}, over the wire (first run):`);
    let total = 0;
    for (const r of wire[mode].sort((a, b) => a.file.localeCompare(b.file))) {
      console.log(`  ${r.file.padEnd(12)} ${String(r.bytes).padStart(9)} bytes  ${r.encoding}`);
      total += Math.max(0, r.bytes);
    }
    console.log(`  ${'total'.padEnd(12)} ${String(total).padStart(9)} bytes`);
    console.log(`${mode}: first interactive frame median ${median.toFixed(0)} ms of ${sorted.length} cold loads ` +
                `(min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}); target 1000 ms`);
  }
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  for (const { server } of Object.values(servers)) server.close();
}
process.exit(code);
