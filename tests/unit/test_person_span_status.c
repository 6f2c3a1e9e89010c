/* test_person_span_status.c: the people stocks count what the record shows.
 *
 * The status a record shows (person_replay: `person show`, `person search
 * --status`) and the spans the stocks are counted from (person_span.c) are
 * derived by one transition (person_status_step). Each history here once
 * made the two disagree; the expectations are counted by hand from it and
 * from the transition rules of docs/registers.md: a relapse makes the person
 * an addict and ends post-rehab management, any rehab start ends post-rehab
 * management, a removal ends the management record and post-rehab
 * management. Then a database whose rows were derived by the old walk is
 * derived again by `pcmt init` (migration 014).
 *
 * Each history lives in its own old-tree commune of Hà Nội (data/units),
 * with dates in 2024, so the figures of one commune are one person's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "domain/person.h"
#include "domain/person_span.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_spans.h"
#include "testutil.h"

#define TODAY "2026-11-23"

#define VINH_PHUC  "00006" /* relapse during post-rehab management */
#define CONG_VI    "00007" /* rehab started during post-rehab management */
#define LIEU_GIAI  "00008" /* removed during post-rehab management */
#define NGOC_HA    "00016" /* user managed, removed, classified again */
#define QUAN_THANH "00013" /* user in rehab who relapses */

static char *dir;
static struct store *st;
static struct scope admin;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_units_db(&st, &admin, dir, "status.db"))
    return -1;
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* The value of indicator `code` (no split) for old-tree commune `unit` in
 * period, as computed on store s. */
static double value_on(struct store *s, const struct scope *sc, const char *unit,
                       const char *period, const char *code)
{
  struct period p;
  assert_int_equal(period_parse(&p, period, NULL), ERR_OK);
  struct indicator_result_list l;
  struct err err = {0};
  if (indicator_compute(&l, s, sc, UNIT_TREE_OLD, unit, &p, IND_SPLIT_NONE, &err))
    fail_msg("compute: %s", err.msg);
  double v = NAN;
  for (size_t i = 0; i < l.n; i++)
    if (strcmp(l.items[i].def->code, code) == 0 && l.items[i].group[0] == '\0')
      v = l.items[i].value;
  indicator_result_list_free(&l);
  if (isnan(v))
    fail_msg("no value for %s", code);
  return v;
}

static int value(const char *unit, const char *period, const char *code)
{
  return (int)value_on(st, &admin, unit, period, code);
}

/* The status code the record shows for person `id` on its whole history. */
static const char *status_now(long id)
{
  static char code[32];
  struct person_record r;
  struct err err = {0};
  if (app_person_show(&r, st, &admin, id, NULL, &err))
    fail_msg("read %ld: %s", id, err.msg);
  snprintf(code, sizeof code, "%s", person_status_code(&r.status));
  person_record_free(&r);
  return code;
}

static void event(long id, enum person_event_kind k, const char *date, const char *value)
{
  const char *facility = k == PEV_REHAB_FACILITY_START ? "Cơ sở cai nghiện số 1" : NULL;
  const char *note = k == PEV_REMOVED ? "hết thời hạn quản lý" : NULL;
  tu_add_event(st, &admin, TODAY, id, k, date, value, facility, note);
}

/* An addict who finished community rehab on 10/3 and is under post-rehab
 * management from 11/3/2024. */
static long addict_in_aftercare(const char *name, const char *unit)
{
  long id = tu_create_person(st, &admin, TODAY, name, "1990-01-01", "male", NULL, unit);
  event(id, PEV_CLASSIFIED, "2024-01-05", "addict");
  event(id, PEV_REHAB_COMMUNITY_START, "2024-01-10", NULL);
  event(id, PEV_REHAB_COMMUNITY_END, "2024-03-10", NULL);
  event(id, PEV_AFTERCARE_START, "2024-03-11", NULL);
  return id;
}

/* A relapse ends post-rehab management (the first example). */
static void relapse_ends_aftercare(void **state)
{
  (void)state;
  long id = addict_in_aftercare("Nguyễn Văn Tái", VINH_PHUC);
  event(id, PEV_RELAPSE, "2024-04-01", NULL);
  /* 31/3: under post-rehab management */
  assert_int_equal(value(VINH_PHUC, "2024-03", "aftercare_managed"), 1);
  assert_int_equal(value(VINH_PHUC, "2024-03", "addicts_registered"), 1);
  /* 31/5: relapsed on 1/4, no longer (was 1) */
  assert_int_equal(value(VINH_PHUC, "2024-05", "aftercare_managed"), 0);
  assert_int_equal(value(VINH_PHUC, "2024-05", "addicts_registered"), 1);
  assert_int_equal(value(VINH_PHUC, "2024-05", "drug_list_total"), 1);
  assert_int_equal(value(VINH_PHUC, "2024-Q2", "relapses"), 1);
  assert_string_equal(status_now(id), "addict");
}

/* A rehab started during post-rehab management ends it: the person counts
 * as treated, not also as under post-rehab management. */
