/* plan_json.c: plans as JSON, built with jansson (see plan_json.h).
 *
 * Objects are filled in their key order and dumped with
 * JSON_PRESERVE_ORDER, so the text reads like the contract. Any failed
 * allocation turns the whole result into NULL (jansson's *_new functions
 * accept NULL values and report failure, which set and push check).
 *
 * Beyond the contract's keys (which it allows to grow by added keys), each
 * task carries "then_ongoing" (done once by due_on, then kept up) and
 * "phase" (the phase it belongs to, or null), always present like the
 * others (docs/plan-reader.md). A stored plan's object is the same one with
 * "id" first in the plan and in every element, each list's element
 * building its own id: one builder, two shapes, no layout tricks. */
#include "output/plan_json.h"

#include <stdlib.h>
#include <string.h>

#include "output/json_build.h"
#include "types/label.h"

static json_t *str_or_null(const char *s)
{
  return s ? json_string(s) : json_null();
}

/* A fixed-size field of the store: "" is unknown. */
static json_t *field_or_null(const char *s)
{
  return s && *s ? json_string(s) : json_null();
}

static json_t *date_or_null(struct date d)
{
  if (d.y == 0)
    return json_null();
  char iso[DATE_ISO_LEN];
  date_to_iso(iso, d);
  return json_string(iso);
}

/* A number as an integer when it is one (5, not 5.0), else a real. */
static json_t *number(double v)
{
  if (v >= -9e15 && v <= 9e15 && v == (double)(long long)v)
    return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *id_or_null(long id)
{
  return id ? json_integer((json_int_t)id) : json_null();
}

static json_t *strv(char *const *v, size_t n, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_build_push(a, json_string(v[i] ? v[i] : ""), ok);
  return a;
}

/* A new object, with "id" first when ids (a stored element). */
static json_t *element(long id, int ids, int *ok)
{
  json_t *e = json_object();
  if (ids)
    json_build_set(e, "id", json_integer((json_int_t)id), ok);
  return e;
}

static json_t *bases_json(const struct plan *p, int ids, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < p->n_bases; i++) {
    const struct plan_basis *b = &p->bases[i];
    json_t *e = element(b->id, ids, ok);
    json_build_set(e, "text", str_or_null(b->text), ok);
    json_build_set(e, "number", str_or_null(b->number), ok);
    json_build_set(e, "date", date_or_null(b->date), ok);
    json_build_push(a, e, ok);
  }
  return a;
}

static json_t *phases_json(const struct plan *p, int ids, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < p->n_phases; i++) {
    const struct plan_phase *ph = &p->phases[i];
    json_t *e = element(ph->id, ids, ok);
    json_build_set(e, "name", str_or_null(ph->name), ok);
    json_build_set(e, "start", date_or_null(ph->start), ok);
    json_build_set(e, "end", date_or_null(ph->end), ok);
    json_build_set(e, "text", str_or_null(ph->text), ok);
    json_build_push(a, e, ok);
  }
  return a;
}

static json_t *targets_json(const struct plan *p, int ids, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < p->n_targets; i++) {
    const struct plan_target *t = &p->targets[i];
    json_t *e = element(t->id, ids, ok);
    json_build_set(e, "text", str_or_null(t->text), ok);
    json_build_set(e, "kind", json_string(target_kind_name(t->kind)), ok);
    json_build_set(e, "value", t->has_value ? number(t->value) : json_null(), ok);
    json_build_set(e, "unit", str_or_null(t->unit), ok);
    json_build_set(e, "phase", str_or_null(t->phase), ok);
    json_t *quotas = json_array();
    for (size_t q = 0; q < t->n_quotas; q++) {
      json_t *qe = json_object();
      json_build_set(qe, "assignee", str_or_null(t->quotas[q].assignee), ok);
      json_build_set(qe, "value", number(t->quotas[q].value), ok);
      json_build_push(quotas, qe, ok);
    }
    json_build_set(e, "quotas", quotas, ok);
    json_build_push(a, e, ok);
  }
  return a;
}

