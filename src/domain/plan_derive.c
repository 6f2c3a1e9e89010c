/* plan_derive.c: drafting a lower unit's implementing plan (see plan_derive.h).
 *
 * Every rule here reads the parent's names the way a save resolved them
 * (plan_edit_resolve) and decides from the administrative structure, never
 * from a particular plan's wording: which quotas name the unit, which
 * collective phrases ("UBND các huyện", "cấp xã", "các địa phương") reach
 * its tier, and which of its own agencies mirror a higher one (the police
 * of the province -> the police of the district). The rules are listed in
 * docs/plans.md, "Plans cascade". */
#include "domain/plan_derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/agency.h"
#include "domain/unit.h"

/* The tier of the lower unit: what its agencies are called. */
enum tier { TIER_DISTRICT, TIER_COMMUNE_OLD, TIER_COMMUNE_NEW };

/* A higher agency's counterpart at each tier, as the name prefix an agency
 * of the unit carries ("Công an" + " huyện Bảo Thắng"); NULL when the tier
 * has no such body. Since 1 July 2025 a commune gathers culture, education,
 * health administration and labour in its "Phòng Văn hóa - Xã hội" and the
 * economy in its "Phòng Kinh tế" (Decree 150/2025/NĐ-CP). */
static const struct mirror {
  enum agency_kind kind;
  const char *name[3]; /* by enum tier */
} MIRRORS[] = {
    {AGENCY_POLICE, {"Công an", "Công an", "Công an"}},
    {AGENCY_PEOPLES_COMMITTEE, {"Ủy ban nhân dân", "Ủy ban nhân dân", "Ủy ban nhân dân"}},
    {AGENCY_STEERING_COMMITTEE, {"Ban Chỉ đạo", "Ban Chỉ đạo", "Ban Chỉ đạo"}},
    {AGENCY_FATHERLAND_FRONT,
     {"Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam",
      "Ủy ban Mặt trận Tổ quốc Việt Nam"}},
    {AGENCY_YOUTH_UNION,
     {"Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
      "Đoàn Thanh niên Cộng sản Hồ Chí Minh"}},
    {AGENCY_WOMEN_UNION, {"Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ"}},
    {AGENCY_FARMERS_UNION, {"Hội Nông dân", "Hội Nông dân", "Hội Nông dân"}},
    {AGENCY_VETERANS_UNION, {"Hội Cựu chiến binh", "Hội Cựu chiến binh", "Hội Cựu chiến binh"}},
    {AGENCY_ELDERLY_ASSOCIATION,
     {"Hội Người cao tuổi", "Hội Người cao tuổi", "Hội Người cao tuổi"}},
    {AGENCY_LABOUR_FEDERATION, {"Liên đoàn Lao động", NULL, NULL}},
    {AGENCY_HEALTH, {"Phòng Y tế", "Trạm Y tế", "Trạm Y tế"}},
    {AGENCY_EDUCATION, {"Phòng Giáo dục và Đào tạo", NULL, "Phòng Văn hóa - Xã hội"}},
    {AGENCY_LABOUR_SOCIAL,
     {"Phòng Lao động - Thương binh và Xã hội", NULL, "Phòng Văn hóa - Xã hội"}},
    {AGENCY_CULTURE, {"Phòng Văn hóa và Thông tin", NULL, "Phòng Văn hóa - Xã hội"}},
    {AGENCY_INFORMATION, {"Phòng Văn hóa và Thông tin", NULL, "Phòng Văn hóa - Xã hội"}},
    {AGENCY_JUSTICE, {"Phòng Tư pháp", NULL, NULL}},
    {AGENCY_HOME_AFFAIRS, {"Phòng Nội vụ", NULL, NULL}},
    {AGENCY_FINANCE, {"Phòng Tài chính - Kế hoạch", NULL, "Phòng Kinh tế"}},
    {AGENCY_AGRICULTURE, {"Phòng Nông nghiệp và Phát triển nông thôn", NULL, "Phòng Kinh tế"}},
    {AGENCY_INDUSTRY_TRADE, {"Phòng Kinh tế và Hạ tầng", NULL, "Phòng Kinh tế"}},
    {AGENCY_PROCURACY, {"Viện Kiểm sát nhân dân", NULL, NULL}},
    {AGENCY_COURT, {"Tòa án nhân dân", NULL, NULL}},
};

/* The words, after "các" or "cấp", by which a collective phrase names the
 * units of a tier ("UBND các huyện, thị xã, thành phố", "Công an cấp xã",
 * "các xã, phường, thị trấn"). text_key forms. */
