// t1100-signin.test.js: signing in and out in a real browser, through the real
// forms of the real server — a province officer enrolling the second factor
// from the QR page's key and later signing in with a code; a wrong password
// and a wrong code shown with their messages; the sign-in form filled and
// sent with the keyboard alone, with visible focus; sign-out ending the
// session.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

let server;
let browser;

before(async () => {
  server = await h.startServer();
  browser = await h.launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const exit = await server.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, 'pcmt serve stops cleanly on SIGTERM');
  }
});

const pathOf = (page) => new URL(page.url()).pathname;

// Sign out with the header's button; the session must be over on the server.
async function signOut(page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/dang-nhap$/);
  await page.goto(`${server.url}/`);
  assert.equal(pathOf(page), '/dang-nhap', 'home after sign-out sends to sign-in');
}

test('a province officer enrols from the QR page, signs out, and signs in later with a code', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { login } = h.USERS.province;

  await h.signIn(page, server.url, login);
  assert.equal(pathOf(page), '/xac-thuc/dang-ky', 'sent to enrolment after the password');
  await page.goto(`${server.url}/`);
  assert.equal(pathOf(page), '/xac-thuc/dang-ky', 'nothing else before enrolment');
  assert.ok(await page.locator('svg.qr').isVisible(), 'the QR code is shown');
  const secret = await h.enrol(page);
  assert.match(secret, /^[A-Z2-7]{32}$/, 'a 20-byte key in base32');
  const codes = await page.locator('ul.recovery-codes li').allTextContents();
  assert.equal(codes.length, 10, 'ten recovery codes');
  assert.equal(new Set(codes).size, 10, 'recovery codes distinct');
  await page.getByRole('link', { name: 'Đã cất mã, tiếp tục' }).click();
  await page.waitForURL(`${server.url}/`);
  await signOut(page);

  // later: the password, then the second step
  await h.signIn(page, server.url, login);
  assert.equal(pathOf(page), '/xac-thuc', 'asked for the code after the password');
  // the code of an hour ago is wrong
  await page.getByLabel('Mã xác thực').fill(h.totp(secret, -3600));
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await assert.doesNotReject(
    page.getByRole('alert').getByText('Mã xác thực không đúng.').waitFor(),
    'a wrong code is told',
  );
  assert.equal(pathOf(page), '/xac-thuc');
  // the next step's code (the enrolment used the current one: replay is refused)
  await page.getByLabel('Mã xác thực').fill(h.totp(secret, 30));
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.waitForURL(`${server.url}/`);
  assert.ok(await page.locator('.site-user').getByText(login).isVisible(), 'the header names the user');
  await signOut(page);
  await context.close();
});

test('a wrong password shows the message, keeps the login typed, and signs nobody in', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await h.signIn(page, server.url, h.USERS.commune.login, 'mật khẩu sai hoàn toàn');
  const alert = page.getByRole('alert');
  assert.match(await alert.textContent(), /Tên đăng nhập hoặc mật khẩu không đúng\./);
  assert.match(await page.title(), /^Lỗi: /, 'the title says there is an error');
  // the summary's link leads to the field
  assert.equal(await alert.getByRole('link').getAttribute('href'), '#login');
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), h.USERS.commune.login);
  assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '', 'the password is never sent back');
  await page.goto(`${server.url}/`);
  assert.equal(pathOf(page), '/dang-nhap', 'not signed in');
  await context.close();
});

// Press Tab until the focused element satisfies `is` (at most `max` presses);
// returns what was focused on the way, for the failure message.
async function tabTo(page, is, max = 10) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { tag: e.tagName, id: e.id, text: e.textContent.trim(), outline: s.outlineStyle, width: s.outlineWidth };
    });
    seen.push(f);
    if (is(f)) return { f, seen };
  }
  assert.fail(`Tab never reached the element; focused: ${JSON.stringify(seen)}`);
}

test('keyboard only: Tab reaches the fields with visible focus, Enter signs in, sign-out by keyboard', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/dang-nhap`);

  // the first Tab shows the skip link
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
  assert.ok(await skip.evaluate((e) => e === document.activeElement), 'the skip link comes first');
  const box = await skip.boundingBox();
  assert.ok(box && box.x >= 0 && box.y >= 0, `the focused skip link is on screen: ${JSON.stringify(box)}`);

  const { f: login } = await tabTo(page, (f) => f.id === 'login');
  assert.notEqual(login.outline, 'none', 'focus is visible on the login field');
  await page.keyboard.type(h.USERS.commune.login);
  await page.keyboard.press('Tab');
  const pw = await page.evaluate(() => document.activeElement.id);
  assert.equal(pw, 'password', 'Tab goes from the login to the password');
  await page.keyboard.type(h.PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.url}/`);
  assert.ok(await page.locator('.site-user').getByText(h.USERS.commune.login).isVisible());

  // sign out: Tab to the header's button, Enter
  const { f: out } = await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Đăng xuất');
  assert.notEqual(out.outline, 'none', 'focus is visible on the sign-out button');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/dang-nhap$/);
  await page.goto(`${server.url}/`);
  assert.equal(pathOf(page), '/dang-nhap', 'signed out');
  await context.close();
});

// A page of another site that posts the sign-in form to PCMT (login CSRF):
// refused whether the browser names that site in Origin or, under the other
// page's own no-referrer policy, sends Origin: null as our pages make it do.
test('a sign-in form posted from another site is refused', async () => {
  for (const policy of ['strict-origin-when-cross-origin', 'no-referrer']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('http://elsewhere.test/', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!DOCTYPE html><meta name="referrer" content="${policy}">
<form method="post" action="${server.url}/dang-nhap">
<input name="login" value="${h.USERS.commune.login}"><input name="password" value="${h.PASSWORD}">
<button>go</button></form>`,
      }),
    );
    await page.goto('http://elsewhere.test/');
    const [answer] = await Promise.all([
      page.waitForResponse(`${server.url}/dang-nhap`),
      page.getByRole('button', { name: 'go' }).click(),
    ]);
    assert.equal(answer.status(), 403, `posted from another site (${policy})`);
    assert.equal((await context.cookies(server.url)).length, 0, `no session cookie (${policy})`);
    await context.close();
  }
});
