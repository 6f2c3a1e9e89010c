/* app_consolidated.h: the consolidated report of a plan for a period (`pcmt report
 * consolidated`).
 *
 * Gathers, through the operations that already answer each part and so
 * through the caller's territory, the figures of the plan's territory for
 * the period beside the same period last year (indicators), the targets'
 * status at the period's end (app_plan_status), each unit directly below
 * the territory (its key figures), the lagging quota assignees, the tasks
 * overdue at the period's end (app_task_list), the completeness of the
 * plan's reports due in the period (app_calendar), and hides small counts
 * for a role that may not read personal records (domain/consolidated.h).
 * Aggregates only: any role; not audited. */
#ifndef PCMT_APP_APP_CONSOLIDATED_H
#define PCMT_APP_APP_CONSOLIDATED_H

#include "base/err.h"
#include "domain/consolidated.h"
#include "types/scope.h"

struct store;

/* The report of plan `plan_id` for `period` ("2026-Q3", "Quý III/2026",
 * "2026-06", "2026") into *out (consolidated_free, also on failure).
 * ERR_NOT_FOUND for a plan outside the caller's territory; ERR_INPUT for a
 * bad period. */
int app_consolidated(struct consolidated *out, struct store *st, const struct scope *caller,
                     long plan_id, const char *period, struct err *err);

#endif
