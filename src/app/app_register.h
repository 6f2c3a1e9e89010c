/* app_register.h: the registers' user actions — a file into a register, a register out to a
 * writer, the list of registers (`pcmt import`, `pcmt export`, `pcmt registers`).
 *
 * Import (good rows in, bad rows out): the file is read by ingest
 * (ingest/register_read.h: header mapping, cell normalisation), each row
 * parsed and saved by the register's rules (domain/register.h) under its own
 * savepoint, so a bad row is undone alone and reported with its line, column
 * and reason, while the good rows commit together in ONE transaction with
 * one audit row for the file ("register.import"): a crash mid-import leaves
 * nothing of it. People rows take the bulk path (domain/person_bulk.h): the
 * same outcomes, decided in memory. A dry run checks and reports every row
 * and rolls back.
 *
 * Export: the rows of a personal register leave only after the export's
 * audit row ("register.export": who, purpose, how many rows) is committed.
 * They are read first into a nameless temporary file (base/spool.h), the
 * audit row is committed, and only then is the sink called; an export whose
 * audit row cannot be written (another writer holds the database past the
 * busy timeout, a full disk) hands the sink nothing. Other registers are
 * streamed as read.
 *
 * Roles: an import needs a role that may change records (administrator,
 * officer); an export of a personal register one that may read personal
 * records; others may export the other registers. The territory is the
 * store's: rows outside the caller's subtree are not found, not exported and
 * not changed. The rejects file is the front end's to write
 * (output/reg_rejects.h), from the result. */
#ifndef PCMT_APP_APP_REGISTER_H
#define PCMT_APP_APP_REGISTER_H

#include <stddef.h>

#include "base/err.h"
#include "types/register.h"
#include "types/scope.h"

struct store;

/* What to import. */
struct app_register_import_in {
  const char *reg;   /* the register's name ("cases", "people" ...) */
  const char *path;  /* the file */
  int dry_run;       /* check and report every row, save nothing */
  const char *today; /* ISO date; no date of the file may be after it */
};

/* Import file in->path (CSV, or an .xlsx workbook's first sheet: see
 * ingest/table_read.h) into register in->reg for the caller; *out says what
 * each row did (the caller frees it: reg_import_result_free, also on
 * failure). Row problems are not errors: they are in out->rejects, rows the
 * reader cannot take among them (refused characters, a short date whose
 * day/month order the file does not show); characters the reader removed
 * are in out->notes. ERR_INPUT for an unknown register or a file that
 * cannot be read as it (an unterminated quote, a broken workbook, a missing
 * required column); ERR_DENIED for a role that may not change records;
 * ERR_IO for a file that cannot be read; a store error rolls everything
 * back. */
int app_register_import(struct reg_import_result *out, struct store *st, const struct scope *caller,
                        const struct app_register_import_in *in, struct err *err);

/* Where an export's rows go. Each function returns ERR_OK or an error code
 * (with err set), which stops the export. */
struct app_register_sink {
  /* Called once, first: the column headers (n of them, the register's). */
  int (*header)(void *ctx, const char *const *cells, size_t n, struct err *err);
  /* Called once per record, cells in header order, valid during the call. */
  int (*row)(void *ctx, const char *const *cells, struct err *err);
  void *ctx; /* passed to both */
};

/* Export register `reg` inside the caller's territory to `sink`, as a person
 * reads it (labels, dd/mm/yyyy; the import reads it back unchanged);
 * *n_rows the records handed on. A personal register: ERR_DENIED for a role
 * that may not read personal records; the sink is called only after the
 * audit row is committed, and not at all when that fails. ERR_INPUT for an
 * unknown register. `today` (ISO) dates derived values (a person's status). */
int app_register_export(long *n_rows, struct store *st, const struct scope *caller, const char *reg,
                        const char *today, const struct app_register_sink *sink, struct err *err);

/* The registers, in the order the docs list them (people first); NULL past
 * the end. Static. */
const struct reg_spec *app_register_at(size_t i);
/* The register named `name`, or NULL. Static. */
const struct reg_spec *app_register_find(const char *name);
/* 1 when `path` names a spreadsheet workbook (.xlsx, any case): the format
 * an import reads and an export should write, by the name the person gave. */
int app_register_is_xlsx(const char *path);

#endif
