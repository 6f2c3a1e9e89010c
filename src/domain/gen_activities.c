/* gen_activities.c: generated prevention activities — propaganda sessions, broadcasts,
 * mobile trials, trainings and models.
 *
 * The first activities go one to each commune of the run, old-tree communes
 * on a day before the reform and new-tree communes on a day from it (when
 * the range of years allows), so that every commune has some record; the
 * rest fall on communes drawn evenly. Organisers are agencies of the kinds
 * that hold each kind of activity; in provinces with a large minority some
 * sessions are held in its language. */
#include <stdio.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/gen_int.h"

enum { A_PROPAGANDA, A_BROADCAST, A_TRIAL, A_TRAINING, A_MODEL, A_N };

static const char *const kind_names[A_N] = {"propaganda", "broadcast", "mobile_trial", "training",
                                            "model"};
static const int kind_w[A_N] = {55, 25, 5, 10, 5};

/* Organiser kinds per activity kind, with weights. */
static const struct {
  enum agency_kind k;
  int w;
} organisers[A_N][7] = {
    [A_PROPAGANDA] = {{AGENCY_POLICE, 35},
                      {AGENCY_EDUCATION, 20},
                      {AGENCY_YOUTH_UNION, 15},
                      {AGENCY_WOMEN_UNION, 10},
                      {AGENCY_CULTURE, 5},
                      {AGENCY_INFORMATION, 5},
                      {AGENCY_PEOPLES_COMMITTEE, 10}},
    [A_BROADCAST] = {{AGENCY_MEDIA, 60}, {AGENCY_CULTURE, 20}, {AGENCY_PEOPLES_COMMITTEE, 20}},
    [A_TRIAL] = {{AGENCY_COURT, 100}},
    [A_TRAINING] = {{AGENCY_POLICE, 50},
                    {AGENCY_LABOUR_SOCIAL, 20},
                    {AGENCY_HEALTH, 15},
                    {AGENCY_EDUCATION, 15}},
    [A_MODEL] = {{AGENCY_PEOPLES_COMMITTEE, 40},
                 {AGENCY_POLICE, 30},
                 {AGENCY_WOMEN_UNION, 15},
                 {AGENCY_YOUTH_UNION, 15}},
};

/* The province's agency of kind k, for a unit whose name the lexicon would read as
 * another kind ("Ủy ban nhân dân xã Vân Hòa" reads as culture: "van hoa"). */
static void province_agency(enum agency_kind k, const struct store_gen_unit *u, char *out, size_t n)
{
  static const struct {
    enum agency_kind k;
    const char *head;
  } heads[] = {
      {AGENCY_POLICE, "Công an"},
      {AGENCY_EDUCATION, "Sở Giáo dục và Đào tạo"},
      {AGENCY_YOUTH_UNION, "Đoàn Thanh niên"},
      {AGENCY_WOMEN_UNION, "Hội Liên hiệp Phụ nữ"},
      {AGENCY_CULTURE, "Sở Văn hóa, Thể thao và Du lịch"},
      {AGENCY_INFORMATION, "Sở Thông tin và Truyền thông"},
      {AGENCY_MEDIA, "Đài Phát thanh và Truyền hình"},
      {AGENCY_COURT, "Tòa án nhân dân"},
      {AGENCY_LABOUR_SOCIAL, "Sở Lao động - Thương binh và Xã hội"},
      {AGENCY_HEALTH, "Sở Y tế"},
  };
  const char *head = "Ủy ban nhân dân";
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    if (heads[i].k == k)
      head = heads[i].head;
  gen_fmt(out, n, "%s %s %s", head, u->province_type, u->province_name);
}

static enum agency_kind organiser(struct gen_rng *r, int kind)
{
  int w[7] = {0};
  size_t n = 0;
  for (; n < 7 && organisers[kind][n].w; n++)
    w[n] = organisers[kind][n].w;
  return organisers[kind][gen_weighted(r, w, n)].k;
}

/* The name of an organiser of kind k at unit u into out; returns the kind the name is of
 * (k, except where the office doing k's work is of another kind: after the reform the
 * commune's Phòng Văn hóa - Xã hội, a culture office, does the labour and social work).
 * The caller checks with the lexicon (gen_agency_check) that the name reads back as it. */
