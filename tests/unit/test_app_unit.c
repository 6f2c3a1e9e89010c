/* test_app_unit.c: the units' operations — the lists are read by every user, whatever its
 * territory; only a national administrator imports them, audited; each unit comes with its
 * parent named.
 *
 * Expected values are from the official lists in data/units: 086 is huyện Bảo Thắng of old
 * Lào Cai (10); 15 is Yên Bái until 30/06/2025 and Lào Cai from 01/07/2025; 01 is Hà Nội. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_unit.h"
#include "store/store.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
  struct scope officer; /* cb.sapa: officer of phường Sa Pa (post2025:03006) */
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "units.db"))
    return -1;
  tu_add_user(&f->officer, f->st, &f->admin, "cb.sapa", "officer", "03006");
  return 0;
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

/* The level a unit has in its tree. */
static void levels_are_named_by_tree(void **state)
{
  (void)state;
  assert_string_equal(unit_level_name("pre2025", 1), "province");
  assert_string_equal(unit_level_name("pre2025", 2), "district");
  assert_string_equal(unit_level_name("pre2025", 3), "commune");
  assert_string_equal(unit_level_name("post2025", 2), "commune");
  assert_string_equal(unit_level_name("post2025", 3), "");
}

/* Only a national administrator imports the lists; the import is audited as that user. */
static void only_a_national_administrator_imports(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15");
  struct unit_import_stats s;
  struct err err = {0};
  long rows = tu_count(f->st, "SELECT count(*) FROM audit_log");
  assert_int_equal(app_unit_import(&s, f->st, &f->officer, NULL, &err), ERR_DENIED);
  assert_int_equal(app_unit_import(&s, f->st, &prov_admin, NULL, &err), ERR_DENIED);
  assert_int_equal(s.units, 0);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log"), rows);
  assert_int_equal(app_unit_import(&s, f->st, &f->admin, tu_source_path("data/units"), &err),
                   ERR_OK);
  assert_true(s.units > 10000); /* both trees: over ten thousand communes */
  char action[64], actor[64];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "unit.import");
  assert_string_equal(actor, "admin");
  assert_int_equal(rid, 0);
}

/* A commune officer finds and shows units far outside its territory: the lists are public. */
static void every_user_reads_every_unit(void **state)
{
  struct fx *f = *state;
  struct unit_item_list l;
  struct err err = {0};
  assert_int_equal(app_unit_find(&l, f->st, &f->officer, "bao thang", "2024-01-01", &err), ERR_OK);
  assert_true(l.n >= 1);
  assert_string_equal(l.items[0].unit.code, "086");
  assert_string_equal(l.items[0].parent, "tỉnh Lào Cai");
  unit_item_list_free(&l);
  struct unit_item it;
  assert_int_equal(app_unit_show(&it, f->st, &f->officer, NULL, "01", NULL, &err), ERR_OK);
  assert_string_equal(it.unit.name, "Hà Nội");
  assert_string_equal(it.parent, "");
  /* 15 alone names two provinces; a date or a tree decides */
  assert_int_equal(app_unit_show(&it, f->st, &f->officer, NULL, "15", NULL, &err), ERR_INPUT);
  assert_int_equal(app_unit_show(&it, f->st, &f->officer, NULL, "15", "2024-05-01", &err), ERR_OK);
  assert_string_equal(it.unit.name, "Yên Bái");
  assert_int_equal(app_unit_show(&it, f->st, &f->officer, "post2025", "15", NULL, &err), ERR_OK);
  assert_string_equal(it.unit.name, "Lào Cai");
  assert_int_equal(app_unit_show(&it, f->st, &f->officer, NULL, "99", NULL, &err), ERR_NOT_FOUND);
}

/* The tree of a unit gone since the reform is shown as it stood last. */
static void a_tree_of_an_old_unit_is_shown_as_it_stood(void **state)
{
  struct fx *f = *state;
  struct unit_list l;
  struct unit taken;
  struct err err = {0};
  assert_int_equal(app_unit_tree(&l, &taken, f->st, &f->officer, NULL, "10", NULL, &err), ERR_OK);
  assert_string_equal(taken.tree, "pre2025");
  assert_true(l.n > 1);
  assert_string_equal(l.items[0].code, "10");
  int has_086 = 0;
  for (size_t i = 0; i < l.n; i++)
    has_086 |= strcmp(l.items[i].code, "086") == 0 && l.items[i].level == 2;
  assert_true(has_086);
  unit_list_free(&l);
  assert_int_equal(app_unit_tree(&l, NULL, f->st, &f->officer, NULL, "99", NULL, &err),
                   ERR_NOT_FOUND);
}

/* Bảo Thắng went into six new communes, each partly, all in new Lào Cai. */
static void successors_come_with_kind_and_parent(void **state)
{
  struct fx *f = *state;
  struct unit_item_list l;
  struct err err = {0};
  assert_int_equal(app_unit_successors(&l, f->st, &f->officer, "086", &err), ERR_OK);
  assert_int_equal(l.n, 6);
  for (size_t i = 0; i < l.n; i++) {
    assert_string_equal(l.items[i].kind, "partial");
    assert_string_equal(l.items[i].unit.tree, "post2025");
    assert_string_equal(l.items[i].parent, "tỉnh Lào Cai");
    assert_true(l.items[i].via[0] != '\0'); /* a district's successors come through a commune */
  }
  unit_item_list_free(&l);
  assert_int_equal(app_unit_successors(&l, f->st, &f->officer, "99999", &err), ERR_NOT_FOUND);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(levels_are_named_by_tree),
      cmocka_unit_test_setup_teardown(only_a_national_administrator_imports, setup, teardown),
      cmocka_unit_test_setup_teardown(every_user_reads_every_unit, setup, teardown),
      cmocka_unit_test_setup_teardown(a_tree_of_an_old_unit_is_shown_as_it_stood, setup, teardown),
      cmocka_unit_test_setup_teardown(successors_come_with_kind_and_parent, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