static json_t *tasks_json(const struct plan *p, int ids, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < p->n_tasks; i++) {
    const struct plan_task *t = &p->tasks[i];
    json_t *e = element(t->id, ids, ok);
    json_build_set(e, "section", str_or_null(t->section), ok);
    json_build_set(e, "text", str_or_null(t->text), ok);
    json_build_set(e, "lead", strv(t->lead, t->n_lead, ok), ok);
    json_build_set(e, "support", strv(t->support, t->n_support, ok), ok);
    json_build_set(e, "due_on", date_or_null(t->due_on), ok);
    json_build_set(e, "cadence", str_or_null(task_cadence_name(t->cadence)), ok);
    json_build_set(e, "then_ongoing", json_boolean(t->then_ongoing), ok);
    json_build_set(e, "phase", str_or_null(t->phase), ok);
    json_t *fc = json_object();
    json_build_set(fc, "who", json_boolean(t->four_clear.who), ok);
    json_build_set(fc, "what", json_boolean(t->four_clear.what), ok);
    json_build_set(fc, "responsibility", json_boolean(t->four_clear.responsibility), ok);
    json_build_set(fc, "when", json_boolean(t->four_clear.when), ok);
    json_build_set(e, "four_clear", fc, ok);
    json_build_push(a, e, ok);
  }
  return a;
}

static json_t *reports_json(const struct plan *p, int ids, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < p->n_reports; i++) {
    const struct plan_report *r = &p->reports[i];
    json_t *e = element(r->id, ids, ok);
    json_build_set(e, "name", str_or_null(r->name), ok);
    json_build_set(e, "due_on", date_or_null(r->due_on), ok);
    json_build_set(e, "recurs", str_or_null(report_recurs_name(r->recurs)), ok);
    json_build_set(e, "recipient", str_or_null(r->recipient), ok);
    json_build_push(a, e, ok);
  }
  return a;
}

/* The contract's keys into o, with the elements' ids when ids. */
static void fill_plan(json_t *o, const struct plan *p, int ids, int *ok)
{
  json_build_set(o, "number", str_or_null(p->number), ok);
  json_build_set(o, "title", str_or_null(p->title), ok);
  json_build_set(o, "issuer", str_or_null(p->issuer), ok);
  json_build_set(o, "issued_on", date_or_null(p->issued_on), ok);
  json_build_set(o, "territory", str_or_null(p->territory), ok);
  json_build_set(o, "kind", str_or_null(plan_kind_name(p->kind)), ok);
  json_t *period = json_object();
  json_build_set(period, "start", date_or_null(p->period_start), ok);
  json_build_set(period, "end", date_or_null(p->period_end), ok);
  json_build_set(o, "period", period, ok);
  json_build_set(o, "bases", bases_json(p, ids, ok), ok);
  json_build_set(o, "phases", phases_json(p, ids, ok), ok);
  json_build_set(o, "targets", targets_json(p, ids, ok), ok);
  json_build_set(o, "tasks", tasks_json(p, ids, ok), ok);
  json_build_set(o, "reports", reports_json(p, ids, ok), ok);
}

json_t *plan_json(const struct plan *p)
{
  int ok = 1;
  json_t *o = json_object();
  fill_plan(o, p, 0, &ok);
  return json_build_done(o, ok);
}

json_t *plan_json_stored(const struct plan *p, const struct store_plan_info *in)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "id", json_integer((json_int_t)p->id), &ok);
  fill_plan(o, p, 1, &ok);
  json_build_set(o, "status", json_string(in->status), &ok);
  json_build_set(o, "status_label", json_string(label_vi(LABEL_PLAN_STATUS, in->status)), &ok);
  json_build_set(o, "parent_id", id_or_null(in->parent_id), &ok);
  json_build_set(o, "unit_tree", field_or_null(in->unit_tree), &ok);
  json_build_set(o, "unit_code", field_or_null(in->unit_code), &ok);
  json_build_set(o, "unit_name", field_or_null(in->unit_name), &ok);
  json_build_set(o, "issuer_kind", field_or_null(in->issuer_kind), &ok);
  json_build_set(o, "created_by", field_or_null(in->created_by), &ok);
  json_build_set(o, "published_at", field_or_null(in->published_at), &ok);
  return json_build_done(o, ok);
}

