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
  const char t[] = "a,b\nok,\xC3\x28\nnext,row\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_int_equal(err.code, ERR_INPUT);
  assert_non_null(strstr(err.msg, "dòng 2, cột 2"));
  /* the bad byte comes back as U+FFFD, the rest as read */
  assert_string_equal(row.fields[1], "\xEF\xBF\xBD(");
  /* the row was bad, not the file: the next record reads */
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_string_equal(row.fields[0], "next");
  assert_int_equal(row.line, 3);
  csv_close(&r);
}

/* A NUL byte inside a field used to end the field's string there: the name
 * below came back as "Nguyễn" and the address as "Thôn" without a word. */
static void nul_byte_refuses_the_row_not_cuts_it(void **state)
{
  (void)state;
  const char t[] = "Họ tên,Địa chỉ\nNguyễn\0Văn An,\"Thôn\0 3\"\nTrần Bình,Thôn 4\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_int_equal(row.line, 2);
  assert_int_equal(row.n, 2);
  assert_non_null(strstr(err.msg, "dòng 2, cột 1: chứa byte NUL ở ký tự thứ 7"));
  /* one problem per field, each with its column */
  assert_int_equal(row.n_issues, 2);
  assert_int_equal(row.issues[0].col, 0);
  assert_true(row.issues[0].refused);
  assert_int_equal(row.issues[1].col, 1);
  assert_non_null(strstr(row.issues[1].what, "ký tự thứ 5"));
  /* nothing cut: the whole name, with a visible mark where the NUL was */
  assert_string_equal(row.fields[0], "Nguyễn\xEF\xBF\xBDVăn An");
  assert_string_equal(row.fields[1], "Thôn\xEF\xBF\xBD 3");
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_string_equal(row.fields[0], "Trần Bình");
  assert_int_equal(row.n_issues, 0);
  assert_int_equal(csv_next(&r, &row, &err), 0);
  csv_close(&r);
}

static void control_characters_are_refused(void **state)
{
  (void)state;
  /* BEL, DEL and the C1 control NEL (U+0085) in a field are refused; a
   * TAB anywhere and a line break inside quotes are text */
  const char t[] = "a,b\nx\x07y,1\n\x7F,2\nz,\xC2\x85\n\"có\tTAB\",\"hai\r\ndòng\"\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "dòng 2, cột 1: chứa ký tự điều khiển U+0007 ở ký tự thứ 2"));
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "dòng 3, cột 1: chứa ký tự điều khiển U+007F"));
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "dòng 4, cột 2: chứa ký tự điều khiển U+0085"));
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_string_equal(row.fields[0], "có\tTAB");
  assert_string_equal(row.fields[1], "hai\r\ndòng");
  assert_int_equal(row.n_issues, 0);
  csv_close(&r);
}

static void invisible_characters_are_removed_with_a_note(void **state)
{
  (void)state;
  /* a zero-width space and a soft hyphen pasted from Word, and a BOM where
   * two files were joined (it starts line 3, not the file) */
  const char t[] = "\xEF\xBB\xBFHọ tên,Ghi chú\n"
                   "Nguy\xE2\x80\x8B\xE1\xBB\x85n V\xC4\x83n An,ma\xC2\xADt\xC3\xBAy\xE2\x80\x8B\n"
                   "\xEF\xBB\xBFTr\xE1\xBA\xA7n B,x\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(row.n_issues, 0); /* the file's own BOM is no character of it */
  assert_string_equal(row.fields[0], "Họ tên");
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_string_equal(row.fields[0], "Nguyễn Văn An");
  assert_string_equal(row.fields[1], "matúy");
  assert_int_equal(row.n_issues, 2);
  assert_int_equal(row.issues[0].col, 0);
  assert_false(row.issues[0].refused);
  assert_string_equal(row.issues[0].what, "đã bỏ 1 ký tự ẩn (U+200B)");
  assert_int_equal(row.issues[1].col, 1);
  assert_string_equal(row.issues[1].what, "đã bỏ 2 ký tự ẩn (U+00AD, U+200B)");
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_string_equal(row.fields[0], "Trần B");
  assert_string_equal(row.issues[0].what, "đã bỏ 1 ký tự ẩn (U+FEFF)");
  csv_close(&r);
}

static void bidi_controls_and_damaged_text_are_refused(void **state)
{
  (void)state;
  /* RIGHT-TO-LEFT OVERRIDE shows "An" as "nA"; a RIGHT-TO-LEFT MARK and an
   * isolate steer layout too; U+FFFD is text a conversion already lost */
  const char t[] = "a\n"
                   "x\xE2\x80\xAE"
                   "An\n"
                   "\xE2\x80\x8F"
                   "b\n"
                   "c\xE2\x81\xA6\n"
                   "L\xC3\xAA \xEF\xBF\xBD\n";
  struct csv_reader r;
  open_text(&r, t, sizeof t - 1);
  struct csv_row row;
  struct err err = {0};
  assert_int_equal(csv_next(&r, &row, &err), 1);
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "dòng 2, cột 1: chứa ký tự ẩn U+202E ở ký tự thứ 2"));
  assert_non_null(strstr(err.msg, "hướng chữ"));
  assert_string_equal(row.fields[0], "x\xEF\xBF\xBD"
                                     "An");
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "U+200F ở ký tự thứ 1"));
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "U+2066"));
  assert_int_equal(csv_next(&r, &row, &err), CSV_BAD_ROW);
  assert_non_null(strstr(err.msg, "dòng 5, cột 1: chứa ký tự thay thế U+FFFD ở ký tự thứ 4"));
  assert_int_equal(csv_next(&r, &row, &err), 0);
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
      cmocka_unit_test(nul_byte_refuses_the_row_not_cuts_it),
      cmocka_unit_test(control_characters_are_refused),
      cmocka_unit_test(invisible_characters_are_removed_with_a_note),
      cmocka_unit_test(bidi_controls_and_damaged_text_are_refused),
      cmocka_unit_test(column_lookup_ignores_case_and_diacritics),
      cmocka_unit_test(empty_input_and_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
