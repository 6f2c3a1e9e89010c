/* testutil.h: small helpers shared by the cmocka unit tests. */
#ifndef PCMT_TESTUTIL_H
#define PCMT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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
/* The fixture most store tests start from: database `file` under dir,
 * migrated, with the official units of data/units, and *admin the national
 * admin scope of user "tester", resolved. 0, or -1 with the reason on
 * stderr (a cmocka setup's return value). */
int tu_open_units_db(struct store **st, struct scope *admin, const char *dir, const char *file);

#endif
