/* store_registers.h: the SQL of the registers described by domain/register.h.
 *
 * Statements are built from the static register specs (table and column
 * names never come from a caller) with every value bound. Reads and writes
 * take the caller's scope and filter in SQL: a record whose unit (a child
 * row: its parent's unit) lies outside the scope's subtree is not found,
 * not exported and not changed. Rows of a personal register (a spec marked
 * `personal`: case-people, places, network-members ...; and the people
 * themselves) are refused, ERR_DENIED, to a role that may not read them
 * (finding, exporting, a person by ID) or change them (inserting, updating,
 * deleting): scope_may_read_people / scope_may_write_people, checked here
 * whatever the layer above checked. Writers run inside the caller's
 * store_write_begin/commit. */
#ifndef PCMT_STORE_STORE_REGISTERS_H
#define PCMT_STORE_STORE_REGISTERS_H

#include <stddef.h>

#include "base/err.h"

struct store;
struct scope;
struct reg_row;
struct reg_spec;

/* The record with record number `record_no` in `table` (a top-level register
 * table of a spec), visible in the scope: *id and *unit_id, or ERR_NOT_FOUND.
 * It reads no personal field (a place's number and unit, not its seller), so
 * any role may ask. */
int store_reg_parent(long *id, long *unit_id, struct store *st, const struct scope *sc,
                     const char *table, const char *record_no, struct err *err);

/* The person with national ID `nid` inside the scope, or ERR_NOT_FOUND. An
 * ID held by a merged record leads to the record it was merged into (the end
 * of the merged_into chain), and the scope is checked on that record. */
int store_reg_person(long *id, struct store *st, const struct scope *sc, const char *nid,
                     struct err *err);

/* The person holding national ID `nid` (a merged holder: the record it was
 * merged into, as store_reg_person): *id, or 0 when nobody holds it. When
 * that record lives outside the scope: ERR_DENIED, *id = 0 and *outside its
 * id (for the audit row of the refused look-up; else *outside = 0), with a
 * message that does not say why the number cannot be used (it must not tell
 * a caller that the person is on the register elsewhere). */
int store_reg_person_any(long *id, long *outside, struct store *st, const struct scope *sc,
                         const char *nid, struct err *err);

/* Find row's record by its natural key: *id = 0 when there is none (child
 * registers: *id = 1 when the row exists), *same = 1 when every stored value
 * equals the row's. A top-level record outside the scope is ERR_DENIED (the
 * number is taken by another territory). */
int store_reg_find(long *id, int *same, struct store *st, const struct scope *sc,
                   const struct reg_row *row, struct err *err);
/* Insert row (created_at = at, created_by = the caller, for registers that
 * keep them); *id the new row id (child rows: 0). Also writes the case's
 * offences. */
int store_reg_insert(long *id, struct store *st, const struct scope *sc, const struct reg_row *row,
                     const char *at, struct err *err);
/* Delete the child row with row's key (before writing its new values). */
int store_reg_delete_child(struct store *st, const struct scope *sc, const struct reg_row *row,
                           struct err *err);
/* The status of place `place_id` recorded last before (`date`, `status`) and
 * first after it ("" when none), for checking a new status row's transition.
 * Rows of one day are ordered active, eliminated, reformed, so a status on
 * the same day as another is placed before or after it by that order. */
int store_reg_place_status_around(char prev[16], char next[16], struct store *st, long place_id,
                                  const char *date, const char *status, struct err *err);
/* Record that place `place_id` was found active on `date` (its first status). */
int store_reg_place_found(struct store *st, long place_id, const char *date, struct err *err);

/* The place functions below read and write a place's status and inspection
 * rows (registers without personal data) and its kind and dates, never its
 * seller: they take no scope; their callers found the place in theirs.
 *
 * What the rules of a place's child rows and of a change of its kind or
 * found date look at: its kind, found date, first inspection ("" when none)
 * and its first two status rows in order (date, then active, eliminated,
 * reformed; "" when fewer). ERR_NOT_FOUND when there is no such place. */
struct reg_place_facts {
  char kind[16];
  char found_on[16];
  char first_inspection[16];
  char status_on[2][16];
  char status[2][16];
};
int store_reg_place_facts(struct reg_place_facts *f, struct store *st, long place_id,
                          struct err *err);
/* Move place `place_id`'s active row of date `from` (its being found) to
 * date `to`. */
int store_reg_place_found_move(struct store *st, long place_id, const char *from, const char *to,
                               struct err *err);
/* Remove every status row of place `place_id` (it is no longer a kind that
 * has them). */
int store_reg_place_statuses_clear(struct store *st, long place_id, struct err *err);

/* Rewrite record `id` of a top-level register with row's values (the
 * caller found it in its scope with store_reg_find). */
int store_reg_update(struct store *st, const struct scope *sc, long id, const struct reg_row *row,
                     struct err *err);

/* Call fn once per record of the spec inside the scope, ordered by record
 * number (child rows by parent number and key), with one text per spec column
 * as stored (codes, ISO dates, unit codes and trees, parent numbers, national
 * IDs). Stops and returns fn's value when nonzero. *n_rows counts rows. */
int store_reg_export(struct store *st, const struct scope *sc, const struct reg_spec *spec,
                     int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                     struct err *err);

/* Count the records of a spec inside the scope. A count is an aggregate:
 * any role may ask, personal registers included. */
int store_reg_count(long *out, struct store *st, const struct scope *sc,
                    const struct reg_spec *spec, struct err *err);

/* A savepoint inside the write transaction, so one bad row of an import is
 * undone without losing the others. */
int store_savepoint(struct store *st, struct err *err);
int store_savepoint_release(struct store *st, struct err *err);
int store_savepoint_rollback(struct store *st, struct err *err);
/* Undo the row whose work ended with code rc (not ERR_OK). Returns rc, with
 * *err as the row's work left it; but when rc is ERR_INPUT (the row alone is
 * refused, the import goes on) and undoing it fails, that failure instead:
 * the import must not go on over a half-undone row. */
int store_savepoint_undo(struct store *st, int rc, struct err *err);

#endif
