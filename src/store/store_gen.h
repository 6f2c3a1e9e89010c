/* store_gen.h: SQL for the data generator (domain/gen.h): the geography it
 * draws on, bulk inserts into the registers, and read-backs for its checks.
 *
 * The generator writes many rows in one write transaction: a writer
 * (store_gen_writer_open) prepares every insert once and reuses it; ids are
 * assigned by the generator (store_gen_next_ids gives the first free ones),
 * so rows reference each other without reading back. Writers must run inside
 * store_write_begin/commit. Every value is bound. */
#ifndef PCMT_STORE_STORE_GEN_H
#define PCMT_STORE_STORE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "types/person.h"
#include "store/store_people.h"

struct store;

/* ---------------------------------------------------------------------------
 * Geography
 * ------------------------------------------------------------------------- */

/* A commune of one tree with its district (old tree only) and province, by
 * the latest name of each. */
struct store_gen_unit {
  long id;
  char code[8];
  char name[96], type[24];
  char district[96], district_type[24]; /* "" in tree post2025 */
  char province[4];                     /* province code */
  char province_name[96], province_type[24];
};

/* The communes of `tree` (level 3 in pre2025, level 2 in post2025), by code.
 * *out is malloc'd (free). */
int store_gen_communes(struct store_gen_unit **out, size_t *n, struct store *st, const char *tree,
                       struct err *err);

/* Old unit -> new commune pairs of the 2025 reform: the old unit is a commune
 * (old_level 3) or a district without communes that became a special zone
 * (old_level 2), given with its old code and the code of its old province.
 * By old code then new code. *out is malloc'd (free). */
struct store_gen_succession {
  char old_code[8], old_province[4], new_code[8];
  int old_level;
};
int store_gen_successions(struct store_gen_succession **out, size_t *n, struct store *st,
                          struct err *err);

/* Every national ID already stored (to keep generated ones unique): fn is
 * called once per ID; a nonzero return stops and is returned. */
int store_gen_national_ids(struct store *st, int (*fn)(void *ctx, const char *id), void *ctx,
                           struct err *err);

/* Rows written by the generator before (created_by = `by`) over the people and
 * register tables. */
int store_gen_existing(long *out, struct store *st, const char *by, struct err *err);

/* The first free id of each table the generator writes. */
struct store_gen_ids {
  long person, event, drug_case, seizure, place, network, licit, activity;
};
int store_gen_next_ids(struct store_gen_ids *out, struct store *st, struct err *err);

/* ---------------------------------------------------------------------------
 * Bulk writer
 * ------------------------------------------------------------------------- */

struct store_gen_writer;

int store_gen_writer_open(struct store_gen_writer **out, struct store *st, struct err *err);
void store_gen_writer_close(struct store_gen_writer *w); /* accepts NULL */

/* A person row with explicit id p->id and residence unit id `unit_id`; its
 * search keys are written too. created_at/created_by come from p. */
int store_gen_person(struct store_gen_writer *w, const struct person *p, long unit_id,
                     const struct store_person_keys *k, struct err *err);
/* An event row with explicit id ev->id; unit ids (0 = NULL) for a move. */
int store_gen_event(struct store_gen_writer *w, const struct person_event *ev, long unit_id,
                    long from_unit_id, struct err *err);

struct store_gen_case {
  long id;
  const char *record_no, *detected_on;
  long unit_id;
  const char *agency_kind, *agency_name, *offences;
  int express_delivery;
  const char *prosecuted_on, *indicted_on, *tried_on, *resolved_on, *summary;
  const char *created_at, *created_by;
};
int store_gen_case(struct store_gen_writer *w, const struct store_gen_case *c, struct err *err);
int store_gen_case_offence(struct store_gen_writer *w, long case_id, int article, struct err *err);
int store_gen_case_person(struct store_gen_writer *w, long case_id, long person_id,
                          const char *role, const char *arrested_on, struct err *err);
int store_gen_seizure(struct store_gen_writer *w, long id, long case_id, const char *substance,
                      double quantity, const char *measure, const char *line_key, struct err *err);

struct store_gen_place {
  long id;
  const char *record_no, *kind, *name;
  long unit_id;
  long unit_after_id; /* 0 = NULL; else the new unit from 2025-07-01 (migration 017) */
  const char *address, *found_on, *business_type, *plant;
  double area_m2;
  const char *destroyed_on;
  long person_id; /* 0 = NULL */
  const char *note, *created_at, *created_by;
};
int store_gen_place(struct store_gen_writer *w, const struct store_gen_place *p, struct err *err);
int store_gen_place_status(struct store_gen_writer *w, long place_id, const char *on,
                           const char *status, const char *note, struct err *err);
