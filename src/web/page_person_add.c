/* page_person_add.c: GET and POST /nguoi/them — add a person to the register;
 * and the identity form it shares with the edit page (page_person_edit.c).
 *
 * GOV.UK's form pattern: a label on every input, and when something is
 * wrong an error summary at the top whose items link to their fields, the
 * message again above each wrong field, and every value typed kept. The
 * checks are the operation's (app_person_add_form: one message per field);
 * this page only reads the form and renders. */
#include <stdio.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "types/label.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

/* The form's fields, in the order of enum app_person_input. */
static const struct {
  const char *name;  /* the input's name and id */
  const char *label; /* its label */
  const char *hint;  /* a hint under the label, or NULL */
} fields[APP_PIN_COUNT] = {
    [APP_PIN_NAME] = {"ho-ten", "Họ và tên", NULL},
    [APP_PIN_OTHER_NAMES] = {"ten-khac", "Tên gọi khác (nếu có)", "Nhiều tên cách nhau bằng dấu ;"},
    [APP_PIN_BIRTH_DATE] = {"ngay-sinh", "Ngày sinh", "Ngày/tháng/năm, ví dụ 07/03/1990"},
    [APP_PIN_SEX] = {"gioi-tinh", "Giới tính", NULL},
    [APP_PIN_ETHNICITY] = {"dan-toc", "Dân tộc", NULL},
    [APP_PIN_NATIONAL_ID] = {"cccd", "Số định danh cá nhân (CCCD, nếu có)", "12 chữ số"},
    [APP_PIN_UNIT] = {"don-vi", "Mã đơn vị hành chính nơi cư trú (xã, phường)", "Ví dụ 03006"},
    [APP_PIN_ADDRESS] = {"dia-chi", "Địa chỉ (thôn, tổ, số nhà)", NULL},
    [APP_PIN_OCCUPATION] = {"nghe-nghiep", "Nghề nghiệp", NULL},
    [APP_PIN_OCCUPATION_GROUP] = {"nhom-nghe", "Nhóm nghề", NULL},
};

/* The value typed into field f, kept in the form. */
static const char *value_of(const struct person *p, enum app_person_input f)
{
  switch (f) {
  case APP_PIN_NAME:
    return p->full_name;
  case APP_PIN_OTHER_NAMES:
    return p->other_names;
  case APP_PIN_BIRTH_DATE:
    return p->birth_date;
  case APP_PIN_SEX:
    return p->sex;
  case APP_PIN_ETHNICITY:
    return p->ethnicity;
  case APP_PIN_NATIONAL_ID:
    return p->national_id;
  case APP_PIN_UNIT:
    return p->unit_code;
  case APP_PIN_ADDRESS:
    return p->address;
  case APP_PIN_OCCUPATION:
    return p->occupation;
  default:
    return p->occupation_group;
  }
}

/* A message with its first letter capitalised, as a sentence: "thiếu ..."
 * -> "Thiếu ...", "đơn vị ..." -> "Đơn vị ...". */
static void sentence(struct buf *b, const char *msg)
{
  char first[3] = {0};
  const char *rest = msg;
  if (msg[0] >= 'a' && msg[0] <= 'z') {
    first[0] = (char)(msg[0] - 'a' + 'A');
    rest = msg + 1;
  } else if ((unsigned char)msg[0] == 0xC4 && (unsigned char)msg[1] == 0x91) { /* đ -> Đ */
    first[0] = (char)0xC4;
    first[1] = (char)0x90;
    rest = msg + 2;
  }
  html_text(b, first);
  html_text(b, rest);
}

/* The field's error message above the input (and its id for
 * aria-describedby), when it has one. */
static void field_error(struct buf *b, const struct app_person_errors *errs, int f)
{
  if (!errs || !errs->msg[f][0])
    return;
  html_raw(b, "<p id=\"");
  html_raw(b, fields[f].name);
  html_raw(b, "-loi\" class=\"error-message\"><span class=\"visually-hidden\">Lỗi:</span> ");
  sentence(b, errs->msg[f]);
  html_raw(b, "</p>");
}

