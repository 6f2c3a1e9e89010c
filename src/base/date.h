/* date.h: calendar dates as plans and registers write them.
 *
 * A date is a proleptic Gregorian y/m/d. Parsing accepts the forms plans use
 * and rejects impossible dates (31/2/2024) with a message for a person. */
#ifndef PCMT_BASE_DATE_H
#define PCMT_BASE_DATE_H

#include <stddef.h>

#include "base/err.h"

struct date {
  int y; /* 1..9999 */
  int m; /* 1..12 */
  int d; /* 1..31, valid for the month */
};

#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL; also fits "DD/MM/YYYY" */

/* 1 when y/m/d is a real date in years 1..9999. */
int date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
int date_is_leap(int y);

/* Parse a single date. Accepts, with surrounding white space:
 *   "2024-08-30" (ISO), "30/8/2024", "30/08/2024", "30-8-2024", "30.8.2024",
 *   "ngày 30 tháng 8 năm 2024", "ngày 30/8/2024", and forms without a year
 *   ("ngày 30/8", "30/8", "ngày 30 tháng 8") which take `default_year`
 *   (0 = no default: then a missing year is an error). Two-digit years are
 *   rejected. The whole string must be the date. */
int date_parse(struct date *out, const char *text, int default_year, struct err *err);

/* How a register cell's two-digit year is read (a spreadsheet that took the
 * cell for a date writes it back in its locale's short form, "07/10/80"). */
enum date_yy {
  DATE_YY_REFUSE, /* never: as date_parse */
  DATE_YY_BIRTH,  /* 19yy or 20yy, whichever makes the person 12 to 99 years old */
  DATE_YY_EVENT   /* 20yy (no event of these registers is before 2000) */
};

/* Parse a date cell of a register: every form of date_parse, plus the
 * short forms spreadsheets write, "dd/mm/yy" (also with "." or "-"), read
 * day first as Vietnamese files are, with the year completed by `rule`
 * against `today` (ISO); refused, with a message for a person, when the rule
 * cannot decide (a birth year giving no age in 12..99, an event year in the
 * future). A date written month first ("12/25/1980": the second number cannot
 * be a month) is refused as such rather than guessed. ERR_INPUT with the
 * message on failure. */
int date_parse_cell(struct date *out, const char *text, enum date_yy rule, const char *today,
                    struct err *err);

/* 1 when text is "a/b/y" (or with "." or "-", one kind; blanks around),
 * a and b of 1-2 digits and y of 2 or 4: v gets the three numbers as
 * written, *ylen the digits of y. No check that it is a date. */
int date_short_form(const char *text, int v[3], int *ylen);

/* Find the first date written anywhere in `text` (same forms as date_parse),
 * for free prose such as "hoàn thành trước ngày 30/8/2024". On success sets
 * *out and, when non-NULL, *start and *end to the byte offsets of the match.
 * Returns ERR_NOT_FOUND when there is none. Impossible dates are skipped. */
int date_scan(struct date *out, const char *text, int default_year, size_t *start, size_t *end);

/* "2024-08-30" into buf (at least DATE_ISO_LEN bytes). */
void date_to_iso(char *buf, struct date d);
/* "30/08/2024" into buf (at least DATE_ISO_LEN bytes). */
void date_to_vn(char *buf, struct date d);
/* The dd/mm/yyyy of an ISO date, as the UI shows it, into buf (at least
 * DATE_ISO_LEN bytes); text that is not a date (or NULL, as "") is copied as
 * it is. Returns buf. */
const char *date_iso_to_vn(char *buf, const char *iso);

/* Days since 1970-01-01 (negative before), and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);

int date_cmp(struct date a, struct date b);
struct date date_add_days(struct date d, long n);
/* Add months, clamping the day to the end of the target month (31/1 + 1 = 29/2). */
struct date date_add_months(struct date d, int n);
/* 1 = Monday .. 7 = Sunday. */
int date_weekday(struct date d);
/* Today in local time. */
struct date date_today(void);
/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into buf (n >= 21), the
 * form every stored timestamp takes. */
void date_now_utc(char *buf, size_t n);

#endif
