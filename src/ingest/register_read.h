/* register_read.h: a register's rows as read from a table file, cell by spec column.
 *
 * The file's header row names the columns: the Vietnamese headers of the
 * register's spec, compared without case or diacritics, in any order; other
 * columns ("STT", a rejects file's "Dòng" and "Lỗi") are ignored. A missing
 * required column refuses the whole file. Each data row then comes out as
 * one raw cell per spec column (NULL when the file has no such column),
 * normalised for what a spreadsheet may have done to it:
 *
 *  - the apostrophe the exporter put before a cell a spreadsheet would run
 *    as a formula ("'=...", output/csv_write.h) is dropped again;
 *  - a national ID whose leading zeros a spreadsheet dropped gets them back
 *    (every ID begins with 0: ten or eleven digits not starting with 0 are
 *    such an ID);
 *  - a short date ("11/03/97") is put day first by the order the whole
 *    file shows (ingest/sheet_dates.h): reg_reader_open reads the rows once
 *    to see it, then rewinds;
 *  - a row of blanks or of separators only (";;;;" below a spreadsheet's
 *    table) is no row: skipped, not counted.
 *
 * A row the reader cannot take comes out as REG_READ_BAD_ROW, as read, with
 * its reasons in r->why, for the import to reject; the reading goes on at
 * the next row. That is a row whose characters the table reader refuses
 * (NUL, controls, layout characters, invalid UTF-8: ingest/cell_check.h),
 * each named by column ("Họ tên (cột 3): chứa byte NUL ở ký tự thứ 7"), and
 * a row with a short date whose day/month order the file does not show.
 * Characters removed from a row are on r->row.issues, for a note
 * (reg_reader_describe). A header row with refused characters refuses the
 * file.
 *
 * Reading only: what a cell means is the register's rules (domain/register.h)
 * and saving the rows is the import operation's (app/app_register.h). */
#ifndef PCMT_INGEST_REGISTER_READ_H
#define PCMT_INGEST_REGISTER_READ_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"
#include "ingest/sheet_dates.h"
#include "ingest/table_read.h"
#include "types/register.h"

/* reg_reader_next's answer for a row the reader cannot take (see above). */
#define REG_READ_BAD_ROW TABLE_BAD_ROW

struct reg_reader {
  struct table_reader table;        /* the file */
  const struct reg_spec *spec;      /* the register read */
  int map[REG_MAX_COLUMNS];         /* the file column of each spec column, -1 when absent */
  struct table_row header;          /* the header row, copied (owned; no issues) */
  struct cell_issues header_issues; /* characters removed from the header row */
  struct table_row row;             /* the current data row as read (borrowed from table) */
  const char *raw[REG_MAX_COLUMNS]; /* the current row's cells by spec column */
  char nid[REG_MAX_COLUMNS][13];    /* national IDs with their zeros put back */
  char date[REG_MAX_COLUMNS][16];   /* short dates turned day first */
  struct sheet_dates order;         /* what the file's date cells show of their order */
  struct buf why;                   /* why the current row is bad (REG_READ_BAD_ROW) */
};

/* Open `path` as register `spec`: read and map its header row, and see the
 * day/month order of its dates (a first pass over the rows). ERR_INPUT for
 * an empty file, a file that cannot be read as a table, a header row with
 * refused characters, or a missing required column (named, with the command
 * that lists the columns); ERR_IO when the file cannot be read. On success
 * the caller owns *out (reg_reader_close); on failure nothing is left open. */
int reg_reader_open(struct reg_reader *out, const struct reg_spec *spec, const char *path,
                    struct err *err);

/* The next data row into r->row (as read) and r->raw (by spec column):
 * 1 = a row, 0 = end of the file, REG_READ_BAD_ROW = a row the reader
 * cannot take, in r->row, its reasons in r->why (r->raw is not to be used;
 * err is not touched), -1 = the file stops being readable (an unterminated
 * quote, a broken sheet: err names the line; ERR_NOMEM). */
int reg_reader_next(struct reg_reader *r, struct err *err);

/* The problems of one kind (refused = 1: characters refused; 0: removed)
 * among `issues`, appended to out as "Họ tên (cột 3): chứa byte NUL ở ký tự
 * thứ 7; ...", each column named by r's header. For refused problems none
 * of which is described (past CELL_MAX_ISSUES) a general reason. */
void reg_reader_describe(struct buf *out, const struct reg_reader *r,
                         const struct cell_issue *issues, size_t n, int refused);

/* Close r. Accepts NULL. */
void reg_reader_close(struct reg_reader *r);

#endif
