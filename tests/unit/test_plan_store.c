/* test_plan_store.c: stored plans: round trip of every field, edits of a
 * draft, publication and the history of later edits, closing, bad ids, the
 * four-clear check, and a kill during a save that must leave no half plan.
 *
 * The plans are saved through the domain (plan_edit_save, in a transaction
 * of the test's) and changed through the operations (app_plan.h), which own
 * the lifecycle; the actors are scopes of the national administrator role
 * named "tester", "a", "b" and "chief". */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/app_plan.h"
#include "types/plan.h"
#include "types/scope.h"
#include "domain/plan_check.h"
#include "domain/plan_edit.h"
#include "ingest/plan_read.h"
#include "ingest/unit_import.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_plans.h"
#include "testutil.h"

struct fx {
  char *dir;
  char path[512];
  struct store *st;
  struct scope tester, a, b, chief; /* national administrators */
};

static void national(struct scope *out, const char *user)
{
  assert_int_equal(scope_init(out, user, "admin", NULL, NULL, "kiểm thử", NULL), ERR_OK);
  out->unit_id = 0;
}

/* Save p as `sc` the way an import does: its unit the territory it names. */
static int save(long *id, struct store *st, const struct scope *sc, struct plan *p,
                const char *name, const char *text, struct err *err)
{
  *id = 0;
  struct plan_place place;
  long unit_id = 0;
  int rc = plan_edit_place(&place, st, p, err);
  if (!rc && place.code[0])
    rc = store_scope_unit(&unit_id, NULL, st, place.tree, place.code, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  struct plan_edit_new in = {&place, unit_id, name, text};
  rc = plan_edit_save(id, st, sc, p, &in, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* app_plan_set with the test's arguments. */
static int set(struct store *st, const struct scope *sc, long plan_id, const char *element,
               long element_id, const char *field, const char *value, const char *reason,
               struct err *err)
{
  struct app_plan_set_in in = {plan_id, element, element_id, field, value, reason};
  return app_plan_set(st, sc, &in, err);
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  snprintf(f->path, sizeof f->path, "%s/p.db", f->dir);
  struct err err = {0};
  assert_int_equal(store_open(&f->st, f->path, &err), ERR_OK);
  assert_int_equal(store_migrate(f->st, NULL, NULL, &err), ERR_OK);
  national(&f->tester, "tester");
  national(&f->a, "a");
  national(&f->b, "b");
  national(&f->chief, "chief");
  *state = f;
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

/* A small plan with every kind of element, built by hand. */
static void build_plan(struct plan *p)
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
  plan_add_basis(p, &b, &err);
  b->text = strdup("Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị");
  b->number = strdup("36-CT/TW");
  b->date = (struct date){2019, 8, 16};
  struct plan_phase *ph;
  plan_add_phase(p, &ph, &err);
  ph->name = strdup("Giai đoạn 1");
  ph->start = (struct date){2024, 9, 1};
  ph->end = (struct date){2024, 10, 31};
  struct plan_target *t;
  plan_add_target(p, &t, &err);
  t->text = strdup("Lập hồ sơ đưa vào cơ sở cai nghiện bắt buộc");
  t->kind = TARGET_COUNT_MIN;
  t->value = 122;
  t->has_value = 1;
  t->unit = strdup("đối tượng");
  t->phase = strdup("Giai đoạn 1");
  plan_target_add_quota(t, "thành phố Lào Cai", 100, &err);
  plan_target_add_quota(t, "huyện Bảo Thắng", 22, &err);
  struct plan_task *k;
  plan_add_task(p, &k, &err);
  k->section = strdup("II.4");
  k->text = strdup("Mở các đợt cao điểm tấn công, trấn áp tội phạm về ma túy");
  plan_strv_add(&k->lead, &k->n_lead, "Công an huyện", &err);
  plan_strv_add(&k->support, &k->n_support, "Viện Kiểm sát nhân dân huyện", &err);
  plan_strv_add(&k->support, &k->n_support, "các phòng, ban, ngành, địa phương", &err);
  k->due_on = (struct date){2024, 8, 30};
  k->cadence = CADENCE_ONGOING;
  k->then_ongoing = 1; /* "hoàn thành trước 30/8/2024, sau đó duy trì thường xuyên" */
  k->phase = strdup("Giai đoạn 1");
  plan_add_task(p, &k, &err);
  k->text = strdup("Tăng cường công tác tuyên truyền");
  plan_strv_add(&k->lead, &k->n_lead, "các cơ quan, đơn vị, địa phương", &err);
  struct plan_report *r;
  plan_add_report(p, &r, &err);
  r->name = strdup("Quý I");
  r->due_on = (struct date){2024, 3, 10};
  r->recipient = strdup("Ban Chỉ đạo 138 huyện");
}

static int same_date(struct date a, struct date b)
{
  return a.y == b.y && a.m == b.m && a.d == b.d;
}

static void test_round_trip(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  struct plan p, q;
  build_plan(&p);
  long id;
  assert_int_equal(save(&id, f->st, &f->tester, &p, "kh.txt", "văn bản gốc", &err), ERR_OK);
  assert_true(id > 0);
  struct store_plan_info in;
  assert_int_equal(store_plan_load(&q, &in, f->st, &f->tester, id, &err), ERR_OK);
  assert_string_equal(in.status, "draft");
  assert_string_equal(in.source_name, "kh.txt");
  assert_string_equal(in.created_by, "tester");
  assert_string_equal(q.number, p.number);
  assert_string_equal(q.title, p.title);
  assert_string_equal(q.issuer, p.issuer);
  assert_string_equal(q.territory, p.territory);
  assert_int_equal(q.kind, PLAN_ANNUAL);
  assert_true(same_date(q.issued_on, p.issued_on));
  assert_true(same_date(q.period_end, p.period_end));
  assert_int_equal(q.n_bases, 1);
  assert_string_equal(q.bases[0].number, "36-CT/TW");
  assert_true(same_date(q.bases[0].date, p.bases[0].date));
  assert_int_equal(q.n_phases, 1);
  assert_true(same_date(q.phases[0].start, p.phases[0].start));
  assert_null(q.phases[0].text);
  assert_int_equal(q.n_targets, 1);
  assert_int_equal(q.targets[0].kind, TARGET_COUNT_MIN);
  assert_true(q.targets[0].value == 122);
  assert_string_equal(q.targets[0].phase, "Giai đoạn 1");
  assert_int_equal(q.targets[0].n_quotas, 2);
  assert_string_equal(q.targets[0].quotas[1].assignee, "huyện Bảo Thắng");
  assert_true(q.targets[0].quotas[1].value == 22);
  assert_int_equal(q.n_tasks, 2);
  assert_string_equal(q.tasks[0].section, "II.4");
  assert_int_equal(q.tasks[0].n_support, 2);
  assert_string_equal(q.tasks[0].support[1], "các phòng, ban, ngành, địa phương");
  assert_int_equal(q.tasks[0].cadence, CADENCE_ONGOING);
  assert_true(same_date(q.tasks[0].due_on, p.tasks[0].due_on));
  assert_int_equal(q.tasks[0].then_ongoing, 1);
  assert_string_equal(q.tasks[0].phase, "Giai đoạn 1");
  assert_null(q.tasks[1].section);
  assert_int_equal(q.tasks[1].cadence, CADENCE_NONE);
  assert_int_equal(q.tasks[1].then_ongoing, 0);
  assert_null(q.tasks[1].phase);
  assert_int_equal(q.n_reports, 1);
  assert_string_equal(q.reports[0].recipient, "Ban Chỉ đạo 138 huyện");
  assert_true(q.tasks[0].id > 0 && q.tasks[0].id == p.tasks[0].id);
  /* the four-clear check on the loaded plan */
  assert_int_equal(plan_check_all(&q, &err), ERR_OK);
  assert_true(q.tasks[0].four_clear.who && q.tasks[0].four_clear.what &&
              q.tasks[0].four_clear.responsibility && q.tasks[0].four_clear.when);
  assert_false(q.tasks[1].four_clear.responsibility); /* a collective lead */
  assert_false(q.tasks[1].four_clear.what); /* "Tăng cường công tác tuyên truyền" */
  /* the resolved kind is stored beside the written name */
  struct stmt *s;
  assert_int_equal(
      db_prepare(&s, f->st, "SELECT agency_kind, is_group FROM task_agency WHERE text = ?", &err),
      ERR_OK);
  db_bind_text(s, 1, "Công an huyện");
  assert_int_equal(db_step(s, &err), 1);
  assert_string_equal(db_col_text(s, 0), "police");
  assert_int_equal(db_col_int(s, 1), 0);
  db_finalize(s);
  plan_free(&q);
  /* a second plan implements the first */
  long id2;
  assert_int_equal(save(&id2, f->st, &f->tester, &p, "kh2.txt", "y", &err), ERR_OK);
  assert_int_equal(set(f->st, &f->a, id2, "plan", 0, "parent_id", "999", NULL, &err),
                   ERR_NOT_FOUND);
  assert_int_equal(set(f->st, &f->a, id2, "plan", 0, "parent_id", "x", NULL, &err), ERR_INPUT);
  char buf[24];
  snprintf(buf, sizeof buf, "%ld", id2);
  assert_int_equal(set(f->st, &f->a, id2, "plan", 0, "parent_id", buf, NULL, &err), ERR_INPUT);
  snprintf(buf, sizeof buf, "%ld", id);
  assert_int_equal(set(f->st, &f->a, id2, "plan", 0, "parent_id", buf, NULL, &err), ERR_OK);
  assert_int_equal(store_plan_load(&q, &in, f->st, &f->tester, id2, &err), ERR_OK);
  assert_int_equal(in.parent_id, id);
  plan_free(&q);
  plan_free(&p);
  assert_int_equal(store_plan_load(&q, NULL, f->st, &f->tester, id + 100, &err), ERR_NOT_FOUND);
}

static void test_edit_publish_history(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  struct plan p, q;
  build_plan(&p);
  long id;
  assert_int_equal(save(&id, f->st, &f->tester, &p, "kh.txt", "x", &err), ERR_OK);
  long task = p.tasks[1].id;
  /* a draft: edits leave no history */
  assert_int_equal(set(f->st, &f->a, id, "task", task, "due_on", "15/10/2024", NULL, &err), ERR_OK);
  assert_int_equal(set(f->st, &f->a, id, "task", task, "due_on", "31/02/2024", NULL, &err),
                   ERR_INPUT);
  assert_int_equal(set(f->st, &f->a, id, "plan", 0, "kind", "yearly", NULL, &err), ERR_INPUT);
  assert_int_equal(set(f->st, &f->a, id, "plan", 0, "period_end", "2023-12-31", NULL, &err),
                   ERR_INPUT); /* before the start */
  assert_int_equal(set(f->st, &f->a, id, "target", p.targets[0].id, "value", "abc", NULL, &err),
                   ERR_INPUT);
  assert_int_equal(set(f->st, &f->a, id, "target", p.targets[0].id, "value", "nan", NULL, &err),
                   ERR_INPUT);
  assert_int_equal(set(f->st, &f->a, id, "target", p.targets[0].id, "value", "inf", NULL, &err),
                   ERR_INPUT);
  assert_int_equal(set(f->st, &f->a, id, "task", 99999, "text", "x", NULL, &err), ERR_NOT_FOUND);
  assert_int_equal(set(f->st, &f->a, id, "task", task, "owner", "x", NULL, &err),
                   ERR_INPUT); /* not a field */
  struct store_plan_change_list h;
  assert_int_equal(store_plan_history(&h, f->st, &f->tester, id, &err), ERR_OK);
  assert_int_equal(h.n, 0);
  store_plan_change_list_free(&h);
  /* publish; a second publish is refused */
  assert_int_equal(app_plan_publish(f->st, &f->chief, id, &err), ERR_OK);
  assert_int_equal(app_plan_publish(f->st, &f->chief, id, &err), ERR_CONFLICT);
  /* edits after publication are recorded */
  assert_int_equal(app_plan_agencies(f->st, &f->b, id, task, "lead", "Công an huyện; Phòng Y tế",
                                     "giao lại", &err),
                   ERR_OK);
  assert_int_equal(
      set(f->st, &f->b, id, "target", p.targets[0].id, "value", "130", "điều chỉnh", &err), ERR_OK);
  assert_int_equal(store_plan_history(&h, f->st, &f->tester, id, &err), ERR_OK);
  assert_int_equal(h.n, 2);
  assert_string_equal(h.items[0].field, "lead");
  assert_string_equal(h.items[0].old_value, "các cơ quan, đơn vị, địa phương");
  assert_string_equal(h.items[0].new_value, "Công an huyện; Phòng Y tế");
  assert_string_equal(h.items[0].reason, "giao lại");
  assert_string_equal(h.items[0].changed_by, "b");
  assert_string_equal(h.items[1].old_value, "122.0");
  assert_string_equal(h.items[1].new_value, "130");
  store_plan_change_list_free(&h);
  assert_int_equal(store_plan_load(&q, NULL, f->st, &f->tester, id, &err), ERR_OK);
  assert_int_equal(q.tasks[1].n_lead, 2);
  assert_string_equal(q.tasks[1].lead[1], "Phòng Y tế");
  assert_int_equal(q.tasks[1].due_on.m, 10);
  assert_true(q.targets[0].value == 130);
  plan_free(&q);
  /* closed: no more edits */
  assert_int_equal(app_plan_close(f->st, &f->chief, id, &err), ERR_OK);
  assert_int_equal(store_plan_history(&h, f->st, &f->tester, id, &err), ERR_OK);
  assert_int_equal(h.n, 3); /* closing is recorded too */
  assert_string_equal(h.items[2].field, "status");
  assert_string_equal(h.items[2].new_value, "closed");
  assert_string_equal(h.items[2].changed_by, "chief");
  store_plan_change_list_free(&h);
  assert_int_equal(set(f->st, &f->a, id, "plan", 0, "title", "X", NULL, &err), ERR_CONFLICT);
  long tid;
  assert_int_equal(app_plan_task_add(&tid, f->st, &f->a, id, "Nhiệm vụ mới", NULL, &err),
                   ERR_CONFLICT);
  struct store_plan_info_list l;
  assert_int_equal(store_plan_list(&l, f->st, &f->tester, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].status, "closed");
  store_plan_info_list_free(&l);
  plan_free(&p);
}

/* A process killed while saving plans leaves only whole plans. */
static void test_kill_mid_save(void **state)
{
  struct fx *f = *state;
  size_t len;
  char *text = tu_read_file(tu_source_path("tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"), &len);
  assert_non_null(text);
  struct err err = {0};
  struct plan p;
  assert_int_equal(plan_read_text(&p, text, len, &err), ERR_OK);
  size_t ntask = p.n_tasks;
  store_close(f->st);
  f->st = NULL;
  /* the child says when its first plan is saved, so the kill lands in a
   * later save however slow the machine is */
  int saved[2];
  assert_int_equal(pipe(saved), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(saved[0]);
    struct store *st;
    if (store_open(&st, f->path, NULL))
      _exit(1);
    for (int n = 0;; n++) {
      long id;
      if (save(&id, st, &f->tester, &p, "kh.txt", text, NULL))
        _exit(1);
      if (n == 0 && write(saved[1], "s", 1) != 1)
        _exit(1);
    }
  }
  close(saved[1]);
  char c;
  assert_int_equal(read(saved[0], &c, 1), 1);
  close(saved[0]);
  struct timespec ts = {0, 50 * 1000 * 1000}; /* into a later save, not a wait */
  nanosleep(&ts, NULL);
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFSIGNALED(status));
  assert_int_equal(store_open(&f->st, f->path, &err), ERR_OK);
  struct store_plan_info_list l;
  assert_int_equal(store_plan_list(&l, f->st, &f->tester, &err), ERR_OK);
  assert_true(l.n >= 1);
  for (size_t k = 0; k < l.n; k++)
    assert_int_equal(l.items[k].n_tasks, (int)ntask);
  store_plan_info_list_free(&l);
  /* and no orphan rows of a plan that was rolled back */
  struct stmt *s;
  assert_int_equal(db_prepare(&s, f->st,
                              "SELECT count(*) FROM task_agency a WHERE NOT EXISTS (SELECT 1 FROM "
                              "plan_task t WHERE t.id = a.task_id)",
                              &err),
                   ERR_OK);
  assert_int_equal(db_step(s, &err), 1);
  assert_int_equal(db_col_int(s, 0), 0);
  db_finalize(s);
  plan_free(&p);
  free(text);
}

/* With the official units loaded, the territory, the quota assignees and the
 * task agencies of the Lào Cai sample resolve to units (pre-2025 codes). */
static void test_units_resolved(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  assert_int_equal(tu_unit_import(f->st, tu_source_path("data/units"), NULL, &err), ERR_OK);
  size_t len;
  char *text = tu_read_file(tu_source_path("tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"), &len);
  assert_non_null(text);
  struct plan p;
  assert_int_equal(plan_read_text(&p, text, len, &err), ERR_OK);
  long id;
  assert_int_equal(save(&id, f->st, &f->tester, &p, "004.txt", text, &err), ERR_OK);
  struct store_plan_info in;
  struct plan q;
  assert_int_equal(store_plan_load(&q, &in, f->st, &f->tester, id, &err), ERR_OK);
  assert_string_equal(in.unit_tree, "pre2025");
  assert_string_equal(in.unit_code, "10"); /* tỉnh Lào Cai */
  plan_free(&q);
  /* GSO codes of Lào Cai's districts: Văn Bàn 089, thành phố Lào Cai 080 */
  static const char *const want[][2] = {{"Văn Bàn", "089"},
                                        {"thành phố Lào Cai", "080"},
                                        {"huyện Si Ma Cai", "084"},
                                        {"Công an tỉnh", "10"},
                                        {"Cục Hải quan tỉnh", "10"}};
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    struct stmt *s;
    assert_int_equal(db_prepare(&s, f->st,
                                "SELECT unit_code FROM target_quota WHERE assignee = ? UNION ALL "
                                "SELECT unit_code FROM task_agency WHERE text = ?",
                                &err),
                     ERR_OK);
    db_bind_text(s, 1, want[k][0]);
    db_bind_text(s, 2, want[k][0]);
    assert_int_equal(db_step(s, &err), 1);
    if (strcmp(db_col_text(s, 0), want[k][1]) != 0)
      fprintf(stderr, "%s: %s, expected %s\n", want[k][0], db_col_text(s, 0), want[k][1]);
    assert_string_equal(db_col_text(s, 0), want[k][1]);
    db_finalize(s);
  }
  plan_free(&p);
  free(text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_edit_publish_history, setup, teardown),
      cmocka_unit_test_setup_teardown(test_kill_mid_save, setup, teardown),
      cmocka_unit_test_setup_teardown(test_units_resolved, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
