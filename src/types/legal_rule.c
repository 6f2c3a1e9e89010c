/* types/legal_rule.c: freeing a set of rule versions. */
#include "types/legal_rule.h"

#include <stdlib.h>

void legal_rule_set_free(struct legal_rule_set *set)
{
  if (!set)
    return;
  free(set->items);
  set->items = NULL;
  set->n = 0;
}
