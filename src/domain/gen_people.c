/* gen_people.c: generated people and their histories.
 *
 * A person is registered on a day of the range in a commune of the tree in
 * force that day, with an identity drawn from the province (ethnic mix, names,
 * a national ID whose prefix is the old-tree code of the birth province), then
 * a history walked forward day by day: classification, management, addiction
 * determination, rehab episodes (community, facility, compulsory with a court
 * decision, substitution treatment), aftercare, relapse, moves, removal,
 * death. Dates strictly increase, so the order person_replay sees is the
 * order written. Every history is replayed before it is written; a refused
 * one is drawn again (counted in replay_failures). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/gen_int.h"
#include "domain/person.h"
#include "domain/unit.h"

#define MAX_EVENTS 40

struct hist {
  struct person_event ev[MAX_EVENTS];
  long day[MAX_EVENTS];                    /* day numbers of the events */
  long unit[MAX_EVENTS], from[MAX_EVENTS]; /* moves: unit ids */
  size_t n;
  long d, end;                       /* the day of the last event; the last day allowed */
  int stop;                          /* an event fell after `end`: nothing more */
  long cur;                          /* residence unit id */
  const struct store_gen_unit *home; /* residence */
  int prov;                          /* residence province (old tree) */
  int managed, rehab, ost, aftercare, removed, treated;
};

/* Append an event of `kind` lo..hi days after the last one; NULL (and stop)
 * when it would fall after the end. */
static struct person_event *add(struct hist *h, struct gen_rng *r, enum person_event_kind kind,
                                long lo, long hi)
{
  if (h->stop || h->n == MAX_EVENTS)
    return NULL;
  long d = h->n ? h->d + gen_between(r, lo < 1 ? 1 : lo, hi < 1 ? 1 : hi) : h->d;
  if (d > h->end) {
    h->stop = 1;
    return NULL;
  }
  h->d = d;
  struct person_event *e = &h->ev[h->n];
  memset(e, 0, sizeof *e);
  e->kind = kind;
  gen_iso(e->date, d);
  h->day[h->n] = d;
  h->unit[h->n] = h->from[h->n] = 0;
  h->n++;
  return e;
}

static void set(char *dst, size_t n, const char *src)
{
  gen_fmt(dst, n, "%s", src);
}
#define SET(dst, src) set(dst, sizeof dst, src)

/* Where the person lives: "huyện X" (old tree) or "tỉnh Y". */
static void area_of(char *out, size_t n, const struct store_gen_unit *u)
{
  if (u->district[0])
    gen_fmt(out, n, "%s %s", u->district_type, u->district);
  else
    gen_fmt(out, n, "%s %s", u->province_type, u->province_name);
}

static void move(struct gen_ctx *c, struct hist *h, struct gen_rng *r)
{
  if (h->stop || h->removed || h->n + 3 > MAX_EVENTS)
    return;
  size_t at = h->n;
  long before = h->d;
  struct person_event *e = add(h, r, PEV_MOVED, 20, 400);
  if (!e)
    return;
  size_t p = (size_t)h->prov;
  if (gen_chance(r, 0.2))
    p = (size_t)gen_below(r, (long)c->n_prov);
  const struct store_gen_unit *to = NULL;
  for (int tries = 0; tries < 6; tries++) {
    const struct store_gen_unit *u = gen_commune_at(c, r, p, h->d);
    if (u->id != h->cur) {
      to = u;
      break;
    }
  }
  if (!to) { /* nowhere else to go: forget the move */
    h->n = at;
    h->d = before;
    return;
  }
  SET(e->unit_tree, h->d >= c->reform_day ? UNIT_TREE_NEW : UNIT_TREE_OLD);
  SET(e->unit_code, to->code);
  h->unit[at] = to->id;
  h->from[at] = h->cur;
  h->cur = to->id;
  h->home = to;
  h->prov = (int)p;
  add(h, r, PEV_MOVE_REPORTED, 1, 3);
  add(h, r, PEV_FILE_TRANSFERRED, 1, 5);
}

static void determination(struct hist *h, struct gen_rng *r, int addict, const char *area,
                          const struct store_gen_unit *u)
{
  struct person_event *e = add(h, r, PEV_DETERMINATION, 3, 40);
  if (!e)
    return;
  SET(e->value, addict ? "addict" : "not_addict");
  if (gen_chance(r, 0.4))
    gen_fmt(e->facility, sizeof e->facility, "Bệnh viện Đa khoa %s %s", u->province_type,
            u->province_name);
  else
    gen_fmt(e->facility, sizeof e->facility, "Trung tâm Y tế %s", area);
}

