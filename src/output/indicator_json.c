/* indicator_json.c: the indicators' JSON, built with jansson (see indicator_json.h).
 *
 * Any failed allocation turns the whole result into NULL: jansson's *_new
 * functions accept a NULL value and report the failure, which set / push
 * record in *ok. */
#include "output/indicator_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/unit.h"
#include "output/json_build.h"
#include "types/label.h"

/* {text, name, start, end} of a period. */
static json_t *period_json(const struct period *p)
{
  char text[PERIOD_TEXT_MAX], name[64], start[DATE_ISO_LEN], end[DATE_ISO_LEN];
  period_format(text, sizeof text, p);
  period_name_vn(name, sizeof name, p);
  date_to_iso(start, p->start);
  date_to_iso(end, p->end);
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "text", json_string(text), &ok);
  json_build_set(o, "name", json_string(name), &ok);
  json_build_set(o, "start", json_string(start), &ok);
  json_build_set(o, "end", json_string(end), &ok);
  return json_build_done(o, ok);
}

/* unit_code, unit_tree, unit_name and, for a unit (not the country),
 * unit_label, into o. */
static void put_unit(json_t *o, const struct unit *u, int *ok)
{
  int have = u->id > 0;
  char name[200], label[300];
  if (have)
    snprintf(name, sizeof name, "%s %s", u->type, u->name);
  else
    snprintf(name, sizeof name, "toàn quốc");
  json_build_set(o, "unit_code", have ? json_string(u->code) : json_null(), ok);
  json_build_set(o, "unit_tree", have ? json_string(u->tree) : json_null(), ok);
  json_build_set(o, "unit_name", json_string(name), ok);
  if (have)
    json_build_set(o, "unit_label", json_string(unit_label(label, sizeof label, u)), ok);
}

json_t *indicator_json_catalogue(const struct indicator_def *defs, size_t n)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    const struct indicator_def *d = &defs[i];
    const char *kind = indicator_kind_name(d->kind);
    json_t *o = json_object();
    json_build_set(o, "code", json_string(d->code), &ok);
    json_build_set(o, "name", json_string(indicator_name(d)), &ok);
    json_build_set(o, "kind", json_string(kind), &ok);
    json_build_set(o, "kind_label", json_string(label_vi(LABEL_INDICATOR_KIND, kind)), &ok);
    json_build_set(o, "source", json_string(indicator_source_name(d->source)), &ok);
    json_build_set(o, "source_label", json_string(label_at(LABEL_IND_SOURCE, d->source)), &ok);
    json_build_set(o, "unit", json_string(d->unit), &ok);
    if (d->numerator)
      json_build_set(o, "numerator", json_string(d->numerator), &ok);
    if (d->denominator)
      json_build_set(o, "denominator", json_string(d->denominator), &ok);
    json_build_push(a, o, &ok);
  }
  return json_build_done(a, ok);
}

/* One result of a report split by `split`. */
static json_t *result_json(const struct indicator_result *r, enum ind_split split)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "code", json_string(r->def->code), &ok);
  json_build_set(o, "name", json_string(indicator_name(r->def)), &ok);
  json_build_set(o, "kind", json_string(indicator_kind_name(r->def->kind)), &ok);
  json_build_set(o, "unit", json_string(r->def->unit), &ok);
  json_build_set(o, "group", json_build_str(r->group), &ok);
  json_build_set(o, "group_label", json_build_str(indicator_group_label(split, r->group)), &ok);
  json_build_set(o, "value", r->has_value ? json_real(r->value) : json_null(), &ok);
  if (r->def->kind == IND_RATIO) {
    json_build_set(o, "numerator", json_real(r->num), &ok);
    json_build_set(o, "denominator", json_real(r->den), &ok);
  }
  return json_build_done(o, ok);
}

static json_t *row_json(const struct indicator_row *row, enum ind_split split)
{
  int ok = 1;
  json_t *o = result_json(row->now, split);
  if (!o)
    return NULL;
  if (row->before) {
    json_build_set(o, "compare", result_json(row->before, split), &ok);
    if (row->has_change) {
      json_build_set(o, "change", json_real(row->change), &ok);
      json_build_set(o, "change_percent",
                     row->has_change_pct ? json_real(row->change_pct) : json_null(), &ok);
    }
  }
  return json_build_done(o, ok);
}

json_t *indicator_json_report(const struct indicator_report *r, const char *how)
{
  int ok = 1;
  json_t *o = json_object();
  put_unit(o, &r->unit, &ok);
  json_build_set(o, "period", period_json(&r->period), &ok);
  if (r->compared) {
    json_t *c = period_json(&r->earlier);
    json_build_set(c, "how", json_build_str(how), &ok);
    json_build_set(o, "compare", c, &ok);
  }
  json_build_set(o, "split", json_build_str(label_code_at(LABEL_IND_SPLIT, r->split)), &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < r->n; i++)
    json_build_push(a, row_json(&r->rows[i], r->split), &ok);
  json_build_set(o, "indicators", a, &ok);
  return json_build_done(o, ok);
}

json_t *indicator_json_entered(const struct indicator_entered *e)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "id", json_integer((json_int_t)e->id), &ok);
  json_build_set(o, "code", json_string(e->def->code), &ok);
  json_build_set(o, "name", json_string(indicator_name(e->def)), &ok);
  put_unit(o, &e->unit, &ok);
  json_build_set(o, "agency_kind", json_build_str(e->agency_kind), &ok);
  json_build_set(o, "agency_label",
                 e->agency_kind[0] ? json_string(label_vi(LABEL_AGENCY_KIND, e->agency_kind))
                                   : json_null(),
                 &ok);
  json_build_set(o, "period", period_json(&e->period), &ok);
  json_build_set(o, "value", json_real(e->value), &ok);
  json_build_set(o, "entered_by", json_string(e->by), &ok);
  return json_build_done(o, ok);
}

int indicator_json_dump_catalogue(char **out, const struct indicator_def *defs, size_t n,
                                  struct err *err)
{
  return json_build_text(out, indicator_json_catalogue(defs, n), err);
}

int indicator_json_dump_report(char **out, const struct indicator_report *r, const char *how,
                               struct err *err)
{
  return json_build_text(out, indicator_json_report(r, how), err);
}

int indicator_json_dump_entered(char **out, const struct indicator_entered *e, struct err *err)
{
  return json_build_text(out, indicator_json_entered(e), err);
}
