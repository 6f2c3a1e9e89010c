/* test_scope.c: a caller narrowed to a unit given by a bare code takes the
 * unit the code names today, and says which. Codes looked up by hand in
 * data/units: 15 is old Yên Bái until 30/06/2025 and new Lào Cai (old Lào
 * Cai 10 + Yên Bái) from 01/07/2025; 10 (old Lào Cai) was not reused; 02647
 * is an old commune of Lào Cai city that went into new commune 02647. The
 * tests read "today" from the clock: they assume it is after 01/07/2025. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_user.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_users.h"

struct fixture {
  char *dir;
  struct store *st;
  struct scope admin;
};

static int setup(void **state)
{
  struct fixture *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "scope.db"))
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fixture *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

static void narrowing_by_a_bare_code_takes_todays_unit(void **state)
{
  struct fixture *f = *state;
  struct scope sc;
  struct err err = {0};
  char label[300];
  assert_int_equal(app_caller_narrow(&sc, f->st, &f->admin, NULL, "15", &err), ERR_OK);
  assert_string_equal(sc.tree, UNIT_TREE_NEW);
  assert_int_equal(sc.unit_id, sc.unit.id);
  assert_string_equal(unit_label(label, sizeof label, &sc.unit),
                      "tỉnh Lào Cai (đơn vị hành chính từ 01/07/2025)");
  /* the tree given wins */
  assert_int_equal(app_caller_narrow(&sc, f->st, &f->admin, UNIT_TREE_OLD, "15", &err), ERR_OK);
  assert_string_equal(sc.unit.name, "Yên Bái");
  /* a code only the old tree has names the old unit */
  assert_int_equal(app_caller_narrow(&sc, f->st, &f->admin, "", "10", &err), ERR_OK);
  assert_string_equal(sc.tree, UNIT_TREE_OLD);
  assert_string_equal(unit_label(label, sizeof label, &sc.unit),
                      "tỉnh Lào Cai (đơn vị hành chính đến 30/06/2025)");
  assert_int_equal(app_caller_narrow(&sc, f->st, &f->admin, NULL, "99", &err), ERR_NOT_FOUND);
}

static void a_users_bare_code_is_stored_with_the_tree_it_was_read_in(void **state)
{
  struct fixture *f = *state;
  struct app_user_new in = {"cb.laocai", NULL, "officer", NULL, "15", NULL};
  long id;
  struct err err = {0};
  assert_int_equal(app_user_add(&id, f->st, &f->admin, &in, &err), ERR_OK);
  struct user u;
  assert_int_equal(store_user_get(&u, f->st, "cb.laocai", &err), ERR_OK);
  assert_string_equal(u.unit_tree, UNIT_TREE_NEW);
  assert_string_equal(u.unit_code, "15");
  /* the province officer sees old Yên Bái and old Lào Cai (they went into
   * new Lào Cai), not another province */
  struct scope officer, sc;
  assert_int_equal(app_caller_open(&officer, f->st, "cb.laocai", "kiểm thử", &err), ERR_OK);
  assert_string_equal(officer.unit.name, "Lào Cai");
  assert_int_equal(app_caller_narrow(&sc, f->st, &officer, UNIT_TREE_OLD, "15", &err), ERR_OK);
  assert_int_equal(app_caller_narrow(&sc, f->st, &officer, NULL, "10", &err), ERR_OK);
  assert_int_equal(app_caller_narrow(&sc, f->st, &officer, NULL, "01", &err), ERR_DENIED);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(narrowing_by_a_bare_code_takes_todays_unit, setup, teardown),
      cmocka_unit_test_setup_teardown(a_users_bare_code_is_stored_with_the_tree_it_was_read_in,
                                      setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
