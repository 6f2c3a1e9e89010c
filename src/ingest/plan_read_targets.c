/* plan_read_targets.c: targets (chỉ tiêu) and their quotas.
 *
 * Where: the purpose, targets and time parts (and a "Phấn đấu ..." clause
 * anywhere). Rules (docs/plan-reader.md):
 *   - quota lists: "A: N unit; B: M unit; ..." in one paragraph (two pairs
 *     or more) make one target whose quotas are the pairs; its value is the
 *     total the text gives ("160 vụ, cụ thể: ...") or their sum;
 *   - quota bullets: a line announcing targets that ends with a colon
 *     ("Chỉ tiêu phát hiện, bắt giữ, khởi tố trong cao điểm:") followed by
 *     bullets "A: N unit" makes one target with a quota per bullet;
 *   - clauses (split at ";" and sentence ends): "không để ..." is `zero`;
 *     each "N%" is `growth_min`/`growth_max` after "tăng" (max with "không
 *     quá", "tối đa"), `reduction_min` after "giảm", else `ratio_min`;
 *     "ít nhất / tối thiểu / không dưới / trên N noun" is `count_min`,
 *     "không quá / tối đa N noun" `count_max`; a clause opening with an
 *     agency gives it a quota of N, and one opening with a list of units
 *     or agencies ("Riêng các huyện A, B, thành phố C ...") gives each a
 *     quota of N, the target being their sum;
 *   - phase: a target under a phase ("Mục tiêu:" after "Giai đoạn 1 ...")
 *     or under a heading whose date range is a phase's belongs to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/plan_read_int.h"

#define NO_TOK    ((size_t)-1)
#define MAX_PAIRS 64

/* Counting nouns of two words, matched before taking one word as the unit. */
static const char *const units2[] = {"doi tuong",  "mo hinh", "ho so",   "co so",     "tu diem",
                                     "luot nguoi", "dia ban", "ban tin", "chuyen de", NULL};

/* Token k is the "." or "," of a written number ("1.200", "2,5"): between
 * two number tokens with no space on either side. */
static int mark_in_number(const struct pr_para *p, size_t k)
{
  return k > 0 && k < p->ntok && k + 1 < p->ntok && p->tok[k - 1].kind == TK_NUM &&
         p->tok[k + 1].kind == TK_NUM && !p->tok[k].sp && !p->tok[k + 1].sp &&
         (pr_tok_is(p, k, ".") || pr_tok_is(p, k, ","));
}

/* The number written from token k, in the administrative style: "." groups
 * thousands ("1.200", "15.000.000") and "," marks decimals ("2,5"); a "."
 * followed by other than three digits is read as a decimal point ("2.5%").
 * *after is the first token past it. */
static double num_at(const struct pr_para *p, size_t k, size_t *after)
{
  char buf[64];
  size_t n = 0, i = k;
  int frac = 0;
  for (;;) {
    const struct pr_tok *t = &p->tok[i];
    if (n + t->len + 2 >= sizeof buf)
      break;
    memcpy(buf + n, p->text + t->off, t->len);
    n += t->len;
    if (frac || !mark_in_number(p, i + 1))
      break;
    int grouped = pr_tok_is(p, i + 1, ".") && p->tok[i + 2].len == 3;
    if (!grouped) {
      buf[n++] = '.';
      frac = 1;
    }
    i += 2;
  }
  buf[n] = '\0';
  *after = i + 1;
  return strtod(buf, NULL); /* only digits and at most one '.' */
}

/* The counted noun after a number: a known two-word noun or one lower-case word. */
static char *unit_at(struct pr_doc *d, const struct pr_para *p, size_t k, size_t end)
{
  if (k >= end || p->tok[k].kind != TK_WORD || p->tok[k].upper)
    return NULL;
  for (size_t u = 0; units2[u]; u++)
    if (pr_match(p, k, end, units2[u]))
      return pr_span(d, p, k, k + 2, NULL);
  return pr_span(d, p, k, k + 1, NULL);
}

