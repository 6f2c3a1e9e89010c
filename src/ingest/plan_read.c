/* plan_read.c: the plan reader: document structure and segmentation.
 *
 * A plan document in the Vietnamese administrative style is a tree written
 * as a flat run of paragraphs: Roman-numeral parts ("II. NHIỆM VỤ ..."),
 * numbered sections ("1.", "2.1."), lettered items ("a)"), bullets ("-",
 * "+", "•") and plain paragraphs. What a paragraph means depends on where it
 * stands: a "Căn cứ" line before the first part is a legal basis, a bullet in
 * the tasks part is a task, a dated line in the closing part is a report.
 *
 * This file builds that tree from the text in one linear pass:
 *
 *   1. lines are cleaned of conversion noise: markdown bold marks (their span
 *      is kept, a bold agency name opens many bullets), '#' headings, italic
 *      stars, escapes, <sup> footnote marks, <sub>, page numbers;
 *   2. lines are joined into paragraphs: a line that starts in lower case, or
 *      that follows a line cut after a function word ("của", "và"), continues
 *      the paragraph before it (page breaks, stray blank lines); footnote
 *      lines ("<sup>1</sup> Gồm ...") and their continuation after a page
 *      break are dropped;
 *   3. each paragraph gets its list marker, its numbering path ("IV.3.1"),
 *      its part and the part's kind (targets, tasks, organisation ...), and is
 *      cut into tokens whose folded form (text_fold) the rules compare.
 *
 * The passes in plan_read_meta.c, _phases.c, _targets.c, _tasks.c and
 * _reports.c then read the plan off this model (see plan_read_int.h and
 * docs/plan-reader.md). Nothing here backtracks: each rule looks at a bounded
 * window of tokens, so reading is linear in the text. */
#include "ingest/plan_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/number.h"
#include "base/text.h"
#include "domain/plan_check.h"
#include "ingest/plan_read_int.h"

/* ==== arena ============================================================== */

/* The document's memory (base/arena.h): a failure marks the reading failed. */
void *pr_alloc(struct pr_doc *d, size_t n)
{
  void *p = arena_zalloc(&d->arena, n);
  if (!p) {
    d->failed = 1;
    err_nomem(d->err);
  }
  return p;
}

char *pr_strndup(struct pr_doc *d, const char *s, size_t n)
{
  char *p = arena_strndup(&d->arena, s, n);
  if (!p) {
    d->failed = 1;
    err_nomem(d->err);
  }
  return p;
}

char *pr_own(struct pr_doc *d, const char *s)
{
  if (!s)
    return NULL;
  char *c = strdup(s);
  if (!c) {
    d->failed = 1;
    err_nomem(d->err);
  }
  return c;
}

/* ==== fold cache ============================================================ */

/* Every distinct word is folded once (text_fold) and once lower-cased;
 * a plan has a few thousand distinct words, so this keeps the cost of
 * folding tens of thousands of tokens small. */
struct pr_fold_entry {
  uint32_t hash;
  uint32_t klen;
  const char *key;
  const char *fold;
  const char *lower;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

static int cache_grow(struct pr_doc *d)
{
  size_t cap = d->cache_cap ? d->cache_cap * 2 : 4096;
  struct pr_fold_entry *n = calloc(cap, sizeof *n);
  if (!n) {
    d->failed = 1;
    return err_nomem(d->err);
  }
  for (size_t i = 0; i < d->cache_cap; i++) {
    struct pr_fold_entry *e = &d->cache[i];
    if (!e->key)
      continue;
    size_t j = e->hash & (cap - 1);
    while (n[j].key)
      j = (j + 1) & (cap - 1);
    n[j] = *e;
  }
  free(d->cache);
  d->cache = n;
  d->cache_cap = cap;
  return ERR_OK;
}

/* Lower-case NFC of a word (utf8proc case folding, diacritics kept); `key`
 * itself (the word's arena copy, n bytes) when that is what it already is,
 * as most words of a plan are. NULL when out of memory. */
static const char *lower_word(struct pr_doc *d, const char *key, size_t n)
{
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)key, (utf8proc_ssize_t)n, &dst,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  if (r < 0 || ((size_t)r == n && memcmp(dst, key, n) == 0)) {
    free(dst);
    return key;
  }
  char *s = pr_strndup(d, (const char *)dst, (size_t)r);
  free(dst);
  return s;
}

/* The cache entry of word w[0..n) (folded and lower forms), or NULL. */
static const struct pr_fold_entry *fold_word(struct pr_doc *d, const char *w, size_t n, int punct)
{
  if (d->cache_n * 2 >= d->cache_cap && cache_grow(d))
    return NULL;
  uint32_t h = hash_bytes(w, n);
  size_t j = h & (d->cache_cap - 1);
  while (d->cache[j].key) {
    struct pr_fold_entry *e = &d->cache[j];
    if (e->hash == h && e->klen == n && memcmp(e->key, w, n) == 0)
      return e;
    j = (j + 1) & (d->cache_cap - 1);
  }
  struct pr_fold_entry *e = &d->cache[j];
  char *key = pr_strndup(d, w, n);
  if (!key)
    return NULL;
  const char *fold = key, *lower = key;
  if (!punct) {
    char *f = NULL;
    int frc = text_fold(&f, key, NULL);
    if (frc == ERR_NOMEM) {
      d->failed = 1;
      err_nomem(d->err);
      return NULL;
    }
    if (frc != ERR_OK || !f) {
      free(f);
      /* text_fold refuses only invalid text, which was checked: keep the word */
      fold = key;
    } else {
      /* most words fold to themselves or are already lower case: share the
       * key rather than keep the same bytes twice */
      fold = strcmp(f, key) == 0 ? key : pr_strndup(d, f, strlen(f));
      free(f);
    }
    lower = lower_word(d, key, n);
    if (!fold || !lower)
      return NULL;
  }
  e->hash = h;
  e->klen = (uint32_t)n;
  e->key = key;
  e->fold = fold;
  e->lower = lower;
  d->cache_n++;
  return e;
}

