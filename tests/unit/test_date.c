/* test_date.c: calendar arithmetic and the date forms plans write. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/err.h"

static void expect_date(const char *text, int default_year, int y, int m, int d)
{
  struct date out = {0, 0, 0};
  struct err err = {0};
  int rc = date_parse(&out, text, default_year, &err);
  if (rc)
    fail_msg("\"%s\": %s", text, err.msg);
  assert_int_equal(out.y, y);
  assert_int_equal(out.m, m);
  assert_int_equal(out.d, d);
}

static void expect_bad(const char *text, int default_year)
{
  struct date out;
  struct err err = {0};
  if (date_parse(&out, text, default_year, &err) != ERR_INPUT)
    fail_msg("\"%s\" was accepted", text ? text : "(null)");
  assert_true(strlen(err.msg) > 0);
}

static void parses_plan_forms(void **state)
{
  (void)state;
  expect_date("30/8/2024", 0, 2024, 8, 30);
  expect_date("30/08/2024", 0, 2024, 8, 30);
  expect_date("30-8-2024", 0, 2024, 8, 30);
  expect_date("30.8.2024", 0, 2024, 8, 30);
  expect_date("2024-08-30", 0, 2024, 8, 30);
  expect_date("  ngày 30 tháng 8 năm 2024 ", 0, 2024, 8, 30);
  expect_date("Ngày 05 tháng 02 năm 2018", 0, 2018, 2, 5);
  expect_date("NGÀY 1 THÁNG 7 NĂM 2025", 0, 2025, 7, 1);
  expect_date("ngày 30 tháng 8, năm 2024", 0, 2024, 8, 30);
  expect_date("ngày 30/8/2024", 0, 2024, 8, 30);
  expect_date("ngày 30/8", 2024, 2024, 8, 30);
  expect_date("30/8", 2023, 2023, 8, 30);
  expect_date("ngày 30 tháng 8", 2022, 2022, 8, 30);
  expect_date("29/2/2024", 0, 2024, 2, 29);
  /* decomposed "ngày tháng năm" as some converters write it */
  expect_date("nga\xCC\x80y 3 tha\xCC\x81ng 10 na\xCC\x86m 2024", 0, 2024, 10, 3);
}

static void rejects_impossible_and_malformed(void **state)
{
  (void)state;
  expect_bad("31/2/2024", 0);
  expect_bad("29/2/2023", 0);
  expect_bad("31/4/2024", 0);
  expect_bad("0/1/2024", 0);
  expect_bad("1/13/2024", 0);
  expect_bad("2024-02-30", 0);
  expect_bad("30/8", 0); /* no year and no default */
  expect_bad("30/8/24", 0);
  expect_bad("", 0);
  expect_bad("   ", 0);
  expect_bad(NULL, 0);
  expect_bad("ngày", 2024);
  expect_bad("hôm qua", 2024);
  expect_bad("30/8/2024 và 1/9/2024", 0);
  expect_bad("30/8/2024x", 0);
  expect_bad("L\xC3\x28o", 0);
  char *longs = malloc(100001);
  memset(longs, '9', 100000);
  longs[100000] = '\0';
  expect_bad(longs, 2024);
  free(longs);
}

static void impossible_date_message_says_why(void **state)
{
  (void)state;
  struct date d;
  struct err err = {0};
  assert_int_equal(date_parse(&d, "31/2/2024", 0, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "không tồn tại"));
}