struct pair {
  size_t a, b; /* assignee tokens */
  double value;
  size_t vtok; /* the number's token */
  char *unit;
};

/* "Assignee: N unit" pairs in [from, to). */
static size_t pairs_in(struct pr_doc *d, const struct pr_para *p, size_t from, size_t to,
                       struct pair *out, size_t max)
{
  size_t n = 0;
  for (size_t k = from + 1; k + 1 < to && n < max; k++) {
    if (!pr_tok_is(p, k, ":") || p->tok[k + 1].kind != TK_NUM)
      continue;
    size_t a = k;
    while (a > from && k - a < 20 && !pr_tok_is(p, a - 1, ";") && !pr_tok_is(p, a - 1, ":") &&
           (!pr_tok_is(p, a - 1, ".") || mark_in_number(p, a - 1)))
      a--;
    if (a == k)
      continue;
    struct pair *pr = &out[n];
    pr->a = a;
    pr->b = k;
    size_t after;
    pr->vtok = k + 1;
    pr->value = num_at(p, k + 1, &after);
    pr->unit = unit_at(d, p, after, to);
    n++;
    k = after;
  }
  return n;
}

static int clause_has(const struct pr_para *p, size_t a, size_t b, const char *w)
{
  return pr_find(p, a, b, w) != NO_TOK;
}

static struct plan_target *target_new(struct pr_doc *d, struct plan *pl, const char *text, int kind,
                                      const char *phase)
{
  struct plan_target *t;
  if (plan_add_target(pl, &t, d->err))
    return NULL;
  t->text = pr_own(d, text);
  t->kind = (enum target_kind)kind;
  t->phase = pr_own(d, phase);
  return d->failed ? NULL : t;
}

static int add_quota_list(struct pr_doc *d, struct plan *pl, const struct pr_para *p,
                          struct pair *pr, size_t n, const char *phase)
{
  struct plan_target *t =
      target_new(d, pl, pr_span(d, p, p->body, p->ntok, NULL), TARGET_COUNT_MIN, phase);
  if (!t)
    return ERR_NOMEM;
  double sum = 0;
  for (size_t k = 0; k < n; k++) {
    char *who = pr_span(d, p, pr[k].a, pr[k].b, ",;:.-\xE2\x80\x93 ");
    if (who && plan_target_add_quota(t, who, pr[k].value, d->err))
      return ERR_NOMEM;
    sum += pr[k].value;
  }
  t->unit = pr_own(d, pr[0].unit);
  /* a total before the list: "160 vụ, cụ thể:" */
  t->value = sum;
  for (size_t k = p->body; k < pr[0].a; k++)
    if (p->tok[k].kind == TK_NUM && !mark_in_number(p, k - 1)) {
      size_t after;
      double v = num_at(p, k, &after);
      if (after < pr[0].a && p->tok[after].kind == TK_WORD)
        t->value = v;
      k = after - 1;
    }
  t->has_value = 1;
  return d->failed ? ERR_NOMEM : ERR_OK;
}

/* The level word(s) of a unit at token k ("huyện", "thị xã", "thành phố",
 * "xã", "phường", "thị trấn", "quận", "tỉnh"): their token count, else 0. */
static size_t level_at(const struct pr_para *p, size_t k, size_t end)
{
  static const char *const two[] = {"thi xa", "thanh pho", "thi tran", NULL};
  static const char *const one[] = {"huyen", "xa", "phuong", "quan", "tinh", NULL};
  if (k >= end || p->tok[k].kind != TK_WORD)
    return 0;
  for (size_t i = 0; two[i]; i++)
    if (pr_match(p, k, end, two[i]))
      return 2;
  return pr_tok_in(p, k, one) ? 1 : 0;
}