/* One treatment episode; 1 when it ended with a relapse (another may follow). */
static int episode(struct gen_ctx *c, struct hist *h, struct gen_rng *r, int first,
                   const char *area)
{
  const struct store_gen_unit *u = h->home;
  static const int w_first[] = {30, 20, 35, 15}, w_again[] = {15, 10, 60, 15};
  size_t k = gen_weighted(r, first ? w_first : w_again, 4);
  long gap = gen_between(r, 5, 60);
  if (k == 3) { /* substitution treatment */
    struct person_event *e = add(h, r, PEV_OST_START, gap, gap);
    if (!e)
      return 0;
    SET(e->value, gen_chance(r, 0.88) ? "methadone" : "buprenorphine");
    gen_fmt(e->facility, sizeof e->facility, "Cơ sở điều trị Methadone %s", area);
    h->ost = 1;
    h->treated = 1;
    if (!gen_chance(r, 0.5) || !add(h, r, PEV_OST_STOP, 90, 1000))
      return 0; /* still in treatment */
    h->ost = 0;
  } else {
    static const enum person_event_kind start[] = {
        PEV_REHAB_COMMUNITY_START, PEV_REHAB_FACILITY_START, PEV_REHAB_COMPULSORY_START};
    static const enum person_event_kind stop[] = {PEV_REHAB_COMMUNITY_END, PEV_REHAB_FACILITY_END,
                                                  PEV_REHAB_COMPULSORY_END};
    long before = h->d;
    struct person_event *e = add(h, r, start[k], gap, gap);
    if (!e)
      return 0;
    if (k == 1)
      gen_fmt(e->facility, sizeof e->facility, "Cơ sở cai nghiện ma túy %s %s", u->province_type,
              u->province_name);
    if (k == 2) {
      long dec = h->d - gen_between(r, 0, h->d - before - 1);
      int year = date_from_days(dec).y;
      gen_fmt(e->facility, sizeof e->facility, "Cơ sở cai nghiện ma túy số %ld %s %s",
              gen_between(r, 1, 3), u->province_type, u->province_name);
      gen_fmt(e->decision_no, sizeof e->decision_no, "%ld/%d/QĐ-TA", gen_between(r, 1, 480), year);
      gen_iso(e->decision_date, dec);
      gen_fmt(e->note, sizeof e->note, "Quyết định của Tòa án nhân dân %s", area);
    }
    h->rehab = 1;
    h->treated = 1;
    if (!add(h, r, stop[k], k == 2 ? 365 : 180, k == 2 ? 730 : 365))
      return 0;
    h->rehab = 0;
  }
  if (gen_chance(r, 0.7)) {
    if (!add(h, r, PEV_AFTERCARE_START, 1, 15))
      return 0;
    h->aftercare = 1;
    if (gen_chance(r, 0.3)) {
      if (!add(h, r, PEV_RELAPSE, 30, 300))
        return 0;
      h->aftercare = 0;
      return 1;
    }
    if (!add(h, r, PEV_AFTERCARE_END, k == 2 ? 720 : 360, k == 2 ? 740 : 380))
      return 0;
    h->aftercare = 0;
  } else if (gen_chance(r, 0.25)) {
    if (add(h, r, PEV_RELAPSE, 30, 500))
      return 1;
  }
  (void)c;
  return 0;
}

static const char *const removal_reasons[] = {
    "Hết thời hạn quản lý, không còn sử dụng trái phép chất ma túy",
    "Đã hoàn thành quản lý sau cai nghiện",
    "Xét nghiệm âm tính, không còn sử dụng",
    "Chấp hành án phạt tù",
};

