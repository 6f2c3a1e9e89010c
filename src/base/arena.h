/* arena.h: memory that lives as long as one piece of work (SQLite's RowSet, a web request).
 *
 * Allocations come from large blocks and are never freed one by one: the
 * whole arena is freed at once when the work is done (a document read, a
 * bulk load, a request answered). An arena may carry a cap: an allocation
 * that would take its blocks past `max` bytes fails, so the cost of one
 * piece of work is bounded by configuration, not by its input. A zeroed
 * struct arena is a valid empty arena (default blocks, no cap). */
#ifndef PCMT_BASE_ARENA_H
#define PCMT_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
  struct arena_block *head; /* newest block first */
  size_t block;             /* size of a new block (a larger allocation gets its own) */
  size_t total;             /* bytes held in blocks */
  size_t max;               /* largest `total` allowed, 0 = no cap */
};

#define ARENA_BLOCK_DEFAULT ((size_t)64 * 1024)

/* Start empty: blocks of `block` bytes (0 = ARENA_BLOCK_DEFAULT), at most
 * `max` bytes in all (0 = no cap). No memory is taken until the first
 * allocation. */
void arena_init(struct arena *a, size_t block, size_t max);
/* Free every block; the arena is empty again (as after arena_init with the
 * same settings). Accepts NULL. */
void arena_free(struct arena *a);

/* n bytes aligned for any type, uninitialised / zeroed. NULL when memory or
 * the cap runs out (the arena is unchanged). */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
/* A NUL-terminated copy of s / of s[0..n). NULL when out of memory. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

#endif
