/* page_audit.c: the audit trail for administrators — GET /quan-tri/nhat-ky
 * and its CSV export GET /quan-tri/nhat-ky.csv, with the same filters:
 * ?nguoi-dung=LOGIN&hanh-dong=ACTION&ho-so=PERSON_ID&tu=dd/mm/yyyy&
 * den=dd/mm/yyyy&trang=N.
 *
 * The page opens with the chain's verdict (app_audit_review verifies the
 * chain from its newest signed checkpoint to the tip, and the person rows;
 * the rows before the checkpoint were verified when it was signed, and
 * `pcmt audit verify` walks them all) and then a page of
 * rows, newest first. Only GET: nothing here changes the trail. Times are
 * shown in Vietnam time (UTC+7; the trail stores UTC). Reading the trail
 * is not audited (app_audit.h says why). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_audit.h"
#include "base/date.h"
#include "output/csv_write.h"
#include "output/html.h"
#include "types/label.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/routes.h"

#define CSV_MAX_ROWS 10000 /* rows of one export; the filters narrow a larger trail */

/* The filters as typed (kept in the form and the links). */
struct audit_query {
  const char *user;   /* nguoi-dung */
  const char *action; /* hanh-dong: an action's code */
  const char *person; /* ho-so */
  const char *from;   /* tu */
  const char *to;     /* den */
  long page;          /* trang, from 1 */
};

/* The filters' inputs, in the form's order; errors are indexed alike. */
enum { Q_USER, Q_ACTION, Q_PERSON, Q_FROM, Q_TO, Q_PAGE, Q_N };
static const char *const q_ids[Q_N] = {"nguoi-dung", "hanh-dong", "ho-so", "tu", "den", "trang"};

static const char *query_value(struct web_req *rq, const char *name)
{
  const char *v = NULL, *q = rq->query ? rq->query : "";
  if (form_value(&v, &rq->arena, q, strlen(q), name))
    return NULL;
  return v && *v ? v : NULL;
}

/* Read the query into *q and *f; errs[i] says what is wrong with input i.
 * Returns the number of errors. */
static int parse(struct audit_query *q, struct app_audit_filter *f, const char **errs,
                 struct web_req *rq)
{
  memset(f, 0, sizeof *f);
  int bad = 0;
  q->user = query_value(rq, "nguoi-dung");
  q->action = query_value(rq, "hanh-dong");
  q->person = query_value(rq, "ho-so");
  q->from = query_value(rq, "tu");
  q->to = query_value(rq, "den");
  const char *page = query_value(rq, "trang");
  f->actor = q->user;
  f->action = q->action;
  if (q->person) {
    char *end = NULL;
    f->person_id = strtol(q->person, &end, 10);
    if (*end || f->person_id <= 0)
      bad++, errs[Q_PERSON] = "Số hồ sơ phải là một số nguyên dương.";
  }
  struct err e = {ERR_OK, ""};
  if (q->from && date_parse(&f->from, q->from, 0, &e))
    bad++, errs[Q_FROM] = "Từ ngày phải có dạng ngày/tháng/năm, ví dụ 01/12/2026.";
  if (q->to && date_parse(&f->to, q->to, 0, &e))
    bad++, errs[Q_TO] = "Đến ngày phải có dạng ngày/tháng/năm, ví dụ 31/12/2026.";
  if (q->action && !label_match(LABEL_AUDIT_ACTION, q->action))
    bad++, errs[Q_ACTION] = "Hãy chọn một hành động trong danh sách.";
  if (!errs[Q_FROM] && !errs[Q_TO] && q->from && q->to && date_cmp(f->from, f->to) > 0)
    bad++, errs[Q_TO] = "Đến ngày phải cùng hoặc sau từ ngày.";
  q->page = 1;
  if (page) {
    char *end = NULL;
    q->page = strtol(page, &end, 10);
    if (*end || q->page < 1 || q->page > 100000)
      bad++, errs[Q_PAGE] = "Số trang không hợp lệ.", q->page = 1;
  }
  return bad;
}

