/* plan_read_tasks.c: tasks with their lead and coordinating agencies,
 * deadline and cadence.
 *
 * Tasks are the paragraphs of the tasks and organisation parts that are not
 * headings. Who carries a task is written in one of these ways, all handled
 * here as general rules (docs/plan-reader.md):
 *   1. role lines after the task: "Cơ quan chủ trì: X", "Cơ quan phối hợp
 *      (thực hiện): Y", "Cơ quan tham mưu thực hiện: Z", "Đơn vị chủ trì:",
 *      "Thời gian thực hiện: ...". Right after a task they are that task's;
 *      under a heading of their own ("3.2. Phân công thực hiện") they serve
 *      every task of the parent section that lacks them;
 *   2. a heading that is an agency ("4. Sở Y tế", "2. Công an tỉnh - Cơ quan
 *      thường trực ...:"): the paragraphs under it are its tasks;
 *   3. an agency opening the paragraph, bold or not, with or without a
 *      colon ("**Sở Y tế** chủ trì, phối hợp: (1) ... (2) ...", "Sở Công
 *      Thương chủ trì, phối hợp với Công an tỉnh ...", "Đề nghị Viện kiểm
 *      sát ...", "Giao Công an tỉnh ..."); numbered items "(1)", "(2)" in
 *      the paragraph are separate tasks of that agency; an item without an
 *      agency takes the one of the bullet or heading it sits under ("-
 *      Công an tỉnh chủ trì, phối hợp Y:" over its "+" items);
 *   4. a parenthesis ending an item, "(X chủ trì, phối hợp Y ...)", names
 *      that item's lead; on a line of its own it completes the tasks
 *      written since the previous one in the same section;
 *   5. "chủ trì, phối hợp (với) Y" / "phối hợp với Y" inside the text names
 *      coordinators.
 * A role never overwrites one the task states itself. A deadline inside a
 * parenthesis is the task's unless it is a report schedule; "hoàn thành
 * trước D, sau đó duy trì thường xuyên" keeps both (then_ongoing). A task
 * belongs to the phase it names or whose heading it sits under. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "ingest/plan_read_int.h"

#define NO_TOK    ((size_t)-1)
#define MAX_ITEMS 32

enum role { ROLE_NONE, ROLE_LEAD, ROLE_SUPPORT, ROLE_ADVISE, ROLE_TIME };

/* A role line: returns its role and sets *colon to the token after ':'. */
static int role_line(const struct pr_para *p, size_t *colon)
{
  size_t b = p->body, k = b;
  int body = 0; /* "Cơ quan", "Đơn vị", "Lực lượng", "Trách nhiệm" */
  if (pr_match(p, k, p->ntok, "co quan") || pr_match(p, k, p->ntok, "don vi") ||
      pr_match(p, k, p->ntok, "luc luong") || pr_match(p, k, p->ntok, "trach nhiem")) {
    k += 2;
    body = 1;
  }
  int role = ROLE_NONE;
  if (pr_match(p, k, p->ntok, "chu tri"))
    role = ROLE_LEAD;
  else if (body && pr_match(p, k, p->ntok, "thuc hien")) /* "Đơn vị thực hiện:" */
    role = ROLE_LEAD;
  else if (pr_match(p, k, p->ntok, "phoi hop"))
    role = ROLE_SUPPORT;
  else if (pr_match(p, k, p->ntok, "tham muu"))
    role = ROLE_ADVISE;
  else if (k == b &&
           ((pr_match(p, k, p->ntok, "thoi gian") && (pr_match(p, k + 2, p->ntok, "thuc hien") ||
                                                      pr_match(p, k + 2, p->ntok, "hoan thanh"))) ||
            pr_match(p, k, p->ntok, "thoi han")))
    role = ROLE_TIME;
  if (role == ROLE_NONE)
    return ROLE_NONE;
  /* the colon within the next few words */
  for (size_t j = k; j < p->ntok && j < k + 6; j++)
    if (pr_tok_is(p, j, ":")) {
      *colon = j + 1;
      return role;
    }
  return ROLE_NONE;
}

/* The agency list opening the body (after "Đề nghị", "Giao" ...), or after
 * an opening clause ("Căn cứ ..., các sở ... xây dựng"). Returns its end,
 * or the body start when none; *start gets where the list starts. */
static size_t opener(const struct pr_para *p, size_t *start)
{
  size_t b = p->body;
  *start = b;
  size_t e = pr_agency_phrase(p, b, p->ntok);
  if (e > b)
    return e;
  static const char *const intros[] = {"can cu",    "tren co so",      "de",
                                       "qua trinh", "trong qua trinh", NULL};
  int intro = 0;
  for (size_t k = 0; intros[k]; k++)
    if (pr_match(p, b, p->ntok, intros[k]))
      intro = 1;
  if (!intro)
    return b;
  size_t lim = p->ntok < b + 40 ? p->ntok : b + 40;
  for (size_t k = b + 1; k < lim; k++) {
    if (pr_tok_is(p, k, ";") || pr_tok_is(p, k, "."))
      break;
    if (!pr_tok_is(p, k - 1, ",") && !pr_match(p, k, p->ntok, "cac"))
      continue;
    size_t x = pr_agency_phrase(p, k, p->ntok);
    if (x > k && x < p->ntok && p->tok[x].kind == TK_WORD) {
      *start = k;
      return x;
    }
  }
  return b;
}

