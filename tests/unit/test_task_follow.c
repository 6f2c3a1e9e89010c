/* test_task_follow.c: the overdue and no-update rules, on dates worked out by hand.
 *
 * Deadline: a task due 30/06/2026 is in time on 30/06 and overdue by one
 * day on 01/07. Monthly periods: on 01/03/2026 the last closed period is
 * February (01/02-28/02/2026); on 28/02 it is still January. A period is
 * owed when it ends on or after the publication. Reporting
 * dates 10/06 and 10/12/2026 of a plan published 05/03/2026: on 10/06 no
 * period has closed; on 11/06 the first (05/03-10/06) has; on 11/12 the
 * second (11/06-10/12). */
#include "testutil.h"

#include <string.h>

#include "domain/task_follow.h"

static struct date D(int y, int m, int d) {
  return (struct date){y, m, d};
}

static struct task_follow
read_at(const struct task_follow_in *in, struct date at)
{
  struct task_follow f;
  task_follow_read(&f, in, at);
  return f;
}

static void assert_date(struct date got, int y, int m, int d)
{
  assert_int_equal(got.y, y);
  assert_int_equal(got.m, m);
  assert_int_equal(got.d, d);
}

/* ---- deadlines ----------------------------------------------------------- */

/* The deadline's own day is in time; the day after is overdue by 1 day, ten
 * days after by 10. */
static void deadline_day_in_time_day_after_overdue(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_IN_PROGRESS,
                              .due_on = D(2026, 6, 30),
                              .cadence = CADENCE_ONCE,
                              .since = D(2026, 3, 5)};
  struct task_follow f = read_at(&in, D(2026, 6, 30));
  assert_int_equal(f.state, TASK_IN_PROGRESS);
  assert_date(f.deadline, 2026, 6, 30);
  f = read_at(&in, D(2026, 7, 1));
  assert_int_equal(f.state, TASK_OVERDUE);
  assert_int_equal(f.overdue_days, 1);
  f = read_at(&in, D(2026, 7, 10));
  assert_int_equal(f.overdue_days, 10);
  in.recorded = TASK_NOT_STARTED;
  assert_int_equal(read_at(&in, D(2026, 7, 1)).state, TASK_OVERDUE);
}

/* Across a leap day: due 28/02/2028, on 01/03/2028 two days overdue (29/02). */
static void overdue_days_count_the_leap_day(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_NOT_STARTED, .due_on = D(2028, 2, 28)};
  struct task_follow f = read_at(&in, D(2028, 3, 1));
  assert_int_equal(f.state, TASK_OVERDUE);
  assert_int_equal(f.overdue_days, 2);
}

/* Done and not applicable are never overdue. */
static void done_and_not_applicable_as_recorded(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_DONE, .due_on = D(2026, 6, 30)};
  assert_int_equal(read_at(&in, D(2026, 9, 1)).state, TASK_DONE);
  in.recorded = TASK_NOT_APPLICABLE;
  assert_int_equal(read_at(&in, D(2026, 9, 1)).state, TASK_NOT_APPLICABLE);
}

/* A phase task without its own date is due at the phase's end (31/05/2026);
 * a campaign task without a phase at the plan's end (15/07/2026); a task with
 * neither has no deadline and is never overdue. */
static void phase_and_campaign_deadlines(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_NOT_STARTED,
                              .cadence = CADENCE_CAMPAIGN,
                              .phase_end = D(2026, 5, 31),
                              .plan_end = D(2026, 7, 15)};
  assert_int_equal(read_at(&in, D(2026, 5, 31)).state, TASK_NOT_STARTED);
  struct task_follow f = read_at(&in, D(2026, 6, 1));
  assert_int_equal(f.state, TASK_OVERDUE);
  assert_int_equal(f.overdue_days, 1);
  assert_date(f.deadline, 2026, 5, 31);
  in.phase_end = D(0, 0, 0);
  assert_int_equal(read_at(&in, D(2026, 7, 15)).state, TASK_NOT_STARTED);
  f = read_at(&in, D(2026, 7, 16));
  assert_int_equal(f.state, TASK_OVERDUE);
  assert_date(f.deadline, 2026, 7, 15);
  in.cadence = CADENCE_NONE;
  f = read_at(&in, D(2030, 1, 1));
  assert_int_equal(f.state, TASK_NOT_STARTED);
  assert_int_equal(f.deadline.y, 0);
}

