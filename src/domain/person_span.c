/* person_span.c: the derived spans and flow rows of people (see person_span.h).
 *
 * The rules are those of docs/indicators.md ("Definitions of the people
 * indicators"): walking a history in (date, id) order, each event changes
 * the status by person_status_step, the very transition the history walk
 * (person_replay) applies after its checks, so a person counts as what the
 * record shows on that day: `person search --status` and the stocks agree.
 * A voided event, and the void itself, are skipped. Residence
 * on a day is the destination of the last move (not voided) on or before
 * it, else where the person lived before the first move, else the recorded
 * residence, which person_sync_residence_tx keeps equal to the residence
 * after the last event; all events of a day are applied before the day's
 * state and residence are taken, as a stock "on 30/9" includes what happened
 * on 30/9. */
#include "domain/person_span.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/person.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_spans.h"

/* which flows an event is (person_flow.kinds) */
static int flow_bit(enum person_event_kind k)
{
  switch (k) {
  case PEV_CLASSIFIED:
    return PFLOW_CLASSIFIED;
  case PEV_DETERMINATION:
    return PFLOW_DETERMINATION;
  case PEV_REHAB_COMPULSORY_START:
    return PFLOW_REHAB_COMPULSORY;
  case PEV_REHAB_COMMUNITY_START:
  case PEV_REHAB_FACILITY_START:
    return PFLOW_REHAB_VOLUNTARY;
  case PEV_OST_START:
    return PFLOW_OST_STARTED;
  case PEV_OST_STOP:
    return PFLOW_OST_STOPPED;
  case PEV_REMOVED:
    return PFLOW_REMOVED;
  case PEV_RELAPSE:
    return PFLOW_RELAPSE;
  case PEV_DIED:
    return PFLOW_DIED;
  default:
    return 0;
  }
}

void person_status_step(struct person_status *st, enum person_event_kind kind, const char *value,
                        const char *date, int minor)
{
  switch (kind) {
  case PEV_CLASSIFIED:
    st->cls = strcmp(value, "suspected") == 0 ? PCLASS_SUSPECTED
              : strcmp(value, "user") == 0    ? PCLASS_USER
              : strcmp(value, "addict") == 0  ? PCLASS_ADDICT
                                              : PCLASS_PSYCHOSIS;
    st->removed = 0;
    break;
  case PEV_DETERMINATION:
    if (strcmp(value, "addict") == 0) {
      st->cls = PCLASS_ADDICT;
      st->removed = 0;
    }
    break;
  case PEV_MANAGEMENT_OPENED:
  case PEV_MANAGEMENT_CLOSED:
    st->managed = kind == PEV_MANAGEMENT_OPENED;
    break;
  case PEV_REHAB_COMMUNITY_START:
  case PEV_REHAB_FACILITY_START:
  case PEV_REHAB_COMPULSORY_START:
    st->rehab = kind == PEV_REHAB_COMMUNITY_START  ? PREHAB_COMMUNITY
                : kind == PEV_REHAB_FACILITY_START ? PREHAB_FACILITY
                                                   : PREHAB_COMPULSORY;
    st->rehab_minor = kind == PEV_REHAB_COMPULSORY_START && minor;
    st->compulsory_count += kind == PEV_REHAB_COMPULSORY_START;
    st->rehab_count++;
    st->aftercare = 0;
    break;
  case PEV_REHAB_COMMUNITY_END:
  case PEV_REHAB_FACILITY_END:
  case PEV_REHAB_COMPULSORY_END:
    st->rehab = PREHAB_NONE;
    break;
  case PEV_OST_START:
  case PEV_OST_STOP:
    st->ost = kind == PEV_OST_START;
    break;
  case PEV_AFTERCARE_START:
  case PEV_AFTERCARE_END:
    st->aftercare = kind == PEV_AFTERCARE_START;
    break;
  case PEV_RELAPSE:
    st->relapses++;
    st->cls = PCLASS_ADDICT;
    st->aftercare = 0;
    break;
  case PEV_REMOVED:
    st->removed = 1;
    st->managed = 0;
    st->aftercare = 0;
    break;
  case PEV_DIED:
    st->died = 1;
    break;
  case PEV_REHAB_REGISTERED:
  case PEV_MOVED:
  case PEV_MOVE_REPORTED:
  case PEV_FILE_TRANSFERRED:
    break;
  case PEV_VOID:
  case PEV_COUNT:
    return; /* never applied: a void and what it voids are skipped */
  }
  /* an ISO date; copied without snprintf: the bulk derivation runs this per event */
  size_t n = strnlen(date, sizeof st->since - 1);
  memcpy(st->since, date, n);
  st->since[n] = '\0';
}

