/* csv_write.h: CSV files for spreadsheets, safe to open.
 *
 * UTF-8 with a byte order mark (so Excel shows Vietnamese), comma
 * separators, CRLF line ends, fields quoted when they hold a separator, a
 * quote or a line break. A cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) is written as text:
 * prefixed with an apostrophe, which the importer strips again. The file is
 * written beside its final name and renamed into place on success, so a
 * failed export never leaves a half-written file under that name; it is
 * created readable by its owner only (0600): exports hold personal data. */
#ifndef PCMT_OUTPUT_CSV_WRITE_H
#define PCMT_OUTPUT_CSV_WRITE_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

struct csv_writer {
  FILE *f;
  char *path;     /* final name */
  char *tmp_path; /* where it is written until csv_writer_close */
  size_t n_cols;
  int failed;
};

/* Open `path` for writing ("-" = stdout, written directly): a temporary
 * file beside it, mode 0600. ERR_INPUT when `path` exists and is not a
 * regular file (a device, a pipe, a folder: the rename would replace it);
 * ERR_IO when the temporary file cannot be made; ERR_NOMEM. */
int csv_writer_open(struct csv_writer *w, const char *path, size_t n_cols, struct err *err);
/* Write into stream f, which the caller owns (an export sent over HTTP
 * from memory): the byte order mark now, no file, no rename; close
 * flushes f and leaves it open. */
int csv_writer_open_stream(struct csv_writer *w, FILE *f, size_t n_cols, struct err *err);
/* Write one row of w->n_cols cells (NULL cells are empty). */
int csv_writer_row(struct csv_writer *w, const char *const *cells, struct err *err);
/* Finish: flush, sync and rename into place (commit = 1), or remove the
 * temporary file (commit = 0). Frees w. */
int csv_writer_close(struct csv_writer *w, int commit, struct err *err);

/* 1 when a spreadsheet would read `cell` as a formula. */
int csv_cell_is_formula(const char *cell);

#endif
