/* csv.c: the CSV reader. One pass over the bytes, no backtracking; fields
 * are copied into one growable buffer per row so that rows can be handed out
 * without an allocation per field. Each row's characters are then checked
 * once (see csv.h for what is refused and what removed); only a row with a
 * problem is copied again. */
#include "ingest/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/text.h"

#define CSV_FILE_MAX ((size_t)2 * 1024 * 1024 * 1024)

int csv_open_mem(struct csv_reader *r, char *data, size_t len, struct err *err)
{
  memset(r, 0, sizeof *r);
  r->data = data;
  r->len = len;
  r->line = 1;
  buf_init(&r->store, 0);
  buf_init(&r->clean, 0);
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    r->pos = 3;
  /* The separator is the one of ',' and ';' that the header line uses more. */
  size_t commas = 0, semis = 0;
  int quoted = 0;
  for (size_t i = r->pos; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++) {
    if (data[i] == '"')
      quoted = !quoted;
    else if (!quoted && data[i] == ',')
      commas++;
    else if (!quoted && data[i] == ';')
      semis++;
  }
  r->sep = semis > commas ? ';' : ',';
  (void)err;
  return ERR_OK;
}

int csv_open_file(struct csv_reader *r, const char *path, struct err *err)
{
  memset(r, 0, sizeof *r);
  FILE *f = fopen(path, "rb");
  if (!f)
    return err_set(err, ERR_IO, "không mở được tệp \"%s\"", path);
  struct buf b;
  buf_init(&b, CSV_FILE_MAX);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (buf_add(&b, chunk, n))
      break;
  int bad = ferror(f);
  fclose(f);
  if (bad || buf_failed(&b)) {
    buf_free(&b);
    return err_set(err, bad ? ERR_IO : ERR_NOMEM, "không đọc được tệp \"%s\"", path);
  }
  size_t len = b.len;
  char *data = buf_detach(&b);
  if (!data)
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi đọc \"%s\"", path);
  return csv_open_mem(r, data, len, err);
}

void csv_close(struct csv_reader *r)
{
  if (!r)
    return;
  free(r->data);
  free(r->fields);
  free(r->offs);
  buf_free(&r->store);
  buf_free(&r->clean);
  memset(r, 0, sizeof *r);
}

/* Close the field that began at byte `start` of the row buffer. */
static int end_field(struct csv_reader *r, size_t start)
{
  if (r->nfields == r->capfields) {
    size_t cap = r->capfields ? r->capfields * 2 : 16;
    size_t *offs = realloc(r->offs, cap * sizeof *offs);
    if (!offs)
      return ERR_NOMEM;
    r->offs = offs;
    char **f = realloc(r->fields, cap * sizeof *f);
    if (!f)
      return ERR_NOMEM;
    r->fields = f;
    r->capfields = cap;
  }
  if (buf_addc(&r->store, '\0'))
    return ERR_NOMEM;
  r->offs[r->nfields++] = start;
  return ERR_OK;
}

/* ==== the characters of a row ============================================ */

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

static struct csv_issue *issue_add(struct csv_reader *r, size_t col, int refused)
{
  if (r->n_issues == CSV_MAX_ISSUES)
    return NULL;
  struct csv_issue *is = &r->issues[r->n_issues++];
  is->col = col;
  is->refused = refused;
  is->what[0] = '\0';
  return is;
}

/* Describe the first refused character of a field: its code point and its
 * place (1-based, in characters), so that an invisible one can be found. */
static void describe_refused(struct csv_issue *is, enum ch_why why, int32_t cp, size_t nth)
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

/* Check field f (bytes [s, s+n)); record its problems. With `out`, also
 * write the field as handed out: removed characters dropped, refused ones
 * as U+FFFD. Returns a bit set: 1 something refused, 2 something removed. */
static int check_field(struct csv_reader *r, size_t f, const char *s, size_t n, struct buf *out)
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
      else if (!(found & 1)) {
        struct csv_issue *is = issue_add(r, f, 1);
        if (is)
          describe_refused(is, why, cp, nth);
      }
      found |= 1;
    } else {
      found |= 2;
      removed++;
      size_t k = 0;
      while (k < nshown && shown[k] != cp)
        k++;
      if (k == nshown && nshown < 4)
        shown[nshown++] = cp;
    }
    i += cl;
  }
  if (!out && (found & 2)) {
    struct csv_issue *is = issue_add(r, f, 0);
    if (is) {
      size_t w = (size_t)snprintf(is->what, sizeof is->what, "đã bỏ %zu ký tự ẩn (", removed);
      for (size_t k = 0; k < nshown && w < sizeof is->what; k++)
        w += (size_t)snprintf(is->what + w, sizeof is->what - w, "%sU+%04X", k ? ", " : "",
                              (unsigned)shown[k]);
      if (w < sizeof is->what)
        snprintf(is->what + w, sizeof is->what - w, ")");
    }
  }
  return found;
}

