/* test_store.c: opening, migrations, version refusal, write serialisation and
 * what a killed writer leaves behind. The checks read the file with SQLite
 * directly: they look at the database from outside, as an auditor would. */
#include "testutil.h"

#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_units.h"

struct fixture {
  char *dir;
  char path[4200];
};

static int setup(void **state)
{
  struct fixture *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  struct fixture *f = *state;
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* A single integer from a query run on the file, outside the store. */
static long long peek(const char *path, const char *sql)
{
  sqlite3 *db;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
  long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

static void migrate_creates_then_is_a_no_op(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  int from = -1, to = -1, v = -1;
  assert_int_equal(store_migrate(st, &from, &to, &err), ERR_OK);
  assert_int_equal(from, 0);
  assert_true(to >= 1);
  assert_int_equal(to, store_schema_latest());
  assert_int_equal(store_schema_version(st, &v, &err), ERR_OK);
  assert_int_equal(v, to);
  assert_int_equal(store_migrate(st, &from, &to, &err), ERR_OK);
  assert_int_equal(from, to);
  store_close(st);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM schema_migration"), store_migration_count);
}

static void pragmas_are_durable(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  assert_int_equal(store_open(&st, f->path, NULL), ERR_OK);
  store_close(st);
  /* journal_mode persists in the file; WAL is what we asked for. */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  sqlite3_stmt *s;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

static void newer_database_is_refused(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  store_close(st);
  /* A later PCMT added migration 999. */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "INSERT INTO schema_migration VALUES (999, '999_future', "
                                "'2030-01-01T00:00:00Z')",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_VERSION);
  assert_non_null(strstr(err.msg, "999"));
  store_close(st);
  assert_int_equal(store_open_ready(&st, f->path, &err), ERR_VERSION);
  assert_null(st);
}

static void open_ready_needs_init(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open_ready(&st, f->path, &err), ERR_NOT_FOUND);
  assert_non_null(strstr(err.msg, "pcmt init"));
  /* An existing but empty file is not initialised either. */
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  store_close(st);
  assert_int_equal(store_open_ready(&st, f->path, &err), ERR_VERSION);
  assert_non_null(strstr(err.msg, "pcmt init"));
  assert_int_equal(store_open(&st, "", &err), ERR_INPUT);
}

static void rollback_leaves_nothing(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  assert_int_equal(store_unit_tree_put(st, "x", "", "", "test", &err), ERR_OK);
  store_write_rollback(st);
  /* Nested begin is a bug and is refused. */
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  assert_int_equal(store_write_begin(st, &err), ERR_INTERNAL);
  store_write_rollback(st);
  store_close(st);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM unit_tree"), 0);
}

static void killed_writer_leaves_nothing_half_written(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  store_close(st);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    /* Child: commit one tree, then start a second and die mid-transaction. */
    struct store *c;
    if (store_open(&c, f->path, NULL))
      _exit(1);
    store_write_begin(c, NULL);
    store_unit_tree_put(c, "committed", "", "", "ok", NULL);
    store_write_commit(c, NULL);
    store_write_begin(c, NULL);
    store_unit_tree_put(c, "half", "", "", "never committed", NULL);
    kill(getpid(), SIGKILL);
    _exit(2);
  }
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFSIGNALED(status));
  assert_int_equal(peek(f->path, "SELECT count(*) FROM unit_tree WHERE tree = 'committed'"), 1);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM unit_tree WHERE tree = 'half'"), 0);
}

struct writer_arg {
  const char *path;
  int id;
  int failures;
};

#define WRITES_PER_THREAD 50

static void *writer(void *p)
{
  struct writer_arg *a = p;
  struct store *st;
  if (store_open(&st, a->path, NULL)) {
    a->failures = WRITES_PER_THREAD;
    return NULL;
  }
  for (int i = 0; i < WRITES_PER_THREAD; i++) {
    char name[32];
    snprintf(name, sizeof name, "t%d-%d", a->id, i);
    struct err err = {0};
    if (store_write_begin(st, &err) || store_unit_tree_put(st, name, "", "", "w", &err) ||
        store_write_commit(st, &err)) {
      a->failures++;
      store_write_rollback(st);
    }
  }
  store_close(st);
  return NULL;
}

