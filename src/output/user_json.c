/* user_json.c: users as JSON, built with jansson (see user_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/user_json.h"

#include "output/json_build.h"
#include "types/label.h"

json_t *user_json(const struct user *u)
{
  int ok = 1;
  json_t *o = json_object();
  const char *role = scope_role_name(u->role);
  int unit = u->unit_code[0] != '\0';
  json_build_set(o, "id", json_integer((json_int_t)u->id), &ok);
  json_build_set(o, "login", json_string(u->login), &ok);
  json_build_set(o, "full_name", json_string(u->full_name), &ok);
  json_build_set(o, "role", json_string(role), &ok);
  json_build_set(o, "unit_tree", json_build_str(unit ? u->unit_tree : NULL), &ok);
  json_build_set(o, "unit_code", json_build_str(unit ? u->unit_code : NULL), &ok);
  json_build_set(o, "unit_name", json_build_str(unit ? u->unit_name : NULL), &ok);
  json_build_set(o, "agency_kind", json_build_str(u->agency_kind), &ok);
  json_build_set(o, "disabled", json_boolean(u->disabled_at[0] != '\0'), &ok);
  json_build_set(o, "role_label", json_string(label_vi(LABEL_ROLE, role)), &ok);
  json_build_set(
      o, "agency_kind_label",
      json_build_str(u->agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, u->agency_kind) : NULL), &ok);
  json_build_set(o, "disabled_at", json_build_str(u->disabled_at), &ok);
  json_build_set(o, "created_at", json_build_str(u->created_at), &ok);
  json_build_set(o, "created_by", json_build_str(u->created_by), &ok);
  if (ok)
    return o;
  json_decref(o);
  return NULL;
}

json_t *user_json_list(const struct user_list *l)
{
  json_t *a = json_array();
  for (size_t i = 0; a && i < l->n; i++) {
    json_t *v = user_json(&l->items[i]);
    if (!v || json_array_append_new(a, v) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

int user_json_dump_list(char **out, const struct user_list *l, struct err *err)
{
  return json_build_text(out, user_json_list(l), err);
}
