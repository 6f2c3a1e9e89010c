/* test_app_register_record.c: the registers one record at a time — a record put through
 * the CSV import (its checks, its number-exists rule, the territory), read back by page
 * and by number, a personal register's read audited, no private file left behind.
 *
 * Units (data/units, today's tree): communes 03006 (phường Sa Pa) and 02671
 * (phường Cam Đường) of province 15 (Lào Cai). */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app.h"
#include "app/app_register_record.h"
#include "store/store.h"
#include "types/register.h"
#include "types/scope.h"

#define TODAY "2026-11-23"

struct fx {
  char *dir;
  char tmp[512]; /* TMPDIR while the test runs */
  struct store *st;
  struct scope admin;
  struct scope sapa;   /* officer of Sa Pa */
  struct scope camd;   /* officer of Cam Đường */
  struct scope leader; /* leader of the province */
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  snprintf(f->tmp, sizeof f->tmp, "%s/tmp", f->dir);
  mkdir(f->tmp, 0700);
  setenv("TMPDIR", f->tmp, 1);
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "r.db"))
    return -1;
  tu_add_user(&f->sapa, f->st, &f->admin, "cb.sapa", "officer", "03006");
  tu_add_user(&f->camd, f->st, &f->admin, "cb.camduong", "officer", "02671");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  unsetenv("TMPDIR");
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

static const char *const case_cols[] = {
    "Số vụ", "Ngày phát hiện", "Mã đơn vị", "Lực lượng phát hiện", "Điều BLHS", "Tóm tắt"};

/* Put case `no` of Sa Pa detected on `date` with `summary`, as sc. */
static int put_case(struct reg_import_result *r, struct fx *f, const struct scope *sc,
                    enum app_register_put_mode mode, const char *no, const char *date,
                    const char *summary, struct err *err)
{
  const char *cells[] = {no, date, "03006", "Công an phường Sa Pa", "251", summary};
  return app_register_put(r, f->st, sc, "cases", mode, case_cols, cells, 6, TODAY, err);
}

/* The cell of column `header` of row i. */
static const char *cell(const struct app_register_rows *r, size_t i, const char *header)
{
  for (size_t c = 0; c < r->spec->n_cols; c++)
    if (strcmp(r->spec->cols[c].header, header) == 0)
      return r->cells[i * r->spec->n_cols + c];
  fail_msg("no column %s", header);
  return NULL;
}

static int tmp_is_empty(const struct fx *f)
{
  DIR *d = opendir(f->tmp);
  assert_non_null(d);
  struct dirent *e;
  int n = 0;
  while ((e = readdir(d)) != NULL)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  closedir(d);
  return n == 0;
}

static void put_goes_through_the_import(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  /* a new case; its summary holds what a CSV must quote, and what a
   * spreadsheet would run as a formula: both come back as sent */
  assert_int_equal(put_case(&r, f, &f->sapa, APP_REGISTER_CREATE, "SP-01/2026", "05/09/2026",
                            "=1+1, \"bắt quả tang\"", &err),
                   ERR_OK);
  assert_int_equal(r.inserted, 1);
  reg_import_result_free(&r);
  assert_true(tmp_is_empty(f));
  /* the number again: a conflict, not a silent update */
  assert_int_equal(
      put_case(&r, f, &f->sapa, APP_REGISTER_CREATE, "SP-01/2026", "06/09/2026", "", &err),
      ERR_CONFLICT);
  reg_import_result_free(&r);
  /* an update, by its number */
  assert_int_equal(put_case(&r, f, &f->sapa, APP_REGISTER_UPDATE, "SP-01/2026", "06/09/2026",
                            "=1+1, \"bắt quả tang\"", &err),
                   ERR_OK);
  assert_int_equal(r.updated, 1);
  reg_import_result_free(&r);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM drug_case WHERE record_no = "
                                   "'SP-01/2026' AND detected_on = '2026-09-06'"),
                   1);
  /* the officer of another commune: not found, as a missing number */
  assert_int_equal(
      put_case(&r, f, &f->camd, APP_REGISTER_UPDATE, "SP-01/2026", "07/09/2026", "", &err),
      ERR_NOT_FOUND);
  reg_import_result_free(&r);
  assert_int_equal(
      put_case(&r, f, &f->sapa, APP_REGISTER_UPDATE, "SP-99/2026", "07/09/2026", "", &err),
      ERR_NOT_FOUND);
  reg_import_result_free(&r);
  /* a leader changes nothing */
  assert_int_equal(
      put_case(&r, f, &f->leader, APP_REGISTER_CREATE, "SP-02/2026", "05/09/2026", "", &err),
      ERR_DENIED);
  reg_import_result_free(&r);
  /* a bad row: the import's reason, naming the column, nothing stored */
  assert_int_equal(
      put_case(&r, f, &f->sapa, APP_REGISTER_CREATE, "SP-03/2026", "31/02/2026", "", &err), ERR_OK);
  assert_int_equal(r.inserted, 0);
  assert_int_equal(r.n_rejects, 1);
  assert_non_null(strstr(r.rejects[0].reason, "Ngày phát hiện: "));
  reg_import_result_free(&r);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM drug_case"), 1);
  assert_true(tmp_is_empty(f));
}

