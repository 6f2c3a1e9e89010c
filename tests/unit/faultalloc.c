/* faultalloc.c: counting allocations and failing the Nth (see faultalloc.h). */
#include "faultalloc.h"

#include <jansson.h>
#include <malloc.h>
#include <signal.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

static int armed;
static long count, fail_at;
static int fired;

/* 1 when this allocation is the one to fail. Single-threaded tests only: the
 * people import's writer thread is not started for the small files used. */
static int should_fail(void)
{
  if (!armed)
    return 0;
  count++;
  if (fail_at && count == fail_at) {
    fired = 1;
    /* FAULTALLOC_TRAP=1 under a debugger stops where the failure is handed out */
    if (getenv("FAULTALLOC_TRAP"))
      raise(SIGTRAP);
    return 1;
  }
  return 0;
}

void *__wrap_malloc(size_t n)
{
  return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
  return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
  return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
  return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
  return should_fail() ? NULL : __real_strndup(s, n);
}

/* SQLite's allocator: each block carries its size in front (xSize needs it). */
static void *sq_malloc(int n)
{
  if (n <= 0 || should_fail())
    return NULL;
  size_t *p = __real_malloc(sizeof(max_align_t) + (size_t)n);
  if (!p)
    return NULL;
  *p = (size_t)n;
  return (char *)p + sizeof(max_align_t);
}

static void sq_free(void *p)
{
  if (p)
    free((char *)p - sizeof(max_align_t));
}

static int sq_size(void *p)
{
  return p ? (int)*(size_t *)((char *)p - sizeof(max_align_t)) : 0;
}

static void *sq_realloc(void *p, int n)
{
  if (!p)
    return sq_malloc(n);
  if (n <= 0 || should_fail())
    return NULL;
  size_t *q = __real_realloc((char *)p - sizeof(max_align_t), sizeof(max_align_t) + (size_t)n);
  if (!q)
    return NULL;
  *q = (size_t)n;
  return (char *)q + sizeof(max_align_t);
}

static int sq_roundup(int n)
{
  return (n + 7) & ~7;
}

static int sq_init(void *unused)
{
  (void)unused;
  return SQLITE_OK;
}

static void sq_shutdown(void *unused)
{
  (void)unused;
}

static void *js_malloc(size_t n)
{
  return should_fail() ? NULL : __real_malloc(n);
}

int faultalloc_install(void)
{
  static const sqlite3_mem_methods methods = {sq_malloc,  sq_free, sq_realloc,  sq_size,
                                              sq_roundup, sq_init, sq_shutdown, NULL};
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK)
    return -1;
  json_set_alloc_funcs(js_malloc, free);
  return 0;
}

void faultalloc_arm(long nth)
{
  count = 0;
  fail_at = nth;
  fired = 0;
  armed = 1;
}

long faultalloc_disarm(void)
{
  armed = 0;
  return count;
}

int faultalloc_fired(void)
{
  return fired;
}

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>

/* in the sanitizer runtime; GCC ships no header that declares it */
size_t __sanitizer_get_current_allocated_bytes(void);

size_t faultalloc_live_bytes(void)
{
  return __sanitizer_get_current_allocated_bytes();
}

int faultalloc_leak_report(void)
{
  return __lsan_do_recoverable_leak_check();
}
#else
/* glibc's per-thread cache keeps freed blocks, counted as in use: the count
 * is exact only with the cache off (GLIBC_TUNABLES, set by CMakeLists.txt
 * for these tests); without it there is no count to trust, and 0 is
 * returned (no leak check). */
size_t faultalloc_live_bytes(void)
{
  const char *t = getenv("GLIBC_TUNABLES");
  if (!t || !strstr(t, "glibc.malloc.tcache_count=0"))
    return 0;
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

int faultalloc_leak_report(void)
{
  return 0;
}
#endif
