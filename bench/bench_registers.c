/* bench_registers.c: the registers at national scale — generation, CSV import
 * of people, name search, the standard indicators for a province quarter and
 * for the whole country, database size, peak memory of each step.
 *
 * Each step runs in its own child process so that its peak RSS is its own
 * (wait4's rusage). Prints figures, asserts nothing (docs/bench.md lists the
 * targets). PCMT_BENCH_SCALE=province runs the province scale (Lào Cai) for a
 * quick look; the default is the national scale of issue 4. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/app_gen.h"
#include "app/app_person.h"
#include "app/app_register.h"
#include "base/period.h"
#include "base/text.h"
#include "domain/gen.h"
#include "domain/indicator.h"
#include "domain/person.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "ingest/csv.h"
#include "ingest/unit_import.h"
#include "output/csv_write.h"
#include "store/store.h"
#include "types/unit.h"

static char dir[64];
static char db[128], db2[128], people_csv[128];
static int national = 1;

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

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned long long next_rand(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* The unit lists in a write transaction (the operation, app_unit_import,
 * would add an audit row and a caller). */
static int import_units(struct store *st, const char *from, struct unit_import_stats *s,
                        struct err *err)
{
  int rc = store_write_begin(st, err);
  if (!rc && (rc = unit_import(st, from, s, err)) != ERR_OK)
    store_write_rollback(st);
  return rc ? rc : store_write_commit(st, err);
}

static int open_db(struct store **st, const char *path, int with_units)
{
  struct err err = {0};
  if (store_open(st, path, &err) || store_migrate(*st, NULL, NULL, &err) ||
      (with_units && import_units(*st, unit_import_default_dir(), NULL, &err))) {
    fprintf(stderr, "   %s: %s\n", path, err.msg);
    return 1;
  }
  return 0;
}

static int admin_scope(struct scope *sc, struct store *st)
{
  struct err err = {0};
  if (scope_init(sc, "bench", "admin", NULL, NULL, "đo hiệu năng", &err) ||
      scope_resolve(sc, st, &err)) {
    fprintf(stderr, "   scope: %s\n", err.msg);
    return 1;
  }
  return 0;
}

static double file_mb(const char *path)
{
  struct stat s;
  return stat(path, &s) == 0 ? (double)s.st_size / 1e6 : 0;
}

/* ---------------------------------------------------------------------------
 * Steps (each in a child)
 * ------------------------------------------------------------------------- */

static int step_generate(void)
{
  struct store *st;
  if (open_db(&st, db, 1))
    return 1;
  struct gen_options o;
  gen_options_init(&o, national ? GEN_NATIONAL : GEN_PROVINCE);
  if (!national)
    snprintf(o.province, sizeof o.province, "10");
  struct scope sc;
  if (admin_scope(&sc, st)) {
    store_close(st);
    return 1;
  }
  struct gen_result r;
  struct err err = {0};
  double t0 = now();
  int rc = app_gen_run(&r, st, &sc, &o, &err);
  double t = now() - t0;
  store_close(st);
  if (rc) {
    fprintf(stderr, "   gen: %s\n", err.msg);
    return 1;
  }
  printf("   generate: %.1f s — %ld people, %ld events, %ld cases (%ld seizures, %ld people "
         "involved), %ld places, %ld networks, %ld licit entities, %ld activities\n",
         t, r.people, r.events, r.cases, r.seizures, r.case_people, r.places, r.networks, r.licit,
         r.activities);
  char wal[160];
  snprintf(wal, sizeof wal, "%s-wal", db);
  printf("   database on disk: %.0f MB (+ %.0f MB WAL)\n", file_mb(db), file_mb(wal));
  return 0;
}

static int write_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  (void)n;
  return csv_writer_row(ctx, cells, err);
}

static int write_row(void *ctx, const char *const *cells, struct err *err)
{
  return csv_writer_row(ctx, cells, err);
}

static int step_export_people(void)
{
  struct store *st;
  struct scope sc;
  if (open_db(&st, db, 0) || admin_scope(&sc, st))
    return 1;
  const struct reg_spec *spec = reg_spec_find("people");
  struct csv_writer w;
  struct err err = {0};
  double t0 = now();
  long n = 0;
  int rc = csv_writer_open(&w, people_csv, spec->n_cols, &err);
  struct app_register_sink sink = {write_header, write_row, &w};
  if (!rc)
    rc = app_register_export(&n, st, &sc, "people", "2026-11-23", &sink, &err);
  if (!rc)
    rc = csv_writer_close(&w, 1, &err);
  double t = now() - t0;
  store_close(st);
  if (rc) {
    fprintf(stderr, "   export: %s\n", err.msg);
    return 1;
  }
  printf("   export people (audited: read, spooled, then written): %ld rows in %.2f s (%.0f "
         "rows/s), %.0f MB\n",
         n, t, n / t, file_mb(people_csv));
  return 0;
}

static int step_import_people(void)
{
  struct store *st;
  struct scope sc;
  if (open_db(&st, db2, 1) || admin_scope(&sc, st))
    return 1;
  struct reg_import_result r;
  struct err err = {0};
  double t0 = now();
  struct app_register_import_in in = {"people", people_csv, 0, "2026-11-23"};
  int rc = app_register_import(&r, st, &sc, &in, &err);
  double t = now() - t0;
  store_close(st);
  if (rc) {
    fprintf(stderr, "   import: %s\n", err.msg);
    return 1;
  }
  printf("   import people (CSV, validated, keys, duplicates flagged, audited): %ld rows in "
         "%.1f s = %.0f rows/s (inserted %ld, rejected %zu)\n",
         r.rows, t, r.rows / t, r.inserted, r.n_rejects);
  reg_import_result_free(&r);
  return 0;
}

