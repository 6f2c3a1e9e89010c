/* array.h: growing a malloc'd array by doubling, with the size arithmetic checked.
 *
 * Lists in PCMT are `struct x_list { items, n }` with a capacity kept beside
 * them while they are built; this is the one place that grows them:
 *
 *     if (l->n == cap) {
 *       struct x *p = array_grow(l->items, &cap, l->n + 1, sizeof *p);
 *       if (!p)
 *         return err_nomem(err);
 *       l->items = p;
 *     }
 */
#ifndef PCMT_BASE_ARRAY_H
#define PCMT_BASE_ARRAY_H

#include <stddef.h>

/* Make `items` (capacity *cap elements of `size` bytes; NULL when *cap is 0)
 * hold at least `need` elements: doubles the capacity (from 8) until it does.
 * Returns the array, moved or not, with *cap updated; NULL when out of
 * memory or when the size would overflow — then `items` and *cap are
 * unchanged and still the caller's. */
void *array_grow(void *items, size_t *cap, size_t need, size_t size);

#endif
