/* test_classify.c: communes classified as complex drug areas, by each rule version.
 *
 * The rule sets are read from the database as migration 024 stores them,
 * so the legal data is tested with the rules. Every figure and verdict
 * below was worked out by hand from the criteria of Decision 28/2025/QĐ-TTg
 * (type I: at least 3 of: managed users and addicts >= 0.5 % of residents,
 * >= 2 places, arrested offenders >= 0.1 % of residents, >= 3,000 plants or
 * >= 750 m², the drug route) and Decision 3122/2010/QĐ-BCA (type I: one of
 * >= 100 addicts with records, >= 5 hotspots, a cultivated area whose
 * threshold is missing). The operations (residents entered, audited, in the
 * territory; the rule set taken on 31/12) are tested through app_classify. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_classify.h"
#include "domain/classify.h"
#include "store/store.h"
#include "store/store_classify.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin, laocai, hanoi, leader;
  struct class_rule_set qd28, qd3122;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  struct err err = {0};
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "k.db") ||
      store_class_rules_at(&f->qd28, f->st, "commune", "2025-12-31", &err) ||
      store_class_rules_at(&f->qd3122, f->st, "commune", "2024-12-31", &err))
    return -1;
  tu_add_user(&f->laocai, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&f->hanoi, f->st, &f->admin, "cb.hanoi", "officer", "01");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

static struct class_figures fig(double residents, double managed, double places, double offenders,
                                double plants, double area)
{
  struct class_figures x;
  memset(&x, 0, sizeof x);
  x.has_residents = residents > 0;
  x.residents = residents;
  x.managed = managed;
  x.places = places;
  x.offenders = offenders;
  x.plants = plants;
  x.area_m2 = area;
  return x;
}

/* The versions in force: 2025 by Decision 28, 2024 by Decision 3122. */
static void the_rule_set_is_the_one_in_force(void **state)
{
  struct fx *f = *state;
  assert_string_equal(f->qd28.code, "qd28_2025");
  assert_string_equal(f->qd3122.code, "qd3122_2010");
  assert_int_equal(f->qd28.classes[0].min_met, 3);
  assert_int_equal(f->qd28.classes[0].n_rules, 5);
  assert_int_equal(f->qd3122.classes[0].min_met, 1);
  struct class_rule_set none;
  struct err err = {0};
  assert_int_equal(store_class_rules_at(&none, f->st, "commune", "2009-12-31", &err),
                   ERR_NOT_FOUND);
}

/* 114 managed of 15,000 residents = 0.76 % (a), 2 places (b), 21 arrested =
 * 0.14 % (c): three criteria, type I. */
static void three_criteria_make_type_one(void **state)
{
  struct fx *f = *state;
  struct class_figures x = fig(15000, 114, 2, 21, 0, 0);
  struct class_result r;
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.classes[0], VERDICT_MET);
  assert_int_equal(r.type, 1);
  assert_true(r.checks[0][0].value > 0.759 && r.checks[0][0].value < 0.761);
}

/* At the thresholds: 50 of 10,000 = 0.5 % (a), 10 = 0.1 % (c), 2,999
 * plants but 750 m² (d, by the area): three criteria, type I. */
static void thresholds_are_inclusive_and_area_counts(void **state)
{
  struct fx *f = *state;
  struct class_figures x = fig(10000, 50, 1, 10, 2999, 750);
  struct class_result r;
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.type, 1);
  x.area_m2 = 749; /* now only a and c: two, and the route unknown */
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.classes[0], VERDICT_UNKNOWN);
  assert_int_equal(r.type, -1);
  assert_int_equal(r.undetermined_from, 1);
}

/* Without residents the two ratios are unknown, never taken as 0. */
static void no_residents_leaves_the_ratios_unknown(void **state)
{
  struct fx *f = *state;
  struct class_figures x = fig(0, 500, 0, 300, 0, 0);
  struct class_result r;
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.checks[0][0].verdict, VERDICT_UNKNOWN);
  assert_int_equal(r.checks[0][0].why, UNKNOWN_RESIDENTS);
  assert_int_equal(r.type, -1);
}

/* A commune with nothing: not type I (0 met + the route < 3), not type II
 * (0 met, the two missing thresholds cannot be met by 0, the route: 1 < 3),
 * not type III (none of its criteria has a figure above 0): no class. */
