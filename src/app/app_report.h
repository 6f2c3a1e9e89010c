/* app_report.h: the reporting calendar and the unit reports (`pcmt
 * calendar`, `pcmt report`).
 *
 * The calendar (domain/calendar_build.h) says who owes which report of
 * which published plan, for which cut-off, by when and to whom. A unit
 * report answers one of its entries: it is drafted from the owner's data
 * (its indicators over the cut-off beside the same period last year, its
 * tasks' progress, and a slot for its targets' status), the officer writes
 * the narrative parts (situation, results, limitations, proposals) and
 * submits it; the recipient accepts it or returns it with a comment; a
 * returned report is corrected in a new version and submitted again. Every
 * version is kept; the figures are frozen at each submission and shown
 * beside the live ones.
 *
 * Workflow: (no report) "due" -> draft -> submitted -> accepted, or
 * submitted -> returned -> (edited) submitted -> ... A report is edited
 * only while draft or returned, submitted only then, decided only while
 * submitted (ERR_CONFLICT otherwise), and not at all once its plan is
 * closed.
 *
 * Who may (docs/reports.md):
 *  - the owner's side drafts, edits and submits: for a unit below the
 *    plan's territory, an officer whose territory is that unit or inside
 *    it (the plan above lies outside it); for a member agency, a user of
 *    the agency role of that kind whose territory holds the plan; the
 *    local administrator always;
 *  - the recipient's side accepts and returns: an officer whose territory
 *    holds the plan (the standing office of the body that issued it, or
 *    above), or the administrator;
 *  - everyone reads the calendar and the reports in reach (no personal
 *    data: reads are not audited); a leader acts on none.
 * Every change runs in one write transaction with its audit row
 * ("report.draft", "report.edit", "report.submit", "report.accept",
 * "report.return", "calendar.cutoff", "calendar.regime"). */
#ifndef PCMT_APP_APP_REPORT_H
#define PCMT_APP_APP_REPORT_H

#include <stddef.h>

#include "base/err.h"
#include "domain/calendar_build.h"
#include "domain/indicator.h"
#include "domain/report_view.h"
#include "store/store_reports.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* ---- the calendar ------------------------------------------------------------ */

struct app_calendar_in {
  long plan_id;      /* 0: every published plan in reach */
  const char *tree;  /* with unit: its tree (NULL: the tree in force today) */
  const char *unit;  /* NULL: the caller's territory; else a unit code inside it */
  const char *from;  /* ISO due dates from ... (NULL: open) */
  const char *to;    /* ... to (NULL: open) */
  const char *today; /* ISO date timeliness is read on; NULL: today */
};

struct app_calendar {
  struct store_calendar feed; /* what the entries point into */
  struct calendar cal;        /* the entries and the completeness per report */
  char today[11];             /* ISO date it was read on */
  struct unit unit;           /* with --unit: the unit taken */
};
void app_calendar_free(struct app_calendar *c); /* accepts NULL */

/* The calendar of the caller's territory (narrowed to in->unit). ERR_INPUT
 * for a bad date; ERR_DENIED for a unit outside the territory. Any role. */
int app_calendar(struct app_calendar *out, struct store *st, const struct scope *caller,
                 const struct app_calendar_in *in, struct err *err);

/* What a scheduled report's own settings become. */
struct app_calendar_set_in {
  long schedule_id;
  const char *periodicity; /* LABEL_PERIODICITY code or label; NULL: unchanged; "": from name */
  const char *cutoff_from; /* the plan's own cut-off (dd/mm/yyyy or ISO), both or none; */
  const char *cutoff_to;   /* NULL: unchanged; "": none */
  int lead_days;           /* days units below report earlier; -1: unchanged */
};
/* Change a scheduled report's periodicity, own cut-off or lead days: an
 * administrator or an officer of the plan's territory, audited
 * "calendar.cutoff". ERR_NOT_FOUND outside the territory, ERR_INPUT for bad
 * values, ERR_DENIED by role. */
int app_calendar_set(struct store *st, const struct scope *caller,
                     const struct app_calendar_set_in *in, struct err *err);

/* The statutory cut-off rules into *out (malloc'd, the caller frees), *n
 * their number. Public reference data: any role, not audited. */
int app_calendar_regimes(struct store_cal_regime **out, size_t *n, struct store *st,
                         struct err *err);

/* Change a statutory rule (its cut day, 1..28, and dates; to NULL or "":
 * open): the administrator only, audited "calendar.regime". */
int app_calendar_regime_set(struct store *st, const struct scope *caller, long regime_id,
                            int cut_day, const char *from, const char *to, struct err *err);

/* ---- unit reports -------------------------------------------------------------- */

/* Which calendar entry a report answers. */
struct app_report_owner {
  long schedule_id;   /* the scheduled report */
  const char *tree;   /* a unit below the plan: its tree (NULL: read on the due date) ... */
  const char *unit;   /* ... and code; or NULL for an agency */
  const char *agency; /* an agency kind (code or label) when unit is NULL */
  const char *due;    /* the occurrence: the plan's due date it answers (dd/mm/yyyy or ISO);
                         NULL when the report occurs once */
  const char *today;  /* ISO; NULL: today */
};

/* Draft the report of the entry `in` names, as the caller (owner's side),
 * in one transaction with its audit row; *id the report. ERR_NOT_FOUND when
 * the calendar has no such entry in reach; ERR_INPUT when a yearly report
 * is named without its occurrence (in->due); ERR_CONFLICT when it is drafted
 * already (the message names it); ERR_DENIED by role. */
int app_report_draft(long *id, struct store *st, const struct scope *caller,
                     const struct app_report_owner *in, struct err *err);

/* The narrative parts (NULL: unchanged). */
struct app_report_text {
  const char *situation;
  const char *results;
  const char *limitations;
  const char *proposals;
};
/* Edit the current version of report `id` (draft or returned). */
int app_report_edit(struct store *st, const struct scope *caller, long id,
                    const struct app_report_text *in, struct err *err);

/* Submit report `id` on `today` (ISO; NULL: today), freezing its figures. */
int app_report_submit(struct store *st, const struct scope *caller, long id, const char *today,
                      struct err *err);

/* Accept (comment may be NULL) or return (comment required) report `id`. */
int app_report_accept(struct store *st, const struct scope *caller, long id, const char *comment,
                      const char *today, struct err *err);
int app_report_return(struct store *st, const struct scope *caller, long id, const char *comment,
                      const char *today, struct err *err);

/* Report `id` in reach, with its versions, its frozen figures and the live
 * ones over its cut-off (compared with the same period last year), and its
 * owner's tasks read on the cut-off's last day. ERR_NOT_FOUND. Any role. */
int app_report_show(struct report_view *out, struct store *st, const struct scope *caller, long id,
                    struct err *err);

#endif
