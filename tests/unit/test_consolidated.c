/* test_consolidated.c: the per-unit table's totals and the small-count rule
 * of the consolidated report, on a table written by hand: counts add up, a
 * ratio's total is the ratio of the totals, and a ratio whose part is
 * hidden is hidden with it (it would give the part back). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/consolidated.h"

/* Three communes of a province; every column empty but the ones set. */
static void table(struct consolidated *c)
{
  memset(c, 0, sizeof *c);
  c->cols = indicator_catalogue(&c->n_cols);
  c->unit.id = 1;
  c->unit.level = 1; /* a province: its own figures are never hidden */
  struct err err = {0};
  assert_int_equal(consolidated_row_init(&c->total, c->n_cols, &err), ERR_OK);
  c->units = calloc(3, sizeof *c->units);
  assert_non_null(c->units);
  c->n_units = 3;
  for (size_t i = 0; i < 3; i++) {
    c->units[i].unit.level = 3;
    assert_int_equal(consolidated_row_init(&c->units[i], c->n_cols, &err), ERR_OK);
  }
}

static void put(struct consolidated *c, const char *code, double a, double b, double d)
{
  size_t k = consolidated_col(c, code);
  assert_true(k < c->n_cols);
  double v[3] = {a, b, d};
  for (size_t i = 0; i < 3; i++) {
    c->units[i].values[k] = v[i];
    c->units[i].has[k] = 1;
  }
}

static const struct cons_unit_row *total(const struct consolidated *c)
{
  return &c->total;
}

/* consolidated_free owns the rows, the units and the figures. */
static void release(struct consolidated *c)
{
  consolidated_free(c);
}

/* users managed 2 + 10 + 30 = 42 of 8 + 20 + 40 = 68 registered: the
 * province's ratio is 4200/68 = 61.76..., not the mean of 25, 50, 75. */
static void totals_add_counts_and_weigh_ratios(void **state)
{
  (void)state;
  struct consolidated c;
  table(&c);
  put(&c, "users_managed", 2, 10, 30);
  put(&c, "users_registered", 8, 20, 40);
  put(&c, "users_managed_ratio", 25, 50, 75);
  consolidated_totals(&c);
  size_t m = consolidated_col(&c, "users_managed"), r = consolidated_col(&c, "users_registered"),
         q = consolidated_col(&c, "users_managed_ratio"),
         d = consolidated_col(&c, "cases_detected");
  assert_true(total(&c)->has[m] && total(&c)->has[r] && total(&c)->has[q]);
  assert_true(total(&c)->values[m] == 42 && total(&c)->values[r] == 68);
  assert_true(fabs(total(&c)->values[q] - 4200.0 / 68) < 1e-12);
  assert_false(total(&c)->has[d]); /* no unit has a figure: no total, not 0 */
  release(&c);
}

static void a_ratio_hides_with_its_part(void **state)
{
  (void)state;
  struct consolidated c;
  table(&c);
  c.suppress = 1;
  put(&c, "users_managed", 2, 10, 30);        /* 2 is hidden, alone: the total too */
  put(&c, "users_registered", 8, 20, 40);     /* nothing small */
  put(&c, "users_managed_ratio", 25, 50, 75); /* 25% of 8 gives the 2 back */
  put(&c, "cases_detected", 1, 3, 9);         /* two hidden, 1 + 3 = 4: the total stays */
  consolidated_totals(&c);
  struct cons_figure fig[2] = {{"users_managed", "", "người", 1, 0, 42, 0, 0, 0},
                               {"users_managed_ratio", "", "%", 1, 0, 4200.0 / 68, 0, 0, 0}};
  c.figures = malloc(sizeof fig);
  assert_non_null(c.figures);
  memcpy(c.figures, fig, sizeof fig);
  c.n_figures = 2;
  consolidated_suppress(&c);
  size_t m = consolidated_col(&c, "users_managed"), r = consolidated_col(&c, "users_registered"),
         q = consolidated_col(&c, "users_managed_ratio"),
         d = consolidated_col(&c, "cases_detected");
  /* the counts, as domain/suppress.h decides */
  assert_true(c.units[0].hidden[m] && !c.units[1].hidden[m] && !c.units[2].hidden[m]);
  assert_true(total(&c)->hidden[m]);
  assert_true(!c.units[0].hidden[r] && !total(&c)->hidden[r]);
  assert_true(c.units[0].hidden[d] && c.units[1].hidden[d] && !c.units[2].hidden[d]);
  assert_false(total(&c)->hidden[d]);
  /* the ratio follows its numerator: the first commune and the total */
  assert_true(c.units[0].hidden[q] && !c.units[1].hidden[q] && !c.units[2].hidden[q]);
  assert_true(total(&c)->hidden[q]);
  /* the province's own figures: the count is the hidden total, the ratio follows it */
  assert_true(c.figures[0].hidden_now && c.figures[1].hidden_now);
  release(&c);
}

/* An officer (no suppression) sees every cell. */
static void nothing_hidden_without_the_rule(void **state)
{
  (void)state;
  struct consolidated c;
  table(&c);
  put(&c, "users_managed", 2, 10, 30);
  put(&c, "users_registered", 8, 20, 40);
  put(&c, "users_managed_ratio", 25, 50, 75);
  consolidated_totals(&c);
  consolidated_suppress(&c);
  for (size_t i = 0; i < 3; i++)
    for (size_t k = 0; k < c.n_cols; k++)
      assert_false(c.units[i].hidden[k]);
  release(&c);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(totals_add_counts_and_weigh_ratios),
      cmocka_unit_test(a_ratio_hides_with_its_part),
      cmocka_unit_test(nothing_hidden_without_the_rule),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
