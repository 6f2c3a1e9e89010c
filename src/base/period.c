/* period.c: reporting periods, their text forms and their arithmetic.
 *
 * Every figure in PCMT belongs to a period; comparisons ("cùng kỳ năm trước",
 * "quý trước") are computed here so that every report does them the same way. */
#include "base/period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static struct date mkdate(int y, int m, int d)
{
  struct date r = {y, m, d};
  return r;
}

int period_year(struct period *out, int y)
{
  if (y < 1 || y > 9999)
    return ERR_INPUT;
  *out = (struct period){PERIOD_YEAR, mkdate(y, 1, 1), mkdate(y, 12, 31)};
  return ERR_OK;
}

int period_half(struct period *out, int y, int half)
{
  if (y < 1 || y > 9999 || half < 1 || half > 2)
    return ERR_INPUT;
  *out = half == 1 ? (struct period){PERIOD_HALF, mkdate(y, 1, 1), mkdate(y, 6, 30)}
                   : (struct period){PERIOD_HALF, mkdate(y, 7, 1), mkdate(y, 12, 31)};
  return ERR_OK;
}

int period_quarter(struct period *out, int y, int q)
{
  if (y < 1 || y > 9999 || q < 1 || q > 4)
    return ERR_INPUT;
  int m0 = (q - 1) * 3 + 1;
  *out = (struct period){PERIOD_QUARTER, mkdate(y, m0, 1),
                         mkdate(y, m0 + 2, date_days_in_month(y, m0 + 2))};
  return ERR_OK;
}

int period_month(struct period *out, int y, int m)
{
  if (y < 1 || y > 9999 || m < 1 || m > 12)
    return ERR_INPUT;
  *out = (struct period){PERIOD_MONTH, mkdate(y, m, 1), mkdate(y, m, date_days_in_month(y, m))};
  return ERR_OK;
}

int period_day(struct period *out, struct date d)
{
  if (!date_valid(d.y, d.m, d.d))
    return ERR_INPUT;
  *out = (struct period){PERIOD_DAY, d, d};
  return ERR_OK;
}

int period_custom(struct period *out, struct date start, struct date end, struct err *err)
{
  if (!date_valid(start.y, start.m, start.d) || !date_valid(end.y, end.m, end.d))
    return err_set(err, ERR_INPUT, "khoảng thời gian có ngày không hợp lệ");
  if (date_cmp(end, start) < 0)
    return err_set(err, ERR_INPUT, "ngày kết thúc trước ngày bắt đầu");
  *out = (struct period){PERIOD_CUSTOM, start, end};
  return ERR_OK;
}

/* The value of the n ASCII digits at s (a fixed-width field of a longer
 * string), or -1 when n is not 1..4 or a byte is not a digit: no sign, no
 * space, and no overflow, where atoi would accept the first two and have
 * undefined behaviour on the third. */