static void a_commune_with_nothing_is_no_complex_area(void **state)
{
  struct fx *f = *state;
  struct class_figures x = fig(9000, 0, 0, 0, 0, 0);
  struct class_result r;
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.classes[0], VERDICT_NOT_MET);
  assert_int_equal(r.classes[1], VERDICT_NOT_MET);
  assert_int_equal(r.classes[2], VERDICT_NOT_MET);
  assert_int_equal(r.type, 0);
}

/* 1 place and 6 arrested of 10,000 (0.06 %) meet type II's two known
 * criteria; the managed ratio (0.1 %) has no threshold and the route no
 * data: type II is undetermined, never invented. */
static void type_two_stays_undetermined_without_its_thresholds(void **state)
{
  struct fx *f = *state;
  struct class_figures x = fig(10000, 10, 1, 6, 0, 0);
  struct class_result r;
  classify_unit(&r, &f->qd28, &x);
  assert_int_equal(r.classes[0], VERDICT_NOT_MET);
  assert_int_equal(r.classes[1], VERDICT_UNKNOWN);
  assert_int_equal(r.type, -1);
  assert_int_equal(r.undetermined_from, 2);
  int threshold_missing = 0;
  for (size_t i = 0; i < r.n_checks[1]; i++)
    threshold_missing += r.checks[1][i].why == UNKNOWN_THRESHOLD;
  assert_int_equal(threshold_missing, 1); /* the managed ratio; the plants are 0 */
}

/* The same commune once the national administrator has entered type II's
 * managed-ratio threshold from the text (0,1 % here, a value of the test:
 * the mechanism, not the law): 0.1 % managed, 1 place and 0.06 % arrested
 * meet type II's three criteria, so the commune is type II. An officer may
 * not enter it; a criterion the set lacks and an entry without its source
 * are refused; the entry is audited. */
static void a_threshold_entered_from_the_text_decides(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  struct class_rule_change c = {1, 0.1, 0, 0, 0, 0, "Quyết định 28/2025/QĐ-TTg (bản chính thức)"};
  assert_int_equal(app_classify_rule(f->st, &f->laocai, "qd28_2025", "commune", "type2",
                                     "managed_ratio", &c, &err),
                   ERR_DENIED);
  assert_int_equal(app_classify_rule(f->st, &f->admin, "qd28_2025", "commune", "type2",
                                     "managed_count", &c, &err),
                   ERR_NOT_FOUND);
  struct class_rule_change none = c;
  none.source = "";
  assert_int_equal(app_classify_rule(f->st, &f->admin, "qd28_2025", "commune", "type2",
                                     "managed_ratio", &none, &err),
                   ERR_INPUT);
  assert_int_equal(app_classify_rule(f->st, &f->admin, "qd28_2025", "commune", "type2",
                                     "managed_ratio", &c, &err),
                   ERR_OK);
  char a[64], who[64];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, "classify.rule");
  assert_string_equal(who, "admin");
  struct class_rule_set rules;
  assert_int_equal(store_class_rules_at(&rules, f->st, "commune", "2025-12-31", &err), ERR_OK);
  struct class_figures x = fig(10000, 10, 1, 6, 0, 0);
  struct class_result r;
  classify_unit(&r, &rules, &x);
  assert_int_equal(r.classes[1], VERDICT_MET);
  assert_int_equal(r.type, 2);
}

/* Decision 3122 (2024): one criterion is enough: 120 addicts with records,
 * or 5 hotspots; 99 and 4 are not, and type II's rule is missing. */
static void the_2010_rule_needs_one_criterion(void **state)
{
  struct fx *f = *state;
  struct class_result r;
  struct class_figures x = fig(0, 120, 0, 0, 0, 0);
  classify_unit(&r, &f->qd3122, &x);
  assert_int_equal(r.type, 1);
  x = fig(0, 0, 5, 0, 0, 0);
  classify_unit(&r, &f->qd3122, &x);
  assert_int_equal(r.type, 1);
  x = fig(0, 99, 4, 0, 0, 0);
  classify_unit(&r, &f->qd3122, &x);
  assert_int_equal(r.classes[0], VERDICT_NOT_MET);
  assert_int_equal(r.type, -1);
  assert_int_equal(r.undetermined_from, 2);
  assert_int_equal(r.missing_min[1], 1);
}

/* Residents are entered by an officer of the territory, audited, replaced
 * by a second entry; a leader, another province and bad values are refused. */
