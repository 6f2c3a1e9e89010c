/* page_password.c: GET/POST /doi-mat-khau — a signed-in user changes its own
 * password: the current one, the new one twice (GOV.UK "password" pattern: a
 * label on each input, the error summary at the top and the message above
 * its field). No password typed is ever sent back into the page. A change
 * ends the user's other sessions (app_session_change_password); this one
 * goes on, with a notice. */
#include <string.h>
#include <time.h>

#include "app/app_session.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/routes.h"

/* The inputs in the form's order, by the field an error names. */
static const struct {
  enum app_password_field field;
  const char *id, *label, *autocomplete;
} inputs[] = {
    {APP_PASSWORD_CURRENT, "mat-khau", "Mật khẩu hiện tại", "current-password"},
    {APP_PASSWORD_NEW, "mat-khau-moi", "Mật khẩu mới", "new-password"},
    {APP_PASSWORD_CONFIRM, "nhap-lai", "Nhập lại mật khẩu mới", "new-password"},
};

/* The form; `error` (with the input it is about) or `done` above it. */
static int render(struct web_req *rq, int status, enum app_password_field field, const char *error,
                  int done)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, error ? "Lỗi: Đổi mật khẩu" : "Đổi mật khẩu");
  const char *at = inputs[field].id;
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa đổi được mật khẩu</h2><ul><li><a href=\"#");
    html_attr(b, at);
    html_raw(b, "\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  if (done)
    html_raw(b, "<div class=\"notification\" role=\"status\"><p>Đã đổi mật khẩu. Các phiên đăng "
                "nhập khác của tài khoản này đã kết thúc.</p></div>\n");
  html_raw(b, "<h1>Đổi mật khẩu</h1>\n"
              "<form method=\"post\" action=\"/doi-mat-khau\" novalidate>\n"
              "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\">\n");
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    int bad = error && inputs[i].field == field;
    html_raw(b, bad ? "<div class=\"form-group form-group-error\">" : "<div class=\"form-group\">");
    html_raw(b, "<label for=\"");
    html_attr(b, inputs[i].id);
    html_raw(b, "\">");
    html_text(b, inputs[i].label);
    html_raw(b, "</label>");
    if (inputs[i].field == APP_PASSWORD_NEW)
      html_raw(b, "<p class=\"hint\" id=\"mat-khau-moi-hint\">Ít nhất 10 ký tự; không dùng tên "
                  "đăng nhập hay mật khẩu phổ biến. Cụm vài từ dễ nhớ là mật khẩu tốt.</p>");
    if (bad) {
      html_raw(b, "<p class=\"error-message\" id=\"");
      html_attr(b, inputs[i].id);
      html_raw(b, "-error\"><span class=\"visually-hidden\">Lỗi:</span> ");
      html_text(b, error);
      html_raw(b, "</p>");
    }
    html_raw(b, "<input id=\"");
    html_attr(b, inputs[i].id);
    html_raw(b, "\" name=\"");
    html_attr(b, inputs[i].id);
    html_raw(b, "\" type=\"password\" autocomplete=\"");
    html_attr(b, inputs[i].autocomplete);
    html_raw(b, "\"");
    if (inputs[i].field == APP_PASSWORD_NEW || bad) {
      html_raw(b, " aria-describedby=\"");
      if (inputs[i].field == APP_PASSWORD_NEW)
        html_raw(b, bad ? "mat-khau-moi-hint " : "mat-khau-moi-hint");
      if (bad) {
        html_attr(b, inputs[i].id);
        html_raw(b, "-error");
      }
      html_raw(b, "\"");
    }
    html_raw(b, " required></div>\n");
  }
  html_raw(b, "<button class=\"button\" type=\"submit\">Đổi mật khẩu</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_password(struct web_req *rq)
{
  const char *q = rq->query ? rq->query : "";
  return render(rq, 200, APP_PASSWORD_CURRENT, NULL, strcmp(q, "da-doi=1") == 0);
}

int page_password_post(struct web_req *rq)
{
  enum app_password_field field;
  int rc =
      app_session_change_password(&field, rq->st, rq->session, request_form(rq, "mat-khau"),
                                  request_form(rq, "mat-khau-moi"), request_form(rq, "nhap-lai"),
                                  request_peer(rq), (long)time(NULL), &rq->cfg->session, &rq->err);
  if (rc == ERR_INPUT || rc == ERR_DENIED)
    return render(rq, rc == ERR_INPUT ? 400 : 403, field, rq->err.msg, 0);
  if (rc)
    return rc;
  return request_redirect(rq, "/doi-mat-khau?da-doi=1");
}