static int digits_value(const char *s, size_t n)
{
  if (n == 0 || n > 4)
    return -1;
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i]))
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* A whole-string strict ISO date (digits exactly yyyy-mm-dd). */
static int iso_date(struct date *d, const char *s, size_t n)
{
  if (n != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  d->y = digits_value(s, 4);
  d->m = digits_value(s + 5, 2);
  d->d = digits_value(s + 8, 2);
  return d->y >= 0 && d->m >= 0 && d->d >= 0 && date_valid(d->y, d->m, d->d);
}

static int all_digits(const char *s, size_t n)
{
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return 0;
  return 1;
}

int period_parse(struct period *out, const char *text, struct err *err)
{
  if (!text || !*text)
    return err_set(err, ERR_INPUT, "thiếu kỳ báo cáo");
  size_t n = strlen(text);
  const char *dots = strstr(text, "..");
  if (dots) {
    struct date a, b;
    if (!iso_date(&a, text, (size_t)(dots - text)) || !iso_date(&b, dots + 2, strlen(dots + 2)))
      return err_set(err, ERR_INPUT, "kỳ \"%.40s\" không hợp lệ: viết yyyy-mm-dd..yyyy-mm-dd",
                     text);
    return period_custom(out, a, b, err);
  }
  if (n == 4 && all_digits(text, 4)) {
    if (period_year(out, digits_value(text, 4)))
      return err_set(err, ERR_INPUT, "năm \"%s\" không hợp lệ", text);
    return ERR_OK;
  }
  if (n >= 7 && all_digits(text, 4) && text[4] == '-') {
    int y = digits_value(text, 4);
    char k = (char)toupper((unsigned char)text[5]);
    if (n == 7 && (k == 'H' || k == 'Q') && isdigit((unsigned char)text[6])) {
      int v = text[6] - '0';
      int rc = k == 'H' ? period_half(out, y, v) : period_quarter(out, y, v);
      if (rc)
        return err_set(err, ERR_INPUT, "kỳ \"%s\" không hợp lệ (%s)", text,
                       k == 'H' ? "nửa năm là H1 hoặc H2" : "quý là Q1 đến Q4");
      return ERR_OK;
    }
    if (n == 7 && all_digits(text + 5, 2)) {
      if (period_month(out, y, digits_value(text + 5, 2)))
        return err_set(err, ERR_INPUT, "tháng trong \"%s\" không hợp lệ", text);
      return ERR_OK;
    }
    struct date d;
    if (n == 10) {
      if (!iso_date(&d, text, n))
        return err_set(err, ERR_INPUT, "ngày \"%s\" không tồn tại trong lịch", text);
      return period_day(out, d);
    }
  }
  return err_set(err, ERR_INPUT,
                 "kỳ \"%.40s\" không hợp lệ: viết 2024, 2024-H1, 2024-Q3, 2024-09, 2024-09-15 "
                 "hoặc 2024-09-01..2024-10-31",
                 text);
}

void period_format(char *buf, size_t n, const struct period *p)
{
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  switch (p->kind) {
  case PERIOD_YEAR:
    snprintf(buf, n, "%04d", p->start.y);
    break;
  case PERIOD_HALF:
    snprintf(buf, n, "%04d-H%d", p->start.y, p->start.m <= 6 ? 1 : 2);
    break;
  case PERIOD_QUARTER:
    snprintf(buf, n, "%04d-Q%d", p->start.y, (p->start.m - 1) / 3 + 1);
    break;
  case PERIOD_MONTH:
    snprintf(buf, n, "%04d-%02d", p->start.y, p->start.m);
    break;
  case PERIOD_DAY:
    date_to_iso(a, p->start);
    snprintf(buf, n, "%s", a);
    break;
  case PERIOD_CUSTOM:
  default:
    date_to_iso(a, p->start);
    date_to_iso(b, p->end);
    snprintf(buf, n, "%s..%s", a, b);
    break;
  }
}

static const char *const ROMAN[] = {"", "I", "II", "III", "IV"};

void period_name_vn(char *buf, size_t n, const struct period *p)
{
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  switch (p->kind) {
  case PERIOD_YEAR:
    snprintf(buf, n, "năm %d", p->start.y);
    break;
  case PERIOD_HALF:
    snprintf(buf, n, "6 tháng %s năm %d", p->start.m <= 6 ? "đầu" : "cuối", p->start.y);
    break;
  case PERIOD_QUARTER:
    snprintf(buf, n, "Quý %s/%d", ROMAN[(p->start.m - 1) / 3 + 1], p->start.y);
    break;
  case PERIOD_MONTH:
    snprintf(buf, n, "tháng %d/%d", p->start.m, p->start.y);
    break;
  case PERIOD_DAY:
    date_to_vn(a, p->start);
    snprintf(buf, n, "ngày %s", a);
    break;
  case PERIOD_CUSTOM:
  default:
    date_to_vn(a, p->start);
    date_to_vn(b, p->end);
    snprintf(buf, n, "từ %s đến %s", a, b);
    break;
  }
}

/* The number after spaces in a folded phrase ("6" of "thang 6 2024"); -1 when
 * something else comes first, so that "nam abc 2024" is not read as 2024. */
static int next_number(const char **p)
{
  while (**p == ' ')
    (*p)++;
  if (!isdigit((unsigned char)**p))
    return -1;
  int v = 0, k = 0;
  while (isdigit((unsigned char)**p) && k < 6) {
    v = v * 10 + (**p - '0');
    (*p)++;
    k++;
  }
  return v;
}

/* Roman numeral I..IV (folded, lower case) or 1..4 at the start of s. */
static int quarter_number(const char *s, const char **after)
{
  static const char *const r[] = {"iv", "iii", "ii", "i"};
  static const int v[] = {4, 3, 2, 1};
  while (*s == ' ')
    s++;
  for (int i = 0; i < 4; i++) {
    size_t l = strlen(r[i]);
    if (strncmp(s, r[i], l) == 0 && !isalpha((unsigned char)s[l])) {
      *after = s + l;
      return v[i];
    }
  }
  if (*s >= '1' && *s <= '4' && !isdigit((unsigned char)s[1])) {
    *after = s + 1;
    return *s - '0';
  }
  return 0;
}

/* The year in what follows ("/2018", " năm 2024"), or the default. */
static int year_after(const char *s, int default_year)
{
  while (*s == ' ' || *s == '/' || *s == ',' || *s == '-')
    s++;
  if (strncmp(s, "nam ", 4) == 0)
    s += 4;
  while (*s == ' ')
    s++;
  if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
      isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) && !isdigit((unsigned char)s[4]))
    return digits_value(s, 4);
  return default_year;
}

