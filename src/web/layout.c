/* layout.c: the page frame — head, header, main, footer. */
#include "web/layout.h"

#include <stdio.h>

#include "app/app_session.h"
#include "store/store.h"
#include "output/html.h"
#include "types/label.h"
#include "types/scope.h"
#include "web/static.h"

void layout_begin(struct web_req *rq, const char *title)
{
  struct buf *b = &rq->body;
  html_raw(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<title>");
  html_text(b, title);
  html_raw(b, " – PCMT</title>\n<link rel=\"stylesheet\" href=\"");
  html_attr(b, static_url("style.css"));
  html_raw(b, "\">\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"");
  html_attr(b, static_url("icon.svg"));
  html_raw(b, "\">\n<script src=\"");
  html_attr(b, static_url("app.js"));
  html_raw(b, "\" defer></script>\n</head>\n<body>\n"
              "<a class=\"skip-link\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>\n"
              "<header class=\"site-header\"><div class=\"inner\">"
              "<a class=\"site-name\" href=\"/\">PCMT – Phòng, chống ma túy</a>");
  if (rq->session) {
    /* the user, and sign-out as a form: it changes state, so it is a POST
     * with the session's CSRF token */
    html_raw(b, "<form class=\"site-user\" method=\"post\" action=\"/dang-xuat\">");
    html_text(b, rq->session->login);
    if (!rq->session->stage[0]) { /* the role and territory once signed in fully */
      html_raw(b, " <span class=\"site-role\">");
      html_text(b, label_vi(LABEL_ROLE, scope_role_name(rq->session->role)));
      html_text(b, " · ");
      html_text(b, rq->session->territory[0] ? rq->session->territory : "Toàn quốc");
      html_raw(b, "</span> <a href=\"/doi-mat-khau\">Đổi mật khẩu</a>");
    }
    html_raw(b, " <input type=\"hidden\" name=\"csrf\" value=\"");
    html_attr(b, rq->session->csrf);
    html_raw(b, "\"><button class=\"button\" type=\"submit\">Đăng xuất</button></form>");
  }
  html_raw(b, "</div></header>\n");
  if (rq->session && !rq->session->stage[0]) {
    /* the navigation by task, showing only what the role may use */
    struct scope role = {.role = rq->session->role};
    html_raw(b, "<nav class=\"site-nav\" aria-label=\"Chức năng\"><ul class=\"inner\">"
                "<li><a href=\"/\">Trang chủ</a></li>");
    if (scope_may_read_people(&role))
      html_raw(b, "<li><a href=\"/nguoi\">Danh sách người</a></li>");
    if (scope_may_write_people(&role)) /* imports change records */
      html_raw(b, "<li><a href=\"/nhap-du-lieu\">Nhập dữ liệu</a></li>");
    html_raw(b, "<li><a href=\"/xuat-du-lieu\">Xuất dữ liệu</a></li>");
    if (rq->session->role == SCOPE_ADMIN)
      html_raw(b, "<li><a href=\"/quan-tri/nguoi-dung\">Quản trị</a></li>");
    html_raw(b, "</ul></nav>\n");
  }
  html_raw(b, "<main id=\"noi-dung\" class=\"inner\">\n");
}

void layout_end(struct web_req *rq)
{
  char version[64];
  snprintf(version, sizeof version, "%d", store_schema_latest());
  struct buf *b = &rq->body;
  html_raw(b, "</main>\n<footer class=\"site-footer\"><div class=\"inner\">"
              "Hệ thống quản lý công tác phòng, chống ma túy (PCMT) · dữ liệu phiên bản ");
  html_text(b, version);
  html_raw(b, "</div></footer>\n</body>\n</html>\n");
}
