/* types/audit.c: freeing a list of audit rows. */
#include "types/audit.h"

#include <stdlib.h>

void audit_list_free(struct audit_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
