/* types/classify.c: the names of classification criteria, as the rule data spells them. */
#include "types/classify.h"

#include <stdlib.h>
#include <string.h>

static const char *const NAMES[CRIT_COUNT] = {"managed_ratio",   "managed_count", "places",
                                              "offenders_ratio", "plants",        "route",
                                              "complex_communes"};

const char *classify_criterion_name(enum class_criterion c)
{
  return (int)c >= 0 && c < CRIT_COUNT ? NAMES[c] : NULL;
}

int classify_criterion_from(const char *name)
{
  for (int i = 0; name && i < CRIT_COUNT; i++)
    if (strcmp(NAMES[i], name) == 0)
      return i;
  return -1;
}

void drugfree_row_free(struct drugfree_row *r)
{
  if (!r)
    return;
  free(r->self_text);
  free(r->decision);
  r->self_text = NULL;
  r->decision = NULL;
}

void drugfree_list_free(struct drugfree_list *l)
{
  if (!l)
    return;
  for (size_t i = 0; i < l->n; i++)
    drugfree_row_free(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
