/* server.c: the threads, the listening socket, and the life of one request.
 *
 * Threads. web_serve binds one listening socket, then starts N threads, each
 * with its own event base, evhttp instance and database connection; every
 * thread accepts on its own duplicate of the one socket (the kernel hands a
 * connection to whichever loop accepts first). A request is served start to
 * finish by the thread that read it, so nothing in a request is shared.
 *
 * Shutdown. The main thread blocks SIGTERM and SIGINT and waits for them
 * with sigwait; on either it writes one byte to a pipe every loop watches.
 * Each loop then closes its listening socket, marks its next answers
 * "Connection: close", and keeps running until the answers it has queued
 * are written (or cfg->drain_s passes); then it frees its connections and
 * closes its database. web_serve returns after every thread has stopped,
 * having signed a last checkpoint of the audit chain's head.
 *
 * Checkpoints. The first thread's loop also signs the audit chain's head
 * into FILE.checkpoints every cfg->checkpoint_s seconds when it moved
 * (app_audit_checkpoint; docs/audit.md), on its own connection.
 *
 * A request. dispatch() finds the caller (the session cookie, or on
 * /api/v1/ a bearer token, app_token.h), matches the route (404, 405 with
 * Allow), checks the route's access and CSRF, runs the handler, renders a
 * failure as the error page (the JSON error on the API, api_frame.h),
 * then send() adds the headers every answer carries (security headers,
 * Cache-Control no-store unless the handler chose otherwise), gzips HTML
 * and JSON when the client accepts it, and queues the answer. The request's
 * arena and body are freed as soon as the answer is queued (libevent holds
 * its own copy); then the access line is written: method, route pattern,
 * status, duration and user id — never the path's values or the query. */
#include "web/web.h"

#include <errno.h>
#include <limits.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app/app_audit.h"
#include "app/app_token.h"
#include "store/store.h"
#include "web/api_frame.h"
#include "web/form.h"
#include "web/gzip.h"
#include "web/negotiate.h"
#include "web/request.h"
#include "web/routes.h"

#define THREADS_MAX   64
#define BODY_MAX      ((size_t)32 * 1024 * 1024) /* largest answer a handler may build */
#define DRAIN_TICK_MS 20
/* SQLite's page cache of all the threads' connections together, MiB: the
 * store's default (64 MiB a connection, for imports and indicators) filled
 * up on the national data and took the server over 100 MB with two
 * threads; the pages missed come from the operating system's file cache */
#define CACHE_MIB_TOTAL 16
#define CACHE_MIB_MIN   2

/* The Content-Security-Policy of every answer: nothing from another
 * origin, no inline script or style, no framing. */
static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                          "form-action 'self'; frame-ancestors 'none'";

struct web_thread {
  const struct web_config *cfg;     /* shared, read only */
  struct event_base *base;          /* this thread's loop */
  struct evhttp *http;              /* its HTTP server */
  struct evhttp_bound_socket *sock; /* its duplicate of the listening socket */
  struct store *st;                 /* its database connection */
  struct event *stop_ev;            /* the shutdown pipe is readable */
  struct event *drain_ev;           /* while draining: is everything written? */
  struct event *checkpoint_ev;      /* first thread only: the checkpoint timer */
  struct timespec drain_until;      /* stop draining at this time even so */
  long pending;                     /* answers queued and not yet written */
  int draining;                     /* shutting down: close after each answer */
  pthread_t tid;                    /* the thread */
};

void web_config_default(struct web_config *out)
{
  *out = (struct web_config){
      .db_path = store_default_path(),
      .listen = "127.0.0.1:8080",
      .threads = 0,
      .max_header = 16 * 1024,
      .max_body = 1024 * 1024,
      .max_upload = 16 * 1024 * 1024,
      .timeout_s = 30,
      .drain_s = 10,
      .insecure_cookies = 0,
      .checkpoint_s = 300,
      .log = stderr,
  };
  app_session_limits_default(&out->session);
}

