/* store_plans.h: plans in the database: save a draft, load, list, find one
 * already stored, the status, field edits, task edits and the history rows.
 *
 * Territory. A plan belongs to a unit (plan.unit_id, its issuing unit;
 * NULL: national, migration 018). Every function takes the caller's
 * resolved scope and reaches only the plans whose unit lies in the caller's
 * territory (unit_scope, as people are reached by their residence); a plan
 * outside it is ERR_NOT_FOUND, exactly as a missing id, and a list holds
 * only the territory's plans. The national scope reaches every plan, a
 * territorial one no national plan.
 *
 * The store only writes. Which status moves are allowed, whether an edit
 * is kept in the history, who may change a plan are decided above it
 * (domain/plan_life.h, app/app_plan.h). The functions that write run inside
 * the caller's write transaction (store_write_begin), so a save, an edit
 * and its history and audit rows commit or roll back together; the actor
 * they record (created_by, published_by, changed_by) is the scope's user. */
#ifndef PCMT_STORE_STORE_PLANS_H
#define PCMT_STORE_STORE_PLANS_H

#include <stddef.h>

#include "base/err.h"
#include "types/plan.h"
#include "types/scope.h"

struct store;

/* What a written agency or unit name resolves to, as the domain layer
 * decides (domain/plan_edit.c): the store keeps it beside the written form
 * without running domain rules. Empty strings: unknown. */
struct store_plan_res {
  char kind[24];      /* agency kind name, "" when the name is not an agency */
  char level[16];     /* agency level name */
  int is_group;       /* a collective phrase ("các sở, ban, ngành") */
  char unit_tree[12]; /* the unit the agency sits at, or the unit named */
  char unit_code[8];
};
struct store_plan_resolver {
  /* Resolve `name` into *out (zeroed by the store first). ERR_OK also when
   * the name resolves to nothing; any other code aborts the write. */
  int (*fn)(void *ctx, const char *name, struct store_plan_res *out, struct err *err);
  void *ctx; /* handed to fn */
};

/* A plan as a list shows it. */
struct store_plan_info {
  long id;
  char status[12]; /* "draft", "published", "closed" (types/label.h LABEL_PLAN_STATUS) */
  char number[64];
  char title[512];
  char issued_on[11];  /* ISO, "" when unknown */
  char territory[128]; /* as written */
  char kind[16];       /* LABEL_PLAN_KIND code */
  char source_name[256];
  char created_at[24];
  char created_by[64]; /* a user's login */
  char published_at[24];
  char published_by[64];
  int n_tasks;
  long parent_id;     /* the plan this one implements, 0 when none */
  long unit_id;       /* the plan's unit, 0 = national */
  char unit_tree[12]; /* the same unit, "" = national */
  char unit_code[8];
  char issuer_kind[24]; /* the issuing body's agency kind, "" when unknown */
  char unit_name[160];  /* "huyện Bình Sơn": filled by the operations layer, not here */
};

struct store_plan_info_list {
  struct store_plan_info *items;
  size_t n;
};
void store_plan_info_list_free(struct store_plan_info_list *l); /* accepts NULL */

/* Where a new plan is saved from and whose it is. */
struct store_plan_new {
  const char *source_name; /* the file it was read from */
  const char *source_text; /* the text read, verbatim */
  long unit_id;            /* its unit, 0 = national */
  const char *unit_tree;   /* the same unit (NULL for national) */
  const char *unit_code;
  const char *issuer_kind; /* the issuing body's agency kind, NULL when unknown */
};

/* Save p as a new draft of the caller's, in the caller's transaction; *id
 * receives its id (and p->id and every element's id are set). The plan's
 * unit must lie in the caller's territory (a territorial caller cannot
 * save a national plan): ERR_DENIED otherwise. Task agencies and quota
 * assignees are stored as written beside what `res` resolves them to. */
int store_plan_save(long *id, struct store *st, const struct scope *sc, struct plan *p,
                    const struct store_plan_new *in, const struct store_plan_resolver *res,
                    struct err *err);

/* The newest plan of the caller's territory stored with this number and
 * issuer (issuer NULL matches a plan without one), or, when number is
 * NULL, with this very text: *id 0 when there is none. */
int store_plan_find_same(long *id, struct store *st, const struct scope *sc, const char *number,
                         const char *issuer, const char *source_text, struct err *err);

/* Load plan `id` into *out (plan_init'ed here; caller plan_frees), with ids.
 * info may be NULL. ERR_NOT_FOUND when the caller may not read it: a plan
 * of its territory, or a published or closed plan of a unit above it or of
 * the whole country (store_plan_scope.h, PLAN_READABLE); on any failure
 * *out is left empty. Reading never grants a change: every write checks
 * the territory itself. */
