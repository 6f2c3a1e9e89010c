/* page_person_event.c: GET and POST /nguoi/{id}/su-kien — add an event to a
 * person's history.
 *
 * One form for every kind of event; the fields a kind needs are said in
 * their hints (a court decision for compulsory rehab, a facility for a
 * determination or a treatment, the new commune for a move, the event
 * voided for a void). The operation replays the whole history with the new
 * event and answers the first rule it breaks (app_person_event); the form
 * comes back with that message and every value kept. A person outside the
 * caller's territory answers the fixed 404 page, as on the person's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "types/label.h"
#include "types/person.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

/* What the form sent, kept as typed. */
struct typed {
  const char *kind, *date, *value, *facility, *decision_no, *decision_date, *to, *ref, *note;
};

static void input(struct buf *b, const char *name, const char *label, const char *hint,
                  const char *value, const char *extra)
{
  html_raw(b, "<div class=\"form-group\"><label for=\"");
  html_raw(b, name);
  html_raw(b, "\">");
  html_text(b, label);
  html_raw(b, "</label>");
  if (hint) {
    html_raw(b, "<p class=\"hint\" id=\"");
    html_raw(b, name);
    html_raw(b, "-goi-y\">");
    html_text(b, hint);
    html_raw(b, "</p>");
  }
  html_raw(b, "<input type=\"text\" id=\"");
  html_raw(b, name);
  html_raw(b, "\" name=\"");
  html_raw(b, name);
  html_raw(b, "\"");
  if (hint) {
    html_raw(b, " aria-describedby=\"");
    html_raw(b, name);
    html_raw(b, "-goi-y\"");
  }
  html_raw(b, extra);
  html_raw(b, " value=\"");
  html_attr(b, value ? value : "");
  html_raw(b, "\"></div>\n");
}

static int render(struct web_req *rq, int status, long id, const struct typed *t, const char *error)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  char back[40], num[24];
  snprintf(back, sizeof back, "/nguoi/%ld", id);
  snprintf(num, sizeof num, "%ld", id);
  layout_begin(rq, error ? "Lỗi: Thêm sự kiện" : "Thêm sự kiện");
  html_raw(b, "<p><a class=\"back-link\" href=\"");
  html_raw(b, back);
  html_raw(b, "\">‹ Hồ sơ số ");
  html_text(b, num);
  html_raw(b, "</a></p>\n");
  if (error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa lưu được sự kiện</h2><ul><li><a href=\"#loai\">");
    html_text(b, error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Thêm sự kiện vào quá trình</h1>\n<form method=\"post\" action=\"");
  html_raw(b, back);
  html_raw(b, "/su-kien\" novalidate>\n");
  person_page_csrf(rq);
  html_raw(b, "\n<div class=\"form-group\"><label for=\"loai\">Loại sự kiện</label>"
              "<select id=\"loai\" name=\"loai\">");
  size_t n;
  const struct label *kinds = label_items(LABEL_EVENT_KIND, &n);
  for (size_t i = 0; i < n; i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, kinds[i].code);
    html_raw(b, t->kind && strcmp(t->kind, kinds[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, kinds[i].vi);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n");
  input(b, "ngay", "Ngày", "Ngày/tháng/năm, ví dụ 07/03/2025", t->date,
        " inputmode=\"numeric\" class=\"input-short\"");
  input(b, "gia-tri", "Kết quả, phân loại hoặc thuốc (nếu loại sự kiện cần)",
        "Phân loại: suspected (nghi sử dụng), user (sử dụng), addict (nghiện), psychosis "
        "(loạn thần); xác định tình trạng nghiện: addict (nghiện) hoặc not_addict (không "
        "nghiện); điều trị thay thế: methadone hoặc buprenorphine",
        t->value, "");
  input(b, "co-so", "Cơ sở y tế, cơ sở cai nghiện hoặc điều trị (nếu có)", NULL, t->facility, "");
  input(b, "so-quyet-dinh", "Số quyết định của Tòa án (cai nghiện bắt buộc)", NULL, t->decision_no,
        "");
  input(b, "ngay-quyet-dinh", "Ngày quyết định", "Ngày/tháng/năm", t->decision_date,
        " inputmode=\"numeric\" class=\"input-short\"");
  input(b, "don-vi-moi", "Mã xã, phường chuyển đến (chuyển nơi cư trú)", NULL, t->to,
        " inputmode=\"numeric\" class=\"input-short\"");
  input(b, "huy-su-kien", "Số sự kiện bị hủy (hủy một sự kiện ghi nhầm)", NULL, t->ref,
        " inputmode=\"numeric\" class=\"input-short\"");
  input(b, "ghi-chu", "Ghi chú, lý do", NULL, t->note, "");
  html_raw(b, "<button class=\"button\" type=\"submit\">Lưu sự kiện</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

/* The purpose of a change: the session's, else this. */
static const char *purpose_of(const struct web_req *rq)
{
  return rq->session->purpose[0] ? rq->session->purpose : "cập nhật hồ sơ";
}

int page_person_event(struct web_req *rq)
{
  long id = person_page_id(rq);
  struct scope caller;
  int rc = person_page_caller(&caller, rq, purpose_of(rq));
  if (rc)
    return rc;
  if (!scope_may_write_people(&caller))
    return err_set(&rq->err, ERR_DENIED, "Vai trò của bạn không được thay đổi hồ sơ cá nhân.");
  if (!id)
    return person_page_not_found(rq);
  struct typed t = {0};
  return render(rq, 200, id, &t, NULL);
}

int page_person_event_post(struct web_req *rq)
{
  long id = person_page_id(rq);
  struct typed t = {
      request_form(rq, "loai"),          request_form(rq, "ngay"),
      request_form(rq, "gia-tri"),       request_form(rq, "co-so"),
      request_form(rq, "so-quyet-dinh"), request_form(rq, "ngay-quyet-dinh"),
      request_form(rq, "don-vi-moi"),    request_form(rq, "huy-su-kien"),
      request_form(rq, "ghi-chu"),
  };
  struct scope caller;
  int rc = person_page_caller(&caller, rq, purpose_of(rq));
  if (rc)
    return rc;
  if (!id)
    return person_page_not_found(rq);
  struct person_event ev = {0};
  ev.person_id = id;
  struct err e = {ERR_OK, ""};
  if (person_event_parse(&ev.kind, t.kind ? t.kind : "", &e))
    return render(rq, 400, id, &t, "Hãy chọn loại sự kiện.");
#define SET(f, v) snprintf(ev.f, sizeof ev.f, "%s", (v) ? (v) : "")
  SET(date, t.date);
  SET(value, t.value);
  SET(facility, t.facility);
  SET(decision_no, t.decision_no);
  SET(decision_date, t.decision_date);
  SET(unit_code, t.to);
  SET(note, t.note);
#undef SET
  if (t.ref && *t.ref) {
    char *end = NULL;
    ev.ref_event_id = strtol(t.ref, &end, 10);
    if (!end || *end || ev.ref_event_id <= 0)
      return render(rq, 400, id, &t, "Số sự kiện bị hủy phải là một số.");
  }
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  long eid = 0;
  rc = app_person_event(&eid, rq->st, &caller, &ev, today, &rq->err);
  if (rc == ERR_NOT_FOUND)
    return person_page_not_found(rq);
  if (rc == ERR_INPUT || rc == ERR_CONFLICT)
    return render(rq, 400, id, &t, rq->err.msg);
  if (rc)
    return rc;
  char next[40];
  snprintf(next, sizeof next, "/nguoi/%ld", id);
  return request_redirect(rq, next);
}