static double ms_since(const struct timespec *t0)
{
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static const char *method_name(enum evhttp_cmd_type c)
{
  switch (c) {
  case EVHTTP_REQ_GET:
    return "GET";
  case EVHTTP_REQ_POST:
    return "POST";
  case EVHTTP_REQ_HEAD:
    return "HEAD";
  case EVHTTP_REQ_PUT:
    return "PUT";
  case EVHTTP_REQ_DELETE:
    return "DELETE";
  case EVHTTP_REQ_OPTIONS:
    return "OPTIONS";
  case EVHTTP_REQ_TRACE:
    return "TRACE";
  case EVHTTP_REQ_CONNECT:
    return "CONNECT";
  case EVHTTP_REQ_PATCH:
    return "PATCH";
  }
  return "OTHER";
}

/* ---------------------------------------------------------------- answer */

static void answer_written(struct evhttp_request *req, void *arg)
{
  (void)req;
  struct web_thread *t = arg;
  t->pending--;
}

/* Add the common headers, compress when worth it, and queue the answer. */
static void answer_send(struct web_thread *t, struct web_req *rq)
{
  struct evkeyvalq *h = evhttp_request_get_output_headers(rq->ev);
  evhttp_add_header(h, "Content-Security-Policy", csp);
  evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
  evhttp_add_header(h, "Referrer-Policy", "no-referrer");
  evhttp_add_header(h, "X-Frame-Options", "DENY");
  evhttp_add_header(h, "Cache-Control", rq->cache_control ? rq->cache_control : "no-store");
  if (rq->content_type)
    evhttp_add_header(h, "Content-Type", rq->content_type);
  if (rq->etag)
    evhttp_add_header(h, "ETag", rq->etag);
  if (t->draining)
    evhttp_add_header(h, "Connection", "close");

  struct evbuffer *out = evbuffer_new();
  int ok = out != NULL;
  const void *data = rq->fixed ? (const void *)rq->fixed : rq->body.data;
  size_t len = rq->fixed ? rq->fixed_len : rq->body.len;
  struct buf gz;
  buf_init(&gz, BODY_MAX);
  if (rq->content_type && (strncmp(rq->content_type, "text/html", 9) == 0 ||
                           strncmp(rq->content_type, "application/json", 16) == 0))
    evhttp_add_header(h, "Vary", "Accept-Encoding");
  if (ok && rq->status != 304 && len &&
      negotiate_gzip(rq->content_type, len, request_get_header(rq, "Accept-Encoding")) &&
      gzip_compress(&gz, data, len, NULL) == ERR_OK) {
    evhttp_add_header(h, "Content-Encoding", "gzip");
    data = gz.data;
    len = gz.len;
  }
  if (ok && rq->status != 304 && len)
    ok = evbuffer_add(out, data, len) == 0;
  buf_free(&gz);
  if (!ok) {
    evbuffer_free(out);
    evhttp_send_error(rq->ev, 500, NULL);
    return;
  }
  evhttp_request_set_on_complete_cb(rq->ev, answer_written, t);
  t->pending++;
  evhttp_send_reply(rq->ev, rq->status, NULL, out);
  evbuffer_free(out);
}

/* --------------------------------------------------------------- request */

/* 1 for a path of the JSON API, whose answers are JSON (errors too). */
static int is_api(const struct web_req *rq)
{
  return strncmp(rq->path, "/api/v1/", 8) == 0;
}

/* The session the request's cookie names, if it is open: rq->session and
 * rq->user_id. A cookie for no open session is cleared in the answer. On
 * the API an "Authorization: Bearer" token is taken instead of the cookie
 * (elsewhere it is ignored); a token that is not valid leaves the request
 * without a caller, *bad_token set. */
static void identify(struct web_req *rq, struct app_session *sess, int *bad_token)
{
  const char *auth = is_api(rq) ? request_get_header(rq, "Authorization") : NULL;
  if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
    struct err e = {ERR_OK, ""};
    *bad_token = app_token_check(sess, rq->st, auth + 7, (long)time(NULL), &e) != ERR_OK;
    if (*bad_token)
      return;
    rq->session = sess;
    rq->user_id = sess->user_id;
    rq->bearer = 1;
    return;
  }
  const char *token = NULL;
  if (form_cookie(&token, &rq->arena, request_get_header(rq, "Cookie"), request_cookie_name(rq)) ||
      !token)
    return;
  struct err e = {ERR_OK, ""};
  int rc = app_session_check(sess, rq->st, token, (long)time(NULL), &rq->cfg->session, &e);
  if (rc == ERR_DENIED)
    request_set_session_cookie(rq, NULL); /* a database error keeps the cookie */
  if (rc)
    return;
  rq->session = sess;
  rq->user_id = sess->user_id;
}

