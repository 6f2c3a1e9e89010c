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

/* Enter the values of criterion `criterion` of class `cls` ("type1" ...) at
 * `level` of rule set `rule_set`, from its legal text. ERR_NOT_FOUND when
 * the rule set has no such criterion. Legal reference data: the caller
 * (app) checks the role. In the caller's write transaction. */
int store_class_rule_put(struct store *st, const char *rule_set, const char *level, const char *cls,
                         const char *criterion, const struct class_rule_change *c, struct err *err);

/* Record the residents of unit `unit_id` in `year` (replacing an earlier
 * figure), entered by the scope's user now. ERR_NOT_FOUND when the unit lies
 * outside the caller's territory. Inside the caller's write transaction. */
int store_class_residents_put(struct store *st, const struct scope *sc, long unit_id, int year,
                              long residents, const char *source, struct err *err);

/* The residents of unit `unit_id` in `year` into *residents (0 when none
 * was entered, or the unit lies outside the caller's territory). */
int store_class_residents_get(long *residents, struct store *st, const struct scope *sc,
                              long unit_id, int year, struct err *err);

/* The drug-free assessments of `year` of the units in the caller's territory
 * (unit_id 0) or of unit `unit_id` alone, by unit id. */
int store_drugfree_list(struct drugfree_list *out, struct store *st, const struct scope *sc,
                        long unit_id, int year, struct err *err);

/* Submit (or, after a refusal, submit again) commune `unit_id`'s
 * self-assessment for `year`, by the scope's user now. ERR_NOT_FOUND when
 * the unit lies outside the territory; ERR_CONFLICT when an assessment of
 * that year is waiting or recognised. In the caller's transaction. */
int store_drugfree_submit(struct store *st, const struct scope *sc, long unit_id, int year,
                          const char *text, struct err *err);

/* Decide the submitted assessment of `unit_id` for `year`: status
 * "recognised" or "refused", with the decision's text. ERR_NOT_FOUND when
 * no submitted assessment is in the territory. */
int store_drugfree_decide(struct store *st, const struct scope *sc, long unit_id, int year,
                          const char *status, const char *decision, struct err *err);

/* Record `to_unit`'s recognition for `year` carried from assessment
 * `from_id` by decision `decision`. ERR_CONFLICT when to_unit has an
 * assessment of that year. */
int store_drugfree_carry(struct store *st, const struct scope *sc, long from_id, long to_unit,
                         int year, const char *decision, struct err *err);

/* A province's roadmap share for `year` (replacing an earlier one) / the
 * share into *share_pct, *has 0 when none was entered. */
int store_drugfree_roadmap_put(struct store *st, const struct scope *sc, long unit_id, int year,
                               double share_pct, const char *source, struct err *err);
int store_drugfree_roadmap_get(int *has, double *share_pct, char *source, size_t source_n,
                               struct store *st, const struct scope *sc, long unit_id, int year,
                               struct err *err);

#endif
