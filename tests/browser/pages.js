// pages.js: every page the browser tests check with axe-core, weigh, and
// `make screenshots` draws. Adding a page is one line: a name (the screenshot's
// file name), the state its visitor is in (harness.js openAs: 'visitor',
// 'signed-in', 'code-pending', 'enrol-pending', 'admin'), its path, the heading it must
// show (so that a redirect elsewhere cannot pass for it), and optionally
// `then`, an async step on the loaded page (a form sent to reach an error state).
'use strict';

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
];
