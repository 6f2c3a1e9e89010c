/* test_period.c: reporting periods, their text forms and arithmetic. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/period.h"

static void expect_range(const struct period *p, int y0, int m0, int d0, int y1, int m1, int d1)
{
  assert_int_equal(p->start.y, y0);
  assert_int_equal(p->start.m, m0);
  assert_int_equal(p->start.d, d0);
  assert_int_equal(p->end.y, y1);
  assert_int_equal(p->end.m, m1);
  assert_int_equal(p->end.d, d1);
}

static void parse_and_format_round_trip(void **state)
{
  (void)state;
  struct {
    const char *text;
    enum period_kind kind;
    int r[6];
  } cases[] = {
      {"2024", PERIOD_YEAR, {2024, 1, 1, 2024, 12, 31}},
      {"2024-H1", PERIOD_HALF, {2024, 1, 1, 2024, 6, 30}},
      {"2024-H2", PERIOD_HALF, {2024, 7, 1, 2024, 12, 31}},
      {"2024-Q1", PERIOD_QUARTER, {2024, 1, 1, 2024, 3, 31}},
      {"2024-Q3", PERIOD_QUARTER, {2024, 7, 1, 2024, 9, 30}},
      {"2024-02", PERIOD_MONTH, {2024, 2, 1, 2024, 2, 29}},
      {"2023-02", PERIOD_MONTH, {2023, 2, 1, 2023, 2, 28}},
      {"2024-09-15", PERIOD_DAY, {2024, 9, 15, 2024, 9, 15}},
      {"2024-09-01..2024-10-31", PERIOD_CUSTOM, {2024, 9, 1, 2024, 10, 31}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct period p;
    struct err err = {0};
    if (period_parse(&p, cases[i].text, &err))
      fail_msg("%s: %s", cases[i].text, err.msg);
    assert_int_equal(p.kind, cases[i].kind);
    const int *r = cases[i].r;
    expect_range(&p, r[0], r[1], r[2], r[3], r[4], r[5]);
    char buf[PERIOD_TEXT_MAX];
    period_format(buf, sizeof buf, &p);
    assert_string_equal(buf, cases[i].text);
  }
  struct period p;
  assert_int_equal(period_parse(&p, "2024-q2", NULL), ERR_OK); /* lower case accepted */
  assert_int_equal(p.start.m, 4);
}

static void parse_rejects(void **state)
{
  (void)state;
  const char *bad[] = {"",
                       "24",
                       "2024-Q5",
                       "2024-H3",
                       "2024-13",
                       "2024-02-30",
                       "2024-10-31..2024-09-01",
                       "2024..",
                       "Q3-2024",
                       "2024-Q",
                       "abcd",
                       "2024-09-1",
                       "L\xC3\x28o"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    struct period p;
    struct err err = {0};
    if (period_parse(&p, bad[i], &err) != ERR_INPUT)
      fail_msg("\"%s\" was accepted", bad[i]);
    assert_true(strlen(err.msg) > 0);
  }
  struct err err = {0};
  struct period p;
  assert_int_equal(period_parse(&p, NULL, &err), ERR_INPUT);
}

/* Numbers that are too long, signed, spaced or not numbers at all: each form
 * reads its digits at fixed places, so none of these may be read as a
 * (wrapped, truncated or sign-flipped) number. */
