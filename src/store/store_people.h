/* store_people.h: SQL for the people register, the unit scope closure and legal rules
 * (tables of migration 003).
 *
 * Every function that reads or writes people takes the caller's scope and
 * filters in SQL: a person whose residence lies outside the scope's unit
 * subtree is not returned, not counted and not changed — the function answers
 * ERR_NOT_FOUND exactly as for a person that does not exist. A role that may
 * not see personal records gets ERR_DENIED; an unresolved scope is a bug
 * (ERR_INTERNAL). The filter is one indexed probe of unit_scope (scope unit,
 * residence unit), the closure store_scope_refresh keeps current.
 *
 * Writers must run inside store_write_begin/commit; the domain layer
 * (domain/person.c) validates, writes and audits in that one transaction.
 * Keys for search and order are computed by the caller (base/text.h). */
#ifndef PCMT_STORE_STORE_PEOPLE_H
#define PCMT_STORE_STORE_PEOPLE_H

#include <stddef.h>

#include "base/err.h"
#include "types/legal_rule.h"
#include "types/person.h"
#include "types/scope.h"

struct store;

/* ---------------------------------------------------------------------------
 * Scope closure
 * ------------------------------------------------------------------------- */

/* Rebuild unit_scope when the units or their successions changed since it was
 * built (compared by a signature of counts and sums); otherwise only reads.
 * Opens its own write transaction when it rebuilds: call it outside one. */
int store_scope_refresh(struct store *st, struct err *err);
/* The id of unit tree/code. ERR_NOT_FOUND when there is none. */
int store_scope_unit(long *out, int *level, struct store *st, const char *tree, const char *code,
                     struct err *err);
/* *out = 1 when unit `unit_id` lies inside scope unit `scope_id` (0 = national). */
int store_scope_covers(int *out, struct store *st, long scope_id, long unit_id, struct err *err);

/* ---------------------------------------------------------------------------
 * Reference data
 * ------------------------------------------------------------------------- */

/* Every legal rule version, by code, condition and start date (caller frees). */
int store_legal_rules(struct legal_rule_set *out, struct store *st, struct err *err);
/* *out = 1 when `prefix` (3 digits) is "0" + the code of a province of the
 * tree until 2025-06-30, as CCCD numbers begin. */
int store_national_id_prefix_known(int *out, struct store *st, const char *prefix, struct err *err);

/* ---------------------------------------------------------------------------
 * People
 * ------------------------------------------------------------------------- */

/* Search and order keys of a person, computed by the caller. */
struct store_person_keys {
  const char *name_key;          /* text_key(full name) */
  const unsigned char *sort_key; /* collation key, given name first */
  size_t sort_key_len;
  char *const *search_keys; /* word-boundary suffixes of the name keys */
  size_t n_search_keys;
};

/* Insert person `p` living in unit p->unit_tree/p->unit_code, which must lie
 * inside the scope (else ERR_DENIED; ERR_NOT_FOUND when the unit does not
 * exist). ERR_CONFLICT when the national ID is taken. *out_id is the new id. */
int store_person_insert(long *out_id, struct store *st, const struct scope *sc,
                        const struct person *p, const struct store_person_keys *k, struct err *err);
/* Rewrite the identity fields (not the residence) and keys of person p->id. */
int store_person_update(struct store *st, const struct scope *sc, const struct person *p,
                        const struct store_person_keys *k, struct err *err);
/* One person (merged ones included: check merged_into). */
int store_person_get(struct person *out, struct store *st, const struct scope *sc, long id,
                     struct err *err);
/* The person's events, oldest first (date, then id). */
int store_person_events(struct person_event_list *out, struct store *st, const struct scope *sc,
                        long person_id, struct err *err);
/* Events of several people at once (ordered by person, date, id), for
 * deriving the status of search hits. People outside the scope add nothing. */
int store_person_events_of(struct person_event_list *out, struct store *st, const struct scope *sc,
                           const long *ids, size_t n, struct err *err);
/* Append event `ev` to person ev->person_id (in scope, not merged). A move
 * records the old residence and sets the new one (ev->unit_tree/code, which
 * may lie outside the scope: the person leaves it). Sets ev->id. */
int store_person_event_insert(struct store *st, const struct scope *sc, struct person_event *ev,
                              struct err *err);
/* Set the recorded residence of person `person_id` to unit `unit_id` (a row
 * id of unit), without a scope check: the caller has checked the scope when
 * it changed the history this residence is derived from, and the residence
 * may lie outside the scope (the person leaves it, as with a move). */
int store_person_set_unit(struct store *st, long person_id, long unit_id, struct err *err);

/* SQL scalar subquery: the id of the record that the person record selected
 * by `start` (a condition on `person px`, e.g. "px.national_id = ?" or
 * "px.id = t.person_id") resolves to: itself when it is not merged, else the
 * record at the end of its merged_into chain (B merged into A, A later into
 * C: C). NULL when no record matches (or, never written by a merge, the chain
 * loops). What a national ID held by a merged record leads to, and what a
 * register's link to a merged record means (docs/registers.md, Duplicates). */
