/* gzip.c: one-shot gzip compression of a response body with zlib. */
#include "web/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

int gzip_compress(struct buf *out, const void *data, size_t n, struct err *err)
{
  if (n > (size_t)UINT32_MAX / 2)
    return err_set(err, ERR_NOMEM, "nội dung quá lớn để nén");
  z_stream z = {0};
  /* 15 + 16: a gzip header and trailer; level 6 is zlib's default balance */
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return err_set(err, ERR_INTERNAL, "zlib: không khởi tạo được nén gzip");
  uLong bound = deflateBound(&z, (uLong)n);
  unsigned char *tmp = malloc(bound);
  if (!tmp) {
    deflateEnd(&z);
    return err_nomem(err);
  }
  z.next_in = (Bytef *)(uintptr_t)data; /* zlib's API is not const-clean */
  z.avail_in = (uInt)n;
  z.next_out = tmp;
  z.avail_out = (uInt)bound;
  int zr = deflate(&z, Z_FINISH);
  size_t written = bound - z.avail_out;
  deflateEnd(&z);
  int rc = ERR_OK;
  if (zr != Z_STREAM_END)
    rc = err_set(err, ERR_INTERNAL, "zlib: nén gzip không xong");
  else if (buf_add(out, tmp, written))
    rc = err_nomem(err);
  free(tmp);
  return rc;
}
