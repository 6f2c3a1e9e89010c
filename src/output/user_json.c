/* user_json.c: users as JSON, built with jansson (see user_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/user_json.h"

#include "output/json_dump.h"
#include "types/label.h"

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

/* s as a JSON string, null when NULL or "". */
static json_t *str_or_null(const char *s)
{
  return s && *s ? json_string(s) : json_null();
}

json_t *user_json(const struct user *u)
{
  int ok = 1;
  json_t *o = json_object();
  const char *role = scope_role_name(u->role);
  int unit = u->unit_code[0] != '\0';
  set(o, "id", json_integer((json_int_t)u->id), &ok);
  set(o, "login", json_string(u->login), &ok);
  set(o, "full_name", json_string(u->full_name), &ok);
  set(o, "role", json_string(role), &ok);
  set(o, "unit_tree", str_or_null(unit ? u->unit_tree : NULL), &ok);
  set(o, "unit_code", str_or_null(unit ? u->unit_code : NULL), &ok);
  set(o, "unit_name", str_or_null(unit ? u->unit_name : NULL), &ok);
  set(o, "agency_kind", str_or_null(u->agency_kind), &ok);
  set(o, "disabled", json_boolean(u->disabled_at[0] != '\0'), &ok);
  set(o, "role_label", json_string(label_vi(LABEL_ROLE, role)), &ok);
  set(o, "agency_kind_label",
      str_or_null(u->agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, u->agency_kind) : NULL), &ok);
  set(o, "disabled_at", str_or_null(u->disabled_at), &ok);
  set(o, "created_at", str_or_null(u->created_at), &ok);
  set(o, "created_by", str_or_null(u->created_by), &ok);
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
  return json_dump_text(out, user_json_list(l), err);
}