static void rehab_start_ends_aftercare(void **state)
{
  (void)state;
  long id = addict_in_aftercare("Trần Văn Lại", CONG_VI);
  event(id, PEV_REHAB_FACILITY_START, "2024-04-02", NULL);
  assert_int_equal(value(CONG_VI, "2024-03", "aftercare_managed"), 1);
  assert_int_equal(value(CONG_VI, "2024-03", "addicts_treated"), 0);
  /* 30/4: in facility rehab since 2/4 (was in both) */
  assert_int_equal(value(CONG_VI, "2024-04", "addicts_treated"), 1);
  assert_int_equal(value(CONG_VI, "2024-04", "aftercare_managed"), 0);
  assert_string_equal(status_now(id), "rehab_voluntary_facility");
}

/* A removal ends post-rehab management: off the list, in no stock. */
static void removal_ends_aftercare(void **state)
{
  (void)state;
  long id = addict_in_aftercare("Lê Văn Xóa", LIEU_GIAI);
  event(id, PEV_REMOVED, "2024-04-15", NULL);
  assert_int_equal(value(LIEU_GIAI, "2024-03", "drug_list_total"), 1);
  /* 30/4: removed on 15/4 (aftercare was 1 with drug_list_total 0) */
  assert_int_equal(value(LIEU_GIAI, "2024-04", "drug_list_total"), 0);
  assert_int_equal(value(LIEU_GIAI, "2024-04", "addicts_registered"), 0);
  assert_int_equal(value(LIEU_GIAI, "2024-04", "aftercare_managed"), 0);
  assert_string_equal(status_now(id), "removed");
}

/* A removal closes the management record: classified a user again, the
 * person is a user without one until a new record is opened. */
static void removal_ends_management(void **state)
{
  (void)state;
  long id =
      tu_create_person(st, &admin, TODAY, "Phạm Văn Quản", "1992-02-02", "male", NULL, NGOC_HA);
  event(id, PEV_CLASSIFIED, "2024-01-05", "user");
  event(id, PEV_MANAGEMENT_OPENED, "2024-01-06", NULL);
  event(id, PEV_REMOVED, "2024-03-01", NULL);
  event(id, PEV_CLASSIFIED, "2024-04-01", "user");
  assert_int_equal(value(NGOC_HA, "2024-02", "users_managed"), 1);
  assert_int_equal(value(NGOC_HA, "2024-03", "users_registered"), 0);
  assert_int_equal(value(NGOC_HA, "2024-03", "users_managed"), 0);
  /* 30/4: a user again, no record open (was users_managed 1) */
  assert_int_equal(value(NGOC_HA, "2024-04", "users_registered"), 1);
  assert_int_equal(value(NGOC_HA, "2024-04", "users_managed"), 0);
  assert_string_equal(status_now(id), "user");
  /* a new record counts again */
  event(id, PEV_MANAGEMENT_OPENED, "2024-05-02", NULL);
  assert_int_equal(value(NGOC_HA, "2024-05", "users_managed"), 1);
  assert_string_equal(status_now(id), "managed");
}

/* A user in rehab who relapses is an addict, in rehab: an addict treated. */
static void relapse_makes_an_addict(void **state)
{
  (void)state;
  long id = tu_create_person(st, &admin, TODAY, "Hoàng Văn Nghiện", "1993-03-03", "male", NULL,
                             QUAN_THANH);
  event(id, PEV_CLASSIFIED, "2024-01-05", "user");
  event(id, PEV_REHAB_COMMUNITY_START, "2024-01-10", NULL);
  assert_int_equal(value(QUAN_THANH, "2024-01", "users_registered"), 1);
  assert_int_equal(value(QUAN_THANH, "2024-01", "addicts_treated"), 0);
  event(id, PEV_RELAPSE, "2024-02-01", NULL);
  /* 29/2: an addict in community rehab (was counted a user) */
  assert_int_equal(value(QUAN_THANH, "2024-02", "users_registered"), 0);
  assert_int_equal(value(QUAN_THANH, "2024-02", "addicts_registered"), 1);
  assert_int_equal(value(QUAN_THANH, "2024-02", "addicts_treated"), 1);
  assert_int_equal(value(QUAN_THANH, "2024-02", "drug_list_total"), 1);
  assert_string_equal(status_now(id), "rehab_voluntary_community");
  /* January is as it was */
  assert_int_equal(value(QUAN_THANH, "2024-01", "users_registered"), 1);
}

static int unit_of(void *ctx, const struct store_span_person *p, struct err *err)
{
  (void)err;
  *(long *)ctx = p->unit_id;
  return 0;
}

static long day(const char *iso)
{
  struct date d;
  assert_int_equal(date_parse(&d, iso, 0, NULL), ERR_OK);
  return date_to_days(d);
}

/* A database of schema 13 holds rows derived by the old walk: the relapsed
 * person still in post-rehab management. Migration 014 marks the rows
 * unbuilt and `pcmt init` (store_migrate, then person_derive_upgrade)
 * derives them again; a database without people has nothing to derive. */