/* An agency heading: the body is nothing but an agency list (and a colon). */
static int agency_heading(const struct pr_para *p)
{
  size_t st;
  size_t e = opener(p, &st);
  if (e == p->body || st != p->body)
    return 0;
  while (e < p->ntok && (pr_tok_is(p, e, ":") || pr_tok_is(p, e, ".")))
    e++;
  return e >= p->ntok;
}

/* A numbered heading: short, and not a sentence; or a numbered line that
 * does not end a sentence and has bullets or deeper items under it ("5. Tập
 * trung công tác cai nghiện ...; quản lý ..." followed by "- ..."). */
static int is_heading(const struct pr_para *p, const struct pr_para *next)
{
  if (p->mk == MK_NUM && next && !pr_ends_terminal(p) &&
      (next->mk == MK_DASH || next->mk == MK_PLUS || next->mk == MK_DOT ||
       (next->mk == MK_NUM && next->depth > p->depth)) &&
      pr_agency_phrase(p, p->body, p->ntok) == p->body)
    return 1;
  if (p->mk != MK_NUM && p->mk != MK_LETTER && p->mk != MK_ROMAN)
    return 0;
  size_t n = p->ntok - p->body;
  if (n == 0)
    return 1;
  if (agency_heading(p))
    return 1;
  if ((p->heading || p->all_bold) && n <= 60)
    return 1;
  if (n > 30 || pr_find(p, p->body, p->ntok, ";") != NO_TOK)
    return 0;
  if (pr_tok_is(p, p->ntok - 1, ":"))
    return 1;
  return !pr_ends_terminal(p) || p->all_bold || p->heading;
}

static int copy_list(struct pr_doc *d, char ***dst, size_t *dn, char *const *src, size_t sn)
{
  for (size_t k = 0; k < sn; k++)
    if (plan_strv_add(dst, dn, src[k], d->err)) {
      d->failed = 1;
      return ERR_NOMEM;
    }
  return ERR_OK;
}

/* Agencies named in tokens [a, b): the split list, or the whole span as one
 * name when the lexicon knows none of it. */
static void names_in(struct pr_doc *d, const struct pr_para *p, size_t a, size_t b, char ***v,
                     size_t *n)
{
  size_t e = pr_agency_phrase(p, a, b);
  if (e > a && pr_agency_split(d, p, a, e, v, n) > 0)
    return;
  char *whole = pr_span(d, p, a, b, ",;:.-\xE2\x80\x93\xE2\x80\xA6()");
  if (whole && plan_strv_add(v, n, whole, d->err))
    d->failed = 1;
}

/* Coordinators after "phối hợp (với)" in [a, b), if an agency follows. */
static void support_in(struct pr_doc *d, const struct pr_para *p, size_t a, size_t b, char ***v,
                       size_t *n)
{
  size_t k = pr_find(p, a, b, "phoi hop");
  while (k != NO_TOK) {
    size_t s = k + 2;
    if (pr_match(p, s, b, "voi") || pr_match(p, s, b, "chat che voi"))
      s += pr_match(p, s, b, "voi") ? 1 : 3;
    while (s < b && (pr_tok_is(p, s, ",") || pr_tok_is(p, s, ":")))
      s++;
    size_t e = pr_agency_phrase(p, s, b);
    if (e > s) {
      pr_agency_split(d, p, s, e, v, n);
      return;
    }
    k = pr_find(p, k + 2, b, "phoi hop");
  }
}

/* Words before the deadline at `dl`, back to "(" or ";", that name a report
 * ("(Quý I trước ngày 10/3; sơ kết 6 tháng trước ngày 10/6)"): such a
 * deadline is the reporting schedule (plan_read_reports.c), not the task's. */
static int names_report(const struct pr_para *p, size_t a, size_t dl)
{
  size_t k = dl;
  while (k > a && !pr_tok_is(p, k - 1, "(") && !pr_tok_is(p, k - 1, ";"))
    k--;
  for (; k < dl; k++) {
    if (pr_match(p, k, dl, "bao cao") || pr_match(p, k, dl, "so ket") ||
        pr_match(p, k, dl, "tong ket") || pr_match(p, k, dl, "dinh ky"))
      return 1;
    /* "Quý I", "quý 2": not "quy định" */
    if (pr_match(p, k, dl, "quy") && k + 1 < dl &&
        (p->tok[k + 1].kind == TK_NUM || (p->tok[k + 1].upper && p->tok[k + 1].len <= 3)))
      return 1;
  }
  return 0;
}

/* 1 when token k of p lies inside a parenthesis opened at or after a. */
static int in_paren(const struct pr_para *p, size_t a, size_t k)
{
  int depth = 0;
  for (size_t j = a; j < k; j++) {
    if (pr_tok_is(p, j, "("))
      depth++;
    else if (pr_tok_is(p, j, ")") && depth)
      depth--;
  }
  return depth > 0;
}

