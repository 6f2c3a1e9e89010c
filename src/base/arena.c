/* arena.c: block allocation for memory freed all at once (see arena.h). */
#include "base/arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
  struct arena_block *next;
  size_t used, cap;
  alignas(max_align_t) unsigned char data[];
};

#define ALIGN (alignof(max_align_t))

void arena_init(struct arena *a, size_t block, size_t max)
{
  a->head = NULL;
  a->block = block ? block : ARENA_BLOCK_DEFAULT;
  a->total = 0;
  a->max = max;
}

void arena_free(struct arena *a)
{
  if (!a)
    return;
  while (a->head) {
    struct arena_block *n = a->head->next;
    free(a->head);
    a->head = n;
  }
  a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
  if (n > SIZE_MAX - ALIGN)
    return NULL;
  n = (n + ALIGN - 1) & ~(ALIGN - 1);
  if (n == 0)
    n = ALIGN;
  struct arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t block = a->block ? a->block : ARENA_BLOCK_DEFAULT;
    size_t cap = n > block ? n : block;
    if (cap > SIZE_MAX - sizeof *b || (a->max && (cap > a->max || a->total > a->max - cap)))
      return NULL;
    b = malloc(sizeof *b + cap);
    if (!b)
      return NULL;
    b->next = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
    a->total += cap;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
  void *p = arena_alloc(a, n);
  if (p)
    memset(p, 0, n);
  return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
  if (n == SIZE_MAX)
    return NULL;
  char *p = arena_alloc(a, n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
  return arena_strndup(a, s, strlen(s));
}
