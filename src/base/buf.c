/* buf.c: growable, capped byte string. */
#include "base/buf.h"
#include "base/err.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void buf_init(struct buf *b, size_t max)
{
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->max = max ? max : BUF_MAX_DEFAULT;
  b->failed = 0;
}

void buf_free(struct buf *b)
{
  if (!b)
    return;
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
  b->len = 0;
  b->failed = 0;
  if (b->data)
    b->data[0] = '\0';
}

static int fail(struct buf *b)
{
  buf_free(b);
  b->failed = 1;
  return ERR_NOMEM;
}

/* Make room for n more bytes plus the NUL. */
static int grow(struct buf *b, size_t n)
{
  if (b->failed)
    return ERR_NOMEM;
  if (n > b->max || b->len > b->max - n)
    return fail(b);
  size_t need = b->len + n + 1;
  if (need <= b->cap)
    return ERR_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p)
    return fail(b);
  b->data = p;
  b->cap = cap;
  return ERR_OK;
}

int buf_add(struct buf *b, const void *data, size_t n)
{
  if (grow(b, n))
    return ERR_NOMEM;
  if (n)
    memcpy(b->data + b->len, data, n);
  b->len += n;
  b->data[b->len] = '\0';
  return ERR_OK;
}

int buf_adds(struct buf *b, const char *s)
{
  return buf_add(b, s, strlen(s));
}

int buf_addc(struct buf *b, char c)
{
  return buf_add(b, &c, 1);
}

int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    return fail(b);
  if (grow(b, (size_t)n))
    return ERR_NOMEM;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return ERR_OK;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int rc = buf_vaddf(b, fmt, ap);
  va_end(ap);
  return rc;
}

const char *buf_str(const struct buf *b)
{
  return b->data ? b->data : "";
}

char *buf_detach(struct buf *b)
{
  if (b->failed)
    return NULL;
  char *p = b->data ? b->data : strdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

int buf_failed(const struct buf *b)
{
  return b->failed;
}

int buf_read_file(struct buf *b, const char *path, struct err *err)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    buf_free(b);
    return err_set(err, ERR_IO, "không mở được tệp \"%s\"", path);
  }
  char chunk[65536];
  size_t n, total = b->len;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    total += n;
    if (buf_add(b, chunk, n))
      break;
  }
  int bad = ferror(f);
  fclose(f);
  if (!bad && !buf_failed(b))
    return ERR_OK;
  buf_free(b);
  if (bad)
    return err_set(err, ERR_IO, "không đọc được tệp \"%s\"", path);
  if (total > b->max)
    return err_set(err, ERR_INPUT, "tệp \"%s\" quá lớn (giới hạn %zu MB)", path, b->max >> 20);
  return err_nomem(err);
}

int buf_write_file(const struct buf *b, const char *path, struct err *err)
{
  size_t n = strlen(path) + 8;
  char *tmp = malloc(n);
  if (!tmp)
    return err_nomem(err);
  snprintf(tmp, n, "%s.XXXXXX", path);
  int fd = mkstemp(tmp); /* O_EXCL, mode 0600 */
  if (fd < 0) {
    free(tmp);
    return err_set(err, ERR_IO, "không tạo được tệp \"%s\"", path);
  }
  int bad = 0;
  for (size_t off = 0; !bad && off < b->len;) {
    ssize_t w = write(fd, b->data + off, b->len - off);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      bad = 1;
    else
      off += (size_t)w;
  }
  if (fsync(fd) != 0)
    bad = 1;
  if (close(fd) != 0)
    bad = 1;
  if (!bad && rename(tmp, path) != 0)
    bad = 1;
  if (bad)
    unlink(tmp);
  free(tmp);
  return bad ? err_set(err, ERR_IO, "không ghi được tệp \"%s\"", path) : ERR_OK;
}
