#!/usr/bin/env node
// Browser test of streams and TTL, driven like a learner with real clicks on tagged widgets:
//  1. select a table in Tables, open Streams, pick NEW_AND_OLD_IMAGES and click "Enable stream";
//     write an item; the Streams panel shows its INSERT record with the item's key.
//  2. open Time to Live, type the attribute, click "Enable TTL", add items expiring in 1-5 minutes,
//     click "+10 min" on the clock; the sweeper deletes them: the panel's countdown empties, its log
//     shows the deletions, and a Scan finds nothing. The stream shows REMOVE records from TTL.
//   node tests/ui/browser_streams.mjs --dir build/web [--chromium /usr/bin/chromium]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const args = { dir: 'build/web', chromium: '/usr/bin/chromium' };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--dir') args.dir = process.argv[++i];
  else if (process.argv[i] === '--chromium') args.chromium = process.argv[++i];
}
const artifacts = path.join(args.dir, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

let failures = 0;
function check(condition, what) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures++;
  return condition;
}

const { server, url } = await startServer({ dir: args.dir, port: 0 });
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: args.chromium,
  headless: true,
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
});

try {
  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));

  const state = () => page.evaluate(() => window.sandbox.state());
  const rect = (id) => page.evaluate((testId) => window.sandbox.widgetRect(testId), id);
  const request = (op, body) => page.evaluate(([o, b]) => window.sandbox.request(o, b), [op, body]);
  async function frames(n = 3) {
    const f = (await state()).frame;
    await page.waitForFunction((x) => window.sandbox.state().frame >= x, f + n, { timeout: 15000 });
  }
  async function waitWidget(id) {
    await page.waitForFunction((testId) => {
      const r = window.sandbox.widgetRect(testId);
      return r && r.visible && r.w > 0;
    }, id, { timeout: 15000 }).catch(() => {});
    return rect(id);
  }
  async function click(id) {
    const r = await waitWidget(id);
    if (!check(r && r.visible && r.w > 0 && r.h > 0, `widget ${id} is on screen`)) return false;
    await page.mouse.click(r.x + Math.min(r.w / 2, 40), r.y + r.h / 2);
    await frames(3);
    return true;
  }
  async function type(id, text) {
    if (!(await click(id))) return;
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await frames(3);
  }
  async function openPanel(title) {
    if ((await state()).openPanels.includes(title)) return;
    await click('menu.view');
    await click(`menu.view.${title}`);
    check((await state()).openPanels.includes(title), `View > ${title} opens the panel`);
  }
  const panel = async (title) => JSON.parse(JSON.stringify((await state()).panelState[title] || {}));
  async function waitPanel(title, pred, what) {
    let last = null;
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      last = await panel(title);
      if (pred(last)) break;
      await frames(2);
    }
    check(pred(last), `${what} (${JSON.stringify(last)})`);
    return last;
  }

  await page.goto(url);
  await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 60000 });

  // 1. Streams: enable from the UI, write, see the record.
  const keySchema = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
                      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' };
  let r = await request('CreateTable', { TableName: 'Signups', ...keySchema });
  check(r.status === 200, 'CreateTable Signups');
  await frames(5);
  await click('tables.row.Signups');
  await openPanel('Streams');
  await waitPanel('Streams', (p) => p.table === 'Signups' && p.streamEnabled === false, 'Streams panel follows the selected table, no stream yet');
  await click('streams.enable');
  const described = await request('DescribeTable', { TableName: 'Signups' });
  check(described.body.Table && described.body.Table.StreamSpecification &&
        described.body.Table.StreamSpecification.StreamViewType === 'NEW_AND_OLD_IMAGES',
        'clicking Enable stream turned on a NEW_AND_OLD_IMAGES stream');
  r = await request('PutItem', { TableName: 'Signups', Item: { pk: { S: 'ann' }, email: { S: 'ann@example.com' } } });
  check(r.status === 200, 'PutItem ann');
  const sp = await waitPanel('Streams', (p) => p.records >= 1, 'the Streams panel shows a record');
  check(sp.lastEventName === 'INSERT' && sp.lastKeys && sp.lastKeys.pk && sp.lastKeys.pk.S === 'ann',
        'the record is the INSERT of ann');
  await page.screenshot({ path: path.join(artifacts, 'browser-streams.png') });

  // 2. TTL: enable from the UI, add expiring items, fast-forward, watch them go.
  await openPanel('Time to Live');
  await waitPanel('Time to Live', (p) => p.table === 'Signups' && p.status === 'DISABLED', 'TTL panel shows TTL DISABLED');
  await type('ttl.attribute', 'expireAt');
  await click('ttl.enable');
  const ttl = await request('DescribeTimeToLive', { TableName: 'Signups' });
  check(ttl.body.TimeToLiveDescription && ttl.body.TimeToLiveDescription.AttributeName === 'expireAt' &&
        ['ENABLED', 'ENABLING'].includes(ttl.body.TimeToLiveDescription.TimeToLiveStatus),
        `clicking Enable TTL turned TTL on for expireAt (${JSON.stringify(ttl.body)})`);
  await click('ttl.samples');
  await waitPanel('Time to Live', (p) => p.items === 5 && p.expired === 0, 'five items count down');
  let scan = await request('Scan', { TableName: 'Signups', Select: 'COUNT' });
  check(scan.body.Count === 6, `the table holds ann and five sessions (Count=${scan.body.Count})`);
  await click('ttl.ff.10m');
  await waitPanel('Time to Live', (p) => p.items === 0 && p.deletions === 5, 'after +10 min the sweeper deleted all five');
  scan = await request('Scan', { TableName: 'Signups', Select: 'COUNT' });
  check(scan.body.Count === 1, `only ann is left (Count=${scan.body.Count})`);
  await waitPanel('Streams', (p) => p.records >= 7 && p.lastEventName === 'REMOVE', 'the stream shows the TTL REMOVE records');
  await page.screenshot({ path: path.join(artifacts, 'browser-ttl.png') });
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
} catch (err) {
  console.error(err);
  failures++;
} finally {
  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(failures === 0 ? 'browser streams test passed' : `browser streams test: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
