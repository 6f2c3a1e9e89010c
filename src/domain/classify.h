/* classify.h: a commune's (or a province's) class as a complex drug area for a year.
 *
 * The rules are legal data (migration 024, docs/classification.md): a rule
 * set in force on the year's last day gives, per class (type I, II, III),
 * criteria with thresholds and how many of them must be met. The legal
 * texts available give some thresholds and not others: a missing one is
 * NULL in the data and makes its criterion unknown, exactly like a figure
 * the registers cannot give (residents not entered, the drug routes). A
 * class is then met (enough criteria met), not met (too few even if every
 * unknown one were met) or undetermined; the unit's class is the highest
 * class met when every higher one is not met. Pure rules: the figures come
 * from the registers through the operation (app/app_classify.h). */
#ifndef PCMT_DOMAIN_CLASSIFY_H
#define PCMT_DOMAIN_CLASSIFY_H

#include <stddef.h>

#include "base/err.h"
#include "types/classify.h"
#include "types/unit.h"

/* A unit's figures for the year; a figure not known has its flag 0. */
struct class_figures {
  int has_residents;
  double residents;   /* entered with a source */
  double managed;     /* users with a management record + addicts on the list, year end */
  double places;      /* hotspots active at the year's end or eliminated during it */
  double offenders;   /* people arrested for drug offences during the year */
  double plants;      /* drug plants seized in the year (count) */
  double area_m2;     /* drug cultivation destroyed in the year, m² */
  int has_complex;    /* province: share of its communes classified */
  double complex_pct; /* ... in % */
};

enum class_verdict { VERDICT_NOT_MET, VERDICT_MET, VERDICT_UNKNOWN };

/* Why a criterion is unknown. */
enum class_unknown {
  UNKNOWN_NONE,
  UNKNOWN_THRESHOLD, /* the rule data has no threshold */
  UNKNOWN_RESIDENTS, /* no residents entered for the year */
  UNKNOWN_NO_DATA    /* nothing in the registers gives it (drug routes) */
};

struct class_check {
  const struct class_rule *rule;
  enum class_verdict verdict;
  enum class_unknown why; /* when VERDICT_UNKNOWN */
  int has_value;
  double value; /* the figure compared (a ratio in %) */
};

struct class_result {
  enum class_verdict classes[3]; /* type I, II, III: met, not met, unknown */
  int missing_min[3];            /* the class's number of criteria to meet is missing */
  struct class_check checks[3][CRIT_COUNT];
  size_t n_checks[3];
  /* The unit's class: 1, 2, 3; 0 not a complex area (no class met); -1
   * undetermined (a class could be met, or a class not met is not known). */
  int type;
  int undetermined_from; /* when type is -1: the highest class left undetermined (1..3) */
};

/* Check figures f against rule set rs (one level) into *out. */
void classify_unit(struct class_result *out, const struct class_rule_set *rs,
                   const struct class_figures *f);

/* One unit's classification for the year. */
struct classify_row {
  struct unit unit;           /* named as on the year's last day */
  struct class_figures fig;   /* what the registers and the residents give */
  struct class_result result; /* its checks point into the report's rule sets */
};

struct classify_report {
  int year;
  char on[11];                    /* the day the rules are taken on: 31/12 of the year, ISO */
  struct class_rule_set communes; /* the rules for communes */
  struct class_rule_set province; /* ... and provinces (empty when not asked) */
  struct classify_row *rows;      /* the communes, in the unit list's order */
  size_t n;
  size_t n_type[4];                 /* communes of class 0 (none), I, II, III */
  size_t n_undetermined;            /* communes whose class could not be decided */
  int has_province;                 /* the unit asked is a province: */
  struct classify_row province_row; /* its own classification */
};
void classify_report_free(struct classify_report *r); /* accepts NULL */

/* A commune in the drug-free list of a year. */
struct drugfree_item {
  struct unit unit;        /* named as on the year's last day */
  struct drugfree_row row; /* its assessment of the year (row.id 0: none) */
  int recognised_before;   /* recognised the year before: to be assessed again */
};

/* The drug-free communes of a province (or district) for a year, and the
 * province's roadmap for it. */
struct drugfree_report {
  int year;
  struct unit root;            /* the unit asked */
  struct drugfree_item *items; /* its communes */
  size_t n;
  size_t n_recognised, n_submitted, n_refused, n_reassess; /* reassess: recognised the year
                                                              before, not assessed this year */
  double share_pct;                                        /* recognised / communes × 100 */
  int has_roadmap; /* the province registered a share for the year: */
  double roadmap_pct;
  char roadmap_source[256];
  int on_track; /* share_pct >= roadmap_pct (when has_roadmap) */
};
void drugfree_report_free(struct drugfree_report *r); /* accepts NULL */

/* Count the report's items and compare the recognised share with the
 * roadmap: what `pcmt classify drug-free list` prints under the table. */
void drugfree_report_tally(struct drugfree_report *r);

#endif
