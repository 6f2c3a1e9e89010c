/* request.h: one request as a handler sees it, and the ways to answer it.
 *
 * The server (server.c) makes a struct web_req per request, matches the
 * route, checks its access, calls the handler and then sends what the
 * handler left in rq: a status, a content type and a body. Everything a
 * handler allocates for the request comes from rq->arena. A handler that
 * fails returns an error code with rq->err set; the server renders it as
 * the error page (or JSON error) of err_http_status(code). */
#ifndef PCMT_WEB_REQUEST_H
#define PCMT_WEB_REQUEST_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "web/router.h"
#include "web/web.h"

struct evhttp_request;
struct store;

struct web_req {
  struct evhttp_request *ev;         /* libevent's request (headers, body, connection) */
  struct store *st;                  /* this thread's database connection */
  const struct web_config *cfg;      /* the server's configuration */
  struct arena arena;                /* per-request memory, freed once the answer is sent */
  const struct route *route;         /* the matched route, NULL before matching */
  struct route_params params;        /* the pattern's parameters */
  const char *method;                /* "GET", ... */
  const char *path;                  /* the path, undecoded, without the query */
  const char *query;                 /* the raw query string, NULL when none */
  const struct app_session *session; /* the signed-in user's session, NULL when none */
  long user_id;                      /* the signed-in user's id, 0 when none (access log) */
  int bearer;                        /* rq->session stands for an API bearer token */
  int status;                        /* the answer's status */
  const char *content_type;          /* the answer's Content-Type (with charset) */
  const char *cache_control;         /* NULL: "no-store" */
  const char *etag;                  /* a strong ETag for the answer, or NULL */
  const unsigned char *fixed;        /* an answer's bytes outside body (an asset), or NULL */
  size_t fixed_len;                  /* their number */
  struct buf body;                   /* the answer's body, built by the handler */
  struct err err;                    /* why the handler failed */
};

/* Add a response header (copied by libevent). */
void request_header(struct web_req *rq, const char *name, const char *value);
/* A request header's value, or NULL. Borrowed from libevent's request. */
const char *request_get_header(struct web_req *rq, const char *name);
/* Parameter i of the route's pattern as a NUL-terminated arena string
 * (percent-decoding is the handler's); NULL when out of memory or absent. */
const char *request_param(struct web_req *rq, size_t i);

/* Form field `name` of an urlencoded request body, decoded, in the arena;
 * NULL when absent or malformed. */
const char *request_form(struct web_req *rq, const char *name);
/* The session cookie's name: "__Host-pcmt", or "pcmt" with
 * --insecure-cookies (browsers refuse a __Host- cookie without Secure). */
const char *request_cookie_name(const struct web_req *rq);
/* Set the session cookie to token (NULL: clear it). */
void request_set_session_cookie(struct web_req *rq, const char *token);
/* The client's address ("127.0.0.1"), for the sign-in rate limit. */
const char *request_peer(struct web_req *rq);

/* Answer with the HTML in rq->body and this status. Returns ERR_OK, or
 * ERR_NOMEM when the body could not be built (buf_failed). */
int request_html(struct web_req *rq, int status);
/* Answer with a plain-text body (copied). */
int request_text(struct web_req *rq, int status, const char *text);
/* Answer 303 See Other to `location` (a path of this site). */
int request_redirect(struct web_req *rq, const char *location);

#endif
