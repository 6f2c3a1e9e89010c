/* person_json.c: the people register's JSON, built with jansson (see person_json.h).
 *
 * Any failed allocation turns the whole result into NULL: jansson's *_new
 * functions accept a NULL value and report the failure, which set / push
 * record in *ok. */
#include "output/person_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "output/json_build.h"
#include "types/label.h"
#include "types/legal_rule.h"

/* Days from ISO `from` to ISO `to` (0 when either is not a date). */
static long days_between(const char *from, const char *to)
{
  struct date a, b;
  if (!from || !to || date_parse(&a, from, 0, NULL) || date_parse(&b, to, 0, NULL))
    return 0;
  return date_to_days(b) - date_to_days(a);
}

/* The person's keys into o. */
static void put_person(json_t *o, const struct person *p, int *ok)
{
  json_build_set(o, "id", json_integer((json_int_t)p->id), ok);
  json_build_set(o, "full_name", json_string(p->full_name), ok);
  json_build_set(o, "other_names", json_string(p->other_names), ok);
  json_build_set(o, "birth_date", json_string(p->birth_date), ok);
  json_build_set(o, "sex", json_string(p->sex), ok);
  json_build_set(o, "sex_label", json_string(label_vi(LABEL_SEX, p->sex)), ok);
  json_build_set(o, "ethnicity", json_string(p->ethnicity), ok);
  json_build_set(o, "national_id", json_build_str(p->national_id), ok);
  json_build_set(o, "unit_tree", json_string(p->unit_tree), ok);
  json_build_set(o, "unit_code", json_string(p->unit_code), ok);
  json_build_set(o, "unit_name", json_string(p->unit_name), ok);
  json_build_set(o, "address", json_string(p->address), ok);
  json_build_set(o, "occupation", json_string(p->occupation), ok);
  json_build_set(o, "occupation_group", json_string(p->occupation_group), ok);
  json_build_set(o, "occupation_group_label",
                 json_string(label_vi(LABEL_OCCUPATION_GROUP, p->occupation_group)), ok);
  json_build_set(o, "created_at", json_string(p->created_at), ok);
}

json_t *person_json_person(const struct person *p)
{
  int ok = 1;
  json_t *o = json_object();
  put_person(o, p, &ok);
  return json_build_done(o, ok);
}

json_t *person_json_status(const struct person_status *s)
{
  int ok = 1;
  json_t *o = json_object();
  const char *cls = label_code_at(LABEL_PERSON_CLASS, (size_t)s->cls);
  json_build_set(o, "code", json_string(person_status_code(s)), &ok);
  json_build_set(o, "label", json_string(person_status_label(s)), &ok);
  json_build_set(o, "class", json_string(cls), &ok);
  json_build_set(o, "class_label", json_string(label_vi(LABEL_PERSON_CLASS, cls)), &ok);
  json_build_set(o, "managed", json_boolean(s->managed), &ok);
  json_build_set(o, "ost", json_boolean(s->ost), &ok);
  json_build_set(o, "aftercare", json_boolean(s->aftercare), &ok);
  json_build_set(o, "rehab_count", json_integer(s->rehab_count), &ok);
  json_build_set(o, "relapses", json_integer(s->relapses), &ok);
  json_build_set(o, "since", json_string(s->since), &ok);
  return json_build_done(o, ok);
}

/* {tree, code} of a unit. */
static json_t *unit_ref(const char *tree, const char *code)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "tree", json_string(tree), &ok);
  json_build_set(o, "code", json_string(code), &ok);
  return json_build_done(o, ok);
}

json_t *person_json_event(const struct person_event *e)
{
  int ok = 1;
  json_t *o = json_object();
  /* only a classification's value has a label (types/label.h) */
  const char *value_label =
      e->kind == PEV_CLASSIFIED && label_index(LABEL_PERSON_CLASS, e->value) >= 0
          ? label_vi(LABEL_PERSON_CLASS, e->value)
          : NULL;
  json_build_set(o, "id", json_integer((json_int_t)e->id), &ok);
  json_build_set(o, "kind", json_string(person_event_code(e->kind)), &ok);
  json_build_set(o, "label", json_string(person_event_label(e->kind)), &ok);
  json_build_set(o, "date", json_string(e->date), &ok);
  json_build_set(o, "value", json_string(e->value), &ok);
  json_build_set(o, "value_label", json_build_str(value_label), &ok);
  json_build_set(o, "facility", json_string(e->facility), &ok);
  json_build_set(o, "decision_no", json_string(e->decision_no), &ok);
  json_build_set(o, "decision_date", json_string(e->decision_date), &ok);
  json_build_set(o, "note", json_string(e->note), &ok);
  json_build_set(o, "recorded_by", json_string(e->recorded_by), &ok);
  if (e->kind == PEV_MOVED) {
    json_build_set(o, "from", unit_ref(e->from_tree, e->from_code), &ok);
    json_build_set(o, "to", unit_ref(e->unit_tree, e->unit_code), &ok);
  }
  if (e->ref_event_id)
    json_build_set(o, "voids", json_integer((json_int_t)e->ref_event_id), &ok);
  if (e->merged_from)
    json_build_set(o, "merged_from", json_integer((json_int_t)e->merged_from), &ok);
  return json_build_done(o, ok);
}

