/* test_app_monitor.c: binding and evaluating targets through the store, on figures worked out
 * by hand.
 *
 * The figures are aggregate values entered per unit and period
 * (app_indicator_enter), so that each sum is visible here: the targets are
 * bound to `express_leads`, an aggregate flow, as a reviewer may bind any
 * target (the rules under test are the binding, the spans, the succession
 * and the status, not the wording).
 *
 * Across the reform: new Lào Cai (post2025:15) took old Lào Cai
 * (pre2025:10) and old Yên Bái (pre2025:15). 2025 = 50 (old Lào Cai, first
 * half) + 30 (old Yên Bái, first half) + 120 (new Lào Cai, second half) =
 * 200, of which 80 by 30/06/2025; "at least 5% more" asks 210. By 30/06/2026
 * 40 + 60 = 100; last year's shape projects 100 × 200 / 80 = 250: on track.
 *
 * A quota list (sample 004, phase 1 01/09-31/10/2024, 61 days; read on
 * 30/09, 30 days gone): thành phố Lào Cai (080) 30 of 45 projects
 * 30 × 61 / 30 = 61, on track; thị xã Sa Pa (088) 3 of 10 projects 6.1, at
 * risk; Văn Bàn has no figure, not measurable; the whole (160) 33 projects
 * 67.1, at risk. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_indicator.h"
#include "app/app_monitor.h"
#include "app/app_plan.h"
#include "store/store.h"
#include "types/scope.h"

static const char LC[] =
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 09/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
    "I. MỤC TIÊU\n1. Phát hiện, bắt giữ tăng ít nhất 5% số vụ phạm tội về ma túy so với năm "
    "2025.\n2. Không để hình thành mới điểm, tụ điểm phức tạp về ma túy.\n"
    "II. NHIỆM VỤ\n1. Đấu tranh\n- Tổ chức tấn công, trấn áp tội phạm ma túy (Công an tỉnh chủ "
    "trì, thường xuyên).\n"
    "III. TỔ CHỨC THỰC HIỆN\nBáo cáo 6 tháng trước ngày 10/6/2026.\n";

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;  /* the local administrator, national */
  struct scope laocai; /* officer of Lào Cai (15, today's tree) */
  struct scope hanoi;  /* officer of Hà Nội (01) */
  struct scope leader; /* leader of Lào Cai */
  long plan;           /* the imported plan */
  long targets[20];    /* its targets' ids, in order */
  size_t n_targets;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "t.db"))
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

/* Import the document at `path` as cb.laocai, publish it, keep its target ids. */
static void import(struct fx *f, const char *path)
{
  struct err err = {0};
  struct app_plan_import_in in = {path, 0};
  struct app_plan_imported r;
  if (app_plan_import(&r, f->st, &f->laocai, &in, &err))
    fail_msg("import: %s", err.msg);
  f->plan = r.id;
  assert_int_equal(app_plan_publish(f->st, &f->laocai, f->plan, &err), ERR_OK);
  struct plan p;
  assert_int_equal(app_plan_show(&p, NULL, f->st, &f->laocai, f->plan, &err), ERR_OK);
  f->n_targets = p.n_targets;
  for (size_t i = 0; i < p.n_targets && i < 20; i++)
    f->targets[i] = p.targets[i].id;
  plan_free(&p);
}

static void enter(struct fx *f, const char *tree, const char *code, const char *period, double v)
{
  struct err err = {0};
  struct app_ind_entry e = {"express_leads", tree, code, NULL, {0}, v, "báo cáo", NULL};
  assert_int_equal(period_parse(&e.period, period, &err), ERR_OK);
  struct indicator_entered out;
  if (app_indicator_enter(&out, f->st, &f->admin, &e, &err))
    fail_msg("enter %s:%s %s: %s", tree, code, period, err.msg);
}

static void bind(struct fx *f, size_t target, const char *indicator, const char *scope)
{
  struct err err = {0};
  struct app_plan_bind_in in = {f->plan, f->targets[target], indicator, scope};
  if (app_plan_bind(f->st, &f->laocai, &in, &err))
    fail_msg("bind: %s", err.msg);
}

static void status(struct target_report *r, struct fx *f, const char *at, const char *tree,
                   const char *unit)
{
  struct err err = {0};
  struct app_plan_status_in in = {f->plan, at, tree, unit};
  if (app_plan_status(r, f->st, &f->laocai, &in, &err))
    fail_msg("status: %s", err.msg);
}

