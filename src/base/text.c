/* text.c: Vietnamese text keys on top of utf8proc.
 *
 * utf8proc does validation, normalisation, case folding and mark stripping;
 * what it cannot know is Vietnamese: that đ is a letter of its own that folds
 * to d, that ă â ê ô ơ ư are letters (not a + mark) when sorting, and that the
 * five tone marks are compared per syllable after the letters. That part is
 * here, on NFD code points. */
#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/buf.h"

size_t text_utf8_prefix(const char *s, size_t max)
{
  size_t len = 0;
  while (len <= max && s[len])
    len++;
  if (len <= max)
    return len;
  len = max;
  while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
    len--; /* s[len] continues a character: cut before its lead byte */
  return len;
}

int text_utf8_valid(const char *s, size_t n)
{
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) { /* fast path for ASCII */
      if (p[i] == 0)
        return 0;
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0 || cp < 0)
      return 0;
    i += (size_t)k;
  }
  return 1;
}

static int check_input(const char *s, struct err *err)
{
  if (!s)
    return err_set(err, ERR_INPUT, "thiếu văn bản (NULL)");
  if (!text_utf8_valid(s, strlen(s)))
    return err_set(err, ERR_INPUT, "văn bản không phải UTF-8 hợp lệ");
  return ERR_OK;
}

/* Map through utf8proc with the given options; the result is malloc'd. */
static int map(utf8proc_uint8_t **out, const char *s, utf8proc_option_t opts, struct err *err)
{
  utf8proc_ssize_t r =
      utf8proc_map((const utf8proc_uint8_t *)s, 0, out,
                   (utf8proc_option_t)(opts | UTF8PROC_NULLTERM | UTF8PROC_STABLE));
  if (r < 0) {
    *out = NULL;
    if (r == UTF8PROC_ERROR_NOMEM)
      return err_nomem(err);
    return err_set(err, ERR_INPUT, "không chuẩn hoá được văn bản: %s", utf8proc_errmsg(r));
  }
  return ERR_OK;
}

int text_nfc(char **out, const char *s, struct err *err)
{
  *out = NULL;
  int rc = check_input(s, err);
  if (rc)
    return rc;
  utf8proc_uint8_t *r;
  rc = map(&r, s, UTF8PROC_COMPOSE, err);
  if (rc)
    return rc;
  *out = (char *)r;
  return ERR_OK;
}

static int is_space(utf8proc_int32_t cp)
{
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f')
    return 1;
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int text_upper(char **out, const char *s, struct err *err)
{
  *out = NULL;
  int rc = check_input(s, err);
  if (rc)
    return rc;
  utf8proc_uint8_t *r;
  rc = map(&r, s, UTF8PROC_COMPOSE, err);
  if (rc)
    return rc;
  /* upper-casing a Vietnamese letter keeps its length in UTF-8 (NFC: "ủ" and
   * "Ủ" are both three bytes); anything that would grow is left as it is */
  for (utf8proc_ssize_t i = 0; r[i];) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(r + i, -1, &cp);
    if (n <= 0)
      break;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
    if (m == n)
      memcpy(r + i, enc, (size_t)n);
    i += n;
  }
  *out = (char *)r;
  return ERR_OK;
}

int text_casefold(char **out, const char *s, struct err *err)
{
  *out = NULL;
  int rc = check_input(s, err);
  if (rc)
    return rc;
  utf8proc_uint8_t *r;
  rc = map(&r, s, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, err);
  if (rc)
    return rc;
  /* collapse white space in place: the result is never longer */
  size_t w = 0;
  int pending = 0;
  for (utf8proc_ssize_t i = 0; r[i];) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(r + i, -1, &cp);
    if (n <= 0)
      break; /* never: map produced valid UTF-8 */
    if (is_space(cp)) {
      pending = w > 0;
    } else {
      if (pending)
        r[w++] = ' ';
      pending = 0;
      memmove(r + w, r + i, (size_t)n);
      w += (size_t)n;
    }
    i += n;
  }
  r[w] = '\0';
  *out = (char *)r;
  return ERR_OK;
}

static int is_alnum(utf8proc_int32_t cp)
{
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return 1;
  default:
    return 0;
  }
}

int text_has_alnum(const char *s)
{
  /* An ASCII letter or digit survives text_key as it is; most names have
   * one, and need no copy. Without one, what survives folding (compatibility
   * forms, marks stripped) is what text_key says. */
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
      return 1;
  char *key = NULL;
  int has = text_key(&key, s, NULL) == ERR_OK && key && key[0];
  free(key);
  return has;
}

size_t text_space_len(const char *s)
{
  if (*s == ' ')
    return 1;
  if (!(*s & 0x80))
    return 0;
  utf8proc_int32_t cp;
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
  return n > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ? (size_t)n : 0;
}

