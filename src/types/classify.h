/* types/classify.h: the rules that classify communes and provinces as complex drug areas,
 * as the class_rule_set and class_rule tables hold them (migration 024).
 *
 * How figures are checked against them is domain/classify.h. */
#ifndef PCMT_TYPES_CLASSIFY_H
#define PCMT_TYPES_CLASSIFY_H

#include <stddef.h>

/* What a criterion reads. */
enum class_criterion {
  CRIT_MANAGED_RATIO,    /* users and addicts with a management record / residents, % */
  CRIT_MANAGED_COUNT,    /* the same, a count */
  CRIT_PLACES,           /* places organising or harbouring use during the year */
  CRIT_OFFENDERS_RATIO,  /* drug offenders arrested in the year / residents, % */
  CRIT_PLANTS,           /* drug plants destroyed (count), or their area (m²) */
  CRIT_ROUTE,            /* on a complex drug route: no register holds it */
  CRIT_COMPLEX_COMMUNES, /* share of the province's communes classified complex */
  CRIT_COUNT
};

/* One criterion of a class, as the rule data holds it. */
struct class_rule {
  enum class_criterion criterion;
  int has_threshold;    /* 0: the legal text found does not give it */
  double threshold;     /* at least this */
  int has_alt;          /* plants: an area in m² also meets it */
  double alt_threshold; /* ... at least this */
  char note[400];       /* the criterion in the text's words */
};

/* A class (type I, II or III) of a rule set at one level. */
struct class_def {
  int has_min; /* 0: how many criteria must be met is not known */
  int min_met;
  struct class_rule rules[CRIT_COUNT];
  size_t n_rules;
};

/* A rule set at one level: classes 0, 1, 2 = type I, II, III. */
struct class_rule_set {
  char code[32];       /* "qd28_2025" */
  char valid_from[11]; /* ISO */
  char valid_to[11];   /* ISO */
  char source[400];    /* the legal text */
  char note[400];      /* what is known of it */
  struct class_def classes[3];
};

/* What entering a legal threshold changes: each value only when its has_
 * flag is set. */
struct class_rule_change {
  int has_threshold; /* set the criterion's threshold */
  double threshold;
  int has_alt; /* set its alternative (plants: the area in m²) */
  double alt;
  int has_min; /* set how many criteria the class needs (every row of the class) */
  int min_met;
  const char *source; /* the legal text the values come from, added to the criterion's note */
};

/* A commune's drug-free assessment for a year (drugfree_assessment). */
struct drugfree_row {
  long id;      /* the assessment, 0 when the commune has none for the year */
  long unit_id; /* the commune */
  int year;
  char status[12]; /* "submitted", "recognised", "refused" */
  char *self_text; /* the commune's self-assessment (malloc'd) */
  char *decision;  /* the province's decision, NULL before it (malloc'd) */
  char submitted_by[64];
  char submitted_at[24];
  char decided_by[64]; /* "" before the decision */
  char decided_at[24];
  long carried_from; /* the pre-2025 commune's assessment it was carried from, 0 none */
};
struct drugfree_list {
  struct drugfree_row *items;
  size_t n;
};
void drugfree_row_free(struct drugfree_row *r);   /* its strings; accepts NULL */
void drugfree_list_free(struct drugfree_list *l); /* accepts NULL */

/* "managed_ratio", "places" ... (the rule data's names); NULL out of range. */
const char *classify_criterion_name(enum class_criterion c);
/* The criterion named `name`; -1 for none. */
int classify_criterion_from(const char *name);

#endif
