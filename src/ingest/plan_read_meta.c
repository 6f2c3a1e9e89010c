/* plan_read_meta.c: the plan's identity: number, title, issuer, issue date,
 * territory, kind, period and legal bases.
 *
 * Rules (docs/plan-reader.md):
 *   - number: "Số: 07/KH-BCĐ" in the header; a blank number ("Số: /KH-UBND",
 *     a draft) is unknown;
 *   - issue date: "<Place>, ngày 05 tháng 3 năm 2024" in the header; blanks
 *     ("ngày tháng năm 2024") are unknown;
 *   - title: the text after "KẾ HOẠCH" on its line, else the next paragraph;
 *   - issuer: the agency before "ban hành" in the preamble sentence, else a
 *     capitalised header line that names an agency, plus the place line
 *     under it ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI");
 *   - territory: the issuer's level word and place ("huyện Bình Sơn");
 *   - kind and period from the title ("năm 2024", "giai đoạn 2021 - 2025",
 *     "cao điểm") and from "thời gian thực hiện ... từ D1 đến D2";
 *   - bases: "<type> số N ngày D của X" cited in the preamble. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "domain/agency.h"
#include "ingest/plan_read_int.h"

#define NO_TOK ((size_t)-1)

static const char *const doc_types[] = {
    "chi thi",  "nghi quyet", "nghi dinh",  "quyet dinh", "ket luan",  "ke hoach",  "cong dien",
    "cong van", "thong tu",   "thong bao",  "luat",       "phap lenh", "huong dan", "chuong trinh",
    "de an",    "phuong an",  "chien luoc", "van ban",    NULL};

static size_t doc_type_at(const struct pr_para *p, size_t i)
{
  for (size_t k = 0; doc_types[k]; k++) {
    size_t m = pr_match(p, i, p->ntok, doc_types[k]);
    if (m)
      return m;
  }
  return 0;
}

/* A 4-digit year in token k, else 0. The token's four bytes are read as
 * digits one by one (not atoi, which would accept a sign or spaces and has
 * no bound): a longer number is no year. */
int pr_year_tok(const struct pr_para *p, size_t k)
{
  if (k >= p->ntok || p->tok[k].kind != TK_NUM || p->tok[k].len != 4)
    return 0;
  const char *s = p->text + p->tok[k].off;
  int y = 0;
  for (size_t i = 0; i < 4; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    y = y * 10 + (s[i] - '0');
  }
  return y >= 1900 && y <= 2200 ? y : 0;
}

/* Bytes of a document number from offset `off`: up to a space, comma,
 * semicolon or parenthesis ("07/KH-BCĐ", "1425/QĐ-TTg"). */
static size_t number_len(const char *s, size_t n, size_t off)
{
  size_t e = off;
  while (e < n && s[e] != ' ' && s[e] != ',' && s[e] != ';' && s[e] != '(' && s[e] != ')')
    e++;
  while (e > off && (s[e - 1] == '.' || s[e - 1] == ':'))
    e--;
  return e - off;
}

static int has_slash_or_dash(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] == '/' || s[i] == '-')
      return 1;
  return 0;
}

