#!/usr/bin/env node
// Browser test of the core workflow, driven like a learner: real mouse clicks on tagged widgets
// (window.sandbox.widgetRect) and real keyboard typing. It creates a table through the wizard
// (first seeing DynamoDB's own validation error next to the name field), adds an item in the item
// editor, runs a Query, then finds all three in the API console with correct AWS CLI equivalents,
// runs a typed `aws dynamodb put-item ...` command in the console, copies a CLI line and exports
// the session script.
//   node tests/ui/browser_core.mjs --dir build/web [--chromium /usr/bin/chromium]
import path from 'node:path';
import { runBrowserTest } from './lib.mjs';

runBrowserTest('core', async ({ url, page, ui, check, errors: consoleErrors, artifacts }) => {
  const { state, rect, frames, click, type } = ui;
  const panel = async (title) => (await state()).panelState[title];
  const request = ui.request;
  let got = null;
  // DynamoDB JSON -> plain JSON, and objects with sorted keys (to compare items exactly).
  const plain = (item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, value(v)]));
  function value(av) {
    const [type, v] = Object.entries(av)[0];
    if (type === 'N') return Number(v);
    if (type === 'NULL') return null;
    if (type === 'L') return v.map(value);
    if (type === 'M') return plain(v);
    return v;
  }
  const canonical = (v) => (Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object'
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);

  await page.goto(url);
  await page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null, { timeout: 60000 });
  let s = await state();
  for (const title of ['Clock', 'Tables', 'Item explorer', 'Query & Scan', 'API console']) {
    check(s.openPanels.includes(title), `${title} panel is open by default`);
  }
  check(s.tables === 0 && s.requestLog.length === 0, 'a fresh sandbox: no tables, no requests');
  // Other panels that open by default (lessons, ...) may cover ours: close them from the View menu.
  const core = ['Clock', 'Tables', 'Item explorer', 'Query & Scan', 'API console', 'Capacity'];
  for (const title of s.openPanels.filter((t) => !core.includes(t))) {
    await click('menu.view');
    await click(`menu.view.${title}`);
  }
  s = await state();
  check(s.openPanels.every((t) => core.includes(t)), `only the core panels are open (${s.openPanels.join(', ')})`);

  // 1. Create a table through the wizard. Alt+N opens it (keyboard shortcut); the button too.
  await page.mouse.click(1000, 300);  // focus the canvas (the item explorer's empty area)
  await page.keyboard.press('Alt+N');
  await frames(3);
  check((await panel('Tables')).wizardOpen, 'Alt+N opens the create-table wizard');
  // A too-short name first: DynamoDB's own error, next to the name field.
  await click('tables.create');
  check((await panel('Tables')).wizardOpen, 'Create table... opens the wizard');
  await type('wizard.name', 'ab');
  let tables = await panel('Tables');
  check(/tableName|TableName|table name/.test(tables.wizardErrors.name),
        `a 2-character name shows DynamoDB's error next to the name field: "${tables.wizardErrors.name}"`);
  await type('wizard.name', 'Books');
  await type('wizard.pk', 'Author');
  await click('wizard.has_sk');
  await type('wizard.sk', 'Title');
  tables = await panel('Tables');
  check(Object.values(tables.wizardErrors).every((e) => e === ''), `the request is valid (${JSON.stringify(tables.wizardErrors)})`);
  await page.screenshot({ path: path.join(artifacts, 'browser-core-wizard.png') });
  await click('wizard.create');
  s = await state();
  check(s.tables === 1 && s.panelState.Tables.lastCreated === 'Books' && !s.panelState.Tables.wizardOpen,
        'Create table creates Books and closes the wizard');
  const described = await page.evaluate(() => window.sandbox.request('DescribeTable', { TableName: 'Books' }));
  check(described.status === 200 && described.body.Table.KeySchema.length === 2 &&
        described.body.Table.KeySchema[1].AttributeName === 'Title', 'Books has the key schema Author + Title');

  // 2. Add an item in the item editor.
  await frames(3);
  check((await panel('Item explorer')).table === 'Books', 'the item explorer follows the new table');
  await click('items.new');
  check((await panel('Item explorer')).editorOpen, 'New item opens the item editor');
  await type('editor.attr.0.value', 'Ursula K. Le Guin');
  await type('editor.attr.1.value', 'The Dispossessed');
  await click('editor.add_attr');
  await type('editor.attr.2.name', 'Year');
  await type('editor.attr.2.value', '1974');
  // The plain JSON view: types are inferred (1974 becomes a Number).
  // The first click ends the text edit (ImGui deactivates an active text field when the click
  // reaches it, after the tab bar above was processed); the second selects the tab.
  await click('editor.tab.json');
  if (!(await rect('editor.json_text'))) await click('editor.tab.json');
  await type('editor.json_text', '{"Author": "Ursula K. Le Guin", "Title": "The Dispossessed", "Year": 1974, "Awards": ["Hugo", "Nebula"]}');
  await page.screenshot({ path: path.join(artifacts, 'browser-core-editor.png') });
  await click('editor.save');
  const items = await panel('Item explorer');
  check(!items.editorOpen && items.rows === 1 && items.editorError === '',
        `Save puts the item and shows it in the explorer (rows=${items.rows}, error="${items.editorError}")`);
  got = await page.evaluate(() => window.sandbox.request('GetItem',
    { TableName: 'Books', Key: { Author: { S: 'Ursula K. Le Guin' }, Title: { S: 'The Dispossessed' } } }));
  check(got.body.Item && got.body.Item.Year && got.body.Item.Year.N === '1974' && got.body.Item.Awards &&
        got.body.Item.Awards.L.length === 2, `the engine holds the item with inferred types: ${JSON.stringify(got.body.Item)}`);

  // 3. Run a Query.
  await type('query.pk_value', 'Ursula K. Le Guin');
  await click('query.run');
  const q = await panel('Query & Scan');
  check(q.count === 1 && q.scannedCount === 1 && q.error === '', `the Query finds the item (Count ${q.count}, ScannedCount ${q.scannedCount}, ${q.units} RCU)`);

  // 4. All three in the API console, with correct AWS CLI equivalents.
  s = await state();
  const log = s.requestLog;
  const create = log.find((e) => e.operation === 'CreateTable');
  const put = log.find((e) => e.operation === 'PutItem');
  const query = log.find((e) => e.operation === 'Query');
  check(create && create.status === 200 && create.source === 'Tables', 'the console lists CreateTable from the Tables panel');
  check(create && create.cli.startsWith('aws dynamodb create-table --table-name Books ') &&
        create.cli.includes(`--key-schema '[{"AttributeName":"Author","KeyType":"HASH"},{"AttributeName":"Title","KeyType":"RANGE"}]'`) &&
        create.cli.includes('--billing-mode PAY_PER_REQUEST'), `CreateTable's CLI: ${create && create.cli}`);
  check(put && put.status === 200 && put.cli.startsWith('aws dynamodb put-item --table-name Books --item \'{') &&
        put.cli.includes('"Author":{"S":"Ursula K. Le Guin"}') && put.cli.includes('"Year":{"N":"1974"}') &&
        put.capacity === '1 WCU', `PutItem's CLI: ${put && put.cli}`);
  check(query && query.status === 200 && query.cli.startsWith('aws dynamodb query --table-name Books ') &&
        query.cli.includes("--key-condition-expression '#pk = :pk'") &&
        query.cli.includes('--return-consumed-capacity TOTAL'), `Query's CLI: ${query && query.cli}`);

  // Selecting the CreateTable row shows it; Copy CLI puts the command on the clipboard.
  await click('console.row.CreateTable');
  check((await panel('API console')).selectedId === create.id, 'clicking the CreateTable row selects it');
  await click('console.copy_cli');
  const copied = await page.evaluate(() => window.ddbLastCopied || '');
  check(copied === create.cli, 'Copy CLI copies the create-table command (navigator.clipboard helper)');

  // 5. Type an `aws dynamodb put-item` command in the console and run it.
  //    The command arrives as one burst of key events inside a single frame, and Run is clicked at
  //    once: every character must be in the command before the click is applied.
  const command = `aws dynamodb put-item --table-name Books --item '{"Author":{"S":"Ursula K. Le Guin"},"Title":{"S":"The Left Hand of Darkness"}}'`;
  await type('console.input', 'a');
  await page.keyboard.press('Backspace');
  await frames(3);
  const run = await rect('console.run');
  await ui.burst(command);
  await page.mouse.click(run.x + run.w / 2, run.y + run.h / 2);
  await frames(6);
  check((await panel('API console')).input === command, 'the burst-typed command is complete in the prompt');
  s = await state();
  const last = s.requestLog[s.requestLog.length - 1];
  check(last.operation === 'PutItem' && last.status === 200 && last.source === 'API console' && s.panelState['API console'].promptError === '',
        `a typed AWS CLI command runs from the console (${last.operation} ${last.status} ${s.panelState['API console'].promptError})`);
  const count = await page.evaluate(() => window.sandbox.request('Scan', { TableName: 'Books', Select: 'COUNT' }));
  check(count.body.Count === 2, 'the typed command wrote the second item');

  // 6. Export the session as a shell script.
  await click('console.export');
  const script = (await panel('API console')).lastExport;
  const order = ['aws dynamodb create-table', 'aws dynamodb put-item', 'aws dynamodb query'].map((c) => script.indexOf(c));
  check(script.startsWith('#!/bin/sh') && order.every((i) => i > 0) && order[0] < order[1] && order[1] < order[2],
        'the exported script replays create-table, put-item and query in order');
  const download = await page.evaluate(() => window.ddbLastDownload && window.ddbLastDownload.name);
  check(download === 'ddb-sandbox-session.sh', 'the script is offered as a download');

  // 7. Every clock action is a request: pause, speed and play appear in the API console.
  const lastLog = async () => { const l = (await state()).requestLog; return l[l.length - 1]; };
  await click('clock.play');
  s = await state();
  let entry = await lastLog();
  check(!s.clockRunning && entry.operation === 'SandboxControl.PauseClock' && entry.status === 200 &&
        entry.source === 'Clock' && entry.cli.startsWith('# SandboxControl.PauseClock {}'),
        `Pause pauses the clock and is logged: ${entry.cli}`);
  await click('clock.speed');
  await click('clock.speed.60');
  s = await state();
  entry = await lastLog();
  check(s.clockSpeed === 60 && entry.operation === 'SandboxControl.SetClockSpeed' &&
        entry.cli.startsWith('# SandboxControl.SetClockSpeed {"Speed":60}'), `Speed 60x is logged: ${entry.cli}`);
  await click('clock.play');
  s = await state();
  entry = await lastLog();
  check(s.clockRunning && entry.operation === 'SandboxControl.ResumeClock' &&
        entry.cli.startsWith('# SandboxControl.ResumeClock {}'), `Play resumes the clock and is logged: ${entry.cli}`);
  await click('clock.speed');
  await click('clock.speed.1');
  check((await state()).clockSpeed === 1, 'the speed is back to 1x');

  // 8. Typing at full speed (no delay between keys) into the JSON editor loses nothing: a long item.
  await click('items.new');
  await click('editor.tab.json');
  if (!(await rect('editor.json_text'))) await click('editor.tab.json');
  const longItem = {
    Author: 'Ursula K. Le Guin', Title: 'The Word for World Is Forest', Year: 1972, Pages: 189, InPrint: true,
    Translator: null, Series: 'Hainish Cycle',
    Notes: 'First published in "Again, Dangerous Visions" (1972); a novel in 1976. Braces {x}, brackets [y], colons: ok!',
    Editions: [{ Publisher: 'Berkley', Year: 1976 }, { Publisher: 'Tor', Year: 2010, Cover: 'paperback' }],
    Awards: { Hugo: 'won 1973', Locus: 'nominated', Nebula: 'nominated' },
  };
  const longText = JSON.stringify(longItem).replaceAll('":', '": ').replaceAll(',"', ', "');
  check(longText.length > 400, `the text is long (${longText.length} characters)`);
  const typedAt = Date.now();
  await click('editor.json_text');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(longText);  // real key events, no delay between keys
  const save = await rect('editor.save');
  await page.mouse.click(save.x + Math.min(save.w / 2, 40), save.y + save.h / 2);  // at once, no frame waited
  console.log(`     typed ${longText.length} characters in ${Date.now() - typedAt} ms`);
  await frames(6);
  let ed = await panel('Item explorer');
  check(!ed.editorOpen && ed.editorError === '', `the long item saves (error "${ed.editorError}")`);
  got = await request('GetItem', { TableName: 'Books', Key: { Author: { S: longItem.Author }, Title: { S: longItem.Title } } });
  check(got.body.Item && JSON.stringify(canonical(plain(got.body.Item))) === JSON.stringify(canonical(longItem)),
        `the saved item is exactly what was typed: ${JSON.stringify(got.body.Item && plain(got.body.Item))}`);

  // 9. A string set in the form view: members added and removed one by one; DynamoDB's own errors
  //    for an empty set and for duplicates, from a dry run, next to the set.
  await click('items.new');
  await type('editor.attr.0.value', 'Ursula K. Le Guin');
  await type('editor.attr.1.value', 'The Lathe of Heaven');
  await click('editor.add_attr');
  await type('editor.attr.2.name', 'Tags');
  await click('editor.attr.2.type');
  await click('editor.attr.2.type.SS');
  ed = await panel('Item explorer');
  check(ed.setErrors && ed.setErrors.Tags ===
        'ValidationException: 1 validation error detected: One or more parameter values were invalid: An string set  may not be empty',
        `an empty set shows DynamoDB's error: "${ed.setErrors && ed.setErrors.Tags}"`);
  await click('editor.attr.2.add_member');
  await type('editor.attr.2.member.0', 'sf');
  await click('editor.attr.2.add_member');
  await type('editor.attr.2.member.1', 'sf');
  ed = await panel('Item explorer');
  check(ed.setErrors && ed.setErrors.Tags ===
        'ValidationException: 1 validation error detected: One or more parameter values were invalid: Input collection [sf, sf] contains duplicates.',
        `a duplicate shows DynamoDB's error: "${ed.setErrors && ed.setErrors.Tags}"`);
  await type('editor.attr.2.member.1', 'dreams');
  await click('editor.attr.2.add_member');
  await type('editor.attr.2.member.2', 'to be removed');
  await click('editor.attr.2.member.2.remove');
  ed = await panel('Item explorer');
  check(ed.setErrors && Object.keys(ed.setErrors).length === 0, `a valid set shows no error (${JSON.stringify(ed.setErrors)})`);
  await click('editor.save');
  got = await request('GetItem', { TableName: 'Books', Key: { Author: { S: 'Ursula K. Le Guin' }, Title: { S: 'The Lathe of Heaven' } } });
  check(got.body.Item && got.body.Item.Tags && JSON.stringify([...got.body.Item.Tags.SS].sort()) === '["dreams","sf"]',
        `the item holds the string set: ${JSON.stringify(got.body.Item && got.body.Item.Tags)}`);

  // 10. The filter builder: OR between conditions, NOT on one, AND binding tighter (parenthesised).
  await click('query.mode_scan');
  if (!(await rect('query.add_filter'))) await click('query.options');
  const reveal = async (id) => {  // scroll the Query & Scan panel until the widget is fully on screen
    for (let i = 0; i < 12; i++) {
      const r = await rect(id);
      if (r && r.visible && r.y > 480 && r.y + r.h < 790) return;
      await page.mouse.move(300, 640);
      await page.mouse.wheel(0, r && r.y <= 480 ? -60 : 60);
      await frames(2);
    }
  };
  const filterRow = async (i, attr, value) => {
    await reveal('query.add_filter');
    await click('query.add_filter');
    if (i > 0 && attr === 'Title') {
      await reveal(`query.filter.${i}.connector`);
      await click(`query.filter.${i}.connector`);  // AND -> OR
    }
    await reveal(`query.filter.${i}.attr`);
    await type(`query.filter.${i}.attr`, attr);
    await type(`query.filter.${i}.value`, value);
  };
  await filterRow(0, 'Title', 'The Dispossessed');
  await filterRow(1, 'Title', 'The Lathe of Heaven');
  await reveal('query.run');
  await click('query.run');
  let fq = await panel('Query & Scan');
  check(fq.filterExpression === '#f0 = :f0 OR #f1 = :f1' && fq.count === 2 && fq.scannedCount === 4 && fq.error === '',
        `OR: "${fq.filterExpression}" matches 2 of 4 (Count ${fq.count}, ScannedCount ${fq.scannedCount}, "${fq.error}")`);
  await reveal('query.filter.1.not');
  await click('query.filter.1.not');
  await filterRow(2, 'Author', 'Ursula K. Le Guin');
  await reveal('query.run');
  await click('query.run');
  fq = await panel('Query & Scan');
  const expected = '#f0 = :f0 OR (NOT (#f1 = :f1) AND #f2 = :f2)';
  check(fq.filterExpression === expected && fq.count === 3 && fq.error === '',
        `NOT and AND: "${fq.filterExpression}" matches 3 of 4 (Count ${fq.count}, "${fq.error}")`);
  entry = (await state()).requestLog.filter((e) => e.operation === 'Scan').pop();
  check(entry && entry.status === 200 && entry.cli.includes(`--filter-expression '${expected}'`) &&
        entry.cli.includes('"#f1":"Title"') && entry.cli.includes('":f2":{"S":"Ursula K. Le Guin"}'),
        `the console shows the Scan with its filter and placeholders: ${entry && entry.cli}`);
  await page.screenshot({ path: path.join(artifacts, 'browser-core-filter.png') });

  // 11. Describe view and capacity chart of the selected table.
  await click('tables.describe');
  s = await state();
  check(s.panelState.Tables.describeOpen && s.requestLog.some((e) => e.operation === 'DescribeTable' &&
        e.cli === 'aws dynamodb describe-table --table-name Books --region us-east-1'), 'Describe shows the table and logs describe-table');
  await click('tables.capacity');
  s = await state();
  check(s.openPanels.includes('Capacity') && s.panelState.Capacity.samples > 0,
        `the Capacity chart opens with this table's per-second samples (${s.panelState.Capacity && s.panelState.Capacity.samples})`);

  await page.mouse.move(1279, 799);
  await frames(5);
  await page.screenshot({ path: path.join(artifacts, 'browser-core.png') });
  check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
});
