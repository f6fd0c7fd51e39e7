#!/usr/bin/env node
// Browser test of streams and TTL, driven like a learner with real clicks on tagged widgets:
//  1. select a table in Tables, open Streams, pick NEW_AND_OLD_IMAGES and click "Enable stream";
//     write an item; the Streams panel shows its INSERT record with the item's key.
//  2. open Time to Live, type the attribute, click "Enable TTL", add items expiring in 1-5 minutes,
//     click "+10 min" on the clock; the sweeper deletes them: the panel's countdown empties, its log
//     shows the deletions, and a Scan finds nothing. The stream shows REMOVE records from TTL.
//  3. open Streams vs Kinesis, set up the Kinesis destination and click "us": the destination's
//     ApproximateCreationDateTimePrecision becomes MICROSECOND.
//   node tests/ui/browser_streams.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('streams', async ({ url, page, ui, check, errors: consoleErrors, artifacts }) => {
  const { click, openPanel, waitPanel, request, frames } = ui;
  const type = (id, text) => ui.type(id, text, { enter: true });

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

  // 3. Streams vs Kinesis: set up the destination, then click "us" to switch the Kinesis records'
  //    ApproximateCreationDateTimePrecision (UpdateKinesisStreamingDestination: UPDATING, then ACTIVE).
  const destination = async () => {
    const d = await request('DescribeKinesisStreamingDestination', { TableName: 'CdcDemo' });
    return (d.body.KinesisDataStreamDestinations || [])[0] || {};
  };
  await openPanel('Streams vs Kinesis');
  await click('svk.setup');
  await frames(5);
  await click('clock.plus_hour');
  let dest = await destination();
  check(dest.DestinationStatus === 'ACTIVE', `the Kinesis destination is ACTIVE after set-up (${JSON.stringify(dest)})`);
  await page.screenshot({ path: path.join(artifacts, 'browser-svk.png') });
  await click('svk.precision.us');
  dest = await destination();
  check(['UPDATING', 'ACTIVE'].includes(dest.DestinationStatus), `clicking "us" sent UpdateKinesisStreamingDestination (${JSON.stringify(dest)})`);
  await click('clock.plus_hour');
  dest = await destination();
  check(dest.DestinationStatus === 'ACTIVE' && dest.ApproximateCreationDateTimePrecision === 'MICROSECOND',
        `the destination is ACTIVE with MICROSECOND precision (${JSON.stringify(dest)})`);
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
});
