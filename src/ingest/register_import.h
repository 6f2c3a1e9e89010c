/* register_import.h: a CSV file into a register, all good rows or a clear list of bad ones.
 *
 * The file's header row names the columns (Vietnamese headers of the
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

/* Invisible characters the CSV reader removed from a row (csv.h): the row
 * is kept as it reads, and the person is told. */
struct reg_note {
  long line;  /* the line the row starts on */
  char *text; /* "Họ tên (cột 3): đã bỏ 1 ký tự ẩn (U+200B)" */
};

/* Notes kept in a result; past this many they are only counted. */
#define REG_IMPORT_MAX_NOTES 1000

struct reg_import_result {
  long rows; /* data rows read */
  long inserted, updated, unchanged;
  struct reg_reject *rejects;
  size_t n_rejects;
  struct reg_note *notes; /* in line order */
  size_t n_notes;
  size_t notes_over; /* rows with a note past REG_IMPORT_MAX_NOTES */
  char **header;     /* the file's header row */
  size_t n_header;
};
void reg_import_result_free(struct reg_import_result *r); /* accepts NULL */

/* Import `path` into register `spec` for the caller. dry_run: check every
 * row, report, and roll back. ERR_INPUT for a file that cannot be read as
 * the register (an unterminated quote, a bad header row, a missing required
 * column); row problems are not errors: they are in out->rejects, a row
 * whose bytes the CSV reader refuses (NUL, control or layout characters,
 * invalid UTF-8) among them, with its column; characters the reader removed
 * are in out->notes. */
int reg_import_file(struct reg_import_result *out, struct store *st, const struct scope *sc,
                    const struct reg_spec *spec, const char *path, int dry_run, const char *today,
                    struct err *err);

#endif
