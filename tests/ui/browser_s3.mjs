#!/usr/bin/env node
// Browser test of the S3, CloudWatch Logs and Exports & imports panels (issue 17), driven with real
// clicks on tagged widgets:
//  1. the S3 panel creates a bucket (s3.CreateBucket in the API console) and uploads a CSV through the
//     browser's file picker (s3.PutObject); the bucket lists it and the viewer shows it as a table;
//  2. a table with PITR on is exported from the Tables panel's "Export to S3..." dialog
//     (ExportTableToPointInTime); after the clock moves the Exports & imports panel shows it COMPLETED
//     and "Open in S3" opens its folder, whose data file the viewer decompresses (gzip) into the items;
//     the Import from S3 dialog loads that folder back into a new table;
//  3. after CreateLogGroup / CreateLogStream / PutLogEvents the CloudWatch Logs panel lists the group
//     and shows the stream's event; the filter box finds it with FilterLogEvents.
//   node tests/ui/browser_s3.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('s3', async ({ page, url, ui, check, errors: consoleErrors, artifacts }) => {
  const { click, state, request, frames, openPanel, waitPanel } = ui;
  await page.goto(url);
  await ui.waitReady();
  if ((await state()).clockRunning) await click('clock.play');
  check((await state()).clockRunning === false, 'the virtual clock is paused');
  const lastLog = async (op) => (await state()).requestLog.filter((e) => e.operation === op).pop() || {};

  // 1. A bucket and an uploaded CSV.
  await openPanel('S3');
  await ui.type('s3.bucket.name', 'lab-bucket');
  await click('s3.bucket.create');
  const created = await lastLog('s3.CreateBucket');
  check(created.status === 200 && created.source === 'S3', `Create bucket sent s3.CreateBucket from the panel (${created.status} ${created.errorType})`);
  check((created.cli || '').startsWith('aws s3api create-bucket --bucket lab-bucket'), `its CLI line: ${created.cli}`);
  await waitPanel('S3', (p) => p.bucket === 'lab-bucket', 'the new bucket is open in the panel');

  const csv = 'Artist,SongTitle,Year\nNo One You Know,Call Me Today,2019\n"Acme Band","Happy, Day",2021\n';
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click('s3.upload')]);
  await chooser.setFiles({ name: 'songs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitPanel('S3', (p) => p.rows.includes('songs.csv'), 'the uploaded songs.csv is listed');
  const put = await lastLog('s3.PutObject');
  check(put.status === 200 && put.source === 'S3', `the upload sent s3.PutObject (${put.status} ${put.errorType})`);
  await click('s3.object.songs.csv');
  let p = await waitPanel('S3', (x) => x.viewer && x.viewer.key === 'songs.csv' && x.viewer.rows === 2,
                          'the viewer reads songs.csv as a CSV table of 2 rows');
  check(JSON.stringify(p.viewer.columns) === JSON.stringify(['Artist', 'SongTitle', 'Year']), `its columns: ${JSON.stringify(p.viewer.columns)}`);
  check(p.viewer.firstRow && p.viewer.firstRow[1] === 'Call Me Today', `its first row: ${JSON.stringify(p.viewer.firstRow)}`);
  await page.screenshot({ path: path.join(artifacts, 's3-viewer.png') });

  // 2. Export a table with PITR on, then open the export's files.
  let r = await request('CreateTable', {
    TableName: 'Music', AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
  check(r.status === 200, `CreateTable Music (${r.status})`);
  await request('SandboxControl.AdvanceClock', { Seconds: 10 });
  for (const a of ['Acme Band', 'No One You Know']) await request('PutItem', { TableName: 'Music', Item: { Artist: { S: a }, Plays: { N: '3' } } });
  r = await request('UpdateContinuousBackups', { TableName: 'Music', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  check(r.status === 200, `PITR on for Music (${r.status})`);
  await request('SandboxControl.AdvanceClock', { Seconds: 600 });  // the PITR window reaches past the writes
  await frames(3);
  await openPanel('Tables');
  await click('tables.row.Music');
  await click('tables.export_s3');
  await waitPanel('Tables', (x) => x.export && x.export.open && x.export.bucket === 'lab-bucket', 'the Export to S3 dialog is open on lab-bucket');
  await click('export.go');
  const exported = await lastLog('ExportTableToPointInTime');
  check(exported.status === 200 && exported.source === 'Tables', `Export sent ExportTableToPointInTime (${exported.status} ${exported.errorType})`);
  check((exported.cli || '').startsWith('aws dynamodb export-table-to-point-in-time'), `its CLI line: ${exported.cli}`);
  const arn = (await ui.panel('Tables')).export.lastArn || '';
  const exportId = arn.split('/').pop();
  check(exportId.length > 0, `the export's ARN: ${arn}`);
  await request('SandboxControl.AdvanceClock', { Seconds: 3600 });
  await openPanel('Exports & imports');
  await click(`transfers.export.${exportId}`);
  p = await waitPanel('Exports & imports', (x) => x.detail && x.detail.ExportStatus === 'COMPLETED', 'the export is COMPLETED after an hour');
  check(p.detail.ItemCount === 2, `ItemCount 2 (${p.detail.ItemCount})`);
  await click('transfers.open_s3');
  p = await waitPanel('S3', (x) => x.prefix.endsWith(`AWSDynamoDB/${exportId}/`) && x.rows.some((k) => k.endsWith('manifest-summary.json')),
                      'Open in S3 shows the export folder with manifest-summary.json');
  await click('s3.folder.data/');
  p = await waitPanel('S3', (x) => x.rows.some((k) => k.endsWith('.json.gz')), 'the data/ folder holds a .json.gz file');
  const dataKey = p.rows.find((k) => k.endsWith('.json.gz'));
  await click(`s3.object.${dataKey.slice(p.prefix.length)}`);
  p = await waitPanel('S3', (x) => x.viewer && x.viewer.compression === 'GZIP' && x.viewer.rows === 2,
                      'the viewer decompresses the data file and shows its 2 items');
  check((p.viewer.columns || []).includes('Artist') && p.viewer.columns.includes('Plays'), `the items' attributes as columns: ${JSON.stringify(p.viewer.columns)}`);
  await page.screenshot({ path: path.join(artifacts, 's3-export.png') });

  // 2b. Import the export's data folder back into a new table from the Tables panel's dialog: the
  //     format and compression follow the files (DynamoDB JSON, gzip).
  await openPanel('Tables');
  await click('tables.import_s3');
  await ui.type('import.prefix', p.prefix);
  await ui.type('import.table', 'MusicCopy');
  await ui.type('import.hash.name', 'Artist');
  await frames(2);
  await click('import.go');
  const imported = await lastLog('ImportTable');
  check(imported.status === 200, `Import sent ImportTable (${imported.status} ${imported.errorType})`);
  check((imported.cli || '').startsWith('aws dynamodb import-table'), `its CLI line: ${imported.cli}`);
  check((imported.cli || '').includes('GZIP') && (imported.cli || '').includes('DYNAMODB_JSON'), 'the format and compression came from the files');
  await request('SandboxControl.AdvanceClock', { Seconds: 3600 });
  r = await request('Scan', { TableName: 'MusicCopy', Select: 'COUNT' });
  check(r.status === 200 && r.body && r.body.Count === 2, `MusicCopy holds the 2 exported items (${JSON.stringify(r.body)})`);

  // 3. CloudWatch Logs.
  r = await request('Logs_20140328.CreateLogGroup', { logGroupName: '/lab/app' });
  check(r.status === 200, `CreateLogGroup (${r.status} ${r.errorType})`);
  await request('Logs_20140328.CreateLogStream', { logGroupName: '/lab/app', logStreamName: 'web-1' });
  const now = (await state()).virtualTimeMs;
  r = await request('Logs_20140328.PutLogEvents', { logGroupName: '/lab/app', logStreamName: 'web-1',
                                                   logEvents: [{ timestamp: now, message: 'hello from the test' }] });
  check(r.status === 200, `PutLogEvents (${r.status} ${r.errorType})`);
  await openPanel('CloudWatch Logs');
  await waitPanel('CloudWatch Logs', (x) => (x.groups || []).includes('/lab/app'), 'the Logs panel lists /lab/app');
  await click('logs.group./lab/app');
  await click('logs.stream.web-1');
  await waitPanel('CloudWatch Logs', (x) => x.stream === 'web-1' && x.events === 1, 'the stream web-1 shows its event');
  await ui.type('logs.filter.pattern', 'hello');
  await click('logs.filter.go');
  const filtered = await lastLog('Logs_20140328.FilterLogEvents');
  check(filtered.status === 200 && filtered.source === 'CloudWatch Logs', `Filter sent FilterLogEvents (${filtered.status} ${filtered.errorType})`);
  await waitPanel('CloudWatch Logs', (x) => x.filtered && x.events === 1, 'the filter "hello" matches the event');
  await page.screenshot({ path: path.join(artifacts, 's3-logs.png') });

  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(' | ')})`);
});
