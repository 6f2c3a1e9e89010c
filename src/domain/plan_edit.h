/* plan_edit.h: the rules for changing a stored plan.
 *
 * What the CLI and the web call to save a plan read from a document and to
 * correct it field by field: values are checked and normalised here (dates
 * in any written form to ISO, kind names, numbers), then the store applies
 * them in one transaction, writing the history once the plan is published. */
#ifndef PCMT_DOMAIN_PLAN_EDIT_H
#define PCMT_DOMAIN_PLAN_EDIT_H

#include "base/err.h"
#include "types/plan.h"

struct store;

/* Save a plan just read as a draft (agencies resolved to kinds). */
int plan_edit_save(long *id, struct store *st, struct plan *p, const char *source_name,
                   const char *source_text, const char *who, struct err *err);

/* Set ELEMENT.FIELD of element `element_id` ("plan" ignores it) to value
 * (NULL or "" clears). Dates may be written dd/mm/yyyy or ISO; kinds and
 * cadences by their contract names; a target's value as a number. A period
 * or phase whose end would fall before its start is refused. */
int plan_edit_set(struct store *st, long plan_id, const char *element, long element_id,
                  const char *field, const char *value, const char *who, const char *reason,
                  struct err *err);

/* Replace a task's lead or coordinating agencies with the names in `list`,
 * separated by ";" (commas belong to names: "Sở Lao động, Thương binh và Xã hội"). */
int plan_edit_agencies(struct store *st, long plan_id, long task_id, const char *role,
                       const char *list, const char *who, const char *reason, struct err *err);

#endif
