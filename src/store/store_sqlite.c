/* store_sqlite.c: the SQLite backend — the one file with SQLite-specific code.
 *
 * Durability and concurrency settings, chosen deliberately:
 *  - journal_mode=WAL: readers never block the writer nor each other;
 *  - synchronous=FULL: a committed transaction survives a power cut (in WAL
 *    mode NORMAL may lose the last commits on power loss);
 *  - foreign_keys=ON: SQLite leaves them off by default;
 *  - busy_timeout: a reader that meets a checkpoint waits instead of failing.
 * Writers are serialised in the program by one process-wide mutex (see
 * store.h): measured on this class of machine, p99 of a write-heavy page fell
 * from about 940 ms with only a busy timeout to about 17 ms. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_key.h"
#include "base/date.h"

/* Finished statements are kept, reset, for the next db_prepare of the same
 * SQL: store functions prepare per call, and re-parsing the SQL was the
 * largest cost of bulk work (units import, CSV import). Least recently used
 * out first: once full, the cache had kept its first 48 statements for
 * good, and a request for the standard indicators (~30 statements) then
 * re-parsed every one (~10 ms for Hà Nội). */
#define STMT_CACHE 96

struct store {
  sqlite3 *db; /* the connection */
  int writing; /* 1 while this connection holds the writer mutex */
  sqlite3_stmt *cache[STMT_CACHE];
  int cache_n;
  int fk_pending;          /* foreign keys to be put back on before the next write */
  struct store_key *key;   /* the key file's content once loaded (store_key.c), or NULL */
  char *path;              /* the path the database was opened with */
  int digests;             /* person rows carry a digest: 1 yes, -1 no (older schema), 0 unknown */
  pthread_mutex_t *writer; /* the writer mutex of this connection's file (see store.h) */
  struct store *reads;     /* the reads' audit file's connection, once opened (store_reads) */
  int is_reads;            /* 1 on that connection itself */
};

struct stmt {
  sqlite3_stmt *s;
  struct store *st;
  int bind_failed; /* the first parameter whose bind failed (1-based), 0 when none */
  int bind_code;   /* SQLite's code for that failure */
};

static pthread_mutex_t writer_mutex = PTHREAD_MUTEX_INITIALIZER;
/* The reads' audit file has a write lock of its own: an audited read must
 * not queue behind a long write of the main file in another thread. */
static pthread_mutex_t reads_mutex = PTHREAD_MUTEX_INITIALIZER;

const char *store_default_path(void)
{
  const char *p = getenv("PCMT_DB");
  return p && *p ? p : "pcmt.db";
}

static int db_fail(struct store *st, struct err *err, const char *what)
{
  return err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi %s: %s", what,
                 st && st->db ? sqlite3_errmsg(st->db) : "không mở được");
}

/* The database holds personal data: a new one is created here, empty and
 * readable by its owner only, before SQLite opens it (SQLite would create it
 * 0644 less the umask). SQLite gives the -wal, -shm and -journal files it
 * creates the database file's own mode, so they are 0600 too. O_EXCL: an
 * existing database keeps the mode its administrator gave it. */
static int create_owner_only(const char *path, struct err *err)
{
  if (strcmp(path, ":memory:") == 0)
    return ERR_OK;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) /* there already (EEXIST), or SQLite will say why it cannot open it */
    return ERR_OK;
  if (close(fd) != 0)
    return err_set(err, ERR_IO, "không tạo được cơ sở dữ liệu \"%s\": %s", path, strerror(errno));
  return ERR_OK;
}

