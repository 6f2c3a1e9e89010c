/* test_target_bind.c: the wording table proposes the indicator a person would choose.
 *
 * Two sets of phrases: sentences written here in the administrative style
 * of the plans (not taken from any sample), and the targets of the three
 * sample plans in tests/fixtures/plans as the reader reads them, each
 * checked against the indicator a reviewer would bind it to after reading
 * docs/indicators.md: "phát hiện, bắt giữ ... vụ" is cases_detected, "không
 * để hình thành mới điểm, tụ điểm" hotspots_new, a figure no register
 * counts (schools without drugs, cultural institutions that held
 * propaganda) manual. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/target_bind.h"
#include "ingest/plan_read.h"

/* The proposal for a target of `kind` with `value` `unit` worded `text`;
 * "manual" when none. */
static const char *propose(const char *text, enum target_kind kind, double value, const char *unit)
{
  static char code[64];
  struct plan_target t;
  memset(&t, 0, sizeof t);
  t.text = (char *)text;
  t.kind = kind;
  t.value = value;
  t.has_value = 1;
  t.unit = (char *)unit;
  struct target_bind_proposal p;
  struct err e = {0};
  assert_int_equal(target_bind_propose(&p, &t, &e), ERR_OK);
  snprintf(code, sizeof code, "%s", p.indicator ? p.indicator : "manual");
  return code;
}

/* ---- phrases in the administrative style ---------------------------------- */

static void crime_phrases(void **state)
{
  (void)state;
  assert_string_equal(
      propose("Phấn đấu phát hiện, bắt giữ số vụ phạm tội về ma túy tăng ít nhất 10% so với "
              "cùng kỳ năm trước",
              TARGET_GROWTH_MIN, 10, "%"),
      "cases_detected");
  assert_string_equal(
      propose("Công an huyện phát hiện, bắt giữ tối thiểu 30 vụ", TARGET_COUNT_MIN, 30, "vụ"),
      "cases_detected");
  assert_string_equal(propose("Bắt giữ ít nhất 50 đối tượng mua bán trái phép chất ma túy",
                              TARGET_COUNT_MIN, 50, "đối tượng"),
                      "persons_arrested");
  assert_string_equal(propose("Trên 90% số vụ án về ma túy được giải quyết, đưa ra xét xử",
                              TARGET_RATIO_MIN, 90, "%"),
                      "cases_resolved_ratio");
  assert_string_equal(propose("100% nguồn tin gửi ma túy qua dịch vụ chuyển phát được xác minh",
                              TARGET_RATIO_MIN, 100, "%"),
                      "express_leads_verified_ratio");
}

static void people_phrases(void **state)
{
  (void)state;
  assert_string_equal(propose("Trên 80% người nghiện ma túy được tư vấn, điều trị, cai nghiện",
                              TARGET_RATIO_MIN, 80, "%"),
                      "service_access_ratio");
  assert_string_equal(propose("90% người sử dụng trái phép chất ma túy được lập hồ sơ quản lý",
                              TARGET_RATIO_MIN, 90, "%"),
                      "users_managed_ratio");
  assert_string_equal(
      propose("Kiềm chế tốc độ gia tăng số người nghiện ma túy dưới 1%", TARGET_GROWTH_MAX, 1, "%"),
      "addicts_registered");
  assert_string_equal(
      propose("Đưa 40 người nghiện vào cơ sở cai nghiện bắt buộc", TARGET_COUNT_MIN, 40, "người"),
      "rehab_compulsory_admissions");
}

static void place_phrases(void **state)
{
  (void)state;
  assert_string_equal(
      propose("Không để phát sinh mới điểm, tụ điểm phức tạp về ma túy", TARGET_ZERO, 0, NULL),
      "hotspots_new");
  assert_string_equal(
      propose("Không để các tụ điểm đã triệt phá tái hình thành", TARGET_ZERO, 0, NULL),
      "hotspots_reformed");
  assert_string_equal(
      propose("Triệt xóa 100% điểm bán lẻ ma túy trên địa bàn", TARGET_RATIO_MIN, 100, "%"),
      "retail_points_eliminated");
  assert_string_equal(
      propose("Không để tái trồng cây thuốc phiện, cây cần sa", TARGET_ZERO, 0, NULL),
      "cultivation_sites_destroyed");
  assert_string_equal(propose("Giảm ít nhất 2% số xã, phường, thị trấn có tệ nạn ma túy",
                              TARGET_REDUCTION_MIN, 2, "%"),
                      "communes_with_drug_activity");
}