size_t text_width(const char *s)
{
  size_t w = 0;
  while (*s) {
    if (!(*s & 0x80)) { /* ASCII: one column (control characters are not in names) */
      w++;
      s++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    if (n <= 0) { /* a stray byte: one column, like a replacement character */
      w++;
      s++;
      continue;
    }
    w += (size_t)utf8proc_charwidth(cp);
    s += n;
  }
  return w;
}

/* Shared by text_fold and text_key: strip marks, fold case, then collapse the
 * separators. `punct_is_space` makes every non-alphanumeric a separator. */
static int fold(char **out, const char *s, int punct_is_space, struct err *err)
{
  *out = NULL;
  int rc = check_input(s, err);
  if (rc)
    return rc;
  utf8proc_uint8_t *m;
  rc = map(&m, s, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, err);
  if (rc)
    return rc;
  size_t n = strlen((char *)m);
  /* The result is never longer than the stripped text: đ/ð (2 bytes) become
   * d (1 byte) and separators only shrink. */
  char *r = malloc(n + 1);
  if (!r) {
    free(m);
    return err_nomem(err);
  }
  size_t o = 0, i = 0;
  int pending_space = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(m + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { /* cannot happen after utf8proc_map; be safe anyway */
      free(m);
      free(r);
      return err_set(err, ERR_INTERNAL, "lỗi nội bộ khi gấp văn bản");
    }
    i += (size_t)k;
    int sep = is_space(cp) || (punct_is_space && !is_alnum(cp));
    if (sep) {
      pending_space = o > 0;
      continue;
    }
    if (pending_space) {
      r[o++] = ' ';
      pending_space = 0;
    }
    if (cp == 0x0111 || cp == 0x00F0) /* đ, and ð which is typed for Đ */
      cp = 'd';
    o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)r + o);
  }
  r[o] = '\0';
  free(m);
  *out = r;
  return ERR_OK;
}

int text_fold(char **out, const char *s, struct err *err)
{
  return fold(out, s, 0, err);
}

int text_key(char **out, const char *s, struct err *err)
{
  return fold(out, s, 1, err);
}

/* ---- collation ------------------------------------------------------------
 *
 * The key has three levels separated by a zero weight:
 *   1. letters: one 3-byte weight per letter/digit; each run of other
 *      characters is one "separator" weight that sorts before every letter;
 *   2. tones: one byte per syllable (1 unmarked, 2 huyền, 3 hỏi, 4 ngã,
 *      5 sắc, 6 nặng), so placement of the mark in the syllable is irrelevant;
 *   3. case: one byte per letter (1 lower, 2 upper).
 * Letters of the Vietnamese alphabet (plus f j w z in their Latin places) get
 * weights in dictionary order; digits sort before letters; any other letter
 * after them by code point. */

enum { W_SEP = 1, W_DIGIT = 0x10, W_LETTER = 0x100, W_OTHER = 0x1000 };

/* Modifier marks that make a new letter: breve, circumflex, horn. */
enum { MOD_NONE = 0, MOD_BREVE = 1, MOD_CIRC = 2, MOD_HORN = 3 };

/* Place of each ASCII base letter in
 *   a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z
 * (0-based); the letters with modifiers and đ are handled in letter_index. */
static const signed char BASE_PLACE[26] = {0,  3,  4,  5,  7,  9,  10, 11, 12, 13, 14, 15, 16,
                                           17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32};

/* Place of lower-case base letter `c` carrying modifier `mod`, or -1 when it
 * is not a Latin letter. A modifier Vietnamese does not use is ignored. */
static int letter_index(utf8proc_int32_t c, int mod)
{
  if (c == 0x0111 || c == 0x00F0) /* đ (and ð, typed for it) */
    return 6;
  if (c < 'a' || c > 'z')
    return -1;
  if (mod == MOD_BREVE && c == 'a')
    return 1;
  if (mod == MOD_CIRC && c == 'a')
    return 2;
  if (mod == MOD_CIRC && c == 'e')
    return 8;
  if (mod == MOD_CIRC && c == 'o')
    return 19;
  if (mod == MOD_HORN && c == 'o')
    return 20;
  if (mod == MOD_HORN && c == 'u')
    return 27;
  return BASE_PLACE[c - 'a'];
}

static int tone_of(utf8proc_int32_t mark)
{
  switch (mark) {
  case 0x0300:
    return 2; /* huyền */
  case 0x0309:
    return 3; /* hỏi */
  case 0x0303:
    return 4; /* ngã */
  case 0x0301:
    return 5; /* sắc */
  case 0x0323:
    return 6; /* nặng */
  default:
    return 0;
  }
}