/* The query string of q (without "trang"), URL-encoded, into b. */
static void query_string(struct buf *b, const struct audit_query *q)
{
  const char *v[] = {q->user, q->action, q->person, q->from, q->to};
  int first = 1;
  for (int i = 0; i < Q_PAGE; i++)
    if (v[i]) {
      buf_adds(b, first ? "?" : "&");
      buf_adds(b, q_ids[i]);
      buf_addc(b, '=');
      for (const unsigned char *p = (const unsigned char *)v[i]; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '.' || *p == '_' || *p == '-')
          buf_addc(b, (char)*p);
        else
          buf_addf(b, "%%%02X", *p);
      first = 0;
    }
}

/* "dd/mm/yyyy HH:MM" in Vietnam time (UTC+7) of a stored UTC time
 * "YYYY-MM-DDTHH:MM:SSZ"; the text itself when it is not one. */
static void vn_time(char *out, size_t n, const char *at)
{
  struct date d;
  int hh, mm;
  if (sscanf(at, "%4d-%2d-%2dT%2d:%2d", &d.y, &d.m, &d.d, &hh, &mm) != 5 ||
      !date_valid(d.y, d.m, d.d) || hh > 23 || mm > 59) {
    snprintf(out, n, "%s", at);
    return;
  }
  hh += 7;
  if (hh >= 24) {
    hh -= 24;
    d = date_add_days(d, 1);
  }
  char day[DATE_ISO_LEN];
  date_to_vn(day, d);
  snprintf(out, n, "%s %02d:%02d", day, hh, mm);
}

/* The chain's verdict as a notification. */
static void render_verdict(struct buf *b, const struct audit_verify_result *v)
{
  char line[400];
  if (!audit_verify_broken(v)) {
    if (v->from_id) {
      char when[40];
      vn_time(when, sizeof when, v->checkpoint_at);
      snprintf(line, sizeof line,
               " (%ld dòng thay đổi và %ld dòng đọc hồ sơ; đã kiểm đến mốc ký ngày %s — dòng %ld"
               " — và %ld dòng từ mốc đến dòng mới nhất; lệnh pcmt audit verify kiểm lại toàn bộ "
               "chuỗi).",
               v->rows, v->reads.rows, when, v->from_id, v->rows - v->from_id + 1);
    } else {
      snprintf(line, sizeof line, " (%ld dòng thay đổi và %ld dòng đọc hồ sơ đã kiểm tra).",
               v->rows, v->reads.rows);
    }
    html_raw(b, "<div class=\"notification\" role=\"status\" id=\"kiem-tra\"><p><strong>"
                "Chuỗi nhật ký toàn vẹn</strong>");
    html_text(b, line);
    html_raw(b, "</p></div>\n");
    return;
  }
  html_raw(b, "<div class=\"notification notification-error\" role=\"alert\" id=\"kiem-tra\">"
              "<p><strong>Nhật ký bị sửa</strong></p><ul>");
  if (v->first_bad) {
    snprintf(line, sizeof line, "Dòng %ld: %s (%ld dòng trước đó nguyên vẹn).", v->first_bad,
             v->reason, v->rows);
    html_raw(b, "<li>");
    html_text(b, line);
    html_raw(b, "</li>");
  }
  if (v->reads.first_bad) {
    snprintf(line, sizeof line, "Dòng Đ-%ld: %s (%ld dòng trước đó nguyên vẹn).",
             v->reads.first_bad, v->reads.reason, v->reads.rows);
    html_raw(b, "<li>");
    html_text(b, line);
    html_raw(b, "</li>");
  }
  if (v->forged_line) {
    snprintf(line, sizeof line, "Mốc kiểm tra giả: dòng %ld của tệp mốc có chữ ký sai.",
             v->forged_line);
    html_raw(b, "<li>");
    html_text(b, line);
    html_raw(b, "</li>");
  }
  if (v->people.changed) {
    snprintf(line, sizeof line, "%ld hồ sơ người bị sửa ngoài PCMT (không khớp mã xác thực).",
             v->people.changed);
    html_raw(b, "<li>");
    html_text(b, line);
    html_raw(b, "</li>");
  }
  if (!v->people.set_ok) {
    snprintf(line, sizeof line,
             "Tập hồ sơ người bị thay đổi ngoài PCMT: có %ld hồ sơ, sổ kiểm đếm ghi %ld.",
             v->people.rows, v->people.tally_rows);
    html_raw(b, "<li>");
    html_text(b, line);
    html_raw(b, "</li>");
  }
  html_raw(b, "</ul></div>\n");
}

