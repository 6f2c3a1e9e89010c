/* gen.h: a deterministic generator of realistic register data (docs/gen.md).
 *
 * gen_run fills an initialised database (units imported) with people and
 * their histories, cases, places, networks, licit entities and activities of
 * one province or the whole country, over a range of years, from a seed: the
 * same seed, options and `today` give byte-identical rows. The geography
 * follows the 2025 reform: anything dated before 2025-07-01 sits on a commune
 * of the old tree, anything from that day on a commune of the new tree; a
 * person keeps an old-tree residence unless they move after the reform.
 *
 * People are written as the people register writes them (validated by
 * person_validate, search keys by person_keys_make, duplicates flagged) and
 * every history is checked by person_replay before it is written.
 * Everything is written in one write transaction with one audit row
 * "gen.run" whose actor is the user who asked for the run: a failure or a
 * kill leaves the database as it was. A database that already holds
 * generated rows is refused (ERR_CONFLICT). Who may generate is the
 * operation's rule (app/app_gen.h). */
#ifndef PCMT_DOMAIN_GEN_H
#define PCMT_DOMAIN_GEN_H

#include <stdint.h>

#include "base/date.h"
#include "base/err.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* created_by (recorded_by) of every generated row: it marks the rows as
 * generated, so that a second run is refused and generated data is told
 * from real records. It is not a user and never acts: the audit row of a
 * run names the user who ran it. */
#define GEN_USER "gen"

enum gen_scale { GEN_PROVINCE, GEN_NATIONAL };

struct gen_options {
  enum gen_scale scale;
  char province[4]; /* province code; required for GEN_PROVINCE. Without `tree`, the province
                       the code names on `today` (unit_resolve: 15 is Lào Cai from 01/07/2025) */
  char tree[12];    /* "" (the code as of `today`), "pre2025" or "post2025" */
  int year_from, year_to;
  uint64_t seed;
  char today[DATE_ISO_LEN]; /* nothing is dated after it (ISO) */
  /* How many of each; gen_options_init sets the scale's defaults. */
  long people, cases, places, networks, licit, activities;
};

/* Defaults for `scale`: years 2020..2026, seed 1, today = date_today(), and
 * the sizes: national 250,000 people, 150,000 cases, 20,000 places, 3,000
 * networks, 4,000 licit entities, 500,000 activities; province 1/30 of that. */
void gen_options_init(struct gen_options *o, enum gen_scale scale);

/* Check the options (years in 2000..2100 and not after today, from <= to,
 * sizes >= 0 and below 10 million). ERR_INPUT with a message. */
int gen_options_check(const struct gen_options *o, struct err *err);

struct gen_result {
  long people, events, search_keys, duplicates;
  long cases, case_people, seizures;
  long places, place_status, inspections;
  long networks, members, accounts;
  long licit, licit_inspections;
  long activities;
  long replay_failures; /* histories refused by person_replay and drawn again */
  long provinces, old_communes, new_communes; /* the geography drawn on: old provinces */
  struct unit province; /* GEN_PROVINCE: the province taken (a new one stands for the old
                           provinces that went into it), its name on `today` */
  double seconds;
};

/* Before the write transaction of a run: the territory closure made
 * current (refreshing it writes in a transaction of its own). */
int gen_prepare(struct store *st, struct err *err);

/* Generate into `st` as `actor`, a resolved caller, the actor of the audit
 * row "gen.run", inside the caller's write transaction (the operation's:
 * app_gen_run), which a failure must roll back; gen_prepare first. A
 * province of the new
 * tree is its whole territory: the old provinces that went into it before
 * 2025-07-01, its own communes from then on (new Lào Cai 15: old Lào Cai 10
 * and old Yên Bái 15, then Lào Cai's new communes); a province of the old
 * tree is that province, with the new communes its communes went into.
 * ERR_INPUT for bad options or a code that is not a province; ERR_NOT_FOUND
 * when no units are imported; ERR_CONFLICT when generated data is already
 * there. */
int gen_run(struct gen_result *out, struct store *st, const struct scope *actor,
            const struct gen_options *o, struct err *err);

#endif