static void parse_rejects_bad_numbers(void **state)
{
  (void)state;
  const char *bad[] = {"99999999999",
                       "99999",
                       "0000",
                       "+024",
                       "-024",
                       " 024",
                       "2e03",
                       "0x7F",
                       "99999999999-Q1",
                       "+024-Q1",
                       " 024-H1",
                       "99999999999-01",
                       "2024-+1",
                       "2024--1",
                       "2024- 1",
                       "2024-1x",
                       "0000-01",
                       "99999999999-01-01",
                       "+024-09-15",
                       "2024-+9-15",
                       "2024-09-+1",
                       "2024-09- 1",
                       "0000-01-01",
                       "+024-09-01..2024-10-31",
                       "2024-09-01..99999999999-10-31",
                       "2024-09-01..2024-10--1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    struct period p;
    struct err err = {0};
    if (period_parse(&p, bad[i], &err) != ERR_INPUT)
      fail_msg("\"%s\" was accepted", bad[i]);
    assert_true(strlen(err.msg) > 0);
  }
  const char *bad_vn[] = {"năm 99999999999",
                          "năm 2147483648",
                          "năm 0",
                          "quý II/99999999999",
                          "tháng 6/99999",
                          "tháng 99999999999/2024",
                          "6 tháng đầu năm 99999999999",
                          "năm 24", /* a year is written in full */
                          "năm abc 2024",
                          "tháng sáu 6/2024"};
  for (size_t i = 0; i < sizeof bad_vn / sizeof *bad_vn; i++) {
    struct period p;
    struct err err = {0};
    if (period_parse_vn(&p, bad_vn[i], 0, &err) != ERR_INPUT)
      fail_msg("\"%s\" was accepted", bad_vn[i]);
    assert_true(strlen(err.msg) > 0);
  }
  /* the edges of the accepted years still parse */
  struct period p;
  assert_int_equal(period_parse(&p, "0001", NULL), ERR_OK);
  expect_range(&p, 1, 1, 1, 1, 12, 31);
  assert_int_equal(period_parse(&p, "9999-12", NULL), ERR_OK);
  expect_range(&p, 9999, 12, 1, 9999, 12, 31);
  assert_int_equal(period_parse(&p, "0001-01-01..9999-12-31", NULL), ERR_OK);
  expect_range(&p, 1, 1, 1, 9999, 12, 31);
  assert_int_equal(period_parse_vn(&p, "quý IV/9999", 0, NULL), ERR_OK);
  expect_range(&p, 9999, 10, 1, 9999, 12, 31);
}

