/* plan_read_agency.c: agency names in running plan text.
 *
 * Plans name the bodies that act in lists: "Công an huyện, Viện Kiểm sát nhân
 * dân huyện và các phòng, ban, ngành". Where a name starts is decided by the
 * agency lexicon (agency_head_words: "Công an", "Sở", "Ủy ban nhân dân" ...)
 * or by a collective opener ("các" + a group noun, "cấp" + a level). Where it
 * ends is decided by the words a name is made of: capitalised words, numbers,
 * level and group nouns and a few modifiers ("liên quan", "chức năng", "đóng
 * trên địa bàn", "khác", "còn lại"); the first other word (a verb: "chủ trì",
 * "triển khai", "tiếp tục") ends the name, and so the list. Inside a list:
 *   - a comma or "và" followed by a new head or by "các" starts a new name;
 *   - a comma followed by a capitalised non-head word continues the name
 *     ("Sở Lao động, Thương binh và Xã hội");
 *   - a comma followed by a group noun continues a collective ("các cơ quan,
 *     đơn vị, địa phương", "UBND các huyện, thị xã, thành phố") when the
 *     name so far ends with a group noun;
 *   - "các" right after a complete name with its level starts a new name
 *     even without a comma ("Công an tỉnh các sở, ban, ngành");
 *   - "Cơ quan thường trực ..." after a name is an apposition and dropped.
 * Every scan is bounded by the paragraph and moves forward only. */
#include <stdlib.h>
#include <string.h>

#include "domain/agency.h"
#include "ingest/plan_read_int.h"

#define NO_TOK ((size_t)-1)

/* Folded last words of group nouns: a collective may continue after them. */
static const char *const group_last[] = {
    "so",  "ban",  "nganh", "the",  "phong", "quan", "vi",     "phuong", "hoi",  "huyen", "xa",
    "pho", "tran", "tinh",  "doan", "cuc",   "tram", "truong", "luong",  "vien", NULL};

/* Words that open a collective after a comma ("..., đơn vị, địa phương"). */
static const char *const group_first[] = {
    "so",    "ban",  "nganh",  "doan", "phong",  "co",   "don", "dia", "hoi", "huyen", "xa", "thi",
    "thanh", "quan", "phuong", "cap",  "truong", "tram", "cuc", "luc", "to",  "chi",   NULL};

/* Lower-case words a name may hold after its head. */
static const char *const name_words[] = {
    "tinh",   "huyen", "xa",    "thi",   "tran",  "thanh",  "pho",   "quan",   "phuong", "cap",
    "cac",    "so",    "ban",   "nganh", "doan",  "the",    "phong", "don",    "vi",     "dia",
    "hoi",    "to",    "chuc",  "luc",   "luong", "chuyen", "trach", "nghiep", "vu",     "vien",
    "chinh",  "tri",   "nhan",  "dan",   "khac",  "con",    "lai",   "lien",   "chuc",   "nang",
    "trung",  "uong",  "tren",  "thuoc", "tien",  "hanh",   "tung",  "truong", "cuc",    "tram",
    "doi",    "dieu",  "tra",   "lao",   "dong",  "thuong", "binh",  "y",      "te",     "giao",
    "duc",    "dao",   "tao",   "van",   "hoa",   "thong",  "tin",   "truyen", "hinh",   "nong",
    "thon",   "phat_", "trien", "cong",  "an",    "kiem_",  "sat",   "toa",    "chi",    "huy",
    "bien",   "hai",   "bo",    "nhan",  "dan",   "nu",     "cuu",   "chien",  "tuoi",   "cao",
    "nguoi",  "ngoai", "noi",   "tai",   "tu",    "phap",   "mat",   "tran",   "quoc",   "thi",
    "thuong", "tam",   "vien",  "benh",  "thanh", "nien",   "hoc",   "sinh",   "ho",     "ban",
    "quy",    "lam",   "viec",  "lanh",  "dao",   "thu",    "thao",  "dang",   "san",    "ninh",
    "truc",   "ly",    "phu",   NULL};

static int in_list(const char *w, const char *const *list)
{
  for (; *list; list++)
    if (strcmp(w, *list) == 0)
      return 1;
  return 0;
}