static void scan_finds_dates_in_prose(void **state)
{
  (void)state;
  struct date d;
  size_t a, b;
  const char *t = "Các đơn vị hoàn thành trước ngày 30/8/2024 và báo cáo kết quả.";
  assert_int_equal(date_scan(&d, t, 0, &a, &b), ERR_OK);
  assert_int_equal(d.d, 30);
  assert_int_equal(d.m, 8);
  assert_int_equal(d.y, 2024);
  assert_int_equal(strncmp(t + a, "ngày 30/8/2024", b - a), 0);
  assert_int_equal(b - a, strlen("ngày 30/8/2024"));

  assert_int_equal(date_scan(&d, "Định kỳ 6 tháng (trước 15/6)", 2024, &a, &b), ERR_OK);
  assert_int_equal(d.d, 15);
  assert_int_equal(d.m, 6);
  assert_int_equal(d.y, 2024);

  /* document numbers and fractions are not dates */
  assert_int_equal(date_scan(&d, "Nghị quyết số 30/2026/QH16 và Kế hoạch 15/KH-UBND", 2024, &a, &b),
                   ERR_NOT_FOUND);
  assert_int_equal(date_scan(&d, "đạt 1/2 số xã; mục 2.1.3", 2024, &a, &b), ERR_NOT_FOUND);
  assert_int_equal(
      date_scan(&d, "Quyết định số 1001/QĐ-UBND ngày 5 tháng 3 năm 2019 của UBND", 0, &a, &b),
      ERR_OK);
  assert_int_equal(d.y, 2019);
  assert_int_equal(d.m, 3);
  assert_int_equal(d.d, 5);
  /* an impossible date is skipped for the next real one */
  assert_int_equal(date_scan(&d, "từ 31/2/2024 đến 01/03/2024", 0, NULL, NULL), ERR_OK);
  assert_int_equal(d.m, 3);
  assert_int_equal(date_scan(&d, "", 0, NULL, NULL), ERR_NOT_FOUND);
  assert_int_equal(date_scan(&d, NULL, 0, NULL, NULL), ERR_NOT_FOUND);
}

static void formats(void **state)
{
  (void)state;
  char b[DATE_ISO_LEN];
  struct date d = {2024, 8, 3};
  date_to_iso(b, d);
  assert_string_equal(b, "2024-08-03");
  date_to_vn(b, d);
  assert_string_equal(b, "03/08/2024");
  struct date e = {5, 1, 1};
  date_to_iso(b, e);
  assert_string_equal(b, "0005-01-01");
  /* an ISO text as the UI shows it; what is not a date stays as it is */
  assert_string_equal(date_iso_to_vn(b, "2025-07-01"), "01/07/2025");
  assert_string_equal(date_iso_to_vn(b, ""), "");
  assert_string_equal(date_iso_to_vn(b, NULL), "");
  assert_string_equal(date_iso_to_vn(b, "chưa rõ"), "chưa rõ");
}

static void arithmetic(void **state)
{
  (void)state;
  struct date epoch = {1970, 1, 1};
  assert_int_equal(date_to_days(epoch), 0);
  struct date reform = {2025, 7, 1};
  assert_int_equal(date_to_days(reform),
                   20270); /* computed by hand: 55 years of 365 days + 14 leap days + 181 */
  struct date back = date_from_days(20270);
  assert_int_equal(date_cmp(back, reform), 0);
  /* round trip over every day from 1900 to 2100 */
  struct date s = {1900, 1, 1};
  long s0 = date_to_days(s);
  for (long i = 0; i < 73415; i++) {
    struct date x = date_from_days(s0 + i);
    assert_true(date_valid(x.y, x.m, x.d));
    assert_int_equal(date_to_days(x), s0 + i);
  }
  struct date feb = {2024, 2, 28};
  struct date n = date_add_days(feb, 1);
  assert_int_equal(n.d, 29);
  n = date_add_days(feb, 2);
  assert_int_equal(n.m, 3);
  assert_int_equal(n.d, 1);
  struct date jan31 = {2024, 1, 31};
  n = date_add_months(jan31, 1);
  assert_int_equal(n.m, 2);
  assert_int_equal(n.d, 29);
  n = date_add_months(jan31, -2);
  assert_int_equal(n.y, 2023);
  assert_int_equal(n.m, 11);
  assert_int_equal(n.d, 30);
  n = date_add_months(jan31, 24);
  assert_int_equal(n.y, 2026);
  assert_int_equal(n.m, 1);
  assert_int_equal(date_weekday(reform), 2); /* 1 July 2025 was a Tuesday */
  struct date sun = {2026, 11, 22};
  assert_int_equal(date_weekday(sun), 7);
  assert_true(date_is_leap(2000));
  assert_false(date_is_leap(1900));
  assert_int_equal(date_days_in_month(2023, 2), 28);
  assert_int_equal(date_days_in_month(2023, 13), 0);
  assert_true(date_cmp(feb, jan31) > 0);
  struct date t = date_today();
  assert_true(date_valid(t.y, t.m, t.d));
}

