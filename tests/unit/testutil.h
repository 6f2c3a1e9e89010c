/* testutil.h: small helpers shared by the cmocka unit tests. */
#ifndef PCMT_TESTUTIL_H
#define PCMT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/person.h"

/* The repository root (from $PCMT_SOURCE_DIR, set by ctest). Borrowed. */
const char *tu_source_dir(void);
/* A path under the repository root, in a static buffer overwritten by the next call. */
const char *tu_source_path(const char *rel);
/* A new empty temporary directory (malloc'd path; caller frees). Removed by tu_rmtree. */
char *tu_tempdir(void);
/* Remove a directory tree made by tu_tempdir. */
void tu_rmtree(const char *dir);
/* Read a whole file into a malloc'd NUL-terminated buffer; NULL on failure. */
char *tu_read_file(const char *path, size_t *len);

struct store;
struct scope;
struct reg_import_result;

/* Write `text` to file `name` under dir; the path, in a static buffer
 * overwritten by the next call. Fails the test when it cannot be written. */
const char *tu_write_file(const char *dir, const char *name, const char *text);
/* The first column of the first row of `sql` (a count, an id) as a long.
 * Fails the test when the statement gives no row. */
long tu_count(struct store *st, const char *sql);
/* The reason an import gave for rejecting the row of `line`, or NULL. */
const char *tu_reject_reason(const struct reg_import_result *r, long line);
/* Import file `path` into register `reg` as `sc` (app_register_import);
 * the operation's code. */
int tu_import(struct reg_import_result *res, struct store *st, const struct scope *sc,
              const char *reg, const char *path, int dry_run, const char *today, struct err *err);
/* Export register `reg` as `sc` (app_register_export), calling fn once per
 * record (the header row is not passed); the operation's code. */
int tu_export(long *n_rows, struct store *st, const struct scope *sc, const char *reg,
              const char *today, int (*fn)(void *ctx, const char *const *cells), void *ctx,
              struct err *err);
/* The fixture most store tests start from: database `file` under dir,
 * migrated, with the official units of data/units, and *admin the national
 * admin scope of user "tester", resolved. 0, or -1 with the reason on
 * stderr (a cmocka setup's return value). */
/* Import the unit lists of `dir` in a write transaction of its own (the
 * operation, app_unit_import, adds its audit row; tests set up with this). */
struct unit_import_stats;
struct err;
int tu_unit_import(struct store *st, const char *dir, struct unit_import_stats *stats,
                   struct err *err);

/* Generate as gen_run does inside the operation's transaction (app_gen_run
 * without its role checks: tests run the generator as any actor). */
struct gen_result;
struct gen_options;
int tu_gen_run(struct gen_result *out, struct store *st, const struct scope *actor,
               const struct gen_options *o, struct err *err);

int tu_open_units_db(struct store **st, struct scope *admin, const char *dir, const char *file);

/* The fixture of the operations' tests: database `file` under dir made by
 * app_db_init (schema and the local administrator "admin"), with the
 * official units; *admin the local administrator as a caller
 * (app_caller_open). 0, or -1 with the reason on stderr. */
int tu_open_app_db(struct store **st, struct scope *admin, const char *dir, const char *file);
/* Add user `login` as `admin` with `role` over unit `code` of today's tree
 * (NULL: national) and open it as a caller into *out. Fails the test on
 * error. */
void tu_add_user(struct scope *out, struct store *st, const struct scope *admin, const char *login,
                 const char *role, const char *code);
/* The newest audit row's action, actor and record id, into the buffers
 * (action and actor 64 bytes); fails the test when the trail is empty. */
void tu_last_audit(char *action, char *actor, long *record_id, struct store *st);
/* The same in the reads' chain (FILE.reads: person.read, searches). */
void tu_last_read_audit(char *action, char *actor, long *record_id, struct store *st);
/* tu_count on the reads' chain's file. */
long tu_count_reads(struct store *st, const char *sql);

/* Create a person as `sc`, recorded on `today` (ISO), living in commune
 * `code` of the old unit tree; `sex` as app_person_add takes it ("nam", "nữ",
 * "male"), `ethnicity` NULL for none. Fails the test on error; returns the
 * new person's id. */
long tu_create_person(struct store *st, const struct scope *sc, const char *today, const char *name,
                      const char *born, const char *sex, const char *ethnicity, const char *code);
/* Add an event of `kind` on `date` (ISO) to person `person_id` as `sc`,
 * recorded on `today`. `value` by kind: PEV_MOVED the new commune (old unit
 * tree), PEV_VOID the id of the event voided (decimal), any other the event's
 * value (classification, medicine) or NULL. `facility` and `note` NULL for
 * none (PEV_OST_START needs a facility, PEV_REMOVED and PEV_VOID a note).
 * Fails the test on error; returns the new event's id. */
long tu_add_event(struct store *st, const struct scope *sc, const char *today, long person_id,
                  enum person_event_kind kind, const char *date, const char *value,
                  const char *facility, const char *note);

#endif
