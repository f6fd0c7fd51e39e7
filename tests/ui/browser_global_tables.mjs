#!/usr/bin/env node
// Browser test of the Global Tables panel (issue 16), driven with real clicks on tagged widgets:
//  1. with the clock paused, a table made in us-east-1 gets a replica in eu-west-1 from the panel's
//     "Add replica" wizard (UpdateTable ReplicaUpdates Create, in the API console with its CLI line);
//     the stream is on with NEW_AND_OLD_IMAGES and the replica turns ACTIVE after +5 s;
//  2. an item put in us-east-1 from the panel's "Put in a Region" row is in us-east-1 only and in
//     flight; after +5 s the per-item view shows it in eu-west-1 too, written in us-east-1;
//  3. with eu-west-1 down, a PutItem there fails with ServiceUnavailable and a change from us-east-1
//     waits in flight; back up, it arrives;
//  4. with ReplicationLatencyMs 3000 (the Latency tab), two writes of one key in two Regions a second
//     apart conflict: the later one (eu-west-1) wins in both Regions and the conflict log has it;
//  5. "Remove replica" (confirmed) sends ReplicaUpdates Delete and the table is us-east-1's alone again;
//  6. the Strong (MRSC) form makes a table with a replica and a witness; a write is in the other Region
//     at once, and the same item written there at the same moment gets ReplicatedWriteConflictException.
//   node tests/ui/browser_global_tables.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

const kPanel = 'Global Tables';

