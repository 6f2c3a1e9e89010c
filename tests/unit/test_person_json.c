/* test_person_json.c: the people register's JSON — keys the CLI printed
 * before (tests and scripts read them), labels beside codes, null for an
 * unknown national ID, days counted from the day given. Records are built
 * in memory: no database. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "output/person_json.h"

static struct person sample_person(void)
{
  struct person p;
  memset(&p, 0, sizeof p);
  p.id = 7;
  snprintf(p.full_name, sizeof p.full_name, "Lò Thị Mai");
  snprintf(p.birth_date, sizeof p.birth_date, "1985-01-01");
  snprintf(p.sex, sizeof p.sex, "female");
  snprintf(p.ethnicity, sizeof p.ethnicity, "Thái");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "03006");
  snprintf(p.unit_name, sizeof p.unit_name, "phường Sa Pa");
  snprintf(p.occupation_group, sizeof p.occupation_group, "free_labour");
  return p;
}

static const char *str(json_t *o, const char *key)
{
  json_t *v = json_object_get(o, key);
  if (!json_is_string(v))
    fail_msg("\"%s\" is not a string", key);
  return json_string_value(v);
}

static void a_person_has_its_codes_and_labels(void **state)
{
  (void)state;
  struct person p = sample_person();
  json_t *o = person_json_person(&p);
  assert_non_null(o);
  assert_int_equal(json_integer_value(json_object_get(o, "id")), 7);
  assert_string_equal(str(o, "full_name"), "Lò Thị Mai");
  assert_string_equal(str(o, "sex"), "female");
  assert_string_equal(str(o, "sex_label"), "Nữ");
  assert_true(json_is_null(json_object_get(o, "national_id")));
  assert_string_equal(str(o, "unit_code"), "03006");
  assert_string_equal(str(o, "unit_name"), "phường Sa Pa");
  assert_string_equal(str(o, "occupation_group_label"), "Lao động tự do");
  json_decref(o);
  snprintf(p.national_id, sizeof p.national_id, "010085001234");
  o = person_json_person(&p);
  assert_string_equal(str(o, "national_id"), "010085001234");
  json_decref(o);
}

/* A record: status with its label, a classification with the class's label,
 * a move with where from and where to, a void naming the event, a clock
 * whose days are counted from `today`. */
