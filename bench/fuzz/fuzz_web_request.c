/* fuzz_web_request.c: libFuzzer target for the request parsing that is
 * PCMT's own (src/web): the route matcher, query strings and form bodies,
 * Cookie headers, Accept-Encoding and If-None-Match, the API's pagination
 * cursor, and the HTML escaping of what they give. The input is split at its first two NUL bytes
 * into a path, a header value and a body; each part also goes through every parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "output/html.h"
#include "web/api_cursor.h"
#include "web/form.h"
#include "web/negotiate.h"
#include "web/router.h"
#include "web/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Part i (0-2) of the input as a NUL-terminated copy. */
static char *part(const uint8_t *data, size_t size, int i)
{
  size_t start = 0;
  for (int k = 0; k < i; k++) {
    const uint8_t *z = memchr(data + start, 0, size - start);
    if (!z)
      return strdup("");
    start = (size_t)(z - data) + 1;
  }
  const uint8_t *z = memchr(data + start, 0, size - start);
  size_t len = z ? (size_t)(z - data) - start : size - start;
  char *s = malloc(len + 1);
  if (s) {
    memcpy(s, data + start, len);
    s[len] = '\0';
  }
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *path = part(data, size, 0), *header = part(data, size, 1), *body = part(data, size, 2);
  if (!path || !header || !body)
    goto out;
  static const char *const methods[] = {"GET", "HEAD", "POST", "DELETE"};
  for (size_t m = 0; m < 4; m++) {
    const struct route *r = NULL;
    struct route_params p;
    if (router_match(&r, &p, routes, routes_count, methods[m], path) == ROUTE_MATCHED)
      for (size_t i = 0; i < p.n; i++)
        if (p.v[i].s < path || p.v[i].s + p.v[i].len > path + strlen(path))
          abort(); /* a parameter outside the path */
  }
  char allow[128];
  router_allow(allow, sizeof allow, routes, routes_count, path);
  negotiate_accepts_gzip(header);
  negotiate_not_modified(header, "\"0123456789abcdef\"");
  struct arena a;
  arena_init(&a, 0, 1 << 20);
  struct buf b;
  buf_init(&b, 1 << 20);
  const char *v = NULL;
  static const char *const names[] = {"login", "password", "csrf", "__Host-pcmt", "pcmt"};
  const char *query = strchr(path, '?');
  query = query ? query + 1 : "";
  for (size_t n = 0; n < 5; n++) {
    if (form_value(&v, &a, body, strlen(body), names[n]) == 0 && v)
      html_attr(&b, v);
    if (form_value(&v, &a, query, strlen(query), names[n]) == 0 && v)
      html_attr(&b, v);
    if (form_cookie(&v, &a, header, names[n]) == 0 && v)
      html_text(&b, v);
  }
  long pos;
  struct err err = {ERR_OK, ""};
  if (api_cursor_decode(&pos, header, path, &err) == ERR_OK && pos < 0)
    abort(); /* a cursor decoded to a negative position */
  html_text(&b, path);
  html_url(&b, body);
  buf_free(&b);
  arena_free(&a);
out:
  free(path);
  free(header);
  free(body);
  return 0;
}
