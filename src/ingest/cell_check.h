/* cell_check.h: the characters of a table cell, as a register import takes them.
 *
 * Bad bytes are refused, never cut or stored invisibly. Every character of a
 * cell is looked at once (utf8proc), and:
 *  - invalid UTF-8, a NUL byte, another control character (Unicode category
 *    Cc: C0 but TAB, LF and CR; DEL; C1), the replacement character U+FFFD
 *    (text already damaged by a conversion) and every invisible format
 *    character (category Cf) that takes part in the layout of text (the
 *    bidirectional controls U+202A-U+202E, U+2066-U+2069 and marks U+200E,
 *    U+200F, U+061C, which can make a cell display differently from what it
 *    holds; the Arabic number signs, interlinear annotations) are REFUSED:
 *    the row holding them is a bad row;
 *  - an invisible format character that layout ignores (Cf with bidi class
 *    BN: a BOM U+FEFF inside the text, the zero-width space, joiners
 *    U+200B-U+200D, the word joiner U+2060-U+2064, the soft hyphen U+00AD,
 *    tag characters) is what pasting from Word or a web page leaves: it is
 *    REMOVED, and the row says so in a note.
 * What is left of a cell after removal is exactly what a person saw. The
 * classes are read from Unicode (category and bidi class), not from a list,
 * so a character added to Unicode later falls into its class by itself.
 * Every table format (ingest/csv.h, ingest/xlsx_read.h) checks its cells
 * here, so a row is judged the same whatever wrote it. */
#ifndef PCMT_INGEST_CELL_CHECK_H
#define PCMT_INGEST_CELL_CHECK_H

#include <stddef.h>

#include "base/buf.h"

/* Problems described per row; more are acted on but not described. */
#define CELL_MAX_ISSUES 16

/* One problem of a row: a refused character, or characters removed. */
struct cell_issue {
  size_t col;     /* 0-based column */
  int refused;    /* 1: the row is bad; 0: characters were removed, the row is kept */
  char what[160]; /* Vietnamese, without the line or column: "chứa byte NUL ở ký tự thứ 7" */
};

/* The problems of one row. */
struct cell_issues {
  struct cell_issue items[CELL_MAX_ISSUES]; /* in column order */
  size_t n;                                 /* items used */
};

/* cell_check's answer: a bit set. */
enum { CELL_REFUSED = 1, CELL_REMOVED = 2 };

/* Check the n bytes at s, the cell of column `col` (a NUL byte inside is
 * data, and refused). Without `out`: the cell's first refused character
 * and, when some were removed, a note of them are added to `is` (when it
 * has room). With `out`: the cell as it is handed out is appended to it,
 * removed characters dropped and refused ones written as U+FFFD so that a
 * person sees where they were; `is` is not touched (it may be NULL). Returns
 * CELL_REFUSED | CELL_REMOVED as found, 0 for a clean cell. Out of memory
 * shows as buf_failed(out). */
int cell_check(struct cell_issues *is, size_t col, const char *s, size_t n, struct buf *out);

/* The first refused problem of `is`, or NULL (none, or past CELL_MAX_ISSUES). */
const struct cell_issue *cell_issues_refused(const struct cell_issues *is);

struct err;
/* ERR_INPUT for row `line` whose cells hold a refused problem: the first
 * one, by column ("dòng 12, cột 3: ..."), the same from every reader. */
int cell_issues_refuse(const struct cell_issues *is, long line, struct err *err);

#endif
