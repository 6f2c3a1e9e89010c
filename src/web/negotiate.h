/* negotiate.h: what a response may be, from the request's headers.
 *
 * The decisions the server makes per request, kept apart from libevent so
 * they can be tested on their own: whether the client takes gzip
 * (Accept-Encoding, RFC 9110 §12.5.3), whether a body is worth compressing,
 * and whether the client's cached copy is current (If-None-Match, §13.1.2).
 * Header values are as the client sent them; NULL means absent. */
#ifndef PCMT_WEB_NEGOTIATE_H
#define PCMT_WEB_NEGOTIATE_H

#include <stddef.h>

/* Bodies smaller than this are sent as they are: gzip's header and the
 * CPU would cost more than the bytes saved. */
#define NEGOTIATE_GZIP_MIN 512

/* 1 when Accept-Encoding allows gzip: "gzip" or "x-gzip" or "*" listed
 * with a q-value above 0 (and gzip not refused by its own "gzip;q=0"). */
int negotiate_accepts_gzip(const char *accept_encoding);

/* 1 when a body of `len` bytes and this Content-Type should go out
 * gzipped to a client whose Accept-Encoding is given: HTML or JSON,
 * at least NEGOTIATE_GZIP_MIN bytes, and the client accepts gzip. */
int negotiate_gzip(const char *content_type, size_t len, const char *accept_encoding);

/* 1 when If-None-Match names `etag` (a quoted strong tag, "\"abc\"") or is
 * "*": the answer is 304 Not Modified. Comparison is weak, as the RFC asks
 * for If-None-Match: W/"abc" matches "abc". */
int negotiate_not_modified(const char *if_none_match, const char *etag);

#endif