/* Units named in a list opening [a, b): "(Riêng) các huyện A, B, thành
 * phố C", "các xã A, B và C", "UBND các huyện A, B", "huyện A, huyện B".
 * Each name takes the plural level before the list unless it has its own,
 * and the words before "các" ("UBND"): "UBND huyện A". Appends the names to
 * *v; returns how many (0 when fewer than two names or no such list). */
static size_t unit_list(struct pr_doc *d, const struct pr_para *p, size_t a, size_t b, char ***v,
                        size_t *n)
{
  size_t k = a;
  while (pr_match(p, k, b, "rieng") || pr_match(p, k, b, "doi voi") ||
         pr_match(p, k, b, "trong do") || pr_tok_is(p, k, ","))
    k += pr_match(p, k, b, "doi voi") || pr_match(p, k, b, "trong do") ? 2 : 1;
  /* words before "các": an agency of each unit ("UBND", "Công an") */
  size_t pre = k, cac = k;
  while (cac < b && cac < pre + 6 && p->tok[cac].kind == TK_WORD && !pr_match(p, cac, b, "cac"))
    cac++;
  size_t lv_a, lv_n;
  if (pr_match(p, cac, b, "cac") && (lv_n = level_at(p, cac + 1, b))) {
    lv_a = cac + 1;
    k = lv_a + lv_n;
  } else {
    pre = cac = k; /* "huyện A, huyện B": each with its level */
    lv_a = k;
    lv_n = 0;
  }
  /* only an agency is a prefix: "Chỉ đạo các huyện A, B" names the districts */
  char *prefix = cac > pre && pr_agency_head(p, pre, cac, 0) ? pr_span(d, p, pre, cac, NULL) : NULL;
  char *plural = lv_n ? pr_span(d, p, lv_a, lv_a + lv_n, NULL) : NULL;
  size_t items[64][4]; /* own level [0, 1), name [2, 3) */
  size_t ni = 0;
  while (k < b && ni < 64) {
    size_t own = level_at(p, k, b);
    size_t s = k + own, e = s;
    while (e < b && p->tok[e].kind == TK_WORD && p->tok[e].upper)
      e++;
    if (e == s || (!own && !lv_n))
      break;
    items[ni][0] = k;
    items[ni][1] = k + own;
    items[ni][2] = s;
    items[ni][3] = e;
    ni++;
    k = e;
    if (k < b && pr_tok_is(p, k, ","))
      k++;
    if (k < b && pr_match(p, k, b, "va"))
      k++;
  }
  if (ni < 2)
    return 0;
  for (size_t i = 0; i < ni; i++) {
    const char *lv =
        items[i][1] > items[i][0] ? pr_span(d, p, items[i][0], items[i][1], NULL) : plural;
    char *name = pr_span(d, p, items[i][2], items[i][3], NULL);
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s%s %s", prefix ? prefix : "", prefix ? " " : "", lv ? lv : "",
             name ? name : "");
    if (plan_strv_add(v, n, buf, d->err)) {
      d->failed = 1;
      return 0;
    }
  }
  return ni;
}

