/* idmap.h: a map from non-negative integer keys (record ids, possibly with a
 * group number in the high bits) to bit sets OR-ed together.
 *
 * Counting "a person once" over tens of thousands of rows is cheaper in C
 * than by SQL's DISTINCT or a sort (the rows are stepped out anyway): an
 * open-addressing table, linear probing, grown at half full. */
#ifndef PCMT_BASE_IDMAP_H
#define PCMT_BASE_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap {
  uint64_t *keys; /* key + 1; 0 marks a free slot */
  uint64_t *bits;
  size_t cap, n; /* cap: a power of two, or 0 before the first put */
};

/* Zero-initialised is an empty map; idmap_free releases it (accepts NULL). */
void idmap_free(struct idmap *m);

/* OR `bits` into the value of `key` (added with those bits when new).
 * 0 on success, -1 when out of memory (the map is unchanged). */
int idmap_or(struct idmap *m, uint64_t key, uint64_t bits);

/* The value of key, or 0 when absent. */
uint64_t idmap_get(const struct idmap *m, uint64_t key);

/* Walk the entries: start with *at = 0; returns 1 with *key and *bits set,
 * 0 when there are no more. Order is unspecified. */
int idmap_next(const struct idmap *m, size_t *at, uint64_t *key, uint64_t *bits);

#endif
