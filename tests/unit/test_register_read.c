/* test_register_read.c: a register's rows read from a file — header mapping, cell
 * normalisation, skipped rows, line numbers, the file's digest. No database. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/register.h"
#include "ingest/register_read.h"
#include "ingest/table_read.h"

static char *dir;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* Headers in any order, case and diacritics; "STT" ignored; a column the
 * file lacks is NULL; blank and separator-only rows skipped; a quoted line
 * break counts in the line numbers. */
static void header_maps_columns_and_rows_keep_their_lines(void **state)
{
  (void)state;
  const struct reg_spec *spec = reg_spec_find("case-people");
  const char *path = tu_write_file(dir, "cp.csv",
                                   "STT;vai TRO;SO VU;Số định danh\n"
                                   "1;\"Đối\ntượng\";V-1;010090001234\n" /* lines 2-3 */
                                   ";;;\n"                               /* line 4: skipped */
                                   "   ;  ;;\n"                          /* line 5: skipped */
                                   "2;Người mua;V-2;10090001235\n");     /* line 6 */
  struct reg_reader r;
  struct err err = {0};
  assert_int_equal(reg_reader_open(&r, spec, path, &err), ERR_OK);
  int role = reg_col_index(spec, "role"), cas = reg_col_index(spec, "case_id"),
      nid = reg_col_index(spec, "person_id"), arrested = reg_col_index(spec, "arrested_on");
  assert_int_equal(r.map[cas], 2);
  assert_int_equal(r.map[role], 1);
  assert_int_equal(r.map[arrested], -1);
  assert_int_equal(r.header.n, 4);
  assert_string_equal(r.header.fields[0], "STT");
  assert_int_equal(reg_reader_next(&r, &err), 1);
  assert_int_equal(r.row.line, 2);
  assert_string_equal(r.raw[role], "Đối\ntượng");
  assert_string_equal(r.raw[cas], "V-1");
  assert_null(r.raw[arrested]);
  assert_int_equal(reg_reader_next(&r, &err), 1);
  assert_int_equal(r.row.line, 6);
  /* an ID a spreadsheet took for a number gets its zero back */
  assert_string_equal(r.raw[nid], "010090001235");
  assert_string_equal(r.row.fields[3], "10090001235"); /* the row as read is kept */
  assert_int_equal(reg_reader_next(&r, &err), 0);
  reg_reader_close(&r);
  reg_reader_close(&r); /* closing twice is harmless */
}

/* The apostrophe the exporter put before a formula-like cell is dropped;
 * one before anything else is the person's own. */
static void formula_marks_are_dropped(void **state)
{
  (void)state;
  const struct reg_spec *spec = reg_spec_find("network-accounts");
  const char *path = tu_write_file(dir, "acc.csv",
                                   "Mã,Nền tảng,Tài khoản\n"
                                   "N-1,'=cmd,'@ban_le\n"
                                   "N-1,'Zalo,'-x\n");
  struct reg_reader r;
  struct err err = {0};
  assert_int_equal(reg_reader_open(&r, spec, path, &err), ERR_OK);
  assert_int_equal(reg_reader_next(&r, &err), 1);
  assert_string_equal(r.raw[1], "=cmd");
  assert_string_equal(r.raw[2], "@ban_le");
  assert_int_equal(reg_reader_next(&r, &err), 1);
  assert_string_equal(r.raw[1], "'Zalo");
  assert_string_equal(r.raw[2], "-x");
  reg_reader_close(&r);
}

/* A row with a refused character comes out as a bad row, as read, and the
 * reading goes on; its problems are described under the file's own
 * headers. Characters removed (here a zero-width space, U+200B, in a header
 * and in a cell) are dropped, the header still maps, and the row carries a
 * note of them. */
