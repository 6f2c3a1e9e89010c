/* calendar.c: the reporting calendar's rules (see calendar.h).
 *
 * A report's name is read folded (no case, no diacritics: "Quý III" is
 * "quy iii") word by word, so "quy định" is no quarter and "năm" inside a
 * date is no annual report. */
#include "domain/calendar.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "types/label.h"

/* ---- reading a name ------------------------------------------------------- */

/* The position of word sequence `w` in folded `s` on word boundaries, or NULL. */
static const char *find_words(const char *s, const char *w)
{
  size_t n = strlen(w);
  for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
    int left = p == s || !isalnum((unsigned char)p[-1]);
    int right = !isalnum((unsigned char)p[n]);
    if (left && right)
      return p;
  }
  return NULL;
}

/* A roman numeral I..IV or a digit 1..4 opening `s` (folded), else 0. */
static int quarter_number(const char *s)
{
  static const char *const romans[] = {"iv", "iii", "ii", "i"};
  static const int values[] = {4, 3, 2, 1};
  for (size_t k = 0; k < 4; k++) {
    size_t n = strlen(romans[k]);
    if (strncmp(s, romans[k], n) == 0 && !isalnum((unsigned char)s[n]))
      return values[k];
  }
  if (s[0] >= '1' && s[0] <= '4' && !isdigit((unsigned char)s[1]))
    return s[0] - '0';
  return 0;
}

/* "N tháng" in folded `s` (N 1..12, digits, leading zeros allowed): N, else 0. */
static int month_count(const char *s)
{
  for (const char *p = find_words(s, "thang"); p; p = find_words(p + 1, "thang")) {
    const char *q = p;
    while (q > s && q[-1] == ' ')
      q--;
    const char *e = q;
    while (q > s && isdigit((unsigned char)q[-1]))
      q--;
    if (q < e) {
      int n = atoi(q);
      if (n >= 1 && n <= 12)
        return n;
    }
  }
  return 0;
}

enum report_periodicity calendar_periodicity(int *n, const char *name, int campaign)
{
  *n = 0;
  char *f = NULL;
  if (!name || text_fold(&f, name, NULL) != ERR_OK || !f) {
    free(f);
    return REPORT_ONCE;
  }
  enum report_periodicity p = REPORT_ONCE;
  const char *q = find_words(f, "quy");
  int months = month_count(f);
  if (campaign && find_words(f, "giai doan"))
    p = REPORT_PHASE;
  else if (campaign && find_words(f, "tong ket"))
    p = REPORT_CAMPAIGN;
  else if (campaign && months && months != 6)
    p = REPORT_CAMPAIGN_MONTHS, *n = months;
  else if (q && (quarter_number(q + 4) || find_words(f, "hang quy")))
    p = REPORT_QUARTERLY, *n = quarter_number(q + 4);
  else if (months == 6 || find_words(f, "sau thang"))
    p = REPORT_HALF_YEAR, *n = find_words(f, "cuoi nam") ? 2 : find_words(f, "dau nam") ? 1 : 0;
  else if (find_words(f, "hang thang"))
    p = REPORT_MONTHLY;
  else if (find_words(f, "hang nam") || find_words(f, "tong ket") || find_words(f, "ca nam") ||
           find_words(f, "bao cao nam"))
    p = REPORT_ANNUAL;
  free(f);
  return p;
}

/* ---- cut-off ----------------------------------------------------------------- */

static int before(struct date a, struct date b)
{
  return date_cmp(a, b) < 0;
}

/* The rule for periodicity p in force on `on`, or NULL. */
static const struct calendar_regime *regime_at(const struct calendar_in *in,
                                               enum report_periodicity p, struct date on)
{
  for (size_t k = 0; k < in->n_regimes; k++) {
    const struct calendar_regime *r = &in->regimes[k];
    if (r->periodicity == p && !before(on, r->from) && (r->to.y == 0 || !before(r->to, on)))
      return r;
  }
  return NULL;
}

/* Months in a period of periodicity p (monthly .. annual). */
static int span_months(enum report_periodicity p)
{
  return p == REPORT_MONTHLY ? 1 : p == REPORT_QUARTERLY ? 3 : p == REPORT_HALF_YEAR ? 6 : 12;
}

/* The calendar period of periodicity p a report due on `due` covers into
 * first month (*y, *m): number n (quarter or half, 0: the one holding the
 * due date) of the latest year in which it starts on or before the due
 * date; an annual report due in January covers the year before. */
static void statutory_period(int *y, int *m, enum report_periodicity p, int n, struct date due)
{
  int len = span_months(p);
  *y = due.y;
  if (p == REPORT_ANNUAL) {
    *m = 1;
    if (due.m == 1)
      (*y)--;
    return;
  }
  if (p == REPORT_MONTHLY || n == 0) {
    *m = (due.m - 1) / len * len + 1;
    return;
  }
  *m = (n - 1) * len + 1;
  if (*m > due.m)
    (*y)--;
}

/* The phase report's phase: the phase whose folded name the report's
 * folded name holds (the longest such name), or NULL. */