#define SEARCHES 300

static int step_search(void)
{
  /* names to look for: from the exported file, as typed without diacritics */
  struct csv_reader rd;
  struct err err = {0};
  if (csv_open_file(&rd, people_csv, &err))
    return 1;
  struct csv_row row;
  char **names = calloc(SEARCHES, sizeof *names);
  size_t n = 0;
  long seen = 0;
  csv_next(&rd, &row, &err);
  while (csv_next(&rd, &row, &err) == 1) {
    seen++;
    if (n < SEARCHES && next_rand() % 200 == 0) {
      char *key = NULL;
      if (text_key(&key, row.fields[1], &err) == ERR_OK) {
        /* a third of the queries: the last two words only ("van dung") */
        char *sp = strchr(key, ' ');
        if (n % 3 == 1 && sp && strchr(sp + 1, ' '))
          memmove(key, sp + 1, strlen(sp + 1) + 1);
        names[n++] = key;
      }
    }
  }
  csv_close(&rd);
  struct store *st;
  struct scope sc;
  if (open_db(&st, db, 0) || admin_scope(&sc, st))
    return 1;
  double *t = calloc(n, sizeof *t);
  long hits = 0;
  for (size_t i = 0; i < n; i++) {
    struct person_hit_list l;
    double t0 = now();
    if (app_person_search(&l, st, &sc, names[i], NULL, 20, &err)) {
      fprintf(stderr, "   search: %s\n", err.msg);
      return 1;
    }
    t[i] = (now() - t0) * 1e3;
    hits += (long)l.n;
    person_hit_list_free(&l);
    free(names[i]);
  }
  store_close(st);
  qsort(t, n, sizeof *t, cmp_double);
  printf("   name search (%zu queries over %ld people, first 20 hits, audited): median %.2f ms, "
         "p95 %.2f ms, max %.2f ms; %ld hits\n",
         n, seen, t[n / 2], t[n * 95 / 100], t[n - 1], hits);
  free(t);
  free(names);
  return 0;
}

static void time_indicators(struct store *st, const struct scope *sc, const char *code,
                            const char *period, const char *label)
{
  struct period p;
  struct err err = {0};
  period_parse(&p, period, &err);
  double t[11];
  size_t n_ind = 0;
  for (int i = 0; i < 11; i++) {
    struct indicator_result_list l;
    double t0 = now();
    /* today's unit, also for a period before the reform (a bare code would be
     * read by the period's end: old Hà Nội for 2024-Q4) */
    if (indicator_compute(&l, st, sc, code ? UNIT_TREE_NEW : NULL, code, &p, IND_SPLIT_NONE,
                          &err)) {
      fprintf(stderr, "   indicators: %s\n", err.msg);
      return;
    }
    t[i] = (now() - t0) * 1e3;
    n_ind = l.n;
    indicator_result_list_free(&l);
  }
  qsort(t, 11, sizeof *t, cmp_double);
  printf("   all %zu standard indicators, %s, %s: median %.1f ms (min %.1f, max %.1f)\n", n_ind,
         label, period, t[5], t[0], t[10]);
}

static int step_indicators(void)
{
  struct store *st;
  struct scope sc;
  if (open_db(&st, db, 0) || admin_scope(&sc, st))
    return 1;
  const char *prov = national ? "01" : "15";
  char label[64];
  snprintf(label, sizeof label, "province %s", prov);
  time_indicators(st, &sc, prov, "2026-Q3", label);
  time_indicators(st, &sc, prov, "2024-Q4", label);
  if (national) {
    time_indicators(st, &sc, NULL, "2026-Q3", "whole country");
    time_indicators(st, &sc, NULL, "2024-Q4", "whole country");
  }
  store_close(st);
  return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static int run_step(const char *name, int (*fn)(void))
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int rc = fn();
    fflush(stdout);
    _exit(rc);
  }
  int status = 0;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
    return 1;
  printf("   %s: peak RSS %.0f MB\n", name, ru.ru_maxrss / 1024.0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(void)
{
  const char *scale = getenv("PCMT_BENCH_SCALE");
  national = !(scale && strcmp(scale, "province") == 0);
  /* PCMT_BENCH_DB: a database `pcmt gen` already filled (of the scale
   * PCMT_BENCH_SCALE says): only the indicators are timed, on it, to compare
   * builds on the same data without generating again. It is only read. */
  const char *given = getenv("PCMT_BENCH_DB");
  if (given && *given) {
    snprintf(db, sizeof db, "%s", given);
    printf("   scale: %s, database %s\n", national ? "national" : "province (Lào Cai)", db);
    return run_step("indicators", step_indicators);
  }
  snprintf(dir, sizeof dir, "/tmp/pcmt-bench-reg-XXXXXX");
  if (!mkdtemp(dir))
    return 1;
  snprintf(db, sizeof db, "%s/gen.db", dir);
  snprintf(db2, sizeof db2, "%s/import.db", dir);
  snprintf(people_csv, sizeof people_csv, "%s/people.csv", dir);
  printf("   scale: %s\n", national ? "national" : "province (Lào Cai)");
  int rc = run_step("generate", step_generate);
  if (!rc)
    rc = run_step("export people", step_export_people);
  if (!rc)
    rc = run_step("import people", step_import_people);
  if (!rc)
    rc = run_step("search", step_search);
  if (!rc)
    rc = run_step("indicators", step_indicators);
  if (nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS) != 0)
    fprintf(stderr, "   could not remove %s\n", dir);
  return rc;
}
