/* test_calendar.c: the reporting calendar's pure rules: a report's
 * periodicity read from its name, its data cut-off by each periodicity
 * (Decree 09/2019/NĐ-CP Article 12, in force from 12/03/2019), the
 * calendar period before that date, a campaign's phase, months and final
 * report, the plan's own dates, and timeliness. Every expected date below
 * was worked out by hand from the rule. */
#include "testutil.h"

#include <string.h>

#include "domain/calendar.h"

static const struct calendar_regime DECREE09[] = {
    {REPORT_MONTHLY, 15, {2019, 3, 12}, {0, 0, 0}},
    {REPORT_QUARTERLY, 15, {2019, 3, 12}, {0, 0, 0}},
    {REPORT_HALF_YEAR, 15, {2019, 3, 12}, {0, 0, 0}},
    {REPORT_ANNUAL, 15, {2019, 3, 12}, {0, 0, 0}},
};

static void assert_day(struct date d, int y, int m, int day)
{
  assert_int_equal(d.y, y);
  assert_int_equal(d.m, m);
  assert_int_equal(d.d, day);
}

/* The cut-off of a report `name` due on y-m-d of a plan without phases. */
static struct calendar_cutoff cut(const char *name, int campaign, int y, int m, int d)
{
  struct calendar_in in = {0};
  in.name = name;
  in.periodicity = calendar_periodicity(&in.months, name, campaign);
  in.due_on = (struct date){y, m, d};
  in.plan_start = (struct date){y, 1, 1};
  in.plan_end = (struct date){y, 12, 31};
  in.regimes = DECREE09;
  in.n_regimes = 4;
  struct calendar_cutoff out;
  struct err err = {0};
  if (calendar_cutoff(&out, &in, &err))
    fail_msg("%s: %s", name, err.msg);
  return out;
}

static void names_read_as_periodicities(void **state)
{
  (void)state;
  int n;
  assert_int_equal(calendar_periodicity(&n, "Quý I", 0), REPORT_QUARTERLY);
  assert_int_equal(n, 1);
  assert_int_equal(calendar_periodicity(&n, "Quý III", 0), REPORT_QUARTERLY);
  assert_int_equal(n, 3);
  assert_int_equal(calendar_periodicity(&n, "báo cáo quý 4", 0), REPORT_QUARTERLY);
  assert_int_equal(n, 4);
  assert_int_equal(calendar_periodicity(&n, "sơ kết 6 tháng", 0), REPORT_HALF_YEAR);
  assert_int_equal(calendar_periodicity(&n, "6 tháng cuối năm", 0), REPORT_HALF_YEAR);
  assert_int_equal(n, 2);
  assert_int_equal(calendar_periodicity(&n, "tổng kết năm", 0), REPORT_ANNUAL);
  assert_int_equal(calendar_periodicity(&n, "báo cáo tổng kết", 0), REPORT_ANNUAL);
  assert_int_equal(calendar_periodicity(&n, "hằng tháng", 0), REPORT_MONTHLY);
  /* "quy định" is no quarter */
  assert_int_equal(calendar_periodicity(&n, "báo cáo theo quy định", 0), REPORT_ONCE);
  /* in a campaign: the phase, the final report, the first N months */
  assert_int_equal(calendar_periodicity(&n, "Báo cáo sơ kết giai đoạn 1", 1), REPORT_PHASE);
  assert_int_equal(calendar_periodicity(&n, "Báo cáo tổng kết đợt cao điểm", 1), REPORT_CAMPAIGN);
  assert_int_equal(calendar_periodicity(&n, "Báo cáo kết quả 01 tháng", 1), REPORT_CAMPAIGN_MONTHS);
  assert_int_equal(n, 1);
}

/* Quarterly: from 15 of the month before the quarter to 14 of its last
 * month; Q3 2024 is 15/06–14/09, due 20/09: not clipped. Q1 due 10/03/2024
 * runs from 15/12/2023 and is clipped to 09/03/2024. A Q4 report due in
 * January is the previous year's: 15/09/2024–14/12/2024. */
static void quarterly_cutoff(void **state)
{
  (void)state;
  struct calendar_cutoff c = cut("Quý III", 0, 2024, 9, 20);
  assert_day(c.from, 2024, 6, 15);
  assert_day(c.to, 2024, 9, 14);
  assert_int_equal(c.source, CUTOFF_REGIME);
  assert_false(c.clipped);
  c = cut("Quý I", 0, 2024, 3, 10);
  assert_day(c.from, 2023, 12, 15);
  assert_day(c.to, 2024, 3, 9);
  assert_true(c.clipped);
  c = cut("Quý IV", 0, 2025, 1, 10);
  assert_day(c.from, 2024, 9, 15);
  assert_day(c.to, 2024, 12, 14);
}

/* Monthly: 15 of the previous month to 14 of the month: due 20/02/2024 ->
 * 15/01/2024–14/02/2024. Six-month: H1 15/12 of the year before to 14/06,
 * H2 15/06–14/12. Annual: 15/12 of the year before to 14/12. */
static void monthly_half_annual_cutoff(void **state)
{
  (void)state;
  struct calendar_cutoff c = cut("hằng tháng", 0, 2024, 2, 20);
  assert_day(c.from, 2024, 1, 15);
  assert_day(c.to, 2024, 2, 14);
  c = cut("6 tháng đầu năm", 0, 2024, 6, 20);
  assert_day(c.from, 2023, 12, 15);
  assert_day(c.to, 2024, 6, 14);
  c = cut("6 tháng cuối năm", 0, 2024, 12, 20);
  assert_day(c.from, 2024, 6, 15);
  assert_day(c.to, 2024, 12, 14);
  c = cut("tổng kết năm", 0, 2024, 12, 20);
  assert_day(c.from, 2023, 12, 15);
  assert_day(c.to, 2024, 12, 14);
  assert_false(c.clipped);
  /* due 10/12: the rule's 14/12 is cut to 09/12 */
  c = cut("tổng kết năm", 0, 2024, 12, 10);
  assert_day(c.to, 2024, 12, 9);
  assert_true(c.clipped);
}

