/* test_web_upload.c: the X-File-Name header decoded, and an upload's
 * temporary copy made owner-only and removed. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "web/upload.h"

static int name_of(char *out, size_t n, const char *header)
{
  struct err e = {0};
  return upload_file_name(out, n, header, &e);
}

static void file_names(void **state)
{
  (void)state;
  char n[UPLOAD_NAME_MAX + 1];
  /* what encodeURIComponent("danh sách.csv") sends */
  assert_int_equal(name_of(n, sizeof n, "danh%20s%C3%A1ch.csv"), ERR_OK);
  assert_string_equal(n, "danh sách.csv");
  /* UTF-8 sent as is, and a plain name */
  assert_int_equal(name_of(n, sizeof n, "people.xlsx"), ERR_OK);
  assert_string_equal(n, "people.xlsx");
  /* a path keeps its last segment only, whichever the separator */
  assert_int_equal(name_of(n, sizeof n, "..%2F..%2Fetc%2Fpasswd"), ERR_OK);
  assert_string_equal(n, "passwd");
  assert_int_equal(name_of(n, sizeof n, "C:\\Users\\an\\t%E1%BB%87p.csv"), ERR_OK);
  assert_string_equal(n, "tệp.csv");
  /* refused: none, empty, only a folder, dots, a control, bad escapes, not UTF-8 */
  assert_int_equal(name_of(n, sizeof n, NULL), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, ""), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%2F"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, ".."), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%2F."), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%00b.csv"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%0Ab.csv"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%4"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "a%G1"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "%C3%28.csv"), ERR_INPUT);
  assert_int_equal(name_of(n, sizeof n, "%FF.csv"), ERR_INPUT);
  /* UPLOAD_NAME_MAX bytes pass, one more does not */
  char longest[UPLOAD_NAME_MAX + 2];
  memset(longest, 'a', UPLOAD_NAME_MAX);
  longest[UPLOAD_NAME_MAX] = '\0';
  assert_int_equal(name_of(n, sizeof n, longest), ERR_OK);
  longest[UPLOAD_NAME_MAX] = 'a';
  longest[UPLOAD_NAME_MAX + 1] = '\0';
  assert_int_equal(name_of(n, sizeof n, longest), ERR_INPUT);
}

static void written_owner_only_and_removed(void **state)
{
  (void)state;
  char tmp[] = "/tmp/pcmt-test-upload-XXXXXX";
  assert_non_null(mkdtemp(tmp));
  setenv("TMPDIR", tmp, 1);
  umask(022); /* a permissive umask: the modes are still the owner's only */
  struct upload_file f;
  struct err e = {0};
  assert_int_equal(upload_write(&f, "tệp.csv", "a,b\n1,2\n", 8, &e), ERR_OK);
  assert_int_equal(strncmp(f.dir, tmp, strlen(tmp)), 0);
  struct stat sd, sf;
  assert_int_equal(stat(f.dir, &sd), 0);
  assert_int_equal(stat(f.path, &sf), 0);
  assert_int_equal(sd.st_mode & 0777, 0700);
  assert_int_equal(sf.st_mode & 0777, 0600);
  assert_int_equal(sf.st_size, 8);
  assert_string_equal(strrchr(f.path, '/') + 1, "tệp.csv");
  char dir[sizeof f.dir];
  strcpy(dir, f.dir);
  upload_remove(&f);
  assert_int_equal(stat(dir, &sd), -1);
  upload_remove(&f);   /* twice: nothing left to do */
  upload_remove(NULL); /* accepted */
  /* a folder that cannot be made leaves nothing, and is an IO error */
  setenv("TMPDIR", "/nonexistent-pcmt-dir", 1);
  assert_int_equal(upload_write(&f, "x.csv", "a", 1, &e), ERR_IO);
  assert_string_equal(f.dir, "");
  upload_remove(&f);
  unsetenv("TMPDIR");
  assert_int_equal(rmdir(tmp), 0); /* empty: the upload left nothing */
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(file_names),
      cmocka_unit_test(written_owner_only_and_removed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
