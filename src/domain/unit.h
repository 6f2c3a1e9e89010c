/* unit.h: administrative units in the two official trees.
 *
 * A unit is identified by its tree and its code, never by the code alone:
 * codes were reused across the 1 July 2025 reform. Tree "pre2025" holds
 * province -> district -> commune, valid until 2025-06-30; tree "post2025"
 * holds province -> commune, valid from 2025-07-01. A unit's name and type
 * may change over its life (Đồng Nai became a centrally-governed city in
 * 2026): lookups take a date and return the name and type in force then. */
#ifndef PCMT_DOMAIN_UNIT_H
#define PCMT_DOMAIN_UNIT_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "types/unit.h"

struct store;

/* Find units by name as people write it: case and diacritics ignored, the
 * type word optional ("lao cai", "tp lao cai", "thành phố Lào Cai", "huyện
 * bảo thắng"). With `at` (ISO date, or NULL for any date) only units valid
 * then. Best matches first: exact name, then prefix, then words contained;
 * within each, higher levels first. */
int unit_find(struct unit_list *out, struct store *st, const char *text, const char *at,
              struct err *err);

/* One unit by tree and code, with the name/type in force at `at` (NULL =
 * latest). ERR_NOT_FOUND when there is none. */
int unit_get(struct unit *out, struct store *st, const char *tree, const char *code, const char *at,
             struct err *err);

/* unit_resolve's `at` for an action that has no date at all. */
#define UNIT_NO_DATE ""

/* The unit a code names, as a person gives it (docs/units.md, "A bare
 * code"). With `tree` ("pre2025"/"post2025") that tree's unit, whatever the
 * date. With `tree` NULL or "" the code is looked up in both trees: a code
 * that only one tree has names that unit; a code both trees have names the
 * unit of the tree in force on `at` (ISO date; NULL: today). With `at` =
 * UNIT_NO_DATE the date cannot decide: two units of one territory (the old
 * one went whole into the new one, which took nothing else: Hà Nội 01) give
 * today's, two different units (15: Yên Bái until 30/06/2025, Lào Cai from
 * 01/07/2025) are ERR_INPUT with both in the message. The unit carries the
 * name and type in force on `at` when it existed then, else its latest.
 * ERR_NOT_FOUND when no unit has the code; ERR_INPUT for a malformed code,
 * tree or date. */
int unit_resolve(struct unit *out, struct store *st, const char *tree, const char *code,
                 const char *at, struct err *err);

/* The unit and all its descendants valid at `at` (NULL = any), parents
 * before children, siblings in Vietnamese order. */
int unit_tree(struct unit_list *out, struct store *st, const char *tree, const char *code,
              const char *at, struct err *err);

/* The provinces of the tree in force on `at` (ISO date: before 01/07/2025
 * the 63 old provinces, from then the 34 new ones), in Vietnamese order. */
int unit_provinces(struct unit_list *out, struct store *st, const char *at, struct err *err);

/* The units of tree "post2025" that took over the old unit `code` of tree
 * "pre2025"; for an old district (which has no rows of its own), the
 * successors of its communes, each once. ERR_NOT_FOUND for an unknown code. */
int unit_successors(struct unit_successor_list *out, struct store *st, const char *code,
                    struct err *err);

/* ERR_INPUT with a message for a person unless unit tree/code, of the given
 * level, is a commune: residences are recorded to the commune. */
int unit_check_commune(const char *tree, const char *code, int level, struct err *err);

#endif
