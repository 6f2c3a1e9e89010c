/* store_tasks.c: the tasks of published plans, followed per assignee (see store_tasks.h).
 *
 * Every statement reaches an assignee through its task and plan and carries
 * PLAN_IN_SCOPE (store_plan_scope.h) on the plan alias p, as store_plans.c; every value
 * is bound, every statement one fixed string. */
#include "store/store_tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_plan_scope.h"

/* ---- creation -------------------------------------------------------------- */

int store_task_assignees_create(size_t *n, struct store *st, const struct scope *sc, long plan_id,
                                struct err *err)
{
  *n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  long long found = 0;
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT count(*) FROM plan p WHERE p.id = ? AND" PLAN_IN_SCOPE, err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  plan_scope_bind(s, 2, sc);
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

int store_task_reports_count(long long *n, struct store *st, const struct scope *sc, long task_id,
                             struct err *err)
{
  *n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(
          &s, st,
          "SELECT (SELECT count(*) FROM task_note n JOIN task_assignee x ON x.id = "
          "n.assignee_id WHERE x.task_id = t.id) + (SELECT count(*) FROM task_evidence e "
          "JOIN task_assignee x ON x.id = e.assignee_id WHERE x.task_id = t.id) "
          "FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ? AND" PLAN_IN_SCOPE,
          err))
    return ERR_DB;
  db_bind_int(s, 1, task_id);
  plan_scope_bind(s, 2, sc);
  int r = db_step(s, err);
  if (r == 1)
    *n = db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

/* ---- reads ------------------------------------------------------------------ */

/* The columns of a row, in store_task_row order (load_row reads them). */
#define ROW_SELECT                                                                                 \
  "SELECT x.id, x.task_id, t.plan_id, coalesce(x.agency_id, 0), x.role, x.agency_text, "           \
  "x.agency_kind, x.status, x.reason, coalesce(x.updated_at, ''), "                                \
  "coalesce((SELECT u.login FROM app_user u WHERE u.id = x.updated_by), ''), "                     \
  "coalesce(p.number, ''), p.status, coalesce(p.published_at, ''), coalesce(p.period_end, ''), "   \
  "coalesce(t.section, ''), t.text, coalesce(t.due_on, ''), coalesce(t.cadence, ''), "             \
  "t.then_ongoing, coalesce(t.phase, ''), "                                                        \
  "coalesce((SELECT max(ph.end_on) FROM plan_phase ph WHERE ph.plan_id = p.id AND ph.name = "      \
  "t.phase), ''), "                                                                                \
  "coalesce((SELECT max(n.noted_on) FROM task_note n WHERE n.assignee_id = x.id), ''), "           \
  "(SELECT n.text FROM task_note n WHERE n.assignee_id = x.id ORDER BY n.noted_on DESC, n.id "     \
  "DESC LIMIT 1), "                                                                                \
  "(SELECT count(*) FROM task_note n WHERE n.assignee_id = x.id), "                                \
  "(SELECT count(*) FROM task_evidence e WHERE e.assignee_id = x.id), "                            \
  "coalesce(p.unit_tree, ''), coalesce(p.unit_code, '') "                                          \
  "FROM task_assignee x JOIN plan_task t ON t.id = x.task_id JOIN plan p ON p.id = t.plan_id "

static void copy_col(char *dst, size_t n, struct stmt *s, int i)
{
  snprintf(dst, n, "%s", db_col_text(s, i));
}

/* A malloc'd copy of column i into *out (NULL for SQL NULL); ERR_NOMEM. */
static int col_dup(char **out, struct stmt *s, int i, struct err *err)
{
  *out = NULL;
  if (db_col_is_null(s, i))
    return ERR_OK;
  *out = strdup(db_col_text(s, i));
  return *out ? ERR_OK : err_nomem(err);
}

/* The current row of a ROW_SELECT statement into *r (zeroed first). */
static int load_row(struct store_task_row *r, struct stmt *s, struct err *err)
{
  memset(r, 0, sizeof *r);
  r->assignee_id = (long)db_col_int(s, 0);
  r->task_id = (long)db_col_int(s, 1);
  r->plan_id = (long)db_col_int(s, 2);
  r->agency_id = (long)db_col_int(s, 3);
  copy_col(r->role, sizeof r->role, s, 4);
  copy_col(r->agency_text, sizeof r->agency_text, s, 5);
  copy_col(r->agency_kind, sizeof r->agency_kind, s, 6);
  copy_col(r->status, sizeof r->status, s, 7);
  copy_col(r->updated_at, sizeof r->updated_at, s, 9);
  copy_col(r->updated_by, sizeof r->updated_by, s, 10);
  copy_col(r->plan_number, sizeof r->plan_number, s, 11);
  copy_col(r->plan_status, sizeof r->plan_status, s, 12);
  copy_col(r->published_at, sizeof r->published_at, s, 13);
  copy_col(r->plan_end, sizeof r->plan_end, s, 14);
  copy_col(r->section, sizeof r->section, s, 15);
  copy_col(r->due_on, sizeof r->due_on, s, 17);
  copy_col(r->cadence, sizeof r->cadence, s, 18);
  r->then_ongoing = (int)db_col_int(s, 19);
  copy_col(r->phase, sizeof r->phase, s, 20);
  copy_col(r->phase_end, sizeof r->phase_end, s, 21);
  copy_col(r->last_note_on, sizeof r->last_note_on, s, 22);
  r->n_notes = (long)db_col_int(s, 24);
  r->n_evidence = (long)db_col_int(s, 25);
  copy_col(r->unit_tree, sizeof r->unit_tree, s, 26);
  copy_col(r->unit_code, sizeof r->unit_code, s, 27);
  int rc = col_dup(&r->reason, s, 8, err);
  if (!rc)
    rc = col_dup(&r->task_text, s, 16, err);
  if (!rc)
    rc = col_dup(&r->last_note, s, 23, err);
  if (!rc && !r->task_text)
    rc = (r->task_text = strdup("")) ? ERR_OK : err_nomem(err);
  if (rc)
    store_task_row_free(r);
  return rc;
}

void store_task_row_free(struct store_task_row *r)
{
  if (!r)
    return;
  free(r->reason);
  free(r->task_text);
  free(r->last_note);
  r->reason = r->task_text = r->last_note = NULL;
}

void store_task_list_free(struct store_task_list *l)
{
  if (!l)
    return;
  for (size_t i = 0; i < l->n; i++)
    store_task_row_free(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

int store_task_list(struct store_task_list *out, struct store *st, const struct scope *sc,
                    const struct store_task_filter *f, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 ROW_SELECT "WHERE" PLAN_IN_SCOPE
                            "AND ((? = 0 AND p.status = 'published') OR p.id = ?) "
                            "AND (? = '' OR x.agency_kind = ?) "
                            "ORDER BY p.id DESC, t.ord, x.role, x.id",
                 err))
    return ERR_DB;
  const char *kind = f && f->agency_kind ? f->agency_kind : "";
  long plan = f ? f->plan_id : 0;
  plan_scope_bind(s, 1, sc);
  db_bind_int(s, 3, plan);
  db_bind_int(s, 4, plan);
  db_bind_text(s, 5, kind);
  db_bind_text(s, 6, kind);
  size_t cap = 0;
  int r;
  while (!rc && (r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      struct store_task_row *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
      if (!ni) {
        rc = err_nomem(err);
        break;
      }
      out->items = ni;
    }
    rc = load_row(&out->items[out->n], s, err);
    if (!rc)
      out->n++;
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    store_task_list_free(out);
  return rc;
}

int store_task_get(struct store_task_row *out, struct store *st, const struct scope *sc,
                   long assignee_id, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st, ROW_SELECT "WHERE x.id = ? AND" PLAN_IN_SCOPE, err))
    return ERR_DB;
  db_bind_int(s, 1, assignee_id);
  plan_scope_bind(s, 2, sc);
  int r = db_step(s, err);
  if (r == 1)
    rc = load_row(out, s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có cơ quan được giao số %ld", assignee_id);
  return rc;
}

int store_task_find(long *assignee_id, size_t *n, struct store *st, const struct scope *sc,
                    long task_id, const char *agency_kind, struct err *err)
{
  *assignee_id = 0;
  *n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT x.id FROM task_assignee x JOIN plan_task t ON t.id = x.task_id "
                 "JOIN plan p ON p.id = t.plan_id WHERE x.task_id = ? AND x.agency_kind = ? "
                 "AND" PLAN_IN_SCOPE "ORDER BY x.role, x.id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, task_id);
  db_bind_text(s, 2, agency_kind);
  plan_scope_bind(s, 3, sc);
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (!*n)
      *assignee_id = (long)db_col_int(s, 0);
    (*n)++;
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_task_report_dues(struct date **out, size_t *n, struct store *st, const struct scope *sc,
                           long plan_id, struct err *err)
{
  *out = NULL;
  *n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT r.due_on FROM report_schedule r JOIN plan p ON p.id = r.plan_id "
                 "WHERE r.plan_id = ? AND r.due_on IS NOT NULL AND r.due_on <> '' AND" PLAN_IN_SCOPE
                 "ORDER BY r.due_on",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  plan_scope_bind(s, 2, sc);
  size_t cap = 0;
  int r;
  while (!rc && (r = db_step(s, err)) == 1) {
    struct date d;
    if (date_parse(&d, db_col_text(s, 0), 0, NULL) != ERR_OK)
      continue; /* a stored date is ISO; one that is not is no reporting date */
    if (*n == cap) {
      struct date *nd = array_grow(*out, &cap, *n + 1, sizeof *nd);
      if (!nd) {
        rc = err_nomem(err);
        break;
      }
      *out = nd;
    }
    (*out)[(*n)++] = d;
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
  }
  return rc;
}

/* ---- writes ----------------------------------------------------------------- */

/* The assignees of the caller's territory, for a write's WHERE: binds the scope twice. */
#define ASSIGNEE_IN_SCOPE                                                                          \
  " task_id IN (SELECT t.id FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE" PLAN_IN_SCOPE  \
  ") "

int store_task_set_status(struct store *st, const struct scope *sc, long assignee_id,
                          const char *status, const char *reason, struct err *err)
{
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(
          &s, st,
          "UPDATE task_assignee SET status = ?, reason = ?, updated_at = ?, updated_by = "
          "(SELECT u.id FROM app_user u WHERE u.login = ?) WHERE id = ? AND" ASSIGNEE_IN_SCOPE,
          err))
    return ERR_DB;
  db_bind_text(s, 1, status);
  if (reason)
    db_bind_text(s, 2, reason);
  else
    db_bind_null(s, 2);
  db_bind_text(s, 3, now);
  db_bind_text(s, 4, sc->user);
  db_bind_int(s, 5, assignee_id);
  plan_scope_bind(s, 6, sc);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) != 1)
    return err_set(err, ERR_NOT_FOUND, "không có cơ quan được giao số %ld", assignee_id);
  return ERR_OK;
}

