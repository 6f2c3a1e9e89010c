/* test_app_cascade.c: plans that implement higher plans: the link read from the bases, and
 * the lower unit's draft derived from the higher plan (`plan derive`).
 *
 * PROV is a plan of the People's Committee of Lào Cai (today's tree, 15)
 * of 05/03/2026, numbered 07/KH-UBND, written here in the administrative
 * style; COMM is the plan of xã Bảo Thắng (02905, a commune of that
 * province) that opens "Thực hiện Kế hoạch số 07/KH-UBND ngày 05/3/2026 của
 * Ủy ban nhân dân tỉnh Lào Cai". HN is a plan of Hà Nội with the same
 * number and date: numbers repeat across provinces. What each test expects
 * was worked out by hand from these texts and from sample 004 (a real
 * province campaign plan of 2024) with the rules of docs/plans.md ("Plans
 * cascade"). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_cascade.h"
#include "app/app_monitor.h"
#include "app/app_plan.h"
#include "store/store.h"
#include "types/scope.h"

static const char PROV[] =
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 07/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026 trên địa bàn tỉnh Lào Cai\n"
    "I. MỤC TIÊU, CHỈ TIÊU\n"
    "1. Không để phát sinh điểm, tụ điểm phức tạp về ma túy mới.\n"
    "2. Phối hợp lập hồ sơ, đưa các đối tượng vào cơ sở cai nghiện bắt buộc: phường Lào Cai: 18 "
    "đối tượng; xã Bảo Thắng: 12 đối tượng.\n"
    "3. Các xã, phường tổ chức ít nhất 04 buổi tuyên truyền phòng, chống ma túy.\n"
    "II. NHIỆM VỤ\n"
    "1. Công an tỉnh chủ trì, phối hợp Ủy ban nhân dân các xã, phường rà soát, lập danh sách "
    "người sử dụng trái phép chất ma túy, hoàn thành trước ngày 30/6/2026.\n"
    "2. Sở Y tế chủ trì tổ chức điều trị nghiện bằng thuốc thay thế, thường xuyên.\n"
    "3. Cục Hải quan tỉnh chủ trì kiểm soát ma túy qua cửa khẩu, thường xuyên.\n"
    "4. Sở Giáo dục và Đào tạo chủ trì tuyên truyền phòng, chống ma túy trong trường học, "
    "thường xuyên.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Các cơ quan, đơn vị báo cáo kết quả 6 tháng trước ngày 10/6/2026 về Ủy ban nhân dân tỉnh "
    "(qua Công an tỉnh).\n";

static const char COMM[] =
    "ỦY BAN NHÂN DÂN\nXÃ BẢO THẮNG\nSố: 15/KH-UBND\nBảo Thắng, ngày 20 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nThực hiện công tác phòng, chống ma túy năm 2026\n"
    "Thực hiện Kế hoạch số 07/KH-UBND ngày 05/3/2026 của Ủy ban nhân dân tỉnh Lào Cai về phòng, "
    "chống ma túy năm 2026, Ủy ban nhân dân xã Bảo Thắng ban hành Kế hoạch thực hiện như sau:\n"
    "I. NHIỆM VỤ\n"
    "1. Công an xã chủ trì rà soát, lập danh sách người sử dụng trái phép chất ma túy trên địa "
    "bàn xã, hoàn thành trước ngày 25/6/2026.\n";

static const char HN[] =
    "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 07/KH-UBND\nHà Nội, ngày 05 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026 trên địa bàn thành phố Hà Nội\n"
    "I. NHIỆM VỤ\n1. Công an thành phố chủ trì rà soát người sử dụng trái phép chất ma túy, "
    "thường xuyên.\n";

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;  /* the local administrator, national */
  struct scope laocai; /* officer of Lào Cai (15, today's tree) */
  struct scope hanoi;  /* officer of Hà Nội (01) */
  struct scope leader; /* leader of Lào Cai */
  char prov[4200], comm[4200], hn[4200];
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "c.db"))
    return -1;
  tu_add_user(&f->laocai, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&f->hanoi, f->st, &f->admin, "cb.hanoi", "officer", "01");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  snprintf(f->prov, sizeof f->prov, "%s", tu_write_file(f->dir, "prov.txt", PROV));
  snprintf(f->comm, sizeof f->comm, "%s", tu_write_file(f->dir, "comm.txt", COMM));
  snprintf(f->hn, sizeof f->hn, "%s", tu_write_file(f->dir, "hn.txt", HN));
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

