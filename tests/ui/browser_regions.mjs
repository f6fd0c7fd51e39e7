#!/usr/bin/env node
// Browser test of Regions (issue 15), driven with real clicks:
//  1. the app starts in us-east-1; the Region menu in the top bar switches to eu-west-1;
//  2. a table created there (a typed `aws dynamodb create-table` in the API console) is eu-west-1's:
//     its CLI line ends with --region eu-west-1, its ARN names eu-west-1, us-east-1 does not have it;
//  3. a pasted command with --region ap-south-1 runs in ap-south-1 without changing the selection;
//  4. the selected Region survives a reload.
//   node tests/ui/browser_regions.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('regions', async ({ page, url, ui, check, errors: consoleErrors, artifacts }) => {
  const { click, state, request, frames, rect, panel } = ui;
  await page.goto(url);
  await ui.waitReady();

  // 1. The default Region, then eu-west-1 from the menu.
  let s = await state();
  check(s.region === 'us-east-1', `the app starts in us-east-1 (${s.region})`);
  await click('menu.region');
  await click('menu.region.eu-west-1');
  s = await state();
  check(s.region === 'eu-west-1', `the Region menu selects eu-west-1 (${s.region})`);

  // 2. A table created from the console goes to the selected Region.
  await ui.openPanel('API console');
  const create = "aws dynamodb create-table --table-name Regional --attribute-definitions AttributeName=pk,AttributeType=S " +
                 '--key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST';
  const run = async (command) => {
    await ui.type('console.input', 'a');
    await page.keyboard.press('Backspace');
    await frames(3);
    const button = await rect('console.run');
    await ui.burst(command);
    await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
    await frames(6);
    // The command's own entry: a new table is then scanned by the Item explorer, which logs a Scan after it.
    const operation = { 'create-table': 'CreateTable' }[command.split(' ')[2]];
    const st = await state();
    return st.requestLog.filter((e) => e.operation === operation).pop() || {};
  };
  let last = await run(create);
  check(last.operation === 'CreateTable' && last.status === 200, `create-table runs (${last.operation} ${last.status})`);
  check(last.cli.startsWith('aws dynamodb create-table --table-name Regional ') && last.cli.endsWith(' --region eu-west-1'),
        `its CLI line carries --region eu-west-1: ${last.cli}`);
  let d = await request('DescribeTable', { TableName: 'Regional' });
  check(d.status === 200 && d.body.Table.TableArn === 'arn:aws:dynamodb:eu-west-1:123456789012:table/Regional',
        `the table is eu-west-1's (${d.body.Table && d.body.Table.TableArn})`);
  check((await state()).tables === 1, 'the Tables view of eu-west-1 has one table');
  await page.screenshot({ path: path.join(artifacts, 'browser-regions.png') });

  // Back to us-east-1: another Region, no such table.
  await click('menu.region');
  await click('menu.region.us-east-1');
  s = await state();
  check(s.region === 'us-east-1' && s.tables === 0, `us-east-1 has no tables (${s.region}, ${s.tables})`);
  d = await request('DescribeTable', { TableName: 'Regional' });
  check(d.errorType === 'ResourceNotFoundException', `DescribeTable in us-east-1: ${d.errorType}`);

  // 3. A pasted command names its own Region.
  last = await run(create.replace('Regional', 'Mumbai') + ' --region ap-south-1');
  check(last.status === 200 && last.cli.endsWith(' --region ap-south-1'), `--region ap-south-1 is honoured: ${last.cli}`);
  s = await state();
  check(s.region === 'us-east-1' && s.tables === 0, 'the selection stays us-east-1');
  check((await panel('API console')).promptError === '', 'no error in the prompt');

  // 4. The selection is remembered.
  await click('menu.region');
  await click('menu.region.eu-west-1');
  await frames(5);
  await page.reload();
  await ui.waitReady();
  s = await state();
  check(s.region === 'eu-west-1', `after a reload the selected Region is eu-west-1 (${s.region})`);
  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(' | ')})`);
});
