/* test_spool.c: rows held in a nameless temporary file come back as added. */
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/spool.h"

struct seen {
  char text[8192]; /* "a|b|\n" per row */
  long rows;
  long stop_at; /* return ERR_IO at this row (1-based); 0 = never */
};

static int collect(void *ctx, const char *const *cells, struct err *err)
{
  struct seen *s = ctx;
  if (++s->rows == s->stop_at)
    return err_set(err, ERR_IO, "dừng ở dòng %ld", s->rows);
  for (int i = 0; i < 3; i++) {
    strncat(s->text, strlen(cells[i]) > 20 ? "<long>" : cells[i],
            sizeof s->text - strlen(s->text) - 1);
    strncat(s->text, "|", sizeof s->text - strlen(s->text) - 1);
  }
  strncat(s->text, "\n", sizeof s->text - strlen(s->text) - 1);
  return 0;
}

/* Files left in dir (the spool's must be unlinked at once). */
static int files_in(const char *dir)
{
  DIR *d = opendir(dir);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

/* Rows come back in order with empty, NULL, multi-byte and long cells; the
 * file has no name in $TMPDIR; a stop of fn stops the replay with its code. */
static void rows_come_back_as_added(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  setenv("TMPDIR", dir, 1);
  struct spool sp;
  struct err err = {0};
  assert_int_equal(spool_open(&sp, 3, &err), ERR_OK);
  assert_int_equal(files_in(dir), 0);
  char *long_cell = malloc(10001);
  memset(long_cell, 'x', 10000);
  long_cell[10000] = '\0';
  const char *r1[] = {"010090001234", "Nguyễn Văn Dũng", ""};
  const char *r2[] = {NULL, long_cell, "a;b\n\"c\""};
  assert_int_equal(spool_add(&sp, r1, &err), ERR_OK);
  assert_int_equal(spool_add(&sp, r2, &err), ERR_OK);
  assert_int_equal(sp.rows, 2);
  struct seen s;
  memset(&s, 0, sizeof s);
  assert_int_equal(spool_replay(&sp, collect, &s, &err), ERR_OK);
  assert_string_equal(s.text, "010090001234|Nguyễn Văn Dũng||\n|<long>|a;b\n\"c\"|\n");
  memset(&s, 0, sizeof s);
  s.stop_at = 1;
  assert_int_equal(spool_replay(&sp, collect, &s, &err), ERR_IO);
  assert_string_equal(err.msg, "dừng ở dòng 1");
  assert_int_equal(s.rows, 1);
  spool_close(&sp);
  spool_close(&sp); /* a second close is harmless */
  free(long_cell);
  unsetenv("TMPDIR");
  tu_rmtree(dir);
  free(dir);
}

/* No temporary file can be made: ERR_IO naming the folder. */
static void no_folder_no_spool(void **state)
{
  (void)state;
  setenv("TMPDIR", "/nonexistent/pcmt-spool-test", 1);
  struct spool sp;
  struct err err = {0};
  assert_int_equal(spool_open(&sp, 2, &err), ERR_IO);
  assert_non_null(strstr(err.msg, "/nonexistent/pcmt-spool-test"));
  spool_close(&sp);
  unsetenv("TMPDIR");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rows_come_back_as_added),
      cmocka_unit_test(no_folder_no_spool),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
