/* register_import.h: a CSV or .xlsx file into a register, all good rows or a clear list of bad
 * ones.
 *
 * The file is CSV, or the first sheet of an .xlsx workbook when its name
 * ends in .xlsx (ingest/table_read.h; a row's line is then the sheet's row
 * number). Short dates are put day first by the order the whole file shows
 * (ingest/sheet_dates.h: a first pass over the rows). The file's header row
 * names the columns (Vietnamese headers of the
 * register's spec, compared without case or diacritics, in any order; other
 * columns such as "STT" are ignored). A missing required column refuses the
 * whole file. Each row is parsed and saved by the register's rules; a bad
 * row is undone on its own (a savepoint) and reported with its line number,
 * the column and the reason, while the good rows are committed together in
 * one transaction, with one audit row for the import: a crash mid-import
 * leaves nothing of it. A re-import of the same file finds every record
 * again and changes nothing. People are decided in memory and written in
 * one pass (domain/person_bulk.h): same outcomes, no savepoint per row. */
#ifndef PCMT_INGEST_REGISTER_IMPORT_H
#define PCMT_INGEST_REGISTER_IMPORT_H

#include <stddef.h>

#include "base/err.h"

struct store;
struct scope;
struct reg_spec;

struct reg_reject {
  long line;     /* the line the row starts on */
  char *reason;  /* "Ngày phát hiện: ngày 31/02/2024 không hợp lệ; ..." */
  char **fields; /* the row as read, in the file's column order */
  size_t n;
};

struct reg_import_result {
  long rows; /* data rows read */
  long inserted, updated, unchanged;
  struct reg_reject *rejects;
  size_t n_rejects;
  char **header; /* the file's header row */
  size_t n_header;
};
void reg_import_result_free(struct reg_import_result *r); /* accepts NULL */

/* Import `path` into register `spec` for the caller. dry_run: check every
 * row, report, and roll back. ERR_INPUT for a file that cannot be read as
 * the register (bad CSV, missing required column); row problems are not
 * errors: they are in out->rejects. */
int reg_import_file(struct reg_import_result *out, struct store *st, const struct scope *sc,
                    const struct reg_spec *spec, const char *path, int dry_run, const char *today,
                    struct err *err);

#endif
