/* test_app_report.c: the reporting calendar from the three sample plans,
 * territory, lead days, and a unit report's workflow with versions, frozen
 * and live figures, roles and completeness.
 *
 * Worked out by hand from the documents (tests/fixtures/plans) and the unit
 * list (data/units/units-until-2025-06-30.csv):
 *
 *  - 000, Bình Sơn district plan for 2024 (unit 524): reports "Quý I
 *    trước ngày 10/3; sơ kết 6 tháng trước ngày 10/6; Quý III trước ngày
 *    10/9 và tổng kết năm trước ngày 10/12" to "Ban Chỉ đạo 138 huyện".
 *    Owed by the 22 communes of Bình Sơn (21 xã and thị trấn Châu Ổ) and
 *    by the 7 lead agencies other than the district police: Phòng Văn hóa
 *    và Thông tin, Trung tâm Truyền thông - Văn hóa - Thể thao, Viện Kiểm
 *    sát nhân dân huyện, Tòa án nhân dân huyện, Phòng Y tế (and Trung tâm
 *    y tế huyện: the same kind), Phòng Nông nghiệp và Phát triển nông
 *    thôn, Phòng Lao động - Thương binh và Xã hội: 29 owners per report.
 *    Q1 cut-off by Decree 09/2019 Art. 12: 15/12/2023–14/03/2024, cut at
 *    the day before the due date: 15/12/2023–09/03/2024.
 *  - 001, Thừa Thiên Huế province plan for 2018 (imported by the
 *    province's officer, unit 46): "báo cáo kết quả thực hiện 6 tháng gửi
 *    trước ngày 16/5/2018, báo cáo tổng kết trước ngày 16/11/2018" to
 *    "Công an tỉnh"; 9 district-level units below. Decree 09 is in force
 *    from 12/03/2019 only: the six-month report takes the calendar half
 *    year, 01/01/2018–30/06/2018, cut to 15/05/2018.
 *  - 004, Lào Cai campaign 2024 (unit 10, until 14/12/2024; phase 1
 *    01/09–31/10/2024): "01 tháng trước ngày 03/10/2024" covers
 *    01/09–30/09/2024, "sơ kết giai đoạn 1 trước ngày 03/11/2024" the
 *    phase, "tổng kết đợt cao điểm trước ngày 18/12/2024" 01/09–14/12/2024;
 *    9 districts below; recipient "UBND tỉnh". */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_indicator.h"
#include "app/app_plan.h"
#include "app/app_report.h"
#include "app/app_user.h"
#include "store/store.h"
#include "types/scope.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;   /* the local administrator, national */
  struct scope binhson; /* officer of Bình Sơn district (pre2025 524) */
  struct scope binhhai; /* officer of Bình Hải commune (pre2025 21067) */
  struct scope hue;     /* officer of Thừa Thiên Huế (pre2025 46) */
  struct scope laocai;  /* officer of Lào Cai (post2025 15) */
  struct scope hanoi;   /* officer of Hà Nội (01) */
  struct scope health;  /* health agency user of Bình Sơn */
  long plan[3];         /* 000, 001, 004 */
};

static void add_user(struct scope *out, struct fx *f, const char *login, const char *role,
                     const char *tree, const char *code, const char *agency)
{
  struct app_user_new u = {login, NULL, role, tree, code, agency};
  long uid;
  struct err err = {0};
  if (app_user_add(&uid, f->st, &f->admin, &u, &err) ||
      app_caller_open(out, f->st, login, "kiểm thử", &err))
    fail_msg("user %s: %s", login, err.msg);
}