json_t *plan_json_list(const struct store_plan_info_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t k = 0; k < l->n; k++) {
    const struct store_plan_info *in = &l->items[k];
    json_t *e = json_object();
    json_build_set(e, "id", json_integer((json_int_t)in->id), &ok);
    json_build_set(e, "status", json_string(in->status), &ok);
    json_build_set(e, "status_label", json_string(label_vi(LABEL_PLAN_STATUS, in->status)), &ok);
    json_build_set(e, "number", field_or_null(in->number), &ok);
    json_build_set(e, "title", json_string(in->title), &ok);
    json_build_set(e, "issued_on", field_or_null(in->issued_on), &ok);
    json_build_set(e, "territory", field_or_null(in->territory), &ok);
    json_build_set(e, "kind", json_string(in->kind), &ok);
    json_build_set(e, "kind_label", json_string(label_vi(LABEL_PLAN_KIND, in->kind)), &ok);
    json_build_set(e, "tasks", json_integer(in->n_tasks), &ok);
    json_build_set(e, "unit_tree", field_or_null(in->unit_tree), &ok);
    json_build_set(e, "unit_code", field_or_null(in->unit_code), &ok);
    json_build_set(e, "unit_name", field_or_null(in->unit_name), &ok);
    json_build_push(a, e, &ok);
  }
  return json_build_done(a, ok);
}

json_t *plan_json_defects(const struct plan *p, const struct plan_defect_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t k = 0; k < l->n; k++) {
    const struct plan_defect *d = &l->items[k];
    if (d->task >= p->n_tasks)
      continue; /* a list of another plan: nothing to name */
    const struct plan_task *t = &p->tasks[d->task];
    json_t *e = json_object();
    json_build_set(e, "task_id", json_integer((json_int_t)t->id), &ok);
    json_build_set(e, "section", str_or_null(t->section), &ok);
    json_build_set(e, "text", str_or_null(t->text), &ok);
    json_build_set(e, "criterion", json_string(plan_defect_label(d->kind)), &ok);
    json_build_set(e, "reason", json_string(d->reason), &ok);
    json_build_set(e, "kind", json_string(label_code_at(LABEL_FOUR_CLEAR, (size_t)d->kind)), &ok);
    json_build_push(a, e, &ok);
  }
  return json_build_done(a, ok);
}

json_t *plan_json_history(const struct store_plan_change_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t k = 0; k < l->n; k++) {
    const struct store_plan_change *c = &l->items[k];
    json_t *e = json_object();
    json_build_set(e, "changed_at", json_string(c->changed_at), &ok);
    json_build_set(e, "changed_by", json_string(c->changed_by), &ok);
    json_build_set(e, "element", json_string(c->element), &ok);
    json_build_set(e, "element_id", json_integer((json_int_t)c->element_id), &ok);
    json_build_set(e, "field", json_string(c->field), &ok);
    json_build_set(e, "old_value", str_or_null(c->old_value), &ok);
    json_build_set(e, "new_value", str_or_null(c->new_value), &ok);
    json_build_set(e, "reason", str_or_null(c->reason), &ok);
    json_build_push(a, e, &ok);
  }
  return json_build_done(a, ok);
}

int plan_json_dump(char **out, const struct plan *p, struct err *err)
{
  return json_build_text(out, plan_json(p), err);
}

int plan_json_dump_stored(char **out, const struct plan *p, const struct store_plan_info *info,
                          struct err *err)
{
  return json_build_text(out, plan_json_stored(p, info), err);
}

int plan_json_dump_list(char **out, const struct store_plan_info_list *l, struct err *err)
{
  return json_build_text(out, plan_json_list(l), err);
}

int plan_json_dump_defects(char **out, const struct plan *p, const struct plan_defect_list *l,
                           struct err *err)
{
  return json_build_text(out, plan_json_defects(p, l), err);
}

int plan_json_dump_history(char **out, const struct store_plan_change_list *l, struct err *err)
{
  return json_build_text(out, plan_json_history(l), err);
}
