/* gen_places.c: generated places (retail points, sellers, hotspots, businesses, cultivation
 * sites), networks with members and online accounts, and licit entities with inspections.
 *
 * Retail points, sellers and hotspots get a status history: active when found, most
 * eliminated later, some reformed (and some of those eliminated again).
 * Businesses and licit entities get inspections on distinct days. Cultivation
 * sites lie mostly in mountain provinces (opium poppy there, cannabis
 * elsewhere). Dated records sit on the tree in force on their date; licit
 * entities, registered when the data begins, on an old commune when that is
 * before the reform. A record found before the reform that still existed on
 * 2025-07-01 also gets the new commune it is on from then (a successor of
 * its commune, migration 017), as a register kept after the reform holds it. */
#include <stdio.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/gen_int.h"

static int mountain(const char *code)
{
  static const char *const m[] = {"02", "04", "06", "08", "10", "11", "12", "14",
                                  "15", "17", "20", "38", "40", "62", "64", "66"};
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
    if (strcmp(m[i], code) == 0)
      return 1;
  return 0;
}

static const char *iso(char *buf, long d)
{
  if (d < 0 || d > 3000000) {
    buf[0] = 0;
    return buf;
  }
  return gen_iso(buf, d);
}

/* Inspections on distinct days from `from` on; *n receives how many. */
static int inspections(struct gen_ctx *c, struct gen_rng *r, long id, long from, int count,
                       const enum agency_kind *kinds, size_t nk, int licit, long *n,
                       struct err *err)
{
  long d = from;
  int rc = ERR_OK;
  for (int i = 0; i < count && !rc; i++) {
    d += gen_between(r, 20, 400);
    if (d > c->end_day)
      break;
    int v = gen_chance(r, 0.2) ? (int)gen_between(r, 1, 3) : 0;
    char result[160], on[DATE_ISO_LEN];
    if (v)
      gen_fmt(result, sizeof result,
              "Phát hiện %d vi phạm, lập biên bản xử phạt vi phạm hành chính", v);
    else
      gen_fmt(result, sizeof result, "Không phát hiện vi phạm");
    const char *kind = agency_kind_name(kinds[gen_below(r, (long)nk)]);
    gen_iso(on, d);
    rc = licit ? store_gen_licit_inspection(c->w, id, on, kind, result, v, err)
               : store_gen_place_inspection(c->w, id, on, kind, result, v, err);
    (*n)++;
  }
  return rc;
}

/* A status history: at most found, eliminated, re-formed, eliminated,
 * re-formed. */
struct history {
  long day[5];
  const char *status[5], *note[5];
  int n;
};

/* Draw the history of a hotspot, retail point or seller found on day `found`:
 * drawn before the place is written, since whether it lived on after the
 * reform decides its unit after it. */
static void draw_history(struct history *h, struct gen_ctx *c, struct gen_rng *r, long found)
{
  /* The row `pcmt import places` stores for a new hotspot, retail point or seller
   * (store_reg_place_found): the same status and note, so a re-import keeps it. */
  h->n = 0;
  h->day[h->n] = found;
  h->status[h->n] = "active";
  h->note[h->n++] = "phát hiện";
  long d = found;
  for (int round = 0; round < 2; round++) {
    if (!gen_chance(r, round ? 0.5 : 0.7))
      break;
    d += gen_between(r, 10, 300);
    if (d > c->end_day)
      break;
    h->day[h->n] = d;
    h->status[h->n] = "eliminated";
    h->note[h->n++] = "Đã triệt xóa";
    if (!gen_chance(r, 0.2))
      break;
    d += gen_between(r, 60, 400);
    if (d > c->end_day)
      break;
    h->day[h->n] = d;
    h->status[h->n] = "reformed";
    h->note[h->n++] = "Tái hình thành";
  }
}

static int write_history(struct gen_ctx *c, const struct history *h, long id, struct err *err)
{
  char on[DATE_ISO_LEN];
  int rc = ERR_OK;
  for (int i = 0; i < h->n && !rc; i++) {
    rc = store_gen_place_status(c->w, id, gen_iso(on, h->day[i]), h->status[i], h->note[i], err);
    c->res->place_status++;
  }
  return rc;
}

/* 1 when a record whose life ends on day `end` (-1: not ended) still
 * existed on the first day of the new tree. */
static int lived_on(const struct gen_ctx *c, long end)
{
  return end < 0 || end >= c->reform_day;
}

static const char *const spots[] = {"bãi đất trống",    "chân cầu", "nhà hoang", "bãi sông",
                                    "khu nghĩa địa",    "lán trại", "bờ kè",     "khu chợ cũ",
                                    "công trình bỏ dở", "đồi thông"};