/* The clock's keys into o. */
static void put_clock(json_t *o, const struct person_clock *c, const char *today, int *ok)
{
  char limit[64] = "";
  if (c->rule)
    legal_rule_describe(limit, sizeof limit, c->rule);
  json_build_set(o, "code", json_string(c->code), ok);
  json_build_set(o, "label", json_string(person_clock_label(c->code)), ok);
  json_build_set(o, "condition", json_string(c->condition), ok);
  json_build_set(o, "start", json_string(c->start), ok);
  json_build_set(o, "end", json_string(c->end), ok);
  json_build_set(o, "days_left", json_integer((json_int_t)days_between(today, c->end)), ok);
  json_build_set(o, "limit", json_string(limit), ok);
  json_build_set(o, "source", json_string(c->rule ? c->rule->source : ""), ok);
  json_build_set(o, "event_id", json_integer((json_int_t)c->event_id), ok);
}

json_t *person_json_clock(const struct person_clock *c, const char *today)
{
  int ok = 1;
  json_t *o = json_object();
  put_clock(o, c, today, &ok);
  return json_build_done(o, ok);
}

/* A case, place or network the person is linked to; its role (or kind) by
 * code and label. */
static json_t *link_json(const struct person_link *l)
{
  enum label_set set = strcmp(l->kind, "case") == 0    ? LABEL_CASE_ROLE
                       : strcmp(l->kind, "place") == 0 ? LABEL_PLACE_KIND
                                                       : LABEL_NETWORK_ROLE;
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "kind", json_string(l->kind), &ok);
  json_build_set(o, "id", json_integer((json_int_t)l->id), &ok);
  json_build_set(o, "record_no", json_string(l->record_no), &ok);
  json_build_set(o, "date", json_string(l->date), &ok);
  json_build_set(o, "role", json_string(l->role), &ok);
  json_build_set(o, "role_label", json_string(label_vi(set, l->role)), &ok);
  json_build_set(o, "arrested_on", l->since[0] ? json_string(l->since) : json_null(), &ok);
  json_build_set(o, "name", json_string(l->name), &ok);
  json_build_set(o, "unit_tree", json_string(l->unit_tree), &ok);
  json_build_set(o, "unit_code", json_string(l->unit_code), &ok);
  json_build_set(o, "unit_name", json_string(l->unit_name), &ok);
  return json_build_done(o, ok);
}

json_t *person_json_record(const struct person_record *r, const char *today)
{
  int ok = 1;
  json_t *o = json_object();
  put_person(o, &r->person, &ok);
  json_build_set(
      o, "merged_into",
      r->person.merged_into ? json_integer((json_int_t)r->person.merged_into) : json_null(), &ok);
  json_build_set(o, "version", json_string(r->version), &ok);
  json_build_set(o, "status", person_json_status(&r->status), &ok);
  json_t *events = json_array();
  for (size_t i = 0; i < r->events.n; i++)
    json_build_push(events, person_json_event(&r->events.items[i]), &ok);
  json_build_set(o, "events", events, &ok);
  json_t *clocks = json_array();
  for (size_t i = 0; i < r->clocks.n; i++)
    json_build_push(clocks, person_json_clock(&r->clocks.items[i], today), &ok);
  json_build_set(o, "clocks", clocks, &ok);
  json_t *links = json_array();
  for (size_t i = 0; i < r->links.n; i++)
    json_build_push(links, link_json(&r->links.items[i]), &ok);
  json_build_set(o, "links", links, &ok);
  return json_build_done(o, ok);
}

json_t *person_json_hits(const struct person_hit_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++) {
    json_t *o = json_object();
    put_person(o, &l->items[i].person, &ok);
    json_build_set(o, "status", person_json_status(&l->items[i].status), &ok);
    json_build_push(a, o, &ok);
  }
  return json_build_done(a, ok);
}

json_t *person_json_due(const struct person_due_list *l, const char *today)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++) {
    const struct person_due *d = &l->items[i];
    json_t *o = json_object();
    put_clock(o, &d->clock, today, &ok);
    json_build_set(o, "overdue", json_boolean(d->days_left < 0), &ok);
    json_build_set(o, "person_id", json_integer((json_int_t)d->person_id), &ok);
    json_build_set(o, "full_name", json_string(d->full_name), &ok);
    json_build_set(o, "unit_tree", json_string(d->unit_tree), &ok);
    json_build_set(o, "unit_code", json_string(d->unit_code), &ok);
    json_build_set(o, "unit_name", json_string(d->unit_name), &ok);
    json_build_set(o, "moved_out", json_boolean(d->moved_out), &ok);
    json_build_push(a, o, &ok);
  }
  return json_build_done(a, ok);
}

json_t *person_json_pairs(const struct person_dup_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++) {
    json_t *o = json_object();
    json_build_set(o, "a", person_json_person(&l->items[i].a), &ok);
    json_build_set(o, "b", person_json_person(&l->items[i].b), &ok);
    json_build_set(o, "flagged_at", json_string(l->items[i].flagged_at), &ok);
    json_build_push(a, o, &ok);
  }
  return json_build_done(a, ok);
}

int person_json_dump_record(char **out, const struct person_record *r, const char *today,
                            struct err *err)
{
  return json_build_text(out, person_json_record(r, today), err);
}

int person_json_dump_hits(char **out, const struct person_hit_list *l, struct err *err)
{
  return json_build_text(out, person_json_hits(l), err);
}

int person_json_dump_due(char **out, const struct person_due_list *l, const char *today,
                         struct err *err)
{
  return json_build_text(out, person_json_due(l, today), err);
}

int person_json_dump_pairs(char **out, const struct person_dup_list *l, struct err *err)
{
  return json_build_text(out, person_json_pairs(l), err);
}

int person_json_dump_id(char **out, const char *key, long id, struct err *err)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, key, json_integer((json_int_t)id), &ok);
  return json_build_text(out, json_build_done(o, ok), err);
}
