/* form.c: urlencoded form fields and Cookie headers. */
#include "web/form.h"

#include <string.h>

#include "base/text.h"

static int hexval(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decode s[0..n) ('+' is a space, %XX a byte) into a new arena string. */
static int decode(const char **out, struct arena *a, const char *s, size_t n)
{
  char *d = arena_alloc(a, n + 1);
  if (!d)
    return -1;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+') {
      d[k++] = ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= n)
        return -1; /* a truncated %X */
      int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
      if (h < 0 || l < 0 || (h == 0 && l == 0))
        return -1;
      d[k++] = (char)(h * 16 + l);
      i += 2;
    } else {
      d[k++] = s[i];
    }
  }
  d[k] = '\0';
  if (!text_utf8_valid(d, k))
    return -1;
  *out = d;
  return 0;
}

int form_value(const char **out, struct arena *a, const char *body, size_t len, const char *name)
{
  *out = NULL;
  size_t nlen = strlen(name);
  const char *p = body, *end = body ? body + len : NULL;
  while (p && p < end) {
    const char *amp = memchr(p, '&', (size_t)(end - p));
    const char *stop = amp ? amp : end;
    const char *eq = memchr(p, '=', (size_t)(stop - p));
    const char *key_end = eq ? eq : stop;
    if ((size_t)(key_end - p) == nlen && memcmp(p, name, nlen) == 0)
      return eq ? decode(out, a, eq + 1, (size_t)(stop - eq - 1)) : decode(out, a, "", 0);
    p = amp ? amp + 1 : end;
  }
  return 0;
}

int form_cookie(const char **out, struct arena *a, const char *header, const char *name)
{
  *out = NULL;
  size_t nlen = strlen(name);
  const char *p = header;
  while (p && *p) {
    while (*p == ' ' || *p == '\t' || *p == ';')
      p++;
    size_t len = strcspn(p, ";");
    const char *eq = memchr(p, '=', len);
    if (eq && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0) {
      const char *v = eq + 1;
      size_t vlen = len - nlen - 1;
      while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
      if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
        v++;
        vlen -= 2;
      }
      *out = arena_strndup(a, v, vlen);
      return *out ? 0 : -1;
    }
    p += len;
  }
  return 0;
}
