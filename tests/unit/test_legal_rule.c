/* test_legal_rule.c: legal rules as dated data, date arithmetic and each person's clocks.
 * Expected end dates were computed by hand from the calendar (2024-03-15 is a Friday). */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/legal_rule.h"
#include "domain/person.h"
#include "store/store.h"

static char *dir;
static struct store *st;
static struct legal_rule_set rules;

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  char path[4200];
  snprintf(path, sizeof path, "%s/rules.db", dir);
  struct err err = {0};
  if (store_open(&st, path, &err) || store_migrate(st, NULL, NULL, &err) ||
      legal_rules_load(&rules, st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  legal_rule_set_free(&rules);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static struct date d(int y, int m, int day)
{
  struct date r = {y, m, day};
  return r;
}

static const char *iso(struct date x)
{
  static char buf[4][DATE_ISO_LEN];
  static int i;
  i = (i + 1) % 4;
  date_to_iso(buf[i], x);
  return buf[i];
}

/* ---------------------------------------------------------------------------
 * Rules and arithmetic
 * ------------------------------------------------------------------------- */

static void rules_are_seeded_with_dates_and_sources(void **state)
{
  (void)state;
  assert_true(rules.n >= 15);
  const struct legal_rule *r = legal_rule_find(&rules, "user_management", "", "2024-03-15");
  assert_non_null(r);
  assert_int_equal(r->amount, 12);
  assert_string_equal(r->unit, "months");
  assert_non_null(strstr(r->source, "73/2021/QH14"));
  r = legal_rule_find(&rules, "rehab_registration", "", "2024-03-15");
  assert_non_null(r);
  assert_int_equal(r->amount, 5);
  assert_string_equal(r->unit, "working_days");
  char buf[64];
  legal_rule_describe(buf, sizeof buf, r);
  assert_string_equal(buf, "5 ngày làm việc");
  /* The 2021 law came into force on 2022-01-01: no limit before. */
  assert_null(legal_rule_find(&rules, "user_management", "", "2021-12-31"));
  assert_null(legal_rule_find(&rules, "no_such_rule", "", "2024-01-01"));
}

static void rule_switch_on_2026_07_01(void **state)
{
  (void)state;
  const struct legal_rule *old =
      legal_rule_find(&rules, "rehab", "compulsory_repeat", "2026-06-30");
  const struct legal_rule *now =
      legal_rule_find(&rules, "rehab", "compulsory_repeat", "2026-07-01");
  assert_non_null(old);
  assert_non_null(now);
  assert_int_equal(old->amount, 24);
  assert_int_equal(now->amount, 36);
  assert_non_null(strstr(now->source, "120/2025/QH15"));
  assert_int_equal(legal_rule_find(&rules, "rehab", "compulsory_first", "2026-07-01")->amount, 24);
  /* The 24-hour limits exist only from the new law on. */
  assert_null(legal_rule_find(&rules, "move_report", "", "2026-06-30"));
  const struct legal_rule *mv = legal_rule_find(&rules, "move_report", "", "2026-07-01");
  assert_non_null(mv);
  assert_int_equal(mv->amount, 24);
  assert_string_equal(mv->unit, "hours");
  assert_string_equal(iso(legal_rule_end(mv, d(2026, 7, 1))), "2026-07-02");
  assert_non_null(legal_rule_find(&rules, "file_handover", "", "2027-01-01"));
}

static void months_end_on_the_same_day_clamped(void **state)
{
  (void)state;
  const struct legal_rule *r = legal_rule_find(&rules, "user_management", "", "2024-03-15");
  assert_string_equal(iso(legal_rule_end(r, d(2024, 3, 15))), "2025-03-15");
  /* 29/2 + 12 months: there is no 29/2/2025. */
  assert_string_equal(iso(legal_rule_end(r, d(2024, 2, 29))), "2025-02-28");
  const struct legal_rule *two = legal_rule_find(&rules, "aftercare", "compulsory", "2024-01-31");
  assert_string_equal(iso(legal_rule_end(two, d(2024, 1, 31))), "2026-01-31");
}

static void working_days_skip_weekends(void **state)
{
  (void)state;
  /* Friday 15/3/2024 + 5 working days = Friday 22/3 (18, 19, 20, 21, 22). */
  assert_string_equal(iso(legal_add_working_days(d(2024, 3, 15), 5)), "2024-03-22");
  /* Wednesday 13/3 + 5 = Wednesday 20/3 (14, 15, 18, 19, 20). */
  assert_string_equal(iso(legal_add_working_days(d(2024, 3, 13), 5)), "2024-03-20");
  /* Thursday 14/3 + 2 = Monday 18/3. */
  assert_string_equal(iso(legal_add_working_days(d(2024, 3, 14), 2)), "2024-03-18");
  /* A Saturday notice: the first working day is Monday. */
  assert_string_equal(iso(legal_add_working_days(d(2024, 3, 16), 1)), "2024-03-18");
  assert_string_equal(iso(legal_add_working_days(d(2024, 3, 16), 0)), "2024-03-16");
  /* Across a year end: Wednesday 27/12/2023 + 5 = Wednesday 3/1/2024. Public
   * holidays (1/1) are not modelled: the law would give Thursday 4/1. */
  assert_string_equal(iso(legal_add_working_days(d(2023, 12, 27), 5)), "2024-01-03");
}

static void a_new_rule_version_is_data_not_code(void **state)
{
  (void)state;
  /* A hypothetical amendment shortening user management to 6 months from
   * 2027-01-01, written straight into the table: clocks started before keep
   * the old limit. */
  char path[4200];
  snprintf(path, sizeof path, "%s/rules.db", dir);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db,
                   "UPDATE legal_rule SET valid_to = '2026-12-31' WHERE code = 'user_management';"
                   "INSERT INTO legal_rule (code, condition, valid_from, valid_to, amount, unit, "
                   "source, note) VALUES ('user_management', '', '2027-01-01', '9999-12-31', 6, "
                   "'months', 'test', 'test')",
                   NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close(db);
  struct legal_rule_set set;
  assert_int_equal(legal_rules_load(&set, st, NULL), ERR_OK);
  struct person_event ev[2];
  memset(ev, 0, sizeof ev);
  ev[0].id = 1;
  ev[0].kind = PEV_CLASSIFIED;
  snprintf(ev[0].date, sizeof ev[0].date, "2026-12-20");
  snprintf(ev[0].value, sizeof ev[0].value, "user");
  ev[1].id = 2;
  ev[1].kind = PEV_MANAGEMENT_OPENED;
  snprintf(ev[1].date, sizeof ev[1].date, "2026-12-31");
  struct person_clock_list cl;
  assert_int_equal(person_clocks(&cl, "1990-01-01", ev, 2, &set, NULL), ERR_OK);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].end, "2027-12-31");
  person_clock_list_free(&cl);
  snprintf(ev[1].date, sizeof ev[1].date, "2027-01-01");
  assert_int_equal(person_clocks(&cl, "1990-01-01", ev, 2, &set, NULL), ERR_OK);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].end, "2027-07-01");
  person_clock_list_free(&cl);
  legal_rule_set_free(&set);
}