static int is_level_word(const struct pr_para *p, size_t k);

/* Head words of an agency at token i: agency_head_words over the folded
 * words from i (at most 8, stopping at punctuation). */
static size_t head_words(const struct pr_para *p, size_t i, size_t end)
{
  char key[160];
  size_t k = 0, n = 0;
  for (size_t j = i; j < end && j < i + 8 && p->tok[j].kind != TK_PUNCT; j++) {
    size_t l = strlen(p->tok[j].fold);
    if (k + l + 2 >= sizeof key)
      break;
    if (k)
      key[k++] = ' ';
    memcpy(key + k, p->tok[j].fold, l);
    k += l;
    n++;
  }
  key[k] = '\0';
  if (!n)
    return 0;
  size_t h = agency_head_words(key);
  /* lexicon additions for bodies plans name that are not agencies of a kind */
  if (!h && (pr_match(p, i, end, "to cong tac") || pr_match(p, i, end, "doan cong tac")))
    h = 3;
  if (!h && pr_match(p, i, end, "thanh vien ban chi dao"))
    h = 4;
  if (h && pr_match(p, i, end, "co quan") && !pr_match(p, i, end, "co quan dieu tra") &&
      !pr_match(p, i, end, "co quan thuong truc") && !pr_match(p, i, end, "co quan thi hanh") &&
      !(i + 2 < end && p->tok[i + 2].upper))
    return 0; /* "cơ quan" alone is a common noun; "cơ quan Trung ương" a body */
  /* verbs and nouns that share a head word: "Tổ chức tập huấn" (to
   * organise), "Phòng, chống ma túy" / "phòng ngừa" (to prevent) */
  if (h && pr_match(p, i, end, "to chuc") && i + 2 < end && !p->tok[i + 2].upper &&
      !pr_match(p, i + 2, end, "chinh tri") && !pr_match(p, i + 2, end, "thanh vien") &&
      !pr_match(p, i + 2, end, "doan the") && !pr_match(p, i + 2, end, "hoi"))
    return 0;
  /* verbs that fold onto a head word and the word after it: "Ban hành"
   * (issue), "Sơ kết" (review), "Đoàn kết", "Viện trợ", "Trường hợp" ...;
   * "Thanh tra" inspects unless a level or a name follows ("Thanh tra tỉnh") */
  static const char *const verbs[] = {"ban hanh",   "ban bo",   "ban giao", "so ket",    "so bo",
                                      "so tuyen",   "so cuu",   "doan ket", "doan vien", "vien tro",
                                      "truong hop", "hoi nhap", "cuc bo",   "dai dien",  NULL};
  for (size_t v = 0; h && verbs[v]; v++)
    if (pr_match(p, i, end, verbs[v]) && i + 1 < end && !p->tok[i + 1].upper)
      return 0;
  if (h && pr_match(p, i, end, "thanh tra") &&
      (i + 2 >= end || p->tok[i + 2].kind != TK_WORD ||
       (!p->tok[i + 2].upper && !is_level_word(p, i + 2))))
    return 0;
  if (h && pr_match(p, i, end, "phong") &&
      (i + 1 >= end || p->tok[i + 1].kind == TK_PUNCT || pr_match(p, i + 1, end, "chong") ||
       pr_match(p, i + 1, end, "ngua") || pr_match(p, i + 1, end, "tranh")))
    return 0;
  return h;
}

size_t pr_agency_head(const struct pr_para *p, size_t i, size_t end, int in_lst)
{
  if (end > p->ntok)
    end = p->ntok;
  if (i >= end || p->tok[i].kind != TK_WORD)
    return 0;
  if (!p->tok[i].upper && !in_lst)
    return 0;
  return head_words(p, i, end);
}

/* Lead-in words kept in the name as written ("Thủ trưởng các sở",
 * "Lực lượng Công an", "Chủ tịch UBND"). */
static size_t lead_in(const struct pr_para *p, size_t i, size_t end)
{
  static const char *const ins[] = {"thu truong", "luc luong",      "chu tich",   "lanh dao",
                                    "giam doc",   "cac thanh vien", "thanh vien", NULL};
  for (size_t k = 0; ins[k]; k++) {
    size_t m = pr_match(p, i, end, ins[k]);
    if (m)
      return m;
  }
  return 0;
}

