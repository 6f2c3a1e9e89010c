/* store_reports.c: the reporting calendar's feed and the unit reports (see store_reports.h).
 *
 * The plans in reach are written once as the REACH common table (the
 * caller's plans, and the plans above it to which a unit of its territory
 * owes reports) and every calendar statement starts from it; every value
 * is bound, every statement one fixed string. */
#include "store/store_reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_plan_scope.h"

/* Units in the caller's territory (one parameter: the scope's unit id). */
#define UNIT_IN_SCOPE " (SELECT unit_id FROM unit_scope WHERE scope_id = ?) "

/* reach(id, in_scope): the published plans with a schedule that the caller
 * reaches, and the closed ones (for what fell due before they closed);
 * seven parameters, bound by bind_reach. */
#define REACH                                                                                      \
  "WITH reach(id, in_scope) AS (SELECT p.id, CASE WHEN" PLAN_IN_SCOPE "THEN 1 ELSE 0 END "         \
  "FROM plan p WHERE p.status IN ('published', 'closed') AND (? = 0 OR p.id = ?) "                 \
  "AND EXISTS (SELECT 1 FROM report_schedule s WHERE s.plan_id = p.id) "                           \
  "AND (" PLAN_IN_SCOPE "OR EXISTS (SELECT 1 FROM unit c WHERE c.parent_id = p.unit_id "           \
  "AND c.id IN" UNIT_IN_SCOPE "))) "

static int bind_reach(struct stmt *s, const struct scope *sc, long plan_id)
{
  plan_scope_bind(s, 1, sc);
  db_bind_int(s, 3, plan_id);
  db_bind_int(s, 4, plan_id);
  plan_scope_bind(s, 5, sc);
  db_bind_int(s, 7, sc->unit_id);
  return 8; /* the next parameter */
}

/* The latest name of unit alias `u`, with its type: "xã Bình Hải". */
#define UNIT_NAME(u)                                                                               \
  "coalesce((SELECT v.type || ' ' || v.name FROM unit_version v WHERE v.unit_id = " u              \
  ".id ORDER BY v.valid_from DESC LIMIT 1), '')"

static void copy_col(char *dst, size_t n, struct stmt *s, int i)
{
  snprintf(dst, n, "%s", db_col_text(s, i));
}

/* An ISO date column that stores an open end as 9999-12-31 / 0001-01-01: "" then. */
static void copy_date(char *dst, size_t n, struct stmt *s, int i)
{
  const char *v = db_col_text(s, i);
  if (strcmp(v, "9999-12-31") == 0 || strcmp(v, "0001-01-01") == 0)
    v = "";
  snprintf(dst, n, "%s", v);
}

typedef void (*row_fn)(void *row, struct stmt *s);

/* Step s to the end, each row appended to *items (element size `size`)
 * by fn; finalizes s. ERR_DB, ERR_NOMEM (the items so far kept for the
 * caller to free). */
