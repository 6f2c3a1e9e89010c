/* store_checkpoint.h: the append-only file of signed checkpoints, FILE.checkpoints.
 *
 * One line per checkpoint of the audit chain's head; what a line holds and
 * how it is signed is domain/audit_checkpoint.h. This file only appends a
 * line (owner-only, O_APPEND so concurrent writers never interleave, synced
 * before it returns) and reads the file back. */
#ifndef PCMT_STORE_STORE_CHECKPOINT_H
#define PCMT_STORE_STORE_CHECKPOINT_H

#include <stddef.h>

#include "base/err.h"

struct store;

/* Append `line` (which ends with '\n') to the checkpoint file, creating it
 * 0600 when missing. */
int store_checkpoint_append(struct store *st, const char *line, struct err *err);

/* The whole checkpoint file into *out (malloc'd, NUL-terminated; caller
 * frees), or only its last `tail` bytes when tail > 0. A missing file is
 * empty text and *exists 0. */
int store_checkpoint_read(char **out, int *exists, struct store *st, size_t tail, struct err *err);

#endif