/* ---------------------------------------------------------------------------
 * Clocks
 * ------------------------------------------------------------------------- */

struct hist {
  struct person_event ev[16];
  size_t n;
};

static struct person_event *add(struct hist *h, enum person_event_kind k, const char *date)
{
  struct person_event *e = &h->ev[h->n];
  memset(e, 0, sizeof *e);
  e->id = (long)++h->n;
  e->kind = k;
  snprintf(e->date, sizeof e->date, "%s", date);
  return e;
}

static void compulsory(struct hist *h, const char *decision, const char *start)
{
  struct person_event *e = add(h, PEV_REHAB_COMPULSORY_START, start);
  snprintf(e->decision_no, sizeof e->decision_no, "12/2024/QĐ-TA");
  snprintf(e->decision_date, sizeof e->decision_date, "%s", decision);
}

/* The clock with `code` among the running ones, or NULL. */
static const struct person_clock *find(const struct person_clock_list *l, const char *code)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].code, code) == 0)
      return &l->items[i];
  return NULL;
}

static void clocks_of(struct person_clock_list *cl, const char *born, const struct hist *h)
{
  struct person_status s;
  struct err err = {0};
  if (person_replay(&s, born, h->ev, h->n, "9999-12-31", &err))
    fail_msg("history refused: %s", err.msg);
  assert_int_equal(person_clocks(cl, born, h->ev, h->n, &rules, &err), ERR_OK);
}

static void user_management_lasts_a_year_from_the_decision(void **state)
{
  (void)state;
  struct hist h = {.n = 0};
  snprintf(add(&h, PEV_CLASSIFIED, "2024-03-10")->value, 32, "user");
  add(&h, PEV_MANAGEMENT_OPENED, "2024-03-15");
  struct person_clock_list cl;
  clocks_of(&cl, "1995-06-01", &h);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].code, "user_management");
  assert_string_equal(cl.items[0].start, "2024-03-15");
  assert_string_equal(cl.items[0].end, "2025-03-15");
  assert_int_equal(cl.items[0].event_id, 2);
  person_clock_list_free(&cl);
  /* Closing the record stops it. */
  add(&h, PEV_MANAGEMENT_CLOSED, "2025-03-15");
  clocks_of(&cl, "1995-06-01", &h);
  assert_int_equal(cl.n, 0);
  person_clock_list_free(&cl);
}

