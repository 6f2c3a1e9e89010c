/* agency.c: the agency lexicon and the resolver of agency names.
 *
 * Names are compared word by word on their text_key() form (no case, no
 * diacritics, no punctuation), so "Sở LĐ-TB&XH", "Sở Lao động, Thương binh
 * và Xã hội" and "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" read alike. Three
 * small tables drive everything: the words that open an agency name (heads),
 * the phrases that give its kind, and the words that give its level. They
 * are general to Vietnamese administration, not to any one plan; the full
 * lexicon is listed in docs/agency.md. */
#include "domain/agency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/text.h"
#include "types/label.h"

/* ---- kinds --------------------------------------------------------------- */

/* Kind codes and labels are the label table's (LABEL_AGENCY_KIND follows
 * enum agency_kind). */
const char *agency_kind_name(enum agency_kind k)
{
  if ((int)k <= AGENCY_NONE || k >= AGENCY_KIND_COUNT)
    return NULL;
  return label_code_at(LABEL_AGENCY_KIND, (size_t)k);
}

const char *agency_kind_label(enum agency_kind k)
{
  if ((int)k <= AGENCY_NONE || k >= AGENCY_KIND_COUNT)
    return NULL;
  return label_at(LABEL_AGENCY_KIND, (size_t)k);
}

enum agency_kind agency_kind_from_name(const char *name)
{
  int i = name && *name ? label_index(LABEL_AGENCY_KIND, name) : -1;
  return i > 0 ? (enum agency_kind)i : AGENCY_NONE;
}

const char *agency_level_name(enum agency_level l)
{
  const char *c = label_code_at(LABEL_AGENCY_LEVEL, (size_t)l);
  return *c ? c : NULL;
}

/* ---- words ---------------------------------------------------------------- */

#define MAX_WORDS 64

struct word {
  size_t start, end; /* byte span in the NFC text */
  char key[48];      /* text_key of the word, truncated */
};

struct words {
  struct word w[MAX_WORDS];
  size_t n;
};

static int is_alnum_cp(utf8proc_int32_t cp)
{
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* Split NFC text into words (runs of letters, digits and marks), each with its
 * key. Words past MAX_WORDS are ignored: no agency name is that long. */
static int split_words(struct words *out, const char *s, struct err *err)
{
  out->n = 0;
  size_t n = strlen(s), i = 0;
  while (i < n && out->n < MAX_WORDS) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0)
      return err_set(err, ERR_INPUT, "tên cơ quan không phải UTF-8 hợp lệ");
    if (!is_alnum_cp(cp)) {
      i += (size_t)k;
      continue;
    }
    size_t st = i;
    while (i < n) {
      k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
      if (k <= 0 || !is_alnum_cp(cp))
        break;
      i += (size_t)k;
    }
    struct word *w = &out->w[out->n++];
    w->start = st;
    w->end = i;
    char tmp[192];
    size_t len = i - st < sizeof tmp - 1 ? i - st : sizeof tmp - 1;
    memcpy(tmp, s + st, len);
    tmp[len] = '\0';
    char *key = NULL;
    int krc = text_key(&key, tmp, NULL);
    if (krc == ERR_NOMEM)
      return err_nomem(err);
    if (krc != ERR_OK) {
      w->key[0] = '\0'; /* a word cut inside a character: keep it, unmatched */
    } else {
      snprintf(w->key, sizeof w->key, "%s", key);
      free(key);
    }
  }
  return ERR_OK;
}

/* Do the words of `phrase` ("lao dong thuong binh") match at words[i]?
 * Returns the number of words matched, 0 if not. */
static size_t match_phrase(const struct words *ws, size_t i, const char *phrase)
{
  size_t k = 0;
  const char *p = phrase;
  while (*p) {
    const char *sp = strchr(p, ' ');
    size_t len = sp ? (size_t)(sp - p) : strlen(p);
    if (i + k >= ws->n || strlen(ws->w[i + k].key) != len || memcmp(ws->w[i + k].key, p, len) != 0)
      return 0;
    k++;
    p += len;
    if (*p == ' ')
      p++;
  }
  return k;
}

/* Index of the first word where `phrase` matches, from `from`; ws->n if none. */
static size_t find_phrase(const struct words *ws, size_t from, const char *phrase)
{
  for (size_t i = from; i < ws->n; i++)
    if (match_phrase(ws, i, phrase))
      return i;
  return ws->n;
}

