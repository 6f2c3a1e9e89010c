/* test_fault_ops.c: a people import and a plan save under allocation faults.
 *
 * For every N up to the number of allocations the operation makes, a fresh
 * copy of the same database runs the operation with the Nth allocation
 * failing: it must return an error and leave the database exactly as it was
 * (every table's rows hashed before and after), or — only where SQLite
 * itself survives the failure (its "benign" allocations) — succeed with
 * exactly the result of a run where nothing failed. Never a crash, never a
 * half or different result. Under ASan (make check runs the unit tests again there) a leak
 * on any of these failure paths fails the run. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_db.h"
#include "domain/plan_edit.h"
#include "faultalloc.h"
#include "ingest/plan_read.h"
#include "ingest/unit_import.h"
#include "app/app_register.h"
#include "store/store.h"
#include "store/store_people.h"
#include "types/plan.h"

struct fx {
  char *dir;
  char pristine[4200]; /* the database every run starts from */
  char work[4200];     /* the copy a run changes */
  uint64_t pristine_hash;
  uint64_t done_hash; /* after a run where nothing failed */
  int work_dirty;     /* the work copy differs from the pristine database */
};

static void copy_file(const char *from, const char *to)
{
  size_t n;
  char *data = tu_read_file(from, &n);
  assert_non_null(data);
  FILE *f = fopen(to, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
  free(data);
}

/* FNV-1a over every row of every table, in table and rowid order, leaving
 * out the columns a run's clock sets (*_at, and the audit chain's hashes over
 * them): two runs that wrote the same rows hash alike. */
static uint64_t content_hash(const char *path)
{
  sqlite3 *db;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_stmt *t;
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                                      "name NOT LIKE 'sqlite_%' ORDER BY name",
                                      -1, &t, NULL),
                   SQLITE_OK);
  uint64_t h = 1469598103934665603ULL;
  while (sqlite3_step(t) == SQLITE_ROW) {
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", (const char *)sqlite3_column_text(t, 0));
    sqlite3_stmt *r;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &r, NULL), SQLITE_OK);
    while (sqlite3_step(r) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(r); c++) {
        const char *name = sqlite3_column_name(r, c);
        size_t len = strlen(name);
        if ((len > 3 && strcmp(name + len - 3, "_at") == 0) || strcmp(name, "hash") == 0 ||
            strcmp(name, "prev_hash") == 0)
          continue;
        const unsigned char *v = sqlite3_column_blob(r, c);
        int n = sqlite3_column_bytes(r, c);
        for (int i = 0; i < n; i++)
          h = (h ^ v[i]) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
      }
    sqlite3_finalize(r);
  }
  sqlite3_finalize(t);
  sqlite3_close(db);
  return h;
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  /* a small database (a few units: tests/fixtures/units-mini), so that a
   * run is cheap enough to repeat once per allocation */
  snprintf(f->pristine, sizeof f->pristine, "%s/pristine.db", f->dir);
  struct store *st;
  struct err err = {0};
  struct app_db_init_result res;
  if (store_open(&st, f->pristine, &err) || app_db_init(&res, st, &err) ||
      unit_import(st, tu_source_path("tests/fixtures/units-mini"), NULL, &err) ||
      store_scope_refresh(st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  store_close(st); /* checkpoints the WAL into the file */
  snprintf(f->work, sizeof f->work, "%s/work.db", f->dir);
  f->pristine_hash = content_hash(f->pristine);
  f->work_dirty = 1;
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* One run of an operation on a fresh copy, the nth allocation failing (0:
 * none). Returns the operation's code; *made = allocations counted. */
typedef int (*op_fn)(struct store *st, const struct scope *caller, struct fx *f, struct err *err);

/* Runs where a failed allocation was not handled: reported together at the
 * end, so one run lists every place to fix. */
static long bad_runs;

static int run_once(struct fx *f, op_fn op, long nth, long *made)
{
  /* the work copy is the pristine database unless the last run changed it */
  if (f->work_dirty)
    copy_file(f->pristine, f->work);
  f->work_dirty = 0;
  struct store *st;
  struct scope caller;
  struct err err = {0};
  assert_int_equal(store_open_ready(&st, f->work, &err), ERR_OK);
  assert_int_equal(app_caller_open(&caller, st, NULL, "kiểm thử lỗi cấp phát", &err), ERR_OK);
  faultalloc_arm(nth);
  int rc = op(st, &caller, f, &err);
  *made = faultalloc_disarm();
  store_close(st);
  uint64_t h = content_hash(f->work);
  f->work_dirty = h != f->pristine_hash;
  if (nth && faultalloc_fired()) {
    /* SQLite may survive a failed allocation it marks benign: success is
     * then right only with the whole result, as when nothing failed */
    if (rc == ERR_OK && h != f->done_hash) {
      print_error("allocation %ld of %ld failed and the operation succeeded with another "
                  "result\n",
                  nth, *made);
      bad_runs++;
    } else if (rc != ERR_OK && h != f->pristine_hash) {
      print_error("allocation %ld failed (%s) and the database changed\n", nth, err.msg);
      bad_runs++;
    }
  }
  return rc;
}

static void every_allocation(struct fx *f, op_fn op)
{
  long total;
  assert_int_equal(run_once(f, op, 0, &total), ERR_OK);
  assert_true(total > 0);
  f->done_hash = content_hash(f->work);
  assert_int_not_equal(f->done_hash, f->pristine_hash); /* it does write */
  /* FAULTALLOC_ONLY=N: that run alone (with FAULTALLOC_TRAP, under gdb) */
  const char *only = getenv("FAULTALLOC_ONLY");
  bad_runs = 0;
  for (long n = only ? atol(only) : 1; n <= (only ? atol(only) : total); n++) {
    long made;
    run_once(f, op, n, &made);
  }
  print_message("%ld allocations, each failed once: %ld not handled\n", total, bad_runs);
  assert_int_equal(bad_runs, 0);
}

/* ---- a people import ---------------------------------------------------- */

static int import_people(struct store *st, const struct scope *caller, struct fx *f,
                         struct err *err)
{
  const char *path = tu_write_file(f->dir, "people.csv",
                                   "Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Hệ đơn vị,Số định danh,"
                                   "Phân loại,Ngày phân loại\n"
                                   "Nguyễn Văn An,12/03/1990,Nam,03006,post2025,015090000101,"
                                   "Người nghiện ma túy,02/01/2026\n"
                                   "Lò Thị Bình,01/07/1985,Nữ,03006,post2025,,,\n"
                                   "Giàng A Chứ,20/11/2001,Nam,02671,post2025,015201000203,"
                                   "Người sử dụng trái phép chất ma túy,15/02/2026\n");
  struct app_register_import_in in = {"people", path, 0, "2026-06-01"};
  struct reg_import_result res;
  int rc = app_register_import(&res, st, caller, &in, err);
  if (!rc && (res.inserted != 3 || res.n_rejects))
    rc = err_set(err, ERR_INTERNAL, "imported %ld, rejected %zu", res.inserted, res.n_rejects);
  reg_import_result_free(&res);
  return rc;
}

static void people_import_fails_cleanly(void **state)
{
  every_allocation(*state, import_people);
}

/* ---- a plan save ---------------------------------------------------------- */

static int save_plan(struct store *st, const struct scope *caller, struct fx *f, struct err *err)
{
  (void)f;
  static const char text[] = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 07/KH-UBND\n"
                             "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
                             "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2025.\n"
                             "II. NHIỆM VỤ\n1. Tuyên truyền\n"
                             "- Tổ chức tuyên truyền tại các trường học (Sở Giáo dục và Đào tạo "
                             "chủ trì, phối hợp Công an tỉnh, hoàn thành trước 30/6/2026).\n"
                             "III. TỔ CHỨC THỰC HIỆN\nBáo cáo 6 tháng trước ngày 10/6/2026.\n";
  struct plan p;
  int rc = plan_read_text(&p, text, sizeof text - 1, err);
  long id = 0;
  if (!rc)
    rc = plan_edit_save(&id, st, &p, "kehoach.txt", text, caller->user, err);
  plan_free(&p);
  return rc;
}

static void plan_save_fails_cleanly(void **state)
{
  every_allocation(*state, save_plan);
}

int main(void)
{
  if (faultalloc_install())
    return 1;
  if (getenv("FAULTALLOC_TEST")) /* one test by name, for debugging */
    cmocka_set_test_filter(getenv("FAULTALLOC_TEST"));
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(people_import_fails_cleanly, setup, teardown),
      cmocka_unit_test_setup_teardown(plan_save_fails_cleanly, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
