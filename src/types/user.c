/* types/user.c: freeing a list of users. */
#include "types/user.h"

#include <stdlib.h>

void user_list_free(struct user_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