static long import_publish(struct fx *f, const struct scope *as, const char *file)
{
  char rel[200];
  snprintf(rel, sizeof rel, "tests/fixtures/plans/%s", file);
  struct app_plan_import_in in = {tu_source_path(rel), 0};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, as, &in, &err) || app_plan_publish(f->st, as, out.id, &err))
    fail_msg("%s: %s", file, err.msg);
  return out.id;
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "t.db"))
    return -1;
  add_user(&f->binhson, f, "cb.binhson", "officer", "pre2025", "524", NULL);
  add_user(&f->binhhai, f, "cb.binhhai", "officer", "pre2025", "21067", NULL);
  add_user(&f->hue, f, "cb.hue", "officer", "pre2025", "46", NULL);
  add_user(&f->laocai, f, "cb.laocai", "officer", NULL, "15", NULL);
  add_user(&f->hanoi, f, "cb.hanoi", "officer", NULL, "01", NULL);
  add_user(&f->health, f, "yt.binhson", "agency", "pre2025", "524", "health");
  f->plan[0] = import_publish(f, &f->binhson, "000_eae0b25c37df13bf.txt");
  f->plan[1] = import_publish(f, &f->hue, "001_c4b8e8f3bf85f38b.txt");
  f->plan[2] = import_publish(f, &f->laocai, "004_91f2c84d0a0eb75f.txt");
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

static void load(struct app_calendar *c, struct fx *f, const struct scope *as, const char *today)
{
  struct app_calendar_in in = {0};
  in.today = today;
  struct err err = {0};
  if (app_calendar(c, f->st, as, &in, &err))
    fail_msg("calendar: %s", err.msg);
}

static void iso(char *buf, struct date d)
{
  if (d.y)
    date_to_iso(buf, d);
  else
    buf[0] = '\0';
}

/* The entries of report `name` of plan id: units, agencies; and checks
 * every entry's cut-off, due date (units: unit_due) and recipient. */
static void count_report(size_t *units, size_t *agencies, const struct app_calendar *c, long plan,
                         const char *name, const char *from, const char *to, const char *due,
                         const char *unit_due, const char *recipient)
{
  *units = *agencies = 0;
  for (size_t k = 0; k < c->cal.n; k++) {
    const struct calendar_entry *e = &c->cal.entries[k];
    if (e->plan->id != plan || strcmp(e->schedule->name, name) != 0)
      continue;
    char b[11];
    iso(b, e->cutoff.from);
    assert_string_equal(b, from);
    iso(b, e->cutoff.to);
    assert_string_equal(b, to);
    iso(b, e->due);
    assert_string_equal(b, e->owner->unit_id ? unit_due : due);
    assert_string_equal(e->recipient, recipient);
    if (e->owner->unit_id)
      (*units)++;
    else {
      (*agencies)++;
      assert_string_not_equal(e->owner->agency_kind, "police");
      assert_string_not_equal(e->owner->agency_kind, "peoples_committee");
    }
  }
}

static void calendar_of_the_three_sample_plans(void **state)
{
  struct fx *f = *state;
  struct app_calendar c;
  load(&c, f, &f->admin, "2024-03-01");
  size_t u, a;
  count_report(&u, &a, &c, f->plan[0], "Quý I", "2023-12-15", "2024-03-09", "2024-03-10",
               "2024-03-10", "Ban Chỉ đạo 138 huyện");
  assert_int_equal(u, 22);
  assert_int_equal(a, 7);
  count_report(&u, &a, &c, f->plan[0], "sơ kết 6 tháng", "2023-12-15", "2024-06-09", "2024-06-10",
               "2024-06-10", "Ban Chỉ đạo 138 huyện");
  assert_int_equal(u + a, 29);
  count_report(&u, &a, &c, f->plan[0], "Quý III", "2024-06-15", "2024-09-09", "2024-09-10",
               "2024-09-10", "Ban Chỉ đạo 138 huyện");
  assert_int_equal(u + a, 29);
  count_report(&u, &a, &c, f->plan[0], "tổng kết năm", "2023-12-15", "2024-12-09", "2024-12-10",
               "2024-12-10", "Ban Chỉ đạo 138 huyện");
  assert_int_equal(u + a, 29);
  count_report(&u, &a, &c, f->plan[1], "báo cáo kết quả thực hiện 6 tháng", "2018-01-01",
               "2018-05-15", "2018-05-16", "2018-05-16", "Công an tỉnh");
  assert_int_equal(u, 9);
  assert_true(a > 0);
  count_report(&u, &a, &c, f->plan[2], "Báo cáo kết quả 01 tháng", "2024-09-01", "2024-09-30",
               "2024-10-03", "2024-10-03", "UBND tỉnh");
  assert_int_equal(u, 9);
  count_report(&u, &a, &c, f->plan[2], "Báo cáo sơ kết giai đoạn 1", "2024-09-01", "2024-10-31",
               "2024-11-03", "2024-11-03", "UBND tỉnh");
  assert_int_equal(u, 9);
  count_report(&u, &a, &c, f->plan[2], "Báo cáo tổng kết đợt cao điểm", "2024-09-01", "2024-12-14",
               "2024-12-18", "2024-12-18", "UBND tỉnh");
  assert_int_equal(u, 9);
  /* one completeness line per scheduled report, nothing submitted */
  assert_int_equal(c.cal.n_summaries, 4 + 2 + 3);
  for (size_t k = 0; k < c.cal.n_summaries; k++)
    assert_int_equal(c.cal.summaries[k].submitted, 0);
  app_calendar_free(&c);
}

