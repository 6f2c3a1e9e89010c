/* test_indicators.c: indicator aggregation rules on a small hand-built dataset.
 *
 * Units (official data): old commune 16846 "Bảo Thắng" of district 417 (Nghệ
 * An, 40) went wholly into today's commune 16855 "Chiêu Lưu"; old commune
 * 00001 "Phúc Xá" is in Hà Nội. Every expected figure below was counted by
 * hand from the events listed in group_setup. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_indicator.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "types/label.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"

#define TODAY "2026-11-23"

static char *dir;
static struct store *st;
static struct scope admin;

/* Enter an aggregate value as sc (app_indicator_enter); *u (may be NULL)
 * the unit taken. */
static int enter_value(struct unit *u, struct store *s, const struct scope *sc, const char *code,
                       const char *tree, const char *unit, const char *agency,
                       const struct period *p, double value, const char *source, const char *today,
                       struct err *err)
{
  struct app_ind_entry in = {code, tree, unit, agency, *p, value, source, today};
  struct indicator_entered e;
  int rc = app_indicator_enter(&e, s, sc, &in, err);
  if (u)
    *u = e.unit;
  return rc;
}

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_app_db(&st, &admin, dir, "ind.db"))
    return -1;
  /* P1: user from 5/7/2024, management record from 10/7 */
  long p1 =
      tu_create_person(st, &admin, TODAY, "Nguyễn Văn Một", "1990-01-01", "nam", "Kinh", "16846");
  tu_add_event(st, &admin, TODAY, p1, PEV_CLASSIFIED, "2024-07-05", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p1, PEV_MANAGEMENT_OPENED, "2024-07-10", NULL, NULL, NULL);
  /* P2: girl of 16, addict from 1/8/2024, voluntary rehab in the community from 20/8 */
  long p2 =
      tu_create_person(st, &admin, TODAY, "Trần Thị Hai", "2008-03-01", "nữ", "Kinh", "16846");
  tu_add_event(st, &admin, TODAY, p2, PEV_CLASSIFIED, "2024-08-01", "addict", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p2, PEV_REHAB_COMMUNITY_START, "2024-08-20", NULL, NULL, NULL);
  /* P3: addict in Hà Nội: outside every Nghệ An figure */
  long p3 = tu_create_person(st, &admin, TODAY, "Lê Văn Ba", "1980-05-05", "nam", "Kinh", "00001");
  tu_add_event(st, &admin, TODAY, p3, PEV_CLASSIFIED, "2024-07-15", "addict", NULL, NULL);
  /* P4: user since May, removed from the list on 15/8 */
  long p4 =
      tu_create_person(st, &admin, TODAY, "Phạm Văn Bốn", "1985-02-02", "nam", "Kinh", "16846");
  tu_add_event(st, &admin, TODAY, p4, PEV_CLASSIFIED, "2024-05-01", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p4, PEV_REMOVED, "2024-08-15", NULL, NULL, "kiểm thử");
  /* P5: addict since June in substitution treatment; a wrong "user" entry of
   * 20/7 is voided */
  long p5 =
      tu_create_person(st, &admin, TODAY, "Hoàng Văn Năm", "1975-06-06", "nam", "Kinh", "16846");
  tu_add_event(st, &admin, TODAY, p5, PEV_CLASSIFIED, "2024-06-01", "addict", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p5, PEV_OST_START, "2024-06-10", "methadone",
               "Cơ sở điều trị Methadone", NULL);
  long wrong =
      tu_add_event(st, &admin, TODAY, p5, PEV_CLASSIFIED, "2024-07-20", "user", NULL, NULL);
  char ref[24];
  snprintf(ref, sizeof ref, "%ld", wrong);
  tu_add_event(st, &admin, TODAY, p5, PEV_VOID, "2024-07-21", ref, NULL, "kiểm thử");
  /* P6: user from 1/7/2024 in 16846, moved to Phúc Xá (Hà Nội) on 10/8 */
  long p6 = tu_create_person(st, &admin, TODAY, "Vũ Thị Sáu", "1995-09-09", "nữ", "Kinh", "16846");
  tu_add_event(st, &admin, TODAY, p6, PEV_CLASSIFIED, "2024-07-01", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p6, PEV_MOVED, "2024-08-10", "00001", NULL, NULL);
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static struct indicator_result_list compute(const char *tree, const char *code, const char *period,
                                            enum ind_split split)
{
  struct period p;
  assert_int_equal(period_parse(&p, period, NULL), ERR_OK);
  struct indicator_result_list l;
  struct err err = {0};
  if (indicator_compute(&l, st, &admin, tree, code, &p, split, &err))
    fail_msg("compute %s %s: %s", code ? code : "national", period, err.msg);
  return l;
}

