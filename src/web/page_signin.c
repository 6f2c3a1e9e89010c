/* page_signin.c: the sign-in page and its form (GOV.UK "sign in" pattern:
 * a label on each input, an error summary at the top on failure). The
 * message for a wrong login and a wrong password is one and the same
 * (app_session.h); the login typed is kept, the password never. */
#include <time.h>

#include "app/app_session.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/password_gate.h"
#include "web/routes.h"

/* The form, with an error summary when `error` is set. */
static int render(struct web_req *rq, int status, const char *login, const char *error)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, error ? "Lỗi: Đăng nhập" : "Đăng nhập");
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa đăng nhập được</h2><ul><li><a href=\"#login\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Đăng nhập</h1>\n"
              "<form method=\"post\" action=\"/dang-nhap\" novalidate>\n"
              "<div class=\"form-group\"><label for=\"login\">Tên đăng nhập</label>"
              "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\""
              " spellcheck=\"false\" autocapitalize=\"none\" required value=\"");
  html_attr(b, login ? login : "");
  html_raw(b, "\"></div>\n"
              "<div class=\"form-group\"><label for=\"password\">Mật khẩu</label>"
              "<input id=\"password\" name=\"password\" type=\"password\""
              " autocomplete=\"current-password\" required></div>\n"
              "<button class=\"button\" type=\"submit\">Đăng nhập</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_signin(struct web_req *rq)
{
  if (rq->session)
    return request_redirect(rq, "/");
  return render(rq, 200, NULL, NULL);
}

int page_signin_post(struct web_req *rq)
{
  const char *login = request_form(rq, "login");
  const char *password = request_form(rq, "password");
  if (!login || !*login || !password || !*password)
    return render(rq, 400, login, "Hãy nhập tên đăng nhập và mật khẩu.");
  struct app_session s;
  password_gate_enter(); /* argon2id: one at a time (password_gate.h) */
  int rc = app_session_signin(&s, rq->st, login, password, request_peer(rq), (long)time(NULL),
                              &rq->cfg->session, &rq->err);
  password_gate_leave();
  if (rc == ERR_DENIED)
    return render(rq, 403, login, rq->err.msg);
  if (rc)
    return rc;
  request_set_session_cookie(rq, s.token);
  rq->user_id = s.user_id;
  /* a session that owes its second step goes there first */
  return request_redirect(rq, s.stage[0] == 'c'   ? "/xac-thuc"
                              : s.stage[0] == 'e' ? "/xac-thuc/dang-ky"
                                                  : "/");
}
