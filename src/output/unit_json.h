/* unit_json.h: administrative units as JSON — the one writer for every front end.
 *
 * `pcmt units ... --json` prints these and the API returns them. A unit:
 *
 *   code, name, type, level, parent_code, valid_from, valid_to, tree,
 *   level_name, level_label, tree_label
 *
 * in that order (the first eight are the fields `units --json` always
 * printed; keys are only ever added). parent_code, valid_from and valid_to
 * are null when empty (a province; a life open at that end); dates ISO.
 * level_name is "province", "district" or "commune" (types/unit.h
 * unit_level_name), level_label and tree_label their Vietnamese labels
 * (types/label.h). Then:
 *
 *   item (find, show): the unit's keys, parent_name ("tỉnh Lào Cai", null
 *         for a province); show adds label (domain/unit.h unit_label)
 *   successor: the item's keys, kind ("full" | "partial"), via (the old
 *         commune a district's successor came through, or null),
 *         kind_label ("toàn bộ" | "một phần")
 *
 * Builders return a new reference (caller json_decref), NULL when out of
 * memory. */
#ifndef PCMT_OUTPUT_UNIT_JSON_H
#define PCMT_OUTPUT_UNIT_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "types/unit.h"

json_t *unit_json(const struct unit *u);
/* An item; `label` (may be NULL: no key) the unit as a person reads it. */
json_t *unit_json_item(const struct unit_item *it, const char *label);
/* An array of units (a tree), of items (find), of successors. */
json_t *unit_json_list(const struct unit_list *l);
json_t *unit_json_items(const struct unit_item_list *l);
json_t *unit_json_successors(const struct unit_item_list *l);

/* The same as text (output/json_build.h) in a malloc'd *out; ERR_NOMEM. */
int unit_json_dump_item(char **out, const struct unit_item *it, const char *label, struct err *err);
int unit_json_dump_list(char **out, const struct unit_list *l, struct err *err);
int unit_json_dump_items(char **out, const struct unit_item_list *l, struct err *err);
int unit_json_dump_successors(char **out, const struct unit_item_list *l, struct err *err);

#endif
