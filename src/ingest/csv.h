/* csv.h: a CSV reader for the files offices exchange.
 *
 * RFC 4180 plus what spreadsheets really write: an optional UTF-8 byte order
 * mark, comma or semicolon separators (detected from the header line),
 * quoted fields with doubled quotes and line breaks inside, CRLF or LF line
 * ends. Every row carries the line number it starts on, so a bad row can be
 * reported to a person as "dòng 17".
 *
 * Bad bytes are refused, never cut or stored invisibly. Every character of a
 * field is looked at once (utf8proc), and:
 *  - invalid UTF-8, a NUL byte, another control character (Unicode category
 *    Cc: C0 but TAB, LF and CR; DEL; C1), the replacement character U+FFFD
 *    (text already damaged by a conversion) and every invisible format
 *    character (category Cf) that takes part in the layout of text (the
 *    bidirectional controls U+202A-U+202E, U+2066-U+2069 and marks U+200E,
 *    U+200F, U+061C, which can make a cell display differently from what it
 *    holds; the Arabic number signs, interlinear annotations) make the row
 *    bad: csv_next returns CSV_BAD_ROW with the row and each problem's
 *    column, and reading goes on at the next record;
 *  - an invisible format character that layout ignores (Cf with bidi class
 *    BN: a BOM U+FEFF not at the start of the file, the zero-width space,
 *    joiners U+200B-U+200D, the word joiner U+2060-U+2064, the soft hyphen
 *    U+00AD, tag characters) is what pasting from Word or a web page leaves:
 *    it is removed, and the row says so in a note (csv_issue, refused = 0).
 * What is left of a field after removal is exactly what a person saw. */
#ifndef PCMT_INGEST_CSV_H
#define PCMT_INGEST_CSV_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* csv_next's answer for a row whose bytes are refused (see above). */
#define CSV_BAD_ROW (-2)
/* Problems recorded per row; more are acted on but not described. */
#define CSV_MAX_ISSUES 16

/* One problem of a row: a refused character, or characters removed. */
struct csv_issue {
  size_t col;     /* 0-based column */
  int refused;    /* 1: the row is bad; 0: characters were removed, the row is kept */
  char what[160]; /* Vietnamese, without the line or column: "chứa byte NUL ở ký tự thứ 7" */
};

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
  struct buf clean; /* the fields again when something was removed or replaced */
  struct csv_issue issues[CSV_MAX_ISSUES]; /* the current row's problems */
  size_t n_issues;                         /* issues used */
};

struct csv_row {
  char **fields;                  /* borrowed from the reader; valid until the next csv_next */
  size_t n;                       /* number of fields */
  long line;                      /* line the row starts on */
  const struct csv_issue *issues; /* borrowed, like fields: removals and refusals */
  size_t n_issues;                /* 0 for a clean row */
};

/* Take ownership of `data` (malloc'd, `len` bytes) and prepare to read it.
 * Strips a BOM and detects the separator from the first line. */
int csv_open_mem(struct csv_reader *r, char *data, size_t len, struct err *err);
/* Read the whole file at `path` and prepare to read it. */
int csv_open_file(struct csv_reader *r, const char *path, struct err *err);
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
