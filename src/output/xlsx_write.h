/* xlsx_write.h: an .xlsx workbook of one sheet, for people who keep their lists in a spreadsheet.
 *
 * One sheet: a bold header row, frozen, with a filter; each column of one
 * kind. Text columns (codes, national IDs, record numbers, names) are text
 * cells formatted as text ("@"), so neither the file nor a value typed into
 * the column later loses its leading zeros; date columns are real date
 * cells shown dd/mm/yyyy; number columns are numbers. A cell is never a
 * formula, so nothing needs the CSV export's apostrophe. The workbook is
 * written beside its final name, owner-only (0600: registers hold personal
 * data), synced and renamed into place on success, so a failed export never
 * leaves a half-written file under that name. Rows stream to disk
 * (libxlsxwriter's constant-memory mode). */
#ifndef PCMT_OUTPUT_XLSX_WRITE_H
#define PCMT_OUTPUT_XLSX_WRITE_H

#include <stddef.h>

#include "base/err.h"

enum xlsx_kind {
  XLSX_TEXT,   /* a text cell, always */
  XLSX_DATE,   /* "dd/mm/yyyy" (or any date_parse form) -> a date cell */
  XLSX_NUMBER, /* "1234", "1234,5" (decimal comma) -> a number cell */
};

/* Rows a sheet can hold below its header (Excel's limit). */
#define XLSX_MAX_ROWS 1048575L

struct xlsx_writer;

/* Create `path` (the sheet named `sheet`, at most 31 characters) with the
 * header row `headers` and the kinds of its n_cols columns. *out is the
 * caller's, freed by xlsx_writer_close. ERR_INPUT when `path` exists and is
 * not a regular file (a device, a pipe: the rename would replace it). */
int xlsx_writer_open(struct xlsx_writer **out, const char *path, const char *sheet,
                     const char *const *headers, const enum xlsx_kind *kinds, size_t n_cols,
                     struct err *err);

/* Write one row of n_cols cells (NULL or "" = an empty cell). A cell of a
 * date or number column that is not one is written as text, as it is.
 * ERR_INPUT past XLSX_MAX_ROWS rows. */
int xlsx_writer_row(struct xlsx_writer *w, const char *const *cells, struct err *err);

/* Finish: write the workbook, sync it and rename it into place (commit =
 * 1), or remove it (commit = 0). Frees w; accepts NULL. */
int xlsx_writer_close(struct xlsx_writer *w, int commit, struct err *err);

#endif