/* ==== characters ================================================================= */

static int32_t decode(const char *s, size_t n, size_t i, size_t *clen)
{
  if (i < n && (unsigned char)s[i] < 0x80) { /* most of a plan's bytes */
    *clen = 1;
    return (unsigned char)s[i];
  }
  utf8proc_int32_t cp;
  utf8proc_ssize_t r =
      utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
  if (r <= 0) {
    *clen = 1;
    return -1;
  }
  *clen = (size_t)r;
  return cp;
}

static int is_word_cp(int32_t cp)
{
  if (cp < 0)
    return 0;
  if (cp < 128)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND);
}

static int is_space_cp(int32_t cp)
{
  if (cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f')
    return 1;
  if (cp < 128)
    return 0;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x200B || cp == 0xFEFF;
}

static int is_upper_cp(int32_t cp)
{
  if (cp < 0)
    return 0;
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t cp)
{
  if (cp < 0)
    return 0;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* ==== token helpers ================================================================ */

size_t pr_tok_start(const struct pr_para *p, size_t i)
{
  return i < p->ntok ? p->tok[i].off : p->len;
}

size_t pr_tok_end(const struct pr_para *p, size_t j)
{
  if (j == 0)
    return 0;
  if (j > p->ntok)
    j = p->ntok;
  return p->tok[j - 1].off + p->tok[j - 1].len;
}

size_t pr_match(const struct pr_para *p, size_t i, size_t end, const char *phrase)
{
  if (end > p->ntok)
    end = p->ntok;
  size_t k = i;
  const char *w = phrase;
  while (*w) {
    const char *sp = strchr(w, ' ');
    size_t wl = sp ? (size_t)(sp - w) : strlen(w);
    if (k >= end)
      return 0;
    const char *f = p->tok[k].fold;
    if (strlen(f) != wl || memcmp(f, w, wl) != 0)
      return 0;
    k++;
    w += wl;
    if (*w == ' ')
      w++;
  }
  return k - i;
}

size_t pr_find(const struct pr_para *p, size_t from, size_t to, const char *phrase)
{
  if (to > p->ntok)
    to = p->ntok;
  for (size_t i = from; i < to; i++)
    if (pr_match(p, i, to, phrase))
      return i;
  return (size_t)-1;
}

int pr_tok_in(const struct pr_para *p, size_t i, const char *const *words)
{
  if (i >= p->ntok)
    return 0;
  for (; *words; words++)
    if (strcmp(p->tok[i].fold, *words) == 0)
      return 1;
  return 0;
}

int pr_tok_is(const struct pr_para *p, size_t i, const char *c)
{
  return i < p->ntok && p->tok[i].kind == TK_PUNCT && strcmp(p->tok[i].fold, c) == 0;
}

size_t pr_tok_at(const struct pr_para *p, size_t off)
{
  size_t lo = 0, hi = p->ntok;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (p->tok[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static int in_set(const char *s, size_t n, const char *set)
{
  /* set holds single- or multi-byte characters; match any one at s */
  const char *c = set;
  while (*c) {
    size_t cl = 1;
    unsigned char b = (unsigned char)*c;
    if (b >= 0xF0)
      cl = 4;
    else if (b >= 0xE0)
      cl = 3;
    else if (b >= 0xC0)
      cl = 2;
    if (cl <= n && memcmp(s, c, cl) == 0)
      return (int)cl;
    c += cl;
  }
  return 0;
}

/* Trim spaces and characters of `trim` from both ends of s[*a..*b). */
static void trim_span(const char *s, size_t *a, size_t *b, const char *trim)
{
  for (;;) {
    size_t before = *a;
    while (*a < *b && (s[*a] == ' '))
      (*a)++;
    int k = *a < *b ? in_set(s + *a, *b - *a, trim) : 0;
    if (k)
      *a += (size_t)k;
    if (*a == before)
      break;
  }
  for (;;) {
    size_t before = *b;
    while (*b > *a && s[*b - 1] == ' ')
      (*b)--;
    /* a trailing multi-byte character: find its start */
    if (*b > *a) {
      size_t st = *b - 1;
      while (st > *a && ((unsigned char)s[st] & 0xC0) == 0x80)
        st--;
      if (in_set(s + st, *b - st, trim) == (int)(*b - st))
        *b = st;
    }
    if (*b == before)
      break;
  }
}

char *pr_span(struct pr_doc *d, const struct pr_para *p, size_t i, size_t j, const char *trim)
{
  if (i >= j || i >= p->ntok)
    return NULL;
  size_t a = pr_tok_start(p, i), b = pr_tok_end(p, j);
  trim_span(p->text, &a, &b, trim ? trim : ",;:.-–…");
  if (a >= b)
    return NULL;
  return pr_strndup(d, p->text + a, b - a);
}

int pr_ends_terminal(const struct pr_para *p)
{
  size_t n = p->len;
  while (n > 0 && p->text[n - 1] == ' ')
    n--;
  if (n == 0)
    return 1;
  size_t st = n - 1;
  while (st > 0 && ((unsigned char)p->text[st] & 0xC0) == 0x80)
    st--;
  return in_set(p->text + st, n - st, ".;:!?…)”\"»") != 0;
}

/* ==== cleaning lines ============================================================== */

struct line {
  char *s;             /* cleaned text */
  unsigned char *bold; /* per byte: inside **...** */
  size_t n;
  int heading;  /* began with '#' */
  int hr;       /* a rule: "---" */
  int footnote; /* "<sup>1</sup> text": a footnote */
  int has_sup;  /* had a <sup> anywhere */
  int lineno;
};

static int starts_with(const char *s, size_t n, const char *pre)
{
  size_t k = strlen(pre);
  return n >= k && memcmp(s, pre, k) == 0;
}

static int ci_starts_with(const char *s, size_t n, const char *pre)
{
  size_t k = strlen(pre);
  if (n < k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    char a = s[i], b = pre[i];
    if (a >= 'A' && a <= 'Z')
      a = (char)(a - 'A' + 'a');
    if (a != b)
      return 0;
  }
  return 1;
}

/* Clean raw[0..n) into ln (arena). */
static int clean_line(struct pr_doc *d, const char *raw, size_t n, struct line *ln)
{
  memset(ln, 0, sizeof *ln);
  char *out = pr_alloc(d, n + 2);
  unsigned char *bold = pr_alloc(d, n + 2);
  if (!out || !bold)
    return ERR_NOMEM;
  size_t i = 0;
  while (i < n && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '>'))
    i++;
  if (starts_with(raw + i, n - i, "\xC2\xA0"))
    i += 2;
  if (i < n && raw[i] == '#') {
    while (i < n && raw[i] == '#')
      i++;
    ln->heading = 1;
  }
  while (i < n && (raw[i] == ' ' || raw[i] == '\t'))
    i++;
  /* a rule */
  {
    size_t k = i, marks = 0;
    while (k < n && (raw[k] == '-' || raw[k] == '*' || raw[k] == '_' || raw[k] == ' ')) {
      if (raw[k] != ' ')
        marks++;
      k++;
    }
    if (k == n && marks >= 3) {
      ln->hr = 1;
      ln->s = out;
      return ERR_OK;
    }
  }
  if (ci_starts_with(raw + i, n - i, "<sup>") || starts_with(raw + i, n - i, "[^"))
    ln->footnote = 1;
  /* "* item" is a bullet, not italics */
  size_t o = 0;
  if (i + 1 < n && raw[i] == '*' && raw[i + 1] == ' ') {
    out[o++] = '-';
    i++;
  }
  int in_bold = 0, last_space = 1;
  while (i < n) {
    unsigned char c = (unsigned char)raw[i];
    if (c == '*') {
      size_t k = i;
      while (k < n && raw[k] == '*')
        k++;
      if (k - i >= 2)
        in_bold = !in_bold;
      i = k;
      continue;
    }
    if (c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|<>~", raw[i + 1])) {
      i++;
      c = (unsigned char)raw[i];
    } else if (c == '<') {
      if (ci_starts_with(raw + i, n - i, "<sup>")) {
        ln->has_sup = 1;
        /* drop the mark and its content */
        size_t k = i + 5;
        while (k < n && !ci_starts_with(raw + k, n - k, "</sup>") && k - i < 64)
          k++;
        if (k < n && ci_starts_with(raw + k, n - k, "</sup>")) {
          i = k + 6;
          continue;
        }
      }
      /* a short tag: <sub>, </sub>, <br>, <u> ... dropped (content kept) */
      size_t k = i + 1;
      if (k < n &&
          (raw[k] == '/' || (raw[k] >= 'a' && raw[k] <= 'z') || (raw[k] >= 'A' && raw[k] <= 'Z'))) {
        while (k < n && k - i < 24 && raw[k] != '>' && raw[k] != '<' && raw[k] != ' ')
          k++;
        if (k < n && raw[k] == '>') {
          int br = ci_starts_with(raw + i, n - i, "<br");
          i = k + 1;
          if (br && !last_space) {
            out[o] = ' ';
            bold[o++] = (unsigned char)in_bold;
            last_space = 1;
          }
          continue;
        }
      }
    }
    size_t cl;
    int32_t cp = decode(raw, n, i, &cl);
    if (is_space_cp(cp) || c == '\t') {
      if (!last_space) {
        out[o] = ' ';
        bold[o++] = (unsigned char)in_bold;
        last_space = 1;
      }
      i += cl;
      continue;
    }
    for (size_t k = 0; k < cl; k++) {
      out[o] = raw[i + k];
      bold[o++] = (unsigned char)in_bold;
    }
    last_space = 0;
    i += cl;
  }
  while (o > 0 && out[o - 1] == ' ')
    o--;
  out[o] = '\0';
  ln->s = out;
  ln->bold = bold;
  ln->n = o;
  /* a page number alone ("12", "- 12 -") is noise from PDF conversion */
  {
    size_t k = 0, digits = 0, other = 0;
    for (; k < o; k++) {
      if (out[k] >= '0' && out[k] <= '9')
        digits++;
      else if (out[k] != '-' && out[k] != ' ')
        other++;
    }
    if (digits > 0 && digits <= 3 && other == 0 && !ln->heading)
      ln->n = 0;
  }
  return ERR_OK;
}

/* ==== paragraphs ================================================================= */

static int first_cp_lower(const char *s, size_t n)
{
  size_t cl;
  int32_t cp = decode(s, n, 0, &cl);
  return is_lower_cp(cp);
}

/* The last word of s[0..n), folded, into w (at most wn-1 bytes). */
static void last_word(struct pr_doc *d, const char *s, size_t n, char *w, size_t wn)
{
  w[0] = '\0';
  size_t e = n;
  while (e > 0 && s[e - 1] == ' ')
    e--;
  size_t b = e;
  while (b > 0 && s[b - 1] != ' ')
    b--;
  if (e == b || e - b > 40)
    return;
  const struct pr_fold_entry *fe = fold_word(d, s + b, e - b, 0);
  if (!fe)
    return;
  snprintf(w, wn, "%s", fe->fold);
}

/* Words that cannot end a sentence: a paragraph ending with one was cut
 * (page break, stray blank line) and the next line continues it. */
static const char *const dangling_words[] = {
    "cua", "va",   "cac",   "ve",  "voi",  "cho",   "theo",  "trong", "tai",  "de",   "tu",   "den",
    "la",  "duoc", "nhung", "so",  "ngay", "hoac",  "tren",  "duoi",  "bang", "nham", "giua", "qua",
    "vao", "boi",  "mot",   "moi", "cung", "nhu",   "thuoc", "doi",   "hien", "thuc", "tot",  "dan",
    "co",  "phoi", "hop",   "chu", "tri",  "khong", "da",    "nhat",  NULL};

static int is_dangling(const char *w)
{
  for (const char *const *p = dangling_words; *p; p++)
    if (strcmp(w, *p) == 0)
      return 1;
  return 0;
}

struct para_builder {
  struct buf text;
  struct buf bold;
  int heading, all_bold_line, lineno, open;
  size_t ntok; /* tokens of the paragraphs flushed so far */
};

/* A line that opens a structural element (and so never continues the one before). */
static int line_is_structural(const struct line *ln);

static int tokenize(struct pr_doc *d, struct pr_para *p, const unsigned char *bold, size_t room);
static void parse_marker(struct pr_para *p);

static int flush_para(struct pr_doc *d, struct para_builder *pb, struct pr_para **paras, size_t *np,
                      size_t *cap)
{
  if (!pb->open)
    return ERR_OK;
  pb->open = 0;
  if (buf_failed(&pb->text) || buf_failed(&pb->bold)) {
    d->failed = 1;
    return err_nomem(d->err);
  }
  if (*np == PLAN_READ_MAX_PARAS) {
    char num[32];
    return err_set(d->err, ERR_INPUT, "văn bản có hơn %s đoạn: quá nhiều để là một kế hoạch",
                   number_format_vn(num, sizeof num, (double)PLAN_READ_MAX_PARAS, 0));
  }
  if (*np == *cap) {
    size_t nc = *cap ? *cap * 2 : 256;
    if (nc > PLAN_READ_MAX_PARAS)
      nc = PLAN_READ_MAX_PARAS;
    struct pr_para *na = realloc(*paras, nc * sizeof *na);
    if (!na) {
      d->failed = 1;
      return err_nomem(d->err);
    }
    *paras = na;
    *cap = nc;
  }
  struct pr_para *p = &(*paras)[(*np)++];
  memset(p, 0, sizeof *p);
  p->len = pb->text.len;
  p->text = pr_strndup(d, buf_str(&pb->text), p->len);
  if (!p->text)
    return ERR_NOMEM;
  p->heading = pb->heading;
  p->line = pb->lineno;
  p->part = -1;
  int rc =
      tokenize(d, p, (const unsigned char *)buf_str(&pb->bold), PLAN_READ_MAX_TOKENS - pb->ntok);
  if (rc)
    return rc;
  pb->ntok += p->ntok;
  parse_marker(p);
  buf_reset(&pb->text);
  buf_reset(&pb->bold);
  return ERR_OK;
}

static int para_add(struct para_builder *pb, const struct line *ln, int join)
{
  if (join && pb->text.len > 0) {
    buf_addc(&pb->text, ' ');
    buf_addc(&pb->bold, 0);
  }
  buf_add(&pb->text, ln->s, ln->n);
  /* bold as bytes '\0'/'\1' would stop at NUL in buf_str: store '0'/'1' */
  for (size_t i = 0; i < ln->n; i++)
    buf_addc(&pb->bold, ln->bold[i] ? '1' : '0');
  if (!join) {
    pb->heading = ln->heading;
    pb->lineno = ln->lineno;
  }
  pb->open = 1;
  return buf_failed(&pb->text) || buf_failed(&pb->bold) ? ERR_NOMEM : ERR_OK;
}

static int build_paragraphs(struct pr_doc *d, const char *text, size_t len)
{
  struct para_builder pb;
  memset(&pb, 0, sizeof pb);
  buf_init(&pb.text, PLAN_READ_MAX * 2);
  buf_init(&pb.bold, PLAN_READ_MAX * 2);
  size_t cap = 0;
  int rc = ERR_OK;
  int pending_note = 0; /* a footnote cut before its end */
  int after_rule = 0;   /* a "---" rule since the last text */
  int prev_heading = 0; /* the last paragraph line was a heading */
  char prev_last[48] = "";
  int prev_terminal = 1;
  size_t i = 0;
  int lineno = 0;
  while (i < len && rc == ERR_OK) {
    size_t e = i;
    while (e < len && text[e] != '\n')
      e++;
    size_t le = e;
    if (le > i && text[le - 1] == '\r')
      le--;
    lineno++;
    struct line ln;
    rc = clean_line(d, text + i, le - i, &ln);
    ln.lineno = lineno;
    i = e + 1;
    if (rc)
      break;
    if (ln.hr) {
      after_rule = 1;
      continue;
    }
    if (ln.n == 0)
      continue;
    if (ln.footnote) {
      pending_note = !in_set(ln.s + ln.n - 1, 1, ".;");
      continue;
    }
    int lower = first_cp_lower(ln.s, ln.n);
    if (pending_note && ((lower && (prev_heading || ln.has_sup)) || after_rule)) {
      /* the rest of a footnote, carried over a page break */
      pending_note = !in_set(ln.s + ln.n - 1, 1, ".;");
      continue;
    }
    after_rule = 0;
    int structural = line_is_structural(&ln);
    int join = 0;
    if (pb.open && !structural && !prev_heading) {
      if (lower)
        join = 1;
      else if (!prev_terminal && is_dangling(prev_last))
        join = 1;
    }
    if (!join) {
      rc = flush_para(d, &pb, &d->paras, &d->npara, &cap);
      if (rc)
        break;
    }
    rc = para_add(&pb, &ln, join);
    if (rc) {
      d->failed = 1;
      err_nomem(d->err);
      break;
    }
    /* a heading, or a line bold from end to end, is never continued */
    int all_bold = 1;
    for (size_t k = 0; k < ln.n; k++)
      if (!ln.bold[k] && ln.s[k] != ' ' && ln.s[k] != '.' && ln.s[k] != ':') {
        all_bold = 0;
        break;
      }
    prev_heading = ln.heading || (all_bold && ln.n < 200);
    last_word(d, buf_str(&pb.text), pb.text.len, prev_last, sizeof prev_last);
    {
      struct pr_para tmp = {.text = (char *)buf_str(&pb.text), .len = pb.text.len};
      prev_terminal = pr_ends_terminal(&tmp);
    }
  }
  if (rc == ERR_OK)
    rc = flush_para(d, &pb, &d->paras, &d->npara, &cap);
  buf_free(&pb.text);
  buf_free(&pb.bold);
  return rc;
}

/* ==== tokens ======================================================================== */

/* Cut p's text into tokens: a word (letters and digits), or one other
 * character; spaces only mark the token after them. Two passes, the first
 * counting, so the tokens go straight into the arena at their size (one
 * pass into a growing array held twice their memory at its peak). ERR_INPUT
 * when there are more than `room`. */
static int tokenize(struct pr_doc *d, struct pr_para *p, const unsigned char *bold, size_t room)
{
  size_t n = 0;
  for (int pass = 0; pass < 2; pass++) {
    struct pr_tok *t = NULL;
    if (pass == 1) {
      if (n > room) {
        char num[32];
        return err_set(d->err, ERR_INPUT,
                       "văn bản có hơn %s từ và dấu: quá nhiều để là một kế hoạch",
                       number_format_vn(num, sizeof num, (double)PLAN_READ_MAX_TOKENS, 0));
      }
      t = pr_alloc(d, (n ? n : 1) * sizeof *t);
      if (!t)
        return ERR_NOMEM;
      p->tok = t;
      p->ntok = n;
      n = 0;
    }
    size_t i = 0;
    int sp = 1;
    while (i < p->len) {
      size_t cl;
      int32_t cp = decode(p->text, p->len, i, &cl);
      if (is_space_cp(cp)) {
        sp = 1;
        i += cl;
        continue;
      }
      size_t s = i;
      int word = is_word_cp(cp), digits = 1;
      if (word) {
        while (i < p->len) {
          int32_t c2 = decode(p->text, p->len, i, &cl);
          if (!is_word_cp(c2))
            break;
          if (!(c2 >= '0' && c2 <= '9'))
            digits = 0;
          i += cl;
        }
      } else {
        i += cl;
      }
      if (pass == 0) {
        n++;
        continue;
      }
      const struct pr_fold_entry *fe = fold_word(d, p->text + s, i - s, !word);
      if (!fe) {
        d->failed = 1;
        return err_nomem(d->err);
      }
      struct pr_tok *k = &t[n++];
      k->off = (uint32_t)s;
      k->len = (uint32_t)(i - s);
      k->fold = fe->fold;
      k->lower = fe->lower;
      k->kind = (uint8_t)(!word ? TK_PUNCT : digits ? TK_NUM : TK_WORD);
      k->upper = (uint8_t)(word && is_upper_cp(cp));
      k->sp = (uint8_t)sp;
      k->bold = (uint8_t)(bold && bold[s] == '1');
      sp = 0;
    }
  }
  return ERR_OK;
}

/* ==== list markers ====================================================================== */

static int roman_value(const char *s, size_t n)
{
  int v = 0, prev = 0;
  for (size_t i = n; i-- > 0;) {
    int x = s[i] == 'I' ? 1 : s[i] == 'V' ? 5 : s[i] == 'X' ? 10 : 0;
    if (!x)
      return 0;
    v += x < prev ? -x : x;
    if (x > prev)
      prev = x;
  }
  return v <= 39 ? v : 0;
}

/* The marker at the start of s: returns its byte length (0 = none). */
static size_t marker_at(const char *s, size_t n, int *mk, char *label, size_t lsz, int *comps)
{
  *mk = MK_NONE;
  label[0] = '\0';
  *comps = 0;
  if (n == 0)
    return 0;
  if (s[0] == '|') {
    *mk = MK_TABLE;
    return 0;
  }
  static const char *const bullets[] = {"-",
                                        "+",
                                        "\xE2\x80\x93",
                                        "\xE2\x80\x94",
                                        "\xE2\x80\xA2",
                                        "\xC2\xB7",
                                        "\xEF\x82\xA7",
                                        "\xEF\x82\xB7",
                                        "\xE2\x96\xAA",
                                        "\xE2\x97\x8F",
                                        "\xE2\x97\x8B",
                                        "o",
                                        NULL};
  for (int b = 0; bullets[b]; b++) {
    size_t bl = strlen(bullets[b]);
    if (n > bl && memcmp(s, bullets[b], bl) == 0 && s[bl] == ' ') {
      if (b == 11 && !(n > 2)) /* "o " bullet only as a glyph */
        continue;
      *mk = b == 0 || b == 2 || b == 3 ? MK_DASH : b == 1 ? MK_PLUS : MK_DOT;
      return bl + 1;
    }
  }
  /* Roman part: "II." "IV)" */
  {
    size_t k = 0;
    while (k < n && k < 6 && (s[k] == 'I' || s[k] == 'V' || s[k] == 'X'))
      k++;
    if (k > 0 && k < n && (s[k] == '.' || s[k] == ')' || s[k] == ':') &&
        (k + 1 == n || s[k + 1] == ' ') && roman_value(s, k)) {
      *mk = MK_ROMAN;
      snprintf(label, lsz, "%.*s", (int)k, s);
      *comps = 1;
      return k + 1 < n ? k + 2 : k + 1;
    }
  }
  /* "(1) " */
  if (s[0] == '(' && n > 3) {
    size_t k = 1;
    while (k < n && k < 4 && s[k] >= '0' && s[k] <= '9')
      k++;
    if (k > 1 && k < n && s[k] == ')' && k + 1 < n && s[k + 1] == ' ') {
      *mk = MK_PAREN;
      snprintf(label, lsz, "%.*s", (int)(k - 1), s + 1);
      return k + 2;
    }
    return 0;
  }
  /* "1." "1)" "2.1." "2.1" */
  if (s[0] >= '0' && s[0] <= '9') {
    size_t k = 0;
    int c = 0;
    size_t lab_end = 0;
    for (;;) {
      size_t ds = k;
      while (k < n && k - ds < 3 && s[k] >= '0' && s[k] <= '9')
        k++;
      if (k == ds || k - ds > 2)
        return 0;
      c++;
      lab_end = k;
      if (k < n && s[k] == '.' && k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9') {
        k++;
        continue;
      }
      break;
    }
    int closed = 0;
    if (k < n && (s[k] == '.' || s[k] == ')')) {
      k++;
      closed = 1;
    }
    if (!(closed || c >= 2))
      return 0;
    if (k < n && s[k] != ' ')
      return 0;
    *mk = MK_NUM;
    snprintf(label, lsz, "%.*s", (int)lab_end, s);
    *comps = c;
    return k < n ? k + 1 : k;
  }
  /* "a) " "b. " "đ) " */
  {
    size_t cl = 1;
    if ((unsigned char)s[0] == 0xC4 && n > 1 && (unsigned char)s[1] == 0x91)
      cl = 2; /* đ */
    else if (!(s[0] >= 'a' && s[0] <= 'z'))
      return 0;
    if (n > cl + 1 && (s[cl] == ')' || s[cl] == '.') && s[cl + 1] == ' ') {
      *mk = MK_LETTER;
      snprintf(label, lsz, "%.*s", (int)cl, s);
      return cl + 2;
    }
  }
  return 0;
}

static int line_is_structural(const struct line *ln)
{
  if (ln->heading)
    return 1;
  int mk, comps;
  char label[24];
  size_t ml = marker_at(ln->s, ln->n, &mk, label, sizeof label, &comps);
  (void)ml;
  return mk != MK_NONE;
}

static void parse_marker(struct pr_para *p)
{
  int comps;
  size_t ml = marker_at(p->text, p->len, &p->mk, p->label, sizeof p->label, &comps);
  p->depth = p->mk == MK_ROMAN ? 1 : p->mk == MK_NUM ? 1 + comps : 0;
  p->body = pr_tok_at(p, ml);
  /* the bold opener: a bold span right at the body's start */
  size_t k = p->body;
  while (k < p->ntok && p->tok[k].bold)
    k++;
  if (k > p->body) {
    /* trailing punctuation after the span (":" outside the stars) belongs to it */
    if (k == p->ntok)
      p->all_bold = 1;
    else
      p->opener_end = k;
  }
}

/* ==== parts and sections ============================================================== */

static int part_kind_of(const struct pr_para *p)
{
  size_t b = p->body, e = p->ntok;
  if (pr_find(p, b, e, "noi nhan") != (size_t)-1 && e - b < 4)
    return PART_END;
  if (pr_find(p, b, e, "to chuc thuc hien") != (size_t)-1)
    return PART_ORG;
  if (pr_find(p, b, e, "che do bao cao") != (size_t)-1 ||
      (pr_find(p, b, e, "bao cao") != (size_t)-1 && e - b < 6))
    return PART_REPORT;
  if (pr_find(p, b, e, "kinh phi") != (size_t)-1 && pr_find(p, b, e, "nhiem vu") == (size_t)-1)
    return PART_ORG;
  if (pr_find(p, b, e, "nhiem vu") != (size_t)-1 || pr_find(p, b, e, "giai phap") != (size_t)-1 ||
      pr_find(p, b, e, "phan cong") != (size_t)-1 || pr_find(p, b, e, "noi dung") != (size_t)-1)
    return PART_TASKS;
  if (pr_find(p, b, e, "thoi gian") != (size_t)-1 || pr_find(p, b, e, "giai doan") != (size_t)-1)
    return PART_TIME;
  if (pr_find(p, b, e, "chi tieu") != (size_t)-1 || pr_find(p, b, e, "muc tieu") != (size_t)-1)
    return PART_TARGETS;
  if (pr_find(p, b, e, "muc dich") != (size_t)-1 || pr_find(p, b, e, "yeu cau") != (size_t)-1)
    return PART_PURPOSE;
  if (pr_find(p, b, e, "tinh hinh") != (size_t)-1 || pr_find(p, b, e, "ket qua") != (size_t)-1 ||
      pr_find(p, b, e, "danh gia") != (size_t)-1 || pr_find(p, b, e, "thuc trang") != (size_t)-1)
    return PART_SITUATION;
  return PART_TASKS;
}

/* A short all-caps or bold line naming a part, used as a part when the
 * document numbers its parts with Arabic numerals ("1. MỤC ĐÍCH, YÊU CẦU"). */
static int looks_like_part_title(const struct pr_para *p)
{
  if (p->ntok - p->body > 14 || p->len > 160)
    return 0;
  size_t up = 0, letters = 0;
  for (size_t i = p->body; i < p->ntok; i++)
    if (p->tok[i].kind == TK_WORD) {
      letters++;
      size_t cl;
      const char *s = p->text + p->tok[i].off;
      /* all letters upper-case? check the last letter too */
      int32_t c0 = decode(s, p->tok[i].len, 0, &cl);
      int all = is_upper_cp(c0);
      if (all && p->tok[i].len > cl) {
        size_t j = p->tok[i].len;
        size_t st = j - 1;
        while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
          st--;
        int32_t c1 = decode(s, j, st, &cl);
        all = is_upper_cp(c1) || (c1 >= '0' && c1 <= '9');
      }
      if (all)
        up++;
    }
  if (letters == 0 || up * 10 < letters * 8)
    return 0;
  int k = part_kind_of(p);
  return k != PART_TASKS || pr_find(p, p->body, p->ntok, "nhiem vu") != (size_t)-1 ||
         pr_find(p, p->body, p->ntok, "noi dung") != (size_t)-1 ||
         pr_find(p, p->body, p->ntok, "giai phap") != (size_t)-1;
}

static int add_part(struct pr_doc *d, size_t first, int kind, size_t *cap)
{
  if (d->nparts == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    struct pr_part *np = realloc(d->parts, nc * sizeof *np);
    if (!np) {
      d->failed = 1;
      return err_nomem(d->err);
    }
    d->parts = np;
    *cap = nc;
  }
  d->parts[d->nparts].kind = kind;
  d->parts[d->nparts].first = first;
  d->parts[d->nparts].title = first;
  d->nparts++;
  return ERR_OK;
}

static int assign_structure(struct pr_doc *d)
{
  int have_roman = 0;
  for (size_t i = 0; i < d->npara; i++)
    if (d->paras[i].mk == MK_ROMAN)
      have_roman = 1;
  size_t cap = 0;
  char part_label[24] = "";
  char path[8][24];
  int plen = 0;       /* components in path */
  int last_multi = 0; /* the last numbered label had several components */
  char sub[24] = "";  /* letter / paren label under the path */
  int cur_part = -1, cur_kind = PART_PREAMBLE;
  for (size_t i = 0; i < d->npara; i++) {
    struct pr_para *p = &d->paras[i];
    int is_end = cur_kind != PART_END && p->ntok - p->body <= 3 &&
                 pr_match(p, p->body, p->ntok, "noi nhan") &&
                 (p->body + 2 == p->ntok || pr_tok_is(p, p->body + 2, ":"));
    int is_part = p->mk == MK_ROMAN ||
                  (!have_roman && p->mk == MK_NUM && p->depth == 2 && looks_like_part_title(p));
    if (cur_kind == PART_END) {
      is_part = 0;
    } else if (is_end) {
      if (add_part(d, i, PART_END, &cap))
        return ERR_NOMEM;
      cur_part = (int)d->nparts - 1;
      cur_kind = PART_END;
    } else if (is_part) {
      if (add_part(d, i, part_kind_of(p), &cap))
        return ERR_NOMEM;
      cur_part = (int)d->nparts - 1;
      cur_kind = d->parts[cur_part].kind;
      snprintf(part_label, sizeof part_label, "%s", p->label);
      plen = 0;
      sub[0] = '\0';
      last_multi = 0;
    } else if (p->mk == MK_NUM) {
      /* split the label into components */
      char tmp[24][8];
      int c = 0;
      const char *s = p->label;
      while (*s && c < 8) {
        size_t k = 0;
        while (s[k] && s[k] != '.' && k < 7)
          k++;
        snprintf(tmp[c++], sizeof tmp[0], "%.*s", (int)k, s);
        s += k;
        if (*s == '.')
          s++;
      }
      if (c == 1 && last_multi && plen >= 2 && strcmp(tmp[0], "1") == 0) {
        /* "1." right under "2.3.": a child, not a new top section */
        if (plen < 8)
          snprintf(path[plen++], sizeof path[0], "%s", tmp[0]);
      } else if (c == 1 && plen >= 3 && last_multi == 0 && strcmp(tmp[0], "1") != 0) {
        snprintf(path[plen - 1], sizeof path[0], "%s", tmp[0]);
      } else {
        plen = 0;
        for (int k = 0; k < c; k++)
          snprintf(path[plen++], sizeof path[0], "%s", tmp[k]);
        last_multi = c >= 2;
      }
      sub[0] = '\0';
    } else if (p->mk == MK_LETTER || p->mk == MK_PAREN) {
      snprintf(sub, sizeof sub, "%s", p->label);
    }
    p->part = cur_part;
    p->part_kind = cur_kind;
    /* section path text */
    /* joined into the field itself (no allocation); a path too long for it
     * is left empty */
    char sec[sizeof p->section];
    size_t w = (size_t)snprintf(sec, sizeof sec, "%s", part_label);
    if (!is_part && cur_kind != PART_END) {
      for (int k = 0; k < plen && w < sizeof sec; k++)
        w += (size_t)snprintf(sec + w, sizeof sec - w, "%s%s", w ? "." : "", path[k]);
      if (sub[0] && w < sizeof sec &&
          (p->mk == MK_LETTER || p->mk == MK_PAREN || p->mk == MK_NONE || p->mk == MK_DASH ||
           p->mk == MK_PLUS || p->mk == MK_DOT))
        w += (size_t)snprintf(sec + w, sizeof sec - w, "%s%s", w ? "." : "", sub);
    }
    snprintf(p->section, sizeof p->section, "%s", w < sizeof sec ? sec : "");
  }
  return ERR_OK;
}

/* ==== entry ======================================================================= */

static void doc_free(struct pr_doc *d)
{
  free(d->paras);
  free(d->parts);
  free(d->cache);
  arena_free(&d->arena);
}

int plan_read_text(struct plan *out, const char *text, size_t len, struct err *err)
{
  plan_init(out);
  if (!text || len == 0)
    return err_set(err, ERR_INPUT, "văn bản kế hoạch rỗng");
  if (len > PLAN_READ_MAX)
    return err_set(err, ERR_INPUT, "văn bản quá lớn để là một kế hoạch (%zu byte; tối đa %zu)", len,
                   PLAN_READ_MAX);
  if (!text_utf8_valid(text, len))
    return err_set(err, ERR_INPUT, "văn bản không phải UTF-8 hợp lệ (hoặc có byte NUL)");
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    text += 3;
    len -= 3;
  }
  struct pr_doc d;
  memset(&d, 0, sizeof d);
  d.err = err;
  int rc = build_paragraphs(&d, text, len);
  if (rc == ERR_OK && d.npara == 0)
    rc = err_set(err, ERR_INPUT, "văn bản kế hoạch rỗng");
  if (rc == ERR_OK)
    rc = assign_structure(&d);
  if (rc == ERR_OK)
    rc = pr_read_meta(&d, out);
  if (rc == ERR_OK)
    rc = pr_read_phases(&d, out);
  if (rc == ERR_OK)
    rc = pr_read_targets(&d, out);
  if (rc == ERR_OK)
    rc = pr_read_tasks(&d, out);
  if (rc == ERR_OK)
    rc = pr_read_reports(&d, out);
  if (rc == ERR_OK)
    rc = plan_check_all(out, err);
  if (rc == ERR_OK && d.failed)
    rc = ERR_NOMEM;
  doc_free(&d);
  if (rc != ERR_OK) {
    if (err && err->code == ERR_OK)
      err_set(err, rc, "không đọc được kế hoạch");
    plan_free(out);
  }
  return rc;
}

int plan_read_found(const struct plan *p)
{
  if (!p)
    return 0;
  if (p->title || p->n_tasks || p->n_targets)
    return 1;
  /* the symbol of a plan's number: "KH" between separators */
  const char *n = p->number;
  for (const char *k = n ? strstr(n, "KH") : NULL; k; k = strstr(k + 1, "KH")) {
    int before = k == n || k[-1] == '/' || k[-1] == '-';
    int after = k[2] == '\0' || k[2] == '/' || k[2] == '-';
    if (before && after)
      return 1;
  }
  return 0;
}
