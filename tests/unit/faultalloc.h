/* faultalloc.h: fail the Nth allocation, to prove an operation fails cleanly (SQLite's
 * fault-simulation tests, curl's allocation limits).
 *
 * A test binary named test_fault_* is linked with -Wl,--wrap for malloc,
 * calloc, realloc, strdup and strndup (CMakeLists.txt), so every allocation
 * made by PCMT's own code comes through here; SQLite's allocations are routed
 * here too by sqlite3_config (faultalloc_install, before SQLite is used) and
 * jansson's by json_set_alloc_funcs. While armed, the Nth allocation from the
 * arming on fails (returns NULL) and every later one succeeds, so a test can
 * run an operation once to count its allocations, then once per N. */
#ifndef PCMT_FAULTALLOC_H
#define PCMT_FAULTALLOC_H

#include <stddef.h>

/* Route SQLite's and jansson's allocations through the counter. Call first
 * in main, before anything opens a database. 0 on success. */
int faultalloc_install(void);

/* Start counting allocations; fail the nth one (1-based; 0 = none fails). */
void faultalloc_arm(long nth);
/* Stop failing; return the number of allocations counted since arming. */
long faultalloc_disarm(void);
/* 1 when the armed failure happened (the nth allocation was reached). */
int faultalloc_fired(void);

/* Bytes the allocator holds for the program now (ASan's allocator under
 * ASan, glibc's otherwise: exact only with its per-thread cache off,
 * GLIBC_TUNABLES=glibc.malloc.tcache_count=0, else 0). Taken before and
 * after a run that frees all it made, it is a leak check that costs
 * nothing, where a full leak scan in each of thousands of runs costs
 * minutes. */
size_t faultalloc_live_bytes(void);
/* Under ASan, LeakSanitizer's report of what is leaked now (its stacks), on
 * stderr; 1 when it found a leak. Without ASan, 0. */
int faultalloc_leak_report(void);

#endif