/* The 2018 annual report takes the calendar year (no rule in force before
 * 12/03/2019), 01/01/2018 cut to 15/11/2018, not Decree 09's 15/12/2017. */
static void before_the_decree_annual_is_the_calendar_year(void **state)
{
  struct fx *f = *state;
  struct app_calendar c;
  load(&c, f, &f->admin, "2018-01-01");
  size_t u, a;
  count_report(&u, &a, &c, f->plan[1], "báo cáo tổng kết", "2018-01-01", "2018-11-15", "2018-11-16",
               "2018-11-16", "Công an tỉnh");
  assert_int_equal(u, 9);
  app_calendar_free(&c);
}

/* A commune sees what it owes the district plan (one entry per report of
 * plan 000), Hà Nội nothing; a narrowed --unit gives the same. */
static void territory(void **state)
{
  struct fx *f = *state;
  struct app_calendar c;
  load(&c, f, &f->binhhai, "2024-03-01");
  assert_int_equal(c.cal.n, 4);
  for (size_t k = 0; k < c.cal.n; k++) {
    assert_string_equal(c.cal.entries[k].owner->unit_code, "21067");
    assert_int_equal(c.cal.entries[k].plan->id, f->plan[0]);
  }
  app_calendar_free(&c);
  load(&c, f, &f->hanoi, "2024-03-01");
  assert_int_equal(c.cal.n, 0);
  app_calendar_free(&c);
  struct app_calendar_in in = {0};
  in.tree = "pre2025";
  in.unit = "21067";
  in.from = "2024-06-01";
  in.to = "2024-09-30";
  struct err err = {0};
  assert_int_equal(app_calendar(&c, f->st, &f->binhson, &in, &err), ERR_OK);
  /* sơ kết 6 tháng (10/6) and Quý III (10/9) */
  assert_int_equal(c.cal.n, 2);
  app_calendar_free(&c);
}

/* Lead days: the units below report 5 days earlier, the agencies on the day. */
static void lower_levels_report_first(void **state)
{
  struct fx *f = *state;
  struct app_calendar c;
  load(&c, f, &f->admin, "2024-03-01");
  long q1 = 0;
  for (size_t k = 0; k < c.cal.n && !q1; k++)
    if (strcmp(c.cal.entries[k].schedule->name, "Quý I") == 0)
      q1 = c.cal.entries[k].schedule->id;
  app_calendar_free(&c);
  struct app_calendar_set_in in = {q1, NULL, NULL, NULL, 5};
  struct err err = {0};
  assert_int_equal(app_calendar_set(f->st, &f->binhhai, &in, &err), ERR_NOT_FOUND);
  assert_int_equal(app_calendar_set(f->st, &f->health, &in, &err), ERR_DENIED);
  assert_int_equal(app_calendar_set(f->st, &f->binhson, &in, &err), ERR_OK);
  load(&c, f, &f->admin, "2024-03-01");
  size_t u, a;
  count_report(&u, &a, &c, f->plan[0], "Quý I", "2023-12-15", "2024-03-09", "2024-03-10",
               "2024-03-05", "Ban Chỉ đạo 138 huyện");
  assert_int_equal(u, 22);
  app_calendar_free(&c);
  /* the plan's own cut-off overrides the rule */
  struct app_calendar_set_in own = {q1, NULL, "01/01/2024", "29/02/2024", -1};
  assert_int_equal(app_calendar_set(f->st, &f->binhson, &own, &err), ERR_OK);
  load(&c, f, &f->admin, "2024-03-01");
  count_report(&u, &a, &c, f->plan[0], "Quý I", "2024-01-01", "2024-02-29", "2024-03-10",
               "2024-03-05", "Ban Chỉ đạo 138 huyện");
  app_calendar_free(&c);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = "
                                   "'calendar.cutoff'"),
                   2);
}

