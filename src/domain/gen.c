/* gen.c: the generator's run — options, PRNG, geography, the one transaction and its audit row.
 *
 * The parts (people, cases, places, activities) live in gen_*.c; this file
 * loads the communes of both trees and the 2025 succession, groups them by
 * old-tree province, and writes everything inside one write transaction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "domain/agency.h"
#include "domain/audit.h"
#include "domain/gen.h"
#include "domain/gen_int.h"
#include "domain/person_span.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"

/* ---------------------------------------------------------------------------
 * PRNG
 * ------------------------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed, uint64_t stream)
{
  uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_next(struct gen_rng *r)
{
  uint64_t *s = r->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

long gen_below(struct gen_rng *r, long n)
{
  if (n <= 1)
    return 0;
  /* multiply-shift: unbiased enough for n far below 2^32 */
  return (long)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

long gen_between(struct gen_rng *r, long lo, long hi)
{
  return hi <= lo ? lo : lo + gen_below(r, hi - lo + 1);
}

double gen_unit(struct gen_rng *r)
{
  return (double)(gen_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

int gen_chance(struct gen_rng *r, double p)
{
  return gen_unit(r) < p;
}

size_t gen_weighted(struct gen_rng *r, const int *w, size_t n)
{
  long total = 0;
  for (size_t i = 0; i < n; i++)
    total += w[i];
  long x = gen_below(r, total);
  for (size_t i = 0; i < n; i++) {
    if (x < w[i])
      return i;
    x -= w[i];
  }
  return n - 1;
}

/* ---------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------- */

void gen_options_init(struct gen_options *o, enum gen_scale scale)
{
  memset(o, 0, sizeof *o);
  o->scale = scale;
  o->year_from = 2020;
  o->year_to = 2026;
  o->seed = 1;
  date_to_iso(o->today, date_today());
  o->people = 250000;
  o->cases = 150000;
  o->places = 20000;
  o->networks = 3000;
  o->licit = 4000;
  o->activities = 500000;
  if (scale == GEN_PROVINCE) {
    long *sizes[] = {&o->people, &o->cases, &o->places, &o->networks, &o->licit, &o->activities};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
      *sizes[i] /= 30;
  }
}

int gen_options_check(const struct gen_options *o, struct err *err)
{
  struct date today;
  if (date_parse(&today, o->today, 0, err))
    return ERR_INPUT;
  if (o->year_from < 2000 || o->year_to > 2100 || o->year_from > o->year_to)
    return err_set(err, ERR_INPUT, "khoảng năm %d..%d không hợp lệ (2000..2100, từ <= đến)",
                   o->year_from, o->year_to);
  if (o->year_from > today.y)
    return err_set(err, ERR_INPUT, "năm bắt đầu %d ở sau hôm nay (%s)", o->year_from, o->today);
  if (o->scale == GEN_PROVINCE && !o->province[0])
    return err_set(err, ERR_INPUT, "quy mô tỉnh cần mã tỉnh (--province)");
  const long sizes[] = {o->people, o->cases, o->places, o->networks, o->licit, o->activities};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    if (sizes[i] < 0 || sizes[i] > 10000000)
      return err_set(err, ERR_INPUT, "số lượng %ld không hợp lệ (0..10.000.000)", sizes[i]);
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Helpers shared by the parts
 * ------------------------------------------------------------------------- */

void gen_fmt(char *dst, size_t n, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dst, n, fmt, ap);
  va_end(ap);
}

const char *gen_iso(char *buf, long d)
{
  date_to_iso(buf, date_from_days(d));
  return buf;
}

const char *gen_stamp(char *buf, struct gen_rng *r, long d)
{
  char iso[DATE_ISO_LEN];
  /* 07:30 to 16:30 local time is 00:30 to 09:30 UTC */
  long s = gen_between(r, 1800, 34200);
  gen_fmt(buf, 24, "%sT%02ld:%02ld:%02ldZ", gen_iso(iso, d), s / 3600, s / 60 % 60, s % 60);
  return buf;
}

size_t gen_province_pick(struct gen_ctx *c, struct gen_rng *r)
{
  return c->active[gen_weighted(r, c->active_w, c->n_active)];
}

const struct store_gen_unit *gen_commune_at(struct gen_ctx *c, struct gen_rng *r, size_t p, long d)
{
  const struct gen_province *pr = &c->prov[p];
  if (d >= c->reform_day && pr->n_new)
    return &c->new_u[pr->new_c[gen_below(r, (long)pr->n_new)]];
  return &c->old_u[pr->old_c[gen_below(r, (long)pr->n_old)]];
}

const struct store_gen_unit *gen_successor(const struct gen_ctx *c,
                                           const struct store_gen_unit *old, long id)
{
  if (c->end_day < c->reform_day || old < c->old_u || old >= c->old_u + c->n_old_u)
    return NULL;
  size_t i = (size_t)(old - c->old_u), n = c->succ_at[i + 1] - c->succ_at[i];
  if (!n)
    return NULL;
  uint64_t x = (uint64_t)id;
  return &c->new_u[c->succ[c->succ_at[i] + splitmix64(&x) % n]];
}

long gen_day_between(struct gen_ctx *c, struct gen_rng *r, long lo, long hi)
{
  if (lo < c->from_day)
    lo = c->from_day;
  if (hi > c->end_day)
    hi = c->end_day;
  return lo > hi ? -1 : gen_between(r, lo, hi);
}

static uint64_t mix64(uint64_t x)
{
  return splitmix64(&x);
}

#define GEN_AGENCY_SLOTS ((size_t)1 << 17)

int gen_agency_check(struct gen_ctx *c, const char *name, enum agency_kind k, struct err *err)
{
  /* Names repeat (one per commune and kind): each is read by the lexicon once. */
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)k;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    h = (h ^ *p) * 1099511628211ULL;
  h |= 1;
  if (!c->agencies)
    c->agencies = calloc(GEN_AGENCY_SLOTS, sizeof *c->agencies);
  size_t at = 0;
  if (c->agencies) {
    for (at = h & (GEN_AGENCY_SLOTS - 1); c->agencies[at]; at = (at + 1) & (GEN_AGENCY_SLOTS - 1))
      if (c->agencies[at] == h)
        return ERR_OK;
  }
  struct agency_ref ref;
  int rc = agency_parse(&ref, name, err);
  if (rc)
    return rc;
  if (ref.kind != k)
    return err_set(err, ERR_INTERNAL,
                   "bộ sinh dữ liệu: tên cơ quan \"%s\" đọc ra loại %s, không phải %s", name,
                   agency_kind_name(ref.kind) ? agency_kind_name(ref.kind) : "(không rõ)",
                   agency_kind_name(k));
  if (c->agencies && c->agencies_n < GEN_AGENCY_SLOTS / 4 * 3) {
    c->agencies[at] = h;
    c->agencies_n++;
  }
  return ERR_OK;
}

int gen_id_claim(struct gen_ctx *c, uint64_t id)
{
  size_t mask = c->ids_cap - 1;
  for (size_t i = mix64(id) & mask;; i = (i + 1) & mask) {
    if (c->ids[i] == id)
      return 0;
    if (c->ids[i] == 0) {
      c->ids[i] = id;
      c->ids_n++;
      return 1;
    }
  }
}

static int claim_existing(void *ctx, const char *id)
{
  struct gen_ctx *c = ctx;
  char *end;
  unsigned long long v = strtoull(id, &end, 10);
  if (*end == 0 && v)
    gen_id_claim(c, v);
  return 0;
}

/* ---------------------------------------------------------------------------
 * Geography
 * ------------------------------------------------------------------------- */

/* Share of drug-related data by old-tree province, relative to its number of
 * communes (x2): the north-west border, the big cities and the usual transit
 * provinces weigh more. */
static int province_factor(const char *code)
{
  static const struct {
    const char *code;
    int f;
  } f[] = {
      {"01", 6}, {"79", 7}, {"31", 4}, {"22", 4}, {"11", 8}, {"14", 6}, {"12", 6}, {"10", 4},
      {"02", 4}, {"04", 3}, {"20", 4}, {"40", 5}, {"38", 4}, {"42", 3}, {"92", 3}, {"48", 3},
  };
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    if (strcmp(f[i].code, code) == 0)
      return f[i].f;
  return 2;
}

static int unit_code_cmp(const void *key, const void *elem)
{
  return strcmp(key, ((const struct store_gen_unit *)elem)->code);
}

static int size_cmp(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

static int push(size_t **arr, size_t *n, size_t *cap, size_t v)
{
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    size_t *p = realloc(*arr, nc * sizeof *p);
    if (!p)
      return ERR_NOMEM;
    *arr = p;
    *cap = nc;
  }
  (*arr)[(*n)++] = v;
  return ERR_OK;
}

static void ctx_free(struct gen_ctx *c)
{
  for (size_t i = 0; i < c->n_prov; i++) {
    free(c->prov[i].old_c);
    free(c->prov[i].new_c);
    free(c->prov[i].extra_c);
    free(c->prov[i].people);
  }
  free(c->prov);
  free(c->old_u);
  free(c->new_u);
  free(c->old_prov);
  free(c->succ_at);
  free(c->succ);
  free(c->active);
  free(c->active_w);
  free(c->pp);
  free(c->ids);
  free(c->agencies);
}

/* c->succ_at / c->succ from the successions of old communes (sx: by old
 * code then new code; c->old_u and c->new_u: by code). */
static int load_successors(struct gen_ctx *c, const struct store_gen_succession *sx, size_t nsx,
                           struct err *err)
{
  c->succ_at = calloc(c->n_old_u + 1, sizeof *c->succ_at);
  c->succ = malloc((nsx ? nsx : 1) * sizeof *c->succ);
  if (!c->succ_at || !c->succ)
    return err_nomem(err);
  size_t n = 0, at = 0; /* at: the next old commune whose range starts */
  for (size_t i = 0; i < nsx; i++) {
    if (sx[i].old_level != 3)
      continue;
    const struct store_gen_unit *o =
        bsearch(sx[i].old_code, c->old_u, c->n_old_u, sizeof *c->old_u, unit_code_cmp);
    const struct store_gen_unit *w =
        bsearch(sx[i].new_code, c->new_u, c->n_new_u, sizeof *c->new_u, unit_code_cmp);
    if (!o || !w)
      continue;
    for (size_t k = (size_t)(o - c->old_u); at <= k; at++)
      c->succ_at[at] = n;
    c->succ[n++] = (size_t)(w - c->new_u);
  }
  for (; at <= c->n_old_u; at++)
    c->succ_at[at] = n;
  return ERR_OK;
}

static int load_geography(struct gen_ctx *c, struct err *err)
{
  int rc = store_gen_communes(&c->old_u, &c->n_old_u, c->st, UNIT_TREE_OLD, err);
  if (!rc)
    rc = store_gen_communes(&c->new_u, &c->n_new_u, c->st, UNIT_TREE_NEW, err);
  if (rc)
    return rc;
  if (!c->n_old_u || !c->n_new_u)
    return err_set(err, ERR_NOT_FOUND,
                   "chưa có đơn vị hành chính cấp xã của cả hai hệ; hãy chạy 'pcmt units "
                   "import' trước");
  c->old_prov = malloc(c->n_old_u * sizeof *c->old_prov);
  c->prov = calloc(128, sizeof *c->prov);
  size_t *old_cap = calloc(128, sizeof *old_cap);
  if (!c->old_prov || !c->prov || !old_cap) {
    free(old_cap);
    return err_nomem(err);
  }
  for (size_t i = 0; i < c->n_old_u && !rc; i++) {
    const struct store_gen_unit *u = &c->old_u[i];
    size_t p = 0;
    while (p < c->n_prov && strcmp(c->prov[p].code, u->province) != 0)
      p++;
    if (p == c->n_prov) {
      if (c->n_prov == 128) {
        rc = err_set(err, ERR_INTERNAL, "quá nhiều tỉnh");
        break;
      }
      struct gen_province *pr = &c->prov[c->n_prov++];
      snprintf(pr->code, sizeof pr->code, "%s", u->province);
      snprintf(pr->name, sizeof pr->name, "%s", u->province_name);
      snprintf(pr->type, sizeof pr->type, "%s", u->province_type);
    }
    c->old_prov[i] = (int)p;
    if (push(&c->prov[p].old_c, &c->prov[p].n_old, &old_cap[p], i))
      rc = err_nomem(err);
  }
  free(old_cap);
  if (rc)
    return rc;
  /* New communes of each old province, through the succession. */
  struct store_gen_succession *sx = NULL;
  size_t nsx = 0;
  rc = store_gen_successions(&sx, &nsx, c->st, err);
  if (rc)
    return rc;
  size_t *new_cap = calloc(c->n_prov, sizeof *new_cap);
  size_t *extra_cap = calloc(c->n_prov, sizeof *extra_cap);
  if (!new_cap || !extra_cap)
    rc = err_nomem(err);
  for (size_t i = 0; i < nsx && !rc; i++) {
    const struct store_gen_unit *w =
        bsearch(sx[i].new_code, c->new_u, c->n_new_u, sizeof *c->new_u, unit_code_cmp);
    size_t p = 0;
    while (p < c->n_prov && strcmp(c->prov[p].code, sx[i].old_province) != 0)
      p++;
    if (!w || p == c->n_prov)
      continue;
    struct gen_province *pr = &c->prov[p];
    int bad = sx[i].old_level == 3
                  ? push(&pr->new_c, &pr->n_new, &new_cap[p], (size_t)(w - c->new_u))
                  : push(&pr->extra_c, &pr->n_extra, &extra_cap[p], (size_t)(w - c->new_u));
    if (bad)
      rc = err_nomem(err);
  }
  free(extra_cap);
  free(new_cap);
  if (!rc)
    rc = load_successors(c, sx, nsx, err);
  free(sx);
  for (size_t p = 0; p < c->n_prov && !rc; p++) {
    struct gen_province *pr = &c->prov[p];
    if (!pr->n_new)
      continue;
    qsort(pr->new_c, pr->n_new, sizeof *pr->new_c, size_cmp);
    size_t k = 1;
    for (size_t i = 1; i < pr->n_new; i++)
      if (pr->new_c[i] != pr->new_c[k - 1])
        pr->new_c[k++] = pr->new_c[i];
    pr->n_new = k;
    size_t e = 0;
    for (size_t i = 0; i < pr->n_extra; i++)
      if (!bsearch(&pr->extra_c[i], pr->new_c, pr->n_new, sizeof *pr->new_c, size_cmp))
        pr->extra_c[e++] = pr->extra_c[i];
    pr->n_extra = e;
    pr->weight = (int)pr->n_old * province_factor(pr->code);
  }
  for (size_t p = 0; p < c->n_prov; p++)
    if (!c->prov[p].weight)
      c->prov[p].weight = (int)c->prov[p].n_old * province_factor(c->prov[p].code);
  return rc;
}

/* Keep in idx[0..*n) the new communes (indexes into new_u) of new province
 * `code`. */
static void keep_new_of(size_t *idx, size_t *n, const struct store_gen_unit *new_u,
                        const char *code)
{
  size_t w = 0;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(new_u[idx[i]].province, code) == 0)
      idx[w++] = idx[i];
  *n = w;
}

