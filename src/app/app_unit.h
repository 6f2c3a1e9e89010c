/* app_unit.h: the administrative units' user actions (`pcmt units`).
 *
 * Who may: the unit lists are public reference data (the official lists of
 * the statistics office), the same for everyone, so every user of the
 * database reads all of them — find, show, tree, successors — whatever its
 * role and territory, and the reads are not audited. The lists themselves
 * are national: only a national administrator imports them (ERR_DENIED for
 * any other caller), in one transaction with its audit row "unit.import"
 * (record type "unit", record id 0, the counts and the folder in the
 * detail). */
#ifndef PCMT_APP_APP_UNIT_H
#define PCMT_APP_APP_UNIT_H

#include <stddef.h>

#include "base/err.h"
#include "ingest/unit_import.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* Import the official lists from `dir` (NULL: the bundled data/units) with
 * its audit row; *out the counts. ERR_DENIED unless the caller is a
 * national administrator; else unit_import's errors. */
int app_unit_import(struct unit_import_stats *out, struct store *st, const struct scope *caller,
                    const char *dir, struct err *err);

/* The units whose names match `text` (unit_find: case and diacritics
 * ignored, the type word optional), valid on ISO `at` (NULL: any date),
 * best first, each with its parent named on `at`. An empty list is not an
 * error. */
int app_unit_find(struct unit_item_list *out, struct store *st, const struct scope *caller,
                  const char *text, const char *at, struct err *err);

/* The unit `code` names (unit_resolve: in `tree`, else the tree in force on
 * ISO `at`; at NULL: a code both trees have is ERR_INPUT naming both), with
 * its parent. ERR_NOT_FOUND when no unit has the code. */
int app_unit_show(struct unit_item *out, struct store *st, const struct scope *caller,
                  const char *tree, const char *code, const char *at, struct err *err);

/* The unit `code` names on ISO `at` (NULL: today) and its descendants,
 * parents first: those valid on `at` when `at` is given; without it, those
 * valid today, unless `tree` is given or the unit no longer exists today,
 * when the tree is shown as it stood last. *taken the unit taken (may be
 * NULL). */
int app_unit_tree(struct unit_list *out, struct unit *taken, struct store *st,
                  const struct scope *caller, const char *tree, const char *code, const char *at,
                  struct err *err);

/* The units of tree "post2025" that took over old unit `code` of tree
 * "pre2025" (unit_successors), each with kind, via and its parent.
 * ERR_NOT_FOUND for an unknown code. */
int app_unit_successors(struct unit_item_list *out, struct store *st, const struct scope *caller,
                        const char *code, struct err *err);

#endif
