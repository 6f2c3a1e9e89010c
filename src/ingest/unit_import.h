/* unit_import.h: load the official administrative unit lists into the store. */
#ifndef PCMT_INGEST_UNIT_IMPORT_H
#define PCMT_INGEST_UNIT_IMPORT_H

#include "base/err.h"

struct store;

struct unit_import_stats {
  long units;       /* unit rows in the files (both trees) */
  long versions;    /* name/type versions, including dated changes */
  long successions; /* old -> new rows */
};

/* Import the official lists from `dir` (NULL = the bundled data/units, see
 * unit_import_default_dir) into the database in one transaction: the tree
 * until 2025-06-30 (province -> district -> commune), the tree from
 * 2025-07-01 (province -> commune), the succession old -> new, and dated
 * changes of name or type (changes.csv). Idempotent: importing the same
 * files again leaves the database as it was. Any bad row aborts the whole
 * import with a message naming the file and line. Call it inside a write
 * transaction (the operation's: app_unit_import), which a failure must roll
 * back: nothing is then half-written. *stats (may be NULL) receives the
 * counts. */
int unit_import(struct store *st, const char *dir, struct unit_import_stats *stats,
                struct err *err);

/* The folder of the bundled lists: $PCMT_DATA_DIR/units when that is set,
 * else the data/units folder of the source tree the binary was built from.
 * Borrowed (static storage). */
const char *unit_import_default_dir(void);

#endif