/* ---- heads: the words that open an agency name ---------------------------- */

static const char *const HEADS[] = {
    /* longest first where one is a prefix of another */
    "uy ban mat tran to quoc",
    "uy ban nhan dan",
    "bo chi huy bo doi bien phong",
    "bo chi huy quan su",
    "ban chi huy quan su",
    "bo chi huy",
    "ban chi huy",
    "bo doi bien phong",
    "ban chi dao",
    "ban dan toc",
    "vien kiem sat nhan dan",
    "vien kiem sat",
    "toa an nhan dan",
    "toa an",
    "cong an",
    "canh sat",
    "chi cuc",
    "cuc",
    "so",
    "phong",
    "ban",
    "uy ban",
    "ubnd",
    "ubmttq",
    "mttq",
    "mat tran",
    "vksnd",
    "vks",
    "tand",
    "bcd",
    "vien",
    "trung tam",
    "tram y te", /* the commune health station */
    "tram",
    "dai",
    "benh vien",
    "hoi dong",
    "hoi lien hiep",
    "hoi",
    "lien doan",
    "lien hiep",
    "hiep hoi",
    "tinh doan",
    "huyen doan",
    "thanh doan",
    "thi doan",
    "quan doan thanh nien",
    "doan thanh nien",
    "doan tncs",
    "doan tn",
    "don bien phong",
    "don",
    "truong",
    "van phong",
    "thanh tra",
    "kho bac",
    "ngan hang",
    "bao hiem xa hoi",
    "doi",
    "hai quan",
    "bo doi",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "thi uy",
    "dang uy",
    "chi nhanh",
    "cong ty",
    "co quan",
    "bao",
    "bo",
    "hoc vien",
    "dai hoc",
    "chi doan",
    "to chuc"};

/* Words after "bao"/"bo"/"don"/"doi"/"hoi" that show it is not an agency
 * ("báo cáo", "bảo đảm", "bổ sung" ... fold to the same letters). */
static int head_is_false(const struct words *ws, size_t i, const char *head)
{
  if (i + 1 >= ws->n)
    return 0;
  const char *next = ws->w[i + 1].key;
  static const char *const not_after_bao[] = {"cao", "dam", "ve",   "hiem", "dong", "dao",
                                              "ton", "luu", "quan", "tro",  "lanh", NULL};
  static const char *const not_after_hoi[] = {"nghi", "dam", "thao", "thi", "tu", "vien", NULL};
  static const char *const not_after_bo[] = {"sung", "tri", "phan", "may",
                                             "tuc",  "tu",  "sung", NULL};
  static const char *const not_after_don[] = {"vi", "doc", "gian", "dep", "nhan", "vao", NULL};
  static const char *const not_after_doi[] = {"voi",   "tuong", "ngu",  "moi",
                                              "thoai", "chieu", "song", NULL};
  const char *const *list = NULL;
  if (strcmp(head, "bao") == 0)
    list = not_after_bao;
  else if (strcmp(head, "bo") == 0)
    list = not_after_bo;
  else if (strcmp(head, "don") == 0)
    list = not_after_don;
  else if (strcmp(head, "doi") == 0)
    list = not_after_doi;
  else if (strcmp(head, "hoi") == 0)
    list = not_after_hoi;
  else if (strcmp(head, "so") == 0 && (strcmp(next, "luong") == 0 || strcmp(next, "lieu") == 0))
    return 1; /* "số lượng", "số liệu" */
  if (!list)
    return 0;
  for (size_t k = 0; list[k]; k++)
    if (strcmp(next, list[k]) == 0)
      return 1;
  return 0;
}

static size_t head_at(const struct words *ws, size_t i)
{
  for (size_t h = 0; h < sizeof HEADS / sizeof *HEADS; h++) {
    size_t m = match_phrase(ws, i, HEADS[h]);
    if (m && !head_is_false(ws, i + m - 1, HEADS[h]))
      return m;
  }
  return 0;
}

size_t agency_head_words(const char *key)
{
  if (!key)
    return 0;
  struct words ws;
  ws.n = 0;
  /* key is already folded: split on spaces */
  const char *p = key;
  while (*p && ws.n < MAX_WORDS) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    struct word *w = &ws.w[ws.n++];
    snprintf(w->key, sizeof w->key, "%.*s", (int)(len < sizeof w->key ? len : sizeof w->key - 1),
             p);
    p += len;
  }
  return head_at(&ws, 0);
}