static const char *const DISTRICT_WORDS[] = {"huyen", "quan", "thi xa", "thanh pho", NULL};
static const char *const COMMUNE_WORDS[] = {"xa", "phuong", "thi tran", "dac khu", NULL};

struct derive {
  struct store *st;
  const struct plan_derive_in *in;
  enum tier tier;
  struct plan *out;
};

/* 1 when key (text_key form) holds "cac W" or "cap W" for a word W of words. */
static int names_tier(const char *key, const char *const *words)
{
  char pat[32];
  for (const char *const *w = words; *w; w++) {
    const char *lead[] = {"cac ", "cap "};
    for (int k = 0; k < 2; k++) {
      snprintf(pat, sizeof pat, "%s%s", lead[k], *w);
      for (const char *p = strstr(key, pat); p; p = strstr(p + 1, pat)) {
        size_t n = strlen(pat);
        if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
          return 1;
      }
    }
  }
  return 0;
}

/* 1 when key holds the word sequence w ("dia phuong") as whole words. */
static int has_words(const char *key, const char *w)
{
  size_t n = strlen(w);
  for (const char *p = strstr(key, w); p; p = strstr(p + 1, w))
    if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return 1;
  return 0;
}

/* How a name of the parent reaches the unit. */
enum reach {
  REACH_NONE,   /* not the unit's business */
  REACH_KEEP,   /* keep the name as written: it names the unit, or passes on below it */
  REACH_MIRROR, /* the unit's own counterpart of that agency */
  REACH_LOCAL   /* the localities themselves: the unit's people's committee */
};

/* The counterpart prefix of kind k at tier t, or NULL. */
static const char *mirror_name(enum agency_kind k, enum tier t)
{
  for (size_t i = 0; i < sizeof MIRRORS / sizeof MIRRORS[0]; i++)
    if (MIRRORS[i].kind == k)
      return MIRRORS[i].name[t];
  return NULL;
}

/* Decide how parent name `name` reaches the unit; *kind the agency kind
 * read. A group reaches the unit when it names the unit's tier ("UBND các
 * huyện" for a district) or the localities ("các địa phương"); it is passed
 * on as written when it names a tier below the unit ("UBND cấp xã" in a
 * district's plan). A single agency above the unit reaches it through its
 * counterpart; one sitting at the unit itself is kept. */
static int reach_of(enum reach *out, enum agency_kind *kind, struct derive *d, const char *name,
                    struct err *err)
{
  *out = REACH_NONE;
  *kind = AGENCY_NONE;
  struct store_plan_res r;
  int rc = plan_edit_resolve(&r, d->st, d->in->place, name, err);
  if (rc)
    return rc;
  const struct unit *u = d->in->unit;
  *kind = agency_kind_from_name(r.kind);
  if (r.unit_code[0] && !r.is_group && strcmp(r.unit_tree, u->tree) == 0 &&
      strcmp(r.unit_code, u->code) == 0) {
    *out = REACH_KEEP;
    return ERR_OK;
  }
  char *key;
  rc = text_key(&key, name, err);
  if (rc)
    return rc;
  int own =
      d->tier == TIER_DISTRICT ? names_tier(key, DISTRICT_WORDS) : names_tier(key, COMMUNE_WORDS);
  int below = d->tier == TIER_DISTRICT && names_tier(key, COMMUNE_WORDS);
  int localities = has_words(key, "dia phuong");
  free(key);
  if (r.is_group || own || below || localities) {
    if (own || localities)
      *out = (*kind == AGENCY_NONE) ? REACH_LOCAL
                                    : (mirror_name(*kind, d->tier) ? REACH_MIRROR : REACH_NONE);
    else if (below)
      *out = REACH_KEEP;
    return ERR_OK;
  }
  /* one agency: above the unit (its level, or a unit that is not the unit's) */
  if (*kind != AGENCY_NONE && mirror_name(*kind, d->tier)) {
    enum agency_level lv = AGENCY_LEVEL_NONE;
    for (int l = AGENCY_LEVEL_CENTRAL; l <= AGENCY_LEVEL_COMMUNE; l++)
      if (strcmp(r.level, agency_level_name((enum agency_level)l)) == 0)
        lv = (enum agency_level)l;
    int unit_level = d->tier == TIER_DISTRICT ? AGENCY_LEVEL_DISTRICT : AGENCY_LEVEL_COMMUNE;
    if (lv != AGENCY_LEVEL_NONE && (int)lv < unit_level)
      *out = REACH_MIRROR;
  }
  return ERR_OK;
}

