/* types/audit.h: one row of the audit trail as stored and read back.
 *
 * The trail itself — appending, the hash chain, verifying — is
 * domain/audit.h; the store keeps and returns these rows. */
#ifndef PCMT_TYPES_AUDIT_H
#define PCMT_TYPES_AUDIT_H

#include <stddef.h>

#include "types/scope.h"

#define AUDIT_HASH_HEX 65 /* 64 hex digits + NUL */

/* The two chains (docs/audit.md): the changes, in the database with the
 * data they change, and the reads, in FILE.reads (store_reads). */
enum audit_chain {
  AUDIT_CHAIN_CHANGES = 0, /* audit_log of the database */
  AUDIT_CHAIN_READS = 1    /* audit_log of FILE.reads */
};

struct audit_entry {
  enum audit_chain chain;     /* which chain the row belongs to (part of its hash) */
  long id;                    /* position in its chain, 1-based */
  char at[24];                /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
  char actor[SCOPE_USER_MAX]; /* user */
  char role[16];              /* role name */
  char scope[32];             /* "national" or "tree:code" */
  char purpose[SCOPE_PURPOSE_MAX];
  char action[32];                /* "person.read", "person.create", ... */
  char record_type[16];           /* "person" */
  long record_id;                 /* 0 when no single record */
  char detail[256];               /* short description, no personal data beyond ids */
  char prev_hash[AUDIT_HASH_HEX]; /* previous row's hash */
  char hash[AUDIT_HASH_HEX];      /* this row's hash */
  int overlong; /* read back: a field is longer than audit_record writes it, or holds a NUL,
                   so the row is not as written (its copy above is cut) */
};

struct audit_list {
  struct audit_entry *items; /* malloc'd; audit_list_free */
  size_t n;
};
void audit_list_free(struct audit_list *l); /* accepts NULL */

#endif
