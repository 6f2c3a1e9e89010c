/* types/legal_rule.c: freeing a set of rule versions. */
#include "types/legal_rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void legal_rule_set_free(struct legal_rule_set *set)
{
  if (!set)
    return;
  free(set->items);
  set->items = NULL;
  set->n = 0;
}

void legal_rule_describe(char *buf, size_t n, const struct legal_rule *r)
{
  const char *u = strcmp(r->unit, "months") == 0         ? "tháng"
                  : strcmp(r->unit, "working_days") == 0 ? "ngày làm việc"
                  : strcmp(r->unit, "hours") == 0        ? "giờ"
                                                         : "ngày";
  snprintf(buf, n, "%d %s", r->amount, u);
}
