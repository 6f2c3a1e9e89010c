/* test_arena.c: block memory freed at once, with a cap. */
#include "testutil.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"

static void allocations_are_aligned_and_distinct(void **state)
{
  (void)state;
  struct arena a;
  arena_init(&a, 256, 0);
  char *prev = NULL;
  for (size_t n = 1; n < 100; n += 7) {
    char *p = arena_alloc(&a, n);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
    memset(p, 'x', n); /* ASan: every byte handed out is ours */
    assert_true(p != prev);
    prev = p;
  }
  /* larger than a block: a block of its own */
  char *big = arena_alloc(&a, 4096);
  assert_non_null(big);
  memset(big, 0, 4096);
  arena_free(&a);
  assert_null(a.head);
  assert_int_equal(a.total, 0);
  arena_free(NULL);
}

static void zalloc_zeroes_and_strings_copy(void **state)
{
  (void)state;
  struct arena a = {0}; /* a zeroed arena is valid */
  int *v = arena_zalloc(&a, 10 * sizeof *v);
  for (int i = 0; i < 10; i++)
    assert_int_equal(v[i], 0);
  char *s = arena_strdup(&a, "Lào Cai");
  assert_string_equal(s, "Lào Cai");
  char *t = arena_strndup(&a, "Bảo Thắng, Bát Xát", strlen("Bảo Thắng"));
  assert_string_equal(t, "Bảo Thắng");
  arena_free(&a);
}

static void cap_refuses_and_keeps_what_was_given(void **state)
{
  (void)state;
  struct arena a;
  arena_init(&a, 1024, 3000);
  char *p1 = arena_alloc(&a, 1000); /* first block: 1024 */
  char *p2 = arena_alloc(&a, 1000); /* second: 2048 held */
  assert_non_null(p1);
  assert_non_null(p2);
  assert_null(arena_alloc(&a, 1000)); /* a third block would hold 3072 > 3000 */
  assert_int_equal(a.total, 2048);
  assert_null(arena_alloc(&a, 5000)); /* alone over the cap */
  memset(p1, 1, 1000);
  memset(p2, 2, 1000);
  arena_free(&a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(allocations_are_aligned_and_distinct),
      cmocka_unit_test(zalloc_zeroes_and_strings_copy),
      cmocka_unit_test(cap_refuses_and_keeps_what_was_given),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
