/* app_indicator.h: the indicators' user actions (`pcmt indicators`, the web's dashboards).
 *
 * Each function is one action of app.h's contract. Indicators are
 * aggregates, never personal records, so every role reads them: an
 * administrator, an officer, a member agency and a leader see the figures
 * of their own territory, and of a unit inside it (--unit); a unit outside
 * it is ERR_DENIED (app_caller_narrow). Reads are not audited. Only an
 * administrator or an officer of the standing body enters an aggregate
 * value (indicator_may_enter); the value records the caller's user (by id,
 * migration 019), and the entry writes its audit row (action
 * "indicator.enter", record_type "indicator_value", record_id the value's
 * row) in the same transaction. Definitions: docs/indicators.md. */
#ifndef PCMT_APP_APP_INDICATOR_H
#define PCMT_APP_APP_INDICATOR_H

#include <stddef.h>

#include "base/err.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* Which earlier period a computation is compared with, in the order of the
 * label set LABEL_IND_COMPARE. */
enum app_ind_compare {
  APP_IND_COMPARE_NONE,
  APP_IND_COMPARE_PREVIOUS, /* the previous period of the same kind (Q2 for Q3) */
  APP_IND_COMPARE_LAST_YEAR /* the same period a year earlier */
};

/* A period as a person writes it: the canonical form ("2024-Q3") or a
 * Vietnamese phrase ("Quý III/2024", "6 tháng đầu năm 2024"), into *out.
 * ERR_INPUT (listing the forms) for anything else, "thiếu kỳ" for NULL. */
int app_indicator_period(struct period *out, const char *text, struct err *err);

/* What to compute. */
struct app_ind_query {
  const char *tree;             /* --tree, NULL: the code names the unit of the period's end */
  const char *code;             /* --unit, NULL or "": the caller's whole territory */
  struct period period;         /* the period asked */
  enum app_ind_compare compare; /* and the one it is compared with */
  enum ind_split split;         /* groups besides the total */
};

/* Every indicator of the catalogue for the caller's territory, or for unit
 * q->tree/q->code inside it, over q->period (and, with q->compare, over the
 * earlier period too, for the same unit), split by q->split, into *out
 * (indicator_report_free, also on failure). A bare code names the unit it
 * names on the period's last day (15 for 2024 is old Yên Bái, for 2026 new
 * Lào Cai). ERR_DENIED for a unit outside the caller's territory,
 * ERR_NOT_FOUND for a code no unit has. Any role. */
int app_indicator_compute(struct indicator_report *out, struct store *st,
                          const struct scope *caller, const struct app_ind_query *q,
                          struct err *err);

/* The catalogue in report order, *n its length (indicator_catalogue): no
 * database, no caller. */
const struct indicator_def *app_indicator_list(size_t *n);

/* An aggregate value to enter. */
struct app_ind_entry {
  const char *indicator;   /* catalogue code, of source aggregate */
  const char *tree;        /* the unit: tree (NULL: read by the period's end) ... */
  const char *code;        /* ... and code, required */
  const char *agency_kind; /* NULL or "": all agencies */
  struct period period;
  double value;
  const char *source; /* where the figure comes from ("báo cáo quý III"); may be NULL */
  const char *today;  /* ISO; NULL: today's date. A period beginning later is refused */
};

/* Enter (or replace) one aggregate value as the caller, in one transaction
 * with its audit row "indicator.enter". ERR_DENIED for a leader or a
 * member agency and for a unit outside the caller's territory; ERR_INPUT
 * for a value indicator_entry_check refuses; ERR_NOT_FOUND for a unit code
 * that names no unit. *out is zero on failure. */
int app_indicator_enter(struct indicator_entered *out, struct store *st, const struct scope *caller,
                        const struct app_ind_entry *in, struct err *err);

#endif
