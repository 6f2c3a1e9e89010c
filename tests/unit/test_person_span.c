/* test_person_span.c: the derived rows behind the people indicators.
 *
 * The aggregation rules themselves are tested in test_indicators.c on a
 * hand-built dataset; this file tests what only the derivation decides: a
 * voided move, events on the same day, a merge, a death, and the one-time
 * derivation of a database upgraded from schema 8. Expectations are counted
 * by hand from the histories written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "domain/person.h"
#include "domain/person_span.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_spans.h"
#include "testutil.h"

#define TODAY     "2026-11-23"
#define NGHE_AN   "16846" /* an old commune of Nghệ An */
#define PHUC_XA   "00001" /* phường Phúc Xá, Hà Nội (old tree) */
#define TRUC_BACH "00004" /* phường Trúc Bạch, Hà Nội (old tree) */

static char *dir;
static struct store *st;
static struct scope admin;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_units_db(&st, &admin, dir, "span.db"))
    return -1;
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* The value of indicator `code` (no split) for an old-tree unit or, with a
 * NULL code, the whole country, in period. */
static double value(const char *unit, const char *period, const char *code)
{
  struct period p;
  assert_int_equal(period_parse(&p, period, NULL), ERR_OK);
  struct indicator_result_list l;
  struct err err = {0};
  if (indicator_compute(&l, st, &admin, unit ? UNIT_TREE_OLD : NULL, unit, &p, IND_SPLIT_NONE,
                        &err))
    fail_msg("compute: %s", err.msg);
  double v = NAN;
  for (size_t i = 0; i < l.n; i++)
    if (strcmp(l.items[i].def->code, code) == 0 && l.items[i].group[0] == '\0')
      v = l.items[i].value;
  indicator_result_list_free(&l);
  if (isnan(v))
    fail_msg("no value for %s", code);
  return v;
}

static void voided_move_keeps_the_person_home(void **state)
{
  (void)state;
  long a = tu_create_person(st, &admin, TODAY, "Đỗ Văn Dời", "1990-01-01", "male", NULL, NGHE_AN);
  tu_add_event(st, &admin, TODAY, a, PEV_CLASSIFIED, "2024-07-01", "user", NULL, NULL);
  long move = tu_add_event(st, &admin, TODAY, a, PEV_MOVED, "2024-08-10", PHUC_XA, NULL, NULL);
  /* before the void: counted in Phúc Xá on 30/9 */
  assert_int_equal((int)value(PHUC_XA, "2024-Q3", "users_registered"), 1);
  char ref[24];
  snprintf(ref, sizeof ref, "%ld", move);
  tu_add_event(st, &admin, TODAY, a, PEV_VOID, "2024-08-12", ref, NULL, "ghi nhầm");
  /* the move never happened: back in Nghệ An, classified there */
  assert_int_equal((int)value(PHUC_XA, "2024-Q3", "users_registered"), 0);
  assert_int_equal((int)value(NGHE_AN, "2024-Q3", "users_registered"), 1);
  assert_int_equal((int)value(NGHE_AN, "2024-Q3", "classified_new"), 1);
}

static void same_day_events_count_that_day(void **state)
{
  (void)state;
  /* classified and moved on 30/9: on 30/9 a user in Phúc Xá, classified there */
  long b = tu_create_person(st, &admin, TODAY, "Bùi Văn Cùng", "1991-02-02", "male", NULL, NGHE_AN);
  tu_add_event(st, &admin, TODAY, b, PEV_CLASSIFIED, "2024-09-30", "addict", NULL, NULL);
  tu_add_event(st, &admin, TODAY, b, PEV_MOVED, "2024-09-30", PHUC_XA, NULL, NULL);
  assert_int_equal((int)value(PHUC_XA, "2024-Q3", "addicts_registered"), 1);
  assert_int_equal((int)value(PHUC_XA, "2024-Q3", "classified_new"), 1);
  assert_int_equal((int)value(NGHE_AN, "2024-Q3", "addicts_registered"), 0);
  /* at the end of August: nothing yet */
  assert_int_equal((int)value(PHUC_XA, "2024-08", "addicts_registered"), 0);
}

static void death_ends_every_stock(void **state)
{
  (void)state;
  long c = tu_create_person(st, &admin, TODAY, "Lý Văn Mất", "1970-03-03", "male", NULL, TRUC_BACH);
  tu_add_event(st, &admin, TODAY, c, PEV_CLASSIFIED, "2024-10-01", "addict", NULL, NULL);
  tu_add_event(st, &admin, TODAY, c, PEV_DIED, "2024-11-20", NULL, NULL, NULL);
  assert_int_equal((int)value(TRUC_BACH, "2024-10", "addicts_registered"), 1);
  assert_int_equal((int)value(TRUC_BACH, "2024-11", "addicts_registered"), 0);
  assert_int_equal((int)value(TRUC_BACH, "2024-11", "deaths"), 1);
}

static void merge_counts_a_person_once(void **state)
{
  (void)state;
  double before = value(NULL, "2025-Q1", "drug_list_total");
  long d1 =
      tu_create_person(st, &admin, TODAY, "Mai Văn Trùng", "1988-04-04", "male", NULL, PHUC_XA);
  long d2 =
      tu_create_person(st, &admin, TODAY, "Mai Văn Trùng", "1988-04-04", "male", NULL, PHUC_XA);
  tu_add_event(st, &admin, TODAY, d1, PEV_CLASSIFIED, "2025-01-05", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, d2, PEV_CLASSIFIED, "2025-02-05", "user", NULL, NULL);
  assert_int_equal((int)(value(NULL, "2025-Q1", "drug_list_total") - before), 2);
  struct err err = {0};
  if (app_person_merge(st, &admin, d1, d2, TODAY, &err))
    fail_msg("merge: %s", err.msg);
  assert_int_equal((int)(value(NULL, "2025-Q1", "drug_list_total") - before), 1);
}

/* A database upgraded from schema 8 has people and no derived rows: pcmt
 * init derives them once, and the figures are those of a fresh database. */
static void upgrade_derives_once(void **state)
{
  (void)state;
  double users = value(NGHE_AN, "2024-Q3", "users_registered");
  double total = value(NULL, "2025-Q1", "drug_list_total");
  assert_true(total > 0);
  struct err err = {0};
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  assert_int_equal(store_span_clear(st, 0, LONG_MAX, &err), ERR_OK);
  assert_int_equal(store_span_set_built(st, 0, &err), ERR_OK);
  assert_int_equal(store_write_commit(st, &err), ERR_OK);
  assert_int_equal((int)value(NULL, "2025-Q1", "drug_list_total"), 0);
  assert_int_equal(person_derive_upgrade(st, &err), ERR_OK);
  int built = 0;
  assert_int_equal(store_span_built(&built, st, &err), ERR_OK);
  assert_int_equal(built, 1);
  assert_true(value(NGHE_AN, "2024-Q3", "users_registered") == users);
  assert_true(value(NULL, "2025-Q1", "drug_list_total") == total);
  /* built: a second call changes nothing */
  assert_int_equal(person_derive_upgrade(st, &err), ERR_OK);
  assert_true(value(NULL, "2025-Q1", "drug_list_total") == total);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(voided_move_keeps_the_person_home),
      cmocka_unit_test(same_day_events_count_that_day),
      cmocka_unit_test(death_ends_every_stock),
      cmocka_unit_test(merge_counts_a_person_once),
      cmocka_unit_test(upgrade_derives_once),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
