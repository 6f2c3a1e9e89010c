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
 * is copied. Return ERR_OK or ERR_DB. */
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

/* Run a statement without parameters or results (DDL). */
int db_exec(struct store *st, const char *sql, struct err *err);
/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
long long db_changes(struct store *st);

#endif