/* ---- growth across the reform, unbound, manual ---------------------------- */

static void growth_over_2025_through_the_succession(void **state)
{
  struct fx *f = *state;
  import(f, tu_write_file(f->dir, "lc.txt", LC));
  assert_int_equal(f->n_targets, 2);
  enter(f, "pre2025", "10", "2025-H1", 50);
  enter(f, "pre2025", "15", "2025-H1", 30);
  enter(f, "post2025", "15", "2025-H2", 120);
  enter(f, "post2025", "15", "2026-Q1", 40);
  enter(f, "post2025", "15", "2026-Q2", 60);
  bind(f, 0, "express_leads", NULL);
  char action[64], actor[64];
  long rec;
  tu_last_audit(action, actor, &rec, f->st);
  assert_string_equal(action, "plan.bind");
  assert_string_equal(actor, "cb.laocai");
  assert_int_equal(rec, f->plan);

  struct target_report r;
  status(&r, f, "30/06/2026", NULL, NULL);
  assert_int_equal(r.n, 2);
  const struct target_row *g = &r.rows[0];
  assert_string_equal(g->scope, "plan");
  assert_string_equal(g->unit.tree, "post2025");
  assert_string_equal(g->unit.code, "15");
  assert_true(g->in.has_value);
  assert_float_equal(g->in.value, 100, 1e-9);
  assert_true(g->in.has_before);
  assert_float_equal(g->in.before, 200, 1e-9);
  assert_true(g->in.has_shape);
  assert_float_equal(g->in.shape, 200.0 / 80, 1e-9);
  assert_float_equal(g->eval.required, 210, 1e-9);
  assert_int_equal(g->eval.method, TARGET_PROJ_LAST_YEAR);
  assert_float_equal(g->eval.projection, 250, 1e-9);
  assert_int_equal(g->eval.status, TARGET_ON_TRACK);
  assert_int_equal(g->before_from.y, 2025);

  /* the second target is not bound: listed, with its proposal */
  const struct target_row *z = &r.rows[1];
  assert_false(z->bound);
  assert_int_equal(z->eval.status, TARGET_UNBOUND);
  assert_string_equal(z->proposal, "hotspots_new");
  target_report_free(&r);

  /* bound to hand-entered values: one new hotspot reported on 01/03 misses it */
  bind(f, 1, "manual", NULL);
  struct err err = {0};
  long vid;
  struct app_target_value_in v = {f->plan, f->targets[1], 0, "01/03/2026", 1, "báo cáo tháng 3"};
  assert_int_equal(app_target_value(&vid, f->st, &f->laocai, &v, &err), ERR_OK);
  assert_true(vid > 0);
  tu_last_audit(action, actor, &rec, f->st);
  assert_string_equal(action, "plan.target_value");
  status(&r, f, "2026-06-30", NULL, NULL);
  assert_true(r.rows[1].manual);
  assert_int_equal(r.rows[1].eval.status, TARGET_MISSED);
  /* before the value's date it was still on track */
  target_report_free(&r);
  status(&r, f, "2026-02-28", NULL, NULL);
  assert_int_equal(r.rows[1].eval.status, TARGET_NOT_MEASURABLE); /* no value yet */
  target_report_free(&r);

  /* a value for a target bound to an indicator is refused */
  v.target_id = f->targets[0];
  assert_int_equal(app_target_value(&vid, f->st, &f->laocai, &v, &err), ERR_INPUT);
}

/* ---- scope and roles ------------------------------------------------------ */