static long schedule_named(struct fx *f, const char *name)
{
  struct app_calendar c;
  load(&c, f, &f->admin, "2024-01-01");
  long id = 0;
  for (size_t k = 0; k < c.cal.n && !id; k++)
    if (strcmp(c.cal.entries[k].schedule->name, name) == 0)
      id = c.cal.entries[k].schedule->id;
  app_calendar_free(&c);
  return id;
}

static void enter(struct fx *f, const char *month, double value)
{
  struct app_ind_entry e = {0};
  e.indicator = "express_leads";
  e.tree = "pre2025";
  e.code = "21067";
  struct err err = {0};
  if (app_indicator_period(&e.period, month, &err))
    fail_msg("%s", err.msg);
  e.value = value;
  e.today = "2024-03-01";
  struct indicator_entered out;
  if (app_indicator_enter(&out, f->st, &f->binhhai, &e, &err))
    fail_msg("enter: %s", err.msg);
}

/* The live and frozen value of express_leads in v. */
static void express_leads(double *live, int *changed, double *frozen, const struct report_view *v)
{
  *live = *frozen = -1;
  *changed = -1;
  for (size_t k = 0; k < v->live.n; k++)
    if (strcmp(v->live.rows[k].now->def->code, "express_leads") == 0) {
      *live = v->live.rows[k].now->value;
      *changed = v->changed[k];
    }
  for (size_t k = 0; k < v->n_frozen; k++)
    if (strcmp(v->frozen[k].indicator, "express_leads") == 0)
      *frozen = v->frozen[k].value;
}

/* Draft, edit, submit 2 days late, returned with a comment, corrected in
 * version 2, submitted again, accepted; roles; versions kept; figures
 * frozen at the submission beside the live ones; completeness. */
