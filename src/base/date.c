/* date.c: calendar arithmetic and the date forms plans write.
 *
 * Day numbers use the civil-from-days algorithm (H. Hinnant), exact over the
 * whole proleptic Gregorian range. The parser works on the raw UTF-8 so that
 * date_scan can return byte offsets into the caller's text; the words "ngày",
 * "tháng", "năm" are matched case-insensitively code point by code point. */
#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "base/text.h"

int date_is_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  return m == 2 && date_is_leap(y) ? 29 : dim[m - 1];
}

int date_valid(int y, int m, int d)
{
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

long date_to_days(struct date dt)
{
  long y = dt.y - (dt.m <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (dt.m + 9) % 12;
  long doy = (153 * mp + 2) / 5 + dt.d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  struct date r = {(int)(y + (m <= 2)), (int)m, (int)d};
  return r;
}

int date_cmp(struct date a, struct date b)
{
  if (a.y != b.y)
    return a.y < b.y ? -1 : 1;
  if (a.m != b.m)
    return a.m < b.m ? -1 : 1;
  if (a.d != b.d)
    return a.d < b.d ? -1 : 1;
  return 0;
}

struct date date_add_days(struct date d, long n)
{
  return date_from_days(date_to_days(d) + n);
}

struct date date_add_months(struct date d, int n)
{
  long mi = (long)d.y * 12 + (d.m - 1) + n;
  struct date r;
  r.y = (int)(mi / 12);
  r.m = (int)(mi % 12) + 1;
  int dim = date_days_in_month(r.y, r.m);
  r.d = d.d > dim ? dim : d.d;
  return r;
}

int date_weekday(struct date d)
{
  long z = date_to_days(d); /* 1970-01-01 was a Thursday (4) */
  long w = (z % 7 + 7 + 3) % 7;
  return (int)w + 1;
}

struct date date_today(void)
{
  time_t t = time(NULL);
  struct tm tm;
  localtime_r(&t, &tm);
  struct date r = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  return r;
}

/* Write n decimal digits of v (zero-padded) at p. */
static char *put_digits(char *p, unsigned v, int n)
{
  for (int i = n - 1; i >= 0; i--) {
    p[i] = (char)('0' + v % 10);
    v /= 10;
  }
  return p + n;
}

void date_to_iso(char *buf, struct date d)
{
  char *p = put_digits(buf, (unsigned)d.y, 4);
  *p++ = '-';
  p = put_digits(p, (unsigned)d.m, 2);
  *p++ = '-';
  p = put_digits(p, (unsigned)d.d, 2);
  *p = '\0';
}

void date_to_vn(char *buf, struct date d)
{
  char *p = put_digits(buf, (unsigned)d.d, 2);
  *p++ = '/';
  p = put_digits(p, (unsigned)d.m, 2);
  *p++ = '/';
  p = put_digits(p, (unsigned)d.y, 4);
  *p = '\0';
}

/* ---- parsing ------------------------------------------------------------- */

/* Match `word` (lower case, NFC) at s+i ignoring case; returns bytes matched
 * or 0. The word must end there (next code point not a letter). */
static size_t match_word(const char *s, size_t n, size_t i, const char *word)
{
  size_t wi = 0, wn = strlen(word), si = i;
  while (wi < wn) {
    utf8proc_int32_t a, b;
    utf8proc_ssize_t ka =
        utf8proc_iterate((const utf8proc_uint8_t *)s + si, (utf8proc_ssize_t)(n - si), &a);
    utf8proc_ssize_t kb =
        utf8proc_iterate((const utf8proc_uint8_t *)word + wi, (utf8proc_ssize_t)(wn - wi), &b);
    if (ka <= 0 || kb <= 0 || utf8proc_tolower(a) != b)
      return 0;
    si += (size_t)ka;
    wi += (size_t)kb;
  }
  if (si < n) {
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + si, (utf8proc_ssize_t)(n - si), &c) > 0) {
      utf8proc_category_t cat = utf8proc_category(c);
      if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
        return 0;
    }
  }
  return si - i;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
  while (i < n) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
      i++;
    else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
      i += 2; /* no-break space, common in converted documents */
    else
      break;
  }
  return i;
}