static enum agency_kind agency_name(struct gen_rng *r, enum agency_kind k,
                                    const struct store_gen_unit *u, char *out, size_t n)
{
  int old = u->district[0] != 0;
  switch (k) {
  case AGENCY_POLICE:
    if (old && gen_chance(r, 0.5))
      gen_fmt(out, n, "Công an %s %s", u->district_type, u->district);
    else
      gen_fmt(out, n, "Công an %s %s", u->type, u->name);
    break;
  case AGENCY_EDUCATION:
    if (old && gen_chance(r, 0.3))
      gen_fmt(out, n, "Phòng Giáo dục và Đào tạo %s %s", u->district_type, u->district);
    else
      gen_fmt(out, n, "Trường %s %s", gen_chance(r, 0.6) ? "THCS" : "THPT", u->name);
    break;
  case AGENCY_YOUTH_UNION:
    gen_fmt(out, n, "Đoàn Thanh niên %s %s", u->type, u->name);
    break;
  case AGENCY_WOMEN_UNION:
    gen_fmt(out, n, "Hội Liên hiệp Phụ nữ %s %s", u->type, u->name);
    break;
  case AGENCY_CULTURE:
    if (old)
      gen_fmt(out, n, "Phòng Văn hóa và Thông tin %s %s", u->district_type, u->district);
    else
      gen_fmt(out, n, "Phòng Văn hóa - Xã hội %s %s", u->type, u->name);
    break;
  case AGENCY_INFORMATION:
    gen_fmt(out, n, "Sở Thông tin và Truyền thông %s %s", u->province_type, u->province_name);
    break;
  case AGENCY_MEDIA: /* the commune's radio: "truyền thanh" is media to the lexicon */
    gen_fmt(out, n, "Đài Truyền thanh %s %s", u->type, u->name);
    break;
  case AGENCY_COURT:
    if (old)
      gen_fmt(out, n, "Tòa án nhân dân %s %s", u->district_type, u->district);
    else
      gen_fmt(out, n, "Tòa án nhân dân khu vực %ld - %s", gen_between(r, 1, 8), u->province_name);
    break;
  case AGENCY_LABOUR_SOCIAL:
    if (old)
      gen_fmt(out, n, "Phòng Lao động - Thương binh và Xã hội %s %s", u->district_type,
              u->district);
    else {
      gen_fmt(out, n, "Phòng Văn hóa - Xã hội %s %s", u->type, u->name);
      return AGENCY_CULTURE;
    }
    break;
  case AGENCY_HEALTH:
    gen_fmt(out, n, "Trạm Y tế %s %s", u->type, u->name);
    break;
  default:
    gen_fmt(out, n, "Ủy ban nhân dân %s %s", u->type, u->name);
    break;
  }
  return k;
}

static const char *const titles[A_N][5] = {
    [A_PROPAGANDA] = {"Tuyên truyền phòng, chống ma túy trong trường học",
                      "Tuyên truyền Luật Phòng, chống ma túy năm 2021",
                      "Tháng hành động phòng, chống ma túy",
                      "Tác hại của ma túy tổng hợp và ma túy \"núp bóng\"",
                      "Ngày Quốc tế phòng, chống ma túy 26/6"},
    [A_BROADCAST] = {"Chuyên mục phòng, chống ma túy", "Bản tin phòng, chống tệ nạn xã hội",
                     "Phát thanh tuyên truyền về tác hại của ma túy",
                     "Chuyên mục \"Vì một cộng đồng không ma túy\"", "Tin phòng, chống ma túy"},
    [A_TRIAL] = {"Xét xử lưu động vụ án mua bán trái phép chất ma túy",
                 "Xét xử lưu động vụ án tàng trữ trái phép chất ma túy",
                 "Xét xử lưu động vụ án tổ chức sử dụng trái phép chất ma túy",
                 "Xét xử lưu động vụ án vận chuyển trái phép chất ma túy",
                 "Xét xử lưu động vụ án ma túy"},
    [A_TRAINING] = {"Tập huấn nghiệp vụ quản lý người sử dụng trái phép chất ma túy",
                    "Tập huấn kỹ năng tư vấn, hỗ trợ cai nghiện",
                    "Tập huấn công tác lập hồ sơ cai nghiện bắt buộc",
                    "Tập huấn xác định tình trạng nghiện",
                    "Bồi dưỡng kiến thức phòng, chống ma túy cho cán bộ cơ sở"},
    [A_MODEL] = {"Mô hình \"Xã, phường, thị trấn không ma túy\"",
                 "Mô hình \"Gia đình không ma túy\"", "Mô hình \"Tổ tự quản phòng, chống ma túy\"",
                 "Mô hình \"Câu lạc bộ thanh niên với phòng, chống ma túy\"",
                 "Mô hình \"Thôn, bản không ma túy\""},
};

static const char *pick_form(struct gen_rng *r)
{
  static const char *const f[] = {"direct",      "loudspeaker", "online", "contest",
                                  "performance", "leaflet",     "other"};
  static const int w[] = {50, 10, 10, 8, 7, 10, 5};
  return f[gen_weighted(r, w, 7)];
}

static const char *pick_audience(struct gen_rng *r, int minority)
{
  static const char *const a[] = {"students",        "youth",          "residents", "workers",
                                  "ethnic_minority", "users_families", "officials"};
  static const int w[] = {30, 20, 25, 8, 10, 5, 2};
  const char *x = a[gen_weighted(r, w, 7)];
  return strcmp(x, "ethnic_minority") == 0 && !minority ? "residents" : x;
}

