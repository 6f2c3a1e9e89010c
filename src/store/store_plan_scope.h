/* store_plan_scope.h: the territory test of a plan, for the store files that reach plans
 * (store_plans.c) and what hangs from them (store_tasks.c). Store-internal.
 *
 * A plan belongs to its issuing unit (plan.unit_id); a caller reaches it when
 * that unit lies in the caller's scope (unit_scope, the closure of the
 * caller's territory). Written once so that every query of plans and tasks
 * filters the same way. */
#ifndef PCMT_STORE_STORE_PLAN_SCOPE_H
#define PCMT_STORE_STORE_PLAN_SCOPE_H

#include "base/err.h"
#include "store/db.h"
#include "types/scope.h"

/* The test on plan alias p; two parameters, bound by plan_scope_bind (0, the
 * national scope: every plan). */
#define PLAN_IN_SCOPE                                                                              \
  " (? = 0 OR p.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?)) "

/* Bind PLAN_IN_SCOPE's two parameters, from position `at`. */
static inline void plan_scope_bind(struct stmt *s, int at, const struct scope *sc)
{
  db_bind_int(s, at, sc->unit_id);
  db_bind_int(s, at + 1, sc->unit_id);
}

/* ERR_INTERNAL for a caller whose scope was never resolved (a bug). */
static inline int plan_scope_check(const struct scope *sc, struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  return ERR_OK;
}

#endif
