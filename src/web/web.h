/* web.h: the PCMT web server (`pcmt serve`).
 *
 * HTTP/1.1 through libevent's evhttp: one event loop per thread, all
 * threads accepting on one listening socket, each with its own database
 * connection (the store's one-writer rule serialises writes). A request is
 * matched against the route table (routes.c), its handler parses it, calls
 * one operation of src/app and renders the answer (page_*.c, api_*.c);
 * everything the request allocates comes from an arena freed when the
 * answer has been handed to the connection. docs/web.md describes running
 * it, its limits and its headers. */
#ifndef PCMT_WEB_WEB_H
#define PCMT_WEB_WEB_H

#include <stdio.h>

#include "app/app_session.h"
#include "base/err.h"

struct web_config {
  const char *db_path;               /* the database, which must be initialised */
  const char *listen;                /* "HOST:PORT"; port 0 takes a free port */
  int threads;                       /* event loops; 0 = the number of cores */
  long max_header;                   /* bytes of request line and headers */
  long max_body;                     /* bytes of a form's or a JSON request's body */
  long max_upload;                   /* bytes of an uploaded file's body (route.upload) */
  int timeout_s;                     /* a slow client's read or write, and keep-alive idle */
  int drain_s;                       /* at shutdown, how long in-flight answers may take */
  int insecure_cookies;              /* cookies without Secure, for plain-HTTP loopback */
  int checkpoint_s;                  /* seconds between checkpoints of the audit head */
  struct app_session_limits session; /* timeouts and the sign-in rate limit */
  FILE *log;                         /* access log and notices (stderr) */
};

/* The defaults: 127.0.0.1:8080, one thread per core, 16 KiB of headers,
 * 1 MiB of form or JSON body, 16 MiB of uploaded file, 30 s timeout, 10 s drain, secure cookies, a
 * checkpoint of the audit chain's head every 300 s (when it moved), the session limits of
 * app_session_limits_default. */
void web_config_default(struct web_config *out);

/* Serve until SIGTERM or SIGINT, then stop accepting, let in-flight answers
 * finish (at most drain_s) and close the databases. Writes one notice
 * "pcmt serve: listening on http://HOST:PORT" to cfg->log once the socket
 * is bound. ERR_IO when the address cannot be bound, ERR_INPUT for a bad
 * address, the store's error when the database cannot be opened. */
int web_serve(const struct web_config *cfg, struct err *err);

#endif