/* "Once, then kept up": after the deadline that ends at token `after`, in
 * the same statement (to ";", a sentence end, or the closing parenthesis of
 * a parenthesised deadline), the task is kept up: "sau đó duy trì thường
 * xuyên", "và thực hiện thường xuyên". */
static int then_ongoing(const struct pr_para *p, size_t after, size_t b, int paren)
{
  size_t e = after;
  while (e < b && !pr_tok_is(p, e, ";") && !(paren && pr_tok_is(p, e, ")")) &&
         !(pr_tok_is(p, e, ".") && (e + 1 >= b || p->tok[e + 1].upper)))
    e++;
  return pr_find(p, after, e, "duy tri") != NO_TOK || pr_cadence(p, after, e) == CADENCE_ONGOING;
}

/* The task's deadline in [a, b): the first outside parentheses, else the
 * first inside one that names no report ("(hoàn thành trước ngày
 * 30/8/2024)"). *ongoing says whether it is "once, then kept up". */
static int due_in(struct pr_doc *d, const struct plan *pl, const struct pr_para *p, size_t a,
                  size_t b, struct date *out, int *ongoing)
{
  struct pr_deadline dl[8];
  size_t n = pr_deadlines(d, p, a, b, dl, 8);
  size_t pick = NO_TOK;
  int paren = 0;
  for (size_t k = 0; k < n && pick == NO_TOK; k++)
    if (!in_paren(p, a, dl[k].tok))
      pick = k;
  for (size_t k = 0; k < n && pick == NO_TOK; k++)
    if (!names_report(p, a, dl[k].tok)) {
      pick = k;
      paren = 1;
    }
  if (pick == NO_TOK)
    return 0;
  *out = dl[pick].yearless ? pr_date_resolve(pl, d, dl[pick].date) : dl[pick].date;
  if (ongoing)
    *ongoing = then_ongoing(p, dl[pick].after, b, paren);
  return 1;
}

/* Numbered items "(1) ... (2) ..." in [a, b): their token starts (after the
 * marker) and ends. Returns the count, 0 when there are fewer than two. */
static size_t items_in(const struct pr_para *p, size_t a, size_t b, size_t (*it)[2], size_t max)
{
  size_t n = 0;
  int want = 1;
  for (size_t k = a; k + 2 < b && n < max; k++) {
    if (!pr_tok_is(p, k, "(") || p->tok[k + 1].kind != TK_NUM || !pr_tok_is(p, k + 2, ")"))
      continue;
    const char *num = p->text + p->tok[k + 1].off;
    int v = 0;
    for (size_t j = 0; j < p->tok[k + 1].len && j < 3; j++)
      v = v * 10 + (num[j] - '0');
    if (v != want)
      continue;
    if (n)
      it[n - 1][1] = k;
    it[n][0] = k + 3;
    it[n][1] = b;
    n++;
    want++;
  }
  return n >= 2 ? n : 0;
}

struct scope {
  char **lead; /* the section's agency (an agency heading or subject) */
  size_t n_lead;
  char **support; /* its coordinators ("X chủ trì, phối hợp Y:"), or none */
  size_t n_support;
  int depth; /* numbering depth of the heading; 50 for a letter */
  int mk;    /* the bullet marker that opened it (the bullet scope) */
};

static void scope_clear(struct scope *s)
{
  plan_strv_free(&s->lead, &s->n_lead);
  plan_strv_free(&s->support, &s->n_support);
  s->depth = 0;
  s->mk = MK_NONE;
}

static int scope_set(struct pr_doc *d, struct scope *s, char *const *lead, size_t nl,
                     char *const *sup, size_t ns, int depth, int mk)
{
  scope_clear(s);
  s->depth = depth;
  s->mk = mk;
  return copy_list(d, &s->lead, &s->n_lead, lead, nl) ||
                 copy_list(d, &s->support, &s->n_support, sup, ns)
             ? ERR_NOMEM
             : ERR_OK;
}

static int is_bullet(int mk)
{
  return mk == MK_DASH || mk == MK_PLUS || mk == MK_DOT;
}

/* A bullet marked `mk` sits under one marked `owner`: another kind of
 * bullet ("+" under "-", "-" under "•"), but "-" never under "+", which is
 * the deeper of the two in the administrative style; "(1)" items too. */
static int under_bullet(int owner, int mk)
{
  if (!is_bullet(owner))
    return 0;
  return mk == MK_PAREN || (is_bullet(mk) && mk != owner && !(owner == MK_PLUS && mk == MK_DASH));
}

/* The paragraph n sits under p: a plain paragraph or a deeper item. */
static int sits_under(const struct pr_para *p, const struct pr_para *n)
{
  if (!n || n->part != p->part)
    return 0;
  if (n->mk == MK_NONE || n->mk == MK_PAREN)
    return 1;
  if (is_bullet(p->mk))
    return under_bullet(p->mk, n->mk);
  if (p->mk == MK_NUM)
    return is_bullet(n->mk) || n->mk == MK_LETTER || (n->mk == MK_NUM && n->depth > p->depth);
  if (p->mk == MK_LETTER)
    return is_bullet(n->mk);
  return 0;
}

