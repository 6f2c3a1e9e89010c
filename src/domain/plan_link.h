/* plan_link.h: which stored plans implement which, read from their bases.
 *
 * A district plan opens "Thực hiện Kế hoạch số 07/KH-BCĐ ngày 26/02/2024
 * của Ban Chỉ đạo 138 tỉnh Quảng Ngãi ...": the plan reader keeps that
 * basis with its number and date. When the cited plan is stored too, the
 * lower plan's parent is that plan. Numbers repeat across provinces and
 * years ("07/KH-BCĐ" is issued by many bodies), so a cited plan is taken
 * only when the numbers match (case, diacritics and punctuation aside),
 * the dates match when both are known, and the cited plan's unit lies above
 * the citing plan's (a national plan lies above every unit); when two
 * stored plans qualify, none is taken and a person sets the link by hand
 * (`plan set ID plan parent_id N`). */
#ifndef PCMT_DOMAIN_PLAN_LINK_H
#define PCMT_DOMAIN_PLAN_LINK_H

#include <stddef.h>

#include "base/err.h"
#include "types/scope.h"

struct store;

/* One link to make: plan `child` implements plan `parent`. */
struct plan_link {
  long child, parent;
  char number[64]; /* the number the child's basis cites */
};
struct plan_link_list {
  struct plan_link *items;
  size_t n;
};
void plan_link_list_free(struct plan_link_list *l); /* accepts NULL */

/* The links plan `plan_id` (stored, in the caller's territory) makes with
 * the plans of the caller's territory: to its parent when it has none yet
 * and exactly one stored plan qualifies, and from every stored plan without
 * a parent whose bases cite this one alone. Reads only; the operation
 * writes the links with their audit rows. */
int plan_link_find(struct plan_link_list *out, struct store *st, const struct scope *sc,
                   long plan_id, struct err *err);

#endif
