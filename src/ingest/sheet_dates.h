/* sheet_dates.h: the day/month order of the dates a spreadsheet wrote into one file.
 *
 * A spreadsheet that recognised "03/11/1997" as a date writes it back in
 * its own locale's short form, and which number comes first depends on that
 * locale, not on the cell: an en-US Calc that opened a Vietnamese file read
 * 03/11 as March 11 and writes "03/11/97" (the digits where they were), while
 * one that read it day first but writes en-US dates writes "11/03/97" and
 * "03/19/07" for 19/03/2007. One cell cannot tell; the file can. Every date
 * cell is seen first (sheet_dates_see): a first number over 12 shows day
 * first, a second one month first. Then each cell is put day first
 * (sheet_dates_fix), the form the register parsers read:
 *   - only month-first cells seen: every short date is turned around;
 *   - otherwise day first, as Vietnamese files are written; but a two-digit
 *     year whose two numbers could each be the month (and differ) in a file
 *     that showed no order, or showed both, cannot be read safely: refused.
 * Four-digit-year dates of a file with no month-first evidence stay as they
 * were always read (day first). */
#ifndef PCMT_INGEST_SHEET_DATES_H
#define PCMT_INGEST_SHEET_DATES_H

#include <stddef.h>

struct sheet_dates {
  long day_first;   /* cells whose first number is over 12 */
  long month_first; /* cells whose second number is over 12 */
};

/* Count what one date cell shows (anything not a short date shows nothing). */
void sheet_dates_see(struct sheet_dates *sd, const char *cell);

/* The cell day first into *out: the cell itself, or buf (n >= 16) turned
 * around. -1 when it cannot be read safely (see above); *out is then the cell. */
int sheet_dates_fix(const char **out, char *buf, size_t n, const char *cell,
                    const struct sheet_dates *sd);

#endif
