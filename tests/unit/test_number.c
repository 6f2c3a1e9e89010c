/* test_number.c: figures written the Vietnamese way, without an exponent,
 * whatever their size; rounding and signs. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "base/number.h"

static void expect(double v, int decimals, const char *want)
{
  char buf[64];
  assert_string_equal(number_format_vn(buf, sizeof buf, v, decimals), want);
}

static void groups_thousands_and_marks_decimals(void **state)
{
  (void)state;
  expect(0, 2, "0");
  expect(7, 2, "7");
  expect(999, 2, "999");
  expect(1000, 2, "1.000");
  expect(4265756, 2, "4.265.756");
  expect(2345678.5, 2, "2.345.678,5");
  expect(1234.75, 2, "1.234,75");
  expect(0.125, 3, "0,125");
  expect(1e12, 0, "1.000.000.000.000");
}

static void rounds_and_drops_trailing_zeros(void **state)
{
  (void)state;
  expect(66.6666, 1, "66,7");
  expect(80.0, 1, "80");
  expect(2.999, 2, "3");
  expect(0.004, 2, "0");
  expect(-0.004, 2, "0");
  expect(-1234.5, 1, "-1.234,5");
  expect(12.5, 0, "12"); /* exact in binary: printf rounds the half to even */
}

static void not_a_number_is_a_dash(void **state)
{
  (void)state;
  expect(NAN, 2, "-");
  expect(INFINITY, 2, "-");
  char small[4];
  assert_string_equal(number_format_vn(small, sizeof small, 4265756, 0), "4.2");
}

/* Numbers read as an officer writes them: "." groups thousands, "," marks
 * decimals; a spreadsheet's "1,234.5" is read too; a guess is refused. */
static void reads_numbers_as_officers_write_them(void **state)
{
  (void)state;
  static const struct {
    const char *text;
    double want; /* -1: refused */
  } cases[] = {
      {"1.234", 1234},     {"1.234,5", 1234.5}, {"12,5", 12.5},    {"4.265.756", 4265756},
      {"1,234.5", 1234.5}, {"0.125", 0.125},    {"12.5", 12.5},    {"160", 160},
      {"1 234", 1234},     {"1.23.456", -1},    {"12,34,567", -1}, {"", -1},
      {"mười", -1},        {"-5", -1},          {"1.234,5,6", -1}, {"12,", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = -1;
    int rc = number_parse_vn(&v, cases[i].text);
    if (cases[i].want < 0) {
      if (rc == 0)
        fail_msg("\"%s\" read as %g, should be refused", cases[i].text, v);
    } else if (rc != 0 || v != cases[i].want) {
      fail_msg("\"%s\": rc %d, %g, want %g", cases[i].text, rc, v, cases[i].want);
    }
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(groups_thousands_and_marks_decimals),
      cmocka_unit_test(rounds_and_drops_trailing_zeros),
      cmocka_unit_test(not_a_number_is_a_dash),
      cmocka_unit_test(reads_numbers_as_officers_write_them),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
