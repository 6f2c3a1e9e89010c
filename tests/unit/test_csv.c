/* test_csv.c: the CSV reader on what spreadsheets really write. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"

/* Open a reader over a copy of a literal. */
static void open_text(struct csv_reader *r, const char *text, size_t len)
{
  char *copy = malloc(len + 1);
  assert_non_null(copy);
  memcpy(copy, text, len);
  copy[len] = '\0';
  assert_int_equal(csv_open_mem(r, copy, len, NULL), ERR_OK);
}

static void reads_bom_and_commas(void **state)
{
  (void)state;
  const char t[] = "\xEF\xBB\xBFma,ten\n01,Hà Nội\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.n, 2);
  assert_string_equal(row.fields[0], "ma");
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_string_equal(row.fields[1], "Hà Nội");
  assert_int_equal(row.line, 2);
  assert_int_equal(csv_next(&r, &row, NULL), 0);
  csv_close(&r);
}

static void detects_semicolons(void **state)
{
  (void)state;
  const char t[] = "Họ tên;Ngày sinh;Ghi chú\r\nNguyễn Văn A;01/02/1990;\"a, b\"\r\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  assert_int_equal(r.sep, ';');
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.n, 3);
  assert_string_equal(row.fields[2], "a, b");
  csv_close(&r);
}

static void quoted_newlines_keep_line_numbers(void **state)
{
  (void)state;
  const char t[] = "a,b\n1,\"dòng một\ndòng hai\"\n2,\"nói \"\"có\"\"\"\n\n3,x\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.line, 2);
  assert_string_equal(row.fields[1], "dòng một\ndòng hai");
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.line, 4);
  assert_string_equal(row.fields[1], "nói \"có\"");
  assert_int_equal(csv_next(&r, &row, NULL), 1); /* the blank line is skipped */
  assert_int_equal(row.line, 6);
  assert_string_equal(row.fields[0], "3");
  assert_int_equal(csv_next(&r, &row, NULL), 0);
  csv_close(&r);
}

static void empty_fields_and_no_final_newline(void **state)
{
  (void)state;
  const char t[] = "a,b,c\n,,\nx,,z";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.n, 3);
  assert_string_equal(row.fields[0], "");
  assert_string_equal(row.fields[2], "");
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_string_equal(row.fields[2], "z");
  assert_int_equal(csv_next(&r, &row, NULL), 0);
  csv_close(&r);
}

static void many_columns(void **state)
{
  (void)state;
  char t[4000] = "";
  for (int i = 0; i < 100; i++)
    strcat(t, i ? ",c" : "c");
  strcat(t, "\n");
  struct csv_reader r;
  open_text(&r, t, strlen(t));
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(row.n, 100);
  assert_string_equal(row.fields[99], "c");
  csv_close(&r);
}

static void unterminated_quote_is_an_error_with_its_line(void **state)
{
  (void)state;
  const char t[] = "a,b\n1,2\n3,\"never closed\n4,5\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), -1);
  assert_int_equal(err.code, ERR_INPUT);
  assert_non_null(strstr(err.msg, "dòng 3"));
  csv_close(&r);
}

static void invalid_utf8_is_an_error(void **state)
{
  (void)state;
  const char t[] = "a,b\nok,\xC3\x28\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), -1);
  assert_int_equal(err.code, ERR_INPUT);
  assert_non_null(strstr(err.msg, "dòng 2, cột 2"));
  csv_close(&r);
}

static void column_lookup_ignores_case_and_diacritics(void **state)
{
  (void)state;
  const char t[] = "Mã số;HỌ  VÀ TÊN;ngày sinh\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 1);
  assert_int_equal(csv_column(&row, "họ và tên"), 1);
  assert_int_equal(csv_column(&row, "Ngày sinh"), 2);
  assert_int_equal(csv_column(&row, "ma so"), 0);
  assert_int_equal(csv_column(&row, "địa chỉ"), -1);
  csv_close(&r);
}

static void empty_input_and_missing_file(void **state)
{
  (void)state;
  struct csv_reader r;
  open_text(&r, "", 0);
  struct csv_row row;
  assert_int_equal(csv_next(&r, &row, NULL), 0);
  csv_close(&r);
  struct err err = {0};
  assert_int_equal(csv_open_file(&r, "/nonexistent/file.csv", &err), ERR_IO);
  assert_non_null(strstr(err.msg, "/nonexistent/file.csv"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_bom_and_commas),
      cmocka_unit_test(detects_semicolons),
      cmocka_unit_test(quoted_newlines_keep_line_numbers),
      cmocka_unit_test(empty_fields_and_no_final_newline),
      cmocka_unit_test(many_columns),
      cmocka_unit_test(unterminated_quote_is_an_error_with_its_line),
      cmocka_unit_test(invalid_utf8_is_an_error),
      cmocka_unit_test(column_lookup_ignores_case_and_diacritics),
      cmocka_unit_test(empty_input_and_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
