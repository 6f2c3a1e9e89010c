/* ranking_json.h: the emulation ranking as JSON (`pcmt ranking --json`).
 *
 * { plan_id, plan_number, plan_title, at, target_points, report_points,
 *   items: [ {rank (null: unscored), name, kind ("unit" | "agency"),
 *   score (null: unscored), target_part, report_part (null: none),
 *   quotas: {achieved, on_track, at_risk, missed, unmeasured, unbound},
 *   reports: {owed, on_time, late, missing}} ] }. */
#ifndef PCMT_OUTPUT_RANKING_JSON_H
#define PCMT_OUTPUT_RANKING_JSON_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/ranking.h"

int ranking_json_dump(char **out, long plan_id, const char *number, const char *title,
                      struct date at, const struct ranking_item *items, size_t n, struct err *err);

#endif