/* ---- kinds by phrase ------------------------------------------------------- */

static const struct {
  const char *phrase;
  enum agency_kind kind;
} KIND_PHRASES[] = {
    /* order matters: the first phrase found anywhere in the name decides */
    {"mat tran to quoc", AGENCY_FATHERLAND_FRONT},
    {"mttq", AGENCY_FATHERLAND_FRONT},
    {"ubmttq", AGENCY_FATHERLAND_FRONT},
    {"bien phong", AGENCY_BORDER_GUARD},
    {"bdbp", AGENCY_BORDER_GUARD},
    {"hai quan", AGENCY_CUSTOMS},
    {"vien kiem sat", AGENCY_PROCURACY},
    {"vksnd", AGENCY_PROCURACY},
    {"vks", AGENCY_PROCURACY},
    {"toa an", AGENCY_COURT},
    {"tand", AGENCY_COURT},
    {"quan ly thi truong", AGENCY_MARKET_MANAGEMENT},
    {"qltt", AGENCY_MARKET_MANAGEMENT},
    {"lao dong thuong binh", AGENCY_LABOUR_SOCIAL},
    {"ldtbxh", AGENCY_LABOUR_SOCIAL},
    {"ld tb xh", AGENCY_LABOUR_SOCIAL},
    {"ld tbxh", AGENCY_LABOUR_SOCIAL},
    {"lien doan lao dong", AGENCY_LABOUR_FEDERATION},
    {"ldld", AGENCY_LABOUR_FEDERATION},
    {"phu nu", AGENCY_WOMEN_UNION},
    {"lhpn", AGENCY_WOMEN_UNION},
    {"hoi nong dan", AGENCY_FARMERS_UNION},
    {"cuu chien binh", AGENCY_VETERANS_UNION},
    {"ccb", AGENCY_VETERANS_UNION},
    {"nguoi cao tuoi", AGENCY_ELDERLY_ASSOCIATION},
    {"doan thanh nien", AGENCY_YOUTH_UNION},
    {"tinh doan", AGENCY_YOUTH_UNION},
    {"huyen doan", AGENCY_YOUTH_UNION},
    {"thanh doan", AGENCY_YOUTH_UNION},
    {"thi doan", AGENCY_YOUTH_UNION},
    {"quan doan thanh nien", AGENCY_YOUTH_UNION},
    {"doan tncs", AGENCY_YOUTH_UNION},
    {"doan tn", AGENCY_YOUTH_UNION},
    {"chi doan", AGENCY_YOUTH_UNION},
    {"cong an", AGENCY_POLICE},
    {"canh sat", AGENCY_POLICE},
    {"ban chi dao", AGENCY_STEERING_COMMITTEE},
    {"bcd", AGENCY_STEERING_COMMITTEE},
    {"thong tin va truyen thong", AGENCY_INFORMATION},
    {"thong tin truyen thong", AGENCY_INFORMATION},
    {"tt tt", AGENCY_INFORMATION},
    {"tttt", AGENCY_INFORMATION},
    {"phat thanh", AGENCY_MEDIA},
    {"ptth", AGENCY_MEDIA},
    {"truyen hinh", AGENCY_MEDIA},
    {"truyen thanh", AGENCY_MEDIA},
    {"bao chi", AGENCY_MEDIA},
    {"trung tam truyen thong", AGENCY_MEDIA},
    {"y te", AGENCY_HEALTH},
    {"benh vien", AGENCY_HEALTH},
    {"kiem soat benh tat", AGENCY_HEALTH},
    {"cdc", AGENCY_HEALTH},
    {"giao duc", AGENCY_EDUCATION},
    {"gd dt", AGENCY_EDUCATION},
    {"gddt", AGENCY_EDUCATION},
    {"dai hoc", AGENCY_EDUCATION},
    {"cao dang", AGENCY_EDUCATION},
    {"van hoa", AGENCY_CULTURE},
    {"vh tt", AGENCY_CULTURE},
    {"vhttdl", AGENCY_CULTURE},
    {"the thao", AGENCY_CULTURE},
    {"thong tin", AGENCY_INFORMATION},
    {"cong thuong", AGENCY_INDUSTRY_TRADE},
    {"phong kinh te", AGENCY_INDUSTRY_TRADE},
    {"nong nghiep", AGENCY_AGRICULTURE},
    {"nn ptnt", AGENCY_AGRICULTURE},
    {"nnptnt", AGENCY_AGRICULTURE},
    {"ke hoach va dau tu", AGENCY_PLANNING_INVESTMENT},
    {"ke hoach dau tu", AGENCY_PLANNING_INVESTMENT},
    {"kh dt", AGENCY_PLANNING_INVESTMENT},
    {"tai chinh", AGENCY_FINANCE},
    {"kho bac", AGENCY_FINANCE},
    {"thue", AGENCY_FINANCE},
    {"tu phap", AGENCY_JUSTICE},
    {"thi hanh an", AGENCY_JUSTICE},
    {"noi vu", AGENCY_HOME_AFFAIRS},
    {"ngoai vu", AGENCY_FOREIGN_AFFAIRS},
    {"dan toc", AGENCY_ETHNIC_AFFAIRS},
    {"uy ban nhan dan", AGENCY_PEOPLES_COMMITTEE},
    {"ubnd", AGENCY_PEOPLES_COMMITTEE},
    {"truong", AGENCY_EDUCATION},
    {"bao", AGENCY_MEDIA},
};