static int load_rows(void **items, size_t *n, size_t size, struct stmt *s, row_fn fn,
                     struct err *err)
{
  size_t cap = *n;
  int r, rc = ERR_OK;
  while ((r = db_step(s, err)) == 1) {
    if (*n == cap) {
      void *ni = array_grow(*items, &cap, *n + 1, size);
      if (!ni) {
        rc = err_nomem(err);
        break;
      }
      *items = ni;
    }
    char *row = (char *)*items + *n * size;
    memset(row, 0, size);
    fn(row, s);
    (*n)++;
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  return rc;
}

/* ---- the calendar's feed --------------------------------------------------- */

static void plan_row(void *p, struct stmt *s)
{
  struct store_cal_plan *r = p;
  r->id = (long)db_col_int(s, 0);
  copy_col(r->number, sizeof r->number, s, 1);
  copy_col(r->issuer, sizeof r->issuer, s, 2);
  copy_col(r->kind, sizeof r->kind, s, 3);
  copy_col(r->period_start, sizeof r->period_start, s, 4);
  copy_col(r->period_end, sizeof r->period_end, s, 5);
  r->unit_id = (long)db_col_int(s, 6);
  copy_col(r->unit_tree, sizeof r->unit_tree, s, 7);
  copy_col(r->unit_code, sizeof r->unit_code, s, 8);
  r->unit_level = (int)db_col_int(s, 9);
  r->in_scope = (int)db_col_int(s, 10);
  copy_col(r->unit_name, sizeof r->unit_name, s, 11);
  copy_col(r->closed_on, sizeof r->closed_on, s, 12);
}

static void phase_row(void *p, struct stmt *s)
{
  struct store_cal_phase *r = p;
  r->plan_id = (long)db_col_int(s, 0);
  copy_col(r->name, sizeof r->name, s, 1);
  copy_col(r->start_on, sizeof r->start_on, s, 2);
  copy_col(r->end_on, sizeof r->end_on, s, 3);
}

static void schedule_row(void *p, struct stmt *s)
{
  struct store_cal_schedule *r = p;
  r->id = (long)db_col_int(s, 0);
  r->plan_id = (long)db_col_int(s, 1);
  copy_col(r->name, sizeof r->name, s, 2);
  copy_col(r->due_on, sizeof r->due_on, s, 3);
  copy_col(r->recipient, sizeof r->recipient, s, 4);
  copy_col(r->periodicity, sizeof r->periodicity, s, 5);
  copy_col(r->cutoff_from, sizeof r->cutoff_from, s, 6);
  copy_col(r->cutoff_to, sizeof r->cutoff_to, s, 7);
  r->lower_lead_days = (int)db_col_int(s, 8);
  copy_col(r->recurs, sizeof r->recurs, s, 9);
}

static void owner_row(void *p, struct stmt *s)
{
  struct store_cal_owner *r = p;
  r->plan_id = (long)db_col_int(s, 0);
  r->unit_id = (long)db_col_int(s, 1);
  copy_col(r->unit_tree, sizeof r->unit_tree, s, 2);
  copy_col(r->unit_code, sizeof r->unit_code, s, 3);
  copy_col(r->unit_name, sizeof r->unit_name, s, 4);
  copy_date(r->valid_from, sizeof r->valid_from, s, 5);
  copy_date(r->valid_to, sizeof r->valid_to, s, 6);
  copy_col(r->agency_kind, sizeof r->agency_kind, s, 7);
  copy_col(r->agency_level, sizeof r->agency_level, s, 8);
}

static void report_row(void *p, struct stmt *s)
{
  struct store_cal_report *r = p;
  r->id = (long)db_col_int(s, 0);
  r->schedule_id = (long)db_col_int(s, 1);
  r->unit_id = (long)db_col_int(s, 2);
  copy_col(r->agency_kind, sizeof r->agency_kind, s, 3);
  copy_col(r->status, sizeof r->status, s, 4);
  r->version = (int)db_col_int(s, 5);
  copy_col(r->first_submitted_on, sizeof r->first_submitted_on, s, 6);
  copy_col(r->occurs_on, sizeof r->occurs_on, s, 7);
}

static void regime_row(void *p, struct stmt *s)
{
  struct store_cal_regime *r = p;
  r->id = (long)db_col_int(s, 0);
  copy_col(r->periodicity, sizeof r->periodicity, s, 1);
  r->cut_day = (int)db_col_int(s, 2);
  copy_col(r->source, sizeof r->source, s, 3);
  copy_date(r->from, sizeof r->from, s, 4);
  copy_date(r->to, sizeof r->to, s, 5);
}

void store_calendar_free(struct store_calendar *c)
{
  if (!c)
    return;
  free(c->plans);
  free(c->phases);
  free(c->schedules);
  free(c->owners);
  free(c->reports);
  free(c->regimes);
  memset(c, 0, sizeof *c);
}

/* One REACH statement of the feed, loaded into items/n; extra binds the
 * unit scope once more (the units and reports statements). */
static int load_reach(void **items, size_t *n, size_t size, struct store *st,
                      const struct scope *sc, long plan_id, const char *sql, int extra, row_fn fn,
                      struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  int at = bind_reach(s, sc, plan_id);
  if (extra)
    db_bind_int(s, at, sc->unit_id);
  return load_rows(items, n, size, s, fn, err);
}

int store_calendar_load(struct store_calendar *out, struct store *st, const struct scope *sc,
                        long plan_id, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  rc = load_reach((void **)&out->plans, &out->n_plans, sizeof *out->plans, st, sc, plan_id,
                  REACH "SELECT p.id, coalesce(p.number, ''), coalesce(p.issuer, ''), p.kind, "
                        "coalesce(p.period_start, ''), coalesce(p.period_end, ''), "
                        "coalesce(p.unit_id, 0), coalesce(u.tree, ''), coalesce(u.code, ''), "
                        "coalesce(u.level, 0), r.in_scope, " UNIT_NAME(
                            "u") ", "
                                 /* the day a closed plan was closed, from its history */
                                 "CASE WHEN p.status = 'closed' THEN coalesce((SELECT "
                                 "substr(max(c.changed_at), 1, 10) FROM plan_change c WHERE "
                                 "c.plan_id = p.id AND c.element = 'plan' AND c.field = "
                                 "'status' AND c.new_value = 'closed'), p.period_end, '') "
                                 "ELSE '' END "
                                 "FROM reach r JOIN plan p ON p.id = r.id "
                                 "LEFT JOIN unit u ON u.id = p.unit_id ORDER BY p.id",
                  0, plan_row, err);
  if (!rc)
    rc = load_reach((void **)&out->phases, &out->n_phases, sizeof *out->phases, st, sc, plan_id,
                    REACH "SELECT ph.plan_id, ph.name, coalesce(ph.start_on, ''), "
                          "coalesce(ph.end_on, '') FROM plan_phase ph "
                          "JOIN reach r ON r.id = ph.plan_id ORDER BY ph.plan_id, ph.ord",
                    0, phase_row, err);
  if (!rc)
    rc = load_reach(
        (void **)&out->schedules, &out->n_schedules, sizeof *out->schedules, st, sc, plan_id,
        REACH "SELECT s.id, s.plan_id, s.name, coalesce(s.due_on, ''), coalesce(s.recipient, ''), "
              "coalesce(s.periodicity, ''), coalesce(s.cutoff_from, ''), "
              "coalesce(s.cutoff_to, ''), s.lower_lead_days, coalesce(s.recurs, '') "
              "FROM report_schedule s "
              "JOIN reach r ON r.id = s.plan_id ORDER BY s.plan_id, s.ord",
        0, schedule_row, err);
  if (!rc)
    rc = load_reach((void **)&out->owners, &out->n_owners, sizeof *out->owners, st, sc, plan_id,
                    REACH "SELECT DISTINCT t.plan_id, 0, '', '', '', '', '', a.agency_kind, "
                          "coalesce(a.agency_level, '') FROM task_agency a "
                          "JOIN plan_task t ON t.id = a.task_id JOIN reach r ON r.id = t.plan_id "
                          "WHERE r.in_scope = 1 AND a.role = 'lead' "
                          "AND coalesce(a.agency_kind, '') <> '' "
                          "ORDER BY t.plan_id, a.agency_kind, coalesce(a.agency_level, '')",
                    0, owner_row, err);
  if (!rc)
    rc = load_reach((void **)&out->owners, &out->n_owners, sizeof *out->owners, st, sc, plan_id,
                    REACH "SELECT p.id, c.id, c.tree, c.code, " UNIT_NAME(
                        "c") ", c.valid_from, "
                             "c.valid_to, '', '' FROM reach r JOIN plan p ON p.id = r.id "
                             "JOIN unit c ON c.parent_id = p.unit_id "
                             "WHERE (r.in_scope = 1 OR c.id IN" UNIT_IN_SCOPE ") "
                             "ORDER BY p.id, c.code",
                    1, owner_row, err);
  if (!rc)
    rc = load_reach((void **)&out->reports, &out->n_reports, sizeof *out->reports, st, sc, plan_id,
                    REACH "SELECT x.id, x.schedule_id, coalesce(x.unit_id, 0), x.agency_kind, "
                          "x.status, x.version, coalesce(x.first_submitted_on, ''), x.occurs_on "
                          "FROM unit_report x JOIN report_schedule s ON s.id = x.schedule_id "
                          "JOIN reach r ON r.id = s.plan_id "
                          "WHERE (r.in_scope = 1 OR x.unit_id IN" UNIT_IN_SCOPE ") "
                          "ORDER BY x.schedule_id, x.id",
                    1, report_row, err);
  if (!rc)
    rc = store_regime_list(&out->regimes, &out->n_regimes, st, err);
  if (rc)
    store_calendar_free(out);
  return rc;
}

int store_regime_list(struct store_cal_regime **out, size_t *n, struct store *st, struct err *err)
{
  *out = NULL;
  *n = 0;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT id, periodicity, cut_day, source, effective_from, effective_to "
                 "FROM report_regime ORDER BY periodicity, effective_from, id",
                 err))
    return ERR_DB;
  int rc = load_rows((void **)out, n, sizeof **out, s, regime_row, err);
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
  }
  return rc;
}

