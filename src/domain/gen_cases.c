/* gen_cases.c: generated drug cases — offences, people involved, seizures, procedural dates.
 *
 * A case is detected on a day in a commune of the tree in force that day, by
 * the police mostly (border guard and customs in border provinces), under
 * Penal Code articles 248-256 (249 possession and 251 trafficking most
 * often). Most cases are prosecuted; dates follow the procedure in order:
 * prosecuted >= detected, indicted >= prosecuted, tried >= indicted,
 * resolved last, none after the run's last day. People involved are drawn
 * from the people registered in the province, at least 16 years old then. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/gen_int.h"

/* Old-tree provinces on a land border or with a large sea port. */
static int border_province(const char *code)
{
  static const char *const b[] = {"02", "04", "10", "11", "12", "14", "20", "22", "38",
                                  "40", "42", "44", "45", "46", "49", "51", "62", "64",
                                  "66", "67", "70", "72", "80", "87", "89", "91"};
  for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
    if (strcmp(b[i], code) == 0)
      return 1;
  return 0;
}

static const struct {
  int article;
  int w;
} articles[] = {
    {249, 45}, {251, 33}, {255, 8}, {250, 5}, {256, 4}, {248, 1}, {252, 1}, {253, 1}, {254, 2},
};
#define N_ARTICLES (sizeof articles / sizeof articles[0])

static int article(struct gen_rng *r)
{
  int w[N_ARTICLES];
  for (size_t i = 0; i < N_ARTICLES; i++)
    w[i] = articles[i].w;
  return articles[gen_weighted(r, w, N_ARTICLES)].article;
}

static const struct {
  const char *substance, *measure, *label;
  double lo, decades; /* quantity = lo * 10^(u^2 * decades) */
  int w;
} substances[] = {
    {"methamphetamine", "gram", "g ma túy tổng hợp", 0.1, 4.5, 40},
    {"heroin", "gram", "g heroin", 0.05, 4.0, 28},
    {"mdma", "pill", "viên thuốc lắc", 1, 3.5, 8},
    {"cannabis", "gram", "g cần sa", 1, 3.5, 7},
    {"cannabis", "plant", "cây cần sa", 5, 2.0, 3},
    {"opium", "gram", "g thuốc phiện", 1, 3.0, 4},
    {"ketamine", "gram", "g ketamine", 0.1, 3.0, 5},
    {"synthetic_other", "gram", "g ma túy tổng hợp khác", 0.1, 3.0, 3},
    {"cocaine", "gram", "g cocaine", 0.1, 3.0, 1},
    {"other", "millilitre", "ml chất ma túy ở thể lỏng", 1, 2.5, 1},
};
#define N_SUBSTANCES (sizeof substances / sizeof substances[0])

/* A day lo..hi days after d when within the run, else -1. */
static long after(struct gen_ctx *c, struct gen_rng *r, long d, long lo, long hi)
{
  if (d < 0)
    return -1;
  long x = d + gen_between(r, lo, hi);
  return x > c->end_day ? -1 : x;
}

static const char *iso_or_empty(char *buf, long d)
{
  if (d < 0) {
    buf[0] = 0;
    return buf;
  }
  return gen_iso(buf, d);
}

static void agency_of(struct gen_rng *r, enum agency_kind k, const struct store_gen_unit *u,
                      int old, char *name, size_t n, const char **abbr)
{
  if (k == AGENCY_BORDER_GUARD) {
    *abbr = "BP";
    if (gen_chance(r, 0.6))
      gen_fmt(name, n, "Đồn Biên phòng %s", u->name);
    else
      gen_fmt(name, n, "Bộ Chỉ huy Bộ đội Biên phòng %s %s", u->province_type, u->province_name);
  } else if (k == AGENCY_CUSTOMS) {
    *abbr = "HQ";
    if (old)
      gen_fmt(name, n, "Cục Hải quan %s %s", u->province_type, u->province_name);
    else
      gen_fmt(name, n, "Chi cục Hải quan khu vực %s", u->province_name);
  } else {
    double x = gen_unit(r);
    if (old && x < 0.55) {
      *abbr = "CAH";
      gen_fmt(name, n, "Công an %s %s", u->district_type, u->district);
    } else if (x < (old ? 0.7 : 0.55)) {
      *abbr = "CAX";
      gen_fmt(name, n, "Công an %s %s", u->type, u->name);
    } else {
      *abbr = "PC04";
      gen_fmt(name, n, "Phòng Cảnh sát điều tra tội phạm về ma túy Công an %s %s", u->province_type,
              u->province_name);
    }
  }
}

