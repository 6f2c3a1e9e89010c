/* classify_json.c: the yearly classification as JSON (see classify_json.h). */
#include "output/classify_json.h"

#include <stdio.h>

#include "output/json_build.h"
#include "types/label.h"

static json_t *num_or_null(int has, double v)
{
  return has ? json_real(v) : json_null();
}

static const char *VERDICTS[] = {"not_met", "met", "unknown"};
static const char *UNKNOWNS[] = {"", "threshold", "residents", "no_data"};

static json_t *check_json(const struct class_check *c, int *ok)
{
  json_t *o = json_object();
  const char *name = classify_criterion_name(c->rule->criterion);
  json_build_set(o, "criterion", json_build_str(name), ok);
  json_build_set(o, "criterion_label", json_build_str(label_vi(LABEL_CLASS_CRITERION, name)), ok);
  json_build_set(o, "note", json_build_str(c->rule->note), ok);
  json_build_set(o, "threshold", num_or_null(c->rule->has_threshold, c->rule->threshold), ok);
  json_build_set(o, "alt_threshold", num_or_null(c->rule->has_alt, c->rule->alt_threshold), ok);
  json_build_set(o, "value", num_or_null(c->has_value, c->value), ok);
  json_build_set(o, "verdict", json_build_str(VERDICTS[c->verdict]), ok);
  json_build_set(o, "verdict_label", json_build_str(label_at(LABEL_CLASS_VERDICT, c->verdict)), ok);
  json_build_set(o, "unknown", json_build_str(UNKNOWNS[c->why]), ok);
  json_build_set(o, "unknown_label", json_build_str(label_at(LABEL_CLASS_UNKNOWN, c->why)), ok);
  return o;
}

static json_t *row_json(const struct classify_row *r, const struct class_rule_set *rs, int *ok)
{
  json_t *o = json_object();
  json_build_set(o, "unit_tree", json_build_str(r->unit.tree), ok);
  json_build_set(o, "unit_code", json_build_str(r->unit.code), ok);
  char name[200];
  snprintf(name, sizeof name, "%s %s", r->unit.type, r->unit.name);
  json_build_set(o, "unit_name", json_build_str(name), ok);
  const struct class_figures *f = &r->fig;
  json_build_set(o, "residents", num_or_null(f->has_residents, f->residents), ok);
  json_build_set(o, "managed", json_real(f->managed), ok);
  json_build_set(o, "places", json_real(f->places), ok);
  json_build_set(o, "offenders", json_real(f->offenders), ok);
  json_build_set(o, "plants", json_real(f->plants), ok);
  json_build_set(o, "area_m2", json_real(f->area_m2), ok);
  char type[4];
  snprintf(type, sizeof type, "%d", r->result.type);
  json_build_set(o, "type", json_build_str(type), ok);
  json_build_set(o, "type_label", json_build_str(label_vi(LABEL_CLASS_TYPE, type)), ok);
  json_t *classes = json_array();
  for (int c = 0; c < 3; c++) {
    json_t *k = json_object();
    json_build_set(k, "class", json_integer(c + 1), ok);
    json_build_set(k, "verdict", json_build_str(VERDICTS[r->result.classes[c]]), ok);
    json_build_set(k, "verdict_label",
                   json_build_str(label_at(LABEL_CLASS_VERDICT, r->result.classes[c])), ok);
    json_build_set(k, "min_met",
                   rs->classes[c].has_min ? json_integer(rs->classes[c].min_met) : json_null(), ok);
    json_t *checks = json_array();
    for (size_t i = 0; i < r->result.n_checks[c]; i++)
      json_build_push(checks, check_json(&r->result.checks[c][i], ok), ok);
    json_build_set(k, "checks", checks, ok);
    json_build_push(classes, k, ok);
  }
  json_build_set(o, "classes", classes, ok);
  return o;
}

