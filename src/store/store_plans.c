/* store_plans.c: plans in the database (see store_plans.h).
 *
 * Dates are stored as ISO text, kinds by their contract names, and every
 * element keeps its order in the document (ord). Task agencies and quota
 * assignees keep the written form beside the resolution done by the domain
 * layer (kind, level, group flag, unit), passed in as a store_plan_resolver
 * so that no domain logic runs here.
 *
 * The territory: every statement that reads or writes a plan row carries
 * PLAN_IN_SCOPE, and every statement on an element (a task, a target ...) is tied
 * to its plan id after plan_gate has found that plan in the caller's
 * territory, in the same transaction for a write. Every statement is one
 * fixed string: no SQL text is put together at run time. */
#include "store/store_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_plan_scope.h"

static int not_found(struct err *err, long id)
{
  return err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", id);
}

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

/* The status of plan `id` when it lies in the caller's territory (into buf,
 * which may be NULL), else ERR_NOT_FOUND: the gate of every function. */
static int plan_gate(char *buf, size_t n, struct store *st, const struct scope *sc, long id,
                     struct err *err)
{
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT p.status FROM plan p WHERE p.id = ? AND" PLAN_IN_SCOPE, err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  plan_scope_bind(s, 2, sc);
  int r = db_step(s, err);
  if (r == 1 && buf)
    copy_col(buf, n, s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  return r == 1 ? ERR_OK : not_found(err, id);
}

static const char *iso(char *buf, struct date d)
{
  if (d.y == 0)
    return NULL;
  date_to_iso(buf, d);
  return buf;
}

/* A stored ISO date; NULL or "" (SQL NULL) is unknown (y == 0). */
static struct date parse_iso(const char *s)
{
  struct date d = {0, 0, 0};
  if (s && *s && date_parse(&d, s, 0, NULL) != ERR_OK)
    d = (struct date){0, 0, 0};
  return d;
}

static const char *or_null(const char *s)
{
  return s && s[0] ? s : NULL;
}

/* ---- save ------------------------------------------------------------------ */

/* The tables a plan is saved into, each with its complete "newest id"
 * statement. */
enum plan_table { T_PLAN, T_BASIS, T_PHASE, T_TARGET, T_TASK, T_REPORT };

static const char *const LAST_ID_SQL[] = {
    [T_PLAN] = "SELECT max(id) FROM plan",
    [T_BASIS] = "SELECT max(id) FROM plan_basis",
    [T_PHASE] = "SELECT max(id) FROM plan_phase",
    [T_TARGET] = "SELECT max(id) FROM plan_target",
    [T_TASK] = "SELECT max(id) FROM plan_task",
    [T_REPORT] = "SELECT max(id) FROM report_schedule",
};

static long last_id(struct store *st, enum plan_table table, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, LAST_ID_SQL[table], err))
    return 0;
  long id = db_step(s, err) == 1 ? (long)db_col_int(s, 0) : 0;
  db_finalize(s);
  return id;
}

/* Run a prepared insert and return the new row's id (0 on failure). */
static long insert_done(struct stmt *s, struct store *st, enum plan_table table, struct err *err)
{
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? 0 : last_id(st, table, err);
}

static int resolve(const struct store_plan_resolver *res, const char *name,
                   struct store_plan_res *out, struct err *err)
{
  memset(out, 0, sizeof *out);
  return res && res->fn ? res->fn(res->ctx, name, out, err) : ERR_OK;
}