static long import(struct fx *f, const struct scope *sc, const char *path, int again, size_t *links)
{
  struct app_plan_import_in in = {path, again};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, sc, &in, &err))
    fail_msg("import %s: %s", path, err.msg);
  if (links)
    *links = out.n_links;
  return out.id;
}

static long parent_of(struct fx *f, long id)
{
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT coalesce(parent_id, 0) FROM plan WHERE id = %ld", id);
  return tu_count(f->st, sql);
}

static long count(struct fx *f, const char *sql)
{
  return tu_count(f->st, sql);
}

static void publish(struct fx *f, long id)
{
  struct err err = {0};
  if (app_plan_publish(f->st, &f->admin, id, &err))
    fail_msg("publish %ld: %s", id, err.msg);
}

/* ---- the link from the bases ---------------------------------------------- */

/* The commune's plan imported after the province's finds its parent; the link is audited. */
static void a_lower_plan_finds_its_parent(void **state)
{
  struct fx *f = *state;
  long hn = import(f, &f->admin, f->hn, 0, NULL);
  long prov = import(f, &f->laocai, f->prov, 0, NULL);
  size_t links;
  long comm = import(f, &f->laocai, f->comm, 0, &links);
  assert_int_equal(links, 1);
  assert_int_equal(parent_of(f, comm), prov); /* not Hà Nội's 07/KH-UBND: not above the commune */
  assert_int_equal(parent_of(f, prov), 0);
  assert_int_equal(parent_of(f, hn), 0);
  char sql[160];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM audit_log WHERE action = 'plan.link' AND record_id = %ld AND "
           "actor = 'cb.laocai'",
           comm);
  assert_int_equal(count(f, sql), 1);
}

/* The province's plan imported after the commune's adopts it; a published
 * lower plan keeps the change in its history. */
static void a_higher_plan_adopts_the_plans_citing_it(void **state)
{
  struct fx *f = *state;
  size_t links;
  long comm = import(f, &f->laocai, f->comm, 0, &links);
  assert_int_equal(links, 0);
  publish(f, comm);
  long prov = import(f, &f->laocai, f->prov, 0, &links);
  assert_int_equal(links, 1);
  assert_int_equal(parent_of(f, comm), prov);
  char sql[200];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM plan_change WHERE plan_id = %ld AND field = 'parent_id' AND "
           "old_value IS NULL AND new_value = '%ld'",
           comm, prov);
  assert_int_equal(count(f, sql), 1);
}

/* Two stored plans could be the one cited: none is taken. */
static void an_ambiguous_citation_links_nothing(void **state)
{
  struct fx *f = *state;
  import(f, &f->laocai, f->prov, 0, NULL);
  import(f, &f->laocai, f->prov, 1, NULL); /* the same plan stored twice */
  size_t links;
  long comm = import(f, &f->laocai, f->comm, 0, &links);
  assert_int_equal(links, 0);
  assert_int_equal(parent_of(f, comm), 0);
}

/* ---- plan derive ------------------------------------------------------------ */

static int derive(struct app_plan_derived *out, struct fx *f, const struct scope *sc, long parent,
                  const char *tree, const char *code, int days, struct err *err)
{
  struct app_plan_derive_in in = {parent, tree, code, days};
  return app_plan_derive(out, f->st, sc, &in, err);
}