static void addict_registers_within_five_working_days(void **state)
{
  (void)state;
  struct hist h = {.n = 0};
  struct person_event *e = add(&h, PEV_DETERMINATION, "2024-03-15");
  snprintf(e->value, sizeof e->value, "addict");
  snprintf(e->facility, sizeof e->facility, "Bệnh viện Tâm thần tỉnh");
  struct person_clock_list cl;
  clocks_of(&cl, "1990-01-01", &h);
  const struct person_clock *c = find(&cl, "rehab_registration");
  assert_non_null(c);
  assert_string_equal(c->end, "2024-03-22");
  person_clock_list_free(&cl);
  add(&h, PEV_REHAB_REGISTERED, "2024-03-20");
  clocks_of(&cl, "1990-01-01", &h);
  assert_null(find(&cl, "rehab_registration"));
  person_clock_list_free(&cl);
}

static void compulsory_rehab_length_by_rule_in_force_when_it_started(void **state)
{
  (void)state;
  /* An adult's first compulsory rehab: 24 months under both laws. */
  struct hist h = {.n = 0};
  compulsory(&h, "2023-01-05", "2023-01-10");
  struct person_clock_list cl;
  clocks_of(&cl, "1990-01-01", &h);
  assert_string_equal(find(&cl, "rehab")->condition, "compulsory_first");
  assert_string_equal(find(&cl, "rehab")->end, "2025-01-10");
  person_clock_list_free(&cl);
  add(&h, PEV_REHAB_COMPULSORY_END, "2024-12-20");
  /* The second one starting on 30/6/2026 runs by the old law: 24 months. */
  struct hist before = h;
  compulsory(&before, "2026-06-15", "2026-06-30");
  clocks_of(&cl, "1990-01-01", &before);
  const struct person_clock *c = find(&cl, "rehab");
  assert_string_equal(c->condition, "compulsory_repeat");
  assert_string_equal(c->end, "2028-06-30");
  assert_non_null(strstr(c->rule->source, "73/2021/QH14"));
  person_clock_list_free(&cl);
  /* Starting on 1/7/2026 it runs by Law 120/2025/QH15: 36 months. */
  struct hist after = h;
  compulsory(&after, "2026-06-15", "2026-07-01");
  clocks_of(&cl, "1990-01-01", &after);
  c = find(&cl, "rehab");
  assert_string_equal(c->end, "2029-07-01");
  assert_non_null(strstr(c->rule->source, "120/2025/QH15"));
  person_clock_list_free(&cl);
}

static void minor_compulsory_rehab_and_its_aftercare(void **state)
{
  (void)state;
  /* Born 1/5/2010: 14 on the decision date. */
  struct hist h = {.n = 0};
  compulsory(&h, "2025-03-01", "2025-03-10");
  struct person_clock_list cl;
  clocks_of(&cl, "2010-05-01", &h);
  assert_string_equal(find(&cl, "rehab")->condition, "compulsory_minor");
  assert_string_equal(find(&cl, "rehab")->end, "2026-03-10");
  person_clock_list_free(&cl);
  add(&h, PEV_REHAB_COMPULSORY_END, "2026-03-10");
  add(&h, PEV_AFTERCARE_START, "2026-03-11");
  clocks_of(&cl, "2010-05-01", &h);
  assert_null(find(&cl, "rehab"));
  assert_string_equal(find(&cl, "aftercare")->condition, "minor");
  assert_string_equal(find(&cl, "aftercare")->end, "2027-03-11");
  person_clock_list_free(&cl);
}

