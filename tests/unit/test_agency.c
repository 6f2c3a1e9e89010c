/* test_agency.c: the agency lexicon and resolver, on every agency name the
 * sample plans (tests/fixtures/plans, from ../shared/samples) write, and on
 * the collective phrases they use. Expectations are written by hand. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/agency.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"

enum { G = 1 }; /* is_group */

static const struct {
  const char *text;
  enum agency_kind kind;
  enum agency_level level;
  int group;
} NAMES[] = {
    /* 000: district plan, Bình Sơn */
    {"Công an huyện", AGENCY_POLICE, AGENCY_LEVEL_DISTRICT, 0},
    {"Phòng Lao động - Thương binh và Xã hội", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_DISTRICT, 0},
    {"Phòng Y tế", AGENCY_HEALTH, AGENCY_LEVEL_DISTRICT, 0},
    {"Trung tâm y tế huyện", AGENCY_HEALTH, AGENCY_LEVEL_DISTRICT, 0},
    {"Phòng Văn hóa và Thông tin", AGENCY_CULTURE, AGENCY_LEVEL_DISTRICT, 0},
    {"Trung tâm Truyền thông - Văn hóa - Thể thao", AGENCY_MEDIA, AGENCY_LEVEL_NONE, 0},
    {"Viện Kiểm sát nhân dân huyện", AGENCY_PROCURACY, AGENCY_LEVEL_DISTRICT, 0},
    {"Tòa án nhân dân huyện", AGENCY_COURT, AGENCY_LEVEL_DISTRICT, 0},
    {"Phòng Nông nghiệp và Phát triển nông thôn", AGENCY_AGRICULTURE, AGENCY_LEVEL_DISTRICT, 0},
    {"Huyện Đoàn Bình Sơn", AGENCY_YOUTH_UNION, AGENCY_LEVEL_DISTRICT, 0},
    {"Phòng Giáo dục và Đào tạo", AGENCY_EDUCATION, AGENCY_LEVEL_DISTRICT, 0},
    {"Ban Chỉ đạo 138 huyện", AGENCY_STEERING_COMMITTEE, AGENCY_LEVEL_DISTRICT, 0},
    {"Công an xã", AGENCY_POLICE, AGENCY_LEVEL_COMMUNE, 0},
    {"UBND huyện", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_DISTRICT, 0},
    {"UBND xã", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_COMMUNE, 0},
    {"các phòng, ban, ngành, địa phương", AGENCY_NONE, AGENCY_LEVEL_DISTRICT, G},
    {"các cơ quan, đơn vị, địa phương", AGENCY_NONE, AGENCY_LEVEL_NONE, G},
    {"các địa phương", AGENCY_NONE, AGENCY_LEVEL_NONE, G},
    /* 001: province plan, Thừa Thiên Huế */
    {"Công an tỉnh - Cơ quan thường trực Ban Chỉ đạo 138 tỉnh", AGENCY_POLICE,
     AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Lao động - Thương binh và Xã hội", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Y tế", AGENCY_HEALTH, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Thông tin và Truyền thông", AGENCY_INFORMATION, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Văn hóa và Thể thao", AGENCY_CULTURE, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Giáo dục và Đào tạo", AGENCY_EDUCATION, AGENCY_LEVEL_PROVINCE, 0},
    {"Đại học Huế", AGENCY_EDUCATION, AGENCY_LEVEL_NONE, 0},
    {"các trường Đại học, Cao đẳng, Trung cấp", AGENCY_NONE, AGENCY_LEVEL_NONE, G},
    {"Sở Công Thương", AGENCY_INDUSTRY_TRADE, AGENCY_LEVEL_PROVINCE, 0},
    {"Tỉnh Đoàn Thanh niên Cộng sản Hồ Chí Minh", AGENCY_YOUTH_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", AGENCY_FATHERLAND_FRONT, AGENCY_LEVEL_PROVINCE, 0},
    {"Bộ Chỉ huy Bộ đội biên phòng", AGENCY_BORDER_GUARD, AGENCY_LEVEL_PROVINCE, 0},
    {"Hải quan tỉnh", AGENCY_CUSTOMS, AGENCY_LEVEL_PROVINCE, 0},
    {"Viện kiểm sát nhân dân", AGENCY_PROCURACY, AGENCY_LEVEL_NONE, 0},
    {"Toà án nhân dân tỉnh", AGENCY_COURT, AGENCY_LEVEL_PROVINCE, 0},
    {"Toà án nhân dân các cấp", AGENCY_COURT, AGENCY_LEVEL_NONE, G},
    {"Sở Tài chính", AGENCY_FINANCE, AGENCY_LEVEL_PROVINCE, 0},
    {"Ủy ban nhân dân các huyện, thị xã, thành phố Huế", AGENCY_PEOPLES_COMMITTEE,
     AGENCY_LEVEL_DISTRICT, G},
    {"Sở Kế hoạch và Đầu tư", AGENCY_PLANNING_INVESTMENT, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Nội vụ", AGENCY_HOME_AFFAIRS, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Tư pháp", AGENCY_JUSTICE, AGENCY_LEVEL_PROVINCE, 0},
    {"Ban Dân tộc tỉnh", AGENCY_ETHNIC_AFFAIRS, AGENCY_LEVEL_PROVINCE, 0},
    {"Trung tâm Bảo trợ xã hội tỉnh", AGENCY_OTHER, AGENCY_LEVEL_PROVINCE, 0},
    /* 004: province campaign, Lào Cai */
    {"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", AGENCY_BORDER_GUARD, AGENCY_LEVEL_PROVINCE, 0},
    {"Cục Hải quan tỉnh", AGENCY_CUSTOMS, AGENCY_LEVEL_PROVINCE, 0},
    {"Cục Quản lý thị trường tỉnh", AGENCY_MARKET_MANAGEMENT, AGENCY_LEVEL_PROVINCE, 0},
    {"Đài Phát thanh và Truyền hình tỉnh", AGENCY_MEDIA, AGENCY_LEVEL_PROVINCE, 0},
    {"Đài PTTH tỉnh", AGENCY_MEDIA, AGENCY_LEVEL_PROVINCE, 0},
    {"Báo Lào Cai", AGENCY_MEDIA, AGENCY_LEVEL_NONE, 0},
    {"Sở Lao động, Thương binh và Xã hội", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở Nông nghiệp và Phát triển nông thôn", AGENCY_AGRICULTURE, AGENCY_LEVEL_PROVINCE, 0},
    {"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", AGENCY_FATHERLAND_FRONT,
     AGENCY_LEVEL_PROVINCE, 0},
    {"Tỉnh đoàn", AGENCY_YOUTH_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Hội Liên hiệp Phụ nữ tỉnh", AGENCY_WOMEN_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Hội Cựu chiến binh tỉnh", AGENCY_VETERANS_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Hội Người cao tuổi tỉnh", AGENCY_ELDERLY_ASSOCIATION, AGENCY_LEVEL_PROVINCE, 0},
    {"Hội Nông dân tỉnh", AGENCY_FARMERS_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Công an tỉnh Lào Cai", AGENCY_POLICE, AGENCY_LEVEL_PROVINCE, 0},
    {"Bộ Công an", AGENCY_POLICE, AGENCY_LEVEL_CENTRAL, 0},
    {"UBND tỉnh", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_PROVINCE, 0},
    {"Ban Chỉ đạo 138 tỉnh", AGENCY_STEERING_COMMITTEE, AGENCY_LEVEL_PROVINCE, 0},
    {"UBND cấp huyện", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_DISTRICT, G},
    {"UBND cấp xã", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_COMMUNE, G},
    {"UBND các huyện, thị xã, thành phố", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_DISTRICT, G},
    {"UBND các xã", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_COMMUNE, G},
    {"Đài PTTH các huyện", AGENCY_MEDIA, AGENCY_LEVEL_DISTRICT, G},
    {"các sở, ban, ngành, đoàn thể", AGENCY_NONE, AGENCY_LEVEL_PROVINCE, G},
    {"các sở, ban, ngành, đoàn thể liên quan", AGENCY_NONE, AGENCY_LEVEL_PROVINCE, G},
    {"Các sở, ngành, đoàn thể cấp tỉnh", AGENCY_NONE, AGENCY_LEVEL_PROVINCE, G},
    {"Thủ trưởng các đơn vị, địa phương", AGENCY_NONE, AGENCY_LEVEL_NONE, G},
    {"các ngành chức năng", AGENCY_NONE, AGENCY_LEVEL_NONE, G},
    /* a place name after the level word is no kind: "Vân Hòa" folds like
     * "văn hóa", "Thanh Hóa"/"Y Tý" are names; a school's own name likewise */
    {"UBND xã Vân Hòa", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_COMMUNE, 0},
    {"Ủy ban nhân dân xã Vân Hòa", AGENCY_PEOPLES_COMMITTEE, AGENCY_LEVEL_COMMUNE, 0},
    {"Công an phường Y Tế", AGENCY_POLICE, AGENCY_LEVEL_COMMUNE, 0},
    {"Phòng Văn hóa - Xã hội xã Vân Hòa", AGENCY_CULTURE, AGENCY_LEVEL_COMMUNE, 0},
    {"Đài Truyền thanh xã Vân Hòa", AGENCY_MEDIA, AGENCY_LEVEL_COMMUNE, 0},
    {"Trường THCS Vân Hòa", AGENCY_EDUCATION, AGENCY_LEVEL_NONE, 0},
    {"Trường Tiểu học Bảo Nhai", AGENCY_EDUCATION, AGENCY_LEVEL_NONE, 0},
    /* forms the issue names, and common abbreviations */
    {"Sở LĐTBXH", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở LĐ-TB&XH", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_PROVINCE, 0},
    {"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", AGENCY_LABOUR_SOCIAL, AGENCY_LEVEL_PROVINCE, 0},
    {"Sở GD&ĐT", AGENCY_EDUCATION, AGENCY_LEVEL_PROVINCE, 0},
    {"Tỉnh Đoàn", AGENCY_YOUTH_UNION, AGENCY_LEVEL_PROVINCE, 0},
    {"Liên đoàn Lao động tỉnh", AGENCY_LABOUR_FEDERATION, AGENCY_LEVEL_PROVINCE, 0},
    {"Công an cấp xã", AGENCY_POLICE, AGENCY_LEVEL_COMMUNE, G},
    {"Công an các xã, thị trấn", AGENCY_POLICE, AGENCY_LEVEL_COMMUNE, G},
    {"Bộ Y tế", AGENCY_HEALTH, AGENCY_LEVEL_CENTRAL, 0},
    {"Bộ Chỉ huy Quân sự tỉnh", AGENCY_OTHER, AGENCY_LEVEL_PROVINCE, 0},
    {"Chi cục Quản lý thị trường", AGENCY_MARKET_MANAGEMENT, AGENCY_LEVEL_PROVINCE, 0},
    {"Công an thành phố Lào Cai", AGENCY_POLICE, AGENCY_LEVEL_DISTRICT, 0},
    {"Công an phường Cốc Lếu", AGENCY_POLICE, AGENCY_LEVEL_COMMUNE, 0},
};

static void parses_every_sample_name(void **state)
{
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
    struct agency_ref r;
    struct err err = {0};
    assert_int_equal(agency_parse(&r, NAMES[i].text, &err), ERR_OK);
    if (r.kind != NAMES[i].kind || r.level != NAMES[i].level || r.is_group != NAMES[i].group) {
      fprintf(stderr, "\"%s\": got kind=%s level=%s group=%d, want kind=%s level=%s group=%d\n",
              NAMES[i].text, agency_kind_name(r.kind) ? agency_kind_name(r.kind) : "none",
              agency_level_name(r.level) ? agency_level_name(r.level) : "none", r.is_group,
              agency_kind_name(NAMES[i].kind) ? agency_kind_name(NAMES[i].kind) : "none",
              agency_level_name(NAMES[i].level) ? agency_level_name(NAMES[i].level) : "none",
              NAMES[i].group);
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

static void not_agencies(void **state)
{
  (void)state;
  const char *texts[] = {"Báo cáo kết quả 01 tháng thực hiện",
                         "Bảo đảm an ninh trật tự",
                         "tăng cường công tác quản lý",
                         "Số lượng đối tượng",
                         "Hội nghị quán triệt",
                         "người nghiện ma túy",
                         "Toàn dân tham gia bảo vệ an ninh Tổ quốc"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    struct agency_ref r;
    assert_int_equal(agency_parse(&r, texts[i], NULL), ERR_OK);
    if (r.kind != AGENCY_NONE || r.is_group)
      fail_msg("\"%s\" read as an agency (%s)", texts[i], agency_kind_name(r.kind));
  }
}

static void place_and_bad_input(void **state)
{
  (void)state;
  struct agency_ref r;
  struct err err = {0};
  assert_int_equal(agency_parse(&r, "Huyện Đoàn Bình Sơn", &err), ERR_OK);
  assert_string_equal(r.place, "Bình Sơn");
  assert_int_equal(agency_parse(&r, "Công an thành phố Lào Cai", &err), ERR_OK);
  assert_string_equal(r.place, "Lào Cai");
  assert_int_equal(agency_parse(&r, "Công an tỉnh - Cơ quan thường trực", &err), ERR_OK);
  assert_string_equal(r.place, "");
  assert_int_equal(agency_parse(&r, "", &err), ERR_INPUT);
  assert_int_equal(agency_parse(&r, " ,;- ", &err), ERR_INPUT);
  assert_int_equal(agency_parse(&r, NULL, &err), ERR_INPUT);
  assert_int_equal(agency_parse(&r, "C\xC3\x28ng an", &err), ERR_INPUT);
  /* a very long text is read (its first words), never a crash */
  size_t n = 100000;
  char *s = malloc(n * 3 + 16);
  strcpy(s, "Công an ");
  size_t len = strlen(s);
  for (size_t i = 0; i < n; i++) {
    memcpy(s + len, "xa ", 3);
    len += 3;
  }
  s[len] = '\0';
  assert_int_equal(agency_parse(&r, s, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_POLICE);
  free(s);
}

static void kind_names(void **state)
{
  (void)state;
  assert_string_equal(agency_kind_name(AGENCY_POLICE), "police");
  assert_string_equal(agency_kind_name(AGENCY_STEERING_COMMITTEE), "steering_committee");
  assert_null(agency_kind_name(AGENCY_NONE));
  assert_null(agency_kind_name(AGENCY_KIND_COUNT));
  for (int k = AGENCY_NONE + 1; k < AGENCY_KIND_COUNT; k++) {
    assert_int_equal(agency_kind_from_name(agency_kind_name(k)), k);
    assert_non_null(agency_kind_label(k));
  }
  assert_int_equal(agency_kind_from_name("army"), AGENCY_NONE);
  assert_int_equal(agency_kind_from_name(NULL), AGENCY_NONE);
  assert_string_equal(agency_level_name(AGENCY_LEVEL_COMMUNE), "commune");
  assert_null(agency_level_name(AGENCY_LEVEL_NONE));
}

static void head_words(void **state)
{
  (void)state;
  assert_int_equal(agency_head_words("cong an huyen"), 2);
  assert_int_equal(agency_head_words("so y te"), 1);
  assert_int_equal(agency_head_words("uy ban nhan dan tinh"), 4);
  assert_int_equal(agency_head_words("tinh doan"), 2);
  assert_int_equal(agency_head_words("bao cao ket qua"), 0);
  assert_int_equal(agency_head_words("tang cuong"), 0);
  assert_int_equal(agency_head_words(""), 0);
  assert_int_equal(agency_head_words(NULL), 0);
}

/* ---- resolution against the imported units -------------------------------- */

static struct store *st;
static char *dir;

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  char path[4200];
  snprintf(path, sizeof path, "%s/agency.db", dir);
  struct err err = {0};
  if (store_open(&st, path, &err) || store_migrate(st, NULL, NULL, &err))
    return -1;
  struct unit_import_stats s;
  if (tu_unit_import(st, tu_source_path("data/units"), &s, &err)) {
    fprintf(stderr, "import failed: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static void expect_unit(const char *text, const char *tree, const char *plan_unit,
                        const char *want_code, const char *want_name)
{
  struct agency_ref r;
  struct err err = {0};
  int rc = agency_resolve(&r, st, text, tree, plan_unit, "2024-06-01", &err);
  if (rc)
    fail_msg("\"%s\": %s", text, err.msg);
  if (strcmp(r.unit_code, want_code) != 0)
    fail_msg("\"%s\" in %s: unit \"%s\" (%s), want \"%s\"", text, plan_unit, r.unit_code,
             r.unit_name, want_code);
  if (want_name)
    assert_string_equal(r.unit_name, want_name);
}

static void resolves_units(void **state)
{
  (void)state;
  /* plan of huyện Bình Sơn (524), Quảng Ngãi (51) */
  expect_unit("Công an huyện", UNIT_TREE_OLD, "524", "524", "huyện Bình Sơn");
  expect_unit("Công an tỉnh", UNIT_TREE_OLD, "524", "51", "tỉnh Quảng Ngãi");
  expect_unit("Sở Y tế", UNIT_TREE_OLD, "524", "51", NULL);
  expect_unit("Huyện Đoàn Bình Sơn", UNIT_TREE_OLD, "524", "524", NULL);
  expect_unit("Phòng Y tế", UNIT_TREE_OLD, "524", "524", NULL);
  expect_unit("Bộ Công an", UNIT_TREE_OLD, "524", "", NULL);
  /* a group gathers the plan unit's agencies */
  expect_unit("các phòng, ban, ngành, địa phương", UNIT_TREE_OLD, "524", "524", NULL);
  /* plan of tỉnh Lào Cai (10): a named city resolves to it */
  expect_unit("Công an thành phố Lào Cai", UNIT_TREE_OLD, "10", "080", NULL);
  expect_unit("Công an tỉnh Lào Cai", UNIT_TREE_OLD, "10", "10", NULL);
  expect_unit("Cục Hải quan tỉnh", UNIT_TREE_OLD, "10", "10", NULL);
  /* "Công an huyện" in a province plan: each district's; no one unit */
  expect_unit("Công an huyện", UNIT_TREE_OLD, "10", "", NULL);
  /* a place outside the plan's province is not taken */
  expect_unit("Huyện Đoàn Bảo Thắng", UNIT_TREE_OLD, "524", "", NULL);
  /* not an agency: nothing resolved */
  expect_unit("Báo cáo kết quả", UNIT_TREE_OLD, "524", "", NULL);
  /* an unknown plan unit is an error */
  struct agency_ref r;
  struct err err = {0};
  assert_int_equal(agency_resolve(&r, st, "Công an huyện", UNIT_TREE_OLD, "99999", NULL, &err),
                   ERR_NOT_FOUND);
  /* no plan unit: the words alone */
  assert_int_equal(agency_resolve(&r, st, "Công an huyện", NULL, NULL, NULL, &err), ERR_OK);
  assert_int_equal(r.kind, AGENCY_POLICE);
  assert_string_equal(r.unit_code, "");
}

int main(void)
{
  const struct CMUnitTest words[] = {
      cmocka_unit_test(parses_every_sample_name),
      cmocka_unit_test(not_agencies),
      cmocka_unit_test(place_and_bad_input),
      cmocka_unit_test(kind_names),
      cmocka_unit_test(head_words),
  };
  const struct CMUnitTest units[] = {
      cmocka_unit_test(resolves_units),
  };
  int failed = cmocka_run_group_tests(words, NULL, NULL);
  failed += cmocka_run_group_tests(units, group_setup, group_teardown);
  return failed;
}