/* The province the options name, into c->res->province: a bare code as of
 * `today`, and it must be a province. */
static int take_province(struct gen_ctx *c, struct err *err)
{
  if (c->o->scale != GEN_PROVINCE)
    return ERR_OK;
  struct unit *u = &c->res->province;
  struct err e = {ERR_OK, ""};
  int rc = unit_resolve(u, c->st, c->o->tree, c->o->province, c->o->today, &e);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_INPUT,
                   "không có tỉnh mã \"%s\"%s%s (mã hai chữ số: 01 Hà Nội, 15 Lào Cai, 10 Lào "
                   "Cai trước 01/07/2025 ...)",
                   c->o->province, c->o->tree[0] ? " trong hệ " : "", c->o->tree);
  if (rc)
    return err_copy(err, &e);
  if (u->level != 1)
    return err_set(err, ERR_INPUT, "mã %s là %s %s, không phải tỉnh", u->code, u->type, u->name);
  return ERR_OK;
}

static int choose_provinces(struct gen_ctx *c, struct err *err)
{
  c->active = malloc(c->n_prov * sizeof *c->active);
  c->active_w = malloc(c->n_prov * sizeof *c->active_w);
  if (!c->active || !c->active_w)
    return err_nomem(err);
  const struct unit *taken = &c->res->province;
  int whole_new = c->o->scale == GEN_PROVINCE && strcmp(taken->tree, UNIT_TREE_NEW) == 0;
  for (size_t p = 0; p < c->n_prov; p++) {
    struct gen_province *pr = &c->prov[p];
    if (whole_new) {
      /* the old provinces that went into the new one, each keeping only the
       * new communes of that province */
      keep_new_of(pr->new_c, &pr->n_new, c->new_u, taken->code);
      keep_new_of(pr->extra_c, &pr->n_extra, c->new_u, taken->code);
      if (!pr->n_new && !pr->n_extra)
        continue;
    } else if (c->o->scale == GEN_PROVINCE && strcmp(pr->code, taken->code) != 0) {
      continue;
    }
    c->active[c->n_active] = p;
    c->active_w[c->n_active++] = pr->weight;
  }
  if (!c->n_active)
    return err_set(err, ERR_INPUT, "tỉnh mã \"%s\" (hệ %s) không có xã nào để sinh dữ liệu",
                   taken->code, taken->tree);
  for (size_t i = 0; i < c->n_active; i++)
    c->res->old_communes += (long)c->prov[c->active[i]].n_old;
  /* New communes: count each once (a new commune may take over communes of two
   * old provinces). */
  char *seen = calloc(c->n_new_u, 1);
  if (!seen)
    return err_nomem(err);
  for (size_t i = 0; i < c->n_active; i++) {
    const struct gen_province *pr = &c->prov[c->active[i]];
    for (size_t k = 0; k < pr->n_new + pr->n_extra; k++) {
      size_t x = k < pr->n_new ? pr->new_c[k] : pr->extra_c[k - pr->n_new];
      if (!seen[x]) {
        seen[x] = 1;
        c->res->new_communes++;
      }
    }
  }
  free(seen);
  c->res->provinces = (long)c->n_active;
  return ERR_OK;
}

