/* person_access.h: which fields of a person's record each role is shown — the one table.
 *
 * A person's record holds health data (Law 91/2025/QH15 and Decree
 * 356/2025: sensitive personal data): the addiction determination made by a
 * health facility, substitution treatment (methadone, buprenorphine) and
 * drug-induced psychosis. A role that has no need for them does not receive
 * them, even for a person of its own territory. The decision is one table,
 * field × role (person_access.c, docs/access.md); the operations apply it
 * (person_record_redact, person_status_redact) before any front end sees a
 * record, so the pages, the API and the command line hide the same fields.
 *
 * What a hidden field takes away: the events that record it (a
 * determination; a treatment's start and stop; a classification as
 * psychosis) with the voids that name them, the clocks those events
 * started, and its trace in the derived status (in treatment; classified
 * as psychosis, which reads "none" instead). */
#ifndef PCMT_DOMAIN_PERSON_ACCESS_H
#define PCMT_DOMAIN_PERSON_ACCESS_H

#include "domain/person.h"
#include "types/scope.h"

/* The health fields, in the order of LABEL_HEALTH_FIELD. */
enum person_field {
  PFIELD_DETERMINATION, /* addiction determination: facility, result, date */
  PFIELD_OST,           /* substitution treatment: facility, drug, start and stop */
  PFIELD_PSYCHOSIS,     /* classified as drug-induced psychosis */
  PFIELD_COUNT
};

/* 1 when `role` is shown `field`, by the table. */
int person_field_shown(enum person_field field, enum scope_role role);

/* The fields hidden from `role`, as bits (1 << field); 0: none. */
unsigned person_fields_hidden(enum scope_role role);

/* The health field event `ev` records, or -1 when it records none. */
int person_event_field(const struct person_event *ev);

/* Take out of *r what `role` may not be shown: the events of hidden fields
 * (and voids naming them), the clocks they started, their trace in the
 * status (person_status_redact). r->hidden is set to the hidden fields'
 * bits, whether the record held any or not, so that a page can say which
 * fields are not shown without telling whether there were some. */
void person_record_redact(struct person_record *r, enum scope_role role);

/* 1 when clock c was started by one of the events ev[0..n) that records a
 * field hidden from `role`: such a clock is not listed to the role either
 * (a to-do list, like a record, would tell the treatment it counts from). */
int person_clock_hidden(const struct person_clock *c, const struct person_event *ev, size_t n,
                        enum scope_role role);

/* The status without what `role` may not be shown: not in treatment when
 * PFIELD_OST is hidden; classification "none" for psychosis when
 * PFIELD_PSYCHOSIS is. */
void person_status_redact(struct person_status *s, enum scope_role role);

/* 1 when a filter by status `code` (person_status_code's codes) would tell
 * `role` a hidden field ("ost", "psychosis"); such a filter is refused. */
int person_status_code_hidden(const char *code, enum scope_role role);

#endif
