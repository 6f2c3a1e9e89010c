/* types/token.c: freeing a list of API tokens. */
#include "types/token.h"

#include <stdlib.h>

void token_list_free(struct token_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
