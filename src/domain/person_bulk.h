/* person_bulk.h: the people CSV import at file scale — rows checked in memory, written in one pass.
 *
 * The row-by-row import (person_import_row) runs every row under a savepoint
 * through the CLI's own operations: a dozen statements and a hash-chained
 * audit row per person, about 190 µs a row. This path gives every row the
 * same outcome with the same checks and messages, but decides in memory:
 *
 *  - cells are parsed as reg_parse parses them, with the unit codes and the
 *    allowed values remembered after their first lookup; any cell it does not
 *    recognise sends the row to reg_parse itself, so a bad row is reported
 *    word for word as before;
 *  - a new person (national ID, else folded name + birth date + commune, not
 *    in the register nor earlier in the file) is validated exactly as
 *    person_create_with_history_tx does (commune level, ID prefix, first
 *    classification replayed), gets the next id and is kept in memory with
 *    its keys, first event and duplicate pairs (flagged against the people
 *    already stored and those earlier in the file, as creation flags them);
 *  - a row naming a person already stored, or one created earlier in the
 *    file, goes through person_import_row under a savepoint after the rows
 *    kept so far are written, so an update, a refusal ("lives elsewhere") or
 *    a new classification happens exactly as before.
 *
 * Into an EMPTY people register (the first load of a province or the country)
 * the load is a bulk load: the secondary indexes are dropped and rebuilt after
 * (store_people_bulk.h), and the new people are audited by the import's one
 * row for the file (file name, SHA-256, counts, id range) instead of one row
 * each. Otherwise each new person keeps its own "person.create" audit row. The
 * caller holds the write transaction for the whole file: a kill leaves
 * nothing.
 *
 * A bulk load also overlaps checking and writing on two cores: every unit and
 * ID prefix is loaded first, and each few thousand people kept are written
 * (with their events and derived rows; their keys sorted) by a writer thread
 * while the next rows are checked. The connection is never used by both at
 * once: any store use of the checking side waits for the writer first, so
 * every row is decided and reported as with one thread. */
#ifndef PCMT_DOMAIN_PERSON_BULK_H
#define PCMT_DOMAIN_PERSON_BULK_H

#include "base/buf.h"
#include "base/err.h"
#include "domain/register.h"
#include "domain/scope.h"

struct store;
struct person_bulk;

/* What the load did, for the import's audit row. */
struct person_bulk_summary {
  int bulk;               /* started on an empty register: one audit row for the file */
  long first_id, last_id; /* ids of the people created (0, 0 when none) */
  long slow_rows;         /* rows that took the row-by-row path */
};

/* Start, inside the caller's write transaction. *out belongs to the caller
 * (person_bulk_free). */
int person_bulk_begin(struct person_bulk **out, struct store *st, const struct scope *sc,
                      const char *today, struct err *err);
/* One data row (raw[i] = cell of spec column i or NULL). ERR_INPUT: the row is
 * bad, `problems` says why, nothing of it is kept; other codes abort.
 * *outside: the record outside the caller's territory the row's national ID
 * names (the row is refused without saying so), else 0, as
 * person_import_row gives it. */
int person_bulk_row(enum reg_outcome *oc, long *outside, struct person_bulk *b,
                    const char *const *raw, struct buf *problems, struct err *err);
/* Write what is kept with its derived status spans and flows (derived from
 * memory, person_derive_people), rebuild the indexes. Still inside the
 * transaction. */
int person_bulk_finish(struct person_bulk_summary *out, struct person_bulk *b, struct err *err);
void person_bulk_free(struct person_bulk *b); /* accepts NULL */

#endif
