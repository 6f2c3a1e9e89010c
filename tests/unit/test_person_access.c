/* test_person_access.c: the field × role table of a person's health fields,
 * the redaction of a record built here by hand, and the operations applying
 * it: an administrator reading a record of a person with a determination, a
 * substitution treatment and a psychosis classification receives none of
 * them; an officer of the same territory receives all. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "domain/legal_rule.h"
#include "domain/person_access.h"
#include "store/store.h"
#include "types/label.h"

#define TODAY "2026-11-20"

static void table_by_role(void **state)
{
  (void)state;
  /* officers keep the register and act on the health facts; administrators,
   * agencies and leaders have no need for them */
  for (int f = 0; f < PFIELD_COUNT; f++) {
    assert_int_equal(person_field_shown((enum person_field)f, SCOPE_OFFICER), 1);
    assert_int_equal(person_field_shown((enum person_field)f, SCOPE_ADMIN), 0);
    assert_int_equal(person_field_shown((enum person_field)f, SCOPE_AGENCY), 0);
    assert_int_equal(person_field_shown((enum person_field)f, SCOPE_LEADER), 0);
  }
  assert_int_equal(person_fields_hidden(SCOPE_OFFICER), 0);
  assert_int_equal(person_fields_hidden(SCOPE_ADMIN), 7); /* three fields: bits 0, 1, 2 */
  /* outside the table: not shown */
  assert_int_equal(person_field_shown(PFIELD_COUNT, SCOPE_OFFICER), 0);
  assert_int_equal(person_field_shown(PFIELD_OST, (enum scope_role)9), 0);
  /* each field has its label, in the enum's order */
  size_t n;
  label_items(LABEL_HEALTH_FIELD, &n);
  assert_int_equal(n, PFIELD_COUNT);
  assert_string_equal(label_code_at(LABEL_HEALTH_FIELD, PFIELD_OST), "ost");
}

static void events_and_status_codes(void **state)
{
  (void)state;
  struct person_event e = {0};
  e.kind = PEV_DETERMINATION;
  assert_int_equal(person_event_field(&e), PFIELD_DETERMINATION);
  e.kind = PEV_OST_STOP;
  assert_int_equal(person_event_field(&e), PFIELD_OST);
  e.kind = PEV_CLASSIFIED;
  snprintf(e.value, sizeof e.value, "psychosis");
  assert_int_equal(person_event_field(&e), PFIELD_PSYCHOSIS);
  snprintf(e.value, sizeof e.value, "addict");
  assert_int_equal(person_event_field(&e), -1);
  e.kind = PEV_RELAPSE;
  assert_int_equal(person_event_field(&e), -1);
  assert_true(person_status_code_hidden("ost", SCOPE_ADMIN));
  assert_true(person_status_code_hidden("psychosis", SCOPE_ADMIN));
  assert_false(person_status_code_hidden("addict", SCOPE_ADMIN));
  assert_false(person_status_code_hidden("ost", SCOPE_OFFICER));
  assert_false(person_status_code_hidden(NULL, SCOPE_ADMIN));
}

/* A record of five events (ids 1-5, in date order) and two clocks. */
static void make_record(struct person_record *r)
{
  memset(r, 0, sizeof *r);
  static const struct {
    enum person_event_kind kind;
    const char *date, *value;
    long ref;
  } ev[] = {
      {PEV_CLASSIFIED, "2024-01-05", "user", 0},
      {PEV_DETERMINATION, "2024-03-01", "addict", 0},
      {PEV_OST_START, "2024-04-01", "methadone", 0},
      {PEV_VOID, "2024-04-02", "", 3},
      {PEV_CLASSIFIED, "2024-06-01", "psychosis", 0},
  };
  r->events.n = 5;
  r->events.items = calloc(5, sizeof *r->events.items);
  for (size_t i = 0; i < 5; i++) {
    struct person_event *e = &r->events.items[i];
    e->id = (long)i + 1;
    e->kind = ev[i].kind;
    snprintf(e->date, sizeof e->date, "%s", ev[i].date);
    snprintf(e->value, sizeof e->value, "%s", ev[i].value);
    e->ref_event_id = ev[i].ref;
  }
  r->clocks.n = 2;
  r->clocks.items = calloc(2, sizeof *r->clocks.items);
  snprintf(r->clocks.items[0].code, sizeof r->clocks.items[0].code, "user_management");
  r->clocks.items[0].event_id = 1;
  snprintf(r->clocks.items[1].code, sizeof r->clocks.items[1].code, "rehab_registration");
  r->clocks.items[1].event_id = 2;
  r->status.cls = PCLASS_PSYCHOSIS;
  r->status.ost = 1;
  snprintf(r->status.since, sizeof r->status.since, "2024-06-01");
}