/* A register cell as a spreadsheet wrote it back, read against 31/12/2025. */
static void expect_cell(const char *text, enum date_yy rule, int y, int m, int d)
{
  struct date out = {0, 0, 0};
  struct err err = {0};
  if (date_parse_cell(&out, text, rule, "2025-12-31", &err))
    fail_msg("\"%s\": %s", text, err.msg);
  assert_int_equal(out.y, y);
  assert_int_equal(out.m, m);
  assert_int_equal(out.d, d);
}

/* Refused, with `why` in the message. */
static void expect_cell_bad(const char *text, enum date_yy rule, const char *why)
{
  struct date out;
  struct err err = {0};
  if (date_parse_cell(&out, text, rule, "2025-12-31", &err) != ERR_INPUT)
    fail_msg("\"%s\" was accepted", text);
  if (!strstr(err.msg, why))
    fail_msg("\"%s\": \"%s\" lacks \"%s\"", text, err.msg, why);
}

/* Two-digit years: a birth year is the century that makes the person 12 to
 * 99 years old on 31/12/2025, an event year is 20yy and not in the future;
 * day first; a month-first date is refused by name. */
static void cell_dates_from_spreadsheets(void **state)
{
  (void)state;
  expect_cell("07/10/1980", DATE_YY_BIRTH, 1980, 10, 7); /* every date_parse form */
  expect_cell("2024-03-05", DATE_YY_EVENT, 2024, 3, 5);
  expect_cell("07/10/80", DATE_YY_BIRTH, 1980, 10, 7); /* 2080 is in the future */
  expect_cell("03/11/97", DATE_YY_BIRTH, 1997, 11, 3);
  expect_cell("7/1/80", DATE_YY_BIRTH, 1980, 1, 7);
  expect_cell("07.10.80", DATE_YY_BIRTH, 1980, 10, 7); /* as a German Calc writes it */
  expect_cell(" 07-10-80 ", DATE_YY_BIRTH, 1980, 10, 7);
  expect_cell("15/06/10", DATE_YY_BIRTH, 2010, 6, 15);        /* 15 years old, not 115 */
  expect_cell("31/12/13", DATE_YY_BIRTH, 2013, 12, 31);       /* 12 on the day */
  expect_cell("01/01/26", DATE_YY_BIRTH, 1926, 1, 1);         /* 99, not born yet in 2026 */
  expect_cell("29/02/00", DATE_YY_BIRTH, 2000, 2, 29);        /* 1900 had no 29 February */
  expect_cell_bad("01/01/14", DATE_YY_BIRTH, "từ 12 đến 99"); /* 11 or 111 */
  expect_cell_bad("31/12/25", DATE_YY_BIRTH, "từ 12 đến 99"); /* 0 or 100 */
  expect_cell_bad("20/05/20", DATE_YY_BIRTH, "1920");
  expect_cell("05/12/24", DATE_YY_EVENT, 2024, 12, 5);
  expect_cell("31/12/25", DATE_YY_EVENT, 2025, 12, 31);
  expect_cell("01/01/99", DATE_YY_BIRTH, 1999, 1, 1);
  expect_cell_bad("01/01/99", DATE_YY_EVENT, "2099"); /* never 1999 */
  expect_cell_bad("01/01/26", DATE_YY_EVENT, "ở tương lai");
  expect_cell_bad("07/10/80", DATE_YY_REFUSE, "không phải ngày");
  expect_cell_bad("12/25/80", DATE_YY_BIRTH, "tháng trước ngày");
  expect_cell_bad("12/25/1980", DATE_YY_EVENT, "tháng trước ngày");
  expect_cell_bad("31/02/80", DATE_YY_BIRTH, "không phải ngày");
  expect_cell_bad("07/10/8", DATE_YY_BIRTH, "không phải ngày");
  expect_cell_bad("07/10-80", DATE_YY_BIRTH, "không phải ngày");
  expect_cell_bad("1980", DATE_YY_BIRTH, "không phải ngày");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parses_plan_forms),
      cmocka_unit_test(rejects_impossible_and_malformed),
      cmocka_unit_test(impossible_date_message_says_why),
      cmocka_unit_test(scan_finds_dates_in_prose),
      cmocka_unit_test(formats),
      cmocka_unit_test(arithmetic),
      cmocka_unit_test(cell_dates_from_spreadsheets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
