/* calendar_build.h: the reporting calendar built from the store's feed —
 * which unit or agency owes which report, for which period and cut-off, by
 * which date, to whom, and how complete and timely the reporting is.
 *
 * Who owes (docs/reports.md, "Who owes"): each scheduled report of a
 * published plan is owed
 *
 *  - by each member agency that leads a task of the plan at the plan's
 *    level (a lead agency whose level the plan states as another level is
 *    not the plan's member), except the police, which is the standing body
 *    receiving the reports and writes the consolidated one, the People's
 *    Committees (the issuer at this level, the units below) and agencies
 *    read as "other" or unknown; these report on the plan's due date;
 *  - by each unit directly below the plan's territory that exists on the
 *    due date (the communes of a district, the districts — or since
 *    1 July 2025 the communes — of a province), which implements it; these
 *    report `lower_lead_days` days before the due date (0 by default,
 *    `pcmt calendar set --lead-days`), so that lower levels report first.
 *
 * A plan without a territory (national) has no unit below in the calendar.
 * The recipient is the report's stated recipient, else the plan's issuer.
 * A report that recurs yearly (a multi-year plan's "hằng năm") occurs on
 * its due date in every year up to the end of the plan's period (only on
 * the first when the period's end is unknown): each occurrence is owed,
 * cut off and reported on its own.
 *
 * Completeness, per occurrence of a scheduled report (a period of one
 * plan): the share of
 * those who owe it that have submitted it (at least once) and that
 * submitted it on time (first submission by their due date: a report
 * returned and corrected keeps the date it first came in). */
#ifndef PCMT_DOMAIN_CALENDAR_BUILD_H
#define PCMT_DOMAIN_CALENDAR_BUILD_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "store/store_reports.h"

/* One obligation: an owner's report for one scheduled report. The
 * pointers borrow from the feed the calendar was built from. */
struct calendar_entry {
  const struct store_cal_plan *plan;
  const struct store_cal_schedule *schedule;
  const struct store_cal_owner *owner;   /* unit_id 0: an agency */
  const struct store_cal_report *report; /* NULL: not drafted yet */
  struct date occurs_on; /* the plan's due date of this occurrence (a yearly report has one a
                            year of the plan's period) */
  enum report_periodicity periodicity;
  struct calendar_cutoff cutoff; /* from.y == 0 when it cannot be known ... */
  char cutoff_error[512];        /* ... and why */
  struct date due;               /* the owner's due date */
  const char *recipient;         /* the report's recipient, else the plan's issuer */
  const char *status;            /* LABEL_REPORT_STATUS code: "due" when not drafted */
  int submitted;                 /* submitted at least once */
  int on_time;                   /* first submitted by the due date */
  long days_late;                /* days after the due date (by `at` when not submitted) */
};

/* Completeness of one scheduled report. */
struct calendar_summary {
  const struct store_cal_schedule *schedule;
  struct date occurs_on; /* the occurrence (one period) */
  const struct store_cal_plan *plan;
  size_t owed;      /* entries in the calendar */
  size_t submitted; /* of them, submitted */
  size_t on_time;   /* of them, on time */
};

struct calendar {
  struct calendar_entry *entries; /* by due date, plan, report, agencies then units */
  size_t n;
  struct calendar_summary *summaries; /* one per scheduled report with an entry, same order */
  size_t n_summaries;
};
void calendar_free(struct calendar *c); /* accepts NULL */

/* 1 when agency kind `kind` stated at level `level` ("" : not stated)
 * owes the reports of a plan at level `plan_level` (see above). */
int calendar_agency_owes(const char *kind, const char *level, const char *plan_level);

/* The level name of a plan's unit: "central" (no unit), "province",
 * "district", "commune". */
const char *calendar_plan_level(const struct store_cal_plan *p);

/* The calendar of `feed` with due dates in [from, to] (y == 0: open), the
 * timeliness read on `at`, into *out (calendar_free, also on failure).
 * The feed must outlive it. ERR_NOMEM. */
int calendar_build(struct calendar *out, const struct store_calendar *feed, struct date from,
                   struct date to, struct date at, struct err *err);

#endif
