/* report_view.h: a unit report as it is shown — the report and its
 * current version, every version, the figures frozen at the latest
 * submission beside the live ones, the owner's tasks, and the slot for the
 * targets' status. Filled by app_report_show (app/app_report.h), written
 * by output/report_json.h and the command line. Plain data. */
#ifndef PCMT_DOMAIN_REPORT_VIEW_H
#define PCMT_DOMAIN_REPORT_VIEW_H

#include <stddef.h>

#include "domain/indicator.h"
#include "domain/target_eval.h"
#include "store/store_reports.h"

/* The owner's task assignees of the plan, counted by state. */
struct report_tasks {
  size_t n[6]; /* by enum task_state (domain/task_follow.h) on the cut-off's last day */
  size_t total;
};

/* A report as shown. */
struct report_view {
  struct store_report report;                /* the report and its current version */
  struct store_report_version_list versions; /* every version, oldest first */
  struct store_report_figure *frozen;        /* figures of the latest submitted version */
  size_t n_frozen;
  int frozen_version;           /* its number, 0 when never submitted */
  struct indicator_report live; /* the figures now, with last year */
  int *changed;                 /* per row of live: 1 when it differs from
                                   the frozen value (0 without one) */
  struct report_tasks tasks;    /* the owner's tasks of the plan */
  char plan_number[64];         /* the calendar entry's words: */
  char report_name[256];
  char recipient[256];
  char owner[160]; /* "xã Bình Hải" or the agency's label */
  /* The targets' status on the cut-off's last day: the plan's targets as
   * `plan status` evaluates them, kept to the owing unit's rows (a unit) or
   * to the plan-wide rows and the agency's quotas (an agency). has_targets
   * 0 when the plan lies outside the viewer's territory (a commune officer
   * viewing the report of a district plan): the outputs say so. */
  int has_targets;
  struct target_report targets;
};
void report_view_free(struct report_view *v); /* accepts NULL */

#endif
