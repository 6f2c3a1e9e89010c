/* number.h: numbers as Vietnamese readers write them.
 *
 * Reports and screens group thousands with "." and mark decimals with ","
 * ("4.265.756", "2.345.678,5"), never an exponent: a figure of a national
 * report must be read as written. */
#ifndef PCMT_BASE_NUMBER_H
#define PCMT_BASE_NUMBER_H

#include <stddef.h>

/* Write v into buf (n bytes, at least 32 recommended) rounded to at most
 * `decimals` decimal places (0-6), trailing zeros dropped, thousands grouped
 * with "." and the decimal mark ",": 4265756 -> "4.265.756", 1234.5 ->
 * "1.234,5", -0.25 -> "-0,25". Not-a-number and infinities are written "-".
 * Returns buf. */
char *number_format_vn(char *buf, size_t n, double v, int decimals);

/* Read a non-negative number as offices write it, the Vietnamese way first
 * ("1.234.567", "1.234,5", "2,5", "1.500" = 1500) and as spreadsheets of
 * other locales write it ("1,234.5", "0.125"); the rules are at the
 * definition. 0 and *out set, or -1 for text that is no such number
 * (a grouping not in threes is refused rather than guessed). */
int number_parse_vn(double *out, const char *text);

#endif
