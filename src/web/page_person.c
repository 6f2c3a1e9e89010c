/* page_person.c: GET /nguoi/{id} — one person's record.
 *
 * Identity as a summary list, the running legal clocks with their end
 * dates, and the history as a timeline, as app_person_show gives them: the
 * health fields the role is not shown are already gone, and a notice says
 * which fields are withheld (by role, never by what the record holds). A
 * session that has not said why it reads records is asked first
 * (page_person_purpose.c). A person outside the caller's territory answers
 * exactly as a missing id: one fixed 404 page. */
#include <stdio.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "types/label.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

/* One row of the summary list; nothing when value is empty and `always` 0. */
static void row(struct buf *b, const char *key, const char *value, int always)
{
  if (!always && (!value || !*value))
    return;
  html_raw(b, "<dt>");
  html_text(b, key);
  html_raw(b, "</dt><dd>");
  html_text(b, value && *value ? value : "—");
  html_raw(b, "</dd>\n");
}

static void render_identity(struct buf *b, const struct person_record *r)
{
  const struct person *p = &r->person;
  char born[16] = "", since[16] = "", status[200];
  date_iso_to_vn(born, p->birth_date);
  snprintf(status, sizeof status, "%s",
           label_vi(LABEL_PERSON_STATUS, person_status_code(&r->status)));
  if (r->status.since[0])
    snprintf(status + strlen(status), sizeof status - strlen(status), " (từ %s)",
             date_iso_to_vn(since, r->status.since));
  html_raw(b, "<h2>Thông tin cá nhân</h2>\n<dl class=\"summary-list\">\n");
  row(b, "Họ và tên", p->full_name, 1);
  row(b, "Tên gọi khác", p->other_names, 0);
  row(b, "Ngày sinh", born, 1);
  row(b, "Giới tính", label_vi(LABEL_SEX, p->sex), 1);
  row(b, "Dân tộc", p->ethnicity, 1);
  row(b, "Số định danh cá nhân (CCCD)", p->national_id[0] ? p->national_id : "chưa có", 1);
  row(b, "Nơi cư trú", p->unit_name, 1);
  row(b, "Địa chỉ", p->address, 0);
  row(b, "Nghề nghiệp", p->occupation, 0);
  if (p->occupation_group[0])
    row(b, "Nhóm nghề", label_vi(LABEL_OCCUPATION_GROUP, p->occupation_group), 1);
  row(b, "Tình trạng", status, 1);
  html_raw(b, "</dl>\n");
}

static void render_clocks(struct buf *b, const struct person_record *r)
{
  html_raw(b, "<h2>Thời hạn đang chạy</h2>\n");
  if (!r->clocks.n) {
    html_raw(b, "<p>Không có thời hạn nào đang chạy.</p>\n");
    return;
  }
  html_raw(b,
           "<div class=\"table-wrap\"><table class=\"table\">\n<thead><tr>"
           "<th scope=\"col\">Thời hạn</th><th scope=\"col\">Bắt đầu</th>"
           "<th scope=\"col\">Kết thúc</th><th scope=\"col\">Căn cứ</th></tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < r->clocks.n; i++) {
    const struct person_clock *c = &r->clocks.items[i];
    char start[16], end[16];
    html_raw(b, "<tr><td>");
    html_text(b, person_clock_label(c->code));
    html_raw(b, "</td><td>");
    html_text(b, date_iso_to_vn(start, c->start));
    html_raw(b, "</td><td><strong>");
    html_text(b, date_iso_to_vn(end, c->end));
    html_raw(b, "</strong></td><td>");
    html_text(b, c->rule ? c->rule->source : "");
    html_raw(b, "</td></tr>\n");
  }
  html_raw(b, "</tbody></table></div>\n");
}

/* 1 when event `id` is voided by a later void event of the list. */
static int voided(const struct person_event_list *l, long id)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].kind == PEV_VOID && l->items[i].ref_event_id == id)
      return 1;
  return 0;
}

