/* test_plan_read.c: the plan reader on the three sample plans (values
 * written by hand from reading each document) and on small inputs, one per
 * pattern of the administrative style, and on bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
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
  assert_true(p.tasks[3].four_clear.when); /* the plan's year */
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
  assert_non_null(ph1); /* "Đấu tranh triệt xóa 100% ..." */
  assert_true(ph1->value == 100);
  assert_non_null(ph2); /* "không để tội phạm ma túy tái hoạt động" */
  static const char *const ubnd_xa = "UBND cấp huyện, cấp xã";
  static const struct lead_exp leads[] = {
      /* IV.1: the closing "(UBND cấp huyện, cấp xã chủ trì, ...)" completes
       * the bullets since the section start */
      {"IV.1", ubnd_xa},
      {"IV.1", "Công an tỉnh"},
      {"IV.1", ubnd_xa},
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
  /* IV.3.2 "Thời gian thực hiện: Hoàn thành trước 30/8/2024, sau đó duy trì thường xuyên." */
  assert_date(p.tasks[24].due_on, 2024, 8, 30);
  assert_int_equal(p.tasks[24].cadence, CADENCE_ONGOING);
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
  assert_int_equal(p.tasks[2].cadence, CADENCE_NONE);
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
      cmocka_unit_test(test_reports_yearly),
      cmocka_unit_test(test_targets_and_quota_table),
      cmocka_unit_test(test_thousands_and_decimal_marks),
      cmocka_unit_test(test_conversion_noise),
      cmocka_unit_test(test_title_year_out_of_range),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_paragraph_and_token_caps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