static void workflow(void **state)
{
  struct fx *f = *state;
  long q1 = schedule_named(f, "Quý I");
  struct err err = {0};
  struct app_report_owner own = {q1, "pre2025", "21067", NULL, NULL, "2024-03-01"};
  long id = 0;
  /* the district is the recipient, not the owner; a leader acts on none */
  assert_int_equal(app_report_draft(&id, f->st, &f->binhson, &own, &err), ERR_DENIED);
  assert_int_equal(app_report_draft(&id, f->st, &f->binhhai, &own, &err), ERR_OK);
  assert_true(id > 0);
  long again;
  assert_int_equal(app_report_draft(&again, f->st, &f->binhhai, &own, &err), ERR_CONFLICT);
  /* nothing to decide on a draft */
  assert_int_equal(app_report_accept(f->st, &f->binhson, id, NULL, "2024-03-11", &err),
                   ERR_CONFLICT);
  struct app_report_text t = {"Tình hình ổn định.", "Đã rà soát 12 đối tượng.", NULL, NULL};
  assert_int_equal(app_report_edit(f->st, &f->binhhai, id, &t, &err), ERR_OK);
  enter(f, "2024-01", 3);
  assert_int_equal(app_report_submit(f->st, &f->binhhai, id, "2024-03-12", &err), ERR_OK);
  /* submitted: not editable; a commune cannot decide its own report */
  assert_int_equal(app_report_edit(f->st, &f->binhhai, id, &t, &err), ERR_CONFLICT);
  assert_int_equal(app_report_accept(f->st, &f->binhhai, id, NULL, "2024-03-13", &err), ERR_DENIED);
  assert_int_equal(app_report_return(f->st, &f->binhson, id, "", "2024-03-13", &err), ERR_INPUT);
  assert_int_equal(
      app_report_return(f->st, &f->binhson, id, "Bổ sung số liệu cai nghiện.", "2024-03-13", &err),
      ERR_OK);
  /* the live figure changes after the submission */
  enter(f, "2024-02", 2);
  struct report_view v;
  assert_int_equal(app_report_show(&v, f->st, &f->binhson, id, &err), ERR_OK);
  assert_string_equal(v.report.status, "returned");
  assert_int_equal(v.report.version, 2);
  assert_string_equal(v.report.situation, "Tình hình ổn định."); /* copied into version 2 */
  assert_int_equal(v.frozen_version, 1);
  double live, frozen;
  int changed;
  express_leads(&live, &changed, &frozen, &v);
  assert_true(frozen == 3);
  assert_true(live == 5);
  assert_int_equal(changed, 1);
  assert_string_equal(v.owner, "xã Bình Hải");
  assert_string_equal(v.recipient, "Ban Chỉ đạo 138 huyện");
  /* the targets' status on the cut-off's last day, kept to the commune: the
   * plan's 4 targets have no quota and none is bound yet, so each is listed
   * unbound (never skipped) */
  assert_true(v.has_targets);
  assert_int_equal(v.targets.n, 4);
  for (size_t k = 0; k < v.targets.n; k++)
    assert_int_equal(v.targets.rows[k].eval.status, TARGET_UNBOUND);
  report_view_free(&v);
  struct app_report_text t2 = {NULL, NULL, NULL, "Đề nghị hỗ trợ kinh phí."};
  assert_int_equal(app_report_edit(f->st, &f->binhhai, id, &t2, &err), ERR_OK);
  assert_int_equal(app_report_submit(f->st, &f->binhhai, id, "2024-03-14", &err), ERR_OK);
  assert_int_equal(app_report_accept(f->st, &f->binhson, id, NULL, "2024-03-15", &err), ERR_OK);
  assert_int_equal(app_report_show(&v, f->st, &f->binhhai, id, &err), ERR_OK);
  assert_string_equal(v.report.status, "accepted");
  assert_false(v.has_targets); /* the district's plan lies outside the commune officer's reach */
  assert_int_equal(v.versions.n, 2);
  assert_string_equal(v.versions.items[0].submitted_on, "2024-03-12");
  assert_string_equal(v.versions.items[0].decision, "returned");
  assert_string_equal(v.versions.items[0].comment, "Bổ sung số liệu cai nghiện.");
  assert_string_equal(v.versions.items[0].proposals, "");
  assert_string_equal(v.versions.items[1].submitted_on, "2024-03-14");
  assert_string_equal(v.versions.items[1].decision, "accepted");
  assert_string_equal(v.versions.items[1].proposals, "Đề nghị hỗ trợ kinh phí.");
  assert_int_equal(v.frozen_version, 2);
  express_leads(&live, &changed, &frozen, &v);
  assert_true(frozen == 5);
  assert_int_equal(changed, 0);
  report_view_free(&v);
  /* completeness: of the 29 owing Q1, one submitted, late by 2 days (its
   * first submission, 12/03, counts) */
  struct app_calendar c;
  load(&c, f, &f->binhson, "2024-03-20");
  size_t found = 0;
  for (size_t k = 0; k < c.cal.n; k++) {
    const struct calendar_entry *e = &c.cal.entries[k];
    if (e->schedule->id != q1)
      continue;
    if (e->report) {
      found++;
      assert_true(e->submitted);
      assert_false(e->on_time);
      assert_int_equal(e->days_late, 2);
      assert_string_equal(e->status, "accepted");
    } else {
      assert_int_equal(e->days_late, 10); /* not submitted, 10/03 -> 20/03 */
    }
  }
  assert_int_equal(found, 1);
  for (size_t k = 0; k < c.cal.n_summaries; k++)
    if (c.cal.summaries[k].schedule->id == q1) {
      assert_int_equal(c.cal.summaries[k].owed, 29);
      assert_int_equal(c.cal.summaries[k].submitted, 1);
      assert_int_equal(c.cal.summaries[k].on_time, 0);
    }
  app_calendar_free(&c);
  /* every transition audited */
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE record_type = "
                                   "'unit_report'"),
                   7);
}