static int places(struct gen_ctx *c, struct gen_rng *r, struct err *err)
{
  static const int kw[] = {25, 20, 25, 20, 10};
  static const char *const kinds[] = {"retail_point", "seller", "hotspot", "business",
                                      "cultivation"};
  static const char *const abbr[] = {"ĐBL", "ĐTB", "TĐ", "CSKD", "TCS"};
  static const struct {
    const char *type, *label;
  } business[] = {{"karaoke", "Karaoke"}, {"bar", "Quán bar"},        {"massage", "Cơ sở massage"},
                  {"hotel", "Khách sạn"}, {"guesthouse", "Nhà nghỉ"}, {"dance_club", "Vũ trường"}};
  static const enum agency_kind inspectors[] = {AGENCY_POLICE, AGENCY_POLICE, AGENCY_CULTURE,
                                                AGENCY_HEALTH};
  /* Cultivation: mountain provinces of the run, when there are any. */
  size_t mount[128], n_mount = 0;
  int mount_w[128];
  for (size_t i = 0; i < c->n_active && n_mount < 128; i++)
    if (mountain(c->prov[c->active[i]].code)) {
      mount_w[n_mount] = c->active_w[i];
      mount[n_mount++] = c->active[i];
    }
  int rc = ERR_OK;
  for (long i = 0; i < c->o->places && !rc; i++) {
    size_t k = gen_weighted(r, kw, 5);
    size_t p = k == 4 && n_mount && gen_chance(r, 0.85) ? mount[gen_weighted(r, mount_w, n_mount)]
                                                        : gen_province_pick(c, r);
    struct gen_province *pr = &c->prov[p];
    long day = gen_day_between(c, r, c->from_day, c->end_day);
    const struct store_gen_unit *u = gen_commune_at(c, r, p, day);
    struct store_gen_place pl;
    memset(&pl, 0, sizeof pl);
    long end = -1; /* the day the place ended (eliminated for good, destroyed); -1: not ended */
    pl.id = c->next.place++;
    pl.kind = kinds[k];
    pl.unit_id = u->id;
    char record[64], name[256], address[160], found[DATE_ISO_LEN], destroyed[DATE_ISO_LEN] = "",
                                                                   created[24];
    gen_fmt(record, sizeof record, "%ld/%d/%s.%s", pl.id, date_from_days(day).y, abbr[k], pr->code);
    pl.record_no = record;
    gen_names_address(r, u->type, address, sizeof address);
    pl.address = address;
    pl.found_on = gen_iso(found, day);
    pl.business_type = pl.plant = pl.note = "";
    pl.destroyed_on = destroyed;
    switch (k) {
    case 0:
      gen_fmt(name, sizeof name, "Điểm bán lẻ trái phép chất ma túy tại %s", address);
      break;
    case 1: {
      int year = date_from_days(day).y;
      long who = -1;
      for (int t = 0; t < 6 && pr->n_people && who < 0; t++) {
        long idx = pr->people[gen_below(r, (long)pr->n_people)];
        if (c->pp[idx].born_year + 16 <= year)
          who = idx;
      }
      if (who >= 0) {
        pl.person_id = c->pp[who].id;
        gen_fmt(name, sizeof name, "%s", c->pp[who].name);
      } else {
        enum gen_style style;
        gen_names_ethnicity(r, pr->code, &style);
        gen_names_person(r, style, gen_chance(r, 0.85), name, sizeof name);
      }
      pl.note = "Đối tượng bán lẻ trái phép chất ma túy";
      break;
    }
    case 2:
      gen_fmt(name, sizeof name, "Tụ điểm sử dụng trái phép chất ma túy tại %s, %s",
              GEN_PICK(r, spots), address);
      break;
    case 3: {
      size_t b = (size_t)gen_below(r, (long)(sizeof business / sizeof business[0]));
      pl.business_type = business[b].type;
      gen_fmt(name, sizeof name, "%s %s", business[b].label, gen_names_trade(r));
      break;
    }
    default: {
      int poppy = mountain(pr->code) ? gen_chance(r, 0.7) : gen_chance(r, 0.1);
      pl.plant = poppy ? "thuốc phiện" : "cần sa";
      double u2 = gen_unit(r);
      pl.area_m2 = (double)(long)(10 + 4990 * u2 * u2 * u2);
      if (gen_chance(r, 0.95)) {
        long dd = day + gen_between(r, 0, 10);
        iso(destroyed, dd > c->end_day ? -1 : dd);
        end = dd > c->end_day ? -1 : dd;
      }
      gen_fmt(name, sizeof name, "Điểm trồng cây %s tại %s", pl.plant, address);
      break;
    }
    }
    pl.name = name;
    pl.created_at = gen_stamp(created, r, day);
    pl.created_by = GEN_USER;
    struct history h = {.n = 0};
    if (k <= 2) /* retail points, sellers, hotspots */
      draw_history(&h, c, r, day);
    /* Found before the reform and still there on its first day (not eliminated
     * for good, not destroyed before it): on a new commune from then on, as a
     * register kept after the reform holds it. */
    if (k <= 2 && strcmp(h.status[h.n - 1], "eliminated") == 0)
      end = h.day[h.n - 1];
    const struct store_gen_unit *after =
        day < c->reform_day && lived_on(c, end) ? gen_successor(c, u, pl.id) : NULL;
    pl.unit_after_id = after ? after->id : 0;
    rc = store_gen_place(c->w, &pl, err);
    if (!rc && k <= 2)
      rc = write_history(c, &h, pl.id, err);
    if (!rc && k == 3)
      rc = inspections(c, r, pl.id, day, (int)gen_between(r, 1, 4), inspectors, 4, 0,
                       &c->res->inspections, err);
    c->res->places++;
  }
  return rc;
}

