/* plan_json.h: a plan as the JSON object of the contract
 * (shared/contracts/plan-json.md): every key present, null for an unknown
 * scalar, [] for an unknown list, ISO dates, kind names, keys in the
 * contract's order. `pcmt plan read` prints it; the API returns it. */
#ifndef PCMT_OUTPUT_PLAN_JSON_H
#define PCMT_OUTPUT_PLAN_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "types/plan.h"

/* A new reference to the plan's object (caller json_decref), NULL when out of memory. */
json_t *plan_json(const struct plan *p);

/* The object as pretty UTF-8 text (not ASCII-escaped), keys in the
 * contract's order, ending with a newline, into a malloc'd *out. */
int plan_json_dump(char **out, const struct plan *p, struct err *err);

#endif