static void residents_are_entered_in_the_territory(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  assert_int_equal(app_classify_residents(f->st, &f->laocai, NULL, "02905", 2025, 15000,
                                          "Công an xã, 31/12/2025", &err),
                   ERR_OK);
  char a[64], who[64];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, "classify.residents");
  assert_string_equal(who, "cb.laocai");
  assert_int_equal(app_classify_residents(f->st, &f->laocai, NULL, "02905", 2025, 15200,
                                          "Thống kê dân số", &err),
                   ERR_OK);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM class_residents"), 1);
  assert_int_equal(tu_count(f->st, "SELECT residents FROM class_residents"), 15200);
  assert_int_equal(app_classify_residents(f->st, &f->hanoi, NULL, "02905", 2025, 1, "x", &err),
                   ERR_DENIED);
  assert_int_equal(app_classify_residents(f->st, &f->leader, NULL, "02905", 2025, 1, "x", &err),
                   ERR_DENIED);
  assert_int_equal(app_classify_residents(f->st, &f->laocai, NULL, "02905", 2025, 0, "x", &err),
                   ERR_INPUT);
  assert_int_equal(app_classify_residents(f->st, &f->laocai, NULL, "02905", 2025, 10, "", &err),
                   ERR_INPUT);
  assert_int_equal(tu_count(f->st, "SELECT residents FROM class_residents"), 15200);
}

/* A run over a province without register data: every commune has zero
 * figures; with residents entered for one, it is no complex area; the
 * others, without residents, stay undetermined from type I (ratios and the
 * route unknown: 0 met + 3 unknown >= 3). */
static void a_run_counts_each_class(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  assert_int_equal(app_classify_residents(f->st, &f->laocai, NULL, "02905", 2025, 15000, "x", &err),
                   ERR_OK);
  struct classify_report r;
  assert_int_equal(app_classify_run(&r, f->st, &f->laocai, NULL, "15", 2025, &err), ERR_OK);
  assert_string_equal(r.communes.code, "qd28_2025");
  assert_int_equal(r.n, 99); /* the new Lào Cai: 89 xã and 10 phường (NQ 1673/NQ-UBTVQH15) */
  assert_int_equal(r.n_type[0], 1);
  assert_int_equal(r.n_undetermined, r.n - 1);
  assert_true(r.has_province);
  classify_report_free(&r);
  assert_int_equal(app_classify_run(&r, f->st, &f->laocai, NULL, "01", 2025, &err), ERR_DENIED);
  assert_int_equal(app_classify_run(&r, f->st, &f->laocai, NULL, "15", 2009, &err), ERR_INPUT);
}

/* ---- drug-free communes ---------------------------------------------------- */

/* The audit rows of one action: the action a string literal joined into the
 * statement at compile time, so no text is formatted into SQL at run time. */
#define count_audit(f, action)                                                                     \
  ((int)tu_count((f)->st, "SELECT count(*) FROM audit_log WHERE action = '" action "'"))

/* The commune submits, the province decides; a refusal can be corrected and
 * submitted again, a recognition cannot be submitted over; only the
 * province decides. The list of the next year asks for a new assessment. */