static void aftercare_one_or_two_years_by_what_preceded(void **state)
{
  (void)state;
  struct person_clock_list cl;
  /* After an adult's compulsory rehab: 2 years. */
  struct hist h = {.n = 0};
  compulsory(&h, "2022-01-20", "2022-02-01");
  add(&h, PEV_REHAB_COMPULSORY_END, "2024-01-31");
  add(&h, PEV_AFTERCARE_START, "2024-02-01");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].condition, "compulsory");
  assert_string_equal(cl.items[0].end, "2026-02-01");
  person_clock_list_free(&cl);
  /* After voluntary rehab: 1 year. */
  h.n = 0;
  add(&h, PEV_REHAB_COMMUNITY_START, "2023-05-02");
  clocks_of(&cl, "1990-01-01", &h);
  assert_string_equal(find(&cl, "rehab")->condition, "voluntary_community");
  assert_string_equal(find(&cl, "rehab")->end, "2024-05-02");
  person_clock_list_free(&cl);
  add(&h, PEV_REHAB_COMMUNITY_END, "2023-11-02");
  add(&h, PEV_AFTERCARE_START, "2023-11-03");
  clocks_of(&cl, "1990-01-01", &h);
  assert_string_equal(find(&cl, "aftercare")->condition, "voluntary");
  assert_string_equal(find(&cl, "aftercare")->end, "2024-11-03");
  person_clock_list_free(&cl);
  /* After substitution treatment: 1 year. */
  h.n = 0;
  struct person_event *e = add(&h, PEV_OST_START, "2023-01-01");
  snprintf(e->value, sizeof e->value, "methadone");
  snprintf(e->facility, sizeof e->facility, "Cơ sở điều trị Methadone");
  add(&h, PEV_OST_STOP, "2024-06-30");
  add(&h, PEV_AFTERCARE_START, "2024-07-01");
  clocks_of(&cl, "1990-01-01", &h);
  assert_string_equal(find(&cl, "aftercare")->condition, "ost");
  assert_string_equal(find(&cl, "aftercare")->end, "2025-07-01");
  person_clock_list_free(&cl);
  /* A relapse ends post-rehab management. */
  add(&h, PEV_RELAPSE, "2024-09-09");
  clocks_of(&cl, "1990-01-01", &h);
  assert_null(find(&cl, "aftercare"));
  person_clock_list_free(&cl);
}

static void moves_start_24_hour_clocks_only_from_2026_07_01(void **state)
{
  (void)state;
  struct person_clock_list cl;
  struct hist h = {.n = 0};
  snprintf(add(&h, PEV_MOVED, "2026-06-30")->unit_code, 8, "00004");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 0);
  person_clock_list_free(&cl);
  h.n = 0;
  snprintf(add(&h, PEV_MOVED, "2026-07-01")->unit_code, 8, "00004");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].code, "move_report");
  assert_string_equal(cl.items[0].end, "2026-07-02");
  person_clock_list_free(&cl);
  add(&h, PEV_MOVE_REPORTED, "2026-07-02");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 1);
  assert_string_equal(cl.items[0].code, "file_handover");
  assert_string_equal(cl.items[0].end, "2026-07-03");
  person_clock_list_free(&cl);
  add(&h, PEV_FILE_TRANSFERRED, "2026-07-03");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 0);
  person_clock_list_free(&cl);
}

static void death_stops_every_clock_and_clocks_sort_by_end(void **state)
{
  (void)state;
  struct hist h = {.n = 0};
  snprintf(add(&h, PEV_CLASSIFIED, "2024-01-02")->value, 32, "user");
  add(&h, PEV_MANAGEMENT_OPENED, "2024-01-05");
  add(&h, PEV_REHAB_FACILITY_START, "2024-02-01")->facility[0] = 'X';
  struct person_clock_list cl;
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 2);
  assert_string_equal(cl.items[0].code, "user_management"); /* 2025-01-05 */
  assert_string_equal(cl.items[0].end, "2025-01-05");
  assert_string_equal(cl.items[1].code, "rehab"); /* 2025-02-01 */
  assert_string_equal(cl.items[1].end, "2025-02-01");
  person_clock_list_free(&cl);
  add(&h, PEV_DIED, "2024-03-01");
  clocks_of(&cl, "1990-01-01", &h);
  assert_int_equal(cl.n, 0);
  person_clock_list_free(&cl);
}

static void age_in_whole_years(void **state)
{
  (void)state;
  assert_int_equal(person_age_on("2010-05-01", "2022-04-30"), 11);
  assert_int_equal(person_age_on("2010-05-01", "2022-05-01"), 12);
  assert_int_equal(person_age_on("2008-02-29", "2026-02-28"), 17);
  assert_int_equal(person_age_on("2008-02-29", "2026-03-01"), 18);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rules_are_seeded_with_dates_and_sources),
      cmocka_unit_test(rule_switch_on_2026_07_01),
      cmocka_unit_test(months_end_on_the_same_day_clamped),
      cmocka_unit_test(working_days_skip_weekends),
      cmocka_unit_test(user_management_lasts_a_year_from_the_decision),
      cmocka_unit_test(addict_registers_within_five_working_days),
      cmocka_unit_test(compulsory_rehab_length_by_rule_in_force_when_it_started),
      cmocka_unit_test(minor_compulsory_rehab_and_its_aftercare),
      cmocka_unit_test(aftercare_one_or_two_years_by_what_preceded),
      cmocka_unit_test(moves_start_24_hour_clocks_only_from_2026_07_01),
      cmocka_unit_test(death_stops_every_clock_and_clocks_sort_by_end),
      cmocka_unit_test(age_in_whole_years),
      cmocka_unit_test(a_new_rule_version_is_data_not_code),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