/* A text input of the filter form. */
static void filter_input(struct buf *b, int i, const char *label, const char *value,
                         const char *error)
{
  html_raw(b, error ? "<div class=\"form-group form-group-error\">" : "<div class=\"form-group\">");
  html_raw(b, "<label for=\"");
  html_attr(b, q_ids[i]);
  html_raw(b, "\">");
  html_text(b, label);
  html_raw(b, "</label>");
  if (error) {
    html_raw(b, "<p class=\"error-message\" id=\"");
    html_attr(b, q_ids[i]);
    html_raw(b, "-error\"><span class=\"visually-hidden\">Lỗi:</span> ");
    html_text(b, error);
    html_raw(b, "</p>");
  }
  html_raw(b, "<input type=\"text\" id=\"");
  html_attr(b, q_ids[i]);
  html_raw(b, "\" name=\"");
  html_attr(b, q_ids[i]);
  html_raw(b, "\" spellcheck=\"false\"");
  if (error) {
    html_raw(b, " aria-describedby=\"");
    html_attr(b, q_ids[i]);
    html_raw(b, "-error\"");
  }
  html_raw(b, " value=\"");
  html_attr(b, value ? value : "");
  html_raw(b, "\"></div>\n");
}

/* The filter form (a GET: the filters are the page's address). */
static void render_filters(struct buf *b, const struct audit_query *q, const char *const *errs)
{
  html_raw(b, "<form method=\"get\" action=\"/quan-tri/nhat-ky\" class=\"filters\">\n");
  filter_input(b, Q_USER, "Người dùng (tên đăng nhập)", q->user, errs[Q_USER]);
  html_raw(b, errs[Q_ACTION] ? "<div class=\"form-group form-group-error\">"
                             : "<div class=\"form-group\">");
  html_raw(b, "<label for=\"hanh-dong\">Hành động</label>");
  if (errs[Q_ACTION]) {
    html_raw(b, "<p class=\"error-message\" id=\"hanh-dong-error\">"
                "<span class=\"visually-hidden\">Lỗi:</span> ");
    html_text(b, errs[Q_ACTION]);
    html_raw(b, "</p>");
  }
  html_raw(b, "<select id=\"hanh-dong\" name=\"hanh-dong\"><option value=\"\">Mọi hành động"
              "</option>");
  size_t n;
  const struct label *l = label_items(LABEL_AUDIT_ACTION, &n);
  for (size_t i = 0; i < n; i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, l[i].code);
    html_raw(b, q->action && strcmp(q->action, l[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, l[i].vi);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n");
  filter_input(b, Q_PERSON, "Số hồ sơ người", q->person, errs[Q_PERSON]);
  filter_input(b, Q_FROM, "Từ ngày (ngày/tháng/năm)", q->from, errs[Q_FROM]);
  filter_input(b, Q_TO, "Đến ngày (ngày/tháng/năm)", q->to, errs[Q_TO]);
  html_raw(b, "<div class=\"form-group\"><button class=\"button\" type=\"submit\">Lọc nhật ký"
              "</button></div>\n</form>\n");
}

/* The table of a page of rows, newest first. */
static void render_rows(struct buf *b, const struct audit_list *l)
{
  if (!l->n) {
    html_raw(b, "<p>Không có dòng nhật ký nào khớp bộ lọc.</p>\n");
    return;
  }
  html_raw(b, "<div class=\"table-wrap\"><table>\n<caption>Các dòng nhật ký, mới nhất trước (số "
              "dòng Đ-…: nhật ký đọc hồ sơ)"
              "</caption>\n<thead><tr><th scope=\"col\">Số dòng</th>"
              "<th scope=\"col\">Thời gian (giờ Việt Nam)</th><th scope=\"col\">Người dùng</th>"
              "<th scope=\"col\">Hành động</th><th scope=\"col\">Hồ sơ</th>"
              "<th scope=\"col\">Mục đích</th><th scope=\"col\">Chi tiết</th></tr></thead>\n"
              "<tbody>\n");
  for (size_t i = 0; i < l->n; i++) {
    const struct audit_entry *e = &l->items[i];
    char id[24], at[32], rec[48];
    audit_row_number(id, sizeof id, e);
    vn_time(at, sizeof at, e->at);
    if (e->record_id)
      snprintf(rec, sizeof rec, "%s #%ld", e->record_type, e->record_id);
    else
      rec[0] = '\0';
    html_raw(b, "<tr><td>");
    html_text(b, id);
    html_raw(b, "</td><td>");
    html_text(b, at);
    html_raw(b, "</td><td>");
    html_text(b, e->actor);
    html_raw(b, "</td><td>");
    html_text(b, label_vi(LABEL_AUDIT_ACTION, e->action));
    html_raw(b, "</td><td>");
    html_text(b, rec);
    html_raw(b, "</td><td>");
    html_text(b, e->purpose);
    html_raw(b, "</td><td>");
    html_text(b, e->detail);
    html_raw(b, "</td></tr>\n");
  }
  html_raw(b, "</tbody></table></div>\n");
}

/* Links to the previous and next pages. */
static void render_pages(struct web_req *rq, const struct audit_query *q, int more)
{
  if (q->page == 1 && !more)
    return;
  struct buf *b = &rq->body;
  struct buf qs;
  buf_init(&qs, 0);
  query_string(&qs, q);
  const char *base = buf_failed(&qs) ? "" : buf_str(&qs);
  char link[48];
  html_raw(b, "<nav aria-label=\"Các trang\"><ul class=\"pagination\">");
  if (q->page > 1) {
    snprintf(link, sizeof link, "%strang=%ld", *base ? "&" : "?", q->page - 1);
    html_raw(b, "<li><a rel=\"prev\" href=\"/quan-tri/nhat-ky");
    html_attr(b, base);
    html_attr(b, link);
    html_raw(b, "\">Trang trước</a></li>");
  }
  snprintf(link, sizeof link, "Trang %ld", q->page);
  html_raw(b, "<li>");
  html_text(b, link);
  html_raw(b, "</li>");
  if (more) {
    snprintf(link, sizeof link, "%strang=%ld", *base ? "&" : "?", q->page + 1);
    html_raw(b, "<li><a rel=\"next\" href=\"/quan-tri/nhat-ky");
    html_attr(b, base);
    html_attr(b, link);
    html_raw(b, "\">Trang sau</a></li>");
  }
  html_raw(b, "</ul></nav>\n");
  buf_free(&qs);
}

/* The page; r NULL when the filters were refused (errs says why). */
static int render(struct web_req *rq, int status, const struct audit_query *q,
                  const char *const *errs, const struct app_audit_review *r)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  int any = 0;
  for (int i = 0; i < Q_N; i++)
    any |= errs[i] != NULL;
  layout_begin(rq, any ? "Lỗi: Nhật ký truy cập" : "Nhật ký truy cập");
  if (any) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Bộ lọc chưa đúng</h2><ul>");
    for (int i = 0; i < Q_N; i++)
      if (errs[i]) {
        html_raw(b, "<li><a href=\"#");
        html_attr(b, i == Q_PAGE ? "noi-dung" : q_ids[i]);
        html_raw(b, "\">");
        html_text(b, errs[i]);
        html_raw(b, "</a></li>");
      }
    html_raw(b, "</ul></div>\n");
  }
  html_raw(b, "<h1>Nhật ký truy cập</h1>\n<p><a href=\"/quan-tri/nguoi-dung\">Quản lý người dùng"
              "</a></p>\n");
  if (r)
    render_verdict(b, &r->verify);
  render_filters(b, q, errs);
  if (r && r->rows_denied) {
    html_raw(b, "<p>");
    html_text(b, r->rows_why);
    html_raw(b, "</p>\n");
  } else if (r) {
    struct buf qs;
    buf_init(&qs, 0);
    query_string(&qs, q);
    html_raw(b, "<p><a href=\"/quan-tri/nhat-ky.csv");
    html_attr(b, buf_failed(&qs) ? "" : buf_str(&qs));
    html_raw(b, "\" download>Tải các dòng khớp bộ lọc (CSV)</a></p>\n");
    buf_free(&qs);
    render_rows(b, &r->rows);
    render_pages(rq, q, r->more);
  }
  layout_end(rq);
  return request_html(rq, status);
}

