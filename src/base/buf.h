/* buf.h: one growable byte string with a size cap (curl's dynbuf, git's strbuf).
 *
 * The contents are always NUL-terminated once anything was added. Every add
 * returns ERR_OK, or ERR_NOMEM when memory or the cap runs out; after a failed
 * add the buffer is freed and further adds fail, so a caller may check once at
 * the end (buf_failed). */
#ifndef PCMT_BASE_BUF_H
#define PCMT_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
  char *data; /* NUL-terminated contents, or NULL while empty */
  size_t len; /* bytes used, without the NUL */
  size_t cap; /* bytes allocated */
  size_t max; /* largest len allowed */
  int failed; /* set once an add failed */
};

#define BUF_MAX_DEFAULT ((size_t)256 * 1024 * 1024)

/* Start empty with a cap of `max` bytes (0 means BUF_MAX_DEFAULT). */
void buf_init(struct buf *b, size_t max);
/* Free the contents; the buffer may be reused after buf_init. Accepts NULL. */
void buf_free(struct buf *b);
/* Empty the buffer but keep its memory and clear a failure. */
void buf_reset(struct buf *b);

int buf_add(struct buf *b, const void *data, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The contents as a string: "" when empty. Borrowed; valid until the next add. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (free() them) and leave the buffer empty.
 * Returns a malloc'd "" when empty, NULL only when out of memory or failed. */
char *buf_detach(struct buf *b);
/* Nonzero when an add has failed since init/reset. */
int buf_failed(const struct buf *b);

struct err;
/* Append the whole file `path` (bytes as they are). ERR_IO when it cannot be
 * opened or read, ERR_INPUT when it is larger than the buffer's cap (the
 * message gives the cap in MB), ERR_NOMEM; on an error the buffer is freed. */
int buf_read_file(struct buf *b, const char *path, struct err *err);
/* Write the contents to `path` whole or not at all: into a temporary file
 * beside it (mode 0600, made by mkstemp), flushed to disk, then renamed
 * over `path`; on any failure the temporary file is removed and `path` is
 * left as it was. ERR_IO with the file's name. */
int buf_write_file(const struct buf *b, const char *path, struct err *err);

#endif
