/* cell_check.c: the characters of a table cell: kept, removed or refused (see cell_check.h). */
#include "base/err.h"
#include "ingest/cell_check.h"

#include <stdint.h>
#include <stdio.h>
#include <utf8proc.h>

enum ch_action { CH_KEEP, CH_REMOVE, CH_REFUSE };

/* Why a character is refused. */
enum ch_why { WHY_UTF8, WHY_NUL, WHY_CONTROL, WHY_REPLACEMENT, WHY_BIDI, WHY_FORMAT };

/* The character at s[i] (n bytes in s): its code point and length (an
 * invalid byte: 1, code point = the byte) and what the reader does with it. */
static enum ch_action ch_classify(const char *s, size_t n, size_t i, int32_t *cp, size_t *cl,
                                  enum ch_why *why)
{
  unsigned char c = (unsigned char)s[i];
  *cp = c;
  *cl = 1;
  if (c < 0x80) { /* ASCII: only the controls need a look */
    if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r')
      return CH_KEEP;
    *why = c == 0 ? WHY_NUL : WHY_CONTROL;
    return CH_REFUSE;
  }
  utf8proc_int32_t u;
  utf8proc_ssize_t k =
      utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &u);
  if (k <= 0 || u < 0) {
    *why = WHY_UTF8;
    return CH_REFUSE;
  }
  *cp = u;
  *cl = (size_t)k;
  /* the Latin letters of Vietnamese (U+00C0-U+024F, U+1E00-U+1EFF) hold
   * no control or format character: no table look-up for most of a name */
  if ((u >= 0xC0 && u <= 0x24F) || (u >= 0x1E00 && u <= 0x1EFF))
    return CH_KEEP;
  if (u == 0xFFFD) {
    *why = WHY_REPLACEMENT;
    return CH_REFUSE;
  }
  utf8proc_category_t cat = utf8proc_category(u);
  if (cat == UTF8PROC_CATEGORY_CC) {
    *why = WHY_CONTROL;
    return CH_REFUSE;
  }
  if (cat != UTF8PROC_CATEGORY_CF)
    return CH_KEEP;
  /* Format characters the bidirectional algorithm ignores (class BN) are
   * invisible and change nothing of how the text reads: removing them leaves
   * what was seen. The others steer the layout (or show a sign), so the text
   * without them is not what a person saw: the row is refused. */
  int bidi = utf8proc_get_property(u)->bidi_class;
  if (bidi == UTF8PROC_BIDI_CLASS_BN)
    return CH_REMOVE;
  int steers = bidi == UTF8PROC_BIDI_CLASS_LRE || bidi == UTF8PROC_BIDI_CLASS_LRO ||
               bidi == UTF8PROC_BIDI_CLASS_RLE || bidi == UTF8PROC_BIDI_CLASS_RLO ||
               bidi == UTF8PROC_BIDI_CLASS_PDF || bidi == UTF8PROC_BIDI_CLASS_LRI ||
               bidi == UTF8PROC_BIDI_CLASS_RLI || bidi == UTF8PROC_BIDI_CLASS_FSI ||
               bidi == UTF8PROC_BIDI_CLASS_PDI || u == 0x200E || u == 0x200F || u == 0x061C;
  *why = steers ? WHY_BIDI : WHY_FORMAT;
  return CH_REFUSE;
}

static struct cell_issue *issue_add(struct cell_issues *is, size_t col, int refused)
{
  if (!is || is->n == CELL_MAX_ISSUES)
    return NULL;
  struct cell_issue *i = &is->items[is->n++];
  i->col = col;
  i->refused = refused;
  i->what[0] = '\0';
  return i;
}

/* Describe the first refused character of a field: its code point and its
 * place (1-based, in characters), so that an invisible one can be found. */