/* What a person with status `s` counts as on the day (the flags of
 * person_span): what `person search --status` finds, by the definitions of
 * docs/indicators.md. Nobody removed or dead counts in a stock. */
static int flags_of(const struct person_status *s)
{
  if (s->died || s->removed)
    return 0;
  int f = 0;
  if (s->cls == PCLASS_USER)
    f |= PSPAN_USER | PSPAN_IN_LIST | (s->managed ? PSPAN_USER_MANAGED : 0);
  if (s->cls == PCLASS_ADDICT)
    f |= PSPAN_ADDICT | PSPAN_IN_LIST |
         (s->rehab != PREHAB_NONE || s->ost ? PSPAN_ADDICT_TREATED : 0);
  if (s->cls == PCLASS_PSYCHOSIS)
    f |= PSPAN_IN_LIST;
  if (s->ost)
    f |= PSPAN_OST;
  if (s->aftercare)
    f |= PSPAN_AFTERCARE;
  return f;
}

/* The day number of a stored ISO date (the store writes only valid
 * "YYYY-MM-DD"; date_parse's many forms are not needed on this hot path). */
static int iso_days(long *out, const char *iso)
{
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? iso[i] != '-' : iso[i] < '0' || iso[i] > '9')
      return -1;
  if (iso[10])
    return -1;
  struct date d = {(iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + iso[3] -
                       '0',
                   (iso[5] - '0') * 10 + iso[6] - '0', (iso[8] - '0') * 10 + iso[9] - '0'};
  if (!date_valid(d.y, d.m, d.d))
    return -1;
  *out = date_to_days(d);
  return 0;
}

static int voided(const struct store_span_person *p, long id)
{
  for (size_t i = 0; i < p->n; i++)
    if (p->events[i].ref_event_id == id && strcmp(p->events[i].kind, "void") == 0)
      return 1;
  return 0;
}

/* Where derived rows go: straight to the store (one person rewritten), or
 * through a bulk writer (many people derived after a load). */
struct sink {
  struct store *st;
  struct store_span_writer *w; /* NULL: one statement per row */
};

static int sink_span(struct sink *k, long person_id, long unit_id, long from_day, long to_day,
                     int flags, struct err *err)
{
  return k->w ? store_span_writer_span(k->w, person_id, unit_id, from_day, to_day, flags, err)
              : store_span_put(k->st, person_id, unit_id, from_day, to_day, flags, err);
}

static int sink_flow(struct sink *k, long person_id, long unit_id, long day, int kinds,
                     struct err *err)
{
  return k->w ? store_span_writer_flow(k->w, person_id, unit_id, day, kinds, err)
              : store_flow_put(k->st, person_id, unit_id, day, kinds, err);
}

/* Where the person lived before the first move, voided or not: the old
 * residence that move recorded (the record's residence is the current one,
 * person_sync_residence_tx), else the record's residence when there is no
 * move. */
static long residence_before_moves(const struct store_span_person *p)
{
  for (size_t i = 0; i < p->n; i++)
    if (strcmp(p->events[i].kind, "moved") == 0)
      return p->events[i].from_unit_id ? p->events[i].from_unit_id : p->unit_id;
  return p->unit_id;
}

/* Where the person lives after the whole history: the destination of the
 * last move not voided, else where the person lived before the first move. */
static long residence_now(const struct store_span_person *p)
{
  long residence = residence_before_moves(p);
  for (size_t i = 0; i < p->n; i++)
    if (strcmp(p->events[i].kind, "moved") == 0 && p->events[i].unit_id &&
        !voided(p, p->events[i].id))
      residence = p->events[i].unit_id;
  return residence;
}

