/* app_consolidated.c: gathering the consolidated report (see app_consolidated.h). */
#include "app/app_consolidated.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_indicator.h"
#include "app/app_monitor.h"
#include "app/app_report.h"
#include "app/app_task.h"
#include "base/array.h"
#include "domain/indicator.h"
#include "domain/unit.h"
#include "store/store_plans.h"

static int figures_of(struct consolidated *c, struct store *st, const struct scope *caller,
                      const struct store_plan_info *info, struct err *err)
{
  struct app_ind_query q = {info->unit_code[0] ? info->unit_tree : NULL,
                            info->unit_code[0] ? info->unit_code : NULL, c->period,
                            APP_IND_COMPARE_LAST_YEAR, IND_SPLIT_NONE};
  struct indicator_report r;
  int rc = app_indicator_compute(&r, st, caller, &q, err);
  if (rc)
    return rc;
  c->before = r.earlier;
  c->figures = calloc(r.n ? r.n : 1, sizeof *c->figures);
  if (!c->figures) {
    indicator_report_free(&r);
    return err_nomem(err);
  }
  for (size_t i = 0; i < r.n; i++) {
    const struct indicator_row *row = &r.rows[i];
    if (row->now->group[0])
      continue;
    struct cons_figure *f = &c->figures[c->n_figures++];
    f->indicator = row->now->def->code;
    f->name = indicator_name(row->now->def);
    f->noun = row->now->def->unit;
    f->has_now = row->now->has_value;
    f->now = row->now->value;
    f->has_before = row->before && row->before->has_value;
    f->before = f->has_before ? row->before->value : 0;
  }
  indicator_report_free(&r);
  return ERR_OK;
}

/* The cells of a unit's row: each catalogue indicator's figure without a split. */
static void row_fill(struct cons_unit_row *row, const struct consolidated *c,
                     const struct indicator_result_list *l)
{
  for (size_t i = 0; i < l->n; i++) {
    const struct indicator_result *x = &l->items[i];
    if (x->group[0])
      continue;
    size_t k = (size_t)(x->def - c->cols);
    if (k < c->n_cols && x->has_value) {
      row->values[k] = x->value;
      row->has[k] = 1;
    }
  }
}

/* The units directly below the plan's territory — the provinces for a
 * national plan — each with every indicator of the catalogue, and the
 * columns' totals. */
static int units_of(struct consolidated *c, struct store *st, const struct scope *caller,
                    struct err *err)
{
  c->cols = indicator_catalogue(&c->n_cols);
  int rc = consolidated_row_init(&c->total, c->n_cols, err);
  if (rc)
    return rc;
  char end[11];
  date_to_iso(end, c->period.end);
  struct unit_list l;
  rc = c->unit.id ? unit_tree(&l, st, c->unit.tree, c->unit.code, end, err)
                  : unit_provinces(&l, st, end, err);
  if (rc)
    return rc;
  size_t cap = 0;
  for (size_t i = 0; !rc && i < l.n; i++) {
    const struct unit *u = &l.items[i];
    if (c->unit.id && strcmp(u->parent_code, c->unit.code) != 0)
      continue;
    struct cons_unit_row *row = array_grow(c->units, &cap, c->n_units + 1, sizeof *row);
    if (!row) {
      rc = err_nomem(err);
      break;
    }
    c->units = row;
    row = &row[c->n_units];
    memset(row, 0, sizeof *row);
    row->unit = *u;
    if ((rc = consolidated_row_init(row, c->n_cols, err)))
      break;
    c->n_units++;
    struct indicator_result_list v;
    rc = indicator_compute(&v, st, caller, u->tree, u->code, &c->period, IND_SPLIT_NONE, err);
    if (rc)
      break;
    row_fill(row, c, &v);
    indicator_result_list_free(&v);
  }
  unit_list_free(&l);
  if (!rc)
    consolidated_totals(c);
  return rc;
}

/* The quota assignees at risk or missed: "huyện Bảo Thắng: 1 không đạt, 2 có nguy cơ". */
static int lagging_of(struct consolidated *c, struct err *err)
{
  const struct target_report *t = &c->targets;
  size_t cap = 0;
  for (size_t i = 0; i < t->n; i++) {
    const struct target_row *x = &t->rows[i];
    if (!x->quota_id || (x->eval.status != TARGET_MISSED && x->eval.status != TARGET_AT_RISK))
      continue;
    size_t missed = 0, risk = 0;
    int seen = 0;
    for (size_t j = 0; j < t->n; j++) {
      const struct target_row *y = &t->rows[j];
      if (!y->quota_id || strcmp(y->assignee, x->assignee) != 0)
        continue;
      if (j < i && (y->eval.status == TARGET_MISSED || y->eval.status == TARGET_AT_RISK))
        seen = 1;
      missed += y->eval.status == TARGET_MISSED;
      risk += y->eval.status == TARGET_AT_RISK;
    }
    if (seen)
      continue;
    char **ni = array_grow(c->lagging, &cap, c->n_lagging + 1, sizeof *ni);
    if (!ni)
      return err_nomem(err);
    c->lagging = ni;
    char line[400];
    snprintf(line, sizeof line, "%s: %zu chỉ tiêu không đạt, %zu chỉ tiêu có nguy cơ không đạt",
             x->assignee, missed, risk);
    if (!(c->lagging[c->n_lagging] = strdup(line)))
      return err_nomem(err);
    c->n_lagging++;
  }
  return ERR_OK;
}

