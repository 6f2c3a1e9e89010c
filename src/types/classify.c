/* types/classify.c: the names of classification criteria, as the rule data spells them. */
#include "types/classify.h"

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
