/* test_array.c: growing arrays by doubling, overflow refused. */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/array.h"

static void grows_by_doubling_and_keeps_contents(void **state)
{
  (void)state;
  long *items = NULL;
  size_t cap = 0, n = 0;
  for (long i = 0; i < 1000; i++) {
    if (n == cap) {
      long *p = array_grow(items, &cap, n + 1, sizeof *p);
      assert_non_null(p);
      items = p;
    }
    items[n++] = i;
  }
  /* 8, 16, ... 1024: the first power of two from 8 that holds 1000 */
  assert_int_equal(cap, 1024);
  for (long i = 0; i < 1000; i++)
    assert_int_equal(items[i], i);
  /* asking for what is there changes nothing */
  assert_ptr_equal(array_grow(items, &cap, 10, sizeof *items), items);
  assert_int_equal(cap, 1024);
  free(items);
}

static void overflow_is_refused_and_the_array_kept(void **state)
{
  (void)state;
  size_t cap = 8;
  char *items = malloc(8);
  assert_non_null(items);
  assert_null(array_grow(items, &cap, SIZE_MAX / 2 + 2, 1));
  assert_int_equal(cap, 8);
  assert_null(array_grow(items, &cap, 16, SIZE_MAX / 4));
  assert_int_equal(cap, 8);
  free(items); /* still the caller's */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(grows_by_doubling_and_keeps_contents),
      cmocka_unit_test(overflow_is_refused_and_the_array_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