/* The commune's draft from the province's plan, worked out by hand: its own
 * quota (12 dossiers), the quota every commune carries (4 sessions), the
 * target that holds everywhere (no new hotspot); the tasks of the
 * province's police, health and education departments through the
 * commune's police, health station and culture-society office, not the
 * customs' task; the report five days before the province's 10/06/2026. */
static void derive_drafts_what_falls_to_a_commune(void **state)
{
  struct fx *f = *state;
  long prov = import(f, &f->laocai, f->prov, 0, NULL);
  publish(f, prov);
  struct app_plan_derived d;
  struct err err = {0};
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "02905", -1, &err), ERR_OK);
  assert_string_equal(d.unit.tree, "post2025");
  assert_string_equal(d.unit.code, "02905");
  assert_int_equal(d.count.quotas, 2);
  assert_int_equal(d.count.targets, 1);
  assert_int_equal(d.count.tasks, 3);
  assert_int_equal(d.count.reports, 1);
  assert_int_equal(parent_of(f, d.id), prov);

  struct plan p;
  struct store_plan_info info;
  assert_int_equal(app_plan_show(&p, &info, f->st, &f->laocai, d.id, &err), ERR_OK);
  assert_string_equal(info.status, "draft");
  assert_string_equal(info.unit_code, "02905");
  assert_string_equal(p.title, "Phòng, chống ma túy năm 2026 trên địa bàn xã Bảo Thắng");
  assert_string_equal(p.issuer, "Ủy ban nhân dân xã Bảo Thắng");
  assert_int_equal(p.n_bases, 1);
  assert_string_equal(p.bases[0].number, "07/KH-UBND");
  assert_int_equal(p.n_targets, 3);
  assert_int_equal(p.targets[0].kind, TARGET_ZERO);
  assert_true(p.targets[1].value == 12 && p.targets[1].n_quotas == 0);
  assert_true(p.targets[2].value == 4 && p.targets[2].n_quotas == 0);
  assert_int_equal(p.n_tasks, 3);
  assert_int_equal(p.tasks[0].n_lead, 1);
  assert_string_equal(p.tasks[0].lead[0], "Công an xã Bảo Thắng");
  assert_int_equal(p.tasks[0].n_support, 1);
  assert_string_equal(p.tasks[0].support[0], "Ủy ban nhân dân xã Bảo Thắng");
  assert_int_equal(p.tasks[0].due_on.m, 6);
  assert_int_equal(p.tasks[0].due_on.d, 30);
  assert_string_equal(p.tasks[1].lead[0], "Trạm Y tế xã Bảo Thắng");
  assert_string_equal(p.tasks[2].lead[0], "Phòng Văn hóa - Xã hội xã Bảo Thắng");
  assert_int_equal(p.n_reports, 1);
  assert_int_equal(p.reports[0].due_on.y, 2026);
  assert_int_equal(p.reports[0].due_on.m, 6);
  assert_int_equal(p.reports[0].due_on.d, 5);
  plan_free(&p);
  /* the mirrored agencies resolve to the commune's own bodies */
  char sql[256];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM task_agency a JOIN plan_task t ON t.id = a.task_id WHERE "
           "t.plan_id = %ld AND a.unit_code = '02905' AND a.agency_kind IS NOT NULL",
           d.id);
  assert_int_equal(count(f, sql), 4);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM audit_log WHERE action = 'plan.derive' AND record_id = %ld AND "
           "actor = 'cb.laocai'",
           d.id);
  assert_int_equal(count(f, sql), 1);

  /* a chosen number of days earlier */
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "02647", 9, &err), ERR_OK);
  assert_int_equal(app_plan_show(&p, NULL, f->st, &f->laocai, d.id, &err), ERR_OK);
  assert_int_equal(p.reports[0].due_on.d, 1); /* 10/06 - 9 days */
  assert_true(p.targets[1].value == 18);      /* phường Lào Cai's quota */
  plan_free(&p);
}

