/* audit.h: the tamper-evident audit trail of personal-data processing.
 *
 * Each row says who (user, role, territory), when (UTC), why (purpose), what
 * (action) and on which record. Rows are appended, never changed, and each is
 * chained to the one before it:
 *
 *     hash(n) = BLAKE2b-256( netstring(prev_hash) || netstring(id) ||
 *                            netstring(at) || ... || netstring(detail) )
 *
 * where prev_hash is hash(n-1) in hex (64 zeros for row 1) and a netstring
 * is "<length>:<bytes>," so no two field lists give the same input. Changing
 * any field of a row breaks its own hash; deleting a row breaks the next
 * row's link; audit_verify finds the first such row. Truncating the newest
 * rows or rewriting the whole chain is not detectable from the database
 * alone: keep the head (verify prints it as ID:HASH) outside it and check it
 * with audit_verify_head. See docs/audit.md.
 *
 * audit_record must run inside the write transaction of the change it
 * records (store_write_begin/commit), so the change and its row commit or
 * roll back together and the chain has one writer at a time. */
#ifndef PCMT_DOMAIN_AUDIT_H
#define PCMT_DOMAIN_AUDIT_H

#include <stddef.h>

#include "base/err.h"
#include "types/audit.h"
#include "types/scope.h"

struct store;

/* Append one row for the caller `sc`, chained to the last row. Must run
 * inside the caller's write transaction. Long fields are cut on a UTF-8
 * boundary. */
int audit_record(struct store *st, const struct scope *sc, const char *action,
                 const char *record_type, long record_id, const char *detail, struct err *err);

/* Compute e->hash from e->prev_hash and the other fields (hex into e->hash). */
int audit_hash(struct audit_entry *e, struct err *err);

struct audit_verify_result {
  long rows;                 /* rows checked */
  long first_bad;            /* id of the first broken row, 0 when the chain holds */
  char reason[160];          /* why it is broken, Vietnamese */
  char head[AUDIT_HASH_HEX]; /* hash of the last row checked ("" when empty) */
  long head_id;              /* id of that row (0 when empty) */
};

/* Walk the chain from row 1 and report the first row whose hash, link or
 * position is wrong. Returns ERR_OK when the walk ran (check first_bad);
 * the caller (admin role only, else ERR_DENIED) need not be in a transaction. */
int audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                 struct err *err);

/* audit_verify, and also check that row `head_id` is still in the chain
 * with hash `head_hash`: the head an administrator wrote down earlier
 * (printed by verify as "ID:HASH"). This catches what the chain alone
 * cannot: the newest rows deleted, down to that head. */
int audit_verify_head(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                      long head_id, const char *head_hash, struct err *err);

/* The newest `limit` rows (0 = 100), or those about one record when
 * record_type is non-NULL, oldest first. Admin role only (ERR_DENIED). */
int audit_log(struct audit_list *out, struct store *st, const struct scope *sc,
              const char *record_type, long record_id, size_t limit, struct err *err);

#endif
