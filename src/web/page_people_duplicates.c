/* page_people_duplicates.c: /nguoi/trung-lap — the possible duplicates, merged or dismissed.
 *
 * GET lists the open pairs of the caller's territory (app_person_duplicates,
 * both records inside it), twenty a page, each pair as a table of the two
 * records side by side with the fields that match marked, and per pair a
 * "dismiss" form and two links to merge one record into the other. A merge
 * cannot be undone in the browser, so its link leads to a confirmation page
 * (GET /nguoi/trung-lap/gop?giu=A&bo=B) whose form does it (POST), then
 * sends the user to the record kept with a notice. A pair with a record
 * outside the territory is not among the pairs: its confirmation, merge and
 * dismissal answer the one fixed 404 page of a missing record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "base/number.h"
#include "output/html.h"
#include "types/label.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

#define PAGE_SIZE 20

/* The id in form or query value s (a positive decimal), else 0. */
static long id_of(const char *s)
{
  if (!s || !*s || strlen(s) > 15)
    return 0;
  for (const char *c = s; *c; c++)
    if (*c < '0' || *c > '9')
      return 0;
  return strtol(s, NULL, 10);
}

static void put_long(struct buf *b, long v)
{
  char s[24];
  snprintf(s, sizeof s, "%ld", v);
  html_text(b, s);
}

/* One row of the side-by-side table: the field, both values, and whether
 * they match (a word as well as the mark: colour is never the only sign). */
