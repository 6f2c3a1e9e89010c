/* plan_check.h: the four-clear check ("4 rõ") of a plan's tasks.
 *
 * A task is clear when it says who (a lead agency), what (a concrete
 * action, not only a slogan), responsibility (a specific lead, not only a
 * collective phrase, and distinct from the coordinators) and when (its own
 * deadline, cadence or phase; not the plan's period). The reader fills each task's
 * four_clear with plan_check_task; `pcmt plan check` lists the defects. */
#ifndef PCMT_DOMAIN_PLAN_CHECK_H
#define PCMT_DOMAIN_PLAN_CHECK_H

#include <stddef.h>

#include "base/err.h"
#include "types/plan.h"

enum plan_defect_kind { DEFECT_WHO, DEFECT_WHAT, DEFECT_RESPONSIBILITY, DEFECT_WHEN };

struct plan_defect {
  size_t task;      /* index into plan.tasks */
  int kind;         /* enum plan_defect_kind */
  char reason[160]; /* for a person, in Vietnamese */
};

struct plan_defect_list {
  struct plan_defect *items;
  size_t n;
};

/* The four criteria of task t of plan p. */
void plan_check_task(struct plan_four_clear *out, const struct plan *p, const struct plan_task *t);
/* Recompute four_clear of every task. */
void plan_check_all(struct plan *p);
/* Every defect of every task, in task order (caller frees with plan_defect_list_free). */
int plan_check_defects(struct plan_defect_list *out, const struct plan *p, struct err *err);
void plan_defect_list_free(struct plan_defect_list *l);
/* "ai", "làm gì", "trách nhiệm", "thời gian" */
const char *plan_defect_label(int kind);

#endif