/* The id a RETURNING insert gave, or ERR_NOT_FOUND when it inserted nothing. */
static int returned_id(long *id, struct stmt *s, long assignee_id, struct err *err)
{
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có cơ quan được giao số %ld", assignee_id);
  return ERR_OK;
}

int store_task_note_add(long *note_id, struct store *st, const struct scope *sc, long assignee_id,
                        const char *noted_on, const char *text, struct err *err)
{
  *note_id = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO task_note (assignee_id, noted_on, text, user_id, created_at) "
                 "SELECT x.id, ?, ?, u.id, ? FROM task_assignee x JOIN app_user u ON u.login = ? "
                 "WHERE x.id = ? AND" ASSIGNEE_IN_SCOPE "RETURNING id",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, noted_on);
  db_bind_text(s, 2, text);
  db_bind_text(s, 3, now);
  db_bind_text(s, 4, sc->user);
  db_bind_int(s, 5, assignee_id);
  plan_scope_bind(s, 6, sc);
  return returned_id(note_id, s, assignee_id, err);
}

int store_task_evidence_add(long *id, struct store *st, const struct scope *sc, long assignee_id,
                            const struct store_task_evidence_in *in, struct err *err)
{
  *id = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO task_evidence (assignee_id, note_id, file_name, media_type, size, "
                 "sha256, content, user_id, created_at) "
                 "SELECT x.id, ?, ?, ?, ?, ?, ?, u.id, ? FROM task_assignee x JOIN app_user u ON "
                 "u.login = ? WHERE x.id = ? AND" ASSIGNEE_IN_SCOPE "RETURNING id",
                 err))
    return ERR_DB;
  if (in->note_id > 0)
    db_bind_int(s, 1, in->note_id);
  else
    db_bind_null(s, 1);
  db_bind_text(s, 2, in->file_name);
  db_bind_text(s, 3, in->media_type);
  db_bind_int(s, 4, (long long)in->size);
  db_bind_text(s, 5, in->sha256);
  db_bind_blob(s, 6, in->data, in->size);
  db_bind_text(s, 7, now);
  db_bind_text(s, 8, sc->user);
  db_bind_int(s, 9, assignee_id);
  plan_scope_bind(s, 10, sc);
  return returned_id(id, s, assignee_id, err);
}
