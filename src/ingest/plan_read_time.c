/* plan_read_time.c: dates, deadlines, ranges and cadences in plan prose.
 *
 * Dates come from date_scan (base/date.h), which knows the written forms
 * ("30/8/2024", "ngày 30 tháng 8 năm 2024", "10/3" after a temporal word).
 * A date without a year is scanned with a sentinel year (YEARLESS, a leap
 * year so 29/2 passes) and later placed in the plan's period by
 * pr_date_resolve. Every search here is bounded by the paragraph, and
 * date_scan is called on a window that starts at the phrase, so the cost
 * stays linear in the text. */
#include <string.h>

#include "ingest/plan_read_int.h"

#define YEARLESS 4

int pr_date_in(struct pr_doc *d, const char *s, size_t n, size_t from, struct date *out,
               size_t *start, size_t *end, int *yearless)
{
  (void)d;
  if (from >= n)
    return -1;
  size_t st, en;
  struct date dt;
  /* s is a NUL-terminated paragraph; date_scan reads to the NUL, so a match
   * past n is refused below */
  if (date_scan(&dt, s + from, YEARLESS, &st, &en) != ERR_OK)
    return -1;
  if (from + en > n)
    return -1;
  *yearless = dt.y == YEARLESS;
  if (*yearless)
    dt.y = d && d->year_hint ? d->year_hint : 0;
  *out = dt;
  if (start)
    *start = from + st;
  if (end)
    *end = from + en;
  return 0;
}

struct date pr_date_resolve(const struct plan *pl, struct pr_doc *d, struct date dm)
{
  struct date s = pl ? pl->period_start : (struct date){0, 0, 0};
  int y = s.y ? s.y : d ? d->year_hint : 0;
  if (!y)
    return (struct date){0, 0, 0};
  struct date r = {y, dm.m, dm.d};
  if (dm.m == 2 && dm.d == 29 && !date_is_leap(y))
    r.d = 28;
  if (s.y && date_cmp(r, s) < 0) {
    r.y++;
    if (dm.m == 2 && dm.d == 29)
      r.d = date_is_leap(r.y) ? 29 : 28;
  }
  return r;
}

/* The date that starts at token i (after an optional "ngày"/"hết"), with the
 * token index just after it. Returns 0 when found. */
static int date_at_tok(struct pr_doc *d, const struct pr_para *p, size_t i, size_t to,
                       struct date *out, int *yearless, size_t *after)
{
  /* the scan starts at the word before the number, so that date_scan sees
   * the temporal word a date without a year needs ("ngày 10/3") */
  size_t from = i > 0 ? p->tok[i - 1].off : 0;
  while (i < to && (pr_match(p, i, to, "ngay") || pr_match(p, i, to, "het") ||
                    pr_match(p, i, to, "la") || pr_tok_is(p, i, ":")))
    i++;
  if (i >= to || p->tok[i].kind != TK_NUM)
    return -1;
  size_t off = p->tok[i].off, st, en;
  if (i > 0 && p->tok[i - 1].off > from)
    from = p->tok[i - 1].off;
  if (pr_date_in(d, p->text, p->len, from, out, &st, &en, yearless) || st > off || en <= off)
    return -1;
  *after = pr_tok_at(p, en);
  return 0;
}

/* "Quý II/2018", "quý II năm 2018": the quarter's last day. */
static int quarter_at(const struct pr_para *p, size_t i, size_t to, int year_hint, struct date *out,
                      size_t *after)
{
  if (!pr_match(p, i, to, "quy") || i + 1 >= to)
    return -1;
  const char *q = p->text + p->tok[i + 1].off;
  size_t ql = p->tok[i + 1].len;
  int n = 0;
  if (ql == 1 && q[0] == 'I')
    n = 1;
  else if (ql == 2 && memcmp(q, "II", 2) == 0)
    n = 2;
  else if (ql == 3 && memcmp(q, "III", 3) == 0)
    n = 3;
  else if (ql == 2 && memcmp(q, "IV", 2) == 0)
    n = 4;
  else if (ql == 1 && q[0] >= '1' && q[0] <= '4')
    n = q[0] - '0';
  if (!n)
    return -1;
  size_t k = i + 2;
  int y = 0;
  if (k + 1 < to && (pr_tok_is(p, k, "/") || pr_match(p, k, to, "nam")) &&
      p->tok[k + 1].kind == TK_NUM && p->tok[k + 1].len == 4) {
    y = (p->text[p->tok[k + 1].off] - '0') * 1000 + (p->text[p->tok[k + 1].off + 1] - '0') * 100 +
        (p->text[p->tok[k + 1].off + 2] - '0') * 10 + (p->text[p->tok[k + 1].off + 3] - '0');
    k += 2;
  }
  if (!y)
    y = year_hint;
  if (!y)
    return -1;
  static const int last_day[4][2] = {{3, 31}, {6, 30}, {9, 30}, {12, 31}};
  *out = (struct date){y, last_day[n - 1][0], last_day[n - 1][1]};
  *after = k;
  return 0;
}

