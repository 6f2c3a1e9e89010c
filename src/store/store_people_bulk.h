/* store_people_bulk.h: SQL for loading many people at once (the people CSV import).
 *
 * The import validates rows in memory (domain/person_bulk.c) and writes the
 * new people here in one pass, inside the caller's write transaction, with
 * statements prepared once. Into an empty people register the secondary
 * indexes of person, person_search_key, person_event and the derived
 * person_span and person_flow are dropped first and
 * rebuilt from their own schema text after the load (SQLite DDL is
 * transactional: a kill or a rollback leaves them as they were); search keys
 * go in key order, so the primary-key index is appended, not searched. */
#ifndef PCMT_STORE_STORE_PEOPLE_BULK_H
#define PCMT_STORE_STORE_PEOPLE_BULK_H

#include <stddef.h>

#include "base/err.h"

struct store;
struct store_people_bulk;

/* One person row as the bulk writer takes it (strings borrowed). */
struct store_bulk_person {
  long id; /* explicit id (max + 1, + 2 ... in file order) */
  const char *full_name, *other_names, *name_key;
  const unsigned char *sort_key;
  size_t sort_key_len;
  const char *birth_date, *sex, *ethnicity;
  const char *national_id; /* "" = NULL */
  long unit_id;
  const char *address, *occupation, *occupation_group, *created_at, *created_by;
};

/* One search key of a person. */
struct store_bulk_key {
  const char *key;
  long person_id;
};

/* One event (a first classification) of a new person (strings borrowed). */
struct store_bulk_event {
  long person_id;
  const char *kind, *date, *value, *recorded_at, *recorded_by;
};

/* *n_people = rows of person; *max_id = the largest person id (0 when none). */
int store_people_bulk_state(long *n_people, long *max_id, struct store *st, struct err *err);

/* Start a bulk writer inside the caller's write transaction. `drop_indexes`:
 * drop the secondary indexes of person, person_search_key, person_event,
 * person_span and person_flow (rebuilt by store_people_bulk_end); only for an empty register. *out
 * belongs to the caller (store_people_bulk_end, then _free). */
int store_people_bulk_begin(struct store_people_bulk **out, struct store *st, int drop_indexes,
                            struct err *err);
/* Insert n people (ids given), n search keys, n events, in the order given
 * (event ids follow it). Into an empty register give keys in (key, id) order:
 * the primary-key index is then appended to. A key repeated for one person is
 * kept once. */
int store_people_bulk_persons(struct store_people_bulk *b, const struct store_bulk_person *p,
                              size_t n, struct err *err);
int store_people_bulk_keys(struct store_people_bulk *b, const struct store_bulk_key *k, size_t n,
                           struct err *err);
int store_people_bulk_events(struct store_people_bulk *b, const struct store_bulk_event *e,
                             size_t n, struct err *err);
/* A possible-duplicate pair (a < b), status open; an existing pair is kept. */
int store_people_bulk_duplicate(struct store_people_bulk *b, long a, long id_b, const char *at,
                                struct err *err);
/* Rebuild the indexes dropped by _begin (when it dropped them). Call once,
 * still inside the transaction; then store_people_bulk_free. */
int store_people_bulk_end(struct store_people_bulk *b, struct err *err);
void store_people_bulk_free(struct store_people_bulk *b); /* accepts NULL */

/* Foreign-key enforcement on (1) or off (0) for this connection; outside a
 * transaction only (SQLite ignores it inside one). The bulk load turns it
 * off while it writes references it has resolved itself in the same
 * transaction (unit ids read from the unit table, person ids it assigned). */
int store_people_bulk_fk(struct store *st, int on, struct err *err);

/* Every unit (tree, code, id, level) and whether the scope covers it (as
 * store_scope_unit and store_scope_covers answer one at a time): a bulk load
 * resolves every unit cell in memory, so the checking of rows never waits
 * for the connection while the writer uses it. Stops and returns fn's value
 * when nonzero. */
int store_people_bulk_units(struct store *st, long scope_id,
                            int (*fn)(void *ctx, const char *tree, const char *code, long id,
                                      int level, int inside),
                            void *ctx, struct err *err);

/* Lookups the import needs when the register is not empty. */

/* *taken = 1 when any person (merged ones included) has this national ID. */
int store_person_nid_taken(int *taken, struct store *st, const char *nid, struct err *err);
/* Call fn for every person (not merged) with this name key and birth date:
 * the candidates of a possible-duplicate pair, with their national ID ("" =
 * none). Stops and returns fn's value when nonzero. */
int store_person_same_name(struct store *st, const char *name_key, const char *birth_date,
                           int (*fn)(void *ctx, long id, const char *nid), void *ctx,
                           struct err *err);

#endif
