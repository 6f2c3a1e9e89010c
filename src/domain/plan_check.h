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

/* The four criteria of task t of plan p (NULL: the task alone). ERR_NOMEM
 * when memory runs out (*out all 0): never a criterion judged on less. */
int plan_check_task(struct plan_four_clear *out, const struct plan *p, const struct plan_task *t,
                    struct err *err);
/* Recompute four_clear of every task; ERR_NOMEM. */
int plan_check_all(struct plan *p, struct err *err);
/* Every defect of every task, in task order (caller frees with plan_defect_list_free). */
int plan_check_defects(struct plan_defect_list *out, const struct plan *p, struct err *err);
void plan_defect_list_free(struct plan_defect_list *l);
/* How a plan's tasks stand against the four criteria. */
struct plan_check_count {
  size_t tasks;   /* every task of the plan */
  size_t clear;   /* tasks without a defect */
  size_t unclear; /* tasks with at least one: clear + unclear = tasks */
  size_t defects; /* the defects of all tasks (a task may have up to four) */
};
/* Count the tasks of p by the defects l found in them (plan_check_defects). */
void plan_check_tally(struct plan_check_count *out, const struct plan *p,
                      const struct plan_defect_list *l);
/* "rõ người", "rõ việc", "rõ trách nhiệm", "rõ thời gian" (LABEL_FOUR_CLEAR) */
const char *plan_defect_label(int kind);

#endif
