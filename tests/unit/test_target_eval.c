/* test_target_eval.c: target statuses and projections, on figures worked out by hand.
 *
 * Growth over last year (a 2026 target of the new Lào Cai, its 2025 figure
 * the sum of the old units that went into it): 200 cases in 2025, "at
 * least 5% more" asks 200 × 1.05 = 210. On 30/06/2026 (181 of 365 days)
 * 100 cases: the linear pace gives 100 × 365 / 181 = 201.66 < 210, at
 * risk; with last year's shape (80 cases by 30/06/2025) 100 × 200 / 80 =
 * 250 >= 210, on track. Phase 1 of a campaign, 01/09-31/10/2024 (61 days),
 * read on 30/09 (30 days gone): a quota of 45 with 20 so far projects
 * 20 × 61 / 30 = 40.67, at risk; one of 10 with 6 projects 12.2, on track;
 * one of 21 with 21 is achieved; the total (76 asked, 47 so far) projects
 * 95.57, on track. */
#include "testutil.h"

#include <string.h>

#include "domain/target_eval.h"
#include "types/label.h"

static struct date D(int y, int m, int d) {
  return (struct date){y, m, d};
}

static struct target_eval
run(const struct target_eval_in *in)
{
  struct target_eval e;
  target_eval_run(&e, in);
  return e;
}

/* a flow target of kind k asking `target`, over start..end, read on at with value v */
static struct target_eval_in flow(enum target_kind k, double target, struct date start,
                                  struct date end, struct date at, double v)
{
  struct target_eval_in in;
  memset(&in, 0, sizeof in);
  in.kind = k;
  in.ind_kind = IND_FLOW;
  in.has_target = 1;
  in.target = target;
  in.start = start;
  in.end = end;
  in.at = at;
  in.has_value = 1;
  in.value = v;
  return in;
}

/* ---- growth over the comparable earlier period --------------------------- */

static void growth_over_last_year_across_the_reform(void **state)
{
  (void)state;
  struct target_eval_in in =
      flow(TARGET_GROWTH_MIN, 5, D(2026, 1, 1), D(2026, 12, 31), D(2026, 6, 30), 100);
  in.has_before = 1;
  in.before = 200; /* 2025, through the succession of the old units */
  struct target_eval e = run(&in);
  assert_true(e.has_required);
  assert_float_equal(e.required, 210, 1e-9);
  assert_false(e.required_is_max);
  assert_int_equal(e.method, TARGET_PROJ_LINEAR);
  assert_float_equal(e.projection, 100.0 * 365 / 181, 1e-9);
  assert_int_equal(e.status, TARGET_AT_RISK);
  assert_float_equal(e.elapsed, 181.0 / 365, 1e-12);

  /* last year's shape: 80 of 2025's 200 cases came by 30/06/2025 */
  in.has_shape = 1;
  in.shape = 200.0 / 80;
  e = run(&in);
  assert_int_equal(e.method, TARGET_PROJ_LAST_YEAR);
  assert_float_equal(e.projection, 250, 1e-9);
  assert_int_equal(e.status, TARGET_ON_TRACK);

  /* a flow that has reached 210 has reached it for good */
  in.value = 210;
  assert_int_equal(run(&in).status, TARGET_ACHIEVED);

  /* the year over with 205: missed; no projection */
  in.at = D(2027, 1, 15);
  in.value = 205;
  e = run(&in);
  assert_int_equal(e.status, TARGET_MISSED);
  assert_false(e.has_projection);
  assert_int_equal(e.to.y, 2026);
  assert_int_equal(e.to.m, 12);
  assert_int_equal(e.to.d, 31);

  /* no figure for last year, or a zero one: no requirement can be set */
  in.has_before = 0;
  e = run(&in);
  assert_int_equal(e.status, TARGET_NOT_MEASURABLE);
  assert_non_null(e.why);
  in.has_before = 1;
  in.before = 0;
  assert_int_equal(run(&in).status, TARGET_NOT_MEASURABLE);
}

/* Growth kept under 1% (a flow): 100 last year allows 101; 102 passes it for good. */
static void growth_max_and_reduction(void **state)
{
  (void)state;
  struct target_eval_in in =
      flow(TARGET_GROWTH_MAX, 1, D(2026, 1, 1), D(2026, 12, 31), D(2026, 6, 30), 102);
  in.has_before = 1;
  in.before = 100;
  struct target_eval e = run(&in);
  assert_float_equal(e.required, 101, 1e-9);
  assert_true(e.required_is_max);
  assert_int_equal(e.status, TARGET_MISSED);
  /* 40 by 30/06 projects 40 × 365 / 181 = 80.66 <= 101 */
  in.value = 40;
  assert_int_equal(run(&in).status, TARGET_ON_TRACK);
  /* 60 projects 121 > 101 */
  in.value = 60;
  assert_int_equal(run(&in).status, TARGET_AT_RISK);

  /* communes with drugs (a stock) down at least 2% from 50: at most 49 */
  struct target_eval_in r =
      flow(TARGET_REDUCTION_MIN, 2, D(2026, 1, 1), D(2026, 12, 31), D(2026, 9, 30), 50);
  r.ind_kind = IND_STOCK;
  r.has_before = 1;
  r.before = 50;
  e = run(&r);
  assert_float_equal(e.required, 49, 1e-9);
  assert_int_equal(e.method, TARGET_PROJ_CURRENT);
  assert_int_equal(e.status, TARGET_AT_RISK); /* a stock can still fall */
  r.value = 48;
  assert_int_equal(run(&r).status, TARGET_ON_TRACK);
  r.at = D(2026, 12, 31);
  r.value = 49;
  assert_int_equal(run(&r).status, TARGET_ACHIEVED);
  r.value = 50;
  assert_int_equal(run(&r).status, TARGET_MISSED);
}

