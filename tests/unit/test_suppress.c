/* test_suppress.c: small counts and the totals that would give them back, worked by hand. */
#include "testutil.h"

#include "domain/suppress.h"

static void run(unsigned char *hidden, int *hide_total, const double *v, const unsigned char *local,
                size_t n)
{
  double total = 0;
  for (size_t i = 0; i < n; i++)
    total += v[i];
  struct suppress_column c = {v, local, n, total};
  suppress_column(hidden, hide_total, &c, SUPPRESS_BELOW);
}

/* 1 to 4 in a commune is hidden; 0 and 5 are shown; a province's 3 is shown. */
static void small_local_counts_are_hidden(void **state)
{
  (void)state;
  const double v[] = {0, 1, 4, 5, 3, 2.5};
  const unsigned char local[] = {1, 1, 1, 1, 0, 1};
  unsigned char h[6];
  int t;
  run(h, &t, v, local, 6);
  const unsigned char want[] = {0, 1, 1, 0, 0, 0};
  for (int i = 0; i < 6; i++)
    assert_int_equal(h[i], want[i]);
  /* two hidden (1 and 4, sum 5): 5 = 1 + 4 = 2 + 3 = 3 + 2 = 4 + 1: not pinned, total shown */
  assert_int_equal(t, 0);
}

/* One hidden cell: total 12, shown 10 -> the hidden 2 is total - shown: hide the total. */
static void one_hidden_cell_hides_the_total(void **state)
{
  (void)state;
  const double v[] = {10, 2};
  const unsigned char local[] = {1, 1};
  unsigned char h[2];
  int t;
  run(h, &t, v, local, 2);
  assert_int_equal(h[1], 1);
  assert_int_equal(t, 1);
}

/* Three hidden cells summing to 3 can only be 1 + 1 + 1; three summing to
 * 12 only 4 + 4 + 4: both pin the cells, the total is hidden. Three summing
 * to 6 (1+1+4, 2+2+2, ...) pin nothing. */
static void extreme_sums_pin_the_cells(void **state)
{
  (void)state;
  const unsigned char local[] = {1, 1, 1, 1};
  unsigned char h[4];
  int t;
  const double ones[] = {1, 1, 1, 20};
  run(h, &t, ones, local, 4);
  assert_int_equal(t, 1);
  const double fours[] = {4, 4, 4, 20};
  run(h, &t, fours, local, 4);
  assert_int_equal(t, 1);
  const double mixed[] = {1, 1, 4, 20};
  run(h, &t, mixed, local, 4);
  assert_int_equal(t, 0);
}

/* Nothing hidden: the total is shown. */
static void no_small_count_no_change(void **state)
{
  (void)state;
  const double v[] = {0, 7, 12};
  const unsigned char local[] = {1, 1, 1};
  unsigned char h[3];
  int t;
  run(h, &t, v, local, 3);
  assert_int_equal(h[0] + h[1] + h[2], 0);
  assert_int_equal(t, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(small_local_counts_are_hidden),
      cmocka_unit_test(one_hidden_cell_hides_the_total),
      cmocka_unit_test(extreme_sums_pin_the_cells),
      cmocka_unit_test(no_small_count_no_change),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
