/* store_targets.h: what a plan's targets are measured by: bindings, quotas as resolved, and
 * the values entered by hand (migration 021, docs/monitoring.md).
 *
 * Every function reaches a target through its plan and carries the plan's
 * territory test (store_plan_scope.h): a plan outside the caller's
 * territory is ERR_NOT_FOUND, as a missing one. The store only reads and
 * writes; which indicator fits, who may bind and what a status is are
 * decided above (domain/target_bind.h, domain/target_eval.h,
 * app/app_monitor.h). Writes run inside the caller's write transaction. */
#ifndef PCMT_STORE_STORE_TARGETS_H
#define PCMT_STORE_STORE_TARGETS_H

#include <stddef.h>

#include "base/err.h"
#include "store/store_plans.h"
#include "types/scope.h"

struct store;

/* A target's binding (bound 0: none stored). */
struct store_target_binding {
  long target_id;     /* the target */
  int bound;          /* 1: a row exists */
  char indicator[48]; /* catalogue code, "" for manual */
  char scope[8];      /* "plan" or "quota" */
  char bound_at[24];  /* UTC */
  char bound_by[64];  /* the user's login */
};

/* A quota of a target as stored, with what its assignee resolved to. */
struct store_target_quota {
  long id;                   /* target_quota row */
  long target_id;            /* its target */
  char assignee[256];        /* as written */
  int has_value;             /* the quota's figure is known */
  double value;              /* it */
  struct store_plan_res res; /* the unit or agency it resolved to ("" when none) */
};

/* A value entered by hand for a manual target. */
struct store_target_value {
  long id;           /* target_value row */
  long target_id;    /* its target */
  long quota_id;     /* its quota, 0 for the whole target */
  char value_on[11]; /* ISO date it is as of */
  double value;      /* the figure */
  char source[256];  /* where it comes from */
  char by[64];       /* the login of the user who entered it */
  char entered_at[24];
};

/* What a plan's targets are measured by: each list in target order (then
 * quota order, then date). */
struct store_target_set {
  struct store_target_binding *bindings; /* one per bound target */
  size_t n_bindings;
  struct store_target_quota *quotas; /* every quota of every target */
  size_t n_quotas;
  struct store_target_value *values; /* every value entered */
  size_t n_values;
};
void store_target_set_free(struct store_target_set *s); /* accepts NULL */

/* The bindings, quotas and values of plan `plan_id` into *out (empty on
 * failure). ERR_NOT_FOUND for a plan not in the caller's territory. */
int store_target_set_load(struct store_target_set *out, struct store *st, const struct scope *sc,
                          long plan_id, struct err *err);

/* Bind target `target_id` of plan `plan_id` to `indicator` (NULL: manual)
 * with scope "plan" or "quota", replacing a binding it had; bound by user
 * `user_id` now. ERR_NOT_FOUND when the plan has no such target in the
 * caller's territory. */
int store_target_bind(struct store *st, const struct scope *sc, long plan_id, long target_id,
                      const char *indicator, const char *scope, long user_id, struct err *err);

/* Write what quota `quota_id` (of plan `plan_id`) resolved to. */
int store_target_quota_resolve(struct store *st, const struct scope *sc, long plan_id,
                               long quota_id, const struct store_plan_res *res, struct err *err);

/* Add a value of target `target_id` (quota `quota_id`, 0 for the whole
 * target) as of `value_on` (ISO), entered by `user_id`; *id its row.
 * ERR_NOT_FOUND when the plan has no such target or quota. */
int store_target_value_add(long *id, struct store *st, const struct scope *sc, long plan_id,
                           long target_id, long quota_id, const char *value_on, double value,
                           const char *source, long user_id, struct err *err);

#endif