static void prevention_phrases(void **state)
{
  (void)state;
  assert_string_equal(propose("Mỗi xã tổ chức ít nhất 04 buổi tuyên truyền về phòng, chống ma túy",
                              TARGET_COUNT_MIN, 4, "buổi"),
                      "propaganda_sessions");
  assert_string_equal(propose("Phát trên hệ thống loa truyền thanh cơ sở ít nhất 120 phút",
                              TARGET_COUNT_MIN, 120, "phút"),
                      "broadcast_minutes");
  assert_string_equal(
      propose("Tổ chức ít nhất 03 buổi tập huấn nghiệp vụ cho cán bộ", TARGET_COUNT_MIN, 3, "buổi"),
      "manual");
  assert_string_equal(
      propose("100% cơ sở kinh doanh tiền chất được kiểm tra", TARGET_RATIO_MIN, 100, "%"),
      "licit_inspected_ratio");
  /* a word that only looks alike: "phục vụ" is no "vụ" */
  assert_string_equal(
      propose("Bảo đảm an ninh trật tự phục vụ Tết Nguyên đán", TARGET_ZERO, 0, NULL), "manual");
}

/* A sentence with two figures: each target takes the clause of its own. */
static void two_figures_one_sentence(void **state)
{
  (void)state;
  const char *s = "Trong năm, 90% người sử dụng trái phép chất ma túy, 100% người nghiện ma túy "
                  "được lập hồ sơ quản lý";
  assert_string_equal(propose(s, TARGET_RATIO_MIN, 90, "%"), "users_managed_ratio");
  assert_string_equal(propose(s, TARGET_RATIO_MIN, 100, "%"), "manual");
}

/* ---- the sample plans as read --------------------------------------------- */

static void check_sample(const char *file, const char *const *want, size_t n_want)
{
  struct plan p;
  struct err e = {0};
  size_t len = 0;
  char *text = tu_read_file(tu_source_path(file), &len);
  assert_non_null(text);
  assert_int_equal(plan_read_text(&p, text, len, &e), ERR_OK);
  free(text);
  assert_int_equal(p.n_targets, n_want);
  for (size_t i = 0; i < p.n_targets; i++) {
    struct target_bind_proposal b;
    assert_int_equal(target_bind_propose(&b, &p.targets[i], &e), ERR_OK);
    const char *got = b.indicator ? b.indicator : "manual";
    if (strcmp(got, want[i]) != 0)
      fail_msg("%s target %zu \"%s\": proposed %s, a reviewer binds %s", file, i, p.targets[i].text,
               got, want[i]);
    assert_int_equal(b.per_quota, p.targets[i].n_quotas > 0);
  }
  plan_free(&p);
}

static void sample_000_district_annual(void **state)
{
  (void)state;
  static const char *const want[] = {"cases_detected", "hotspots_new", "licit_inspected_ratio",
                                     "cultivation_sites_destroyed"};
  check_sample("tests/fixtures/plans/000_eae0b25c37df13bf.txt", want, 4);
}

static void sample_001_annual_2018(void **state)
{
  (void)state;
  static const char *const want[] = {
      "service_access_ratio",
      "removed_from_list",
      "communes_with_drug_activity",
      "manual", /* "không để tội phạm ... diễn biến phức tạp hơn": no figure counts it */
      "cases_detected",
      "hotspots_new",
      "manual",
      "manual", /* cultural institutions, mobile film teams */
      "manual", /* pupils and teachers reached */
      "manual", /* drug-free schools */
  };
  check_sample("tests/fixtures/plans/001_c4b8e8f3bf85f38b.txt", want, 10);
}

static void sample_004_campaign_quotas(void **state)
{
  (void)state;
  static const char *const want[] = {
      "retail_points_eliminated",
      "manual", /* phase 2: hold the drug-free areas */
      "hotspots_new",
      "cultivation_sites_destroyed",
      "propaganda_sessions",
      "propaganda_sessions",
      "propaganda_sessions",
      "propaganda_sessions",
      "propaganda_sessions",
      "manual", /* daily loudspeaker broadcasts, counted in times a day */
      "users_managed_ratio",
      "manual", /* addicts with a record: no indicator counts them */
      "rehab_compulsory_admissions",
      "hotspots_new",
      "cases_detected",
      "cases_detected",
  };
  check_sample("tests/fixtures/plans/004_91f2c84d0a0eb75f.txt", want, 16);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(crime_phrases),
      cmocka_unit_test(people_phrases),
      cmocka_unit_test(place_phrases),
      cmocka_unit_test(prevention_phrases),
      cmocka_unit_test(two_figures_one_sentence),
      cmocka_unit_test(sample_000_district_annual),
      cmocka_unit_test(sample_001_annual_2018),
      cmocka_unit_test(sample_004_campaign_quotas),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
