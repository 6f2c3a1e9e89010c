/* array.c: doubling growth of malloc'd arrays (see array.h). */
#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>

void *array_grow(void *items, size_t *cap, size_t need, size_t size)
{
  if (need <= *cap)
    return items;
  size_t c = *cap ? *cap : 8;
  while (c < need) {
    if (c > SIZE_MAX / 2)
      return NULL;
    c *= 2;
  }
  if (size && c > SIZE_MAX / size)
    return NULL;
  void *p = realloc(items, c * size);
  if (!p)
    return NULL;
  *cap = c;
  return p;
}