static int save_agencies(struct store *st, long task_id, const char *role, char *const *v, size_t n,
                         const struct store_plan_resolver *res, struct err *err)
{
  for (size_t k = 0; k < n; k++) {
    struct store_plan_res r;
    int rc = resolve(res, v[k], &r, err);
    if (rc)
      return rc;
    struct stmt *s;
    if (db_prepare(&s, st,
                   "INSERT INTO task_agency (task_id, role, ord, text, agency_kind, agency_level, "
                   "is_group, unit_tree, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, task_id);
    db_bind_text(s, 2, role);
    db_bind_int(s, 3, (long long)k);
    db_bind_text(s, 4, v[k]);
    db_bind_text(s, 5, or_null(r.kind));
    db_bind_text(s, 6, or_null(r.level));
    db_bind_int(s, 7, r.is_group);
    db_bind_text(s, 8, or_null(r.unit_tree));
    db_bind_text(s, 9, or_null(r.unit_code));
    int step = db_step(s, err);
    db_finalize(s);
    if (step < 0)
      return ERR_DB;
  }
  return ERR_OK;
}

static int save_targets(struct store *st, struct plan *p, const struct store_plan_resolver *res,
                        struct err *err)
{
  for (size_t k = 0; k < p->n_targets; k++) {
    struct plan_target *t = &p->targets[k];
    struct stmt *s;
    if (db_prepare(&s, st,
                   "INSERT INTO plan_target (plan_id, ord, text, kind, value, unit, phase) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?)",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, p->id);
    db_bind_int(s, 2, (long long)k);
    db_bind_text(s, 3, t->text ? t->text : "");
    db_bind_text(s, 4, target_kind_name(t->kind));
    if (t->has_value)
      db_bind_double(s, 5, t->value);
    else
      db_bind_null(s, 5);
    db_bind_text(s, 6, t->unit);
    db_bind_text(s, 7, t->phase);
    if (!(t->id = insert_done(s, st, T_TARGET, err)))
      return ERR_DB;
    for (size_t q = 0; q < t->n_quotas; q++) {
      struct store_plan_res r;
      int rc = resolve(res, t->quotas[q].assignee, &r, err);
      if (rc)
        return rc;
      if (db_prepare(&s, st,
                     "INSERT INTO target_quota (target_id, ord, assignee, value, agency_kind, "
                     "agency_level, unit_tree, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     err))
        return ERR_DB;
      db_bind_int(s, 1, t->id);
      db_bind_int(s, 2, (long long)q);
      db_bind_text(s, 3, t->quotas[q].assignee);
      db_bind_double(s, 4, t->quotas[q].value);
      db_bind_text(s, 5, or_null(r.kind));
      db_bind_text(s, 6, or_null(r.level));
      db_bind_text(s, 7, or_null(r.unit_tree));
      db_bind_text(s, 8, or_null(r.unit_code));
      int step = db_step(s, err);
      db_finalize(s);
      if (step < 0)
        return ERR_DB;
    }
  }
  return ERR_OK;
}

static int save_body(struct store *st, const struct scope *sc, struct plan *p,
                     const struct store_plan_new *in, const struct store_plan_resolver *res,
                     struct err *err)
{
  char now[24], d1[11], d2[11], d3[11];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO plan (number, title, issuer, issued_on, territory, kind, "
                 "period_start, period_end, status, source_name, source_text, created_at, "
                 "created_by, unit_id, unit_tree, unit_code, issuer_kind) VALUES (?, ?, ?, ?, ?, "
                 "?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, p->number);
  db_bind_text(s, 2, p->title);
  db_bind_text(s, 3, p->issuer);
  db_bind_text(s, 4, iso(d1, p->issued_on));
  db_bind_text(s, 5, p->territory);
  db_bind_text(s, 6, plan_kind_name(p->kind) ? plan_kind_name(p->kind) : "thematic");
  db_bind_text(s, 7, iso(d2, p->period_start));
  db_bind_text(s, 8, iso(d3, p->period_end));
  db_bind_text(s, 9, in->source_name ? in->source_name : "");
  db_bind_text(s, 10, in->source_text ? in->source_text : "");
  db_bind_text(s, 11, now);
  db_bind_text(s, 12, sc->user);
  if (in->unit_id > 0)
    db_bind_int(s, 13, in->unit_id);
  else
    db_bind_null(s, 13);
  db_bind_text(s, 14, in->unit_id > 0 ? or_null(in->unit_tree) : NULL);
  db_bind_text(s, 15, in->unit_id > 0 ? or_null(in->unit_code) : NULL);
  db_bind_text(s, 16, or_null(in->issuer_kind));
  if (!(p->id = insert_done(s, st, T_PLAN, err)))
    return ERR_DB;
  for (size_t k = 0; k < p->n_bases; k++) {
    struct plan_basis *b = &p->bases[k];
    if (db_prepare(
            &s, st,
            "INSERT INTO plan_basis (plan_id, ord, text, number, date) VALUES (?, ?, ?, ?, ?)",
            err))
      return ERR_DB;
    db_bind_int(s, 1, p->id);
    db_bind_int(s, 2, (long long)k);
    db_bind_text(s, 3, b->text ? b->text : "");
    db_bind_text(s, 4, b->number);
    db_bind_text(s, 5, iso(d1, b->date));
    if (!(b->id = insert_done(s, st, T_BASIS, err)))
      return ERR_DB;
  }
  for (size_t k = 0; k < p->n_phases; k++) {
    struct plan_phase *ph = &p->phases[k];
    if (db_prepare(&s, st,
                   "INSERT INTO plan_phase (plan_id, ord, name, start_on, end_on, text) VALUES (?, "
                   "?, ?, ?, ?, ?)",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, p->id);
    db_bind_int(s, 2, (long long)k);
    db_bind_text(s, 3, ph->name ? ph->name : "");
    db_bind_text(s, 4, iso(d1, ph->start));
    db_bind_text(s, 5, iso(d2, ph->end));
    db_bind_text(s, 6, ph->text);
    if (!(ph->id = insert_done(s, st, T_PHASE, err)))
      return ERR_DB;
  }
  int rc = save_targets(st, p, res, err);
  if (rc)
    return rc;
  for (size_t k = 0; k < p->n_tasks; k++) {
    struct plan_task *t = &p->tasks[k];
    if (db_prepare(&s, st,
                   "INSERT INTO plan_task (plan_id, ord, section, text, due_on, cadence, "
                   "then_ongoing, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, p->id);
    db_bind_int(s, 2, (long long)k);
    db_bind_text(s, 3, t->section);
    db_bind_text(s, 4, t->text ? t->text : "");
    db_bind_text(s, 5, iso(d1, t->due_on));
    db_bind_text(s, 6, task_cadence_name(t->cadence));
    db_bind_int(s, 7, t->then_ongoing ? 1 : 0);
    db_bind_text(s, 8, t->phase);
    if (!(t->id = insert_done(s, st, T_TASK, err)))
      return ERR_DB;
    rc = save_agencies(st, t->id, "lead", t->lead, t->n_lead, res, err);
    if (!rc)
      rc = save_agencies(st, t->id, "support", t->support, t->n_support, res, err);
    if (rc)
      return rc;
  }
  for (size_t k = 0; k < p->n_reports; k++) {
    struct plan_report *r = &p->reports[k];
    if (db_prepare(&s, st,
                   "INSERT INTO report_schedule (plan_id, ord, name, due_on, recurs, recipient) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, p->id);
    db_bind_int(s, 2, (long long)k);
    db_bind_text(s, 3, r->name ? r->name : "");
    db_bind_text(s, 4, iso(d1, r->due_on));
    db_bind_text(s, 5, report_recurs_name(r->recurs));
    db_bind_text(s, 6, r->recipient);
    if (!(r->id = insert_done(s, st, T_REPORT, err)))
      return ERR_DB;
  }
  return ERR_OK;
}

/* Set every id of a plan whose save failed back to 0: the rows are rolled back. */
static void forget_ids(struct plan *p)
{
  p->id = 0;
  for (size_t k = 0; k < p->n_bases; k++)
    p->bases[k].id = 0;
  for (size_t k = 0; k < p->n_phases; k++)
    p->phases[k].id = 0;
  for (size_t k = 0; k < p->n_targets; k++)
    p->targets[k].id = 0;
  for (size_t k = 0; k < p->n_tasks; k++)
    p->tasks[k].id = 0;
  for (size_t k = 0; k < p->n_reports; k++)
    p->reports[k].id = 0;
}

int store_plan_save(long *id, struct store *st, const struct scope *sc, struct plan *p,
                    const struct store_plan_new *in, const struct store_plan_resolver *res,
                    struct err *err)
{
  *id = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  if (sc->unit_id > 0) {
    int inside = 0;
    if (in->unit_id > 0) {
      rc = store_scope_covers(&inside, st, sc->unit_id, in->unit_id, err);
      if (rc)
        return rc;
    }
    if (!inside)
      return err_set(err, ERR_DENIED, "kế hoạch của %s nằm ngoài địa bàn của %s",
                     in->unit_id > 0 ? "một đơn vị" : "cấp toàn quốc", sc->user);
  }
  rc = save_body(st, sc, p, in, res, err);
  if (rc) {
    forget_ids(p);
    return rc;
  }
  *id = p->id;
  return ERR_OK;
}

int store_plan_find_same(long *id, struct store *st, const struct scope *sc, const char *number,
                         const char *issuer, const char *source_text, struct err *err)
{
  *id = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  /* the same document: its number and issuer, or without a number its text */
  struct stmt *s;
  if (number) {
    rc = db_prepare(&s, st,
                    "SELECT p.id FROM plan p WHERE p.number = ? AND coalesce(p.issuer, '') = ? "
                    "AND" PLAN_IN_SCOPE "ORDER BY p.id DESC LIMIT 1",
                    err);
    if (rc)
      return rc;
    db_bind_text(s, 1, number);
    db_bind_text(s, 2, issuer ? issuer : "");
  } else {
    rc = db_prepare(
        &s, st,
        "SELECT p.id FROM plan p WHERE p.number IS NULL AND p.source_text = ? AND" PLAN_IN_SCOPE
        "ORDER BY p.id DESC LIMIT 1",
        err);
    if (rc)
      return rc;
    db_bind_text(s, 1, source_text ? source_text : "");
  }
  plan_scope_bind(s, number ? 3 : 2, sc);
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

/* ---- load ------------------------------------------------------------------ */

static enum plan_kind kind_from(const char *s)
{
  for (int k = PLAN_ANNUAL; k <= PLAN_THEMATIC; k++)
    if (strcmp(s, plan_kind_name((enum plan_kind)k)) == 0)
      return (enum plan_kind)k;
  return PLAN_KIND_UNKNOWN;
}

static enum target_kind tkind_from(const char *s)
{
  for (int k = TARGET_OTHER; k <= TARGET_REDUCTION_MIN; k++)
    if (strcmp(s, target_kind_name((enum target_kind)k)) == 0)
      return (enum target_kind)k;
  return TARGET_OTHER;
}

static enum task_cadence cadence_from(const char *s)
{
  for (int k = CADENCE_ONGOING; k <= CADENCE_ONCE; k++)
    if (strcmp(s, task_cadence_name((enum task_cadence)k)) == 0)
      return (enum task_cadence)k;
  return CADENCE_NONE;
}

static void load_info(struct store_plan_info *in, struct stmt *s)
{
  memset(in, 0, sizeof *in);
  in->id = (long)db_col_int(s, 0);
  copy_col(in->status, sizeof in->status, s, 1);
  copy_col(in->number, sizeof in->number, s, 2);
  copy_col(in->title, sizeof in->title, s, 3);
  copy_col(in->issued_on, sizeof in->issued_on, s, 4);
  copy_col(in->territory, sizeof in->territory, s, 5);
  copy_col(in->kind, sizeof in->kind, s, 6);
  copy_col(in->source_name, sizeof in->source_name, s, 7);
  copy_col(in->created_at, sizeof in->created_at, s, 8);
  copy_col(in->created_by, sizeof in->created_by, s, 9);
  copy_col(in->published_at, sizeof in->published_at, s, 10);
  copy_col(in->published_by, sizeof in->published_by, s, 11);
  in->n_tasks = (int)db_col_int(s, 12);
  in->parent_id = (long)db_col_int(s, 13);
  in->unit_id = (long)db_col_int(s, 14);
  copy_col(in->unit_tree, sizeof in->unit_tree, s, 15);
  copy_col(in->unit_code, sizeof in->unit_code, s, 16);
  copy_col(in->issuer_kind, sizeof in->issuer_kind, s, 17);
}

/* The columns load_info reads (joined by the compiler into each statement:
 * every statement is one fixed string). */
#define INFO_COLS                                                                                  \
  "p.id, p.status, p.number, p.title, p.issued_on, p.territory, p.kind, p.source_name, "           \
  "p.created_at, p.created_by, p.published_at, p.published_by, "                                   \
  "(SELECT count(*) FROM plan_task t WHERE t.plan_id = p.id), p.parent_id, p.unit_id, "            \
  "p.unit_tree, p.unit_code, p.issuer_kind"

/* The rows of one element list of plan p: `sql` selects them by plan id,
 * `row` takes each (ERR_NOMEM stops the walk). */
static int load_rows(struct store *st, const char *sql, long id,
                     int (*row)(struct plan *p, struct stmt *s, struct err *err), struct plan *p,
                     struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  int r, rc = ERR_OK;
  while (!rc && (r = db_step(s, err)) == 1)
    rc = row(p, s, err);
  db_finalize(s);
  if (rc)
    return rc;
  return r < 0 ? ERR_DB : ERR_OK;
}

static int basis_row(struct plan *p, struct stmt *s, struct err *err)
{
  struct plan_basis *b;
  int rc = plan_add_basis(p, &b, err);
  if (rc)
    return rc;
  b->id = (long)db_col_int(s, 0);
  b->date = parse_iso(db_col_text(s, 3));
  rc = col_dup(&b->text, s, 1, err);
  return rc ? rc : col_dup(&b->number, s, 2, err);
}

static int phase_row(struct plan *p, struct stmt *s, struct err *err)
{
  struct plan_phase *ph;
  int rc = plan_add_phase(p, &ph, err);
  if (rc)
    return rc;
  ph->id = (long)db_col_int(s, 0);
  ph->start = parse_iso(db_col_text(s, 2));
  ph->end = parse_iso(db_col_text(s, 3));
  rc = col_dup(&ph->name, s, 1, err);
  return rc ? rc : col_dup(&ph->text, s, 4, err);
}

static int target_row(struct plan *p, struct stmt *s, struct err *err)
{
  struct plan_target *t;
  int rc = plan_add_target(p, &t, err);
  if (rc)
    return rc;
  t->id = (long)db_col_int(s, 0);
  t->kind = tkind_from(db_col_text(s, 2));
  t->has_value = !db_col_is_null(s, 3);
  t->value = db_col_double(s, 3);
  rc = col_dup(&t->text, s, 1, err);
  if (!rc)
    rc = col_dup(&t->unit, s, 4, err);
  return rc ? rc : col_dup(&t->phase, s, 5, err);
}

static int task_row(struct plan *p, struct stmt *s, struct err *err)
{
  struct plan_task *t;
  int rc = plan_add_task(p, &t, err);
  if (rc)
    return rc;
  t->id = (long)db_col_int(s, 0);
  t->due_on = parse_iso(db_col_text(s, 3));
  t->cadence = cadence_from(db_col_text(s, 4));
  t->then_ongoing = db_col_int(s, 5) != 0;
  rc = col_dup(&t->section, s, 1, err);
  if (!rc)
    rc = col_dup(&t->text, s, 2, err);
  return rc ? rc : col_dup(&t->phase, s, 6, err);
}

static int report_row(struct plan *p, struct stmt *s, struct err *err)
{
  struct plan_report *r;
  int rc = plan_add_report(p, &r, err);
  if (rc)
    return rc;
  r->id = (long)db_col_int(s, 0);
  r->due_on = parse_iso(db_col_text(s, 2));
  r->recurs = strcmp(db_col_text(s, 3), "yearly") == 0 ? RECURS_YEARLY : RECURS_NONE;
  rc = col_dup(&r->name, s, 1, err);
  return rc ? rc : col_dup(&r->recipient, s, 4, err);
}

/* The quotas of target t and the agencies of task t: per element, by its id. */
static int load_quotas(struct store *st, struct plan_target *t, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT assignee, value FROM target_quota WHERE target_id = ? ORDER BY ord", err))
    return ERR_DB;
  db_bind_int(s, 1, t->id);
  int r, rc = ERR_OK;
  while (!rc && (r = db_step(s, err)) == 1)
    rc = plan_target_add_quota(t, db_col_text(s, 0), db_col_double(s, 1), err);
  db_finalize(s);
  if (rc)
    return rc;
  return r < 0 ? ERR_DB : ERR_OK;
}

static int load_agencies(struct store *st, struct plan_task *t, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT role, text FROM task_agency WHERE task_id = ? ORDER BY role, ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, t->id);
  int r, rc = ERR_OK;
  while (!rc && (r = db_step(s, err)) == 1) {
    int lead = strcmp(db_col_text(s, 0), "lead") == 0;
    rc = plan_strv_add(lead ? &t->lead : &t->support, lead ? &t->n_lead : &t->n_support,
                       db_col_text(s, 1), err);
  }
  db_finalize(s);
  if (rc)
    return rc;
  return r < 0 ? ERR_DB : ERR_OK;
}

/* Every element list of p; with `frame` only the bases, phases and targets
 * (with their quotas): what an evaluation of the targets reads. */
static int load_elements(struct plan *p, struct store *st, int frame, struct err *err)
{
  int rc =
      load_rows(st, "SELECT id, text, number, date FROM plan_basis WHERE plan_id = ? ORDER BY ord",
                p->id, basis_row, p, err);
  if (!rc)
    rc = load_rows(st,
                   "SELECT id, name, start_on, end_on, text FROM plan_phase WHERE plan_id = ? "
                   "ORDER BY ord",
                   p->id, phase_row, p, err);
  if (!rc)
    rc = load_rows(st,
                   "SELECT id, text, kind, value, unit, phase FROM plan_target WHERE plan_id = ? "
                   "ORDER BY ord",
                   p->id, target_row, p, err);
  for (size_t k = 0; !rc && k < p->n_targets; k++)
    rc = load_quotas(st, &p->targets[k], err);
  if (frame)
    return rc;
  if (!rc)
    rc = load_rows(st,
                   "SELECT id, section, text, due_on, cadence, then_ongoing, phase FROM plan_task "
                   "WHERE plan_id = ? ORDER BY ord",
                   p->id, task_row, p, err);
  for (size_t k = 0; !rc && k < p->n_tasks; k++)
    rc = load_agencies(st, &p->tasks[k], err);
  if (!rc)
    rc = load_rows(st,
                   "SELECT id, name, due_on, recurs, recipient FROM report_schedule WHERE plan_id "
                   "= ? ORDER BY ord",
                   p->id, report_row, p, err);
  return rc;
}

/* The whole plan (frame: without tasks and reports). A whole plan is read
 * as PLAN_READABLE says (a lower level reads the plans above it); a frame,
 * which feeds the evaluation of the plan's territory, only in scope. */
static int plan_load(struct plan *out, struct store_plan_info *info, struct store *st,
                     const struct scope *sc, long id, int frame, struct err *err)
{
  plan_init(out);
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 frame ? "SELECT " INFO_COLS ", p.issuer, p.period_start, p.period_end FROM plan p "
                         "WHERE p.id = ? AND" PLAN_IN_SCOPE
                       : "SELECT " INFO_COLS ", p.issuer, p.period_start, p.period_end FROM plan p "
                         "WHERE p.id = ? AND" PLAN_READABLE,
                 err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  if (frame)
    plan_scope_bind(s, 2, sc);
  else
    plan_readable_bind(s, 2, sc);
  int r = db_step(s, err);
  if (r != 1) {
    db_finalize(s);
    return r < 0 ? ERR_DB : not_found(err, id);
  }
  if (info)
    load_info(info, s);
  out->id = id;
  out->issued_on = parse_iso(db_col_text(s, 4));
  out->kind = kind_from(db_col_text(s, 6));
  out->period_start = parse_iso(db_col_text(s, 19));
  out->period_end = parse_iso(db_col_text(s, 20));
  rc = col_dup(&out->number, s, 2, err);
  if (!rc)
    rc = col_dup(&out->title, s, 3, err);
  if (!rc)
    rc = col_dup(&out->territory, s, 5, err);
  if (!rc)
    rc = col_dup(&out->issuer, s, 18, err);
  db_finalize(s);
  if (!rc)
    rc = load_elements(out, st, frame, err);
  if (rc)
    plan_free(out);
  return rc;
}

int store_plan_load(struct plan *out, struct store_plan_info *info, struct store *st,
                    const struct scope *sc, long id, struct err *err)
{
  return plan_load(out, info, st, sc, id, 0, err);
}

int store_plan_load_frame(struct plan *out, struct store_plan_info *info, struct store *st,
                          const struct scope *sc, long id, struct err *err)
{
  return plan_load(out, info, st, sc, id, 1, err);
}

int store_plan_list(struct store_plan_info_list *out, struct store *st, const struct scope *sc,
                    struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT " INFO_COLS " FROM plan p WHERE" PLAN_READABLE "ORDER BY p.id DESC", err))
    return ERR_DB;
  plan_readable_bind(s, 1, sc);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      struct store_plan_info *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
      if (!ni) {
        rc = err_nomem(err);
        break;
      }
      out->items = ni;
    }
    load_info(&out->items[out->n++], s);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    store_plan_info_list_free(out);
  return rc;
}

void store_plan_info_list_free(struct store_plan_info_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* ---- citations ------------------------------------------------------------- */

int store_plan_cites(struct store_plan_cite_list *out, struct store *st, const struct scope *sc,
                     long plan_id, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(
          &s, st,
          "SELECT b.plan_id, b.number, b.date FROM plan_basis b JOIN plan p ON p.id = "
          "b.plan_id WHERE b.number IS NOT NULL AND (? = 0 OR b.plan_id = ?) AND" PLAN_IN_SCOPE
          "ORDER BY b.plan_id, b.ord",
          err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  db_bind_int(s, 2, plan_id);
  plan_scope_bind(s, 3, sc);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    struct store_plan_cite *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
    if (!ni) {
      rc = err_nomem(err);
      break;
    }
    out->items = ni;
    struct store_plan_cite *c = &ni[out->n++];
    c->plan_id = (long)db_col_int(s, 0);
    snprintf(c->number, sizeof c->number, "%s", db_col_text(s, 1));
    snprintf(c->date, sizeof c->date, "%s", db_col_text(s, 2));
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    store_plan_cite_list_free(out);
  return rc;
}

void store_plan_cite_list_free(struct store_plan_cite_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* ---- status ---------------------------------------------------------------- */

int store_plan_status(char *buf, size_t n, struct store *st, const struct scope *sc, long id,
                      struct err *err)
{
  buf[0] = '\0';
  return plan_gate(buf, n, st, sc, id, err);
}

int store_plan_set_status(struct store *st, const struct scope *sc, long id, const char *status,
                          struct err *err)
{
  int rc = plan_gate(NULL, 0, st, sc, id, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  int pub = strcmp(status, "published") == 0;
  struct stmt *s;
  if (db_prepare(&s, st,
                 pub ? "UPDATE plan SET status = ?, published_at = ?, published_by = ? WHERE id = ?"
                     : "UPDATE plan SET status = ? WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, status);
  if (pub) {
    db_bind_text(s, 2, now);
    db_bind_text(s, 3, sc->user);
    db_bind_int(s, 4, id);
  } else {
    db_bind_int(s, 2, id);
  }
  rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  db_finalize(s);
  return rc;
}

/* ---- edits ----------------------------------------------------------------- */

/* element.field -> the column, and the complete statements that read and
 * write it in the row of that id tied to the plan: fixed SQL, one pair per
 * editable field, nothing put together at run time. A number is read back
 * as text by SQL (CAST), so that a failed conversion is the statement's
 * error, never an empty value. */
static const struct {
  const char *element, *field, *column; /* column: chooses how the new value is bound */
  const char *select_sql, *update_sql;
} FIELDS[] = {
    {"plan", "number", "number", "SELECT number FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET number = ? WHERE id = ? AND id = ?"},
    {"plan", "title", "title", "SELECT title FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET title = ? WHERE id = ? AND id = ?"},
    {"plan", "issuer", "issuer", "SELECT issuer FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET issuer = ? WHERE id = ? AND id = ?"},
    {"plan", "issued_on", "issued_on", "SELECT issued_on FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET issued_on = ? WHERE id = ? AND id = ?"},
    {"plan", "territory", "territory", "SELECT territory FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET territory = ? WHERE id = ? AND id = ?"},
    {"plan", "kind", "kind", "SELECT kind FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET kind = ? WHERE id = ? AND id = ?"},
    {"plan", "period_start", "period_start",
     "SELECT period_start FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET period_start = ? WHERE id = ? AND id = ?"},
    {"plan", "period_end", "period_end", "SELECT period_end FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET period_end = ? WHERE id = ? AND id = ?"},
    {"plan", "parent_id", "parent_id", "SELECT parent_id FROM plan WHERE id = ? AND id = ?",
     "UPDATE plan SET parent_id = ? WHERE id = ? AND id = ?"},
    {"basis", "text", "text", "SELECT text FROM plan_basis WHERE id = ? AND plan_id = ?",
     "UPDATE plan_basis SET text = ? WHERE id = ? AND plan_id = ?"},
    {"basis", "number", "number", "SELECT number FROM plan_basis WHERE id = ? AND plan_id = ?",
     "UPDATE plan_basis SET number = ? WHERE id = ? AND plan_id = ?"},
    {"basis", "date", "date", "SELECT date FROM plan_basis WHERE id = ? AND plan_id = ?",
     "UPDATE plan_basis SET date = ? WHERE id = ? AND plan_id = ?"},
    {"phase", "name", "name", "SELECT name FROM plan_phase WHERE id = ? AND plan_id = ?",
     "UPDATE plan_phase SET name = ? WHERE id = ? AND plan_id = ?"},
    {"phase", "start", "start_on", "SELECT start_on FROM plan_phase WHERE id = ? AND plan_id = ?",
     "UPDATE plan_phase SET start_on = ? WHERE id = ? AND plan_id = ?"},
    {"phase", "end", "end_on", "SELECT end_on FROM plan_phase WHERE id = ? AND plan_id = ?",
     "UPDATE plan_phase SET end_on = ? WHERE id = ? AND plan_id = ?"},
    {"target", "text", "text", "SELECT text FROM plan_target WHERE id = ? AND plan_id = ?",
     "UPDATE plan_target SET text = ? WHERE id = ? AND plan_id = ?"},
    {"target", "kind", "kind", "SELECT kind FROM plan_target WHERE id = ? AND plan_id = ?",
     "UPDATE plan_target SET kind = ? WHERE id = ? AND plan_id = ?"},
    {"target", "value", "value",
     "SELECT CAST(value AS TEXT) FROM plan_target WHERE id = ? AND plan_id = ?",
     "UPDATE plan_target SET value = ? WHERE id = ? AND plan_id = ?"},
    {"target", "unit", "unit", "SELECT unit FROM plan_target WHERE id = ? AND plan_id = ?",
     "UPDATE plan_target SET unit = ? WHERE id = ? AND plan_id = ?"},
    {"target", "phase", "phase", "SELECT phase FROM plan_target WHERE id = ? AND plan_id = ?",
     "UPDATE plan_target SET phase = ? WHERE id = ? AND plan_id = ?"},
    {"task", "section", "section", "SELECT section FROM plan_task WHERE id = ? AND plan_id = ?",
     "UPDATE plan_task SET section = ? WHERE id = ? AND plan_id = ?"},
    {"task", "text", "text", "SELECT text FROM plan_task WHERE id = ? AND plan_id = ?",
     "UPDATE plan_task SET text = ? WHERE id = ? AND plan_id = ?"},
    {"task", "due_on", "due_on", "SELECT due_on FROM plan_task WHERE id = ? AND plan_id = ?",
     "UPDATE plan_task SET due_on = ? WHERE id = ? AND plan_id = ?"},
    {"task", "cadence", "cadence", "SELECT cadence FROM plan_task WHERE id = ? AND plan_id = ?",
     "UPDATE plan_task SET cadence = ? WHERE id = ? AND plan_id = ?"},
    {"report", "name", "name", "SELECT name FROM report_schedule WHERE id = ? AND plan_id = ?",
     "UPDATE report_schedule SET name = ? WHERE id = ? AND plan_id = ?"},
    {"report", "due_on", "due_on",
     "SELECT due_on FROM report_schedule WHERE id = ? AND plan_id = ?",
     "UPDATE report_schedule SET due_on = ? WHERE id = ? AND plan_id = ?"},
    {"report", "recurs", "recurs",
     "SELECT recurs FROM report_schedule WHERE id = ? AND plan_id = ?",
     "UPDATE report_schedule SET recurs = ? WHERE id = ? AND plan_id = ?"},
    {"report", "recipient", "recipient",
     "SELECT recipient FROM report_schedule WHERE id = ? AND plan_id = ?",
     "UPDATE report_schedule SET recipient = ? WHERE id = ? AND plan_id = ?"},
};
#define NFIELDS (sizeof FIELDS / sizeof FIELDS[0])

int store_plan_set(char **old, struct store *st, const struct scope *sc, long plan_id,
                   const char *element, long element_id, const char *field, const char *value,
                   struct err *err)
{
  *old = NULL;
  size_t f = 0;
  while (f < NFIELDS &&
         !(strcmp(FIELDS[f].element, element) == 0 && strcmp(FIELDS[f].field, field) == 0))
    f++;
  if (f == NFIELDS)
    return err_set(err, ERR_INPUT, "không sửa được trường %s.%s", element, field);
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (rc)
    return rc;
  if (strcmp(element, "plan") == 0)
    element_id = plan_id;
  /* the statements come from FIELDS, never from the caller */
  struct stmt *s;
  if (db_prepare(&s, st, FIELDS[f].select_sql, err))
    return ERR_DB;
  db_bind_int(s, 1, element_id);
  db_bind_int(s, 2, plan_id);
  int r = db_step(s, err);
  if (r == 1)
    rc = col_dup(old, s, 0, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "kế hoạch %ld không có %s số hiệu %ld", plan_id, element,
                   element_id);
  if (!rc)
    rc = db_prepare(&s, st, FIELDS[f].update_sql, err);
  if (!rc) {
    if (value && strcmp(FIELDS[f].column, "value") == 0)
      db_bind_double(s, 1, strtod(value, NULL));
    else if (value && strcmp(FIELDS[f].column, "parent_id") == 0)
      db_bind_int(s, 1, strtoll(value, NULL, 10));
    else
      db_bind_text(s, 1, value);
    db_bind_int(s, 2, element_id);
    db_bind_int(s, 3, plan_id);
    struct err e = {ERR_OK, ""};
    if (db_step(s, &e) < 0) /* a constraint (a value out of its list): the value's fault */
      rc = e.code == ERR_CONFLICT
               ? err_set(err, ERR_INPUT, "giá trị không hợp lệ cho %s.%s", element, field)
               : err_copy(err, &e);
    db_finalize(s);
  }
  if (rc) {
    free(*old);
    *old = NULL;
  }
  return rc;
}

/* The names of a task's agencies of one role, joined by "; ", into *out
 * (malloc'd; NULL when the task has none). */
static int agencies_joined(char **out, struct store *st, long task_id, const char *role,
                           struct err *err)
{
  *out = NULL;
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT text FROM task_agency WHERE task_id = ? AND role = ? ORDER BY ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, task_id);
  db_bind_text(s, 2, role);
  size_t len = 0;
  int r, rc = ERR_OK;
  while (!rc && (r = db_step(s, err)) == 1) {
    const char *t = db_col_text(s, 0);
    size_t need = len + strlen(t) + 3;
    char *n = realloc(*out, need);
    if (!n) {
      rc = err_nomem(err);
      break;
    }
    *out = n;
    len += (size_t)snprintf(*out + len, need - len, "%s%s", len ? "; " : "", t);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc) {
    free(*out);
    *out = NULL;
  }
  return rc;
}

static int task_exists(struct store *st, long plan_id, long task_id, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT 1 FROM plan_task WHERE id = ? AND plan_id = ?", err))
    return ERR_DB;
  db_bind_int(s, 1, task_id);
  db_bind_int(s, 2, plan_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  return r == 1 ? ERR_OK
                : err_set(err, ERR_NOT_FOUND, "kế hoạch %ld không có nhiệm vụ số hiệu %ld", plan_id,
                          task_id);
}

int store_plan_task_agencies(char **old, struct store *st, const struct scope *sc, long plan_id,
                             long task_id, const char *role, char *const *names, size_t n,
                             const struct store_plan_resolver *res, struct err *err)
{
  *old = NULL;
  if (strcmp(role, "lead") != 0 && strcmp(role, "support") != 0)
    return err_set(err, ERR_INPUT, "vai trò phải là lead (chủ trì) hoặc support (phối hợp)");
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (!rc)
    rc = task_exists(st, plan_id, task_id, err);
  if (!rc)
    rc = agencies_joined(old, st, task_id, role, err);
  if (!rc) {
    struct stmt *s;
    rc = db_prepare(&s, st, "DELETE FROM task_agency WHERE task_id = ? AND role = ?", err);
    if (!rc) {
      db_bind_int(s, 1, task_id);
      db_bind_text(s, 2, role);
      if (db_step(s, err) < 0)
        rc = ERR_DB;
      db_finalize(s);
    }
  }
  if (!rc)
    rc = save_agencies(st, task_id, role, names, n, res, err);
  if (rc) {
    free(*old);
    *old = NULL;
  }
  return rc;
}

int store_plan_task_add(long *task_id, struct store *st, const struct scope *sc, long plan_id,
                        const char *text, struct err *err)
{
  *task_id = 0;
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO plan_task (plan_id, ord, text) SELECT ?, coalesce(max(ord), -1) + "
                 "1, ? FROM plan_task WHERE plan_id = ?",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  db_bind_text(s, 2, text);
  db_bind_int(s, 3, plan_id);
  *task_id = insert_done(s, st, T_TASK, err);
  return *task_id ? ERR_OK : ERR_DB;
}

int store_plan_task_delete(char **old_text, struct store *st, const struct scope *sc, long plan_id,
                           long task_id, struct err *err)
{
  *old_text = NULL;
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (!rc)
    rc = task_exists(st, plan_id, task_id, err);
  struct stmt *s;
  if (!rc) {
    rc = db_prepare(&s, st, "SELECT text FROM plan_task WHERE id = ? AND plan_id = ?", err);
    if (!rc) {
      db_bind_int(s, 1, task_id);
      db_bind_int(s, 2, plan_id);
      int r = db_step(s, err);
      if (r == 1)
        rc = col_dup(old_text, s, 0, err);
      else if (r < 0)
        rc = ERR_DB;
      db_finalize(s);
    }
  }
  if (!rc) {
    rc = db_prepare(&s, st, "DELETE FROM plan_task WHERE id = ? AND plan_id = ?", err);
    if (!rc) {
      db_bind_int(s, 1, task_id);
      db_bind_int(s, 2, plan_id);
      if (db_step(s, err) < 0)
        rc = ERR_DB;
      db_finalize(s);
    }
  }
  if (rc) {
    free(*old_text);
    *old_text = NULL;
  }
  return rc;
}

int store_plan_unit(char *tree, size_t tn, char *code, size_t cn, struct store *st,
                    const struct scope *sc, long plan_id, struct err *err)
{
  tree[0] = code[0] = '\0';
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT p.unit_tree, p.unit_code FROM plan p WHERE p.id = ? AND" PLAN_IN_SCOPE,
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  plan_scope_bind(s, 2, sc);
  int r = db_step(s, err);
  if (r == 1) {
    copy_col(tree, tn, s, 0);
    copy_col(code, cn, s, 1);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  return r == 1 ? ERR_OK : not_found(err, plan_id);
}

/* ---- history --------------------------------------------------------------- */

int store_plan_change_add(struct store *st, const struct scope *sc, long plan_id,
                          const struct store_plan_change_in *c, struct err *err)
{
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (rc)
    return rc;
  char now[24];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO plan_change (plan_id, changed_at, changed_by, element, element_id, "
                 "field, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  db_bind_text(s, 2, now);
  db_bind_text(s, 3, sc->user);
  db_bind_text(s, 4, c->element);
  db_bind_int(s, 5, c->element_id);
  db_bind_text(s, 6, c->field);
  db_bind_text(s, 7, c->old_value);
  db_bind_text(s, 8, c->new_value);
  db_bind_text(s, 9, or_null(c->reason));
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

static int change_row(struct store_plan_change *c, struct stmt *s, struct err *err)
{
  memset(c, 0, sizeof *c);
  copy_col(c->changed_at, sizeof c->changed_at, s, 0);
  copy_col(c->changed_by, sizeof c->changed_by, s, 1);
  copy_col(c->element, sizeof c->element, s, 2);
  c->element_id = (long)db_col_int(s, 3);
  copy_col(c->field, sizeof c->field, s, 4);
  int rc = col_dup(&c->old_value, s, 5, err);
  if (!rc)
    rc = col_dup(&c->new_value, s, 6, err);
  if (!rc)
    rc = col_dup(&c->reason, s, 7, err);
  return rc;
}

int store_plan_history(struct store_plan_change_list *out, struct store *st, const struct scope *sc,
                       long plan_id, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = plan_gate(NULL, 0, st, sc, plan_id, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT changed_at, changed_by, element, element_id, field, old_value, "
                 "new_value, reason FROM plan_change WHERE plan_id = ? ORDER BY id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  size_t cap = 0;
  int r;
  while (!rc && (r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      struct store_plan_change *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
      if (!ni) {
        rc = err_nomem(err);
        break;
      }
      out->items = ni;
    }
    /* counted first, so that a row half copied is freed with the list */
    rc = change_row(&out->items[out->n++], s, err);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    store_plan_change_list_free(out);
  return rc;
}

void store_plan_change_list_free(struct store_plan_change_list *l)
{
  if (!l)
    return;
  for (size_t k = 0; k < l->n; k++) {
    free(l->items[k].old_value);
    free(l->items[k].new_value);
    free(l->items[k].reason);
  }
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
