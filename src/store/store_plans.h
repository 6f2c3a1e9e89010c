/* store_plans.h: plans in the database: save a draft, load, list, publish,
 * close, edit field by field, and the history of changes after publication.
 *
 * A plan is saved whole in one write transaction: a crash or kill during
 * the save leaves no plan at all, never half of one. Edits of a draft are
 * free; an edit of a published plan writes a plan_change row (who, when,
 * element, field, old and new value, reason) in the same transaction as the
 * edit; a closed plan refuses edits. */
#ifndef PCMT_STORE_STORE_PLANS_H
#define PCMT_STORE_STORE_PLANS_H

#include <stddef.h>

#include "base/err.h"
#include "types/plan.h"

struct store;

/* What a written agency or unit name resolves to, as the domain layer
 * decides (domain/plan_edit.c): the store keeps it beside the written form
 * without running domain rules. Empty strings: unknown. */
struct store_plan_res {
  char kind[24];  /* agency kind name, "" when the name is not an agency */
  char level[16]; /* agency level name */
  int is_group;
  char unit_tree[12]; /* the unit the agency sits at, or the unit named */
  char unit_code[8];
};
struct store_plan_resolver {
  void (*fn)(void *ctx, const char *name, struct store_plan_res *out);
  void *ctx;
  const char *unit_tree; /* the plan's own unit, when known */
  const char *unit_code;
};

struct store_plan_info {
  long id;
  char status[12]; /* "draft", "published", "closed" */
  char number[64];
  char title[512];
  char issued_on[11];
  char territory[128];
  char kind[16];
  char source_name[256];
  char created_at[24];
  char created_by[64];
  char published_at[24];
  char published_by[64];
  int n_tasks;
  long parent_id;     /* the plan this one implements, 0 when none */
  char unit_tree[12]; /* the territory resolved to a unit, "" when not */
  char unit_code[8];
};

struct store_plan_info_list {
  struct store_plan_info *items;
  size_t n;
};
void store_plan_info_list_free(struct store_plan_info_list *l);

/* Save p as a new draft; *id receives its id (and p->id and every
 * element's id are set). Task agencies and quota assignees are stored as
 * written beside their resolved kind, level and group flag. */
int store_plan_save(long *id, struct store *st, struct plan *p, const char *source_name,
                    const char *source_text, const char *who, const struct store_plan_resolver *res,
                    struct err *err);

/* Load plan `id` into *out (plan_init'ed here; caller plan_frees), with ids.
 * info may be NULL. ERR_NOT_FOUND when there is no such plan. */
int store_plan_load(struct plan *out, struct store_plan_info *info, struct store *st, long id,
                    struct err *err);

/* Every plan, newest first. */
int store_plan_list(struct store_plan_info_list *out, struct store *st, struct err *err);

/* draft -> published; published -> closed. ERR_CONFLICT for any other move. */
int store_plan_publish(struct store *st, long id, const char *who, struct err *err);
int store_plan_close(struct store *st, long id, const char *who, struct err *err);

/* Set one field of one element of plan `plan_id`: element is "plan",
 * "basis", "phase", "target", "quota", "task" or "report"; field a column
 * the element may change (the FIELDS table of store_plans.c; domain/plan_edit
 * names them for a person). value NULL clears.
 * The caller has validated the value (domain/plan_edit). */
int store_plan_set(struct store *st, long plan_id, const char *element, long element_id,
                   const char *field, const char *value, const char *who, const char *reason,
                   struct err *err);

/* Replace the lead ("lead") or coordinating ("support") agencies of a task. */
int store_plan_task_agencies(struct store *st, long plan_id, long task_id, const char *role,
                             char *const *names, size_t n, const char *who, const char *reason,
                             const struct store_plan_resolver *res, struct err *err);
/* The plan's own unit (tree, code), "" when not resolved. */
int store_plan_unit(char *tree, size_t tn, char *code, size_t cn, struct store *st, long plan_id,
                    struct err *err);

/* Add an empty task after the others (returns its id) / delete a task. */
int store_plan_task_add(long *task_id, struct store *st, long plan_id, const char *text,
                        const char *who, struct err *err);
int store_plan_task_delete(struct store *st, long plan_id, long task_id, const char *who,
                           const char *reason, struct err *err);

struct store_plan_change {
  char changed_at[24];
  char changed_by[64];
  char element[16];
  long element_id;
  char field[32];
  char *old_value; /* malloc'd, may be NULL */
  char *new_value;
  char *reason;
};
struct store_plan_change_list {
  struct store_plan_change *items;
  size_t n;
};
void store_plan_change_list_free(struct store_plan_change_list *l);
int store_plan_history(struct store_plan_change_list *out, struct store *st, long plan_id,
                       struct err *err);

#endif
