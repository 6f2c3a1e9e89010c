/* app_plan.h: the plans' user actions (`pcmt plan`, the web's plan pages).
 *
 * Each function is one action of app.h's contract. A plan belongs to a
 * unit, its territory (the issuing unit; docs/plans.md "Territory"), and is
 * reached only by callers whose territory holds that unit: the store
 * filters every read and write, and a plan outside the territory is
 * ERR_NOT_FOUND, exactly as a missing id. Every role reads the plans of its
 * territory (a plan holds no personal data, so reads are not audited); an
 * administrator and an officer change them, a member agency and a leader
 * get ERR_DENIED (domain/plan_life.h). Every change runs in one write
 * transaction with its audit row (record_type "plan", record_id the plan):
 * plan.import, plan.set, plan.agencies, plan.task_add, plan.task_delete,
 * plan.publish, plan.close; a change of a published plan also writes its
 * history row there. The actor is always the caller's user. */
#ifndef PCMT_APP_APP_PLAN_H
#define PCMT_APP_APP_PLAN_H

#include <stddef.h>

#include "base/err.h"
#include "domain/plan_check.h"
#include "store/store_plans.h"
#include "types/plan.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* Read the plan in the document at `path` (.docx, .txt, .md, .pdf through
 * pdftotext) into *out, which the caller frees with plan_free whatever the
 * result. No database: the one action without a caller. ERR_IO when the
 * file cannot be opened; ERR_INPUT for a file that is no readable document,
 * and for one that reads but holds no plan (plan_read_found: no "KẾ HOẠCH"
 * title, plan number, task or target). */
int app_plan_read(struct plan *out, const char *path, struct err *err);

/* What to import. */
struct app_plan_import_in {
  const char *path; /* the document */
  int again;        /* store it even when the same plan is stored already */
};

/* What an import stored. */
struct app_plan_imported {
  long id;                              /* the new draft */
  size_t n_tasks, n_targets, n_reports; /* what it holds */
  int territory_found; /* 1: its unit is the territory the plan names; 0: the importer's */
  struct unit unit;    /* the plan's unit, with its name (all zero: national) */
  size_t n_links;      /* plans linked to it from their bases (its parent, its children) */
};

/* Read the document at in->path (app_plan_read) and save it as a draft of
 * the caller's, with its source text, in one transaction with its audit row
 * (plan.import). The plan's unit is the territory it names, resolved on the
 * plan's date; when it names none that resolves, the caller's own unit
 * (national for a national caller). ERR_DENIED for a role that may not
 * change plans and for a plan whose territory lies outside the caller's;
 * ERR_CONFLICT when a plan of the caller's territory with the same number
 * and issuer (without a number: the same text) is stored already, unless
 * in->again. */
int app_plan_import(struct app_plan_imported *out, struct store *st, const struct scope *caller,
                    const struct app_plan_import_in *in, struct err *err);

/* The plans of the caller's territory and the published or closed plans
 * above it (the plans it implements), newest first, each with its
 * unit_name ("huyện Bình Sơn"; "toàn quốc" for a national plan). */
int app_plan_list(struct store_plan_info_list *out, struct store *st, const struct scope *caller,
                  struct err *err);

/* Plan `id` into *out (caller plan_frees; empty on failure), every task's
 * four_clear computed, and, when info is not NULL, what a list shows of it
 * with its unit_name. */
int app_plan_show(struct plan *out, struct store_plan_info *info, struct store *st,
                  const struct scope *caller, long id, struct err *err);

/* A plan's four-clear check ("4 rõ"). */
struct app_plan_check {
  struct plan plan;                /* the plan, each task's four_clear computed */
  struct plan_defect_list defects; /* every defect, in task order */
  struct plan_check_count count;   /* tasks: clear + unclear = tasks */
};
/* Check plan `id` into *out (app_plan_check_free, also on failure). */
int app_plan_check(struct app_plan_check *out, struct store *st, const struct scope *caller,
                   long id, struct err *err);
void app_plan_check_free(struct app_plan_check *c); /* accepts NULL */

/* draft -> published (plan.publish); published -> closed (plan.close, also
 * kept in the plan's history). ERR_CONFLICT for any other move. */
int app_plan_publish(struct store *st, const struct scope *caller, long id, struct err *err);
int app_plan_close(struct store *st, const struct scope *caller, long id, struct err *err);

/* One field to set (plan_edit_set). */
struct app_plan_set_in {
  long plan_id;
  const char *element; /* "plan", "basis", "phase", "target", "task", "report" */
  long element_id;     /* ignored for "plan" */
  const char *field;   /* "due_on", "title" ... (docs/plans.md) */
  const char *value;   /* NULL or "": clear */
  const char *reason;  /* kept in the history of a published plan; may be NULL */
};
/* Set one field (plan.set). ERR_CONFLICT for a closed plan; ERR_INPUT for
 * a bad value or field; ERR_NOT_FOUND for an element the plan lacks. */
int app_plan_set(struct store *st, const struct scope *caller, const struct app_plan_set_in *in,
                 struct err *err);

/* Replace task `task_id`'s lead ("lead") or coordinating ("support")
 * agencies with the names of `list`, separated by ";" (plan.agencies). */
int app_plan_agencies(struct store *st, const struct scope *caller, long plan_id, long task_id,
                      const char *role, const char *list, const char *reason, struct err *err);

/* Add a task after the others, *task_id its id (plan.task_add) / delete a
 * task (plan.task_delete). */
int app_plan_task_add(long *task_id, struct store *st, const struct scope *caller, long plan_id,
                      const char *text, const char *reason, struct err *err);
int app_plan_task_delete(struct store *st, const struct scope *caller, long plan_id, long task_id,
                         const char *reason, struct err *err);

/* The changes made to plan `id` since it was published, oldest first. */
int app_plan_history(struct store_plan_change_list *out, struct store *st,
                     const struct scope *caller, long id, struct err *err);

#endif