static void vietnamese_phrases(void **state)
{
  (void)state;
  struct period p;
  struct err err = {0};
  assert_int_equal(period_parse_vn(&p, "Quý II/2018", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_QUARTER);
  expect_range(&p, 2018, 4, 1, 2018, 6, 30);
  assert_int_equal(period_parse_vn(&p, "quý 3 năm 2024", 0, &err), ERR_OK);
  expect_range(&p, 2024, 7, 1, 2024, 9, 30);
  assert_int_equal(period_parse_vn(&p, "Quý IV", 2020, &err), ERR_OK);
  expect_range(&p, 2020, 10, 1, 2020, 12, 31);
  assert_int_equal(period_parse_vn(&p, "6 tháng đầu năm 2024", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_HALF);
  expect_range(&p, 2024, 1, 1, 2024, 6, 30);
  assert_int_equal(period_parse_vn(&p, "6 tháng cuối năm 2024", 0, &err), ERR_OK);
  expect_range(&p, 2024, 7, 1, 2024, 12, 31);
  assert_int_equal(period_parse_vn(&p, "tháng 6/2024", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_MONTH);
  expect_range(&p, 2024, 6, 1, 2024, 6, 30);
  assert_int_equal(period_parse_vn(&p, "tháng 6 năm 2024", 0, &err), ERR_OK);
  expect_range(&p, 2024, 6, 1, 2024, 6, 30);
  assert_int_equal(period_parse_vn(&p, "năm 2025", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_YEAR);
  expect_range(&p, 2025, 1, 1, 2025, 12, 31);
  /* N months from the start or to the end of the year, as reports count them */
  assert_int_equal(period_parse_vn(&p, "9 tháng đầu năm 2024", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_CUSTOM);
  expect_range(&p, 2024, 1, 1, 2024, 9, 30);
  assert_int_equal(period_parse_vn(&p, "3 tháng đầu năm 2024", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_QUARTER);
  expect_range(&p, 2024, 1, 1, 2024, 3, 31);
  assert_int_equal(period_parse_vn(&p, "3 tháng cuối năm 2024", 0, &err), ERR_OK);
  expect_range(&p, 2024, 10, 1, 2024, 12, 31);
  assert_int_equal(period_parse_vn(&p, "12 tháng đầu năm 2023", 0, &err), ERR_OK);
  assert_int_equal(p.kind, PERIOD_YEAR);
  assert_int_equal(period_parse_vn(&p, "2 tháng đầu năm", 2024, &err), ERR_OK);
  expect_range(&p, 2024, 1, 1, 2024, 2, 29);
  assert_int_equal(period_parse_vn(&p, "4 tháng cuối năm 2025", 0, &err), ERR_OK);
  expect_range(&p, 2025, 9, 1, 2025, 12, 31);
  assert_int_equal(period_parse_vn(&p, "13 tháng đầu năm 2024", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "0 tháng đầu năm 2024", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "9 tháng đầuxx năm 2024", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "Quý II", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "tháng 13/2024", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "quý V/2024", 0, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "", 2024, &err), ERR_INPUT);
  assert_int_equal(period_parse_vn(&p, "x\xFF", 2024, &err), ERR_INPUT);
}

static void vietnamese_names(void **state)
{
  (void)state;
  struct {
    const char *text, *name;
  } cases[] = {
      {"2024-Q3", "Quý III/2024"},
      {"2024-H1", "6 tháng đầu năm 2024"},
      {"2024-H2", "6 tháng cuối năm 2024"},
      {"2024", "năm 2024"},
      {"2024-09", "tháng 9/2024"},
      {"2024-09-15", "ngày 15/09/2024"},
      {"2024-09-01..2024-10-31", "từ 01/09/2024 đến 31/10/2024"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct period p;
    assert_int_equal(period_parse(&p, cases[i].text, NULL), ERR_OK);
    char buf[64];
    period_name_vn(buf, sizeof buf, &p);
    assert_string_equal(buf, cases[i].name);
  }
}

static void previous_and_last_year(void **state)
{
  (void)state;
  struct period p, q;
  char buf[PERIOD_TEXT_MAX];
  struct {
    const char *in, *prev, *last;
  } cases[] = {
      {"2024-Q1", "2023-Q4", "2023-Q1"},
      {"2024-Q3", "2024-Q2", "2023-Q3"},
      {"2024-H1", "2023-H2", "2023-H1"},
      {"2024-03", "2024-02", "2023-03"},
      {"2024-01", "2023-12", "2023-01"},
      {"2024", "2023", "2023"},
      {"2024-03-01", "2024-02-29", "2023-03-01"},
      {"2024-09-01..2024-09-10", "2024-08-22..2024-08-31", "2023-09-01..2023-09-10"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    assert_int_equal(period_parse(&p, cases[i].in, NULL), ERR_OK);
    period_previous(&q, &p);
    period_format(buf, sizeof buf, &q);
    assert_string_equal(buf, cases[i].prev);
    period_last_year(&q, &p);
    period_format(buf, sizeof buf, &q);
    assert_string_equal(buf, cases[i].last);
  }
  /* February of a leap year a year back ends on the 28th */
  assert_int_equal(period_parse(&p, "2024-02", NULL), ERR_OK);
  period_last_year(&q, &p);
  expect_range(&q, 2023, 2, 1, 2023, 2, 28);
  assert_int_equal(period_parse(&p, "2023-02", NULL), ERR_OK);
  period_last_year(&q, &p);
  expect_range(&q, 2022, 2, 1, 2022, 2, 28);
  assert_int_equal(period_parse(&p, "2024-02-29", NULL), ERR_OK);
  period_last_year(&q, &p);
  expect_range(&q, 2023, 2, 28, 2023, 2, 28);
  /* a custom range of whole months keeps whole months: February 2024 has 29 days */
  assert_int_equal(period_parse(&p, "2025-01-01..2025-02-28", NULL), ERR_OK);
  period_last_year(&q, &p);
  expect_range(&q, 2024, 1, 1, 2024, 2, 29);
  /* ... and a range cut inside a month keeps its days */
  assert_int_equal(period_parse(&p, "2025-01-15..2025-02-14", NULL), ERR_OK);
  period_last_year(&q, &p);
  expect_range(&q, 2024, 1, 15, 2024, 2, 14);
}

static void contains(void **state)
{
  (void)state;
  struct period p;
  assert_int_equal(period_parse(&p, "2024-Q3", NULL), ERR_OK);
  struct date in = {2024, 9, 30}, first = {2024, 7, 1}, before = {2024, 6, 30},
              after = {2024, 10, 1};
  assert_true(period_contains(&p, in));
  assert_true(period_contains(&p, first));
  assert_false(period_contains(&p, before));
  assert_false(period_contains(&p, after));
}

static void split(void **state)
{
  (void)state;
  struct period r, *v = NULL;
  size_t n = 0;
  struct err err = {0};
  assert_int_equal(period_parse(&r, "2024-02-15..2024-11-02", NULL), ERR_OK);
  assert_int_equal(period_split(&v, &n, &r, PERIOD_QUARTER, &err), ERR_OK);
  assert_int_equal(n, 4);
  char buf[PERIOD_TEXT_MAX];
  const char *want[] = {"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"};
  for (size_t i = 0; i < n; i++) {
    period_format(buf, sizeof buf, &v[i]);
    assert_string_equal(buf, want[i]);
  }
  free(v);
  assert_int_equal(period_split(&v, &n, &r, PERIOD_MONTH, &err), ERR_OK);
  assert_int_equal(n, 10);
  period_format(buf, sizeof buf, &v[9]);
  assert_string_equal(buf, "2024-11");
  free(v);
  assert_int_equal(period_parse(&r, "2018-2020", NULL), ERR_INPUT);
  assert_int_equal(period_parse(&r, "2018-01-01..2020-12-31", NULL), ERR_OK);
  assert_int_equal(period_split(&v, &n, &r, PERIOD_YEAR, &err), ERR_OK);
  assert_int_equal(n, 3);
  free(v);
  assert_int_equal(period_split(&v, &n, &r, PERIOD_DAY, &err), ERR_OK);
  assert_int_equal(n, 1096);
  free(v);
  assert_int_equal(period_split(&v, &n, &r, PERIOD_CUSTOM, &err), ERR_INPUT);
  assert_null(v);
}

static void constructors_reject(void **state)
{
  (void)state;
  struct period p;
  struct err err = {0};
  assert_int_equal(period_quarter(&p, 2024, 0), ERR_INPUT);
  assert_int_equal(period_half(&p, 2024, 3), ERR_INPUT);
  assert_int_equal(period_month(&p, 2024, 13), ERR_INPUT);
  assert_int_equal(period_year(&p, 0), ERR_INPUT);
  struct date bad = {2024, 2, 30}, a = {2024, 5, 1}, b = {2024, 4, 1};
  assert_int_equal(period_day(&p, bad), ERR_INPUT);
  assert_int_equal(period_custom(&p, a, b, &err), ERR_INPUT);
  assert_int_equal(period_custom(&p, b, a, &err), ERR_OK);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parse_and_format_round_trip),
      cmocka_unit_test(parse_rejects),
      cmocka_unit_test(parse_rejects_bad_numbers),
      cmocka_unit_test(vietnamese_phrases),
      cmocka_unit_test(vietnamese_names),
      cmocka_unit_test(previous_and_last_year),
      cmocka_unit_test(contains),
      cmocka_unit_test(split),
      cmocka_unit_test(constructors_reject),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
