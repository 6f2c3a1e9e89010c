/* store_reports.h: the reporting calendar's data and the unit reports
 * (tables report_regime, report_schedule, unit_report, unit_report_version,
 * unit_report_figure; migration 022).
 *
 * Territory. A scheduled report belongs to its plan and a unit report to
 * the scheduled report it answers. The calendar's feed holds the plans in
 * the caller's territory (PLAN_IN_SCOPE, as store_plans.c) and, besides
 * them, the units inside the caller's territory that owe a report to a
 * plan above it (a commune officer sees what the commune owes the district
 * plan, not the district's other units). A unit report is reached when its
 * plan is in the caller's territory or its owing unit is; otherwise it is
 * ERR_NOT_FOUND, as a missing id.
 *
 * The store reads and writes; who owes what, the cut-off and who may act
 * are decided above it (domain/calendar.h, app/app_report.h). Writers run
 * inside the caller's write transaction. */
#ifndef PCMT_STORE_STORE_REPORTS_H
#define PCMT_STORE_STORE_REPORTS_H

#include <stddef.h>

#include "base/err.h"
#include "types/scope.h"

struct store;

/* A published plan with a reporting schedule. */
struct store_cal_plan {
  long id;               /* plan id */
  char number[64];       /* "07/KH-BCĐ", "" when unknown */
  char issuer[256];      /* as written, "" when unknown */
  char kind[16];         /* LABEL_PLAN_KIND code */
  char period_start[11]; /* ISO, "" when unknown */
  char period_end[11];
  long unit_id;       /* the plan's unit, 0: national */
  char unit_tree[12]; /* its tree and code, "" when national */
  char unit_code[8];
  int unit_level;      /* 1 province, 2 district (old tree) or commune (new), 3 commune */
  int in_scope;        /* 1: the plan is in the caller's territory */
  char unit_name[160]; /* "huyện Bình Sơn", "" when national */
  char closed_on[11];  /* ISO: the day the plan was closed; "" while it runs */
};

/* A phase of one of those plans. */
struct store_cal_phase {
  long plan_id;
  char name[128];    /* as written */
  char start_on[11]; /* ISO, "" when open */
  char end_on[11];
};

/* A scheduled report. */
struct store_cal_schedule {
  long id;              /* report_schedule id */
  long plan_id;         /* its plan */
  char name[256];       /* as written */
  char due_on[11];      /* ISO, "" when unknown */
  char recipient[256];  /* as written, "" when not stated */
  char periodicity[20]; /* set by hand (LABEL_PERIODICITY code), "" to read from the name */
  char cutoff_from[11]; /* the plan's own cut-off, "" when none */
  char cutoff_to[11];
  int lower_lead_days; /* units below report that many days earlier */
  char recurs[12];     /* "yearly": every year of the plan's period from due_on; "" once */
};

/* Who may owe a plan's reports: a unit directly below the plan's unit
 * (unit_id set), or an agency kind leading one of its tasks (unit_id 0). */
struct store_cal_owner {
  long plan_id;
  long unit_id; /* the unit, 0 for an agency */
  char unit_tree[12];
  char unit_code[8];
  char unit_name[160]; /* "xã Bình Hải", its latest name */
  char valid_from[11]; /* the unit's life, ISO */
  char valid_to[11];
  char agency_kind[24];  /* the agency kind, "" for a unit */
  char agency_level[12]; /* the level the plan gives it, "" when not stated */
};

/* A unit report in reach, for the calendar and the lists. */
struct store_cal_report {
  long id;
  long schedule_id;
  long unit_id;                /* 0 for an agency */
  char agency_kind[24];        /* "" for a unit */
  char occurs_on[11];          /* the occurrence it answers: the plan's due date, ISO */
  char status[12];             /* draft, submitted, accepted, returned */
  int version;                 /* the current version */
  char first_submitted_on[11]; /* ISO, "" when never submitted */
};

/* A statutory cut-off rule. */
struct store_cal_regime {
  long id;
  char periodicity[16]; /* monthly, quarterly, half_year, annual */
  int cut_day;          /* 15: from day 15 of the month before; 1: the calendar period */
  char source[256];     /* legal source */
  char from[11];        /* in force from, ISO */
  char to[11];          /* to, ISO, "" when open */
};

/* What the calendar is computed from: everything in the caller's reach. */
struct store_calendar {
  struct store_cal_plan *plans;
  size_t n_plans;
  struct store_cal_phase *phases;
  size_t n_phases;
  struct store_cal_schedule *schedules; /* plan by plan, in the plan's order */
  size_t n_schedules;
  struct store_cal_owner *owners; /* plan by plan: agencies, then units by code */
  size_t n_owners;
  struct store_cal_report *reports;
  size_t n_reports;
  struct store_cal_regime *regimes;
  size_t n_regimes;
};
void store_calendar_free(struct store_calendar *c); /* accepts NULL */

/* The calendar's feed for the caller (see the territory rule above), into
 * *out (store_calendar_free, also on failure). plan_id 0: every published
 * plan; else only that one. */
