/* test_app_agency.c: the agency operations — words alone need no database; with the plan's
 * unit any user resolves, whatever its territory; the tree follows the date; the kinds.
 *
 * 524 is huyện Bình Sơn of Quảng Ngãi (51) in the pre2025 tree; new-tree communes have five
 * digits, so 524 names nothing there. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_agency.h"
#include "store/store.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  return tu_open_app_db(&f->st, &f->admin, f->dir, "agency.db");
}

static int teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* Without a plan unit: the words alone, no database, no caller. */
static void words_need_no_database(void **state)
{
  (void)state;
  struct agency_ref r;
  struct err err = {0};
  struct app_agency_in in = {"Sở LĐTBXH", NULL, NULL, NULL};
  assert_int_equal(app_agency_resolve(&r, NULL, NULL, &in, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_LABOUR_SOCIAL);
  assert_int_equal(r.level, AGENCY_LEVEL_PROVINCE);
  assert_string_equal(r.unit_code, "");
  struct app_agency_in none = {"Báo cáo kết quả", NULL, NULL, NULL};
  assert_int_equal(app_agency_resolve(&r, NULL, NULL, &none, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_NONE);
  assert_int_equal(r.is_group, 0);
  struct app_agency_in empty = {"", NULL, NULL, NULL};
  assert_int_equal(app_agency_resolve(&r, NULL, NULL, &empty, &err), ERR_INPUT);
  /* a plan unit needs the database */
  struct app_agency_in unit = {"Công an tỉnh", "524", NULL, "2024-03-05"};
  assert_int_equal(app_agency_resolve(&r, NULL, NULL, &unit, &err), ERR_INTERNAL);
}

/* A commune officer of Sa Pa resolves names in a Quảng Ngãi plan; the date picks the tree. */
static void any_user_resolves_in_any_plan_unit(void **state)
{
  struct fx *f = *state;
  struct scope officer;
  tu_add_user(&officer, f->st, &f->admin, "cb.sapa", "officer", "03006");
  struct agency_ref r;
  struct err err = {0};
  struct app_agency_in police = {"Công an tỉnh", "524", NULL, "2024-03-05"};
  assert_int_equal(app_agency_resolve(&r, f->st, &officer, &police, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_POLICE);
  assert_string_equal(r.unit_tree, "pre2025");
  assert_string_equal(r.unit_code, "51");
  struct app_agency_in youth = {"Huyện Đoàn Bình Sơn", "524", NULL, "2024-03-05"};
  assert_int_equal(app_agency_resolve(&r, f->st, &officer, &youth, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_YOUTH_UNION);
  assert_string_equal(r.unit_code, "524");
  assert_string_equal(r.unit_name, "huyện Bình Sơn");
  /* without a date the tree is today's, where 524 names no unit; --tree pre2025 finds it */
  struct app_agency_in today = {"Công an tỉnh", "524", NULL, NULL};
  assert_int_equal(app_agency_resolve(&r, f->st, &officer, &today, &err), ERR_NOT_FOUND);
  struct app_agency_in old = {"Công an tỉnh", "524", "pre2025", NULL};
  assert_int_equal(app_agency_resolve(&r, f->st, &officer, &old, &err), ERR_OK);
  assert_string_equal(r.unit_code, "51");
  struct app_agency_in unknown = {"Công an huyện", "99999", NULL, "2024-03-05"};
  assert_int_equal(app_agency_resolve(&r, f->st, &officer, &unknown, &err), ERR_NOT_FOUND);
}

/* Thirty kinds, police first and other last, none empty. */
static void the_kinds_are_the_label_table(void **state)
{
  (void)state;
  const struct label *k;
  size_t n;
  app_agency_kinds(&k, &n);
  assert_int_equal(n, AGENCY_KIND_COUNT - 1);
  assert_int_equal(n, 30);
  assert_string_equal(k[0].code, "police");
  assert_string_equal(k[0].vi, "Công an");
  assert_string_equal(k[n - 1].code, "other");
  for (size_t i = 0; i < n; i++)
    assert_true(k[i].code[0] && k[i].vi[0]);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(words_need_no_database),
      cmocka_unit_test_setup_teardown(any_user_resolves_in_any_plan_unit, setup, teardown),
      cmocka_unit_test(the_kinds_are_the_label_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
