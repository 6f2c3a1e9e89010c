/* faultrun.c: running a database operation once per allocation, that allocation failing (see
 * faultrun.h). */
#include "faultrun.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
  uint64_t done_hash;     /* after a run where nothing failed */
  char done_tables[4096]; /* table:hash of each table after that run */
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
 * out the columns a run's clock sets (at and *_at, and what is keyed over
 * them: the audit chain's hashes, the person digests' tally, a person
 * digest's value but not its presence): two runs that wrote the same rows
 * hash alike, in the same second or not. */
static uint64_t content_hash_tables(const char *path, char *tables, size_t tn);

static uint64_t content_hash(const char *path)
{
  return content_hash_tables(path, NULL, 0);
}

/* The same, and "table:hash " of each table into tables (when non-NULL), to
 * name the tables a wrong run changed. */
static uint64_t content_hash_tables(const char *path, char *tables, size_t tn)
{
  size_t tw = 0;
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
    uint64_t h_before = h;
    while (sqlite3_step(r) == SQLITE_ROW)
      for (int c = 0; c < sqlite3_column_count(r); c++) {
        const char *name = sqlite3_column_name(r, c);
        size_t len = strlen(name);
        if ((len > 3 && strcmp(name + len - 3, "_at") == 0) || strcmp(name, "at") == 0 ||
            strcmp(name, "hash") == 0 || strcmp(name, "prev_hash") == 0 ||
            strcmp(name, "tally") == 0)
          continue;
        /* a person row's keyed digest covers its created_at, set by the
         * clock like the chain's hashes: only whether it is there counts */
        const unsigned char there = sqlite3_column_type(r, c) != SQLITE_NULL;
        int digest = strcmp(name, "digest") == 0;
        const unsigned char *v = digest ? &there : sqlite3_column_blob(r, c);
        int n = digest ? 1 : sqlite3_column_bytes(r, c);
        for (int i = 0; i < n; i++)
          h = (h ^ v[i]) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
      }
    sqlite3_finalize(r);
    if (tables && tw < tn)
      tw += (size_t)snprintf(tables + tw, tn - tw, "%s:%llx ",
                             (const char *)sqlite3_column_text(t, 0),
                             (unsigned long long)(h ^ h_before));
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
      tu_unit_import(st, tu_source_path("tests/fixtures/units-mini"), NULL, &err) ||
      store_scope_refresh(st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  store_close(st); /* checkpoints the WAL into the file */
  snprintf(f->work, sizeof f->work, "%s/work.db", f->dir);
  f->pristine_hash = content_hash(f->pristine);
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
  /* always a fresh copy (half a megabyte): a run that failed and rolled
   * back leaves the same rows but not the same file, and SQLite's
   * allocations would then differ, so N would not name the same allocation */
  copy_file(f->pristine, f->work);
  /* with the pristine database's key beside it, fresh too (a run must not
   * see what an earlier one did to the files beside the database) */
  char side[4300], key_from[4300];
  snprintf(key_from, sizeof key_from, "%s.key", f->pristine);
  snprintf(side, sizeof side, "%s.key", f->work);
  copy_file(key_from, side);
  snprintf(side, sizeof side, "%s.checkpoints", f->work);
  unlink(side);
  /* and no journal of an earlier run beside it (a run that failed before
   * closing leaves its -wal, which SQLite would replay into this copy) */
  snprintf(side, sizeof side, "%s-wal", f->work);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", f->work);
  unlink(side);
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
  if (nth && getenv("FAULTALLOC_KEEP") && faultalloc_fired() && h != f->pristine_hash &&
      h != f->done_hash) /* keep the database a wrong run left, to look at */
    copy_file(f->work, getenv("FAULTALLOC_KEEP"));
  if (nth && faultalloc_fired()) {
    /* SQLite may survive a failed allocation it marks benign: success is
     * then right only with the whole result, as when nothing failed */
    if (rc == ERR_OK && h != f->done_hash) {
      /* which tables differ from the run without failure */
      char now[4096];
      content_hash_tables(f->work, now, sizeof now);
      print_error("tables now:   %s\ntables right: %s\n", now, f->done_tables);
    }
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
  if (getenv("FAULTALLOC_REPEAT")) /* how steady the count is from run to run */
    for (int i = 0; i < atoi(getenv("FAULTALLOC_REPEAT")); i++) {
      long made;
      run_once(f, op, 0, &made);
      print_message("clean run %d: %ld allocations\n", i, made);
    }
  if (getenv("FAULTALLOC_KEEP_DONE")) /* the database a run without failure left */
    copy_file(f->work, getenv("FAULTALLOC_KEEP_DONE"));
  f->done_hash = content_hash_tables(f->work, f->done_tables, sizeof f->done_tables);
  assert_int_not_equal(f->done_hash, f->pristine_hash); /* it does write */
  /* FAULTALLOC_ONLY=N: that run alone (with FAULTALLOC_TRAP, under gdb) */
  const char *only = getenv("FAULTALLOC_ONLY");
  long bad = 0;
  const char *from = getenv("FAULTALLOC_FROM"); /* FROM..: a range, for debugging */
  for (long n = only ? atol(only) : from ? atol(from) : 1; n <= (only ? atol(only) : total); n++) {
    /* each run in a child of this same process state: a failed run cannot
     * leave anything (SQLite's or ours) that changes the next run's
     * allocations, and a crash is one bad run, not the end of the test.
     * A run that leaves more memory allocated than it found has leaked
     * (under ASan, LeakSanitizer then names the stacks). */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
      long made;
      bad_runs = 0;
      size_t before = faultalloc_live_bytes();
      run_once(f, op, n, &made);
      size_t after = faultalloc_live_bytes();
      if (after > before) { /* the run kept memory it made: a leak */
        print_error("allocation %ld: %zu bytes not freed\n", n, after - before);
        faultalloc_leak_report();
      }
      fflush(NULL);
      /* _exit: no exit-time leak scan (the byte count above did its work) */
      _exit(after > before ? 2 : bad_runs ? 1 : 0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      if (!WIFEXITED(status))
        print_error("allocation %ld: the run crashed (signal %d)\n", n, WTERMSIG(status));
      else if (WEXITSTATUS(status) != 1)
        print_error("allocation %ld: the run ended with status %d\n", n, WEXITSTATUS(status));
      bad++;
    }
  }
  print_message("%ld allocations, each failed once: %ld not handled\n", total, bad);
  assert_int_equal(bad, 0);
}
