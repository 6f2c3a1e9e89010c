/* test_plan_check.c: each of the four-clear criteria failing and passing on small plans. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "types/plan.h"
#include "domain/plan_check.h"

/* A one-task plan with at most one lead and one coordinator. */
static struct plan_task *one_task(struct plan *p, const char *text, const char *lead,
                                  const char *support)
{
  struct err err = {0};
  struct plan_task *t;
  plan_init(p);
  assert_int_equal(plan_add_task(p, &t, &err), ERR_OK);
  t->text = text ? strdup(text) : NULL;
  if (lead)
    assert_int_equal(plan_strv_add(&t->lead, &t->n_lead, lead, &err), ERR_OK);
  if (support)
    assert_int_equal(plan_strv_add(&t->support, &t->n_support, support, &err), ERR_OK);
  return t;
}

static struct plan_four_clear check(const struct plan *p, const struct plan_task *t)
{
  struct plan_four_clear c;
  memset(&c, 0x55, sizeof c); /* the check must set every flag */
  assert_int_equal(plan_check_task(&c, p, t, NULL), ERR_OK);
  return c;
}

/* What a task's text alone gives for "what" (lead and cadence set so the
 * other criteria pass). */
static int what_of(const char *text)
{
  struct plan p;
  struct plan_task *t = one_task(&p, text, "Công an huyện", NULL);
  t->cadence = CADENCE_ONGOING;
  struct plan_four_clear c = check(&p, t);
  plan_free(&p);
  return c.what;
}

static const char *CLEAR_TEXT = "Tổ chức kiểm tra các cơ sở kinh doanh dịch vụ karaoke";

static void fully_clear_task_passes(void **state)
{
  (void)state;
  struct plan p;
  struct plan_task *t = one_task(&p, CLEAR_TEXT, "Công an huyện", "Phòng Văn hóa - Thông tin");
  t->due_on = (struct date){2024, 6, 30};
  struct plan_four_clear c = check(&p, t);
  assert_true(c.who && c.what && c.responsibility && c.when);
  struct plan_defect_list l;
  struct err err = {0};
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  plan_defect_list_free(&l);
  plan_free(&p);
}

static void who_needs_a_lead(void **state)
{
  (void)state;
  struct plan p;
  struct plan_task *t = one_task(&p, CLEAR_TEXT, NULL, "Công an huyện");
  t->cadence = CADENCE_ONGOING;
  struct plan_four_clear c = check(&p, t);
  assert_false(c.who);
  assert_false(c.responsibility); /* nobody answers for it */
  assert_true(c.what && c.when);
  struct plan_defect_list l;
  struct err err = {0};
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 1); /* "who" only: responsibility follows from it */
  assert_int_equal(l.items[0].kind, DEFECT_WHO);
  assert_int_equal(l.items[0].task, 0);
  assert_true(strlen(l.items[0].reason) > 0);
  plan_defect_list_free(&l);
  plan_free(&p);
}

static void what_needs_an_action_and_more_than_a_slogan(void **state)
{
  (void)state;
  /* Slogans: exhortations without a checkable action. */
  assert_false(what_of("Tăng cường, đẩy mạnh hơn nữa hiệu quả phòng, chống ma túy"));
  assert_false(what_of("Nâng cao nhận thức, phát huy sức mạnh của cả hệ thống chính trị"));
  /* A field of work named as a noun is not an action. */
  assert_false(what_of("Đẩy mạnh công tác tuyên truyền phòng, chống ma túy"));
  /* The year and "hằng năm" are not the verb "nắm"; "mô hình" is not "mở". */
  assert_false(what_of("Tăng cường hiệu quả phòng, chống ma túy năm 2024"));
  assert_false(what_of("Phát huy, nhân rộng các mô hình hay trong phòng chống ma túy"));
  /* An action, but too short to say what is done. */
  assert_false(what_of("Kiểm tra"));
  assert_false(what_of("Tổ chức kiểm tra"));
  /* Concrete actions, whatever the case and diacritics. */
  assert_true(what_of(CLEAR_TEXT));
  assert_true(what_of("TỔ CHỨC TẬP HUẤN NGHIỆP VỤ CHO CÁN BỘ"));
  assert_true(what_of("Rà soát, lập hồ sơ đưa người nghiện đi cai nghiện bắt buộc"));
  assert_true(what_of("Tuyên truyền phòng, chống ma túy trong trường học hằng năm"));
  /* Empty, missing and invalid UTF-8 text do not pass and do not crash. */
  assert_false(what_of(""));
  assert_false(what_of(NULL));
  assert_false(what_of("Tổ chức \xC3\x28 kiểm tra các cơ sở kinh doanh"));
  assert_false(what_of("   "));
}