int store_open(struct store **out, const char *path, struct err *err)
{
  *out = NULL;
  if (!path || !*path)
    return err_set(err, ERR_INPUT, "chưa chỉ ra tệp cơ sở dữ liệu");
  if (create_owner_only(path, err))
    return ERR_IO;
  struct store *st = calloc(1, sizeof *st);
  if (!st)
    return err_nomem(err);
  int rc = sqlite3_open_v2(path, &st->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    err_set(err, ERR_IO, "không mở được cơ sở dữ liệu \"%s\": %s", path,
            st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
    store_close(st);
    return ERR_IO;
  }
  st->writer = &writer_mutex;
  st->path = strdup(path);
  if (!st->path) {
    store_close(st);
    return err_nomem(err);
  }
  sqlite3_busy_timeout(st->db, 10000);
  static const char *pragmas = "PRAGMA journal_mode=WAL;"
                               "PRAGMA synchronous=FULL;"
                               "PRAGMA foreign_keys=ON;"
                               "PRAGMA temp_store=MEMORY;"
                               /* 64 MB of page cache: imports and indicators touch indexes
                                  far larger than the default 2 MB */
                               "PRAGMA cache_size=-65536;";
  char *msg = NULL;
  if (sqlite3_exec(st->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
    err_set(err, ERR_DB, "không cấu hình được cơ sở dữ liệu \"%s\": %s", path,
            msg ? msg : "lỗi không rõ");
    sqlite3_free(msg);
    store_close(st);
    return ERR_DB;
  }
  *out = st;
  return ERR_OK;
}

int store_open_ready(struct store **out, const char *path, struct err *err)
{
  *out = NULL;
  if (!path || access(path, F_OK) != 0)
    return err_set(err, ERR_NOT_FOUND,
                   "chưa có cơ sở dữ liệu \"%s\"; hãy chạy 'pcmt init --db %s' trước",
                   path ? path : "", path ? path : "FILE");
  struct store *st;
  int rc = store_open(&st, path, err);
  if (rc)
    return rc;
  int v = 0;
  rc = store_schema_version(st, &v, err);
  if (!rc && v != store_schema_latest()) {
    if (v > store_schema_latest())
      rc = err_set(err, ERR_VERSION,
                   "cơ sở dữ liệu \"%s\" do phiên bản PCMT mới hơn tạo (lược đồ %d, bản này "
                   "biết đến %d); hãy dùng bản PCMT mới hơn",
                   path, v, store_schema_latest());
    else
      rc = err_set(err, ERR_VERSION,
                   "cơ sở dữ liệu \"%s\" ở lược đồ %d, cần %d; hãy chạy 'pcmt init --db %s' "
                   "để nâng cấp",
                   path, v, store_schema_latest(), path);
  }
  if (rc) {
    store_close(st);
    return rc;
  }
  *out = st;
  return ERR_OK;
}

void store_close(struct store *st)
{
  if (!st)
    return;
  if (st->writing)
    store_write_rollback(st);
  store_close(st->reads);
  for (int i = 0; i < st->cache_n; i++)
    sqlite3_finalize(st->cache[i]);
  sqlite3_close_v2(st->db);
  store_key_free(st->key);
  free(st->path);
  free(st);
}

/* ---------------------------------------------------------------------------
 * Statements
 * ------------------------------------------------------------------------- */

int db_prepare(struct stmt **out, struct store *st, const char *sql, struct err *err)
{
  *out = NULL;
  struct stmt *s = calloc(1, sizeof *s);
  if (!s)
    return err_nomem(err);
  for (int i = st->cache_n - 1; i >= 0; i--) {
    /* compare the text, not the pointer: a caller may build SQL in a buffer */
    if (strcmp(sqlite3_sql(st->cache[i]), sql) == 0) {
      s->s = st->cache[i];
      st->cache_n--;
      memmove(&st->cache[i], &st->cache[i + 1], (size_t)(st->cache_n - i) * sizeof *st->cache);
      s->st = st;
      *out = s;
      return ERR_OK;
    }
  }
  if (sqlite3_prepare_v2(st->db, sql, -1, &s->s, NULL) != SQLITE_OK) {
    free(s);
    return db_fail(st, err, "chuẩn bị câu lệnh");
  }
  s->st = st;
  *out = s;
  return ERR_OK;
}

void db_finalize(struct stmt *s)
{
  if (!s)
    return;
  struct store *st = s->st;
  if (st->cache_n == STMT_CACHE) {
    /* full: the least recently used statement (the first) makes room */
    sqlite3_finalize(st->cache[0]);
    st->cache_n--;
    memmove(&st->cache[0], &st->cache[1], (size_t)st->cache_n * sizeof *st->cache);
  }
  sqlite3_reset(s->s);
  sqlite3_clear_bindings(s->s);
  st->cache[st->cache_n++] = s->s;
  free(s);
}

void db_reset(struct stmt *s)
{
  sqlite3_reset(s->s);
  sqlite3_clear_bindings(s->s);
  s->bind_failed = 0;
}

/* A failed bind would leave the parameter NULL and the statement would run
 * with it: the failure is remembered and the next db_step reports it
 * instead of running. */
static int bind_rc(struct stmt *s, int i, int rc)
{
  if (rc == SQLITE_OK)
    return ERR_OK;
  if (!s->bind_failed) {
    s->bind_failed = i > 0 ? i : -1;
    s->bind_code = rc;
  }
  return rc == SQLITE_NOMEM || rc == SQLITE_TOOBIG ? ERR_NOMEM : ERR_DB;
}

int db_bind_text(struct stmt *s, int i, const char *v)
{
  if (!v)
    return bind_rc(s, i, sqlite3_bind_null(s->s, i));
  return bind_rc(s, i, sqlite3_bind_text(s->s, i, v, -1, SQLITE_TRANSIENT));
}

int db_bind_double(struct stmt *s, int i, double v)
{
  return bind_rc(s, i, sqlite3_bind_double(s->s, i, v));
}

int db_bind_int(struct stmt *s, int i, long long v)
{
  return bind_rc(s, i, sqlite3_bind_int64(s->s, i, v));
}

int db_bind_blob(struct stmt *s, int i, const void *v, size_t n)
{
  return bind_rc(s, i, sqlite3_bind_blob64(s->s, i, v, n, SQLITE_TRANSIENT));
}

int db_bind_null(struct stmt *s, int i)
{
  return bind_rc(s, i, sqlite3_bind_null(s->s, i));
}

/* SQLite rolls the whole transaction back by itself on some errors (out of
 * memory, a full disk, I/O) in the middle of it; a later statement would
 * then run in autocommit mode and keep half of the work. Inside a write
 * transaction that SQLite has ended, every statement fails instead. */
static int lost_transaction(struct store *st, struct err *err)
{
  if (!st->writing || !sqlite3_get_autocommit(st->db))
    return ERR_OK;
  return err_set(err, ERR_DB, "lỗi cơ sở dữ liệu: giao dịch ghi đã bị hủy sau một lỗi trước đó");
}

int db_step(struct stmt *s, struct err *err)
{
  if (s->bind_failed) {
    if (s->bind_code == SQLITE_NOMEM || s->bind_code == SQLITE_TOOBIG)
      err_set(err, ERR_NOMEM, "hết bộ nhớ khi gắn tham số %d của câu lệnh", s->bind_failed);
    else
      err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi gắn tham số %d: %s", s->bind_failed,
              sqlite3_errstr(s->bind_code));
    return -1;
  }
  if (lost_transaction(s->st, err))
    return -1;
  int rc = sqlite3_step(s->s);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  if (rc == SQLITE_CONSTRAINT)
    err_set(err, ERR_CONFLICT, "dữ liệu trái ràng buộc: %s", sqlite3_errmsg(s->st->db));
  else
    db_fail(s->st, err, "thực hiện câu lệnh");
  return -1;
}

const char *db_col_text(struct stmt *s, int i)
{
  const unsigned char *t = sqlite3_column_text(s->s, i);
  return t ? (const char *)t : "";
}

size_t db_col_bytes(struct stmt *s, int i)
{
  sqlite3_column_text(s->s, i); /* the length of the text form, not of a number */
  return (size_t)sqlite3_column_bytes(s->s, i);
}

double db_col_double(struct stmt *s, int i)
{
  return sqlite3_column_double(s->s, i);
}

long long db_col_int(struct stmt *s, int i)
{
  return sqlite3_column_int64(s->s, i);
}

const void *db_col_blob(struct stmt *s, int i, size_t *n)
{
  const void *p = sqlite3_column_blob(s->s, i);
  *n = (size_t)sqlite3_column_bytes(s->s, i);
  return p;
}

int db_col_is_null(struct stmt *s, int i)
{
  return sqlite3_column_type(s->s, i) == SQLITE_NULL;
}

int db_exec(struct store *st, const char *sql, struct err *err)
{
  char *msg = NULL;
  if (lost_transaction(st, err))
    return ERR_DB;
  if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    err_set(err, ERR_DB, "lỗi cơ sở dữ liệu: %s", msg ? msg : sqlite3_errmsg(st->db));
    sqlite3_free(msg);
    return ERR_DB;
  }
  return ERR_OK;
}