static void concurrent_writers_all_succeed(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  assert_int_equal(store_open(&st, f->path, NULL), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, NULL), ERR_OK);
  store_close(st);
  pthread_t th[4];
  struct writer_arg args[4];
  for (int i = 0; i < 4; i++) {
    args[i] = (struct writer_arg){f->path, i, 0};
    pthread_create(&th[i], NULL, writer, &args[i]);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_int_equal(args[i].failures, 0);
  }
  assert_int_equal(peek(f->path, "SELECT count(*) FROM unit_tree"), 4 * WRITES_PER_THREAD);
}

/* Statements run on the file outside the store, foreign keys off (SQLite's
 * default): how an older database's rows, or a broken one, are made. */
static void raw_exec(const char *path, const char *sql)
{
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *msg = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK)
    fail_msg("%s", msg ? msg : "sqlite3_exec");
  sqlite3_close(db);
}

/* One pragma's value on the store's own connection. */
static long long store_pragma(struct store *st, const char *sql)
{
  struct stmt *s;
  assert_int_equal(db_prepare(&s, st, sql, NULL), ERR_OK);
  long long v = db_step(s, NULL) == 1 ? db_col_int(s, 0) : -1;
  db_finalize(s);
  return v;
}

#define ONE_PERSON                                                                                 \
  "INSERT INTO unit_tree (tree, valid_from, valid_to, description) VALUES "                        \
  "('post2025', '2025-07-01', '9999-12-31', 'test');"                                              \
  "INSERT INTO unit (id, tree, code, level, parent_id, valid_from, valid_to) VALUES "              \
  "(1, 'post2025', '01', 1, NULL, '2025-07-01', '9999-12-31');"                                    \
  "INSERT INTO person (id, full_name, other_names, name_key, sort_key, birth_date, sex, "          \
  "ethnicity, national_id, unit_id, address, occupation, occupation_group, created_at, "           \
  "created_by) VALUES (7, 'Nguyễn Văn Dũng', '', 'nguyen van dung', x'0102', '1990-01-02', "   \
  "'male', 'Kinh', '001090000001', 1, '', '', '', '2026-01-01T00:00:00Z', 'test');"                \
  "INSERT INTO person_event (person_id, kind, event_date, value, facility, decision_no, "          \
  "decision_date, note, recorded_at, recorded_by) VALUES (7, 'classified', '2025-03-04', 'user', " \
  "'', '', '', '', '2026-01-01T00:00:00Z', 'test');"

/* Migration 012 rebuilds person, which every register points at, with
 * foreign keys off: the rows survive with their references, the keys are on
 * again afterwards and the national ID is still unique. */
static void person_rebuild_keeps_rows_and_rules(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  int from = -1, to = -1;
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate_to(st, 11, &from, &to, &err), ERR_OK);
  assert_int_equal(to, 11);
  store_close(st);
  raw_exec(f->path, ONE_PERSON);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person' "
                                 "AND name LIKE 'sqlite_autoindex_person_%'"),
                   1);

  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  if (store_migrate(st, &from, &to, &err) != ERR_OK)
    fail_msg("%s", err.msg);
  assert_int_equal(from, 11);
  assert_int_equal(to, store_schema_latest());
  assert_int_equal(store_pragma(st, "PRAGMA foreign_keys"), 1);
  /* the same ID again, and an event of nobody, are refused as before */
  assert_int_not_equal(
      db_exec(st,
              "INSERT INTO person (id, full_name, other_names, name_key, sort_key, birth_date, "
              "sex, ethnicity, national_id, unit_id, address, occupation, occupation_group, "
              "created_at, created_by) VALUES (8, 'Lê Thị Hoa', '', 'le thi hoa', x'03', "
              "'1991-01-01', 'female', 'Kinh', '001090000001', 1, '', '', '', '2026', 'test')",
              NULL),
      ERR_OK);
  assert_int_not_equal(db_exec(st,
                               "INSERT INTO person_event (person_id, kind, event_date, value, "
                               "facility, decision_no, decision_date, note, recorded_at, "
                               "recorded_by) VALUES (42, 'relapse', '2025-04-01', '', '', '', '', "
                               "'', '2026', 'test')",
                               NULL),
                       ERR_OK);
  store_close(st);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM person WHERE id = 7 AND national_id = "
                                 "'001090000001' AND full_name = 'Nguyễn Văn Dũng' AND "
                                 "sort_key = x'0102' AND unit_id = 1"),
                   1);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM person_event WHERE person_id = 7"), 1);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person' "
                                 "AND name LIKE 'sqlite_autoindex_person_%'"),
                   0);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM pragma_index_list('person') WHERE name = "
                                 "'person_national_id' AND \"unique\" = 1"),
                   1);
}

