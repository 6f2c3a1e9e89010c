/* plan_read_reports.c: the reporting schedule.
 *
 * Plans state when reports are due in the closing parts ("Tổ chức thực
 * hiện", "Chế độ báo cáo"), in three shapes:
 *   - a list inside one sentence: "(Quý I trước ngày 10/3; sơ kết 6 tháng
 *     trước ngày 10/6; ... và tổng kết năm trước ngày 10/12)";
 *   - bullets under a line about reporting: "- Báo cáo kết quả 01 tháng thực
 *     hiện trước ngày 03/10/2024;";
 *   - periodic forms: "Định kỳ 6 tháng (trước 15/6), hằng năm (trước 15/12)".
 * Rule: every deadline (pr_deadlines) in such a paragraph names the words
 * before it, back to the previous separator (";", ",", "(", "và", another
 * deadline), with parenthesised asides skipped. Those words name a report
 * when they hold a report word (báo cáo, quý, sơ kết, tổng kết, tháng, năm,
 * định kỳ, giai đoạn); anything else ("gửi kế hoạch về Công an tỉnh trước
 * ngày ...") is a task's deadline, not a report. The recipient is the
 * agency after "cho", "về", "gửi", "lên" or "báo cáo" in the paragraph or
 * in the line that introduces the bullets. A date without a year in a plan
 * spanning several years recurs yearly. */
#include <string.h>

#include "ingest/plan_read_int.h"

#define MAX_DL 32

static int report_context(const struct pr_para *p)
{
  return pr_find(p, p->body, p->ntok, "bao cao") != (size_t)-1 ||
         pr_find(p, p->body, p->ntok, "so ket") != (size_t)-1 ||
         pr_find(p, p->body, p->ntok, "tong ket") != (size_t)-1;
}

static int is_report_name(const struct pr_para *p, size_t a, size_t b)
{
  static const char *const words[] = {"bao cao",  "quy",      "so ket",  "tong ket",
                                      "thang",    "nam",      "dinh ky", "giai doan",
                                      "hang nam", "hang quy", NULL};
  if (pr_find(p, a, b, "ke hoach") != (size_t)-1 && pr_find(p, a, b, "bao cao") == (size_t)-1)
    return 0;
  for (size_t k = 0; words[k]; k++)
    if (pr_find(p, a, b, words[k]) != (size_t)-1)
      return 1;
  return 0;
}

/* Start of the name that ends before token `end`: walk back to a separator,
 * skipping a parenthesised aside, never before `floor`. */
static size_t name_start(const struct pr_para *p, size_t floor, size_t end)
{
  size_t k = end;
  int depth = 0;
  while (k > floor) {
    size_t j = k - 1;
    if (pr_tok_is(p, j, ")")) {
      depth++;
    } else if (pr_tok_is(p, j, "(")) {
      if (depth == 0)
        return k;
      depth--;
    } else if (depth == 0 && (pr_tok_is(p, j, ";") || pr_tok_is(p, j, ",") ||
                              pr_tok_is(p, j, ".") || pr_tok_is(p, j, ":"))) {
      return k;
    } else if (depth == 0 && pr_match(p, j, end, "va")) {
      return k;
    }
    k = j;
  }
  return floor;
}

/* Trailing words that are not part of a report's name: "thực hiện", "gửi",
 * "gửi về", "nộp", a lone "(". */
static size_t trim_name_end(const struct pr_para *p, size_t a, size_t b)
{
  for (;;) {
    if (b > a + 1 && pr_match(p, b - 2, b, "thuc hien")) {
      b -= 2;
      continue;
    }
    if (b > a + 1 && pr_match(p, b - 2, b, "gui ve")) {
      b -= 2;
      continue;
    }
    if (b > a && (pr_match(p, b - 1, b, "gui") || pr_match(p, b - 1, b, "nop") ||
                  pr_tok_is(p, b - 1, "(") || pr_match(p, b - 1, b, "ngay"))) {
      b--;
      continue;
    }
    return b;
  }
}

