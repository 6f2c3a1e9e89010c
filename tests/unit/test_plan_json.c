/* test_plan_json.c: the plan contract's JSON shape, on a hand-built plan.
 * Expected values come from the plan built here and from the contract
 * (shared/contracts/plan-json.md), never from the writer's output. */
#include "testutil.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "types/plan.h"
#include "output/plan_json.h"

static void build(struct plan *p)
{
  struct err err = {0};
  plan_init(p);
  p->number = strdup("07/KH-BCĐ");
  p->title = strdup("Thực hiện công tác phòng, chống ma túy năm 2024");
  p->issuer = strdup("Ban Chỉ đạo 138 huyện Bình Sơn");
  p->issued_on = (struct date){2024, 3, 5};
  p->territory = strdup("huyện Bình Sơn");
  p->kind = PLAN_ANNUAL;
  p->period_start = (struct date){2024, 1, 1};
  p->period_end = (struct date){2024, 12, 31};

  struct plan_basis *b;
  assert_int_equal(plan_add_basis(p, &b, &err), ERR_OK);
  b->text = strdup("Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị");
  b->number = strdup("36-CT/TW");
  b->date = (struct date){2019, 8, 16};

  struct plan_phase *ph;
  assert_int_equal(plan_add_phase(p, &ph, &err), ERR_OK);
  ph->name = strdup("Giai đoạn chuẩn bị");
  ph->end = (struct date){2024, 8, 31}; /* "từ nay": open start */

  struct plan_target *t;
  assert_int_equal(plan_add_target(p, &t, &err), ERR_OK);
  t->text = strdup("tăng ít nhất 5% số vụ");
  t->kind = TARGET_GROWTH_MIN;
  t->value = 5;
  t->has_value = 1;
  t->unit = strdup("%");
  assert_int_equal(plan_add_target(p, &t, &err), ERR_OK);
  t->text = strdup("đưa vào cơ sở cai nghiện bắt buộc");
  t->kind = TARGET_COUNT_MIN;
  t->value = 122;
  t->has_value = 1;
  t->unit = strdup("đối tượng");
  t->phase = strdup("Giai đoạn 1");
  assert_int_equal(plan_target_add_quota(t, "thành phố Lào Cai", 100, &err), ERR_OK);
  assert_int_equal(plan_target_add_quota(t, "huyện Bảo Thắng", 22, &err), ERR_OK);
  assert_int_equal(plan_add_target(p, &t, &err), ERR_OK);
  t->text = strdup("một mục tiêu chưa phân loại");
  t->kind = TARGET_OTHER; /* value unknown: null */
  t->value = 2.5;         /* ignored without has_value */

  struct plan_task *k;
  assert_int_equal(plan_add_task(p, &k, &err), ERR_OK);
  k->section = strdup("II.4");
  k->text = strdup("Mở các đợt cao điểm tấn công, trấn áp tội phạm về ma túy");
  assert_int_equal(plan_strv_add(&k->lead, &k->n_lead, "Công an huyện", &err), ERR_OK);
  assert_int_equal(plan_strv_add(&k->support, &k->n_support, "Viện Kiểm sát nhân dân huyện", &err),
                   ERR_OK);
  k->cadence = CADENCE_ONGOING;
  k->four_clear = (struct plan_four_clear){1, 1, 1, 1};
  assert_int_equal(plan_add_task(p, &k, &err), ERR_OK);
  k->text = strdup("Gửi kế hoạch");
  k->due_on = (struct date){2024, 8, 30};
  k->cadence = CADENCE_ONCE;
  k->four_clear = (struct plan_four_clear){0, 1, 0, 1};
  /* "Hoàn thành trước 30/8/2024, sau đó duy trì thường xuyên", in a phase */
  assert_int_equal(plan_add_task(p, &k, &err), ERR_OK);
  k->text = strdup("Rà soát, thống kê các điểm bán lẻ ma túy");
  k->due_on = (struct date){2024, 8, 30};
  k->cadence = CADENCE_ONGOING;
  k->then_ongoing = 1;
  k->phase = strdup("Giai đoạn chuẩn bị");

  struct plan_report *r;
  assert_int_equal(plan_add_report(p, &r, &err), ERR_OK);
  r->name = strdup("Quý I");
  r->due_on = (struct date){2024, 3, 10};
  r->recipient = strdup("Ban Chỉ đạo 138 huyện");
  assert_int_equal(plan_add_report(p, &r, &err), ERR_OK);
  r->name = strdup("hằng năm");
  r->due_on = (struct date){2021, 12, 15};
  r->recurs = RECURS_YEARLY;
}

