/* test_label.c: the one table of codes and Vietnamese labels. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/agency.h"
#include "domain/indicator.h"
#include "types/label.h"
#include "types/person.h"
#include "types/plan.h"
#include "types/scope.h"

/* Every set: codes distinct, labels NFC UTF-8, an empty code only with an empty
 * label or as an enum's first ("none") value. */
static void sets_are_well_formed(void **state)
{
  (void)state;
  for (int s = 1; s < LABEL_SET_COUNT; s++) {
    size_t n;
    const struct label *l = label_items((enum label_set)s, &n);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
      char *nfc = NULL;
      assert_int_equal(text_nfc(&nfc, l[i].vi, NULL), ERR_OK);
      assert_string_equal(nfc, l[i].vi);
      free(nfc);
      if (!l[i].code[0])
        assert_true(i == 0);
      else
        assert_true(l[i].vi[0]);
      for (size_t j = 0; j < i; j++)
        assert_string_not_equal(l[i].code, l[j].code);
    }
  }
}

/* Sets that follow an enum have exactly its values, in its order. */
static void enum_sets_follow_their_enums(void **state)
{
  (void)state;
  size_t n;
  label_items(LABEL_EVENT_KIND, &n);
  assert_int_equal(n, PEV_COUNT);
  assert_string_equal(person_event_code(PEV_REHAB_COMPULSORY_START), "rehab_compulsory_start");
  assert_string_equal(label_at(LABEL_EVENT_KIND, PEV_RELAPSE), "tái nghiện");
  label_items(LABEL_AGENCY_KIND, &n);
  assert_int_equal(n, AGENCY_KIND_COUNT);
  assert_string_equal(agency_kind_name(AGENCY_BORDER_GUARD), "border_guard");
  assert_string_equal(agency_kind_label(AGENCY_BORDER_GUARD), "Bộ đội Biên phòng");
  assert_null(agency_kind_name(AGENCY_NONE));
  label_items(LABEL_TARGET_KIND, &n);
  assert_int_equal(n, TARGET_REDUCTION_MIN + 1);
  assert_string_equal(target_kind_name(TARGET_GROWTH_MAX), "growth_max");
  assert_string_equal(task_cadence_name(CADENCE_ONCE), "once");
  assert_null(task_cadence_name(CADENCE_NONE));
  assert_string_equal(plan_kind_name(PLAN_CAMPAIGN), "campaign");
  assert_null(plan_kind_name(PLAN_KIND_UNKNOWN));
  assert_string_equal(report_recurs_name(RECURS_YEARLY), "yearly");
  assert_string_equal(scope_role_name(SCOPE_LEADER), "leader");
}

/* The catalogue and the table name the same indicators, each with a name of its own. */
static void every_indicator_has_one_name(void **state)
{
  (void)state;
  size_t n, nl;
  const struct indicator_def *c = indicator_catalogue(&n);
  const struct label *l = label_items(LABEL_INDICATOR, &nl);
  assert_int_equal(n, nl);
  for (size_t i = 0; i < n; i++) {
    assert_true(label_index(LABEL_INDICATOR, c[i].code) >= 0);
    assert_string_not_equal(indicator_name(&c[i]), c[i].code);
  }
  for (size_t i = 0; i < nl; i++)
    assert_non_null(indicator_find(l[i].code));
  assert_string_equal(indicator_name(indicator_find("relapses")), "Người tái nghiện");
}

/* A value as people write it: code, label, other wording, parts of a label. */
static void values_are_read_as_written(void **state)
{
  (void)state;
  assert_string_equal(label_match(LABEL_PERSON_STATUS, "nghiện"), "addict");
  assert_string_equal(label_match(LABEL_PERSON_STATUS, "NGHIEN"), "addict");
  assert_string_equal(label_match(LABEL_PERSON_STATUS, "đang quản lý sau cai nghiện"), "aftercare");
  assert_string_equal(label_match(LABEL_PERSON_STATUS, "aftercare"), "aftercare");
  assert_string_equal(label_match(LABEL_PERSON_CLASS, "Nghi vấn"), "suspected");
  assert_string_equal(label_match(LABEL_SUBSTANCE, "thuốc lắc"), "mdma");
  assert_string_equal(label_match(LABEL_SUBSTANCE, "MDMA"), "mdma");
  assert_string_equal(label_match(LABEL_AUDIENCE, "Học sinh"), "students");
  assert_string_equal(label_match(LABEL_AUDIENCE, ""), "");
  assert_null(label_match(LABEL_SEX, ""));
  assert_null(label_match(LABEL_SEX, "không rõ"));
  assert_null(label_match(LABEL_PERSON_STATUS, NULL));
  enum person_event_kind k;
  assert_int_equal(person_event_parse(&k, "tái nghiện", NULL), ERR_OK);
  assert_int_equal(k, PEV_RELAPSE);
  assert_string_equal(label_vi(LABEL_PLAN_STATUS, "published"), "Đã ban hành");
  assert_string_equal(label_vi(LABEL_PLAN_STATUS, "archived"), "archived"); /* unknown: as stored */
}

static void a_refusal_lists_the_values(void **state)
{
  (void)state;
  const char *code = "x";
  struct err err;
  assert_int_equal(label_parse(&code, LABEL_SEX, "khác", "giới tính", &err), ERR_INPUT);
  assert_null(code);
  assert_non_null(strstr(err.msg, "giới tính \"khác\" không hợp lệ"));
  assert_non_null(strstr(err.msg, "male (Nam), female (Nữ)"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sets_are_well_formed),
      cmocka_unit_test(enum_sets_follow_their_enums),
      cmocka_unit_test(every_indicator_has_one_name),
      cmocka_unit_test(values_are_read_as_written),
      cmocka_unit_test(a_refusal_lists_the_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
