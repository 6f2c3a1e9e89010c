/* store_plans.c: plans in the database (see store_plans.h).
 *
 * Dates are stored as ISO text, kinds by their contract names, and every
 * element keeps its order in the document (ord). Task agencies and quota
 * assignees keep the written form beside the resolution done by the domain
 * layer (kind, level, group flag, unit), passed in as a store_plan_resolver
 * so that no domain logic runs here. */
#include "store/store_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "store/db.h"
#include "store/store.h"

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

static char *dup_or_null(const char *s, int is_null)
{
  return is_null ? NULL : strdup(s);
}

/* The tables a plan is saved into, each with its complete "newest id"
 * statement: no SQL text is put together at run time. */
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

static void resolve(const struct store_plan_resolver *res, const char *name,
                    struct store_plan_res *out)
{
  memset(out, 0, sizeof *out);
  if (res && res->fn)
    res->fn(res->ctx, name, out);
}

static const char *or_null(const char *s)
{
  return s[0] ? s : NULL;
}

static int save_agencies(struct store *st, long task_id, const char *role, char *const *v, size_t n,
                         const struct store_plan_resolver *res, struct err *err)
{
  for (size_t k = 0; k < n; k++) {
    struct store_plan_res r;
    resolve(res, v[k], &r);
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

static int save_body(struct store *st, struct plan *p, const char *source_name,
                     const char *source_text, const char *who,
                     const struct store_plan_resolver *res, struct err *err)
{
  char now[24], d1[11], d2[11], d3[11];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO plan (number, title, issuer, issued_on, territory, kind, "
                 "period_start, period_end, status, source_name, source_text, created_at, "
                 "created_by, unit_tree, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, "
                 "?, ?, ?, ?, ?)",
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
  db_bind_text(s, 9, source_name);
  db_bind_text(s, 10, source_text);
  db_bind_text(s, 11, now);
  db_bind_text(s, 12, who);
  db_bind_text(s, 13, res && res->unit_tree && *res->unit_tree ? res->unit_tree : NULL);
  db_bind_text(s, 14, res && res->unit_code && *res->unit_code ? res->unit_code : NULL);
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
  for (size_t k = 0; k < p->n_targets; k++) {
    struct plan_target *t = &p->targets[k];
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
      resolve(res, t->quotas[q].assignee, &r);
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
    if (save_agencies(st, t->id, "lead", t->lead, t->n_lead, res, err) ||
        save_agencies(st, t->id, "support", t->support, t->n_support, res, err))
      return ERR_DB;
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

int store_plan_save(long *id, struct store *st, struct plan *p, const char *source_name,
                    const char *source_text, const char *who, const struct store_plan_resolver *res,
                    struct err *err)
{
  *id = 0;
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = save_body(st, p, source_name, source_text, who, res, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  rc = store_write_commit(st, err);
  if (rc == ERR_OK)
    *id = p->id;
  return rc;
}

/* ---- load ------------------------------------------------------------------ */

static void copy_col(char *dst, size_t n, struct stmt *s, int i)
{
  snprintf(dst, n, "%s", db_col_text(s, i));
}

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

#define TXT(i) dup_or_null(db_col_text(s, (i)), db_col_is_null(s, (i)))

static int load_info(struct store_plan_info *in, struct stmt *s)
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
  copy_col(in->unit_tree, sizeof in->unit_tree, s, 14);
  copy_col(in->unit_code, sizeof in->unit_code, s, 15);
  return ERR_OK;
}

/* The columns load_info reads, ahead of each statement's WHERE / ORDER BY
 * (joined by the compiler: each statement is one fixed string). */
#define INFO_SELECT                                                                                \
  "SELECT p.id, p.status, p.number, p.title, p.issued_on, p.territory, p.kind, p.source_name, "    \
  "p.created_at, p.created_by, p.published_at, p.published_by, "                                   \
  "(SELECT count(*) FROM plan_task t WHERE t.plan_id = p.id), p.parent_id, p.unit_tree, "          \
  "p.unit_code FROM plan p "

static int load_elements(struct plan *p, struct store *st, struct err *err)
{
  struct stmt *s;
  int r;
  if (db_prepare(&s, st,
                 "SELECT id, text, number, date FROM plan_basis WHERE plan_id = ? ORDER BY ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, p->id);
  while ((r = db_step(s, err)) == 1) {
    struct plan_basis *b;
    if (plan_add_basis(p, &b, err))
      break;
    b->id = (long)db_col_int(s, 0);
    b->text = TXT(1);
    b->number = TXT(2);
    b->date = parse_iso(db_col_text(s, 3));
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_prepare(&s, st,
                 "SELECT id, name, start_on, end_on, text FROM plan_phase WHERE plan_id = ? ORDER "
                 "BY ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, p->id);
  while ((r = db_step(s, err)) == 1) {
    struct plan_phase *ph;
    if (plan_add_phase(p, &ph, err))
      break;
    ph->id = (long)db_col_int(s, 0);
    ph->name = TXT(1);
    ph->start = parse_iso(db_col_text(s, 2));
    ph->end = parse_iso(db_col_text(s, 3));
    ph->text = TXT(4);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_prepare(&s, st,
                 "SELECT id, text, kind, value, unit, phase FROM plan_target WHERE plan_id = ? "
                 "ORDER BY ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, p->id);
  while ((r = db_step(s, err)) == 1) {
    struct plan_target *t;
    if (plan_add_target(p, &t, err))
      break;
    t->id = (long)db_col_int(s, 0);
    t->text = TXT(1);
    t->kind = tkind_from(db_col_text(s, 2));
    t->has_value = !db_col_is_null(s, 3);
    t->value = db_col_double(s, 3);
    t->unit = TXT(4);
    t->phase = TXT(5);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  for (size_t k = 0; k < p->n_targets; k++) {
    if (db_prepare(&s, st,
                   "SELECT assignee, value FROM target_quota WHERE target_id = ? ORDER BY ord",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, p->targets[k].id);
    while ((r = db_step(s, err)) == 1)
      if (plan_target_add_quota(&p->targets[k], db_col_text(s, 0), db_col_double(s, 1), err))
        break;
    db_finalize(s);
    if (r < 0)
      return ERR_DB;
  }
  if (db_prepare(&s, st,
                 "SELECT id, section, text, due_on, cadence, then_ongoing, phase FROM plan_task "
                 "WHERE plan_id = ? ORDER BY ord",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, p->id);
  while ((r = db_step(s, err)) == 1) {
    struct plan_task *t;
    if (plan_add_task(p, &t, err))
      break;
    t->id = (long)db_col_int(s, 0);
    t->section = TXT(1);
    t->text = TXT(2);
    t->due_on = parse_iso(db_col_text(s, 3));
    t->cadence = cadence_from(db_col_text(s, 4));
    t->then_ongoing = db_col_int(s, 5) != 0;
    t->phase = TXT(6);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  for (size_t k = 0; k < p->n_tasks; k++) {
    struct plan_task *t = &p->tasks[k];
    if (db_prepare(&s, st,
                   "SELECT role, text FROM task_agency WHERE task_id = ? ORDER BY role, ord", err))
      return ERR_DB;
    db_bind_int(s, 1, t->id);
    while ((r = db_step(s, err)) == 1) {
      int lead = strcmp(db_col_text(s, 0), "lead") == 0;
      if (plan_strv_add(lead ? &t->lead : &t->support, lead ? &t->n_lead : &t->n_support,
                        db_col_text(s, 1), err))
        break;
    }
    db_finalize(s);
    if (r < 0)
      return ERR_DB;
  }
  if (db_prepare(
          &s, st,
          "SELECT id, name, due_on, recurs, recipient FROM report_schedule WHERE plan_id = ? "
          "ORDER BY ord",
          err))
    return ERR_DB;
  db_bind_int(s, 1, p->id);
  while ((r = db_step(s, err)) == 1) {
    struct plan_report *rp;
    if (plan_add_report(p, &rp, err))
      break;
    rp->id = (long)db_col_int(s, 0);
    rp->name = TXT(1);
    rp->due_on = parse_iso(db_col_text(s, 2));
    rp->recurs = strcmp(db_col_text(s, 3), "yearly") == 0 ? RECURS_YEARLY : RECURS_NONE;
    rp->recipient = TXT(4);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_plan_load(struct plan *out, struct store_plan_info *info, struct store *st, long id,
                    struct err *err)
{
  plan_init(out);
  struct stmt *s;
  if (db_prepare(&s, st, INFO_SELECT "WHERE p.id = ?", err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  int r = db_step(s, err);
  if (r != 1) {
    db_finalize(s);
    return r < 0 ? ERR_DB : err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", id);
  }
  if (info)
    load_info(info, s);
  out->id = id;
  out->number = TXT(2);
  out->title = TXT(3);
  out->issued_on = parse_iso(db_col_text(s, 4));
  out->territory = TXT(5);
  out->kind = kind_from(db_col_text(s, 6));
  db_finalize(s);
  if (db_prepare(&s, st, "SELECT issuer, period_start, period_end FROM plan WHERE id = ?", err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  if (db_step(s, err) == 1) {
    out->issuer = TXT(0);
    out->period_start = parse_iso(db_col_text(s, 1));
    out->period_end = parse_iso(db_col_text(s, 2));
  }
  db_finalize(s);
  int rc = load_elements(out, st, err);
  if (rc)
    plan_free(out);
  return rc;
}

int store_plan_list(struct store_plan_info_list *out, struct store *st, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct stmt *s;
  if (db_prepare(&s, st, INFO_SELECT "ORDER BY p.id DESC", err))
    return ERR_DB;
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      size_t nc = cap ? cap * 2 : 16;
      struct store_plan_info *ni = realloc(out->items, nc * sizeof *ni);
      if (!ni) {
        db_finalize(s);
        return err_nomem(err);
      }
      out->items = ni;
      cap = nc;
    }
    load_info(&out->items[out->n++], s);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

void store_plan_info_list_free(struct store_plan_info_list *l)
{
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* ---- status -------------------------------------------------------------------- */

static int plan_status(char *buf, size_t n, struct store *st, long id, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT status FROM plan WHERE id = ?", err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  int r = db_step(s, err);
  if (r == 1)
    copy_col(buf, n, s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", id);
  return ERR_OK;
}

static int log_change(struct store *st, long plan_id, const char *element, long element_id,
                      const char *field, const char *old_v, const char *new_v, const char *who,
                      const char *reason, struct err *err);

static int move_status(struct store *st, long id, const char *from, const char *to, const char *who,
                       struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char cur[16];
  rc = plan_status(cur, sizeof cur, st, id, err);
  if (!rc && strcmp(cur, from) != 0)
    rc = err_set(err, ERR_CONFLICT, "kế hoạch %ld đang ở trạng thái %s, không chuyển sang %s được",
                 id, cur, to);
  if (!rc) {
    char now[24];
    date_now_utc(now, sizeof now);
    struct stmt *s;
    int pub = strcmp(to, "published") == 0;
    rc = db_prepare(
        &s, st,
        pub ? "UPDATE plan SET status = ?, published_at = ?, published_by = ? WHERE id = ?"
            : "UPDATE plan SET status = ? WHERE id = ?",
        err);
    if (!rc) {
      db_bind_text(s, 1, to);
      if (pub) {
        db_bind_text(s, 2, now);
        db_bind_text(s, 3, who);
        db_bind_int(s, 4, id);
      } else {
        db_bind_int(s, 2, id);
      }
      if (db_step(s, err) < 0)
        rc = ERR_DB;
      db_finalize(s);
    }
  }
  if (!rc && strcmp(to, "closed") == 0) {
    /* closing is a change of a published plan: it goes in the history */
    rc = log_change(st, id, "plan", id, "status", "published", "closed", who, NULL, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int store_plan_publish(struct store *st, long id, const char *who, struct err *err)
{
  return move_status(st, id, "draft", "published", who, err);
}

int store_plan_close(struct store *st, long id, const char *who, struct err *err)
{
  return move_status(st, id, "published", "closed", who, err);
}

/* ---- edits ------------------------------------------------------------------------ */

/* element.field -> the column, and the complete statements that read and
 * write it in the row of that id tied to the plan: fixed SQL, one pair per
 * editable field, nothing put together at run time. */
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
    {"target", "value", "value", "SELECT value FROM plan_target WHERE id = ? AND plan_id = ?",
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

/* Start an edit: the plan must exist and not be closed; *published tells
 * whether the change goes into the history. */
static int edit_begin(int *published, struct store *st, long plan_id, struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char cur[16];
  rc = plan_status(cur, sizeof cur, st, plan_id, err);
  if (!rc && strcmp(cur, "closed") == 0)
    rc = err_set(err, ERR_CONFLICT, "kế hoạch %ld đã kết thúc, không sửa được nữa", plan_id);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  *published = strcmp(cur, "published") == 0;
  return ERR_OK;
}

static int log_change(struct store *st, long plan_id, const char *element, long element_id,
                      const char *field, const char *old_v, const char *new_v, const char *who,
                      const char *reason, struct err *err)
{
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
  db_bind_text(s, 3, who);
  db_bind_text(s, 4, element);
  db_bind_int(s, 5, element_id);
  db_bind_text(s, 6, field);
  db_bind_text(s, 7, old_v);
  db_bind_text(s, 8, new_v);
  db_bind_text(s, 9, reason);
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

static int edit_end(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int store_plan_set(struct store *st, long plan_id, const char *element, long element_id,
                   const char *field, const char *value, const char *who, const char *reason,
                   struct err *err)
{
  size_t f = 0;
  while (f < NFIELDS &&
         !(strcmp(FIELDS[f].element, element) == 0 && strcmp(FIELDS[f].field, field) == 0))
    f++;
  if (f == NFIELDS)
    return err_set(err, ERR_INPUT, "không sửa được trường %s.%s", element, field);
  if (strcmp(element, "plan") == 0)
    element_id = plan_id;
  int published;
  int rc = edit_begin(&published, st, plan_id, err);
  if (rc)
    return rc;
  /* the statements come from FIELDS, never from the caller */
  struct stmt *s;
  char *old_v = NULL;
  int found = 0;
  rc = db_prepare(&s, st, FIELDS[f].select_sql, err);
  if (!rc) {
    db_bind_int(s, 1, element_id);
    db_bind_int(s, 2, plan_id);
    int r = db_step(s, err);
    if (r == 1) {
      found = 1;
      old_v = db_col_is_null(s, 0) ? NULL : strdup(db_col_text(s, 0));
    } else if (r < 0) {
      rc = ERR_DB;
    }
    db_finalize(s);
  }
  if (!rc && !found)
    rc = err_set(err, ERR_NOT_FOUND, "kế hoạch %ld không có %s số hiệu %ld", plan_id, element,
                 element_id);
  if (!rc) {
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
      if (db_step(s, &e) < 0)
        rc = err_copy(err, &e) == ERR_CONFLICT ? ERR_INPUT : ERR_DB;
      db_finalize(s);
    }
  }
  if (!rc && published)
    rc = log_change(st, plan_id, element, element_id, field, old_v, value, who, reason, err);
  free(old_v);
  return edit_end(st, rc, err);
}

/* The names of a task's agencies of one role, joined by "; " (malloc'd). */
static char *agencies_joined(struct store *st, long task_id, const char *role, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT text FROM task_agency WHERE task_id = ? AND role = ? ORDER BY ord",
                 err))
    return NULL;
  db_bind_int(s, 1, task_id);
  db_bind_text(s, 2, role);
  size_t len = 0;
  char *out = calloc(1, 1);
  while (out && db_step(s, err) == 1) {
    const char *t = db_col_text(s, 0);
    char *n = realloc(out, len + strlen(t) + 3);
    if (!n) {
      free(out);
      out = NULL;
      break;
    }
    out = n;
    len += (size_t)snprintf(out + len, strlen(t) + 3, "%s%s", len ? "; " : "", t);
  }
  db_finalize(s);
  if (out && !*out) { /* no agency: no value */
    free(out);
    out = NULL;
  }
  return out;
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

int store_plan_task_agencies(struct store *st, long plan_id, long task_id, const char *role,
                             char *const *names, size_t n, const char *who, const char *reason,
                             const struct store_plan_resolver *res, struct err *err)
{
  if (strcmp(role, "lead") != 0 && strcmp(role, "support") != 0)
    return err_set(err, ERR_INPUT, "vai trò phải là lead (chủ trì) hoặc support (phối hợp)");
  int published;
  int rc = edit_begin(&published, st, plan_id, err);
  if (rc)
    return rc;
  rc = task_exists(st, plan_id, task_id, err);
  char *old_v = rc ? NULL : agencies_joined(st, task_id, role, err);
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
  if (!rc && published) {
    char *new_v = agencies_joined(st, task_id, role, err);
    rc = log_change(st, plan_id, "task", task_id, role, old_v, new_v, who, reason, err);
    free(new_v);
  }
  free(old_v);
  return edit_end(st, rc, err);
}

int store_plan_task_add(long *task_id, struct store *st, long plan_id, const char *text,
                        const char *who, struct err *err)
{
  *task_id = 0;
  int published;
  int rc = edit_begin(&published, st, plan_id, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  "INSERT INTO plan_task (plan_id, ord, text) SELECT ?, coalesce(max(ord), -1) + "
                  "1, ? FROM plan_task WHERE plan_id = ?",
                  err);
  if (!rc) {
    db_bind_int(s, 1, plan_id);
    db_bind_text(s, 2, text);
    db_bind_int(s, 3, plan_id);
    *task_id = insert_done(s, st, T_TASK, err);
    if (!*task_id)
      rc = ERR_DB;
  }
  if (!rc && published)
    rc = log_change(st, plan_id, "task", *task_id, "added", NULL, text, who, NULL, err);
  return edit_end(st, rc, err);
}

int store_plan_task_delete(struct store *st, long plan_id, long task_id, const char *who,
                           const char *reason, struct err *err)
{
  int published;
  int rc = edit_begin(&published, st, plan_id, err);
  if (rc)
    return rc;
  rc = task_exists(st, plan_id, task_id, err);
  char *old_text = NULL;
  struct stmt *s;
  if (!rc && !db_prepare(&s, st, "SELECT text FROM plan_task WHERE id = ?", err)) {
    db_bind_int(s, 1, task_id);
    if (db_step(s, err) == 1)
      old_text = strdup(db_col_text(s, 0));
    db_finalize(s);
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
  if (!rc && published)
    rc = log_change(st, plan_id, "task", task_id, "deleted", old_text, NULL, who, reason, err);
  free(old_text);
  return edit_end(st, rc, err);
}

int store_plan_history(struct store_plan_change_list *out, struct store *st, long plan_id,
                       struct err *err)
{
  out->items = NULL;
  out->n = 0;
  char status[16];
  int rc = plan_status(status, sizeof status, st, plan_id, err);
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
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      size_t nc = cap ? cap * 2 : 16;
      struct store_plan_change *ni = realloc(out->items, nc * sizeof *ni);
      if (!ni)
        break;
      out->items = ni;
      cap = nc;
    }
    struct store_plan_change *c = &out->items[out->n++];
    memset(c, 0, sizeof *c);
    copy_col(c->changed_at, sizeof c->changed_at, s, 0);
    copy_col(c->changed_by, sizeof c->changed_by, s, 1);
    copy_col(c->element, sizeof c->element, s, 2);
    c->element_id = (long)db_col_int(s, 3);
    copy_col(c->field, sizeof c->field, s, 4);
    c->old_value = TXT(5);
    c->new_value = TXT(6);
    c->reason = TXT(7);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

void store_plan_change_list_free(struct store_plan_change_list *l)
{
  for (size_t k = 0; k < l->n; k++) {
    free(l->items[k].old_value);
    free(l->items[k].new_value);
    free(l->items[k].reason);
  }
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

int store_plan_unit(char *tree, size_t tn, char *code, size_t cn, struct store *st, long plan_id,
                    struct err *err)
{
  tree[0] = code[0] = '\0';
  struct stmt *s;
  if (db_prepare(&s, st, "SELECT unit_tree, unit_code FROM plan WHERE id = ?", err))
    return ERR_DB;
  db_bind_int(s, 1, plan_id);
  int r = db_step(s, err);
  if (r == 1) {
    copy_col(tree, tn, s, 0);
    copy_col(code, cn, s, 1);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", plan_id);
}
