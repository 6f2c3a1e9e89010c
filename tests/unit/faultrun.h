/* faultrun.h: an operation on a small database, run once per allocation, that allocation failing.
 *
 * For every N up to the number of allocations the operation makes, a copy of
 * the same database (a few units: tests/fixtures/units-mini, the local
 * administrator as the caller) runs the operation with the Nth allocation
 * failing (faultalloc.h): it must return an error and leave the database
 * exactly as it was (every table's rows hashed before and after), or — only
 * where SQLite itself survives the failure (its "benign" allocations) —
 * succeed with exactly the result of a run where nothing failed. Never a
 * crash, never a half or different result; under ASan, never a leak. Every
 * run that breaks this is printed, then the test fails.
 *
 * FAULTALLOC_ONLY=N runs that one N (with FAULTALLOC_TRAP=1 under gdb, it
 * stops where the failure is handed out). */
#ifndef PCMT_FAULTRUN_H
#define PCMT_FAULTRUN_H

#include "base/err.h"

struct store;
struct scope;

/* The operation under test: `dir` is a temporary folder for its files. */
typedef int (*fault_op_fn)(struct store *st, const struct scope *caller, const char *dir,
                           struct err *err);

/* cmocka setup and teardown of the database the runs copy. */
int fault_db_setup(void **state);
int fault_db_teardown(void **state);
/* Run op once without failure, then once per allocation it made. */
void fault_db_every_allocation(void **state, fault_op_fn op);

#endif
