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
#include "app/app_task.h"
#include "app/app_user.h"
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
  struct scope police; /* member agency of Lào Cai (police) */
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
  struct app_user_new pu = {"ca.laocai", NULL, "agency", NULL, "15", "police"};
  long uid;
  struct err err = {0};
  if (app_user_add(&uid, f->st, &f->admin, &pu, &err) ||
      app_caller_open(&f->police, f->st, "ca.laocai", "kiểm thử", &err))
    fail_msg("user ca.laocai: %s", err.msg);
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

/* ---- the operations ------------------------------------------------------- */

/* Import and publish LC as the Lào Cai officer, dated as if published on
 * 10/03/2026 (the clock is not the test's); the plan's id. */
static long published(struct fx *f)
{
  long id = import(f);
  struct err err = {0};
  if (app_plan_publish(f->st, &f->laocai, id, &err))
    fail_msg("publish: %s", err.msg);
  char sql[128];
  snprintf(sql, sizeof sql,
           "UPDATE plan SET published_at = '2026-03-10T02:00:00Z' WHERE id = %ld RETURNING id", id);
  assert_int_equal(count(f, sql), id);
  return id;
}

/* The id of LC's task number `ord` (0: II.1, 2: II.3). */
static long task(struct fx *f, int ord)
{
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT id FROM plan_task WHERE ord = %d", ord);
  return count(f, sql);
}

static struct app_task_list list_at(struct fx *f, const struct scope *sc, const char *today,
                                    int overdue)
{
  struct app_task_list_in in = {0, NULL, NULL, NULL, overdue, today};
  struct app_task_list l;
  struct err err = {0};
  if (app_task_list(&l, f->st, sc, &in, &err))
    fail_msg("list: %s", err.msg);
  return l;
}

/* II.1 is due 30/06/2026: both its assignees are in time that day and one
 * day overdue on 01/07; --overdue then holds those two. */
static void list_reads_overdue_from_the_day_after(void **state)
{
  struct fx *f = *state;
  published(f);
  struct app_task_list l = list_at(f, &f->leader, "2026-06-30", 0);
  assert_int_equal(l.rows.n, 3);
  assert_string_equal(l.rows.items[0].state, "not_started");
  assert_string_equal(l.rows.items[0].deadline, "2026-06-30");
  app_task_list_free(&l);
  l = list_at(f, &f->leader, "2026-06-30", 1);
  assert_int_equal(l.rows.n, 0);
  app_task_list_free(&l);
  l = list_at(f, &f->agency, "2026-07-01", 1);
  assert_int_equal(l.rows.n, 2);
  assert_string_equal(l.rows.items[0].state, "overdue");
  assert_int_equal(l.rows.items[0].overdue_days, 1);
  assert_int_equal(l.rows.items[1].task_id, l.rows.items[0].task_id);
  app_task_list_free(&l);
}

/* II.3 is ongoing; LC's one report is due 10/06/2026, which closes the
 * period 10/03-10/06: on 11/06 the police (its lead) has no update, and a
 * note dated 11/06 clears it. */
static void ongoing_task_without_a_note_is_no_update(void **state)
{
  struct fx *f = *state;
  published(f);
  struct app_task_list l = list_at(f, &f->laocai, "2026-06-10", 0);
  assert_string_equal(l.rows.items[2].state, "not_started");
  app_task_list_free(&l);
  l = list_at(f, &f->laocai, "2026-06-11", 0);
  assert_string_equal(l.rows.items[2].cadence, "ongoing");
  assert_string_equal(l.rows.items[2].state, "no_update");
  assert_string_equal(l.rows.items[2].period_from, "2026-03-10");
  assert_string_equal(l.rows.items[2].period_to, "2026-06-10");
  app_task_list_free(&l);
  struct app_task_update_in in = {task(f, 2),      "police", "in_progress",
                                  "Đã triển khai", NULL,     "2026-06-11"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_OK);
  l = list_at(f, &f->laocai, "2026-06-11", 0);
  assert_string_equal(l.rows.items[2].state, "in_progress");
  app_task_list_free(&l);
}

/* An update records the status, a dated note by the user and the file with
 * its size and SHA-256 (of "abc", FIPS 180-2's example), and its audit row. */
static void update_records_note_file_and_audit(void **state)
{
  struct fx *f = *state;
  published(f);
  const char *path = tu_write_file(f->dir, "bien-ban.txt", "abc");
  struct app_task_update_in in = {
      task(f, 0), "police", "in_progress", "Đã tổ chức 12 buổi tuyên truyền", path, "2026-04-02"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_OK);
  assert_true(aid > 0);
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM task_assignee x JOIN app_user u ON u.id = x.updated_by WHERE "
           "x.id = %ld AND x.status = 'in_progress' AND x.role = 'support' AND u.login = "
           "'cb.laocai' AND x.reason IS NULL",
           aid);
  assert_int_equal(count(f, sql), 1);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM task_note WHERE assignee_id = %ld AND noted_on = '2026-04-02' "
           "AND text = 'Đã tổ chức 12 buổi tuyên truyền'",
           aid);
  assert_int_equal(count(f, sql), 1);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM task_evidence e JOIN task_note n ON n.id = e.note_id WHERE "
           "e.assignee_id = %ld AND e.file_name = 'bien-ban.txt' AND e.media_type = "
           "'text/plain' AND e.size = 3 AND e.sha256 = "
           "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' AND "
           "CAST(e.content AS TEXT) = 'abc'",
           aid);
  assert_int_equal(count(f, sql), 1);
  char a[64], who[64];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, "task.update");
  assert_string_equal(who, "cb.laocai");
  assert_int_equal(rid, aid);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE record_type = 'task_assignee' "
                            "AND detail LIKE '%bien-ban.txt (3 byte%'"),
                   1);
  /* not applicable keeps its note as the reason; done is never overdue */
  in.status = "Không áp dụng";
  in.note = "Trùng với nhiệm vụ của Sở Giáo dục";
  in.file = NULL;
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_OK);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM task_assignee WHERE id = %ld AND status = 'not_applicable' AND "
           "reason = 'Trùng với nhiệm vụ của Sở Giáo dục'",
           aid);
  assert_int_equal(count(f, sql), 1);
  struct app_task_list l = list_at(f, &f->laocai, "2026-07-01", 1);
  assert_int_equal(l.rows.n, 1); /* the lead alone */
  assert_string_equal(l.rows.items[0].role, "lead");
  app_task_list_free(&l);
}

