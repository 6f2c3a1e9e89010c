/* test_units.c: importing the official unit lists and finding units as
 * people write them. Expected codes were looked up by hand in data/units. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/unit.h"
#include "ingest/csv.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_units.h"

struct fixture {
  char *dir;
  struct store *st;
};

static struct fixture *shared; /* one imported database for the read-only tests */

static struct store *open_fresh(const char *dir, const char *name)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  return st;
}

static int group_setup(void **state)
{
  (void)state;
  shared = calloc(1, sizeof *shared);
  shared->dir = tu_tempdir();
  shared->st = open_fresh(shared->dir, "units.db");
  struct err err = {0};
  struct unit_import_stats s;
  if (tu_unit_import(shared->st, tu_source_path("data/units"), &s, &err)) {
    fprintf(stderr, "import failed: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  store_close(shared->st);
  tu_rmtree(shared->dir);
  free(shared->dir);
  free(shared);
  return 0;
}

/* Index of the unit (tree, code) in a list, or -1. */
static int index_of(const struct unit_list *l, const char *tree, const char *code)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].tree, tree) == 0 && strcmp(l->items[i].code, code) == 0)
      return (int)i;
  return -1;
}

static void import_counts_match_the_official_lists(void **state)
{
  (void)state;
  long n = 0;
  assert_int_equal(store_unit_count(&n, shared->st, NULL), ERR_OK);
  /* 63 + 696 + 10,047 before the reform; 34 + 3,321 after (data/units/README.md). */
  assert_int_equal(n, 63 + 696 + 10047 + 34 + 3321);
}

static void import_is_idempotent(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  struct store *st = open_fresh(dir, "twice.db");
  struct err err = {0};
  struct unit_import_stats a, b;
  assert_int_equal(tu_unit_import(st, tu_source_path("data/units"), &a, &err), ERR_OK);
  struct unit_list before;
  assert_int_equal(unit_tree(&before, st, UNIT_TREE_OLD, "10", NULL, &err), ERR_OK);
  assert_int_equal(tu_unit_import(st, tu_source_path("data/units"), &b, &err), ERR_OK);
  assert_int_equal(a.units, b.units);
  assert_int_equal(a.successions, 10667);
  long n = 0;
  store_unit_count(&n, st, NULL);
  assert_int_equal(n, a.units);
  struct unit_list after;
  assert_int_equal(unit_tree(&after, st, UNIT_TREE_OLD, "10", NULL, &err), ERR_OK);
  assert_int_equal(before.n, after.n);
  for (size_t i = 0; i < before.n; i++) {
    assert_int_equal(before.items[i].id, after.items[i].id);
    assert_string_equal(before.items[i].name, after.items[i].name);
  }
  unit_list_free(&before);
  unit_list_free(&after);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
}

static void bad_file_is_refused_whole_with_its_line(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  char cmd[8400];
  /* A copy of the bundled lists with one bad code on line 3 of the old tree. */
  snprintf(cmd, sizeof cmd,
           "cp '%s'/*.csv '%s'/ && sed -i '3s/^02,/2x,/' '%s/units-until-2025-06-30.csv'",
           tu_source_path("data/units"), dir, dir);
  assert_int_equal(system(cmd), 0);
  struct store *st = open_fresh(dir, "bad.db");
  struct err err = {0};
  assert_int_equal(tu_unit_import(st, dir, NULL, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "dòng 3"));
  assert_non_null(strstr(err.msg, "2x"));
  long n = -1;
  store_unit_count(&n, st, NULL);
  assert_int_equal(n, 0);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
}

static void missing_folder_is_an_error(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  struct store *st = open_fresh(dir, "none.db");
  struct err err = {0};
  assert_int_equal(tu_unit_import(st, "/nonexistent/units", NULL, &err), ERR_IO);
  assert_non_null(strstr(err.msg, "/nonexistent/units"));
  store_close(st);
  tu_rmtree(dir);
  free(dir);
}