/* A reference that points at nothing stops the rebuild: nothing changes,
 * the reason names the table, and the keys are on again. */
static void person_rebuild_refuses_a_broken_reference(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate_to(st, 11, NULL, NULL, &err), ERR_OK);
  store_close(st);
  raw_exec(f->path, ONE_PERSON "INSERT INTO person_event (person_id, kind, event_date, value, "
                               "facility, decision_no, decision_date, note, recorded_at, "
                               "recorded_by) VALUES (42, 'relapse', '2025-04-01', '', '', '', '', "
                               "'', '2026', 'test');");

  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_not_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  assert_non_null(strstr(err.msg, "khóa ngoại"));
  assert_non_null(strstr(err.msg, "person_event"));
  int v = -1;
  assert_int_equal(store_schema_version(st, &v, &err), ERR_OK);
  assert_int_equal(v, 11);
  assert_int_equal(store_pragma(st, "PRAGMA foreign_keys"), 1);
  store_close(st);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person' "
                                 "AND name LIKE 'sqlite_autoindex_person_%'"),
                   1);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM person"), 1);
}

/* A bind that fails (here: a parameter the statement does not have) is not
 * silently left NULL: the next step reports it and runs nothing. */
static void failed_bind_is_reported_by_the_step(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(db_exec(st, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)", &err),
                   ERR_OK);
  struct stmt *s;
  assert_int_equal(db_prepare(&s, st, "INSERT INTO t (id, v) VALUES (1, ?)", &err), ERR_OK);
  assert_int_equal(db_bind_text(s, 1, "x"), ERR_OK);
  assert_int_not_equal(db_bind_text(s, 2, "no such parameter"), ERR_OK);
  assert_int_equal(db_step(s, &err), -1);
  assert_int_equal(err.code, ERR_DB);
  assert_non_null(strstr(err.msg, "tham số 2"));
  db_finalize(s);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM t"), 0);
  /* the same statement again, reset: the failure is forgotten */
  assert_int_equal(db_prepare(&s, st, "INSERT INTO t (id, v) VALUES (1, ?)", &err), ERR_OK);
  db_bind_text(s, 1, "y");
  assert_int_equal(db_step(s, &err), 0);
  db_finalize(s);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM t WHERE v = 'y'"), 1);
  store_close(st);
}

/* The one-id helpers: an UPDATE by id, and a scalar read by id. */
static void one_id_statements(void **state)
{
  struct fixture *f = *state;
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(db_exec(st,
                           "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER);"
                           "INSERT INTO t VALUES (1, 10), (2, 20)",
                           &err),
                   ERR_OK);
  assert_int_equal(db_exec_id(st, "UPDATE t SET n = n + 1 WHERE id = ?1", 2, &err), ERR_OK);
  long long v;
  int found;
  assert_int_equal(db_query_id(&v, &found, st, "SELECT n FROM t WHERE id = ?1", 2, &err), ERR_OK);
  assert_int_equal(found, 1);
  assert_int_equal(v, 21);
  assert_int_equal(db_query_id(&v, &found, st, "SELECT n FROM t WHERE id = ?1", 3, &err), ERR_OK);
  assert_int_equal(found, 0);
  assert_int_equal(v, 0);
  assert_int_equal(db_exec_id(st, "INSERT INTO t (id, n) VALUES (?1, 0)", 1, NULL), ERR_CONFLICT);
  store_close(st);
}

/* Permission bits of a file, or -1 when it is not there. */
static int mode_of(const char *path)
{
  struct stat sb;
  return stat(path, &sb) == 0 ? (int)(sb.st_mode & 0777) : -1;
}

/* A write that may be skipped never waits: with another connection
 * holding the lock (here, one of this process, so the writer mutex is
 * taken too; and a raw one of SQLite's, as another process would) the
 * trying begin says busy at once, and begins when the lock is free. */
