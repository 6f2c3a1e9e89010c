/* test_csv_write.c: the CSV files that leave the program (exports, rejects
 * files) — owner-only whatever the umask, written beside their name and
 * renamed into place, and never renamed over something that is not a
 * regular file (a device, a pipe, a folder). A pipe stands for /dev/null
 * here: what replaced /dev/null when run as root would replace it. */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/csv_write.h"
#include "output/reg_rejects.h"
#include "types/register.h"

static char *dir;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return dir ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static const char *path_of(const char *name)
{
  static char p[4200];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return p;
}

/* Permission bits of a file, or -1 when it is not there. */
static int mode_of(const char *path)
{
  struct stat sb;
  return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* Entries of the temp dir whose name starts with `prefix`. */
static int entries(const char *prefix)
{
  DIR *d = opendir(dir);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
  closedir(d);
  return n;
}

/* One row of two cells to `path`; the writer's code. */
static int write_one(const char *path, struct err *err)
{
  struct csv_writer w;
  int rc = csv_writer_open(&w, path, 2, err);
  if (rc)
    return rc;
  rc = csv_writer_row(&w, (const char *const[]){"010090000001", "Lò Thị Mai"}, err);
  int crc = csv_writer_close(&w, rc == ERR_OK, err);
  return rc ? rc : crc;
}

/* A rejects file of one row to `path`; reg_rejects_write's code. */
static int write_rejects(const char *path, struct err *err)
{
  char *header[] = {"Số định danh", "Họ tên"};
  char *fields[] = {"010090000001", "Lò Thị Mai"};
  struct reg_reject rej = {2, "Ngày sinh: thiếu", fields, 2};
  struct reg_import_result res = {0};
  res.rejects = &rej;
  res.n_rejects = 1;
  res.header = header;
  res.n_header = 2;
  return reg_rejects_write(path, &res, err);
}

/* With a umask that lets everyone read (022, under which a plain file is
 * 0644), an export and a rejects file are 0600, also when they replace an
 * existing file that others could read. */
static void files_are_owner_only_whatever_the_umask(void **state)
{
  (void)state;
  mode_t old = umask(022);
  struct err err = {0};
  FILE *f = fopen(path_of("plain.csv"), "w");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(mode_of(path_of("plain.csv")), 0644);
  assert_int_equal(write_one(path_of("export.csv"), &err), ERR_OK);
  assert_int_equal(mode_of(path_of("export.csv")), 0600);
  assert_int_equal(write_one(path_of("plain.csv"), &err), ERR_OK);
  assert_int_equal(mode_of(path_of("plain.csv")), 0600);
  char *text = tu_read_file(path_of("plain.csv"), NULL);
  assert_non_null(text);
  assert_non_null(strstr(text, "010090000001,Lò Thị Mai\r\n"));
  free(text);
  assert_int_equal(write_rejects(path_of("people.csv.rejects.csv"), &err), ERR_OK);
  assert_int_equal(mode_of(path_of("people.csv.rejects.csv")), 0600);
  umask(old);
}

/* A pipe or a folder under the name is refused, left as it was, and no
 * temporary file is left beside it; the same for a rejects file. */
static void a_path_that_is_no_regular_file_is_refused(void **state)
{
  (void)state;
  struct err err = {0};
  assert_int_equal(mkfifo(path_of("pipe.csv"), 0600), 0);
  assert_int_equal(write_one(path_of("pipe.csv"), &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "không phải tệp thường"));
  struct stat sb;
  assert_int_equal(stat(path_of("pipe.csv"), &sb), 0);
  assert_true(S_ISFIFO(sb.st_mode));
  assert_int_equal(write_rejects(path_of("pipe.csv"), &err), ERR_INPUT);
  assert_int_equal(stat(path_of("pipe.csv"), &sb), 0);
  assert_true(S_ISFIFO(sb.st_mode));
  assert_int_equal(entries("pipe.csv"), 1); /* no temporary file beside it */
  assert_int_equal(mkdir(path_of("folder.csv"), 0700), 0);
  assert_int_equal(write_one(path_of("folder.csv"), &err), ERR_INPUT);
  assert_int_equal(stat(path_of("folder.csv"), &sb), 0);
  assert_true(S_ISDIR(sb.st_mode));
  assert_int_equal(entries("folder.csv"), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(files_are_owner_only_whatever_the_umask),
      cmocka_unit_test(a_path_that_is_no_regular_file_is_refused),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