static const struct indicator_result *get(const struct indicator_result_list *l, const char *code,
                                          const char *group)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].def->code, code) == 0 && strcmp(l->items[i].group, group) == 0)
      return &l->items[i];
  fail_msg("no result %s [%s]", code, group);
  return NULL;
}

static void expect(const struct indicator_result_list *l, const char *code, const char *group,
                   double want)
{
  const struct indicator_result *r = get(l, code, group);
  if (!r->has_value || fabs(r->value - want) > 1e-9)
    fail_msg("%s [%s] = %g (has_value %d), want %g", code, group, r->value, r->has_value, want);
}

static void flows_stocks_ratios_in_old_commune(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_NONE);
  /* flows: P1, P2, P6 classified in Q3 (P5's voided entry does not count) */
  expect(&l, "classified_new", "", 3);
  expect(&l, "rehab_voluntary_admissions", "", 1);
  expect(&l, "removed_from_list", "", 1);
  expect(&l, "determinations", "", 0);
  /* stocks on 30/9: P1 user (P4 removed, P6 moved away); P2, P5 addicts */
  expect(&l, "users_registered", "", 1);
  expect(&l, "addicts_registered", "", 2);
  expect(&l, "drug_list_total", "", 3);
  expect(&l, "users_managed", "", 1);
  expect(&l, "ost_patients", "", 1);
  expect(&l, "addicts_treated", "", 2);
  /* ratios from their parts */
  const struct indicator_result *r = get(&l, "users_managed_ratio", "");
  assert_true(r->has_value);
  assert_true(fabs(r->num - 1) < 1e-9 && fabs(r->den - 1) < 1e-9);
  assert_true(fabs(r->value - 100) < 1e-9);
  expect(&l, "service_access_ratio", "", 100);
  /* no aggregate value entered: unknown, not zero */
  assert_false(get(&l, "express_leads", "")->has_value);
  assert_false(get(&l, "express_leads_verified_ratio", "")->has_value);
  /* an empty register counts zero (register figures: test_indicators_registers.c) */
  expect(&l, "cases_detected", "", 0);
  assert_false(get(&l, "cases_resolved_ratio", "")->has_value);
  indicator_result_list_free(&l);
}

static void old_figures_on_todays_units(void **state)
{
  (void)state;
  /* 2024 on today's commune 16855, which took over old 16846 */
  struct indicator_result_list l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "classified_new", "", 3);
  expect(&l, "addicts_registered", "", 2);
  indicator_result_list_free(&l);
  /* the province of Nghệ An today, same */
  l = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "users_registered", "", 1);
  expect(&l, "addicts_registered", "", 2);
  indicator_result_list_free(&l);
}

static void moves_follow_the_person(void **state)
{
  (void)state;
  /* Phúc Xá: P3 (addict) and P6 (user, moved in on 10/8); P6's
   * classification of 1/7 happened in Nghệ An */
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "00001", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "users_registered", "", 1);
  expect(&l, "addicts_registered", "", 1);
  expect(&l, "classified_new", "", 1);
  indicator_result_list_free(&l);
  /* the whole country: each person once */
  l = compute(NULL, NULL, "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "classified_new", "", 4);
  expect(&l, "drug_list_total", "", 5);
  indicator_result_list_free(&l);
}