static void a_commune_is_recognised_by_the_province(void **state)
{
  struct fx *f = *state;
  struct scope xa;
  tu_add_user(&xa, f->st, &f->admin, "cb.baothang", "officer", "02905");
  struct err err = {0};
  assert_int_equal(app_drugfree_submit(f->st, &xa, NULL, "02905", 2025, "Tự đánh giá", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_submit(f->st, &xa, NULL, "02905", 2025, "Lần hai", &err),
                   ERR_CONFLICT);
  assert_int_equal(app_drugfree_decide(f->st, &xa, NULL, "02905", 2025, 1, "QĐ", &err),
                   ERR_DENIED); /* a commune does not recognise itself */
  assert_int_equal(app_drugfree_decide(f->st, &f->laocai, NULL, "02905", 2025, 0,
                                       "Còn 01 điểm tụ tập sử dụng", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_submit(f->st, &xa, NULL, "02905", 2025, "Đã triệt xóa", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_decide(f->st, &f->laocai, NULL, "02905", 2025, 1,
                                       "Quyết định số 12/QĐ-UBND ngày 20/12/2025", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_decide(f->st, &f->laocai, NULL, "02905", 2025, 1, "again", &err),
                   ERR_NOT_FOUND); /* nothing waits */
  assert_int_equal(app_drugfree_submit(f->st, &f->hanoi, NULL, "02905", 2025, "x", &err),
                   ERR_NOT_FOUND); /* outside Hà Nội's territory */
  assert_int_equal(app_drugfree_submit(f->st, &xa, NULL, "15", 2025, "x", &err), ERR_INPUT);
  assert_int_equal(count_audit(f, "drugfree.submit"), 2);
  assert_int_equal(count_audit(f, "drugfree.refuse"), 1);
  assert_int_equal(count_audit(f, "drugfree.recognise"), 1);

  /* 1 of the 99 communes recognised against a roadmap of 20 %: not on track */
  assert_int_equal(app_drugfree_roadmap(f->st, &f->laocai, NULL, "15", 2025, 20,
                                        "Kế hoạch đăng ký lộ trình", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_roadmap(f->st, &xa, NULL, "15", 2025, 20, "x", &err), ERR_DENIED);
  assert_int_equal(app_drugfree_roadmap(f->st, &f->laocai, NULL, "02905", 2025, 20, "x", &err),
                   ERR_INPUT);
  struct drugfree_report r;
  assert_int_equal(app_drugfree_list(&r, f->st, &f->laocai, NULL, "15", 2025, &err), ERR_OK);
  assert_int_equal(r.n, 99);
  assert_int_equal(r.n_recognised, 1);
  assert_true(r.has_roadmap && r.roadmap_pct == 20);
  assert_true(r.share_pct > 1.0101 && r.share_pct < 1.0102); /* 1 / 99 */
  assert_false(r.on_track);
  drugfree_report_free(&r);
  assert_int_equal(app_drugfree_list(&r, f->st, &f->laocai, NULL, "15", 2026, &err), ERR_OK);
  assert_int_equal(r.n_recognised, 0);
  assert_int_equal(r.n_reassess, 1);
  drugfree_report_free(&r);
}

/* A pre-2025 commune's recognition reaches a successor only by decision,
 * and only a successor: old 02917 (xã Thái Niên) went into new 02905. */
static void a_recognition_is_carried_only_by_decision(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  assert_int_equal(app_drugfree_submit(f->st, &f->laocai, NULL, "02917", 2024, "2024", &err),
                   ERR_OK);
  assert_int_equal(
      app_drugfree_decide(f->st, &f->laocai, NULL, "02917", 2024, 1, "QĐ 5/QĐ-UBND", &err), ERR_OK);
  /* the succession alone carries nothing */
  struct drugfree_list l;
  assert_int_equal(store_drugfree_list(&l, f->st, &f->laocai, 0, 2024, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  drugfree_list_free(&l);
  assert_int_equal(app_drugfree_carry(f->st, &f->laocai, "02917", "02923", 2024, "QĐ 9", &err),
                   ERR_INPUT);
  assert_int_equal(app_drugfree_carry(f->st, &f->laocai, "02929", "02905", 2024, "QĐ 9", &err),
                   ERR_NOT_FOUND);
  assert_int_equal(app_drugfree_carry(f->st, &f->laocai, "02917", "02905", 2024,
                                      "Quyết định số 30/QĐ-UBND ngày 15/7/2025", &err),
                   ERR_OK);
  assert_int_equal(app_drugfree_carry(f->st, &f->laocai, "02917", "02905", 2024, "again", &err),
                   ERR_CONFLICT);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM drugfree_assessment WHERE carried_from "
                                   "IS NOT NULL AND status = 'recognised'"),
                   1);
  assert_int_equal(count_audit(f, "drugfree.carry"), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(the_rule_set_is_the_one_in_force, setup, teardown),
      cmocka_unit_test_setup_teardown(three_criteria_make_type_one, setup, teardown),
      cmocka_unit_test_setup_teardown(thresholds_are_inclusive_and_area_counts, setup, teardown),
      cmocka_unit_test_setup_teardown(no_residents_leaves_the_ratios_unknown, setup, teardown),
      cmocka_unit_test_setup_teardown(a_commune_with_nothing_is_no_complex_area, setup, teardown),
      cmocka_unit_test_setup_teardown(type_two_stays_undetermined_without_its_thresholds, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(a_threshold_entered_from_the_text_decides, setup, teardown),
      cmocka_unit_test_setup_teardown(the_2010_rule_needs_one_criterion, setup, teardown),
      cmocka_unit_test_setup_teardown(residents_are_entered_in_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(a_run_counts_each_class, setup, teardown),
      cmocka_unit_test_setup_teardown(a_commune_is_recognised_by_the_province, setup, teardown),
      cmocka_unit_test_setup_teardown(a_recognition_is_carried_only_by_decision, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
