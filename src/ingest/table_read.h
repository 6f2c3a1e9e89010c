/* table_read.h: a table file read row by row, whatever its format: CSV or an .xlsx sheet.
 *
 * An import needs rows of text cells, each with the line it starts on so
 * that a bad row is reported as "dòng 17" (for a sheet: its row number,
 * what a person finds in the spreadsheet), and the SHA-256 of the bytes read
 * for its audit row. A format is one implementation of `struct
 * table_reader` (its `next`, `rewind` and `close`); table_read_open picks it
 * from the file's name: a name ending in ".xlsx" (any case) is the first
 * sheet of a workbook (ingest/xlsx_read.h), anything else CSV
 * (ingest/csv.h). Both read from the bytes they hashed, so the digest is of
 * exactly what was imported.
 *
 * Every format checks its cells' characters the same way
 * (ingest/cell_check.h): a row holding a refused character comes back as
 * TABLE_BAD_ROW, with where and why, and the reading goes on; characters
 * removed are noted on the row. */
#ifndef PCMT_INGEST_TABLE_READ_H
#define PCMT_INGEST_TABLE_READ_H

#include <stddef.h>

#include "base/err.h"
#include "ingest/cell_check.h"

/* next's answer for a row with refused characters (ingest/cell_check.h). */
#define TABLE_BAD_ROW (-2)

struct table_row {
  char **fields; /* the cells as read; borrowed until the next call of next */
  size_t n;      /* cells in this row (rows may differ) */
  long line;     /* the CSV line the row starts on, or the sheet's row number; 1-based */
  const struct cell_issue *issues; /* its characters refused or removed; borrowed like fields */
  size_t n_issues;                 /* 0 for a clean row */
};

struct table_reader {
  void *impl; /* the format's state, owned; NULL when not open */
  /* The next row: 1 = a row in *row (its issues may note characters
   * removed), 0 = end of the table, TABLE_BAD_ROW = a row with refused
   * characters, in *row as read with each refused one written U+FFFD, its
   * issues saying where and why (err names the first); the next call reads
   * on. -1 = an error that stops the reading (err names the line). Blank
   * lines are skipped; a sheet's rows with no cells come back with n = 0. */
  int (*next)(void *impl, struct table_row *row, struct err *err);
  /* Back to the first row (the header), for a reader that looks at the
   * table twice. The same bytes are read again, not the file. */
  int (*rewind)(void *impl, struct err *err);
  void (*close)(void *impl); /* frees impl */
  char sha256[65];           /* hex SHA-256 of the file's bytes */
};

/* Open `path` as a table, by its name (see above). ERR_IO when it cannot be
 * read, ERR_INPUT when it is not of its format (a broken or capped
 * workbook), ERR_NOMEM. On success the caller owns *out (table_read_close). */
int table_read_open(struct table_reader *out, const char *path, struct err *err);

/* 1 when `path` names an .xlsx workbook (its name ends in ".xlsx", any case). */
int table_is_xlsx(const char *path);

/* The next row of r: see struct table_reader's next. */
int table_read_next(struct table_reader *r, struct table_row *row, struct err *err);

/* Back to r's first row: see struct table_reader's rewind. */
int table_read_rewind(struct table_reader *r, struct err *err);

/* Close r and zero it. Accepts NULL and a reader that is not open. */
void table_read_close(struct table_reader *r);

#endif
