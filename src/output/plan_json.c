/* plan_json.c: the plan contract's JSON object, built with jansson.
 *
 * Objects are filled in the contract's key order and dumped with
 * JSON_PRESERVE_ORDER, so the text reads like the contract. Any failed
 * allocation turns the whole result into NULL (jansson's *_new functions
 * accept NULL values and report failure, which set_or_fail checks).
 *
 * Beyond the contract's keys (which it allows to grow by added keys), each
 * task carries "then_ongoing" (done once by due_on, then kept up) and
 * "phase" (the phase it belongs to, or null), always present like the
 * others (docs/plan-reader.md). */
#include "output/plan_json.h"

#include <stdlib.h>
#include <string.h>

/* Set key to v (stealing it); on failure mark *ok = 0. */
static void set(json_t *o, const char *key, json_t *v, int *ok)
{
  if (!o || !v || json_object_set_new(o, key, v) != 0)
    *ok = 0;
}

static void push(json_t *a, json_t *v, int *ok)
{
  if (!a || !v || json_array_append_new(a, v) != 0)
    *ok = 0;
}

static json_t *str_or_null(const char *s)
{
  return s ? json_string(s) : json_null();
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

static json_t *strv(char *const *v, size_t n, int *ok)
{
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    push(a, json_string(v[i] ? v[i] : ""), ok);
  return a;
}

json_t *plan_json(const struct plan *p)
{
  int ok = 1;
  json_t *o = json_object();
  set(o, "number", str_or_null(p->number), &ok);
  set(o, "title", str_or_null(p->title), &ok);
  set(o, "issuer", str_or_null(p->issuer), &ok);
  set(o, "issued_on", date_or_null(p->issued_on), &ok);
  set(o, "territory", str_or_null(p->territory), &ok);
  set(o, "kind", str_or_null(plan_kind_name(p->kind)), &ok);
  json_t *period = json_object();
  set(period, "start", date_or_null(p->period_start), &ok);
  set(period, "end", date_or_null(p->period_end), &ok);
  set(o, "period", period, &ok);

  json_t *bases = json_array();
  for (size_t i = 0; i < p->n_bases; i++) {
    const struct plan_basis *b = &p->bases[i];
    json_t *e = json_object();
    set(e, "text", str_or_null(b->text), &ok);
    set(e, "number", str_or_null(b->number), &ok);
    set(e, "date", date_or_null(b->date), &ok);
    push(bases, e, &ok);
  }
  set(o, "bases", bases, &ok);

  json_t *phases = json_array();
  for (size_t i = 0; i < p->n_phases; i++) {
    const struct plan_phase *ph = &p->phases[i];
    json_t *e = json_object();
    set(e, "name", str_or_null(ph->name), &ok);
    set(e, "start", date_or_null(ph->start), &ok);
    set(e, "end", date_or_null(ph->end), &ok);
    set(e, "text", str_or_null(ph->text), &ok);
    push(phases, e, &ok);
  }
  set(o, "phases", phases, &ok);

  json_t *targets = json_array();
  for (size_t i = 0; i < p->n_targets; i++) {
    const struct plan_target *t = &p->targets[i];
    json_t *e = json_object();
    set(e, "text", str_or_null(t->text), &ok);
    set(e, "kind", json_string(target_kind_name(t->kind)), &ok);
    set(e, "value", t->has_value ? number(t->value) : json_null(), &ok);
    set(e, "unit", str_or_null(t->unit), &ok);
    set(e, "phase", str_or_null(t->phase), &ok);
    json_t *quotas = json_array();
    for (size_t q = 0; q < t->n_quotas; q++) {
      json_t *qe = json_object();
      set(qe, "assignee", str_or_null(t->quotas[q].assignee), &ok);
      set(qe, "value", number(t->quotas[q].value), &ok);
      push(quotas, qe, &ok);
    }
    set(e, "quotas", quotas, &ok);
    push(targets, e, &ok);
  }
  set(o, "targets", targets, &ok);

  json_t *tasks = json_array();
  for (size_t i = 0; i < p->n_tasks; i++) {
    const struct plan_task *t = &p->tasks[i];
    json_t *e = json_object();
    set(e, "section", str_or_null(t->section), &ok);
    set(e, "text", str_or_null(t->text), &ok);
    set(e, "lead", strv(t->lead, t->n_lead, &ok), &ok);
    set(e, "support", strv(t->support, t->n_support, &ok), &ok);
    set(e, "due_on", date_or_null(t->due_on), &ok);
    set(e, "cadence", str_or_null(task_cadence_name(t->cadence)), &ok);
    set(e, "then_ongoing", json_boolean(t->then_ongoing), &ok);
    set(e, "phase", str_or_null(t->phase), &ok);
    json_t *fc = json_object();
    set(fc, "who", json_boolean(t->four_clear.who), &ok);
    set(fc, "what", json_boolean(t->four_clear.what), &ok);
    set(fc, "responsibility", json_boolean(t->four_clear.responsibility), &ok);
    set(fc, "when", json_boolean(t->four_clear.when), &ok);
    set(e, "four_clear", fc, &ok);
    push(tasks, e, &ok);
  }
  set(o, "tasks", tasks, &ok);

  json_t *reports = json_array();
  for (size_t i = 0; i < p->n_reports; i++) {
    const struct plan_report *r = &p->reports[i];
    json_t *e = json_object();
    set(e, "name", str_or_null(r->name), &ok);
    set(e, "due_on", date_or_null(r->due_on), &ok);
    set(e, "recurs", str_or_null(report_recurs_name(r->recurs)), &ok);
    set(e, "recipient", str_or_null(r->recipient), &ok);
    push(reports, e, &ok);
  }
  set(o, "reports", reports, &ok);

  if (!ok) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int plan_json_dump(char **out, const struct plan *p, struct err *err)
{
  *out = NULL;
  json_t *o = plan_json(p);
  if (!o)
    return err_nomem(err);
  char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s)
    return err_nomem(err);
  size_t n = strlen(s);
  char *r = malloc(n + 2);
  if (!r) {
    free(s);
    return err_nomem(err);
  }
  memcpy(r, s, n);
  r[n] = '\n';
  r[n + 1] = '\0';
  free(s);
  *out = r;
  return ERR_OK;
}