/* Read 1..maxd digits that are not followed by another digit. */
static size_t read_num(const char *s, size_t n, size_t i, int maxd, int *v)
{
  size_t j = i;
  int x = 0;
  while (j < n && isdigit((unsigned char)s[j]) && (int)(j - i) < maxd) {
    x = x * 10 + (s[j] - '0');
    j++;
  }
  if (j == i || (j < n && isdigit((unsigned char)s[j])))
    return 0;
  *v = x;
  return j - i;
}

struct match {
  struct date d;
  size_t end;
  int has_year;
  char sep; /* '/', '-', '.', 't' (words) or 'i' (ISO) */
};

/* Try to read a date whose first digit is at s+i. */
static int match_at(const char *s, size_t n, size_t i, int default_year, struct match *m)
{
  int a, b, c;
  size_t k = read_num(s, n, i, 4, &a);
  if (!k)
    return 0;
  size_t j = i + k;
  /* ISO yyyy-mm-dd */
  if (k == 4) {
    if (j < n && s[j] == '-') {
      size_t k2 = read_num(s, n, j + 1, 2, &b);
      if (k2 && j + 1 + k2 < n && s[j + 1 + k2] == '-') {
        size_t k3 = read_num(s, n, j + 2 + k2, 2, &c);
        if (k3 && date_valid(a, b, c)) {
          m->d = (struct date){a, b, c};
          m->end = j + 2 + k2 + k3;
          m->has_year = 1;
          m->sep = 'i';
          return 1;
        }
      }
    }
    return 0;
  }
  if (k > 2)
    return 0;
  int day = a, month, year = 0;
  if (j < n && (s[j] == '/' || s[j] == '-' || s[j] == '.')) {
    char sep = s[j];
    size_t k2 = read_num(s, n, j + 1, 2, &month);
    if (!k2)
      return 0;
    j += 1 + k2;
    m->has_year = 0;
    if (j + 1 < n && s[j] == sep && isdigit((unsigned char)s[j + 1])) {
      size_t k3 = read_num(s, n, j + 1, 4, &year);
      if (k3 != 4)
        return 0; /* two-digit years are ambiguous: refuse */
      j += 1 + k3;
      m->has_year = 1;
    }
    m->sep = sep;
  } else {
    size_t t = skip_spaces(s, n, j);
    size_t w = match_word(s, n, t, "tháng");
    if (!w)
      return 0;
    t = skip_spaces(s, n, t + w);
    size_t k2 = read_num(s, n, t, 2, &month);
    if (!k2)
      return 0;
    j = t + k2;
    m->has_year = 0;
    size_t u = skip_spaces(s, n, j);
    if (u < n && s[u] == ',')
      u = skip_spaces(s, n, u + 1);
    size_t w2 = match_word(s, n, u, "năm");
    if (w2) {
      u = skip_spaces(s, n, u + w2);
      size_t k3 = read_num(s, n, u, 4, &year);
      if (k3 == 4) {
        j = u + k3;
        m->has_year = 1;
      }
    } else if (j < n && s[j] == '/') { /* "ngày 30 tháng 8/2024" */
      size_t k3 = read_num(s, n, j + 1, 4, &year);
      if (k3 == 4) {
        j += 1 + k3;
        m->has_year = 1;
      }
    }
    m->sep = 't';
  }
  if (!m->has_year)
    year = default_year;
  if (!m->has_year && !default_year)
    return -1; /* a date without a year and no default */
  if (!date_valid(year, month, day))
    return -2;
  m->d = (struct date){year, month, day};
  m->end = j;
  return 1;
}

static int parse_nfc(struct date *out, const char *text, int default_year, struct err *err);

