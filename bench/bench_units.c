/* bench_units.c: how long importing the bundled units takes, and how fast
 * `units find` answers a realistic mix of queries. Prints figures; asserts
 * nothing (see docs/bench.md for the targets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/text.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Deterministic generator (xorshift) so every run asks the same queries. */
static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next_rand(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

#define QUERIES 1000

/* The unit lists in a write transaction (the operation, app_unit_import,
 * would add an audit row and a caller). */
static int import_units(struct store *st, const char *dir, struct unit_import_stats *s,
                        struct err *err)
{
  int rc = store_write_begin(st, err);
  if (!rc && (rc = unit_import(st, dir, s, err)) != ERR_OK)
    store_write_rollback(st);
  return rc ? rc : store_write_commit(st, err);
}

int main(int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : unit_import_default_dir();
  char tmpl[] = "/tmp/pcmt-bench-XXXXXX";
  if (!mkdtemp(tmpl))
    return 1;
  char path[256];
  snprintf(path, sizeof path, "%s/bench.db", tmpl);
  struct store *st;
  struct err err = {0};
  if (store_open(&st, path, &err) || store_migrate(st, NULL, NULL, &err)) {
    fprintf(stderr, "bench_units: %s\n", err.msg);
    return 1;
  }
  struct unit_import_stats s;
  double t0 = now();
  if (import_units(st, dir, &s, &err)) {
    fprintf(stderr, "bench_units: %s\n", err.msg);
    return 1;
  }
  double t_import = now() - t0;
  t0 = now();
  import_units(st, dir, &s, &err);
  double t_reimport = now() - t0;
  printf("units import (both trees, %ld units, %ld versions, %ld successions): %.3f s; "
         "again (idempotent): %.3f s\n",
         s.units, s.versions, s.successions, t_import, t_reimport);

  /* Queries built from real names: whole names, folded, with a type word or
   * abbreviation, a prefix of the name, and a few that match nothing. */
  struct unit_list all;
  if (unit_tree(&all, st, UNIT_TREE_OLD, "01", NULL, &err)) {
    fprintf(stderr, "bench_units: %s\n", err.msg);
    return 1;
  }
  struct unit_list all2;
  unit_tree(&all2, st, UNIT_TREE_NEW, "79", NULL, &err);
  static char queries[QUERIES][160];
  for (int i = 0; i < QUERIES; i++) {
    const struct unit_list *src = (next_rand() & 1) ? &all : &all2;
    const struct unit *u = &src->items[next_rand() % src->n];
    char *folded = NULL;
    text_fold(&folded, u->name, NULL);
    switch (i % 6) {
    case 0:
      snprintf(queries[i], sizeof queries[i], "%s", u->name);
      break;
    case 1:
      snprintf(queries[i], sizeof queries[i], "%s", folded);
      break;
    case 2:
      snprintf(queries[i], sizeof queries[i], "%s %s", u->type, u->name);
      break;
    case 3:
      snprintf(queries[i], sizeof queries[i], "%s %s",
               strcmp(u->type, "thành phố") == 0 ? "tp" : u->type, folded);
      break;
    case 4:
      snprintf(queries[i], sizeof queries[i], "%.3s", folded);
      break;
    default:
      snprintf(queries[i], sizeof queries[i], "khong co %d", i);
    }
    free(folded);
  }
  /* Add province-level names, which people search most. */
  const char *common[] = {"lao cai", "tp lao cai", "bao thang", "Hà Nội", "quận 1", "đồng nai"};
  for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
    snprintf(queries[i * 7], sizeof queries[0], "%s", common[i]);

  double times[QUERIES];
  size_t found = 0;
  for (int i = 0; i < QUERIES; i++) {
    struct unit_list l;
    double a = now();
    int rc = unit_find(&l, st, queries[i], (i % 3 == 0) ? "2024-01-01" : NULL, &err);
    times[i] = (now() - a) * 1000.0;
    if (!rc) {
      found += l.n > 0;
      unit_list_free(&l);
    }
  }
  qsort(times, QUERIES, sizeof times[0], cmp_double);
  printf("units find: %d mixed queries (%zu with results): median %.3f ms, p95 %.3f ms, "
         "max %.3f ms\n",
         QUERIES, found, times[QUERIES / 2], times[QUERIES * 95 / 100], times[QUERIES - 1]);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("peak memory (RSS): %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  unit_list_free(&all);
  unit_list_free(&all2);
  store_close(st);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
  return system(cmd) == 0 ? 0 : 1;
}
