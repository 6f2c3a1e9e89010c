/* legal_rule.c: finding the rule version in force on a day and computing end dates. */
#include "domain/legal_rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_people.h"

int legal_rules_load(struct legal_rule_set *out, struct store *st, struct err *err)
{
  return store_legal_rules(out, st, err);
}

const struct legal_rule *legal_rule_find(const struct legal_rule_set *set, const char *code,
                                         const char *condition, const char *on)
{
  if (!set || !code || !on)
    return NULL;
  const char *cond = condition ? condition : "";
  for (size_t i = 0; i < set->n; i++) {
    const struct legal_rule *r = &set->items[i];
    /* ISO dates compare as text. */
    if (strcmp(r->code, code) == 0 && strcmp(r->condition, cond) == 0 &&
        strcmp(r->valid_from, on) <= 0 && strcmp(on, r->valid_to) <= 0)
      return r;
  }
  return NULL;
}

struct date legal_add_working_days(struct date start, int n)
{
  struct date d = start;
  while (n > 0) {
    d = date_add_days(d, 1);
    if (date_weekday(d) <= 5)
      n--;
  }
  return d;
}

struct date legal_rule_end(const struct legal_rule *r, struct date start)
{
  if (strcmp(r->unit, "months") == 0)
    return date_add_months(start, r->amount);
  if (strcmp(r->unit, "working_days") == 0)
    return legal_add_working_days(start, r->amount);
  if (strcmp(r->unit, "hours") == 0)
    return date_add_days(start, (r->amount + 23) / 24); /* dates only: 24 hours = the next day */
  return date_add_days(start, r->amount);
}
