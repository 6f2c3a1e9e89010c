/* unit_json.c: administrative units as JSON, built with jansson (see unit_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set and
 * push note it in *ok. */
#include "output/unit_json.h"

#include "output/json_build.h"
#include "types/label.h"

static void put_unit(json_t *o, const struct unit *u, int *ok)
{
  const char *level = unit_level_name(u->tree, u->level);
  json_build_set(o, "code", json_string(u->code), ok);
  json_build_set(o, "name", json_string(u->name), ok);
  json_build_set(o, "type", json_string(u->type), ok);
  json_build_set(o, "level", json_integer(u->level), ok);
  json_build_set(o, "parent_code", json_build_str(u->parent_code), ok);
  json_build_set(o, "valid_from", json_build_str(u->valid_from), ok);
  json_build_set(o, "valid_to", json_build_str(u->valid_to), ok);
  json_build_set(o, "tree", json_string(u->tree), ok);
  json_build_set(o, "level_name", json_build_str(level), ok);
  json_build_set(o, "level_label", json_build_str(label_vi(LABEL_UNIT_LEVEL, level)), ok);
  json_build_set(o, "tree_label", json_string(label_vi(LABEL_UNIT_TREE, u->tree)), ok);
}

json_t *unit_json(const struct unit *u)
{
  int ok = 1;
  json_t *o = json_object();
  put_unit(o, u, &ok);
  return json_build_done(o, ok);
}

static void put_item(json_t *o, const struct unit_item *it, int *ok)
{
  put_unit(o, &it->unit, ok);
  json_build_set(o, "parent_name", json_build_str(it->parent), ok);
}

json_t *unit_json_item(const struct unit_item *it, const char *label)
{
  int ok = 1;
  json_t *o = json_object();
  put_item(o, it, &ok);
  if (label)
    json_build_set(o, "label", json_string(label), &ok);
  return json_build_done(o, ok);
}

static json_t *successor(const struct unit_item *it)
{
  int ok = 1;
  json_t *o = json_object();
  put_item(o, it, &ok);
  json_build_set(o, "kind", json_string(it->kind), &ok);
  json_build_set(o, "via", json_build_str(it->via), &ok);
  json_build_set(o, "kind_label", json_string(label_vi(LABEL_SUCCESSION, it->kind)), &ok);
  return json_build_done(o, ok);
}

json_t *unit_json_list(const struct unit_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    json_build_push(a, unit_json(&l->items[i]), &ok);
  return json_build_done(a, ok && a);
}

json_t *unit_json_items(const struct unit_item_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    json_build_push(a, unit_json_item(&l->items[i], NULL), &ok);
  return json_build_done(a, ok && a);
}

json_t *unit_json_successors(const struct unit_item_list *l)
{
  int ok = 1;
  json_t *a = json_array();
  for (size_t i = 0; ok && i < l->n; i++)
    json_build_push(a, successor(&l->items[i]), &ok);
  return json_build_done(a, ok && a);
}

int unit_json_dump_item(char **out, const struct unit_item *it, const char *label, struct err *err)
{
  return json_build_text(out, unit_json_item(it, label), err);
}

int unit_json_dump_list(char **out, const struct unit_list *l, struct err *err)
{
  return json_build_text(out, unit_json_list(l), err);
}

int unit_json_dump_items(char **out, const struct unit_item_list *l, struct err *err)
{
  return json_build_text(out, unit_json_items(l), err);
}

int unit_json_dump_successors(char **out, const struct unit_item_list *l, struct err *err)
{
  return json_build_text(out, unit_json_successors(l), err);
}
