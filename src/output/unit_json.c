/* unit_json.c: administrative units as JSON, built with jansson (see unit_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/unit_json.h"

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

static void push(json_t *a, json_t *v, int *ok)
{
  if (!a || !v) {
    json_decref(v);
    *ok = 0;
  } else if (json_array_append_new(a, v) != 0) { /* takes v, also on failure */
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

static void put_unit(json_t *o, const struct unit *u, int *ok)
{
  const char *level = unit_level_name(u->tree, u->level);
  set(o, "code", json_string(u->code), ok);
  set(o, "name", json_string(u->name), ok);
  set(o, "type", json_string(u->type), ok);
  set(o, "level", json_integer(u->level), ok);
  set(o, "parent_code", str_or_null(u->parent_code), ok);
  set(o, "valid_from", str_or_null(u->valid_from), ok);
  set(o, "valid_to", str_or_null(u->valid_to), ok);
  set(o, "tree", json_string(u->tree), ok);
  set(o, "level_name", str_or_null(level), ok);
  set(o, "level_label", str_or_null(label_vi(LABEL_UNIT_LEVEL, level)), ok);
  set(o, "tree_label", json_string(label_vi(LABEL_UNIT_TREE, u->tree)), ok);
}

json_t *unit_json(const struct unit *u)
{
  int ok = 1;
  json_t *o = json_object();
  put_unit(o, u, &ok);
  return done(o, ok);
}

static void put_item(json_t *o, const struct unit_item *it, int *ok)
{
  put_unit(o, &it->unit, ok);
  set(o, "parent_name", str_or_null(it->parent), ok);
}

json_t *unit_json_item(const struct unit_item *it, const char *label)
{
  int ok = 1;
  json_t *o = json_object();
  put_item(o, it, &ok);
  if (label)
    set(o, "label", json_string(label), &ok);
  return done(o, ok);
}

static json_t *successor(const struct unit_item *it)
{
  int ok = 1;
  json_t *o = json_object();
  put_item(o, it, &ok);
  set(o, "kind", json_string(it->kind), &ok);
  set(o, "via", str_or_null(it->via), &ok);
  set(o, "kind_label", json_string(label_vi(LABEL_SUCCESSION, it->kind)), &ok);
  return done(o, ok);
}

json_t *unit_json_list(const struct unit_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    push(a, unit_json(&l->items[i]), &ok);
  return done(a, ok && a);
}

json_t *unit_json_items(const struct unit_item_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    push(a, unit_json_item(&l->items[i], NULL), &ok);
  return done(a, ok && a);
}

json_t *unit_json_successors(const struct unit_item_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    push(a, successor(&l->items[i]), &ok);
  return done(a, ok && a);
}

int unit_json_dump_item(char **out, const struct unit_item *it, const char *label, struct err *err)
{
  return json_dump_text(out, unit_json_item(it, label), err);
}

int unit_json_dump_list(char **out, const struct unit_list *l, struct err *err)
{
  return json_dump_text(out, unit_json_list(l), err);
}

int unit_json_dump_items(char **out, const struct unit_item_list *l, struct err *err)
{
  return json_dump_text(out, unit_json_items(l), err);
}

int unit_json_dump_successors(char **out, const struct unit_item_list *l, struct err *err)
{
  return json_dump_text(out, unit_json_successors(l), err);
}
