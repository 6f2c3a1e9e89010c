/* calendar.h: the reporting calendar's rules — which period a scheduled
 * report covers, who owes it, when, and whether it came in time.
 *
 * A plan's reporting schedule (types/plan.h struct plan_report) names each
 * report as written ("Quý I", "sơ kết 6 tháng", "Báo cáo sơ kết giai đoạn
 * 1") with its due date. Its periodicity is read from that name
 * (calendar_periodicity) unless set by hand. Its data cut-off is, in order:
 *
 *  1. the schedule's own dates, when both are set (the plan's override);
 *  2. for a monthly, quarterly, six-month or annual report, the statutory
 *     rule in force on the due date (struct calendar_regime; Decree
 *     09/2019/NĐ-CP Article 12: from day 15 of the month before the period
 *     to day 14 of its last month), the period being the one that holds the
 *     due date; with no rule in force, the calendar period itself;
 *  3. for a campaign's phase report ("giai đoạn 1"), that phase's dates; for
 *     a campaign's final report ("tổng kết" in a campaign plan), the plan's
 *     period; for "N tháng" in a campaign, N months from the plan's start;
 *  4. otherwise (a one-off report), from the plan's start to the day before
 *     the due date.
 *
 * A cut-off never runs past the day before its due date (a report cannot
 * count the days after it is sent): a quarter's report due 10/3 with the
 * rule's 15/12–14/3 covers 15/12–09/3 and says it was clipped.
 *
 * Timeliness: a report submitted on or before its due date is on time;
 * otherwise it is late by the days after the due date (the day after is
 * 1). A report not submitted yet is late by the days since its due date
 * once that date has passed. Pure functions: no database, no clock. */
#ifndef PCMT_DOMAIN_CALENDAR_H
#define PCMT_DOMAIN_CALENDAR_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "types/plan.h"

/* In types/label.h LABEL_PERIODICITY order. */
enum report_periodicity {
  REPORT_ONCE = 0,       /* a one-off report */
  REPORT_MONTHLY,        /* hằng tháng */
  REPORT_QUARTERLY,      /* quý */
  REPORT_HALF_YEAR,      /* 6 tháng */
  REPORT_ANNUAL,         /* năm, tổng kết năm */
  REPORT_PHASE,          /* a campaign phase's report (sơ kết giai đoạn) */
  REPORT_CAMPAIGN,       /* a campaign's final report (tổng kết đợt) */
  REPORT_CAMPAIGN_MONTHS /* the first N months of a campaign ("01 tháng") */
};

/* One statutory cut-off rule (table report_regime). */
struct calendar_regime {
  enum report_periodicity periodicity; /* monthly .. annual */
  int cut_day;                         /* 15: from day 15 of the month before; 1: calendar */
  struct date from;                    /* in force from (inclusive) ... */
  struct date to;                      /* ... to (inclusive); y == 0: open */
};

/* What a scheduled report's cut-off is read from. Dates with y == 0 are unknown. */
struct calendar_in {
  const char *name;                    /* the report as written */
  enum report_periodicity periodicity; /* as read or set */
  int months;                          /* REPORT_CAMPAIGN_MONTHS: N; REPORT_PHASE: phase number */
  struct date due_on;                  /* the plan's due date */
  struct date own_from, own_to;        /* the schedule's own cut-off (both or none) */
  struct date plan_start, plan_end;    /* the plan's period */
  const struct plan_phase *phases;     /* the plan's phases, in order */
  size_t n_phases;
  const struct calendar_regime *regimes; /* the statutory rules */
  size_t n_regimes;
};

/* Where a cut-off came from (LABEL_CUTOFF_SOURCE order). */
enum cutoff_source {
  CUTOFF_OWN = 0,  /* the schedule's own dates */
  CUTOFF_REGIME,   /* a statutory rule */
  CUTOFF_CALENDAR, /* the calendar period: no rule in force */
  CUTOFF_PLAN      /* the plan's phase, period or start */
};

struct calendar_cutoff {
  struct date from, to;      /* the data cut-off, inclusive; y == 0: unknown */
  enum cutoff_source source; /* where it came from */
  int clipped;               /* 1: cut at the day before the due date */
};

/* The periodicity a report's name reads as (see above), its phase number or
 * month count into *n (0 when none); `campaign` is 1 for a campaign plan. */
enum report_periodicity calendar_periodicity(int *n, const char *name, int campaign);

/* The cut-off of a scheduled report into *out (see above). ERR_INPUT when
 * it cannot be known (no due date; a phase report naming no phase with
 * dates) with the reason. */
int calendar_cutoff(struct calendar_cutoff *out, const struct calendar_in *in, struct err *err);

/* Timeliness on `at` of a report due on `due` and first submitted on
 * `submitted` (y == 0: not yet): *on_time 1 when submitted by the due date,
 * *days_late the days after the due date it was submitted (or, unsubmitted,
 * that have passed by `at`), 0 when in time. */
void calendar_timeliness(int *on_time, long *days_late, struct date due, struct date submitted,
                         struct date at);

/* The code of a periodicity (LABEL_PERIODICITY); ERR_INPUT for an
 * unknown code in calendar_periodicity_parse. */
const char *calendar_periodicity_code(enum report_periodicity p);
int calendar_periodicity_parse(enum report_periodicity *out, const char *code, struct err *err);

#endif