static void find_province_without_type_word(void **state)
{
  (void)state;
  struct unit_list l;
  struct err err = {0};
  assert_int_equal(unit_find(&l, shared->st, "lao cai", NULL, &err), ERR_OK);
  assert_true(l.n >= 2);
  /* Provinces first, the one in force today first of all. */
  assert_string_equal(l.items[0].tree, UNIT_TREE_NEW);
  assert_string_equal(l.items[0].code, "15");
  assert_string_equal(l.items[0].type, "tỉnh");
  assert_string_equal(l.items[1].tree, UNIT_TREE_OLD);
  assert_string_equal(l.items[1].code, "10");
  assert_true(index_of(&l, UNIT_TREE_OLD, "080") > 1); /* the old city comes later */
  unit_list_free(&l);
}

static void find_old_district_by_folded_name(void **state)
{
  (void)state;
  struct unit_list l;
  assert_int_equal(unit_find(&l, shared->st, "bao thang", NULL, NULL), ERR_OK);
  int i = index_of(&l, UNIT_TREE_OLD, "086");
  assert_true(i >= 0);
  assert_string_equal(l.items[i].type, "huyện");
  assert_string_equal(l.items[i].name, "Bảo Thắng");
  assert_string_equal(l.items[i].valid_to, "2025-06-30");
  assert_string_equal(l.items[i].parent_code, "10");
  unit_list_free(&l);
  /* Asked as of 2024, only the old tree answers; as of today, the district is gone. */
  assert_int_equal(unit_find(&l, shared->st, "huyện bảo thắng", "2024-05-01", NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].code, "086");
  unit_list_free(&l);
  assert_int_equal(unit_find(&l, shared->st, "huyện bảo thắng", "2026-11-23", NULL), ERR_OK);
  assert_int_equal(index_of(&l, UNIT_TREE_OLD, "086"), -1);
  unit_list_free(&l);
}

static void find_city_with_type_word_in_any_form(void **state)
{
  (void)state;
  const char *forms[] = {"tp lao cai", "TP. Lào Cai", "thành phố Lào Cai", "THANH PHO LAO CAI"};
  for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    struct unit_list l;
    assert_int_equal(unit_find(&l, shared->st, forms[f], NULL, NULL), ERR_OK);
    assert_true(l.n >= 1);
    assert_string_equal(l.items[0].tree, UNIT_TREE_OLD);
    assert_string_equal(l.items[0].code, "080");
    assert_string_equal(l.items[0].type, "thành phố");
    /* The type word restricts: no province, no ward named Lào Cai. */
    assert_int_equal(index_of(&l, UNIT_TREE_NEW, "15"), -1);
    assert_int_equal(index_of(&l, UNIT_TREE_NEW, "02647"), -1);
    unit_list_free(&l);
  }
}

static void find_ignores_tone_mark_placement(void **state)
{
  (void)state;
  /* The province is written "Hoà Bình" in the data, the city "Hòa Bình". */
  struct unit_list l;
  assert_int_equal(unit_find(&l, shared->st, "tỉnh Hòa Bình", "2024-01-01", NULL), ERR_OK);
  assert_true(l.n >= 1);
  assert_string_equal(l.items[0].code, "17");
  unit_list_free(&l);
  assert_int_equal(unit_find(&l, shared->st, "thành phố Hoà Bình", "2024-01-01", NULL), ERR_OK);
  assert_true(l.n >= 1);
  assert_string_equal(l.items[0].code, "148");
  unit_list_free(&l);
}

