/* types/legal_rule.h: one version of a legal time limit, as the legal_rule table holds it.
 *
 * The rules themselves — which version is in force on a day, end dates — are
 * domain/legal_rule.h. */
#ifndef PCMT_TYPES_LEGAL_RULE_H
#define PCMT_TYPES_LEGAL_RULE_H

#include <stddef.h>

#include "base/date.h"

struct legal_rule {
  long id;                       /* row id */
  char code[32];                 /* "user_management", "rehab", "aftercare" ... */
  char condition[32];            /* "" or a variant: "compulsory_first", "minor" ... */
  char valid_from[DATE_ISO_LEN]; /* first day in force (ISO) */
  char valid_to[DATE_ISO_LEN];   /* last day in force (ISO, 9999-12-31 when open) */
  int amount;                    /* e.g. 12 */
  char unit[16];                 /* "months", "days", "working_days", "hours" */
  char source[200];              /* legal basis, as written */
  char note[400];                /* the rule in words */
};

struct legal_rule_set {
  struct legal_rule *items; /* malloc'd; legal_rule_set_free */
  size_t n;
};

void legal_rule_set_free(struct legal_rule_set *set); /* accepts NULL */

/* Vietnamese wording of the limit: "12 tháng", "5 ngày làm việc", "24 giờ". */
void legal_rule_describe(char *buf, size_t n, const struct legal_rule *r);

#endif