int store_regime_set(struct store *st, long id, int cut_day, const char *from, const char *to,
                     struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE report_regime SET cut_day = ?, effective_from = ?, effective_to = ? "
                 "WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, cut_day);
  db_bind_text(s, 2, from);
  db_bind_text(s, 3, to && *to ? to : "9999-12-31");
  db_bind_int(s, 4, id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có quy định kỳ số liệu số %ld", id);
  return ERR_OK;
}

int store_schedule_set(struct store *st, const struct scope *sc, long schedule_id,
                       const char *periodicity, const char *cutoff_from, const char *cutoff_to,
                       int lower_lead_days, struct err *err)
{
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE report_schedule SET periodicity = ?, cutoff_from = ?, cutoff_to = ?, "
                 "lower_lead_days = ? WHERE id = ? AND plan_id IN (SELECT p.id FROM plan p "
                 "WHERE" PLAN_IN_SCOPE ")",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, periodicity && *periodicity ? periodicity : NULL);
  db_bind_text(s, 2, cutoff_from && *cutoff_from ? cutoff_from : NULL);
  db_bind_text(s, 3, cutoff_to && *cutoff_to ? cutoff_to : NULL);
  db_bind_int(s, 4, lower_lead_days);
  db_bind_int(s, 5, schedule_id);
  plan_scope_bind(s, 6, sc);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có báo cáo định kỳ số %ld", schedule_id);
  return ERR_OK;
}

