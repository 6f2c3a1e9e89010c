/* router.h: matching a request's method and path against a route table.
 *
 * A pattern is a path whose segments are literal ("/healthz") or a
 * parameter in braces ("/static/{file}") that matches one non-empty
 * segment. The table itself lives in routes.c; this file only matches, so
 * the matcher can be tested on tables of its own. HEAD is answered by the
 * GET route of the same path (the server sends the headers only). */
#ifndef PCMT_WEB_ROUTER_H
#define PCMT_WEB_ROUTER_H

#include <stddef.h>

#define ROUTE_PARAMS_MAX 4

/* Who may reach a route (checked before its handler runs). */
enum route_access {
  ROUTE_PUBLIC,     /* anyone, signed in or not */
  ROUTE_SIGNED_IN,  /* a signed-in user of any role, past the second factor */
  ROUTE_ADMIN,      /* a signed-in administrator, past the second factor */
  ROUTE_SECOND_STEP /* a signed-in user, also one whose session waits for its second step */
};

struct web_req;

struct route {
  const char *method;                 /* "GET", "POST", ... */
  const char *pattern;                /* "/nguoi/{id}" */
  int (*handler)(struct web_req *rq); /* renders the answer; 0, or an err code */
  enum route_access access;           /* who may call it */
};

/* The parameters of a matched path, in pattern order; pointers into the
 * path given to router_match (not NUL-terminated). */
struct route_params {
  size_t n; /* how many */
  struct {
    const char *s; /* first byte in the path */
    size_t len;    /* its length */
  } v[ROUTE_PARAMS_MAX];
};

enum route_result {
  ROUTE_MATCHED,  /* *out is the route */
  ROUTE_NO_PATH,  /* no route has this path: 404 */
  ROUTE_NO_METHOD /* the path exists, not with this method: 405 */
};

/* The route of table[0..n) for method and path (path without the query,
 * as the request wrote it). *out and *params are set on ROUTE_MATCHED. */
enum route_result router_match(const struct route **out, struct route_params *params,
                               const struct route *table, size_t n, const char *method,
                               const char *path);

/* The methods that path answers to, as an Allow header ("GET, HEAD, POST"),
 * into out[0..n). "" when none. */
void router_allow(char *out, size_t n, const struct route *table, size_t count, const char *path);

#endif