/* ---- a quota list --------------------------------------------------------- */

static void quota_list_per_assignee_and_total(void **state)
{
  (void)state;
  struct date s = D(2024, 9, 1), e = D(2024, 10, 31), at = D(2024, 9, 30);
  struct target_eval_in city = flow(TARGET_COUNT_MIN, 45, s, e, at, 20);
  struct target_eval r = run(&city);
  assert_float_equal(r.projection, 20.0 * 61 / 30, 1e-9);
  assert_int_equal(r.status, TARGET_AT_RISK);
  struct target_eval_in sapa = flow(TARGET_COUNT_MIN, 10, s, e, at, 6);
  r = run(&sapa);
  assert_float_equal(r.projection, 12.2, 1e-9);
  assert_int_equal(r.status, TARGET_ON_TRACK);
  struct target_eval_in bt = flow(TARGET_COUNT_MIN, 21, s, e, at, 21);
  assert_int_equal(run(&bt).status, TARGET_ACHIEVED);
  struct target_eval_in total = flow(TARGET_COUNT_MIN, 76, s, e, at, 47);
  r = run(&total);
  assert_float_equal(r.projection, 47.0 * 61 / 30, 1e-9);
  assert_int_equal(r.status, TARGET_ON_TRACK);
  /* after the phase the city's 44 of 45 is missed */
  city.at = D(2024, 11, 1);
  city.value = 44;
  assert_int_equal(run(&city).status, TARGET_MISSED);
}

/* ---- a ratio -------------------------------------------------------------- */

static void ratio_with_numerator_and_denominator(void **state)
{
  (void)state;
  /* users with a management record: 180 of 200 = 90% against 95% */
  struct target_eval_in in =
      flow(TARGET_RATIO_MIN, 95, D(2024, 9, 1), D(2024, 10, 31), D(2024, 9, 30), 90);
  in.ind_kind = IND_RATIO;
  in.is_ratio = 1;
  in.num = 180;
  in.den = 200;
  struct target_eval e = run(&in);
  assert_float_equal(e.required, 95, 1e-9);
  assert_int_equal(e.method, TARGET_PROJ_CURRENT);
  assert_float_equal(e.projection, 90, 1e-9);
  assert_int_equal(e.status, TARGET_AT_RISK);
  /* 95% reached before the end may still fall: on track, achieved on the last day */
  in.num = 190;
  in.value = 95;
  assert_int_equal(run(&in).status, TARGET_ON_TRACK);
  in.at = D(2024, 10, 31);
  assert_int_equal(run(&in).status, TARGET_ACHIEVED);
  /* an empty denominator measures nothing */
  in.den = 0;
  in.num = 0;
  assert_int_equal(run(&in).status, TARGET_NOT_MEASURABLE);
  /* a ratio target on a bare count has no ratio to compare */
  in.is_ratio = 0;
  in.den = 200;
  assert_int_equal(run(&in).status, TARGET_NOT_MEASURABLE);
}

/* ---- zero tolerance ------------------------------------------------------- */

static void zero_tolerance_missed_the_day_one_event_occurs(void **state)
{
  (void)state;
  struct target_eval_in in =
      flow(TARGET_ZERO, 0, D(2024, 1, 1), D(2024, 12, 31), D(2024, 3, 15), 0);
  in.has_target = 0; /* "không để": no figure written, none needed */
  struct target_eval e = run(&in);
  assert_true(e.has_required);
  assert_float_equal(e.required, 0, 0);
  assert_int_equal(e.status, TARGET_ON_TRACK);
  in.value = 1;
  assert_int_equal(run(&in).status, TARGET_MISSED);
  in.at = D(2024, 12, 31);
  in.value = 0;
  assert_int_equal(run(&in).status, TARGET_ACHIEVED);
  /* a stock with one active place is missed too */
  in.ind_kind = IND_STOCK;
  in.at = D(2024, 3, 15);
  in.value = 1;
  assert_int_equal(run(&in).status, TARGET_MISSED);
}

/* ---- phase-scoped targets ------------------------------------------------- */

