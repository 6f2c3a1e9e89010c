/* indicator.h: the catalogue of standard indicators and their values by unit and period.
 *
 * An indicator is a flow over a period (cases detected in Q3), a stock at the
 * period's end (addicts on the list on 30/9), or a ratio of two others (users
 * with a management record / users on the list), shown with its numerator
 * and denominator. Register-backed indicators are computed from the
 * registers; the others from aggregate data values entered per unit and
 * period (indicator_enter). Aggregation: flows add up, stocks are taken at
 * the period's end, ratios are recomputed from summed parts, a person counts
 * once. Definitions: docs/indicators.md. */
#ifndef PCMT_DOMAIN_INDICATOR_H
#define PCMT_DOMAIN_INDICATOR_H

#include <stddef.h>

#include "base/err.h"
#include "base/period.h"
#include "store/store_indicators.h"
#include "types/unit.h"

struct store;
struct scope;

enum indicator_kind { IND_FLOW, IND_STOCK, IND_RATIO };
/* people: the people register; register: the registers of cases, places,
 * activities and licit entities; aggregate: values entered by hand for what
 * has no register; ratio: from two others. */
enum indicator_source { IND_SRC_PEOPLE, IND_SRC_REGISTER, IND_SRC_AGGREGATE, IND_SRC_RATIO };

/* Which splits a register indicator has (indicator_def.splits). */
#define IND_BY_AGENCY    1u
#define IND_BY_SUBSTANCE 2u

struct indicator_def {
  const char *code; /* "addicts_registered"; its Vietnamese name: indicator_name */
  enum indicator_kind kind;
  enum indicator_source source;
  const char *unit;      /* "người", "vụ", "%" ... */
  const char *numerator; /* ratios: codes of the parts */
  const char *denominator;
  unsigned splits; /* register indicators: IND_BY_AGENCY | IND_BY_SUBSTANCE */
};

/* The catalogue, in report order; *n its length. */
const struct indicator_def *indicator_catalogue(size_t *n);
/* The Vietnamese name of an indicator for reports (the label table's
 * LABEL_INDICATOR: one name per code). */
const char *indicator_name(const struct indicator_def *def);
/* One definition by code, or NULL. */
const struct indicator_def *indicator_find(const char *code);
const char *indicator_kind_name(enum indicator_kind k); /* "flow", "stock", "ratio" */
/* "people", "register", "aggregate", "ratio" */
const char *indicator_source_name(enum indicator_source s);

struct indicator_result {
  const struct indicator_def *def;
  char group[24];  /* split group ("male", "under_18", "police"), "" for the total */
  double value;    /* ratios: percent, valid when den > 0 */
  double num, den; /* ratios only */
  int has_value;   /* 0: a ratio with a zero denominator */
};

struct indicator_result_list {
  struct indicator_result *items;
  size_t n;
  struct unit unit; /* the unit the figures are for, with its name on the period's last day
                       (all zero: the whole country) */
};
void indicator_result_list_free(struct indicator_result_list *l); /* accepts NULL */

/* Every indicator of the catalogue for the subtree of unit (tree, code) —
 * NULL code for the caller's whole territory — over period p, split as
 * asked. A bare code (tree NULL or "") names the unit it names on the
 * period's last day (unit_resolve: 15 for 2024 is Yên Bái, for 2026 Lào
 * Cai); out->unit is the unit taken, so a comparison period is asked with
 * out->unit.tree and a front end names it. The unit must lie in the
 * caller's scope (ERR_DENIED otherwise). Aggregates only: any role may ask. */
int indicator_compute(struct indicator_result_list *out, struct store *st, const struct scope *sc,
                      const char *tree, const char *code, const struct period *p,
                      enum ind_split split, struct err *err);

/* Enter an aggregate value for an indicator whose source is aggregate (a
 * register-backed one is refused: it is computed, not typed). A bare code
 * names the unit it names on the period's last day, as indicator_compute
 * reads it; *out (may be NULL) receives the unit taken. A period that
 * begins after `today` (ISO; NULL: not checked) is refused; one still
 * running is accepted (a report's month to date). */
int indicator_enter(struct unit *out, struct store *st, const struct scope *sc,
                    const char *indicator, const char *tree, const char *code,
                    const char *agency_kind, const struct period *p, double value,
                    const char *source, const char *today, struct err *err);

#endif
