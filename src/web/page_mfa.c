/* page_mfa.c: the second step of sign-in — GET /xac-thuc asks for the code
 * of the authenticator app (or a recovery code), POST /xac-thuc checks it
 * and opens the session. Reached only by a session waiting at stage
 * "code" (app_mfa.h); a wrong code counts against the sign-in rate limit. */
#include <stdio.h>
#include <time.h>

#include "app/app_mfa.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/routes.h"

/* The form, with an error summary when `error` is set. */
static int render(struct web_req *rq, int status, const char *error)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, error ? "Lỗi: Xác thực hai bước" : "Xác thực hai bước");
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa đăng nhập được</h2><ul><li><a href=\"#code\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Xác thực hai bước</h1>\n"
              "<form method=\"post\" action=\"/xac-thuc\" novalidate>\n"
              "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\">\n<div class=\"form-group\"><label for=\"code\">Mã xác thực</label>"
              "<p class=\"hint\" id=\"code-hint\">6 chữ số trong ứng dụng xác thực trên điện "
              "thoại, hoặc một mã khôi phục (dạng xxxx-xxxx-xxxx-xxxx) nếu không có điện "
              "thoại.</p>"
              "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\""
              " spellcheck=\"false\" autocapitalize=\"none\" aria-describedby=\"code-hint\""
              " required></div>\n"
              "<button class=\"button\" type=\"submit\">Tiếp tục</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_mfa(struct web_req *rq)
{
  if (rq->session->stage[0] != 'c')
    return request_redirect(rq, rq->session->stage[0] ? "/xac-thuc/dang-ky" : "/");
  return render(rq, 200, NULL);
}

int page_mfa_post(struct web_req *rq)
{
  if (rq->session->stage[0] != 'c')
    return request_redirect(rq, rq->session->stage[0] ? "/xac-thuc/dang-ky" : "/");
  const char *code = request_form(rq, "code");
  if (!code || !*code)
    return render(rq, 400, "Hãy nhập mã xác thực.");
  long left = -1;
  int rc = app_mfa_verify(&left, rq->st, rq->session, code, request_peer(rq), (long)time(NULL),
                          &rq->cfg->session, &rq->err);
  if (rc == ERR_DENIED)
    return render(rq, 403, rq->err.msg);
  if (rc)
    return rc;
  if (left < 0)
    return request_redirect(rq, "/");
  /* a recovery code was used: say how many are left before going on */
  struct buf *b = &rq->body;
  char n[24];
  snprintf(n, sizeof n, "%ld", left);
  layout_begin(rq, "Đã dùng một mã khôi phục");
  html_raw(b, "<h1>Đã dùng một mã khôi phục</h1>\n<p>Mã vừa dùng không dùng lại được. Còn ");
  html_text(b, n);
  html_raw(b, " mã khôi phục. Nếu mất điện thoại, hãy nhờ người quản trị xóa xác thực hai bước "
              "rồi đăng ký lại.</p>\n<p><a class=\"button\" href=\"/\">Tiếp tục</a></p>\n");
  layout_end(rq);
  return request_html(rq, 200);
}
