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
#include "types/legal_rule.h"

struct store;

/* Load every rule version from the store into *out (caller frees). */
int legal_rules_load(struct legal_rule_set *out, struct store *st, struct err *err);

/* The version of (code, condition) in force on ISO date `on`, or NULL when no
 * version is (the law had no such limit then). Borrowed from `set`. */
const struct legal_rule *legal_rule_find(const struct legal_rule_set *set, const char *code,
                                         const char *condition, const char *on);

/* The end date of a limit of rule `r` running from `start` (see above). */
struct date legal_rule_end(const struct legal_rule *r, struct date start);

/* The date `n` working days (Monday-Friday) after `start`; start itself does
 * not count. n = 0 gives start. */
struct date legal_add_working_days(struct date start, int n);

#endif