/* The targets in the clause [a, b) of p. */
static int read_clause(struct pr_doc *d, struct plan *pl, const struct pr_para *p, size_t a,
                       size_t b, const char *phase)
{
  char *text = pr_span(d, p, a, b, NULL);
  if (!text)
    return ERR_OK;
  size_t ze = pr_find(p, a, b, "khong de");
  if (ze != NO_TOK) {
    struct plan_target *t = target_new(d, pl, text, TARGET_ZERO, phase);
    if (!t)
      return ERR_NOMEM;
    t->value = 0;
    t->has_value = 1;
  }
  size_t prev = a;
  for (size_t k = a; k < b; k++) {
    if (p->tok[k].kind != TK_NUM)
      continue;
    size_t after;
    double v = num_at(p, k, &after);
    int kind = -1;
    char *unit = NULL;
    if (pr_tok_is(p, after, "%")) {
      size_t w0 = k >= prev + 8 ? k - 8 : prev;
      if (clause_has(p, w0, k, "giam"))
        kind = TARGET_REDUCTION_MIN;
      else if (clause_has(p, w0, k, "tang") || clause_has(p, w0, k, "gia tang"))
        kind = clause_has(p, w0, k, "khong qua") || clause_has(p, w0, k, "toi da") ||
                       clause_has(p, w0, k, "khong vuot qua")
                   ? TARGET_GROWTH_MAX
                   : TARGET_GROWTH_MIN;
      else
        kind = TARGET_RATIO_MIN;
      unit = "%";
      after++;
    } else {
      size_t w0 = k >= a + 3 ? k - 3 : a;
      if (pr_find(p, w0, k, "it nhat") != NO_TOK || pr_find(p, w0, k, "toi thieu") != NO_TOK ||
          pr_find(p, w0, k, "khong duoi") != NO_TOK || (k > a && pr_match(p, k - 1, k, "tren")))
        kind = TARGET_COUNT_MIN;
      else if (pr_find(p, w0, k, "khong qua") != NO_TOK || pr_find(p, w0, k, "toi da") != NO_TOK)
        kind = TARGET_COUNT_MAX;
      if (kind >= 0)
        unit = unit_at(d, p, after, b);
    }
    if (kind < 0)
      continue;
    struct plan_target *t = target_new(d, pl, text, kind, phase);
    if (!t)
      return ERR_NOMEM;
    t->value = v;
    t->has_value = 1;
    t->unit = pr_own(d, unit);
    /* a clause opening with an agency or a list of units: the figure is
     * each one's quota, and the target the sum */
    if (kind == TARGET_COUNT_MIN || kind == TARGET_COUNT_MAX) {
      char **names = NULL;
      size_t nn = 0;
      if (!unit_list(d, p, prev, k, &names, &nn)) {
        size_t e = pr_agency_phrase(p, prev, k);
        if (e > prev)
          pr_agency_split(d, p, prev, e, &names, &nn);
      }
      for (size_t q = 0; q < nn; q++)
        if (plan_target_add_quota(t, names[q], v, d->err)) {
          plan_strv_free(&names, &nn);
          return ERR_NOMEM;
        }
      if (nn > 1)
        t->value = v * (double)nn;
      plan_strv_free(&names, &nn);
    }
    prev = after;
    k = after - 1;
    if (d->failed)
      return ERR_NOMEM;
  }
  return ERR_OK;
}

/* Split [from, to) of p into clauses at ";" and at sentence ends. */
static int read_clauses(struct pr_doc *d, struct plan *pl, const struct pr_para *p, size_t from,
                        const char *phase, int only_strive)
{
  size_t a = from;
  int on = !only_strive; /* in the tasks: from a "Phấn đấu" clause on */
  for (size_t k = from; k <= p->ntok; k++) {
    int end = k == p->ntok || pr_tok_is(p, k, ";") ||
              (pr_tok_is(p, k, ".") && !mark_in_number(p, k) &&
               (k + 1 == p->ntok || p->tok[k + 1].upper || p->tok[k + 1].kind == TK_NUM));
    if (!end)
      continue;
    if (k > a && pr_match(p, a, k, "phan dau"))
      on = 1;
    if (k > a && on) {
      int rc = read_clause(d, pl, p, a, k, phase);
      if (rc)
        return rc;
    }
    a = k + 1;
  }
  return ERR_OK;
}

/* A quota table: consecutive "| ... |" rows; a row with a name cell and a
 * number in its last filled cell is a quota ("| 1 | thành phố Lào Cai | 100 |").
 * A row named "Tổng", "Cộng" or "Toàn tỉnh" gives the total. Returns the
 * index of the last row read. */
