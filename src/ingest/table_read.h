/* table_read.h: the rows of a table file, whatever wrote it: CSV or an .xlsx sheet.
 *
 * The register import reads rows through this one interface, so a format
 * plugs in by implementing `next` (and `rewind`, for a reader that looks at
 * the file twice). A row's fields are borrowed from the reader until the
 * next call; its `line` is what a person finds in the file: the line the
 * CSV row starts on, or the sheet's row number ("dòng 17" = row 17). */
#ifndef PCMT_INGEST_TABLE_READ_H
#define PCMT_INGEST_TABLE_READ_H

#include <stddef.h>

#include "base/err.h"

struct table_row {
  char **fields; /* borrowed; valid until the next call */
  size_t n;      /* number of fields */
  long line;     /* CSV line the row starts on, or the sheet's row number */
};

struct table_reader {
  void *self; /* the format's reader, owned */
  /* 1 = a row in *row, 0 = end, -1 = the file cannot be read on (err says
   * where and why) */
  int (*next)(void *self, struct table_row *row, struct err *err);
  /* back to the first row */
  int (*rewind)(void *self, struct err *err);
  void (*close)(void *self);
  const char *format; /* "csv" or "xlsx", for messages */
};

/* Open `path` by its name: ".xlsx" (any case) is read as a workbook's first
 * sheet (ingest/xlsx_read.h), anything else as CSV (ingest/csv.h). ERR_IO
 * when it cannot be opened, ERR_INPUT when it is not of its format. */
int table_open(struct table_reader *out, const char *path, struct err *err);

/* 1 when `path` names an .xlsx file (by its extension, any case). */
int table_is_xlsx(const char *path);

/* Close the reader (accepts one never opened, zeroed). */
void table_close(struct table_reader *r);

#endif