static void previous_period(void **state)
{
  (void)state;
  /* Q2 2024 in 16846: P4 user (1/5), P5 addict (1/6) in OST (10/6) */
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "16846", "2024-Q2", IND_SPLIT_NONE);
  expect(&l, "classified_new", "", 2);
  expect(&l, "users_registered", "", 1);
  expect(&l, "addicts_registered", "", 1);
  expect(&l, "ost_patients", "", 1);
  expect(&l, "users_managed", "", 0);
  const struct indicator_result *r = get(&l, "users_managed_ratio", "");
  assert_true(r->has_value);
  assert_true(fabs(r->value) < 1e-9);
  indicator_result_list_free(&l);
  /* a year made of Q2 and Q3: flows add, stocks at the end */
  l = compute(UNIT_TREE_OLD, "16846", "2024-04-01..2024-09-30", IND_SPLIT_NONE);
  expect(&l, "classified_new", "", 5);
  expect(&l, "users_registered", "", 1);
  indicator_result_list_free(&l);
}

static void split_by_sex_and_age(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_SEX);
  expect(&l, "addicts_registered", "female", 1);
  expect(&l, "addicts_registered", "male", 1);
  expect(&l, "users_registered", "male", 1);
  expect(&l, "addicts_registered", "", 2);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_AGE);
  expect(&l, "addicts_registered", "under_18", 1);
  expect(&l, "addicts_registered", "45_plus", 1);
  indicator_result_list_free(&l);
}