/* A general-education school's type after "Trường": what follows is the
 * school's own name ("Trường THCS Vân Hòa"), not a kind. */
static int school_type_at(const struct words *ws, size_t i)
{
  static const char *const types[] = {"thcs",   "thpt",   "tieu hoc",  "mam non",  "trung hoc",
                                      "ptdtbt", "ptdtnt", "pho thong", "mau giao", "tieu hoc va"};
  for (size_t t = 0; t < sizeof types / sizeof *types; t++)
    if (match_phrase(ws, i, types[t]))
      return 1;
  return 0;
}

/* The kind given by the name's words in [from, to), or AGENCY_NONE. A kind
 * word only counts when the name opens with a head or with the phrase itself. */
static enum agency_kind kind_of(const struct words *all, size_t from, size_t to)
{
  struct words lim = *all; /* the words up to `to` only */
  lim.n = to < all->n ? to : all->n;
  const struct words *ws = &lim;
  if (match_phrase(ws, from, "truong") && school_type_at(ws, from + 1))
    return AGENCY_EDUCATION;
  for (size_t p = 0; p < sizeof KIND_PHRASES / sizeof *KIND_PHRASES; p++) {
    size_t at = find_phrase(ws, from, KIND_PHRASES[p].phrase);
    if (at == ws->n)
      continue;
    /* single-word kinds that are also common nouns count only as the head */
    if ((strcmp(KIND_PHRASES[p].phrase, "truong") == 0 ||
         strcmp(KIND_PHRASES[p].phrase, "bao") == 0 ||
         strcmp(KIND_PHRASES[p].phrase, "thue") == 0) &&
        at != from)
      continue;
    if (strcmp(KIND_PHRASES[p].phrase, "bao") == 0 && head_is_false(ws, at, "bao"))
      continue;
    return KIND_PHRASES[p].kind;
  }
  return AGENCY_NONE;
}

/* ---- levels ---------------------------------------------------------------- */

/* The level named by the word at i ("tỉnh", "huyện", "cấp xã" ...), with the
 * number of words it takes; 0 when none. Guards the words that also appear in
 * other compounds: "xã hội", "địa phương", "quản lý". */
