/* faultrun.c: running a database operation once per allocation, that allocation failing (see
 * faultrun.h). */
#include "faultrun.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_db.h"
#include "faultalloc.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_people.h"
#include "testutil.h"

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
 * out the columns a run's clock sets (at and *_at, and the audit chain's
 * hashes over them): two runs that wrote the same rows hash alike, in the
 * same second or not. */
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
        if ((len > 3 && strcmp(name + len - 3, "_at") == 0) || strcmp(name, "at") == 0 ||
            strcmp(name, "hash") == 0 || strcmp(name, "prev_hash") == 0)
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

int fault_db_setup(void **state)
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

int fault_db_teardown(void **state)
{
  struct fx *f = *state;
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* One run of an operation on a fresh copy, the nth allocation failing (0:
 * none). Returns the operation's code; *made = allocations counted. */

/* Runs where a failed allocation was not handled: reported together at the
 * end, so one run lists every place to fix. */
static long bad_runs;

static int run_once(struct fx *f, fault_op_fn op, long nth, long *made)
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
  int rc = op(st, &caller, f->dir, &err);
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

void fault_db_every_allocation(void **state, fault_op_fn op)
{
  struct fx *f = *state;
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
