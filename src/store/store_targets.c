/* store_targets.c: bindings, quotas and hand-entered values of targets (see store_targets.h).
 *
 * Every statement reaches a target through plan_target and the plan alias p
 * and carries PLAN_IN_SCOPE (store_plan_scope.h); every value is bound,
 * every statement one fixed string. */
#include "store/store_targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_plan_scope.h"

void store_target_set_free(struct store_target_set *s)
{
  if (!s)
    return;
  free(s->bindings);
  free(s->quotas);
  free(s->values);
  memset(s, 0, sizeof *s);
}

static void copy_col(char *dst, size_t n, struct stmt *s, int i)
{
  snprintf(dst, n, "%s", db_col_text(s, i));
}

/* ERR_NOT_FOUND unless plan `plan_id` lies in the caller's territory. */
static int plan_reached(struct store *st, const struct scope *sc, long plan_id, struct err *err)
{
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT 1 FROM plan p WHERE p.id = ? AND" PLAN_IN_SCOPE, err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  plan_scope_bind(s, 2, sc);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", plan_id);
  return ERR_OK;
}

static int load_bindings(struct store_target_set *out, struct store *st, long plan_id,
                         struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT b.target_id, coalesce(b.indicator, ''), b.scope, b.bound_at, "
                 "coalesce((SELECT u.login FROM app_user u WHERE u.id = b.bound_by), '') "
                 "FROM target_binding b JOIN plan_target t ON t.id = b.target_id "
                 "WHERE t.plan_id = ? ORDER BY t.ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n_bindings == cap) {
      struct store_target_binding *p =
          array_grow(out->bindings, &cap, out->n_bindings + 1, sizeof *p);
      if (!p) {
        db_finalize(s);
        return err_nomem(err);
      }
      out->bindings = p;
    }
    struct store_target_binding *b = &out->bindings[out->n_bindings++];
    memset(b, 0, sizeof *b);
    b->target_id = (long)db_col_int(s, 0);
    b->bound = 1;
    copy_col(b->indicator, sizeof b->indicator, s, 1);
    copy_col(b->scope, sizeof b->scope, s, 2);
    copy_col(b->bound_at, sizeof b->bound_at, s, 3);
    copy_col(b->bound_by, sizeof b->bound_by, s, 4);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

static int load_quotas(struct store_target_set *out, struct store *st, long plan_id,
                       struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT q.id, q.target_id, q.assignee, q.value, coalesce(q.agency_kind, ''), "
                 "coalesce(q.agency_level, ''), coalesce(q.unit_tree, ''), "
                 "coalesce(q.unit_code, '') FROM target_quota q JOIN plan_target t ON "
                 "t.id = q.target_id WHERE t.plan_id = ? ORDER BY t.ord, q.ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n_quotas == cap) {
      struct store_target_quota *p = array_grow(out->quotas, &cap, out->n_quotas + 1, sizeof *p);
      if (!p) {
        db_finalize(s);
        return err_nomem(err);
      }
      out->quotas = p;
    }
    struct store_target_quota *q = &out->quotas[out->n_quotas++];
    memset(q, 0, sizeof *q);
    q->id = (long)db_col_int(s, 0);
    q->target_id = (long)db_col_int(s, 1);
    copy_col(q->assignee, sizeof q->assignee, s, 2);
    q->has_value = !db_col_is_null(s, 3);
    q->value = db_col_double(s, 3);
    copy_col(q->res.kind, sizeof q->res.kind, s, 4);
    copy_col(q->res.level, sizeof q->res.level, s, 5);
    copy_col(q->res.unit_tree, sizeof q->res.unit_tree, s, 6);
    copy_col(q->res.unit_code, sizeof q->res.unit_code, s, 7);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