static size_t level_at(const struct words *ws, size_t i, enum agency_level *lv)
{
  const char *w = ws->w[i].key;
  const char *next = i + 1 < ws->n ? ws->w[i + 1].key : "";
  const char *prev = i > 0 ? ws->w[i - 1].key : "";
  if (strcmp(w, "trung") == 0 && strcmp(next, "uong") == 0) {
    *lv = AGENCY_LEVEL_CENTRAL;
    return 2;
  }
  if (strcmp(w, "tinh") == 0 || strcmp(w, "tw") == 0) {
    *lv = strcmp(w, "tw") == 0 ? AGENCY_LEVEL_CENTRAL : AGENCY_LEVEL_PROVINCE;
    return 1;
  }
  if (strcmp(w, "huyen") == 0) {
    *lv = AGENCY_LEVEL_DISTRICT;
    return 1;
  }
  if (strcmp(w, "thi") == 0 && strcmp(next, "xa") == 0) {
    *lv = AGENCY_LEVEL_DISTRICT;
    return 2;
  }
  if (strcmp(w, "thanh") == 0 && strcmp(next, "pho") == 0) {
    *lv = AGENCY_LEVEL_DISTRICT; /* a provincial city; the resolver corrects it by the unit */
    return 2;
  }
  if (strcmp(w, "tp") == 0) {
    *lv = AGENCY_LEVEL_DISTRICT;
    return 1;
  }
  if (strcmp(w, "quan") == 0 && strcmp(next, "ly") != 0 && strcmp(next, "su") != 0 &&
      strcmp(next, "doi") != 0 && strcmp(next, "tam") != 0 && strcmp(next, "he") != 0 &&
      strcmp(prev, "co") != 0 && strcmp(prev, "hai") != 0 && strcmp(prev, "lien") != 0 &&
      strcmp(prev, "nhan") != 0 && strcmp(prev, "tuong") != 0) {
    *lv = AGENCY_LEVEL_DISTRICT;
    return 1;
  }
  if (strcmp(w, "xa") == 0 && strcmp(next, "hoi") != 0 && strcmp(prev, "thi") != 0) {
    *lv = AGENCY_LEVEL_COMMUNE;
    return 1;
  }
  if (strcmp(w, "phuong") == 0 && strcmp(prev, "dia") != 0 && strcmp(next, "an") != 0 &&
      strcmp(next, "tien") != 0 && strcmp(next, "thuc") != 0 && strcmp(next, "cham") != 0) {
    *lv = AGENCY_LEVEL_COMMUNE;
    return 1;
  }
  if (strcmp(w, "thi") == 0 && strcmp(next, "tran") == 0) {
    *lv = AGENCY_LEVEL_COMMUNE;
    return 2;
  }
  if (strcmp(w, "dac") == 0 && strcmp(next, "khu") == 0) {
    *lv = AGENCY_LEVEL_COMMUNE;
    return 2;
  }
  return 0;
}

/* The level a head implies when no level word is written. */
static enum agency_level level_of_head(const struct words *ws, size_t i)
{
  static const struct {
    const char *phrase;
    enum agency_level level;
  } implied[] = {
      {"so", AGENCY_LEVEL_PROVINCE},         {"tinh doan", AGENCY_LEVEL_PROVINCE},
      {"tinh uy", AGENCY_LEVEL_PROVINCE},    {"huyen doan", AGENCY_LEVEL_DISTRICT},
      {"huyen uy", AGENCY_LEVEL_DISTRICT},   {"thi doan", AGENCY_LEVEL_DISTRICT},
      {"thi uy", AGENCY_LEVEL_DISTRICT},     {"thanh doan", AGENCY_LEVEL_DISTRICT},
      {"thanh uy", AGENCY_LEVEL_DISTRICT},   {"phong", AGENCY_LEVEL_DISTRICT},
      {"bo chi huy", AGENCY_LEVEL_PROVINCE}, {"ban chi huy", AGENCY_LEVEL_DISTRICT},
      {"cuc", AGENCY_LEVEL_CENTRAL},         {"bo doi", AGENCY_LEVEL_NONE},
      {"bo", AGENCY_LEVEL_CENTRAL},          {"chi cuc", AGENCY_LEVEL_PROVINCE},
      {"dai hoc", AGENCY_LEVEL_NONE},        {"trung uong", AGENCY_LEVEL_CENTRAL},
  };
  for (size_t k = 0; k < sizeof implied / sizeof *implied; k++)
    if (match_phrase(ws, i, implied[k].phrase))
      return implied[k].level;
  return AGENCY_LEVEL_NONE;
}

/* ---- groups ------------------------------------------------------------------ */

/* Words that, after "các"/"cấp" or standing alone, name a collection of
 * bodies rather than one: "các sở, ban, ngành", "các địa phương". */
static int group_noun(const char *w)
{
  static const char *const nouns[] = {
      "so",   "ban",   "nganh", "phong", "co",     "don",   "dia", "doan",   "huyen",
      "xa",   "tinh",  "thi",   "thanh", "phuong", "to",    "luc", "truong", "hoi",
      "cap",  "quan",  "cuc",   "chi",   "ubnd",   "uy",    "dau", "lanh",   "thu",
      "tang", "nha",   "doanh", "tram",  "ngan",   "nganh", "bo",  "vien",   "dai",
      "bao",  "trung", "benh",  "ho",    "khu",    "thon",  "ap",  "ban",    "lang",
      "hiep", "chinh", "mat",   "cong",  "thanh",  "tt",    "tp",  "tx",     NULL};
  for (size_t i = 0; nouns[i]; i++)
    if (strcmp(w, nouns[i]) == 0)
      return 1;
  return 0;
}