static int overdue_of(struct consolidated *c, struct store *st, const struct scope *caller,
                      struct err *err)
{
  char end[11];
  date_to_iso(end, c->period.end);
  struct app_task_list_in in = {c->plan_id, NULL, NULL, NULL, 1, end};
  struct app_task_list l;
  int rc = app_task_list(&l, st, caller, &in, err);
  if (rc)
    return rc;
  if (l.rows.n && !(c->overdue = calloc(l.rows.n, sizeof *c->overdue)))
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < l.rows.n; i++) {
    const struct store_task_row *r = &l.rows.items[i];
    struct cons_task *t = &c->overdue[c->n_overdue++];
    snprintf(t->section, sizeof t->section, "%s", r->section);
    snprintf(t->agency, sizeof t->agency, "%s", r->agency_text);
    snprintf(t->deadline, sizeof t->deadline, "%s", r->deadline);
    t->overdue_days = r->overdue_days;
    if (!(t->text = strdup(r->task_text ? r->task_text : "")))
      rc = err_nomem(err);
  }
  app_task_list_free(&l);
  return rc;
}

static int reports_of(struct consolidated *c, struct store *st, const struct scope *caller,
                      struct err *err)
{
  char from[11], to[11];
  date_to_iso(from, c->period.start);
  date_to_iso(to, c->period.end);
  struct app_calendar_in in = {c->plan_id, NULL, NULL, from, to, to};
  struct app_calendar cal;
  int rc = app_calendar(&cal, st, caller, &in, err);
  if (rc)
    return rc;
  const struct calendar *k = &cal.cal;
  if (k->n_summaries && !(c->reports = calloc(k->n_summaries, sizeof *c->reports)))
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < k->n_summaries; i++) {
    const struct calendar_summary *s = &k->summaries[i];
    struct cons_report *r = &c->reports[c->n_reports++];
    snprintf(r->name, sizeof r->name, "%s", s->schedule->name);
    date_to_iso(r->due, s->occurs_on);
    r->owed = s->owed;
    r->submitted = s->submitted;
    r->on_time = s->on_time;
    if (!c->recipient[0] && s->schedule->recipient[0])
      snprintf(c->recipient, sizeof c->recipient, "%s", s->schedule->recipient);
  }
  app_calendar_free(&cal);
  return rc;
}

int app_consolidated(struct consolidated *out, struct store *st, const struct scope *caller,
                     long plan_id, const char *period, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->plan_id = plan_id;
  int rc = app_indicator_period(&out->period, period, err);
  if (rc)
    return rc;
  period_name_vn(out->period_name, sizeof out->period_name, &out->period);
  out->at = out->period.end;
  struct plan p;
  struct store_plan_info info;
  rc = store_plan_load_frame(&p, &info, st, caller, plan_id, err);
  if (rc)
    return rc;
  snprintf(out->issuer, sizeof out->issuer, "%s", p.issuer ? p.issuer : "");
  plan_free(&p);
  snprintf(out->plan_number, sizeof out->plan_number, "%s", info.number);
  snprintf(out->plan_title, sizeof out->plan_title, "%s", info.title);
  if (info.unit_code[0]) {
    char end[11];
    date_to_iso(end, out->period.end);
    rc = unit_get(&out->unit, st, info.unit_tree, info.unit_code, end, err);
    if (rc == ERR_NOT_FOUND) /* the unit ended before the period: its last name */
      rc = unit_get(&out->unit, st, info.unit_tree, info.unit_code, NULL, err);
  }
  out->suppress = !scope_may_read_people(caller);
  if (!rc)
    rc = figures_of(out, st, caller, &info, err);
  char at[11];
  date_to_iso(at, out->at);
  struct app_plan_status_in si = {plan_id, at, NULL, NULL};
  if (!rc)
    rc = app_plan_status(&out->targets, st, caller, &si, err);
  if (!rc)
    rc = units_of(out, st, caller, err);
  if (!rc)
    rc = lagging_of(out, err);
  if (!rc)
    rc = overdue_of(out, st, caller, err);
  if (!rc)
    rc = reports_of(out, st, caller, err);
  if (rc) {
    consolidated_free(out);
    return rc;
  }
  consolidated_suppress(out);
  return ERR_OK;
}