static void aggregate_values(void **state)
{
  (void)state;
  struct err err = {0};
  struct period q3, jul, aug;
  period_parse(&q3, "2024-Q3", NULL);
  period_parse(&jul, "2024-07", NULL);
  period_parse(&aug, "2024-08", NULL);
  /* leads by month and force: flows add up */
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "police",
                               &jul, 3, "báo cáo tháng 7", TODAY, &err),
                   ERR_OK);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "customs",
                               &aug, 2, "báo cáo tháng 8", TODAY, &err),
                   ERR_OK);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads_verified", UNIT_TREE_OLD, "16846",
                               "", &q3, 5, "báo cáo quý", TODAY, &err),
                   ERR_OK);
  /* re-entering replaces */
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads_verified", UNIT_TREE_OLD, "16846",
                               "", &q3, 4, "báo cáo quý, sửa", TODAY, &err),
                   ERR_OK);
  /* a value of a month outside the period does not count */
  struct period sep23;
  period_parse(&sep23, "2023-09", NULL);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "police",
                               &sep23, 9, "năm trước", TODAY, &err),
                   ERR_OK);
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "express_leads", "", 5);
  expect(&l, "express_leads_verified", "", 4);
  const struct indicator_result *r = get(&l, "express_leads_verified_ratio", "");
  assert_true(r->has_value);
  assert_true(fabs(r->num - 4) < 1e-9 && fabs(r->den - 5) < 1e-9 && fabs(r->value - 80) < 1e-9);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_AGENCY);
  expect(&l, "express_leads", "police", 3);
  expect(&l, "express_leads", "customs", 2);
  indicator_result_list_free(&l);
  /* today's commune, last year's quarter */
  l = compute(UNIT_TREE_NEW, "16855", "2023-Q3", IND_SPLIT_NONE);
  expect(&l, "express_leads", "", 9);
  indicator_result_list_free(&l);
  /* A covering value wins over its parts: the quarter over its months, the
   * all-agency total over one agency's part; nothing counts twice. */
  struct period q4, oct, nov;
  period_parse(&q4, "2024-Q4", NULL);
  period_parse(&oct, "2024-10", NULL);
  period_parse(&nov, "2024-11", NULL);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "police",
                               &oct, 3, "báo cáo tháng 10", TODAY, &err),
                   ERR_OK);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "customs",
                               &nov, 2, "báo cáo tháng 11", TODAY, &err),
                   ERR_OK);
  l = compute(UNIT_TREE_OLD, "16846", "2024-Q4", IND_SPLIT_NONE);
  expect(&l, "express_leads", "", 5);
  indicator_result_list_free(&l);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "police",
                               &q4, 7, "báo cáo quý IV của Công an", TODAY, &err),
                   ERR_OK);
  l = compute(UNIT_TREE_OLD, "16846", "2024-Q4", IND_SPLIT_AGENCY);
  expect(&l, "express_leads", "police", 7); /* not 7 + 3 */
  expect(&l, "express_leads", "customs", 2);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_OLD, "16846", "2024-10", IND_SPLIT_NONE);
  expect(&l, "express_leads", "", 3); /* the month alone still has its own value */
  indicator_result_list_free(&l);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "", &q4,
                               11, "báo cáo quý IV của Ban Chỉ đạo", TODAY, &err),
                   ERR_OK);
  l = compute(UNIT_TREE_OLD, "16846", "2024-Q4", IND_SPLIT_NONE);
  expect(&l, "express_leads", "", 11); /* not 11 + 7 + 2 */
  indicator_result_list_free(&l);
  /* refusals */
  assert_int_equal(enter_value(NULL, st, &admin, "addicts_registered", UNIT_TREE_OLD, "16846", "",
                               &q3, 9, "x", TODAY, &err),
                   ERR_INPUT);
  /* register-backed: computed, never typed */
  const char *computed[] = {
      "cases_detected",      "persons_arrested", "seized_heroin_g", "hotspots_active",
      "propaganda_sessions", "communes_total",   "licit_entities",  "express_leads_verified_ratio"};
  for (size_t i = 0; i < sizeof computed / sizeof *computed; i++)
    assert_int_equal(enter_value(NULL, st, &admin, computed[i], UNIT_TREE_OLD, "16846", "", &q3, 1,
                                 "x", TODAY, &err),
                     ERR_INPUT);
  assert_int_equal(enter_value(NULL, st, &admin, "no_such", UNIT_TREE_OLD, "16846", "", &q3, 1, "x",
                               TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "army",
                               &q3, 1, "x", TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "16846", "", &q3,
                               -1, "x", TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_OLD, "99999", "", &q3,
                               1, "x", TODAY, &err),
                   ERR_NOT_FOUND);
  /* a period that has not begun has no figures yet; the running one has */
  struct period next_q, this_q;
  assert_int_equal(period_parse(&next_q, "2027-Q1", &err), 0);
  assert_int_equal(period_parse(&this_q, "2026-Q4", &err), 0);
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_NEW, "16855", "",
                               &next_q, 3, "x", TODAY, &err),
                   ERR_INPUT);
  assert_non_null(strstr(err.msg, "01/01/2027"));
  assert_int_equal(enter_value(NULL, st, &admin, "express_leads", UNIT_TREE_NEW, "16855", "",
                               &this_q, 3, "x", TODAY, &err),
                   0);
}

static void scope_is_enforced(void **state)
{
  (void)state;
  struct scope commune;
  struct err err = {0};
  assert_int_equal(scope_init(&commune, "xa", "officer", UNIT_TREE_OLD, "00001", "kiểm thử", &err),
                   ERR_OK);
  assert_int_equal(scope_resolve(&commune, st, &err), ERR_OK);
  struct period p;
  period_parse(&p, "2024-Q3", NULL);
  struct indicator_result_list l;
  assert_int_equal(
      indicator_compute(&l, st, &commune, UNIT_TREE_OLD, "16846", &p, IND_SPLIT_NONE, &err),
      ERR_DENIED);
  /* its own territory without --unit */
  assert_int_equal(indicator_compute(&l, st, &commune, NULL, NULL, &p, IND_SPLIT_NONE, &err),
                   ERR_OK);
  expect(&l, "addicts_registered", "", 1);
  indicator_result_list_free(&l);
}

/* A bare --unit is read by the period's last day: 15 for 2023 is old Yên
 * Bái, for 2026 new Lào Cai (old Lào Cai 10 + Yên Bái). 02647 for 2023 is
 * old phường Kim Tân of Lào Cai city (old province 10), which went into new
 * phường Lào Cai 02647 (data/units). */
