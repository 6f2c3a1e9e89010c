/* test_app_plan.c: the plans' operations: territory, roles, audit rows, --again, lifecycle.
 *
 * The plans are small documents written here, in the administrative style:
 * LC is the People's Committee of Lào Cai's plan of 05/03/2026 (so its
 * territory is the Lào Cai of today's tree, 15), with three tasks whose
 * four-clear verdicts follow from the rules by hand: II.1 names a lead, a
 * concrete action and a deadline (clear); II.2 names no lead and no time
 * (two defects: who, when); II.3 is a slogan with a lead and a cadence
 * (one defect: what). NT is a plan of a steering committee that names no
 * place. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_plan.h"
#include "store/store.h"
#include "types/scope.h"

static const char LC[] =
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 07/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\n"
    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
    "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2025.\n"
    "II. NHIỆM VỤ\n1. Tuyên truyền\n"
    "- Tổ chức tuyên truyền tại các trường học trên địa bàn tỉnh (Sở Giáo dục và Đào tạo chủ "
    "trì, phối hợp Công an tỉnh, hoàn thành trước 30/6/2026).\n"
    "2. Quản lý người nghiện\n- Rà soát, lập danh sách người nghiện ma túy trên địa bàn.\n"
    "3. Phòng ngừa\n- Nâng cao hiệu quả công tác phòng ngừa xã hội (Công an tỉnh chủ trì, "
    "thường xuyên).\n"
    "III. TỔ CHỨC THỰC HIỆN\nBáo cáo 6 tháng trước ngày 10/6/2026.\n";

static const char NT[] = "BAN CHỈ ĐẠO 138\nSố: 12/KH-BCĐ\nKẾ HOẠCH\n"
                         "Tuyên truyền phòng, chống ma túy năm 2026\nI. NHIỆM VỤ\n"
                         "- Tổ chức tuyên truyền phòng, chống ma túy tại các khu dân cư (Công an "
                         "chủ trì, hoàn thành trước 30/6/2026).\n";

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;      /* the local administrator, national */
  struct scope laocai;     /* officer of Lào Cai (15, today's tree) */
  struct scope hanoi;      /* officer of Hà Nội (01) */
  struct scope leader;     /* leader of Lào Cai */
  struct scope agency;     /* member agency of Lào Cai (health) */
  char lc[4200], nt[4200]; /* the documents' paths */
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "p.db"))
    return -1;
  tu_add_user(&f->laocai, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&f->hanoi, f->st, &f->admin, "cb.hanoi", "officer", "01");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  tu_add_user(&f->agency, f->st, &f->admin, "yt.laocai", "agency", "15");
  snprintf(f->lc, sizeof f->lc, "%s", tu_write_file(f->dir, "lc.txt", LC));
  snprintf(f->nt, sizeof f->nt, "%s", tu_write_file(f->dir, "nt.txt", NT));
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

/* Import `path` as sc; the new id (the test fails on error). */
static long import(struct fx *f, const struct scope *sc, const char *path, int again)
{
  struct app_plan_import_in in = {path, again};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, sc, &in, &err))
    fail_msg("import %s: %s", path, err.msg);
  return out.id;
}

static long count(struct fx *f, const char *sql)
{
  return tu_count(f->st, sql);
}

static void assert_audit(struct fx *f, const char *action, const char *actor, long id)
{
  char a[64], who[64];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, action);
  assert_string_equal(who, actor);
  assert_int_equal(rid, id);
}

/* ---- import --------------------------------------------------------------- */

/* A plan is placed in the territory it names, on its date; the import is audited. */
static void import_places_the_plan_in_its_territory(void **state)
{
  struct fx *f = *state;
  struct app_plan_import_in in = {f->lc, 0};
  struct app_plan_imported out;
  struct err err = {0};
  assert_int_equal(app_plan_import(&out, f->st, &f->laocai, &in, &err), ERR_OK);
  assert_true(out.id > 0);
  assert_int_equal(out.territory_found, 1);
  assert_string_equal(out.unit.tree, "post2025");
  assert_string_equal(out.unit.code, "15");
  assert_int_equal(out.n_tasks, 3);
  assert_int_equal(out.n_reports, 1);
  assert_int_equal(count(f, "SELECT count(*) FROM plan p JOIN unit u ON u.id = p.unit_id WHERE "
                            "u.tree = 'post2025' AND u.code = '15' AND p.unit_code = '15' AND "
                            "p.issuer_kind = 'peoples_committee' AND p.created_by = 'cb.laocai'"),
                   1);
  assert_audit(f, "plan.import", "cb.laocai", out.id);
}

