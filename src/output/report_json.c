/* report_json.c: the reporting calendar and a unit report as JSON (see report_json.h). */
#include "output/report_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/json_build.h"
#include "output/target_json.h"
#include "types/label.h"

/* The note that goes with an empty targets slot. */
static const char TARGETS_NOTE[] =
    "Tình hình thực hiện chỉ tiêu: kế hoạch nằm ngoài địa bàn của người xem";

static json_t *label_or_null(enum label_set set, const char *code)
{
  return code && *code ? json_build_str(label_vi(set, code)) : json_null();
}

static json_t *date_or_null(struct date d)
{
  if (!d.y)
    return json_null();
  char b[DATE_ISO_LEN];
  date_to_iso(b, d);
  return json_build_str(b);
}

/* A share in percent with one decimal, null for nothing owed. */
static json_t *pct(size_t part, size_t whole)
{
  if (!whole)
    return json_null();
  return json_real(round(1000.0 * (double)part / (double)whole) / 10.0);
}

static json_t *entry_json(const struct calendar_entry *e, int *ok)
{
  json_t *o = json_object();
  const char *per = calendar_periodicity_code(e->periodicity);
  const char *src = e->cutoff.from.y ? label_code_at(LABEL_CUTOFF_SOURCE, e->cutoff.source) : "";
  const char *owner = e->owner->unit_id ? "unit" : "agency";
  json_build_set(o, "plan_id", json_integer(e->plan->id), ok);
  json_build_set(o, "plan_number", json_build_str(e->plan->number), ok);
  json_build_set(o, "schedule_id", json_integer(e->schedule->id), ok);
  json_build_set(o, "report", json_build_str(e->schedule->name), ok);
  json_build_set(o, "occurs_on", date_or_null(e->occurs_on), ok);
  json_build_set(o, "periodicity", json_build_str(per), ok);
  json_build_set(o, "periodicity_label", label_or_null(LABEL_PERIODICITY, per), ok);
  json_build_set(o, "cutoff_from", date_or_null(e->cutoff.from), ok);
  json_build_set(o, "cutoff_to", date_or_null(e->cutoff.to), ok);
  json_build_set(o, "cutoff_source", json_build_str(src), ok);
  json_build_set(o, "cutoff_source_label", label_or_null(LABEL_CUTOFF_SOURCE, src), ok);
  json_build_set(o, "cutoff_clipped", json_boolean(e->cutoff.clipped), ok);
  json_build_set(o, "cutoff_error", json_build_str(e->cutoff_error), ok);
  json_build_set(o, "owner", json_build_str(owner), ok);
  json_build_set(o, "owner_label", label_or_null(LABEL_REPORT_OWNER, owner), ok);
  json_build_set(o, "unit_tree", json_build_str(e->owner->unit_tree), ok);
  json_build_set(o, "unit_code", json_build_str(e->owner->unit_code), ok);
  json_build_set(o, "unit_name", json_build_str(e->owner->unit_name), ok);
  json_build_set(o, "agency_kind", json_build_str(e->owner->agency_kind), ok);
  json_build_set(o, "agency_label", label_or_null(LABEL_AGENCY_KIND, e->owner->agency_kind), ok);
  json_build_set(o, "due_on", date_or_null(e->due), ok);
  json_build_set(o, "recipient", json_build_str(e->recipient), ok);
  json_build_set(o, "report_id", e->report ? json_integer(e->report->id) : json_null(), ok);
  json_build_set(o, "status", json_build_str(e->status), ok);
  json_build_set(o, "status_label", label_or_null(LABEL_REPORT_STATUS, e->status), ok);
  json_build_set(o, "version", e->report ? json_integer(e->report->version) : json_null(), ok);
  json_build_set(o, "submitted_on", json_build_str(e->report ? e->report->first_submitted_on : ""),
                 ok);
  json_build_set(o, "submitted", json_boolean(e->submitted), ok);
  json_build_set(o, "on_time", json_boolean(e->on_time), ok);
  json_build_set(o, "days_late", json_integer(e->days_late), ok);
  return o;
}