static void redact_record(void **state)
{
  (void)state;
  struct person_record r;
  make_record(&r);
  person_record_redact(&r, SCOPE_OFFICER);
  assert_int_equal(r.hidden, 0);
  assert_int_equal(r.events.n, 5);
  assert_int_equal(r.clocks.n, 2);
  assert_int_equal(r.status.cls, PCLASS_PSYCHOSIS);
  person_record_free(&r);

  make_record(&r);
  person_record_redact(&r, SCOPE_ADMIN);
  assert_int_equal(r.hidden, 7);
  /* left: the classification as a user; gone: the determination, the
   * treatment, the void naming it, the psychosis classification */
  assert_int_equal(r.events.n, 1);
  assert_int_equal(r.events.items[0].id, 1);
  /* the registration clock the determination started goes with it */
  assert_int_equal(r.clocks.n, 1);
  assert_string_equal(r.clocks.items[0].code, "user_management");
  assert_int_equal(r.status.ost, 0);
  assert_int_equal(r.status.cls, PCLASS_NONE);
  assert_string_equal(r.status.since, "2024-01-05");
  person_record_free(&r);
}

/* Through the operations on a real database. */
static void show_and_search_as_each_role(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  struct store *st;
  struct scope admin, officer;
  struct legal_rule_set rules = {0};
  struct err err = {0};
  assert_int_equal(tu_open_app_db(&st, &admin, dir, "a.db"), 0);
  assert_int_equal(legal_rules_load(&rules, st, &err), ERR_OK);
  tu_add_user(&officer, st, &admin, "cb.sapa", "officer", "03006");
  long p = tu_create_person(st, &admin, TODAY, "Lò Văn Páo", "1985-01-01", "nam", NULL, "03006");
  tu_add_event(st, &admin, TODAY, p, PEV_CLASSIFIED, "2024-01-05", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, p, PEV_DETERMINATION, "2024-03-01", "addict",
               "Trung tâm Y tế Sa Pa", NULL);
  tu_add_event(st, &admin, TODAY, p, PEV_OST_START, "2024-04-01", "methadone",
               "Cơ sở điều trị Methadone Sa Pa", NULL);

  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &officer, p, &rules, &err), ERR_OK);
  assert_int_equal(r.events.n, 3);
  assert_int_equal(r.status.ost, 1);
  assert_int_equal(r.hidden, 0);
  person_record_free(&r);

  assert_int_equal(app_person_show(&r, st, &admin, p, &rules, &err), ERR_OK);
  assert_int_equal(r.events.n, 1);
  assert_int_equal(r.events.items[0].kind, PEV_CLASSIFIED);
  assert_int_equal(r.status.ost, 0);
  assert_int_equal(r.hidden, 7);
  for (size_t i = 0; i < r.events.n; i++)
    assert_null(strstr(r.events.items[i].facility, "Sa Pa"));
  person_record_free(&r);

  /* a search hit carries the same status; a filter by a hidden field is refused */
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &officer, "lo van pao", NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].status.ost, 1);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, st, &admin, "lo van pao", NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].status.ost, 0);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, st, &admin, NULL, "ost", 0, &err), ERR_DENIED);
  assert_int_equal(app_person_search(&l, st, &officer, NULL, "ost", 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  person_hit_list_free(&l);

  /* the to-do list: the registration a determination starts is listed to
   * the officer, not to the administrator (it would tell the determination) */
  long q = tu_create_person(st, &admin, TODAY, "Giàng A Dơ", "1990-06-01", "nam", NULL, "03006");
  tu_add_event(st, &admin, TODAY, q, PEV_CLASSIFIED, "2024-01-05", "user", NULL, NULL);
  tu_add_event(st, &admin, TODAY, q, PEV_DETERMINATION, "2024-03-01", "addict",
               "Trung tâm Y tế Sa Pa", NULL);
  struct person_due_list due;
  size_t registration[2] = {0, 0};
  const struct scope *who[2] = {&officer, &admin};
  for (int k = 0; k < 2; k++) {
    assert_int_equal(app_person_due(&due, st, who[k], &rules, "2024-03-02", 3650, &err), ERR_OK);
    for (size_t i = 0; i < due.n; i++)
      registration[k] +=
          due.items[i].person_id == q && strcmp(due.items[i].clock.code, "rehab_registration") == 0;
    person_due_list_free(&due);
  }
  assert_int_equal(registration[0], 1);
  assert_int_equal(registration[1], 0);

  legal_rule_set_free(&rules);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(table_by_role),
      cmocka_unit_test(events_and_status_codes),
      cmocka_unit_test(redact_record),
      cmocka_unit_test(show_and_search_as_each_role),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
