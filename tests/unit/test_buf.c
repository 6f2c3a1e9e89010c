/* test_buf.c: the capped growable string. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* A file is replaced whole, owner-only; a write that cannot happen leaves
 * the old file as it was and no temporary file beside it. */
static void writes_a_file_whole_or_not_at_all(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  char path[4200];
  snprintf(path, sizeof path, "%s/bao-cao.html", dir);
  tu_write_file(dir, "bao-cao.html", "bản cũ");
  struct buf b;
  buf_init(&b, 0);
  buf_adds(&b, "<p>Báo cáo quý III</p>");
  struct err err = {0};
  assert_int_equal(buf_write_file(&b, path, &err), ERR_OK);
  size_t n;
  char *got = tu_read_file(path, &n);
  assert_string_equal(got, "<p>Báo cáo quý III</p>");
  free(got);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);

  char bad[4300];
  snprintf(bad, sizeof bad, "%s/khong-co/bao-cao.html", dir);
  assert_int_equal(buf_write_file(&b, bad, &err), ERR_IO);
  assert_non_null(strstr(err.msg, "khong-co/bao-cao.html"));
  /* a directory in the way of the rename: the temporary file is removed */
  snprintf(bad, sizeof bad, "%s/thu-muc", dir);
  assert_int_equal(mkdir(bad, 0700), 0);
  assert_int_equal(buf_write_file(&b, bad, &err), ERR_IO);
  DIR *d = opendir(dir);
  size_t entries = 0;
  for (struct dirent *e; (e = readdir(d));)
    entries += e->d_name[0] != '.';
  closedir(d);
  assert_int_equal(entries, 2); /* bao-cao.html and thu-muc, nothing else */
  buf_free(&b);
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
      cmocka_unit_test(writes_a_file_whole_or_not_at_all),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