static void history(struct gen_ctx *c, struct hist *h, struct gen_rng *r, long reg)
{
  char area[160];
  area_of(area, sizeof area, h->home);
  h->d = reg;
  struct person_event *e = add(h, r, PEV_CLASSIFIED, 0, 0);
  double x = gen_unit(r);
  const char *cls = x < 0.50 ? "user" : x < 0.88 ? "addict" : x < 0.96 ? "suspected" : "psychosis";
  SET(e->value, cls);
  int addict = strcmp(cls, "addict") == 0 || strcmp(cls, "psychosis") == 0;
  int determined = 0;
  if (!addict) {
    if (gen_chance(r, 0.85) && add(h, r, PEV_MANAGEMENT_OPENED, 1, 20))
      h->managed = 1;
    if (strcmp(cls, "user") == 0 && gen_chance(r, 0.35)) {
      addict = gen_chance(r, 0.6);
      determination(h, r, addict, area, h->home);
      determined = 1;
    }
    if (!addict) {
      if (gen_chance(r, 0.10))
        move(c, h, r);
      area_of(area, sizeof area, h->home);
      if (h->managed && gen_chance(r, 0.85) && add(h, r, PEV_MANAGEMENT_CLOSED, 300, 380)) {
        h->managed = 0;
        if (gen_chance(r, 0.6)) {
          e = add(h, r, PEV_REMOVED, 1, 30);
          if (e) {
            SET(e->note, removal_reasons[0]);
            h->removed = 1;
          }
        } else if (gen_chance(r, 0.3)) {
          e = add(h, r, PEV_CLASSIFIED, 30, 400);
          if (e) {
            SET(e->value, "addict");
            addict = 1;
          }
        }
      }
    }
  }
  if (addict && !h->stop) {
    if (!determined && gen_chance(r, 0.6))
      determination(h, r, 1, area, h->home);
    if (!h->managed && gen_chance(r, 0.5) && add(h, r, PEV_MANAGEMENT_OPENED, 1, 15))
      h->managed = 1;
    if (gen_chance(r, 0.75))
      add(h, r, PEV_REHAB_REGISTERED, 1, 7);
    for (int i = 0; i < 3 && !h->stop; i++)
      if (!episode(c, h, r, i == 0, area))
        break;
    if (!h->stop && gen_chance(r, 0.08))
      move(c, h, r);
    if (!h->stop && h->managed && !h->rehab && !h->ost && gen_chance(r, 0.5) &&
        add(h, r, PEV_MANAGEMENT_CLOSED, 30, 365))
      h->managed = 0;
    if (!h->stop && !h->rehab && !h->ost && gen_chance(r, 0.15)) {
      e = add(h, r, PEV_REMOVED, 10, 365);
      if (e) {
        SET(e->note, GEN_PICK(r, removal_reasons));
        h->removed = 1;
      }
    }
  }
  if (!h->stop && gen_chance(r, 0.015)) {
    e = add(h, r, PEV_DIED, 1, 400);
    if (e)
      SET(e->note, gen_chance(r, 0.5) ? "Sốc thuốc (quá liều)" : "Bệnh");
  }
}

/* ---------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------- */

static const struct {
  const char *occupation, *group;
  int w;
} occupations[] = {
    {"Lao động tự do", "free_labour", 42},
    {"Thợ xây", "construction", 8},
    {"Phụ hồ", "construction", 4},
    {"Học sinh", "student", 1},
    {"Sinh viên", "student", 2},
    {"Không nghề nghiệp", "unemployed", 24},
    {"Làm ruộng", "other", 9},
    {"Lái xe", "other", 4},
    {"Buôn bán", "other", 3},
    {"Công nhân", "other", 2},
    {"", "", 1},
};

static void national_id(struct gen_ctx *c, struct gen_rng *r, struct person *p, int prov, int year,
                        int male)
{
  /* Born mostly in the province where they live. */
  const char *birth =
      gen_chance(r, 0.85) ? c->prov[prov].code : c->prov[gen_below(r, (long)c->n_prov)].code;
  int century = year >= 2000 ? (male ? 2 : 3) : (male ? 0 : 1);
  for (;;) {
    char id[16];
    gen_fmt(id, sizeof id, "0%s%d%02d%06ld", birth, century, year % 100, gen_below(r, 1000000));
    if (gen_id_claim(c, strtoull(id, NULL, 10))) {
      SET(p->national_id, id);
      return;
    }
  }
}

static int add_pp(struct gen_ctx *c, const struct person *p, int prov, int year, int male)
{
  struct gen_province *pr = &c->prov[prov];
  struct gen_pp *g = &c->pp[c->n_pp];
  g->id = p->id;
  g->prov = prov;
  g->born_year = year;
  g->male = male;
  SET(g->name, p->full_name);
  /* Links to people are keyed by national ID in the registers: someone without
   * one is kept in the people register but never linked. */
  if (!p->national_id[0]) {
    c->n_pp++;
    return ERR_OK;
  }
  if (pr->n_people == pr->cap_people) {
    size_t nc = pr->cap_people ? pr->cap_people * 2 : 64;
    long *x = realloc(pr->people, nc * sizeof *x);
    if (!x)
      return ERR_NOMEM;
    pr->people = x;
    pr->cap_people = nc;
  }
  pr->people[pr->n_people++] = (long)c->n_pp++;
  return ERR_OK;
}