/* What derive refuses, and that a refusal writes nothing. */
static void derive_refuses_and_writes_nothing(void **state)
{
  struct fx *f = *state;
  long prov = import(f, &f->laocai, f->prov, 0, NULL);
  struct app_plan_derived d;
  struct err err = {0};
  long plans = count(f, "SELECT count(*) FROM plan");
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "02905", -1, &err), ERR_CONFLICT);
  assert_non_null(strstr(err.msg, "chưa ban hành"));
  publish(f, prov);
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "15", -1, &err), ERR_INPUT);
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "00004", -1, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "Ba Đình"));
  assert_int_equal(derive(&d, f, &f->laocai, prov, NULL, "02905", 91, &err), ERR_INPUT);
  assert_int_equal(derive(&d, f, &f->hanoi, prov, NULL, "02905", -1, &err), ERR_NOT_FOUND);
  assert_int_equal(derive(&d, f, &f->leader, prov, NULL, "02905", -1, &err), ERR_DENIED);
  assert_int_equal(d.id, 0);
  assert_int_equal(count(f, "SELECT count(*) FROM plan"), plans);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'plan.derive'"), 0);
}

/* A commune reads the published plan of its province — the plan it
 * implements — and derives its own from it; it never reads the province's
 * draft, another province's plan, nor changes the province's plan. */
static void a_commune_reads_its_provinces_plan(void **state)
{
  struct fx *f = *state;
  struct scope bt;
  tu_add_user(&bt, f->st, &f->admin, "cb.baothang", "officer", "02905");
  long prov = import(f, &f->laocai, f->prov, 0, NULL);
  long hn = import(f, &f->hanoi, f->hn, 0, NULL);
  publish(f, hn);
  struct plan p;
  struct store_plan_info info;
  struct err err = {0};
  assert_int_equal(app_plan_show(&p, &info, f->st, &bt, prov, &err), ERR_NOT_FOUND); /* a draft */
  publish(f, prov);
  assert_int_equal(app_plan_show(&p, &info, f->st, &bt, prov, &err), ERR_OK);
  assert_string_equal(info.unit_code, "15");
  plan_free(&p);
  assert_int_equal(app_plan_show(&p, &info, f->st, &bt, hn, &err), ERR_NOT_FOUND);
  struct store_plan_info_list l;
  assert_int_equal(app_plan_list(&l, f->st, &bt, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].id, prov);
  store_plan_info_list_free(&l);
  /* reading grants no change */
  assert_int_equal(app_plan_close(f->st, &bt, prov, &err), ERR_NOT_FOUND);
  struct app_plan_set_in set = {prov, "plan", 0, "title", "Đổi tên", NULL};
  assert_int_equal(app_plan_set(f->st, &bt, &set, &err), ERR_NOT_FOUND);
  /* its own plan, derived from the province's: in its territory, linked */
  struct app_plan_derived d;
  assert_int_equal(derive(&d, f, &bt, prov, NULL, "02905", -1, &err), ERR_OK);
  assert_int_equal(parent_of(f, d.id), prov);
  assert_int_equal(d.count.quotas, 2);
  /* not for a neighbouring commune */
  assert_int_equal(derive(&d, f, &bt, prov, NULL, "02647", -1, &err), ERR_DENIED);
}

/* Sample 004, the province's 2024 campaign (old units): Bảo Thắng district's
 * share read by hand from the document: 20 sessions (line 51, every
 * district), 5 sessions (line 55, the border districts it lists), 22
 * rehabilitation dossiers (line 63), 21 cases (line 75; the districts' 160
 * beside the police's, border guard's and customs' shares is a total, not
 * each district's); the reports 3/10, 3/11 and 18/12/2024 five days
 * earlier. */
