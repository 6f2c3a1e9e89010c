/* gzip.h: compressing a response body (zlib, gzip format, RFC 1952). */
#ifndef PCMT_WEB_GZIP_H
#define PCMT_WEB_GZIP_H

#include "base/buf.h"
#include "base/err.h"

/* Append the gzip form of data[0..n) to *out. ERR_NOMEM when memory or
 * out's cap runs out; ERR_INTERNAL when zlib fails. */
int gzip_compress(struct buf *out, const void *data, size_t n, struct err *err);

#endif
