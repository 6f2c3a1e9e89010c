/* app_task.h: the tasks of published plans followed per assignee (`pcmt task`).
 *
 * Publishing a plan gives each task one assignee per lead and per
 * coordinating agency (app_plan_publish). An assignee records its status
 * (not started, in progress, done, not applicable with a reason), dated
 * progress notes and evidence files; overdue and no update are read at a
 * date (domain/task_follow.h, docs/tasks.md).
 *
 * Who may: every role reads the assignees of its territory's plans (a task
 * holds no personal data: reads are not audited). An administrator and an
 * officer update any assignee of their territory; a member agency's officer
 * only an assignee of its own agency kind (ERR_DENIED otherwise); a leader
 * none (ERR_DENIED). An assignee outside the caller's territory is
 * ERR_NOT_FOUND, exactly as a missing one. An update runs in one write
 * transaction with its audit row (action "task.update", record type
 * "task_assignee", record id the assignee). */
#ifndef PCMT_APP_APP_TASK_H
#define PCMT_APP_APP_TASK_H

#include <stddef.h>

#include "base/err.h"
#include "store/store_tasks.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* What to list. */
struct app_task_list_in {
  long plan_id;       /* 0: every published plan of the territory */
  const char *agency; /* NULL: every agency; else an agency kind by code or label ("police") */
  const char *tree;   /* with unit: the unit tree (NULL: the tree in force today) */
  const char *unit;   /* NULL: the caller's territory; else a unit code inside it */
  int overdue_only;   /* 1: only the assignees overdue on `today` */
  const char *today;  /* ISO date the statuses are read on; NULL: today */
};

/* The assignees listed, each with its status read on `today` (the row's
 * state, deadline, overdue_days, period_from/period_to). */
struct app_task_list {
  struct store_task_list rows; /* newest plan first, in the plan's order of tasks */
  char today[11];              /* ISO date the statuses were read on */
  struct unit unit;            /* with --unit: the unit taken (all zero otherwise) */
};
void app_task_list_free(struct app_task_list *l); /* accepts NULL */

/* The assignees of the caller's territory (narrowed to in->unit) that pass
 * the filters, newest plan first, each with its status on in->today.
 * ERR_INPUT for an unknown agency kind or a bad date; ERR_DENIED for a unit
 * outside the territory. */
int app_task_list(struct app_task_list *out, struct store *st, const struct scope *caller,
                  const struct app_task_list_in *in, struct err *err);

/* What an update records. */
struct app_task_update_in {
  long task_id;       /* the task */
  const char *agency; /* its assignee: the assignee's number (digits) or an agency kind */
  const char *status; /* not_started, in_progress, done, not_applicable (code or label) */
  const char *note;   /* the progress note (for not_applicable: the reason); required */
  const char *file;   /* an evidence file's path, NULL: none */
  const char *today;  /* ISO date of the note; NULL: today */
};

/* Record in->status and the note (and the file, at most
 * STORE_TASK_EVIDENCE_MAX bytes) for the assignee of task in->task_id named
 * by in->agency, in one transaction with its audit row; *assignee_id the
 * assignee. ERR_INPUT for a bad status, an empty note, a file too large or
 * an agency kind that names several assignees of the task; ERR_NOT_FOUND
 * for an assignee that is not the task's or not in the territory;
 * ERR_CONFLICT when the plan is closed; ERR_DENIED by role (see above);
 * ERR_IO for a file that cannot be read. */
int app_task_update(long *assignee_id, struct store *st, const struct scope *caller,
                    const struct app_task_update_in *in, struct err *err);

#endif
