/* page_error.c: the answer for a request that failed — a short page in
 * Vietnamese saying what happened and what to do, or under /api/ the JSON
 * error {"error": {"code", "message"}}. Never echoes the request. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "output/html.h"
#include "web/layout.h"
#include "web/routes.h"

static const char *status_title(int status)
{
  switch (status) {
  case 400:
    return "Yêu cầu không hợp lệ";
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

static const char *status_code(int status)
{
  switch (status) {
  case 400:
    return "input";
  case 403:
    return "denied";
  case 404:
    return "not_found";
  case 405:
    return "method_not_allowed";
  case 409:
    return "conflict";
  case 413:
    return "too_large";
  case 429:
    return "rate_limited";
  default:
    return status >= 500 ? "internal" : "input";
  }
}

void page_error(struct web_req *rq, int status, const char *message)
{
  buf_reset(&rq->body);
  rq->status = status;
  if (strncmp(rq->path ? rq->path : "", "/api/", 5) == 0) {
    json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", status_code(status), "message",
                          message && *message ? message : status_title(status));
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (text)
      buf_adds(&rq->body, text);
    free(text);
    rq->content_type = "application/json";
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
