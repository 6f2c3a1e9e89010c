/* task_json.h: the tasks followed per assignee as JSON (`pcmt task list --json`, the API).
 *
 *   list: {"today": ISO date the statuses were read on,
 *          "tasks": [{assignee_id, task_id, plan_id, plan_number, section,
 *                     task, role, role_label, agency, agency_kind,
 *                     agency_kind_label, status, status_label, reason,
 *                     state, state_label, deadline, overdue_days,
 *                     no_update_from, no_update_to, due_on, cadence,
 *                     cadence_label, phase, notes, evidence, last_note_on,
 *                     last_note, updated_at, updated_by, unit_tree,
 *                     unit_code}]}
 *
 * status is what the assignee recorded, state what it is on "today"
 * (overdue, no_update, or the status): codes of types/label.h
 * LABEL_TASK_STATUS with their Vietnamese labels beside them (roles:
 * LABEL_TASK_ROLE). Dates ISO;
 * an unknown value is null; overdue_days is 0 unless overdue. The builder
 * returns a new reference (NULL when out of memory); the _dump function
 * the pretty UTF-8 text ending with a newline in a malloc'd *out. */
#ifndef PCMT_OUTPUT_TASK_JSON_H
#define PCMT_OUTPUT_TASK_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "store/store_tasks.h"

json_t *task_json_list(const struct store_task_list *l, const char *today);
int task_json_dump_list(char **out, const struct store_task_list *l, const char *today,
                        struct err *err);

#endif
