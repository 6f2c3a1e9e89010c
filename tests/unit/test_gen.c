/* test_gen.c: the data generator — determinism, valid national IDs, histories that replay,
 * the right unit tree for every date, ordered case dates, requested counts, a valid audit
 * chain, and refusal of a second run.
 *
 * Small province runs (Lào Cai, old code 10) into copies of one database with
 * the official units: a few hundred people, so the test takes seconds. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/audit.h"
#include "domain/gen.h"
#include "domain/indicator.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_gen.h"
#include "store/store_people.h"

#define TODAY "2026-11-23"

static char *dir;
static char base[4200];    /* the database with units only */
static struct scope actor; /* who runs the generator: a national administrator "runner" */

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  snprintf(base, sizeof base, "%s/base.db", dir);
  struct store *st;
  struct err err = {0};
  if (store_open(&st, base, &err) || store_migrate(st, NULL, NULL, &err) ||
      tu_unit_import(st, tu_source_path("data/units"), NULL, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  store_close(st);
  if (scope_init(&actor, "runner", "admin", NULL, NULL, "kiểm thử", &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  actor.unit_id = 0; /* national: nothing to resolve */
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* A fresh copy of the base database (with its key) named `name`, opened. */
static struct store *fresh(const char *name)
{
  char path[4300];
  /* the database and the key file beside it (docs/audit.md) */
  for (int i = 0; i < 2; i++) {
    char from[4300];
    snprintf(from, sizeof from, "%s%s", base, i ? ".key" : "");
    snprintf(path, sizeof path, "%s/%s%s", dir, name, i ? ".key" : "");
    size_t len;
    char *data = tu_read_file(from, &len);
    assert_non_null(data);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
  }
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, path, &err), ERR_OK);
  return st;
}

static void small(struct gen_options *o, uint64_t seed)
{
  gen_options_init(o, GEN_PROVINCE);
  snprintf(o->province, sizeof o->province, "10");
  snprintf(o->today, sizeof o->today, TODAY);
  o->seed = seed;
  o->people = 400;
  o->cases = 200;
  o->places = 60;
  o->networks = 10;
  o->licit = 10;
  o->activities = 400;
}

static struct store *run(const char *name, uint64_t seed, struct gen_result *r)
{
  struct store *st = fresh(name);
  struct gen_options o;
  small(&o, seed);
  struct err err = {0};
  int rc = tu_gen_run(r, st, &actor, &o, &err);
  if (rc)
    fprintf(stderr, "gen_run: %s\n", err.msg);
  assert_int_equal(rc, ERR_OK);
  return st;
}

static uint64_t checksum(struct store *st)
{
  uint64_t h = 0;
  struct err err = {0};
  assert_int_equal(store_gen_checksum(&h, st, &err), ERR_OK);
  return h;
}

static void test_deterministic(void **state)
{
  (void)state;
  struct gen_result a, b, c;
  struct store *sa = run("a.db", 42, &a);
  struct store *sb = run("b.db", 42, &b);
  struct store *sc = run("c.db", 43, &c);
  struct store_gen_counts ca, cb;
  struct err err = {0};
  assert_int_equal(store_gen_counts(&ca, sa, &err), ERR_OK);
  assert_int_equal(store_gen_counts(&cb, sb, &err), ERR_OK);
  assert_memory_equal(&ca, &cb, sizeof ca);
  assert_int_equal(a.events, b.events);
  assert_true(checksum(sa) == checksum(sb));
  assert_true(checksum(sa) != checksum(sc));
  store_close(sa);
  store_close(sb);
  store_close(sc);
}

/* ---------------------------------------------------------------------------
 * One run, checked in depth
 * ------------------------------------------------------------------------- */

struct check {
  struct store *st;
  struct scope sc;
  long people, bad_id, no_id, replay_failed, wrong_tree, moved, post_reform;
  char (*ids)[16];
  size_t n_ids;
};

/* agencies[0]: names seen; agencies[1]: names the lexicon reads as another kind. */
static int agency_reads_back(void *ctx, const char *name, const char *kind)
{
  long *agencies = ctx;
  struct agency_ref ref;
  struct err e;
  agencies[0]++;
  if (agency_parse(&ref, name, &e) != ERR_OK || ref.kind != agency_kind_from_name(kind)) {
    fprintf(stderr, "agency \"%s\" (%s) reads as %s\n", name, kind,
            agency_kind_name(ref.kind) ? agency_kind_name(ref.kind) : "nothing");
    agencies[1]++;
  }
  return 0;
}

static int id_cmp(const void *a, const void *b)
{
  return strcmp(a, b);
}

static int check_person(void *ctx, const struct person *p, const struct person_event *ev, size_t n)
{
  struct check *k = ctx;
  k->people++;
  struct err err = {0};
  struct person full;
  assert_int_equal(store_person_get(&full, k->st, &k->sc, p->id, &err), ERR_OK);
  if (!full.national_id[0]) {
    k->no_id++;
  } else {
    int digits = strlen(full.national_id) == 12;
    for (size_t i = 0; i < 12 && digits; i++)
      digits = full.national_id[i] >= '0' && full.national_id[i] <= '9';
    if (!digits || person_check_national_id(k->st, full.national_id, &err) != ERR_OK)
      k->bad_id++;
    /* Sex and century digit, then the year of birth. */
    int male = strcmp(full.sex, "male") == 0, y2k = strncmp(full.birth_date, "2000", 4) >= 0;
    char want = (char)('0' + (y2k ? 2 : 0) + (male ? 0 : 1));
    if (full.national_id[3] != want || strncmp(full.national_id + 4, full.birth_date + 2, 2) != 0)
      k->bad_id++;
    memcpy(k->ids[k->n_ids++], full.national_id, 16);
  }
  struct person_status s;
  if (person_replay(&s, p->birth_date, ev, n, TODAY, &err) != ERR_OK)
    k->replay_failed++;
  /* The residence: the tree of the last move's date, else of the first event's. */
  const char *since = n ? ev[0].date : "";
  for (size_t i = 0; i < n; i++) {
    if (ev[i].kind != PEV_MOVED)
      continue;
    k->moved++;
    since = ev[i].date;
    if (strcmp(ev[i].unit_tree, unit_tree_at(ev[i].date)) != 0)
      k->wrong_tree++;
  }
  if (strcmp(since, "2025-07-01") >= 0)
    k->post_reform++;
  if (strcmp(p->unit_tree, unit_tree_at(since)) != 0)
    k->wrong_tree++;
  return 0;
}

/* Cases of old province `prov` (tree pre2025: commune -> district ->
 * province) detected before the reform. */
static long old_province_cases(struct store *st, const char *prov)
{
  char sql[600];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM drug_case c JOIN unit u ON u.id = c.unit_id "
           "JOIN unit d ON d.id = u.parent_id JOIN unit p ON p.id = d.parent_id "
           "WHERE u.tree = 'pre2025' AND p.code = '%s' AND c.detected_on < '2025-07-01'",
           prov);
  return tu_count(st, sql);
}

/* A figure of province (tree, code) for `period`, by the indicators. */
static double province_figure(struct store *st, const char *tree, const char *code,
                              const char *period, const char *indicator)
{
  struct scope sc;
  struct err err = {0};
  assert_int_equal(scope_init(&sc, "tester", "admin", NULL, NULL, "kiểm thử", &err), ERR_OK);
  assert_int_equal(scope_resolve(&sc, st, &err), ERR_OK);
  struct period p;
  assert_int_equal(period_parse(&p, period, &err), ERR_OK);
  struct indicator_result_list l;
  assert_int_equal(indicator_compute(&l, st, &sc, tree, code, &p, IND_SPLIT_NONE, &err), ERR_OK);
  double v = -1;
  for (size_t i = 0; i < l.n; i++)
    if (strcmp(l.items[i].def->code, indicator) == 0 && !l.items[i].group[0])
      v = l.items[i].value;
  indicator_result_list_free(&l);
  return v;
}

static double old_province_figure(struct store *st, const char *code, const char *period,
                                  const char *indicator)
{
  return province_figure(st, UNIT_TREE_OLD, code, period, indicator);
}

static void test_valid(void **state)
{
  (void)state;
  struct gen_result r;
  struct check k;
  memset(&k, 0, sizeof k);
  k.st = run("valid.db", 7, &r);
  struct err err = {0};
  assert_int_equal(scope_init(&k.sc, "tester", "admin", NULL, NULL, "kiểm thử", &err), ERR_OK);
  assert_int_equal(scope_resolve(&k.sc, k.st, &err), ERR_OK);

  /* Counts as requested. */
  assert_int_equal(r.people, 400);
  assert_int_equal(r.cases, 200);
  assert_int_equal(r.places, 60);
  assert_int_equal(r.networks, 10);
  assert_int_equal(r.licit, 10);
  assert_int_equal(r.activities, 400);
  assert_int_equal(r.replay_failures, 0);
  assert_true(r.events >= 3 * r.people);
  struct store_gen_counts cn;
  assert_int_equal(store_gen_counts(&cn, k.st, &err), ERR_OK);
  assert_int_equal(cn.people, 400);
  assert_int_equal(cn.events, r.events);
  assert_int_equal(cn.cases, 200);
  assert_int_equal(cn.activities, 400);
  assert_int_equal(cn.case_people, r.case_people);
  assert_true(cn.case_people > 0 && cn.seizures > 0 && cn.place_status > 0 && cn.members > 0);
  /* Every commune of the province, in both trees, has a record (people who
   * moved away touch communes of other provinces too). */
  assert_true(cn.old_communes_touched >= r.old_communes);
  assert_true(cn.new_communes_touched >= r.new_communes);

  /* People: IDs, histories, residence trees. */
  k.ids = calloc(400, sizeof *k.ids);
  assert_int_equal(store_person_scan(k.st, &k.sc, check_person, &k, &err), ERR_OK);
  assert_int_equal(k.people, 400);
  assert_int_equal(k.bad_id, 0);
  assert_int_equal(k.replay_failed, 0);
  assert_int_equal(k.wrong_tree, 0);
  assert_true(k.no_id > 0 && k.no_id < 60); /* about 5% */
  assert_true(k.moved > 0);
  assert_true(k.post_reform > 0);
  qsort(k.ids, k.n_ids, sizeof *k.ids, id_cmp);
  for (size_t i = 1; i < k.n_ids; i++)
    assert_string_not_equal(k.ids[i - 1], k.ids[i]);
  free(k.ids);

  /* Registers: dates in order, the right tree, offences. */
  struct store_gen_violations v;
  assert_int_equal(store_gen_violations(&v, k.st, &err), ERR_OK);
  assert_int_equal(v.case_dates, 0);
  assert_int_equal(v.unit_tree, 0);
  assert_int_equal(v.residence_level, 0);
  assert_int_equal(v.offences, 0);
  assert_int_equal(v.derived_keys, 0); /* written by the generator itself, not the triggers */
  assert_int_equal(v.links, 0);
  assert_int_equal(v.place_history, 0);
  assert_int_equal(v.unit_after, 0);

  /* Records across the reform: the licit entities are registered in 2020, on
   * old communes of Lào Cai, and each old commune went into a new one, so
   * all 10 have a new commune after the reform: old Lào Cai counts them for
   * 2021, new Lào Cai (15) for 2026, old Lào Cai no longer then; a 2021
   * inspection is on the old commune, which new Lào Cai covers. */
  assert_int_equal(tu_count(k.st, "SELECT count(*) FROM licit_entity WHERE unit_after_id IS NOT "
                                  "NULL"),
                   10);
  assert_true(old_province_figure(k.st, "10", "2021", "licit_entities") == 10);
  assert_true(province_figure(k.st, UNIT_TREE_NEW, "15", "2026", "licit_entities") == 10);
  assert_true(old_province_figure(k.st, "10", "2026", "licit_entities") == 0);
  assert_true(old_province_figure(k.st, "10", "2021", "licit_entities_inspected") ==
              province_figure(k.st, UNIT_TREE_NEW, "15", "2021", "licit_entities_inspected"));
  /* places and rings found before the reform that lived on to it have a new
   * commune; none found after it has one */
  assert_true(tu_count(k.st, "SELECT count(*) FROM place WHERE unit_after_id IS NOT NULL") > 0);
  assert_true(tu_count(k.st, "SELECT count(*) FROM network WHERE unit_after_id IS NOT NULL") > 0);
  assert_int_equal(tu_count(k.st, "SELECT (SELECT count(*) FROM place WHERE unit_after_id IS NOT "
                                  "NULL AND found_on >= '2025-07-01') + (SELECT count(*) FROM "
                                  "network WHERE unit_after_id IS NOT NULL AND found_on >= "
                                  "'2025-07-01')"),
                   0);
  assert_int_equal(tu_count(k.st, "SELECT count(*) FROM place WHERE unit_after_id IS NOT NULL AND "
                                  "kind = 'cultivation' AND destroyed_on <> '' AND destroyed_on < "
                                  "'2025-07-01'"),
                   0);

  /* Every agency name reads back, through the lexicon the register import uses, as the
   * kind stored with it. */
  long agencies[2] = {0, 0};
  assert_int_equal(store_gen_agencies(k.st, agency_reads_back, agencies, &err), ERR_OK);
  assert_true(agencies[0] > 20);
  assert_int_equal(agencies[1], 0);

  /* One audit row, and the chain holds. */
  struct audit_verify_result av;
  assert_int_equal(audit_verify(&av, k.st, &k.sc, &err), ERR_OK);
  assert_int_equal(av.first_bad, 0);
  assert_true(av.rows >= 1);
  struct audit_list al;
  assert_int_equal(audit_log(&al, k.st, &k.sc, "gen", 0, 10, &err), ERR_OK);
  assert_int_equal(al.n, 1);
  assert_string_equal(al.items[0].action, "gen.run");
  assert_string_equal(al.items[0].actor, "runner"); /* the user who ran it, not "gen" */
  assert_non_null(strstr(al.items[0].detail, "seed=7"));
  audit_list_free(&al);

  /* A second run into the same database is refused, and changes nothing. */
  uint64_t before = checksum(k.st);
  struct gen_options o;
  small(&o, 8);
  struct gen_result r2;
  assert_int_equal(tu_gen_run(&r2, k.st, &actor, &o, &err), ERR_CONFLICT);
  assert_true(checksum(k.st) == before);
  store_close(k.st);
}

static void test_bad_options(void **state)
{
  (void)state;
  struct store *st = fresh("bad.db");
  struct gen_options o;
  struct gen_result r;
  struct err err = {0};
  small(&o, 1);
  snprintf(o.province, sizeof o.province, "99");
  assert_int_equal(tu_gen_run(&r, st, &actor, &o, &err), ERR_INPUT);
  small(&o, 1);
  o.year_from = 2026;
  o.year_to = 2024;
  assert_int_equal(gen_options_check(&o, &err), ERR_INPUT);
  small(&o, 1);
  o.year_from = 2030;
  o.year_to = 2031;
  assert_int_equal(gen_options_check(&o, &err), ERR_INPUT);
  small(&o, 1);
  o.province[0] = 0;
  assert_int_equal(gen_options_check(&o, &err), ERR_INPUT);
  /* Nothing written by the refused run. */
  long existing = -1;
  assert_int_equal(store_gen_existing(&existing, st, GEN_USER, &err), ERR_OK);
  assert_int_equal(existing, 0);
  store_close(st);
}

/* New Lào Cai (15 since 01/07/2025) is old Lào Cai (10) and old Yên Bái (15):
 * its run draws on both before the reform and on its own communes after. */
static void test_new_province_is_its_whole_territory(void **state)
{
  (void)state;
  struct store *st = fresh("new15.db");
  struct gen_options o;
  small(&o, 11);
  snprintf(o.province, sizeof o.province, "15");
  struct gen_result r;
  struct err err = {0};
  assert_int_equal(tu_gen_run(&r, st, &actor, &o, &err), ERR_OK);
  assert_string_equal(r.province.tree, UNIT_TREE_NEW);
  assert_string_equal(r.province.name, "Lào Cai");
  assert_int_equal(r.provinces, 2);
  /* before the reform: cases in both old provinces, and each shows them */
  assert_true(old_province_cases(st, "10") > 0);
  assert_true(old_province_cases(st, "15") > 0);
  assert_true(old_province_figure(st, "10", "2021", "cases_detected") > 0);
  assert_true(old_province_figure(st, "15", "2021", "cases_detected") > 0);
  assert_true(old_province_figure(st, "10", "2021", "propaganda_sessions") > 0);
  assert_true(old_province_figure(st, "15", "2021", "propaganda_sessions") > 0);
  /* after it: only communes of new Lào Cai */
  static const char after[] = "SELECT count(*) FROM drug_case c JOIN unit u ON u.id = c.unit_id "
                              "JOIN unit p ON p.id = u.parent_id WHERE c.detected_on >= "
                              "'2025-07-01' AND ";
  char sql[400];
  snprintf(sql, sizeof sql, "%su.tree = 'post2025' AND p.code = '15'", after);
  assert_true(tu_count(st, sql) > 0);
  snprintf(sql, sizeof sql, "%sNOT (u.tree = 'post2025' AND p.code = '15')", after);
  assert_int_equal(tu_count(st, sql), 0);
  store_close(st);

  /* --tree pre2025: old Yên Bái alone */
  st = fresh("old15.db");
  small(&o, 11);
  snprintf(o.province, sizeof o.province, "15");
  snprintf(o.tree, sizeof o.tree, "%s", UNIT_TREE_OLD);
  assert_int_equal(tu_gen_run(&r, st, &actor, &o, &err), ERR_OK);
  assert_string_equal(r.province.name, "Yên Bái");
  assert_int_equal(r.provinces, 1);
  assert_int_equal(old_province_cases(st, "10"), 0);
  assert_true(old_province_cases(st, "15") > 0);
  store_close(st);

  /* a code that is not a province */
  st = fresh("commune.db");
  small(&o, 11);
  snprintf(o.province, sizeof o.province, "086"); /* huyện Bảo Thắng */
  assert_int_equal(tu_gen_run(&r, st, &actor, &o, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "không phải tỉnh"));
  store_close(st);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_valid),
      cmocka_unit_test(test_bad_options),
      cmocka_unit_test(test_new_province_is_its_whole_territory),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