static void render_history(struct buf *b, const struct person_record *r)
{
  html_raw(b, "<h2>Quá trình</h2>\n");
  if (!r->events.n) {
    html_raw(b, "<p>Chưa có sự kiện nào.</p>\n");
    return;
  }
  html_raw(b, "<ol class=\"timeline\">\n");
  for (size_t i = 0; i < r->events.n; i++) {
    const struct person_event *e = &r->events.items[i];
    char date[16], d2[16], num[24];
    int gone = voided(&r->events, e->id);
    snprintf(num, sizeof num, "%ld", e->id);
    html_raw(b, gone ? "<li class=\"voided\"><time datetime=\"" : "<li><time datetime=\"");
    html_attr(b, e->date);
    html_raw(b, "\">");
    html_text(b, date_iso_to_vn(date, e->date));
    html_raw(b, "</time> — <strong>");
    html_text(b, person_event_label(e->kind));
    html_raw(b, "</strong>");
    if (e->value[0]) {
      html_raw(b, ": ");
      html_text(b, e->kind == PEV_CLASSIFIED ? label_vi(LABEL_PERSON_CLASS, e->value) : e->value);
    }
    if (e->facility[0]) {
      html_raw(b, " — ");
      html_text(b, e->facility);
    }
    if (e->decision_no[0]) {
      html_raw(b, " — quyết định số ");
      html_text(b, e->decision_no);
      html_raw(b, " ngày ");
      html_text(b, date_iso_to_vn(d2, e->decision_date));
    }
    if (e->ref_event_id) {
      char ref[24];
      snprintf(ref, sizeof ref, "%ld", e->ref_event_id);
      html_raw(b, " — hủy sự kiện số ");
      html_text(b, ref);
    }
    if (e->note[0]) {
      html_raw(b, " — ");
      html_text(b, e->note);
    }
    html_raw(b, " <span class=\"hint\">(sự kiện số ");
    html_text(b, num);
    html_raw(b, gone ? ", đã hủy)</span></li>\n" : ")</span></li>\n");
  }
  html_raw(b, "</ol>\n");
}

/* The cases, places and networks of the caller's territory that name the
 * person: one table each, dates dd/mm/yyyy, roles and kinds by their labels. */
static void render_links(struct buf *b, const struct person_record *r)
{
  static const struct {
    const char *kind, *title, *none, *role_col, *name_col;
    enum label_set set;
  } parts[] = {
      {"case", "Vụ án liên quan", "Không có vụ án nào trong địa bàn của bạn.", "Vai trò",
       "Tội danh (điều)", LABEL_CASE_ROLE},
      {"place", "Địa bàn, điểm liên quan", "Không có địa bàn, điểm nào trong địa bàn của bạn.",
       "Loại", "Tên", LABEL_PLACE_KIND},
      {"network", "Đường dây, nhóm liên quan",
       "Không có đường dây, nhóm nào trong địa bàn của bạn.", "Vai trò", "Tên", LABEL_NETWORK_ROLE},
  };
  for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
    html_raw(b, "<h2>");
    html_text(b, parts[k].title);
    html_raw(b, "</h2>\n");
    size_t n = 0;
    for (size_t i = 0; i < r->links.n; i++)
      n += strcmp(r->links.items[i].kind, parts[k].kind) == 0;
    if (!n) {
      html_raw(b, "<p>");
      html_text(b, parts[k].none);
      html_raw(b, "</p>\n");
      continue;
    }
    html_raw(b, "<div class=\"table-wrap\"><table class=\"table\">\n<thead><tr>"
                "<th scope=\"col\">Số hồ sơ</th><th scope=\"col\">Ngày</th><th scope=\"col\">");
    html_text(b, parts[k].role_col);
    html_raw(b, "</th><th scope=\"col\">");
    html_text(b, parts[k].name_col);
    html_raw(b, "</th><th scope=\"col\">Đơn vị</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->links.n; i++) {
      const struct person_link *l = &r->links.items[i];
      if (strcmp(l->kind, parts[k].kind) != 0)
        continue;
      char date[16], since[16];
      html_raw(b, "<tr><td>");
      html_text(b, l->record_no);
      html_raw(b, "</td><td>");
      html_text(b, date_iso_to_vn(date, l->date));
      html_raw(b, "</td><td>");
      html_text(b, label_vi(parts[k].set, l->role));
      if (l->since[0]) {
        html_raw(b, " (bắt ngày ");
        html_text(b, date_iso_to_vn(since, l->since));
        html_raw(b, ")");
      }
      html_raw(b, "</td><td>");
      html_text(b, l->name);
      html_raw(b, "</td><td>");
      html_text(b, l->unit_name);
      html_raw(b, "</td></tr>\n");
    }
    html_raw(b, "</tbody></table></div>\n");
  }
}

