/* xlsx_read.h: the first sheet of an .xlsx workbook, row by row, as text cells.
 *
 * The workbook is a zip of XML parts (libzip, libxml2's streaming reader:
 * memory stays bounded by one row plus the shared strings). The first sheet
 * of xl/workbook.xml is read, whatever its name. Every cell comes back as the
 * text a register cell parser reads: strings as written (shared, inline or a
 * formula's result), numbers in plain digits with a decimal comma and never
 * an exponent ("1234,5", 10090000001), booleans as "có" / "không", and a
 * number whose cell style is a date format (numFmt 14-17, 22, 27-36, 50-58
 * or a custom code with day or year fields) as the date dd/mm/yyyy, from
 * the 1900 or 1904 date system the workbook declares. Rows carry the sheet's
 * own row number, and cells sit at their own column ("C" is field 2), with
 * "" for a cell not in the file.
 *
 * The file is read into memory once and the zip read from there, so the
 * bytes a caller hashes (xlsx_bytes) are the bytes imported. A file that is
 * not a zip with a workbook and a sheet is refused with a message for a
 * person. Sizes are capped against zip bombs: the file, the number of
 * entries, each part's uncompressed size as declared and as actually read. */
#ifndef PCMT_INGEST_XLSX_READ_H
#define PCMT_INGEST_XLSX_READ_H

#include "base/err.h"
#include "ingest/table_read.h"

#define XLSX_MAX_FILE    ((long long)1 << 30)   /* the file, read into memory: 1 GiB */
#define XLSX_MAX_ENTRIES 10000                  /* files in the zip */
#define XLSX_MAX_SHEET   ((long long)2 << 30)   /* the sheet part, uncompressed: 2 GiB */
#define XLSX_MAX_STRINGS ((long long)512 << 20) /* the shared strings part */
#define XLSX_MAX_PART    ((long long)64 << 20)  /* workbook, relationships, styles */
#define XLSX_MAX_COLUMNS 16384                  /* Excel's columns, A..XFD */

struct xlsx_reader;

/* Open `path` and get ready to read its first sheet. *out is the caller's
 * (xlsx_close). ERR_IO when the file cannot be opened, ERR_INPUT when it is
 * not an .xlsx workbook or breaks a cap, ERR_NOMEM. */
int xlsx_open(struct xlsx_reader **out, const char *path, struct err *err);

/* The next row of the sheet (rows the file leaves out are skipped; a row
 * written with no cells comes back with n = 0): 1, 0 at the end,
 * TABLE_BAD_ROW for a row with refused characters (as table_read.h says:
 * the cells' characters are checked as a CSV file's are), -1 when the sheet
 * is broken (err names the row). */
int xlsx_next(struct xlsx_reader *r, struct table_row *row, struct err *err);

/* Back to the sheet's first row. */
int xlsx_rewind(struct xlsx_reader *r, struct err *err);

/* The bytes of the file the workbook is read from (borrowed; len bytes). */
const void *xlsx_bytes(const struct xlsx_reader *r, size_t *len);

/* Close and free; accepts NULL. */
void xlsx_close(struct xlsx_reader *r);

#endif
