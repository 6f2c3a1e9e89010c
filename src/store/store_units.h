/* store_units.h: SQL for administrative units (tables of migration 001).
 *
 * Dates are ISO text; "" means open (stored as 0001-01-01 / 9999-12-31).
 * Writers must run inside store_write_begin/commit. */
#ifndef PCMT_STORE_STORE_UNITS_H
#define PCMT_STORE_STORE_UNITS_H

#include <stddef.h>

#include "base/err.h"
#include "types/unit.h"

struct store;

/* One version of a unit as the importer hands it over. Keys are computed by
 * the caller (text_key / text_collate_key). */
struct store_unit_row {
  const char *tree, *code, *parent_code; /* parent_code "" for a province */
  int level;
  const char *unit_from, *unit_to;       /* the unit's life */
  const char *version_from, *version_to; /* this name/type's life */
  const char *name, *type, *name_key, *type_key;
  const unsigned char *sort_key;
  size_t sort_key_len;
  const char *source;
};

int store_unit_tree_put(struct store *st, const char *tree, const char *from, const char *to,
                        const char *description, struct err *err);
/* Insert or update the unit (by tree+code) and its version (by start date).
 * The parent must already be stored. */
int store_unit_put(struct store *st, const struct store_unit_row *row, struct err *err);
/* Insert or update one succession row; both units must be stored. */
int store_unit_succession_put(struct store *st, const char *old_tree, const char *old_code,
                              const char *new_tree, const char *new_code, const char *kind,
                              const char *effective_on, struct err *err);

/* Name search. `key` is the text_key of the whole query; `rest`/`type_key`,
 * when non-NULL, the query without its leading type word and that type's
 * key. A version matches when its name_key equals the key (score 0), starts
 * with it (1) or has it at the start of an inner word (2); matched through
 * `rest` only with that type. Keys hold only letters, digits and spaces, so
 * they are safe inside LIKE. Rows come best first (score, level, current
 * before old, Vietnamese order), one per version, at most `limit`; `at`
 * keeps versions valid then (NULL: all). *scores (malloc'd, parallel to
 * out->items) receives each row's score. */
int store_unit_search(struct unit_list *out, int **scores, struct store *st, const char *key,
                      const char *rest, const char *type_key, const char *at, size_t limit,
                      struct err *err);

/* One unit by tree and code with the version valid at `at` (NULL: latest). */
int store_unit_get(struct unit *out, struct store *st, const char *tree, const char *code,
                   const char *at, struct err *err);
/* The unit and its descendants valid at `at` (NULL: any), each with the
 * version valid then (latest when NULL), ordered by level then Vietnamese
 * order of name (so siblings come in Vietnamese order). */
int store_unit_subtree(struct unit_list *out, struct store *st, const char *tree, const char *code,
                       const char *at, struct err *err);
/* The provinces of `tree` valid at `at` (ISO date), in Vietnamese order of
 * name, each with the version valid then. */
int store_unit_provinces(struct unit_list *out, struct store *st, const char *tree, const char *at,
                         struct err *err);
/* The new units that took over old unit `code` (tree pre2025), or its
 * communes when it is a district. */
int store_unit_successors(struct unit_successor_list *out, struct store *st, const char *code,
                          struct err *err);
/* *out = 1 when old unit `old_id` (tree pre2025) went whole into new unit
 * `new_id` and neither has any other succession row: one territory under two
 * codes of the same value (Hà Nội 01), else 0. */
int store_unit_same_territory(int *out, struct store *st, long old_id, long new_id,
                              struct err *err);
/* Number of units stored (all trees). */
int store_unit_count(long *out, struct store *st, struct err *err);

#endif
