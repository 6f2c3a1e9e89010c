/* test_buf.c: the capped growable string. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"

static void adds_and_formats(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 0);
  assert_string_equal(buf_str(&b), "");
  assert_int_equal(buf_adds(&b, "Quý "), ERR_OK);
  assert_int_equal(buf_addf(&b, "%s/%d", "III", 2024), ERR_OK);
  assert_int_equal(buf_addc(&b, '.'), ERR_OK);
  assert_string_equal(buf_str(&b), "Quý III/2024.");
  assert_int_equal(b.len, strlen("Quý III/2024."));
  char *s = buf_detach(&b);
  assert_string_equal(s, "Quý III/2024.");
  free(s);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
}

static void grows_past_many_doublings(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 0);
  for (int i = 0; i < 100000; i++)
    assert_int_equal(buf_adds(&b, "0123456789"), ERR_OK);
  assert_int_equal(b.len, 1000000);
  assert_int_equal(b.data[999999], '9');
  assert_int_equal(b.data[1000000], '\0');
  buf_free(&b);
}

static void cap_fails_cleanly_and_sticks(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 8);
  assert_int_equal(buf_adds(&b, "12345678"), ERR_OK);
  assert_int_equal(buf_adds(&b, "9"), ERR_NOMEM);
  assert_true(buf_failed(&b));
  assert_int_equal(buf_adds(&b, ""), ERR_NOMEM); /* failure sticks until reset */
  assert_null(buf_detach(&b));
  buf_reset(&b);
  assert_false(buf_failed(&b));
  assert_int_equal(buf_addf(&b, "%d", 42), ERR_OK);
  assert_string_equal(buf_str(&b), "42");
  assert_int_equal(buf_addf(&b, "%s", "too long for the cap"), ERR_NOMEM);
  buf_free(&b);
  buf_free(NULL);
}

static void detach_of_empty_is_empty_string(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 0);
  char *s = buf_detach(&b);
  assert_non_null(s);
  assert_string_equal(s, "");
  free(s);
}

static void binary_data_with_nul(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 0);
  assert_int_equal(buf_add(&b, "a\0b", 3), ERR_OK);
  assert_int_equal(b.len, 3);
  assert_memory_equal(b.data, "a\0b", 3);
  buf_free(&b);
}

/* A whole file read; one byte over the cap is "too large", not out of
 * memory; a missing file is an I/O error. */
static void reads_a_file_within_its_cap(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  const char *path = tu_write_file(dir, "a.csv", "Họ tên\nAn\n");
  struct buf b;
  struct err err;
  buf_init(&b, 0);
  assert_int_equal(buf_read_file(&b, path, &err), ERR_OK);
  assert_string_equal(buf_str(&b), "Họ tên\nAn\n");
  buf_free(&b);

  buf_init(&b, strlen("Họ tên\nAn\n") - 1);
  assert_int_equal(buf_read_file(&b, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "quá lớn"));
  assert_null(b.data);

  buf_init(&b, 0);
  char missing[4200];
  snprintf(missing, sizeof missing, "%s/none.csv", dir);
  assert_int_equal(buf_read_file(&b, missing, &err), ERR_IO);
  assert_non_null(strstr(err.msg, "không mở được"));
  tu_rmtree(dir);
  free(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(adds_and_formats),
      cmocka_unit_test(grows_past_many_doublings),
      cmocka_unit_test(cap_fails_cleanly_and_sticks),
      cmocka_unit_test(detach_of_empty_is_empty_string),
      cmocka_unit_test(binary_data_with_nul),
      cmocka_unit_test(reads_a_file_within_its_cap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
