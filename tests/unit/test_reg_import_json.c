/* test_reg_import_json.c: a reject's reason cut into its parts, each with
 * the column of the file it names, and the import's JSON answer. */
#include "testutil.h"

#include <jansson.h>
#include <string.h>

#include "app/app_register.h"
#include "output/reg_import_json.h"

/* A file whose header differs from the register's in case and accents
 * ("NGAY SINH") and holds a column the register does not know ("STT"). */
static char *file_header[] = {"STT", "Số định danh", "Họ tên", "NGAY SINH", "Mã đơn vị"};

static struct reg_import_result result(void)
{
  struct reg_import_result r;
  memset(&r, 0, sizeof r);
  r.header = file_header;
  r.n_header = 5;
  return r;
}

static void split(const char *reason, struct reg_problem **p, size_t *n)
{
  struct reg_import_result r = result();
  struct err e = {0};
  assert_int_equal(reg_problems_split(p, n, app_register_find("people"), &r, reason, &e), ERR_OK);
}

static void problems_by_column(void **state)
{
  (void)state;
  struct reg_problem *p;
  size_t n;
  /* two problems; the register's header names the file's 4th column "NGAY SINH" */
  split("Ngày sinh: \"31/02/1991\" không phải ngày; Mã đơn vị: không có đơn vị mã 99999", &p, &n);
  assert_int_equal(n, 2);
  assert_int_equal(p[0].column, 4);
  assert_string_equal(p[0].header, "NGAY SINH");
  assert_string_equal(p[0].message, "Ngày sinh: \"31/02/1991\" không phải ngày");
  assert_int_equal(p[1].column, 5);
  assert_string_equal(p[1].header, "Mã đơn vị");
  assert_string_equal(p[1].message, "Mã đơn vị: không có đơn vị mã 99999");
  reg_problems_free(p, n);
  /* the reader's form: the file's header and its column number */
  split("Họ tên (cột 3): chứa byte NUL ở ký tự thứ 7", &p, &n);
  assert_int_equal(n, 1);
  assert_int_equal(p[0].column, 3);
  assert_string_equal(p[0].header, "Họ tên");
  reg_problems_free(p, n);
  /* a column without a header: its number only */
  split("cột 7: văn bản không phải UTF-8 hợp lệ", &p, &n);
  assert_int_equal(n, 1);
  assert_int_equal(p[0].column, 7);
  assert_null(p[0].header);
  reg_problems_free(p, n);
}

static void problems_not_cut_inside_a_message(void **state)
{
  (void)state;
  struct reg_problem *p;
  size_t n;
  /* "; " followed by no column's name belongs to the message */
  const char *one = "Mã đơn vị: đơn vị 02647 (hệ pre2025) chỉ có đến 30/06/2025; ngày "
                    "01/08/2025 ghi theo đơn vị khi đó";
  split(one, &p, &n);
  assert_int_equal(n, 1);
  assert_int_equal(p[0].column, 5);
  assert_string_equal(p[0].message, one);
  reg_problems_free(p, n);
  /* a rule of the whole row names no column; a register column the file
   * lacks names none of the file's */
  split("ngày ra trước ngày vào; Giới tính: bắt buộc, đang để trống", &p, &n);
  assert_int_equal(n, 2);
  assert_int_equal(p[0].column, 0);
  assert_null(p[0].header);
  assert_string_equal(p[0].message, "ngày ra trước ngày vào");
  assert_int_equal(p[1].column, 0);
  assert_null(p[1].header);
  reg_problems_free(p, n);
}

static void answer(void **state)
{
  (void)state;
  struct reg_import_result r = result();
  char *fields[] = {"1", "015090100001", "An", "31/02/1991", "03006"};
  struct reg_reject rej = {3, "Ngày sinh: \"31/02/1991\" không phải ngày", fields, 5};
  struct reg_note note = {4, "Họ tên (cột 3): đã bỏ 1 ký tự ẩn (U+200B)"};
  r.rows = 3;
  r.inserted = 1;
  r.unchanged = 1;
  r.rejects = &rej;
  r.n_rejects = 1;
  r.notes = &note;
  r.n_notes = 1;
  json_t *j = reg_import_json(app_register_find("people"), &r, 1);
  assert_non_null(j);
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  assert_string_equal(
      s, "{\"register\":\"people\",\"dry_run\":true,\"read\":3,\"added\":1,\"updated\":0,"
         "\"unchanged\":1,\"rejected\":1,\"rejects\":[{\"line\":3,\"column\":4,\"header\":"
         "\"NGAY SINH\",\"reason\":\"Ngày sinh: \\\"31/02/1991\\\" không phải ngày\","
         "\"problems\":[{\"column\":4,\"header\":\"NGAY SINH\",\"message\":\"Ngày sinh: "
         "\\\"31/02/1991\\\" không phải ngày\"}]}],\"notes\":[{\"line\":4,\"text\":\"Họ tên "
         "(cột 3): đã bỏ 1 ký tự ẩn (U+200B)\"}],\"notes_more\":0}");
  free(s);
  json_decref(j);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(problems_by_column),
      cmocka_unit_test(problems_not_cut_inside_a_message),
      cmocka_unit_test(answer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
