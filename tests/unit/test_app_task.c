/* test_app_task.c: the tasks followed per assignee: the publish hook,
 * territory, roles and the audit row of an update.
 *
 * LC is a plan of the People's Committee of Lào Cai (today's tree, 15) of
 * 05/03/2026 with three tasks; by hand: II.1 has one lead (Sở Giáo dục và
 * Đào tạo) and one coordinator (Công an tỉnh), II.2 no agency, II.3 one
 * lead (Công an tỉnh): three assignees once published. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_plan.h"
#include "store/store.h"
#include "store/store_tasks.h"
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

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;  /* the local administrator, national */
  struct scope laocai; /* officer of Lào Cai (15, today's tree) */
  struct scope hanoi;  /* officer of Hà Nội (01) */
  struct scope leader; /* leader of Lào Cai */
  struct scope agency; /* member agency of Lào Cai (health) */
  char lc[4200];       /* the document's path */
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
  tu_add_user(&f->agency, f->st, &f->admin, "yt.laocai", "agency", "15");
  snprintf(f->lc, sizeof f->lc, "%s", tu_write_file(f->dir, "lc.txt", LC));
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

/* Import LC as the Lào Cai officer; its id. */
static long import(struct fx *f)
{
  struct app_plan_import_in in = {f->lc, 0};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, &f->laocai, &in, &err))
    fail_msg("import: %s", err.msg);
  return out.id;
}

static long count(struct fx *f, const char *sql)
{
  return tu_count(f->st, sql);
}

/* ---- the publish hook ------------------------------------------------------ */

/* A draft has no assignees; publishing creates one per lead and per
 * coordinating agency of each task, with its role. */
static void publish_creates_the_assignees(void **state)
{
  struct fx *f = *state;
  long id = import(f);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee"), 0);
  struct err err = {0};
  assert_int_equal(app_plan_publish(f->st, &f->laocai, id, &err), ERR_OK);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee"), 3);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee WHERE role = 'lead'"), 2);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee WHERE role = 'support' AND "
                            "agency_kind = 'police' AND status = 'not_started'"),
                   1);
  /* every assignee points at its agency row of the same task */
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee x JOIN task_agency a ON a.id = "
                            "x.agency_id AND a.task_id = x.task_id"),
                   3);
}

/* The store's list keeps to the territory: Lào Cai's officer reaches the
 * three assignees (lead before coordinator within a task), Hà Nội's none;
 * the agency filter keeps the police's two. */
static void store_list_keeps_to_the_territory(void **state)
{
  struct fx *f = *state;
  long id = import(f);
  struct err err = {0};
  assert_int_equal(app_plan_publish(f->st, &f->laocai, id, &err), ERR_OK);
  struct store_task_list l;
  struct store_task_filter all = {0, NULL}, police = {0, "police"};
  assert_int_equal(store_task_list(&l, f->st, &f->laocai, &all, &err), ERR_OK);
  assert_int_equal(l.n, 3);
  assert_string_equal(l.items[0].role, "lead");
  assert_string_equal(l.items[0].section, l.items[1].section);
  assert_string_equal(l.items[1].role, "support");
  assert_string_equal(l.items[1].due_on, "2026-06-30");
  assert_string_equal(l.items[2].cadence, "ongoing");
  store_task_list_free(&l);
  assert_int_equal(store_task_list(&l, f->st, &f->laocai, &police, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  store_task_list_free(&l);
  assert_int_equal(store_task_list(&l, f->st, &f->hanoi, &all, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  store_task_list_free(&l);
  struct store_task_row r;
  assert_int_equal(store_task_get(&r, f->st, &f->hanoi, 1, &err), ERR_NOT_FOUND);
  store_task_row_free(&r);
  assert_int_equal(store_task_set_status(f->st, &f->hanoi, 1, "done", NULL, &err), ERR_NOT_FOUND);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee WHERE status = 'done'"), 0);
}

/* A publication refused (a territory it cannot reach) creates nothing. */
static void publish_outside_creates_nothing(void **state)
{
  struct fx *f = *state;
  long id = import(f);
  struct err err = {0};
  assert_int_equal(app_plan_publish(f->st, &f->hanoi, id, &err), ERR_NOT_FOUND);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee"), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(publish_creates_the_assignees, setup, teardown),
      cmocka_unit_test_setup_teardown(publish_outside_creates_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(store_list_keeps_to_the_territory, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