/* The unit's counterpart name for a reach into *out (malloc'd), or a copy
 * of the name as written for REACH_KEEP. */
static int name_for(char **out, const struct derive *d, enum reach how, enum agency_kind kind,
                    const char *written, struct err *err)
{
  const char *prefix = how == REACH_LOCAL    ? mirror_name(AGENCY_PEOPLES_COMMITTEE, d->tier)
                       : how == REACH_MIRROR ? mirror_name(kind, d->tier)
                                             : NULL;
  size_t n = prefix ? strlen(prefix) + 1 + strlen(d->in->unit_name) + 1 : strlen(written) + 1;
  *out = malloc(n);
  if (!*out)
    return err_nomem(err);
  if (prefix)
    snprintf(*out, n, "%s %s", prefix, d->in->unit_name);
  else
    memcpy(*out, written, n);
  return ERR_OK;
}

/* Append name to list v unless it is there already. */
static int add_once(char ***v, size_t *n, const char *name, struct err *err)
{
  for (size_t i = 0; i < *n; i++)
    if (strcmp((*v)[i], name) == 0)
      return ERR_OK;
  return plan_strv_add(v, n, name, err);
}

/* The names of one role of a task that reach the unit, as the unit names
 * them, into (*v, *n); *any = 1 when at least one did. */
static int reach_names(char ***v, size_t *n, int *any, struct derive *d, char *const *names,
                       size_t count, struct err *err)
{
  *any = 0;
  for (size_t i = 0; i < count; i++) {
    enum reach how;
    enum agency_kind kind;
    int rc = reach_of(&how, &kind, d, names[i], err);
    if (rc)
      return rc;
    if (how == REACH_NONE)
      continue;
    char *name;
    rc = name_for(&name, d, how, kind, names[i], err);
    if (!rc)
      rc = add_once(v, n, name, err);
    free(name);
    if (rc)
      return rc;
    *any = 1;
  }
  return ERR_OK;
}

static int dup_str(char **out, const char *s, struct err *err)
{
  *out = NULL;
  if (!s)
    return ERR_OK;
  *out = strdup(s);
  return *out ? ERR_OK : err_nomem(err);
}

/* A task reaches the unit when one of its agencies does. Its lead becomes
 * the unit's agencies that mirror the leads; when none does, the unit
 * coordinates: the leads stay as written and the unit's agencies are the
 * coordinators. *took = 1 when the task was copied. */
static int derive_task(int *took, struct derive *d, const struct plan_task *t, struct err *err)
{
  *took = 0;
  char **lead = NULL, **support = NULL;
  size_t n_lead = 0, n_support = 0;
  int lead_any, support_any;
  int rc = reach_names(&lead, &n_lead, &lead_any, d, t->lead, t->n_lead, err);
  if (!rc)
    rc = reach_names(&support, &n_support, &support_any, d, t->support, t->n_support, err);
  if (!rc && (lead_any || support_any)) {
    if (!lead_any) { /* the unit coordinates: the higher leads stay */
      for (size_t i = 0; i < t->n_lead && !rc; i++)
        rc = add_once(&lead, &n_lead, t->lead[i], err);
    }
    struct plan_task *nt;
    if (!rc)
      rc = plan_add_task(d->out, &nt, err);
    if (!rc) {
      nt->lead = lead, nt->n_lead = n_lead, lead = NULL, n_lead = 0;
      nt->support = support, nt->n_support = n_support, support = NULL, n_support = 0;
      nt->due_on = t->due_on;
      nt->cadence = t->cadence;
      nt->then_ongoing = t->then_ongoing;
      rc = dup_str(&nt->section, t->section, err);
      if (!rc)
        rc = dup_str(&nt->text, t->text, err);
      if (!rc)
        rc = dup_str(&nt->phase, t->phase, err);
      *took = !rc;
    }
  }
  plan_strv_free(&lead, &n_lead);
  plan_strv_free(&support, &n_support);
  return rc;
}

/* A copy of target t without its quotas, into a new target of the draft. */
static int copy_target(struct plan_target **out, struct derive *d, const struct plan_target *t,
                       struct err *err)
{
  int rc = plan_add_target(d->out, out, err);
  if (rc)
    return rc;
  (*out)->kind = t->kind;
  (*out)->value = t->value;
  (*out)->has_value = t->has_value;
  rc = dup_str(&(*out)->text, t->text, err);
  if (!rc)
    rc = dup_str(&(*out)->unit, t->unit, err);
  if (!rc)
    rc = dup_str(&(*out)->phase, t->phase, err);
  return rc;
}