static void upgrade_from_13_derives_again(void **state)
{
  (void)state;
  char path[4200];
  struct store *old;
  struct scope sc;
  struct err err = {0};
  int from = 0, to = 0, built = -1;
  /* without people */
  snprintf(path, sizeof path, "%s/empty13.db", dir);
  if (store_open(&old, path, &err) || store_migrate_to(old, 13, &from, &to, &err) ||
      store_migrate(old, &from, &to, &err) || store_span_built(&built, old, &err))
    fail_msg("empty: %s", err.msg);
  assert_int_equal(from, 13);
  assert_int_equal(to, store_schema_latest());
  assert_int_equal(built, 1);
  store_close(old);
  /* with the relapsed person */
  snprintf(path, sizeof path, "%s/schema13.db", dir);
  if (store_open(&old, path, &err) || store_migrate_to(old, 13, &from, &to, &err) ||
      tu_unit_import(old, tu_source_path("data/units"), NULL, &err) ||
      scope_init(&sc, "tester", "admin", NULL, NULL, "kiểm thử", &err) ||
      scope_resolve(&sc, old, &err))
    fail_msg("schema 13: %s", err.msg);
  assert_int_equal(to, 13);
  long id = tu_create_person(old, &sc, TODAY, "Vũ Văn Cũ", "1990-01-01", "male", NULL, VINH_PHUC);
  tu_add_event(old, &sc, TODAY, id, PEV_CLASSIFIED, "2024-01-05", "addict", NULL, NULL);
  tu_add_event(old, &sc, TODAY, id, PEV_REHAB_COMMUNITY_START, "2024-01-10", NULL, NULL, NULL);
  tu_add_event(old, &sc, TODAY, id, PEV_REHAB_COMMUNITY_END, "2024-03-10", NULL, NULL, NULL);
  tu_add_event(old, &sc, TODAY, id, PEV_AFTERCARE_START, "2024-03-11", NULL, NULL, NULL);
  tu_add_event(old, &sc, TODAY, id, PEV_RELAPSE, "2024-04-01", NULL, NULL, NULL);
  /* The spans the old walk wrote: addict on the list (2 | 4), treated (64)
   * while in rehab, under post-rehab management (32) from 11/3 on. */
  long unit = 0;
  assert_int_equal(store_span_scan(old, id, id, unit_of, &unit, &err), ERR_OK);
  assert_true(unit > 0);
  assert_int_equal(store_write_begin(old, &err), ERR_OK);
  assert_int_equal(store_span_clear(old, id, id, &err), ERR_OK);
  assert_int_equal(store_span_put(old, id, unit, day("2024-01-05"), day("2024-01-10"), 6, &err),
                   ERR_OK);
  assert_int_equal(store_span_put(old, id, unit, day("2024-01-10"), day("2024-03-10"), 70, &err),
                   ERR_OK);
  assert_int_equal(store_span_put(old, id, unit, day("2024-03-10"), day("2024-03-11"), 6, &err),
                   ERR_OK);
  assert_int_equal(store_span_put(old, id, unit, day("2024-03-11"), STORE_SPAN_OPEN, 38, &err),
                   ERR_OK);
  assert_int_equal(store_write_commit(old, &err), ERR_OK);
  /* what the indicator counted then (a stock on 31/05/2024: the span open
   * that day under post-rehab management), read from the spans: this
   * binary's indicators need the schema it migrates to */
  char q[300];
  snprintf(q, sizeof q,
           "SELECT count(*) FROM person_span WHERE person_id = %ld AND from_day <= %ld AND "
           "to_day > %ld AND (flags & %d) != 0",
           id, day("2024-05-31"), day("2024-05-31"), (int)PSPAN_AFTERCARE);
  assert_int_equal(tu_count(old, q), 1);
  /* pcmt init */
  assert_int_equal(store_migrate(old, &from, &to, &err), ERR_OK);
  assert_int_equal(from, 13);
  assert_int_equal(store_span_built(&built, old, &err), ERR_OK);
  assert_int_equal(built, 0);
  assert_int_equal(person_derive_upgrade(old, &err), ERR_OK);
  assert_int_equal(store_span_built(&built, old, &err), ERR_OK);
  assert_int_equal(built, 1);
  assert_int_equal((int)value_on(old, &sc, VINH_PHUC, "2024-05", "aftercare_managed"), 0);
  assert_int_equal((int)value_on(old, &sc, VINH_PHUC, "2024-05", "addicts_registered"), 1);
  assert_int_equal((int)value_on(old, &sc, VINH_PHUC, "2024-03", "aftercare_managed"), 1);
  store_close(old);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(relapse_ends_aftercare),  cmocka_unit_test(rehab_start_ends_aftercare),
      cmocka_unit_test(removal_ends_aftercare),  cmocka_unit_test(removal_ends_management),
      cmocka_unit_test(relapse_makes_an_addict), cmocka_unit_test(upgrade_from_13_derives_again),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
