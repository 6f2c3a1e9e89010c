/* router.c: matching paths against route patterns, segment by segment. */
#include "web/router.h"

#include <stdio.h>
#include <string.h>

/* Match path against pattern; params filled on success. */
static int path_match(const char *pattern, const char *path, struct route_params *params)
{
  struct route_params p = {0};
  const char *a = pattern, *b = path;
  if (*a != '/' || *b != '/')
    return 0;
  while (*a && *b) {
    if (*a == '{') {
      const char *end = strchr(a, '}');
      size_t len = strcspn(b, "/");
      if (!end || len == 0 || p.n == ROUTE_PARAMS_MAX)
        return 0;
      p.v[p.n].s = b;
      p.v[p.n].len = len;
      p.n++;
      a = end + 1;
      b += len;
      continue;
    }
    if (*a != *b)
      return 0;
    a++;
    b++;
  }
  if (*a || *b)
    return 0;
  if (params)
    *params = p;
  return 1;
}

static int method_match(const char *route, const char *method)
{
  return strcmp(route, method) == 0 || (strcmp(method, "HEAD") == 0 && strcmp(route, "GET") == 0);
}

enum route_result router_match(const struct route **out, struct route_params *params,
                               const struct route *table, size_t n, const char *method,
                               const char *path)
{
  enum route_result res = ROUTE_NO_PATH;
  for (size_t i = 0; i < n; i++) {
    struct route_params p;
    if (!path_match(table[i].pattern, path, &p))
      continue;
    if (!method_match(table[i].method, method)) {
      res = ROUTE_NO_METHOD;
      continue;
    }
    *out = &table[i];
    *params = p;
    return ROUTE_MATCHED;
  }
  return res;
}

void router_allow(char *out, size_t n, const struct route *table, size_t count, const char *path)
{
  size_t len = 0;
  if (n == 0)
    return;
  out[0] = '\0';
  for (size_t i = 0; i < count; i++) {
    if (!path_match(table[i].pattern, path, NULL))
      continue;
    const char *m = table[i].method;
    int w = snprintf(out + len, n - len, "%s%s%s", len ? ", " : "", m,
                     strcmp(m, "GET") == 0 ? ", HEAD" : "");
    if (w < 0 || (size_t)w >= n - len)
      return;
    len += (size_t)w;
  }
}
