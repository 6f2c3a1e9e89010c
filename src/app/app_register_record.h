/* app_register_record.h: the registers one record at a time — a page of records, one
 * record, one record added or changed (the JSON API's /api/v1/registers).
 *
 * Records are what the export writes (app_register.h): one text per column
 * of the register's spec, as a person reads them (labels, dd/mm/yyyy,
 * có/không), the columns named by their CSV headers. The territory is the
 * store's: a record outside the caller's subtree is not found, exactly as a
 * missing one. A personal register (spec->personal: case-people, places,
 * network-members ...) needs a role that may read personal records
 * (ERR_DENIED otherwise), and its rows leave only after the read's audit
 * row ("register.read": the register, how many rows, the caller's
 * purpose) is committed; a read whose audit row cannot be written returns
 * no row. The people and their events are not served here: a person is
 * read through the people register's own operations (app_person.h), which
 * hide fields by role and audit each record.
 *
 * A record is added or changed through the CSV import itself
 * (app_register_import): the cells are written as a one-row CSV file in a
 * private folder and imported, so the reading, the validation, the
 * messages, the audit and the "this number exists: update it" rule are the
 * import's, identical. */
#ifndef PCMT_APP_APP_REGISTER_RECORD_H
#define PCMT_APP_APP_REGISTER_RECORD_H

#include <stddef.h>

#include "base/err.h"
#include "types/register.h"
#include "types/scope.h"

struct store;

/* Rows of one register, cells in spec column order. */
struct app_register_rows {
  const struct reg_spec *spec; /* the register (static) */
  char **cells;                /* n_rows * spec->n_cols texts, malloc'd */
  size_t n_rows;               /* rows held */
  long total;                  /* records of the register in the caller's territory */
};
void app_register_rows_free(struct app_register_rows *r); /* accepts NULL */

/* The register named `reg` that this file serves, or ERR_NOT_FOUND (an
 * unknown name, the people and their events). */
int app_register_record_spec(const struct reg_spec **out, const char *reg, struct err *err);

/* Records pos .. pos + limit - 1 of register `reg` in the caller's
 * territory, in the export's order, into *out (freed by the caller, also
 * on failure); out->total counts them all. `today` (ISO) as for the
 * export. */
int app_register_page(struct app_register_rows *out, struct store *st, const struct scope *caller,
                      const char *reg, const char *today, long pos, long limit, struct err *err);

/* The record numbered `record_no` of register `reg` (its first column: a
 * case's, a place's, a network's number; for a child register, the rows of
 * the parent record with that number) in the caller's territory.
 * ERR_NOT_FOUND when there is none there. */
int app_register_show(struct app_register_rows *out, struct store *st, const struct scope *caller,
                      const char *reg, const char *record_no, const char *today, struct err *err);

/* What a put may do to the record its first cell numbers. */
enum app_register_put_mode {
  APP_REGISTER_CREATE, /* a new record: ERR_CONFLICT when the number is taken in the territory
                          (child registers: a new row of the parent, never refused here) */
  APP_REGISTER_UPDATE  /* an existing top-level record: ERR_NOT_FOUND when the territory holds
                          none with that number (ERR_INPUT for a child register) */
};

/* Import one record of register `reg` given as n (column header, cell)
 * pairs, as a one-row CSV file, after the check of `mode`: *out says what
 * the row did (inserted, updated, unchanged) or, in out->rejects, why it
 * was refused (the import's message). `today` (ISO) bounds its dates.
 * Errors as app_register_import's. */
int app_register_put(struct reg_import_result *out, struct store *st, const struct scope *caller,
                     const char *reg, enum app_register_put_mode mode, const char *const *headers,
                     const char *const *cells, size_t n, const char *today, struct err *err);

#endif