/* The number in token i when it is 1-2 digits (a day or month), else 0. */
static int small_num(const struct pr_para *p, size_t i)
{
  if (i >= p->ntok || p->tok[i].kind != TK_NUM || p->tok[i].len > 2)
    return 0;
  const char *s = p->text + p->tok[i].off;
  return p->tok[i].len == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
}

/* "tháng 9/2025", "tháng 9 năm 2025" (or "tháng 9" with the plan's year):
 * the month's last day. */
static int month_at(const struct pr_para *p, size_t i, size_t to, int year_hint, struct date *out,
                    int *yearless, size_t *after)
{
  if (!pr_match(p, i, to, "thang"))
    return -1;
  int m = small_num(p, i + 1);
  if (m < 1 || m > 12)
    return -1;
  size_t k = i + 2;
  int y = 0;
  if (k + 1 < to && (pr_tok_is(p, k, "/") || pr_match(p, k, to, "nam")))
    y = pr_year_tok(p, k + 1);
  if (y)
    k += 2;
  *yearless = !y;
  if (!y)
    y = year_hint;
  if (!y)
    return -1;
  struct date first = {y, m, 1};
  *out = date_add_days(date_add_months(first, 1), -1);
  *after = k;
  return 0;
}

/* A label that introduces the time of a task: "Thời gian thực hiện:",
 * "Thời gian hoàn thành:", "Thời hạn (hoàn thành):". Returns its tokens,
 * colon included; 0 when none (the colon is required: "thời gian thực hiện
 * cao điểm" in prose is no label). */
static size_t time_label(const struct pr_para *p, size_t i, size_t to)
{
  size_t k = 0;
  if (pr_match(p, i, to, "thoi gian thuc hien") || pr_match(p, i, to, "thoi gian hoan thanh"))
    k = 4;
  else if (pr_match(p, i, to, "thoi han hoan thanh"))
    k = 4;
  else if (pr_match(p, i, to, "thoi han"))
    k = 2;
  if (!k || !pr_tok_is(p, i + k, ":"))
    return 0;
  return k + 1;
}