/* A line that introduces the items under it and ends with a colon: "-
 * Công an tỉnh chủ trì, phối hợp các sở, ngành:", "- Sở Y tế:", "- Công
 * tác kiểm tra:". It is no task. When it names agencies (and nothing but
 * agencies, roles and "như sau"), they go to *lead and *sup and 1 is
 * returned; 0 for a line naming nobody; -1 when p is not such a line. */
static int intro_line(struct pr_doc *d, const struct pr_para *p, const struct pr_para *next,
                      char ***lead, size_t *nl, char ***sup, size_t *ns)
{
  if (p->ntok <= p->body || !pr_tok_is(p, p->ntok - 1, ":") || !sits_under(p, next) ||
      p->ntok - p->body > 40)
    return -1;
  size_t colon = p->ntok - 1;
  size_t st, oe = opener(p, &st);
  if (oe == p->body || st != p->body) {
    /* a bullet heading naming nobody: short, one clause */
    if (!is_bullet(p->mk) || colon - p->body > 12 || pr_find(p, p->body, colon, ";") != NO_TOK ||
        pr_find(p, p->body, colon, ".") != NO_TOK)
      return -1;
    return 0;
  }
  static const char *const fill[] = {"chu tri",   "phoi hop",     "voi",          "chat che",
                                     "thuc hien", "cac nhiem vu", "cac noi dung", "noi dung",
                                     "nhu sau",   "sau",          "cu the",       NULL};
  for (size_t k = oe; k < colon;) {
    size_t m = 0;
    for (size_t f = 0; fill[f] && !m; f++)
      m = pr_match(p, k, colon, fill[f]);
    if (!m && (pr_tok_is(p, k, ",") || pr_tok_is(p, k, "-")))
      m = 1;
    if (!m) {
      size_t e = pr_agency_phrase(p, k, colon);
      m = e - k;
    }
    if (!m)
      return -1;
    k += m;
  }
  pr_agency_split(d, p, st, oe, lead, nl);
  support_in(d, p, oe, colon, sup, ns);
  return 1;
}

static int para_depth(const struct pr_para *p)
{
  return p->mk == MK_ROMAN ? 1 : p->mk == MK_NUM ? p->depth : p->mk == MK_LETTER ? 50 : 100;
}

/* ---- phases ---------------------------------------------------------- */

#define MAX_PHASE_KEYS 32

/* The plan's phase names as folded word phrases ("giai doan 1"), to find
 * them in a task's tokens; a name that is only the phase word ("Giai
 * đoạn") names no phase in prose. At most MAX_PHASE_KEYS, so the search
 * stays linear in the text. */
struct phase_keys {
  const char *key[MAX_PHASE_KEYS];
  const char *name[MAX_PHASE_KEYS];
  size_t n;
};

static void phase_keys_build(struct pr_doc *d, const struct plan *pl, struct phase_keys *pk)
{
  pk->n = 0;
  for (size_t k = 0; k < pl->n_phases && pk->n < MAX_PHASE_KEYS; k++) {
    const char *nm = pl->phases[k].name;
    char *key = NULL;
    if (!nm || text_key(&key, nm, NULL) != ERR_OK || !key) {
      free(key);
      continue;
    }
    if (strchr(key, ' ') && strcmp(key, "giai doan") != 0) {
      pk->key[pk->n] = pr_strndup(d, key, strlen(key));
      pk->name[pk->n] = nm;
      if (pk->key[pk->n])
        pk->n++;
    }
    free(key);
  }
}

/* The phase a span [a, b) names ("trong giai đoạn 1"), or NULL. */
static const char *phase_in(const struct phase_keys *pk, const struct pr_para *p, size_t a,
                            size_t b)
{
  for (size_t k = 0; k < pk->n; k++)
    if (pr_find(p, a, b, pk->key[k]) != NO_TOK)
      return pk->name[k];
  return NULL;
}

/* The phase a heading opens: its body starts with a phase's name, or its
 * date range is a phase's ("3. Tấn công, trấn áp (từ ngày 01/8/2025 đến
 * ngày 30/9/2025)"). *only: the heading is nothing but that phase and its
 * dates, so it is no task. */
static const char *phase_opened(struct pr_doc *d, const struct plan *pl,
                                const struct phase_keys *pk, const struct pr_para *p, int *only)
{
  *only = 0;
  for (size_t k = 0; k < pk->n; k++) {
    size_t m = pr_match(p, p->body, p->ntok, pk->key[k]);
    if (!m)
      continue;
    size_t e = p->ntok;
    while (e > p->body && (pr_tok_is(p, e - 1, ":") || pr_tok_is(p, e - 1, ".")))
      e--;
    struct date s, en;
    *only = p->body + m == e || (pr_tok_is(p, p->body + m, "(") && pr_tok_is(p, e - 1, ")") &&
                                 pr_range(d, p, p->body + m, e, &s, &en) == 0 &&
                                 pr_find(p, p->body + m + 1, e - 1, "(") == NO_TOK);
    return pk->name[k];
  }
  struct date s, e;
  if (p->ntok - p->body > 40 || pr_range(d, p, p->body, p->ntok, &s, &e) != 0)
    return NULL;
  for (size_t k = 0; k < pl->n_phases; k++)
    if (pl->phases[k].name && date_cmp(pl->phases[k].start, s) == 0 &&
        date_cmp(pl->phases[k].end, e) == 0)
      return pl->phases[k].name;
  return NULL;
}

