/* target_json.c: a plan's targets evaluated on a date, as JSON (see target_json.h). */
#include "output/target_json.h"

#include <stdio.h>
#include <string.h>

#include "domain/indicator.h"
#include "output/json_build.h"
#include "types/label.h"

static json_t *date_json(struct date d)
{
  if (!d.y)
    return json_null();
  char b[DATE_ISO_LEN];
  date_to_iso(b, d);
  return json_string(b);
}

static json_t *num_or_null(int has, double v)
{
  return has ? json_real(v) : json_null();
}

static json_t *unit_json(const struct unit *u, int *ok)
{
  if (!u->code[0])
    return json_null();
  json_t *o = json_object();
  char name[200];
  snprintf(name, sizeof name, "%s%s%s", u->type, u->type[0] ? " " : "", u->name);
  json_build_set(o, "tree", json_build_str(u->tree), ok);
  json_build_set(o, "code", json_build_str(u->code), ok);
  json_build_set(o, "name", json_build_str(name), ok);
  return o;
}

static json_t *row_json(const struct target_row *r, int *ok)
{
  const struct target_eval_in *in = &r->in;
  const struct target_eval *e = &r->eval;
  int measured = e->status != TARGET_UNBOUND && e->status != TARGET_NOT_MEASURABLE;
  json_t *o = json_object();
  json_build_set(o, "target_id", json_integer(r->target_id), ok);
  json_build_set(o, "quota_id", r->quota_id ? json_integer(r->quota_id) : json_null(), ok);
  json_build_set(o, "ord", json_integer(r->ord), ok);
  json_build_set(o, "text", json_build_str(r->text), ok);
  json_build_set(o, "assignee", json_build_str(r->assignee), ok);
  json_build_set(o, "kind", json_build_str(target_kind_name(r->kind)), ok);
  json_build_set(o, "kind_label", json_build_str(label_at(LABEL_TARGET_KIND, (size_t)r->kind)), ok);
  json_build_set(o, "noun", json_build_str(r->noun), ok);
  json_build_set(o, "phase", json_build_str(r->phase), ok);
  json_build_set(o, "bound", json_boolean(r->bound), ok);
  json_build_set(o, "manual", json_boolean(r->manual), ok);
  json_build_set(o, "indicator", json_build_str(r->indicator), ok);
  const struct indicator_def *def = r->indicator[0] ? indicator_find(r->indicator) : NULL;
  json_build_set(o, "indicator_name", json_build_str(def ? indicator_name(def) : NULL), ok);
  json_build_set(o, "base", json_build_str(r->base), ok);
  json_build_set(o, "scope", json_build_str(r->scope), ok);
  json_build_set(o, "proposal", json_build_str(r->proposal), ok);
  json_build_set(o, "unit", unit_json(&r->unit, ok), ok);
  json_build_set(o, "agency_kind", json_build_str(r->agency_kind), ok);
  json_build_set(o, "from", date_json(e->from), ok);
  json_build_set(o, "to", date_json(e->to), ok);
  json_build_set(o, "elapsed", num_or_null(e->elapsed > 0, e->elapsed), ok);
  json_build_set(o, "value", num_or_null(in->has_value && r->bound, in->value), ok);
  json_build_set(o, "numerator", num_or_null(in->is_ratio && in->has_value, in->num), ok);
  json_build_set(o, "denominator", num_or_null(in->is_ratio && in->has_value, in->den), ok);
  json_build_set(o, "required", num_or_null(e->has_required, e->required), ok);
  json_build_set(o, "required_is_max", json_boolean(e->required_is_max), ok);
  if (in->has_before) {
    json_t *b = json_object();
    json_build_set(b, "from", date_json(r->before_from), ok);
    json_build_set(b, "to", date_json(r->before_to), ok);
    json_build_set(b, "value", json_real(in->before), ok);
    json_build_set(o, "before", b, ok);
  } else {
    json_build_set(o, "before", json_null(), ok);
  }
  json_build_set(o, "projection", num_or_null(measured && e->has_projection, e->projection), ok);
  json_build_set(o, "projection_method",
                 json_build_str(measured ? target_projection_code(e->method) : NULL), ok);
  json_build_set(o, "status", json_string(target_status_code(e->status)), ok);
  json_build_set(o, "status_label",
                 json_build_str(label_vi(LABEL_TARGET_STATUS, target_status_code(e->status))), ok);
  json_build_set(o, "reason", json_build_str(measured ? NULL : e->why), ok);
  return o;
}

json_t *target_json_report(const struct target_report *r)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "plan_id", json_integer(r->plan_id), &ok);
  json_build_set(o, "plan_number", json_build_str(r->plan_number), &ok);
  json_build_set(o, "plan_title", json_build_str(r->plan_title), &ok);
  json_build_set(o, "at", date_json(r->at), &ok);
  json_build_set(o, "unit", unit_json(&r->unit, &ok), &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < r->n; i++)
    json_build_push(a, row_json(&r->rows[i], &ok), &ok);
  json_build_set(o, "targets", a, &ok);
  if (r->has_lower) {
    json_t *lower = json_array();
    for (size_t i = 0; i < r->n_lower; i++) {
      const struct target_lower *lo = &r->lower[i];
      json_t *x = json_object();
      json_build_set(x, "plan_id", json_integer(lo->plan_id), &ok);
      json_build_set(x, "number", json_build_str(lo->number), &ok);
      json_build_set(x, "unit_name", json_build_str(lo->unit_name), &ok);
      json_build_set(x, "plan_status", json_build_str(lo->status), &ok);
      json_build_set(x, "targets", json_integer((json_int_t)lo->total), &ok);
      json_t *by = json_object();
      for (int k = 0; k < 6; k++)
        json_build_set(by, target_status_code((enum target_status)k),
                       json_integer((json_int_t)lo->n[k]), &ok);
      json_build_set(x, "by_status", by, &ok);
      json_build_push(lower, x, &ok);
    }
    json_build_set(o, "lower_plans", lower, &ok);
  }
  return json_build_done(o, ok);
}

int target_json_dump_report(char **out, const struct target_report *r, struct err *err)
{
  return json_build_text(out, target_json_report(r), err);
}

json_t *target_json_proposals(long plan_id, const struct target_proposal *p, size_t n)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "plan_id", json_integer(plan_id), &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *x = json_object();
    json_build_set(x, "target_id", json_integer(p[i].target_id), &ok);
    json_build_set(x, "ord", json_integer(p[i].ord), &ok);
    json_build_set(x, "text", json_build_str(p[i].text), &ok);
    json_build_set(x, "indicator", json_build_str(p[i].indicator), &ok);
    json_build_set(x, "rule", json_build_str(p[i].rule), &ok);
    json_build_set(x, "scope", json_build_str(p[i].scope), &ok);
    json_build_set(x, "bound", json_boolean(p[i].bound), &ok);
    json_build_set(x, "bound_indicator",
                   p[i].bound ? json_string(p[i].bound_indicator) : json_null(), &ok);
    json_build_set(x, "bound_scope", p[i].bound ? json_string(p[i].bound_scope) : json_null(), &ok);
    json_build_push(a, x, &ok);
  }
  json_build_set(o, "proposals", a, &ok);
  return json_build_done(o, ok);
}

int target_json_dump_proposals(char **out, long plan_id, const struct target_proposal *p, size_t n,
                               struct err *err)
{
  return json_build_text(out, target_json_proposals(plan_id, p, n), err);
}
