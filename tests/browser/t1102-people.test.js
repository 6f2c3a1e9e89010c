// t1102-people.test.js: the people register in a real browser, through the
// real forms of the real server, as a commune officer — a person added with a
// wrong date, the error named and fixed on the way; the record opened only
// after the purpose of access is answered; the person found by a search typed
// without diacritics; the identity corrected through the edit form linked
// from the record, the change shown on the record with its notice.
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
  if (server) await server.stop();
});

const pathOf = (page) => new URL(page.url()).pathname;

test('add with a wrong date fixed, purpose asked, found without diacritics, edited', async () => {
  const { context, page } = await h.openAs(browser, server.url, 'signed-in');
  try {
    // add: a date that does not exist is named, what was typed is kept
    await page.goto(`${server.url}/nguoi/them`);
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hằng');
    await page.getByLabel('Ngày sinh').fill('31/02/1990');
    await page.getByLabel('Nữ').check();
    await page.getByLabel('Mã đơn vị hành chính nơi cư trú (xã, phường)').fill('03006');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu hồ sơ' }).click()]);
    const summary = page.locator('.error-summary');
    assert.ok(await summary.isVisible(), 'the error summary is shown');
    assert.match(await summary.textContent(), /31\/02\/1990/, 'the summary names the wrong date');
    assert.ok(await page.locator('#ngay-sinh-loi').isVisible(), 'the message above the field');
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Nguyễn Thị Hằng', 'the name kept');
    // the summary's link leads to the field
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'ngay-sinh');
    await page.getByLabel('Ngày sinh').fill('28/02/1990');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu hồ sơ' }).click()]);
    const record = pathOf(page);
    assert.match(record, /^\/nguoi\/\d+$/, 'sent to the new record');

    // the record: the purpose of access first
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Mục đích truy cập hồ sơ' }).isVisible(),
      'the purpose is asked before the record');
    assert.equal(await page.getByText('Nguyễn Thị Hằng').count(), 0, 'nothing of the record before');
    await page.locator('input[name="muc-dich"]').first().check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
    assert.equal(pathOf(page), record, 'back to the record');
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Nguyễn Thị Hằng' }).isVisible());
    assert.ok(await page.getByText('28/02/1990').isVisible(), 'the date of birth dd/mm/yyyy');

    // the search, typed without diacritics
    await page.goto(`${server.url}/nguoi`);
    await page.getByLabel('Họ tên hoặc số CCCD').fill('nguyen thi hang');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tìm kiếm' }).click()]);
    const hit = page.getByRole('link', { name: 'Nguyễn Thị Hằng' });
    assert.equal(await hit.count(), 1, 'found by the name without diacritics');
    await Promise.all([page.waitForLoadState('load'), hit.click()]);
    assert.equal(pathOf(page), record, 'the hit opens the record');

    // edit: the form linked from the record, filled from it
    await Promise.all([page.waitForLoadState('load'),
      page.getByRole('link', { name: 'Sửa thông tin cá nhân' }).click()]);
    assert.equal(pathOf(page), `${record}/sua`);
    assert.equal(await page.getByLabel('Họ và tên').inputValue(), 'Nguyễn Thị Hằng');
    assert.equal(await page.getByLabel('Ngày sinh').inputValue(), '28/02/1990');
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Thu Hằng');
    await page.getByLabel('Địa chỉ (thôn, tổ, số nhà)').fill('Tổ 4');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu hồ sơ' }).click()]);
    assert.equal(pathOf(page), record, 'back to the record after saving');
    assert.ok(await page.getByText('Đã lưu thông tin cá nhân.').isVisible(), 'the notice');
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Nguyễn Thị Thu Hằng' }).isVisible(),
      'the new name shown');
    assert.ok(await page.getByText('Tổ 4').isVisible(), 'the new address shown');
  } finally {
    await context.close();
  }
});
