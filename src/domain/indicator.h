/* indicator.h: the catalogue of standard indicators and their values by unit and period.
 *
 * An indicator is a flow over a period (cases detected in Q3), a stock at the
 * period's end (addicts on the list on 30/9), or a ratio of two others (users
 * with a management record / users on the list), shown with its numerator
 * and denominator. Register-backed indicators are computed from the
 * registers; the others from aggregate data values entered per unit and
 * period (indicator_entry_put; the user action is app_indicator_enter).
 * Aggregation: flows add up, stocks are taken at the period's end, ratios
 * are recomputed from summed parts, a person counts once. Definitions: docs/indicators.md. */
#ifndef PCMT_DOMAIN_INDICATOR_H
#define PCMT_DOMAIN_INDICATOR_H

#include <stddef.h>

#include "base/err.h"
#include "base/period.h"
#include "store/store_indicators.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

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

/* The sections of the catalogue, as a report groups its figures (labels:
 * LABEL_IND_SECTION, in this order). */
enum ind_section {
  IND_SECTION_CRIME,      /* crime and cases, seizures */
  IND_SECTION_PEOPLE,     /* users, addicts, treatment, aftercare */
  IND_SECTION_PLACES,     /* hotspots, retail points, businesses, cultivation */
  IND_SECTION_PREVENTION, /* propaganda, communes reached, licit entities */
  IND_SECTION_COUNT
};

/* The catalogue, in report order; *n its length. */
const struct indicator_def *indicator_catalogue(size_t *n);
/* The Vietnamese name of an indicator for reports (the label table's
 * LABEL_INDICATOR: one name per code). */
const char *indicator_name(const struct indicator_def *def);
/* The section def belongs to (def points into the catalogue). */
enum ind_section indicator_section(const struct indicator_def *def);
/* One definition by code, or NULL. */
const struct indicator_def *indicator_find(const char *code);
const char *indicator_kind_name(enum indicator_kind k); /* "flow", "stock", "ratio" */
/* "people", "register", "aggregate", "ratio" */
const char *indicator_source_name(enum indicator_source s);

/* The Vietnamese label of a split's group code ("male" -> "Nam",
 * "under_18" -> "Dưới 18 tuổi", "customs" -> "Hải quan", "heroin" ->
 * "Heroin", "unknown" -> "Không rõ"), from types/label.h; "" for the total
 * (""), the code itself for one no set has. */
const char *indicator_group_label(enum ind_split split, const char *group);

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

/* One line of a report: an indicator in one group, now and before. */
struct indicator_row {
  const struct indicator_result *now;    /* in indicator_report.now */
  const struct indicator_result *before; /* the same indicator and group in .before; NULL
                                            when not compared or not there */
  int has_change;                        /* now and before both have a value */
  double change;                         /* now - before (a ratio: percentage points) */
  int has_change_pct;                    /* has_change and before's value is not 0 */
  double change_pct;                     /* change / before × 100 */
};

/* The figures of a unit for a period, and for the period compared: what a
 * front end prints (output/indicator_json.h, the CLI's table). */
struct indicator_report {
  struct unit unit;      /* the unit taken, named as on the period's end (id 0: the country) */
  enum ind_split split;  /* the groups besides the total */
  struct period period;  /* the period asked */
  int compared;          /* 1: .earlier and .before are set */
  struct period earlier; /* the period compared with */
  struct indicator_result_list now, before; /* the figures of each period */
  struct indicator_row *rows;               /* one per result of .now, in its order */
  size_t n;
};
void indicator_report_free(struct indicator_report *r); /* accepts NULL */

/* Fill r->rows from r->now and r->before (when r->compared): each result
 * paired with the same indicator and group of the earlier period, and the
 * change between them. ERR_NOMEM. */
int indicator_report_pair(struct indicator_report *r, struct err *err);

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

/* An aggregate value as entered: what the entry stored, for a front end to
 * show. */
struct indicator_entered {
  long id;                         /* the indicator_value row */
  const struct indicator_def *def; /* the indicator */
  struct unit unit;                /* the unit, named as on the period's end */
  char agency_kind[32];            /* "" for all agencies */
  struct period period;            /* the period it is for */
  double value;                    /* the figure */
  char by[SCOPE_USER_MAX];         /* the login of the user who entered it */
};

/* ERR_DENIED unless the caller's role may enter aggregate values: an
 * administrator or an officer of the standing body. A leader and a member
 * agency read the figures, never type them. */
int indicator_may_enter(const struct scope *sc, struct err *err);

/* Check an aggregate value before it is entered: the indicator is in the
 * catalogue and its source is aggregate (a register-backed one is refused:
 * it is computed, not typed), the agency kind (NULL or "": all agencies)
 * is one of agency.h's, the value is a number from 0 to 10^12, the source
 * (may be NULL) is UTF-8 text, and the period has begun by `today` (ISO;
 * NULL: not checked; one still running is accepted: a report's month to
 * date). ERR_INPUT with the reason otherwise. No database. */
int indicator_entry_check(const char *indicator, const char *agency_kind, const struct period *p,
                          double value, const char *source, const char *today, struct err *err);

/* Write one aggregate value checked by indicator_entry_check for the unit
 * of `sc` (a scope narrowed to that unit), entered by sc's user; *id the
 * value's row (replaced when the same indicator, unit, agency and period
 * had one). Runs inside the caller's write transaction. */
int indicator_entry_put(long *id, struct store *st, const struct scope *sc, const char *indicator,
                        const char *agency_kind, const struct period *p, double value,
                        const char *source, struct err *err);

#endif
