/* store.h: the one door to the database.
 *
 * All SQL in PCMT lives under src/store and goes through prepared statements
 * with bound values. The default backend is SQLite (WAL, synchronous=FULL,
 * foreign keys on); SQLite-specific statements live only in store_sqlite.c so
 * that a PostgreSQL backend can be added behind the same functions.
 *
 * Concurrency: readers run concurrently on their own connections; writers are
 * serialised by the program with one process-wide mutex taken by
 * store_write_begin and released by store_write_commit/store_write_rollback,
 * so writers queue in the program instead of spinning on SQLITE_BUSY. */
#ifndef PCMT_STORE_STORE_H
#define PCMT_STORE_STORE_H

#include "base/err.h"

struct store;

/* Default database path: $PCMT_DB, else "pcmt.db". Borrowed. */
const char *store_default_path(void);

/* Open (creating when missing) the database at `path` and set its pragmas.
 * Does not create tables: call store_migrate. On success *out is the caller's
 * (store_close). */
int store_open(struct store **out, const char *path, struct err *err);
/* Open an existing database that must already be at the current schema
 * version; a missing file, an uninitialised or an older database is an error
 * that tells the person to run `pcmt init`. */
int store_open_ready(struct store **out, const char *path, struct err *err);
void store_close(struct store *st);

/* Bring the schema to the version this binary knows, applying each pending
 * migration in its own transaction. Refuses (ERR_VERSION) a database written
 * by a newer PCMT. *from and *to (may be NULL) receive the versions before/after. */
int store_migrate(struct store *st, int *from, int *to, struct err *err);
/* The same, stopping after migration `version`: an older schema, as a
 * database written by an earlier PCMT has it (tests of a migration's data). */
int store_migrate_to(struct store *st, int version, int *from, int *to, struct err *err);
/* The schema version of the open database (0 when uninitialised). */
int store_schema_version(struct store *st, int *out, struct err *err);
/* The highest schema version this binary knows. */
int store_schema_latest(void);

/* Page cache of this connection, in MiB (SQLite's default is 2). A bulk
 * writer (the generator) raises it so a large transaction keeps its pages in
 * memory until commit instead of spilling them to the journal. */
int store_bulk_cache(struct store *st, long mib, struct err *err);

/* The reads' audit file beside the database, FILE.reads (docs/audit.md,
 * "Reads during a long write"): the audit rows of reads live there, in a
 * chain of their own, so that an audited read never waits for a long write
 * of the main file. It is a separate SQLite file on a second connection of
 * st, never ATTACHed to the main one (BEGIN IMMEDIATE would lock it too),
 * with a writer mutex of its own. Opened at the first call (created
 * owner-only, with its table, when missing; a database in memory gets one
 * in memory) and kept with st: *out is borrowed, store_close closes it. */
int store_reads(struct store **out, struct store *st, struct err *err);

/* Write transactions: begin takes the writer mutex and BEGIN IMMEDIATE;
 * commit/rollback end the transaction and release it. */
int store_write_begin(struct store *st, struct err *err);
int store_write_commit(struct store *st, struct err *err);
void store_write_rollback(struct store *st);

/* store_write_begin when the write lock is free now, else *busy = 1 and
 * nothing begun (ERR_OK): for a write that may be skipped, so that it
 * never waits for a long write (a session's "last seen" stamp). */
int store_write_try_begin(int *busy, struct store *st, struct err *err);

/* A read transaction (BEGIN DEFERRED ... COMMIT): its statements see one
 * snapshot, and in WAL mode it neither waits for nor blocks the writer.
 * store_read_end accepts a connection with no read transaction open. */
int store_read_begin(struct store *st, struct err *err);
void store_read_end(struct store *st);

#endif