/* 1 when s (folded) is "N tháng đầu" / "N tháng cuối" with 1 <= N <= 12,
 * *after just past "dau" / "cuoi". */
static int months_of_year(const char *s, const char **after)
{
  const char *p = s;
  int n = next_number(&p);
  if (n < 1 || n > 12 || strncmp(p, " thang ", 7) != 0)
    return 0;
  p += 7;
  if (strncmp(p, "dau", 3) == 0)
    *after = p + 3;
  else if (strncmp(p, "cuoi", 4) == 0)
    *after = p + 4;
  else
    return 0;
  return **after == '\0' || **after == ' ';
}

int period_parse_vn(struct period *out, const char *text, int default_year, struct err *err)
{
  char *k = NULL;
  int rc = text_key(&k, text ? text : "", err);
  if (rc)
    return rc;
  /* text_key turns "/" into a space: "quy ii 2018", "thang 6 2024" */
  const char *s = k;
  const char *after = NULL;
  int y = 0;
  rc = ERR_INPUT;
  if (strncmp(s, "quy ", 4) == 0) {
    int q = quarter_number(s + 4, &after);
    if (q) {
      y = year_after(after, default_year);
      rc = y ? period_quarter(out, y, q) : ERR_INPUT;
    }
  } else if (isdigit((unsigned char)s[0]) && months_of_year(s, &after)) {
    /* "9 tháng đầu năm 2024", "6 tháng cuối năm", "3 tháng đầu năm" */
    const char *p = s;
    int n = next_number(&p);
    int first = strncmp(after - 3, "dau", 3) == 0;
    y = year_after(after, default_year);
    if (y && n == 12)
      rc = period_year(out, y);
    else if (y && n == 6)
      rc = period_half(out, y, first ? 1 : 2);
    else if (y && n == 3)
      rc = period_quarter(out, y, first ? 1 : 4);
    else if (y) {
      out->kind = PERIOD_CUSTOM;
      out->start = mkdate(y, first ? 1 : 13 - n, 1);
      out->end = mkdate(y, first ? n : 12, date_days_in_month(y, first ? n : 12));
      rc = ERR_OK;
    }
  } else if (strncmp(s, "thang ", 6) == 0) {
    const char *p = s + 6;
    int m = next_number(&p);
    y = year_after(p, default_year);
    rc = (m >= 1 && y) ? period_month(out, y, m) : ERR_INPUT;
  } else if (strncmp(s, "nam ", 4) == 0) {
    const char *p = s + 4;
    int v = next_number(&p);
    rc = (v >= 1000 && v <= 9999 && !*p) ? period_year(out, v) : ERR_INPUT; /* "năm 2024" */
  }
  free(k);
  if (rc)
    return err_set(err, ERR_INPUT, "không hiểu kỳ \"%.60s\"%s", text ? text : "",
                   (!y && !default_year) ? " (thiếu năm?)" : "");
  return ERR_OK;
}

