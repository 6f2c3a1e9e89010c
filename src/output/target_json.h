/* target_json.h: a plan's targets evaluated on a date, as JSON (`pcmt plan status --json`,
 * the API).
 *
 *   {"plan_id", "plan_number", "plan_title", "at": ISO date,
 *    "unit": {"tree", "code", "name"} | null   (with --unit),
 *    "targets": [{"target_id", "quota_id" (null: the target as a whole),
 *                 "ord", "text", "assignee", "kind", "kind_label", "noun",
 *                 "phase", "bound", "manual", "indicator", "indicator_name",
 *                 "base", "scope", "proposal",
 *                 "unit": {"tree", "code", "name"} | null, "agency_kind",
 *                 "from", "to", "elapsed", "value", "numerator",
 *                 "denominator", "required", "required_is_max",
 *                 "before": {"from", "to", "value"} | null,
 *                 "projection", "projection_method", "status",
 *                 "status_label", "reason"}]}
 *
 * Codes beside their Vietnamese labels (types/label.h LABEL_TARGET_STATUS,
 * LABEL_TARGET_KIND, LABEL_INDICATOR); an unknown number is null (a ratio's
 * numerator and denominator are null unless it is one); dates ISO; reason
 * is why a row is not measurable or unbound, else null. The builder
 * returns a new reference (NULL when out of memory); the _dump function
 * the pretty text in a malloc'd *out.
 *
 * Proposals (`pcmt plan bind ID --propose --json`):
 *   {"plan_id", "proposals": [{"target_id", "ord", "text", "indicator"
 *    (null: manual), "rule", "scope", "bound", "bound_indicator" (null
 *    unless bound; "" for manual), "bound_scope"}]} */
#ifndef PCMT_OUTPUT_TARGET_JSON_H
#define PCMT_OUTPUT_TARGET_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "domain/target_bind.h"
#include "domain/target_eval.h"

json_t *target_json_report(const struct target_report *r);
int target_json_dump_report(char **out, const struct target_report *r, struct err *err);
json_t *target_json_proposals(long plan_id, const struct target_proposal *p, size_t n);
int target_json_dump_proposals(char **out, long plan_id, const struct target_proposal *p, size_t n,
                               struct err *err);

#endif