static int load_ids(struct gen_ctx *c, struct err *err)
{
  size_t want = (size_t)c->o->people * 2 + 1024;
  c->ids_cap = 1;
  while (c->ids_cap < want * 2)
    c->ids_cap <<= 1;
  c->ids = calloc(c->ids_cap, sizeof *c->ids);
  if (!c->ids)
    return err_nomem(err);
  return store_gen_national_ids(c->st, claim_existing, c, err);
}

/* ---------------------------------------------------------------------------
 * The run
 * ------------------------------------------------------------------------- */

static long day_of(int y, int m, int d)
{
  struct date x = {y, m, d};
  return date_to_days(x);
}

static double now_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int generate(struct gen_ctx *c, const struct scope *sc, struct err *err)
{
  int rc = store_gen_writer_open(&c->w, c->st, err);
  if (!rc)
    rc = gen_people(c, err);
  if (!rc)
    rc = gen_cases(c, err);
  if (!rc)
    rc = gen_places(c, err);
  if (!rc)
    rc = gen_activities(c, err);
  store_gen_writer_close(c->w);
  c->w = NULL;
  if (!rc) /* the indicators' view of the people just written */
    rc = person_derive_from_tx(c->st, c->first_person, err);
  if (!rc) {
    char at[24];
    date_now_utc(at, sizeof at);
    rc = store_gen_flag_duplicates(&c->res->duplicates, c->st, GEN_USER, at, err);
  }
  if (!rc) {
    const struct gen_options *o = c->o;
    const struct gen_result *r = c->res;
    char detail[256];
    snprintf(detail, sizeof detail,
             "seed=%llu scale=%s%s%s%s%s years=%d-%d today=%s people=%ld events=%ld "
             "cases=%ld places=%ld networks=%ld licit=%ld activities=%ld",
             (unsigned long long)o->seed, o->scale == GEN_NATIONAL ? "national" : "province",
             o->scale == GEN_NATIONAL ? "" : ":", r->province.tree,
             o->scale == GEN_NATIONAL ? "" : ":", r->province.code, o->year_from, o->year_to,
             o->today, r->people, r->events, r->cases, r->places, r->networks, r->licit,
             r->activities);
    rc = audit_record(c->st, sc, "gen.run", "gen", 0, detail, err);
  }
  return rc;
}