/* ---- unit reports ------------------------------------------------------------ */

static int col_dup(char **out, struct stmt *s, int i, struct err *err)
{
  *out = strdup(db_col_is_null(s, i) ? "" : db_col_text(s, i));
  return *out ? ERR_OK : err_nomem(err);
}

void store_report_free(struct store_report *r)
{
  if (!r)
    return;
  free(r->situation);
  free(r->results);
  free(r->limitations);
  free(r->proposals);
  r->situation = r->results = r->limitations = r->proposals = NULL;
}

int store_report_get(struct store_report *out, struct store *st, const struct scope *sc, long id,
                     struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_scope_check(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT x.id, x.schedule_id, p.id, CASE WHEN" PLAN_IN_SCOPE "THEN 1 ELSE 0 END, "
                 "p.status, coalesce(x.unit_id, 0), coalesce(u.tree, ''), coalesce(u.code, ''), "
                 "x.agency_kind, x.period_from, x.period_to, x.due_on, x.status, x.version, "
                 "coalesce(x.first_submitted_on, ''), v.id, v.situation, v.results, v.limitations, "
                 "v.proposals, x.occurs_on FROM unit_report x "
                 "JOIN report_schedule s ON s.id = x.schedule_id "
                 "JOIN plan p ON p.id = s.plan_id LEFT JOIN unit u ON u.id = x.unit_id "
                 "JOIN unit_report_version v ON v.report_id = x.id AND v.version = x.version "
                 "WHERE x.id = ? AND (" PLAN_IN_SCOPE "OR x.unit_id IN" UNIT_IN_SCOPE ")",
                 err))
    return ERR_DB;
  plan_scope_bind(s, 1, sc);
  db_bind_int(s, 3, id);
  plan_scope_bind(s, 4, sc);
  db_bind_int(s, 6, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1) {
    out->id = (long)db_col_int(s, 0);
    out->schedule_id = (long)db_col_int(s, 1);
    out->plan_id = (long)db_col_int(s, 2);
    out->plan_in_scope = (int)db_col_int(s, 3);
    copy_col(out->plan_status, sizeof out->plan_status, s, 4);
    out->unit_id = (long)db_col_int(s, 5);
    copy_col(out->unit_tree, sizeof out->unit_tree, s, 6);
    copy_col(out->unit_code, sizeof out->unit_code, s, 7);
    copy_col(out->agency_kind, sizeof out->agency_kind, s, 8);
    copy_col(out->period_from, sizeof out->period_from, s, 9);
    copy_col(out->period_to, sizeof out->period_to, s, 10);
    copy_col(out->due_on, sizeof out->due_on, s, 11);
    copy_col(out->status, sizeof out->status, s, 12);
    out->version = (int)db_col_int(s, 13);
    copy_col(out->first_submitted_on, sizeof out->first_submitted_on, s, 14);
    out->version_id = (long)db_col_int(s, 15);
    copy_col(out->occurs_on, sizeof out->occurs_on, s, 20);
    rc = col_dup(&out->situation, s, 16, err);
    if (!rc)
      rc = col_dup(&out->results, s, 17, err);
    if (!rc)
      rc = col_dup(&out->limitations, s, 18, err);
    if (!rc)
      rc = col_dup(&out->proposals, s, 19, err);
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có báo cáo số %ld", id);
  return rc;
}