static size_t read_table(struct pr_doc *d, struct plan *pl, size_t first, const char *phase)
{
  size_t i = first;
  struct plan_target *t = NULL;
  double sum = 0, total = -1;
  for (; i < d->npara && d->paras[i].mk == MK_TABLE; i++) {
    const struct pr_para *p = &d->paras[i];
    /* cells: tokens between "|" marks */
    size_t cs[16][2], nc = 0, a = 0;
    for (size_t k = 0; k < p->ntok && nc < 16; k++)
      if (pr_tok_is(p, k, "|")) {
        if (k > a && a > 0)
          cs[nc][0] = a, cs[nc][1] = k, nc++;
        a = k + 1;
      }
    /* the name: the first cell holding a word; the value: the last cell that is a number */
    long name = -1, num = -1;
    for (size_t c = 0; c < nc; c++) {
      int word = 0, only_num = 1;
      for (size_t k = cs[c][0]; k < cs[c][1]; k++) {
        if (p->tok[k].kind == TK_WORD)
          word = 1;
        if (p->tok[k].kind != TK_NUM && !pr_tok_is(p, k, ",") && !pr_tok_is(p, k, "."))
          only_num = 0;
      }
      if (word && name < 0)
        name = (long)c;
      if (only_num && (long)c > name && name >= 0)
        num = (long)c;
    }
    if (name < 0 || num < 0)
      continue;
    size_t after;
    double v = num_at(p, cs[num][0], &after);
    if (pr_match(p, cs[name][0], cs[name][1], "tong") ||
        pr_match(p, cs[name][0], cs[name][1], "cong") ||
        pr_match(p, cs[name][0], cs[name][1], "toan tinh")) {
      total = v;
      continue;
    }
    if (!t) {
      const struct pr_para *intro = first > 0 ? &d->paras[first - 1] : NULL;
      char *text = intro ? pr_span(d, intro, intro->body, intro->ntok, NULL) : NULL;
      t = target_new(d, pl, text, TARGET_COUNT_MIN, phase);
      if (!t)
        return i;
    }
    char *who = pr_span(d, p, cs[name][0], cs[name][1], NULL);
    if (who && plan_target_add_quota(t, who, v, d->err)) {
      d->failed = 1;
      return i;
    }
    sum += v;
  }
  if (t) {
    t->value = total >= 0 ? total : sum;
    t->has_value = 1;
  }
  return i - 1;
}

/* The phase whose dates are the range written in p, or NULL. */
static const char *phase_by_range(struct pr_doc *d, const struct plan *pl, const struct pr_para *p)
{
  struct date s, e;
  if (pr_range(d, p, p->body, p->ntok, &s, &e) != 0)
    return NULL;
  for (size_t k = 0; k < pl->n_phases; k++)
    if (date_cmp(pl->phases[k].start, s) == 0 && date_cmp(pl->phases[k].end, e) == 0)
      return pl->phases[k].name;
  return NULL;
}

/* The phase a paragraph opens ("Giai đoạn 1 (từ ...): ..."), or NULL. */
static const char *phase_opened(const struct plan *pl, const struct pr_para *p)
{
  if (p->body >= p->ntok)
    return NULL;
  const char *s = p->text + p->tok[p->body].off;
  for (size_t k = 0; k < pl->n_phases; k++) {
    const char *nm = pl->phases[k].name;
    if (nm && strncmp(s, nm, strlen(nm)) == 0)
      return nm;
  }
  return NULL;
}