int gen_prepare(struct store *st, struct err *err)
{
  return store_scope_refresh(st, err);
}

int gen_run(struct gen_result *out, struct store *st, const struct scope *actor,
            const struct gen_options *o, struct err *err)
{
  memset(out, 0, sizeof *out);
  double t0 = now_seconds();
  int rc = gen_options_check(o, err);
  if (rc)
    return rc;
  long existing = 0;
  rc = store_gen_existing(&existing, st, GEN_USER, err);
  if (rc)
    return rc;
  if (existing)
    return err_set(err, ERR_CONFLICT,
                   "cơ sở dữ liệu đã có %ld bản ghi do bộ sinh dữ liệu tạo; hãy sinh vào một cơ "
                   "sở dữ liệu mới (pcmt init --db FILE, pcmt units import)",
                   existing);
  struct gen_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  c.o = o;
  c.res = out;
  struct date today;
  date_parse(&today, o->today, 0, NULL);
  c.from_day = day_of(o->year_from, 1, 1);
  c.end_day = day_of(o->year_to, 12, 31);
  if (c.end_day > date_to_days(today))
    c.end_day = date_to_days(today);
  c.reform_day = day_of(2025, 7, 1);
  rc = take_province(&c, err);
  if (!rc)
    rc = load_geography(&c, err);
  if (!rc)
    rc = choose_provinces(&c, err);
  if (!rc)
    rc = load_ids(&c, err);
  if (!rc)
    rc = store_gen_next_ids(&c.next, st, err);
  c.first_person = c.next.person;
  /* Pages of a national run (about 1 GB) stay in memory until the commit. */
  if (!rc)
    rc = store_bulk_cache(st, o->scale == GEN_NATIONAL ? 3072 : 256, err);
  if (!rc)
    rc = generate(&c, actor, err);
  ctx_free(&c);
  store_bulk_cache(st, 2, NULL);
  if (rc) {
    struct gen_result keep = *out;
    memset(out, 0, sizeof *out);
    out->replay_failures = keep.replay_failures;
  }
  out->seconds = now_seconds() - t0;
  return rc;
}