static int networks(struct gen_ctx *c, struct gen_rng *r, struct err *err)
{
  static const char *const platforms[] = {"Facebook", "Zalo", "Telegram", "TikTok", "Signal"};
  static const char *const slugs[] = {"hangtrang",  "keo_bay", "da_ngon",    "tra_sua_xanh",
                                      "ship_nhanh", "bay_lac", "hang_chuan", "nuoc_vui",
                                      "keo_ngot",   "hang_ve"};
  static const char *const roles[] = {"member", "courier", "seller", "financier", "member"};
  int rc = ERR_OK;
  for (long i = 0; i < c->o->networks && !rc; i++) {
    size_t p = gen_province_pick(c, r);
    struct gen_province *pr = &c->prov[p];
    long day = gen_day_between(c, r, c->from_day, c->end_day);
    const struct store_gen_unit *u = gen_commune_at(c, r, p, day);
    int online = gen_chance(r, 0.15);
    long ended = -1; /* the day dismantled; -1: not */
    struct store_gen_network n;
    memset(&n, 0, sizeof n);
    n.id = c->next.network++;
    n.kind = online ? "online_group" : "ring";
    n.unit_id = u->id;
    char record[64], name[256], area[256], found[DATE_ISO_LEN], dism[DATE_ISO_LEN] = "",
                                                                created[24];
    gen_fmt(record, sizeof record, "%ld/%d/ĐD.%s", n.id, date_from_days(day).y, pr->code);
    const struct gen_province *other = &c->prov[gen_below(r, (long)c->n_prov)];
    if (online) {
      gen_fmt(name, sizeof name, "Nhóm \"%s\" trên %s", GEN_PICK(r, slugs), GEN_PICK(r, platforms));
      gen_fmt(area, sizeof area, "Trên không gian mạng, %s %s", pr->type, pr->name);
    } else if (other != pr && gen_chance(r, 0.4)) {
      gen_fmt(name, sizeof name, "Đường dây vận chuyển trái phép chất ma túy %s - %s", pr->name,
              other->name);
      gen_fmt(area, sizeof area, "%s %s, %s %s", pr->type, pr->name, other->type, other->name);
    } else {
      gen_fmt(name, sizeof name, "Đường dây mua bán trái phép chất ma túy tại %s %s",
              u->district[0] ? u->district_type : u->type, u->district[0] ? u->district : u->name);
      gen_fmt(area, sizeof area, "%s %s", pr->type, pr->name);
    }
    n.record_no = record;
    n.name = name;
    n.area = area;
    n.found_on = gen_iso(found, day);
    if (gen_chance(r, 0.6)) {
      long dd = day + gen_between(r, 30, 400);
      iso(dism, dd > c->end_day ? -1 : dd);
      ended = dd > c->end_day ? -1 : dd;
    }
    n.dismantled_on = dism;
    const struct store_gen_unit *after =
        day < c->reform_day && lived_on(c, ended) ? gen_successor(c, u, n.id) : NULL;
    n.unit_after_id = after ? after->id : 0;
    n.note = "";
    n.created_at = gen_stamp(created, r, day);
    n.created_by = GEN_USER;
    rc = store_gen_network(c->w, &n, err);
    c->res->networks++;
    /* Members: people of the province, the first the leader. */
    long who[8];
    int n_who = 0, want = (int)gen_between(r, 2, 8);
    for (int t = 0; t < want * 3 && n_who < want && pr->n_people && !rc; t++) {
      long idx = pr->people[gen_below(r, (long)pr->n_people)];
      int dup = 0;
      for (int j = 0; j < n_who; j++)
        dup |= who[j] == idx;
      if (dup)
        continue;
      who[n_who] = idx;
      rc = store_gen_network_member(c->w, n.id, c->pp[idx].id,
                                    n_who ? GEN_PICK(r, roles) : "leader", err);
      n_who++;
      c->res->members++;
    }
    int accounts = online ? (int)gen_between(r, 1, 4) : gen_chance(r, 0.1) ? 1 : 0;
    for (int a = 0; a < accounts && !rc; a++) {
      char handle[64];
      gen_fmt(handle, sizeof handle, "@%s%ld", GEN_PICK(r, slugs),
              gen_between(r, 1, 9999) * 10 + a);
      rc = store_gen_network_account(c->w, n.id, GEN_PICK(r, platforms), handle, err);
      c->res->accounts++;
    }
  }
  return rc;
}

