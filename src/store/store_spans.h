/* store_spans.h: the derived status spans and flow rows of people (migration 009).
 *
 * The store reads histories for the derivation (domain/person_span.c) and
 * writes what it derived; it decides nothing about what a person counts as. */
#ifndef PCMT_STORE_SPANS_H
#define PCMT_STORE_SPANS_H

#include <stddef.h>

#include "base/err.h"

struct store;

/* One event as the derivation needs it (voids included: they name ref). */
struct store_span_event {
  long id;
  char kind[40];
  char date[11];
  char value[24];
  long unit_id;      /* moved: the new residence */
  long from_unit_id; /* moved: the old residence */
  long ref_event_id; /* void: the event voided */
};

/* One person: the recorded residence and the history in (date, id) order. */
struct store_span_person {
  long id;
  long unit_id;
  long merged_into;
  const struct store_span_event *events;
  size_t n;
};

typedef int (*store_span_fn)(void *ctx, const struct store_span_person *p, struct err *err);

/* Call fn for every person with first_id <= id <= last_id, in id order. A
 * non-zero return from fn stops the scan and is returned. */
int store_span_scan(struct store *st, long first_id, long last_id, store_span_fn fn, void *ctx,
                    struct err *err);

/* Delete the derived rows of the people first_id..last_id. */
int store_span_clear(struct store *st, long first_id, long last_id, struct err *err);

/* to_day of a span still open */
#define STORE_SPAN_OPEN 99999999L

/* Append a span or a flow row of a person. Days are day numbers
 * (date_to_days); to_day is the first day after the span, STORE_SPAN_OPEN
 * when it still holds. */
int store_span_put(struct store *st, long person_id, long unit_id, long from_day, long to_day,
                   int flags, struct err *err);
int store_flow_put(struct store *st, long person_id, long unit_id, long day, int kinds,
                   struct err *err);

/* A writer of many derived rows at once (a bulk load deriving the people it
 * just wrote, in id order): rows are buffered and inserted by multi-row
 * statements prepared once, instead of one statement per row. */
struct store_span_writer;
int store_span_writer_begin(struct store_span_writer **out, struct store *st, struct err *err);
int store_span_writer_span(struct store_span_writer *w, long person_id, long unit_id, long from_day,
                           long to_day, int flags, struct err *err);
int store_span_writer_flow(struct store_span_writer *w, long person_id, long unit_id, long day,
                           int kinds, struct err *err);
/* Insert what is buffered; then store_span_writer_free. */
int store_span_writer_end(struct store_span_writer *w, struct err *err);
void store_span_writer_free(struct store_span_writer *w); /* accepts NULL */

/* Whether the derived rows were built (0 after an upgrade from schema 8),
 * and recording it. */
int store_span_built(int *out, struct store *st, struct err *err);
int store_span_set_built(struct store *st, int built, struct err *err);

#endif