static int load_values(struct store_target_set *out, struct store *st, long plan_id,
                       struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT v.id, v.target_id, coalesce(v.quota_id, 0), v.value_on, v.value, "
                 "v.source, coalesce((SELECT u.login FROM app_user u WHERE u.id = v.entered_by), "
                 "''), v.entered_at FROM target_value v JOIN plan_target t ON t.id = v.target_id "
                 "WHERE t.plan_id = ? ORDER BY t.ord, v.quota_id, v.value_on, v.id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n_values == cap) {
      struct store_target_value *p = array_grow(out->values, &cap, out->n_values + 1, sizeof *p);
      if (!p) {
        db_finalize(s);
        return err_nomem(err);
      }
      out->values = p;
    }
    struct store_target_value *v = &out->values[out->n_values++];
    memset(v, 0, sizeof *v);
    v->id = (long)db_col_int(s, 0);
    v->target_id = (long)db_col_int(s, 1);
    v->quota_id = (long)db_col_int(s, 2);
    copy_col(v->value_on, sizeof v->value_on, s, 3);
    v->value = db_col_double(s, 4);
    copy_col(v->source, sizeof v->source, s, 5);
    copy_col(v->by, sizeof v->by, s, 6);
    copy_col(v->entered_at, sizeof v->entered_at, s, 7);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_target_set_load(struct store_target_set *out, struct store *st, const struct scope *sc,
                          long plan_id, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_reached(st, sc, plan_id, err);
  if (!rc)
    rc = load_bindings(out, st, plan_id, err);
  if (!rc)
    rc = load_quotas(out, st, plan_id, err);
  if (!rc)
    rc = load_values(out, st, plan_id, err);
  if (rc)
    store_target_set_free(out);
  return rc;
}

/* ERR_NOT_FOUND unless target `target_id` (and quota `quota_id`, when not
 * 0) belongs to plan `plan_id`. */
static int target_of_plan(struct store *st, long plan_id, long target_id, long quota_id,
                          struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT 1 FROM plan_target t WHERE t.id = ? AND t.plan_id = ? AND (? = 0 OR "
                 "EXISTS (SELECT 1 FROM target_quota q WHERE q.id = ? AND q.target_id = t.id))",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, target_id);
  db_bind_int(s, 2, plan_id);
  db_bind_int(s, 3, quota_id);
  db_bind_int(s, 4, quota_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return quota_id ? err_set(err, ERR_NOT_FOUND,
                              "chỉ tiêu %ld của kế hoạch %ld không có mức giao số %ld", target_id,
                              plan_id, quota_id)
                    : err_set(err, ERR_NOT_FOUND, "kế hoạch %ld không có chỉ tiêu số %ld", plan_id,
                              target_id);
  return ERR_OK;
}

int store_target_bind(struct store *st, const struct scope *sc, long plan_id, long target_id,
                      const char *indicator, const char *scope, long user_id, struct err *err)
{
  int rc = plan_reached(st, sc, plan_id, err);
  if (!rc)
    rc = target_of_plan(st, plan_id, target_id, 0, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO target_binding (target_id, indicator, scope, bound_at, bound_by) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (target_id) DO UPDATE SET indicator = "
                 "excluded.indicator, scope = excluded.scope, bound_at = excluded.bound_at, "
                 "bound_by = excluded.bound_by",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, target_id);
  if (indicator && *indicator)
    db_bind_text(s, 2, indicator);
  else
    db_bind_null(s, 2);
  db_bind_text(s, 3, scope);
  db_bind_text(s, 4, now);
  db_bind_int(s, 5, user_id);
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

static void bind_or_null(struct stmt *s, int i, const char *v)
{
  if (v && *v)
    db_bind_text(s, i, v);
  else
    db_bind_null(s, i);
}

int store_target_quota_resolve(struct store *st, const struct scope *sc, long plan_id,
                               long quota_id, const struct store_plan_res *res, struct err *err)
{
  int rc = plan_reached(st, sc, plan_id, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE target_quota SET agency_kind = ?, agency_level = ?, unit_tree = ?, "
                 "unit_code = ? WHERE id = ? AND target_id IN (SELECT id FROM plan_target WHERE "
                 "plan_id = ?)",
                 err))
    return ERR_DB;
  bind_or_null(s, 1, res->kind);
  bind_or_null(s, 2, res->level);
  bind_or_null(s, 3, res->unit_tree);
  bind_or_null(s, 4, res->unit_code);
  db_bind_int(s, 5, quota_id);
  db_bind_int(s, 6, plan_id);
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_target_value_add(long *id, struct store *st, const struct scope *sc, long plan_id,
                           long target_id, long quota_id, const char *value_on, double value,
                           const char *source, long user_id, struct err *err)
{
  *id = 0;
  int rc = plan_reached(st, sc, plan_id, err);
  if (!rc)
    rc = target_of_plan(st, plan_id, target_id, quota_id, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO target_value (target_id, quota_id, value_on, value, source, "
                 "entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, target_id);
  if (quota_id)
    db_bind_int(s, 2, quota_id);
  else
    db_bind_null(s, 2);
  db_bind_text(s, 3, value_on);
  db_bind_double(s, 4, value);
  db_bind_text(s, 5, source);
  db_bind_int(s, 6, user_id);
  db_bind_text(s, 7, now);
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  return ERR_OK;
}