/* An agency owes its own report: the health agency user drafts and submits
 * it on time; another officer of a commune cannot reach it. */
static void agency_report(void **state)
{
  struct fx *f = *state;
  long q1 = schedule_named(f, "Quý I");
  struct err err = {0};
  struct app_report_owner own = {q1, NULL, NULL, "health", NULL, "2024-03-01"};
  long id = 0;
  assert_int_equal(app_report_draft(&id, f->st, &f->binhhai, &own, &err), ERR_NOT_FOUND);
  assert_int_equal(app_report_draft(&id, f->st, &f->health, &own, &err), ERR_OK);
  assert_int_equal(app_report_submit(f->st, &f->health, id, "2024-03-10", &err), ERR_OK);
  struct app_calendar c;
  load(&c, f, &f->binhson, "2024-03-20");
  for (size_t k = 0; k < c.cal.n; k++) {
    const struct calendar_entry *e = &c.cal.entries[k];
    if (e->report && e->report->id == id) {
      assert_true(e->on_time);
      assert_int_equal(e->days_late, 0);
    }
  }
  app_calendar_free(&c);
  struct report_view v;
  assert_int_equal(app_report_show(&v, f->st, &f->binhhai, id, &err), ERR_NOT_FOUND);
}

/* A multi-year plan (2021–2025) of Bình Sơn asks "định kỳ 6 tháng (trước
 * 15/6), hằng năm (trước 15/12)" every year: the six-month report occurs on
 * 15/06 of 2021 … 2025 (5), the annual on 15/12 of 2021 … 2024 and 2025 —
 * but the old communes end on 30/06/2025, so on 15/12/2025 no commune owes
 * it: 22 × 9 = 198 entries (the plan has no task, so no agency). The 2023
 * annual report covers 15/12/2022–14/12/2023 (due 15/12: not clipped).
 * A draft must name its year. */
static void yearly_reports_recur(void **state)
{
  struct fx *f = *state;
  const char *doc = "KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy giai đoạn 2021 - 2025\n"
                    "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2020.\n"
                    "III. TỔ CHỨC THỰC HIỆN\nCác xã, thị trấn báo cáo kết quả về Ban Chỉ đạo 138 "
                    "huyện: định kỳ 6 tháng (trước 15/6), hằng năm (trước 15/12).\n";
  struct app_plan_import_in in = {tu_write_file(f->dir, "multi.txt", doc), 0};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, &f->binhson, &in, &err) ||
      app_plan_publish(f->st, &f->binhson, out.id, &err))
    fail_msg("multi: %s", err.msg);
  struct app_calendar c;
  load(&c, f, &f->binhson, "2024-01-01");
  size_t n = 0, annual = 0, y2025 = 0;
  long sched = 0;
  for (size_t k = 0; k < c.cal.n; k++) {
    const struct calendar_entry *e = &c.cal.entries[k];
    if (e->plan->id != out.id)
      continue;
    n++;
    if (strcmp(e->schedule->name, "hằng năm") == 0) {
      annual++;
      sched = e->schedule->id;
      assert_int_equal(e->occurs_on.m, 12);
      assert_int_equal(e->occurs_on.d, 15);
      if (e->occurs_on.y == 2023) {
        char b[11];
        iso(b, e->cutoff.from);
        assert_string_equal(b, "2022-12-15");
        iso(b, e->cutoff.to);
        assert_string_equal(b, "2023-12-14");
      }
    }
    if (e->occurs_on.y == 2025)
      y2025++;
  }
  assert_int_equal(n, 198);
  assert_int_equal(annual, 88);
  assert_int_equal(y2025, 22);
  app_calendar_free(&c);
  struct app_report_owner own = {sched, "pre2025", "21067", NULL, NULL, "2024-01-01"};
  long id;
  assert_int_equal(app_report_draft(&id, f->st, &f->binhhai, &own, &err), ERR_INPUT);
  own.due = "15/12/2023";
  assert_int_equal(app_report_draft(&id, f->st, &f->binhhai, &own, &err), ERR_OK);
  own.due = "15/12/2024";
  long id2;
  assert_int_equal(app_report_draft(&id2, f->st, &f->binhhai, &own, &err), ERR_OK);
  assert_true(id2 != id);
  struct report_view v;
  assert_int_equal(app_report_show(&v, f->st, &f->binhhai, id, &err), ERR_OK);
  assert_string_equal(v.report.occurs_on, "2023-12-15");
  assert_string_equal(v.report.period_from, "2022-12-15");
  assert_string_equal(v.report.period_to, "2023-12-14");
  report_view_free(&v);
}

