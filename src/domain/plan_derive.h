/* plan_derive.h: a lower unit's implementing plan drafted from a higher plan.
 *
 * A district or commune answers a province plan with its own plan "Thực
 * hiện Kế hoạch số 07/KH-BCĐ ..." that repeats what falls to it: the quotas
 * the higher plan gives the unit, the targets that hold everywhere, the
 * tasks its own agencies carry out as the mirror of the higher agencies,
 * and the higher plan's report dates moved earlier, because lower levels
 * report first. plan_derive() writes that draft from the rules of
 * docs/plans.md ("Plans cascade"); a person then reviews and publishes it
 * like any imported plan. */
#ifndef PCMT_DOMAIN_PLAN_DERIVE_H
#define PCMT_DOMAIN_PLAN_DERIVE_H

#include "base/err.h"
#include "domain/plan_edit.h"
#include "types/plan.h"
#include "types/unit.h"

struct store;

/* The default of plan_derive_in.days_earlier: a lower level's report is due
 * this many days before the higher plan's own date. */
#define PLAN_DERIVE_DAYS_EARLIER 5

struct plan_derive_in {
  const struct plan *parent;      /* the higher plan, as loaded */
  const struct plan_place *place; /* its unit and date: its names are resolved there */
  const char *parent_issuer_kind; /* agency kind of its issuing body, "" or NULL unknown */
  const struct unit *unit;        /* the lower unit, inside the parent's territory */
  const char *unit_name;          /* "huyện Bảo Thắng": the unit as the draft names it */
  const char *parent_unit_name;   /* "tỉnh Lào Cai": the parent's unit, NULL when national */
  int days_earlier;               /* reports moved this many days earlier, 0..90 */
};

/* What a draft took from its parent, for the operation's message and audit. */
struct plan_derive_count {
  size_t quotas;  /* quotas of the parent that fell to the unit */
  size_t targets; /* the parent's targets without quotas, copied */
  size_t tasks;   /* tasks the unit's agencies mirror */
  size_t reports; /* reports, moved earlier */
};

/* Draft into *out (plan_init'ed here; the caller plan_frees it, also on
 * failure) the implementing plan of in->unit from in->parent. Reads the
 * unit lists to resolve the parent's names (no write). ERR_INPUT when the
 * unit is not below the parent's unit or days_earlier is out of range. */
int plan_derive(struct plan *out, struct plan_derive_count *count, struct store *st,
                const struct plan_derive_in *in, struct err *err);

#endif