static void group_open(struct buf *b, const struct app_person_errors *errs, int f)
{
  int bad = errs && errs->msg[f][0];
  html_raw(b, bad ? "<div class=\"form-group form-group-error\"><label for=\""
                  : "<div class=\"form-group\"><label for=\"");
  html_raw(b, fields[f].name);
  html_raw(b, "\">");
  html_text(b, fields[f].label);
  html_raw(b, "</label>");
  if (fields[f].hint) {
    html_raw(b, "<p class=\"hint\" id=\"");
    html_raw(b, fields[f].name);
    html_raw(b, "-goi-y\">");
    html_text(b, fields[f].hint);
    html_raw(b, "</p>");
  }
  field_error(b, errs, f);
}

/* A text input of field f; `extra` attributes written by this page. */
static void text_input(struct buf *b, const struct person *p, const struct app_person_errors *errs,
                       int f, const char *extra)
{
  group_open(b, errs, f);
  html_raw(b, "<input type=\"text\" id=\"");
  html_raw(b, fields[f].name);
  html_raw(b, "\" name=\"");
  html_raw(b, fields[f].name);
  html_raw(b, "\"");
  if (fields[f].hint || (errs && errs->msg[f][0])) {
    html_raw(b, " aria-describedby=\"");
    if (fields[f].hint) {
      html_raw(b, fields[f].name);
      html_raw(b, "-goi-y");
    }
    if (errs && errs->msg[f][0]) {
      html_raw(b, fields[f].hint ? " " : "");
      html_raw(b, fields[f].name);
      html_raw(b, "-loi");
    }
    html_raw(b, "\"");
  }
  html_raw(b, extra);
  html_raw(b, " value=\"");
  html_attr(b, value_of(p, (enum app_person_input)f));
  html_raw(b, "\"></div>\n");
}

