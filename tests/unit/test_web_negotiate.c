/* test_web_negotiate.c: when an answer is gzipped, and when it is 304. */
#include "testutil.h"

#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "web/gzip.h"
#include "web/negotiate.h"

static void accept_encoding_lists(void **state)
{
  (void)state;
  assert_true(negotiate_accepts_gzip("gzip"));
  assert_true(negotiate_accepts_gzip("gzip, deflate, br"));
  assert_true(negotiate_accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  assert_true(negotiate_accepts_gzip("x-gzip"));
  assert_true(negotiate_accepts_gzip("*"));
  assert_false(negotiate_accepts_gzip(NULL));
  assert_false(negotiate_accepts_gzip(""));
  assert_false(negotiate_accepts_gzip("identity"));
  assert_false(negotiate_accepts_gzip("deflate, br"));
  /* refused explicitly, also when * would allow it */
  assert_false(negotiate_accepts_gzip("gzip;q=0"));
  assert_false(negotiate_accepts_gzip("*, gzip;q=0"));
  assert_false(negotiate_accepts_gzip("gzip; q=0.000"));
  assert_false(negotiate_accepts_gzip("*;q=0"));
  /* a coding whose name only starts with gzip is another coding */
  assert_false(negotiate_accepts_gzip("gzipx"));
}

static void what_gets_compressed(void **state)
{
  (void)state;
  assert_true(negotiate_gzip("text/html; charset=utf-8", 4000, "gzip"));
  assert_true(negotiate_gzip("application/json", 4000, "gzip"));
  assert_false(negotiate_gzip("text/html; charset=utf-8", NEGOTIATE_GZIP_MIN - 1, "gzip"));
  assert_false(negotiate_gzip("text/html; charset=utf-8", 4000, NULL));
  /* assets keep their strong ETag: never compressed on the fly */
  assert_false(negotiate_gzip("text/css; charset=utf-8", 4000, "gzip"));
  assert_false(negotiate_gzip("image/svg+xml", 4000, "gzip"));
  assert_false(negotiate_gzip(NULL, 4000, "gzip"));
}

static void if_none_match(void **state)
{
  (void)state;
  const char *tag = "\"27eee98d6a638853\"";
  assert_true(negotiate_not_modified("\"27eee98d6a638853\"", tag));
  assert_true(negotiate_not_modified("\"x\", \"27eee98d6a638853\"", tag));
  assert_true(negotiate_not_modified("W/\"27eee98d6a638853\"", tag));
  assert_true(negotiate_not_modified("*", tag));
  assert_false(negotiate_not_modified(NULL, tag));
  assert_false(negotiate_not_modified("\"27eee98d6a63885\"", tag));
  assert_false(negotiate_not_modified("\"27eee98d6a6388530\"", tag));
  assert_false(negotiate_not_modified("27eee98d6a638853", tag)); /* not a quoted tag */
  assert_false(negotiate_not_modified("\"27eee98d6a638853", tag));
  assert_false(negotiate_not_modified("\"a\" junk, \"27eee98d6a638853\"", tag));
}

static void gzip_round_trip(void **state)
{
  (void)state;
  char text[8192];
  for (size_t i = 0; i < sizeof text; i++)
    text[i] = "Phòng, chống ma túy "[i % 20];
  struct buf gz;
  buf_init(&gz, 0);
  assert_int_equal(gzip_compress(&gz, text, sizeof text, NULL), 0);
  assert_true(gz.len < sizeof text / 4);
  assert_int_equal((unsigned char)gz.data[0], 0x1f); /* gzip magic, RFC 1952 */
  assert_int_equal((unsigned char)gz.data[1], 0x8b);
  char back[sizeof text + 16];
  z_stream z = {0};
  assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = (Bytef *)gz.data;
  z.avail_in = (uInt)gz.len;
  z.next_out = (Bytef *)back;
  z.avail_out = sizeof back;
  assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
  assert_int_equal(z.total_out, sizeof text);
  inflateEnd(&z);
  assert_memory_equal(back, text, sizeof text);
  buf_free(&gz);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(accept_encoding_lists),
      cmocka_unit_test(what_gets_compressed),
      cmocka_unit_test(if_none_match),
      cmocka_unit_test(gzip_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