static void read_by_page_and_number(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  const char *nos[] = {"SP-01/2026", "SP-02/2026", "SP-03/2026"};
  for (size_t i = 0; i < 3; i++) {
    assert_int_equal(put_case(&r, f, &f->sapa, APP_REGISTER_CREATE, nos[i], "05/09/2026",
                              "=1+1, \"bắt quả tang\"", &err),
                     ERR_OK);
    assert_int_equal(r.inserted, 1);
    reg_import_result_free(&r);
  }
  struct app_register_rows rows;
  /* the second page of two: the third case alone, of three */
  assert_int_equal(app_register_page(&rows, f->st, &f->sapa, "cases", TODAY, 2, 2, &err), ERR_OK);
  assert_int_equal(rows.total, 3);
  assert_int_equal(rows.n_rows, 1);
  assert_string_equal(cell(&rows, 0, "Số vụ"), "SP-03/2026");
  assert_string_equal(cell(&rows, 0, "Ngày phát hiện"), "05/09/2026");
  assert_string_equal(cell(&rows, 0, "Tóm tắt"), "=1+1, \"bắt quả tang\"");
  app_register_rows_free(&rows);
  /* another commune sees none of them */
  assert_int_equal(app_register_page(&rows, f->st, &f->camd, "cases", TODAY, 0, 50, &err), ERR_OK);
  assert_int_equal(rows.total, 0);
  app_register_rows_free(&rows);
  assert_int_equal(app_register_show(&rows, f->st, &f->sapa, "cases", "SP-02/2026", TODAY, &err),
                   ERR_OK);
  assert_int_equal(rows.n_rows, 1);
  assert_string_equal(cell(&rows, 0, "Số vụ"), "SP-02/2026");
  app_register_rows_free(&rows);
  assert_int_equal(app_register_show(&rows, f->st, &f->camd, "cases", "SP-02/2026", TODAY, &err),
                   ERR_NOT_FOUND);
  app_register_rows_free(&rows);
  /* the people are not served here */
  assert_int_equal(app_register_page(&rows, f->st, &f->sapa, "people", TODAY, 0, 50, &err),
                   ERR_NOT_FOUND);
  app_register_rows_free(&rows);
}

static void personal_register_is_audited(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  struct app_register_rows rows;
  long before =
      tu_count_reads(f->st, "SELECT count(*) FROM audit_log WHERE action = 'register.read'");
  assert_int_equal(app_register_page(&rows, f->st, &f->leader, "case-people", TODAY, 0, 50, &err),
                   ERR_DENIED);
  app_register_rows_free(&rows);
  assert_int_equal(app_register_page(&rows, f->st, &f->sapa, "case-people", TODAY, 0, 50, &err),
                   ERR_OK);
  app_register_rows_free(&rows);
  assert_int_equal(app_register_page(&rows, f->st, &f->sapa, "cases", TODAY, 0, 50, &err), ERR_OK);
  app_register_rows_free(&rows);
  assert_int_equal(tu_count_reads(f->st, "SELECT count(*) FROM audit_log WHERE action = "
                                         "'register.read' AND actor = 'cb.sapa' AND detail = 'xem "
                                         "case-people từ dòng 1: 0 dòng'"),
                   1);
  assert_int_equal(
      tu_count_reads(f->st, "SELECT count(*) FROM audit_log WHERE action = 'register.read'"),
      before + 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(put_goes_through_the_import, setup, teardown),
      cmocka_unit_test_setup_teardown(read_by_page_and_number, setup, teardown),
      cmocka_unit_test_setup_teardown(personal_register_is_audited, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