#define STORE_PERSON_KEPT_SQL(start)                                                               \
  "(WITH RECURSIVE kept_chain(id, nx) AS (SELECT px.id, px.merged_into FROM person px "            \
  "WHERE " start " UNION SELECT py.id, py.merged_into FROM person py JOIN kept_chain kc "          \
  "ON py.id = kc.nx) SELECT id FROM kept_chain WHERE nx IS NULL)"

/* Where a search resumes: after (sort_key, id) of the last row returned. */
struct store_person_cursor {
  unsigned char *sort_key; /* malloc'd; NULL = from the start */
  size_t sort_key_len;
  long id;
};
void store_person_cursor_free(struct store_person_cursor *c); /* accepts NULL */

struct store_person_query {
  const char *phrase;       /* a text_key matched as a prefix of a search key, or NULL */
  const char *const *words; /* else: every word a prefix of some name word (may be NULL) */
  size_t n_words;
  const char *national_id; /* exact, or NULL: the record holding it, or the one a merged
                            * record holding it was merged into */
  size_t limit;            /* rows per call (> 0) */
};

/* Up to q->limit people of the scope (not merged) matching q, in sort-key
 * order, after *cur; *cur moves to the last row returned (left as it was
 * when none). out->n < limit means the end was reached. The store picks the
 * access path from bounded counts: the name index when the phrase is
 * selective, the scope's units when the territory is small, else the
 * sort-key order. */
int store_person_search(struct person_list *out, struct store_person_cursor *cur, struct store *st,
                        const struct scope *sc, const struct store_person_query *q,
                        struct err *err);

/* Call fn once per person of the scope (not merged), in id order, with the
 * person (identity and residence filled) and all its events. Stops
 * and returns fn's value when it is nonzero. */
int store_person_scan(struct store *st, const struct scope *sc,
                      int (*fn)(void *ctx, const struct person *p, const struct person_event *ev,
                                size_t n),
                      void *ctx, struct err *err);

/* Like store_person_scan, for the people who moved out: their last move (not
 * voided) left a unit of the scope and they now live outside it. What the
 * old commune still owes them (the file handed over to the new commune)
 * needs them; the caller shows no more than that. Nobody for a national
 * scope, which store_person_scan already covers. */
int store_person_scan_moved_out(struct store *st, const struct scope *sc,
                                int (*fn)(void *ctx, const struct person *p,
                                          const struct person_event *ev, size_t n),
                                void *ctx, struct err *err);

/* Flag the possible duplicates of person `id`: others (anywhere, not merged)
 * with the same name key and birth date and a different or missing national
 * ID. Pairs already flagged or dismissed stay as they are. *flagged (may be
 * NULL) receives the number of new pairs. */
int store_person_flag_duplicates(int *flagged, struct store *st, const struct scope *sc, long id,
                                 const char *at, struct err *err);
/* Open pairs, both people inside the scope and neither merged, by a then b. */
int store_person_duplicates(struct person_dup_list *out, struct store *st, const struct scope *sc,
                            struct err *err);
/* Close the open pair {a, b} with `status` ("dismissed" or "merged").
 * ERR_NOT_FOUND when there is no open pair visible to the caller. */
int store_person_duplicate_close(struct store *st, const struct scope *sc, long a, long b,
                                 const char *status, const char *at, struct err *err);
/* Move every event of b to a (noting merged_from), mark b merged into a,
 * drop b's search keys and, when `take_id`, clear b's national ID (so a can
 * take it); b's links (cases, rings, a place's seller) become a's, a's own
 * row winning where both were in one case (with the earlier arrest) or one
 * ring. Both must be visible and not merged. */
int store_person_merge(struct store *st, const struct scope *sc, long a, long b, int take_id,
                       struct err *err);

/* The first person (not merged) with this name key and birth date living in
 * unit `unit_id` (how a row without a national ID is found again on a
 * re-import); *id = 0 when none. The unit has been checked against the
 * scope by the caller. */
int store_person_find_same(long *id, struct store *st, const struct scope *sc, const char *name_key,
                           const char *birth_date, long unit_id, struct err *err);
/* The person (not merged) inside the scope with this name key and birth
 * date, wherever they live (how an event row without a national ID names
 * its person): *id and *n = 1 when exactly one, *n = 0 when none, *n = 2
 * when several (then *id = 0). */
int store_person_find_named(long *id, int *n, struct store *st, const struct scope *sc,
                            const char *name_key, const char *birth_date, struct err *err);
/* *out = 1 when the person already has a (not voided) event of this kind,
 * date and value: a re-imported event changes nothing. */
int store_person_event_exists(int *out, struct store *st, long person_id, const char *kind,
                              const char *date, const char *value, struct err *err);

#endif