int page_audit(struct web_req *rq)
{
  struct audit_query q;
  struct app_audit_filter f;
  const char *errs[Q_N] = {0};
  if (parse(&q, &f, errs, rq))
    return render(rq, 400, &q, errs, NULL);
  f.offset = (size_t)(q.page - 1) * 50;
  f.limit = 50;
  struct scope caller;
  int rc = app_caller_open(&caller, rq->st, rq->session->login, "xem nhật ký truy cập", &rq->err);
  if (rc)
    return rc;
  struct app_audit_review r;
  rc = app_audit_review(&r, rq->st, &caller, &f, &rq->err);
  if (rc == ERR_INPUT) {
    /* the operation refused an action or a range: the filter it is about */
    errs[q.action && strstr(rq->err.msg, "hành động") ? Q_ACTION : Q_TO] = rq->err.msg;
    return render(rq, 400, &q, errs, NULL);
  }
  if (!rc)
    rc = render(rq, 200, &q, errs, &r);
  audit_list_free(&r.rows);
  return rc;
}

/* The rows as CSV into *out (malloc'd, *len bytes) through the CSV writer. */
static int write_csv(char **out, size_t *len, const struct audit_list *l, struct err *err)
{
  *out = NULL;
  *len = 0;
  FILE *f = open_memstream(out, len);
  if (!f)
    return err_nomem(err);
  struct csv_writer w;
  int rc = csv_writer_open_stream(&w, f, 8, err);
  static const char *const head[] = {"số dòng",      "thời gian (giờ Việt Nam)",
                                     "người dùng",   "hành động",
                                     "mã hành động", "hồ sơ",
                                     "mục đích",     "chi tiết"};
  if (!rc)
    rc = csv_writer_row(&w, head, err);
  for (size_t i = 0; !rc && i < l->n; i++) {
    const struct audit_entry *e = &l->items[i];
    char id[24], at[32], rec[48];
    audit_row_number(id, sizeof id, e);
    vn_time(at, sizeof at, e->at);
    if (e->record_id)
      snprintf(rec, sizeof rec, "%s #%ld", e->record_type, e->record_id);
    else
      rec[0] = '\0';
    const char *cells[] = {id,        at,  e->actor,   label_vi(LABEL_AUDIT_ACTION, e->action),
                           e->action, rec, e->purpose, e->detail};
    rc = csv_writer_row(&w, cells, err);
  }
  int rc2 = csv_writer_close(&w, rc == ERR_OK, err);
  if (fclose(f) != 0 && !rc && !rc2)
    rc2 = err_nomem(err);
  if (rc || rc2) {
    free(*out);
    *out = NULL;
    return rc ? rc : rc2;
  }
  return ERR_OK;
}