/* Read the citations in paragraph p into bases. */
static int read_bases(struct pr_doc *d, struct plan *pl, const struct pr_para *p)
{
  for (size_t i = p->body; i < p->ntok; i++) {
    size_t m = doc_type_at(p, i);
    if (!m || !p->tok[i].upper)
      continue;
    size_t k = i + m;
    /* "Quyết định số 1425/QĐ-TTg", "Nghị định 105/2021/NĐ-CP" */
    if (pr_match(p, k, p->ntok, "so"))
      k++;
    if (k >= p->ntok || p->tok[k].kind != TK_NUM)
      continue;
    size_t noff = p->tok[k].off;
    size_t nlen = number_len(p->text, p->len, noff);
    if (!has_slash_or_dash(p->text + noff, nlen))
      continue;
    size_t after = pr_tok_at(p, noff + nlen);
    size_t e = after;
    struct date dt = {0, 0, 0};
    /* ", ngày 26/02/2024" */
    size_t dk = after;
    if (pr_tok_is(p, dk, ","))
      dk++;
    if (pr_match(p, dk, p->ntok, "ngay")) {
      size_t st, en;
      int yl;
      if (pr_date_in(d, p->text, p->len, p->tok[dk].off, &dt, &st, &en, &yl) == 0 && !yl &&
          st == p->tok[dk].off) {
        e = pr_tok_at(p, en);
      } else {
        dt = (struct date){0, 0, 0};
      }
    }
    /* "của X": the issuing body, up to "về", a verb or punctuation */
    if (pr_match(p, e, p->ntok, "cua")) {
      size_t x = pr_agency_phrase(p, e + 1, p->ntok);
      if (x == e + 1) {
        /* not in the lexicon ("Ban Bí thư", "Bộ Chính trị"): capitalised words */
        /* ... nor "Thủ tướng Chính phủ": words up to "về", "thực hiện",
         * punctuation or the next cited document, at most 8 */
        x = e + 1;
        while (x < p->ntok && x < e + 9 && p->tok[x].kind != TK_PUNCT &&
               !pr_match(p, x, p->ntok, "ve") && !pr_match(p, x, p->ntok, "thuc hien") &&
               !(p->tok[x].upper && doc_type_at(p, x)) && (p->tok[x].upper || x > e + 1))
          x++;
      }
      if (x > e + 1)
        e = x;
    }
    /* a repeated citation ("(Kế hoạch số 62-KH/TU)") is not a new basis */
    char *num = pr_strndup(d, p->text + noff, nlen);
    if (!num)
      return ERR_NOMEM;
    int dup = 0;
    for (size_t b = 0; b < pl->n_bases; b++)
      if (pl->bases[b].number && strcmp(pl->bases[b].number, num) == 0)
        dup = 1;
    if (dup) {
      i = after;
      continue;
    }
    struct plan_basis *b;
    if (plan_add_basis(pl, &b, d->err))
      return ERR_NOMEM;
    b->text = pr_own(d, pr_span(d, p, i, e, NULL));
    b->number = pr_own(d, num);
    b->date = dt;
    i = e > i ? e - 1 : i;
  }
  return d->failed ? ERR_NOMEM : ERR_OK;
}

/* "huyện Bình Sơn" from an issuer name into *out: from its last level word
 * on, when a capitalised place follows. The level word in any case: a
 * header prints the issuer in capitals ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI" gives
 * "TỈNH LÀO CAI", kept as written). ERR_NOMEM only; *out NULL when the
 * issuer names no territory. */
static int territory_of(char **out, struct pr_doc *d, const char *issuer)
{
  *out = NULL;
  if (!issuer)
    return ERR_OK;
  struct agency_ref r;
  struct err e = {ERR_OK, ""};
  int rc = agency_parse(&r, issuer, &e);
  if (rc == ERR_NOMEM)
    return err_copy(d->err, &e);
  if (rc || !r.place[0])
    return ERR_OK;
  const char *at = strstr(issuer, r.place);
  if (!at || at == issuer)
    return ERR_OK;
  /* the level word before the place, compared case-folded */
  static const char *const levels[] = {"thành phố", "thị xã", "huyện", "quận", "tỉnh",
                                       "thị trấn",  "phường", "xã",    NULL};
  for (size_t k = 0; levels[k]; k++) {
    size_t l = strlen(levels[k]) + 1; /* and the space after it */
    if ((size_t)(at - issuer) < l || at[-1] != ' ')
      continue;
    /* a window that cuts a character is not this level word */
    if (!text_utf8_valid(at - l, l))
      continue;
    char *word = strndup(at - l, l), *folded = NULL;
    rc = word ? text_casefold(&folded, word, d->err) : err_nomem(d->err);
    free(word);
    if (rc)
      return rc;
    int same = strcmp(folded, levels[k]) == 0;
    free(folded);
    if (same) {
      *out = pr_own(d, at - l);
      return *out ? ERR_OK : ERR_NOMEM;
    }
  }
  return ERR_OK;
}

static int all_caps(const struct pr_para *p)
{
  size_t words = 0;
  for (size_t i = 0; i < p->ntok; i++)
    if (p->tok[i].kind == TK_WORD) {
      words++;
      if (!p->tok[i].upper)
        return 0;
      /* "Kế" is capitalised, "KẾ" is caps: compare with the lower form */
      const char *s = p->text + p->tok[i].off;
      if (p->tok[i].len > 1 && strncmp(s, p->tok[i].lower, p->tok[i].len) != 0 &&
          strlen(p->tok[i].lower) >= 2 && s[1] >= 'a' && s[1] <= 'z')
        return 0;
    }
  return words > 0;
}