static void dated_type_change(void **state)
{
  (void)state;
  struct unit u;
  struct err err = {0};
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_NEW, "75", "2026-01-01", &err), ERR_OK);
  assert_string_equal(u.type, "tỉnh");
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_NEW, "75", "2026-11-23", &err), ERR_OK);
  assert_string_equal(u.type, "thành phố");
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_NEW, "75", NULL, &err), ERR_OK);
  assert_string_equal(u.type, "thành phố");
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_NEW, "26248", "2026-11-23", &err), ERR_OK);
  assert_string_equal(u.type, "phường");
  assert_string_equal(u.name, "Trảng Bom");
  /* The old unit 75 is the old Đồng Nai province, a different unit. */
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_OLD, "75", "2024-01-01", &err), ERR_OK);
  assert_string_equal(u.type, "tỉnh");
  /* "thành phố Đồng Nai" finds it only after the change. */
  struct unit_list l;
  assert_int_equal(unit_find(&l, shared->st, "thành phố Đồng Nai", "2026-11-23", NULL), ERR_OK);
  assert_true(l.n >= 1);
  assert_string_equal(l.items[0].code, "75");
  unit_list_free(&l);
  assert_int_equal(unit_find(&l, shared->st, "thành phố Đồng Nai", "2026-01-01", NULL), ERR_OK);
  assert_int_equal(index_of(&l, UNIT_TREE_NEW, "75"), -1);
  unit_list_free(&l);
}

static void get_rejects_unknown_and_bad_input(void **state)
{
  (void)state;
  struct unit u;
  struct err err = {0};
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_OLD, "99999", NULL, &err), ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "99999"));
  assert_int_equal(unit_get(&u, shared->st, "1990", "10", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_OLD, "", NULL, &err), ERR_INPUT);
  /* Lào Cai old province did not exist any more in 2026. */
  assert_int_equal(unit_get(&u, shared->st, UNIT_TREE_OLD, "10", "2026-01-01", &err),
                   ERR_NOT_FOUND);
}