int pr_read_targets(struct pr_doc *d, struct plan *pl)
{
  const char *phase = NULL; /* the phase of what follows */
  int phase_depth = 0;
  int last_part = -1;
  /* a line announcing quota bullets, and the target they fill */
  long list_target = -1;
  struct pair pr[MAX_PAIRS];
  for (size_t i = 0; i < d->npara; i++) {
    struct pr_para *p = &d->paras[i];
    int kind = p->part_kind;
    if (p->part != last_part) {
      phase = NULL;
      list_target = -1;
      last_part = p->part;
    }
    if (p->mk == MK_TABLE) {
      i = read_table(d, pl, i, phase);
      if (d->failed)
        return ERR_NOMEM;
      continue;
    }
    int bullet = p->mk == MK_DASH || p->mk == MK_PLUS || p->mk == MK_DOT;
    if (!bullet)
      list_target = list_target >= 0 && p->mk == MK_NONE ? list_target : -1;
    int here = kind == PART_PURPOSE || kind == PART_TARGETS || kind == PART_TIME;
    if (!here) {
      if (kind == PART_TASKS || kind == PART_ORG) {
        int rc = read_clauses(d, pl, p, p->body, NULL, 1);
        if (rc)
          return rc;
      }
      continue;
    }
    /* phase context */
    if (p->mk == MK_NUM || p->mk == MK_ROMAN) {
      if (phase && p->depth <= phase_depth)
        phase = NULL;
      const char *ph = phase_opened(pl, p);
      if (!ph)
        ph = phase_by_range(d, pl, p);
      if (ph) {
        phase = ph;
        phase_depth = p->depth;
      }
    }
    if (p->mk == MK_ROMAN || (d->parts && p->part >= 0 && d->parts[p->part].title == i))
      continue;
    size_t np = pairs_in(d, p, p->body, p->ntok, pr, MAX_PAIRS);
    if (bullet && list_target >= 0 && ((np == 1 && pr[0].a == p->body) || np >= 2)) {
      /* a quota bullet under an announcing line */
      struct plan_target *t = &pl->targets[list_target];
      double v = pr[0].value;
      size_t wb = pr[0].b;
      if (np >= 2) {
        /* "X 160 vụ, cụ thể: a: 45 vụ; ...": X's total is its quota */
        if (add_quota_list(d, pl, p, pr, np, phase))
          return ERR_NOMEM;
        t = &pl->targets[list_target];
        v = pl->targets[pl->n_targets - 1].value;
        for (wb = p->body; wb < pr[0].a && p->tok[wb].kind != TK_NUM; wb++)
          ;
      }
      char *who = pr_span(d, p, p->body, wb, ",;:.-\xE2\x80\x93 ");
      if (who && plan_target_add_quota(t, who, v, d->err))
        return ERR_NOMEM;
      t->value += v;
      t->has_value = 1;
      if (!t->unit)
        t->unit = pr_own(d, pr[0].unit);
      continue;
    }
    if (np >= 2) {
      if (add_quota_list(d, pl, p, pr, np, phase))
        return ERR_NOMEM;
      continue;
    }
    /* a line announcing quota bullets: ends with ":" and names targets */
    if (p->ntok && pr_tok_is(p, p->ntok - 1, ":") &&
        pr_find(p, p->body, p->ntok, "chi tieu") != NO_TOK && i + 1 < d->npara) {
      /* the announcing clause: from the last sentence start to the colon */
      size_t a = p->ntok - 1;
      while (a > p->body && (!pr_tok_is(p, a - 1, ".") || mark_in_number(p, a - 1)) &&
             !pr_tok_is(p, a - 1, ";"))
        a--;
      if (a > p->body) {
        int rc = read_clauses(d, pl, p, p->body, phase, 0);
        if (rc)
          return rc;
      }
      struct plan_target *t =
          target_new(d, pl, pr_span(d, p, a, p->ntok, NULL), TARGET_COUNT_MIN, phase);
      if (!t)
        return ERR_NOMEM;
      list_target = (long)(pl->n_targets - 1);
      continue;
    }
    int rc = read_clauses(d, pl, p, p->body, phase, 0);
    if (rc)
      return rc;
  }
  /* an announced list that got no quota is no target */
  for (size_t k = pl->n_targets; k-- > 0;) {
    struct plan_target *t = &pl->targets[k];
    if (t->kind == TARGET_COUNT_MIN && !t->has_value && t->n_quotas == 0) {
      free(t->text);
      free(t->unit);
      free(t->phase);
      free(t->quotas);
      memmove(t, t + 1, (pl->n_targets - k - 1) * sizeof *t);
      pl->n_targets--;
    }
  }
  return ERR_OK;
}
