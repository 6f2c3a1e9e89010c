/* app_monitor.h: targets bound and evaluated (`pcmt plan bind|propose|value|status`, the web's
 * monitoring pages).
 *
 * Each function is one action of app.h's contract. A target of a stored
 * plan is bound to one indicator of the catalogue or to "manual" (values
 * entered by hand), measured over the plan's unit or per quota; its status
 * at a date is domain/target_eval.h's rule over the figures of
 * indicator_compute (docs/monitoring.md).
 *
 * Who may: every role reads the status of its territory's plans (figures
 * are aggregates: reads are not audited). An administrator and an officer
 * bind targets and enter manual values (plan_life_may_change); a member
 * agency and a leader get ERR_DENIED. A plan outside the caller's
 * territory is ERR_NOT_FOUND, as a missing one. A change runs in one write
 * transaction with its audit row (record type "plan", record id the plan):
 * plan.bind, plan.target_value. */
#ifndef PCMT_APP_APP_MONITOR_H
#define PCMT_APP_APP_MONITOR_H

#include <stddef.h>

#include "base/err.h"
#include "domain/target_bind.h"
#include "domain/target_eval.h"
#include "types/scope.h"

struct store;

/* What to bind. */
struct app_plan_bind_in {
  long plan_id;
  long target_id;
  const char *indicator; /* a catalogue code or its Vietnamese name, or "manual" */
  const char *scope;     /* "plan", "quota"; NULL: "quota" when the target has quotas */
};

/* Bind a target (plan.bind), replacing its binding. With scope "quota" the
 * quotas whose assignee resolved to nothing are resolved again against the
 * plan's unit as of the plan's date (old units for a 2024 plan) and the
 * result kept. ERR_INPUT for an indicator not in the catalogue, a scope
 * other than plan or quota, "quota" for a target without quotas;
 * ERR_NOT_FOUND for a plan or target not reached; ERR_CONFLICT for a
 * closed plan; ERR_DENIED by role. */
int app_plan_bind(struct store *st, const struct scope *caller, const struct app_plan_bind_in *in,
                  struct err *err);

/* Every target's proposal beside its binding (domain/target_bind.h). */
struct app_target_proposals {
  struct target_proposal *items;
  size_t n;
};
void app_target_proposals_free(struct app_target_proposals *l); /* accepts NULL */

/* The proposal of every target of plan `plan_id` (domain/target_bind.h),
 * with the binding each has. Any role of the territory. */
int app_plan_propose(struct app_target_proposals *out, struct store *st, const struct scope *caller,
                     long plan_id, struct err *err);

/* A value entered by hand for a manual target. */
struct app_target_value_in {
  long plan_id;
  long target_id;
  long quota_id;      /* 0: the target as a whole */
  const char *on;     /* the date it is as of (dd/mm/yyyy or ISO); NULL: today */
  double value;       /* 0 .. 10^12 */
  const char *source; /* where it comes from; required */
};
/* Enter a value (plan.target_value); *id its row. ERR_INPUT for a bad
 * value, date or empty source, and for a target not bound to manual;
 * ERR_CONFLICT unless the plan is published; ERR_DENIED by role. */
int app_target_value(long *id, struct store *st, const struct scope *caller,
                     const struct app_target_value_in *in, struct err *err);

/* What to evaluate. */
struct app_plan_status_in {
  long plan_id;
  const char *at;   /* the date (dd/mm/yyyy or ISO); NULL: today */
  const char *tree; /* with unit: its tree; NULL: the tree in force on the plan's date */
  const char *unit; /* NULL: every row; else only the rows measured on that unit (and the
                       unbound targets, listed always) */
};
/* Every target of plan in->plan_id evaluated on in->at into *out
 * (target_report_free, also on failure): a row per target, and with scope
 * quota a row per quota after it. ERR_NOT_FOUND for a plan not reached;
 * ERR_DENIED for a unit outside the caller's territory; ERR_INPUT for a
 * bad date. Any role; not audited. */
int app_plan_status(struct target_report *out, struct store *st, const struct scope *caller,
                    const struct app_plan_status_in *in, struct err *err);

#endif