int classify_json_dump(char **out, const struct classify_report *r, struct err *err)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "year", json_integer(r->year), &ok);
  json_build_set(o, "rules_on", json_build_str(r->on), &ok);
  json_t *rs = json_object();
  json_build_set(rs, "code", json_build_str(r->communes.code), &ok);
  json_build_set(rs, "source", json_build_str(r->communes.source), &ok);
  json_build_set(rs, "note", json_build_str(r->communes.note), &ok);
  json_build_set(rs, "valid_from", json_build_str(r->communes.valid_from), &ok);
  json_build_set(rs, "valid_to", json_build_str(r->communes.valid_to), &ok);
  json_build_set(o, "rule_set", rs, &ok);
  json_t *sum = json_object();
  json_build_set(sum, "communes", json_integer((json_int_t)r->n), &ok);
  json_build_set(sum, "none", json_integer((json_int_t)r->n_type[0]), &ok);
  json_build_set(sum, "type1", json_integer((json_int_t)r->n_type[1]), &ok);
  json_build_set(sum, "type2", json_integer((json_int_t)r->n_type[2]), &ok);
  json_build_set(sum, "type3", json_integer((json_int_t)r->n_type[3]), &ok);
  json_build_set(sum, "undetermined", json_integer((json_int_t)r->n_undetermined), &ok);
  json_build_set(o, "summary", sum, &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < r->n; i++)
    json_build_push(a, row_json(&r->rows[i], &r->communes, &ok), &ok);
  json_build_set(o, "communes", a, &ok);
  json_build_set(o, "province",
                 r->has_province ? row_json(&r->province_row, &r->province, &ok) : json_null(),
                 &ok);
  return json_build_text(out, json_build_done(o, ok), err);
}

static json_t *unit_name_json(const struct unit *u)
{
  char name[200];
  snprintf(name, sizeof name, "%s %s", u->type, u->name);
  return json_build_str(name);
}

int classify_json_drugfree(char **out, const struct drugfree_report *r, struct err *err)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "year", json_integer(r->year), &ok);
  json_build_set(o, "unit_tree", json_build_str(r->root.tree), &ok);
  json_build_set(o, "unit_code", json_build_str(r->root.code), &ok);
  json_build_set(o, "unit_name", unit_name_json(&r->root), &ok);
  json_build_set(o, "communes", json_integer((json_int_t)r->n), &ok);
  json_build_set(o, "recognised", json_integer((json_int_t)r->n_recognised), &ok);
  json_build_set(o, "submitted", json_integer((json_int_t)r->n_submitted), &ok);
  json_build_set(o, "refused", json_integer((json_int_t)r->n_refused), &ok);
  json_build_set(o, "to_reassess", json_integer((json_int_t)r->n_reassess), &ok);
  json_build_set(o, "share_pct", json_real(r->share_pct), &ok);
  json_t *road = json_null();
  if (r->has_roadmap) {
    road = json_object();
    json_build_set(road, "share_pct", json_real(r->roadmap_pct), &ok);
    json_build_set(road, "source", json_build_str(r->roadmap_source), &ok);
    json_build_set(road, "on_track", json_boolean(r->on_track), &ok);
  }
  json_build_set(o, "roadmap", road, &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < r->n; i++) {
    const struct drugfree_item *it = &r->items[i];
    const char *status = it->row.id ? it->row.status : "";
    json_t *x = json_object();
    json_build_set(x, "unit_tree", json_build_str(it->unit.tree), &ok);
    json_build_set(x, "unit_code", json_build_str(it->unit.code), &ok);
    json_build_set(x, "unit_name", unit_name_json(&it->unit), &ok);
    json_build_set(x, "status", json_string(status), &ok);
    json_build_set(x, "status_label", json_build_str(label_vi(LABEL_DRUGFREE_STATUS, status)), &ok);
    json_build_set(x, "decision", json_build_str(it->row.decision), &ok);
    json_build_set(x, "submitted_by", json_build_str(it->row.submitted_by), &ok);
    json_build_set(x, "submitted_at", json_build_str(it->row.submitted_at), &ok);
    json_build_set(x, "decided_by", json_build_str(it->row.decided_by), &ok);
    json_build_set(x, "decided_at", json_build_str(it->row.decided_at), &ok);
    json_build_set(x, "carried", json_boolean(it->row.carried_from != 0), &ok);
    json_build_set(x, "recognised_before", json_boolean(it->recognised_before), &ok);
    json_build_push(a, x, &ok);
  }
  json_build_set(o, "items", a, &ok);
  return json_build_text(out, json_build_done(o, ok), err);
}
