/* db.h: the statement interface every store_*.c file uses (internal to src/store).
 *
 * Store modules write standard SQL with `?` placeholders and call only these
 * functions, so that a second backend (PostgreSQL via libpq, turning `?` into
 * $n) can implement this interface and every store function works unchanged.
 * The SQLite implementation is store_sqlite.c. Values are always bound, never
 * pasted into SQL text. */
#ifndef PCMT_STORE_DB_H
#define PCMT_STORE_DB_H

#include <stddef.h>

#include "base/err.h"

struct store;
struct stmt;

/* Prepare `sql` on the store's connection. *out belongs to the caller
 * (db_finalize). */
int db_prepare(struct stmt **out, struct store *st, const char *sql, struct err *err);
void db_finalize(struct stmt *s); /* accepts NULL */
/* Clear bindings' results so the statement can run again with new values. */
void db_reset(struct stmt *s);

/* Bind the i-th (1-based) parameter. A NULL text binds SQL NULL. The value
 * is copied. Return ERR_OK, or ERR_DB / ERR_NOMEM when the bind failed: the
 * failure is also remembered by the statement, and the next db_step returns
 * -1 with it in err instead of running with the parameter unset, so a
 * caller that does not check each bind still cannot store a NULL by
 * accident. db_reset forgets it. */
int db_bind_text(struct stmt *s, int i, const char *v);
int db_bind_int(struct stmt *s, int i, long long v);
int db_bind_double(struct stmt *s, int i, double v);
int db_bind_blob(struct stmt *s, int i, const void *v, size_t n);
int db_bind_null(struct stmt *s, int i);

/* Run one step: 1 = a row is ready, 0 = done, -1 = failed (err set). */
int db_step(struct stmt *s, struct err *err);

/* Column getters for the current row (0-based). Text of a NULL is "".
 * Returned pointers are valid until the next step/reset/finalize. */
const char *db_col_text(struct stmt *s, int i);
long long db_col_int(struct stmt *s, int i);
double db_col_double(struct stmt *s, int i);
const void *db_col_blob(struct stmt *s, int i, size_t *n);
int db_col_is_null(struct stmt *s, int i);
/* The length in bytes of column i's text as stored (may exceed strlen of
 * db_col_text when the value holds a NUL). */
size_t db_col_bytes(struct stmt *s, int i);

/* Run `sql` once with ?1 bound to `id` and no result wanted (an UPDATE or
 * DELETE of one record). ERR_OK or the step's error. */
int db_exec_id(struct store *st, const char *sql, long long id, struct err *err);
/* Run `sql` with ?1 bound to `id` and read the first column of its first row
 * as an integer into *out; *found (may be NULL) = 1 when there was a row,
 * else 0 and *out = 0. */
int db_query_id(long long *out, int *found, struct store *st, const char *sql, long long id,
                struct err *err);

/* ---- What differs between backends (store_sqlite.c) ---------------------- */

/* The SQL name of a row's physical identity in a table without a key column
 * of its own ("rowid" in SQLite, "ctid" in PostgreSQL): only for telling
 * apart rows of one natural key inside one statement. */
const char *db_sql_row_id(void);

/* Drop the secondary indexes of `tables` (NULL-terminated), except those
 * named in `keep` (NULL-terminated; may be NULL), and hand back the
 * statements that create them again: *out (malloc'd, each malloc'd; free
 * with db_index_sql_free) and *n. Only indexes the schema declares: the
 * ones a PRIMARY KEY or UNIQUE constraint makes stay. Inside the caller's
 * transaction. */
int db_indexes_drop(char ***out, size_t *n, struct store *st, const char *const *tables,
                    const char *const *keep, struct err *err);
void db_index_sql_free(char **sql, size_t n);

/* Foreign-key enforcement on (1) or off (0) for this connection; call it
 * outside a transaction (SQLite ignores it inside one). Turning it on does
 * not fail: when it cannot now, the next write transaction does it first
 * (and fails if it still cannot). */
int db_foreign_keys(struct store *st, int on, struct err *err);

/* Run a statement without parameters or results (DDL). */
int db_exec(struct store *st, const char *sql, struct err *err);
/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
long long db_changes(struct store *st);

/* The database file's path as the connection opened it ("" for a database
 * in memory). Borrowed. store_key.c derives the files kept beside it. */
const char *db_file_path(struct store *st);
/* This connection's slot for the loaded key (store_key.c fills it;
 * store_close frees it). */
struct store_key;
struct store_key **db_key_slot(struct store *st);
/* 1 when st is the reads' audit file's connection (store_reads). */
int db_is_reads(struct store *st);
/* This connection's note of whether the schema has person digests
 * (store_person_digest.c): 1 yes, -1 no, 0 not known yet; store_migrate
 * resets it. */
int *db_digest_state(struct store *st);

#endif
