/* app_audit.h: reading and checking the audit trail (`pcmt audit`).
 *
 * Who may: the trail is read by administrators only (domain.md §6: the
 * logs of processing are the controller's; docs/audit.md). Verifying the
 * chain reads hashes and row ids, no row's content, so any administrator
 * may verify it. Reading the rows is for a NATIONAL administrator: the
 * trail is one chain for the whole database, and its rows name the users
 * and records of every territory, so an administrator of a province or a
 * commune gets ERR_DENIED (a trail filtered by territory is not built).
 * Officers, member agencies and leaders get ERR_DENIED for both. Reading
 * the trail is not itself audited: its rows hold no personal data beyond
 * record ids, and a read that appended a row would change what the next
 * verify reports. */
#ifndef PCMT_APP_APP_AUDIT_H
#define PCMT_APP_APP_AUDIT_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/audit.h"
#include "domain/audit_checkpoint.h"
#include "types/audit.h"
#include "types/scope.h"

struct store;

/* A head kept outside the database: "ID:HASH" as verify prints it. */
struct app_audit_head {
  long id;                   /* 0: none */
  char hash[AUDIT_HASH_HEX]; /* 64 lower-case hex digits */
};

/* Read "ID:HASH" (ID a natural number, HASH 64 hex digits, either case)
 * into *out. ERR_INPUT with a message naming the text otherwise. */
int app_audit_head_parse(struct app_audit_head *out, const char *text, struct err *err);

/* Walk the chain from row 1 (domain/audit.h) and, when head is not NULL
 * and head->id > 0, check that the kept head is still in it. ERR_OK when
 * the walk ran: out->first_bad is 0 when the chain holds, else the first
 * broken row with out->reason. ERR_DENIED unless the caller is an
 * administrator. */
int app_audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *caller,
                     const struct app_audit_head *head, struct err *err);

/* Sign the chain's head into FILE.checkpoints when it moved since the last
 * checkpoint (domain/audit_checkpoint.h); *written 1 when a line was added.
 * Not a person's action: no caller, no audit row (a row would move the head
 * again). Run by the CLI after every command that opened the database and
 * by the server on its timer and at shutdown. */
int app_audit_checkpoint(int *written, struct store *st, struct err *err);

/* The heads of both chains as committed. */
struct app_audit_heads {
  long id;                    /* the changes' last row (0 when empty) */
  char hash[AUDIT_HASH_HEX];  /* its hash */
  long rid;                   /* the reads' last row (FILE.reads; 0 when empty) */
  char rhash[AUDIT_HASH_HEX]; /* its hash */
};

/* The heads into *out. The CLI compares them before and after a command to
 * know whether the command wrote audit rows. */
int app_audit_heads(struct app_audit_heads *out, struct store *st, struct err *err);
/* 1 when a and b name different heads. */
int app_audit_heads_moved(const struct app_audit_heads *a, const struct app_audit_heads *b);

/* Which rows to read. */
struct app_audit_query {
  long person_id; /* > 0: the rows about this person's record; 0: the newest rows */
  size_t limit;   /* how many of the newest rows; 0: 100 */
};

/* The rows the query names into *out, oldest first (caller
 * audit_list_frees; empty on failure). ERR_DENIED unless the caller is a
 * national administrator. */
int app_audit_log(struct audit_list *out, struct store *st, const struct scope *caller,
                  const struct app_audit_query *q, struct err *err);

/* The audit page's filters (all optional) and page. Dates are calendar
 * days in Vietnam time (UTC+7, no daylight saving), as an officer reads
 * them; the trail stores UTC. */
struct app_audit_filter {
  const char *actor;  /* a login; NULL or "": any */
  const char *action; /* an action's code or label (LABEL_AUDIT_ACTION); NULL or "": any */
  long person_id;     /* > 0: the rows about this person's record */
  struct date from;   /* y == 0: no lower bound; else from this day on */
  struct date to;     /* y == 0: no upper bound; else up to this day, inclusive */
  size_t offset;      /* rows skipped, counting from the newest */
  size_t limit;       /* rows of the page; 0: 50 */
};

/* The rows the filter names, NEWEST first, one page of them, into *out
 * (caller audit_list_frees); *more 1 when rows follow the page. ERR_INPUT
 * for an unknown action or a range that ends before it starts; ERR_DENIED
 * as app_audit_log. */
int app_audit_find(struct audit_list *out, int *more, struct store *st, const struct scope *caller,
                   const struct app_audit_filter *f, struct err *err);

/* What the audit page shows: the chain's verdict and a page of rows. */
struct app_audit_review {
  struct audit_verify_result verify; /* audit_verify_recent: from the newest checkpoint */
  struct audit_list rows;            /* app_audit_find's page (audit_list_free) */
  int more;                          /* rows follow the page */
  int rows_denied;                   /* 1: the caller may verify, not read rows */
  char rows_why[ERR_MSG_MAX];        /* then why, for a person */
};

/* Verify the chain from its newest signed checkpoint to the tip, and the
 * person rows (audit_verify_recent: the rows before the checkpoint were
 * verified when it was signed; app_audit_verify walks them all), then read
 * the filter's page (app_audit_find); an
 * administrator who may verify but not read the rows (not national) gets
 * the verdict with rows_denied set. Errors as app_audit_find. */
int app_audit_review(struct app_audit_review *out, struct store *st, const struct scope *caller,
                     const struct app_audit_filter *f, struct err *err);

#endif
