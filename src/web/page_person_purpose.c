/* page_person_purpose.c: the purpose of access, asked once per session.
 *
 * Opening a person's record when the session has not said why shows this
 * short form instead (page_person.c); POST /muc-dich stores the answer on
 * the session (app_session_set_purpose) and sends the user back to the
 * record asked for. Every read of the session then writes that purpose into
 * its audit row. The purposes are the label set LABEL_ACCESS_PURPOSE; "Khác"
 * takes a reason written by hand. */
#include <stdio.h>
#include <string.h>

#include "app/app_session.h"
#include "types/label.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

/* 1 when `next` is a person's page of this site, or its edit form: the
 * only places the form sends back to (never another site, never a path we
 * did not write). */
static int next_ok(const char *next)
{
  if (!next || strncmp(next, "/nguoi/", 7) != 0 || !next[7] || strlen(next) > 32)
    return 0;
  const char *c = next + 7;
  while (*c >= '0' && *c <= '9')
    c++;
  return c > next + 7 && (!*c || strcmp(c, "/sua") == 0);
}

int person_purpose_form(struct web_req *rq, int status, const char *next, const char *choice,
                        const char *other, const char *error)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  int other_error = error && choice && strcmp(choice, "other") == 0;
  layout_begin(rq, error ? "Lỗi: Mục đích truy cập hồ sơ" : "Mục đích truy cập hồ sơ");
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa ghi nhận được mục đích</h2><ul><li><a href=\"");
    html_raw(b, other_error ? "#muc-dich-khac" : "#muc-dich-0");
    html_raw(b, "\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Mục đích truy cập hồ sơ</h1>\n"
              "<p>Hồ sơ người sử dụng ma túy là dữ liệu cá nhân nhạy cảm. Mỗi lần xem hồ sơ "
              "được ghi vào nhật ký cùng mục đích bạn chọn dưới đây. Hệ thống hỏi một lần "
              "cho mỗi phiên đăng nhập.</p>\n"
              "<form method=\"post\" action=\"/muc-dich\" novalidate>\n");
  person_page_csrf(rq);
  html_raw(b, "<input type=\"hidden\" name=\"tiep\" value=\"");
  html_attr(b, next_ok(next) ? next : "/nguoi");
  html_raw(b, "\">\n<fieldset class=\"radios");
  html_raw(b, error && !other_error ? " form-group-error\"" : "\"");
  html_raw(b, "><legend>Bạn xem hồ sơ để làm gì?</legend>\n");
  if (error && !other_error) {
    html_raw(b, "<p class=\"error-message\">");
    html_text(b, error);
    html_raw(b, "</p>\n");
  }
  size_t n;
  const struct label *l = label_items(LABEL_ACCESS_PURPOSE, &n);
  for (size_t i = 0; i < n; i++) {
    char id[40];
    snprintf(id, sizeof id, "muc-dich-%zu", i);
    html_raw(b, "<div><input type=\"radio\" name=\"muc-dich\" id=\"");
    html_raw(b, id);
    html_raw(b, "\" value=\"");
    html_attr(b, l[i].code);
    html_raw(b, choice && strcmp(choice, l[i].code) == 0 ? "\" checked> " : "\"> ");
    html_raw(b, "<label for=\"");
    html_raw(b, id);
    html_raw(b, "\">");
    html_text(b, l[i].vi);
    html_raw(b, "</label></div>\n");
  }
  html_raw(b, "</fieldset>\n<div class=\"form-group");
  html_raw(b, other_error ? " form-group-error\">" : "\">");
  html_raw(b, "<label for=\"muc-dich-khac\">Nếu chọn “Khác”, ghi rõ mục đích</label>");
  if (other_error) {
    html_raw(b, "<p id=\"muc-dich-khac-loi\" class=\"error-message\">");
    html_text(b, error);
    html_raw(b, "</p>");
  }
  html_raw(b, "<input id=\"muc-dich-khac\" name=\"muc-dich-khac\" type=\"text\" maxlength=\"100\"");
  if (other_error)
    html_raw(b, " aria-describedby=\"muc-dich-khac-loi\"");
  html_raw(b, " value=\"");
  html_attr(b, other ? other : "");
  html_raw(b, "\"></div>\n<button class=\"button\" type=\"submit\">Tiếp tục</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_person_purpose_post(struct web_req *rq)
{
  const char *choice = request_form(rq, "muc-dich");
  const char *other = request_form(rq, "muc-dich-khac");
  const char *next = request_form(rq, "tiep");
  int rc = app_session_set_purpose(NULL, rq->st, rq->session, choice, other, &rq->err);
  if (rc == ERR_INPUT)
    return person_purpose_form(rq, 400, next, choice, other, rq->err.msg);
  if (rc)
    return rc;
  return request_redirect(rq, next_ok(next) ? next : "/nguoi");
}