/* 1 when a state-changing request comes from a page of this site. The
 * browser's Fetch Metadata (`Sec-Fetch-Site`) says so directly when sent.
 * Else the Origin, when it names one: our own `Referrer-Policy:
 * no-referrer` makes a browser send `Origin: null` on its forms' POSTs, so
 * a null origin is taken like an absent one (the session's CSRF token and
 * the SameSite cookie still guard those requests). */
static int same_origin(struct web_req *rq)
{
  const char *site = request_get_header(rq, "Sec-Fetch-Site");
  if (site)
    return strcmp(site, "same-origin") == 0;
  const char *origin = request_get_header(rq, "Origin");
  const char *host = request_get_header(rq, "Host");
  if (!origin || strcmp(origin, "null") == 0)
    return 1;
  const char *sep = strstr(origin, "://");
  return host && sep && strcmp(sep + 3, host) == 0;
}

/* The failure `status` with a message: the JSON error on the API, else
 * the error page. */
static void refuse(struct web_req *rq, int status, const char *message)
{
  if (is_api(rq))
    api_error_status(rq, status, message);
  else
    page_error(rq, status, message);
}

/* Match, check access and run the handler; on return rq holds the answer. */
static void handle(struct web_req *rq, int bad_token)
{
  const struct route *route = NULL;
  enum route_result m =
      router_match(&route, &rq->params, routes, routes_count, rq->method, rq->path);
  if (m == ROUTE_NO_PATH) {
    page_error(rq, 404, "Địa chỉ này không có trong hệ thống. Hãy kiểm tra lại đường dẫn.");
    return;
  }
  if (m == ROUTE_NO_METHOD) {
    char allow[128];
    router_allow(allow, sizeof allow, routes, routes_count, rq->path);
    request_header(rq, "Allow", allow);
    page_error(rq, 405, NULL);
    return;
  }
  rq->route = route;
  /* each route's own body limit: an uploaded file's, or a form's */
  struct evbuffer *in = evhttp_request_get_input_buffer(rq->ev);
  long limit = routes_is_upload(route) ? rq->cfg->max_upload : rq->cfg->max_body;
  if (in && evbuffer_get_length(in) > (size_t)limit) {
    char msg[160];
    int mib = limit % (1024 * 1024) == 0;
    snprintf(msg, sizeof msg, "Nội dung gửi lên quá lớn: tối đa %ld %s%s.",
             mib ? limit / (1024 * 1024) : limit / 1024, mib ? "MiB" : "KiB",
             routes_is_upload(route) ? " cho một tệp" : "");
    refuse(rq, 413, msg);
    return;
  }
  int reads = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
  /* an API client is told 401, never sent to the sign-in page */
  if (is_api(rq) && (bad_token || (route->access != ROUTE_PUBLIC && !rq->session))) {
    request_header(rq, "WWW-Authenticate", "Bearer");
    api_error_status(rq, 401,
                     bad_token ? "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi." : NULL);
    return;
  }
  if (route->access != ROUTE_PUBLIC && !rq->session) {
    if (reads)
      request_redirect(rq, "/dang-nhap");
    else
      page_error(rq, 403, "Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.");
    return;
  }
  /* a session opened by the password alone reaches only the second
   * step's pages (and sign-out) until that step is done */
  if (route->access != ROUTE_PUBLIC && route->access != ROUTE_SECOND_STEP &&
      rq->session->stage[0]) {
    const char *next = rq->session->stage[0] == 'c' ? "/xac-thuc" : "/xac-thuc/dang-ky";
    if (is_api(rq))
      api_error_status(rq, 401, "Hãy hoàn tất bước xác thực thứ hai trước.");
    else if (reads)
      request_redirect(rq, next);
    else
      page_error(rq, 403, "Hãy hoàn tất bước xác thực thứ hai trước.");
    return;
  }
  if (route->access == ROUTE_ADMIN && rq->session->role != SCOPE_ADMIN) {
    refuse(rq, 403, "Trang này chỉ dành cho người quản trị.");
    return;
  }
  /* a bearer token is no browser's: no cross-site form can send it */
  if (!reads && !rq->bearer && !same_origin(rq)) {
    refuse(rq, 403, "Yêu cầu không đến từ một trang của hệ thống.");
    return;
  }
  /* every state-changing request of a signed-in user carries the
   * session's CSRF token: in its form, or on the API in X-CSRF-Token */
  if (!reads && rq->session && !rq->bearer &&
      !app_session_csrf_ok(rq->session, is_api(rq) ? request_get_header(rq, "X-CSRF-Token")
                                                   : request_form(rq, "csrf"))) {
    refuse(rq, 403,
           is_api(rq) ? "Thiếu mã chống giả mạo (X-CSRF-Token) của phiên đăng nhập."
                      : "Biểu mẫu đã hết hạn. Hãy tải lại trang rồi gửi lại.");
    return;
  }
  int rc = route->handler(rq);
  if (rc && is_api(rq)) {
    api_error(rq, (enum err_code)rc, rq->err.msg);
  } else if (rc) {
    int status = err_http_status(rc);
    /* a 5xx says nothing of the server's inside, except "busy": what to do */
    page_error(rq, status, status >= 500 && rc != ERR_BUSY ? NULL : rq->err.msg);
  }
}