/* The short names of the forces, which a list may give bare ("Công an,
 * Biên phòng, Hải quan tỉnh"). */
static int force_at(const struct pr_para *p, size_t k, size_t end)
{
  static const char *const forces[] = {"bien phong", "hai quan",      "cong an", "quan doi",
                                       "toa an",     "vien kiem sat", "quan su", NULL};
  for (size_t f = 0; forces[f]; f++)
    if (pr_match(p, k, end, forces[f]))
      return 1;
  return 0;
}

/* A name opens at i: returns the tokens of its opening (head or collective), 0 when none. */
static size_t name_opens(const struct pr_para *p, size_t i, size_t end, int in_lst)
{
  if (i >= end || p->tok[i].kind != TK_WORD)
    return 0;
  size_t li = lead_in(p, i, end);
  if (li && p->tok[i].upper) {
    size_t h = name_opens(p, i + li, end, 1);
    if (h)
      return li + h;
  }
  size_t h = pr_agency_head(p, i, end, in_lst);
  if (h)
    return h;
  if (in_lst && p->tok[i].upper && force_at(p, i, end))
    return pr_match(p, i, end, "vien kiem sat") ? 3 : 2;
  /* "các sở", "các cơ quan", "cấp xã" */
  if ((pr_match(p, i, end, "cac") || pr_match(p, i, end, "cap")) && i + 1 < end &&
      p->tok[i + 1].kind == TK_WORD && in_list(p->tok[i + 1].fold, group_first))
    return 2;
  if (pr_match(p, i, end, "cac nganh") || pr_match(p, i, end, "cac doan the"))
    return 2;
  if (in_lst && (pr_match(p, i, end, "dia phuong") || pr_match(p, i, end, "don vi") ||
                 pr_match(p, i, end, "doan the")))
    return 2;
  return 0;
}

static int is_level_word(const struct pr_para *p, size_t k)
{
  static const char *const lv[] = {"tinh", "huyen", "xa", "pho", "tran", "phuong", "uong", NULL};
  return pr_tok_in(p, k, lv);
}

/* Phrases that start what a name does, not a word of it ("Cục Thuế kiểm
 * tra ..."): a lower-case word opening one of them ends the name. */
static const char *const action_starts[] = {
    "kiem tra",     "tang cuong", "day manh",   "thuc hien",  "xay dung",  "ra soat",
    "tuyen truyen", "huong dan",  "chi dao",    "to chuc",    "phat hien", "quan ly",
    "bao dam",      "dam bao",    "nang cao",   "chu dong",   "tham gia",  "ban hanh",
    "theo doi",     "thong ke",   "cap nhat",   "giam sat",   "dieu tra",  "xu ly",
    "phat huy",     "tiep tuc",   "trien khai", "quan triet", "don doc",   "tap trung",
    "duy tri",      "phoi hop",   "chu tri",    "lap ho so",  "co trach",  NULL};

/* Vietnamese capitalises only the first syllable of each word of a name:
 * "Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch". The
 * lower-case token k is the second syllable of such a word when the token
 * before it is a capitalised word that itself starts a word of the name:
 * right after the head (`body` is the first token after it) or after a
 * joining "và", comma, dash or lower-case word. A capitalised word after a
 * level ("huyện Bình Sơn") or after another capitalised one ("Lào Cai") is
 * a place, written all in capitals, so a lower-case word after it is not
 * part of the name ("UBND huyện Bình Sơn tăng cường ..."). */
static int second_syllable(const struct pr_para *p, size_t body, size_t k, size_t end)
{
  if (k < body + 1 || k >= end || p->tok[k].kind != TK_WORD || p->tok[k].upper)
    return 0;
  const struct pr_tok *w = &p->tok[k - 1];
  if (w->kind != TK_WORD || !w->upper)
    return 0;
  if (k - 1 > body) {
    const struct pr_tok *b = &p->tok[k - 2];
    if ((b->kind == TK_WORD && b->upper) || is_level_word(p, k - 2))
      return 0;
  }
  for (size_t a = 0; action_starts[a]; a++)
    if (pr_match(p, k, end, action_starts[a]))
      return 0;
  return 1;
}