/* A task an assignee has reported on is not deleted with its notes and
 * files: the deletion is refused and the note stays; a task nobody has
 * reported on is deleted as before. */
static void a_reported_task_is_not_deleted(void **state)
{
  struct fx *f = *state;
  long plan = published(f);
  struct app_task_update_in in = {task(f, 0),          "police", "in_progress",
                                  "Đã họp triển khai", NULL,     "2026-04-02"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_OK);
  long assignees = count(f, "SELECT count(*) FROM task_assignee");
  assert_int_equal(app_plan_task_delete(f->st, &f->laocai, plan, task(f, 0), "gộp", &err),
                   ERR_CONFLICT);
  assert_non_null(strstr(err.msg, "không xóa được"));
  assert_int_equal(count(f, "SELECT count(*) FROM task_note"), 1);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee"), assignees);
  long other = task(f, 2);
  assert_int_equal(app_plan_task_delete(f->st, &f->laocai, plan, other, "gộp", &err), ERR_OK);
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM plan_task WHERE id = %ld", other);
  assert_int_equal(count(f, sql), 0);
}

/* Hà Nội's officer reaches no assignee of Lào Cai: not found, nothing written. */
static void update_outside_the_territory_is_not_found(void **state)
{
  struct fx *f = *state;
  published(f);
  long before = count(f, "SELECT count(*) FROM audit_log");
  struct app_task_update_in in = {task(f, 0), "police", "done", "Xong", NULL, "2026-04-02"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->hanoi, &in, &err), ERR_NOT_FOUND);
  in.agency = "1";
  assert_int_equal(app_task_update(&aid, f->st, &f->hanoi, &in, &err), ERR_NOT_FOUND);
  assert_int_equal(count(f, "SELECT count(*) FROM task_note"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM task_assignee WHERE status <> 'not_started'"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), before);
  struct app_task_list l = list_at(f, &f->hanoi, "2026-07-01", 0);
  assert_int_equal(l.rows.n, 0);
  app_task_list_free(&l);
}

/* Roles: a leader updates nothing; the health agency not the police's
 * part; the police agency its own; an assignee number of another task is
 * not found. */
static void update_by_role(void **state)
{
  struct fx *f = *state;
  published(f);
  struct app_task_update_in in = {task(f, 2), "police", "in_progress",
                                  "Đang làm", NULL,     "2026-04-02"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->leader, &in, &err), ERR_DENIED);
  assert_int_equal(app_task_update(&aid, f->st, &f->agency, &in, &err), ERR_DENIED);
  assert_non_null(strstr(err.msg, "cơ quan mình"));
  assert_int_equal(count(f, "SELECT count(*) FROM task_note"), 0);
  assert_int_equal(app_task_update(&aid, f->st, &f->police, &in, &err), ERR_OK);
  char a[64], who[64];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(who, "ca.laocai");
  assert_int_equal(rid, aid);
  char num[24];
  snprintf(num, sizeof num, "%ld", aid);
  in.task_id = task(f, 0);
  in.agency = num;
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_NOT_FOUND);
}

/* Bad input loses nothing: a status that is only read, no note, a file
 * over 10 MiB (10485761 bytes), a closed plan. */
static void update_refusals(void **state)
{
  struct fx *f = *state;
  long plan = published(f);
  struct app_task_update_in in = {task(f, 0), "police", "overdue", "x", NULL, "2026-04-02"};
  long aid;
  struct err err = {0};
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_INPUT);
  in.status = "done";
  in.note = "";
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_INPUT);
  in.note = "Xong";
  char big[4200];
  snprintf(big, sizeof big, "%s/big.pdf", f->dir);
  FILE *fp = fopen(big, "wb");
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 10485760L, SEEK_SET), 0);
  assert_int_equal(fputc('x', fp), 'x');
  fclose(fp);
  in.file = big;
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "10485761"));
  in.file = NULL;
  assert_int_equal(app_plan_close(f->st, &f->laocai, plan, &err), ERR_OK);
  assert_int_equal(app_task_update(&aid, f->st, &f->laocai, &in, &err), ERR_CONFLICT);
  assert_int_equal(count(f, "SELECT count(*) FROM task_note"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM task_evidence"), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(publish_creates_the_assignees, setup, teardown),
      cmocka_unit_test_setup_teardown(publish_outside_creates_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(store_list_keeps_to_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(list_reads_overdue_from_the_day_after, setup, teardown),
      cmocka_unit_test_setup_teardown(ongoing_task_without_a_note_is_no_update, setup, teardown),
      cmocka_unit_test_setup_teardown(update_records_note_file_and_audit, setup, teardown),
      cmocka_unit_test_setup_teardown(update_outside_the_territory_is_not_found, setup, teardown),
      cmocka_unit_test_setup_teardown(update_by_role, setup, teardown),
      cmocka_unit_test_setup_teardown(update_refusals, setup, teardown),
      cmocka_unit_test_setup_teardown(a_reported_task_is_not_deleted, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