static void describe_refused(struct cell_issue *is, enum ch_why why, int32_t cp, size_t nth)
{
  size_t n = sizeof is->what;
  switch (why) {
  case WHY_UTF8:
    snprintf(is->what, n, "văn bản không phải UTF-8 hợp lệ (byte 0x%02X ở ký tự thứ %zu)",
             (unsigned)cp, nth);
    break;
  case WHY_NUL:
    snprintf(is->what, n, "chứa byte NUL ở ký tự thứ %zu (tệp hỏng hoặc không phải văn bản)", nth);
    break;
  case WHY_CONTROL:
    snprintf(is->what, n, "chứa ký tự điều khiển U+%04X ở ký tự thứ %zu", (unsigned)cp, nth);
    break;
  case WHY_REPLACEMENT:
    snprintf(is->what, n,
             "chứa ký tự thay thế U+FFFD ở ký tự thứ %zu (chữ đã hỏng khi chuyển mã; hãy lấy "
             "lại từ tệp gốc)",
             nth);
    break;
  case WHY_BIDI:
    snprintf(is->what, n,
             "chứa ký tự ẩn U+%04X ở ký tự thứ %zu (điều khiển hướng chữ: ô hiển thị khác với "
             "nội dung)",
             (unsigned)cp, nth);
    break;
  case WHY_FORMAT:
    snprintf(is->what, n, "chứa ký tự ẩn U+%04X ở ký tự thứ %zu", (unsigned)cp, nth);
    break;
  }
}

int cell_check(struct cell_issues *is, size_t col, const char *s, size_t n, struct buf *out)
{
  int found = 0;
  size_t nth = 0;     /* characters so far */
  size_t removed = 0; /* characters removed */
  int32_t shown[4];   /* distinct code points removed, for the note */
  size_t nshown = 0;
  size_t i = 0;
  while (i < n) {
    /* a run of plain ASCII needs no look at each character */
    size_t j = i;
    while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
      j++;
    if (j > i) {
      if (out)
        buf_add(out, s + i, j - i);
      nth += j - i;
      i = j;
      continue;
    }
    int32_t cp;
    size_t cl;
    enum ch_why why = WHY_FORMAT;
    enum ch_action a = ch_classify(s, n, i, &cp, &cl, &why);
    nth++;
    if (a == CH_KEEP) {
      if (out)
        buf_add(out, s + i, cl);
    } else if (a == CH_REFUSE) {
      if (out)
        buf_adds(out, "\xEF\xBF\xBD");
      else if (!(found & CELL_REFUSED)) {
        struct cell_issue *first = issue_add(is, col, 1);
        if (first)
          describe_refused(first, why, cp, nth);
      }
      found |= CELL_REFUSED;
    } else {
      found |= CELL_REMOVED;
      removed++;
      size_t k = 0;
      while (k < nshown && shown[k] != cp)
        k++;
      if (k == nshown && nshown < 4)
        shown[nshown++] = cp;
    }
    i += cl;
  }
  struct cell_issue *note = !out && (found & CELL_REMOVED) ? issue_add(is, col, 0) : NULL;
  if (note) {
    size_t w = (size_t)snprintf(note->what, sizeof note->what, "đã bỏ %zu ký tự ẩn (", removed);
    for (size_t k = 0; k < nshown && w < sizeof note->what; k++)
      w += (size_t)snprintf(note->what + w, sizeof note->what - w, "%sU+%04X", k ? ", " : "",
                            (unsigned)shown[k]);
    if (w < sizeof note->what)
      snprintf(note->what + w, sizeof note->what - w, ")");
  }
  return found;
}

const struct cell_issue *cell_issues_refused(const struct cell_issues *is)
{
  for (size_t k = 0; k < is->n; k++)
    if (is->items[k].refused)
      return &is->items[k];
  return NULL;
}

int cell_issues_refuse(const struct cell_issues *is, long line, struct err *err)
{
  const struct cell_issue *first = cell_issues_refused(is);
  if (first)
    return err_set(err, ERR_INPUT, "dòng %ld, cột %zu: %s", line, first->col + 1, first->what);
  /* more problems than CELL_MAX_ISSUES, the refused ones past it */
  return err_set(err, ERR_INPUT, "dòng %ld: có ký tự không được nhận", line);
}