static void responsibility_needs_a_specific_lead_not_also_coordinating(void **state)
{
  (void)state;
  struct plan p;
  struct err err = {0};
  struct plan_task *t = one_task(&p, CLEAR_TEXT, "các cơ quan, đơn vị, địa phương", NULL);
  t->cadence = CADENCE_ONGOING;
  struct plan_four_clear c = check(&p, t);
  assert_true(c.who);
  assert_false(c.responsibility);
  struct plan_defect_list l;
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].kind, DEFECT_RESPONSIBILITY);
  plan_defect_list_free(&l);
  /* A named agency beside the collective phrase makes someone answer for it. */
  assert_int_equal(plan_strv_add(&t->lead, &t->n_lead, "Công an huyện", &err), ERR_OK);
  assert_true(check(&p, t).responsibility);
  /* The same agency leading and coordinating is not clear, however it is spelled. */
  assert_int_equal(plan_strv_add(&t->support, &t->n_support, "Công an huyện", &err), ERR_OK);
  assert_false(check(&p, t).responsibility);
  plan_free(&p);
  t = one_task(&p, CLEAR_TEXT, "Công an huyện", "công an  Huyện");
  t->cadence = CADENCE_ONGOING;
  assert_false(check(&p, t).responsibility);
  plan_free(&p);
  /* Distinct lead and coordinator pass. */
  t = one_task(&p, CLEAR_TEXT, "Công an huyện", "Viện Kiểm sát nhân dân huyện");
  t->cadence = CADENCE_ONGOING;
  assert_true(check(&p, t).responsibility);
  plan_free(&p);
}

/* "When" is the task's own time: a deadline, a cadence or the phase it
 * belongs to; the plan's period alone says nothing about the task. */
static void when_needs_own_deadline_cadence_or_phase(void **state)
{
  (void)state;
  struct plan p;
  struct err err = {0};
  struct plan_task *t = one_task(&p, CLEAR_TEXT, "Công an huyện", NULL);
  assert_false(check(&p, t).when);
  assert_false(check(NULL, t).when);
  t->cadence = CADENCE_CAMPAIGN;
  assert_true(check(&p, t).when);
  t->cadence = CADENCE_NONE;
  t->due_on = (struct date){2024, 3, 10};
  assert_true(check(NULL, t).when);
  t->due_on = (struct date){0, 0, 0};
  /* the plan's period is not the task's time */
  p.period_start = (struct date){2024, 1, 1};
  p.period_end = (struct date){2024, 12, 31};
  assert_false(check(&p, t).when);
  /* a phase of the plan with its dates is */
  struct plan_phase *ph;
  assert_int_equal(plan_add_phase(&p, &ph, &err), ERR_OK);
  ph->name = strdup("Giai đoạn 1");
  ph->start = (struct date){2024, 9, 1};
  ph->end = (struct date){2024, 10, 31};
  t = &p.tasks[0];
  t->phase = strdup("giai đoạn 1"); /* the same phase however it is written */
  assert_true(check(&p, t).when);
  assert_true(check(NULL, t).when);
  free(t->phase);
  t->phase = strdup("Giai đoạn 3"); /* a phase the plan does not have */
  assert_false(check(&p, t).when);
  struct plan_defect_list l;
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].kind, DEFECT_WHEN);
  assert_non_null(strstr(l.items[0].reason, "giai đoạn"));
  plan_defect_list_free(&l);
  plan_free(&p);
}

static void defects_come_in_task_order(void **state)
{
  (void)state;
  struct plan p;
  struct err err = {0};
  one_task(&p, "Quyết tâm", NULL, NULL); /* no lead, a slogan, no time */
  struct plan_task *t2;
  assert_int_equal(plan_add_task(&p, &t2, &err), ERR_OK);
  t2->text = strdup(CLEAR_TEXT);
  assert_int_equal(plan_strv_add(&t2->lead, &t2->n_lead, "Công an huyện", &err), ERR_OK);
  struct plan_defect_list l;
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 4); /* who, what, when of task 0; when of task 1 */
  assert_int_equal(l.items[0].task, 0);
  assert_int_equal(l.items[0].kind, DEFECT_WHO);
  assert_int_equal(l.items[1].kind, DEFECT_WHAT);
  assert_int_equal(l.items[2].kind, DEFECT_WHEN);
  assert_int_equal(l.items[3].task, 1);
  assert_int_equal(l.items[3].kind, DEFECT_WHEN);
  for (size_t i = 0; i < l.n; i++)
    assert_true(strlen(plan_defect_label(l.items[i].kind)) > 0);
  assert_string_equal(plan_defect_label(99), "");
  plan_defect_list_free(&l);
  /* plan_check_all fills four_clear of every task the same way. */
  assert_int_equal(plan_check_all(&p, NULL), ERR_OK);
  assert_false(p.tasks[0].four_clear.who);
  assert_true(p.tasks[1].four_clear.who && p.tasks[1].four_clear.what);
  plan_free(&p);
  /* A plan without tasks has no defects. */
  plan_init(&p);
  assert_int_equal(plan_check_defects(&l, &p, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  plan_defect_list_free(&l);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fully_clear_task_passes),
      cmocka_unit_test(who_needs_a_lead),
      cmocka_unit_test(what_needs_an_action_and_more_than_a_slogan),
      cmocka_unit_test(responsibility_needs_a_specific_lead_not_also_coordinating),
      cmocka_unit_test(when_needs_own_deadline_cadence_or_phase),
      cmocka_unit_test(defects_come_in_task_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