long long db_changes(struct store *st)
{
  return sqlite3_changes64(st->db);
}

const char *db_sql_row_id(void)
{
  return "rowid";
}

static int listed(const char *name, const char *const *names)
{
  for (; names && *names; names++)
    if (strcmp(name, *names) == 0)
      return 1;
  return 0;
}

void db_index_sql_free(char **sql, size_t n)
{
  for (size_t i = 0; sql && i < n; i++)
    free(sql[i]);
  free(sql);
}

int db_indexes_drop(char ***out, size_t *n, struct store *st, const char *const *tables,
                    const char *const *keep, struct err *err)
{
  *out = NULL;
  *n = 0;
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(st->db,
                         "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' "
                         "AND sql IS NOT NULL ORDER BY name",
                         -1, &q, NULL) != SQLITE_OK)
    return db_fail(st, err, "đọc danh sách chỉ mục");
  char **sql = NULL, **names = NULL;
  size_t cap = 0, k = 0;
  int rc = ERR_OK, r = SQLITE_DONE;
  while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(q, 0);
    const char *tbl = (const char *)sqlite3_column_text(q, 1);
    if (!name || !tbl || !sqlite3_column_text(q, 2)) { /* none is NULL but for lack of memory */
      rc = err_nomem(err);
      break;
    }
    if (!listed(tbl, tables) || listed(name, keep))
      continue;
    if (k == cap) {
      size_t c = cap ? cap * 2 : 16;
      char **a = realloc(sql, c * sizeof *a), **b = a ? realloc(names, c * sizeof *b) : NULL;
      if (a)
        sql = a;
      if (b)
        names = b;
      if (!a || !b) {
        rc = err_nomem(err);
        break;
      }
      cap = c;
    }
    sql[k] = strdup((const char *)sqlite3_column_text(q, 2));
    names[k] = sql[k] ? strdup(name) : NULL;
    if (!sql[k] || !names[k]) {
      free(sql[k]);
      rc = err_nomem(err);
      break;
    }
    k++;
  }
  if (!rc && r != SQLITE_DONE) /* the listing stopped on an error, not at its end */
    rc = db_fail(st, err, "đọc danh sách chỉ mục");
  sqlite3_finalize(q);
  for (size_t i = 0; !rc && i < k; i++) {
    char *drop = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
    if (!drop)
      rc = err_nomem(err);
    else
      rc = db_exec(st, drop, err);
    sqlite3_free(drop);
  }
  for (size_t i = 0; i < k; i++)
    free(names[i]);
  free(names);
  if (rc) {
    db_index_sql_free(sql, k);
    return rc;
  }
  *out = sql;
  *n = k;
  return ERR_OK;
}