static void dispatch(struct evhttp_request *req, void *arg)
{
  struct web_thread *t = arg;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct web_req rq = {.ev = req, .st = t->st, .cfg = t->cfg, .status = 200};
  struct app_session sess;
  arena_init(&rq.arena, 16 * 1024, 0);
  buf_init(&rq.body, BODY_MAX);
  rq.method = method_name(evhttp_request_get_command(req));
  const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
  rq.path = uri ? evhttp_uri_get_path(uri) : NULL;
  rq.query = uri ? evhttp_uri_get_query(uri) : NULL;
  if (!rq.path || rq.path[0] != '/') {
    rq.path = "";
    page_error(&rq, 400, "Địa chỉ yêu cầu không hợp lệ.");
  } else {
    int bad_token = 0;
    identify(&rq, &sess, &bad_token);
    handle(&rq, bad_token);
  }
  answer_send(t, &rq);
  const char *pattern = rq.route ? rq.route->pattern : "-";
  int status = rq.status;
  long user = rq.user_id;
  buf_free(&rq.body);
  arena_free(&rq.arena);
  char who[24] = "-";
  if (user)
    snprintf(who, sizeof who, "%ld", user);
  fprintf(t->cfg->log, "access: %s %s %d %.1fms user=%s\n", rq.method, pattern, status,
          ms_since(&t0), who);
}

/* -------------------------------------------------------------- shutdown */

static void drain_check(evutil_socket_t fd, short what, void *arg)
{
  (void)fd;
  (void)what;
  struct web_thread *t = arg;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int late = now.tv_sec > t->drain_until.tv_sec ||
             (now.tv_sec == t->drain_until.tv_sec && now.tv_nsec >= t->drain_until.tv_nsec);
  if (t->pending <= 0 || late)
    event_base_loopbreak(t->base);
}

static void stop_requested(evutil_socket_t fd, short what, void *arg)
{
  (void)fd;
  (void)what;
  struct web_thread *t = arg;
  event_del(t->stop_ev); /* the byte stays in the pipe for the other loops */
  if (t->checkpoint_ev)
    event_del(t->checkpoint_ev); /* the last one is signed after the loops end */
  if (t->sock) {
    evhttp_del_accept_socket(t->http, t->sock); /* closes this thread's duplicate */
    t->sock = NULL;
  }
  t->draining = 1;
  clock_gettime(CLOCK_MONOTONIC, &t->drain_until);
  t->drain_until.tv_sec += t->cfg->drain_s;
  struct timeval tick = {0, DRAIN_TICK_MS * 1000};
  event_add(t->drain_ev, &tick);
  drain_check(-1, 0, t);
}

/* ----------------------------------------------------------- checkpoints */

/* Sign the audit head when it moved; a failure is logged, the server goes on. */
static void checkpoint(struct web_thread *t)
{
  struct err err = {0};
  int written;
  if (app_audit_checkpoint(&written, t->st, &err))
    fprintf(t->cfg->log, "pcmt serve: không ghi được mốc kiểm tra nhật ký: %s\n", err.msg);
}

