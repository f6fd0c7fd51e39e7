// The browser tests' shared harness (tests/ui/browser_*.mjs): command-line arguments, the check()
// tally, the static server for the web build (scripts/serve.mjs), Debian's headless Chromium with
// software WebGL2 (SwiftShader) and a fresh profile, and a driver for the window.sandbox test hook
// (state, widget rectangles, engine requests, real clicks and typing on tagged widgets, panels).
//   import { runBrowserTest } from './lib.mjs';
//   runBrowserTest('core', async ({ page, ui, check, artifacts }) => { ... });
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

// --dir build/web (the web build, served) and --chromium /usr/bin/chromium.
export function parseArgs(argv = process.argv) {
  const args = { dir: 'build/web', chromium: '/usr/bin/chromium' };
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '--dir') args.dir = argv[++i];
    else if (argv[i] === '--chromium') args.chromium = argv[++i];
  }
  args.artifacts = path.join(args.dir, 'test-artifacts');  // screenshots
  fs.mkdirSync(args.artifacts, { recursive: true });
  return args;
}

// One "ok"/"FAIL" line per check; the process exits non-zero when any failed.
let failures = 0;
export function check(condition, what) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${what}`);
  if (!condition) failures++;
  return condition;
}
export function fail(err) {
  console.error(err);
  failures++;
}
export function failureCount() { return failures; }

// Flags that work as root on this machine (../shared/TOOLCHAIN.md): WebGL2 renders in software.
export const kChromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader'];

// Serves args.dir on a free port and launches one Chromium context. launch() makes more (another
// devicePixelRatio, ...); close() ends them all, the server, and removes the profiles.
export async function startBrowser(args, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const { server, url } = await startServer({ dir: args.dir, port: 0 });
  const userDataDirs = [];
  const contexts = [];
  async function launch(scale = deviceScaleFactor) {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-chromium-'));
    userDataDirs.push(userDataDir);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: args.chromium, headless: true, viewport, deviceScaleFactor: scale, args: kChromiumArgs,
    });
    contexts.push(context);
    return context;
  }
  let context = null;
  try {
    context = await launch();
  } catch (err) {
    server.close();
    for (const dir of userDataDirs) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] || await context.newPage();
  async function close() {
    for (const c of contexts) await c.close().catch(() => {});
    server.close();
    for (const dir of userDataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { url, context, page, launch, close };
}

// Console errors and uncaught page errors, collected into the returned array.
export function collectErrors(page, { consoleErrors = true, label = '' } = {}, into = []) {
  const tag = label ? ` (${label})` : '';
  if (consoleErrors) page.on('console', (msg) => { if (msg.type() === 'error') into.push(`${msg.text()}${tag}`); });
  page.on('pageerror', (err) => into.push(`pageerror${tag}: ${err.message}`));
  return into;
}

// The window.sandbox driver of one page. click() waits for the tagged widget, clicks it (at most
// clickOffset px into it, so wide widgets are hit near their label) and lets clickFrames frames pass:
// ImGui reacts over the next frames (press on one, release on another).
export function sandboxDriver(page, { clickOffset = 40, clickFrames = 3 } = {}) {
  const ui = {};
  ui.state = () => page.evaluate(() => window.sandbox.state());
  ui.rect = (id) => page.evaluate((testId) => window.sandbox.widgetRect(testId), id);
  // The engine directly (bypasses the API console's log): {status, errorType, body}.
  ui.request = (op, body) => page.evaluate(([o, b]) => window.sandbox.request(o, b), [op, body]);
  ui.waitReady = () => page.waitForFunction(() => window.sandbox && window.sandbox.ready === true, null,
                                            { timeout: 60000 });
  ui.frames = async (n = 3) => {
    const f = (await ui.state()).frame;
    await page.waitForFunction((x) => window.sandbox.state().frame >= x, f + n, { timeout: 15000 });
  };
  ui.waitWidget = async (id, timeout = 15000) => {
    await page.waitForFunction((testId) => {
      const r = window.sandbox.widgetRect(testId);
      return r && r.visible && r.w > 0;
    }, id, { timeout }).catch(() => {});
    return ui.rect(id);
  };
  ui.click = async (id, { offset = clickOffset, frames = clickFrames } = {}) => {
    const r = await ui.waitWidget(id);
    if (!check(r && r.visible && r.w > 0 && r.h > 0, `widget ${id} is on screen`)) return false;
    await page.mouse.click(r.x + Math.min(r.w / 2, offset), r.y + r.h / 2);
    await ui.frames(frames);
    return true;
  };
  // Clicks a text field, selects all, deletes, types text at full speed (options.delay ms a key if
  // given), optionally presses Enter, and lets a few frames pass.
  ui.type = async (id, text, { enter = false, delay = 0 } = {}) => {
    if (!(await ui.click(id))) return false;
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text, { delay });
    if (enter) await page.keyboard.press('Enter');
    await ui.frames(3);
    return true;
  };
  // Types text as one burst: every key's keydown, keypress and keyup dispatched to the page in a
  // single task, so all of them reach the app inside one frame (a fast typist on a slow frame).
  ui.burst = (text) => page.evaluate((t) => {
    for (const c of t) {
      const code = /[a-z]/i.test(c) ? `Key${c.toUpperCase()}` : /[0-9]/.test(c) ? `Digit${c}` : c === ' ' ? 'Space' : '';
      const init = { key: c, code, keyCode: c.toUpperCase().charCodeAt(0), bubbles: true, cancelable: true };
      window.dispatchEvent(new KeyboardEvent('keydown', init));
      window.dispatchEvent(new KeyboardEvent('keypress', { ...init, charCode: c.charCodeAt(0), keyCode: c.charCodeAt(0) }));
      window.dispatchEvent(new KeyboardEvent('keyup', init));
    }
  }, text);
  // Opens a panel from the View menu (two real clicks) unless it is open already.
  ui.openPanel = async (title) => {
    if ((await ui.state()).openPanels.includes(title)) return;
    await ui.click('menu.view');
    await ui.click(`menu.view.${title}`);
    check((await ui.state()).openPanels.includes(title), `View > ${title} opens the panel`);
  };
  // A panel's TestState() (window.sandbox.state().panelState[title]), as a plain object.
  ui.panel = async (title) => JSON.parse(JSON.stringify((await ui.state()).panelState[title] || {}));
  // Polls a panel's state until pred holds (or timeout), then checks it.
  ui.waitPanel = async (title, pred, what, timeout = 15000) => {
    let last = null;
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      last = await ui.panel(title);
      if (pred(last)) break;
      await ui.frames(2);
    }
    check(pred(last), `${what} (${JSON.stringify(last)})`);
    return last;
  };
  return ui;
}

// Runs one browser test: starts the server and Chromium, hands body() {args, url, page, context,
// launch, ui, check, errors, artifacts}, counts an exception as a failure, closes everything, prints
// the verdict line and exits (0: every check passed).
export async function runBrowserTest(name, body, options = {}) {
  const args = parseArgs();
  let browser = null;
  try {
    browser = await startBrowser(args, options);
    const errors = collectErrors(browser.page, { consoleErrors: options.consoleErrors !== false });
    const ui = sandboxDriver(browser.page, options);
    await body({ ...browser, args, ui, check, errors, artifacts: args.artifacts });
  } catch (err) {
    fail(err);
  } finally {
    if (browser) await browser.close();
  }
  console.log(failures === 0 ? `browser ${name} test passed` : `browser ${name} test: ${failures} failure(s)`);
  process.exit(failures === 0 ? 0 : 1);
}
