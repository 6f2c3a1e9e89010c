/* store_person_digest.h: the keyed digest kept with each person row, and the tally of the rows.
 *
 * Why: the audit chain shows what PCMT did, but a person row edited with
 * the sqlite3 shell leaves no audit row. Each person row keeps
 *
 *     digest = MAC_key( ns("person") || ns(id) || ns(full_name) || ns(other_names)
 *                       || ns(name_key) || ns(sort_key) || ns(birth_date) || ns(sex)
 *                       || ns(ethnicity) || ns(national_id) || ns(unit_id) || ns(address)
 *                       || ns(occupation) || ns(occupation_group) || ns(merged_into)
 *                       || ns(created_at) || ns(created_by) )
 *
 * (base/mac.h: keyed BLAKE2b, NULL framed apart from ""), and one row of
 * person_digest_state keeps how many rows there are and the XOR of each
 * row's set tag, MAC_key( ns("person-set") || ns(digest) ). Without the key
 * nobody can give an edited row a matching digest, nor take a row's tag
 * out of the tally (the tag is stored nowhere) or put a forged one in.
 *
 * store_person_digest_write is the one helper every writer of a person
 * row calls, in the same transaction, after its INSERT or UPDATE
 * (store_people.c, store_people_bulk.c, store_gen.c). */
#ifndef PCMT_STORE_STORE_PERSON_DIGEST_H
#define PCMT_STORE_STORE_PERSON_DIGEST_H

#include <stddef.h>

#include "base/err.h"

struct store;

/* Recompute person `id`'s digest and bring the tally up to date (a new
 * row: counted and its tag added; a changed row: its old tag swapped for
 * the new). Inside the writer's transaction. Needs the key (store_key_get). */
int store_person_digest_write(struct store *st, long id, struct err *err);

/* Digest every person row afresh and rebuild the tally: once, when the key
 * is created for a database that had none (app_db_init). Inside a write
 * transaction. *rows receives the number of rows. */
int store_person_digest_rebuild(long *rows, struct store *st, struct err *err);

#define PERSON_CHECK_IDS 20 /* changed rows named by id */

struct store_person_check {
  long rows;                  /* person rows read */
  long changed;               /* rows whose digest does not match their content */
  long ids[PERSON_CHECK_IDS]; /* the first of them */
  long tally_rows;            /* how many rows the tally says there are */
  int set_ok;                 /* 1 when the rows' tags add up to the tally */
};

/* Recompute every row's digest and the set's tally and compare them with
 * what is stored. Reads only; needs the key. */
int store_person_digest_check(struct store_person_check *out, struct store *st, struct err *err);

#endif
