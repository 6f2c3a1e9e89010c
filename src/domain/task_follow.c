/* task_follow.c: the status of a task's assignee at a date (see task_follow.h). */
#include "domain/task_follow.h"

#include <string.h>

#include "types/label.h"

static const char *const CODES[] = {"not_started",    "in_progress", "done",
                                    "not_applicable", "overdue",     "no_update"};

const char *task_state_code(enum task_state s)
{
  return (unsigned)s < sizeof CODES / sizeof CODES[0] ? CODES[s] : "not_started";
}

int task_follow_recorded(enum task_state *out, const char *code, struct err *err)
{
  *out = TASK_NOT_STARTED;
  for (int i = TASK_NOT_STARTED; i <= TASK_NOT_APPLICABLE; i++)
    if (code && strcmp(code, CODES[i]) == 0) {
      *out = (enum task_state)i;
      return ERR_OK;
    }
  return err_set(err, ERR_INPUT,
                 "trạng thái \"%s\" không ghi được; chọn một trong: not_started (%s), "
                 "in_progress (%s), done (%s), not_applicable (%s)",
                 code ? code : "", label_vi(LABEL_TASK_STATUS, "not_started"),
                 label_vi(LABEL_TASK_STATUS, "in_progress"), label_vi(LABEL_TASK_STATUS, "done"),
                 label_vi(LABEL_TASK_STATUS, "not_applicable"));
}

struct date task_follow_deadline(const struct task_follow_in *in)
{
  if (in->due_on.y)
    return in->due_on;
  if (in->phase_end.y)
    return in->phase_end;
  if (in->cadence == CADENCE_CAMPAIGN && in->plan_end.y)
    return in->plan_end;
  return (struct date){0, 0, 0};
}

int task_follow_last_period(struct date *from, struct date *to, const struct task_follow_in *in,
                            struct date at)
{
  if (in->n_report_dues == 0) {
    /* calendar months: the month before the one `at` falls in */
    struct date first = {at.y, at.m, 1};
    *to = date_add_days(first, -1);
    *from = (struct date){to->y, to->m, 1};
    return 1;
  }
  /* the latest reporting date before `at` closes the period it ends */
  size_t k = in->n_report_dues;
  while (k > 0 && date_cmp(in->report_dues[k - 1], at) >= 0)
    k--;
  if (k == 0)
    return 0;
  *to = in->report_dues[k - 1];
  if (k >= 2)
    *from = date_add_days(in->report_dues[k - 2], 1);
  else
    *from = in->since.y ? in->since : (struct date){1, 1, 1};
  return 1;
}

/* The no-update rule (see task_follow.h): 1 when the last closed period
 * ended on or after the publication and has no note dated in it or later. */
static int lacks_update(struct task_follow *out, const struct task_follow_in *in, struct date at)
{
  struct date from, to;
  if (!task_follow_last_period(&from, &to, in, at))
    return 0;
  if (in->since.y && date_cmp(to, in->since) < 0)
    return 0; /* the period closed before the task was followed */
  if (in->last_note.y && date_cmp(in->last_note, from) >= 0)
    return 0;
  out->period_from = from;
  out->period_to = to;
  return 1;
}

void task_follow_read(struct task_follow *out, const struct task_follow_in *in, struct date at)
{
  memset(out, 0, sizeof *out);
  out->state = in->recorded;
  out->deadline = task_follow_deadline(in);
  if (in->recorded == TASK_NOT_APPLICABLE)
    return;
  if (in->recorded != TASK_DONE && out->deadline.y && date_cmp(at, out->deadline) > 0) {
    out->state = TASK_OVERDUE;
    out->overdue_days = date_to_days(at) - date_to_days(out->deadline);
    return;
  }
  int ongoing = (in->cadence == CADENCE_ONGOING && !in->due_on.y) ||
                (in->then_ongoing && in->recorded == TASK_DONE);
  if (ongoing && lacks_update(out, in, at))
    out->state = TASK_NO_UPDATE;
}