/* Putting them back on comes after a long write is committed: failing
 * there (out of memory) must not report an error for work that was done.
 * The store remembers it instead and puts them back before the next write
 * transaction, which fails if it still cannot: no write runs unguarded. */
int db_foreign_keys(struct store *st, int on, struct err *err)
{
  if (!on)
    return db_exec(st, "PRAGMA foreign_keys=OFF", err);
  struct err e;
  err_clear(&e);
  st->fk_pending = db_exec(st, "PRAGMA foreign_keys=ON", &e) != ERR_OK;
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Write transactions
 * ------------------------------------------------------------------------- */

int store_bulk_cache(struct store *st, long mib, struct err *err)
{
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA cache_size=-%ld", (mib > 0 ? mib : 2) * 1024);
  return db_exec(st, sql, err);
}

/* What a write transaction needs before it begins: none open already, and
 * foreign keys back on (outside a transaction: see db_foreign_keys). */
static int write_ready(struct store *st, struct err *err)
{
  if (st->writing)
    return err_set(err, ERR_INTERNAL, "giao dịch ghi lồng nhau");
  if (st->fk_pending) {
    if (db_exec(st, "PRAGMA foreign_keys=ON", err))
      return ERR_DB;
    st->fk_pending = 0;
  }
  return ERR_OK;
}

int store_write_begin(struct store *st, struct err *err)
{
  int rc = write_ready(st, err);
  if (rc)
    return rc;
  pthread_mutex_lock(st->writer);
  int src = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (src != SQLITE_OK) {
    pthread_mutex_unlock(st->writer);
    if (src == SQLITE_BUSY)
      return err_set(err, ERR_BUSY,
                     "cơ sở dữ liệu đang bận: một lần ghi dài (nhập dữ liệu, sinh dữ liệu) đang "
                     "giữ quyền ghi; hãy thử lại sau ít phút (xem và tìm hồ sơ vẫn làm được)");
    return db_fail(st, err, "bắt đầu giao dịch ghi");
  }
  st->writing = 1;
  return ERR_OK;
}

int store_write_commit(struct store *st, struct err *err)
{
  if (!st->writing)
    return err_set(err, ERR_INTERNAL, "không có giao dịch ghi để xác nhận");
  int rc = db_exec(st, "COMMIT", err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  st->writing = 0;
  pthread_mutex_unlock(st->writer);
  return ERR_OK;
}

void store_write_rollback(struct store *st)
{
  if (!st->writing)
    return;
  sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  st->writing = 0;
  pthread_mutex_unlock(st->writer);
}

int store_write_try_begin(int *busy, struct store *st, struct err *err)
{
  *busy = 0;
  int rc = write_ready(st, err);
  if (rc)
    return rc;
  if (pthread_mutex_trylock(st->writer) != 0) {
    *busy = 1;
    return ERR_OK;
  }
  sqlite3_busy_timeout(st->db, 0);
  rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout(st->db, 10000);
  if (rc == SQLITE_OK) {
    st->writing = 1;
    return ERR_OK;
  }
  pthread_mutex_unlock(st->writer);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    *busy = 1;
    return ERR_OK;
  }
  return db_fail(st, err, "bắt đầu giao dịch ghi");
}

int store_read_begin(struct store *st, struct err *err)
{
  return db_exec(st, "BEGIN DEFERRED", err);
}

void store_read_end(struct store *st)
{
  if (!st->writing && !sqlite3_get_autocommit(st->db))
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------------
 * Migrations
 * ------------------------------------------------------------------------- */

int store_schema_latest(void)
{
  return store_migration_count ? store_migrations[store_migration_count - 1].version : 0;
}

int store_schema_version(struct store *st, int *out, struct err *err)
{
  *out = 0;
  struct stmt *s;
  /* sqlite_master is SQLite's catalogue; PostgreSQL would ask information_schema. */
  int rc = db_prepare(&s, st,
                      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                      "'schema_migration'",
                      err);
  if (rc)
    return rc;
  /* a failed step (out of memory) is an error, never "no schema": a caller
   * deciding what the schema has must not take a failure for version 0 */
  int r = db_step(s, err);
  int have = r == 1 && db_col_int(s, 0) > 0;
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (!have)
    return ERR_OK;
  rc = db_prepare(&s, st, "SELECT coalesce(max(version), 0) FROM schema_migration", err);
  if (rc)
    return rc;
  r = db_step(s, err);
  if (r == 1)
    *out = (int)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

/* The first line of a migration that runs with foreign keys off. */
#define MIGRATION_FK_OFF "-- pcmt: foreign keys off\n"

/* Every foreign key of the database still points at a row: what
 * foreign_keys=ON would have enforced, checked once for the rebuild. */
static int check_foreign_keys(struct store *st, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "PRAGMA foreign_key_check", err);
  if (rc)
    return rc;
  int r = db_step(s, err);
  if (r == 1)
    rc =
        err_set(err, ERR_DB, "khóa ngoại hỏng sau khi dựng lại bảng: bảng %s, dòng %lld trỏ tới %s",
                db_col_text(s, 0), (long long)db_col_int(s, 1), db_col_text(s, 2));
  else if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reads(struct store **out, struct store *st, struct err *err)
{
  *out = NULL;
  if (st->is_reads)
    return err_set(err, ERR_INTERNAL, "tệp nhật ký đọc không có tệp nhật ký đọc riêng");
  if (!st->reads) {
    char path[4096];
    const char *p = ":memory:";
    if (*db_file_path(st)) {
      int rc = store_key_path(path, sizeof path, st, ".reads", err);
      if (rc)
        return rc;
      p = path;
    }
    struct store *r;
    int rc = store_open(&r, p, err);
    if (rc)
      return rc;
    r->is_reads = 1;
    r->writer = &reads_mutex;
    /* appends touch the last pages only: SQLite's default cache, not the
       64 MiB a bulk writer of the database wants */
    if ((rc = store_bulk_cache(r, 2, err)) || (rc = store_audit_reads_schema(r, err))) {
      store_close(r);
      return rc;
    }
    st->reads = r;
  }
  *out = st->reads;
  return ERR_OK;
}

int db_is_reads(struct store *st)
{
  return st->is_reads;
}

const char *db_file_path(struct store *st)
{
  return strcmp(st->path, ":memory:") == 0 ? "" : st->path;
}

struct store_key **db_key_slot(struct store *st)
{
  return &st->key;
}

int *db_digest_state(struct store *st)
{
  return &st->digests;
}

int store_migrate(struct store *st, int *from, int *to, struct err *err)
{
  return store_migrate_to(st, store_schema_latest(), from, to, err);
}

int store_migrate_to(struct store *st, int version, int *from, int *to, struct err *err)
{
  int v;
  int rc = store_schema_version(st, &v, err);
  if (rc)
    return rc;
  if (from)
    *from = v;
  if (v > store_schema_latest())
    return err_set(err, ERR_VERSION,
                   "cơ sở dữ liệu do phiên bản PCMT mới hơn tạo (lược đồ %d, bản này biết đến "
                   "%d); không nâng cấp ngược được, hãy dùng bản PCMT mới hơn",
                   v, store_schema_latest());
  /* a new database and its key are made together (docs/audit.md): its
   * first audit row is already keyed. An old one without a key gets it
   * from app_db_init, which re-keys what was written before. */
  if (v == 0 && (rc = store_key_create(NULL, st, err)))
    return rc;
  st->digests = 0; /* the schema may change below */
  for (int i = 0; i < store_migration_count; i++) {
    const struct migration *m = &store_migrations[i];
    if (m->version <= v || m->version > version)
      continue;
    /* A migration that rebuilds a table others point at says so on its
     * first line: SQLite's procedure (lang_altertable.html#otheralter) turns
     * foreign keys off outside the transaction and checks them all before
     * the commit. */
    int fk_off = strncmp(m->sql, MIGRATION_FK_OFF, strlen(MIGRATION_FK_OFF)) == 0;
    if (fk_off && (rc = db_exec(st, "PRAGMA foreign_keys=OFF", err)))
      return rc;
    rc = store_write_begin(st, err);
    if (rc) {
      if (fk_off)
        db_exec(st, "PRAGMA foreign_keys=ON", NULL);
      return rc;
    }
    rc = db_exec(st, m->sql, err);
    if (!rc && fk_off)
      rc = check_foreign_keys(st, err);
    if (!rc) {
      struct stmt *s;
      rc = db_prepare(
          &s, st, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)", err);
      if (!rc) {
        char now[32];
        date_now_utc(now, sizeof now);
        db_bind_int(s, 1, m->version);
        db_bind_text(s, 2, m->name);
        db_bind_text(s, 3, now);
        if (db_step(s, err) < 0)
          rc = ERR_DB;
        db_finalize(s);
      }
    }
    if (rc) {
      store_write_rollback(st);
      if (fk_off)
        db_exec(st, "PRAGMA foreign_keys=ON", NULL);
      char cause[ERR_MSG_MAX];
      snprintf(cause, sizeof cause, "%s", err ? err->msg : "");
      return err_set(err, rc, "không áp dụng được bản nâng cấp lược đồ %s: %s", m->name, cause);
    }
    rc = store_write_commit(st, err);
    if (fk_off) {
      struct err e;
      int frc = db_exec(st, "PRAGMA foreign_keys=ON", &e);
      if (frc && !rc) {
        if (err)
          err_copy(err, &e);
        rc = frc;
      }
    }
    if (rc)
      return rc;
  }
  if (to) {
    int target = version < store_schema_latest() ? version : store_schema_latest();
    *to = target > v ? target : v;
  }
  return ERR_OK;
}