static const char *sget(json_t *o, const char *key)
{
  json_t *v = json_object_get(o, key);
  assert_non_null(v);
  assert_true(json_is_string(v));
  return json_string_value(v);
}

static void is_null(json_t *o, const char *key)
{
  json_t *v = json_object_get(o, key);
  if (!v || !json_is_null(v))
    fail_msg("key \"%s\" is not null", key);
}

static void full_plan_has_contract_shape(void **state)
{
  (void)state;
  struct plan p;
  build(&p);
  json_t *o = plan_json(&p);
  assert_non_null(o);
  assert_string_equal(sget(o, "number"), "07/KH-BCĐ");
  assert_string_equal(sget(o, "issuer"), "Ban Chỉ đạo 138 huyện Bình Sơn");
  assert_string_equal(sget(o, "issued_on"), "2024-03-05");
  assert_string_equal(sget(o, "territory"), "huyện Bình Sơn");
  assert_string_equal(sget(o, "kind"), "annual");
  json_t *per = json_object_get(o, "period");
  assert_string_equal(sget(per, "start"), "2024-01-01");
  assert_string_equal(sget(per, "end"), "2024-12-31");

  json_t *b = json_array_get(json_object_get(o, "bases"), 0);
  assert_string_equal(sget(b, "number"), "36-CT/TW");
  assert_string_equal(sget(b, "date"), "2019-08-16");

  json_t *ph = json_array_get(json_object_get(o, "phases"), 0);
  is_null(ph, "start");
  assert_string_equal(sget(ph, "end"), "2024-08-31");
  is_null(ph, "text");

  json_t *ts = json_object_get(o, "targets");
  assert_int_equal(json_array_size(ts), 3);
  json_t *t0 = json_array_get(ts, 0);
  assert_string_equal(sget(t0, "kind"), "growth_min");
  assert_true(json_is_integer(json_object_get(t0, "value")));
  assert_int_equal(json_integer_value(json_object_get(t0, "value")), 5);
  is_null(t0, "phase");
  assert_int_equal(json_array_size(json_object_get(t0, "quotas")), 0);
  json_t *t1 = json_array_get(ts, 1);
  assert_string_equal(sget(t1, "phase"), "Giai đoạn 1");
  json_t *q = json_object_get(t1, "quotas");
  assert_int_equal(json_array_size(q), 2);
  assert_string_equal(sget(json_array_get(q, 1), "assignee"), "huyện Bảo Thắng");
  assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 1), "value")), 22);
  json_t *t2 = json_array_get(ts, 2);
  assert_string_equal(sget(t2, "kind"), "other");
  is_null(t2, "value");
  is_null(t2, "unit");

  json_t *ks = json_object_get(o, "tasks");
  json_t *k0 = json_array_get(ks, 0);
  assert_string_equal(sget(k0, "section"), "II.4");
  assert_string_equal(json_string_value(json_array_get(json_object_get(k0, "lead"), 0)),
                      "Công an huyện");
  is_null(k0, "due_on");
  assert_string_equal(sget(k0, "cadence"), "ongoing");
  json_t *fc = json_object_get(k0, "four_clear");
  assert_true(json_is_true(json_object_get(fc, "responsibility")));
  json_t *k1 = json_array_get(ks, 1);
  is_null(k1, "section");
  assert_int_equal(json_array_size(json_object_get(k1, "lead")), 0);
  assert_true(json_is_array(json_object_get(k1, "support")));
  assert_string_equal(sget(k1, "due_on"), "2024-08-30");
  assert_string_equal(sget(k1, "cadence"), "once");
  assert_true(json_is_false(json_object_get(json_object_get(k1, "four_clear"), "who")));
  /* the two task keys added to the contract: always present */
  assert_true(json_is_false(json_object_get(k0, "then_ongoing")));
  is_null(k0, "phase");
  json_t *k2 = json_array_get(ks, 2);
  assert_string_equal(sget(k2, "due_on"), "2024-08-30");
  assert_string_equal(sget(k2, "cadence"), "ongoing");
  assert_true(json_is_true(json_object_get(k2, "then_ongoing")));
  assert_string_equal(sget(k2, "phase"), "Giai đoạn chuẩn bị");

  json_t *rs = json_object_get(o, "reports");
  json_t *r0 = json_array_get(rs, 0);
  assert_string_equal(sget(r0, "due_on"), "2024-03-10");
  is_null(r0, "recurs");
  json_t *r1 = json_array_get(rs, 1);
  assert_string_equal(sget(r1, "recurs"), "yearly");
  is_null(r1, "recipient");
  json_decref(o);
  plan_free(&p);
}