int gen_activities(struct gen_ctx *c, struct err *err)
{
  struct gen_rng r;
  gen_rng_seed(&r, c->o->seed, 6);
  /* Communes to touch first: the old ones of the run, then the new ones. */
  size_t n_old = 0, n_new = 0;
  for (size_t i = 0; i < c->n_active; i++) {
    n_old += c->prov[c->active[i]].n_old;
    n_new += c->prov[c->active[i]].n_new + c->prov[c->active[i]].n_extra;
  }
  size_t ai = 0, ak = 0; /* walk: active province, commune in it */
  int rc = ERR_OK;
  for (long i = 0; i < c->o->activities && !rc; i++) {
    size_t p;
    long day = -1;
    const struct store_gen_unit *u = NULL;
    if ((size_t)i < n_old + n_new) {
      int old = (size_t)i < n_old;
      if ((size_t)i == n_old)
        ai = ak = 0;
      while (ai < c->n_active &&
             ak >= (old ? c->prov[c->active[ai]].n_old
                        : c->prov[c->active[ai]].n_new + c->prov[c->active[ai]].n_extra)) {
        ai++;
        ak = 0;
      }
      p = c->active[ai < c->n_active ? ai : 0];
      day = old ? gen_day_between(c, &r, c->from_day, c->reform_day - 1)
                : gen_day_between(c, &r, c->reform_day, c->end_day);
      if (day >= 0 && ai < c->n_active)
        u = old                     ? &c->old_u[c->prov[p].old_c[ak]]
            : ak < c->prov[p].n_new ? &c->new_u[c->prov[p].new_c[ak]]
                                    : &c->new_u[c->prov[p].extra_c[ak - c->prov[p].n_new]];
      ak++;
    } else {
      p = c->active[gen_below(&r, (long)c->n_active)];
    }
    if (!u) {
      /* Evenly over communes: a province by its number of communes. */
      if ((size_t)i >= n_old + n_new) {
        long x = gen_below(&r, (long)n_old);
        for (size_t j = 0; j < c->n_active; j++) {
          if (x < (long)c->prov[c->active[j]].n_old) {
            p = c->active[j];
            break;
          }
          x -= (long)c->prov[c->active[j]].n_old;
        }
      }
      day = gen_day_between(c, &r, c->from_day, c->end_day);
      u = gen_commune_at(c, &r, p, day);
    }
    int kind = (int)gen_weighted(&r, kind_w, A_N);
    enum agency_kind ak_kind = organiser(&r, kind);
    const char *minority = gen_names_minority(&r, c->prov[p].code, 10);
    struct store_gen_activity a;
    memset(&a, 0, sizeof a);
    a.id = c->next.activity++;
    a.kind = kind_names[kind];
    a.unit_id = u->id;
    char record[64], held[DATE_ISO_LEN], agency[256], created[24];
    gen_fmt(record, sizeof record, "%ld/%d/HĐ.%s", a.id, date_from_days(day).y, c->prov[p].code);
    a.record_no = record;
    a.held_on = gen_iso(held, day);
    ak_kind = agency_name(&r, ak_kind, u, agency, sizeof agency);
    struct err scratch;
    if (gen_agency_check(c, agency, ak_kind, &scratch))
      province_agency(ak_kind, u, agency, sizeof agency);
    rc = gen_agency_check(c, agency, ak_kind, err);
    if (rc)
      break;
    a.agency_kind = agency_kind_name(ak_kind);
    a.agency_name = agency;
    a.language = "Tiếng Việt";
    switch (kind) {
    case A_PROPAGANDA:
      a.audience = pick_audience(&r, minority != NULL);
      a.form = pick_form(&r);
      a.participants = strcmp(a.form, "online") == 0         ? (int)gen_between(&r, 200, 5000)
                       : strcmp(a.audience, "students") == 0 ? (int)gen_between(&r, 100, 800)
                                                             : (int)gen_between(&r, 30, 300);
      if (minority && (strcmp(a.audience, "ethnic_minority") == 0 || gen_chance(&r, 0.15)))
        a.language = gen_names_language(minority);
      break;
    case A_BROADCAST:
      a.audience = "residents";
      a.form = "loudspeaker";
      a.minutes = (int)gen_between(&r, 5, 30);
      if (minority && gen_chance(&r, 0.3))
        a.language = gen_names_language(minority);
      break;
    case A_TRIAL:
      a.audience = "residents";
      a.form = "direct";
      a.participants = (int)gen_between(&r, 100, 600);
      break;
    case A_TRAINING:
      a.audience = "officials";
      a.form = "direct";
      a.participants = (int)gen_between(&r, 20, 150);
      break;
    default:
      a.audience = gen_chance(&r, 0.5) ? "residents" : "users_families";
      a.form = "other";
      a.participants = (int)gen_between(&r, 0, 50);
      break;
    }
    a.title = titles[kind][gen_below(&r, 5)];
    a.created_at = gen_stamp(created, &r, day);
    a.created_by = GEN_USER;
    rc = store_gen_activity(c->w, &a, err);
    c->res->activities++;
  }
  return rc;
}
