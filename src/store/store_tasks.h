/* store_tasks.h: the tasks of published plans, followed per assignee
 * (tables task_assignee, task_note, task_evidence; migration 020).
 *
 * Territory. An assignee belongs to a task of a plan, and is reached only
 * through that plan: every statement joins the plan and keeps it in the
 * caller's territory exactly as store_plans.c does (the plan's unit in
 * unit_scope; the national scope reaches every plan, a territorial one no
 * national plan). An assignee outside the territory is ERR_NOT_FOUND, as a
 * missing id.
 *
 * The store only reads and writes: who may update which assignee, and what
 * a status means at a date, are decided above it (app/app_task.h,
 * domain/task_follow.h). The writers run inside the caller's write
 * transaction; the user they record is the scope's user. */
#ifndef PCMT_STORE_STORE_TASKS_H
#define PCMT_STORE_STORE_TASKS_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "types/scope.h"

struct store;

/* Create the assignees of every task of plan `plan_id` (in the caller's
 * territory, else ERR_NOT_FOUND): one per lead and per coordinating agency
 * of the task (task_agency), status "not_started"; an agency that has one
 * already gets no second. *n the number created. Runs inside the caller's
 * transaction (the plan's publication). */
int store_task_assignees_create(size_t *n, struct store *st, const struct scope *sc, long plan_id,
                                struct err *err);

#endif