/* The recipient: the agency after a sending word, not inside "(qua ...)". */
static char *recipient_in(struct pr_doc *d, const struct pr_para *p)
{
  static const char *const sends[] = {"cho", "ve", "gui", "len", "bao cao", NULL};
  int depth = 0;
  for (size_t k = p->body; k < p->ntok; k++) {
    if (pr_tok_is(p, k, "("))
      depth++;
    else if (pr_tok_is(p, k, ")") && depth)
      depth--;
    if (depth)
      continue;
    for (size_t s = 0; sends[s]; s++) {
      size_t m = pr_match(p, k, p->ntok, sends[s]);
      if (!m)
        continue;
      size_t a = k + m;
      if (pr_match(p, a, p->ntok, "ve"))
        a++;
      size_t e = pr_agency_phrase(p, a, p->ntok);
      if (e > a) {
        char **v = NULL;
        size_t n = 0;
        pr_agency_split(d, p, a, e, &v, &n);
        char *r = n ? pr_own(d, v[0]) : NULL;
        plan_strv_free(&v, &n);
        if (r)
          return r;
      }
    }
  }
  return NULL;
}

static int add_reports(struct pr_doc *d, struct plan *pl, const struct pr_para *p,
                       const struct pr_para *intro)
{
  struct pr_deadline dl[MAX_DL];
  size_t n = pr_deadlines(d, p, p->body, p->ntok, dl, MAX_DL);
  size_t floor = p->body, added = 0;
  for (size_t k = 0; k < n; k++) {
    size_t end = dl[k].tok;
    size_t a = name_start(p, floor, end);
    /* "định kỳ 6 tháng (trước 15/6)": the name stands before the parenthesis */
    if (a == end && end > floor && pr_tok_is(p, end - 1, "(")) {
      end--;
      a = name_start(p, floor, end);
    }
    size_t b = trim_name_end(p, a, end);
    floor = dl[k].after;
    if (b <= a || !is_report_name(p, a, b))
      continue;
    struct plan_report *r;
    if (plan_add_report(pl, &r, d->err))
      return -1;
    r->name = pr_own(d, pr_span(d, p, a, b, ",;:.-\xE2\x80\x93\xE2\x80\xA6("));
    struct date due = dl[k].date;
    if (dl[k].yearless) {
      due = pr_date_resolve(pl, d, due);
      if (pl->kind == PLAN_MULTI_YEAR)
        r->recurs = RECURS_YEARLY;
    }
    r->due_on = due;
    r->recipient = recipient_in(d, p);
    if (!r->recipient && intro)
      r->recipient = recipient_in(d, intro);
    if (d->failed)
      return -1;
    added++;
  }
  return (int)added;
}

int pr_read_reports(struct pr_doc *d, struct plan *pl)
{
  const struct pr_para *intro = NULL; /* the line that introduces report bullets */
  for (size_t i = 0; i < d->npara; i++) {
    struct pr_para *p = &d->paras[i];
    int kind = p->part_kind;
    if (kind != PART_ORG && kind != PART_REPORT && kind != PART_TASKS)
      continue;
    int bullet = p->mk == MK_DASH || p->mk == MK_PLUS || p->mk == MK_DOT;
    if (!bullet)
      intro = NULL;
    int ctx = report_context(p) || (bullet && intro) || kind == PART_REPORT;
    /* in the tasks part only a paragraph about reporting counts */
    if (kind == PART_TASKS && !report_context(p))
      ctx = 0;
    if (ctx) {
      int rc = add_reports(d, pl, p, bullet ? intro : NULL);
      if (rc < 0)
        return ERR_NOMEM;
    }
    if (!bullet && report_context(p) && pr_ends_terminal(p) &&
        pr_tok_is(p, p->ntok ? p->ntok - 1 : 0, ":"))
      intro = p;
  }
  return ERR_OK;
}