int date_parse(struct date *out, const char *text, int default_year, struct err *err)
{
  if (!text)
    return err_set(err, ERR_INPUT, "thiếu ngày");
  /* ASCII is its own NFC: most dates ("2024-03-05", "05/03/2024") */
  const char *t = text;
  while (*t > 0 && *t < 0x7f)
    t++;
  if (!*t)
    return parse_nfc(out, text, default_year, err);
  char *nfc = NULL;
  int rc = text_nfc(&nfc, text, err);
  if (rc)
    return rc;
  rc = parse_nfc(out, nfc, default_year, err);
  free(nfc);
  return rc;
}

/* date_parse on text already in NFC (the words are matched composed). */
static int parse_nfc(struct date *out, const char *text, int default_year, struct err *err)
{
  size_t n = strlen(text);
  size_t i = skip_spaces(text, n, 0);
  size_t w = match_word(text, n, i, "ngày");
  if (w)
    i = skip_spaces(text, n, i + w);
  if (i >= n)
    return err_set(err, ERR_INPUT, "thiếu ngày");
  struct match m;
  int r = match_at(text, n, i, default_year, &m);
  if (r == -1)
    return err_set(err, ERR_INPUT, "ngày \"%.60s\" không có năm", text);
  if (r == -2)
    return err_set(err, ERR_INPUT, "ngày \"%.60s\" không tồn tại trong lịch", text);
  if (r == 1 && skip_spaces(text, n, m.end) == n) {
    *out = m.d;
    return ERR_OK;
  }
  /* A well-formed but impossible ISO date falls through match_at: say so. */
  int y, mo, d;
  char tail;
  if (sscanf(text + i, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3 && !date_valid(y, mo, d))
    return err_set(err, ERR_INPUT, "ngày \"%.60s\" không tồn tại trong lịch", text);
  return err_set(err, ERR_INPUT,
                 "không đọc được ngày \"%.60s\" (viết dd/mm/yyyy, yyyy-mm-dd hoặc "
                 "\"ngày … tháng … năm …\")",
                 text);
}

/* ---- register cells: what spreadsheets write ----------------------------- */

int date_short_form(const char *text, int v[3], int *ylen)
{
  const char *p = text;
  while (*p == ' ' || *p == '\t')
    p++;
  char sep = 0;
  int len[3];
  for (int i = 0; i < 3; i++) {
    int n = 0, x = 0;
    while (isdigit((unsigned char)*p) && n < 5) {
      x = x * 10 + (*p++ - '0');
      n++;
    }
    if (n == 0 || isdigit((unsigned char)*p))
      return 0;
    v[i] = x;
    len[i] = n;
    if (i < 2) {
      if ((*p != '/' && *p != '.' && *p != '-') || (sep && *p != sep))
        return 0;
      sep = *p++;
    }
  }
  while (*p == ' ' || *p == '\t')
    p++;
  *ylen = len[2];
  return !*p && len[0] <= 2 && len[1] <= 2 && (len[2] == 2 || len[2] == 4);
}

/* Whole years from b to t. */
static int years_between(struct date b, struct date t)
{
  return t.y - b.y - (t.m < b.m || (t.m == b.m && t.d < b.d));
}

/* The two-digit-year rules are in docs/registers.md ("Dates from a
 * spreadsheet"); they are the only place a century is guessed. */
int date_parse_cell(struct date *out, const char *text, enum date_yy rule, const char *today,
                    struct err *err)
{
  if (text && date_parse(out, text, 0, NULL) == ERR_OK)
    return ERR_OK;
  int v[3], ylen = 0;
  if (!text || !date_short_form(text, v, &ylen))
    return err_set(err, ERR_INPUT, "\"%.60s\" không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)",
                   text ? text : "");
  if (v[0] >= 1 && v[0] <= 12 && v[1] > 12 && v[1] <= 31)
    return err_set(err, ERR_INPUT,
                   "\"%.60s\" ghi tháng trước ngày (kiểu Mỹ); ghi ngày/tháng/năm (dd/mm/yyyy)",
                   text);
  if (ylen != 2 || rule == DATE_YY_REFUSE ||
      (!date_valid(1900 + v[2], v[1], v[0]) && !date_valid(2000 + v[2], v[1], v[0])))
    return err_set(err, ERR_INPUT, "\"%.60s\" không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd)", text);
  struct date t;
  if (!today || date_parse(&t, today, 0, NULL))
    t = date_today();
  struct date d20 = {2000 + v[2], v[1], v[0]}, d19 = {1900 + v[2], v[1], v[0]};
  if (rule == DATE_YY_EVENT) {
    if (date_cmp(d20, t) > 0)
      return err_set(err, ERR_INPUT,
                     "\"%.60s\": năm hai chữ số đọc là %d, ở tương lai; ghi đủ bốn chữ số năm",
                     text, d20.y);
    *out = d20;
    return ERR_OK;
  }
  /* a birth date: at most one century gives an age in 12..99 */
  for (int i = 0; i < 2; i++) {
    struct date d = i ? d19 : d20;
    int age = years_between(d, t);
    if (date_valid(d.y, d.m, d.d) && age >= 12 && age <= 99) {
      *out = d;
      return ERR_OK;
    }
  }
  return err_set(err, ERR_INPUT,
                 "\"%.60s\": năm hai chữ số, cả %d và %d đều không cho tuổi từ 12 đến 99; ghi "
                 "đủ bốn chữ số năm",
                 text, d19.y, d20.y);
}

/* Words after which a day/month without a year is read as a date in prose;
 * elsewhere "1/2" is more likely a fraction or a section number. */
static int temporal_word_before(const char *s, size_t i)
{
  static const char *const words[] = {"ngày", "trước", "sau", "đến", "từ", "hạn", "vào", "tới"};
  size_t j = i;
  while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '('))
    j--;
  for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
    size_t len = strlen(words[w]);
    if (j >= len && match_word(s, j, j - len, words[w]) == len &&
        (j == len || !isalpha((unsigned char)s[j - len - 1])))
      return 1;
  }
  return 0;
}

