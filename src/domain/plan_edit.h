/* plan_edit.h: the rules for saving a plan and changing it field by field.
 *
 * What the operations layer (app/app_plan.c) calls, inside its write
 * transaction, to save a plan just read and to correct it: the plan's unit
 * is found from the territory it names, the issuer and every agency and
 * quota assignee are resolved against that unit, values are checked and
 * normalised (dates in any written form to ISO, kinds by code or label,
 * numbers), and the store writes. Whether an edit goes into the plan's
 * history and who may make it are domain/plan_life.h's; these functions
 * give the operation the old and new value the history keeps. */
#ifndef PCMT_DOMAIN_PLAN_EDIT_H
#define PCMT_DOMAIN_PLAN_EDIT_H

#include "base/date.h"
#include "base/err.h"
#include "store/store_plans.h"
#include "types/plan.h"
#include "types/scope.h"

struct store;

/* Where a plan stands. */
struct plan_place {
  char tree[12];         /* the plan's unit, "" = none (national, or not found) */
  char code[8];          /* "" = none */
  char at[DATE_ISO_LEN]; /* the plan's date (issued, else its period's start), "" = unknown */
};

/* The territory plan p names ("huyện Bình Sơn", "tỉnh Lào Cai") as a unit
 * in force on the plan's date, into *out; tree and code "" when it names
 * none or none is found. Fails only when the database or memory does. */
int plan_edit_place(struct plan_place *out, struct store *st, const struct plan *p,
                    struct err *err);

/* Resolve a name a plan writes (a task agency, a quota assignee) against
 * the plan's unit and date, as a save does: an agency (kind, level, group,
 * the unit it sits at), else a unit inside the plan's territory ("huyện Bảo
 * Thắng"). *out is zeroed first and stays empty for a name that resolves to
 * nothing; only a database or memory failure is an error. */
int plan_edit_resolve(struct store_plan_res *out, struct store *st, const struct plan_place *place,
                      const char *name, struct err *err);

/* What a new plan is saved with. */
struct plan_edit_new {
  const struct plan_place *place; /* the plan's unit (the operation's choice) and date */
  long unit_id;                   /* the same unit's id, 0 = national */
  const char *source_name;        /* the file it was read from */
  const char *source_text;        /* the text read, verbatim */
};

/* Save p as a new draft of the caller's (store_plan_save), in the caller's
 * transaction: the issuer is read as an agency (its kind kept beside the
 * words), each task agency and quota assignee is resolved against the
 * plan's unit. *id the new plan. A failure of the database or of memory
 * while resolving aborts the save with that error. */
int plan_edit_save(long *id, struct store *st, const struct scope *sc, struct plan *p,
                   const struct plan_edit_new *in, struct err *err);

/* Set ELEMENT.FIELD of element `element_id` ("plan" ignores it) of plan
 * `plan_id` to value (NULL or "" clears), in the caller's transaction.
 * Dates may be written dd/mm/yyyy or ISO; kinds, cadences and recurrence by
 * code or Vietnamese label (types/label.h); a target's value as a number; a
 * parent plan by the id of a plan of the caller's territory. A period or
 * phase whose end would fall before its start is refused (ERR_INPUT). *old
 * and *now receive the value before and the value stored (malloc'd; NULL
 * when empty): what a published plan's history keeps. */
int plan_edit_set(char **old, char **now, struct store *st, const struct scope *sc, long plan_id,
                  const char *element, long element_id, const char *field, const char *value,
                  struct err *err);

/* Replace a task's lead ("lead") or coordinating ("support") agencies with
 * the names in `list`, separated by ";" (commas belong to names: "Sở Lao
 * động, Thương binh và Xã hội"), each resolved against the plan's unit.
 * *old and *now: the names before and after, joined by "; " (malloc'd;
 * NULL when none). */
int plan_edit_agencies(char **old, char **now, struct store *st, const struct scope *sc,
                       long plan_id, long task_id, const char *role, const char *list,
                       struct err *err);

#endif
