/* audit_json.c: the audit trail as JSON, built with jansson (see audit_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set notes
 * it in *ok. */
#include "output/audit_json.h"

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

static json_t *done(json_t *o, int ok)
{
  if (ok)
    return o;
  json_decref(o);
  return NULL;
}

json_t *audit_json_entry(const struct audit_entry *e)
{
  int ok = 1;
  json_t *o = json_object();
  set(o, "id", json_integer((json_int_t)e->id), &ok);
  set(o, "at", json_string(e->at), &ok);
  set(o, "actor", json_string(e->actor), &ok);
  set(o, "role", json_string(e->role), &ok);
  set(o, "scope", json_string(e->scope), &ok);
  set(o, "purpose", json_string(e->purpose), &ok);
  set(o, "action", json_string(e->action), &ok);
  set(o, "record_type", json_string(e->record_type), &ok);
  set(o, "record_id", json_integer((json_int_t)e->record_id), &ok);
  set(o, "detail", json_string(e->detail), &ok);
  set(o, "prev_hash", json_string(e->prev_hash), &ok);
  set(o, "hash", json_string(e->hash), &ok);
  set(o, "action_label", json_string(label_vi(LABEL_AUDIT_ACTION, e->action)), &ok);
  set(o, "role_label", json_string(label_vi(LABEL_ROLE, e->role)), &ok);
  return done(o, ok);
}

json_t *audit_json_list(const struct audit_list *l)
{
  json_t *a = json_array();
  for (size_t i = 0; a && i < l->n; i++) {
    json_t *v = audit_json_entry(&l->items[i]);
    if (!v || json_array_append_new(a, v) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

json_t *audit_json_verify(const struct audit_verify_result *r)
{
  int ok = 1;
  json_t *o = json_object();
  set(o, "ok", json_boolean(r->first_bad == 0), &ok);
  set(o, "rows_checked", json_integer((json_int_t)r->rows), &ok);
  set(o, "head", json_string(r->head), &ok);
  set(o, "head_id", json_integer((json_int_t)r->head_id), &ok);
  if (r->first_bad) {
    set(o, "first_bad", json_integer((json_int_t)r->first_bad), &ok);
    set(o, "reason", json_string(r->reason), &ok);
  }
  return done(o, ok);
}

int audit_json_dump_list(char **out, const struct audit_list *l, struct err *err)
{
  return json_dump_text(out, audit_json_list(l), err);
}

int audit_json_dump_verify(char **out, const struct audit_verify_result *r, struct err *err)
{
  return json_dump_text(out, audit_json_verify(r), err);
}
