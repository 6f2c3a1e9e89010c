/* bench_monitoring.c: `plan status` of a province plan on generated data.
 *
 * Generates the registers (the national scale by default; PCMT_BENCH_SCALE=
 * province for old Lào Cai alone), imports the sample campaign plan of Lào
 * Cai (004: 16 targets, a quota list of 9 districts and one of 4 agencies),
 * binds every target to its proposal (per quota where it has quotas),
 * publishes it, and times app_plan_status on 30/09/2024 (phase 1 half
 * gone): the first call, then the median, min and max of 20. Every call
 * computes its figures anew (the cache lives for one request). Prints
 * figures, asserts nothing (docs/bench.md lists the target: < 20 ms).
 *
 * Then the consolidated report of the same plan for 2024-Q3 (its per-unit
 * table: the 9 districts), and of a plan of today's Lào Cai (15: 99
 * communes in its per-unit table) and of a national plan (the 34
 * provinces) for 2026-Q3, in each format: gathered (app_consolidated) and
 * written (JSON text, .docx, .xlsx, HTML), the median of 10 after a first
 * call (target < 200 ms). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/app_db.h"
#include "app/app_gen.h"
#include "app/app_consolidated.h"
#include "app/app_monitor.h"
#include "app/app_plan.h"
#include "output/consolidated_docx.h"
#include "output/consolidated_html.h"
#include "output/consolidated_json.h"
#include "output/consolidated_xlsx.h"
#include "domain/gen.h"
#include "ingest/unit_import.h"
#include "store/store.h"

#define RUNS 20

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

/* Bind every target of plan `id` to its proposal; *n the rows bound. */
static int bind_all(size_t *n, struct store *st, const struct scope *sc, long id, struct err *err)
{
  struct app_target_proposals l;
  *n = 0;
  int rc = app_plan_propose(&l, st, sc, id, err);
  for (size_t i = 0; !rc && i < l.n; i++) {
    struct app_plan_bind_in in = {id, l.items[i].target_id,
                                  l.items[i].indicator ? l.items[i].indicator : "manual",
                                  l.items[i].scope};
    rc = app_plan_bind(st, sc, &in, err);
    *n += !rc;
  }
  app_target_proposals_free(&l);
  return rc;
}

/* A plan of today's Lào Cai in the administrative style: a province plan
 * whose consolidated report has a per-unit table of its 99 communes. */
static const char NEW_PLAN[] =
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 07/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026 trên địa bàn tỉnh Lào Cai\n"
    "I. MỤC TIÊU\nSố vụ phạm tội về ma túy phát hiện, bắt giữ tăng ít nhất 5% so với năm 2025.\n"
    "II. NHIỆM VỤ\n1. Công an tỉnh chủ trì rà soát người sử dụng trái phép chất ma túy, "
    "thường xuyên.\nIII. TỔ CHỨC THỰC HIỆN\nBáo cáo quý trước ngày 10/10/2026.\n";

/* A national plan: its consolidated report has a per-unit table of the 34
 * provinces. */
static const char NATIONAL_PLAN[] =
    "BAN CHỈ ĐẠO QUỐC GIA\nSố: 12/KH-BCĐ\nHà Nội, ngày 10 tháng 01 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
    "I. MỤC TIÊU\nSố vụ phạm tội về ma túy phát hiện, bắt giữ tăng ít nhất 5% so với năm 2025.\n"
    "II. NHIỆM VỤ\n1. Bộ Công an chủ trì rà soát người sử dụng trái phép chất ma túy, "
    "thường xuyên.\nIII. TỔ CHỨC THỰC HIỆN\nBáo cáo quý trước ngày 10/10/2026.\n";

enum { CONS_RUNS = 10 };

/* Time the consolidated report of plan `id` for `period` in each format. */
static int time_consolidated(struct store *st, const struct scope *sc, long id, const char *period,
                             const char *dir, const char *what, struct err *err)
{
  static const char *const FORMATS[] = {"json", "docx", "xlsx", "html"};
  int rc = ERR_OK;
  for (int f = 0; !rc && f < 4; f++) {
    double times[CONS_RUNS], first = 0;
    size_t units = 0;
    for (int i = -1; !rc && i < CONS_RUNS; i++) {
      struct consolidated c;
      char path[200];
      snprintf(path, sizeof path, "%s/bc.%s", dir, FORMATS[f]);
      double s = now();
      rc = app_consolidated(&c, st, sc, id, period, err);
      if (!rc && f == 0) {
        char *text = NULL;
        rc = consolidated_json_dump(&text, &c, err);
        free(text);
      } else if (!rc && f == 1) {
        rc = consolidated_docx_write(path, &c, (struct date){2026, 12, 6}, err);
      } else if (!rc && f == 2) {
        rc = consolidated_xlsx_write(path, &c, err);
      } else if (!rc && f == 3) {
        rc = consolidated_html_write(path, &c, (struct date){2026, 12, 6}, err);
      }
      double t = (now() - s) * 1000;
      units = c.n_units;
      consolidated_free(&c); /* also after a failure: app_consolidated left it empty */
      unlink(path);
      if (i < 0)
        first = t;
      else
        times[i] = t;
    }
    if (!rc) {
      qsort(times, CONS_RUNS, sizeof times[0], cmp_double);
      printf("   consolidated report, %s, %s, %zu units in its table: first %.1f ms, median %.1f "
             "ms, min %.1f, max %.1f (target < 200 ms)\n",
             what, FORMATS[f], units, first, times[CONS_RUNS / 2], times[0], times[CONS_RUNS - 1]);
    }
  }
  return rc;
}