/* The parenthesis that ends [a, b), with only punctuation after it: *o at
 * its "(", *c at its ")". Returns 0 when there is one. Scans back from b
 * over the item only. */
static int trailing_paren(const struct pr_para *p, size_t a, size_t b, size_t *o, size_t *c)
{
  size_t e = b;
  while (e > a && (pr_tok_is(p, e - 1, ".") || pr_tok_is(p, e - 1, ";") ||
                   pr_tok_is(p, e - 1, ",") || pr_tok_is(p, e - 1, ":")))
    e--;
  if (e <= a || !pr_tok_is(p, e - 1, ")"))
    return -1;
  int depth = 0;
  for (size_t k = e; k-- > a;) {
    if (pr_tok_is(p, k, ")"))
      depth++;
    else if (pr_tok_is(p, k, "(") && --depth == 0) {
      *o = k;
      *c = e - 1;
      return 0;
    }
  }
  return -1;
}

/* The roles a parenthesis (o, c) names when it opens with agencies and a
 * role: "(X chủ trì, phối hợp Y thực hiện)", "(X thực hiện thường xuyên)",
 * "(X, Z phối hợp Y ...)": X into *lead, Y into *sup; *chair when X "chủ
 * trì". Returns the number of leads (0 for an aside: "(học sinh, sinh viên)",
 * "(Công an, Bộ đội Biên phòng)"). */
static size_t paren_roles(struct pr_doc *d, const struct pr_para *p, size_t o, size_t c,
                          char ***lead, size_t *nl, char ***sup, size_t *ns, int *chair)
{
  size_t e = pr_agency_phrase(p, o + 1, c);
  if (e == o + 1)
    return 0;
  size_t r = e;
  while (r < c && pr_tok_is(p, r, ","))
    r++;
  *chair = pr_match(p, r, c, "chu tri") != 0;
  if (!*chair && !pr_match(p, r, c, "phoi hop") && !pr_match(p, r, c, "thuc hien") &&
      !pr_match(p, r, c, "tham muu"))
    return 0;
  pr_agency_split(d, p, o + 1, e, lead, nl);
  support_in(d, p, r, c, sup, ns);
  return *nl;
}

/* Make one task of tokens [a, b) of p. `in->lead` is the agency the item
 * states itself (in->own: its opening subject) or inherits from the heading
 * or bullet above it. A parenthesis closing the item that names a lead is the
 * task's lead over an inherited one, and with "chủ trì" over the item's
 * subject too; *named is set when it was taken. */
struct inherit {
  char *const *lead; /* the item's agency, its own or inherited */
  size_t n_lead;
  int own; /* lead is the item's own subject */
  char *const *sup;
  size_t n_sup;
  const char *phase; /* the phase of the heading it sits under, or NULL */
  const struct phase_keys *pk;
};

static int task_add(struct pr_doc *d, struct plan *pl, const struct pr_para *p, size_t a, size_t b,
                    const struct inherit *in, int *named)
{
  char *const *lead = in->lead, *const *sup = in->sup;
  size_t n_lead = in->n_lead, n_sup = in->n_sup;
  int own = in->own;
  *named = 0;
  /* a span without a word ("-", "(", a stray marker) is no task */
  size_t w = a;
  while (w < b && p->tok[w].kind != TK_WORD)
    w++;
  if (w >= b)
    return ERR_OK;
  struct plan_task *t;
  if (plan_add_task(pl, &t, d->err))
    return ERR_NOMEM;
  /* the phase its text names, else the heading's */
  const char *ph = phase_in(in->pk, p, a, b);
  t->phase = pr_own(d, ph ? ph : in->phase);
  t->section = p->section[0] ? pr_own(d, p->section) : NULL;
  t->text = pr_own(d, pr_span(d, p, a, b, ",;:.-\xE2\x80\x93 "));
  char **pld = NULL, **psp = NULL;
  size_t npl = 0, nps = 0, o, c;
  int chair = 0;
  if (trailing_paren(p, a, b, &o, &c) == 0)
    paren_roles(d, p, o, c, &pld, &npl, &psp, &nps, &chair);
  int use = npl && (chair || !own || !n_lead);
  *named = use;
  int rc = use ? copy_list(d, &t->lead, &t->n_lead, pld, npl)
               : copy_list(d, &t->lead, &t->n_lead, lead, n_lead);
  if (!rc)
    rc = use && nps ? copy_list(d, &t->support, &t->n_support, psp, nps)
                    : copy_list(d, &t->support, &t->n_support, sup, n_sup);
  plan_strv_free(&pld, &npl);
  plan_strv_free(&psp, &nps);
  if (rc)
    return ERR_NOMEM;
  if (!t->n_support)
    support_in(d, p, a, b, &t->support, &t->n_support);
  /* a coordinator that is also the lead is the lead */
  t->cadence = pr_cadence(p, a, b);
  int ongoing = 0;
  if (due_in(d, pl, p, a, b, &t->due_on, &ongoing)) {
    if (ongoing) {
      t->then_ongoing = 1;
      t->cadence = CADENCE_ONGOING;
    } else if (t->cadence == CADENCE_NONE) {
      t->cadence = CADENCE_ONCE;
    }
  }
  return d->failed ? ERR_NOMEM : ERR_OK;
}

