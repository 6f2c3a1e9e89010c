/* agency_json.c: agency names read and agency kinds as JSON, built with jansson
 * (see agency_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/agency_json.h"

#include "output/json_dump.h"

/* Set key to v, taking v (freed when it cannot be set); a failure clears *ok. */
static void set(json_t *o, const char *key, json_t *v, int *ok)
{
  if (!o || !v) {
    json_decref(v);
    *ok = 0;
  } else if (json_object_set_new(o, key, v) != 0) {
    *ok = 0;
  }
}

static json_t *done(json_t *o, int ok)
{
  if (ok)
    return o;
  json_decref(o);
  return NULL;
}

static json_t *str_or_null(const char *s)
{
  return s && *s ? json_string(s) : json_null();
}

json_t *agency_json_ref(const char *text, const struct agency_ref *r)
{
  int ok = 1;
  json_t *o = json_object();
  json_t *unit = json_null();
  if (r->unit_code[0]) {
    unit = json_object();
    set(unit, "tree", json_string(r->unit_tree), &ok);
    set(unit, "code", json_string(r->unit_code), &ok);
    set(unit, "name", json_string(r->unit_name), &ok);
  }
  const char *level = agency_level_name(r->level);
  set(o, "text", json_string(text), &ok);
  set(o, "is_agency", json_boolean(r->kind != AGENCY_NONE || r->is_group), &ok);
  set(o, "kind", str_or_null(agency_kind_name(r->kind)), &ok);
  set(o, "kind_label", str_or_null(agency_kind_label(r->kind)), &ok);
  set(o, "level", str_or_null(level), &ok);
  set(o, "is_group", json_boolean(r->is_group), &ok);
  set(o, "place", str_or_null(r->place), &ok);
  set(o, "unit", unit, &ok);
  set(o, "level_label", str_or_null(level ? label_vi(LABEL_AGENCY_LEVEL, level) : NULL), &ok);
  return done(o, ok);
}

json_t *agency_json_kinds(const struct label *kinds, size_t n)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < n; i++) {
    json_t *k = json_object();
    set(k, "kind", json_string(kinds[i].code), &ok);
    set(k, "label", json_string(kinds[i].vi), &ok);
    if (!ok || !a)
      json_decref(k);
    else if (json_array_append_new(a, k) != 0) /* takes k, also on failure */
      ok = 0;
  }
  return done(a, ok && a);
}

int agency_json_dump_ref(char **out, const char *text, const struct agency_ref *r, struct err *err)
{
  return json_dump_text(out, agency_json_ref(text, r), err);
}

int agency_json_dump_kinds(char **out, const struct label *kinds, size_t n, struct err *err)
{
  return json_dump_text(out, agency_json_kinds(kinds, n), err);
}