/* Before 12/03/2019 no rule is in force: the calendar period. The 2018
 * six-month report due 16/05/2018 covers 01/01/2018 to 15/05/2018. */
static void before_the_decree_the_calendar_period(void **state)
{
  (void)state;
  struct calendar_cutoff c = cut("báo cáo kết quả thực hiện 6 tháng", 0, 2018, 5, 16);
  assert_day(c.from, 2018, 1, 1);
  assert_day(c.to, 2018, 5, 15);
  assert_int_equal(c.source, CUTOFF_CALENDAR);
  assert_true(c.clipped);
}

/* A campaign (01/09–14/12/2024, phase 1 01/09–31/10): the phase report
 * covers the phase; the one-month report 01/09–30/09; the final report the
 * campaign, not clipped when due 18/12. */
static void campaign_cutoff(void **state)
{
  (void)state;
  struct plan_phase ph[3] = {
      {0, "Giai đoạn chuẩn bị", {0, 0, 0}, {2024, 8, 31}, NULL},
      {0, "Giai đoạn 1", {2024, 9, 1}, {2024, 10, 31}, NULL},
      {0, "Giai đoạn 2", {2024, 11, 1}, {2024, 12, 14}, NULL},
  };
  const char *names[3] = {"Báo cáo kết quả 01 tháng", "Báo cáo sơ kết giai đoạn 1",
                          "Báo cáo tổng kết đợt cao điểm"};
  const struct date dues[3] = {{2024, 10, 3}, {2024, 11, 3}, {2024, 12, 18}};
  const struct date want[3][2] = {{{2024, 9, 1}, {2024, 9, 30}},
                                  {{2024, 9, 1}, {2024, 10, 31}},
                                  {{2024, 9, 1}, {2024, 12, 14}}};
  for (int k = 0; k < 3; k++) {
    struct calendar_in in = {0};
    in.name = names[k];
    in.periodicity = calendar_periodicity(&in.months, names[k], 1);
    in.due_on = dues[k];
    in.plan_start = (struct date){2024, 9, 1};
    in.plan_end = (struct date){2024, 12, 14};
    in.phases = ph;
    in.n_phases = 3;
    struct calendar_cutoff c;
    assert_int_equal(calendar_cutoff(&c, &in, NULL), ERR_OK);
    assert_day(c.from, want[k][0].y, want[k][0].m, want[k][0].d);
    assert_day(c.to, want[k][1].y, want[k][1].m, want[k][1].d);
    assert_int_equal(c.source, CUTOFF_PLAN);
    assert_false(c.clipped);
  }
  /* a phase report whose phase the plan lacks is an error, not a guess */
  struct calendar_in in = {0};
  in.name = "Báo cáo sơ kết giai đoạn 3";
  in.periodicity = REPORT_PHASE;
  in.due_on = (struct date){2025, 1, 5};
  in.phases = ph;
  in.n_phases = 3;
  struct calendar_cutoff c;
  assert_int_equal(calendar_cutoff(&c, &in, NULL), ERR_INPUT);
}

/* The schedule's own dates win over the rule. */
static void own_dates_override(void **state)
{
  (void)state;
  struct calendar_in in = {0};
  in.name = "Quý I";
  in.periodicity = REPORT_QUARTERLY;
  in.months = 1;
  in.due_on = (struct date){2024, 3, 10};
  in.own_from = (struct date){2024, 1, 1};
  in.own_to = (struct date){2024, 2, 29};
  in.regimes = DECREE09;
  in.n_regimes = 4;
  struct calendar_cutoff c;
  assert_int_equal(calendar_cutoff(&c, &in, NULL), ERR_OK);
  assert_day(c.from, 2024, 1, 1);
  assert_day(c.to, 2024, 2, 29);
  assert_int_equal(c.source, CUTOFF_OWN);
  assert_false(c.clipped);
}

/* Due 10/03: submitted 10/03 on time; 13/03 three days late; not submitted
 * by 12/03 two days late, by 10/03 not late. */
static void timeliness(void **state)
{
  (void)state;
  int ok;
  long late;
  struct date due = {2024, 3, 10}, none = {0, 0, 0};
  calendar_timeliness(&ok, &late, due, (struct date){2024, 3, 10}, (struct date){2024, 4, 1});
  assert_true(ok);
  assert_int_equal(late, 0);
  calendar_timeliness(&ok, &late, due, (struct date){2024, 3, 13}, (struct date){2024, 4, 1});
  assert_false(ok);
  assert_int_equal(late, 3);
  calendar_timeliness(&ok, &late, due, none, (struct date){2024, 3, 12});
  assert_false(ok);
  assert_int_equal(late, 2);
  calendar_timeliness(&ok, &late, due, none, (struct date){2024, 3, 10});
  assert_int_equal(late, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(names_read_as_periodicities),
      cmocka_unit_test(quarterly_cutoff),
      cmocka_unit_test(monthly_half_annual_cutoff),
      cmocka_unit_test(before_the_decree_the_calendar_period),
      cmocka_unit_test(campaign_cutoff),
      cmocka_unit_test(own_dates_override),
      cmocka_unit_test(timeliness),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