static json_t *summary_json(const struct calendar_summary *s, int *ok)
{
  json_t *o = json_object();
  json_build_set(o, "plan_id", json_integer(s->plan->id), ok);
  json_build_set(o, "plan_number", json_build_str(s->plan->number), ok);
  json_build_set(o, "schedule_id", json_integer(s->schedule->id), ok);
  json_build_set(o, "report", json_build_str(s->schedule->name), ok);
  json_build_set(o, "occurs_on", date_or_null(s->occurs_on), ok);
  json_build_set(o, "owed", json_integer((json_int_t)s->owed), ok);
  json_build_set(o, "submitted", json_integer((json_int_t)s->submitted), ok);
  json_build_set(o, "on_time", json_integer((json_int_t)s->on_time), ok);
  json_build_set(o, "submitted_pct", pct(s->submitted, s->owed), ok);
  json_build_set(o, "on_time_pct", pct(s->on_time, s->owed), ok);
  return o;
}

json_t *report_json_calendar(const struct calendar *cal, const char *today)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "today", json_build_str(today), &ok);
  json_t *a = json_array();
  for (size_t k = 0; k < cal->n; k++)
    json_build_push(a, entry_json(&cal->entries[k], &ok), &ok);
  json_build_set(o, "entries", a, &ok);
  json_t *c = json_array();
  for (size_t k = 0; k < cal->n_summaries; k++)
    json_build_push(c, summary_json(&cal->summaries[k], &ok), &ok);
  json_build_set(o, "completeness", c, &ok);
  return json_build_done(o, ok);
}

int report_json_dump_calendar(char **out, const struct calendar *cal, const char *today,
                              struct err *err)
{
  return json_build_text(out, report_json_calendar(cal, today), err);
}

static json_t *num_or_null(int has, double v)
{
  return has ? json_real(v) : json_null();
}

static json_t *figures_json(const struct report_view *v, int *ok)
{
  json_t *a = json_array();
  for (size_t k = 0; k < v->live.n; k++) {
    const struct indicator_row *row = &v->live.rows[k];
    if (row->now->group[0])
      continue;
    const struct store_report_figure *f = NULL;
    for (size_t j = 0; j < v->n_frozen; j++)
      if (strcmp(v->frozen[j].indicator, row->now->def->code) == 0)
        f = &v->frozen[j];
    json_t *o = json_object();
    json_build_set(o, "indicator", json_build_str(row->now->def->code), ok);
    json_build_set(o, "name", json_build_str(indicator_name(row->now->def)), ok);
    json_build_set(o, "unit", json_build_str(row->now->def->unit), ok);
    json_build_set(o, "value", num_or_null(row->now->has_value, row->now->value), ok);
    json_build_set(
        o, "before",
        num_or_null(row->before && row->before->has_value, row->before ? row->before->value : 0),
        ok);
    json_build_set(o, "frozen", f ? num_or_null(f->has_value, f->value) : json_null(), ok);
    json_build_set(o, "changed", json_boolean(v->changed && v->changed[k]), ok);
    json_build_push(a, o, ok);
  }
  return a;
}

static json_t *versions_json(const struct report_view *v, int *ok)
{
  json_t *a = json_array();
  for (size_t k = 0; k < v->versions.n; k++) {
    const struct store_report_version *x = &v->versions.items[k];
    json_t *o = json_object();
    json_build_set(o, "version", json_integer(x->version), ok);
    json_build_set(o, "submitted_on", json_build_str(x->submitted_on), ok);
    json_build_set(o, "submitted_by", json_build_str(x->submitted_by), ok);
    json_build_set(o, "decision", json_build_str(x->decision), ok);
    json_build_set(o, "decided_on", json_build_str(x->decided_on), ok);
    json_build_set(o, "decided_by", json_build_str(x->decided_by), ok);
    json_build_set(o, "comment", json_build_str(x->comment), ok);
    json_build_set(o, "situation", json_build_str(x->situation), ok);
    json_build_set(o, "results", json_build_str(x->results), ok);
    json_build_set(o, "limitations", json_build_str(x->limitations), ok);
    json_build_set(o, "proposals", json_build_str(x->proposals), ok);
    json_build_push(a, o, ok);
  }
  return a;
}

static struct date iso_date(const char *s)
{
  struct date d = {0, 0, 0};
  if (s && *s && date_parse(&d, s, 0, NULL) != ERR_OK)
    d = (struct date){0, 0, 0};
  return d;
}