static void checkpoint_tick(evutil_socket_t fd, short what, void *arg)
{
  (void)fd;
  (void)what;
  checkpoint(arg);
}

/* ----------------------------------------------------------------- setup */

static void *thread_run(void *arg)
{
  struct web_thread *t = arg;
  event_base_dispatch(t->base);
  return NULL;
}

static void thread_free(struct web_thread *t)
{
  if (t->http)
    evhttp_free(t->http); /* its connections and any socket still bound */
  if (t->stop_ev)
    event_free(t->stop_ev);
  if (t->drain_ev)
    event_free(t->drain_ev);
  if (t->checkpoint_ev)
    event_free(t->checkpoint_ev);
  if (t->base)
    event_base_free(t->base);
  store_close(t->st);
  memset(t, 0, sizeof *t);
}

/* The most libevent reads of a body before any handler runs: twice the
 * larger limit, so that a body over a route's own limit (below that) is
 * answered by dispatch with the route's 413, a JSON error on the API.
 * libevent 2.1 reads a whole body before the route is known, so only a
 * body past this ceiling gets libevent's bare 413. */
static long body_ceiling(const struct web_config *cfg)
{
  long m = cfg->max_upload > cfg->max_body ? cfg->max_upload : cfg->max_body;
  return m > LONG_MAX / 2 ? LONG_MAX : 2 * m;
}

static int thread_init(struct web_thread *t, const struct web_config *cfg, long threads,
                       int stop_fd, struct err *err)
{
  t->cfg = cfg;
  int rc = store_open_ready(&t->st, cfg->db_path, err);
  long cache_mib = CACHE_MIB_TOTAL / threads;
  if (!rc)
    rc = store_bulk_cache(t->st, cache_mib > CACHE_MIB_MIN ? cache_mib : CACHE_MIB_MIN, err);
  if (rc)
    return rc;
  t->base = event_base_new();
  t->http = t->base ? evhttp_new(t->base) : NULL;
  t->stop_ev =
      t->base ? event_new(t->base, stop_fd, EV_READ | EV_PERSIST, stop_requested, t) : NULL;
  t->drain_ev = t->base ? event_new(t->base, -1, EV_PERSIST, drain_check, t) : NULL;
  if (!t->http || !t->stop_ev || !t->drain_ev || event_add(t->stop_ev, NULL))
    return err_set(err, ERR_INTERNAL, "libevent: không khởi tạo được máy chủ");
  evhttp_set_max_headers_size(t->http, cfg->max_header);
  evhttp_set_max_body_size(t->http, body_ceiling(cfg));
  evhttp_set_timeout(t->http, cfg->timeout_s);
  /* every method reaches dispatch(), which answers 405 itself with Allow */
  evhttp_set_allowed_methods(t->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_HEAD |
                                          EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS |
                                          EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT | EVHTTP_REQ_PATCH);
  evhttp_set_default_content_type(t->http, "text/plain; charset=utf-8");
  evhttp_set_gencb(t->http, dispatch, t);
  return ERR_OK;
}

/* Split "HOST:PORT" ("[::1]:8080" for IPv6) into host[] and *port. */
static int parse_listen(char *host, size_t n, unsigned short *port, const char *listen,
                        struct err *err)
{
  const char *colon = listen ? strrchr(listen, ':') : NULL;
  char *end = NULL;
  long p = colon ? strtol(colon + 1, &end, 10) : -1;
  if (!colon || colon == listen || !end || *end || end == colon + 1 || p < 0 || p > 65535)
    return err_set(err, ERR_INPUT, "địa chỉ lắng nghe \"%s\" không hợp lệ (cần HOST:PORT)",
                   listen ? listen : "");
  const char *h = listen;
  size_t len = (size_t)(colon - listen);
  if (h[0] == '[' && len >= 2 && h[len - 1] == ']') {
    h++;
    len -= 2;
  }
  if (len == 0 || len >= n)
    return err_set(err, ERR_INPUT, "địa chỉ lắng nghe \"%s\" không hợp lệ", listen);
  memcpy(host, h, len);
  host[len] = '\0';
  *port = (unsigned short)p;
  return ERR_OK;
}