/* The time a role line or a closing parenthesis gives its tasks. */
struct when {
  struct date due;   /* y == 0: none */
  int cadence;       /* enum task_cadence */
  int ongoing;       /* due, then kept up */
  const char *phase; /* a phase it names, or NULL */
};

/* Fill what tasks [from, to) lack from a role line or a closing
 * parenthesis. `prefix`: only tasks whose section starts with it (NULL: all). */
static int tasks_fill(struct pr_doc *d, struct plan *pl, size_t from, size_t to, const char *prefix,
                      int role, char *const *v, size_t n, const struct when *w)
{
  size_t pl_len = prefix ? strlen(prefix) : 0;
  for (size_t k = from; k < to; k++) {
    struct plan_task *t = &pl->tasks[k];
    if (prefix && (!t->section || strncmp(t->section, prefix, pl_len) != 0 ||
                   (t->section[pl_len] != '\0' && t->section[pl_len] != '.')))
      continue;
    int r = role;
    if (r == ROLE_ADVISE)
      r = t->n_lead ? ROLE_SUPPORT : ROLE_LEAD;
    if (r == ROLE_LEAD && !t->n_lead && copy_list(d, &t->lead, &t->n_lead, v, n))
      return ERR_NOMEM;
    if (r == ROLE_SUPPORT && !t->n_support && copy_list(d, &t->support, &t->n_support, v, n))
      return ERR_NOMEM;
    if (w->due.y && !t->due_on.y) {
      t->due_on = w->due;
      if (w->ongoing) {
        t->then_ongoing = 1;
        t->cadence = CADENCE_ONGOING;
      }
    }
    if (w->cadence != CADENCE_NONE && (t->cadence == CADENCE_NONE || t->cadence == CADENCE_ONCE))
      t->cadence = (enum task_cadence)w->cadence;
    if (t->due_on.y && t->cadence == CADENCE_NONE)
      t->cadence = CADENCE_ONCE;
    if (w->phase && !t->phase && !(t->phase = pr_own(d, w->phase)))
      return ERR_NOMEM;
  }
  return ERR_OK;
}

/* A closing parenthesis "(X chủ trì, phối hợp Y thực hiện ...)". */
static int closing_paren(const struct pr_para *p)
{
  if (p->mk != MK_NONE || p->body >= p->ntok || !pr_tok_is(p, p->body, "("))
    return 0;
  size_t last = p->ntok;
  while (last > p->body && (pr_tok_is(p, last - 1, ".") || pr_tok_is(p, last - 1, ";")))
    last--;
  if (last == 0 || !pr_tok_is(p, last - 1, ")"))
    return 0;
  return pr_find(p, p->body, last, "chu tri") != NO_TOK ||
         pr_find(p, p->body, last, "phoi hop") != NO_TOK ||
         pr_find(p, p->body, last, "thuc hien") != NO_TOK;
}

static int apply_paren(struct pr_doc *d, struct plan *pl, const struct phase_keys *pk,
                       const struct pr_para *p, size_t from)
{
  size_t a = p->body + 1, b = p->ntok;
  char **lead = NULL, **sup = NULL;
  size_t nl = 0, ns = 0;
  size_t e = pr_agency_phrase(p, a, b);
  if (e > a)
    pr_agency_split(d, p, a, e, &lead, &nl);
  support_in(d, p, a, b, &sup, &ns);
  struct when w = {{0, 0, 0}, CADENCE_NONE, 0, phase_in(pk, p, a, b)};
  due_in(d, pl, p, a, b, &w.due, &w.ongoing);
  w.cadence = pr_cadence(p, a, b);
  int rc = tasks_fill(d, pl, from, pl->n_tasks, NULL, ROLE_LEAD, lead, nl, &w);
  if (!rc)
    rc = tasks_fill(d, pl, from, pl->n_tasks, NULL, ROLE_SUPPORT, sup, ns, &w);
  plan_strv_free(&lead, &nl);
  plan_strv_free(&sup, &ns);
  return rc;
}

