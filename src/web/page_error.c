/* page_error.c: the answer for a request that failed — a short page in
 * Vietnamese saying what happened and what to do, or under /api/ the JSON
 * error {"error": {"code", "message"}}. Never echoes the request. */
#include <string.h>

#include "output/html.h"
#include "web/api_frame.h"
#include "web/layout.h"
#include "web/routes.h"

static const char *status_title(int status)
{
  switch (status) {
  case 400:
    return "Yêu cầu không hợp lệ";
  case 401:
    return "Chưa đăng nhập";
  case 403:
    return "Bạn không có quyền xem trang này";
  case 404:
    return "Không tìm thấy trang";
  case 405:
    return "Phương thức không được hỗ trợ";
  case 409:
    return "Dữ liệu đã thay đổi";
  case 413:
    return "Nội dung gửi lên quá lớn";
  case 429:
    return "Quá nhiều lần thử";
  case 503:
    return "Hệ thống tạm thời không phục vụ được";
  default:
    return status >= 500 ? "Hệ thống gặp lỗi" : "Yêu cầu không thực hiện được";
  }
}

void page_error(struct web_req *rq, int status, const char *message)
{
  buf_reset(&rq->body);
  rq->status = status;
  if (strncmp(rq->path ? rq->path : "", "/api/", 5) == 0) {
    api_error_status(rq, status, message); /* the codes of the one error table */
    return;
  }
  struct buf *b = &rq->body;
  layout_begin(rq, status_title(status));
  html_raw(b, "<h1>");
  html_text(b, status_title(status));
  html_raw(b, "</h1>\n");
  if (message && *message) {
    html_raw(b, "<p>");
    html_text(b, message);
    html_raw(b, "</p>\n");
  }
  html_raw(b, "<p><a href=\"/\">Về trang chủ</a></p>\n");
  layout_end(rq);
  rq->content_type = "text/html; charset=utf-8";
}