/* Leading words that are not part of the name: "Đề nghị", "Giao",
 * "Thủ trưởng", "Lực lượng". Returns how many to skip, and whether they make
 * the name a group ("Thủ trưởng các ...", "Lực lượng ... và các"). */
static size_t skip_lead_in(const struct words *ws)
{
  static const char *const lead_ins[] = {"de nghi",    "giao",     "yeu cau",
                                         "thu truong", "lanh dao", "luc luong",
                                         "chu tich",   "giam doc", "truong"};
  size_t i = 0;
  for (int again = 1; again;) {
    again = 0;
    for (size_t k = 0; k < sizeof lead_ins / sizeof *lead_ins; k++) {
      size_t m = match_phrase(ws, i, lead_ins[k]);
      /* "Trường" is a school unless followed by a head ("Trưởng Công an") */
      if (m && strcmp(lead_ins[k], "truong") == 0 && !head_at(ws, i + m) &&
          !match_phrase(ws, i + m, "cac"))
        continue;
      if (m && i + m < ws->n) {
        i += m;
        again = 1;
        break;
      }
    }
  }
  return i;
}

int agency_parse(struct agency_ref *out, const char *text, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (!text)
    return err_set(err, ERR_INPUT, "thiếu tên cơ quan");
  char *nfc = NULL;
  int rc = text_nfc(&nfc, text, err);
  if (rc)
    return rc;
  struct words ws;
  rc = split_words(&ws, nfc, err);
  if (rc) {
    free(nfc);
    return rc;
  }
  if (ws.n == 0) {
    free(nfc);
    return err_set(err, ERR_INPUT, "thiếu tên cơ quan");
  }
  /* the name ends where a role or an action starts: "X chủ trì, phối hợp ..." */
  static const char *const stops[] = {"chu tri",    "phoi hop", "thuc hien",
                                      "tham muu",   "co trach", "trien khai",
                                      "tang cuong", "chi dao",  "huong dan"};
  for (size_t s = 0; s < sizeof stops / sizeof *stops; s++) {
    size_t at = find_phrase(&ws, 1, stops[s]);
    /* "Ban Chỉ đạo" is a name, not the verb "chỉ đạo" */
    if (at < ws.n &&
        !(strcmp(stops[s], "chi dao") == 0 && at > 0 && strcmp(ws.w[at - 1].key, "ban") == 0))
      ws.n = at;
  }
  size_t i = skip_lead_in(&ws);
  int group = 0;
  size_t head = head_at(&ws, i);
  if (!head) {
    /* collective phrases: "các sở, ban, ngành", "cấp xã", "địa phương" */
    if ((match_phrase(&ws, i, "cac") || match_phrase(&ws, i, "cap")) && i + 1 < ws.n &&
        group_noun(ws.w[i + 1].key))
      group = 1;
    else if (match_phrase(&ws, i, "dia phuong") || match_phrase(&ws, i, "don vi") ||
             match_phrase(&ws, i, "nganh chuc nang") || match_phrase(&ws, i, "doan the"))
      group = 1;
  }
  /* The body's own words end at the first level word after the head: what
   * follows names the place ("UBND xã Vân Hòa": "Vân Hòa" folds like "văn
   * hóa" and is no kind). */
  size_t own_end = ws.n;
  for (size_t k = i + (head ? head : 1); k < ws.n && own_end == ws.n; k++) {
    enum agency_level l;
    if (level_at(&ws, k, &l))
      own_end = k;
  }
  enum agency_kind kind = AGENCY_NONE;
  if (head || !group) {
    kind = kind_of(&ws, i, own_end);
    /* a kind phrase counts only where a name starts: with a head, or at once */
    if (!head && kind != AGENCY_NONE) {
      size_t first = ws.n;
      for (size_t p = 0; p < sizeof KIND_PHRASES / sizeof *KIND_PHRASES; p++)
        if (KIND_PHRASES[p].kind == kind) {
          size_t at = find_phrase(&ws, i, KIND_PHRASES[p].phrase);
          if (at < first)
            first = at;
        }
      if (first != i)
        kind = AGENCY_NONE;
    }
    if (head && kind == AGENCY_NONE)
      kind = AGENCY_OTHER;
  }
  /* "UBND các huyện", "Công an cấp xã", "Thủ trưởng các đơn vị": a group of one kind */
  /* ... up to a "và", which joins another body ("Ủy ban MTTQ tỉnh và các tổ
   * chức thành viên" is the front itself) */
  for (size_t k = i + head; head && k + 1 < ws.n && strcmp(ws.w[k].key, "va") != 0; k++)
    if ((strcmp(ws.w[k].key, "cac") == 0 || strcmp(ws.w[k].key, "cap") == 0) &&
        group_noun(ws.w[k + 1].key)) {
      group = 1;
      break;
    }
  if (i > 0 && (match_phrase(&ws, 0, "thu truong") || match_phrase(&ws, 0, "lanh dao")) && !head)
    group = 1;
  if (kind == AGENCY_NONE && !group) {
    free(nfc);
    return ERR_OK; /* not an agency */
  }
  out->kind = kind;
  out->is_group = group;
  /* the level: a written level word wins over the one the head implies */
  enum agency_level lv = AGENCY_LEVEL_NONE;
  size_t lv_at = ws.n, lv_len = 0;
  for (size_t k = i + (head ? head : 0); k < ws.n; k++) {
    enum agency_level l;
    size_t m = level_at(&ws, k, &l);
    if (m) {
      lv = l;
      lv_at = k;
      lv_len = m;
      break;
    }
  }
  /* "Tỉnh Đoàn", "Huyện Đoàn": the level is in the head itself */
  enum agency_level implied = head ? level_of_head(&ws, i) : AGENCY_LEVEL_NONE;
  if (lv == AGENCY_LEVEL_NONE)
    lv = implied;
  /* "các sở, ban, ngành" gathers provincial departments, "các phòng" district ones */
  if (lv == AGENCY_LEVEL_NONE && group && !head) {
    if (find_phrase(&ws, i, "so") < ws.n)
      lv = AGENCY_LEVEL_PROVINCE;
    else if (find_phrase(&ws, i, "phong") < ws.n)
      lv = AGENCY_LEVEL_DISTRICT;
  } else if (implied == AGENCY_LEVEL_CENTRAL && lv != AGENCY_LEVEL_CENTRAL &&
             match_phrase(&ws, i, "bo") && !match_phrase(&ws, i, "bo chi huy"))
    lv = AGENCY_LEVEL_CENTRAL; /* "Bộ Y tế" stays central whatever follows */
  out->level = lv;
  /* the place: words after the level word that are not another level or
   * group word ("huyện Bình Sơn"), or after a head that carries the level
   * ("Huyện Đoàn Bình Sơn") */
  size_t pstart = ws.n;
  if (lv_at < ws.n)
    pstart = lv_at + lv_len;
  else if (implied != AGENCY_LEVEL_NONE &&
           (match_phrase(&ws, i, "huyen doan") || match_phrase(&ws, i, "tinh doan") ||
            match_phrase(&ws, i, "thanh doan") || match_phrase(&ws, i, "thi doan")))
    pstart = i + 2;
  if (!group && pstart < ws.n) {
    size_t pend = pstart;
    while (pend < ws.n) {
      enum agency_level l;
      if (level_at(&ws, pend, &l) || strcmp(ws.w[pend].key, "va") == 0 ||
          strcmp(ws.w[pend].key, "cac") == 0 || head_at(&ws, pend) >= 2 ||
          strcmp(ws.w[pend].key, "ubnd") == 0)
        break;
      pend++;
    }
    if (pend > pstart) {
      size_t a = ws.w[pstart].start, b = ws.w[pend - 1].end;
      snprintf(out->place, sizeof out->place, "%.*s", (int)(b - a), nfc + a);
    }
  }
  free(nfc);
  return ERR_OK;
}