runBrowserTest('global_tables', async ({ page, url, ui, check, errors: consoleErrors, artifacts }) => {
  const { click, state, request, frames, openPanel, waitPanel } = ui;
  await page.goto(url);
  await ui.waitReady();

  // A tab of the panel. ImGui's tabs may take a second click: the first can land on the frame where
  // the tab is only being hovered (tabs allow overlap, so a press needs a hovered frame first).
  const tab = async (name) => {
    await click(`gt.tab.${name}`);
    if ((await ui.panel(kPanel)).tab !== name) await click(`gt.tab.${name}`);
    check((await ui.panel(kPanel)).tab === name, `the ${name} tab is open`);
  };

  // The clock stands still, so changes arrive only when the test advances it.
  if ((await state()).clockRunning) await click('clock.play');
  check((await state()).clockRunning === false, 'the virtual clock is paused');

  // 1. A table in us-east-1, then a replica in eu-west-1 from the wizard.
  let r = await request('CreateTable', {
    TableName: 'Trips', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  check(r.status === 200, `CreateTable Trips in us-east-1 (${r.status})`);
  await request('SandboxControl.AdvanceClock', { Seconds: 10 });  // the table becomes ACTIVE
  await frames(3);
  await openPanel(kPanel);
  await click('gt.table');
  await click('gt.table.Trips');
  await waitPanel(kPanel, (p) => p.table === 'Trips' && p.regions.length === 1 && p.regions[0].name === 'us-east-1',
                  'the panel shows Trips with one Region, us-east-1');
  await tab('replicas');
  await click('gt.add.region');
  await click('gt.add.region.eu-west-1');
  await waitPanel(kPanel, (p) => p.addCandidate === 'eu-west-1', 'eu-west-1 is picked in the Add replica combo');
  await click('gt.add.create');
  let s = await state();
  const update = s.requestLog.filter((e) => e.operation === 'UpdateTable').pop() || {};
  check(update.status === 200 && update.source === kPanel, `Add replica sent UpdateTable from the panel (${update.status})`);
  check((update.cli || '').startsWith('aws dynamodb update-table --table-name Trips') && update.cli.includes('eu-west-1') &&
        update.cli.endsWith('--region us-east-1'), `its CLI line: ${update.cli}`);
  let p = await waitPanel(kPanel, (x) => x.regions.some((g) => g.name === 'eu-west-1'), 'eu-west-1 appears in the diagram');
  check(p.replicaError === '', `no error from the wizard (${p.replicaError})`);
  const d = await request('DescribeTable', { TableName: 'Trips' });
  const t = d.body.Table || {};
  check(t.StreamSpecification && t.StreamSpecification.StreamViewType === 'NEW_AND_OLD_IMAGES',
        `the stream is on with NEW_AND_OLD_IMAGES (${JSON.stringify(t.StreamSpecification)})`);
  check((t.Replicas || []).some((x) => x.RegionName === 'eu-west-1'), `DescribeTable lists the eu-west-1 replica (${JSON.stringify(t.Replicas)})`);
  await click('gt.clock.5s');
  await waitPanel(kPanel, (x) => x.regions.length === 2 && x.regions.every((g) => g.status === 'ACTIVE'),
                  'after +5 s both replicas are ACTIVE');

  // 2. An item written in us-east-1 travels to eu-west-1 when the clock moves.
  const versionIn = (x, region) => ((x.item && x.item.versions) || []).find((v) => v.region === region) || {};
  const putIn = async (region, key) => {
    await tab('item');
    await ui.type('gt.item.pk', key);
    await click('gt.put.region');
    await click(`gt.put.region.${region}`);
    await click('gt.put.fill');
    await click('gt.put.send');
    const last = (await state()).requestLog.filter((e) => e.operation === 'PutItem').pop() || {};
    return last;
  };
  let put = await putIn('us-east-1', 'paris');
  check(put.status === 200 && put.cli.endsWith('--region us-east-1'), `PutItem paris in us-east-1 (${put.status}, ${put.cli})`);
  p = await waitPanel(kPanel, (x) => versionIn(x, 'us-east-1').item && x.inFlight >= 1,
                      'paris is in us-east-1 and on its way (in flight)');
  check(versionIn(p, 'eu-west-1').item === null, 'eu-west-1 does not have paris yet');
  check(p.dotsMoving >= 1, `the diagram draws the change as a moving dot (${p.dotsMoving})`);
  await page.screenshot({ path: path.join(artifacts, 'browser-global-tables-in-flight.png') });
  await click('gt.clock.5s');
  p = await waitPanel(kPanel, (x) => versionIn(x, 'eu-west-1').item && x.inFlight === 0,
                      'after +5 s paris is in eu-west-1 too');
  check(versionIn(p, 'eu-west-1').writtenIn === 'us-east-1', `eu-west-1's copy was written in us-east-1 (${versionIn(p, 'eu-west-1').writtenIn})`);
  check(JSON.stringify(versionIn(p, 'eu-west-1').item) === JSON.stringify(versionIn(p, 'us-east-1').item), 'both copies are the same item');
  await page.screenshot({ path: path.join(artifacts, 'browser-global-tables-arrived.png') });

  // 3. An outage: eu-west-1 down.
  await tab('replicas');
  await click('gt.up.eu-west-1');
  await waitPanel(kPanel, (x) => x.regions.some((g) => g.name === 'eu-west-1' && g.available === false), 'eu-west-1 is down');
  put = await putIn('eu-west-1', 'lisbon');
  check(put.status === 503 && put.errorType === 'ServiceUnavailable', `PutItem in eu-west-1 fails while it is down (${put.status} ${put.errorType})`);
  check((await ui.panel(kPanel)).item.putError !== '', 'the panel shows the error');
  put = await putIn('us-east-1', 'rome');
  check(put.status === 200, 'PutItem rome in us-east-1');
  await click('gt.clock.5s');
  p = await waitPanel(kPanel, (x) => x.inFlight >= 1 && x.dotsHeld >= 1, 'after +5 s the change to eu-west-1 still waits (held)');
  check(!versionIn(p, 'eu-west-1').item, 'eu-west-1 does not have rome');
  await tab('replicas');
  await click('gt.up.eu-west-1');
  await waitPanel(kPanel, (x) => x.regions.every((g) => g.available), 'eu-west-1 is back up');
  await click('gt.clock.5s');
  await tab('item');
  await waitPanel(kPanel, (x) => x.inFlight === 0 && versionIn(x, 'eu-west-1').item, 'rome arrives in eu-west-1 once it is back');

  // 4. Latency 3000 ms, then two writes a second apart in two Regions: a conflict.
  await tab('latency');
  await ui.type('gt.latency.jitter', '0');
  await ui.type('gt.latency.ms', '3000');
  await click('gt.latency.apply');
  const settings = await request('SandboxControl.DescribeSettings', {});
  check(settings.body.Settings && settings.body.Settings.ReplicationLatencyMs === 3000,
        `Apply set ReplicationLatencyMs to 3000 (${JSON.stringify(settings.body.Settings && settings.body.Settings.ReplicationLatencyMs)})`);
  put = await putIn('us-east-1', 'oslo');
  check(put.status === 200, 'PutItem oslo in us-east-1');
  await click('gt.clock.1s');
  put = await putIn('eu-west-1', 'oslo');
  check(put.status === 200 && put.cli.endsWith('--region eu-west-1'), `PutItem oslo in eu-west-1 a second later (${put.cli})`);
  await click('gt.clock.5s');
  const converged = (x) => JSON.stringify(versionIn(x, 'us-east-1').item) === JSON.stringify(versionIn(x, 'eu-west-1').item);
  p = await waitPanel(kPanel, (x) => x.conflicts >= 1 && x.inFlight === 0 && converged(x),
                      'the conflict log records the two writes, and both Regions hold the same oslo');
  const us = versionIn(p, 'us-east-1'), eu = versionIn(p, 'eu-west-1');
  check(us.writtenIn === 'eu-west-1' && eu.writtenIn === 'eu-west-1' && JSON.stringify(us.item) === JSON.stringify(eu.item),
        `the later write (eu-west-1) wins in both Regions (${us.writtenIn}, ${eu.writtenIn})`);
  await tab('conflicts');
  await tab('latency');
  p = await waitPanel(kPanel, (x) => x.latencySamples >= 3 && x.latencyPairs >= 2, 'the Latency tab has samples of both directions');
  await page.screenshot({ path: path.join(artifacts, 'browser-global-tables.png') });

  // 5. Remove the replica (asked first): UpdateTable ReplicaUpdates Delete; the table is us-east-1's alone again.
  await tab('replicas');
  await click('gt.remove.eu-west-1');
  await click('gt.remove.confirm');
  const removal = (await state()).requestLog.filter((e) => e.operation === 'UpdateTable').pop() || {};
  check(removal.status === 200 && removal.cli.includes('"Delete":{"RegionName":"eu-west-1"}'),
        `Remove replica sent UpdateTable ReplicaUpdates Delete (${removal.status}, ${removal.cli})`);
  await click('gt.clock.5s');
  await waitPanel(kPanel, (x) => x.regions.length === 1 && x.regions[0].name === 'us-east-1',
                  'after the removal the diagram shows us-east-1 alone');

  // 6. MRSC from the form: us-east-1 + a replica in us-east-2 + a witness in us-west-2; a write is in
  //    us-east-2 at once, and the same item written from us-east-2 at the same moment is refused.
  r = await request('CreateTable', {
    TableName: 'Ledger', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  check(r.status === 200, `CreateTable Ledger in us-east-1 (${r.status})`);
  await request('SandboxControl.AdvanceClock', { Seconds: 1 });
  await click('gt.table');
  await click('gt.table.Ledger');
  await waitPanel(kPanel, (x) => x.table === 'Ledger' && x.regions.length === 1, 'the panel shows Ledger, not global yet');
  await tab('replicas');
  await click('gt.mode.mrsc');
  await click('gt.mrsc.second');
  await click('gt.mrsc.second.us-east-2');
  await waitPanel(kPanel, (x) => x.strongSecond === 'us-east-2', 'us-east-2 is picked as the second Region');
  await click('gt.mrsc.witness');
  await click('gt.mrsc.create');
  const strong = (await state()).requestLog.filter((e) => e.operation === 'UpdateTable').pop() || {};
  check(strong.status === 200 && (strong.cli || '').includes('--multi-region-consistency STRONG') &&
        strong.cli.includes('--global-table-witness-updates \'[{"Create":{"RegionName":"us-west-2"}}]\''),
        `Create MRSC global table sent UpdateTable with MultiRegionConsistency STRONG and the witness (${strong.status}, ${strong.cli})`);
  await click('gt.clock.5s');
  await waitPanel(kPanel, (x) => x.consistency === 'STRONG' && x.witnesses === 1 && x.regions.length === 2 &&
                  x.regions.every((g) => g.status === 'ACTIVE'), 'Ledger is an MRSC table: two ACTIVE replicas and a witness');
  put = await putIn('us-east-1', 'acct');
  check(put.status === 200, `PutItem acct in us-east-1 (${put.status})`);
  p = await waitPanel(kPanel, (x) => versionIn(x, 'us-east-2').item, 'acct is in us-east-2 at once, with the clock paused');
  put = await putIn('us-east-2', 'acct');
  check(put.status === 400 && put.errorType === 'ReplicatedWriteConflictException',
        `the same item written in us-east-2 at the same moment is refused (${put.status} ${put.errorType})`);
  await waitPanel(kPanel, (x) => x.strongConflicts >= 1, 'the panel counts the refused write');
  await page.screenshot({ path: path.join(artifacts, 'browser-global-tables-mrsc.png') });
  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(' | ')})`);
});