static void bare_unit_code_is_read_by_the_periods_end(void **state)
{
  (void)state;
  struct period q1;
  struct err err = {0};
  struct unit u;
  assert_int_equal(period_parse(&q1, "2023-Q1", &err), 0);
  assert_int_equal(
      enter_value(&u, st, &admin, "express_leads", NULL, "02647", "", &q1, 5, "x", TODAY, &err),
      ERR_OK);
  assert_string_equal(u.tree, UNIT_TREE_OLD);
  assert_string_equal(u.name, "Kim Tân");
  struct indicator_result_list l = compute(NULL, "15", "2023", IND_SPLIT_NONE);
  assert_string_equal(l.unit.tree, UNIT_TREE_OLD);
  assert_string_equal(l.unit.name, "Yên Bái");
  assert_int_equal(get(&l, "express_leads", "")->has_value, 0); /* Kim Tân is not in Yên Bái */
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_NEW, "15", "2023", IND_SPLIT_NONE);
  assert_string_equal(l.unit.name, "Lào Cai");
  expect(&l, "express_leads", "", 5); /* today's Lào Cai covers old Lào Cai */
  indicator_result_list_free(&l);
  l = compute(NULL, "15", "2026", IND_SPLIT_NONE);
  assert_string_equal(l.unit.tree, UNIT_TREE_NEW);
  assert_string_equal(l.unit.name, "Lào Cai");
  indicator_result_list_free(&l);
  /* the whole country: no unit */
  l = compute(NULL, NULL, "2023", IND_SPLIT_NONE);
  assert_int_equal(l.unit.id, 0);
  indicator_result_list_free(&l);
}

static void catalogue_is_consistent(void **state)
{
  (void)state;
  size_t n;
  const struct indicator_def *c = indicator_catalogue(&n);
  assert_true(n >= 40);
  for (size_t i = 0; i < n; i++) {
    assert_ptr_equal(indicator_find(c[i].code), &c[i]);
    if (c[i].kind == IND_RATIO) {
      assert_non_null(indicator_find(c[i].numerator));
      assert_non_null(indicator_find(c[i].denominator));
      /* parts come before the ratio, so it can be computed from them */
      assert_true(indicator_find(c[i].numerator) < &c[i]);
      assert_true(indicator_find(c[i].denominator) < &c[i]);
    }
  }
  assert_null(indicator_find("nope"));
  assert_null(indicator_find(NULL));
}

/* The catalogue's sections, as a report groups them: each indicator in the
 * section its subject belongs to, the first and last of each run. */
static void sections_of_the_catalogue(void **state)
{
  (void)state;
  static const struct {
    const char *code;
    enum ind_section sec;
  } want[] = {
      {"cases_detected", IND_SECTION_CRIME},
      {"seized_plants", IND_SECTION_CRIME},
      {"drug_list_total", IND_SECTION_PEOPLE},
      {"deaths", IND_SECTION_PEOPLE},
      {"hotspots_active", IND_SECTION_PLACES},
      {"cultivation_area_destroyed", IND_SECTION_PLACES},
      {"propaganda_sessions", IND_SECTION_PREVENTION},
      {"licit_inspected_ratio", IND_SECTION_PREVENTION},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const struct indicator_def *d = indicator_find(want[i].code);
    assert_non_null(d);
    assert_int_equal(indicator_section(d), want[i].sec);
  }
  assert_string_equal(label_at(LABEL_IND_SECTION, IND_SECTION_PEOPLE), "Người sử dụng, nghiện");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(catalogue_is_consistent),
      cmocka_unit_test(flows_stocks_ratios_in_old_commune),
      cmocka_unit_test(old_figures_on_todays_units),
      cmocka_unit_test(moves_follow_the_person),
      cmocka_unit_test(previous_period),
      cmocka_unit_test(split_by_sex_and_age),
      cmocka_unit_test(aggregate_values),
      cmocka_unit_test(scope_is_enforced),
      cmocka_unit_test(bare_unit_code_is_read_by_the_periods_end),
      cmocka_unit_test(sections_of_the_catalogue),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
