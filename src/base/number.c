/* number.c: Vietnamese number formatting (see number.h). printf does the
 * rounding; this file only places the marks, so that no figure depends on the
 * process locale. */
#include "base/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
