/* spool.c: rows held in a nameless temporary file (see spool.h).
 *
 * Each cell is written as its length (4 bytes, native order: the file never
 * leaves this process) and its bytes; a row is n_cols cells. */
#include "base/spool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

int spool_open(struct spool *out, size_t n_cols, struct err *err)
{
  memset(out, 0, sizeof *out);
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir)
    dir = "/tmp";
  struct buf path;
  buf_init(&path, 0);
  if (buf_addf(&path, "%s/pcmt-spool-XXXXXX", dir))
    return err_nomem(err);
  char *name = buf_detach(&path);
  if (!name)
    return err_nomem(err);
  int fd = mkstemp(name); /* mode 0600 */
  if (fd >= 0)
    unlink(name);
  free(name);
  if (fd < 0)
    return err_set(err, ERR_IO, "không tạo được tệp tạm trong \"%s\"", dir);
  out->f = fdopen(fd, "w+b");
  if (!out->f) {
    close(fd);
    return err_set(err, ERR_IO, "không tạo được tệp tạm trong \"%s\"", dir);
  }
  out->n_cols = n_cols;
  return ERR_OK;
}

int spool_add(struct spool *s, const char *const *cells, struct err *err)
{
  for (size_t i = 0; i < s->n_cols; i++) {
    const char *c = cells[i] ? cells[i] : "";
    size_t n = strlen(c);
    uint32_t len = (uint32_t)n;
    if (n > UINT32_MAX || fwrite(&len, sizeof len, 1, s->f) != 1 ||
        (n && fwrite(c, 1, n, s->f) != n))
      return err_set(err, ERR_IO, "ghi tệp tạm thất bại (đĩa đầy?)");
  }
  s->rows++;
  return ERR_OK;
}

int spool_replay(struct spool *s, int (*fn)(void *ctx, const char *const *cells, struct err *err),
                 void *ctx, struct err *err)
{
  if (fflush(s->f) || fseek(s->f, 0, SEEK_SET))
    return err_set(err, ERR_IO, "đọc lại tệp tạm thất bại");
  size_t *offs = calloc(s->n_cols ? s->n_cols : 1, sizeof *offs);
  const char **cells = calloc(s->n_cols ? s->n_cols : 1, sizeof *cells);
  struct buf row;
  buf_init(&row, 0);
  int rc = offs && cells ? ERR_OK : err_nomem(err);
  for (long r = 0; !rc && r < s->rows; r++) {
    buf_reset(&row);
    for (size_t i = 0; !rc && i < s->n_cols; i++) {
      uint32_t len;
      char chunk[4096];
      if (fread(&len, sizeof len, 1, s->f) != 1) {
        rc = err_set(err, ERR_IO, "đọc lại tệp tạm thất bại");
        break;
      }
      offs[i] = row.len;
      for (size_t left = len; !rc && left;) {
        size_t k = left < sizeof chunk ? left : sizeof chunk;
        if (fread(chunk, 1, k, s->f) != k)
          rc = err_set(err, ERR_IO, "đọc lại tệp tạm thất bại");
        else if (buf_add(&row, chunk, k))
          rc = err_nomem(err);
        left -= k;
      }
      if (!rc && buf_addc(&row, '\0'))
        rc = err_nomem(err);
    }
    if (rc)
      break;
    for (size_t i = 0; i < s->n_cols; i++)
      cells[i] = row.data + offs[i];
    rc = fn(ctx, cells, err);
  }
  buf_free(&row);
  free(offs);
  free(cells);
  return rc;
}

void spool_close(struct spool *s)
{
  if (!s || !s->f)
    return;
  fclose(s->f);
  memset(s, 0, sizeof *s);
}
