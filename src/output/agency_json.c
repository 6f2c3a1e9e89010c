/* agency_json.c: agency names read and agency kinds as JSON, built with jansson
 * (see agency_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/agency_json.h"

#include "output/json_build.h"

json_t *agency_json_ref(const char *text, const struct agency_ref *r)
{
  int ok = 1;
  json_t *o = json_object();
  json_t *unit = json_null();
  if (r->unit_code[0]) {
    unit = json_object();
    json_build_set(unit, "tree", json_string(r->unit_tree), &ok);
    json_build_set(unit, "code", json_string(r->unit_code), &ok);
    json_build_set(unit, "name", json_string(r->unit_name), &ok);
  }
  const char *level = agency_level_name(r->level);
  json_build_set(o, "text", json_string(text), &ok);
  json_build_set(o, "is_agency", json_boolean(r->kind != AGENCY_NONE || r->is_group), &ok);
  json_build_set(o, "kind", json_build_str(agency_kind_name(r->kind)), &ok);
  json_build_set(o, "kind_label", json_build_str(agency_kind_label(r->kind)), &ok);
  json_build_set(o, "level", json_build_str(level), &ok);
  json_build_set(o, "is_group", json_boolean(r->is_group), &ok);
  json_build_set(o, "place", json_build_str(r->place), &ok);
  json_build_set(o, "unit", unit, &ok);
  json_build_set(o, "level_label",
                 json_build_str(level ? label_vi(LABEL_AGENCY_LEVEL, level) : NULL), &ok);
  return json_build_done(o, ok);
}

json_t *agency_json_kinds(const struct label *kinds, size_t n)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < n; i++) {
    json_t *k = json_object();
    json_build_set(k, "kind", json_string(kinds[i].code), &ok);
    json_build_set(k, "label", json_string(kinds[i].vi), &ok);
    if (!ok || !a)
      json_decref(k);
    else if (json_array_append_new(a, k) != 0) /* takes k, also on failure */
      ok = 0;
  }
  return json_build_done(a, ok && a);
}

int agency_json_dump_ref(char **out, const char *text, const struct agency_ref *r, struct err *err)
{
  return json_build_text(out, agency_json_ref(text, r), err);
}

int agency_json_dump_kinds(char **out, const struct label *kinds, size_t n, struct err *err)
{
  return json_build_text(out, agency_json_kinds(kinds, n), err);
}
