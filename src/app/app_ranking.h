/* app_ranking.h: the emulation ranking of a plan's units and agencies (`pcmt ranking`).
 *
 * Gathers, on a date, each quota assignee's target statuses (app_plan_status)
 * and each report owner's reports due by then (app_calendar), and scores
 * them with domain/ranking.h (docs/ranking.md). Aggregates only: any role
 * of the plan's territory may ask; not audited. */
#ifndef PCMT_APP_APP_RANKING_H
#define PCMT_APP_APP_RANKING_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/ranking.h"
#include "types/scope.h"

struct store;

struct app_ranking {
  long plan_id;
  char plan_number[64];
  char plan_title[512];
  struct date at;             /* the date the ranking is made on */
  struct ranking_item *items; /* units first, then agencies, each by rank */
  size_t n;
};
void app_ranking_free(struct app_ranking *r); /* accepts NULL */

/* Rank the assignees of plan `plan_id` on `at` (dd/mm/yyyy or ISO; NULL:
 * today). ERR_NOT_FOUND for a plan outside the caller's territory;
 * ERR_INPUT for a bad date. */
int app_ranking(struct app_ranking *out, struct store *st, const struct scope *caller, long plan_id,
                const char *at, struct err *err);

#endif