static void bad_characters_make_a_bad_row_and_reading_goes_on(void **state)
{
  (void)state;
  const struct reg_spec *spec = reg_spec_find("network-accounts");
  const char *path = tu_write_file(dir, "bad.csv",
                                   "Mã,Nền tảng,Tài khoản\u200B\n"
                                   "N-1,Za\001lo,x\n"      /* line 2: U+0001 is refused */
                                   "N-2,Zalo,a\u200Bb\n"); /* line 3: U+200B is removed */
  struct reg_reader r;
  struct err err = {0};
  assert_int_equal(reg_reader_open(&r, spec, path, &err), ERR_OK);
  assert_int_equal(r.map[2], 2);
  assert_string_equal(r.header.fields[2], "Tài khoản");
  struct buf b;
  buf_init(&b, 0);
  reg_reader_describe(&b, &r, r.header_issues.items, r.header_issues.n, 0);
  assert_string_equal(buf_str(&b), "Tài khoản (cột 3): đã bỏ 1 ký tự ẩn (U+200B)");
  assert_int_equal(reg_reader_next(&r, &err), REG_READ_BAD_ROW);
  assert_int_equal(err.code, ERR_OK); /* a bad row is no error of the file */
  assert_int_equal(r.row.line, 2);
  assert_string_equal(r.row.fields[1], "Za\xEF\xBF\xBDlo"); /* where it was: U+FFFD */
  buf_reset(&b);
  reg_reader_describe(&b, &r, r.row.issues, r.row.n_issues, 1);
  assert_string_equal(buf_str(&b), "Nền tảng (cột 2): chứa ký tự điều khiển U+0001 ở ký tự thứ 3");
  assert_int_equal(reg_reader_next(&r, &err), 1);
  assert_int_equal(r.row.line, 3);
  assert_string_equal(r.raw[2], "ab");
  buf_reset(&b);
  reg_reader_describe(&b, &r, r.row.issues, r.row.n_issues, 0);
  assert_string_equal(buf_str(&b), "Tài khoản (cột 3): đã bỏ 1 ký tự ẩn (U+200B)");
  assert_int_equal(reg_reader_next(&r, &err), 0);
  buf_free(&b);
  reg_reader_close(&r);
}

/* A missing required column, an empty file, a missing file: refused, with
 * what is missing and where to look. */
static void unusable_files_are_refused(void **state)
{
  (void)state;
  const struct reg_spec *spec = reg_spec_find("cases");
  struct reg_reader r;
  struct err err = {0};
  const char *path = tu_write_file(dir, "c.csv", "Số vụ,Mã đơn vị\nV-1,02923\n");
  assert_int_equal(reg_reader_open(&r, spec, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "thiếu cột bắt buộc \"Ngày phát hiện\""));
  assert_non_null(strstr(err.msg, "\"Lực lượng phát hiện\", \"Điều BLHS\""));
  assert_non_null(strstr(err.msg, "pcmt registers cases"));
  path = tu_write_file(dir, "empty.csv", "");
  assert_int_equal(reg_reader_open(&r, spec, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "trống"));
  char missing[4200];
  snprintf(missing, sizeof missing, "%s/none.csv", dir);
  assert_int_equal(reg_reader_open(&r, spec, missing, &err), ERR_IO);
  /* a quote never closed stops the reading with its line */
  path = tu_write_file(dir, "q.csv", "Mã,Nền tảng,Tài khoản\nN-1,\"Zalo,x\n");
  assert_int_equal(reg_reader_open(&r, reg_spec_find("network-accounts"), path, &err), ERR_OK);
  assert_true(reg_reader_next(&r, &err) < 0);
  assert_non_null(strstr(err.msg, "2"));
  reg_reader_close(&r);
}

/* The digest is of the bytes read (sha256sum of the same bytes). */
static void table_digest_is_the_files(void **state)
{
  (void)state;
  const char *path = tu_write_file(dir, "d.csv", "Mã,Tên\nA-1,x\n");
  struct table_reader t;
  struct err err = {0};
  assert_int_equal(table_read_open(&t, path, &err), ERR_OK);
  assert_string_equal(t.sha256, "a2866e473df39972ac3e1dfbcb622ea5df12fc885c25365d2dbf1bdc22be5e96");
  struct table_row row;
  assert_int_equal(table_read_next(&t, &row, &err), 1);
  assert_int_equal(row.n, 2);
  assert_int_equal(table_read_next(&t, &row, &err), 1);
  assert_string_equal(row.fields[0], "A-1");
  assert_int_equal(row.line, 2);
  assert_int_equal(table_read_next(&t, &row, &err), 0);
  table_read_close(&t);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(header_maps_columns_and_rows_keep_their_lines),
      cmocka_unit_test(formula_marks_are_dropped),
      cmocka_unit_test(bad_characters_make_a_bad_row_and_reading_goes_on),
      cmocka_unit_test(unusable_files_are_refused),
      cmocka_unit_test(table_digest_is_the_files),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
