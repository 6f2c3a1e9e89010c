// pages.js: every page the browser tests check with axe-core, weigh, and
// `make screenshots` draws. Adding a page is one line: a name (the screenshot's
// file name), the state its visitor is in (harness.js openAs: 'visitor',
// 'signed-in', 'code-pending', 'enrol-pending', 'admin'), its path, the heading it must
// show (so that a redirect elsewhere cannot pass for it), and optionally
// `then`, an async step on the loaded page (a form sent to reach an error state).
'use strict';

// Answer the purpose form when the page shows it (a new session reads its
// first personal record), and wait for the page it leads back to.
async function answerPurpose(page) {
  if (!(await page.locator('input[name="muc-dich"]').count())) return;
  await page.locator('input[name="muc-dich"]').first().check();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
}

// Add "Nguyễn Thị Hằng" (born 04/03/1990, phường Sa Pa) through the add form:
// the first person of the database, and a second record of her for the
// duplicates' pair.
async function addHang(page, base) {
  await page.goto(`${base}/nguoi/them`);
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hằng');
  await page.getByLabel('Ngày sinh').fill('04/03/1990');
  await page.getByLabel('Nữ').check();
  await page.getByLabel('Mã đơn vị hành chính nơi cư trú (xã, phường)').fill('03006');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu hồ sơ' }).click()]);
}

module.exports = [
  { name: 'signin', as: 'visitor', path: '/dang-nhap', heading: 'Đăng nhập' },
  {
    name: 'signin-error', as: 'visitor', path: '/dang-nhap', heading: 'Đăng nhập',
    then: async (page) => {
      await page.getByLabel('Tên đăng nhập').fill('cb.xa');
      await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.locator('.error-summary').waitFor();
    },
  },
  { name: 'second-factor', as: 'code-pending', path: '/xac-thuc', heading: 'Xác thực hai bước' },
  { name: 'enrolment', as: 'enrol-pending', path: '/xac-thuc/dang-ky', heading: 'Đăng ký xác thực hai bước' },
  { name: 'home', as: 'signed-in', path: '/', heading: 'Hệ thống quản lý công tác phòng, chống ma túy' },
  { name: 'not-found', as: 'signed-in', path: '/khong-co-trang-nay', heading: 'Không tìm thấy trang' },
  { name: 'admin-users', as: 'admin', path: '/quan-tri/nguoi-dung', heading: 'Quản lý người dùng' },
  {
    name: 'admin-users-error', as: 'admin', path: '/quan-tri/nguoi-dung', heading: 'Quản lý người dùng',
    then: async (page) => {
      await page.getByLabel('Tên đăng nhập').fill('cb.moi');
      await page.getByLabel('Mật khẩu ban đầu').fill('ngắn');
      await page.getByRole('button', { name: 'Thêm người dùng' }).click();
      await page.locator('.error-summary').waitFor();
    },
  },
  { name: 'audit', as: 'admin', path: '/quan-tri/nhat-ky', heading: 'Nhật ký truy cập' },
  { name: 'import', as: 'signed-in', path: '/nhap-du-lieu', heading: 'Nhập dữ liệu từ tệp' },
  {
    name: 'import-checked', as: 'signed-in', path: '/nhap-du-lieu', heading: 'Nhập dữ liệu từ tệp',
    then: async (page) => {
      await page.getByLabel('Tệp dữ liệu').setInputFiles({
        name: 'nguoi.csv', mimeType: 'text/csv',
        buffer: Buffer.from('Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n' +
          '015191100002,Lý Thị Sen,31/02/1991,Nữ,03006\n015092100003,Tráng A Pó,01/01/1992,Nam,03006\n'),
      });
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.locator('#nhap-ket-qua table').waitFor();
    },
  },
  { name: 'export', as: 'signed-in', path: '/xuat-du-lieu', heading: 'Xuất danh sách ra tệp CSV' },
  {
    // the edit form of the database's first person, added on the way when
    // there is none yet; the session's purpose answered first
    name: 'person-edit', as: 'signed-in', path: '/nguoi/1/sua', heading: 'Sửa thông tin cá nhân',
    then: async (page) => {
      const base = new URL(page.url()).origin;
      const answer = async () => {
        if (!(await page.locator('input[name="muc-dich"]').count())) return;
        await page.locator('input[name="muc-dich"]').first().check();
        await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tiếp tục' }).click()]);
      };
      await answer();
      if (await page.getByRole('heading', { level: 1, name: 'Sửa thông tin cá nhân' }).count()) return;
      await addHang(page, base);
      await page.goto(`${base}/nguoi/1/sua`);
      await answer();
    },
  },
  { name: 'duplicates', as: 'signed-in', path: '/nguoi/trung-lap', heading: 'Hồ sơ nghi trùng' },
  {
    // the merge's confirmation (reached from the duplicates' list, which the
    // path alone, without the pair, is not): a second record of person 1 (the
    // same name and birth date) added on the way when the pair is not listed
    // yet, then the pair's link that merges it into person 1
    name: 'merge-confirm', as: 'signed-in', path: '/nguoi/trung-lap/gop', heading: 'Gộp hồ sơ số 2 vào hồ sơ số 1?',
    then: async (page) => {
      const base = new URL(page.url()).origin;
      await page.goto(`${base}/nguoi/trung-lap`);
      const link = page.getByRole('link', { name: 'Gộp hồ sơ số 2 vào hồ sơ số 1' });
      if (!(await link.count())) {
        await addHang(page, base);
        await page.goto(`${base}/nguoi/trung-lap`);
      }
      await Promise.all([page.waitForLoadState('load'), link.click()]);
    },
  },
  // the pages below read person 1, made by 'person-edit' above
  { name: 'people', as: 'signed-in', path: '/nguoi', heading: 'Danh sách người sử dụng trái phép chất ma túy' },
  { name: 'purpose', as: 'signed-in', path: '/nguoi/1', heading: 'Mục đích truy cập hồ sơ' },
  { name: 'person', as: 'signed-in', path: '/nguoi/1', heading: 'Nguyễn Thị Hằng', then: answerPurpose },
  { name: 'person-add', as: 'signed-in', path: '/nguoi/them', heading: 'Thêm người vào danh sách' },
  {
    name: 'person-add-error', as: 'signed-in', path: '/nguoi/them', heading: 'Thêm người vào danh sách',
    then: async (page) => {
      await page.getByLabel('Họ và tên').fill('Lò Văn Pao');
      await page.getByLabel('Ngày sinh').fill('31/02/1990');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lưu hồ sơ' }).click()]);
      await page.locator('.error-summary').waitFor();
    },
  },
  {
    name: 'person-event', as: 'signed-in', path: '/nguoi/1/su-kien', heading: 'Thêm sự kiện vào quá trình',
    then: async (page) => {
      await answerPurpose(page);
      if (new URL(page.url()).pathname !== '/nguoi/1/su-kien') await page.goto(new URL('/nguoi/1/su-kien', page.url()).href);
    },
  },
  { name: 'password', as: 'signed-in', path: '/doi-mat-khau', heading: 'Đổi mật khẩu' },
];