int store_report_find(long *id, struct store *st, long schedule_id, const char *occurs_on,
                      long unit_id, const char *agency_kind, struct err *err)
{
  *id = 0;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT id FROM unit_report WHERE schedule_id = ? AND occurs_on = ? "
                 "AND coalesce(unit_id, 0) = ? AND agency_kind = ?",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, schedule_id);
  db_bind_text(s, 2, occurs_on);
  db_bind_int(s, 3, unit_id);
  db_bind_text(s, 4, agency_kind ? agency_kind : "");
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_report_insert(long *id, struct store *st, const struct store_report_new *in,
                        struct err *err)
{
  *id = 0;
  char now[32];
  date_now_utc(now, sizeof now);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "INSERT INTO unit_report (schedule_id, unit_id, agency_kind, period_from, "
                 "period_to, due_on, created_at, created_by, occurs_on) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, in->schedule_id);
  if (in->unit_id)
    db_bind_int(s, 2, in->unit_id);
  else
    db_bind_null(s, 2);
  db_bind_text(s, 3, in->agency_kind ? in->agency_kind : "");
  db_bind_text(s, 4, in->period_from);
  db_bind_text(s, 5, in->period_to);
  db_bind_text(s, 6, in->due_on);
  db_bind_text(s, 7, now);
  db_bind_int(s, 8, in->user_id);
  db_bind_text(s, 9, in->occurs_on);
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r != 1)
    return r < 0 ? ERR_DB : err_set(err, ERR_DB, "không ghi được báo cáo");
  long long vid;
  int found;
  if (db_query_id(&vid, &found, st,
                  "INSERT INTO unit_report_version (report_id, version) VALUES (?, 1) RETURNING id",
                  *id, err))
    return ERR_DB;
  return ERR_OK;
}