/* Write person p (identity done, id set) and its history h. */
static int write_person(struct gen_ctx *c, struct person *p, struct hist *h, struct err *err)
{
  struct person_keys k;
  int rc = person_keys_make(&k, p, err);
  if (rc)
    return rc;
  struct store_person_keys sk = person_keys_store(&k);
  rc = store_gen_person(c->w, p, h->cur, &sk, err);
  c->res->search_keys += (long)k.n_search;
  person_keys_free(&k);
  for (size_t i = 0; i < h->n && !rc; i++) {
    struct person_event *e = &h->ev[i];
    e->id = c->next.event++;
    e->person_id = p->id;
    rc = store_gen_event(c->w, e, h->unit[i], h->from[i], err);
  }
  c->res->events += (long)h->n;
  c->res->people++;
  return rc;
}

int gen_people(struct gen_ctx *c, struct err *err)
{
  const struct gen_options *o = c->o;
  struct gen_rng r;
  gen_rng_seed(&r, o->seed, 1);
  c->pp = calloc((size_t)o->people + 1, sizeof *c->pp);
  struct hist *h = malloc(sizeof *h);
  if (!c->pp || !h) {
    free(h);
    return err_nomem(err);
  }
  int rc = ERR_OK;
  for (long i = 0; i < o->people && !rc; i++) {
    size_t prov = gen_province_pick(c, &r);
    long reg = gen_day_between(c, &r, c->from_day, c->end_day);
    const struct store_gen_unit *home = gen_commune_at(c, &r, prov, reg);
    struct person p;
    memset(&p, 0, sizeof p);
    p.id = c->next.person++;
    int male = gen_chance(&r, 0.9);
    SET(p.sex, male ? "male" : "female");
    /* Age at registration 16..60, most in their twenties and thirties. */
    double u = gen_unit(&r);
    long age = 16 + (long)(44.0 * u * u);
    long born = reg - age * 365 - gen_between(&r, 10, 360);
    gen_iso(p.birth_date, born);
    int year = date_from_days(born).y;
    enum gen_style style;
    SET(p.ethnicity, gen_names_ethnicity(&r, c->prov[prov].code, &style));
    gen_names_person(&r, style, male, p.full_name, sizeof p.full_name);
    if (gen_chance(&r, 0.05))
      gen_fmt(p.other_names, sizeof p.other_names, "%s",
              GEN_PICK(&r, ((const char *const[]){"Tí", "Tèo", "Béo", "Còi", "Đen", "Sún"})));
    if (gen_chance(&r, 0.95))
      national_id(c, &r, &p, (int)prov, year, male);
    gen_names_address(&r, home->type, p.address, sizeof p.address);
    int ow[sizeof occupations / sizeof occupations[0]];
    for (size_t k = 0; k < sizeof ow / sizeof ow[0]; k++)
      ow[k] = occupations[k].w;
    size_t oc = gen_weighted(&r, ow, sizeof ow / sizeof ow[0]);
    if (age > 24 && strcmp(occupations[oc].group, "student") == 0)
      oc = 0;
    SET(p.occupation, occupations[oc].occupation);
    SET(p.occupation_group, occupations[oc].group);
    SET(p.unit_tree, reg >= c->reform_day ? UNIT_TREE_NEW : UNIT_TREE_OLD);
    SET(p.unit_code, home->code);
    SET(p.created_by, GEN_USER);
    gen_stamp(p.created_at, &r, reg);
    rc = person_validate(&p, o->today, err);
    if (rc)
      break;
    /* The history, drawn again until it replays. */
    for (int attempt = 0;; attempt++) {
      h->n = 0;
      h->stop = h->managed = h->rehab = h->ost = h->aftercare = h->removed = h->treated = 0;
      h->end = c->end_day;
      h->cur = home->id;
      h->home = home;
      h->prov = (int)prov;
      history(c, h, &r, reg);
      struct err why = {0};
      int bad = 0;
      for (size_t k = 0; k < h->n && !bad; k++) {
        struct person_event *e = &h->ev[k];
        e->id = (long)k + 1; /* provisional: the order they were drawn */
        SET(e->recorded_by, GEN_USER);
        gen_stamp(e->recorded_at, &r, h->day[k]);
        bad = person_event_validate(e, &why) != ERR_OK;
      }
      struct person_status st;
      if (!bad)
        bad = person_replay(&st, p.birth_date, h->ev, h->n, o->today, &why) != ERR_OK;
      if (!bad)
        break;
      c->res->replay_failures++;
      if (attempt == 20) {
        rc = err_set(err, ERR_INTERNAL, "bộ sinh dữ liệu không tạo được lịch sử hợp lệ: %s",
                     why.msg);
        break;
      }
    }
    if (!rc)
      rc = write_person(c, &p, h, err);
    if (!rc)
      rc = add_pp(c, &p, (int)prov, year, male) ? err_nomem(err) : 0;
  }
  free(h);
  return rc;
}