/* ---- resolution against the units --------------------------------------------- */

/* The agency level of units of `level` in `tree`. */
static enum agency_level level_of_unit(const char *tree, int level)
{
  if (level == 1)
    return AGENCY_LEVEL_PROVINCE;
  if (strcmp(tree, UNIT_TREE_OLD) == 0)
    return level == 2 ? AGENCY_LEVEL_DISTRICT : AGENCY_LEVEL_COMMUNE;
  return AGENCY_LEVEL_COMMUNE;
}

static void set_unit(struct agency_ref *out, const struct unit *u)
{
  snprintf(out->unit_tree, sizeof out->unit_tree, "%s", u->tree);
  snprintf(out->unit_code, sizeof out->unit_code, "%s", u->code);
  snprintf(out->unit_name, sizeof out->unit_name, "%s %s", u->type, u->name);
}

/* The province code of a unit (walking up its parents). */
static int province_of(struct unit *prov, struct store *st, const struct unit *u, const char *at,
                       struct err *err)
{
  struct unit cur = *u;
  for (int guard = 0; cur.level > 1 && guard < 4; guard++) {
    int rc = unit_get(&cur, st, cur.tree, cur.parent_code, at, err);
    if (rc)
      return rc;
  }
  *prov = cur;
  return ERR_OK;
}

