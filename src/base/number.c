/* number.c: Vietnamese numbers written and read (see number.h). printf does
 * the rounding and strtod the conversion; this file only places and reads
 * the marks, so that no figure depends on the process locale. */
#include "base/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

char *number_format_vn(char *buf, size_t n, double v, int decimals)
{
  if (n == 0)
    return buf;
  if (isnan(v) || isinf(v)) {
    snprintf(buf, n, "-");
    return buf;
  }
  if (decimals < 0)
    decimals = 0;
  if (decimals > 6)
    decimals = 6;
  char raw[64];
  int len = snprintf(raw, sizeof raw, "%.*f", decimals, v);
  if (len < 0 || (size_t)len >= sizeof raw) {
    snprintf(buf, n, "%g", v); /* beyond any figure a report holds */
    return buf;
  }
  char *point = strchr(raw, '.');
  if (point) {
    char *end = raw + len;
    while (end > point + 1 && end[-1] == '0')
      *--end = '\0';
    if (end == point + 1)
      *point = '\0';
  }
  const char *digits = raw;
  int negative = *digits == '-';
  if (negative)
    digits++;
  size_t int_len = point && *point ? (size_t)(point - digits) : strlen(digits);
  /* "-0" after rounding a tiny negative is 0 */
  int zero = strspn(digits, "0") == int_len && (!point || !*point);
  char out[96];
  size_t w = 0;
  if (negative && !zero)
    out[w++] = '-';
  for (size_t i = 0; i < int_len; i++) {
    if (i && (int_len - i) % 3 == 0)
      out[w++] = '.';
    out[w++] = digits[i];
  }
  if (point && *point) {
    out[w++] = ',';
    for (const char *p = point + 1; *p; p++)
      out[w++] = *p;
  }
  out[w] = '\0';
  snprintf(buf, n, "%s", out);
  return buf;
}

/* 1 when digits[0..n) grouped by `mark` is a well-formed thousands grouping:
 * a first group of 1-3 digits not starting with 0, then groups of three. */
static int grouped(const char *d, size_t n, char mark)
{
  size_t group = 0, groups = 0;
  for (size_t i = 0; i < n; i++) {
    if (d[i] == mark) {
      if (group == 0 || (groups == 0 && (group > 3 || d[0] == '0')) || (groups && group != 3))
        return 0;
      groups++;
      group = 0;
    } else {
      group++;
    }
  }
  return groups == 0 || group == 3;
}

/* A non-negative number as offices write it, the Vietnamese way first: "."
 * groups thousands and "," marks decimals ("1.234.567", "1.234,5", "2,5",
 * "1.500" = 1500), and also as spreadsheets in other locales write it
 * ("1,234.5", "1234.5", "0.125", "1,234,567"). The rules, in order: both
 * marks — the last one, written once, is the decimal mark and the other
 * groups thousands; one mark written more than once groups thousands; ","
 * once is a decimal mark; "." once is a thousands mark when it is followed by
 * exactly three digits after 1-3 (not a lone 0: "0.125" is a decimal), else a
 * decimal mark. Spaces of any kind are thousands spaces. A grouping that is
 * not in threes ("1.23.456", "12,34,567") is refused rather than guessed. */
int number_parse_vn(double *out, const char *t)
{
  char tmp[64];
  size_t w = 0;
  for (const char *p = t; *p; p++) {
    size_t sp = text_space_len(p);
    if (sp) {
      p += sp - 1;
      continue;
    }
    if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == ','))
      return -1;
    if (w + 1 >= sizeof tmp)
      return -1;
    tmp[w++] = *p;
  }
  tmp[w] = '\0';
  if (w == 0)
    return -1;
  char *comma = strrchr(tmp, ','), *dot = strrchr(tmp, '.');
  size_t n_comma = 0, n_dot = 0;
  for (size_t i = 0; i < w; i++) {
    n_comma += tmp[i] == ',';
    n_dot += tmp[i] == '.';
  }
  char *dec = NULL; /* the decimal mark, if any */
  char thousands = 0;
  if (comma && dot) {
    dec = comma > dot ? comma : dot;
    thousands = comma > dot ? '.' : ',';
    if ((dec == comma ? n_comma : n_dot) != 1)
      return -1;
  } else if (comma || dot) {
    char mark = comma ? ',' : '.';
    size_t count = comma ? n_comma : n_dot;
    char *at = comma ? comma : dot;
    size_t before = (size_t)(at - tmp), after = w - before - 1;
    if (count > 1 || (mark == '.' && after == 3 && before >= 1 && before <= 3 && tmp[0] != '0'))
      thousands = mark;
    else
      dec = at;
  }
  size_t int_len = dec ? (size_t)(dec - tmp) : w;
  if (int_len == 0 || (dec && !dec[1]) || (thousands && !grouped(tmp, int_len, thousands)))
    return -1;
  char plain[64];
  size_t k = 0;
  for (size_t i = 0; i < w; i++) {
    if (tmp[i] == thousands)
      continue;
    plain[k++] = &tmp[i] == dec ? '.' : tmp[i];
  }
  plain[k] = '\0';
  char *end;
  double d = strtod(plain, &end);
  if (end == plain || *end || d < 0 || d != d)
    return -1;
  *out = d;
  return 0;
}