/* ---- no update ------------------------------------------------------------ */

/* Monthly periods, published 15/01/2026. On 28/02 the last closed period is
 * January (it ended after the publication: owed): a note of 31/01 answers
 * it. On 01/03 it is February: the note of 31/01 is too old, one of 01/02
 * counts. */
static void monthly_period_boundary(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_IN_PROGRESS,
                              .cadence = CADENCE_ONGOING,
                              .since = D(2026, 1, 15),
                              .last_note = D(2026, 1, 31)};
  struct date from, to;
  assert_int_equal(task_follow_last_period(&from, &to, &in, D(2026, 2, 28)), 1);
  assert_date(from, 2026, 1, 1);
  assert_date(to, 2026, 1, 31);
  assert_int_equal(read_at(&in, D(2026, 2, 28)).state, TASK_IN_PROGRESS);
  struct task_follow f = read_at(&in, D(2026, 3, 1));
  assert_int_equal(f.state, TASK_NO_UPDATE);
  assert_date(f.period_from, 2026, 2, 1);
  assert_date(f.period_to, 2026, 2, 28);
  in.last_note = D(2026, 2, 1);
  assert_int_equal(read_at(&in, D(2026, 3, 1)).state, TASK_IN_PROGRESS);
  /* through March the February note stands; on 01/04 March has closed without one */
  assert_int_equal(read_at(&in, D(2026, 3, 31)).state, TASK_IN_PROGRESS);
  assert_int_equal(read_at(&in, D(2026, 4, 1)).state, TASK_NO_UPDATE);
  /* a late note (02/04, after March closed) clears it */
  in.last_note = D(2026, 4, 2);
  assert_int_equal(read_at(&in, D(2026, 4, 2)).state, TASK_IN_PROGRESS);
  /* never a note at all: January is owed on 28/02 */
  in.last_note = D(0, 0, 0);
  assert_int_equal(read_at(&in, D(2026, 2, 28)).state, TASK_NO_UPDATE);
}

/* The publication's day against the period's last day: published 31/01,
 * January (ending that day) is owed on 01/02; published 01/02 it is not. */
static void period_ending_on_the_publication_day(void **state)
{
  (void)state;
  struct task_follow_in in = {
      .recorded = TASK_NOT_STARTED, .cadence = CADENCE_ONGOING, .since = D(2026, 1, 31)};
  assert_int_equal(read_at(&in, D(2026, 2, 1)).state, TASK_NO_UPDATE);
  in.since = D(2026, 2, 1);
  assert_int_equal(read_at(&in, D(2026, 2, 1)).state, TASK_NOT_STARTED);
  assert_int_equal(read_at(&in, D(2026, 2, 28)).state, TASK_NOT_STARTED);
  assert_int_equal(read_at(&in, D(2026, 3, 1)).state, TASK_NO_UPDATE);
}

/* January's last closed month is December of the year before. */
static void monthly_period_wraps_the_year(void **state)
{
  (void)state;
  struct task_follow_in in = {.cadence = CADENCE_ONGOING};
  struct date from, to;
  assert_int_equal(task_follow_last_period(&from, &to, &in, D(2026, 1, 5)), 1);
  assert_date(from, 2025, 12, 1);
  assert_date(to, 2025, 12, 31);
}

