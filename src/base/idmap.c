/* idmap.c: open-addressing map of integer keys to OR-ed bits (see idmap.h). */
#include "base/idmap.h"

#include <stdlib.h>

void idmap_free(struct idmap *m)
{
  if (!m)
    return;
  free(m->keys);
  free(m->bits);
  m->keys = m->bits = NULL;
  m->cap = m->n = 0;
}

/* A multiplicative hash (Fibonacci hashing): ids are often consecutive,
 * which this spreads over the table. */
static size_t slot_of(uint64_t key, size_t cap)
{
  return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

static int grow(struct idmap *m)
{
  size_t cap = m->cap ? m->cap * 2 : 1024;
  uint64_t *keys = calloc(cap, sizeof *keys), *bits = malloc(cap * sizeof *bits);
  if (!keys || !bits) {
    free(keys);
    free(bits);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t j = slot_of(m->keys[i] - 1, cap);
    while (keys[j])
      j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    bits[j] = m->bits[i];
  }
  free(m->keys);
  free(m->bits);
  m->keys = keys;
  m->bits = bits;
  m->cap = cap;
  return 0;
}

int idmap_or(struct idmap *m, uint64_t key, uint64_t bits)
{
  if ((m->n + 1) * 2 > m->cap && grow(m))
    return -1;
  size_t j = slot_of(key, m->cap);
  while (m->keys[j] && m->keys[j] != key + 1)
    j = (j + 1) & (m->cap - 1);
  if (!m->keys[j]) {
    m->keys[j] = key + 1;
    m->bits[j] = 0;
    m->n++;
  }
  m->bits[j] |= bits;
  return 0;
}

uint64_t idmap_get(const struct idmap *m, uint64_t key)
{
  if (!m->cap)
    return 0;
  size_t j = slot_of(key, m->cap);
  while (m->keys[j]) {
    if (m->keys[j] == key + 1)
      return m->bits[j];
    j = (j + 1) & (m->cap - 1);
  }
  return 0;
}

int idmap_next(const struct idmap *m, size_t *at, uint64_t *key, uint64_t *bits)
{
  for (; *at < m->cap; (*at)++)
    if (m->keys[*at]) {
      *key = m->keys[*at] - 1;
      *bits = m->bits[*at];
      (*at)++;
      return 1;
    }
  return 0;
}