static int int_cmp(const void *a, const void *b)
{
  return *(const int *)a - *(const int *)b;
}

int gen_cases(struct gen_ctx *c, struct err *err)
{
  const struct gen_options *o = c->o;
  struct gen_rng r;
  gen_rng_seed(&r, o->seed, 2);
  int sw[N_SUBSTANCES];
  for (size_t i = 0; i < N_SUBSTANCES; i++)
    sw[i] = substances[i].w;
  int rc = ERR_OK;
  for (long i = 0; i < o->cases && !rc; i++) {
    size_t p = gen_province_pick(c, &r);
    struct gen_province *pr = &c->prov[p];
    long day = gen_day_between(c, &r, c->from_day, c->end_day);
    int old = day < c->reform_day;
    const struct store_gen_unit *u = gen_commune_at(c, &r, p, day);
    struct store_gen_case k;
    memset(&k, 0, sizeof k);
    k.id = c->next.drug_case++;
    k.unit_id = u->id;
    double x = gen_unit(&r);
    enum agency_kind ak = !border_province(pr->code) ? (x < 0.97 ? AGENCY_POLICE : AGENCY_CUSTOMS)
                          : x < 0.86                 ? AGENCY_POLICE
                          : x < 0.96                 ? AGENCY_BORDER_GUARD
                                                     : AGENCY_CUSTOMS;
    k.agency_kind = agency_kind_name(ak);
    char agency[256], record[64], detected[DATE_ISO_LEN], created[24];
    const char *abbr = "CA";
    agency_of(&r, ak, u, old, agency, sizeof agency, &abbr);
    struct err scratch;
    if (gen_agency_check(c, agency, ak, &scratch)) {
      /* a place name the lexicon reads as another kind: the province's agency */
      if (ak == AGENCY_BORDER_GUARD)
        gen_fmt(agency, sizeof agency, "Bộ Chỉ huy Bộ đội Biên phòng %s %s", u->province_type,
                u->province_name);
      else if (ak == AGENCY_CUSTOMS)
        gen_fmt(agency, sizeof agency, "Cục Hải quan %s %s", u->province_type, u->province_name);
      else {
        abbr = "PC04";
        gen_fmt(agency, sizeof agency, "Phòng Cảnh sát điều tra tội phạm về ma túy Công an %s %s",
                u->province_type, u->province_name);
      }
    }
    k.agency_name = agency;
    rc = gen_agency_check(c, agency, ak, err);
    if (rc)
      break;
    k.detected_on = gen_iso(detected, day);
    gen_fmt(record, sizeof record, "%ld/%d/%s.%s", k.id, date_from_days(day).y, abbr, pr->code);
    k.record_no = record;
    /* Offences: one article, sometimes two. */
    int art[2] = {article(&r), 0};
    int n_art = 1;
    if (gen_chance(&r, 0.15)) {
      art[1] = article(&r);
      if (art[1] != art[0])
        n_art = 2;
    }
    qsort(art, (size_t)n_art, sizeof art[0], int_cmp);
    char offences[16];
    if (n_art == 2)
      gen_fmt(offences, sizeof offences, "%d;%d", art[0], art[1]);
    else
      gen_fmt(offences, sizeof offences, "%d", art[0]);
    k.offences = offences;
    int trafficking = art[0] == 250 || art[0] == 251 || art[n_art - 1] == 251;
    k.express_delivery = gen_chance(&r, trafficking ? 0.06 : 0.01);
    /* The procedure. */
    long pros = gen_chance(&r, 0.9) ? after(c, &r, day, 0, 30) : -1;
    long ind = pros >= 0 && gen_chance(&r, 0.8) ? after(c, &r, pros, 60, 240) : -1;
    long tried = ind >= 0 && gen_chance(&r, 0.9) ? after(c, &r, ind, 20, 90) : -1;
    long res = tried >= 0 ? after(c, &r, tried, 0, 30)
               : pros < 0 ? (gen_chance(&r, 0.7) ? after(c, &r, day, 5, 60) : -1)
                          : -1;
    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN], d4[DATE_ISO_LEN];
    k.prosecuted_on = iso_or_empty(d1, pros);
    k.indicted_on = iso_or_empty(d2, ind);
    k.tried_on = iso_or_empty(d3, tried);
    k.resolved_on = iso_or_empty(d4, res);
    k.created_at = gen_stamp(created, &r, day);
    k.created_by = GEN_USER;
    /* Seizures, drawn before the summary names the first. */
    size_t sub[2] = {gen_weighted(&r, sw, N_SUBSTANCES), 0};
    int n_sub = 1;
    if (gen_chance(&r, 0.25)) {
      sub[1] = gen_weighted(&r, sw, N_SUBSTANCES);
      if (sub[1] != sub[0])
        n_sub = 2;
    }
    double qty[2];
    for (int s = 0; s < n_sub; s++) {
      double u2 = gen_unit(&r);
      double q = substances[sub[s]].lo * pow(10.0, u2 * u2 * substances[sub[s]].decades);
      qty[s] = strcmp(substances[sub[s]].measure, "gram") == 0 ||
                       strcmp(substances[sub[s]].measure, "millilitre") == 0
                   ? (double)(long)(q * 100 + 0.5) / 100
                   : (double)(long)(q + 0.5);
      if (qty[s] <= 0)
        qty[s] = 1;
    }
    /* People involved. */
    long who[5];
    int n_who = 0;
    int want = gen_chance(&r, 0.6) ? 1 : gen_chance(&r, 0.6) ? 2 : (int)gen_between(&r, 3, 5);
    int year = date_from_days(day).y;
    for (int t = 0; t < want * 4 && n_who < want && pr->n_people; t++) {
      long idx = pr->people[gen_below(&r, (long)pr->n_people)];
      if (c->pp[idx].born_year + 16 > year)
        continue;
      int dup = 0;
      for (int j = 0; j < n_who; j++)
        dup |= who[j] == idx;
      if (!dup)
        who[n_who++] = idx;
    }
    char summary[512];
    gen_fmt(summary, sizeof summary, "Phát hiện, bắt giữ %d đối tượng, thu giữ %g %s%s", n_who,
            qty[0], substances[sub[0]].label,
            k.express_delivery ? " gửi qua dịch vụ chuyển phát" : "");
    k.summary = summary;
    rc = store_gen_case(c->w, &k, err);
    for (int a = 0; a < n_art && !rc; a++)
      rc = store_gen_case_offence(c->w, k.id, art[a], err);
    for (int s = 0; s < n_sub && !rc; s++) {
      char key[96];
      gen_fmt(key, sizeof key, "%s|%s|%.10g", substances[sub[s]].substance,
              substances[sub[s]].measure, qty[s]);
      rc = store_gen_seizure(c->w, c->next.seizure++, k.id, substances[sub[s]].substance, qty[s],
                             substances[sub[s]].measure, key, err);
      c->res->seizures++;
    }
    for (int j = 0; j < n_who && !rc; j++) {
      const char *role = j == 0 ? (n_who >= 3 && gen_chance(&r, 0.5) ? "organiser" : "principal")
                         : gen_chance(&r, 0.7) ? "accomplice"
                         : gen_chance(&r, 0.6)
                             ? "principal"
                             : GEN_PICK(&r, ((const char *const[]){"harbourer", "buyer", "other"}));
      char arrested[DATE_ISO_LEN];
      iso_or_empty(arrested, gen_chance(&r, 0.9) ? after(c, &r, day, 0, 2) : -1);
      rc = store_gen_case_person(c->w, k.id, c->pp[who[j]].id, role, arrested, err);
      c->res->case_people++;
    }
    c->res->cases++;
  }
  return rc;
}