/* A name's body from i (after its opening of `open` tokens): returns its end. */
static size_t name_end(const struct pr_para *p, size_t i, size_t open, size_t end, int *has_level)
{
  size_t k = i + open;
  *has_level = 0;
  for (size_t j = i; j < k; j++)
    if (is_level_word(p, j))
      *has_level = 1;
  while (k < end) {
    const struct pr_tok *t = &p->tok[k];
    if (t->kind == TK_NUM) {
      k++;
      continue;
    }
    if (t->kind == TK_PUNCT) {
      /* "Lao động - Thương binh": a dash joining capitalised words */
      if ((pr_tok_is(p, k, "-") || pr_tok_is(p, k, "\xE2\x80\x93")) && k + 1 < end &&
          p->tok[k + 1].upper && !pr_match(p, k + 1, end, "co quan thuong truc")) {
        k++;
        continue;
      }
      /* ", Thương binh và Xã hội": a comma inside a name; but ", Biên
       * phòng, Hải quan" names another force */
      if (pr_tok_is(p, k, ",") && k + 1 < end && p->tok[k + 1].upper && !force_at(p, k + 1, end) &&
          p->tok[k + 1].kind == TK_WORD && !name_opens(p, k + 1, end, 1) &&
          !pr_match(p, k + 1, end, "co quan") && !lead_in(p, k + 1, end)) {
        k++;
        continue;
      }
      /* ", thị xã", ", đơn vị", ", cấp xã": a collective goes on */
      if (pr_tok_is(p, k, ",") && k + 1 < end && !p->tok[k + 1].upper &&
          !pr_match(p, k + 1, end, "cac") && pr_tok_in(p, k + 1, group_first) &&
          (pr_match(p, k + 1, end, "cap") ||
           (k > i && pr_tok_in(p, k - 1, group_last) && !pr_match(p, k - 2, k, "cap")))) {
        k++;
        continue;
      }
      break;
    }
    if (t->upper) {
      if (k > i + open && name_opens(p, k, end, 0) >= 2 && *has_level)
        break; /* a second name glued on */
      k++;
      continue;
    }
    /* lower-case words */
    /* word pairs that belong to names though each word alone may be a verb:
     * "Viện kiểm sát" (not "kiểm soát"), "Phát triển" (not "phát huy"),
     * "cơ quan tiến hành tố tụng" */
    if (pr_match(p, k, end, "kiem sat") || pr_match(p, k, end, "phat trien")) {
      k += 2;
      continue;
    }
    if (pr_match(p, k, end, "tien hanh to tung")) {
      k += 4;
      continue;
    }
    if (pr_match(p, k, end, "va")) {
      /* "và" inside a name: "Lao động - Thương binh và Xã hội" */
      if (k + 1 < end && p->tok[k + 1].upper && !name_opens(p, k + 1, end, 1)) {
        k++;
        continue;
      }
      break;
    }
    if (pr_match(p, k, end, "cac")) {
      if (*has_level)
        break; /* "Công an tỉnh các sở": a new name */
      k++;
      continue;
    }
    if (strcmp(t->lower, "có") == 0) {
      if (pr_match(p, k, end, "co lien quan")) {
        k += 3;
        continue;
      }
      break;
    }
    if (strcmp(t->lower, "đồng") == 0 || pr_match(p, k, end, "chu tri") ||
        pr_match(p, k, end, "phoi hop") || pr_match(p, k, end, "thuc hien") ||
        pr_match(p, k, end, "to chuc thuc") || pr_match(p, k, end, "tham muu") ||
        pr_match(p, k, end, "chi dao") || pr_match(p, k, end, "trien khai") ||
        pr_match(p, k, end, "tien hanh") || pr_match(p, k, end, "quan tam") ||
        pr_match(p, k, end, "quan ly") || pr_match(p, k, end, "thuong xuyen") ||
        pr_match(p, k, end, "hoc tap") || pr_match(p, k, end, "bao cao") ||
        pr_match(p, k, end, "ban hanh"))
      break;
    if (pr_match(p, k, end, "to chuc") && k >= i + open && !pr_tok_is(p, k - 1, ","))
      break;
    if (second_syllable(p, i + open, k, end)) {
      k++;
      continue;
    }
    if (pr_match(p, k, end, "tu") && pr_find(p, k, k + 6 < end ? k + 6 : end, "den cap") == NO_TOK)
      break;
    if (pr_match(p, k, end, "den") && !pr_match(p, k, end, "den cap"))
      break;
    if (in_list(t->fold, name_words)) {
      if (is_level_word(p, k))
        *has_level = 1;
      k++;
      continue;
    }
    break;
  }
  return k;
}

