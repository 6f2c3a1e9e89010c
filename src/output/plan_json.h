/* plan_json.h: plans as JSON — the one writer for every front end.
 *
 * `pcmt plan ... --json` prints these and the API returns them:
 *
 *   plan:    the contract's object (shared/contracts/plan-json.md, copied in
 *            docs/contracts/plan-json.md): every key present, null for an
 *            unknown scalar, [] for an unknown list, ISO dates, kind names,
 *            keys in the contract's order. What `plan read` prints.
 *   stored:  a stored plan: "id" first, then the contract's keys with "id"
 *            first in each basis, phase, target, task and report, then
 *            status, status_label, parent_id, unit_tree, unit_code,
 *            unit_name, issuer_kind, created_by, published_at (contract
 *            keys are only ever added to).
 *   list:    [{id, status, status_label, number, title, issued_on,
 *            territory, kind, kind_label, tasks, unit_tree, unit_code,
 *            unit_name}]
 *   defects: [{task_id, section, text, criterion, reason, kind}]: kind the
 *            criterion's code ("who", "what", "responsibility", "when"),
 *            criterion its label ("rõ người" ...)
 *   history: [{changed_at, changed_by, element, element_id, field,
 *            old_value, new_value, reason}]
 *
 * Codes are the stable keys; where a person reads a code its Vietnamese
 * label (types/label.h) stands beside it. Unknown values are null. The
 * builders return a new reference (caller json_decref), NULL when out of
 * memory. The _dump functions give the pretty UTF-8 text (not
 * ASCII-escaped), keys in the order above, ending with a newline, in a
 * malloc'd *out; ERR_NOMEM. */
#ifndef PCMT_OUTPUT_PLAN_JSON_H
#define PCMT_OUTPUT_PLAN_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "domain/plan_check.h"
#include "store/store_plans.h"
#include "types/plan.h"

json_t *plan_json(const struct plan *p);
json_t *plan_json_stored(const struct plan *p, const struct store_plan_info *info);
json_t *plan_json_list(const struct store_plan_info_list *l);
json_t *plan_json_defects(const struct plan *p, const struct plan_defect_list *l);
json_t *plan_json_history(const struct store_plan_change_list *l);

int plan_json_dump(char **out, const struct plan *p, struct err *err);
int plan_json_dump_stored(char **out, const struct plan *p, const struct store_plan_info *info,
                          struct err *err);
int plan_json_dump_list(char **out, const struct store_plan_info_list *l, struct err *err);
int plan_json_dump_defects(char **out, const struct plan *p, const struct plan_defect_list *l,
                           struct err *err);
int plan_json_dump_history(char **out, const struct store_plan_change_list *l, struct err *err);

#endif