static void empty_plan_has_every_key(void **state)
{
  (void)state;
  struct plan p;
  plan_init(&p);
  json_t *o = plan_json(&p);
  assert_non_null(o);
  static const char *const scalars[] = {"number",    "title",     "issuer",
                                        "issued_on", "territory", "kind"};
  for (size_t i = 0; i < sizeof scalars / sizeof *scalars; i++)
    is_null(o, scalars[i]);
  json_t *per = json_object_get(o, "period");
  assert_true(json_is_object(per));
  is_null(per, "start");
  is_null(per, "end");
  static const char *const lists[] = {"bases", "phases", "targets", "tasks", "reports"};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
    json_t *a = json_object_get(o, lists[i]);
    assert_true(json_is_array(a));
    assert_int_equal(json_array_size(a), 0);
  }
  assert_int_equal(json_object_size(o), 12);
  json_decref(o);
}

/* The dump keeps the contract's key order and writes Vietnamese unescaped. */
static void dump_is_ordered_utf8(void **state)
{
  (void)state;
  struct plan p;
  build(&p);
  char *s = NULL;
  struct err err = {0};
  assert_int_equal(plan_json_dump(&s, &p, &err), ERR_OK);
  assert_non_null(strstr(s, "\"Công an huyện\""));
  assert_null(strstr(s, "\\u"));
  static const char *const order[] = {"\"number\"",    "\"title\"",   "\"issuer\"", "\"issued_on\"",
                                      "\"territory\"", "\"kind\"",    "\"period\"", "\"bases\"",
                                      "\"phases\"",    "\"targets\"", "\"tasks\"",  "\"reports\""};
  const char *prev = s;
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    const char *at = strstr(prev, order[i]);
    if (!at)
      fail_msg("%s missing or out of order", order[i]);
    prev = at;
  }
  /* task keys in order too */
  const char *sec = strstr(s, "\"section\"");
  const char *fc = strstr(s, "\"four_clear\"");
  assert_true(sec && fc && sec < strstr(sec, "\"lead\"") && strstr(sec, "\"cadence\"") < fc);
  const char *cad = strstr(sec, "\"cadence\"");
  assert_true(cad < strstr(sec, "\"then_ongoing\"") && strstr(sec, "\"then_ongoing\"") < fc &&
              strstr(sec, "\"phase\"") < fc);
  assert_int_equal(s[strlen(s) - 1], '\n');
  /* and it parses back */
  json_error_t je;
  json_t *back = json_loads(s, 0, &je);
  assert_non_null(back);
  json_decref(back);
  free(s);
  plan_free(&p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(full_plan_has_contract_shape),
      cmocka_unit_test(empty_plan_has_every_key),
      cmocka_unit_test(dump_is_ordered_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