int page_audit_csv(struct web_req *rq)
{
  struct audit_query q;
  struct app_audit_filter f;
  const char *errs[Q_N] = {0};
  if (parse(&q, &f, errs, rq)) {
    for (int i = 0; i < Q_N; i++)
      if (errs[i])
        return err_set(&rq->err, ERR_INPUT, "%s", errs[i]);
  }
  f.limit = CSV_MAX_ROWS;
  struct scope caller;
  int rc = app_caller_open(&caller, rq->st, rq->session->login, "xuất nhật ký truy cập", &rq->err);
  struct audit_list l = {0};
  int more = 0;
  if (!rc)
    rc = app_audit_find(&l, &more, rq->st, &caller, &f, &rq->err);
  if (!rc && more)
    rc = err_set(&rq->err, ERR_INPUT,
                 "Bộ lọc khớp hơn %d dòng: hãy thu hẹp khoảng ngày hoặc chọn hành động.",
                 CSV_MAX_ROWS);
  char *data = NULL;
  size_t len = 0;
  if (!rc)
    rc = write_csv(&data, &len, &l, &rq->err);
  audit_list_free(&l);
  if (rc)
    return rc;
  buf_reset(&rq->body);
  int bad = buf_add(&rq->body, data, len);
  free(data);
  if (bad)
    return err_nomem(&rq->err);
  rq->status = 200;
  rq->content_type = "text/csv; charset=utf-8";
  request_header(rq, "Content-Disposition", "attachment; filename=\"nhat-ky.csv\"");
  return ERR_OK;
}