static int apply_role(struct pr_doc *d, struct plan *pl, const struct phase_keys *pk,
                      const struct pr_para *p, int role, size_t colon, size_t from, size_t to,
                      const char *prefix)
{
  char **v = NULL;
  size_t n = 0;
  struct when w = {{0, 0, 0}, CADENCE_NONE, 0, NULL};
  if (role == ROLE_TIME) {
    /* the label itself is part of the line: "Thời gian thực hiện: 31/7/2025" */
    due_in(d, pl, p, p->body, p->ntok, &w.due, &w.ongoing);
    w.cadence = pr_cadence(p, colon, p->ntok);
    if (w.cadence == CADENCE_NONE && pr_find(p, colon, p->ntok, "duy tri") != NO_TOK)
      w.cadence = CADENCE_ONGOING;
    w.phase = phase_in(pk, p, colon, p->ntok); /* "Thời gian thực hiện: Giai đoạn 2" */
  } else {
    names_in(d, p, colon, p->ntok, &v, &n);
  }
  int rc = tasks_fill(d, pl, from, to, prefix, role == ROLE_TIME ? ROLE_NONE : role, v, n, &w);
  plan_strv_free(&v, &n);
  return rc ? rc : d->failed ? ERR_NOMEM : ERR_OK;
}

/* Items "(1) ... (2) ... (thực hiện thường xuyên)." of one paragraph,
 * tasks [first, first + ni): when only the last item ends with a
 * parenthesis stating a time, and names nobody, that time is the whole
 * paragraph's, given to the items that state none. When earlier items end
 * with their own parenthesis, the writer timed each item: nothing is
 * spread. */
static int spread_time(struct pr_doc *d, struct plan *pl, const struct phase_keys *pk,
                       const struct pr_para *p, size_t (*it)[2], size_t ni, size_t first)
{
  size_t o, c;
  for (size_t k = 0; k + 1 < ni; k++)
    if (trailing_paren(p, it[k][0], it[k][1], &o, &c) == 0)
      return ERR_OK;
  if (trailing_paren(p, it[ni - 1][0], it[ni - 1][1], &o, &c) != 0 ||
      pr_agency_phrase(p, o + 1, c) > o + 1)
    return ERR_OK;
  struct when w = {{0, 0, 0}, CADENCE_NONE, 0, phase_in(pk, p, o, c)};
  due_in(d, pl, p, o, c + 1, &w.due, &w.ongoing);
  w.cadence = pr_cadence(p, o, c);
  if (!w.due.y && w.cadence == CADENCE_NONE && !w.phase)
    return ERR_OK;
  return tasks_fill(d, pl, first, first + ni - 1, NULL, ROLE_NONE, NULL, 0, &w);
}

/* Report bullets ("- Báo cáo sơ kết ... trước ngày ...") are the schedule, not tasks. */
static int report_bullet(struct pr_doc *d, const struct pr_para *p)
{
  if (!pr_match(p, p->body, p->ntok, "bao cao"))
    return 0;
  struct pr_deadline dl[1];
  return pr_deadlines(d, p, p->body, p->ntok, dl, 1) == 1;
}

/* "Thời gian thực hiện: từ ... đến ..." in the closing part: the period. */
static int period_line(const struct pr_para *p)
{
  return pr_match(p, p->body, p->ntok, "thoi gian") && p->ntok - p->body < 30;
}

