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

#include "base/err.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "domain/target_eval.h"
#include "types/unit.h"

/* The key indicators of the document's per-unit table, in column order
 * (the workbook gives every indicator, a sheet per catalogue section). */
#define CONS_KEY_COLS 6
extern const char *const CONS_KEY_INDICATORS[CONS_KEY_COLS];

/* One figure of the territory: an indicator now and a year before. */
struct cons_figure {
  const char *indicator; /* catalogue code (static) */
  const char *name;      /* its Vietnamese name (static) */
  const char *noun;      /* "vụ", "người", "%" (static) */
  int has_now, has_before;
  double now, before;
  int hidden_now, hidden_before; /* shown as "<5" */
};

/* One unit below the territory (or the column totals): a cell per column
 * of the per-unit table, that is per indicator of the catalogue. */
struct cons_unit_row {
  struct unit unit;      /* named as on the period's end (unused for the totals) */
  double *values;        /* n_cols figures (malloc'd; has and hidden live in the same block) */
  unsigned char *has;    /* n_cols: 0 = no figure ("-") */
  unsigned char *hidden; /* n_cols: shown as "<5" */
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
  const struct indicator_def *cols; /* the per-unit table's columns: the catalogue (static) */
  size_t n_cols;
  struct cons_unit_row
      *units; /* the units directly below the territory (provinces when national) */
  size_t n_units;
  struct cons_unit_row total; /* each column's total: a sum, or for a ratio the ratio of the sums */
  char **lagging; /* "huyện Bảo Thắng: 2 chỉ tiêu không đạt, 1 có nguy cơ" (malloc'd each) */
  size_t n_lagging;
  struct cons_task *overdue;
  size_t n_overdue;
  struct cons_report *reports;
  size_t n_reports;
};
void consolidated_free(struct consolidated *c); /* accepts NULL */

/* Make row r's cells for c->n_cols columns, all empty. ERR_NOMEM. */
int consolidated_row_init(struct cons_unit_row *r, size_t n_cols, struct err *err);

/* The column of indicator `code` in the per-unit table (c->n_cols when absent). */
size_t consolidated_col(const struct consolidated *c, const char *code);

/* Fill c->total from the units: a count column adds its units' figures; a
 * ratio column is 100 x the total of its numerator over the total of its
 * denominator, so it weighs each unit by its size. A column has a total
 * when one of its units has a figure. */
void consolidated_totals(struct consolidated *c);

/* Hide the small counts of c as domain/suppress.h says, when c->suppress:
 * its figures when its territory is below province level; in each per-unit
 * column the small counts of units below province level, and the column's
 * total when it would give one back, together with the territory's own
 * figure for that indicator (the same total, shown elsewhere). A ratio
 * whose numerator or denominator is hidden is hidden too, in the same row
 * (or total, or figure): with its other part it would give the count back. */
void consolidated_suppress(struct consolidated *c);

#endif