/* The plan's reporting dates 10/06 and 10/12/2026, published 05/03/2026. */
static void reporting_dates_close_the_periods(void **state)
{
  (void)state;
  const struct date dues[] = {D(2026, 6, 10), D(2026, 12, 10)};
  struct task_follow_in in = {.recorded = TASK_NOT_STARTED,
                              .cadence = CADENCE_ONGOING,
                              .since = D(2026, 3, 5),
                              .report_dues = dues,
                              .n_report_dues = 2};
  struct date from, to;
  assert_int_equal(task_follow_last_period(&from, &to, &in, D(2026, 6, 10)), 0);
  assert_int_equal(read_at(&in, D(2026, 6, 10)).state, TASK_NOT_STARTED);
  struct task_follow f = read_at(&in, D(2026, 6, 11));
  assert_int_equal(f.state, TASK_NO_UPDATE);
  assert_date(f.period_from, 2026, 3, 5);
  assert_date(f.period_to, 2026, 6, 10);
  in.last_note = D(2026, 6, 10);
  assert_int_equal(read_at(&in, D(2026, 6, 11)).state, TASK_NOT_STARTED);
  /* the second period opens on 11/06: the note of 10/06 belongs to the first */
  assert_int_equal(read_at(&in, D(2026, 12, 10)).state, TASK_NOT_STARTED);
  f = read_at(&in, D(2026, 12, 11));
  assert_int_equal(f.state, TASK_NO_UPDATE);
  assert_date(f.period_from, 2026, 6, 11);
  assert_date(f.period_to, 2026, 12, 10);
  in.last_note = D(2026, 6, 11);
  assert_int_equal(read_at(&in, D(2026, 12, 11)).state, TASK_NOT_STARTED);
}

/* Published 01/07/2026, after the first reporting date (10/06): that period
 * closed before the task was followed; on 02/07 nothing is owed. The
 * second period (11/06-10/12) closes while it is followed: owed on 11/12,
 * answered by a note of 01/07. */
static void period_before_publication_is_not_owed(void **state)
{
  (void)state;
  const struct date dues[] = {D(2026, 6, 10), D(2026, 12, 10)};
  struct task_follow_in in = {.recorded = TASK_NOT_STARTED,
                              .cadence = CADENCE_ONGOING,
                              .since = D(2026, 7, 1),
                              .report_dues = dues,
                              .n_report_dues = 2};
  assert_int_equal(read_at(&in, D(2026, 7, 2)).state, TASK_NOT_STARTED);
  assert_int_equal(read_at(&in, D(2026, 12, 11)).state, TASK_NO_UPDATE);
  in.last_note = D(2026, 7, 1);
  assert_int_equal(read_at(&in, D(2026, 12, 11)).state, TASK_NOT_STARTED);
}

/* A deadline task is never "no update"; an ongoing task done once and kept
 * up follows its deadline until done, then the period rule. */
static void then_ongoing_after_done(void **state)
{
  (void)state;
  struct task_follow_in in = {.recorded = TASK_IN_PROGRESS,
                              .due_on = D(2026, 8, 30),
                              .cadence = CADENCE_ONCE,
                              .since = D(2026, 3, 5)};
  assert_int_equal(read_at(&in, D(2026, 5, 1)).state, TASK_IN_PROGRESS);
  in.then_ongoing = 1;
  assert_int_equal(read_at(&in, D(2026, 8, 31)).state, TASK_OVERDUE);
  in.recorded = TASK_DONE;
  in.last_note = D(2026, 8, 20);
  assert_int_equal(read_at(&in, D(2026, 9, 30)).state, TASK_DONE);
  assert_int_equal(read_at(&in, D(2026, 10, 1)).state, TASK_NO_UPDATE);
}

/* Only the four recorded statuses can be written. */
static void recorded_statuses(void **state)
{
  (void)state;
  enum task_state s;
  struct err err = {0};
  assert_int_equal(task_follow_recorded(&s, "not_applicable", &err), ERR_OK);
  assert_int_equal(s, TASK_NOT_APPLICABLE);
  assert_int_equal(task_follow_recorded(&s, "overdue", &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "Đang thực hiện"));
  assert_string_equal(task_state_code(TASK_NO_UPDATE), "no_update");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(deadline_day_in_time_day_after_overdue),
      cmocka_unit_test(overdue_days_count_the_leap_day),
      cmocka_unit_test(done_and_not_applicable_as_recorded),
      cmocka_unit_test(phase_and_campaign_deadlines),
      cmocka_unit_test(monthly_period_boundary),
      cmocka_unit_test(period_ending_on_the_publication_day),
      cmocka_unit_test(monthly_period_wraps_the_year),
      cmocka_unit_test(reporting_dates_close_the_periods),
      cmocka_unit_test(period_before_publication_is_not_owed),
      cmocka_unit_test(then_ongoing_after_done),
      cmocka_unit_test(recorded_statuses),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
