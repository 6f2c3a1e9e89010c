/* csv.h: a CSV reader for the files offices exchange.
 *
 * RFC 4180 plus what spreadsheets really write: an optional UTF-8 byte order
 * mark, comma or semicolon separators (detected from the header line),
 * quoted fields with doubled quotes and line breaks inside, CRLF or LF line
 * ends. Every row carries the line number it starts on, so a bad row can be
 * reported to a person as "dòng 17".
 *
 * Every field's characters are checked (ingest/cell_check.h): a row with a
 * refused character is handed out as CSV_BAD_ROW with each problem's
 * column, and reading goes on at the next record; invisible characters
 * that layout ignores are removed, with a note on the row. A byte order
 * mark at the very start of the file is the encoding's signature and is
 * dropped silently. */
#ifndef PCMT_INGEST_CSV_H
#define PCMT_INGEST_CSV_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "ingest/cell_check.h"

/* csv_next's answer for a row whose bytes are refused (see above). */
#define CSV_BAD_ROW (-2)

struct csv_reader {
  char *data;    /* the whole file, owned */
  size_t len;    /* bytes in data */
  size_t pos;    /* next byte to read */
  long line;     /* line number of data[pos], 1-based */
  char sep;      /* ',' or ';' */
  char **fields; /* fields of the current row (point into `store`) */
  size_t nfields, capfields;
  struct buf store;          /* text of the current row's fields, NUL-separated */
  size_t *offs;              /* offsets of each field in store */
  struct buf clean;          /* the fields again when something was removed or replaced */
  struct cell_issues issues; /* the current row's problems */
};

struct csv_row {
  char **fields;                   /* borrowed from the reader; valid until the next csv_next */
  size_t n;                        /* number of fields */
  long line;                       /* line the row starts on */
  const struct cell_issue *issues; /* borrowed, like fields: removals and refusals */
  size_t n_issues;                 /* 0 for a clean row */
};

/* Take ownership of `data` (malloc'd, `len` bytes) and prepare to read it.
 * Strips a BOM and detects the separator from the first line. */
int csv_open_mem(struct csv_reader *r, char *data, size_t len, struct err *err);
/* Read the whole file at `path` and prepare to read it. */
int csv_open_file(struct csv_reader *r, const char *path, struct err *err);
/* Back to the first row: the same bytes are read again. */
void csv_rewind(struct csv_reader *r);
/* Free what r holds and zero it. Accepts NULL. */
void csv_close(struct csv_reader *r);

/* Read the next row. 1: a row in *row (row->issues may note characters
 * removed). CSV_BAD_ROW: the row holds refused bytes; *row has it as read,
 * each refused character (or invalid byte) replaced by U+FFFD so that the
 * row can be written back for correction, row->issues say where and why,
 * err says "dòng L, cột C: ..." of the first; the next call reads on from
 * the next record. 0: end of file. -1: the file cannot be read on (an
 * unterminated quote runs to its end; no memory): err names the line. A
 * caller that does not reject rows one by one treats any negative answer as
 * the file's error. Blank lines are skipped. */
int csv_next(struct csv_reader *r, struct csv_row *row, struct err *err);

/* The index of the column whose header equals `name` (compared as
 * text_key, so case, diacritics and spacing do not matter), or -1. */
int csv_column(const struct csv_row *header, const char *name);

#endif