static const struct plan_phase *phase_named(const struct calendar_in *in)
{
  char *f = NULL;
  if (text_fold(&f, in->name ? in->name : "", NULL) != ERR_OK || !f) {
    free(f);
    return NULL;
  }
  const struct plan_phase *best = NULL;
  size_t best_len = 0;
  for (size_t k = 0; k < in->n_phases; k++) {
    char *pf = NULL;
    if (in->phases[k].name && text_fold(&pf, in->phases[k].name, NULL) == ERR_OK && pf &&
        find_words(f, pf) && strlen(pf) > best_len) {
      best = &in->phases[k];
      best_len = strlen(pf);
    }
    free(pf);
  }
  free(f);
  return best;
}

/* The first known start of a plan: its period, else its first phase with a start. */
static struct date plan_start(const struct calendar_in *in)
{
  if (in->plan_start.y)
    return in->plan_start;
  for (size_t k = 0; k < in->n_phases; k++)
    if (in->phases[k].start.y)
      return in->phases[k].start;
  return (struct date){0, 0, 0};
}

static int from_plan(struct calendar_cutoff *out, const struct calendar_in *in, struct err *err)
{
  out->source = CUTOFF_PLAN;
  struct date start = plan_start(in);
  switch (in->periodicity) {
  case REPORT_PHASE: {
    const struct plan_phase *ph = phase_named(in);
    if (!ph || !ph->end.y)
      return err_set(err, ERR_INPUT, "báo cáo \"%s\" không khớp giai đoạn nào có ngày kết thúc",
                     in->name ? in->name : "");
    out->from = ph->start.y ? ph->start : start;
    out->to = ph->end;
    break;
  }
  case REPORT_CAMPAIGN:
    out->from = start;
    out->to = in->plan_end.y ? in->plan_end : in->due_on;
    break;
  case REPORT_CAMPAIGN_MONTHS:
    out->from = start;
    out->to = start.y ? date_add_days(date_add_months(start, in->months), -1) : in->due_on;
    break;
  default:
    out->from = start;
    out->to = in->due_on;
    break;
  }
  return ERR_OK;
}

int calendar_cutoff(struct calendar_cutoff *out, const struct calendar_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (!in->due_on.y)
    return err_set(err, ERR_INPUT, "báo cáo \"%s\" không có hạn gửi", in->name ? in->name : "");
  int rc = ERR_OK;
  if (in->own_from.y && in->own_to.y) {
    out->from = in->own_from;
    out->to = in->own_to;
    out->source = CUTOFF_OWN;
  } else if (in->periodicity >= REPORT_MONTHLY && in->periodicity <= REPORT_ANNUAL) {
    int y, m, len = span_months(in->periodicity);
    int n = in->periodicity == REPORT_ANNUAL || in->periodicity == REPORT_MONTHLY ? 0 : in->months;
    statutory_period(&y, &m, in->periodicity, n, in->due_on);
    struct date first = {y, m, 1};
    struct date next = date_add_months(first, len);
    const struct calendar_regime *r = regime_at(in, in->periodicity, in->due_on);
    if (r && r->cut_day > 1) {
      out->from = date_add_months((struct date){y, m, r->cut_day}, -1);
      out->to = date_add_months((struct date){y, m, r->cut_day - 1}, len - 1);
      out->source = CUTOFF_REGIME;
    } else {
      out->from = first;
      out->to = date_add_days(next, -1);
      out->source = r ? CUTOFF_REGIME : CUTOFF_CALENDAR;
    }
  } else {
    rc = from_plan(out, in, err);
  }
  if (rc)
    return rc;
  struct date last = date_add_days(in->due_on, -1);
  if (out->to.y && before(last, out->to)) {
    out->to = last;
    out->clipped = 1;
  }
  if (out->from.y && out->to.y && before(out->to, out->from))
    return err_set(err, ERR_INPUT, "báo cáo \"%s\": kỳ số liệu kết thúc trước khi bắt đầu",
                   in->name ? in->name : "");
  return ERR_OK;
}

/* ---- timeliness --------------------------------------------------------------- */

void calendar_timeliness(int *on_time, long *days_late, struct date due, struct date submitted,
                         struct date at)
{
  *on_time = 0;
  *days_late = 0;
  if (submitted.y) {
    *on_time = !before(due, submitted);
    if (!*on_time)
      *days_late = date_to_days(submitted) - date_to_days(due);
    return;
  }
  if (before(due, at))
    *days_late = date_to_days(at) - date_to_days(due);
}

const char *calendar_periodicity_code(enum report_periodicity p)
{
  return label_code_at(LABEL_PERIODICITY, (size_t)p);
}

int calendar_periodicity_parse(enum report_periodicity *out, const char *code, struct err *err)
{
  const char *c;
  int rc = label_parse(&c, LABEL_PERIODICITY, code ? code : "", "loại kỳ báo cáo", err);
  if (rc)
    return rc;
  *out = (enum report_periodicity)label_index(LABEL_PERIODICITY, c);
  return ERR_OK;
}