/* The quotas of t that fall to the unit: a quota naming the unit becomes
 * the unit's own target (its value); a quota of an agency sitting at the
 * unit stays a quota of that agency; a collective quota ("Các huyện, thị
 * xã, thành phố: 20 buổi") that is the target's only one binds each member
 * of the tier, while beside other assignees it is a share of a total the
 * unit cannot take alone. *n quotas taken. */
static int derive_quotas(size_t *n, struct derive *d, const struct plan_target *t, struct err *err)
{
  *n = 0;
  for (size_t i = 0; i < t->n_quotas; i++) {
    const struct plan_quota *q = &t->quotas[i];
    struct store_plan_res r;
    int rc = plan_edit_resolve(&r, d->st, d->in->place, q->assignee, err);
    if (rc)
      return rc;
    const struct unit *u = d->in->unit;
    int at_unit = r.unit_code[0] && !r.is_group && strcmp(r.unit_tree, u->tree) == 0 &&
                  strcmp(r.unit_code, u->code) == 0;
    int each = 0;
    if (!at_unit && t->n_quotas == 1) {
      char *key;
      rc = text_key(&key, q->assignee, err);
      if (rc)
        return rc;
      each = d->tier == TIER_DISTRICT ? names_tier(key, DISTRICT_WORDS)
                                      : names_tier(key, COMMUNE_WORDS);
      free(key);
    }
    if (!at_unit && !each)
      continue;
    struct plan_target *nt;
    rc = copy_target(&nt, d, t, err);
    if (rc)
      return rc;
    nt->value = q->value;
    nt->has_value = 1;
    if (at_unit && r.kind[0]) /* an agency of the unit keeps its quota */
      rc = plan_target_add_quota(nt, q->assignee, q->value, err);
    if (rc)
      return rc;
    (*n)++;
  }
  return ERR_OK;
}

/* "Kế hoạch số 07/KH-BCĐ ngày 26/02/2024 của Ban Chỉ đạo 138 tỉnh Quảng
 * Ngãi về ..." as the draft's basis, with what the parent states. */
static int derive_basis(struct derive *d, struct err *err)
{
  const struct plan *p = d->in->parent;
  char date[DATE_ISO_LEN] = "";
  if (p->issued_on.y)
    date_to_vn(date, p->issued_on);
  size_t n = 64 + (p->number ? strlen(p->number) : 0) + (p->issuer ? strlen(p->issuer) : 0) +
             (p->title ? strlen(p->title) : 0);
  char *text = malloc(n);
  if (!text)
    return err_nomem(err);
  snprintf(text, n, "Kế hoạch%s%s%s%s%s%s%s%s", p->number ? " số " : "", p->number ? p->number : "",
           date[0] ? " ngày " : "", date, p->issuer ? " của " : "", p->issuer ? p->issuer : "",
           p->title ? " về " : "", p->title ? p->title : "");
  struct plan_basis *b;
  int rc = plan_add_basis(d->out, &b, err);
  if (!rc) {
    b->text = text, text = NULL;
    b->date = p->issued_on;
    rc = dup_str(&b->number, p->number, err);
  }
  free(text);
  return rc;
}

/* The parent's title with its territory replaced by the unit's ("... trên
 * địa bàn tỉnh Lào Cai" -> "... trên địa bàn huyện Bảo Thắng"): the
 * territory as the plan writes it, else the parent unit's name; when the
 * title names neither, " trên địa bàn <unit>" is added. */
static int derive_title(struct derive *d, struct err *err)
{
  const struct plan *p = d->in->parent;
  const char *title = p->title ? p->title : "Thực hiện công tác phòng, chống ma túy";
  const char *name = d->in->unit_name;
  const char *names[] = {p->territory, d->in->parent_unit_name};
  const char *at = NULL, *was = NULL;
  for (int i = 0; i < 2 && !at; i++)
    if (names[i] && names[i][0] && (at = strstr(title, names[i])) != NULL)
      was = names[i];
  size_t n = strlen(title) + strlen(name) + 32;
  char *s = malloc(n);
  if (!s)
    return err_nomem(err);
  if (at)
    snprintf(s, n, "%.*s%s%s", (int)(at - title), title, name, at + strlen(was));
  else
    snprintf(s, n, "%s trên địa bàn %s", title, name);
  d->out->title = s;
  return ERR_OK;
}

/* The issuing body of the unit's plan: the same kind of body as the
 * parent's, at the unit; NULL (for the reviewer) for any other kind. */
