/* gen_int.h: what the generator's files share (internal to src/domain/gen*.c).
 *
 * gen.c loads the geography, opens the transaction and calls, in order,
 * gen_people (gen_people.c), gen_cases (gen_cases.c), gen_places
 * (gen_places.c: places, networks, licit entities) and gen_activities
 * (gen_activities.c). Names and the ethnic mix of provinces are in
 * gen_names.c. Each part draws from its own PRNG stream of the seed, so the
 * data of one part does not shift when another part's size changes. */
#ifndef PCMT_DOMAIN_GEN_INT_H
#define PCMT_DOMAIN_GEN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/agency.h"
#include "domain/gen.h"
#include "store/store_gen.h"

/* ---------------------------------------------------------------------------
 * PRNG: xoshiro256** seeded through splitmix64 (no rand(): the same seed gives
 * the same numbers on every platform).
 * ------------------------------------------------------------------------- */

struct gen_rng {
  uint64_t s[4];
};

/* Stream `stream` of seed `seed`. */
void gen_rng_seed(struct gen_rng *r, uint64_t seed, uint64_t stream);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n) (n > 0). */
long gen_below(struct gen_rng *r, long n);
/* Uniform in [lo, hi]. */
long gen_between(struct gen_rng *r, long lo, long hi);
/* Uniform double in [0, 1). */
double gen_unit(struct gen_rng *r);
/* 1 with probability p. */
int gen_chance(struct gen_rng *r, double p);
/* An index drawn by integer weights w[0..n-1] (sum > 0). */
size_t gen_weighted(struct gen_rng *r, const int *w, size_t n);
/* One of n strings, uniformly. */
#define GEN_PICK(r, arr) ((arr)[gen_below((r), (long)(sizeof(arr) / sizeof((arr)[0])))])

/* ---------------------------------------------------------------------------
 * Names (gen_names.c)
 * ------------------------------------------------------------------------- */

enum gen_style {
  GS_KINH,
  GS_TAY,
  GS_THAI,
  GS_MUONG,
  GS_HMONG,
  GS_DAO,
  GS_KHMU,
  GS_EDE,
  GS_JARAI,
  GS_BAHNAR,
  GS_KHMER,
  GS_HOA
};

/* An ethnicity drawn from the mix of old-tree province `province`, its
 * naming style into *style. */
const char *gen_names_ethnicity(struct gen_rng *r, const char *province, enum gen_style *style);
/* "Tiếng H'Mông" ... for an ethnicity with its own language widely spoken, else NULL. */
const char *gen_names_language(const char *ethnicity);
/* An ethnicity of the province other than Kinh with at least `pct` percent, else NULL. */
const char *gen_names_minority(struct gen_rng *r, const char *province, int pct);
/* A full name in `style` for a man or a woman into out. */
void gen_names_person(struct gen_rng *r, enum gen_style style, int male, char *out, size_t n);
/* A house address in a commune of `type` ("xã", "phường" ...) into out. */
void gen_names_address(struct gen_rng *r, const char *type, char *out, size_t n);
/* A trade name for a shop or a company ("Hoàng Long", "Minh Phát"). */
const char *gen_names_trade(struct gen_rng *r);

/* ---------------------------------------------------------------------------
 * Geography and the run
 * ------------------------------------------------------------------------- */

struct gen_province {
  char code[4];  /* old-tree code */
  char name[96]; /* "Lào Cai" */
  char type[24]; /* "tỉnh" */
  size_t *old_c; /* indexes into ctx.old_u: its communes */
  size_t n_old;
  size_t *new_c; /* indexes into ctx.new_u: new communes its communes went into */
  size_t n_new;
  size_t *extra_c; /* new communes made of an old district without communes (island
                      special zones): activities only */
  size_t n_extra;
  int weight;   /* share of the national data */
  long *people; /* indexes into ctx.pp of the people registered here who have a national ID:
                   the registers that link people (case people, network members,
                   sellers) key the link by it, so only they are linked */
  size_t n_people, cap_people;
};

/* A generated person, kept for the registers that link to people. */
struct gen_pp {
  long id;
  int prov;      /* province of registration */
  int born_year; /* year of birth */
  int male;
  char name[64];
};

struct gen_ctx {
  struct store *st;
  struct store_gen_writer *w;
  const struct gen_options *o;
  struct gen_result *res;
  struct store_gen_unit *old_u, *new_u; /* communes of each tree */
  size_t n_old_u, n_new_u;
  int *old_prov;   /* province index of each old commune */
  size_t *succ_at; /* n_old_u + 1 entries: old commune i's successors are succ[succ_at[i] ..
                      succ_at[i + 1]) */
  size_t *succ;    /* indexes into new_u: the new communes each old commune went into */
  struct gen_province *prov;
  size_t n_prov;
  size_t *active; /* provinces generated into (one, or all) */
  size_t n_active;
  int *active_w;                      /* their weights */
  long from_day, end_day, reform_day; /* day numbers: first, last, 2025-07-01 */
  struct store_gen_ids next;
  long first_person; /* the first id of this run: derived rows from there */
  struct gen_pp *pp;
  size_t n_pp;
  uint64_t *ids;      /* national IDs in use: open addressing, 0 = empty */
  uint64_t *agencies; /* hashes of (agency name, kind) the lexicon has read back: open
                         addressing, 0 = empty; NULL until the first check */
  size_t agencies_n;
  size_t ids_cap, ids_n;
};

/* snprintf that may cut (generated texts are short; a cut is harmless). */
void gen_fmt(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* ISO date of day number d into buf (DATE_ISO_LEN). */
const char *gen_iso(char *buf, long d);
/* A timestamp on day d ("YYYY-MM-DDTHH:MM:SSZ", office hours UTC) into buf (>= 24). */
const char *gen_stamp(char *buf, struct gen_rng *r, long d);
/* An active province drawn by weight (index into ctx->prov). */
size_t gen_province_pick(struct gen_ctx *c, struct gen_rng *r);
/* A commune of province p valid on day d: old tree before the reform, new tree
 * from it. */
const struct store_gen_unit *gen_commune_at(struct gen_ctx *c, struct gen_rng *r, size_t p, long d);
/* The new commune a record of old commune `old` (an element of c->old_u) found
 * before the reform is on from 2025-07-01: one of the new communes that
 * commune went into (unit_succession), the same for the same record `id`
 * (drawn without the record's PRNG stream, so choosing it shifts no other
 * value); NULL when the run ends before the reform or the commune has none. */
const struct store_gen_unit *gen_successor(const struct gen_ctx *c,
                                           const struct store_gen_unit *old, long id);
/* A day in [lo, hi] (both clamped to the run's range); -1 when empty. */
long gen_day_between(struct gen_ctx *c, struct gen_rng *r, long lo, long hi);
/* ERR_OK when the agency lexicon (agency_parse, which `pcmt import` uses for an agency
 * name) reads `name` as kind k; else ERR_INTERNAL: a generated name would change kind
 * on a re-import. */
int gen_agency_check(struct gen_ctx *c, const char *name, enum agency_kind k, struct err *err);
/* Record a national ID as used; 0 when it was already used. */
int gen_id_claim(struct gen_ctx *c, uint64_t id);

int gen_people(struct gen_ctx *c, struct err *err);
int gen_cases(struct gen_ctx *c, struct err *err);
int gen_places(struct gen_ctx *c, struct err *err);
int gen_activities(struct gen_ctx *c, struct err *err);

#endif
