/* test_plan_read.c: the plan reader on the three sample plans (values
 * written by hand from reading each document) and on small inputs, one per
 * pattern of the administrative style, and on bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types/plan.h"
#include "ingest/plan_read.h"
#include "testutil.h"

static struct plan read_ok(const char *text)
{
  struct plan p;
  struct err err = {0};
  int rc = plan_read_text(&p, text, strlen(text), &err);
  if (rc)
    fprintf(stderr, "plan_read_text: %s\n", err.msg);
  assert_int_equal(rc, ERR_OK);
  return p;
}

static struct plan read_sample(const char *name)
{
  char rel[128];
  snprintf(rel, sizeof rel, "tests/fixtures/plans/%s", name);
  size_t len;
  char *text = tu_read_file(tu_source_path(rel), &len);
  assert_non_null(text);
  struct plan p;
  struct err err = {0};
  assert_int_equal(plan_read_text(&p, text, len, &err), ERR_OK);
  free(text);
  return p;
}

static void assert_date(struct date d, int y, int m, int dd)
{
  if (d.y != y || d.m != m || d.d != dd)
    fprintf(stderr, "date %04d-%02d-%02d, expected %04d-%02d-%02d\n", d.y, d.m, d.d, y, m, dd);
  assert_true(d.y == y && d.m == m && d.d == dd);
}

/* Expected first lead of each task, in document order; "" for no lead. */
struct lead_exp {
  const char *section;
  const char *lead;
};

static void assert_leads(const struct plan *p, const struct lead_exp *e, size_t n)
{
  for (size_t k = 0; k < n && k < p->n_tasks; k++) {
    const struct plan_task *t = &p->tasks[k];
    const char *got = t->n_lead ? t->lead[0] : "";
    if (strcmp(got, e[k].lead) != 0 || strcmp(t->section ? t->section : "", e[k].section) != 0)
      fprintf(stderr, "task %zu (%s) %.60s: lead '%s', expected %s '%s'\n", k, t->section, t->text,
              got, e[k].section, e[k].lead);
    assert_string_equal(got, e[k].lead);
    assert_string_equal(t->section ? t->section : "", e[k].section);
  }
  assert_int_equal(p->n_tasks, n);
}

/* ---- sample 000: district plan 2024, role lines after each task ---------- */

