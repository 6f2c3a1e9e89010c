/* store_plan_scope.h: the territory test of a plan, for the store files that reach plans
 * (store_plans.c) and what hangs from them (store_tasks.c). Store-internal.
 *
 * A plan belongs to its issuing unit (plan.unit_id); a caller reaches it when
 * that unit lies in the caller's scope (unit_scope, the closure of the
 * caller's territory). Written once so that every query of plans and tasks
 * filters the same way. A lower level also reads — never changes — the
 * published (or closed) plans of the units above it and the national ones:
 * the plans it implements (PLAN_READABLE, for the reads that show a plan). */
#ifndef PCMT_STORE_STORE_PLAN_SCOPE_H
#define PCMT_STORE_STORE_PLAN_SCOPE_H

#include "base/err.h"
#include "store/db.h"
#include "types/scope.h"

/* The test on plan alias p; two parameters, bound by plan_scope_bind (0, the
 * national scope: every plan). */
#define PLAN_IN_SCOPE                                                                              \
  " (? = 0 OR p.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?)) "

/* PLAN_IN_SCOPE, or a published or closed plan of a unit above the caller's
 * territory (its parent, the parent's parent ...) or of the whole country.
 * Three parameters, bound by plan_readable_bind. WITH RECURSIVE in a
 * subquery is standard SQL (SQLite and PostgreSQL). */
#define PLAN_READABLE                                                                              \
  " (" PLAN_IN_SCOPE "OR (p.status IN ('published', 'closed') AND (p.unit_id IS NULL OR "          \
  "p.unit_id IN (WITH RECURSIVE up(id) AS (SELECT parent_id FROM unit WHERE id = ? UNION ALL "     \
  "SELECT u.parent_id FROM unit u JOIN up ON u.id = up.id) SELECT id FROM up)))) "

/* Bind PLAN_IN_SCOPE's two parameters, from position `at`. */
static inline void plan_scope_bind(struct stmt *s, int at, const struct scope *sc)
{
  db_bind_int(s, at, sc->unit_id);
  db_bind_int(s, at + 1, sc->unit_id);
}

/* Bind PLAN_READABLE's three parameters, from position `at`. */
static inline void plan_readable_bind(struct stmt *s, int at, const struct scope *sc)
{
  plan_scope_bind(s, at, sc);
  db_bind_int(s, at + 2, sc->unit_id);
}

/* ERR_INTERNAL for a caller whose scope was never resolved (a bug). */
static inline int plan_scope_check(const struct scope *sc, struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  return ERR_OK;
}

#endif