static int licit(struct gen_ctx *c, struct gen_rng *r, struct err *err)
{
  static const int kw[] = {20, 35, 30, 15};
  static const char *const kinds[] = {"precursor", "narcotic_medicine", "psychotropic_medicine",
                                      "veterinary"};
  static const enum agency_kind by_precursor[] = {AGENCY_INDUSTRY_TRADE, AGENCY_POLICE},
                                by_medicine[] = {AGENCY_HEALTH, AGENCY_HEALTH, AGENCY_POLICE},
                                by_veterinary[] = {AGENCY_AGRICULTURE, AGENCY_POLICE};
  int rc = ERR_OK;
  for (long i = 0; i < c->o->licit && !rc; i++) {
    size_t p = gen_province_pick(c, r);
    struct gen_province *pr = &c->prov[p];
    /* Registered when the data begins: before the reform, on an old commune,
     * and on a new commune it went into from the reform on. */
    const struct store_gen_unit *u = gen_commune_at(c, r, p, c->from_day);
    size_t k = gen_weighted(r, kw, 4);
    struct store_gen_licit l;
    memset(&l, 0, sizeof l);
    l.id = c->next.licit++;
    l.kind = kinds[k];
    l.unit_id = u->id;
    const struct store_gen_unit *after =
        c->from_day < c->reform_day ? gen_successor(c, u, l.id) : NULL;
    l.unit_after_id = after ? after->id : 0;
    char record[64], name[256], address[160], licence[64], created[24];
    const char *trade = gen_names_trade(r);
    switch (k) {
    case 0:
      gen_fmt(name, sizeof name, "Công ty TNHH Hóa chất %s", trade);
      gen_fmt(licence, sizeof licence, "%ld/GCN-SCT", gen_between(r, 1, 999));
      break;
    case 1:
      if (gen_chance(r, 0.4))
        gen_fmt(name, sizeof name, "Bệnh viện Đa khoa %s %s", pr->type, pr->name);
      else
        gen_fmt(name, sizeof name, "Nhà thuốc %s", trade);
      gen_fmt(licence, sizeof licence, "%ld/ĐKKDD-SYT", gen_between(r, 1, 9999));
      break;
    case 2:
      gen_fmt(name, sizeof name, gen_chance(r, 0.5) ? "Nhà thuốc %s" : "Công ty CP Dược phẩm %s",
              trade);
      gen_fmt(licence, sizeof licence, "%ld/ĐKKDD-SYT", gen_between(r, 1, 9999));
      break;
    default:
      gen_fmt(name, sizeof name, "Cửa hàng thuốc thú y %s", trade);
      gen_fmt(licence, sizeof licence, "%ld/GCN-TY", gen_between(r, 1, 999));
      break;
    }
    gen_fmt(record, sizeof record, "%ld/CS.%s", l.id, pr->code);
    gen_names_address(r, u->type, address, sizeof address);
    l.record_no = record;
    l.name = name;
    l.address = address;
    l.licence = licence;
    l.created_at = gen_stamp(created, r, c->from_day);
    l.created_by = GEN_USER;
    rc = store_gen_licit(c->w, &l, err);
    c->res->licit++;
    const enum agency_kind *by = k == 0 ? by_precursor : k == 3 ? by_veterinary : by_medicine;
    size_t nby = k == 0 || k == 3 ? 2 : 3;
    if (!rc)
      rc = inspections(c, r, l.id, c->from_day, (int)gen_between(r, 0, 3), by, nby, 1,
                       &c->res->licit_inspections, err);
  }
  return rc;
}

int gen_places(struct gen_ctx *c, struct err *err)
{
  struct gen_rng r;
  gen_rng_seed(&r, c->o->seed, 3);
  int rc = places(c, &r, err);
  gen_rng_seed(&r, c->o->seed, 4);
  if (!rc)
    rc = networks(c, &r, err);
  gen_rng_seed(&r, c->o->seed, 5);
  if (!rc)
    rc = licit(c, &r, err);
  return rc;
}
