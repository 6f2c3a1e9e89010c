/* negotiate.c: parsing Accept-Encoding and If-None-Match lists. */
#include "web/negotiate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_ws(const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* The q-value of one list element's parameters ("; q=0.5"), 1 when absent;
 * p points after the coding's name. Returns the q-value times 1000. */
static int qvalue(const char *p, const char *end)
{
  while (p < end) {
    p = skip_ws(p);
    if (*p == ';') {
      p = skip_ws(p + 1);
      if ((*p == 'q' || *p == 'Q') && p[1] == '=') {
        double q = strtod(p + 2, NULL);
        if (q < 0 || q > 1)
          return 0;
        return (int)(q * 1000 + 0.5);
      }
    }
    p++;
  }
  return 1000;
}

int negotiate_accepts_gzip(const char *ae)
{
  if (!ae)
    return 0;
  int gzip = -1, star = -1;
  const char *p = ae;
  while (*p) {
    p = skip_ws(p);
    const char *end = strchr(p, ',');
    if (!end)
      end = p + strlen(p);
    size_t name = strcspn(p, " \t;,");
    if (name > (size_t)(end - p))
      name = (size_t)(end - p);
    int q = qvalue(p + name, end);
    if ((name == 4 && strncasecmp(p, "gzip", 4) == 0) ||
        (name == 6 && strncasecmp(p, "x-gzip", 6) == 0))
      gzip = q;
    else if (name == 1 && *p == '*')
      star = q;
    p = *end ? end + 1 : end;
  }
  if (gzip >= 0)
    return gzip > 0;
  return star > 0;
}

int negotiate_gzip(const char *content_type, size_t len, const char *accept_encoding)
{
  if (!content_type || len < NEGOTIATE_GZIP_MIN)
    return 0;
  if (strncmp(content_type, "text/html", 9) != 0 &&
      strncmp(content_type, "application/json", 16) != 0)
    return 0;
  return negotiate_accepts_gzip(accept_encoding);
}

int negotiate_not_modified(const char *inm, const char *etag)
{
  if (!inm || !etag)
    return 0;
  size_t elen = strlen(etag);
  const char *p = inm;
  while (*p) {
    p = skip_ws(p);
    if (*p == '*')
      return 1;
    if (strncmp(p, "W/", 2) == 0)
      p += 2;
    if (*p != '"')
      return 0; /* not a list of entity tags: ignore the header */
    const char *close = strchr(p + 1, '"');
    if (!close)
      return 0;
    size_t len = (size_t)(close - p) + 1;
    if (len == elen && memcmp(p, etag, len) == 0)
      return 1;
    p = skip_ws(close + 1);
    if (*p == ',')
      p++;
    else if (*p)
      return 0;
  }
  return 0;
}
