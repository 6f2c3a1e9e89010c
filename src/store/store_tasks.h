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

/* The largest evidence file kept, in bytes (10 MiB): the table's CHECK says
 * the same (migration 020). */
#define STORE_TASK_EVIDENCE_MAX 10485760L

/* Create the assignees of every task of plan `plan_id` (in the caller's
 * territory, else ERR_NOT_FOUND): one per lead and per coordinating agency
 * of the task (task_agency), status "not_started"; an agency that has one
 * already gets no second. *n the number created. Runs inside the caller's
 * transaction (the plan's publication). */
int store_task_assignees_create(size_t *n, struct store *st, const struct scope *sc, long plan_id,
                                struct err *err);

/* The notes and evidence files recorded on task `task_id`'s assignees, in
 * *n (0 when none or the task is not in the caller's territory). */
int store_task_reports_count(long long *n, struct store *st, const struct scope *sc, long task_id,
                             struct err *err);

/* One assignee of one task, with what the list and the status rules need. */
struct store_task_row {
  long assignee_id;      /* task_assignee id: what `task update --agency` may name */
  long task_id;          /* the task */
  long plan_id;          /* its plan */
  long agency_id;        /* the task_agency row, 0 when the task's agencies were changed */
  char role[8];          /* "lead" or "support" */
  char agency_text[256]; /* the agency as written in the plan */
  char agency_kind[24];  /* its kind (domain/agency.h), "" when unknown */
  char status[16];       /* recorded: not_started, in_progress, done, not_applicable */
  char *reason;          /* why not applicable, malloc'd; NULL when none */
  char updated_at[24];   /* UTC of the last update, "" when never */
  char updated_by[64];   /* login of its user, "" when never */
  char plan_number[64];  /* "07/KH-UBND", "" when unknown */
  char plan_status[12];  /* "published", "closed" (a draft has no assignees) */
  char published_at[24]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char plan_end[11];     /* ISO end of the plan's period, "" when unknown */
  char section[16];      /* the task's section ("II.1"), "" when none */
  char *task_text;       /* malloc'd */
  char due_on[11];       /* ISO, "" when none */
  char cadence[12];      /* LABEL_CADENCE code, "" when not stated */
  int then_ongoing;      /* done once by due_on, then kept up */
  char phase[128];       /* the task's phase as written, "" when none */
  char phase_end[11];    /* ISO end of that phase, "" when unknown */
  char last_note_on[11]; /* ISO date of the latest note, "" when none */
  char *last_note;       /* its text, malloc'd; NULL when none */
  long n_notes;          /* progress notes */
  long n_evidence;       /* evidence files */
  char unit_tree[12];    /* the plan's unit, "" = national */
  char unit_code[8];
  /* read at a date, filled by the operations layer (app_task_list), not here: */
  char state[16];       /* LABEL_TASK_STATUS code (recorded, or overdue / no_update) */
  char deadline[11];    /* ISO deadline that applies, "" when none */
  long overdue_days;    /* when overdue: days since the deadline (the day after is 1) */
  char period_from[11]; /* when no update: the period without a note, ISO */
  char period_to[11];
};

struct store_task_list {
  struct store_task_row *items;
  size_t n;
};
void store_task_row_free(struct store_task_row *r);   /* the row's strings; accepts NULL */
void store_task_list_free(struct store_task_list *l); /* accepts NULL */

/* Which assignees a list holds (beside the caller's territory). */
struct store_task_filter {
  long plan_id;            /* 0: every published plan; else that plan, whatever its status */
  const char *agency_kind; /* NULL or "": every agency; else that kind */
};

/* The assignees of the caller's territory that pass `f`, newest plan
 * first, then in the plan's order of tasks, lead before coordinators. */
int store_task_list(struct store_task_list *out, struct store *st, const struct scope *sc,
                    const struct store_task_filter *f, struct err *err);

/* Assignee `assignee_id` into *out (the caller store_task_row_frees it
 * whatever the result); ERR_NOT_FOUND when there is none in the caller's
 * territory. */
int store_task_get(struct store_task_row *out, struct store *st, const struct scope *sc,
                   long assignee_id, struct err *err);

/* The assignees of task `task_id` whose agency kind is `agency_kind`: the
 * first one's id into *assignee_id (0 when none), their number into *n. */
int store_task_find(long *assignee_id, size_t *n, struct store *st, const struct scope *sc,
                    long task_id, const char *agency_kind, struct err *err);

/* The dated reports of plan `plan_id` (its reporting schedule), ascending,
 * into *out (malloc'd, the caller frees; NULL when none), *n their number. */
int store_task_report_dues(struct date **out, size_t *n, struct store *st, const struct scope *sc,
                           long plan_id, struct err *err);

/* Record the status of an assignee (reason NULL: none), by the scope's
 * user, now. ERR_NOT_FOUND outside the territory. Writes: no rule checked. */
int store_task_set_status(struct store *st, const struct scope *sc, long assignee_id,
                          const char *status, const char *reason, struct err *err);

/* Add a progress note dated `noted_on` (ISO) to an assignee, by the scope's
 * user; *note_id its id. ERR_NOT_FOUND outside the territory. */
int store_task_note_add(long *note_id, struct store *st, const struct scope *sc, long assignee_id,
                        const char *noted_on, const char *text, struct err *err);

/* An evidence file to keep. */
struct store_task_evidence_in {
  const char *file_name;  /* the file's name, without its folder */
  const char *media_type; /* "application/pdf" ... */
  const char *sha256;     /* 64 hex digits */
  const void *data;       /* the content */
  size_t size;            /* its length, at most STORE_TASK_EVIDENCE_MAX */
  long note_id;           /* the note it came with, 0 when none */
};

/* Keep an evidence file of an assignee, by the scope's user; *id its id.
 * ERR_NOT_FOUND outside the territory. */
int store_task_evidence_add(long *id, struct store *st, const struct scope *sc, long assignee_id,
                            const struct store_task_evidence_in *in, struct err *err);

#endif