static void trying_begin_never_waits(void **state)
{
  struct fixture *f = *state;
  struct store *st, *other;
  struct err err = {0};
  int busy = -1;
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  assert_int_equal(store_open(&other, f->path, &err), ERR_OK);
  assert_int_equal(store_write_begin(other, &err), ERR_OK);
  assert_int_equal(store_write_try_begin(&busy, st, &err), ERR_OK);
  assert_int_equal(busy, 1);
  store_write_rollback(other);
  sqlite3 *raw;
  assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
  assert_int_equal(sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal(store_write_try_begin(&busy, st, &err), ERR_OK);
  assert_int_equal(busy, 1);
  /* a write that must be done waits the busy timeout (10 s), then says
     what to do, as "busy" (503 on the web), not as a database failure */
  assert_int_equal(store_write_begin(st, &err), ERR_BUSY);
  assert_non_null(strstr(err.msg, "thử lại sau ít phút"));
  sqlite3_exec(raw, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(raw);
  /* free: it begins, and the writer mutex was given back when it was busy */
  assert_int_equal(store_write_try_begin(&busy, st, &err), ERR_OK);
  assert_int_equal(busy, 0);
  assert_int_equal(store_unit_tree_put(st, "x", "", "", "test", &err), ERR_OK);
  assert_int_equal(store_write_commit(st, &err), ERR_OK);
  assert_int_equal(store_write_begin(other, &err), ERR_OK);
  store_write_rollback(other);
  store_close(other);
  store_close(st);
  assert_int_equal(peek(f->path, "SELECT count(*) FROM unit_tree"), 1);
}

/* The reads' audit file is made beside the database, owner-only, on first
 * use, with its table; a database in memory gets one in memory. */
static void reads_file_is_made_owner_only(void **state)
{
  struct fixture *f = *state;
  mode_t old = umask(022);
  struct store *st, *reads;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_reads(&reads, st, &err), ERR_OK);
  char side[4300];
  snprintf(side, sizeof side, "%s.reads", f->path);
  assert_int_equal(mode_of(side), 0600);
  struct store *again;
  assert_int_equal(store_reads(&again, st, &err), ERR_OK);
  assert_ptr_equal(again, reads); /* kept with st */
  assert_int_equal(store_reads(&again, reads, &err), ERR_INTERNAL);
  store_close(st);
  umask(old);
  assert_int_equal(peek(side, "SELECT count(*) FROM audit_log"), 0);
  assert_int_equal(store_open(&st, ":memory:", &err), ERR_OK);
  assert_int_equal(store_reads(&reads, st, &err), ERR_OK);
  store_close(st);
}

/* The database holds personal data: with a umask that lets everyone read
 * (022), the file and the -wal and -shm files SQLite makes beside it while
 * the store is open are its owner's only. Without the store creating the
 * file, all three were 0644. */
static void database_files_are_owner_only(void **state)
{
  struct fixture *f = *state;
  mode_t old = umask(022);
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(st, NULL, NULL, &err), ERR_OK);
  char side[4300];
  assert_int_equal(mode_of(f->path), 0600);
  snprintf(side, sizeof side, "%s-wal", f->path);
  assert_int_equal(mode_of(side), 0600);
  snprintf(side, sizeof side, "%s-shm", f->path);
  assert_int_equal(mode_of(side), 0600);
  store_close(st);
  /* an existing database keeps the mode its administrator gave it */
  assert_int_equal(chmod(f->path, 0640), 0);
  assert_int_equal(store_open(&st, f->path, &err), ERR_OK);
  assert_int_equal(mode_of(f->path), 0640);
  store_close(st);
  umask(old);
}

static void default_path_follows_environment(void **state)
{
  (void)state;
  unsetenv("PCMT_DB");
  assert_string_equal(store_default_path(), "pcmt.db");
  setenv("PCMT_DB", "/tmp/other.db", 1);
  assert_string_equal(store_default_path(), "/tmp/other.db");
  unsetenv("PCMT_DB");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(migrate_creates_then_is_a_no_op, setup, teardown),
      cmocka_unit_test_setup_teardown(pragmas_are_durable, setup, teardown),
      cmocka_unit_test_setup_teardown(newer_database_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(open_ready_needs_init, setup, teardown),
      cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(killed_writer_leaves_nothing_half_written, setup, teardown),
      cmocka_unit_test_setup_teardown(concurrent_writers_all_succeed, setup, teardown),
      cmocka_unit_test_setup_teardown(person_rebuild_keeps_rows_and_rules, setup, teardown),
      cmocka_unit_test_setup_teardown(person_rebuild_refuses_a_broken_reference, setup, teardown),
      cmocka_unit_test_setup_teardown(failed_bind_is_reported_by_the_step, setup, teardown),
      cmocka_unit_test_setup_teardown(one_id_statements, setup, teardown),
      cmocka_unit_test_setup_teardown(database_files_are_owner_only, setup, teardown),
      cmocka_unit_test_setup_teardown(trying_begin_never_waits, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_file_is_made_owner_only, setup, teardown),
      cmocka_unit_test(default_path_follows_environment),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
