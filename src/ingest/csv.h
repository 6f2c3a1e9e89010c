/* csv.h: a CSV reader for the files offices exchange.
 *
 * RFC 4180 plus what spreadsheets really write: an optional UTF-8 byte order
 * mark, comma or semicolon separators (detected from the header line),
 * quoted fields with doubled quotes and line breaks inside, CRLF or LF line
 * ends. Every row carries the line number it starts on, so a bad row can be
 * reported to a person as "dòng 17". Fields must be valid UTF-8. */
#ifndef PCMT_INGEST_CSV_H
#define PCMT_INGEST_CSV_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

struct csv_reader {
  char *data;    /* the whole file, owned */
  size_t len;    /* bytes in data */
  size_t pos;    /* next byte to read */
  long line;     /* line number of data[pos], 1-based */
  char sep;      /* ',' or ';' */
  char **fields; /* fields of the current row (point into `store`) */
  size_t nfields, capfields;
  struct buf store; /* text of the current row's fields, NUL-separated */
  size_t *offs;     /* offsets of each field in store */
};

struct csv_row {
  char **fields; /* borrowed from the reader; valid until the next csv_next */
  size_t n;      /* number of fields */
  long line;     /* line the row starts on */
};

/* Take ownership of `data` (malloc'd, `len` bytes) and prepare to read it.
 * Strips a BOM and detects the separator from the first line. */
int csv_open_mem(struct csv_reader *r, char *data, size_t len, struct err *err);
/* Read the whole file at `path` and prepare to read it. */
int csv_open_file(struct csv_reader *r, const char *path, struct err *err);
void csv_close(struct csv_reader *r);

/* Read the next row: 1 = a row in *row, 0 = end of file, -1 = an error
 * (unterminated quote, invalid UTF-8: err names the line). Blank lines are
 * skipped. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct err *err);

/* The index of the column whose header equals `name` (compared as
 * text_key, so case, diacritics and spacing do not matter), or -1. */
int csv_column(const struct csv_row *header, const char *name);

#endif