static void find_rejects_bad_queries(void **state)
{
  (void)state;
  struct unit_list l;
  struct err err = {0};
  assert_int_equal(unit_find(&l, shared->st, "", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_find(&l, shared->st, "  ,. ", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_find(&l, shared->st, "L\xC3\x28o", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_find(&l, shared->st, NULL, NULL, &err), ERR_INPUT);
  assert_int_equal(unit_find(&l, shared->st, "lao cai", "31/02/2024", &err), ERR_INPUT);
  /* A very long query is answered, with nothing found. */
  size_t n = 200000;
  char *q = malloc(n + 1);
  memset(q, 'a', n);
  q[n] = '\0';
  assert_int_equal(unit_find(&l, shared->st, q, NULL, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  free(q);
}

/* Count the communes of the old province `prov` by reading the CSV directly. */
static size_t count_old_subtree(const char *prov)
{
  struct csv_reader r;
  assert_int_equal(csv_open_file(&r, tu_source_path("data/units/units-until-2025-06-30.csv"), NULL),
                   ERR_OK);
  struct csv_row row;
  char districts[64][8];
  size_t nd = 0, count = 1;
  csv_next(&r, &row, NULL);
  while (csv_next(&r, &row, NULL) == 1) {
    if (strcmp(row.fields[3], "2") == 0 && strcmp(row.fields[4], prov) == 0) {
      snprintf(districts[nd++], 8, "%s", row.fields[0]);
      count++;
    } else if (strcmp(row.fields[3], "3") == 0) {
      for (size_t i = 0; i < nd; i++)
        if (strcmp(row.fields[4], districts[i]) == 0)
          count++;
    }
  }
  csv_close(&r);
  return count;
}

static void tree_lists_descendants_depth_first_in_vietnamese_order(void **state)
{
  (void)state;
  struct unit_list l;
  struct err err = {0};
  assert_int_equal(unit_tree(&l, shared->st, UNIT_TREE_OLD, "10", "2024-01-01", &err), ERR_OK);
  assert_int_equal(l.n, count_old_subtree("10"));
  assert_string_equal(l.items[0].code, "10");
  /* Districts in Vietnamese order, each followed by its communes. */
  const char *want[] = {"Bảo Thắng",    "Bảo Yên", "Bát Xát",   "Bắc Hà", "Lào Cai",
                        "Mường Khương", "Sa Pa",   "Si Ma Cai", "Văn Bàn"};
  size_t k = 0;
  for (size_t i = 1; i < l.n; i++) {
    if (l.items[i].level == 2) {
      assert_true(k < 9);
      assert_string_equal(l.items[i].name, want[k++]);
    } else {
      assert_int_equal(l.items[i].level, 3);
      /* A commune's parent is the last district listed before it. */
      size_t j = i;
      while (l.items[j].level != 2)
        j--;
      assert_string_equal(l.items[i].parent_code, l.items[j].code);
    }
  }
  assert_int_equal(k, 9);
  unit_list_free(&l);
  /* The old province does not exist in 2026. */
  assert_int_equal(unit_tree(&l, shared->st, UNIT_TREE_OLD, "10", "2026-01-01", &err),
                   ERR_NOT_FOUND);
}

static void successors_of_province_commune_and_district(void **state)
{
  (void)state;
  struct unit_successor_list l;
  struct err err = {0};
  /* Old Lào Cai (10) went whole into new Lào Cai (15). */
  assert_int_equal(unit_successors(&l, shared->st, "10", &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].unit.code, "15");
  assert_string_equal(l.items[0].kind, "full");
  unit_successor_list_free(&l);
  /* Old xã Bảo Thắng (16846, Nghệ An) went whole into 16855. */
  assert_int_equal(unit_successors(&l, shared->st, "16846", &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].unit.code, "16855");
  assert_string_equal(l.items[0].kind, "full");
  unit_successor_list_free(&l);
  /* Old huyện Bảo Thắng (086) has no rows itself: its 14 communes went into
   * six new communes, each of which took part of the district. */
  assert_int_equal(unit_successors(&l, shared->st, "086", &err), ERR_OK);
  assert_int_equal(l.n, 6);
  const char *want[] = {"02647", "02902", "02905", "02908", "02923", "02926"};
  for (size_t i = 0; i < 6; i++) {
    int found = 0;
    for (size_t j = 0; j < l.n; j++)
      found |= strcmp(l.items[j].unit.code, want[i]) == 0;
    assert_true(found);
    assert_string_equal(l.items[i].kind, "partial");
    assert_string_equal(l.items[i].unit.tree, UNIT_TREE_NEW);
  }
  unit_successor_list_free(&l);
  assert_int_equal(unit_successors(&l, shared->st, "00000", &err), ERR_NOT_FOUND);
}

static void tree_in_force_by_date(void **state)
{
  (void)state;
  assert_string_equal(unit_tree_at("2025-06-30"), UNIT_TREE_OLD);
  assert_string_equal(unit_tree_at("2025-07-01"), UNIT_TREE_NEW);
  assert_string_equal(unit_tree_at(NULL), UNIT_TREE_NEW);
}

/* Code 15 is old Yên Bái (until 30/06/2025) and new Lào Cai (old Lào Cai 10
 * + Yên Bái, from 01/07/2025): data/units lists both. */
static void bare_code_is_resolved_by_the_date_it_is_used_for(void **state)
{
  (void)state;
  struct unit u;
  struct err err = {0};
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "15", "2024-05-01", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_OLD);
  assert_string_equal(u.name, "Yên Bái");
  assert_int_equal(unit_resolve(&u, shared->st, "", "15", "2026-01-01", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_NEW);
  assert_string_equal(u.name, "Lào Cai");
  /* the last day of the old tree, the first of the new one */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "15", "30/06/2025", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_OLD);
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "15", "2025-07-01", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_NEW);
  /* a tree given wins over the date */
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_OLD, "15", "2026-01-01", &err), ERR_OK);
  assert_string_equal(u.name, "Yên Bái");
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_NEW, "15", "2024-05-01", &err), ERR_OK);
  assert_string_equal(u.name, "Lào Cai");
  /* the name and type in force on the date: Đồng Nai became a city in 2026 */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "75", "2026-01-01", &err), ERR_OK);
  assert_string_equal(u.type, "tỉnh");
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "75", "2026-08-01", &err), ERR_OK);
  assert_string_equal(u.type, "thành phố");
}

