/* consolidated.h: the consolidated report of a plan for a period, as data.
 *
 * What the standing body signs on report day (docs/consolidated.md): the
 * figures of the plan's territory for the period beside the same period
 * last year, the targets' status at the period's end, a table per unit
 * below the territory, the lagging units, the overdue tasks and the
 * reporting completeness. Gathered by app/app_consolidated.h, written by
 * output/consolidated_*.h (JSON, .docx, .xlsx). Every figure keeps where it
 * comes from (indicator, unit, period) so a page can open the records
 * behind it; small counts are hidden for roles without access to personal
 * records (domain/suppress.h). */
#ifndef PCMT_DOMAIN_CONSOLIDATED_H
#define PCMT_DOMAIN_CONSOLIDATED_H

#include <stddef.h>

#include "base/period.h"
#include "domain/target_eval.h"
#include "types/unit.h"

/* The indicators of the per-unit table, in column order. */
#define CONS_UNIT_COLS 6
extern const char *const CONS_UNIT_INDICATORS[CONS_UNIT_COLS];

/* One figure of the territory: an indicator now and a year before. */
struct cons_figure {
  const char *indicator; /* catalogue code (static) */
  const char *name;      /* its Vietnamese name (static) */
  const char *noun;      /* "vụ", "người", "%" (static) */
  int has_now, has_before;
  double now, before;
  int hidden_now, hidden_before; /* shown as "<5" */
};

/* One unit below the territory. */
struct cons_unit_row {
  struct unit unit; /* named as on the period's end */
  double values[CONS_UNIT_COLS];
  unsigned char hidden[CONS_UNIT_COLS]; /* shown as "<5" */
};

/* A task assignee overdue at the period's end. */
struct cons_task {
  char section[16];
  char *text; /* malloc'd */
  char agency[256];
  char deadline[11]; /* ISO */
  long overdue_days;
};

/* Completeness of one report of the plan due in the period. */
struct cons_report {
  char name[256];
  char due[11]; /* ISO, the plan's date */
  size_t owed, submitted, on_time;
};

struct consolidated {
  long plan_id;
  char plan_number[64];
  char plan_title[512];
  char issuer[256];
  char recipient[256]; /* the plan's reports' recipient, "" when none */
  struct unit unit;    /* the plan's territory (id 0: national) */
  struct period period, before;
  char period_name[64]; /* "Quý III/2026" */
  struct date at;       /* the period's end: targets and tasks are read on it */
  int suppress;         /* small counts hidden (the caller may not read personal records) */
  struct cons_figure *figures;
  size_t n_figures;
  struct target_report targets;
  struct cons_unit_row *units;
  size_t n_units;
  double unit_totals[CONS_UNIT_COLS];
  unsigned char total_hidden[CONS_UNIT_COLS];
  char **lagging; /* "huyện Bảo Thắng: 2 chỉ tiêu không đạt, 1 có nguy cơ" (malloc'd each) */
  size_t n_lagging;
  struct cons_task *overdue;
  size_t n_overdue;
  struct cons_report *reports;
  size_t n_reports;
};
void consolidated_free(struct consolidated *c); /* accepts NULL */

/* Hide the small counts of c as domain/suppress.h says, when c->suppress:
 * its figures when its territory is below province level; in each per-unit
 * column the small counts of units below province level, and the column's
 * total when it would give one back, together with the territory's own
 * figure for that indicator (the same total, shown elsewhere). */
void consolidated_suppress(struct consolidated *c);

#endif