int pr_read_tasks(struct pr_doc *d, struct plan *pl)
{
  struct scope sc = {0};  /* the agency of the enclosing numbered section */
  struct scope sub = {0}; /* the agency of the last bullet, for what sits under it */
  size_t group = 0;       /* first task a closing parenthesis completes */
  size_t last_from = 0;   /* tasks of the last task paragraph: [last_from, last_to) */
  size_t last_to = 0;
  int after_task = 0;       /* only role lines since the last task paragraph */
  const char *phase = NULL; /* the phase the current heading opened */
  int phase_depth = 0;
  struct phase_keys pk;
  phase_keys_build(d, pl, &pk);
  int rc = ERR_OK;
  for (size_t i = 0; i < d->npara && rc == ERR_OK; i++) {
    struct pr_para *p = &d->paras[i];
    if (p->part_kind != PART_TASKS && p->part_kind != PART_ORG)
      continue;
    if (p->mk == MK_ROMAN || (d->parts && p->part >= 0 && d->parts[p->part].first == i)) {
      scope_clear(&sc);
      scope_clear(&sub);
      group = pl->n_tasks;
      after_task = 0;
      phase = NULL;
      continue;
    }
    /* a new heading or numbered paragraph closes a narrower scope */
    int dep = para_depth(p);
    int only_phase = 0;
    if (p->mk == MK_NUM || p->mk == MK_LETTER) {
      if (phase && dep <= phase_depth)
        phase = NULL;
      const char *ph = phase_opened(d, pl, &pk, p, &only_phase);
      if (ph) {
        phase = ph;
        phase_depth = dep;
      }
    }
    if (sc.n_lead && dep <= sc.depth)
      scope_clear(&sc);
    if (p->mk != MK_NONE && !under_bullet(sub.mk, p->mk))
      scope_clear(&sub);
    if (p->mk == MK_NUM || p->mk == MK_LETTER)
      group = pl->n_tasks;
    size_t colon;
    int role = role_line(p, &colon);
    if (role != ROLE_NONE) {
      if (after_task) {
        rc = apply_role(d, pl, &pk, p, role, colon, last_from, last_to, NULL);
      } else {
        /* under its own heading: the parent section's tasks */
        char prefix[48];
        snprintf(prefix, sizeof prefix, "%s", p->section);
        char *dot = strrchr(prefix, '.');
        if (dot)
          *dot = '\0';
        rc = apply_role(d, pl, &pk, p, role, colon, 0, pl->n_tasks, prefix);
      }
      continue;
    }
    if (closing_paren(p)) {
      rc = apply_paren(d, pl, &pk, p, group);
      group = pl->n_tasks;
      after_task = 0;
      continue;
    }
    const struct pr_para *next = i + 1 < d->npara ? &d->paras[i + 1] : NULL;
    char **ilead = NULL, **isup = NULL;
    size_t inl = 0, ins = 0;
    int intro = intro_line(d, p, next, &ilead, &inl, &isup, &ins);
    if (intro >= 0 || only_phase || is_heading(p, next)) {
      after_task = 0;
      int bullet = is_bullet(p->mk) || p->mk == MK_NONE;
      if (agency_heading(p) && !bullet) {
        scope_clear(&sc);
        names_in(d, p, p->body, p->ntok, &sc.lead, &sc.n_lead);
        sc.depth = dep;
      } else if (intro > 0) {
        /* "X chủ trì, phối hợp Y:" over its items; a bullet over the
         * deeper bullets and plain paragraphs after it */
        if (bullet)
          rc = scope_set(d, &sub, ilead, inl, isup, ins, dep, p->mk == MK_NONE ? MK_DOT : p->mk);
        else
          rc = scope_set(d, &sc, ilead, inl, isup, ins, dep, MK_NONE);
      }
      plan_strv_free(&ilead, &inl);
      plan_strv_free(&isup, &ins);
      continue;
    }
    if (report_bullet(d, p) || (p->part_kind == PART_ORG && period_line(p))) {
      after_task = 0;
      continue;
    }
    /* a task paragraph */
    char **lead = NULL, **sup = NULL;
    size_t nl = 0, ns = 0;
    size_t st;
    size_t oe = opener(p, &st);
    size_t text_from = p->body;
    int own = oe > st;
    if (oe > st) {
      pr_agency_split(d, p, st, oe, &lead, &nl);
      /* "X chủ trì, phối hợp (với) Y:" */
      size_t k = oe;
      if (pr_match(p, k, p->ntok, "chu tri"))
        support_in(d, p, k, p->ntok < k + 40 ? p->ntok : k + 40, &sup, &ns);
      /* a label "X:" (bold or not) opens the text */
      if (pr_tok_is(p, oe, ":"))
        text_from = oe + 1;
      else if (p->opener_end > oe && pr_tok_is(p, p->opener_end - 1, ":"))
        text_from = p->opener_end;
      /* a numbered paragraph opened by an agency is a scope for what
       * follows it; a bullet one only for the plain paragraphs after it */
      if ((p->mk == MK_NUM || p->mk == MK_LETTER) && nl)
        rc = scope_set(d, &sc, lead, nl, NULL, 0, dep, MK_NONE);
      else if ((is_bullet(p->mk) || p->mk == MK_PAREN) && nl && !sub.n_lead)
        rc = scope_set(d, &sub, lead, nl, NULL, 0, dep, p->mk);
    } else if ((p->mk == MK_NONE || under_bullet(sub.mk, p->mk)) && sub.n_lead) {
      copy_list(d, &lead, &nl, sub.lead, sub.n_lead);
      copy_list(d, &sup, &ns, sub.support, sub.n_support);
    } else if (sc.n_lead) {
      copy_list(d, &lead, &nl, sc.lead, sc.n_lead);
      copy_list(d, &sup, &ns, sc.support, sc.n_support);
    }
    size_t it[MAX_ITEMS][2];
    size_t ni = items_in(p, p->body, p->ntok, it, MAX_ITEMS);
    last_from = pl->n_tasks;
    int named = 0, any_named = 0;
    struct inherit in = {lead, nl, own, sup, ns, phase, &pk};
    if (ni) {
      for (size_t k = 0; k < ni && rc == ERR_OK; k++) {
        rc = task_add(d, pl, p, it[k][0], it[k][1], &in, &named);
        any_named |= named;
      }
      if (rc == ERR_OK)
        rc = spread_time(d, pl, &pk, p, it, ni, last_from);
    } else {
      rc = task_add(d, pl, p, text_from, p->ntok, &in, &any_named);
    }
    last_to = pl->n_tasks;
    /* items that name their own lead at their end close the group a later
     * closing line completes */
    if (any_named)
      group = pl->n_tasks;
    after_task = 1;
    plan_strv_free(&lead, &nl);
    plan_strv_free(&sup, &ns);
    if (d->failed)
      rc = ERR_NOMEM;
  }
  scope_clear(&sc);
  scope_clear(&sub);
  return rc;
}
