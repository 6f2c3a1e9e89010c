/* audit.h: the tamper-evident audit trail of personal-data processing.
 *
 * Each row says who (user, role, territory), when (UTC), why (purpose), what
 * (action) and on which record. Rows are appended, never changed, and each is
 * chained to the one before it with a keyed hash:
 *
 *     hash(n) = BLAKE2b-256_key( netstring(prev_hash) || netstring(id) ||
 *                                netstring(at) || ... || netstring(detail) )
 *
 * where key is the secret of FILE.key beside the database (store/
 * store_key.h), prev_hash is hash(n-1) in hex (64 zeros for row 1) and a
 * netstring is "<length>:<bytes>," so no two field lists give the same
 * input. Changing any field of a row breaks its own hash, and without the
 * key nobody can compute a matching one; deleting a row breaks the next
 * row's link; audit_verify finds the first such row. Truncating the newest
 * rows is caught by the signed checkpoints of the head
 * (domain/audit_checkpoint.h), and the person rows are checked against
 * their keyed digests (store/store_person_digest.h). See docs/audit.md.
 *
 * audit_record must run inside the write transaction of the change it
 * records (store_write_begin/commit), so the change and its row commit or
 * roll back together and the chain has one writer at a time. */
#ifndef PCMT_DOMAIN_AUDIT_H
#define PCMT_DOMAIN_AUDIT_H

#include <stddef.h>

#include "base/err.h"
#include "store/store_audit.h"
#include "store/store_person_digest.h"
#include "types/audit.h"
#include "types/scope.h"

struct store;

/* Append one row for the caller `sc`, chained to the last row. Must run
 * inside the caller's write transaction. Long fields are cut on a UTF-8
 * boundary. */
int audit_record(struct store *st, const struct scope *sc, const char *action,
                 const char *record_type, long record_id, const char *detail, struct err *err);

/* The same for the audit of a read that changes nothing (person.read, a
 * search): the row goes to the reads' chain in FILE.reads (store_reads), in
 * a transaction of its own on that file, committed when this returns
 * ERR_OK. Call it OUTSIDE any write transaction of st: it never takes the
 * main file's write lock, so it does not wait for a long import. The data
 * it vouches for may leave once it returns. */
int audit_record_read(struct store *st, const struct scope *sc, const char *action,
                      const char *record_type, long record_id, const char *detail, struct err *err);

/* Compute e->hash from e->prev_hash and the other fields (hex into e->hash),
 * keyed with `key` (MAC_KEY_BYTES; NULL: the unkeyed hash of schema 25).
 * A row of the reads' chain hashes netstring("reads") first. */
int audit_hash(struct audit_entry *e, const unsigned char *key, struct err *err);

/* Re-key a chain written without a key (a database older than schema 26):
 * check each row against the unkeyed hash it was written with, then store
 * its keyed hash, from row 1 on. Inside a write transaction, with the key
 * loaded. ERR_CONFLICT, naming the row, when the unkeyed chain is already
 * broken: a broken chain is not blessed with the key. *rows: rows re-keyed. */
int audit_rekey(long *rows, struct store *st, struct err *err);

/* One more chain's verdict: the reads' (FILE.reads). */
struct audit_chain_verdict {
  long rows;                 /* rows checked */
  long first_bad;            /* id of the first broken row, 0 when the chain holds */
  char reason[300];          /* why it is broken, Vietnamese, naming the chain */
  char head[AUDIT_HASH_HEX]; /* hash of the last row checked ("" when empty) */
  long head_id;              /* id of that row (0 when empty) */
  long checkpoint_id;        /* the newest checkpoint's row of this chain, 0 when none */
  long from_id;              /* the walk started at this row; 0: at row 1 */
};

struct audit_verify_result {
  long rows;                 /* rows checked */
  long first_bad;            /* id of the first broken row, 0 when the chain holds */
  char reason[240];          /* why it is broken, Vietnamese */
  char head[AUDIT_HASH_HEX]; /* hash of the last row checked ("" when empty) */
  long head_id;              /* id of that row (0 when empty) */
  long checkpoints;          /* signed checkpoints read from FILE.checkpoints */
  long checkpoint_id;        /* the newest checkpoint's row, 0 when none */
  long from_id;              /* the walk started at this signed checkpoint's row; 0: at row 1 */
  char checkpoint_at[24];    /* when it was signed */
  long forged_line;          /* first line of the checkpoint file whose signature fails, 0: none */
  struct store_person_check people; /* the person rows against their digests */
  struct audit_chain_verdict reads; /* the reads' chain, checked the same way */
};

/* 1 when anything verify checks is broken: the chain, a checkpoint line,
 * a person row or the set of person rows. */
int audit_verify_broken(const struct audit_verify_result *r);

/* Walk the chain from row 1 and report the first row whose hash, link or
 * position is wrong, or that disagrees with a signed checkpoint (its hash
 * differs: the chain was recomputed; the chain ends before it: the tail was
 * cut); check every checkpoint line's signature and every person row's
 * digest and the tally of the rows. Needs the key file. Returns ERR_OK when the walk ran (check
 * first_bad); the caller (admin role only, else ERR_DENIED) need not be in a transaction. */
int audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                 struct err *err);

/* The chain from the newest signed checkpoint to the tip, without a role
 * check and without the person rows: the rows before that checkpoint were
 * verified when it was signed (audit_checkpoint_write verifies before it
 * signs). The checkpoint's row must still be there with the signed hash and
 * its keyed hash must hold; each later row is checked as audit_verify does.
 * With no checkpoint, or when the file's last line is not a valid signed
 * checkpoint, the walk starts at row 1. out->from_id, checkpoint_id and
 * checkpoint_at name the checkpoint started from; out->rows and head_id
 * count from row 1 (the rows before the checkpoint counted as checked). */
int audit_verify_tail(struct audit_verify_result *out, struct store *st, struct err *err);

/* What the audit page shows at each view: audit_verify_tail and the person
 * rows, for an administrator (else ERR_DENIED). When the checkpoint file's
 * last line is forged, the full audit_verify instead (it names the line).
 * The rows before the checkpoint are checked again only by audit_verify. */
int audit_verify_recent(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                        struct err *err);

/* audit_verify, and also check that row `head_id` is still in the chain
 * with hash `head_hash`: the head an administrator wrote down earlier
 * (printed by verify as "ID:HASH"). This catches what the chain alone
 * cannot: the newest rows deleted, down to that head. */
int audit_verify_head(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                      long head_id, const char *head_hash, struct err *err);

/* The newest `limit` rows (0 = 100) of both chains, or those about one
 * record when record_type is non-NULL, oldest first (by time, then the
 * changes before the reads, then id). Admin role only (ERR_DENIED). */
int audit_log(struct audit_list *out, struct store *st, const struct scope *sc,
              const char *record_type, long record_id, size_t limit, struct err *err);

/* The row's number as an officer reads it, into out (n bytes): "N" for a
 * row of the changes' chain, "Đ-N" for one of the reads' (the two chains
 * number their rows each from 1). */
void audit_row_number(char *out, size_t n, const struct audit_entry *e);

/* The rows filter f names in both chains, merged newest first (the order
 * of audit_log, reversed), from f->offset, at most f->limit, into *out
 * (caller frees). No role check: the caller's (app_audit_find). */
int audit_find(struct audit_list *out, struct store *st, const struct audit_filter *f,
               struct err *err);

#endif