/* The notice naming the health fields the role is not shown. */
static void render_hidden(struct buf *b, unsigned hidden)
{
  if (!hidden)
    return;
  html_raw(b,
           "<p class=\"notice\">Các thông tin sức khỏe sau không hiển thị với vai trò của bạn: ");
  size_t n;
  label_items(LABEL_HEALTH_FIELD, &n);
  int first = 1;
  for (size_t i = 0; i < n; i++) {
    if (!(hidden & (1u << i)))
      continue;
    html_raw(b, first ? "" : "; ");
    html_text(b, label_at(LABEL_HEALTH_FIELD, i));
    first = 0;
  }
  html_raw(b, ".</p>\n");
}

/* The success banner a change redirects here with (?thong-bao=CODE): a
 * fixed sentence per code, never text taken from the address. */
static void render_notice(struct buf *b, struct web_req *rq)
{
  static const struct {
    const char *code, *text;
  } notices[] = {
      {"da-sua", "Đã lưu thông tin cá nhân."},
      {"da-gop", "Đã gộp hồ sơ trùng vào hồ sơ này."},
  };
  const char *code = NULL;
  if (person_page_query(&code, rq, "thong-bao") || !code)
    return;
  for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++) {
    if (strcmp(code, notices[i].code) != 0)
      continue;
    html_raw(b, "<div class=\"notification\" role=\"status\"><p>");
    html_text(b, notices[i].text);
    html_raw(b, "</p></div>\n");
  }
}

int page_person(struct web_req *rq)
{
  long id = person_page_id(rq);
  char next[40];
  snprintf(next, sizeof next, "/nguoi/%ld", id);
  /* a role that reads no personal record is refused before being asked why */
  if (!person_page_may_read(rq))
    return err_set(&rq->err, ERR_DENIED,
                   "Vai trò của bạn không được xem hồ sơ cá nhân, chỉ xem số liệu tổng hợp.");
  /* why first, for any id: asking tells nothing about the record */
  if (!rq->session->purpose[0])
    return person_purpose_form(rq, 200, next, NULL, NULL, NULL);
  struct scope caller;
  int rc = person_page_caller(&caller, rq, rq->session->purpose);
  if (rc)
    return rc;
  struct legal_rule_set rules = {0};
  rc = app_person_rules(&rules, rq->st, &rq->err);
  if (rc)
    return rc;
  struct person_record r;
  rc = app_person_show(&r, rq->st, &caller, id, &rules, &rq->err);
  if (rc) {
    legal_rule_set_free(&rules);
    return rc == ERR_NOT_FOUND ? person_page_not_found(rq) : rc;
  }
  struct buf *b = &rq->body;
  layout_begin(rq, r.person.full_name);
  html_raw(b, "<p><a class=\"back-link\" href=\"/nguoi\">‹ Danh sách người</a></p>\n<h1>");
  html_text(b, r.person.full_name);
  html_raw(b, "</h1>\n");
  render_notice(b, rq);
  render_hidden(b, r.hidden);
  if (scope_may_write_people(&caller)) {
    html_raw(b, "<p><a class=\"button button-secondary\" href=\"");
    html_raw(b, next);
    html_raw(b, "/su-kien\">Thêm sự kiện</a> <a class=\"button button-secondary\" href=\"");
    html_raw(b, next);
    html_raw(b, "/sua\">Sửa thông tin cá nhân</a></p>\n");
  }
  render_identity(b, &r);
  render_clocks(b, &r);
  render_history(b, &r);
  render_links(b, &r);
  layout_end(rq);
  person_record_free(&r);
  legal_rule_set_free(&rules);
  return request_html(rq, 200);
}
