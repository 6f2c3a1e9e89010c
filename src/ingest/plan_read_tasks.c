/* plan_read_tasks.c: placeholder. */
#include "ingest/plan_read_int.h"

int pr_read_tasks(struct pr_doc *d, struct plan *pl)
{
  (void)d;
  (void)pl;
  return 0;
}