/* A closed plan owes nothing due after the day it was closed; what fell due
 * before stays in the calendar. A 2026-2030 programme with a six-month
 * (15/6) and a yearly (15/12) report, each of every year, owed by the 99
 * communes and wards of today's Lào Cai (Resolution 1656/NQ-UBTVQH15: 89
 * xã, 10 phường): 10 dates x 99 = 990 entries while it runs; closed today,
 * the dates up to today remain (15/06/2026 alone when today is 06/12/2026). */
static void a_closed_plan_keeps_what_fell_due(void **state)
{
  struct fx *f = *state;
  const char *doc = "KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy giai đoạn 2026 - 2030\n"
                    "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2025.\n"
                    "III. TỔ CHỨC THỰC HIỆN\nCác xã, thị trấn báo cáo kết quả về Ban Chỉ đạo 138 "
                    "huyện: định kỳ 6 tháng (trước 15/6), hằng năm (trước 15/12).\n";
  struct app_plan_import_in in = {tu_write_file(f->dir, "close.txt", doc), 0};
  struct app_plan_imported out;
  struct err err = {0};
  if (app_plan_import(&out, f->st, &f->laocai, &in, &err) ||
      app_plan_publish(f->st, &f->laocai, out.id, &err))
    fail_msg("close: %s", err.msg);
  struct app_calendar c;
  size_t n = 0;
  load(&c, f, &f->laocai, "2026-01-01");
  for (size_t k = 0; k < c.cal.n; k++)
    n += c.cal.entries[k].plan->id == out.id;
  app_calendar_free(&c);
  assert_int_equal(n, 990);

  assert_int_equal(app_plan_close(f->st, &f->laocai, out.id, &err), ERR_OK);
  struct date today = date_today();
  size_t dates = 0;
  for (int y = 2026; y <= 2030; y++) {
    dates += date_cmp((struct date){y, 6, 15}, today) <= 0;
    dates += date_cmp((struct date){y, 12, 15}, today) <= 0;
  }
  load(&c, f, &f->laocai, "2026-01-01");
  n = 0;
  for (size_t k = 0; k < c.cal.n; k++) {
    const struct calendar_entry *e = &c.cal.entries[k];
    if (e->plan->id != out.id)
      continue;
    n++;
    assert_true(date_cmp(e->occurs_on, today) <= 0);
  }
  app_calendar_free(&c);
  assert_int_equal(n, 99 * dates);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(calendar_of_the_three_sample_plans, setup, teardown),
      cmocka_unit_test_setup_teardown(before_the_decree_annual_is_the_calendar_year, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(territory, setup, teardown),
      cmocka_unit_test_setup_teardown(lower_levels_report_first, setup, teardown),
      cmocka_unit_test_setup_teardown(workflow, setup, teardown),
      cmocka_unit_test_setup_teardown(a_closed_plan_keeps_what_fell_due, setup, teardown),
      cmocka_unit_test_setup_teardown(agency_report, setup, teardown),
      cmocka_unit_test_setup_teardown(yearly_reports_recur, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
