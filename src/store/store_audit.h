/* store_audit.h: SQL for the audit trail (table audit_log of migration 003).
 *
 * Appends and reads; the one update is store_audit_rekey, run once when
 * the key is created for a database whose chain was unkeyed. The hash
 * chain itself is computed by domain/audit.c; this file stores and returns
 * the rows. */
#ifndef PCMT_STORE_STORE_AUDIT_H
#define PCMT_STORE_STORE_AUDIT_H

#include <stddef.h>

#include "base/err.h"
#include "types/audit.h"

struct store;

/* Every function here works on the chain of the connection it is given:
 * the main database's (the changes) or FILE.reads's (store_reads: the
 * reads); rows read back carry their chain. */

/* Create the reads file's table when missing (store_reads calls it). */
int store_audit_reads_schema(struct store *reads, struct err *err);

/* The last row's id and hash (*id = 0 and hash "" when the trail is empty).
 * `hash` has AUDIT_HASH_HEX bytes. Call inside the write transaction that
 * will append, so no other writer slips in between. */
int store_audit_last(long *id, char *hash, struct store *st, struct err *err);

/* Insert row `e` as given (id, prev_hash and hash already computed). Must run
 * inside a write transaction. ERR_CONFLICT when the id is taken. */
int store_audit_insert(struct store *st, const struct audit_entry *e, struct err *err);

/* Call `fn` on every row in id order until it returns nonzero (that value is
 * returned) or the rows end (ERR_OK). The entry passed is valid during the call. */
int store_audit_scan(struct store *st, int (*fn)(void *ctx, const struct audit_entry *e), void *ctx,
                     struct err *err);

/* store_audit_scan over the rows whose id is at least `from_id` only: the
 * walk from a signed checkpoint to the tip (one statement, one snapshot). */
int store_audit_scan_from(struct store *st, long from_id,
                          int (*fn)(void *ctx, const struct audit_entry *e), void *ctx,
                          struct err *err);

/* Replace row `id`'s prev_hash and hash (re-keying the chain, audit_rekey).
 * Inside a write transaction. */
int store_audit_rekey(struct store *st, long id, const char *prev_hash, const char *hash,
                      struct err *err);

/* The newest `limit` rows, or those whose record_type/record_id match when
 * record_type is non-NULL, oldest first, into *out (caller frees). */
int store_audit_list(struct audit_list *out, struct store *st, const char *record_type,
                     long record_id, size_t limit, struct err *err);

/* Which rows store_audit_find reads; NULL or 0 fields do not filter. */
struct audit_filter {
  const char *actor;       /* the user's login */
  const char *action;      /* "user.create" */
  const char *record_type; /* with record_id: the rows about one record */
  long record_id;
  const char *at_from; /* rows at or after this UTC time ("YYYY-MM-DDTHH:MM:SSZ") */
  const char *at_to;   /* rows before this UTC time */
  size_t offset;       /* rows skipped, counting from the newest */
  size_t limit;        /* rows read at most (0: none) */
};

/* The rows f names, newest first from f->offset, at most f->limit of them,
 * into *out in that order (caller frees). */
int store_audit_find(struct audit_list *out, struct store *st, const struct audit_filter *f,
                     struct err *err);

#endif
