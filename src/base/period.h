/* period.h: closed date ranges with a kind, the unit of every figure.
 *
 * Text forms for the CLI and API: "2024", "2024-H1", "2024-Q3", "2024-09",
 * "2024-09-15" (a day) and "2024-09-01..2024-10-31" (custom, e.g. a campaign
 * phase). Vietnamese forms as plans write them: "Quý II/2018", "6 tháng đầu năm
 * 2024", "tháng 6/2024", "năm 2025". */
#ifndef PCMT_BASE_PERIOD_H
#define PCMT_BASE_PERIOD_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

enum period_kind {
  PERIOD_DAY,
  PERIOD_MONTH,
  PERIOD_QUARTER,
  PERIOD_HALF,
  PERIOD_YEAR,
  PERIOD_CUSTOM
};

struct period {
  enum period_kind kind;
  struct date start; /* first day, inclusive */
  struct date end;   /* last day, inclusive; never before start */
};

#define PERIOD_TEXT_MAX 32 /* longest canonical text form + NUL */

/* Parse a canonical text form (see above). */
int period_parse(struct period *out, const char *text, struct err *err);
/* Write the canonical text form ("2024-Q3" ...) into buf (>= PERIOD_TEXT_MAX). */
void period_format(char *buf, size_t n, const struct period *p);

/* Parse a Vietnamese period phrase: "Quý II/2018", "quý 3 năm 2024",
 * "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "9 tháng đầu năm 2024"
 * (any 1-12 months from the start or to the end of a year), "tháng 6/2024",
 * "tháng 6 năm 2024", "năm 2025"; a phrase without a year takes default_year
 * (0 = none: error). */
int period_parse_vn(struct period *out, const char *text, int default_year, struct err *err);
/* Vietnamese name: "Quý III/2024", "6 tháng đầu năm 2024", "6 tháng cuối năm
 * 2024", "năm 2024", "tháng 9/2024", "ngày 15/09/2024",
 * "từ 01/09/2024 đến 31/10/2024". */
void period_name_vn(char *buf, size_t n, const struct period *p);

/* Constructors for the standard kinds; return ERR_INPUT for bad numbers. */
int period_year(struct period *out, int y);
int period_half(struct period *out, int y, int half);       /* 1 or 2 */
int period_quarter(struct period *out, int y, int quarter); /* 1..4 */
int period_month(struct period *out, int y, int m);
int period_day(struct period *out, struct date d);
int period_custom(struct period *out, struct date start, struct date end, struct err *err);

int period_contains(const struct period *p, struct date d);
/* The period just before, of the same kind and length: the previous quarter,
 * month, half or year; for a custom period, the same number of days ending the
 * day before it starts. */
void period_previous(struct period *out, const struct period *p);
/* The same period one year earlier (29/2 becomes 28/2). */
void period_last_year(struct period *out, const struct period *p);
/* The periods of `kind` (not CUSTOM) that overlap `range`, in order, clipped
 * to nothing: whole periods, from the one containing range->start to the one
 * containing range->end. *out is malloc'd (caller frees); *n its length. */
int period_split(struct period **out, size_t *n, const struct period *range, enum period_kind kind,
                 struct err *err);

#endif