/* The address fd is bound to, as "HOST:PORT", into out. */
static void bound_address(char *out, size_t n, evutil_socket_t fd)
{
  struct sockaddr_storage ss;
  socklen_t sl = sizeof ss;
  char host[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
    if (ss.ss_family == AF_INET6) {
      struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
      inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
      port = ntohs(a->sin6_port);
      snprintf(out, n, "[%s]:%u", host, port);
      return;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
    port = ntohs(a->sin_port);
  }
  snprintf(out, n, "%s:%u", host, port);
}

int web_serve(const struct web_config *cfg, struct err *err)
{
  char host[256];
  unsigned short port = 0;
  int rc = parse_listen(host, sizeof host, &port, cfg->listen, err);
  if (rc)
    return rc;
  long n = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  if (n > THREADS_MAX)
    n = THREADS_MAX;

  /* the signals are taken by sigwait below, never by a handler */
  sigset_t sigs, old;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, &old);
  signal(SIGPIPE, SIG_IGN);

  struct web_thread *t = calloc((size_t)n, sizeof *t);
  int stop[2] = {-1, -1};
  long started = 0;
  if (!t) {
    rc = err_nomem(err);
    goto out;
  }
  if (pipe(stop) || fcntl(stop[0], F_SETFD, FD_CLOEXEC) || fcntl(stop[1], F_SETFD, FD_CLOEXEC)) {
    rc = err_set(err, ERR_IO, "không tạo được ống báo dừng: %s", strerror(errno));
    goto out;
  }
  for (long i = 0; i < n; i++)
    if ((rc = thread_init(&t[i], cfg, n, stop[0], err)))
      goto out;
  t[0].checkpoint_ev = event_new(t[0].base, -1, EV_PERSIST, checkpoint_tick, &t[0]);
  struct timeval every = {cfg->checkpoint_s > 0 ? cfg->checkpoint_s : 300, 0};
  if (!t[0].checkpoint_ev || event_add(t[0].checkpoint_ev, &every)) {
    rc = err_set(err, ERR_INTERNAL, "libevent: không đặt được lịch ghi mốc kiểm tra");
    goto out;
  }
  t[0].sock = evhttp_bind_socket_with_handle(t[0].http, host, port);
  if (!t[0].sock) {
    rc = err_set(err, ERR_IO, "không lắng nghe được trên %s: %s", cfg->listen, strerror(errno));
    goto out;
  }
  evutil_socket_t fd = evhttp_bound_socket_get_fd(t[0].sock);
  for (long i = 1; i < n; i++) {
    int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    t[i].sock = dup_fd < 0 ? NULL : evhttp_accept_socket_with_handle(t[i].http, dup_fd);
    if (!t[i].sock) {
      if (dup_fd >= 0)
        close(dup_fd);
      rc = err_set(err, ERR_IO, "không chia sẻ được cổng lắng nghe: %s", strerror(errno));
      goto out;
    }
  }
  char addr[300];
  bound_address(addr, sizeof addr, fd);
  fprintf(cfg->log, "pcmt serve: listening on http://%s (%ld threads)\n", addr, n);
  fflush(cfg->log);

  for (; started < n; started++)
    if (pthread_create(&t[started].tid, NULL, thread_run, &t[started])) {
      rc = err_set(err, ERR_INTERNAL, "không tạo được luồng phục vụ");
      break;
    }
  if (!rc) {
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(cfg->log, "pcmt serve: %s received, finishing the requests in progress\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
  }
  if (write(stop[1], "x", 1) != 1)
    rc = rc ? rc : err_set(err, ERR_IO, "không báo dừng được các luồng");
  for (long i = 0; i < started; i++)
    pthread_join(t[i].tid, NULL);
  if (started)
    checkpoint(&t[0]); /* the last rows of this run, signed before the database closes */
  if (!rc)
    fprintf(cfg->log, "pcmt serve: stopped\n");
out:
  for (long i = 0; t && i < n; i++)
    thread_free(&t[i]);
  free(t);
  if (stop[0] >= 0)
    close(stop[0]);
  if (stop[1] >= 0)
    close(stop[1]);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}