/* The same number and issuer again: refused unless asked for, nothing written. */
static void import_again_needs_again(void **state)
{
  struct fx *f = *state;
  long id = import(f, &f->laocai, f->lc, 0);
  struct app_plan_import_in in = {f->lc, 0};
  struct app_plan_imported out;
  struct err err = {0};
  assert_int_equal(app_plan_import(&out, f->st, &f->laocai, &in, &err), ERR_CONFLICT);
  assert_non_null(strstr(err.msg, "07/KH-UBND"));
  char want[64];
  snprintf(want, sizeof want, "đã có (kế hoạch số %ld)", id);
  assert_non_null(strstr(err.msg, want));
  assert_non_null(strstr(err.msg, "--again"));
  assert_int_equal(out.id, 0);
  assert_int_equal(count(f, "SELECT count(*) FROM plan"), 1);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'plan.import'"), 1);
  /* the national administrator sees that plan too */
  assert_int_equal(app_plan_import(&out, f->st, &f->admin, &in, &err), ERR_CONFLICT);
  long again = import(f, &f->laocai, f->lc, 1);
  assert_true(again > id);
  assert_int_equal(count(f, "SELECT count(*) FROM plan"), 2);
  assert_audit(f, "plan.import", "cb.laocai", again);
}

/* A plan of another territory is refused; one naming no territory becomes the importer's. */
static void import_stays_in_the_territory(void **state)
{
  struct fx *f = *state;
  struct app_plan_import_in in = {f->lc, 0};
  struct app_plan_imported out;
  struct err err = {0};
  assert_int_equal(app_plan_import(&out, f->st, &f->hanoi, &in, &err), ERR_DENIED);
  assert_non_null(strstr(err.msg, "Lào Cai"));
  assert_int_equal(count(f, "SELECT count(*) FROM plan"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'plan.%'"), 0);
  struct app_plan_import_in nt = {f->nt, 0};
  assert_int_equal(app_plan_import(&out, f->st, &f->hanoi, &nt, &err), ERR_OK);
  assert_int_equal(out.territory_found, 0);
  assert_string_equal(out.unit.code, "01");
  assert_int_equal(count(f, "SELECT count(*) FROM plan WHERE unit_id = (SELECT id FROM unit "
                            "WHERE tree = 'post2025' AND code = '01')"),
                   1);
  assert_audit(f, "plan.import", "cb.hanoi", out.id);
  /* the national administrator's plan without territory is national */
  long nat = import(f, &f->admin, f->nt, 1);
  assert_int_equal(count(f, "SELECT count(*) FROM plan WHERE unit_id IS NULL"), 1);
  struct plan p;
  assert_int_equal(app_plan_show(&p, NULL, f->st, &f->hanoi, nat, &err), ERR_NOT_FOUND);
}

/* A file that holds no plan is refused by read and by import, and stores nothing. */
static void a_file_without_a_plan_is_refused(void **state)
{
  struct fx *f = *state;
  const char *prose =
      tu_write_file(f->dir, "prose.txt",
                    "Hôm nay, ngày 12/3/2025, Công an huyện tổ chức buổi gặp mặt "
                    "các gia đình.\nCuộc đi dã ngoại của lớp bị hoãn vì trời mưa.\n");
  struct plan p;
  struct err err = {0};
  assert_int_equal(app_plan_read(&p, prose, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "không chứa kế hoạch"));
  plan_free(&p);
  struct app_plan_import_in in = {prose, 0};
  struct app_plan_imported out;
  assert_int_equal(app_plan_import(&out, f->st, &f->laocai, &in, &err), ERR_INPUT);
  assert_int_equal(count(f, "SELECT count(*) FROM plan"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'plan.%'"), 0);
  assert_int_equal(app_plan_read(&p, f->lc, &err), ERR_OK);
  assert_string_equal(p.number, "07/KH-UBND");
  plan_free(&p);
}

/* ---- reads ---------------------------------------------------------------- */

/* Every role reads the plans of its territory, and only those. */
static void reads_follow_the_territory(void **state)
{
  struct fx *f = *state;
  long lc = import(f, &f->laocai, f->lc, 0);
  long hn = import(f, &f->hanoi, f->nt, 0);
  struct err err = {0};
  struct store_plan_info_list l;
  assert_int_equal(app_plan_list(&l, f->st, &f->admin, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  store_plan_info_list_free(&l);
  const struct scope *lao[] = {&f->laocai, &f->leader, &f->agency};
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(app_plan_list(&l, f->st, lao[k], &err), ERR_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.items[0].id, lc);
    assert_string_equal(l.items[0].unit_name, "tỉnh Lào Cai");
    store_plan_info_list_free(&l);
    struct plan p;
    struct store_plan_info in;
    assert_int_equal(app_plan_show(&p, &in, f->st, lao[k], lc, &err), ERR_OK);
    assert_string_equal(in.unit_code, "15");
    plan_free(&p);
  }
  /* Hà Nội's officer: Lào Cai's plan is not found, exactly as a missing one */
  assert_int_equal(app_plan_list(&l, f->st, &f->hanoi, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].id, hn);
  store_plan_info_list_free(&l);
  struct plan p;
  struct store_plan_info in;
  assert_int_equal(app_plan_show(&p, &in, f->st, &f->hanoi, lc, &err), ERR_NOT_FOUND);
  char outside[ERR_MSG_MAX], missing[ERR_MSG_MAX];
  snprintf(outside, sizeof outside, "%s", err.msg);
  assert_int_equal(app_plan_show(&p, &in, f->st, &f->hanoi, 999, &err), ERR_NOT_FOUND);
  snprintf(missing, sizeof missing, "%s", err.msg);
  char want[64];
  snprintf(want, sizeof want, "không có kế hoạch số hiệu %ld", lc);
  assert_string_equal(outside, want);
  assert_string_equal(missing, "không có kế hoạch số hiệu 999");
  struct app_plan_check c;
  assert_int_equal(app_plan_check(&c, f->st, &f->hanoi, lc, &err), ERR_NOT_FOUND);
  app_plan_check_free(&c);
  struct store_plan_change_list h;
  assert_int_equal(app_plan_history(&h, f->st, &f->hanoi, lc, &err), ERR_NOT_FOUND);
  /* reads write no audit row: plans hold no personal data */
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'plan.%'"), 2);
}

/* The four-clear summary adds up: II.1 clear; II.2 who and when; II.3 what. */
static void check_counts_tasks_and_defects(void **state)
{
  struct fx *f = *state;
  long id = import(f, &f->laocai, f->lc, 0);
  struct app_plan_check c;
  struct err err = {0};
  assert_int_equal(app_plan_check(&c, f->st, &f->leader, id, &err), ERR_OK);
  assert_int_equal(c.count.tasks, 3);
  assert_int_equal(c.count.clear, 1);
  assert_int_equal(c.count.unclear, 2);
  assert_int_equal(c.count.defects, 3);
  assert_int_equal(c.defects.n, 3);
  assert_string_equal(c.plan.tasks[c.defects.items[0].task].section, "II.2");
  assert_int_equal(c.defects.items[0].kind, DEFECT_WHO);
  assert_int_equal(c.defects.items[1].kind, DEFECT_WHEN);
  assert_string_equal(c.plan.tasks[c.defects.items[2].task].section, "II.3");
  assert_int_equal(c.defects.items[2].kind, DEFECT_WHAT);
  app_plan_check_free(&c);
}

/* ---- changes -------------------------------------------------------------- */

/* Each change writes its audit row, by the acting user, about the plan. */
static void every_change_is_audited(void **state)
{
  struct fx *f = *state;
  long id = import(f, &f->laocai, f->lc, 0);
  struct err err = {0};
  struct app_plan_set_in set = {id, "plan", 0, "title", "Kế hoạch phòng, chống ma túy 2026", NULL};
  assert_int_equal(app_plan_set(f->st, &f->laocai, &set, &err), ERR_OK);
  assert_audit(f, "plan.set", "cb.laocai", id);
  struct app_plan_check c;
  assert_int_equal(app_plan_check(&c, f->st, &f->laocai, id, &err), ERR_OK);
  long t2 = c.plan.tasks[1].id;
  app_plan_check_free(&c);
  assert_int_equal(app_plan_agencies(f->st, &f->laocai, id, t2, "lead", "Công an tỉnh", NULL, &err),
                   ERR_OK);
  assert_audit(f, "plan.agencies", "cb.laocai", id);
  long added;
  assert_int_equal(
      app_plan_task_add(&added, f->st, &f->laocai, id, "Tổ chức tập huấn cho cán bộ", NULL, &err),
      ERR_OK);
  assert_true(added > t2);
  assert_audit(f, "plan.task_add", "cb.laocai", id);
  assert_int_equal(app_plan_task_delete(f->st, &f->laocai, id, added, NULL, &err), ERR_OK);
  assert_audit(f, "plan.task_delete", "cb.laocai", id);
  /* a draft keeps no history */
  assert_int_equal(count(f, "SELECT count(*) FROM plan_change"), 0);
  assert_int_equal(app_plan_publish(f->st, &f->laocai, id, &err), ERR_OK);
  assert_audit(f, "plan.publish", "cb.laocai", id);
  assert_int_equal(count(f, "SELECT count(*) FROM plan WHERE status = 'published' AND "
                            "published_by = 'cb.laocai'"),
                   1);
  /* a published plan: the edit and its history row, by the user */
  struct app_plan_set_in due = {id, "task", t2, "due_on", "30/09/2026", "họp ngày 15/5"};
  assert_int_equal(app_plan_set(f->st, &f->laocai, &due, &err), ERR_OK);
  assert_audit(f, "plan.set", "cb.laocai", id);
  assert_int_equal(app_plan_close(f->st, &f->laocai, id, &err), ERR_OK);
  assert_audit(f, "plan.close", "cb.laocai", id);
  struct store_plan_change_list h;
  assert_int_equal(app_plan_history(&h, f->st, &f->leader, id, &err), ERR_OK);
  assert_int_equal(h.n, 2);
  assert_string_equal(h.items[0].field, "due_on");
  assert_null(h.items[0].old_value);
  assert_string_equal(h.items[0].new_value, "2026-09-30");
  assert_string_equal(h.items[0].reason, "họp ngày 15/5");
  assert_string_equal(h.items[0].changed_by, "cb.laocai");
  assert_string_equal(h.items[1].field, "status");
  assert_string_equal(h.items[1].old_value, "published");
  assert_string_equal(h.items[1].new_value, "closed");
  store_plan_change_list_free(&h);
  /* a closed plan refuses edits, and a refused change leaves no row */
  long rows = count(f, "SELECT count(*) FROM audit_log");
  assert_int_equal(app_plan_set(f->st, &f->laocai, &set, &err), ERR_CONFLICT);
  assert_int_equal(app_plan_publish(f->st, &f->laocai, id, &err), ERR_CONFLICT);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), rows);
}

/* A leader or a member agency reads but may not change; an outsider finds nothing. */
static void changes_need_the_role_and_the_territory(void **state)
{
  struct fx *f = *state;
  long id = import(f, &f->laocai, f->lc, 0);
  struct err err = {0};
  struct app_plan_import_in in = {f->lc, 1};
  struct app_plan_imported out;
  struct app_plan_set_in set = {id, "plan", 0, "title", "X", NULL};
  const struct scope *readers[] = {&f->leader, &f->agency};
  for (size_t k = 0; k < 2; k++) {
    const struct scope *sc = readers[k];
    long tid;
    assert_int_equal(app_plan_import(&out, f->st, sc, &in, &err), ERR_DENIED);
    assert_int_equal(app_plan_set(f->st, sc, &set, &err), ERR_DENIED);
    assert_int_equal(app_plan_agencies(f->st, sc, id, 1, "lead", "Công an tỉnh", NULL, &err),
                     ERR_DENIED);
    assert_int_equal(app_plan_task_add(&tid, f->st, sc, id, "Nhiệm vụ", NULL, &err), ERR_DENIED);
    assert_int_equal(app_plan_task_delete(f->st, sc, id, 1, NULL, &err), ERR_DENIED);
    assert_int_equal(app_plan_publish(f->st, sc, id, &err), ERR_DENIED);
    assert_int_equal(app_plan_close(f->st, sc, id, &err), ERR_DENIED);
  }
  long tid;
  assert_int_equal(app_plan_set(f->st, &f->hanoi, &set, &err), ERR_NOT_FOUND);
  assert_int_equal(app_plan_agencies(f->st, &f->hanoi, id, 1, "lead", "Công an tỉnh", NULL, &err),
                   ERR_NOT_FOUND);
  assert_int_equal(app_plan_task_add(&tid, f->st, &f->hanoi, id, "Nhiệm vụ", NULL, &err),
                   ERR_NOT_FOUND);
  assert_int_equal(app_plan_task_delete(f->st, &f->hanoi, id, 1, NULL, &err), ERR_NOT_FOUND);
  assert_int_equal(app_plan_publish(f->st, &f->hanoi, id, &err), ERR_NOT_FOUND);
  assert_int_equal(app_plan_close(f->st, &f->hanoi, id, &err), ERR_NOT_FOUND);
  /* nothing changed, nothing audited but the import */
  assert_int_equal(count(f, "SELECT count(*) FROM plan WHERE status = 'draft' AND title = "
                            "'Phòng, chống ma túy năm 2026'"),
                   1);
  assert_int_equal(count(f, "SELECT count(*) FROM plan_task"), 3);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'plan.%'"), 1);
  /* a parent plan must be one of the caller's territory */
  long hn = import(f, &f->hanoi, f->nt, 0);
  char parent[24];
  snprintf(parent, sizeof parent, "%ld", hn);
  struct app_plan_set_in link = {id, "plan", 0, "parent_id", parent, NULL};
  assert_int_equal(app_plan_set(f->st, &f->laocai, &link, &err), ERR_NOT_FOUND);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(import_places_the_plan_in_its_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(import_again_needs_again, setup, teardown),
      cmocka_unit_test_setup_teardown(import_stays_in_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(a_file_without_a_plan_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(reads_follow_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(check_counts_tasks_and_defects, setup, teardown),
      cmocka_unit_test_setup_teardown(every_change_is_audited, setup, teardown),
      cmocka_unit_test_setup_teardown(changes_need_the_role_and_the_territory, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
