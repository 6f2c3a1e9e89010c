/* audit_checkpoint.h: signed checkpoints of the audit chain's head, kept outside the database.
 *
 * Why: a chain keyed with a secret cannot be rewritten without the key, but
 * its newest rows can still be deleted (the shorter chain holds). A
 * checkpoint is the head (row id and hash) at a moment, signed with the
 * Ed25519 key of FILE.key and appended to FILE.checkpoints (store/
 * store_checkpoint.h); audit_verify checks the chain against every line: a
 * head row missing (the tail was cut) or with another hash (the chain was
 * recomputed) is reported, and so is a line whose signature fails.
 *
 * One line:  ID HASH RID RHASH AT SIGNATURE\n
 *   ID         the changes' head row's id (decimal)
 *   HASH       its hash (64 hex digits)
 *   RID RHASH  the same for the reads' chain (FILE.reads; docs/audit.md)
 *   AT         UTC time "YYYY-MM-DDTHH:MM:SSZ"
 *   SIGNATURE  crypto_sign_detached over
 *              "pcmt-checkpoint-2 ID HASH RID RHASH AT" (128 hex digits)
 * A line of the first form, "ID HASH AT SIGNATURE" signed over
 * "pcmt-checkpoint ID HASH AT", is still read (written before the reads
 * had a chain, and still written while that chain is empty: RID 0).
 *
 * Written when the head moved since the last line: by the server every few
 * minutes and at shutdown, and by the CLI after each command
 * (docs/audit.md). */
#ifndef PCMT_DOMAIN_AUDIT_CHECKPOINT_H
#define PCMT_DOMAIN_AUDIT_CHECKPOINT_H

#include <stddef.h>

#include "base/err.h"
#include "types/audit.h"

struct store;

#define AUDIT_CHECKPOINT_LINE 400 /* a line's room, with its newline and NUL */

struct audit_checkpoint {
  long id;                    /* the changes' head row */
  char hash[AUDIT_HASH_HEX];  /* its hash */
  long rid;                   /* the reads' head row, 0: none (a line of the first form) */
  char rhash[AUDIT_HASH_HEX]; /* its hash ("" when rid is 0) */
  char at[24];                /* when it was signed (UTC) */
};

/* The line for checkpoint `c` signed with secret key `sk` (64 bytes,
 * libsodium's Ed25519 form) into out (AUDIT_CHECKPOINT_LINE bytes). */
int audit_checkpoint_format(char *out, const struct audit_checkpoint *c, const unsigned char *sk,
                            struct err *err);

/* Read one line (without its newline) into *out and check its signature
 * with public key `pk` (32 bytes; NULL: read only, no check). ERR_INPUT
 * when the line is not a checkpoint or its signature fails. */
int audit_checkpoint_parse(struct audit_checkpoint *out, const char *line, const unsigned char *pk,
                           struct err *err);

/* Append a checkpoint of the current heads when either moved since the
 * last line of the file (*written 1), else nothing (*written 0; also when
 * the changes' trail is empty). Reads the head outside any transaction: what is
 * committed. Needs the key when there is a line to sign. Before signing,
 * the rows since the newest signed checkpoint (all of them when there is
 * none) are verified in both chains (audit_verify_tail): a checkpoint vouches that the
 * chain up to it held when it was signed, which lets the audit page check
 * only the rows after it. A broken chain is not signed: ERR_CONFLICT with
 * the first broken row. */
int audit_checkpoint_write(int *written, struct store *st, struct err *err);

struct audit_checkpoints {
  struct audit_checkpoint *items; /* in the file's order; malloc'd */
  size_t n;
  long bad_line; /* the first line that is not a valid signed checkpoint, 0: none */
};
void audit_checkpoints_free(struct audit_checkpoints *c); /* accepts NULL */

/* The file's last line into *out, read from its tail only (the file grows
 * by a line every few minutes for years): *found 0 when the file is
 * missing or empty, *signed 1 when the line's signature holds with the key
 * of FILE.key (a line that is not a checkpoint at all: found 1, signed 0). */
int audit_checkpoint_newest(struct audit_checkpoint *out, int *found, int *is_signed,
                            struct store *st, struct err *err);

/* Every line of the checkpoint file, each checked (a missing file: none). */
int audit_checkpoints_load(struct audit_checkpoints *out, struct store *st, struct err *err);

#endif