static void test_sample_000(void **state)
{
  (void)state;
  struct plan p = read_sample("000_eae0b25c37df13bf.txt");
  assert_null(p.number); /* the converted header carries no number */
  assert_string_equal(p.title, "Thực hiện công tác phòng, chống ma túy năm 2024");
  assert_string_equal(p.issuer, "Ban Chỉ đạo 138 huyện Bình Sơn");
  assert_string_equal(p.territory, "huyện Bình Sơn");
  assert_int_equal(p.kind, PLAN_ANNUAL);
  assert_date(p.period_start, 2024, 1, 1);
  assert_date(p.period_end, 2024, 12, 31);
  assert_int_equal(p.n_bases, 1);
  assert_string_equal(p.bases[0].number, "07/KH-BCĐ");
  assert_date(p.bases[0].date, 2024, 2, 26);
  assert_int_equal(p.n_phases, 0);
  /* "(Quý I trước ngày 10/3; sơ kết 6 tháng trước ngày 10/6; Quý III trước
   * ngày 10/9 và tổng kết năm trước ngày 10/12)" for "Ban Chỉ đạo 138 huyện" */
  assert_int_equal(p.n_reports, 4);
  const char *names[] = {"Quý I", "sơ kết 6 tháng", "Quý III", "tổng kết năm"};
  const int months[] = {3, 6, 9, 12};
  for (int k = 0; k < 4; k++) {
    assert_string_equal(p.reports[k].name, names[k]);
    assert_date(p.reports[k].due_on, 2024, months[k], 10);
    assert_string_equal(p.reports[k].recipient, "Ban Chỉ đạo 138 huyện");
    assert_int_equal(p.reports[k].recurs, RECURS_NONE);
  }
  /* I.3: "tăng ít nhất 5% số vụ ... so với năm 2023; không để tái diễn ...
   * Kiểm soát chặt chẽ 100% ...; không để xảy ra việc trồng ..." */
  assert_int_equal(p.n_targets, 4);
  assert_int_equal(p.targets[0].kind, TARGET_GROWTH_MIN);
  assert_true(p.targets[0].value == 5);
  assert_string_equal(p.targets[0].unit, "%");
  assert_int_equal(p.targets[1].kind, TARGET_ZERO);
  assert_int_equal(p.targets[2].kind, TARGET_RATIO_MIN);
  assert_true(p.targets[2].value == 100);
  assert_int_equal(p.targets[3].kind, TARGET_ZERO);
  static const struct lead_exp leads[] = {
      {"II.1", ""}, /* the first bullet has no role lines */
      {"II.1", "Công an huyện"},
      {"II.1", "Công an huyện"},
      {"II.1", "các phòng, ban, ngành, địa phương"},
      {"II.1", "các phòng, ban, ngành, địa phương"},
      {"II.2", "Công an huyện"},
      {"II.2", "các phòng, ban, ngành, địa phương"},
      {"II.3", "các phòng, ban, ngành, địa phương"},
      {"II.3", "các phòng, ban, ngành, địa phương"},
      {"II.3", "các phòng, ban, ngành, địa phương"},
      {"II.3", "Phòng Văn hóa và Thông tin"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.4", "Công an huyện"},
      {"II.5", "Công an huyện"},
      {"II.5", "Công an huyện"},
      {"II.5", "Phòng Lao động - Thương binh và Xã hội"},
      {"II.5", "Phòng Y tế"},
      {"II.6", "các cơ quan, đơn vị, địa phương"},
      {"III.1", "các phòng, ban, ngành, hội, đoàn thể"},
      {"III.2", "Công an huyện"},
      {"III.2", "các cơ quan, đơn vị, địa phương"},
  };
  assert_leads(&p, leads, sizeof leads / sizeof leads[0]);
  /* "Cơ quan tham mưu thực hiện: Phòng Văn hóa và Thông tin, Trung tâm
   * Truyền thông - Văn hóa - Thể thao, Công an huyện." */
  assert_int_equal(p.tasks[10].n_lead, 3);
  assert_string_equal(p.tasks[10].lead[1], "Trung tâm Truyền thông - Văn hóa - Thể thao");
  /* "Cơ quan phối hợp thực hiện: Huyện Đoàn Bình Sơn, Phòng Giáo dục và
   * Đào tạo, các phòng, ban, ngành, địa phương." */
  assert_int_equal(p.tasks[2].n_support, 3);
  assert_string_equal(p.tasks[2].support[0], "Huyện Đoàn Bình Sơn");
  assert_string_equal(p.tasks[2].support[2], "các phòng, ban, ngành, địa phương");
  /* four clear: the first task names nobody; a collective lead is not a responsibility */
  assert_false(p.tasks[0].four_clear.who);
  assert_true(p.tasks[1].four_clear.who && p.tasks[1].four_clear.responsibility);
  assert_false(p.tasks[3].four_clear.responsibility);
  /* "Tăng cường công tác kiểm tra, giám sát, đôn đốc ...": no deadline, no
   * cadence, no phase; the plan's year is not the task's time */
  assert_false(p.tasks[3].four_clear.when);
  /* III.1 "(Quý I trước ngày 10/3; sơ kết 6 tháng trước ngày 10/6; ...)": the
   * reporting schedule, not the task's deadline */
  assert_int_equal(p.tasks[25].due_on.y, 0);
  plan_free(&p);
}

/* ---- sample 001: province plan 2018, sections headed by an agency -------- */

static void test_sample_001(void **state)
{
  (void)state;
  struct plan p = read_sample("001_c4b8e8f3bf85f38b.txt");
  assert_string_equal(p.title, "Thực hiện công tác phòng, chống ma túy năm 2018");
  assert_string_equal(p.issuer, "Ủy ban nhân dân tỉnh");
  assert_int_equal(p.kind, PLAN_ANNUAL);
  assert_date(p.period_end, 2018, 12, 31);
  assert_int_equal(p.n_bases, 3);
  assert_string_equal(p.bases[0].number, "62-KH/TU");
  assert_date(p.bases[0].date, 2014, 7, 3);
  assert_string_equal(p.bases[1].number, "95-KL/TW");
  assert_string_equal(p.bases[2].number, "21-CT/TW");
  assert_date(p.bases[2].date, 2008, 3, 26);
  /* III: "báo cáo kết quả thực hiện 6 tháng gửi trước ngày 16/5/2018, báo
   * cáo tổng kết trước ngày 16/11/2018"; the plans due 03/03/2018 are a task */
  assert_int_equal(p.n_reports, 2);
  assert_string_equal(p.reports[0].name, "báo cáo kết quả thực hiện 6 tháng");
  assert_date(p.reports[0].due_on, 2018, 5, 16);
  assert_string_equal(p.reports[1].name, "báo cáo tổng kết");
  assert_date(p.reports[1].due_on, 2018, 11, 16);
  assert_string_equal(p.reports[0].recipient, "Công an tỉnh");
  /* I.2 and I.3 in prose */
  assert_true(p.n_targets >= 6);
  assert_int_equal(p.targets[0].kind, TARGET_RATIO_MIN); /* 80% trở lên ... được tiếp cận */
  assert_true(p.targets[0].value == 80);
  assert_int_equal(p.targets[1].kind, TARGET_RATIO_MIN); /* Hơn 1% ... đưa ra khỏi diện */
  assert_true(p.targets[1].value == 1);
  assert_int_equal(p.targets[2].kind, TARGET_REDUCTION_MIN); /* giảm hơn 1% số xã ... */
  assert_true(p.targets[2].value == 1);
  assert_int_equal(p.targets[3].kind, TARGET_ZERO); /* không để ... diễn biến phức tạp hơn */
  assert_int_equal(p.targets[4].kind, TARGET_GROWTH_MIN); /* tăng từ 5% trở lên */
  assert_true(p.targets[4].value == 5);
  assert_int_equal(p.targets[5].kind, TARGET_ZERO); /* không để hình thành ... */
  /* "Phấn đấu 100% ..." in the tasks of Sở Văn hóa và Thể thao (two) and
   * of Sở Giáo dục và Đào tạo (two, the second in the next sentence) */
  assert_int_equal(p.n_targets, 10);
  static const char *const ubnd = "Ủy ban nhân dân các huyện, thị xã, thành phố Huế";
  static const struct lead_exp leads[] = {
      {"II.1", "Các sở, ban, ngành, đoàn thể cấp tỉnh"},
      {"II.1", "Các sở, ban, ngành, đoàn thể cấp tỉnh"},
      {"II.1", "Các sở, ban, ngành, đoàn thể cấp tỉnh"},
      {"II.2", "Công an tỉnh"},
      {"II.2", "Công an tỉnh"},
      {"II.2", "Công an tỉnh"},
      {"II.2", "Công an tỉnh"},
      {"II.3", "Sở Lao động - Thương binh và Xã hội"},
      {"II.3", "Sở Lao động - Thương binh và Xã hội"},
      {"II.3", "Sở Lao động - Thương binh và Xã hội"},
      {"II.3", "Sở Lao động - Thương binh và Xã hội"},
      {"II.3", "Sở Lao động - Thương binh và Xã hội"},
      {"II.4", "Sở Y tế"},
      {"II.4", "Sở Y tế"},
      {"II.4", "Sở Y tế"},
      {"II.5", "Sở Thông tin và Truyền thông"},
      {"II.5", "Sở Thông tin và Truyền thông"},
      {"II.5", "Sở Thông tin và Truyền thông"},
      {"II.6", "Sở Văn hóa và Thể thao"},
      {"II.6", "Sở Văn hóa và Thể thao"},
      {"II.6", "Sở Văn hóa và Thể thao"},
      {"II.6", "Sở Văn hóa và Thể thao"},
      {"II.7", "Sở Giáo dục và Đào tạo"},
      {"II.7", "Sở Giáo dục và Đào tạo"},
      {"II.7", "Sở Giáo dục và Đào tạo"},
      {"II.7", "Sở Giáo dục và Đào tạo"},
      {"II.7", "Sở Giáo dục và Đào tạo"},
      {"II.8", "Sở Công Thương"},
      {"II.9", "Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
      {"II.9", "Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
      {"II.9", "Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
      {"II.9", "Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh"},
      {"II.10", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"},
      {"II.10", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"},
      {"II.11", "Bộ Chỉ huy Bộ đội biên phòng"},
      {"II.12", "Viện kiểm sát nhân dân"},
      {"II.13", "Các sở, ban, ngành khác"},
      {"II.14", "Sở Tài chính"},
      {"II.15", ubnd},
      {"II.15", ubnd},
      {"II.15", ubnd},
      {"II.15", ubnd},
      {"II.15", ubnd},
      {"II.15", ubnd},
      {"II.16", "Các thành viên Ban Chỉ đạo 138 tỉnh"},
      {"II.17", "Tổ công tác liên ngành"},
      {"III", "các sở, ban, ngành, đoàn thể cấp tỉnh"},
      {"III", "Công an tỉnh"},
  };
  assert_leads(&p, leads, sizeof leads / sizeof leads[0]);
  /* "8. Sở Công Thương chủ trì, phối hợp với Công an tỉnh và các ngành chức năng ..." */
  assert_int_equal(p.tasks[27].n_support, 2);
  assert_string_equal(p.tasks[27].support[0], "Công an tỉnh");
  assert_string_equal(p.tasks[27].support[1], "các ngành chức năng");
  /* "... gửi về Công an tỉnh (...) trước ngày 03/03/2018" */
  assert_date(p.tasks[46].due_on, 2018, 3, 3);
  assert_int_equal(p.tasks[46].cadence, CADENCE_ONCE);
  plan_free(&p);
}

/* ---- sample 004: province campaign 2024, phases, quotas, bold openers ---- */

static void test_sample_004(void **state)
{
  (void)state;
  struct plan p = read_sample("004_91f2c84d0a0eb75f.txt");
  assert_null(p.number);              /* "Số: /KH-UBND": a draft */
  assert_int_equal(p.issued_on.y, 0); /* "ngày tháng năm 2024": blank */
  assert_string_equal(p.title, "Mở đợt cao điểm tổng điều tra, rà soát, xác minh và tập trung "
                               "đấu tranh truy quét tội phạm về ma túy trên địa bàn tỉnh Lào Cai");
  assert_string_equal(p.issuer, "Ủy ban nhân dân tỉnh Lào Cai");
  assert_string_equal(p.territory, "tỉnh Lào Cai");
  assert_int_equal(p.kind, PLAN_CAMPAIGN);
  /* V.1 "Thời gian thực hiện cao điểm: từ ngày 01/9/2024 đến 14/12/2024." */
  assert_date(p.period_start, 2024, 9, 1);
  assert_date(p.period_end, 2024, 12, 14);
  assert_int_equal(p.n_bases, 2);
  assert_string_equal(p.bases[1].text,
                      "Quyết định số 1425/QĐ-TTg ngày 31/8/2021 của Thủ tướng Chính phủ");
  /* II: three phases */
  assert_int_equal(p.n_phases, 3);
  assert_string_equal(p.phases[0].name, "Giai đoạn chuẩn bị");
  assert_int_equal(p.phases[0].start.y, 0); /* "từ nay" */
  assert_date(p.phases[0].end, 2024, 8, 31);
  assert_string_equal(p.phases[1].name, "Giai đoạn 1");
  assert_date(p.phases[1].start, 2024, 9, 1);
  assert_date(p.phases[1].end, 2024, 10, 31);
  assert_string_equal(p.phases[2].name, "Giai đoạn 2");
  assert_date(p.phases[2].start, 2024, 11, 1);
  assert_date(p.phases[2].end, 2024, 12, 14);
  /* V.3: three reports to "UBND tỉnh (qua Công an tỉnh ...)" */
  assert_int_equal(p.n_reports, 3);
  assert_string_equal(p.reports[0].name, "Báo cáo kết quả 01 tháng");
  assert_date(p.reports[0].due_on, 2024, 10, 3);
  assert_string_equal(p.reports[1].name, "Báo cáo sơ kết giai đoạn 1");
  assert_date(p.reports[1].due_on, 2024, 11, 3);
  assert_string_equal(p.reports[2].name, "Báo cáo tổng kết đợt cao điểm");
  assert_date(p.reports[2].due_on, 2024, 12, 18);
  for (int k = 0; k < 3; k++)
    assert_string_equal(p.reports[k].recipient, "UBND tỉnh");
  /* targets: the quota lists, hand-added from III.2 */
  const struct plan_target *rehab = NULL, *cases = NULL, *districts = NULL, *police = NULL;
  const struct plan_target *ph1 = NULL, *ph2 = NULL;
  for (size_t k = 0; k < p.n_targets; k++) {
    const struct plan_target *t = &p.targets[k];
    if (t->n_quotas == 9 && t->unit && strcmp(t->unit, "đối tượng") == 0)
      rehab = t;
    if (t->n_quotas == 4)
      cases = t;
    if (t->n_quotas == 9 && t->unit && strcmp(t->unit, "vụ") == 0)
      districts = t;
    if (t->n_quotas == 1 && strcmp(t->quotas[0].assignee, "Công an tỉnh") == 0)
      police = t;
    if (t->phase && strcmp(t->phase, "Giai đoạn 1") == 0 && t->kind == TARGET_RATIO_MIN && !ph1)
      ph1 = t;
    if (t->phase && strcmp(t->phase, "Giai đoạn 2") == 0 && t->kind == TARGET_ZERO)
      ph2 = t;
  }
  assert_non_null(rehab);
  assert_true(rehab->value == 222);                 /* 100+10+22+25+18+15+9+20+3 */
  assert_string_equal(rehab->phase, "Giai đoạn 1"); /* 01/9/2024 - 31/10/2024 */
  assert_string_equal(rehab->quotas[0].assignee, "thành phố Lào Cai");
  assert_true(rehab->quotas[0].value == 100);
  assert_string_equal(rehab->quotas[3].assignee, "Văn Bàn");
  assert_true(rehab->quotas[3].value == 25);
  assert_string_equal(rehab->quotas[8].assignee, "huyện Si Ma Cai");
  assert_true(rehab->quotas[8].value == 3);
  assert_non_null(cases);
  assert_true(cases->value == 207); /* 35 + 10 + 2 + 160 */
  assert_string_equal(cases->quotas[0].assignee, "Các phòng nghiệp vụ Công an tỉnh");
  assert_true(cases->quotas[1].value == 10);
  assert_string_equal(cases->quotas[2].assignee, "Cục Hải quan tỉnh");
  assert_true(cases->quotas[2].value == 2);
  assert_string_equal(cases->quotas[3].assignee, "Các huyện, thị xã, thành phố");
  assert_true(cases->quotas[3].value == 160);
  assert_non_null(districts);
  assert_true(districts->value == 160);
  assert_string_equal(districts->quotas[3].assignee, "huyện Văn Bàn");
  assert_true(districts->quotas[3].value == 35);
  assert_true(districts->quotas[6].value == 8); /* huyện Mường Khương: 08 */
  assert_non_null(police);
  assert_true(police->value == 10);
  assert_string_equal(police->unit, "buổi");
  /* III.2.1 "Riêng các huyện Bảo Thắng, Bát Xát, Mường Khương, Si Ma Cai, thành phố Lào
   * Cai chỉ đạo tổ chức ít nhất 05 buổi": 05 for each of the five */
  const struct plan_target *border = NULL;
  for (size_t k = 0; k < p.n_targets; k++)
    if (p.targets[k].n_quotas == 5)
      border = &p.targets[k];
  assert_non_null(border);
  static const char *const border_units[] = {"huyện Bảo Thắng", "huyện Bát Xát",
                                             "huyện Mường Khương", "huyện Si Ma Cai",
                                             "thành phố Lào Cai"};
  for (int k = 0; k < 5; k++) {
    assert_string_equal(border->quotas[k].assignee, border_units[k]);
    assert_true(border->quotas[k].value == 5);
  }
  assert_true(border->value == 25);
  assert_string_equal(border->unit, "buổi");
  assert_string_equal(border->phase, "Giai đoạn 1");
  assert_non_null(ph1); /* "Đấu tranh triệt xóa 100% ..." */
  assert_true(ph1->value == 100);
  assert_non_null(ph2); /* "không để tội phạm ma túy tái hoạt động" */
  static const char *const ubnd_xa = "UBND cấp huyện, cấp xã";
  static const struct lead_exp leads[] = {
      /* IV.1: the first three bullets name their doers at their end,
       * "(Các sở, ban, ngành, đoàn thể, UBND cấp huyện, cấp xã thực hiện
       * thường xuyên)" and "(Công an tỉnh chủ trì, phối hợp các sở, ...)";
       * the closing "(UBND cấp huyện, cấp xã chủ trì, ...)" line completes
       * only the bullet and paragraph after them */
      {"IV.1", "Các sở, ban, ngành, đoàn thể"},
      {"IV.1", "Công an tỉnh"},
      {"IV.1", "Công an tỉnh"},
      {"IV.1", ubnd_xa},
      {"IV.1", "UBND các huyện, thị xã, thành phố"},
      {"IV.1", "Thủ trưởng các đơn vị, địa phương"},
      {"IV.1", ""},
      {"IV.2", "Các ngành chức năng"},
      {"IV.2.1", ""},
      {"IV.2.2", ""}, /* (1) ... (4): how to communicate, nobody named */
      {"IV.2.2", ""},
      {"IV.2.2", ""},
      {"IV.2.2", ""},
      {"IV.2.3", "Sở Thông tin và Truyền thông"},
      {"IV.2.3", "Sở Thông tin và Truyền thông"},
      {"IV.2.3", "Sở Văn hóa và Thể thao"},
      {"IV.2.3", "Sở Giáo dục và Đào tạo"},
      {"IV.2.3", "Sở Giáo dục và Đào tạo"},
      {"IV.2.3", "Sở Tư pháp"},
      {"IV.2.3", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"},
      {"IV.2.3", "Tỉnh đoàn"},
      {"IV.2.3", "Tỉnh đoàn"},
      {"IV.2.3", "UBND các huyện, thị xã, thành phố"},
      {"IV.2.3", "Các sở, ban, ngành, đoàn thể còn lại"},
      /* IV.3.2 "Đơn vị chủ trì: Công an tỉnh Lào Cai." serves IV.3's tasks */
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.3.1", "Công an tỉnh Lào Cai"},
      {"IV.4.1", "Công an tỉnh"},
      {"IV.4.1", "Lực lượng Công an"},
      {"IV.4.2", "các cơ quan tiến hành tố tụng"},
      {"IV.4.2", "Cơ quan điều tra thuộc Công an tỉnh"},
      {"IV.4.2", "Cơ quan điều tra thuộc Công an tỉnh"},
      {"IV.5", "Sở Lao động, Thương binh và Xã hội"},
      {"IV.5", "Sở Lao động, Thương binh và Xã hội"},
      {"IV.5", "Sở Lao động, Thương binh và Xã hội"},
      {"IV.5", "Sở Lao động, Thương binh và Xã hội"},
      {"IV.5", "Sở Y tế"},
      {"IV.5", "Sở Y tế"},
      {"IV.5", "Sở Y tế"},
      {"IV.5", "Sở Y tế"},
      {"IV.6", "Cục Hải quan tỉnh"},
      {"IV.6", "Cục Hải quan tỉnh"},
      {"IV.6", "Sở Y tế"},
      {"IV.6", "Sở Y tế"},
      {"IV.6", "Sở Y tế"},
      {"IV.6", "Sở Công Thương"},
      {"IV.6", "Cục Quản lý thị trường tỉnh"},
      {"IV.6", "Cục Quản lý thị trường tỉnh"},
      {"IV.6", "Sở Nông nghiệp và Phát triển nông thôn"},
      {"IV.7", "Lực lượng Công an"},
      {"IV.7", "Các sở, ngành, đoàn thể cấp tỉnh"},
      {"IV.7", "UBND các huyện, thị xã, thành phố"},
      {"IV.8", ""},
      {"IV.8", ""},
      {"IV.9", "Sở Tài chính"},
      {"IV.9", "Sở Tài chính"},
      {"IV.9", "Sở Nội vụ"},
      {"IV.9", "Sở Nội vụ"},
      {"IV.9", "Các sở, ban, ngành, đoàn thể khác"},
      {"IV.9", "UBND cấp huyện"},
      {"V.2", "Thủ trưởng các Sở, ban, ngành, đoàn thể cấp tỉnh"},
      {"V.3", ""},
      {"V.4", "Công an tỉnh"},
      {"V.4", "các đơn vị"},
  };
  assert_leads(&p, leads, sizeof leads / sizeof leads[0]);
  assert_int_equal(p.tasks[0].n_lead, 2);
  assert_string_equal(p.tasks[0].lead[1], ubnd_xa);
  /* "(Công an tỉnh chủ trì, phối hợp các sở, ban, ngành, đoàn thể, UBND các
   * huyện, thị xã, thành phố thực hiện thường xuyên)" */
  assert_int_equal(p.tasks[2].n_support, 2);
  assert_string_equal(p.tasks[2].support[1], "UBND các huyện, thị xã, thành phố");
  /* IV.3.2 "Thời gian thực hiện: Hoàn thành trước 30/8/2024, sau đó duy trì thường xuyên." */
  for (int k = 24; k <= 29; k++) {
    assert_date(p.tasks[k].due_on, 2024, 8, 30);
    assert_int_equal(p.tasks[k].cadence, CADENCE_ONGOING);
    assert_true(p.tasks[k].then_ongoing);
  }
  /* IV.1 "... về mở đợt cao điểm bảo đảm hiệu quả (*hoàn thành trước ngày 30/8/2024*)" */
  assert_date(p.tasks[1].due_on, 2024, 8, 30);
  assert_int_equal(p.tasks[1].cadence, CADENCE_ONCE);
  assert_false(p.tasks[1].then_ongoing);
  /* IV.1 "giao UBND các huyện ... tổ chức Hội nghị ... (... hoàn thành tổ chức Hội nghị
   * trước ngày 31/8/2024)" */
  assert_date(p.tasks[4].due_on, 2024, 8, 31);
  /* IV.2.3 (2) "(hoàn thành trước 15/10/2024 và thực hiện thường xuyên)" */
  assert_date(p.tasks[14].due_on, 2024, 10, 15);
  assert_int_equal(p.tasks[14].cadence, CADENCE_ONGOING);
  assert_true(p.tasks[14].then_ongoing);
  /* IV.2.3 (1) "(thực hiện thường xuyên)": no date */
  assert_int_equal(p.tasks[13].due_on.y, 0);
  assert_false(p.tasks[13].then_ongoing);
  /* IV.6 "Sở Y tế chủ trì: (1) ... (2) Tổ chức công tác thanh tra ... (3) ... (thực hiện
   * thường xuyên)": the bullet's time, for (2) too */
  assert_int_equal(p.tasks[46].cadence, CADENCE_ONGOING);
  assert_true(p.tasks[46].four_clear.when);
  /* rõ thời gian: IV.1 "UBND cấp huyện, cấp xã phải chủ động ban hành kế hoạch ..." and
   * IV.8 "Duy trì hiệu quả hoạt động Văn phòng liên lạc ..." state no time of their own;
   * the campaign's period does not make them clear */
  assert_false(p.tasks[3].four_clear.when);
  assert_false(p.tasks[56].four_clear.when);
  assert_true(p.tasks[24].four_clear.when); /* due 30/8/2024 */
  /* IV.7 "... đặc biệt trong giai đoạn thực hiện cao điểm" */
  assert_int_equal(p.tasks[53].cadence, CADENCE_CAMPAIGN);
  /* IV.4.1 "(Công an tỉnh, Bộ Chỉ huy Biên phòng, Hải quan tỉnh phối hợp các
   * sở, ban, ngành, đoàn thể, UBND cấp huyện, cấp xã thực hiện trong cao điểm và thường xuyên)" */
  assert_int_equal(p.tasks[30].n_lead, 3);
  assert_string_equal(p.tasks[30].lead[1], "Bộ Chỉ huy Biên phòng");
  assert_string_equal(p.tasks[30].support[1], "UBND cấp huyện, cấp xã");
  /* V.2: "gửi Kế hoạch về UBND tỉnh (qua Công an tỉnh) trước ngày 30/08/2024" */
  assert_date(p.tasks[63].due_on, 2024, 8, 30);
  plan_free(&p);
}

/* ---- patterns on small inputs -------------------------------------------- */

static void test_role_lines(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2025\n"
                          "II. NHIỆM VỤ\n1. Công tác phòng ngừa\n"
                          "- Tổ chức tuyên truyền tại các trường học.\n"
                          "+ Cơ quan chủ trì: Công an huyện.\n"
                          "+ Cơ quan phối hợp thực hiện: Phòng Giáo dục và Đào tạo, Huyện Đoàn.\n"
                          "- Rà soát người nghiện trên địa bàn.\n"
                          "+ Cơ quan tham mưu thực hiện: Phòng Y tế.\n");
  assert_int_equal(p.n_tasks, 2);
  assert_string_equal(p.tasks[0].section, "II.1");
  assert_string_equal(p.tasks[0].lead[0], "Công an huyện");
  assert_int_equal(p.tasks[0].n_support, 2);
  assert_string_equal(p.tasks[0].support[1], "Huyện Đoàn");
  assert_string_equal(p.tasks[1].lead[0], "Phòng Y tế");
  assert_int_equal(p.tasks[1].n_support, 0);
  plan_free(&p);
}

/* a commune plan in another layout: lettered items, "Đơn vị thực hiện:",
 * "Thời hạn:", a report "Định kỳ hằng quý (trước ngày 20 tháng cuối quý)" */
static void test_commune_layout(void **state)
{
  (void)state;
  struct plan p = read_ok("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 15/KH-UBND\n"
                          "Tân Phú, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
                          "Phòng, chống ma túy trên địa bàn xã năm 2026\n"
                          "II. NỘI DUNG THỰC HIỆN\n"
                          "a) Rà soát, lập danh sách người sử dụng trái phép chất ma túy.\n"
                          "Đơn vị thực hiện: Công an xã.\n"
                          "Trách nhiệm phối hợp: Trạm Y tế xã, Đoàn Thanh niên xã.\n"
                          "Thời hạn: hoàn thành trước ngày 31/3/2026.\n"
                          "b) Tổ chức 04 buổi tuyên truyền tại các thôn.\n"
                          "Đơn vị thực hiện: Đoàn Thanh niên xã.\n");
  assert_string_equal(p.number, "15/KH-UBND");
  assert_date(p.issued_on, 2026, 1, 10);
  assert_string_equal(p.issuer, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ");
  assert_int_equal(p.n_tasks, 2);
  assert_string_equal(p.tasks[0].section, "II.a");
  assert_string_equal(p.tasks[0].lead[0], "Công an xã");
  assert_int_equal(p.tasks[0].n_support, 2);
  assert_string_equal(p.tasks[0].support[0], "Trạm Y tế xã");
  assert_date(p.tasks[0].due_on, 2026, 3, 31);
  assert_string_equal(p.tasks[1].lead[0], "Đoàn Thanh niên xã");
  assert_int_equal(p.tasks[1].due_on.y, 0);
  plan_free(&p);
}

static void test_agency_heading_and_items(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2025\n"
                          "II. NHIỆM VỤ VÀ GIẢI PHÁP\n3. Sở Y tế\n"
                          "- Chủ trì, phối hợp với Công an tỉnh xác định tình trạng nghiện.\n"
                          "Tổ chức tập huấn cho cán bộ y tế cơ sở.\n"
                          "4. Công an tỉnh - Cơ quan thường trực Ban Chỉ đạo:\n"
                          "- **Sở Tư pháp:** (1) Tổ chức phổ biến pháp luật tại các xã. (2) "
                          "Biên soạn tài liệu tuyên truyền (thực hiện thường xuyên).\n"
                          "- Đề nghị Tòa án nhân dân tỉnh tổ chức xét xử lưu động hoàn thành "
                          "trước ngày 30/8/2025.\n");
  assert_int_equal(p.n_tasks, 5);
  assert_string_equal(p.tasks[0].lead[0], "Sở Y tế");
  assert_string_equal(p.tasks[0].support[0], "Công an tỉnh");
  assert_string_equal(p.tasks[1].lead[0], "Sở Y tế"); /* a plain paragraph under the heading */
  assert_string_equal(p.tasks[2].lead[0], "Sở Tư pháp");
  assert_string_equal(p.tasks[2].text, "Tổ chức phổ biến pháp luật tại các xã");
  /* "(thực hiện thường xuyên)" closes the last item only, and no item has a
   * time of its own: it is the time of the whole bullet */
  assert_int_equal(p.tasks[2].cadence, CADENCE_ONGOING);
  assert_string_equal(p.tasks[3].lead[0], "Sở Tư pháp");
  assert_int_equal(p.tasks[3].cadence, CADENCE_ONGOING);
  assert_string_equal(p.tasks[4].lead[0], "Tòa án nhân dân tỉnh");
  assert_date(p.tasks[4].due_on, 2025, 8, 30);
  assert_int_equal(p.tasks[4].cadence, CADENCE_ONCE);
  plan_free(&p);
}

static void test_closing_paren_and_quarter(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2018\n"
                          "II. NHIỆM VỤ\n1. Đấu tranh\n"
                          "- Mở đợt cao điểm tấn công tội phạm ma túy trong Quý II/2018.\n"
                          "- Triệt xóa các điểm bán lẻ ma túy.\n"
                          "(Công an tỉnh chủ trì, phối hợp Bộ Chỉ huy Bộ đội Biên phòng tỉnh "
                          "thực hiện thường xuyên).\n");
  assert_int_equal(p.n_tasks, 2);
  assert_date(p.tasks[0].due_on, 2018, 6, 30);
  for (int k = 0; k < 2; k++) {
    assert_string_equal(p.tasks[k].lead[0], "Công an tỉnh");
    assert_string_equal(p.tasks[k].support[0], "Bộ Chỉ huy Bộ đội Biên phòng tỉnh");
    assert_int_equal(p.tasks[k].cadence, CADENCE_ONGOING);
  }
  plan_free(&p);
}

/* A deadline written in parentheses at the end of a task, or after "Thời
 * gian thực hiện" / "Thời hạn", with or without emphasis marks, is the
 * task's; "once, then kept up" keeps the date and the ongoing cadence. A
 * parenthesised report schedule is not a task's deadline. */
static void test_deadline_in_brackets_and_time_labels(void **state)
{
  (void)state;
  struct plan p = read_ok(
      "KẾ HOẠCH\nPhòng, chống ma túy năm 2025\nII. NHIỆM VỤ\n1. Công tác quản lý\n"
      "- Công an huyện rà soát người nghiện trên địa bàn (*hoàn thành trước ngày 30/6/2025*).\n"
      "- Phòng Y tế cập nhật danh sách cơ sở điều trị (**hoàn thành trước 15/10/2025 và thực "
      "hiện thường xuyên**).\n"
      "- Công an huyện **hoàn thành trước 30/8/2025**, sau đó duy trì thường xuyên việc cập "
      "nhật cơ sở dữ liệu người nghiện.\n"
      "- Công an huyện tổ chức tập huấn cho Công an xã. *Thời gian thực hiện: tháng 9/2025.*\n"
      "- Phòng Tư pháp biên soạn tài liệu phổ biến pháp luật. Thời hạn hoàn thành: Quý "
      "III/2025.\n"
      "- Các xã báo cáo kết quả (Quý I trước ngày 10/3; sơ kết 6 tháng trước ngày 10/6).\n"
      "2. Công tác kiểm tra\n"
      "a) Kiểm tra các cơ sở kinh doanh dịch vụ karaoke.\n"
      "Đơn vị chủ trì: Công an huyện.\n"
      "Thời gian thực hiện: **Hoàn thành trước 30/8/2025**, sau đó **duy trì thường xuyên**.\n"
      "b) Kiểm tra các nhà thuốc trên địa bàn huyện.\n"
      "Đơn vị chủ trì: Phòng Y tế.\n"
      "Thời gian thực hiện: 31/7/2025.\n");
  assert_int_equal(p.n_tasks, 8);
  assert_date(p.tasks[0].due_on, 2025, 6, 30);
  assert_int_equal(p.tasks[0].cadence, CADENCE_ONCE);
  assert_false(p.tasks[0].then_ongoing);
  for (int k = 1; k <= 2; k++) {
    assert_int_equal(p.tasks[k].cadence, CADENCE_ONGOING);
    assert_true(p.tasks[k].then_ongoing);
  }
  assert_date(p.tasks[1].due_on, 2025, 10, 15);
  assert_date(p.tasks[2].due_on, 2025, 8, 30);
  assert_date(p.tasks[3].due_on, 2025, 9, 30); /* "tháng 9/2025": its last day */
  assert_int_equal(p.tasks[3].cadence, CADENCE_ONCE);
  assert_date(p.tasks[4].due_on, 2025, 9, 30); /* "Quý III/2025" */
  assert_int_equal(p.tasks[5].due_on.y, 0);    /* a report schedule, not the task's */
  assert_date(p.tasks[6].due_on, 2025, 8, 30);
  assert_int_equal(p.tasks[6].cadence, CADENCE_ONGOING);
  assert_true(p.tasks[6].then_ongoing);
  assert_date(p.tasks[7].due_on, 2025, 7, 31);
  assert_int_equal(p.tasks[7].cadence, CADENCE_ONCE);
  assert_false(p.tasks[7].then_ongoing);
  plan_free(&p);
}

/* A lead named in a parenthesis at the end of an item is the task's lead:
 * over an agency the item only inherits, and, with "chủ trì", over the
 * item's grammatical subject; a closing line after such items completes only
 * the items written after them. */
static void test_lead_named_at_end_of_item(void **state)
{
  (void)state;
  struct plan p = read_ok(
      "KẾ HOẠCH\nPhòng, chống ma túy năm 2025\nII. NHIỆM VỤ\n1. Công tác đấu tranh\n"
      "- Thường xuyên kiểm tra các cơ sở kinh doanh có điều kiện về an ninh, trật tự (*Công an "
      "tỉnh chủ trì, phối hợp các sở, ngành thực hiện thường xuyên*).\n"
      "- Các xã, thị trấn tổ chức ký cam kết không vi phạm pháp luật về ma túy (Công an huyện "
      "chủ trì, phối hợp UBND các xã, thị trấn).\n"
      "- Rà soát các tụ điểm phức tạp về ma túy.\n"
      "(Công an huyện chủ trì, phối hợp Đồn Biên phòng thực hiện trong cao điểm).\n"
      "- Tuyên truyền tại các trường học (học sinh, sinh viên).\n"
      "- Tổ chức tuyên truyền lưu động tại các chợ phiên (**Sở Văn hóa và Thể thao, "
      "Tỉnh đoàn thực hiện thường xuyên**).\n"
      "2. Sở Y tế\n"
      "- Tổ chức điều trị nghiện bằng thuốc thay thế.\n"
      "- Tổ chức cai nghiện tự nguyện tại cộng đồng (Sở Lao động - Thương binh và Xã hội chủ "
      "trì, phối hợp Sở Y tế).\n"
      "- **Sở Tư pháp:** (1) Biên soạn tài liệu phổ biến pháp luật (Sở Thông tin và Truyền "
      "thông chủ trì). (2) Tổ chức phổ biến pháp luật tại các xã.\n");
  assert_int_equal(p.n_tasks, 9);
  assert_string_equal(p.tasks[0].lead[0], "Công an tỉnh");
  assert_int_equal(p.tasks[0].n_lead, 1);
  assert_string_equal(p.tasks[0].support[0], "các sở, ngành");
  assert_string_equal(p.tasks[1].lead[0], "Công an huyện"); /* "chủ trì" over the subject */
  assert_int_equal(p.tasks[1].n_lead, 1);
  assert_string_equal(p.tasks[1].support[0], "UBND các xã, thị trấn");
  /* the closing line completes the one item written after the last named lead */
  assert_string_equal(p.tasks[2].lead[0], "Công an huyện");
  assert_string_equal(p.tasks[2].support[0], "Đồn Biên phòng");
  assert_int_equal(p.tasks[2].cadence, CADENCE_CAMPAIGN);
  assert_int_equal(p.tasks[1].cadence, CADENCE_NONE);
  assert_int_equal(p.tasks[3].n_lead, 0); /* "(học sinh, sinh viên)" names nobody */
  assert_int_equal(p.tasks[4].n_lead, 2);
  assert_string_equal(p.tasks[4].lead[0], "Sở Văn hóa và Thể thao");
  assert_string_equal(p.tasks[4].lead[1], "Tỉnh đoàn");
  assert_string_equal(p.tasks[5].lead[0], "Sở Y tế"); /* from the heading */
  assert_string_equal(p.tasks[6].lead[0], "Sở Lao động - Thương binh và Xã hội");
  assert_int_equal(p.tasks[6].n_lead, 1);
  assert_string_equal(p.tasks[6].support[0], "Sở Y tế");
  assert_string_equal(p.tasks[7].lead[0], "Sở Thông tin và Truyền thông");
  assert_string_equal(p.tasks[8].lead[0], "Sở Tư pháp");
  plan_free(&p);
}

/* An agency name holding "và" (and a comma) is one agency: Vietnamese
 * capitalises only the first syllable of each word of a name ("Sở Tài
 * nguyên và Môi trường"), and "và" before another head starts a new name. */
static void test_agency_name_with_va(void **state)
{
  (void)state;
  struct plan p = read_ok(
      "KẾ HOẠCH\nPhòng, chống ma túy năm 2025\nII. NHIỆM VỤ\n1. Tuyên truyền\n"
      "- Tổ chức tuyên truyền lưu động tại các chợ phiên vùng cao.\n"
      "+ Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.\n"
      "+ Cơ quan phối hợp: Sở Khoa học và Công nghệ, Sở Tài nguyên và Môi trường và các sở, "
      "ngành liên quan.\n"
      "- Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp Sở Kế hoạch và Đầu tư tổ chức "
      "kiểm tra các cơ sở kinh doanh karaoke.\n"
      "- Ủy ban nhân dân huyện Bình Sơn và Công an huyện tổ chức ra quân tổng kiểm tra.\n"
      "- UBND huyện Bình Sơn tăng cường chỉ đạo kiểm tra các cơ sở lưu trú.\n"
      "2. Sở Giáo dục và Đào tạo, Sở Lao động, Thương binh và Xã hội\n"
      "- Tổ chức tuyên truyền trong trường học và cơ sở giáo dục nghề nghiệp.\n");
  assert_int_equal(p.n_tasks, 5);
  assert_int_equal(p.tasks[0].n_lead, 1);
  assert_string_equal(p.tasks[0].lead[0], "Sở Văn hóa, Thể thao và Du lịch");
  assert_int_equal(p.tasks[0].n_support, 3);
  assert_string_equal(p.tasks[0].support[0], "Sở Khoa học và Công nghệ");
  assert_string_equal(p.tasks[0].support[1], "Sở Tài nguyên và Môi trường");
  assert_string_equal(p.tasks[0].support[2], "các sở, ngành liên quan");
  assert_int_equal(p.tasks[1].n_lead, 1);
  assert_string_equal(p.tasks[1].lead[0], "Sở Văn hóa, Thể thao và Du lịch");
  assert_string_equal(p.tasks[1].support[0], "Sở Kế hoạch và Đầu tư");
  assert_int_equal(p.tasks[2].n_lead, 2);
  assert_string_equal(p.tasks[2].lead[0], "Ủy ban nhân dân huyện Bình Sơn");
  assert_string_equal(p.tasks[2].lead[1], "Công an huyện");
  assert_string_equal(p.tasks[3].lead[0], "UBND huyện Bình Sơn");
  assert_int_equal(p.tasks[4].n_lead, 2);
  assert_string_equal(p.tasks[4].lead[0], "Sở Giáo dục và Đào tạo");
  assert_string_equal(p.tasks[4].lead[1], "Sở Lao động, Thương binh và Xã hội");
  plan_free(&p);
}

/* An item without its own agency takes the agency of the bullet or heading
 * it sits under; a line that only names the agencies and ends with a colon
 * introduces its sub-items and is no task; a sub-item's verb phrase ("+ Ban
 * hành Đề án ...", "+ Sơ kết ...", "+ Thanh tra, kiểm tra ...") is not an
 * agency. */
static void test_sub_items_take_the_agency_above(void **state)
{
  (void)state;
  struct plan p =
      read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2025\nII. NHIỆM VỤ\n1. Công tác tuyên truyền\n"
              "- Công an tỉnh chủ trì, phối hợp các sở, ngành:\n"
              "+ Ban hành Đề án tuyên truyền phòng, chống ma túy trong trường học.\n"
              "+ Tổ chức 10 buổi tuyên truyền tại các xã biên giới.\n"
              "+ Phòng Y tế tổ chức tập huấn cho nhân viên y tế thôn bản.\n"
              "- Sở Y tế:\n"
              "+ Sơ kết việc điều trị nghiện bằng thuốc thay thế.\n"
              "+ Thanh tra, kiểm tra các cơ sở kinh doanh thuốc.\n"
              "- Công tác kiểm tra:\n"
              "+ Kiểm tra các cơ sở kinh doanh dịch vụ karaoke.\n"
              "2. Sở Tư pháp\n"
              "+ Ban hành kế hoạch phổ biến pháp luật về phòng, chống ma túy.\n"
              "3. Công an huyện chủ trì, phối hợp với Viện Kiểm sát nhân dân huyện:\n"
              "a) Đẩy nhanh tiến độ điều tra các vụ án ma túy.\n"
              "4. Công tác quản lý\n"
              "- Đối với Phòng Y tế:\n"
              "+ Kiểm tra các nhà thuốc trên địa bàn huyện.\n"
              "- Bộ Công an ban hành hướng dẫn, Công an huyện tổ chức tập huấn cho Công an "
              "xã.\n");
  assert_int_equal(p.n_tasks, 10);
  for (int k = 0; k < 2; k++) {
    assert_int_equal(p.tasks[k].n_lead, 1);
    assert_string_equal(p.tasks[k].lead[0], "Công an tỉnh");
    assert_string_equal(p.tasks[k].support[0], "các sở, ngành");
  }
  assert_string_equal(p.tasks[0].text,
                      "Ban hành Đề án tuyên truyền phòng, chống ma túy trong trường học");
  assert_string_equal(p.tasks[2].lead[0], "Phòng Y tế"); /* its own */
  assert_string_equal(p.tasks[3].lead[0], "Sở Y tế");
  assert_string_equal(p.tasks[4].lead[0], "Sở Y tế");
  assert_int_equal(p.tasks[5].n_lead, 0); /* under a bullet naming nobody */
  assert_string_equal(p.tasks[6].lead[0], "Sở Tư pháp");
  assert_string_equal(p.tasks[7].lead[0], "Công an huyện");
  assert_string_equal(p.tasks[7].support[0], "Viện Kiểm sát nhân dân huyện");
  assert_string_equal(p.tasks[8].lead[0], "Phòng Y tế"); /* "Đối với X:" */
  assert_string_equal(p.tasks[9].lead[0], "Bộ Công an"); /* not "Bộ Công an ban" */
  plan_free(&p);
}

/* A task belongs to the phase whose heading it sits under, or that its text
 * or its "Thời gian thực hiện" line names; phases written as headings in
 * the tasks part are phases too. Periodic words are a cadence. "Rõ thời
 * gian" needs one of these, not the plan's period. */
static void test_task_phase_and_when(void **state)
{
  (void)state;
  struct plan p =
      read_ok("KẾ HOẠCH\nCao điểm tấn công, trấn áp tội phạm ma túy năm 2025\n"
              "I. THỜI GIAN THỰC HIỆN\n"
              "1. Giai đoạn 1 (từ ngày 01/6/2025 đến ngày 31/7/2025): rà soát, lập danh sách.\n"
              "2. Giai đoạn 2 (từ ngày 01/8/2025 đến ngày 30/9/2025): tấn công, trấn áp.\n"
              "II. NHIỆM VỤ\n"
              "1. Công an tỉnh rà soát, lập danh sách các đối tượng nghiện trong giai đoạn 1.\n"
              "2. Sở Y tế tổ chức xác định tình trạng nghiện cho người sử dụng ma túy.\n"
              "3. Giai đoạn 2 (từ ngày 01/8/2025 đến ngày 30/9/2025)\n"
              "- Công an tỉnh tổ chức truy quét các tụ điểm phức tạp về ma túy.\n"
              "4. Kiểm tra các cơ sở kinh doanh dịch vụ karaoke, quán bar.\n"
              "Đơn vị chủ trì: Công an tỉnh.\n"
              "Thời gian thực hiện: Giai đoạn 2.\n"
              "5. Sở Tư pháp định kỳ hằng quý tổ chức phổ biến pháp luật tại các xã.\n"
              "6. Sở Công Thương kiểm tra các cơ sở kinh doanh hóa chất, đặc biệt trong giai "
              "đoạn thực hiện cao điểm.\n");
  assert_int_equal(p.n_phases, 2);
  assert_int_equal(p.n_tasks, 6);
  assert_int_equal(p.tasks[5].cadence, CADENCE_CAMPAIGN);
  assert_true(p.tasks[5].four_clear.when);
  assert_string_equal(p.tasks[0].phase, "Giai đoạn 1");
  assert_true(p.tasks[0].four_clear.when);
  assert_null(p.tasks[1].phase);
  assert_int_equal(p.tasks[1].cadence, CADENCE_NONE);
  assert_false(p.tasks[1].four_clear.when); /* the plan's year is no answer */
  assert_string_equal(p.tasks[2].phase, "Giai đoạn 2");
  assert_true(p.tasks[2].four_clear.when);
  assert_string_equal(p.tasks[3].phase, "Giai đoạn 2");
  assert_true(p.tasks[3].four_clear.when);
  assert_null(p.tasks[4].phase);
  assert_int_equal(p.tasks[4].cadence, CADENCE_ONGOING); /* "định kỳ hằng quý" */
  assert_true(p.tasks[4].four_clear.when);
  plan_free(&p);
  /* phases that only the tasks part states, as its headings */
  p = read_ok("KẾ HOẠCH\nMở đợt cao điểm phòng, chống ma túy năm 2025\nII. NHIỆM VỤ\n"
              "1. Đợt 1 (từ ngày 01/5/2025 đến ngày 31/5/2025):\n"
              "- Công an huyện kiểm tra các cơ sở lưu trú trên địa bàn.\n"
              "2. Đợt 2 (từ ngày 01/6/2025 đến ngày 30/6/2025):\n"
              "- Công an huyện kiểm tra các cơ sở kinh doanh karaoke.\n"
              "3. Công tác phối hợp\n"
              "- Công an huyện phối hợp với Đồn Biên phòng kiểm soát tuyến biên giới.\n");
  assert_int_equal(p.n_phases, 2);
  assert_string_equal(p.phases[1].name, "Đợt 2");
  assert_date(p.phases[1].end, 2025, 6, 30);
  assert_int_equal(p.n_tasks, 3);
  assert_string_equal(p.tasks[0].phase, "Đợt 1");
  assert_string_equal(p.tasks[1].phase, "Đợt 2");
  assert_true(p.tasks[1].four_clear.when);
  assert_null(p.tasks[2].phase); /* a new section closes the phase */
  assert_false(p.tasks[2].four_clear.when);
  plan_free(&p);
}

static void test_reports_yearly(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy giai đoạn "
                          "2021 - 2025\nI. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2020.\n"
                          "III. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả về Ban Chỉ đạo "
                          "138 tỉnh: định kỳ 6 tháng (trước 15/6), hằng năm (trước 15/12).\n");
  assert_int_equal(p.kind, PLAN_MULTI_YEAR);
  assert_date(p.period_start, 2021, 1, 1);
  assert_int_equal(p.n_reports, 2);
  assert_string_equal(p.reports[0].name, "định kỳ 6 tháng");
  assert_date(p.reports[0].due_on, 2021, 6, 15);
  assert_int_equal(p.reports[0].recurs, RECURS_YEARLY);
  assert_string_equal(p.reports[1].name, "hằng năm");
  assert_date(p.reports[1].due_on, 2021, 12, 15);
  assert_string_equal(p.reports[1].recipient, "Ban Chỉ đạo 138 tỉnh");
  assert_int_equal(p.n_targets, 1);
  assert_int_equal(p.targets[0].kind, TARGET_REDUCTION_MIN);
  assert_true(p.targets[0].value == 5);
  plan_free(&p);
}

static void test_targets_and_quota_table(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2025\n"
                          "I. MỤC TIÊU, CHỈ TIÊU\n"
                          "1. Số vụ phát hiện tăng không quá 3%; tổ chức ít nhất 12 buổi "
                          "tuyên truyền; không quá 2 điểm phức tạp.\n"
                          "2. Chỉ tiêu lập hồ sơ cai nghiện bắt buộc:\n"
                          "| STT | Đơn vị | Số đối tượng |\n| --- | --- | --- |\n"
                          "| 1 | huyện Bảo Thắng | 22 |\n| 2 | thị xã Sa Pa | 10 |\n"
                          "| | Tổng cộng | 32 |\n");
  assert_int_equal(p.n_targets, 4);
  assert_int_equal(p.targets[0].kind, TARGET_GROWTH_MAX);
  assert_true(p.targets[0].value == 3);
  assert_int_equal(p.targets[1].kind, TARGET_COUNT_MIN);
  assert_true(p.targets[1].value == 12);
  assert_string_equal(p.targets[1].unit, "buổi");
  assert_int_equal(p.targets[2].kind, TARGET_COUNT_MAX);
  assert_string_equal(p.targets[2].unit, "điểm");
  assert_int_equal(p.targets[3].n_quotas, 2);
  assert_string_equal(p.targets[3].quotas[0].assignee, "huyện Bảo Thắng");
  assert_true(p.targets[3].quotas[0].value == 22);
  assert_true(p.targets[3].value == 32);
  plan_free(&p);
}

/* One figure given to a list of units is a quota of that figure for each
 * unit; a plural level before the names ("các huyện A, B") is each name's
 * level, a name with its own level keeps it; the target's value is the sum. */
static void test_one_figure_for_a_list_of_units(void **state)
{
  (void)state;
  struct plan p = read_ok(
      "KẾ HOẠCH\nPhòng, chống ma túy năm 2025\nI. MỤC TIÊU, CHỈ TIÊU\n"
      "1. Riêng các huyện Bảo Thắng, Bát Xát, Mường Khương, thành phố Lào Cai chỉ đạo tổ chức "
      "ít nhất 05 buổi tuyên truyền tại các xã biên giới.\n"
      "2. Các xã Tân Phú, Tân Lập và Bình Minh xây dựng ít nhất 02 mô hình tự quản.\n"
      "3. Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh, Hội Nông dân tỉnh mỗi đơn vị tổ chức ít nhất "
      "03 buổi.\n"
      "4. UBND các huyện Si Ma Cai, Bắc Hà tổ chức không quá 04 đợt ra quân.\n"
      "5. Các huyện, thị xã, thành phố tổ chức ít nhất 20 buổi.\n");
  assert_int_equal(p.n_targets, 5);
  const struct plan_target *t = &p.targets[0];
  assert_int_equal(t->kind, TARGET_COUNT_MIN);
  assert_string_equal(t->unit, "buổi");
  assert_int_equal(t->n_quotas, 4);
  static const char *const units[] = {"huyện Bảo Thắng", "huyện Bát Xát", "huyện Mường Khương",
                                      "thành phố Lào Cai"};
  for (int k = 0; k < 4; k++) {
    assert_string_equal(t->quotas[k].assignee, units[k]);
    assert_true(t->quotas[k].value == 5);
  }
  assert_true(t->value == 20);
  t = &p.targets[1];
  assert_int_equal(t->n_quotas, 3);
  assert_string_equal(t->quotas[0].assignee, "xã Tân Phú");
  assert_string_equal(t->quotas[2].assignee, "xã Bình Minh");
  assert_true(t->quotas[2].value == 2);
  assert_true(t->value == 6);
  assert_string_equal(t->unit, "mô hình");
  t = &p.targets[2];
  assert_int_equal(t->n_quotas, 3);
  assert_string_equal(t->quotas[1].assignee, "Hội Liên hiệp Phụ nữ tỉnh");
  assert_true(t->quotas[1].value == 3);
  assert_true(t->value == 9);
  t = &p.targets[3];
  assert_int_equal(t->kind, TARGET_COUNT_MAX);
  assert_int_equal(t->n_quotas, 2);
  assert_string_equal(t->quotas[0].assignee, "UBND huyện Si Ma Cai");
  assert_string_equal(t->quotas[1].assignee, "UBND huyện Bắc Hà");
  assert_true(t->quotas[1].value == 4);
  assert_true(t->value == 8);
  t = &p.targets[4]; /* a collective names no unit: one quota */
  assert_int_equal(t->n_quotas, 1);
  assert_string_equal(t->quotas[0].assignee, "Các huyện, thị xã, thành phố");
  assert_true(t->value == 20);
  plan_free(&p);
}

/* Numbers in the administrative style: "." groups thousands, "," marks
 * decimals; the "." of "1.200" neither ends the clause nor the number. */
static void test_thousands_and_decimal_marks(void **state)
{
  (void)state;
  struct plan p = read_ok("KẾ HOẠCH\nPhòng, chống ma túy năm 2025\n"
                          "I. MỤC TIÊU, CHỈ TIÊU\n"
                          "1. Tổ chức ít nhất 1.200 buổi tuyên truyền; giảm 2,5% số người "
                          "nghiện; tối đa 1.000.000 lượt người.\n"
                          "2. Phát hiện 1.500 vụ, cụ thể: Công an tỉnh: 1.200 vụ; Bộ đội "
                          "Biên phòng tỉnh: 250 vụ; Cục Hải quan: 50 vụ.\n"
                          "3. Chỉ tiêu lập hồ sơ cai nghiện bắt buộc:\n"
                          "| STT | Đơn vị | Số đối tượng |\n| --- | --- | --- |\n"
                          "| 1 | huyện Bảo Thắng | 1.022 |\n| 2 | thị xã Sa Pa | 10 |\n");
  assert_int_equal(p.n_targets, 5);
  assert_string_equal(p.targets[0].text, "Tổ chức ít nhất 1.200 buổi tuyên truyền");
  assert_int_equal(p.targets[0].kind, TARGET_COUNT_MIN);
  assert_true(p.targets[0].value == 1200);
  assert_string_equal(p.targets[0].unit, "buổi");
  assert_int_equal(p.targets[1].kind, TARGET_REDUCTION_MIN);
  assert_true(p.targets[1].value == 2.5);
  assert_int_equal(p.targets[2].kind, TARGET_COUNT_MAX);
  assert_true(p.targets[2].value == 1000000);
  assert_string_equal(p.targets[2].unit, "lượt người");
  assert_true(p.targets[3].value == 1500); /* the total written, not the 500 of "1.500" */
  assert_int_equal(p.targets[3].n_quotas, 3);
  assert_string_equal(p.targets[3].quotas[0].assignee, "Công an tỉnh");
  assert_true(p.targets[3].quotas[0].value == 1200);
  assert_true(p.targets[4].quotas[0].value == 1022);
  assert_true(p.targets[4].value == 1032);
  plan_free(&p);
}

static void test_conversion_noise(void **state)
{
  (void)state;
  /* markdown marks, a footnote split over a page break, a stray blank line
   * in a sentence, "1)" numbering and "•" bullets */
  struct plan p = read_ok("## **KẾ HOẠCH** Phòng, chống ma túy năm 2024\n\n"
                          "### II. NHIỆM VỤ\n\n#### 1) Công tác quản lý\n\n"
                          "• Rà soát người sử dụng trái phép chất ma túy<sup>1</sup> và\n\n"
                          "<sup>1</sup> Theo Nghị định số 105/2021/NĐ-CP của\n\n---\n\n"
                          "Chính phủ quy định chi tiết.\n\n"
                          "người nghiện trên địa bàn xã.\n\n"
                          "+ *Cơ quan chủ trì:* Công an huyện.\n");
  assert_int_equal(p.n_tasks, 1);
  assert_string_equal(
      p.tasks[0].text,
      "Rà soát người sử dụng trái phép chất ma túy và người nghiện trên địa bàn xã");
  assert_string_equal(p.tasks[0].lead[0], "Công an huyện");
  assert_string_equal(p.tasks[0].section, "II.1");
  plan_free(&p);
}

/* A title's year is four digits at the token or none: a longer number, or
 * one outside the plausible years, gives no period (never a wrapped one). */
static void test_title_year_out_of_range(void **state)
{
  (void)state;
  const char *titles[] = {"KẾ HOẠCH\nPhòng, chống ma túy năm 99999999999\n",
                          "KẾ HOẠCH\nPhòng, chống ma túy năm 4294969320\n",
                          "KẾ HOẠCH\nPhòng, chống ma túy năm 0999\n",
                          "KẾ HOẠCH\nPhòng, chống ma túy năm 9999\n"};
  for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
    struct plan p = read_ok(titles[i]);
    assert_int_equal(p.kind, PLAN_THEMATIC);
    assert_int_equal(p.period_start.y, 0);
    assert_int_equal(p.period_end.y, 0);
    plan_free(&p);
  }
  /* a stage whose end year is out of range keeps its valid start */
  struct plan p = read_ok("KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy giai đoạn "
                          "2021 - 99999999999\n");
  assert_int_equal(p.kind, PLAN_ANNUAL);
  assert_date(p.period_start, 2021, 1, 1);
  assert_date(p.period_end, 2021, 12, 31);
  plan_free(&p);
  p = read_ok("KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy giai đoạn 2021 - 2200\n");
  assert_int_equal(p.kind, PLAN_MULTI_YEAR);
  assert_date(p.period_end, 2200, 12, 31);
  plan_free(&p);
}

/* A text that holds no plan reads without error but is known as such: no
 * "KẾ HOẠCH" title, no plan number, no task, no target. Any of them is a
 * plan, however small. */
static void test_plan_found(void **state)
{
  (void)state;
  static const char *const none[] = {
      /* ordinary prose, with dates, agencies and "kế hoạch" in passing */
      "Hôm nay, ngày 12/3/2025, Công an huyện tổ chức buổi gặp mặt các gia đình.\n"
      "Kế hoạch đi dã ngoại của lớp chúng tôi bị hoãn vì trời mưa to.\n"
      "Mọi người ra về lúc 17 giờ.\n",
      /* a decision, numbered, without a plan */
      "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\n"
      "Về việc thành lập Tổ công tác liên ngành\nĐiều 1. Thành lập Tổ công tác.\n",
      "I.\nII.\n1.\n- \n+ \n(\n)\n|\n"};
  for (size_t k = 0; k < sizeof none / sizeof *none; k++) {
    struct plan p = read_ok(none[k]);
    assert_false(plan_read_found(&p));
    plan_free(&p);
  }
  static const char *const some[] = {
      "KẾ HOẠCH\nPhòng, chống ma túy năm 2025\n",                           /* a title */
      "Số: 07/KH-BCĐ\nBình Sơn, ngày 05 tháng 3 năm 2024\n",                /* a plan's number */
      "II. NHIỆM VỤ\n- Công an huyện rà soát người nghiện trên địa bàn.\n", /* a task */
      "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2024.\n"};           /* a target */
  for (size_t k = 0; k < sizeof some / sizeof *some; k++) {
    struct plan p = read_ok(some[k]);
    assert_true(plan_read_found(&p));
    plan_free(&p);
  }
  assert_false(plan_read_found(NULL));
  struct plan p = read_sample("001_c4b8e8f3bf85f38b.txt");
  assert_true(plan_read_found(&p));
  plan_free(&p);
}

/* ---- bad input ---------------------------------------------------------------- */

static void test_bad_input(void **state)
{
  (void)state;
  struct plan p;
  struct err err = {0};
  assert_int_equal(plan_read_text(&p, "", 0, &err), ERR_INPUT);
  assert_int_equal(plan_read_text(&p, "\n\n  \n", 4, &err), ERR_INPUT);
  assert_int_equal(plan_read_text(&p, "K\xE1\xBA", 4, &err), ERR_INPUT); /* cut UTF-8 */
  assert_int_equal(plan_read_text(&p, "ab\0cd", 5, &err), ERR_INPUT);
  /* binary garbage: random bytes from a seeded generator */
  unsigned s = 12345;
  char junk[4096];
  for (size_t k = 0; k < sizeof junk; k++) {
    s = s * 1103515245u + 12345u;
    junk[k] = (char)(s >> 16);
  }
  assert_int_equal(plan_read_text(&p, junk, sizeof junk, &err), ERR_INPUT);
  /* over the cap */
  size_t big = PLAN_READ_MAX + 1;
  char *huge = malloc(big);
  assert_non_null(huge);
  memset(huge, 'a', big);
  assert_int_equal(plan_read_text(&p, huge, big, &err), ERR_INPUT);
  /* a large but valid document is read, best effort, in bounded time */
  const char *pat = "- Tổ chức tuyên truyền; (1) a: 1;\n";
  size_t pl = strlen(pat), n = PLAN_READ_MAX;
  n -= n % pl; /* whole copies: no character cut */
  for (size_t k = 0; k < n; k++)
    huge[k] = pat[k % pl];
  assert_int_equal(plan_read_text(&p, huge, n, &err), ERR_OK);
  plan_free(&p);
  free(huge);
  /* text that is only structure */
  p = read_ok("I.\nII.\n1.\n- \n+ \n(\n)\n|\n");
  plan_free(&p);
}

/* The paragraphs and tokens of a text are capped (their structures, not
 * the bytes, are what a flood of short lines or marks costs): at the cap a
 * text is read, one past it is refused with the cap in the message. */
static void test_paragraph_and_token_caps(void **state)
{
  (void)state;
  struct plan p;
  struct err err = {0};
  /* "A" lines: each its own paragraph (upper case, no dangling word) */
  size_t n = PLAN_READ_MAX_PARAS + 1;
  char *t = malloc(2 * n + 1);
  assert_non_null(t);
  for (size_t k = 0; k < n; k++)
    memcpy(t + 2 * k, "A\n", 2);
  assert_int_equal(plan_read_text(&p, t, 2 * n, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "hơn 100.000 đoạn"));
  assert_int_equal(plan_read_text(&p, t, 2 * (n - 1), &err), ERR_OK);
  plan_free(&p);
  free(t);
  /* ", " pairs: one token each, in one paragraph */
  n = PLAN_READ_MAX_TOKENS + 1;
  assert_true(2 * n <= PLAN_READ_MAX);
  t = malloc(2 * n + 1);
  assert_non_null(t);
  for (size_t k = 0; k < n; k++)
    memcpy(t + 2 * k, ", ", 2);
  assert_int_equal(plan_read_text(&p, t, 2 * n, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "hơn 1.000.000 từ và dấu"));
  assert_int_equal(plan_read_text(&p, t, 2 * (n - 1), &err), ERR_OK);
  plan_free(&p);
  free(t);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sample_000),
      cmocka_unit_test(test_sample_001),
      cmocka_unit_test(test_sample_004),
      cmocka_unit_test(test_role_lines),
      cmocka_unit_test(test_agency_heading_and_items),
      cmocka_unit_test(test_commune_layout),
      cmocka_unit_test(test_closing_paren_and_quarter),
      cmocka_unit_test(test_deadline_in_brackets_and_time_labels),
      cmocka_unit_test(test_lead_named_at_end_of_item),
      cmocka_unit_test(test_agency_name_with_va),
      cmocka_unit_test(test_sub_items_take_the_agency_above),
      cmocka_unit_test(test_task_phase_and_when),
      cmocka_unit_test(test_reports_yearly),
      cmocka_unit_test(test_targets_and_quota_table),
      cmocka_unit_test(test_one_figure_for_a_list_of_units),
      cmocka_unit_test(test_thousands_and_decimal_marks),
      cmocka_unit_test(test_conversion_noise),
      cmocka_unit_test(test_title_year_out_of_range),
      cmocka_unit_test(test_plan_found),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_paragraph_and_token_caps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