static void a_record_keeps_the_keys_the_cli_printed(void **state)
{
  (void)state;
  struct person_record r;
  memset(&r, 0, sizeof r);
  r.person = sample_person();
  r.person.merged_into = 0;
  struct person_event ev[3];
  memset(ev, 0, sizeof ev);
  ev[0].id = 11;
  ev[0].kind = PEV_CLASSIFIED;
  snprintf(ev[0].date, sizeof ev[0].date, "2025-09-01");
  snprintf(ev[0].value, sizeof ev[0].value, "addict");
  ev[1].id = 12;
  ev[1].kind = PEV_MOVED;
  snprintf(ev[1].date, sizeof ev[1].date, "2026-07-01");
  snprintf(ev[1].from_tree, sizeof ev[1].from_tree, "post2025");
  snprintf(ev[1].from_code, sizeof ev[1].from_code, "02671");
  snprintf(ev[1].unit_tree, sizeof ev[1].unit_tree, "post2025");
  snprintf(ev[1].unit_code, sizeof ev[1].unit_code, "03006");
  ev[2].id = 13;
  ev[2].kind = PEV_VOID;
  ev[2].ref_event_id = 12;
  snprintf(ev[2].date, sizeof ev[2].date, "2026-07-02");
  r.events.items = ev;
  r.events.n = 3;
  r.status.cls = PCLASS_ADDICT;
  snprintf(r.status.since, sizeof r.status.since, "2025-09-01");
  struct legal_rule rule;
  memset(&rule, 0, sizeof rule);
  rule.amount = 5;
  snprintf(rule.unit, sizeof rule.unit, "working_days");
  snprintf(rule.source, sizeof rule.source, "Nghị định 116/2021/NĐ-CP");
  struct person_clock clock;
  memset(&clock, 0, sizeof clock);
  snprintf(clock.code, sizeof clock.code, "rehab_registration");
  snprintf(clock.start, sizeof clock.start, "2026-11-02");
  snprintf(clock.end, sizeof clock.end, "2026-11-09");
  clock.event_id = 11;
  clock.rule = &rule;
  r.clocks.items = &clock;
  r.clocks.n = 1;

  json_t *o = person_json_record(&r, "2026-11-20");
  assert_non_null(o);
  assert_string_equal(str(o, "full_name"), "Lò Thị Mai");
  assert_true(json_is_null(json_object_get(o, "merged_into")));
  json_t *st = json_object_get(o, "status");
  assert_string_equal(str(st, "code"), "addict");
  assert_string_equal(str(st, "label"), "người nghiện ma túy");
  assert_string_equal(str(st, "class"), "addict");
  assert_string_equal(str(st, "class_label"), "Người nghiện ma túy");
  json_t *evs = json_object_get(o, "events");
  assert_int_equal(json_array_size(evs), 3);
  json_t *e0 = json_array_get(evs, 0), *e1 = json_array_get(evs, 1), *e2 = json_array_get(evs, 2);
  assert_string_equal(str(e0, "kind"), "classified");
  assert_string_equal(str(e0, "label"), "phân loại đối tượng");
  assert_string_equal(str(e0, "value_label"), "Người nghiện ma túy");
  assert_null(json_object_get(e0, "from"));
  assert_string_equal(str(json_object_get(e1, "from"), "code"), "02671");
  assert_string_equal(str(json_object_get(e1, "to"), "code"), "03006");
  assert_true(json_is_null(json_object_get(e1, "value_label")));
  assert_int_equal(json_integer_value(json_object_get(e2, "voids")), 12);
  json_t *c = json_array_get(json_object_get(o, "clocks"), 0);
  assert_string_equal(str(c, "code"), "rehab_registration");
  assert_string_equal(str(c, "label"), "hạn đăng ký cai nghiện");
  assert_string_equal(str(c, "end"), "2026-11-09");
  assert_int_equal(json_integer_value(json_object_get(c, "days_left")), -11); /* 9 -> 20/11 */
  assert_string_equal(str(c, "limit"), "5 ngày làm việc");
  assert_string_equal(str(c, "source"), "Nghị định 116/2021/NĐ-CP");
  json_decref(o);

  /* the text form: pretty, one object, a final newline */
  char *text = NULL;
  struct err err = {0};
  assert_int_equal(person_json_dump_record(&text, &r, "2026-11-20", &err), ERR_OK);
  size_t n = strlen(text);
  assert_true(n > 2);
  assert_int_equal(text[0], '{');
  assert_int_equal(text[n - 1], '\n');
  assert_non_null(strstr(text, "\"full_name\": \"Lò Thị Mai\""));
  free(text);
}

/* A due row: the clock's keys, overdue, the person and the unit's name. */
static void a_due_list_says_what_is_overdue(void **state)
{
  (void)state;
  struct person_due d[2];
  memset(d, 0, sizeof d);
  d[0].person_id = 3;
  snprintf(d[0].full_name, sizeof d[0].full_name, "Hà Văn Quý");
  snprintf(d[0].unit_tree, sizeof d[0].unit_tree, "post2025");
  snprintf(d[0].unit_code, sizeof d[0].unit_code, "02671");
  snprintf(d[0].unit_name, sizeof d[0].unit_name, "phường Cam Đường");
  snprintf(d[0].clock.code, sizeof d[0].clock.code, "user_management");
  snprintf(d[0].clock.end, sizeof d[0].clock.end, "2026-11-19");
  d[0].days_left = -1;
  d[1] = d[0];
  snprintf(d[1].clock.end, sizeof d[1].clock.end, "2026-11-20");
  d[1].days_left = 0;
  d[1].moved_out = 1;
  struct person_due_list l = {d, 2};
  json_t *a = person_json_due(&l, "2026-11-20");
  assert_int_equal(json_array_size(a), 2);
  json_t *first = json_array_get(a, 0), *second = json_array_get(a, 1);
  assert_true(json_is_true(json_object_get(first, "overdue")));
  assert_int_equal(json_integer_value(json_object_get(first, "days_left")), -1);
  assert_true(json_is_false(json_object_get(second, "overdue")));
  assert_true(json_is_true(json_object_get(second, "moved_out")));
  assert_int_equal(json_integer_value(json_object_get(first, "person_id")), 3);
  assert_string_equal(str(first, "unit_name"), "phường Cam Đường");
  assert_string_equal(str(first, "label"), "thời hạn quản lý người sử dụng trái phép chất ma túy");
  json_decref(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_person_has_its_codes_and_labels),
      cmocka_unit_test(a_record_keeps_the_keys_the_cli_printed),
      cmocka_unit_test(a_due_list_says_what_is_overdue),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
