/* store_tasks.c: the tasks of published plans, followed per assignee (see store_tasks.h).
 *
 * Every statement reaches an assignee through its task and plan and carries
 * IN_SCOPE on the plan alias p, the same test as store_plans.c; every value
 * is bound, every statement one fixed string. */
#include "store/store_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

/* The caller's territory on plan alias p: binds the scope's unit id twice
 * (0, the national scope: every plan). As store_plans.c. */
#define IN_SCOPE " (? = 0 OR p.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?)) "

static void bind_scope(struct stmt *s, int at, const struct scope *sc)
{
  db_bind_int(s, at, sc->unit_id);
  db_bind_int(s, at + 1, sc->unit_id);
}

static int check_scope(const struct scope *sc, struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  return ERR_OK;
}

/* ---- creation -------------------------------------------------------------- */

int store_task_assignees_create(size_t *n, struct store *st, const struct scope *sc, long plan_id,
                                struct err *err)
{
  *n = 0;
  int rc = check_scope(sc, err);
  if (rc)
    return rc;
  long long found = 0;
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT count(*) FROM plan p WHERE p.id = ? AND" IN_SCOPE, err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  bind_scope(s, 2, sc);
  int r = db_step(s, err);
  if (r == 1)
    found = db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (!found)
    return err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", plan_id);
  if (db_prepare(&s, st,
                 "INSERT INTO task_assignee (task_id, agency_id, role, agency_text, agency_kind) "
                 "SELECT a.task_id, a.id, a.role, a.text, coalesce(a.agency_kind, '') "
                 "FROM task_agency a JOIN plan_task t ON t.id = a.task_id "
                 "WHERE t.plan_id = ? AND NOT EXISTS (SELECT 1 FROM task_assignee x "
                 "WHERE x.agency_id = a.id) ORDER BY t.ord, a.role, a.ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  *n = (size_t)db_changes(st);
  return ERR_OK;
}
