/* text.h: Vietnamese text: UTF-8 validation, NFC, search keys, collation keys.
 *
 * Every function that takes text validates it as UTF-8 first: invalid input
 * is an ERR_INPUT with a message, never a crash. Outputs come through `out`,
 * are malloc'd and belong to the caller (free()). */
#ifndef PCMT_BASE_TEXT_H
#define PCMT_BASE_TEXT_H

#include <stddef.h>

#include "base/err.h"

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF,
 * no NUL byte), else 0. */
int text_utf8_valid(const char *s, size_t n);

/* The length of s cut to at most max bytes without splitting a UTF-8
 * character: for "%.*s" when a message quotes a name of any length. */
size_t text_utf8_prefix(const char *s, size_t max);

/* NFC-normalised copy of the NUL-terminated string s. */
int text_nfc(char **out, const char *s, struct err *err);

/* Search key: NFC, case folded, every diacritic removed, đ/Đ -> d, runs of
 * white space collapsed to one space, leading/trailing space trimmed.
 * "  Nguyễn  Văn ĐỨC " -> "nguyen van duc". Composed and decomposed input,
 * and either tone-mark placement ("Hòa"/"Hoà"), give the same key. */
int text_fold(char **out, const char *s, struct err *err);

/* NFC, case folded, marks kept, runs of white space collapsed to one space
 * and trimmed: "  NGUYỄN  Văn Dũng " -> "nguyễn văn dũng". Two spellings
 * with the same result differ only by case and spacing. */
int text_casefold(char **out, const char *s, struct err *err);

/* s in capitals, NFC ("Ủy ban nhân dân tỉnh Lào Cai" -> "ỦY BAN NHÂN DÂN TỈNH LÀO
 * CAI"): the issuing body's line of an administrative document. *out is
 * malloc'd. ERR_INPUT for invalid UTF-8. */
int text_upper(char **out, const char *s, struct err *err);

/* 1 when text_key would keep something of s (a letter or a digit once
 * folded), else 0 (a name made of punctuation; also invalid UTF-8 or out of
 * memory). Without a copy when s has an ASCII letter or digit. */
int text_has_alnum(const char *s);

/* The length in bytes of the space character s starts with: a space of any
 * kind (Unicode Zs: ' ', the no-break space U+00A0 and the narrow one U+202F
 * that spreadsheets write between thousands, thin spaces ...), else 0. */
size_t text_space_len(const char *s);

/* The number of terminal columns s takes: each code point's width by
 * utf8proc_charwidth (0 for a combining mark, so decomposed "Việt" is 4 like
 * composed, 2 for a wide East Asian character). Bytes that are not valid
 * UTF-8 count one column each. For aligning tables by what a person sees,
 * not by bytes ("Nguyễn" is 6 columns, 9 bytes). */
size_t text_width(const char *s);

/* Like text_fold, and every run of characters that are neither letters nor
 * digits becomes one space: "Sở LĐ-TB&XH" -> "so ld tb xh". For matching
 * names whatever their punctuation. */
int text_key(char **out, const char *s, struct err *err);

/* Collation key for Vietnamese order: compare two keys with memcmp (or as
 * SQL BLOB/bytea) to sort the strings in Vietnamese dictionary order:
 *   a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 * compared on letters first across the whole string; for the same letters,
 * by tone syllable by syllable in the order unmarked, huyền, hỏi, ngã, sắc,
 * nặng; then lower case before upper case. Tone-mark placement within a
 * syllable does not matter. The key is binary (may contain 0 bytes): its
 * length is written to *out_len. */
int text_collate_key(unsigned char **out, size_t *out_len, const char *s, struct err *err);

/* Compare two strings in Vietnamese order (via their keys); invalid UTF-8
 * sorts after valid text. For qsort-style use. */
int text_collate_cmp(const char *a, const char *b);

#endif
