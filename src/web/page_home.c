/* page_home.c: the home page after sign-in. The workflow pages (dashboard,
 * plans, tasks, registers) link from here as they come. */
#include "output/html.h"
#include "web/layout.h"
#include "web/routes.h"

int page_home(struct web_req *rq)
{
  struct buf *b = &rq->body;
  layout_begin(rq, "Trang chủ");
  html_raw(b, "<h1>Hệ thống quản lý công tác phòng, chống ma túy</h1>\n"
              "<p>Bạn đã đăng nhập. Các trang nghiệp vụ (tổng quan, kế hoạch, việc của tôi,"
              " báo cáo, danh sách, chỉ số) sẽ có tại đây.</p>\n"
              "<p><a href=\"/xac-thuc/dang-ky\">Xác thực hai bước</a>: bảo vệ tài khoản bằng"
              " mã trên điện thoại.</p>\n");
  layout_end(rq);
  return request_html(rq, 200);
}