static void pair_row(struct buf *b, const char *key, const char *va, const char *vb)
{
  int same = va[0] && strcmp(va, vb) == 0;
  html_raw(b, same ? "<tr class=\"match\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
  html_text(b, key);
  html_raw(b, "</th><td>");
  html_text(b, va[0] ? va : "—");
  html_raw(b, "</td><td>");
  html_text(b, vb[0] ? vb : "—");
  html_raw(b, same ? "</td><td><strong class=\"tag tag-blue\">trùng</strong></td></tr>\n"
                   : "</td><td></td></tr>\n");
}

/* The two records of pair d side by side; `n` the pair's number on the page. */
static void pair_table(struct buf *b, const struct person_dup *d, size_t n)
{
  const struct person *a = &d->a, *p = &d->b;
  char ba[16], bb[16], cap[64];
  snprintf(cap, sizeof cap, "Cặp %zu", n);
  html_raw(b, "<div class=\"table-wrap\"><table class=\"table\"><caption>");
  html_text(b, cap);
  html_raw(b, "</caption>\n<thead><tr><th scope=\"col\">Thông tin</th><th scope=\"col\">"
              "<a href=\"/nguoi/");
  put_long(b, a->id);
  html_raw(b, "\">Hồ sơ số ");
  put_long(b, a->id);
  html_raw(b, "</a></th><th scope=\"col\"><a href=\"/nguoi/");
  put_long(b, p->id);
  html_raw(b, "\">Hồ sơ số ");
  put_long(b, p->id);
  html_raw(b, "</a></th><th scope=\"col\">Khớp</th></tr></thead>\n<tbody>\n");
  pair_row(b, "Họ và tên", a->full_name, p->full_name);
  pair_row(b, "Ngày sinh", date_iso_to_vn(ba, a->birth_date), date_iso_to_vn(bb, p->birth_date));
  pair_row(b, "Giới tính", label_vi(LABEL_SEX, a->sex), label_vi(LABEL_SEX, p->sex));
  pair_row(b, "Số định danh (CCCD)", a->national_id, p->national_id);
  pair_row(b, "Nơi cư trú", a->unit_name, p->unit_name);
  pair_row(b, "Địa chỉ", a->address, p->address);
  html_raw(b, "</tbody></table></div>\n");
}

/* The actions on pair d: dismiss (a form), merge either way (links to the
 * confirmation). */
static void pair_actions(struct web_req *rq, const struct person_dup *d)
{
  struct buf *b = &rq->body;
  html_raw(b,
           "<div class=\"pair-actions\"><form method=\"post\" action=\"/nguoi/trung-lap/bo-qua\">");
  person_page_csrf(rq);
  html_raw(b, "<input type=\"hidden\" name=\"a\" value=\"");
  put_long(b, d->a.id);
  html_raw(b, "\"><input type=\"hidden\" name=\"b\" value=\"");
  put_long(b, d->b.id);
  html_raw(b,
           "\"><button class=\"button button-secondary\" type=\"submit\">Không trùng: hồ sơ số ");
  put_long(b, d->a.id);
  html_raw(b, " và số ");
  put_long(b, d->b.id);
  html_raw(b, " là hai người</button></form>\n");
  const struct person *keep[2] = {&d->a, &d->b}, *drop[2] = {&d->b, &d->a};
  for (int i = 0; i < 2; i++) {
    html_raw(b, "<a class=\"button\" href=\"/nguoi/trung-lap/gop?giu=");
    put_long(b, keep[i]->id);
    html_raw(b, "&amp;bo=");
    put_long(b, drop[i]->id);
    html_raw(b, "\">Gộp hồ sơ số ");
    put_long(b, drop[i]->id);
    html_raw(b, " vào hồ sơ số ");
    put_long(b, keep[i]->id);
    html_raw(b, "</a> ");
  }
  html_raw(b, "</div>\n");
}

static int refuse_readers(struct web_req *rq)
{
  return err_set(&rq->err, ERR_DENIED,
                 "Vai trò của bạn không được xem hồ sơ cá nhân, chỉ xem số liệu tổng hợp.");
}

int page_people_duplicates(struct web_req *rq)
{
  if (!person_page_may_read(rq))
    return refuse_readers(rq);
  const char *page_s = NULL, *notice = NULL;
  if (person_page_query(&page_s, rq, "trang") || person_page_query(&notice, rq, "thong-bao"))
    return err_set(&rq->err, ERR_INPUT, "Địa chỉ không hợp lệ.");
  long page = page_s && *page_s ? strtol(page_s, NULL, 10) : 1;
  if (page < 1)
    page = 1;
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct person_dup_list l = {0};
  rc = app_person_duplicates(&l, rq->st, &caller, &rq->err);
  if (rc)
    return rc;
  size_t first = (size_t)(page - 1) * PAGE_SIZE;
  size_t count = l.n > first ? l.n - first : 0;
  int more = count > PAGE_SIZE;
  if (more)
    count = PAGE_SIZE;
  struct buf *b = &rq->body;
  layout_begin(rq, "Hồ sơ nghi trùng");
  html_raw(b, "<p><a class=\"back-link\" href=\"/nguoi\">‹ Danh sách người</a></p>\n");
  if (notice && strcmp(notice, "da-bo-qua") == 0)
    html_raw(b, "<div class=\"notification\" role=\"status\"><p>Đã ghi nhận: hai hồ sơ là hai "
                "người khác nhau.</p></div>\n");
  html_raw(b, "<h1>Hồ sơ nghi trùng</h1>\n<p>Mỗi cặp là hai hồ sơ cùng họ tên và ngày sinh. "
              "Gộp khi là một người; nếu là hai người, ghi nhận để cặp không hiện lại.</p>\n");
  char total[32];
  number_format_vn(total, sizeof total, (double)l.n, 0);
  html_raw(b, "<p>");
  html_text(b, total);
  html_raw(b, " cặp chưa xử lý.</p>\n");
  int writer = scope_may_write_people(&caller);
  for (size_t i = 0; i < count; i++) {
    pair_table(b, &l.items[first + i], first + i + 1);
    if (writer)
      pair_actions(rq, &l.items[first + i]);
  }
  if (page > 1 || more) {
    html_raw(b, "<nav class=\"pagination\" aria-label=\"Phân trang\"><ul>");
    if (page > 1) {
      html_raw(b, "<li><a rel=\"prev\" href=\"/nguoi/trung-lap?trang=");
      put_long(b, page - 1);
      html_raw(b, "\">‹ Trang trước</a></li>");
    }
    html_raw(b, "<li aria-current=\"page\">Trang ");
    put_long(b, page);
    html_raw(b, "</li>");
    if (more) {
      html_raw(b, "<li><a rel=\"next\" href=\"/nguoi/trung-lap?trang=");
      put_long(b, page + 1);
      html_raw(b, "\">Trang sau ›</a></li>");
    }
    html_raw(b, "</ul></nav>\n");
  }
  layout_end(rq);
  person_dup_list_free(&l);
  return request_html(rq, 200);
}

int page_people_merge_confirm(struct web_req *rq)
{
  if (!person_page_may_read(rq))
    return refuse_readers(rq);
  const char *ks = NULL, *ds = NULL;
  if (person_page_query(&ks, rq, "giu") || person_page_query(&ds, rq, "bo"))
    return person_page_not_found(rq);
  long keep = id_of(ks), drop = id_of(ds);
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  if (!scope_may_write_people(&caller))
    return err_set(&rq->err, ERR_DENIED, "Vai trò của bạn không được gộp hồ sơ.");
  /* the pair must be one of the caller's open pairs: else as a missing record */
  struct person_dup_list l = {0};
  rc = app_person_duplicates(&l, rq->st, &caller, &rq->err);
  if (rc)
    return rc;
  const struct person_dup *d = NULL;
  for (size_t i = 0; i < l.n && !d; i++)
    if ((l.items[i].a.id == keep && l.items[i].b.id == drop) ||
        (l.items[i].a.id == drop && l.items[i].b.id == keep))
      d = &l.items[i];
  if (!d || keep == drop) {
    person_dup_list_free(&l);
    return person_page_not_found(rq);
  }
  struct buf *b = &rq->body;
  layout_begin(rq, "Xác nhận gộp hồ sơ");
  html_raw(b, "<p><a class=\"back-link\" href=\"/nguoi/trung-lap\">‹ Hồ sơ nghi trùng</a></p>\n"
              "<h1>Gộp hồ sơ số ");
  put_long(b, drop);
  html_raw(b, " vào hồ sơ số ");
  put_long(b, keep);
  html_raw(b,
           "?</h1>\n<div class=\"notice\"><p><strong>Không hoàn tác được trên giao diện.</strong> "
           "Toàn bộ quá trình của hồ sơ số ");
  put_long(b, drop);
  html_raw(b, " chuyển sang hồ sơ số ");
  put_long(b, keep);
  html_raw(b, "; hồ sơ số ");
  put_long(b, drop);
  html_raw(b, " không còn hiện trong tìm kiếm.</p></div>\n");
  pair_table(b, d, 1);
  html_raw(b, "<form method=\"post\" action=\"/nguoi/trung-lap/gop\">");
  person_page_csrf(rq);
  html_raw(b, "<input type=\"hidden\" name=\"giu\" value=\"");
  put_long(b, keep);
  html_raw(b, "\"><input type=\"hidden\" name=\"bo\" value=\"");
  put_long(b, drop);
  html_raw(b, "\"><button class=\"button\" type=\"submit\">Gộp hồ sơ</button> "
              "<a href=\"/nguoi/trung-lap\">Hủy, quay lại danh sách</a></form>\n");
  layout_end(rq);
  person_dup_list_free(&l);
  return request_html(rq, 200);
}

int page_people_merge(struct web_req *rq)
{
  long keep = id_of(request_form(rq, "giu")), drop = id_of(request_form(rq, "bo"));
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  rc = keep && drop && keep != drop ? app_person_merge(rq->st, &caller, keep, drop, today, &rq->err)
                                    : ERR_NOT_FOUND;
  if (rc == ERR_NOT_FOUND)
    return person_page_not_found(rq);
  if (rc)
    return rc;
  char next[64];
  snprintf(next, sizeof next, "/nguoi/%ld?thong-bao=da-gop", keep);
  return request_redirect(rq, next);
}

int page_people_dismiss(struct web_req *rq)
{
  long a = id_of(request_form(rq, "a")), p = id_of(request_form(rq, "b"));
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  rc = a && p ? app_person_dismiss(rq->st, &caller, a, p, &rq->err) : ERR_NOT_FOUND;
  if (rc == ERR_NOT_FOUND)
    return person_page_not_found(rq);
  return rc ? rc : request_redirect(rq, "/nguoi/trung-lap?thong-bao=da-bo-qua");
}
