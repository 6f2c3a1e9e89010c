/* plan_read_targets.c: placeholder. */
#include "ingest/plan_read_int.h"

int pr_read_targets(struct pr_doc *d, struct plan *pl)
{
  (void)d;
  (void)pl;
  return 0;
}