int person_form(struct web_req *rq, int status, const struct person *p,
                const struct app_person_errors *errs, const char *general, long id,
                const char *version)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  int failed = (errs && errs->n) || general;
  const char *title = id ? "Sửa thông tin cá nhân" : "Thêm người vào danh sách";
  char back[40] = "/nguoi", action[40] = "/nguoi/them", head[80];
  if (id) {
    snprintf(back, sizeof back, "/nguoi/%ld", id);
    snprintf(action, sizeof action, "/nguoi/%ld/sua", id);
  }
  snprintf(head, sizeof head, "%s%s", failed ? "Lỗi: " : "", title);
  layout_begin(rq, head);
  html_raw(b, "<p><a class=\"back-link\" href=\"");
  html_attr(b, back);
  html_raw(b, id ? "\">‹ Hồ sơ</a></p>\n" : "\">‹ Danh sách người</a></p>\n");
  if (failed) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa lưu được hồ sơ</h2><ul>");
    if (general) {
      html_raw(b, "<li><a href=\"#ho-ten\">");
      sentence(b, general);
      html_raw(b, "</a></li>");
    }
    for (int f = 0; errs && f < APP_PIN_COUNT; f++) {
      if (!errs->msg[f][0])
        continue;
      html_raw(b, "<li><a href=\"#");
      html_raw(b, fields[f].name);
      html_raw(b, "\">");
      sentence(b, errs->msg[f]);
      html_raw(b, "</a></li>");
    }
    html_raw(b, "</ul></div>\n");
  }
  html_raw(b, "<h1>");
  html_text(b, title);
  html_raw(b, "</h1>\n<form method=\"post\" action=\"");
  html_attr(b, action);
  html_raw(b, "\" novalidate>\n");
  person_page_csrf(rq);
  if (version) { /* the record the form was made from: a later change refuses it */
    html_raw(b, "<input type=\"hidden\" name=\"phien-ban\" value=\"");
    html_attr(b, version);
    html_raw(b, "\">");
  }
  html_raw(b, "\n");
  text_input(b, p, errs, APP_PIN_NAME, " autocomplete=\"off\" spellcheck=\"false\"");
  text_input(b, p, errs, APP_PIN_OTHER_NAMES, " autocomplete=\"off\"");
  text_input(b, p, errs, APP_PIN_BIRTH_DATE, " inputmode=\"numeric\" class=\"input-short\"");
  /* sex: a radio group, the fieldset's legend as its label */
  int bad = errs && errs->msg[APP_PIN_SEX][0];
  html_raw(b, bad ? "<fieldset class=\"radios form-group-error\" id=\"gioi-tinh\">"
                  : "<fieldset class=\"radios\" id=\"gioi-tinh\">");
  html_raw(b, "<legend>Giới tính</legend>");
  field_error(b, errs, APP_PIN_SEX);
  size_t n;
  const struct label *sexes = label_items(LABEL_SEX, &n);
  for (size_t i = 0; i < n; i++) {
    if (!sexes[i].code[0])
      continue;
    char rid[48];
    snprintf(rid, sizeof rid, "gioi-tinh-%s", sexes[i].code);
    html_raw(b, "<div><input type=\"radio\" name=\"gioi-tinh\" id=\"");
    html_attr(b, rid);
    html_raw(b, "\" value=\"");
    html_attr(b, sexes[i].code);
    html_raw(b, strcmp(p->sex, sexes[i].code) == 0 ? "\" checked> <label for=\""
                                                   : "\"> <label for=\"");
    html_attr(b, rid);
    html_raw(b, "\">");
    html_text(b, sexes[i].vi);
    html_raw(b, "</label></div>");
  }
  html_raw(b, "</fieldset>\n");
  text_input(b, p, errs, APP_PIN_ETHNICITY, "");
  text_input(b, p, errs, APP_PIN_NATIONAL_ID, " inputmode=\"numeric\" class=\"input-short\"");
  if (!id) /* the residence follows the history: a move is an event, not an edit */
    text_input(b, p, errs, APP_PIN_UNIT, " inputmode=\"numeric\" class=\"input-short\"");
  text_input(b, p, errs, APP_PIN_ADDRESS, "");
  text_input(b, p, errs, APP_PIN_OCCUPATION, "");
  group_open(b, errs, APP_PIN_OCCUPATION_GROUP);
  html_raw(b, "<select id=\"nhom-nghe\" name=\"nhom-nghe\">");
  const struct label *groups = label_items(LABEL_OCCUPATION_GROUP, &n);
  for (size_t i = 0; i < n; i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, groups[i].code);
    html_raw(b, strcmp(p->occupation_group, groups[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, groups[i].code[0] ? groups[i].vi : "Không thuộc nhóm nào");
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n<button class=\"button\" type=\"submit\">Lưu hồ sơ</button>\n"
              "</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_person_add(struct web_req *rq)
{
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  if (!scope_may_write_people(&caller))
    return err_set(&rq->err, ERR_DENIED, "Vai trò của bạn không được thêm hồ sơ cá nhân.");
  struct person p = {0};
  return person_form(rq, 200, &p, NULL, NULL, 0, NULL);
}

/* Copy form field `name` into dst[0..n). */
static void take(struct web_req *rq, char *dst, size_t n, const char *name)
{
  const char *v = request_form(rq, name);
  snprintf(dst, n, "%s", v ? v : "");
}

void person_form_read(struct person *out, struct web_req *rq)
{
  memset(out, 0, sizeof *out);
  take(rq, out->full_name, sizeof out->full_name, "ho-ten");
  take(rq, out->other_names, sizeof out->other_names, "ten-khac");
  take(rq, out->birth_date, sizeof out->birth_date, "ngay-sinh");
  take(rq, out->sex, sizeof out->sex, "gioi-tinh");
  take(rq, out->ethnicity, sizeof out->ethnicity, "dan-toc");
  take(rq, out->national_id, sizeof out->national_id, "cccd");
  take(rq, out->unit_code, sizeof out->unit_code, "don-vi");
  take(rq, out->address, sizeof out->address, "dia-chi");
  take(rq, out->occupation, sizeof out->occupation, "nghe-nghiep");
  take(rq, out->occupation_group, sizeof out->occupation_group, "nhom-nghe");
}

int page_person_add_post(struct web_req *rq)
{
  struct person p;
  person_form_read(&p, rq);
  struct person typed = p; /* the form shows what was typed, not what was normalised */
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  long id = 0;
  struct app_person_errors errs;
  rc = app_person_add_form(&id, &errs, rq->st, &caller, &p, today, &rq->err);
  if (rc == ERR_INPUT)
    return person_form(rq, 400, &typed, &errs, errs.n ? NULL : rq->err.msg, 0, NULL);
  if (rc)
    return rc;
  char next[40];
  snprintf(next, sizeof next, "/nguoi/%ld", id);
  return request_redirect(rq, next);
}