static void outside_the_territory_is_not_found(void **state)
{
  struct fx *f = *state;
  import(f, tu_write_file(f->dir, "lc.txt", LC));
  struct err err = {0};
  struct target_report r;
  struct app_plan_status_in si = {f->plan, NULL, NULL, NULL};
  assert_int_equal(app_plan_status(&r, f->st, &f->hanoi, &si, &err), ERR_NOT_FOUND);
  assert_int_equal(r.n, 0);
  long before = tu_count(f->st, "SELECT count(*) FROM audit_log");
  struct app_plan_bind_in in = {f->plan, f->targets[0], "cases_detected", NULL};
  assert_int_equal(app_plan_bind(f->st, &f->hanoi, &in, &err), ERR_NOT_FOUND);
  /* a leader reads, never binds; neither refusal writes anything */
  assert_int_equal(app_plan_bind(f->st, &f->leader, &in, &err), ERR_DENIED);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log"), before);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM target_binding"), 0);
  struct app_plan_status_in li = {f->plan, "30/06/2026", NULL, NULL};
  assert_int_equal(app_plan_status(&r, f->st, &f->leader, &li, &err), ERR_OK);
  target_report_free(&r);
  /* bad input */
  in.indicator = "no_such_indicator";
  assert_int_equal(app_plan_bind(f->st, &f->laocai, &in, &err), ERR_INPUT);
  in.indicator = "cases_detected";
  in.scope = "quota"; /* the target has no quotas */
  assert_int_equal(app_plan_bind(f->st, &f->laocai, &in, &err), ERR_INPUT);
  /* a closed plan is not bound */
  in.scope = NULL;
  assert_int_equal(app_plan_close(f->st, &f->laocai, f->plan, &err), ERR_OK);
  assert_int_equal(app_plan_bind(f->st, &f->laocai, &in, &err), ERR_CONFLICT);
}

/* ---- a quota list ----------------------------------------------------------- */

static void quota_list_per_unit_and_total(void **state)
{
  struct fx *f = *state;
  import(f, tu_source_path("tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"));
  assert_int_equal(f->n_targets, 16);
  enter(f, "pre2025", "080", "2024-09", 30);
  enter(f, "pre2025", "088", "2024-09", 3);
  bind(f, 15, "express_leads", NULL); /* "Các huyện, thị xã, thành phố 160 vụ, cụ thể: ..." */
  struct target_report r;
  status(&r, f, "30/09/2024", NULL, NULL);
  const struct target_row *whole = NULL, *city = NULL, *sapa = NULL, *vanban = NULL;
  for (size_t i = 0; i < r.n; i++) {
    const struct target_row *x = &r.rows[i];
    if (x->target_id != f->targets[15])
      continue;
    if (!x->quota_id)
      whole = x;
    else if (strcmp(x->assignee, "thành phố Lào Cai") == 0)
      city = x;
    else if (strcmp(x->assignee, "thị xã Sa Pa") == 0)
      sapa = x;
    else if (strcmp(x->assignee, "huyện Văn Bàn") == 0)
      vanban = x;
  }
  assert_non_null(whole);
  assert_non_null(city);
  assert_non_null(sapa);
  assert_non_null(vanban);
  assert_string_equal(whole->scope, "quota");
  assert_float_equal(whole->eval.required, 160, 1e-9);
  assert_float_equal(whole->in.value, 33, 1e-9);
  assert_float_equal(whole->eval.projection, 33.0 * 61 / 30, 1e-9);
  assert_int_equal(whole->eval.status, TARGET_AT_RISK);
  assert_string_equal(city->unit.code, "080");
  assert_float_equal(city->eval.required, 45, 1e-9);
  assert_float_equal(city->eval.projection, 61, 1e-9);
  assert_int_equal(city->eval.status, TARGET_ON_TRACK);
  assert_float_equal(sapa->eval.projection, 6.1, 1e-9);
  assert_int_equal(sapa->eval.status, TARGET_AT_RISK);
  assert_int_equal(vanban->eval.status, TARGET_NOT_MEASURABLE);
  /* every other target is listed, unbound */
  size_t unbound = 0;
  for (size_t i = 0; i < r.n; i++)
    unbound += r.rows[i].eval.status == TARGET_UNBOUND;
  assert_int_equal(unbound, 15);
  target_report_free(&r);

  /* --unit 080 (old tree, the plan's date): its row and the unbound targets */
  status(&r, f, "30/09/2024", NULL, "080");
  assert_int_equal(r.n, 16);
  size_t city_rows = 0;
  for (size_t i = 0; i < r.n; i++)
    city_rows += r.rows[i].bound && strcmp(r.rows[i].unit.code, "080") == 0;
  assert_int_equal(city_rows, 1);
  target_report_free(&r);
  /* a unit outside the territory */
  struct err err = {0};
  struct app_plan_status_in in = {f->plan, "30/09/2024", "post2025", "01"};
  assert_int_equal(app_plan_status(&r, f->st, &f->laocai, &in, &err), ERR_DENIED);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(growth_over_2025_through_the_succession, setup, teardown),
      cmocka_unit_test_setup_teardown(outside_the_territory_is_not_found, setup, teardown),
      cmocka_unit_test_setup_teardown(quota_list_per_unit_and_total, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
