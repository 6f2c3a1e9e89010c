/* page_mfa_enrol.c: enrolling a second factor — GET /xac-thuc/dang-ky
 * shows the secret (QR code as inline SVG, the otpauth:// URI, the base32
 * key) and asks for one code; POST confirms it and shows the ten recovery
 * codes, once: they are stored only hashed. Reached by every signed-in
 * user (enrolment is offered to all) and by a session that must enrol
 * before anything else (stage "enrol"). */
#include <time.h>

#include "app/app_mfa.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/qr_svg.h"
#include "web/routes.h"

/* The enrolment page for secret `en`, with an error summary when `error`. */
static int render(struct web_req *rq, int status, const struct app_mfa_enrol *en, const char *error)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, error ? "Lỗi: Đăng ký xác thực hai bước" : "Đăng ký xác thực hai bước");
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa đăng ký được</h2><ul><li><a href=\"#code\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Đăng ký xác thực hai bước</h1>\n");
  if (rq->session->stage[0] == 'e')
    html_raw(b, "<p>Vai trò của bạn phải đăng nhập bằng hai bước: mật khẩu và mã trên điện "
                "thoại. Hãy đăng ký trước khi dùng hệ thống.</p>\n");
  html_raw(b, "<ol>\n<li><p>Mở ứng dụng xác thực trên điện thoại (Google Authenticator, "
              "Microsoft Authenticator, FreeOTP…) và quét mã QR này:</p>\n");
  int rc = qr_svg(b, en->uri, "Mã QR để đăng ký xác thực hai bước", &rq->err);
  if (rc)
    return rc;
  html_raw(b, "\n<p>Không quét được? Nhập khóa này vào ứng dụng (loại: theo thời gian):</p>\n"
              "<p><code class=\"secret\">");
  html_text(b, en->base32);
  html_raw(b, "</code></p>\n<details><summary>Địa chỉ otpauth</summary><p><code>");
  html_text(b, en->uri);
  html_raw(b, "</code></p></details></li>\n"
              "<li><form method=\"post\" action=\"/xac-thuc/dang-ky\" novalidate>\n"
              "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\">\n<div class=\"form-group\"><label for=\"code\">Mã 6 chữ số ứng dụng "
              "hiện ra</label><input id=\"code\" name=\"code\" type=\"text\""
              " inputmode=\"numeric\" autocomplete=\"one-time-code\" required></div>\n"
              "<button class=\"button\" type=\"submit\">Xác nhận</button>\n</form></li>\n"
              "</ol>\n");
  layout_end(rq);
  return request_html(rq, status);
}

/* The page for a user who already has a second factor. */
static int render_done(struct web_req *rq, const char *message)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, "Xác thực hai bước");
  html_raw(b, "<h1>Xác thực hai bước</h1>\n<p>");
  html_text(b, message);
  html_raw(b, "</p>\n<p><a href=\"/\">Về trang chủ</a></p>\n");
  layout_end(rq);
  return request_html(rq, 200);
}

int page_mfa_enrol(struct web_req *rq)
{
  if (rq->session->stage[0] == 'c')
    return request_redirect(rq, "/xac-thuc");
  struct app_mfa_enrol en;
  int rc = app_mfa_enrol_start(&en, rq->st, rq->session, (long)time(NULL), &rq->err);
  if (rc == ERR_CONFLICT)
    return render_done(rq, rq->err.msg);
  return rc ? rc : render(rq, 200, &en, NULL);
}

int page_mfa_enrol_post(struct web_req *rq)
{
  if (rq->session->stage[0] == 'c')
    return request_redirect(rq, "/xac-thuc");
  const char *code = request_form(rq, "code");
  struct app_mfa_codes codes;
  int rc = app_mfa_enrol_confirm(&codes, rq->st, rq->session, code ? code : "", request_peer(rq),
                                 (long)time(NULL), &rq->cfg->session, &rq->err);
  if (rc == ERR_DENIED || rc == ERR_NOT_FOUND) {
    struct err shown = rq->err;
    struct app_mfa_enrol en;
    rc = app_mfa_enrol_start(&en, rq->st, rq->session, (long)time(NULL), &rq->err);
    return rc ? rc : render(rq, 403, &en, shown.msg);
  }
  if (rc == ERR_CONFLICT)
    return render_done(rq, rq->err.msg);
  if (rc)
    return rc;
  struct buf *b = &rq->body;
  buf_reset(b);
  layout_begin(rq, "Mã khôi phục");
  html_raw(b, "<h1>Đã đăng ký xác thực hai bước</h1>\n"
              "<p>Đây là 10 mã khôi phục. Mỗi mã dùng được một lần thay cho mã trên điện "
              "thoại, khi mất hoặc hỏng điện thoại. Hãy in hoặc chép lại và cất nơi an toàn: "
              "trang này chỉ hiện một lần, hệ thống không lưu mã này.</p>\n"
              "<ul class=\"recovery-codes\">\n");
  for (int i = 0; i < TOTP_RECOVERY_N; i++) {
    html_raw(b, "<li><code>");
    html_text(b, codes.codes[i]);
    html_raw(b, "</code></li>\n");
  }
  html_raw(b, "</ul>\n<p><a class=\"button\" href=\"/\">Đã cất mã, tiếp tục</a></p>\n");
  layout_end(rq);
  return request_html(rq, 200);
}