static void phase_target_uses_the_phase_dates(void **state)
{
  (void)state;
  struct plan p;
  plan_init(&p);
  p.period_start = D(2024, 9, 1);
  p.period_end = D(2024, 12, 14);
  struct plan_phase ph[3] = {
      {0, "Giai đoạn chuẩn bị", {0, 0, 0}, {2024, 8, 31}, NULL},
      {0, "Giai đoạn 1", {2024, 9, 1}, {2024, 10, 31}, NULL},
      {0, "Giai đoạn 2", {2024, 11, 1}, {2024, 12, 14}, NULL},
  };
  p.phases = ph;
  p.n_phases = 3;
  struct plan_target t;
  memset(&t, 0, sizeof t);
  t.phase = "Giai đoạn 1";
  struct date s, e;
  assert_true(target_eval_span(&s, &e, &p, &t));
  assert_int_equal(date_cmp(s, D(2024, 9, 1)), 0);
  assert_int_equal(date_cmp(e, D(2024, 10, 31)), 0);
  /* 8 of 10 sessions on 15/11: the phase is over, the plan is not */
  struct target_eval_in in = flow(TARGET_COUNT_MIN, 10, s, e, D(2024, 11, 15), 8);
  assert_int_equal(run(&in).status, TARGET_MISSED);
  /* a whole-plan target runs to 14/12 */
  t.phase = NULL;
  assert_true(target_eval_span(&s, &e, &p, &t));
  assert_int_equal(date_cmp(e, D(2024, 12, 14)), 0);
  /* the preparation phase opens before the plan's period: no span */
  t.phase = "Giai đoạn chuẩn bị";
  assert_false(target_eval_span(&s, &e, &p, &t));
  /* phase 2 not begun on 15/10: not yet measurable */
  t.phase = "Giai đoạn 2";
  assert_true(target_eval_span(&s, &e, &p, &t));
  in = flow(TARGET_COUNT_MIN, 10, s, e, D(2024, 10, 15), 0);
  assert_int_equal(run(&in).status, TARGET_NOT_MEASURABLE);
  p.phases = NULL; /* on the stack */
  p.n_phases = 0;
  plan_free(&p);
}

/* ---- the projection ------------------------------------------------------- */

static void projection_linear_last_year_and_none(void **state)
{
  (void)state;
  /* a quarter (92 days, 01/07-30/09), 23 days gone on 23/07 with 10 sessions:
   * 10 × 92 / 23 = 40 */
  struct target_eval_in in =
      flow(TARGET_COUNT_MIN, 40, D(2026, 7, 1), D(2026, 9, 30), D(2026, 7, 23), 10);
  struct target_eval e = run(&in);
  assert_int_equal(e.method, TARGET_PROJ_LINEAR);
  assert_float_equal(e.projection, 40, 1e-9);
  assert_int_equal(e.status, TARGET_ON_TRACK); /* exactly meets it */
  /* last year 30 in the quarter, 15 by 23/07: 10 × 30 / 15 = 20 */
  in.has_before = 1;
  in.before = 30;
  in.has_shape = 1;
  in.shape = 30.0 / 15;
  e = run(&in);
  assert_int_equal(e.method, TARGET_PROJ_LAST_YEAR);
  assert_float_equal(e.projection, 20, 1e-9);
  assert_int_equal(e.status, TARGET_AT_RISK);
  /* nothing by that day last year (no shape): back to the linear pace */
  in.has_shape = 0;
  assert_int_equal(run(&in).method, TARGET_PROJ_LINEAR);
  /* no figure: not measurable, no projection */
  in.has_value = 0;
  e = run(&in);
  assert_int_equal(e.status, TARGET_NOT_MEASURABLE);
  assert_false(e.has_projection);
  /* an unclassified target has no rule */
  in = flow(TARGET_OTHER, 1, D(2026, 7, 1), D(2026, 9, 30), D(2026, 7, 23), 10);
  assert_int_equal(run(&in).status, TARGET_NOT_MEASURABLE);
}

static void status_codes(void **state)
{
  (void)state;
  assert_string_equal(target_status_code(TARGET_ACHIEVED), "achieved");
  assert_string_equal(target_status_code(TARGET_AT_RISK), "at_risk");
  assert_string_equal(target_status_code(TARGET_UNBOUND), "unbound");
  assert_string_equal(target_projection_code(TARGET_PROJ_LAST_YEAR), "last_year");
  assert_null(target_projection_code(TARGET_PROJ_NONE));
  /* the label set lists the statuses in the enum's order */
  for (int i = TARGET_ACHIEVED; i <= TARGET_UNBOUND; i++)
    assert_string_equal(label_code_at(LABEL_TARGET_STATUS, (size_t)i),
                        target_status_code((enum target_status)i));
  assert_string_equal(label_vi(LABEL_TARGET_STATUS, "missed"), "Không đạt");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(growth_over_last_year_across_the_reform),
      cmocka_unit_test(growth_max_and_reduction),
      cmocka_unit_test(quota_list_per_assignee_and_total),
      cmocka_unit_test(ratio_with_numerator_and_denominator),
      cmocka_unit_test(zero_tolerance_missed_the_day_one_event_occurs),
      cmocka_unit_test(phase_target_uses_the_phase_dates),
      cmocka_unit_test(projection_linear_last_year_and_none),
      cmocka_unit_test(status_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
