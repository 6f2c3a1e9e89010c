/* legal_rule.h: legal time limits as dated data, and the date arithmetic they need.
 *
 * A rule is (code, condition) with a value (amount + unit), the dates it is in
 * force and its legal source; the versions live in the legal_rule table
 * (seeded by migration 003), never in code. A clock that starts on a day runs
 * by the version in force on that day, even when a later version changes the
 * value (domain.md §7), so a lookup always takes the clock's start date.
 *
 * End dates follow the Civil Code's counting: a limit in months ends on the
 * same day of the last month (clamped to its end: 31/1 + 1 month = 28/2 or
 * 29/2); in days or hours (24 hours = 1 day) it ends that many days after the
 * start; in working days it counts only Monday to Friday after the start day.
 * Public holidays are NOT modelled (documented simplification): a working-day
 * deadline may come out a few days early around Tết or 2/9, never late. */
#ifndef PCMT_DOMAIN_LEGAL_RULE_H
#define PCMT_DOMAIN_LEGAL_RULE_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

struct store;

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

/* Load every rule version from the store into *out (caller frees). */
int legal_rules_load(struct legal_rule_set *out, struct store *st, struct err *err);
void legal_rule_set_free(struct legal_rule_set *set); /* accepts NULL */

/* The version of (code, condition) in force on ISO date `on`, or NULL when no
 * version is (the law had no such limit then). Borrowed from `set`. */
const struct legal_rule *legal_rule_find(const struct legal_rule_set *set, const char *code,
                                         const char *condition, const char *on);

/* The end date of a limit of rule `r` running from `start` (see above). */
struct date legal_rule_end(const struct legal_rule *r, struct date start);

/* The date `n` working days (Monday-Friday) after `start`; start itself does
 * not count. n = 0 gives start. */
struct date legal_add_working_days(struct date start, int n);

/* Vietnamese wording of the limit: "12 tháng", "5 ngày làm việc", "24 giờ". */
void legal_rule_describe(char *buf, size_t n, const struct legal_rule *r);

#endif