size_t pr_deadlines(struct pr_doc *d, const struct pr_para *p, size_t from, size_t to,
                    struct pr_deadline *out, size_t max)
{
  size_t n = 0;
  if (to > p->ntok)
    to = p->ntok;
  for (size_t i = from; i < to && n < max; i++) {
    size_t k = 0;
    size_t lab = time_label(p, i, to);
    if (lab) {
      /* after the label: a date, a month, a quarter, or a range's end; a
       * "trước ..." after it is found on the next tokens */
      struct pr_deadline *dl = &out[n];
      size_t j = i + lab;
      struct date s;
      dl->tok = i;
      dl->yearless = 0;
      if (date_at_tok(d, p, j, to, &dl->date, &dl->yearless, &dl->after) == 0 ||
          month_at(p, j, to, d->year_hint, &dl->date, &dl->yearless, &dl->after) == 0 ||
          quarter_at(p, j, to, d->year_hint, &dl->date, &dl->after) == 0 ||
          (pr_match(p, j, to, "tu") &&
           pr_range(d, p, j, to < j + 16 ? to : j + 16, &s, &dl->date) == 0 &&
           (dl->after = j + 1))) {
        n++;
        i = dl->after - 1;
        continue;
      }
      i += lab - 1;
      continue;
    }
    if (pr_match(p, i, to, "trong") && pr_match(p, i + 1, to, "thang")) {
      struct pr_deadline *dl = &out[n];
      if (month_at(p, i + 1, to, d->year_hint, &dl->date, &dl->yearless, &dl->after) == 0) {
        dl->tok = i;
        n++;
        i = dl->after - 1;
      }
      continue;
    }
    if (pr_match(p, i, to, "truoc"))
      k = 1;
    else if ((k = pr_match(p, i, to, "cham nhat")) || (k = pr_match(p, i, to, "han chot")) ||
             (k = pr_match(p, i, to, "thoi han")))
      ;
    else if (pr_match(p, i, to, "trong") && pr_match(p, i + 1, to, "quy")) {
      struct pr_deadline *dl = &out[n];
      if (quarter_at(p, i + 1, to, d->year_hint, &dl->date, &dl->after) == 0) {
        dl->tok = i;
        dl->yearless = 0;
        n++;
        i = dl->after - 1;
      }
      continue;
    }
    if (!k)
      continue;
    struct pr_deadline *dl = &out[n];
    if (date_at_tok(d, p, i + k, to, &dl->date, &dl->yearless, &dl->after) == 0) {
      dl->tok = i;
      n++;
      i = dl->after - 1;
    }
  }
  return n;
}

enum task_cadence pr_cadence(const struct pr_para *p, size_t from, size_t to)
{
  /* "hằng" and "hàng" fold alike: "hằng ngày", "hàng tháng" */
  static const char *const ongoing[] = {"thuong xuyen", "hang ngay", "lien tuc",
                                        "dinh ky",      "hang tuan", "hang thang",
                                        "hang quy",     "hang nam",  NULL};
  for (size_t k = 0; ongoing[k]; k++)
    if (pr_find(p, from, to, ongoing[k]) != (size_t)-1)
      return CADENCE_ONGOING;
  if (pr_find(p, from, to, "trong dot") != (size_t)-1)
    return CADENCE_CAMPAIGN;
  /* "trong (thời gian | giai đoạn) (thực hiện) (đợt) cao điểm": a time;
   * "trong thực hiện cao điểm" alone is a topic ("nội dung ... trong thực
   * hiện cao điểm") */
  static const char *const between[] = {"thoi gian", "giai doan", "thuc hien", "dot", NULL};
  for (size_t k = pr_find(p, from, to, "trong"); k != (size_t)-1;
       k = pr_find(p, k + 1, to, "trong")) {
    size_t j = k + 1;
    int when = 1;
    if (pr_match(p, j, to, "thuc hien"))
      when = 0;
    for (int n = 0; n < 3; n++) {
      size_t m = 0;
      for (size_t b = 0; between[b] && !m; b++)
        m = pr_match(p, j, to, between[b]);
      if (!m)
        break;
      j += m;
    }
    if (when && pr_match(p, j, to, "cao diem"))
      return CADENCE_CAMPAIGN;
  }
  return CADENCE_NONE;
}

int pr_range(struct pr_doc *d, const struct pr_para *p, size_t from, size_t to, struct date *start,
             struct date *end)
{
  if (to > p->ntok)
    to = p->ntok;
  for (size_t i = from; i < to; i++) {
    if (!pr_match(p, i, to, "tu"))
      continue;
    struct date a = {0, 0, 0};
    int yl = 0;
    size_t k;
    if (pr_match(p, i + 1, to, "nay"))
      k = i + 2;
    else if (date_at_tok(d, p, i + 1, to, &a, &yl, &k) != 0)
      continue;
    /* "đến" / "tới" within a few tokens */
    size_t j = k;
    while (j < to && j < k + 3 && !pr_match(p, j, to, "den") && !pr_match(p, j, to, "toi"))
      j++;
    if (j >= to || j >= k + 3)
      continue;
    struct date b;
    int yl2 = 0;
    size_t after;
    if (date_at_tok(d, p, j + 1, to, &b, &yl2, &after) != 0)
      continue;
    if (yl && !yl2)
      a.y = b.y; /* "từ 01/9 đến 31/10/2024" */
    *start = a;
    *end = b;
    return 0;
  }
  return -1;
}
