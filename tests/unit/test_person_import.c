/* test_person_import.c: a people file never changes who a person is.
 *
 * A row whose national ID is on record but whose name or birth date are not
 * the record's is refused with both (docs/registers.md, "Who a person is"),
 * on each path a row naming a stored person takes: a person stored before
 * the file (person_bulk.c found_row), a person created earlier in the same
 * file (the row-by-row person_import_row), and a national ID held by a
 * record merged into another. What the row may change — other cells, the
 * marks of the name — it changes; capitals, spacing and a name written
 * without its marks do not change the name on record.
 *
 * Units (data/units): post2025 02923 xã Gia Phú and 02902 xã Phong Hải. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "store/store.h"
#include "types/register.h"

#define TODAY "2026-11-23"

#define HEADER                                                                                     \
  "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ,Phân loại,Ngày phân loại\n"

static char *dir;
static struct store *st;
static struct scope admin;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return tu_open_units_db(&st, &admin, dir, "import.db");
}

static int teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* Import `text` as the people register; the result in *r (caller frees). */
static void import(struct reg_import_result *r, const char *text)
{
  struct err err = {0};
  const char *path = tu_write_file(dir, "people.csv", text);
  assert_int_equal(tu_import(r, st, &admin, "people", path, 0, TODAY, &err), ERR_OK);
}

/* The one record holding national ID `nid`, as "name|birth date|address". */
static const char *record_of(const char *nid)
{
  static char out[512];
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE national_id = '%s'", nid);
  assert_int_equal(tu_count(st, sql), 1);
  struct person_hit_list l;
  struct err err = {0};
  assert_int_equal(app_person_search(&l, st, &admin, nid, NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  snprintf(out, sizeof out, "%s|%s|%s", l.items[0].person.full_name, l.items[0].person.birth_date,
           l.items[0].person.address);
  person_hit_list_free(&l);
  return out;
}

static void expect_reason(const struct reg_import_result *r, long line, const char *a,
                          const char *b)
{
  const char *why = tu_reject_reason(r, line);
  if (!why)
    fail_msg("line %ld was not refused", line);
  if (!strstr(why, a) || !strstr(why, b))
    fail_msg("line %ld: \"%s\" does not name \"%s\" and \"%s\"", line, why, a, b);
}

/* A person stored before the file. */
static void a_stored_person_is_not_renamed(void **state)
{
  (void)state;
  struct reg_import_result r;
  import(&r, HEADER "010090007001,Nguyễn Văn Dũng,12/03/1990,Nam,02923,Thôn 1,,\n"
                    "010090007002,Lò Văn Pao,01/01/1991,Nam,02923,,,\n");
  assert_int_equal(r.inserted, 2);
  reg_import_result_free(&r);

  import(&r, HEADER
         /* line 2: another name on Dũng's ID */
         "010090007001,Trần Văn Bình,12/03/1990,Nam,02923,Thôn 9,Người nghiện ma túy,01/10/2025\n"
         /* line 3: another birth date */
         "010090007001,Nguyễn Văn Dũng,13/03/1990,Nam,02923,Thôn 9,,\n"
         /* line 4: capitals and spaces: Dũng; the address changes */
         "010090007001,NGUYỄN  VĂN DŨNG,12/03/1990,Nam,02923,Thôn 2,,\n"
         /* line 5: without marks: still Dũng, nothing else differs */
         "010090007001,Nguyen Van Dung,12/03/1990,Nam,02923,Thôn 2,,\n"
         /* line 6: the marks corrected: Páo */
         "010090007002,Lò Văn Páo,01/01/1991,Nam,02923,,,\n");
  expect_reason(&r, 2, "Nguyễn Văn Dũng", "Trần Văn Bình");
  expect_reason(&r, 3, "12/03/1990", "13/03/1990");
  assert_non_null(strstr(tu_reject_reason(&r, 2), "Số định danh"));
  assert_int_equal(r.n_rejects, 2);
  assert_int_equal(r.updated, 2);   /* lines 4 and 6 */
  assert_int_equal(r.unchanged, 1); /* line 5 */
  reg_import_result_free(&r);
  assert_string_equal(record_of("010090007001"), "Nguyễn Văn Dũng|1990-03-12|Thôn 2");
  assert_string_equal(record_of("010090007002"), "Lò Văn Páo|1991-01-01|");
  /* the refused row's classification went nowhere */
  assert_int_equal(tu_count(st, "SELECT count(*) FROM person_event e JOIN person p ON p.id = "
                                "e.person_id WHERE p.national_id = '010090007001'"),
                   0);
}

/* Two rows of one file with one ID: the second is not the first's person. */
static void a_person_of_the_same_file_is_not_renamed(void **state)
{
  (void)state;
  struct reg_import_result r;
  import(&r, HEADER "010090007101,Hoàng Văn Giang,01/01/1980,Nam,02902,,,\n"
                    "010090007101,Hoàng Thị Hoa,01/01/1980,Nữ,02902,,,\n"
                    "010090007101,Hoàng Văn Giang,01/01/1980,Nam,02902,Bản 3,,\n");
  assert_int_equal(r.inserted, 1);
  assert_int_equal(r.n_rejects, 1);
  expect_reason(&r, 3, "Hoàng Văn Giang", "Hoàng Thị Hoa");
  assert_int_equal(r.updated, 1);
  reg_import_result_free(&r);
  assert_string_equal(record_of("010090007101"), "Hoàng Văn Giang|1980-01-01|Bản 3");
}

/* B merged into A: B's ID leads to A; B's row names A by B's name (now one
 * of A's other names) or A's; a row with another name on B's ID is refused. */
static void a_merged_record_s_id_names_the_kept_person(void **state)
{
  (void)state;
  struct reg_import_result r;
  import(&r, HEADER "010090007201,Đinh Văn Khoa,02/02/1992,Nam,02923,,,\n"
                    "010090007202,Đinh Khoa,02/02/1992,Nam,02902,,,\n");
  assert_int_equal(r.inserted, 2);
  reg_import_result_free(&r);
  long a = tu_count(st, "SELECT id FROM person WHERE national_id = '010090007201'");
  long b = tu_count(st, "SELECT id FROM person WHERE national_id = '010090007202'");
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, a, b, TODAY, &err), ERR_OK);
  import(&r, HEADER "010090007202,Đinh Khoa,02/02/1992,Nam,02902,,Người nghiện ma "
                    "túy,01/10/2025\n"
                    "010090007202,Lường Thị Lan,02/02/1992,Nữ,02902,,Người nghiện ma túy,"
                    "02/10/2025\n");
  assert_int_equal(r.updated, 1); /* the classification of 01/10 */
  assert_int_equal(r.n_rejects, 1);
  expect_reason(&r, 3, "Đinh Văn Khoa", "Lường Thị Lan");
  reg_import_result_free(&r);
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person_event WHERE person_id = %ld", a);
  assert_int_equal(tu_count(st, sql), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(a_stored_person_is_not_renamed, setup, teardown),
      cmocka_unit_test_setup_teardown(a_person_of_the_same_file_is_not_renamed, setup, teardown),
      cmocka_unit_test_setup_teardown(a_merged_record_s_id_names_the_kept_person, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
