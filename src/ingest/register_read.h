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
 *  - a row of blanks or of separators only (";;;;" below a spreadsheet's
 *    table) is no row: skipped, not counted.
 *
 * Reading only: what a cell means is the register's rules (domain/register.h)
 * and saving the rows is the import operation's (app/app_register.h). */
#ifndef PCMT_INGEST_REGISTER_READ_H
#define PCMT_INGEST_REGISTER_READ_H

#include <stddef.h>

#include "base/err.h"
#include "ingest/table_read.h"
#include "types/register.h"

struct reg_reader {
  struct table_reader table;        /* the file */
  const struct reg_spec *spec;      /* the register read */
  int map[REG_MAX_COLUMNS];         /* the file column of each spec column, -1 when absent */
  struct table_row header;          /* the header row, copied (owned) */
  struct table_row row;             /* the current data row as read (borrowed from table) */
  const char *raw[REG_MAX_COLUMNS]; /* the current row's cells by spec column */
  char nid[REG_MAX_COLUMNS][13];    /* national IDs with their zeros put back */
};

/* Open `path` as register `spec`: read and map its header row. ERR_INPUT for
 * an empty file, a file that cannot be read as a table, or a missing
 * required column (named, with the command that lists the columns); ERR_IO
 * when the file cannot be read. On success the caller owns *out
 * (reg_reader_close); on failure nothing is left open. */
int reg_reader_open(struct reg_reader *out, const struct reg_spec *spec, const char *path,
                    struct err *err);

/* The next data row into r->row (as read) and r->raw (by spec column):
 * 1 = a row, 0 = end of the file, < 0 = the file stops being readable (an
 * unterminated quote, invalid UTF-8: err names the line). */
int reg_reader_next(struct reg_reader *r, struct err *err);

/* Close r. Accepts NULL. */
void reg_reader_close(struct reg_reader *r);

#endif