int pr_read_meta(struct pr_doc *d, struct plan *pl)
{
  size_t title_para = NO_TOK, ke_hoach = NO_TOK;
  /* the header: everything before the first part */
  for (size_t i = 0; i < d->npara && d->paras[i].part_kind == PART_PREAMBLE; i++) {
    struct pr_para *p = &d->paras[i];
    if (!pl->number && pr_match(p, 0, p->ntok, "so") && pr_tok_is(p, 1, ":")) {
      size_t off = pr_tok_start(p, 2);
      size_t nl = number_len(p->text, p->len, off);
      /* a blank number ("Số: /KH-UBND") is a draft's: unknown */
      if (nl > 0 && p->text[off] >= '0' && p->text[off] <= '9')
        pl->number = pr_own(d, pr_strndup(d, p->text + off, nl));
      continue;
    }
    /* "Lào Cai, ngày 05 tháng 3 năm 2024" */
    size_t ng = pr_find(p, 0, p->ntok < 8 ? p->ntok : 8, "ngay");
    if (pl->issued_on.y == 0 && ng != NO_TOK && ng > 0 && pr_tok_is(p, ng - 1, ",") &&
        p->ntok < 16) {
      struct date dt;
      size_t st, en;
      int yl;
      if (pr_date_in(d, p->text, p->len, p->tok[ng].off, &dt, &st, &en, &yl) == 0 && !yl)
        pl->issued_on = dt;
      continue;
    }
    if (ke_hoach == NO_TOK && pr_match(p, p->body, p->ntok, "ke hoach") &&
        (p->tok[p->body].upper)) {
      size_t b = p->body + 2;
      /* "KẾ HOẠCH" alone or "KẾ HOẠCH Thực hiện ..." on one line */
      if (p->body + 1 < p->ntok && p->tok[p->body + 1].upper) {
        ke_hoach = i;
        if (b < p->ntok)
          pl->title = pr_own(d, pr_span(d, p, b, p->ntok, NULL));
        else if (i + 1 < d->npara && d->paras[i + 1].part_kind == PART_PREAMBLE)
          title_para = i + 1;
      }
      continue;
    }
  }
  if (title_para != NO_TOK) {
    struct pr_para *t = &d->paras[title_para];
    pl->title = pr_own(d, pr_span(d, t, t->body, t->ntok, NULL));
  }
  /* issuer and bases from the preamble after the title */
  size_t from = title_para != NO_TOK ? title_para + 1 : ke_hoach != NO_TOK ? ke_hoach + 1 : 0;
  for (size_t i = from; i < d->npara && d->paras[i].part_kind == PART_PREAMBLE; i++) {
    struct pr_para *p = &d->paras[i];
    if (read_bases(d, pl, p))
      return ERR_NOMEM;
    size_t bh = pr_find(p, 0, p->ntok, "ban hanh");
    if (!pl->issuer && bh != NO_TOK) {
      /* the name is the agency phrase that ends right before "ban hành" */
      size_t start = bh;
      for (size_t k = bh; k-- > 0;) {
        if (pr_tok_is(p, k, ";") || pr_tok_is(p, k, ".") || pr_tok_is(p, k, ",") ||
            pr_tok_is(p, k, ")") || pr_tok_is(p, k, "\xE2\x80\x9D"))
          break;
        if (pr_agency_head(p, k, bh, 0))
          start = k;
      }
      if (start < bh)
        pl->issuer = pr_own(d, pr_span(d, p, start, bh, NULL));
    }
  }
  /* header lines naming the issuer ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI") */
  if (!pl->issuer) {
    for (size_t i = 0; i < d->npara && i < (ke_hoach != NO_TOK ? ke_hoach : 6); i++) {
      struct pr_para *p = &d->paras[i];
      if (!all_caps(p) || !pr_agency_head(p, 0, p->ntok, 0))
        continue;
      /* no cap but the default: the document itself is capped
       * (PLAN_READ_MAX), so a failed add is out of memory, never "too long" */
      struct buf b;
      buf_init(&b, 0);
      buf_adds(&b, p->text);
      if (i + 1 < d->npara && all_caps(&d->paras[i + 1]) &&
          pr_tok_in(&d->paras[i + 1], 0,
                    (const char *const[]){"tinh", "huyen", "thanh", "thi", "quan", "xa", NULL})) {
        buf_addc(&b, ' ');
        buf_adds(&b, d->paras[i + 1].text);
      }
      int failed = buf_failed(&b);
      /* kept as written: capitals are how headers are printed */
      if (!failed)
        pl->issuer = pr_own(d, buf_str(&b));
      buf_free(&b);
      if (failed)
        return err_nomem(d->err);
      break;
    }
  }
  if (territory_of(&pl->territory, d, pl->issuer))
    return ERR_NOMEM;

  /* kind and period from the title */
  size_t tp = title_para != NO_TOK ? title_para : ke_hoach;
  if (tp != NO_TOK) {
    struct pr_para *t = &d->paras[tp];
    size_t b = tp == ke_hoach ? t->body + 2 : t->body;
    int y1 = 0, y2 = 0;
    for (size_t k = b; k < t->ntok; k++) {
      if (pr_match(t, k, t->ntok, "giai doan") && pr_year_tok(t, k + 2)) {
        y1 = pr_year_tok(t, k + 2);
        size_t j = k + 3;
        if (pr_tok_is(t, j, "-") || pr_tok_is(t, j, "\xE2\x80\x93") ||
            pr_match(t, j, t->ntok, "den"))
          y2 = pr_year_tok(t, j + 1);
        break;
      }
      if (pr_match(t, k, t->ntok, "nam") && pr_year_tok(t, k + 1) && !y1) {
        y1 = pr_year_tok(t, k + 1);
        if (k > 0 && pr_match(t, k - 1, t->ntok, "den"))
          y2 = y1, y1 = 0;
      }
    }
    int campaign = pr_find(t, b, t->ntok, "cao diem") != NO_TOK ||
                   pr_find(t, b, t->ntok, "chien dich") != NO_TOK ||
                   pr_find(t, b, t->ntok, "dot") != NO_TOK;
    if (campaign)
      pl->kind = PLAN_CAMPAIGN;
    else if (y1 && y2 && y2 > y1)
      pl->kind = PLAN_MULTI_YEAR;
    else if (y1)
      pl->kind = PLAN_ANNUAL;
    else if (pl->title)
      pl->kind = PLAN_THEMATIC;
    if (y1 && !campaign) {
      pl->period_start = (struct date){y1, 1, 1};
      pl->period_end = (struct date){y2 > y1 ? y2 : y1, 12, 31};
    }
  }
  /* "thời gian thực hiện ... từ D1 đến D2" outside the tasks. A range that
   * opens its paragraph ("Thời gian thực hiện: từ ...") states the period;
   * one in passing ("(thời gian từ ... đến ...)") may be a phase's. A range
   * with both ends beats one open at the start ("từ nay"). */
  if (pl->period_start.y == 0) {
    struct date best_s = {0, 0, 0}, best_e = {0, 0, 0};
    int best = -1;
    for (size_t i = 0; i < d->npara; i++) {
      struct pr_para *p = &d->paras[i];
      if (p->part_kind == PART_END || p->part_kind == PART_TASKS)
        continue;
      size_t tg = pr_find(p, p->body, p->ntok, "thoi gian");
      if (tg == NO_TOK)
        continue;
      struct date s, e;
      if (pr_range(d, p, tg, p->ntok, &s, &e) != 0)
        continue;
      int score = (s.y ? 2 : 0) + (tg == p->body ? 1 : 0);
      if (score > best) {
        best = score;
        best_s = s;
        best_e = e;
      }
    }
    pl->period_start = best_s;
    pl->period_end = best_e;
  }
  if (pl->period_start.y)
    d->year_hint = pl->period_start.y;
  else if (pl->period_end.y)
    d->year_hint = pl->period_end.y;
  else if (pl->issued_on.y)
    d->year_hint = pl->issued_on.y;
  return d->failed ? ERR_NOMEM : ERR_OK;
}
