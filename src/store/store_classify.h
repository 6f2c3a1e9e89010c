/* store_classify.h: the classification rules and the residents of units (migration 024).
 *
 * The rule sets are legal reference data: read by anyone. Residents are a
 * unit's aggregate data: read and written only inside the caller's
 * territory (unit_scope), like every unit figure. */
#ifndef PCMT_STORE_STORE_CLASSIFY_H
#define PCMT_STORE_STORE_CLASSIFY_H

#include "base/err.h"
#include "types/classify.h"
#include "types/scope.h"

struct store;

/* The rule set in force on ISO day `on` at level "commune" or "province"
 * into *out. ERR_NOT_FOUND when none is. */
int store_class_rules_at(struct class_rule_set *out, struct store *st, const char *level,
                         const char *on, struct err *err);

/* Record the residents of unit `unit_id` in `year` (replacing an earlier
 * figure), entered by the scope's user now. ERR_NOT_FOUND when the unit lies
 * outside the caller's territory. Inside the caller's write transaction. */
int store_class_residents_put(struct store *st, const struct scope *sc, long unit_id, int year,
                              long residents, const char *source, struct err *err);

/* The residents of unit `unit_id` in `year` into *residents (0 when none
 * was entered, or the unit lies outside the caller's territory). */
int store_class_residents_get(long *residents, struct store *st, const struct scope *sc,
                              long unit_id, int year, struct err *err);

#endif
