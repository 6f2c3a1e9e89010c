/* task_follow.h: what the status of a task's assignee is on a given date.
 *
 * An assignee records one of four statuses: not started, in progress, done,
 * not applicable (with a reason). Two more are read at a date and never
 * stored (docs/tasks.md):
 *
 *  - overdue: a task with a deadline that is not done is overdue from the
 *    day after the deadline (the deadline's own day is still in time). The
 *    deadline is the task's own due date; else, for a task of a campaign
 *    phase, the end of that phase; else, for a campaign task ("trong đợt
 *    cao điểm") without a phase, the end of the plan's period.
 *  - no update: an ongoing task ("thường xuyên") asks for a progress note in
 *    every reporting period. The periods are the plan's reporting schedule
 *    when it has dated reports (each report's due date closes a period, the
 *    first period opening when the task is followed, i.e. the plan's
 *    publication), else calendar months. A period is closed from the day
 *    after its last day. The task is "no update" when the last closed
 *    period ended on or after the publication (a period that closed before
 *    the task was followed asks nothing) and the latest note is dated
 *    before that period's first day; a note dated in that period or later
 *    (a late update) clears it. A task done once
 *    by its due date and then kept up (then_ongoing) follows the deadline
 *    rule until done and this rule after.
 *
 * Done and not applicable are read as recorded: neither is overdue. Pure
 * functions over dates: no database, no clock. */
#ifndef PCMT_DOMAIN_TASK_FOLLOW_H
#define PCMT_DOMAIN_TASK_FOLLOW_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "types/plan.h"

/* In types/label.h LABEL_TASK_STATUS order. */
enum task_state {
  TASK_NOT_STARTED = 0, /* recorded: nothing done yet */
  TASK_IN_PROGRESS,     /* recorded */
  TASK_DONE,            /* recorded */
  TASK_NOT_APPLICABLE,  /* recorded, with a reason */
  TASK_OVERDUE,         /* read: past its deadline and not done */
  TASK_NO_UPDATE        /* read: an ongoing task without a note in the last closed period */
};

/* What the status of one assignee is read from. Dates with y == 0 are unknown / none. */
struct task_follow_in {
  enum task_state recorded; /* TASK_NOT_STARTED .. TASK_NOT_APPLICABLE */
  struct date due_on;       /* the task's own deadline */
  enum task_cadence cadence;
  int then_ongoing;               /* done once by due_on, then kept up */
  struct date phase_end;          /* end of the task's campaign phase */
  struct date plan_end;           /* end of the plan's period (a campaign task's deadline) */
  struct date since;              /* followed from: the plan's publication date */
  struct date last_note;          /* date of the assignee's latest progress note */
  const struct date *report_dues; /* the plan's reporting dates, ascending; n 0: monthly */
  size_t n_report_dues;
};

/* The status read at a date. */
struct task_follow {
  enum task_state state;
  struct date deadline;    /* the deadline that applies (y == 0: none) */
  long overdue_days;       /* when overdue: days since the deadline (the day after is 1) */
  struct date period_from; /* when no update: the last closed period's first day ... */
  struct date period_to;   /* ... and last day */
};

/* The deadline of a task (see above); y == 0 when it has none. */
struct date task_follow_deadline(const struct task_follow_in *in);

/* The last reporting period closed on `at` into *from, *to; 0 when none
 * has closed yet (the plan's first reporting date is on or after `at`). */
int task_follow_last_period(struct date *from, struct date *to, const struct task_follow_in *in,
                            struct date at);

/* The status of an assignee on `at` into *out. */
void task_follow_read(struct task_follow *out, const struct task_follow_in *in, struct date at);

/* The recorded status named by `code` ("not_started", "in_progress",
 * "done", "not_applicable") into *out; ERR_INPUT otherwise (overdue and no
 * update are read, never recorded). */
int task_follow_recorded(enum task_state *out, const char *code, struct err *err);

/* The code of a state (types/label.h LABEL_TASK_STATUS). */
const char *task_state_code(enum task_state s);

#endif
