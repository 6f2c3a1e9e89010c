/* page_signin.c: the sign-in page (GOV.UK "sign in" pattern: one question
 * per field, a label on each input, an error summary on failure). */
#include "web/html.h"
#include "web/layout.h"
#include "web/routes.h"

int page_signin(struct web_req *rq)
{
  struct buf *b = &rq->body;
  layout_begin(rq, "Đăng nhập");
  html_raw(b, "<h1>Đăng nhập</h1>\n"
              "<form method=\"post\" action=\"/dang-nhap\" novalidate>\n"
              "<div class=\"form-group\"><label for=\"login\">Tên đăng nhập</label>"
              "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\""
              " spellcheck=\"false\" autocapitalize=\"none\" required></div>\n"
              "<div class=\"form-group\"><label for=\"password\">Mật khẩu</label>"
              "<input id=\"password\" name=\"password\" type=\"password\""
              " autocomplete=\"current-password\" required></div>\n"
              "<button class=\"button\" type=\"submit\">Đăng nhập</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, 200);
}