json_t *report_json_report(const struct report_view *v, const char *today)
{
  int ok = 1;
  const struct store_report *r = &v->report;
  json_t *o = json_object();
  int on_time;
  long late;
  calendar_timeliness(&on_time, &late, iso_date(r->due_on), iso_date(r->first_submitted_on),
                      iso_date(today));
  json_build_set(o, "id", json_integer(r->id), &ok);
  json_build_set(o, "plan_id", json_integer(r->plan_id), &ok);
  json_build_set(o, "plan_number", json_build_str(v->plan_number), &ok);
  json_build_set(o, "schedule_id", json_integer(r->schedule_id), &ok);
  json_build_set(o, "report", json_build_str(v->report_name), &ok);
  json_build_set(o, "occurs_on", json_build_str(r->occurs_on), &ok);
  json_build_set(o, "owner", json_build_str(v->owner), &ok);
  json_build_set(o, "unit_tree", json_build_str(r->unit_tree), &ok);
  json_build_set(o, "unit_code", json_build_str(r->unit_code), &ok);
  json_build_set(o, "agency_kind", json_build_str(r->agency_kind), &ok);
  json_build_set(o, "recipient", json_build_str(v->recipient), &ok);
  json_build_set(o, "period_from", json_build_str(r->period_from), &ok);
  json_build_set(o, "period_to", json_build_str(r->period_to), &ok);
  json_build_set(o, "due_on", json_build_str(r->due_on), &ok);
  json_build_set(o, "status", json_build_str(r->status), &ok);
  json_build_set(o, "status_label", label_or_null(LABEL_REPORT_STATUS, r->status), &ok);
  json_build_set(o, "version", json_integer(r->version), &ok);
  json_build_set(o, "first_submitted_on", json_build_str(r->first_submitted_on), &ok);
  json_build_set(o, "on_time", json_boolean(on_time), &ok);
  json_build_set(o, "days_late", json_integer(late), &ok);
  json_t *n = json_object();
  json_build_set(n, "situation", json_build_str(r->situation), &ok);
  json_build_set(n, "results", json_build_str(r->results), &ok);
  json_build_set(n, "limitations", json_build_str(r->limitations), &ok);
  json_build_set(n, "proposals", json_build_str(r->proposals), &ok);
  json_build_set(o, "narrative", n, &ok);
  json_build_set(o, "figures", figures_json(v, &ok), &ok);
  json_build_set(o, "frozen_version",
                 v->frozen_version ? json_integer(v->frozen_version) : json_null(), &ok);
  json_t *t = json_object();
  json_build_set(t, "total", json_integer((json_int_t)v->tasks.total), &ok);
  for (size_t k = 0; k < 6; k++)
    json_build_set(t, label_code_at(LABEL_TASK_STATUS, k), json_integer((json_int_t)v->tasks.n[k]),
                   &ok);
  json_build_set(o, "tasks", t, &ok);
  json_build_set(o, "targets", v->has_targets ? target_json_report(&v->targets) : json_null(), &ok);
  json_build_set(o, "targets_note", v->has_targets ? json_null() : json_build_str(TARGETS_NOTE),
                 &ok);
  json_build_set(o, "versions", versions_json(v, &ok), &ok);
  return json_build_done(o, ok);
}

int report_json_dump_report(char **out, const struct report_view *v, const char *today,
                            struct err *err)
{
  return json_build_text(out, report_json_report(v, today), err);
}

json_t *report_json_regimes(const struct store_cal_regime *r, size_t n)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t k = 0; k < n; k++) {
    json_t *o = json_object();
    json_build_set(o, "id", json_integer(r[k].id), &ok);
    json_build_set(o, "periodicity", json_build_str(r[k].periodicity), &ok);
    json_build_set(o, "periodicity_label", label_or_null(LABEL_PERIODICITY, r[k].periodicity), &ok);
    json_build_set(o, "cut_day", json_integer(r[k].cut_day), &ok);
    json_build_set(o, "source", json_build_str(r[k].source), &ok);
    json_build_set(o, "from", json_build_str(r[k].from), &ok);
    json_build_set(o, "to", json_build_str(r[k].to), &ok);
    json_build_push(a, o, &ok);
  }
  return json_build_done(a, ok);
}

int report_json_dump_regimes(char **out, const struct store_cal_regime *r, size_t n,
                             struct err *err)
{
  return json_build_text(out, report_json_regimes(r, n), err);
}
