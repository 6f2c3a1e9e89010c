/* person_span.h: what the indicators count about people, derived from their histories.
 *
 * Stocks (addicts on the list on 30/9) and flows (relapses in Q3, counted
 * where the person lived that day) are defined on each person's history
 * (docs/indicators.md). Replaying every history per request costs seconds at
 * national scale, so each person's history is also kept, derived, as
 * status spans (from, to, residence, what the person counts as) and flow rows
 * (date, residence, kind). They are rewritten in the same transaction as
 * every change of the history, residence or identity of the person, so they
 * never disagree with it; an indicator is then an indexed range count. */
#ifndef PCMT_DOMAIN_PERSON_SPAN_H
#define PCMT_DOMAIN_PERSON_SPAN_H

#include <stddef.h>

#include "base/err.h"

struct store;

/* Rewrite the derived rows of one person (inside the caller's transaction). */
int person_derive_tx(struct store *st, long person_id, struct err *err);

/* Set the person's recorded residence (person.unit_id) to the one the
 * history gives now: the destination of the last move not voided, else where
 * the person lived before the first move (the old residence that move
 * recorded, voided or not), else the residence as it is. The spans and flows
 * place events by the same rule. Call it after any change of the history that
 * can affect moves (a move, a void, a merge), before person_derive_tx, inside
 * the caller's transaction; the residence may leave the caller's scope, as a
 * move does. */
int person_sync_residence_tx(struct store *st, long person_id, struct err *err);

/* Rewrite the derived rows of every person whose id is first_id or more:
 * bulk loads (generator, first import) append people with increasing ids
 * and derive them in one pass at the end (inside the caller's transaction). */
int person_derive_from_tx(struct store *st, long first_id, struct err *err);

/* Write the derived rows of people whose histories the caller holds in
 * memory and whose rows are not stored yet (a bulk load deriving the people
 * it has just written, in id order, without reading them back). */
struct store_span_person;
int person_derive_people(struct store *st, const struct store_span_person *people, size_t n,
                         struct err *err);

/* Derive every person once when the derived rows are not built yet (a
 * database upgraded from schema 8, by pcmt init); its own transaction. */
int person_derive_upgrade(struct store *st, struct err *err);

#endif