int agency_resolve(struct agency_ref *out, struct store *st, const char *text, const char *tree,
                   const char *unit_code, const char *at, struct err *err)
{
  int rc = agency_parse(out, text, err);
  if (rc)
    return rc;
  if ((out->kind == AGENCY_NONE && !out->is_group) || !st || !unit_code || !*unit_code)
    return ERR_OK;
  if (!tree || !*tree)
    tree = UNIT_TREE_NEW;
  struct unit plan_unit;
  rc = unit_get(&plan_unit, st, tree, unit_code, at, err);
  if (rc)
    return rc; /* an unknown plan unit is the caller's error: say so */
  enum agency_level plan_level = level_of_unit(tree, plan_unit.level);
  if (out->is_group) {
    set_unit(out, &plan_unit); /* the group gathers the plan unit's agencies */
    if (out->level == AGENCY_LEVEL_NONE)
      out->level = plan_level;
    return ERR_OK;
  }
  if (out->level == AGENCY_LEVEL_CENTRAL)
    return ERR_OK;
  struct unit prov;
  rc = province_of(&prov, st, &plan_unit, at, err);
  if (rc)
    return rc;
  if (out->place[0]) {
    /* a named place: the unit of that name inside the plan's province */
    struct unit_list l;
    rc = unit_find(&l, st, out->place, at, err);
    if (rc == ERR_OK) {
      /* first a unit of the level written; then, for "thành phố", a
       * centrally-governed city at province level */
      for (int pass = 0; pass < 2 && !out->unit_code[0]; pass++) {
        for (size_t k = 0; k < l.n; k++) {
          struct unit *u = &l.items[k];
          if (strcmp(u->tree, tree) != 0)
            continue;
          enum agency_level ul = level_of_unit(u->tree, u->level);
          if (out->level != AGENCY_LEVEL_NONE && ul != out->level &&
              !(pass == 1 && out->level == AGENCY_LEVEL_DISTRICT && ul == AGENCY_LEVEL_PROVINCE))
            continue;
          struct unit up;
          if (province_of(&up, st, u, at, NULL) != ERR_OK || strcmp(up.code, prov.code) != 0)
            continue;
          out->level = ul;
          set_unit(out, u);
          break;
        }
      }
      unit_list_free(&l);
    }
    if (out->unit_code[0] || rc == ERR_NOMEM)
      return rc == ERR_NOMEM ? rc : ERR_OK;
    /* a place we cannot find: leave the unit unknown rather than guess */
    if (out->level == AGENCY_LEVEL_NONE)
      out->level = plan_level;
    return ERR_OK;
  }
  if (out->level == AGENCY_LEVEL_NONE)
    out->level = plan_level;
  if (out->level == AGENCY_LEVEL_PROVINCE) {
    set_unit(out, &prov);
    return ERR_OK;
  }
  if (out->level == plan_level) {
    set_unit(out, &plan_unit);
    return ERR_OK;
  }
  if (out->level == AGENCY_LEVEL_DISTRICT && plan_level == AGENCY_LEVEL_COMMUNE &&
      strcmp(tree, UNIT_TREE_OLD) == 0) {
    struct unit d;
    if (unit_get(&d, st, tree, plan_unit.parent_code, at, NULL) == ERR_OK)
      set_unit(out, &d);
  }
  /* "Công an huyện" in a province plan: each district's police; no one unit */
  return ERR_OK;
}