static int modifier_of(utf8proc_int32_t mark)
{
  switch (mark) {
  case 0x0306:
    return MOD_BREVE;
  case 0x0302:
    return MOD_CIRC;
  case 0x031B:
    return MOD_HORN;
  default:
    return MOD_NONE;
  }
}

static void put_weight(struct buf *b, uint32_t w)
{
  char x[3] = {(char)(w >> 16), (char)(w >> 8), (char)w};
  buf_add(b, x, 3);
}

int text_collate_key(unsigned char **out, size_t *out_len, const char *s, struct err *err)
{
  *out = NULL;
  *out_len = 0;
  int rc = check_input(s, err);
  if (rc)
    return rc;
  utf8proc_int32_t *cps = NULL;
  size_t len = strlen(s);
  /* NFD never has more code points than 4x the bytes for our scripts; ask
   * utf8proc for the exact size first. */
  utf8proc_ssize_t need = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                             NULL, 0, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
  if (need < 0)
    return err_set(err, ERR_INPUT, "không chuẩn hoá được văn bản: %s", utf8proc_errmsg(need));
  cps = malloc(sizeof *cps * ((size_t)need + 1));
  if (!cps)
    return err_nomem(err);
  need = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, need,
                            UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
  size_t n = (size_t)need;

  struct buf l1, l2, l3;
  buf_init(&l1, 0);
  buf_init(&l2, 0);
  buf_init(&l3, 0);
  int in_word = 0, word_tone = 1, last_sep = 1;
  for (size_t i = 0; i < n; i++) {
    utf8proc_int32_t c = cps[i];
    if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN) /* stray mark: tone or ignore */
    {
      int t = tone_of(c);
      if (t && in_word)
        word_tone = t;
      continue;
    }
    if (!is_alnum(c)) {
      if (in_word) {
        buf_addc(&l2, (char)word_tone);
        in_word = 0;
      }
      if (!last_sep && l1.len > 0) {
        put_weight(&l1, W_SEP);
        last_sep = 1;
      }
      continue;
    }
    if (!in_word) {
      in_word = 1;
      word_tone = 1;
    }
    last_sep = 0;
    utf8proc_int32_t lower = utf8proc_tolower(c);
    buf_addc(&l3, lower != c ? 2 : 1);
    /* look at the marks that follow: modifiers make another letter, a tone
     * mark belongs to the syllable */
    int mod = MOD_NONE;
    size_t j = i + 1;
    for (; j < n && utf8proc_category(cps[j]) == UTF8PROC_CATEGORY_MN; j++) {
      int m = modifier_of(cps[j]);
      int t = tone_of(cps[j]);
      if (m)
        mod = m;
      else if (t)
        word_tone = t;
    }
    i = j - 1;
    uint32_t w;
    int li = letter_index(lower, mod);
    if (li >= 0)
      w = W_LETTER + (uint32_t)li;
    else if (lower >= '0' && lower <= '9')
      w = W_DIGIT + (uint32_t)(lower - '0');
    else
      w = W_OTHER + (uint32_t)lower;
    put_weight(&l1, w);
  }
  if (in_word)
    buf_addc(&l2, (char)word_tone);
  free(cps);
  /* a trailing separator weight would make "abc " sort after "abc" at level 1 */
  if (last_sep && l1.len >= 3)
    l1.len -= 3;

  struct buf k;
  buf_init(&k, 0);
  buf_add(&k, l1.data ? l1.data : "", l1.len);
  buf_add(&k, "\0\0\0", 3);
  buf_add(&k, l2.data ? l2.data : "", l2.len);
  buf_add(&k, "\0", 1);
  buf_add(&k, l3.data ? l3.data : "", l3.len);
  int failed = buf_failed(&l1) || buf_failed(&l2) || buf_failed(&l3) || buf_failed(&k);
  buf_free(&l1);
  buf_free(&l2);
  buf_free(&l3);
  if (failed) {
    buf_free(&k);
    return err_nomem(err);
  }
  *out_len = k.len;
  *out = (unsigned char *)buf_detach(&k);
  return ERR_OK;
}

int text_collate_cmp(const char *a, const char *b)
{
  unsigned char *ka = NULL, *kb = NULL;
  size_t na = 0, nb = 0;
  struct err e;
  int ra = text_collate_key(&ka, &na, a, &e);
  int rb = text_collate_key(&kb, &nb, b, &e);
  int r;
  if (ra || rb) {
    r = (ra != 0) - (rb != 0);
    if (r == 0 && a && b)
      r = strcmp(a, b);
  } else {
    size_t m = na < nb ? na : nb;
    r = memcmp(ka, kb, m);
    if (r == 0)
      r = (na > nb) - (na < nb);
  }
  free(ka);
  free(kb);
  return r < 0 ? -1 : r > 0;
}
