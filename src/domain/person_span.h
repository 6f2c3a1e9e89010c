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
#include "domain/person.h"

struct store;

/* What one event does to a person's status: the single transition of the
 * history walk, defined once so that the status a record shows (`person
 * show`, `person search --status`, the law checks of person_replay) and what
 * the people indicators count (the spans below) can never disagree.
 * person_replay checks each event against what came before and then applies
 * it here; the derivation applies every stored event (not voided, not a
 * void) here, the stored histories having passed those checks. It checks
 * nothing. By kind:
 *
 *   classified        the class is the value; back on the list (not removed)
 *   determination     "addict": class addict, back on the list
 *   management        opened / closed
 *   rehab start       that rehab runs (counted; compulsory: counted, minor as
 *                     given); post-rehab management ends
 *   rehab end         no rehab runs
 *   OST start / stop  in / out of substitution treatment
 *   aftercare         started / ended
 *   relapse           counted; class addict; post-rehab management ends
 *   removed           off the list; management and post-rehab management end
 *   died              dead
 *
 * and every event but a void sets `since`. `minor` is used by a compulsory
 * rehab start only: the person was 12-18 on the court decision. */
void person_status_step(struct person_status *st, enum person_event_kind kind, const char *value,
                        const char *date, int minor);

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