/* Scan the list of names from i; each name's [start, end) goes to spans
 * (at most max; appositions are skipped). Returns the end of the list. */
static size_t scan_names(const struct pr_para *p, size_t i, size_t end, size_t (*spans)[2],
                         size_t max, size_t *nspans)
{
  if (end > p->ntok)
    end = p->ntok;
  *nspans = 0;
  size_t k = i, list_end = i;
  int first = 1;
  /* "Đề nghị X", "Giao X", "Yêu cầu X", "Riêng X", "Đối với X": the
   * request or the topic, not the name */
  for (;;) {
    size_t m = pr_match(p, k, end, "de nghi");
    if (!m)
      m = pr_match(p, k, end, "giao");
    if (!m)
      m = pr_match(p, k, end, "yeu cau");
    if (!m)
      m = pr_match(p, k, end, "rieng");
    if (!m)
      m = pr_match(p, k, end, "doi voi"); /* "Đối với Công an huyện:" */
    if (!m)
      break;
    k += m;
  }
  while (k < end) {
    size_t open = name_opens(p, k, end, !first);
    if (!open)
      break;
    int has_level;
    size_t e = name_end(p, k, open, end, &has_level);
    int appos = pr_match(p, k, end, "co quan thuong truc") != 0;
    if (!appos && *nspans < max) {
      spans[*nspans][0] = k;
      spans[*nspans][1] = e;
      (*nspans)++;
    }
    list_end = e;
    first = 0;
    k = e;
    /* the separator to the next name */
    size_t s = k;
    while (s < end && (pr_tok_is(p, s, ".") || pr_tok_is(p, s, "\xE2\x80\xA6")))
      s++; /* "Hội Nông dân tỉnh...:" */
    if (s < end && (pr_tok_is(p, s, ",") || pr_tok_is(p, s, ";") || pr_tok_is(p, s, "-") ||
                    pr_tok_is(p, s, "\xE2\x80\x93")))
      s++;
    if (s < end && pr_match(p, s, end, "va"))
      s++;
    if (s == k && !pr_match(p, s, end, "cac"))
      break;
    if (!name_opens(p, s, end, 1))
      break;
    k = s;
  }
  return *nspans || list_end > i ? list_end : i;
}

size_t pr_agency_phrase(const struct pr_para *p, size_t i, size_t end)
{
  size_t spans[32][2], n;
  return scan_names(p, i, end, spans, 32, &n);
}

int pr_agency_split(struct pr_doc *d, const struct pr_para *p, size_t i, size_t j, char ***v,
                    size_t *n)
{
  size_t spans[32][2], ns;
  scan_names(p, i, j, spans, 32, &ns);
  int added = 0;
  for (size_t k = 0; k < ns; k++) {
    char *name = pr_span(d, p, spans[k][0], spans[k][1], ",;:.-\xE2\x80\x93\xE2\x80\xA6");
    if (!name)
      continue;
    /* the same name twice in one list is kept once */
    int dup = 0;
    for (size_t m = 0; m < *n; m++)
      if (strcmp((*v)[m], name) == 0)
        dup = 1;
    if (dup)
      continue;
    if (plan_strv_add(v, n, name, d->err)) {
      d->failed = 1;
      return added;
    }
    added++;
  }
  return added;
}

int pr_agency_is_collective(const char *name)
{
  struct agency_ref r;
  if (!name || agency_parse(&r, name, NULL) != ERR_OK)
    return 0;
  return r.is_group && (r.kind == AGENCY_NONE || r.kind == AGENCY_OTHER);
}

int pr_agency_recognise(struct pr_doc *d, const char *name)
{
  (void)d;
  struct agency_ref r;
  if (!name || agency_parse(&r, name, NULL) != ERR_OK)
    return 0;
  return r.kind != AGENCY_NONE || r.is_group;
}