int store_calendar_load(struct store_calendar *out, struct store *st, const struct scope *sc,
                        long plan_id, struct err *err);

/* The statutory rules, by periodicity and date. */
int store_regime_list(struct store_cal_regime **out, size_t *n, struct store *st, struct err *err);
/* Change rule `id`'s cut day and dates (to "" : open). ERR_NOT_FOUND. */
int store_regime_set(struct store *st, long id, int cut_day, const char *from, const char *to,
                     struct err *err);

/* Set scheduled report `schedule_id`'s periodicity ("" : read from the
 * name), own cut-off (both "" : none) and lead days, for a plan in the
 * caller's territory (else ERR_NOT_FOUND). */
int store_schedule_set(struct store *st, const struct scope *sc, long schedule_id,
                       const char *periodicity, const char *cutoff_from, const char *cutoff_to,
                       int lower_lead_days, struct err *err);

/* ---- unit reports ----------------------------------------------------------- */

/* A unit report and its current version. */
struct store_report {
  long id;
  long schedule_id;
  long plan_id;
  int plan_in_scope;    /* 1: the plan is in the caller's territory */
  char plan_status[12]; /* published, closed */
  long unit_id;         /* the owing unit, 0 for an agency */
  char unit_tree[12];
  char unit_code[8];
  char agency_kind[24]; /* the owing agency kind, "" for a unit */
  char occurs_on[11];   /* the occurrence: the plan's due date it answers, ISO */
  char period_from[11]; /* the cut-off when drafted, ISO */
  char period_to[11];
  char due_on[11];             /* ISO */
  char status[12];             /* draft, submitted, accepted, returned */
  int version;                 /* current version number */
  char first_submitted_on[11]; /* ISO, "" when never */
  long version_id;             /* the current version's row */
  char *situation;             /* the narrative parts of the current version, malloc'd */
  char *results;
  char *limitations;
  char *proposals;
};
void store_report_free(struct store_report *r); /* the strings; accepts NULL */

/* Report `id` in the caller's reach into *out (store_report_free whatever
 * the result); ERR_NOT_FOUND otherwise. */
int store_report_get(struct store_report *out, struct store *st, const struct scope *sc, long id,
                     struct err *err);

/* The report of occurrence `occurs_on` (ISO) of schedule `schedule_id`
 * owed by unit `unit_id` (0) or agency kind `agency_kind` (""), into *id
 * (0 when none). */
int store_report_find(long *id, struct store *st, long schedule_id, const char *occurs_on,
                      long unit_id, const char *agency_kind, struct err *err);

/* What a new report records. */
struct store_report_new {
  long schedule_id;
  long unit_id;                                 /* 0 for an agency */
  const char *agency_kind;                      /* "" for a unit */
  const char *occurs_on;                        /* the occurrence, ISO */
  const char *period_from, *period_to, *due_on; /* ISO */
  long user_id;                                 /* who drafts it */
};
/* Insert a report in status draft with an empty version 1; *id its id. */
int store_report_insert(long *id, struct store *st, const struct store_report_new *in,
                        struct err *err);

/* Set the narrative parts of version row `version_id` (NULL: unchanged). */
int store_report_text_set(struct store *st, long version_id, const char *situation,
                          const char *results, const char *limitations, const char *proposals,
                          struct err *err);

/* One frozen figure. */
struct store_report_figure {
  char indicator[48]; /* catalogue code */
  int has_value;
  double value;
  int has_before; /* the same period last year */
  double before;
};

/* Mark report `id`'s current version `version_id` submitted on `on` (ISO)
 * by user `user_id` with its figures f[0..n), the report "submitted" and
 * its first submission `on` if it had none. */
int store_report_submit(struct store *st, long id, long version_id, const char *on, long user_id,
                        const struct store_report_figure *f, size_t n, struct err *err);

/* Record the recipient's decision ("accepted" or "returned", comment
 * required to return) on version `version_id` of report `id`. A return
 * opens version+1 with the narrative parts copied, in status "returned". */
int store_report_decide(struct store *st, long id, long version_id, const char *decision,
                        const char *on, long user_id, const char *comment, struct err *err);

/* One version of a report, for the history. */
struct store_report_version {
  long id;
  int version;
  char submitted_on[11]; /* ISO, "" when a draft */
  char submitted_by[64]; /* login, "" */
  char decision[12];     /* accepted, returned, "" */
  char decided_on[11];
  char decided_by[64];
  char *comment;                                       /* malloc'd, NULL when none */
  char *situation, *results, *limitations, *proposals; /* malloc'd */
};
struct store_report_version_list {
  struct store_report_version *items;
  size_t n;
};
void store_report_version_list_free(struct store_report_version_list *l); /* accepts NULL */

/* The versions of report `id` (in reach: the caller got it first), oldest first. */
int store_report_versions(struct store_report_version_list *out, struct store *st, long id,
                          struct err *err);

/* The figures frozen with version row `version_id`, in *out (malloc'd), *n. */
int store_report_figures(struct store_report_figure **out, size_t *n, struct store *st,
                         long version_id, struct err *err);

#endif
