/* spool.h: rows of text cells held in a nameless temporary file, to be handed on later.
 *
 * An export of personal data must commit its audit row before any row
 * leaves, and the audit row says how many rows left: the rows are read
 * first, wait here, and are handed on once the audit row is committed. They
 * wait on disk, not in memory (a national register is hundreds of
 * megabytes), in a file created owner-only in $TMPDIR (else /tmp) and
 * unlinked at once, so no other process can open it and nothing is left
 * behind when the program dies. */
#ifndef PCMT_BASE_SPOOL_H
#define PCMT_BASE_SPOOL_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

struct spool {
  FILE *f;       /* the nameless file; NULL when not open */
  size_t n_cols; /* cells in every row */
  long rows;     /* rows added */
};

/* Open an empty spool of rows of n_cols cells. ERR_IO when no temporary
 * file can be made. On success the caller owns *out (spool_close). */
int spool_open(struct spool *out, size_t n_cols, struct err *err);
/* Add one row of s->n_cols cells (NULL cells are empty). ERR_IO when the
 * file cannot be written (a full disk). */
int spool_add(struct spool *s, const char *const *cells, struct err *err);
/* Call fn once per row added, in order, with cells valid during the call.
 * Stops at fn's first nonzero value and returns it (err as fn set it);
 * ERR_IO / ERR_NOMEM when the file cannot be read back. */
int spool_replay(struct spool *s, int (*fn)(void *ctx, const char *const *cells, struct err *err),
                 void *ctx, struct err *err);
/* Close and forget the rows. Accepts NULL and a spool that is not open. */
void spool_close(struct spool *s);

#endif
