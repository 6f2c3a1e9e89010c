/* test_text.c: UTF-8 validation, NFC, search keys and Vietnamese collation. */
#include "testutil.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/text.h"

#include <utf8proc.h>

static void utf8_validation(void **state)
{
  (void)state;
  assert_true(text_utf8_valid("", 0));
  assert_true(text_utf8_valid("Lào Cai", strlen("Lào Cai")));
  assert_true(text_utf8_valid("\xF0\x9F\x98\x80", 4));  /* U+1F600 */
  assert_false(text_utf8_valid("L\xC3\x28o", 4));       /* bad continuation */
  assert_false(text_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
  assert_false(text_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
  assert_false(text_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
  assert_false(text_utf8_valid("\xE1\xBB", 2));         /* truncated */
  assert_false(text_utf8_valid("a\0b", 3));             /* embedded NUL */
  assert_false(text_utf8_valid("\xFF", 1));
}

static void nfc_composes(void **state)
{
  (void)state;
  struct err err = {0};
  char *r = NULL;
  /* "Hòa" written with a combining grave accent */
  assert_int_equal(text_nfc(&r,
                            "Ho\xCC\x80"
                            "a",
                            &err),
                   ERR_OK);
  assert_string_equal(r, "Hòa");
  free(r);
  assert_int_equal(text_nfc(&r, "Nguye\xCC\x82\xCC\x83n", &err), ERR_OK);
  assert_string_equal(r, "Nguyễn");
  free(r);
  assert_int_equal(text_nfc(&r, "x\xFFy", &err), ERR_INPUT);
  assert_null(r);
  assert_true(strlen(err.msg) > 0);
  assert_int_equal(text_nfc(&r, NULL, &err), ERR_INPUT);
}

static void expect_fold(const char *in, const char *want)
{
  struct err err = {0};
  char *r = NULL;
  assert_int_equal(text_fold(&r, in, &err), ERR_OK);
  assert_string_equal(r, want);
  free(r);
}

static void expect_key(const char *in, const char *want)
{
  struct err err = {0};
  char *r = NULL;
  assert_int_equal(text_key(&r, in, &err), ERR_OK);
  assert_string_equal(r, want);
  free(r);
}

static void fold_removes_case_and_marks(void **state)
{
  (void)state;
  expect_fold("  Nguyễn  Văn ĐỨC ", "nguyen van duc");
  expect_fold("Dũng", "dung");
  expect_fold("Đức", "duc");
  expect_fold("đường ĐI", "duong di");
  expect_fold("Ðà Nẵng", "da nang"); /* U+00D0, typed for Đ */
  expect_fold("Hòa", "hoa");
  expect_fold("Hoà", "hoa");
  expect_fold("Nguye\xCC\x82\xCC\x83n", "nguyen"); /* decomposed */
  expect_fold("Ư Ơ Ă Â Ê Ô", "u o a a e o");
  expect_fold("Sở LĐ-TB&XH", "so ld-tb&xh");
  expect_fold("", "");
  expect_fold("\t\n ", "");
  expect_fold("a\xC2\xA0"
              "b",
              "a b"); /* no-break space */
}

static void key_drops_punctuation(void **state)
{
  (void)state;
  expect_key("Sở LĐ-TB&XH", "so ld tb xh");
  expect_key("Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi");
  expect_key("(UBND) tỉnh, Lào Cai.", "ubnd tinh lao cai");
  expect_key("Quý II/2018", "quy ii 2018");
  expect_key("...", "");
}

/* text_has_alnum says whether text_key would keep anything: for every code
 * point alone and after an ASCII space (compatibility forms such as "™" or
 * "㎏" fold to letters, some letters fold to nothing), then for samples. */
static void has_alnum_agrees_with_key(void **state)
{
  (void)state;
  size_t disagree = 0;
  for (utf8proc_int32_t cp = 1; cp <= 0x10FFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      continue; /* surrogates are not UTF-8 */
    char buf[8] = " ";
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + 1);
    buf[1 + n] = '\0';
    for (int lead = 0; lead < 2; lead++) {
      const char *text = buf + 1 - lead;
      char *k = NULL;
      int want = text_key(&k, text, NULL) == ERR_OK && k && k[0];
      free(k);
      if (text_has_alnum(text) != want && disagree++ < 5)
        print_error("U+%04X%s: text_has_alnum %d, text_key %s\n", (unsigned)cp,
                    lead ? " after a space" : "", !want, want ? "keeps it" : "empty");
    }
  }
  assert_int_equal(disagree, 0);
  const char *samples[] = {
      "Nguyễn Văn Dũng", "Đ",   "Ư",   "  3 ", "１２", "A.", "... -- !!", "", " ",
      "\xcc\x81",        "– …", "Hoà", "ĐỖ",   "ㄱ"};
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    char *k = NULL;
    struct err e;
    assert_int_equal(text_key(&k, samples[i], &e), ERR_OK);
    assert_int_equal(text_has_alnum(samples[i]), k[0] != '\0');
    free(k);
  }
  assert_int_equal(text_has_alnum("Lò Thị Ơn"), 1);
  assert_int_equal(text_has_alnum("\xcc\x81\xcc\x80"), 0); /* marks alone */
  assert_int_equal(text_has_alnum("-/-"), 0);
}

/* Spaces of every kind a spreadsheet writes, by their UTF-8 length; a
 * letter, a digit, a mark or a broken sequence is not one. */
static void space_len_knows_unicode_spaces(void **state)
{
  (void)state;
  assert_int_equal(text_space_len(" 1"), 1);
  assert_int_equal(text_space_len("\u00a0"
                                  "200"),
                   2);
  assert_int_equal(text_space_len("\u202f"
                                  "200"),
                   3);
  assert_int_equal(text_space_len("\u2009"), 3);
  assert_int_equal(text_space_len("1 200"), 0);
  assert_int_equal(text_space_len("đ"), 0);
  assert_int_equal(text_space_len("\u0301"), 0);
  assert_int_equal(text_space_len("\t"), 0);
  assert_int_equal(text_space_len("\xc2"), 0); /* cut before its second byte */
  assert_int_equal(text_space_len(""), 0);
}

static void fold_rejects_bad_input(void **state)
{
  (void)state;
  struct err err = {0};
  char *r = (char *)1;
  assert_int_equal(text_fold(&r, "L\xC3\x28o", &err), ERR_INPUT);
  assert_null(r);
  assert_int_equal(text_key(&r, NULL, &err), ERR_INPUT);
  assert_null(r);
}

static void fold_very_long_string(void **state)
{
  (void)state;
  size_t n = 1000000;
  char *s = malloc(n * 2 + 1);
  for (size_t i = 0; i < n; i++)
    memcpy(s + 2 * i, "Đ", 2); /* Đ is 2 bytes */
  s[2 * n] = '\0';
  struct err err = {0};
  char *r = NULL;
  assert_int_equal(text_fold(&r, s, &err), ERR_OK);
  assert_int_equal(strlen(r), n);
  assert_int_equal(r[0], 'd');
  assert_int_equal(r[n - 1], 'd');
  free(r);
  unsigned char *k = NULL;
  size_t kl = 0;
  assert_int_equal(text_collate_key(&k, &kl, s, &err), ERR_OK);
  assert_true(kl > 3 * n);
  free(k);
  free(s);
}

/* Columns on a terminal, counted by hand: one per letter whatever its marks,
 * composed or not; two for a wide character; one for a stray byte. */
static void width_counts_columns_not_bytes(void **state)
{
  (void)state;
  assert_int_equal(text_width(""), 0);
  assert_int_equal(text_width("Lao Cai"), 7);
  assert_int_equal(text_width("Nguyễn"), 6);                 /* 9 bytes */
  assert_int_equal(text_width("Nguye\xCC\x82\xCC\x83n"), 6); /* e + circumflex + tilde */
  assert_int_equal(text_width("Đỗ Thị Kiều Trang"), 17);
  assert_int_equal(text_width("\xE4\xB8\xAD\xE6\x96\x87"), 4); /* two CJK characters */
  assert_int_equal(text_width("a\xFF"
                              "b"),
                   3);
}

/* Case and spacing go, marks stay: two spellings of a name that differ by
 * case and spaces only give the same text; one without its marks does not. */
static void casefold_keeps_marks(void **state)
{
  (void)state;
  char *a = NULL;
  struct err err = {0};
  assert_int_equal(text_casefold(&a, "  NGUYỄN  Văn\tDũng ", &err), ERR_OK);
  assert_string_equal(a, "nguyễn văn dũng");
  free(a);
  assert_int_equal(text_casefold(&a, "ĐỖ Thị Hoà", &err), ERR_OK);
  assert_string_equal(a, "đỗ thị hoà");
  free(a);
  assert_int_equal(text_casefold(&a, "Nguye\xCC\x82\xCC\x83n", &err), ERR_OK); /* decomposed */
  assert_string_equal(a, "nguyễn");
  free(a);
  assert_int_equal(text_casefold(&a, "   ", &err), ERR_OK);
  assert_string_equal(a, "");
  free(a);
  assert_int_equal(text_casefold(&a, "L\xC3\x28o", &err), ERR_INPUT);
  assert_null(a);
}

static int cmp_str(const void *a, const void *b)
{
  return text_collate_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sort `in` and compare with `want` (both n long). */
static void expect_order(const char **in, const char **want, size_t n)
{
  const char **v = malloc(n * sizeof *v);
  memcpy(v, in, n * sizeof *v);
  qsort(v, n, sizeof *v, cmp_str);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(v[i], want[i]);
  free(v);
}

static void collation_alphabet(void **state)
{
  (void)state;
  /* every letter of the Vietnamese alphabet, given shuffled */
  const char *want[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
  const char *in[] = {"y", "đ", "ư", "â", "ơ", "a", "x", "ê", "ô", "b", "v", "ă", "u", "t", "s",
                      "r", "q", "p", "o", "n", "m", "l", "k", "i", "h", "g", "e", "d", "c"};
  expect_order(in, want, sizeof want / sizeof *want);
}

static void collation_tones(void **state)
{
  (void)state;
  const char *want[] = {"ma", "mà", "mả", "mã", "má", "mạ"};
  const char *in[] = {"mạ", "má", "ma", "mã", "mả", "mà"};
  expect_order(in, want, 6);
}

static void collation_letters_before_tones(void **state)
{
  (void)state;
  /* letters decide across the whole string before any tone does */
  assert_true(text_collate_cmp("Bà Rịa", "Ba Vì") < 0);
  assert_true(text_collate_cmp("Bảo Yên", "Bát Xát") < 0);
  assert_true(text_collate_cmp("Bát Xát", "Bắc Hà") < 0); /* a before ă */
  assert_true(text_collate_cmp("Đà Nẵng", "Điện Biên") < 0);
  assert_true(text_collate_cmp("Dương", "Đào") < 0); /* d before đ */
  assert_true(text_collate_cmp("An", "Anh") < 0);    /* prefix first */
  assert_true(text_collate_cmp("Lê Anh", "Lê Ánh") < 0);
  assert_true(text_collate_cmp("Nguyễn Văn A", "Nguyễn Văn B") < 0);
  assert_true(text_collate_cmp("Khu 5", "Khu A") < 0);     /* digits before letters */
  assert_true(text_collate_cmp("lào cai", "Lào Cai") < 0); /* lower before upper */
  assert_int_equal(text_collate_cmp("Hòa Bình", "Hoà Bình"), 0);
  assert_int_equal(text_collate_cmp("Hòa Bình", "Ho\xCC\x80"
                                                "a Bi\xCC\x80nh"),
                   0);
  assert_int_equal(text_collate_cmp("abc", " abc "), 0); /* outer space ignored */
  assert_true(text_collate_cmp("x\xFF", "zzz") > 0);     /* invalid sorts last */
}

static void collation_key_is_binary_and_stable(void **state)
{
  (void)state;
  struct err err = {0};
  unsigned char *a = NULL, *b = NULL;
  size_t na = 0, nb = 0;
  assert_int_equal(text_collate_key(&a, &na, "Nguyễn Thị Hòa", &err), ERR_OK);
  assert_int_equal(
      text_collate_key(&b, &nb, "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Hoa\xCC\x80", &err), ERR_OK);
  assert_int_equal(na, nb);
  assert_memory_equal(a, b, na);
  free(a);
  free(b);
  assert_int_equal(text_collate_key(&a, &na, "", &err), ERR_OK);
  assert_non_null(a);
  free(a);
  assert_int_equal(text_collate_key(&a, &na, "\xC3", &err), ERR_INPUT);
  assert_null(a);
}

static void collation_names_list(void **state)
{
  (void)state;
  const char *want[] = {"Bùi Thị Lan", "Đặng Văn Đức", "Đỗ Minh Châu",  "Hoàng Anh Tuấn",
                        "Hồ Văn Ân",   "Lê Thị Ánh",   "Nguyễn Văn An", "Nguyễn Văn Ấn",
                        "Phạm Thu Hà", "Trần Ư",       "Trương Văn Út"};
  const char *in[] = {"Trương Văn Út",  "Nguyễn Văn Ấn", "Hồ Văn Ân",   "Đỗ Minh Châu",
                      "Lê Thị Ánh",     "Bùi Thị Lan",   "Phạm Thu Hà", "Nguyễn Văn An",
                      "Hoàng Anh Tuấn", "Đặng Văn Đức",  "Trần Ư"};
  expect_order(in, want, sizeof want / sizeof *want);
}

/* Capitals for an issuing body's line, every Vietnamese letter kept whole. */
static void upper_keeps_vietnamese_letters(void **state)
{
  (void)state;
  char *u;
  struct err err = {0};
  assert_int_equal(text_upper(&u, "Ủy ban nhân dân tỉnh Lào Cai", &err), ERR_OK);
  assert_string_equal(u, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI");
  free(u);
  assert_int_equal(text_upper(&u, "Ban Chỉ đạo 138 huyện Bình Sơn", &err), ERR_OK);
  assert_string_equal(u, "BAN CHỈ ĐẠO 138 HUYỆN BÌNH SƠN");
  free(u);
  assert_int_equal(text_upper(&u, "\xff", &err), ERR_INPUT);
}

/* A cut never splits a character: "Đức" is Đ (2 bytes), ứ (3), c (1). */
static void utf8_prefix_on_a_boundary(void **state)
{
  (void)state;
  const char *s = "Đức";
  assert_int_equal(text_utf8_prefix(s, 10), 6); /* shorter than max: all of it */
  assert_int_equal(text_utf8_prefix(s, 6), 6);
  assert_int_equal(text_utf8_prefix(s, 5), 5); /* "Đứ" */
  assert_int_equal(text_utf8_prefix(s, 4), 2); /* inside ứ: back to "Đ" */
  assert_int_equal(text_utf8_prefix(s, 3), 2);
  assert_int_equal(text_utf8_prefix(s, 1), 0); /* inside Đ: nothing */
  assert_int_equal(text_utf8_prefix("abc", 2), 2);
  assert_int_equal(text_utf8_prefix("", 5), 0);
  char cut[8];
  snprintf(cut, sizeof cut, "%.*s", (int)text_utf8_prefix(s, 4), s);
  assert_true(text_utf8_valid(cut, strlen(cut)));
  assert_string_equal(cut, "Đ");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(utf8_validation),
      cmocka_unit_test(utf8_prefix_on_a_boundary),
      cmocka_unit_test(nfc_composes),
      cmocka_unit_test(fold_removes_case_and_marks),
      cmocka_unit_test(key_drops_punctuation),
      cmocka_unit_test(has_alnum_agrees_with_key),
      cmocka_unit_test(space_len_knows_unicode_spaces),
      cmocka_unit_test(width_counts_columns_not_bytes),
      cmocka_unit_test(casefold_keeps_marks),
      cmocka_unit_test(fold_rejects_bad_input),
      cmocka_unit_test(fold_very_long_string),
      cmocka_unit_test(collation_alphabet),
      cmocka_unit_test(collation_tones),
      cmocka_unit_test(collation_letters_before_tones),
      cmocka_unit_test(collation_key_is_binary_and_stable),
      cmocka_unit_test(collation_names_list),
      cmocka_unit_test(upper_keeps_vietnamese_letters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
