/* store_indicators.h: the SQL behind the indicators (src/domain/indicator.h).
 *
 * Every function takes the id of a scope unit (unit_scope.scope_id: 0 for the
 * whole country) and counts only what lies in that unit's subtree — for a
 * unit of today's tree, that includes the old units that went into it, so a
 * figure from before 1 July 2025 shows on today's units. People are placed
 * where they lived on the day that counts (the event's day for a flow, the
 * period's last day for a stock), following their moves. */
#ifndef PCMT_STORE_STORE_INDICATORS_H
#define PCMT_STORE_STORE_INDICATORS_H

#include <stddef.h>

#include "base/err.h"

struct store;

/* How to split a figure: not at all, by sex, by age group at the period's
 * end (people), by agency kind (aggregate values; cases by detecting force,
 * activities by organiser, inspections by inspecting agency) or by substance
 * (seizures). */
enum ind_split {
  IND_SPLIT_NONE,
  IND_SPLIT_SEX,
  IND_SPLIT_AGE,
  IND_SPLIT_AGENCY,
  IND_SPLIT_SUBSTANCE
};

/* Counts of people over a period, for one group of the split ("" when none). */
struct ind_people_row {
  char group[24];
  /* flows in [start, end]: distinct people with such an event */
  long classified, determinations, rehab_compulsory, rehab_voluntary, ost_started, ost_stopped,
      removed, relapses, died;
  /* stocks on `end` */
  long users, addicts, in_list, users_managed, ost, aftercare, addicts_treated;
};

struct ind_people_list {
  struct ind_people_row *items;
  size_t n;
};
void ind_people_list_free(struct ind_people_list *l); /* accepts NULL */

int store_ind_people(struct ind_people_list *out, struct store *st, long scope_id,
                     const char *start, const char *end, enum ind_split split, struct err *err);

/* Sums of aggregate values per indicator (and group). Flows: values whose
 * period lies inside [start, end]. Stocks: for each unit and agency, the
 * value with the latest period end inside [start, end]. */
struct ind_value_row {
  char indicator[48];
  char group[24]; /* agency kind with IND_SPLIT_AGENCY, else "" */
  double value;
};
struct ind_value_list {
  struct ind_value_row *items;
  size_t n;
};
void ind_value_list_free(struct ind_value_list *l); /* accepts NULL */

int store_ind_values(struct ind_value_list *out, struct store *st, long scope_id, const char *start,
                     const char *end, int stock, enum ind_split split, struct err *err);

/* Figures computed from the registers of cases, places, activities and
 * licit entities (definitions: docs/indicators.md), as rows (indicator
 * code, group, value) in the same list type as aggregate values. With
 * IND_SPLIT_NONE every register indicator has a row of group "" (0 when
 * nothing counts); with IND_SPLIT_AGENCY / IND_SPLIT_SUBSTANCE only the
 * indicators that split so, one row per group that has anything in the
 * period; other splits give no rows. Communes are those of the tree in
 * force on `end` (communes_*). */
int store_ind_registers(struct ind_value_list *out, struct store *st, long scope_id,
                        const char *start, const char *end, enum ind_split split, struct err *err);

/* One aggregate value to enter. */
struct ind_value_entry {
  const char *indicator; /* catalogue code */
  const char *unit_tree; /* the unit it is for */
  const char *unit_code;
  const char *agency_kind; /* NULL or "": all agencies */
  const char *start, *end; /* its period, ISO */
  const char *source;      /* where the figure comes from; NULL: "" */
  const char *by;          /* login of the user entering it (app_user) */
  const char *at;          /* when, UTC ISO */
  double value;
};
/* Enter (or replace: same indicator, unit, agency and period) one aggregate
 * value, recording the user `by` names by id and login; *id the row's id.
 * ERR_NOT_FOUND when the unit or the user does not exist. Run it inside the
 * caller's write transaction. */
int store_ind_value_put(long *id, struct store *st, const struct ind_value_entry *e,
                        struct err *err);

#endif