int date_scan(struct date *out, const char *text, int default_year, size_t *start, size_t *end)
{
  if (!text)
    return ERR_NOT_FOUND;
  size_t n = strlen(text);
  for (size_t i = 0; i < n; i++) {
    if (!isdigit((unsigned char)text[i]) || (i > 0 && isdigit((unsigned char)text[i - 1])))
      continue;
    if (i > 0 && (text[i - 1] == '/' || text[i - 1] == '.' || text[i - 1] == '-'))
      continue; /* inside a number such as 123/2024 or 2.1.3 */
    struct match m;
    if (match_at(text, n, i, default_year, &m) != 1)
      continue;
    if (m.end < n && (text[m.end] == '/' || (isalnum((unsigned char)text[m.end]))))
      continue; /* "30/2026/QH15", "15/8/KH": a document number, not a date */
    if (!m.has_year && (m.sep != '/' && m.sep != 't'))
      continue;
    if (!m.has_year && m.sep == '/' && !temporal_word_before(text, i))
      continue;
    *out = m.d;
    if (start) {
      size_t st = i;
      /* include a preceding "ngày " in the match */
      size_t j = i;
      while (j > 0 && text[j - 1] == ' ')
        j--;
      if (j >= 5 && match_word(text, j, j - 5, "ngày") == 5)
        st = j - 5;
      *start = st;
    }
    if (end)
      *end = m.end;
    return ERR_OK;
  }
  return ERR_NOT_FOUND;
}

void date_now_utc(char *buf, size_t n)
{
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *date_iso_to_vn(char *buf, const char *iso)
{
  struct date d;
  if (iso && *iso && date_parse(&d, iso, 0, NULL) == ERR_OK)
    date_to_vn(buf, d);
  else
    snprintf(buf, DATE_ISO_LEN, "%s", iso ? iso : "");
  return buf;
}