/* Check every field of the row just read (r->store, r->offs) and point
 * r->fields at the text handed out. Returns 1 when a character is refused,
 * 0 otherwise, -1 out of memory. */
static int check_row(struct csv_reader *r)
{
  int found = 0;
  for (size_t i = 0; i < r->nfields; i++) {
    /* fields end at the next one's start (NULs inside are data) */
    size_t end = i + 1 < r->nfields ? r->offs[i + 1] : r->store.len;
    found |= check_field(r, i, r->store.data + r->offs[i], end - r->offs[i] - 1, NULL);
  }
  if (!found) {
    for (size_t i = 0; i < r->nfields; i++)
      r->fields[i] = r->store.data + r->offs[i];
    return 0;
  }
  /* Something to remove or replace: write the row again. The offsets are
   * kept first, the pointers set once the buffer no longer moves. */
  buf_reset(&r->clean);
  for (size_t i = 0; i < r->nfields; i++) {
    size_t end = i + 1 < r->nfields ? r->offs[i + 1] : r->store.len;
    size_t at = r->clean.len;
    check_field(r, i, r->store.data + r->offs[i], end - r->offs[i] - 1, &r->clean);
    buf_addc(&r->clean, '\0');
    r->offs[i] = at;
  }
  if (buf_failed(&r->clean))
    return -1;
  for (size_t i = 0; i < r->nfields; i++)
    r->fields[i] = r->clean.data + r->offs[i];
  return (found & 1) != 0;
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct err *err)
{
  row->fields = NULL;
  row->n = 0;
  row->issues = NULL;
  row->n_issues = 0;
  r->n_issues = 0;
  /* Skip blank lines. */
  while (r->pos < r->len && (r->data[r->pos] == '\n' || r->data[r->pos] == '\r')) {
    if (r->data[r->pos] == '\n' ||
        (r->data[r->pos] == '\r' && (r->pos + 1 >= r->len || r->data[r->pos + 1] != '\n')))
      r->line++;
    r->pos++;
  }
  if (r->pos >= r->len)
    return 0;

  buf_reset(&r->store);
  r->nfields = 0;
  row->line = r->line;
  size_t start = 0; /* where the current field begins in r->store */

  int quoted = 0, was_quoted = 0;
  const char *d = r->data;
  for (;;) {
    if (r->pos >= r->len) {
      if (quoted)
        return err_set(err, ERR_INPUT, "dòng %ld: dấu ngoặc kép mở nhưng không đóng", row->line),
               -1;
      break;
    }
    char c = d[r->pos];
    if (quoted) {
      if (c == '"') {
        if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
          if (buf_addc(&r->store, '"'))
            goto nomem;
          r->pos += 2;
        } else {
          quoted = 0;
          r->pos++;
        }
        continue;
      }
      if (c == '\n')
        r->line++;
      if (buf_addc(&r->store, c))
        goto nomem;
      r->pos++;
      continue;
    }
    if (c == '"' && !was_quoted && r->store.len == start) {
      quoted = was_quoted = 1;
      r->pos++;
      continue;
    }
    if (c == r->sep) {
      if (end_field(r, start))
        goto nomem;
      start = r->store.len;
      was_quoted = 0;
      r->pos++;
      continue;
    }
    if (c == '\r' || c == '\n') {
      r->pos++;
      if (c == '\r' && r->pos < r->len && d[r->pos] == '\n')
        r->pos++;
      r->line++;
      break;
    }
    if (buf_addc(&r->store, c))
      goto nomem;
    r->pos++;
  }
  if (end_field(r, start))
    goto nomem;
  int bad = check_row(r);
  if (bad < 0)
    goto nomem;
  row->fields = r->fields;
  row->n = r->nfields;
  row->issues = r->issues;
  row->n_issues = r->n_issues;
  if (bad) {
    size_t k = 0;
    while (k < r->n_issues && !r->issues[k].refused)
      k++;
    if (k < r->n_issues)
      err_set(err, ERR_INPUT, "dòng %ld, cột %zu: %s", row->line, r->issues[k].col + 1,
              r->issues[k].what);
    else /* more problems than CSV_MAX_ISSUES, the refused ones past it */
      err_set(err, ERR_INPUT, "dòng %ld: có ký tự không được nhận", row->line);
    return CSV_BAD_ROW;
  }
  return 1;
nomem:
  err_set(err, ERR_NOMEM, "dòng %ld: hết bộ nhớ", row->line);
  return -1;
}

int csv_column(const struct csv_row *header, const char *name)
{
  char *want = NULL;
  if (text_key(&want, name, NULL))
    return -1;
  int found = -1;
  for (size_t i = 0; i < header->n && found < 0; i++) {
    char *k = NULL;
    if (text_key(&k, header->fields[i], NULL) == ERR_OK && strcmp(k, want) == 0)
      found = (int)i;
    free(k);
  }
  free(want);
  return found;
}