/* Derive and write one person's rows (the old ones are already cleared). */
static int derive_person(void *ctx, const struct store_span_person *p, struct err *err)
{
  struct sink *out = ctx;
  if (p->merged_into)
    return ERR_OK; /* a merged record counts as the one it went into */
  int any_void = 0;
  for (size_t i = 0; i < p->n; i++)
    any_void |= strcmp(p->events[i].kind, "void") == 0;
  long residence = residence_before_moves(p);
  struct person_status t;
  memset(&t, 0, sizeof t);
  int cur_flags = 0, rc = ERR_OK;
  long cur_unit = 0, cur_from = 0;
  for (size_t i = 0; i < p->n && !rc;) {
    const char *date = p->events[i].date;
    long day;
    if (iso_days(&day, date))
      return err_set(err, ERR_INPUT, "hồ sơ %ld: ngày sự kiện \"%s\" không hợp lệ", p->id, date);
    int kinds = 0;
    size_t j = i;
    for (; j < p->n && strcmp(p->events[j].date, date) == 0; j++) {
      const struct store_span_event *e = &p->events[j];
      enum person_event_kind k;
      struct err ignore;
      if (person_event_parse(&k, e->kind, &ignore) || k == PEV_VOID ||
          (any_void && voided(p, e->id)))
        continue;
      if (k == PEV_MOVED && e->unit_id)
        residence = e->unit_id;
      person_status_step(&t, k, e->value, e->date, 0);
      kinds |= flow_bit(k);
    }
    int flags = flags_of(&t);
    if (flags != cur_flags || (flags && residence != cur_unit)) {
      if (cur_flags)
        rc = sink_span(out, p->id, cur_unit, cur_from, day, cur_flags, err);
      cur_flags = flags;
      cur_unit = residence;
      cur_from = day;
    }
    if (!rc && kinds)
      rc = sink_flow(out, p->id, residence, day, kinds, err);
    i = j;
  }
  if (!rc && cur_flags)
    rc = sink_span(out, p->id, cur_unit, cur_from, STORE_SPAN_OPEN, cur_flags, err);
  return rc;
}

int person_derive_tx(struct store *st, long person_id, struct err *err)
{
  struct sink k = {st, NULL};
  int rc = store_span_clear(st, person_id, person_id, err);
  if (!rc)
    rc = store_span_scan(st, person_id, person_id, derive_person, &k, err);
  return rc;
}

/* Record the residence the history gives now, when it differs. */
static int sync_residence(void *ctx, const struct store_span_person *p, struct err *err)
{
  struct store *st = ctx;
  if (p->merged_into)
    return ERR_OK; /* its history went into another record */
  long now = residence_now(p);
  if (now == p->unit_id)
    return ERR_OK;
  return store_person_set_unit(st, p->id, now, err);
}

int person_sync_residence_tx(struct store *st, long person_id, struct err *err)
{
  return store_span_scan(st, person_id, person_id, sync_residence, st, err);
}

int person_derive_from_tx(struct store *st, long first_id, struct err *err)
{
  struct sink k = {st, NULL};
  int rc = store_span_clear(st, first_id, LONG_MAX, err);
  if (!rc)
    rc = store_span_writer_begin(&k.w, st, err);
  if (!rc)
    rc = store_span_scan(st, first_id, LONG_MAX, derive_person, &k, err);
  if (!rc)
    rc = store_span_writer_end(k.w, err);
  store_span_writer_free(k.w);
  return rc;
}

int person_derive_people(struct store *st, const struct store_span_person *people, size_t n,
                         struct err *err)
{
  struct sink k = {st, NULL};
  int rc = store_span_writer_begin(&k.w, st, err);
  for (size_t i = 0; !rc && i < n; i++)
    rc = derive_person(&k, &people[i], err);
  if (!rc)
    rc = store_span_writer_end(k.w, err);
  store_span_writer_free(k.w);
  return rc;
}

int person_derive_upgrade(struct store *st, struct err *err)
{
  int built = 1;
  int rc = store_span_built(&built, st, err);
  if (rc || built)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = person_derive_from_tx(st, 0, err);
  if (!rc)
    rc = store_span_set_built(st, 1, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}