static int derive_issuer(struct derive *d, struct err *err)
{
  const char *k = d->in->parent_issuer_kind ? d->in->parent_issuer_kind : "";
  const char *prefix = NULL;
  if (strcmp(k, "peoples_committee") == 0)
    prefix = "Ủy ban nhân dân";
  else if (strcmp(k, "steering_committee") == 0)
    prefix = "Ban Chỉ đạo";
  if (!prefix)
    return ERR_OK;
  size_t n = strlen(prefix) + strlen(d->in->unit_name) + 2;
  d->out->issuer = malloc(n);
  if (!d->out->issuer)
    return err_nomem(err);
  snprintf(d->out->issuer, n, "%s %s", prefix, d->in->unit_name);
  return ERR_OK;
}

static int derive_reports(size_t *n, struct derive *d, struct err *err)
{
  const struct plan *p = d->in->parent;
  *n = 0;
  for (size_t i = 0; i < p->n_reports; i++) {
    const struct plan_report *r = &p->reports[i];
    struct plan_report *nr;
    int rc = plan_add_report(d->out, &nr, err);
    if (!rc)
      rc = dup_str(&nr->name, r->name, err);
    if (!rc)
      rc = dup_str(&nr->recipient, p->issuer ? p->issuer : r->recipient, err);
    if (rc)
      return rc;
    nr->recurs = r->recurs;
    nr->due_on = r->due_on.y ? date_add_days(r->due_on, -d->in->days_earlier) : r->due_on;
    (*n)++;
  }
  return ERR_OK;
}

static int derive_phases(struct derive *d, struct err *err)
{
  const struct plan *p = d->in->parent;
  for (size_t i = 0; i < p->n_phases; i++) {
    struct plan_phase *ph;
    int rc = plan_add_phase(d->out, &ph, err);
    if (!rc)
      rc = dup_str(&ph->name, p->phases[i].name, err);
    if (!rc)
      rc = dup_str(&ph->text, p->phases[i].text, err);
    if (rc)
      return rc;
    ph->start = p->phases[i].start;
    ph->end = p->phases[i].end;
  }
  return ERR_OK;
}

/* The unit's tier; ERR_INPUT when it is a province (nothing lies below a
 * province plan's own level in the same tier but its units). */
static int tier_of(enum tier *out, const struct unit *u, struct err *err)
{
  if (u->level == unit_commune_level(u->tree)) {
    *out = strcmp(u->tree, UNIT_TREE_OLD) == 0 ? TIER_COMMUNE_OLD : TIER_COMMUNE_NEW;
    return ERR_OK;
  }
  if (strcmp(u->tree, UNIT_TREE_OLD) == 0 && u->level == 2) {
    *out = TIER_DISTRICT;
    return ERR_OK;
  }
  char label[256];
  return err_set(err, ERR_INPUT,
                 "chỉ lập kế hoạch thực hiện cho đơn vị cấp huyện hoặc cấp xã; %s là cấp tỉnh",
                 unit_label(label, sizeof label, u));
}

int plan_derive(struct plan *out, struct plan_derive_count *count, struct store *st,
                const struct plan_derive_in *in, struct err *err)
{
  plan_init(out);
  memset(count, 0, sizeof *count);
  if (in->days_earlier < 0 || in->days_earlier > 90)
    return err_set(err, ERR_INPUT, "số ngày báo cáo sớm hơn phải từ 0 đến 90, không phải %d",
                   in->days_earlier);
  struct derive d = {st, in, TIER_DISTRICT, out};
  int rc = tier_of(&d.tier, in->unit, err);
  const struct plan *p = in->parent;
  if (!rc)
    rc = dup_str(&out->territory, in->unit_name, err);
  if (!rc)
    rc = derive_title(&d, err);
  if (!rc)
    rc = derive_issuer(&d, err);
  if (!rc)
    rc = derive_basis(&d, err);
  if (!rc)
    rc = derive_phases(&d, err);
  out->kind = p->kind;
  out->period_start = p->period_start;
  out->period_end = p->period_end;
  for (size_t i = 0; i < p->n_targets && !rc; i++) {
    const struct plan_target *t = &p->targets[i];
    if (t->n_quotas == 0) {
      struct plan_target *nt;
      rc = copy_target(&nt, &d, t, err);
      count->targets += !rc;
    } else {
      size_t n;
      rc = derive_quotas(&n, &d, t, err);
      count->quotas += n;
    }
  }
  for (size_t i = 0; i < p->n_tasks && !rc; i++) {
    int took;
    rc = derive_task(&took, &d, &p->tasks[i], err);
    count->tasks += (size_t)took;
  }
  if (!rc)
    rc = derive_reports(&count->reports, &d, err);
  return rc;
}
