/* register.h: the registers' rules: the specs, parsing a row, saving it, exporting.
 *
 * The specs themselves are data (types/register.h). A row goes through
 * reg_parse (each cell by its type: dates in any written form, enumerations
 * by code or Vietnamese label, agencies through the agency lexicon, units by
 * code in the tree in force on the record's date) and then the register's
 * own cross-field rules (dates in order, what a kind requires). Errors name
 * the column and the reason in Vietnamese. */
#ifndef PCMT_DOMAIN_REGISTER_H
#define PCMT_DOMAIN_REGISTER_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "types/register.h"

struct store;
struct scope;

/* The registers, in the order docs and help list them: people and person
 * events first (domain/person_import.c), then the others. */
size_t reg_spec_count(void);
const struct reg_spec *reg_spec_at(size_t i); /* NULL past the end */
extern const struct reg_spec person_spec, person_event_spec;
/* One by CLI name, or NULL. */
const struct reg_spec *reg_spec_find(const char *name);

/* Parse raw cells (raw[i] for spec column i, NULL = column absent) into row:
 * types, required cells, enumerations, agency kinds. Ids (units, parents,
 * people) are resolved through the store within the caller's scope. Every
 * problem of the row is appended to `problems` (a buffer of "column: reason"
 * lines joined by "; "); returns ERR_INPUT when there is one, ERR_OK
 * otherwise, another code on a store failure. `today` bounds dates. */
int reg_parse(struct reg_row *row, const struct reg_spec *spec, const char *const *raw,
              struct store *st, const struct scope *sc, const char *today, struct buf *problems,
              struct err *err);

/* Save a parsed row inside the caller's write transaction: insert it, or
 * update the record with the same number when a value differs, or leave it
 * (a re-import changes nothing). Rows of personal registers are audited. */
int reg_save(enum reg_outcome *out, struct store *st, const struct scope *sc,
             const struct reg_row *row, struct err *err);

/* Every record of `spec` inside the caller's territory, as a person reads
 * them (enumerations as Vietnamese labels, dates dd/mm/yyyy, có/không), one
 * call of fn per record with cells in spec column order; the output can be
 * imported again unchanged. Stops at fn's first nonzero value and returns
 * it. Rows of a personal register need a role that may read personal
 * records (the store refuses others, ERR_DENIED). Reading only: the export
 * operation (app/app_register.h) audits it and decides when the rows may
 * leave. */
int reg_export(struct store *st, const struct scope *sc, const struct reg_spec *spec,
               int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
               const char *today, struct err *err);

/* How a date column's two-digit years are read: birth dates by age, every
 * other date as 20yy (base/date.h). The people fast path uses the same. */
enum date_yy reg_date_rule(const struct reg_column *col);

/* The codes a unit cell of 1-4 digits not starting with 0 may stand for
 * once a spreadsheet dropped its leading zeros: the code padded to each
 * level's wider width (province 2, district 3, commune 5 digits; only 5 when
 * `commune_only`), into out (8 bytes each, at most 3). Returns how many; 0
 * for any other cell, which is read as written. */
size_t reg_unit_padded(char out[][8], const char *code, int commune_only);

/* Vietnamese label of a stored enum value (the code itself when unknown). */
const char *reg_enum_label(const struct reg_column *col, const char *code);

#endif