int store_report_text_set(struct store *st, long version_id, const char *situation,
                          const char *results, const char *limitations, const char *proposals,
                          struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE unit_report_version SET situation = coalesce(?, situation), "
                 "results = coalesce(?, results), limitations = coalesce(?, limitations), "
                 "proposals = coalesce(?, proposals) WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, situation);
  db_bind_text(s, 2, results);
  db_bind_text(s, 3, limitations);
  db_bind_text(s, 4, proposals);
  db_bind_int(s, 5, version_id);
  int r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_report_submit(struct store *st, long id, long version_id, const char *on, long user_id,
                        const struct store_report_figure *f, size_t n, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE unit_report_version SET submitted_on = ?, submitted_by = ? WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, on);
  db_bind_int(s, 2, user_id);
  db_bind_int(s, 3, version_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_prepare(&s, st,
                 "UPDATE unit_report SET status = 'submitted', "
                 "first_submitted_on = coalesce(first_submitted_on, ?) WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, on);
  db_bind_int(s, 2, id);
  r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_prepare(&s, st,
                 "INSERT INTO unit_report_figure (version_id, indicator, has_value, value, before) "
                 "VALUES (?, ?, ?, ?, ?)",
                 err))
    return ERR_DB;
  for (size_t k = 0; k < n && r >= 0; k++) {
    db_reset(s);
    db_bind_int(s, 1, version_id);
    db_bind_text(s, 2, f[k].indicator);
    db_bind_int(s, 3, f[k].has_value);
    if (f[k].has_value)
      db_bind_double(s, 4, f[k].value);
    else
      db_bind_null(s, 4);
    if (f[k].has_before)
      db_bind_double(s, 5, f[k].before);
    else
      db_bind_null(s, 5);
    r = db_step(s, err);
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_report_decide(struct store *st, long id, long version_id, const char *decision,
                        const char *on, long user_id, const char *comment, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE unit_report_version SET decision = ?, decided_on = ?, decided_by = ?, "
                 "comment = ? WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, decision);
  db_bind_text(s, 2, on);
  db_bind_int(s, 3, user_id);
  db_bind_text(s, 4, comment && *comment ? comment : NULL);
  db_bind_int(s, 5, version_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  int returned = strcmp(decision, "returned") == 0;
  if (returned) {
    if (db_prepare(&s, st,
                   "INSERT INTO unit_report_version (report_id, version, situation, results, "
                   "limitations, proposals) SELECT v.report_id, v.version + 1, v.situation, "
                   "v.results, v.limitations, v.proposals FROM unit_report_version v "
                   "WHERE v.id = ?",
                   err))
      return ERR_DB;
    db_bind_int(s, 1, version_id);
    r = db_step(s, err);
    db_finalize(s);
    if (r < 0)
      return ERR_DB;
  }
  if (db_prepare(&s, st, "UPDATE unit_report SET status = ?, version = version + ? WHERE id = ?",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, decision);
  db_bind_int(s, 2, returned ? 1 : 0);
  db_bind_int(s, 3, id);
  r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

void store_report_version_list_free(struct store_report_version_list *l)
{
  if (!l)
    return;
  for (size_t k = 0; k < l->n; k++) {
    struct store_report_version *v = &l->items[k];
    free(v->comment);
    free(v->situation);
    free(v->results);
    free(v->limitations);
    free(v->proposals);
  }
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

int store_report_versions(struct store_report_version_list *out, struct store *st, long id,
                          struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT v.id, v.version, coalesce(v.submitted_on, ''), "
                 "coalesce((SELECT a.login FROM app_user a WHERE a.id = v.submitted_by), ''), "
                 "coalesce(v.decision, ''), coalesce(v.decided_on, ''), "
                 "coalesce((SELECT a.login FROM app_user a WHERE a.id = v.decided_by), ''), "
                 "v.comment, v.situation, v.results, v.limitations, v.proposals "
                 "FROM unit_report_version v WHERE v.report_id = ? ORDER BY v.version",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, id);
  size_t cap = 0;
  int r, rc = ERR_OK;
  while (!rc && (r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      struct store_report_version *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
      if (!ni) {
        rc = err_nomem(err);
        break;
      }
      out->items = ni;
    }
    struct store_report_version *v = &out->items[out->n++];
    memset(v, 0, sizeof *v);
    v->id = (long)db_col_int(s, 0);
    v->version = (int)db_col_int(s, 1);
    copy_col(v->submitted_on, sizeof v->submitted_on, s, 2);
    copy_col(v->submitted_by, sizeof v->submitted_by, s, 3);
    copy_col(v->decision, sizeof v->decision, s, 4);
    copy_col(v->decided_on, sizeof v->decided_on, s, 5);
    copy_col(v->decided_by, sizeof v->decided_by, s, 6);
    if (!db_col_is_null(s, 7))
      rc = col_dup(&v->comment, s, 7, err);
    if (!rc)
      rc = col_dup(&v->situation, s, 8, err);
    if (!rc)
      rc = col_dup(&v->results, s, 9, err);
    if (!rc)
      rc = col_dup(&v->limitations, s, 10, err);
    if (!rc)
      rc = col_dup(&v->proposals, s, 11, err);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    store_report_version_list_free(out);
  return rc;
}

static void figure_row(void *p, struct stmt *s)
{
  struct store_report_figure *f = p;
  copy_col(f->indicator, sizeof f->indicator, s, 0);
  f->has_value = (int)db_col_int(s, 1);
  f->value = db_col_double(s, 2);
  f->has_before = !db_col_is_null(s, 3);
  f->before = db_col_double(s, 3);
}

int store_report_figures(struct store_report_figure **out, size_t *n, struct store *st,
                         long version_id, struct err *err)
{
  *out = NULL;
  *n = 0;
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT indicator, has_value, coalesce(value, 0), before "
                 "FROM unit_report_figure WHERE version_id = ? ORDER BY id",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, version_id);
  int rc = load_rows((void **)out, n, sizeof **out, s, figure_row, err);
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
  }
  return rc;
}
