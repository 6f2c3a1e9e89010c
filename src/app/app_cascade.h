/* app_cascade.h: plans that implement higher plans (`pcmt plan derive`).
 *
 * A district or commune plan "Thực hiện Kế hoạch số 07/KH-BCĐ ..." is the
 * lower half of a cascade: its parent is the higher plan it implements
 * (plan.parent_id). An import links a plan to its parent from the plan's
 * bases (app_plan_import, domain/plan_link.h); this file drafts the lower
 * plan from the higher one. The actions follow app.h's contract: the
 * caller's role is checked, one write transaction holds the draft, its link
 * and the audit row ("plan.derive"). */
#ifndef PCMT_APP_APP_CASCADE_H
#define PCMT_APP_APP_CASCADE_H

#include <stddef.h>

#include "base/err.h"
#include "domain/plan_derive.h"
#include "domain/target_eval.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

struct app_plan_derive_in {
  long parent_id;        /* the higher plan, published, in the caller's territory */
  const char *unit_tree; /* NULL: the tree of the parent's own unit */
  const char *unit_code; /* the lower unit: below the parent's unit */
  int days_earlier;      /* < 0: PLAN_DERIVE_DAYS_EARLIER */
};

struct app_plan_derived {
  long id;                        /* the new draft */
  struct unit unit;               /* the lower unit, named on the parent's date */
  struct plan_derive_count count; /* what fell to it */
};

/* Draft the implementing plan of in->unit_code from plan in->parent_id and
 * store it as a draft of that unit whose parent is the higher plan
 * (plan.derive). ERR_NOT_FOUND for a parent outside the caller's territory
 * or a unit code that names no unit; ERR_CONFLICT for a parent not
 * published; ERR_INPUT for a unit not below the parent's unit; ERR_DENIED
 * for a role that may not change plans or a unit outside the caller's
 * territory. */
int app_plan_derive(struct app_plan_derived *out, struct store *st, const struct scope *caller,
                    const struct app_plan_derive_in *in, struct err *err);

/* The plans of the caller's territory that implement plan r->plan_id, each
 * with its own targets counted by status on r->at, into r->lower
 * (r->has_lower = 1): what `plan status --lower` shows beside the higher
 * plan's rows. Any role; not audited. */
int app_plan_rollup(struct target_report *r, struct store *st, const struct scope *caller,
                    struct err *err);

/* Link plan `plan_id`, just stored, into the cascade (domain/plan_link.h):
 * its parent, and the stored plans that cite it. Each link is written with
 * its audit row ("plan.link", on the lower plan) and, for a published lower
 * plan, its history row. Runs inside the caller's write transaction (the
 * import's); *n the links made. Not a user action of its own. */
int app_cascade_link(size_t *n, struct store *st, const struct scope *caller, long plan_id,
                     struct err *err);

#endif