static void bare_code_of_one_tree_names_that_unit(void **state)
{
  (void)state;
  struct unit u;
  struct err err = {0};
  /* old Lào Cai's code 10 was not reused: it names old Lào Cai on any date */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "10", "2026-01-01", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_OLD);
  assert_string_equal(u.name, "Lào Cai");
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "10", UNIT_NO_DATE, &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_OLD);
  /* 11948 is a code only the new tree has */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "11948", "2024-01-01", &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_NEW);
  /* but a tree given must have it */
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_NEW, "10", NULL, &err), ERR_NOT_FOUND);
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "99", NULL, &err), ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "không có đơn vị mã 99"));
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "1a", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_resolve(&u, shared->st, "1990", "15", NULL, &err), ERR_INPUT);
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "15", "31/02/2024", &err), ERR_INPUT);
}

static void bare_code_without_a_date_is_refused_when_it_names_two_units(void **state)
{
  (void)state;
  struct unit u;
  struct err err = {0};
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "15", UNIT_NO_DATE, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "mã 15 là tỉnh Yên Bái (đến 30/06/2025) hoặc tỉnh Lào Cai "
                                  "(từ 01/07/2025)"));
  assert_non_null(strstr(err.msg, "--tree pre2025"));
  /* commune 00004: old Trúc Bạch, new Ba Đình (Trúc Bạch and parts of others) */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "00004", UNIT_NO_DATE, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "Trúc Bạch"));
  assert_non_null(strstr(err.msg, "Ba Đình"));
  /* Hà Nội 01 went whole into Hà Nội 01, which took nothing else: one
   * territory, so no question: today's unit */
  assert_int_equal(unit_resolve(&u, shared->st, NULL, "01", UNIT_NO_DATE, &err), ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_NEW);
  /* with the tree given there is no question either */
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_OLD, "15", UNIT_NO_DATE, &err), ERR_OK);
  assert_string_equal(u.name, "Yên Bái");
}

static void unit_label_says_which_unit_and_when(void **state)
{
  (void)state;
  struct unit u;
  char buf[300];
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_NEW, "15", NULL, NULL), ERR_OK);
  assert_string_equal(unit_label(buf, sizeof buf, &u),
                      "tỉnh Lào Cai (đơn vị hành chính từ 01/07/2025)");
  assert_int_equal(unit_resolve(&u, shared->st, UNIT_TREE_OLD, "15", NULL, NULL), ERR_OK);
  assert_string_equal(unit_label(buf, sizeof buf, &u),
                      "tỉnh Yên Bái (đơn vị hành chính đến 30/06/2025)");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(import_counts_match_the_official_lists),
      cmocka_unit_test(import_is_idempotent),
      cmocka_unit_test(bad_file_is_refused_whole_with_its_line),
      cmocka_unit_test(missing_folder_is_an_error),
      cmocka_unit_test(find_province_without_type_word),
      cmocka_unit_test(find_old_district_by_folded_name),
      cmocka_unit_test(find_city_with_type_word_in_any_form),
      cmocka_unit_test(find_ignores_tone_mark_placement),
      cmocka_unit_test(dated_type_change),
      cmocka_unit_test(get_rejects_unknown_and_bad_input),
      cmocka_unit_test(find_rejects_bad_queries),
      cmocka_unit_test(tree_lists_descendants_depth_first_in_vietnamese_order),
      cmocka_unit_test(successors_of_province_commune_and_district),
      cmocka_unit_test(tree_in_force_by_date),
      cmocka_unit_test(bare_code_is_resolved_by_the_date_it_is_used_for),
      cmocka_unit_test(bare_code_of_one_tree_names_that_unit),
      cmocka_unit_test(bare_code_without_a_date_is_refused_when_it_names_two_units),
      cmocka_unit_test(unit_label_says_which_unit_and_when),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