int store_plan_load(struct plan *out, struct store_plan_info *info, struct store *st,
                    const struct scope *sc, long id, struct err *err);

/* store_plan_load without the tasks and the reporting schedule (the plan,
 * its bases, phases, targets and quotas): what evaluating the targets
 * reads (app/app_monitor.h), a third of the time of a whole plan. Only a
 * plan of the caller's territory (its figures are the territory's). */
int store_plan_load_frame(struct plan *out, struct store_plan_info *info, struct store *st,
                          const struct scope *sc, long id, struct err *err);

/* Every plan of the caller's territory, and the published or closed plans
 * above it (PLAN_READABLE), newest first. */
int store_plan_list(struct store_plan_info_list *out, struct store *st, const struct scope *sc,
                    struct err *err);

/* A document a stored plan cites among its bases, by number. */
struct store_plan_cite {
  long plan_id;    /* the citing plan */
  char number[64]; /* the cited document's number as read: "07/KH-BCĐ" */
  char date[11];   /* its date, ISO, "" when unknown */
};
struct store_plan_cite_list {
  struct store_plan_cite *items;
  size_t n;
};
void store_plan_cite_list_free(struct store_plan_cite_list *l); /* accepts NULL */

/* The bases with a number of every plan of the caller's territory (of plan
 * `plan_id` only when it is not 0), by plan and order. */
int store_plan_cites(struct store_plan_cite_list *out, struct store *st, const struct scope *sc,
                     long plan_id, struct err *err);

/* The status of plan `id` ("draft", "published", "closed") into buf. */
int store_plan_status(char *buf, size_t n, struct store *st, const struct scope *sc, long id,
                      struct err *err);
/* Write the status of plan `id`; "published" also records when and by
 * whom (the scope's user). Writes: no rule checked here. */
int store_plan_set_status(struct store *st, const struct scope *sc, long id, const char *status,
                          struct err *err);

/* Set one field of one element of plan `plan_id`: element is "plan",
 * "basis", "phase", "target", "task" or "report"; field a column the
 * element may change (the FIELDS table of store_plans.c; domain/plan_edit
 * names them for a person). value NULL clears. *old receives the value
 * before (malloc'd; NULL when it was empty). ERR_INPUT for a field not in
 * the table, ERR_NOT_FOUND for an element the plan does not have. The
 * caller has validated the value (domain/plan_edit). */
int store_plan_set(char **old, struct store *st, const struct scope *sc, long plan_id,
                   const char *element, long element_id, const char *field, const char *value,
                   struct err *err);

/* Replace the lead ("lead") or coordinating ("support") agencies of a
 * task with names[0..n), resolved by `res`; *old receives the names before,
 * joined by "; " (malloc'd; NULL when there were none). */
int store_plan_task_agencies(char **old, struct store *st, const struct scope *sc, long plan_id,
                             long task_id, const char *role, char *const *names, size_t n,
                             const struct store_plan_resolver *res, struct err *err);
/* The plan's own unit (tree, code), "" for a national plan. */
int store_plan_unit(char *tree, size_t tn, char *code, size_t cn, struct store *st,
                    const struct scope *sc, long plan_id, struct err *err);

/* Add a task after the others (*task_id its id) / delete a task (*old_text
 * its text, malloc'd). */
int store_plan_task_add(long *task_id, struct store *st, const struct scope *sc, long plan_id,
                        const char *text, struct err *err);
int store_plan_task_delete(char **old_text, struct store *st, const struct scope *sc, long plan_id,
                           long task_id, struct err *err);

/* One change of a plan, as its history keeps it. */
struct store_plan_change {
  char changed_at[24]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char changed_by[64]; /* a user's login */
  char element[16];    /* "plan", "task", "target", ... */
  long element_id;
  char field[32];  /* "due_on", "lead", "status", "added", "deleted" ... */
  char *old_value; /* malloc'd, NULL when empty */
  char *new_value; /* malloc'd, NULL when empty */
  char *reason;    /* malloc'd, NULL when none given */
};
struct store_plan_change_list {
  struct store_plan_change *items;
  size_t n;
};
void store_plan_change_list_free(struct store_plan_change_list *l); /* accepts NULL */

/* What a history row says (the time and the actor are the store's). */
struct store_plan_change_in {
  const char *element;
  long element_id;
  const char *field;
  const char *old_value, *new_value, *reason; /* NULL: empty */
};
/* Append a history row to plan `plan_id`, by the scope's user, now. */
int store_plan_change_add(struct store *st, const struct scope *sc, long plan_id,
                          const struct store_plan_change_in *c, struct err *err);
/* The history of plan `plan_id`, oldest first. */
int store_plan_history(struct store_plan_change_list *out, struct store *st, const struct scope *sc,
                       long plan_id, struct err *err);

#endif
