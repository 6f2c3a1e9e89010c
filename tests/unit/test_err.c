/* test_err.c: error values and the code table. */
#include "testutil.h"

#include <string.h>

#include "base/err.h"

static void set_returns_code_and_formats(void **state)
{
  (void)state;
  struct err e;
  err_clear(&e);
  assert_int_equal(e.code, ERR_OK);
  assert_string_equal(e.msg, "");
  assert_int_equal(err_set(&e, ERR_INPUT, "dòng %d: ngày không hợp lệ \"%s\"", 7, "31/2/2024"),
                   ERR_INPUT);
  assert_int_equal(e.code, ERR_INPUT);
  assert_string_equal(e.msg, "dòng 7: ngày không hợp lệ \"31/2/2024\"");
}

static void null_err_is_allowed(void **state)
{
  (void)state;
  err_clear(NULL);
  assert_int_equal(err_set(NULL, ERR_NOT_FOUND, "x"), ERR_NOT_FOUND);
}

static void long_message_is_cut_on_a_character_boundary(void **state)
{
  (void)state;
  /* "đ" is two bytes: an odd cut would split one. */
  char big[2000] = "";
  for (int i = 0; i < 900; i++)
    strcat(big, "đ");
  struct err e;
  err_set(&e, ERR_INPUT, "x%s", big);
  size_t n = strlen(e.msg);
  assert_true(n < ERR_MSG_MAX);
  assert_true(n > ERR_MSG_MAX - 4);
  /* The message ends with a whole "đ" (C4 91). */
  assert_int_equal((unsigned char)e.msg[n - 1], 0x91);
  assert_int_equal((unsigned char)e.msg[n - 2], 0xC4);
}

static void copy_and_nomem_accept_null(void **state)
{
  (void)state;
  struct err a, b;
  err_set(&a, ERR_CONFLICT, "số định danh %s đã có", "001090000001");
  assert_int_equal(err_copy(&b, &a), ERR_CONFLICT);
  assert_int_equal(b.code, ERR_CONFLICT);
  assert_string_equal(b.msg, a.msg);
  assert_int_equal(err_copy(NULL, &a), ERR_CONFLICT);
  assert_int_equal(err_nomem(&b), ERR_NOMEM);
  assert_string_equal(b.msg, "hết bộ nhớ");
  assert_int_equal(err_nomem(NULL), ERR_NOMEM);
}

static void table_maps_codes(void **state)
{
  (void)state;
  assert_string_equal(err_code_name(ERR_NOT_FOUND), "not_found");
  assert_string_equal(err_code_name(ERR_INPUT), "input");
  assert_int_equal(err_http_status(ERR_INPUT), 400);
  assert_int_equal(err_http_status(ERR_NOT_FOUND), 404);
  assert_int_equal(err_http_status(ERR_DENIED), 403);
  assert_int_equal(err_http_status(ERR_CONFLICT), 409);
  assert_int_equal(err_http_status(ERR_DB), 500);
  assert_int_equal(err_http_status(ERR_BUSY), 503); /* try again later, not a failure inside */
  assert_int_equal(err_exit_status(ERR_BUSY), 11);
  assert_string_equal(err_code_name(ERR_BUSY), "busy");
  assert_int_equal(err_exit_status(ERR_OK), 0);
  assert_int_equal(err_exit_status(ERR_INPUT), 2);
  assert_int_equal(err_exit_status(ERR_NOT_FOUND), 3);
  /* An out-of-range code is treated as a bug, not a crash. */
  assert_string_equal(err_code_name((enum err_code)999), "internal");
  assert_int_equal(err_http_status((enum err_code)999), 500);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(set_returns_code_and_formats),
      cmocka_unit_test(null_err_is_allowed),
      cmocka_unit_test(long_message_is_cut_on_a_character_boundary),
      cmocka_unit_test(copy_and_nomem_accept_null),
      cmocka_unit_test(table_maps_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
