/* test_html.c: escaping text for HTML content, attributes and URLs. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "output/html.h"

/* The escaped form of s by fn, in a static buffer. */
static const char *esc(int (*fn)(struct buf *, const char *), const char *s)
{
  static char out[512];
  struct buf b;
  buf_init(&b, 0);
  assert_int_equal(fn(&b, s), 0);
  snprintf(out, sizeof out, "%s", buf_str(&b));
  buf_free(&b);
  return out;
}

static void text_escapes_markup(void **state)
{
  (void)state;
  assert_string_equal(esc(html_text, "<script>alert('x')</script>"),
                      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  assert_string_equal(esc(html_text, "Tom & \"Jerry\""), "Tom &amp; &quot;Jerry&quot;");
  /* Vietnamese passes through untouched */
  assert_string_equal(esc(html_text, "Nguyễn Văn Ân"), "Nguyễn Văn Ân");
  assert_string_equal(esc(html_text, NULL), "");
  /* newlines stay newlines in content */
  assert_string_equal(esc(html_text, "a\nb"), "a\nb");
}

static void attr_escapes_whitespace(void **state)
{
  (void)state;
  assert_string_equal(esc(html_attr, "\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
  assert_string_equal(esc(html_attr, "a\nb\tc"), "a&#10;b&#9;c");
}

static void invalid_utf8_becomes_replacement(void **state)
{
  (void)state;
  /* a lone continuation byte, an overlong '<' (C0 BC) and a surrogate (ED A0 80) */
  assert_string_equal(esc(html_text, "a\x80z"), "a\xEF\xBF\xBDz");
  assert_string_equal(esc(html_text, "\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  assert_string_equal(esc(html_text, "\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  /* a truncated sequence at the end */
  assert_string_equal(esc(html_text, "x\xE1\xBB"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
  /* control characters other than whitespace are dropped */
  assert_string_equal(esc(html_text, "a\x01\x1b[31mb"), "a[31mb");
}

static void url_percent_encodes(void **state)
{
  (void)state;
  assert_string_equal(esc(html_url, "a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  assert_string_equal(esc(html_url, "Az09-._~"), "Az09-._~");
  assert_string_equal(esc(html_url, "\"><"), "%22%3E%3C");
}

static void cap_reached_is_an_error(void **state)
{
  (void)state;
  struct buf b;
  buf_init(&b, 8);
  assert_int_equal(html_text(&b, "<<<"), ERR_NOMEM); /* 12 bytes escaped */
  buf_free(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_escapes_markup),
      cmocka_unit_test(attr_escapes_whitespace),
      cmocka_unit_test(invalid_utf8_becomes_replacement),
      cmocka_unit_test(url_percent_encodes),
      cmocka_unit_test(cap_reached_is_an_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