int store_gen_place_inspection(struct store_gen_writer *w, long place_id, const char *on,
                               const char *agency_kind, const char *result, int violations,
                               struct err *err);

struct store_gen_network {
  long id;
  const char *record_no, *kind, *name;
  long unit_id;
  long unit_after_id; /* 0 = NULL; else the new unit from 2025-07-01 */
  const char *area, *found_on, *dismantled_on, *note, *created_at, *created_by;
};
int store_gen_network(struct store_gen_writer *w, const struct store_gen_network *n,
                      struct err *err);
int store_gen_network_member(struct store_gen_writer *w, long network_id, long person_id,
                             const char *role, struct err *err);
int store_gen_network_account(struct store_gen_writer *w, long network_id, const char *platform,
                              const char *handle, struct err *err);

struct store_gen_licit {
  long id;
  const char *record_no, *kind, *name;
  long unit_id;
  long unit_after_id; /* 0 = NULL; else the new unit from 2025-07-01 */
  const char *address, *licence, *created_at, *created_by;
};
int store_gen_licit(struct store_gen_writer *w, const struct store_gen_licit *l, struct err *err);
int store_gen_licit_inspection(struct store_gen_writer *w, long entity_id, const char *on,
                               const char *agency_kind, const char *result, int violations,
                               struct err *err);

struct store_gen_activity {
  long id;
  const char *record_no, *kind, *held_on;
  long unit_id;
  const char *agency_kind, *agency_name, *audience, *form, *language;
  int participants, minutes;
  const char *title, *created_at, *created_by;
};
int store_gen_activity(struct store_gen_writer *w, const struct store_gen_activity *a,
                       struct err *err);

/* Flag possible duplicates among people created by `by` and everyone else, as
 * person_create_tx does one by one (same name key and birth date, different or
 * missing national ID). *n receives the pairs added. */
int store_gen_flag_duplicates(long *n, struct store *st, const char *by, const char *at,
                              struct err *err);

/* ---------------------------------------------------------------------------
 * Read-backs for checks and tests
 * ------------------------------------------------------------------------- */

/* Rows per table (all rows, not only generated ones). */
struct store_gen_counts {
  long people, events, search_keys, duplicates, cases, case_offences, case_people, seizures;
  long places, place_status, place_inspections, networks, members, accounts, licit;
  long licit_inspections, activities;
  long old_communes_touched, new_communes_touched; /* distinct communes with a record */
};
int store_gen_counts(struct store_gen_counts *out, struct store *st, struct err *err);

/* A 64-bit FNV-1a checksum over the identity of every person, every event,
 * case, place and activity (ids, names, national IDs, dates, units, values),
 * in id order: equal data gives an equal checksum. */
int store_gen_checksum(uint64_t *out, struct store *st, struct err *err);

/* fn(ctx, name, kind) for every distinct (agency name, agency kind) of the cases and
 * activities, in order; a non-zero return stops the scan and is returned. */
int store_gen_agencies(struct store *st, int (*fn)(void *ctx, const char *name, const char *kind),
                       void *ctx, struct err *err);

/* Rows that break the generator's rules; all zero on good data. */
struct store_gen_violations {
  long case_dates;      /* prosecuted < detected, indicted < prosecuted, tried < indicted,
                           resolved before the last of them, or a later step without the earlier */
  long unit_tree;       /* a dated record (person event with a unit, case, place, network,
                           activity) on a unit of the wrong tree for its date */
  long residence_level; /* a person or a move to a unit that is not a commune */
  long offences;        /* case offences text not matching case_offence rows */
  long derived_keys;    /* a record whose province key (migration 011) is not its unit's, or
                           an arrest whose unit / force is not its case's */
  long links;           /* a case person, network member or seller without a national ID
                           (the registers key those links by it), or a network role
                           outside the register's list */
  long unit_after;      /* a place, network or licit entity whose unit after the reform is not
                           a successor of its unit (unit_succession), or set on a record of the
                           new tree */
  long place_history;   /* a status of a place that is not a hotspot, retail point or seller;
                           one of those without the import's found row ('active', 'phát
                           hiện', on found_on); a status or inspection dated before the place
                           was found; an inspection of a place that is not a business */
};
int store_gen_violations(struct store_gen_violations *out, struct store *st, struct err *err);

#endif