static void derive_a_district_from_a_real_plan(void **state)
{
  struct fx *f = *state;
  char path[4200];
  snprintf(path, sizeof path, "%s",
           tu_source_path("tests/fixtures/plans/004_91f2c84d0a0eb75f.txt"));
  long prov = import(f, &f->admin, path, 0, NULL);
  publish(f, prov);
  struct app_plan_derived d;
  struct err err = {0};
  assert_int_equal(derive(&d, f, &f->admin, prov, NULL, "086", -1, &err), ERR_OK);
  assert_string_equal(d.unit.tree, "pre2025");
  assert_int_equal(d.count.quotas, 4);
  struct plan p;
  assert_int_equal(app_plan_show(&p, NULL, f->st, &f->admin, d.id, &err), ERR_OK);
  double want[] = {20, 5, 22, 21};
  size_t k = 0;
  for (size_t i = 0; i < p.n_targets; i++)
    if (p.targets[i].kind == TARGET_COUNT_MIN && strstr(p.targets[i].text, "huyện"))
      assert_true(k < 4 && p.targets[i].value == want[k++]);
  assert_int_equal(k, 4);
  /* the customs' own tasks do not reach a district; the police's do, through its police */
  int customs = 0, police = 0;
  for (size_t i = 0; i < p.n_tasks; i++)
    for (size_t j = 0; j < p.tasks[i].n_lead; j++) {
      customs += strstr(p.tasks[i].lead[j], "Hải quan") != NULL;
      police += strcmp(p.tasks[i].lead[j], "Công an huyện Bảo Thắng") == 0;
    }
  assert_int_equal(customs, 0);
  assert_true(police >= 6); /* the six tasks of IV.3.1 at least */
  assert_int_equal(p.n_reports, 3);
  assert_int_equal(p.reports[0].due_on.m, 9);
  assert_int_equal(p.reports[0].due_on.d, 28);
  assert_int_equal(p.reports[1].due_on.m, 10);
  assert_int_equal(p.reports[1].due_on.d, 29);
  assert_int_equal(p.reports[2].due_on.d, 13);
  plan_free(&p);
}

/* The province's status shows its lower plans: the two communes' drafts,
 * each with its 3 targets (none bound yet: 3 unbound). */
static void the_lower_plans_roll_up(void **state)
{
  struct fx *f = *state;
  long prov = import(f, &f->laocai, f->prov, 0, NULL);
  publish(f, prov);
  struct app_plan_derived d1, d2;
  struct err err = {0};
  assert_int_equal(derive(&d1, f, &f->laocai, prov, NULL, "02905", -1, &err), ERR_OK);
  assert_int_equal(derive(&d2, f, &f->laocai, prov, NULL, "02647", -1, &err), ERR_OK);
  struct target_report r;
  struct app_plan_status_in in = {prov, "2026-06-30", NULL, NULL};
  assert_int_equal(app_plan_status(&r, f->st, &f->laocai, &in, &err), ERR_OK);
  assert_int_equal(app_plan_rollup(&r, f->st, &f->laocai, &err), ERR_OK);
  assert_true(r.has_lower);
  assert_int_equal(r.n_lower, 2);
  for (size_t i = 0; i < 2; i++) {
    assert_int_equal(r.lower[i].total, 3);
    assert_int_equal(r.lower[i].n[TARGET_UNBOUND], 3);
    assert_string_equal(r.lower[i].status, "draft");
  }
  int seen = 0;
  for (size_t i = 0; i < 2; i++)
    seen += strcmp(r.lower[i].unit_name, "xã Bảo Thắng") == 0;
  assert_int_equal(seen, 1);
  target_report_free(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(a_lower_plan_finds_its_parent, setup, teardown),
      cmocka_unit_test_setup_teardown(a_higher_plan_adopts_the_plans_citing_it, setup, teardown),
      cmocka_unit_test_setup_teardown(an_ambiguous_citation_links_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(derive_drafts_what_falls_to_a_commune, setup, teardown),
      cmocka_unit_test_setup_teardown(derive_refuses_and_writes_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(derive_a_district_from_a_real_plan, setup, teardown),
      cmocka_unit_test_setup_teardown(the_lower_plans_roll_up, setup, teardown),
      cmocka_unit_test_setup_teardown(a_commune_reads_its_provinces_plan, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
