// harness.js: what every browser test needs — the real `pcmt serve` on a free
// loopback port over a fresh database (units, users, as tests/e2e/t1002 makes
// them), Debian's Chromium driven by playwright-core, TOTP codes from oathtool,
// and signing in through the real forms. Everything started here is torn down
// by the `stop` functions; no fixed sleeps: every wait polls its condition.
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const SOURCE_DIR = process.env.PCMT_SOURCE_DIR || path.resolve(__dirname, '..', '..', '..');
const PCMT_BIN = process.env.PCMT_BIN || path.join(SOURCE_DIR, 'build', 'pcmt');
const CHROMIUM = process.env.PCMT_CHROMIUM || '/usr/bin/chromium';

// One password for every test user: 10+ characters, not a common one.
const PASSWORD = 'ngõ nhỏ phố nhỏ 1987';

// The users of the test database. Unit 15 is the province of Lào Cai, whose
// officers must use a second factor; 03006 is a commune, whose officers are
// only offered one.
const USERS = {
  commune: { login: 'cb.xa', role: 'officer', unit: '03006' },
  province: { login: 'ql.tinh', role: 'officer', unit: '15' },
  newcomer: { login: 'moi.tinh', role: 'officer', unit: '15' },
  admin: { login: 'qt.tw', role: 'admin', unit: '' },
};

// Chromium's switches for this machine: headless, and none of its background
// connections (the network is closed; they would fail at every start).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Poll `cond` (async, truthy when done) every `every` ms until `ms` have
// passed; throws with `what` on time-out.
async function waitFor(what, cond, ms = 15000, every = 50) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

function pcmt(db, args, input) {
  return execFileSync(PCMT_BIN, ['--db', db, ...args], {
    input: input === undefined ? '' : input,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).toString();
}

// Make a fresh database in a new temporary folder and start `pcmt serve` on
// it; resolves once /healthz answers 200. Returns { url, dir, db, log(), stop() }.
async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcmt-browser-'));
  const db = path.join(dir, 'web.db');
  pcmt(db, ['init']);
  pcmt(db, ['units', 'import']);
  for (const u of Object.values(USERS))
    pcmt(db, ['user', 'add', u.login, '--role', u.role, ...(u.unit ? ['--unit', u.unit] : [])],
      PASSWORD + '\n');

  const child = spawn(
    PCMT_BIN,
    ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--threads', '2'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  let exited = null;
  child.stderr.on('data', (d) => (log += d));
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await exit;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return exited;
  };
  try {
    const port = await waitFor('the listening notice', () => {
      if (exited) throw new Error(`pcmt serve exited ${JSON.stringify(exited)}: ${log}`);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      return m && m[1];
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor('/healthz', async () => {
      try {
        return (await fetch(`${url}/healthz`)).status === 200;
      } catch {
        return false;
      }
    });
    return { url, dir, db, log: () => log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

// Launch Chromium. playwright's launch() gives it a fresh, empty
// --user-data-dir of its own and removes it at close.
async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// The TOTP code of `secret` (base32) at now + `offset` seconds.
function totp(secret, offset = 0) {
  const at = Math.floor(Date.now() / 1000) + offset;
  return execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${at}`]).toString().trim();
}

// Fill and send the sign-in form of `page` (any page of the server `url`).
async function signIn(page, url, login, password = PASSWORD) {
  await page.goto(`${url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(login);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

// On the enrolment page: read the key shown beside the QR code, send its
// current code; returns the key (base32). Leaves the recovery codes page open.
async function enrol(page) {
  const secret = (await page.locator('code.secret').textContent()).trim();
  await page.getByLabel('Mã 6 chữ số ứng dụng hiện ra').fill(totp(secret));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByRole('heading', { name: 'Đã đăng ký xác thực hai bước' }).waitFor();
  return secret;
}

// The recovery codes of the national administrator, by server URL: each
// 'admin' page signs in with one (a TOTP code serves once per 30 s step).
const adminCodes = new Map();

// Sign the administrator in on `page` and pass the second step with a
// recovery code; enrols it (keeping its ten codes) on first use.
async function signInAdmin(browser, url, page) {
  if (!adminCodes.has(url)) {
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      await signIn(p, url, USERS.admin.login);
      await enrol(p);
      adminCodes.set(url, await p.locator('li code').allTextContents());
    } finally {
      await context.close();
    }
  }
  const code = adminCodes.get(url).shift();
  if (!code) throw new Error('the administrator has no recovery code left');
  await signIn(page, url, USERS.admin.login);
  await page.getByLabel('Mã xác thực').fill(code);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
}

// Open a new browser context (its own cookies) in the state `as` names, and
// a page in it: 'visitor' (no session), 'signed-in' (a commune officer),
// 'code-pending' (a province officer after the password, before the code;
// the user must have enrolled), 'enrol-pending' (a province officer who has
// not enrolled yet), 'admin' (the national administrator, past the second
// step). Returns { context, page }.
async function openAs(browser, url, as, viewport) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  const login = {
    visitor: null,
    'signed-in': USERS.commune.login,
    'code-pending': USERS.province.login,
    'enrol-pending': USERS.newcomer.login,
    admin: USERS.admin.login,
  }[as];
  if (login === undefined) throw new Error(`unknown state '${as}'`);
  if (as === 'admin') await signInAdmin(browser, url, page);
  else if (login) await signIn(page, url, login);
  return { context, page };
}

// Sign `user` in on a context of its own and enrol its second factor; returns
// the key. The 'code-pending' state needs the province officer enrolled.
async function enrolUser(browser, url, user) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, url, user.login);
    return await enrol(page);
  } finally {
    await context.close();
  }
}

// Open the page `entry` of pages.js as its visitor would, at `viewport`:
// a new context in the entry's state, the page loaded and its `then` step
// done. `onContext(context, page)` runs before the page's own navigation
// (to start counting its bytes). Returns { context, page }.
async function openPage(browser, url, entry, viewport, onContext) {
  const { context, page } = await openAs(browser, url, entry.as, viewport);
  if (onContext) await onContext(context, page);
  await page.goto(url + entry.path);
  if (entry.then) await entry.then(page);
  await page.waitForLoadState('networkidle');
  return { context, page };
}

module.exports = {
  enrolUser,
  openPage,
  PASSWORD,
  USERS,
  SOURCE_DIR,
  waitFor,
  startServer,
  launchBrowser,
  totp,
  signIn,
  enrol,
  openAs,
};
