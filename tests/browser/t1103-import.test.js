// t1103-import.test.js: importing a CSV file in a real browser — a commune
// officer opens the import page, chooses a people file with four bad rows
// (worked out by hand below), sees each bad row with its line and column in
// the table and the good rows counted, nothing saved by the check; imports
// the good ones ("Nhập"); downloads the rejects file, which holds the bad
// rows with their line and reason. The page without the script says what to
// do instead.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
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

const PCMT_BIN = process.env.PCMT_BIN || `${h.SOURCE_DIR}/build/pcmt`;

// line 1 the header; 2 good; 3 31/02 is no date (column 3, Ngày sinh); 4 no unit 99999
// (column 5, Mã đơn vị); 5 an empty name (column 2, Họ tên); 6 the byte 0xFF in the
// address (column 6, Địa chỉ); 7 good.
const FILE = Buffer.concat([
  Buffer.from(
    'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ\n' +
      '015090100001,Hoàng Văn Tỏa,12/03/1990,Nam,03006,Tổ 1\n' +
      '015191100002,Lý Thị Sen,31/02/1991,Nữ,03006,Tổ 2\n' +
      '015092100003,Tráng A Pó,01/01/1992,Nam,99999,Tổ 3\n' +
      '015193100004,,05/05/1993,Nữ,03006,Tổ 4\n' +
      '015094100005,Giàng A Dình,06/06/1994,Nam,03006,Tổ ',
  ),
  Buffer.from([0xff]),
  Buffer.from(' 5\n015194100006,Sùng Thị Mỷ,07/07/1994,Nữ,03006,Tổ 6\n'),
]);

function search(name) {
  return execFileSync(PCMT_BIN, ['--db', server.db, 'person', 'search', name]).toString();
}

test('a file with bad rows: each shown, the good rows imported, the rejects downloaded', async () => {
  const { context, page } = await h.openAs(browser, server.url, 'signed-in', { width: 1366, height: 768 });
  try {
    await page.goto(`${server.url}/nhap-du-lieu`);
    await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu từ tệp' }).waitFor();
    assert.equal(await page.locator('#nhap-can-script').isVisible(), false, 'the no-script notice is hidden');
    await page.getByLabel('Danh sách').selectOption('people');
    await page.getByLabel('Tệp dữ liệu').setInputFiles({ name: 'người tháng 11.csv', mimeType: 'text/csv', buffer: FILE });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();

    const table = page.locator('#nhap-ket-qua table');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.cells).slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(rows, [
      ['3', 'Ngày sinh (cột 3)'],
      ['4', 'Mã đơn vị (cột 5)'],
      ['5', 'Họ tên (cột 2)'],
      ['6', 'Địa chỉ (cột 6)'],
    ]);
    const reasons = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.match(reasons[0], /31\/02\/1991/);
    assert.match(reasons[1], /99999/);
    assert.match(reasons[3], /0xFF/);
    assert.match(await page.locator('#nhap-ket-qua').textContent(), /6 dòng dữ liệu: 2 dòng hợp lệ, 4 dòng lỗi/);
    assert.doesNotMatch(search('hoang van toa'), /Hoàng Văn Tỏa/, 'the check saved nothing');

    // the rejects file, from the answer, as `pcmt import` writes it
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#nhap-tai-loi').click()]);
    assert.equal(download.suggestedFilename(), 'người tháng 11.csv.rejects.csv');
    const rejects = fs.readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
    assert.equal(rejects[0], 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ,Dòng,Lỗi');
    assert.deepEqual(rejects.slice(1, 5).map((l) => l.split(',')[0]),
      ['015191100002', '015092100003', '015193100004', '015094100005']);
    assert.match(rejects[1], /,3,"Ngày sinh: /);
    assert.match(rejects[2], /,4,Mã đơn vị: /);

    await page.getByRole('button', { name: 'Nhập 2 dòng hợp lệ' }).click();
    await page.getByRole('heading', { name: 'Đã nhập tệp người tháng 11.csv' }).waitFor();
    assert.match(await page.locator('#nhap-ket-qua').textContent(), /thêm 2, sửa 0, giữ nguyên 0; từ chối 4 dòng/);
    assert.match(search('hoang van toa'), /Hoàng Văn Tỏa/);
    assert.match(search('sung thi my'), /Sùng Thị Mỷ/);
    assert.doesNotMatch(search('ly thi sen'), /Lý Thị Sen/);
  } finally {
    await context.close();
  }
});

test('without the script the page says what to do', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await h.signIn(page, server.url, h.USERS.commune.login);
    await page.goto(`${server.url}/nhap-du-lieu`);
    assert.ok(await page.locator('#nhap-can-script').isVisible());
    assert.match(await page.locator('#nhap-can-script').textContent(), /pcmt import/);
    assert.equal(await page.locator('#nhap-form').isVisible(), false, 'no form that cannot work');
  } finally {
    await context.close();
  }
});