int period_contains(const struct period *p, struct date d)
{
  return date_cmp(p->start, d) <= 0 && date_cmp(d, p->end) <= 0;
}

static void shift_months(struct period *out, const struct period *p, int months)
{
  out->kind = p->kind;
  out->start = date_add_months(p->start, months);
  struct date e = date_add_months(mkdate(p->end.y, p->end.m, 1), months);
  e.d = date_days_in_month(e.y, e.m);
  out->end = e;
}

void period_previous(struct period *out, const struct period *p)
{
  switch (p->kind) {
  case PERIOD_YEAR:
    shift_months(out, p, -12);
    break;
  case PERIOD_HALF:
    shift_months(out, p, -6);
    break;
  case PERIOD_QUARTER:
    shift_months(out, p, -3);
    break;
  case PERIOD_MONTH:
    shift_months(out, p, -1);
    break;
  case PERIOD_DAY:
    out->kind = PERIOD_DAY;
    out->start = out->end = date_add_days(p->start, -1);
    break;
  case PERIOD_CUSTOM:
  default: {
    long len = date_to_days(p->end) - date_to_days(p->start) + 1;
    out->kind = p->kind;
    out->end = date_add_days(p->start, -1);
    out->start = date_add_days(p->start, -len);
    break;
  }
  }
}

void period_last_year(struct period *out, const struct period *p)
{
  out->kind = p->kind;
  out->start = date_add_months(p->start, -12);
  out->end = date_add_months(p->end, -12);
  /* a month-aligned period keeps ending on the month's last day (29/2 -> 28/2
   * by the clamp; 28/2 of a leap year's predecessor stays the last day) */
  int month_aligned = p->start.d == 1 && p->end.d == date_days_in_month(p->end.y, p->end.m);
  if (p->kind != PERIOD_DAY && (p->kind != PERIOD_CUSTOM || month_aligned))
    out->end.d = date_days_in_month(out->end.y, out->end.m);
}

/* The period of `kind` containing d. */
static void period_of(struct period *out, enum period_kind kind, struct date d)
{
  switch (kind) {
  case PERIOD_YEAR:
    period_year(out, d.y);
    break;
  case PERIOD_HALF:
    period_half(out, d.y, d.m <= 6 ? 1 : 2);
    break;
  case PERIOD_QUARTER:
    period_quarter(out, d.y, (d.m - 1) / 3 + 1);
    break;
  case PERIOD_MONTH:
    period_month(out, d.y, d.m);
    break;
  default:
    period_day(out, d);
    break;
  }
}

int period_split(struct period **out, size_t *n, const struct period *range, enum period_kind kind,
                 struct err *err)
{
  *out = NULL;
  *n = 0;
  if (kind == PERIOD_CUSTOM)
    return err_set(err, ERR_INPUT, "không chia được theo kỳ tuỳ chọn");
  long days = date_to_days(range->end) - date_to_days(range->start) + 1;
  if (days <= 0)
    return err_set(err, ERR_INPUT, "khoảng thời gian rỗng");
  if (kind == PERIOD_DAY && days > 366L * 20)
    return err_set(err, ERR_INPUT, "khoảng thời gian quá dài để chia theo ngày");
  size_t cap = 16, cnt = 0;
  struct period *v = malloc(cap * sizeof *v);
  if (!v)
    return err_nomem(err);
  struct period cur;
  period_of(&cur, kind, range->start);
  for (;;) {
    if (cnt == cap) {
      cap *= 2;
      struct period *nv = realloc(v, cap * sizeof *v);
      if (!nv) {
        free(v);
        return err_nomem(err);
      }
      v = nv;
    }
    v[cnt++] = cur;
    if (date_cmp(cur.end, range->end) >= 0)
      break;
    period_of(&cur, kind, date_add_days(cur.end, 1));
  }
  *out = v;
  *n = cnt;
  return ERR_OK;
}
