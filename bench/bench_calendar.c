/* bench_calendar.c: how long the reporting calendar of a province takes.
 *
 * The load: the old province of Quảng Ngãi (pre2025 51: 13 district-level
 * units, 170 communes) with a province plan (sample 004's campaign, three
 * reports, re-pointed to the province) and one plan per district (sample
 * 000's four reports, re-pointed to each district), all published; half of
 * the communes have submitted their Q1 report. The province officer's
 * calendar then holds about 1,150 entries. Prints the median and worst of
 * 50 runs of app_calendar (the store's feed and the domain's rules, as
 * `pcmt calendar` runs them). Asserts nothing (docs/bench.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/app_db.h"
#include "app/app_plan.h"
#include "app/app_report.h"
#include "app/app_user.h"
#include "ingest/unit_import.h"
#include "store/db.h"
#include "store/store.h"

#define RUNS 50

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

/* Import and publish sample `file` as `as`, then move it to unit (tree 51's
 * pre2025 `code`); its id, 0 on failure (printed). */
static long plan_at(struct store *st, const struct scope *as, const char *file, const char *code)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/../tests/fixtures/plans/%s", PCMT_DATA_DIR, file);
  struct app_plan_import_in in = {path, 1};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, st, as, &in, &err) || app_plan_publish(st, as, out.id, &err)) {
    fprintf(stderr, "%s: %s\n", file, err.msg);
    return 0;
  }
  struct stmt *s;
  if (store_write_begin(st, &err) ||
      db_prepare(&s, st,
                 "UPDATE plan SET unit_id = (SELECT id FROM unit WHERE tree = 'pre2025' AND "
                 "code = ?), unit_tree = 'pre2025', unit_code = ? WHERE id = ?",
                 &err))
    return 0;
  db_bind_text(s, 1, code);
  db_bind_text(s, 2, code);
  db_bind_int(s, 3, out.id);
  int r = db_step(s, &err);
  db_finalize(s);
  if (r < 0 || store_write_commit(st, &err)) {
    fprintf(stderr, "move: %s\n", err.msg);
    return 0;
  }
  return out.id;
}

int main(void)
{
  static const char *const districts[] = {"522", "524", "525", "527", "528", "529", "530",
                                          "531", "532", "533", "534", "535", "536"};
  char tmpl[] = "/tmp/pcmt-bench-XXXXXX";
  if (!mkdtemp(tmpl))
    return 1;
  char path[256];
  snprintf(path, sizeof path, "%s/bench.db", tmpl);
  struct store *st;
  struct err err = {0};
  struct app_db_init_result init;
  struct scope admin, officer;
  struct app_user_new u = {"cb.quangngai", NULL, "officer", "pre2025", "51", NULL};
  long uid;
  int rc = store_open(&st, path, &err) || app_db_init(&init, st, &err);
  if (!rc) {
    rc = store_write_begin(st, &err) || unit_import(st, unit_import_default_dir(), NULL, &err) ||
         store_write_commit(st, &err);
  }
  if (!rc)
    rc = app_caller_open(&admin, st, NULL, "đo hiệu năng", &err) ||
         app_user_add(&uid, st, &admin, &u, &err) ||
         app_caller_open(&officer, st, "cb.quangngai", "đo hiệu năng", &err);
  if (rc) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return 1;
  }
  if (!plan_at(st, &admin, "004_91f2c84d0a0eb75f.txt", "51"))
    return 1;
  for (size_t k = 0; k < sizeof districts / sizeof *districts; k++)
    if (!plan_at(st, &admin, "000_eae0b25c37df13bf.txt", districts[k]))
      return 1;
  char now_s[32];
  date_now_utc(now_s, sizeof now_s);
  struct stmt *s;
  if (store_write_begin(st, &err) ||
      db_prepare(
          &s, st,
          "INSERT INTO unit_report (schedule_id, unit_id, agency_kind, period_from, "
          "period_to, due_on, status, first_submitted_on, created_at, created_by, occurs_on) "
          "SELECT r.id, c.id, '', '2023-12-15', '2024-03-09', '2024-03-10', 'submitted', "
          "'2024-03-09', ?, 1, r.due_on FROM report_schedule r JOIN plan p ON p.id = r.plan_id "
          "JOIN unit c ON c.parent_id = p.unit_id WHERE r.name = 'Quý I' AND c.id % 2 = 0",
          &err)) {
    fprintf(stderr, "reports: %s\n", err.msg);
    return 1;
  }
  db_bind_text(s, 1, now_s);
  int r = db_step(s, &err);
  db_finalize(s);
  if (r < 0 || store_write_commit(st, &err)) {
    fprintf(stderr, "reports: %s\n", err.msg);
    return 1;
  }
  double t[RUNS];
  size_t entries = 0, summaries = 0;
  for (int k = 0; k < RUNS; k++) {
    struct app_calendar c;
    struct app_calendar_in in = {0};
    in.today = "2024-03-20";
    double t0 = now();
    if (app_calendar(&c, st, &officer, &in, &err)) {
      fprintf(stderr, "calendar: %s\n", err.msg);
      return 1;
    }
    t[k] = (now() - t0) * 1000.0;
    entries = c.cal.n;
    summaries = c.cal.n_summaries;
    app_calendar_free(&c);
  }
  qsort(t, RUNS, sizeof *t, cmp_double);
  printf("calendar of a province: %zu entries, %zu reports, median %.2f ms, max %.2f ms\n", entries,
         summaries, t[RUNS / 2], t[RUNS - 1]);
  store_close(st);
  unlink(path);
  char wal[300];
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
  rmdir(tmpl);
  return 0;
}