int main(void)
{
  const char *scale = getenv("PCMT_BENCH_SCALE");
  int national = !(scale && strcmp(scale, "province") == 0);
  char dir[] = "/tmp/pcmt-bench-mon-XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char db[128], plan_path[4200];
  snprintf(db, sizeof db, "%s/mon.db", dir);
  snprintf(plan_path, sizeof plan_path, "%s/../tests/fixtures/plans/004_91f2c84d0a0eb75f.txt",
           PCMT_DATA_DIR);
  struct store *st = NULL;
  struct scope admin;
  struct app_db_init_result init;
  struct err err = {0};
  int rc = store_open(&st, db, &err);
  if (!rc)
    rc = app_db_init(&init, st, &err);
  if (!rc) {
    rc = store_write_begin(st, &err);
    if (!rc && (rc = unit_import(st, unit_import_default_dir(), NULL, &err)) != ERR_OK)
      store_write_rollback(st);
    else if (!rc)
      rc = store_write_commit(st, &err);
  }
  if (!rc)
    rc = app_caller_open(&admin, st, NULL, "đo hiệu năng", &err);
  printf("   scale: %s\n", national ? "national" : "province (old Lào Cai, 10)");
  double t0 = now();
  struct gen_options o;
  struct gen_result g;
  if (!rc) {
    gen_options_init(&o, national ? GEN_NATIONAL : GEN_PROVINCE);
    if (!national)
      snprintf(o.province, sizeof o.province, "10");
    rc = app_gen_run(&g, st, &admin, &o, &err);
  }
  if (!rc)
    printf("   generate: %.1f s — %ld people, %ld cases, %ld places, %ld activities\n", now() - t0,
           g.people, g.cases, g.places, g.activities);
  struct app_plan_import_in in = {plan_path, 0};
  struct app_plan_imported imp;
  if (!rc)
    rc = app_plan_import(&imp, st, &admin, &in, &err);
  size_t bound = 0;
  if (!rc)
    rc = bind_all(&bound, st, &admin, imp.id, &err);
  if (!rc)
    rc = app_plan_publish(st, &admin, imp.id, &err);
  double times[RUNS], first = 0;
  size_t rows = 0;
  for (int i = -1; !rc && i < RUNS; i++) {
    struct target_report r;
    struct app_plan_status_in si = {imp.id, "2024-09-30", NULL, NULL};
    double s = now();
    rc = app_plan_status(&r, st, &admin, &si, &err);
    double t = (now() - s) * 1000;
    if (i < 0)
      first = t;
    else
      times[i] = t;
    rows = r.n;
    target_report_free(&r);
  }
  if (!rc) {
    qsort(times, RUNS, sizeof times[0], cmp_double);
    printf("   plan status (sample 004, %zu targets bound, %zu rows, 30/09/2024): first %.1f ms, "
           "median %.1f ms, min %.1f, max %.1f (target < 20 ms)\n",
           bound, rows, first, times[RUNS / 2], times[0], times[RUNS - 1]);
  }
  if (!rc)
    rc = time_consolidated(st, &admin, imp.id, "2024-Q3", dir, "sample 004, 2024-Q3", &err);
  char new_path[200];
  snprintf(new_path, sizeof new_path, "%s/new.txt", dir);
  FILE *nf = rc ? NULL : fopen(new_path, "w");
  if (nf) {
    fputs(NEW_PLAN, nf);
    fclose(nf);
    struct app_plan_import_in ni = {new_path, 0};
    struct app_plan_imported nimp;
    rc = app_plan_import(&nimp, st, &admin, &ni, &err);
    if (!rc)
      rc = app_plan_publish(st, &admin, nimp.id, &err);
    if (!rc)
      rc = time_consolidated(st, &admin, nimp.id, "2026-Q3", dir, "today's Lào Cai, 2026-Q3", &err);
    unlink(new_path);
  }
  nf = rc ? NULL : fopen(new_path, "w");
  if (nf) {
    fputs(NATIONAL_PLAN, nf);
    fclose(nf);
    struct app_plan_import_in ni = {new_path, 0};
    struct app_plan_imported nimp;
    rc = app_plan_import(&nimp, st, &admin, &ni, &err);
    if (!rc)
      rc = app_plan_publish(st, &admin, nimp.id, &err);
    if (!rc)
      rc = time_consolidated(st, &admin, nimp.id, "2026-Q3", dir, "national, 2026-Q3", &err);
    unlink(new_path);
  }
  if (rc)
    fprintf(stderr, "   bench_monitoring: %s\n", err.msg);
  store_close(st);
  char wal[160], shm[160];
  snprintf(wal, sizeof wal, "%s-wal", db);
  snprintf(shm, sizeof shm, "%s-shm", db);
  unlink(db);
  unlink(wal);
  unlink(shm);
  rmdir(dir);
  return rc ? 1 : 0;
}
