/* target_eval.h: where a plan's target stands on a date (docs/monitoring.md).
 *
 * A target (types/plan.h) is measured by one indicator of the catalogue,
 * or by values entered by hand ("manual"), over its period: the plan's
 * period, or its phase's dates for a phase-scoped target. Evaluating it at
 * a date gives the value so far, the value required, the numerator and
 * denominator of a ratio, a status and a projection to the end of the
 * period. The figures are computed elsewhere (indicator_compute, the
 * store's manual values) and handed in; the rules here are pure functions
 * over numbers and dates: no database, no clock.
 *
 * The statuses (types/label.h LABEL_TARGET_STATUS, in enum target_status
 * order):
 *
 *  - achieved: the requirement is met for good (a flow that reached its
 *    minimum; any target met on the period's last day or after);
 *  - on track: not met yet, or met by a figure that may still move, and
 *    the projection meets it;
 *  - at risk: the projection misses it, with time left;
 *  - missed: the period is over and the requirement is not met, or a limit
 *    is passed for good (a flow above its maximum; a zero-tolerance target
 *    the day one event occurs);
 *  - not measurable: no figure, no requirement, no comparable earlier
 *    value, or the period has not begun;
 *  - unbound: no indicator or manual binding yet: listed, never skipped.
 *
 * The projection: a flow's value at the period's end. With last year's
 * shape (the same span one year before: its whole over its part up to the
 * same day, when both are known and the part is not 0): value so far ×
 * that shape; else the linear pace: value so far × period days / elapsed
 * days. A stock or a ratio is projected at its current value. */
#ifndef PCMT_DOMAIN_TARGET_EVAL_H
#define PCMT_DOMAIN_TARGET_EVAL_H

#include <stddef.h>

#include "base/date.h"
#include "domain/indicator.h"
#include "types/plan.h"
#include "types/unit.h"

/* In types/label.h LABEL_TARGET_STATUS order. */
enum target_status {
  TARGET_ACHIEVED = 0,   /* met for good */
  TARGET_ON_TRACK,       /* the projection meets it */
  TARGET_AT_RISK,        /* the projection misses it, time left */
  TARGET_MISSED,         /* over and not met, or a limit passed */
  TARGET_NOT_MEASURABLE, /* a figure, a requirement or the period is missing */
  TARGET_UNBOUND         /* no indicator chosen yet */
};

/* How the projection was made. */
enum target_projection {
  TARGET_PROJ_NONE = 0,  /* none (not measurable, or the period is over) */
  TARGET_PROJ_LINEAR,    /* the period's pace so far */
  TARGET_PROJ_LAST_YEAR, /* the shape of the same span one year before */
  TARGET_PROJ_CURRENT    /* a stock or a ratio: its current value */
};

/* What one target (or one quota of it) is evaluated from. */
struct target_eval_in {
  enum target_kind kind;        /* the target's rule */
  enum indicator_kind ind_kind; /* how the bound figure behaves (manual: IND_STOCK) */
  int has_target;               /* the target's value (N, or p %) is known */
  double target;                /* N for counts, p for ratios, growth and reduction */
  struct date start, end;       /* the target's period (the phase's for a phase target) */
  struct date at;               /* the date evaluated on */
  int has_value;                /* a figure exists for [start, min(at, end)] */
  double value;                 /* it (a ratio: percent) */
  int is_ratio;                 /* value = num / den × 100 */
  double num, den;              /* a ratio's parts */
  int has_before;               /* the same span one year before has a figure */
  double before;                /* it: the comparable earlier period's whole value */
  int has_shape;                /* last year's shape is known (see above) */
  double shape;                 /* last year's whole / last year's part to the same day */
};

/* Where it stands. */
struct target_eval {
  enum target_status status;
  struct date from, to;          /* the span measured: start .. min(at, end) */
  double elapsed;                /* share of the period gone, 0 .. 1 */
  int has_required;              /* a requirement could be set */
  double required;               /* the bound (a minimum or a maximum) */
  int required_is_max;           /* 1: the value must stay at or below `required` */
  int has_projection;            /* a projection was made */
  double projection;             /* the value expected at the period's end */
  enum target_projection method; /* how */
  const char *why;               /* not measurable: the reason (Vietnamese, static) */
};

/* Evaluate one target or quota; in->kind TARGET_OTHER is not measurable. */
void target_eval_run(struct target_eval *out, const struct target_eval_in *in);

/* The code of a status ("achieved", "on_track", "at_risk", "missed",
 * "not_measurable", "unbound": LABEL_TARGET_STATUS). */
const char *target_status_code(enum target_status s);
/* "linear", "last_year", "current"; NULL for none. */
const char *target_projection_code(enum target_projection p);

/* The span a target is measured over: a phase-scoped target (t->phase
 * names a phase of p) the phase's dates, an open phase start taking the
 * plan's period start; else the plan's period. 0 when a bound is unknown. */
int target_eval_span(struct date *start, struct date *end, const struct plan *p,
                     const struct plan_target *t);

/* One row of a plan's target status: a target as a whole, or one quota of
 * it. The unit report and the consolidated report print exactly these
 * rows (output/target_json.h writes them as JSON). */
struct target_row {
  long target_id;           /* the target */
  long quota_id;            /* its quota; 0: the target as a whole */
  int ord;                  /* the target's place in the plan, from 1 */
  char *text;               /* the target as written (malloc'd) */
  char assignee[256];       /* the quota's assignee as written; "" for the whole target */
  enum target_kind kind;    /* the target's rule */
  char noun[32];            /* "%" or the counted noun; "" when none */
  char phase[128];          /* the phase it belongs to; "" for the whole plan */
  int bound;                /* 0: no binding yet (status unbound) */
  int manual;               /* measured by values entered by hand */
  char indicator[48];       /* the bound indicator's code; "" when manual or unbound */
  char base[48];            /* a ratio taken of a stock: the stock's code, else "" */
  char scope[8];            /* "plan" or "quota"; "" when unbound */
  char proposal[48];        /* unbound: the proposed indicator; "" for manual or none */
  struct unit unit;         /* the unit measured (id 0 and tree "": the caller's whole territory) */
  char agency_kind[24];     /* an agency's quota: the agency kind measured, else "" */
  struct target_eval_in in; /* the figures it was evaluated from */
  struct target_eval eval;  /* where it stands */
  struct date before_from, before_to; /* the comparable earlier period, when in.has_before */
};

/* A lower plan that implements the plan (plan.parent_id), its own targets
 * counted by status on the same date: the rollup beside the higher plan's. */
struct target_lower {
  long plan_id;
  char number[64];     /* "15/KH-UBND", "" when none */
  char unit_name[160]; /* "xã Bảo Thắng" */
  char status[12];     /* the lower plan's life: draft, published, closed */
  size_t n[6];         /* its targets by enum target_status */
  size_t total;
};

/* The status of a plan's targets on one date: every target, bound or not,
 * in the plan's order, each followed by its quotas. */
struct target_report {
  long plan_id;         /* the plan */
  char plan_number[64]; /* "07/KH-BCĐ", "" when none */
  char plan_title[512]; /* its title */
  struct date at;       /* the date evaluated on */
  struct unit unit;     /* with --unit: the unit kept (id 0 otherwise) */
  struct target_row *rows;
  size_t n;
  int has_lower;              /* the lower plans were asked for (plan status --lower): */
  struct target_lower *lower; /* those in the caller's reach */
  size_t n_lower;
};
void target_report_free(struct target_report *r); /* accepts NULL */

#endif
