/* person_access.c: the field × role table of what a person's record shows (person_access.h). */
#include "domain/person_access.h"

#include <stdlib.h>
#include <string.h>

/* Who is shown each health field (docs/access.md keeps the same table).
 * Officers of the standing body keep the register and act on it (rehab,
 * treatment, management): they need the health fields. An administrator
 * manages users and the audit, not people: no need. Member agencies and
 * leaders do not receive personal records at all (scope_may_read_people);
 * they are listed hidden so that the table stays total. */
static const unsigned char shown[PFIELD_COUNT][SCOPE_LEADER + 1] = {
    /*                       admin officer agency leader */
    [PFIELD_DETERMINATION] = {0, 1, 0, 0},
    [PFIELD_OST] = {0, 1, 0, 0},
    [PFIELD_PSYCHOSIS] = {0, 1, 0, 0},
};

int person_field_shown(enum person_field field, enum scope_role role)
{
  if ((unsigned)field >= PFIELD_COUNT || (unsigned)role > SCOPE_LEADER)
    return 0; /* what the table does not name is not shown */
  return shown[field][role];
}

unsigned person_fields_hidden(enum scope_role role)
{
  unsigned bits = 0;
  for (int f = 0; f < PFIELD_COUNT; f++)
    if (!person_field_shown((enum person_field)f, role))
      bits |= 1u << f;
  return bits;
}

int person_event_field(const struct person_event *ev)
{
  switch (ev->kind) {
  case PEV_DETERMINATION:
    return PFIELD_DETERMINATION;
  case PEV_OST_START:
  case PEV_OST_STOP:
    return PFIELD_OST;
  case PEV_CLASSIFIED:
    return strcmp(ev->value, "psychosis") == 0 ? PFIELD_PSYCHOSIS : -1;
  default:
    return -1;
  }
}

void person_status_redact(struct person_status *s, enum scope_role role)
{
  if (!person_field_shown(PFIELD_OST, role))
    s->ost = 0;
  if (!person_field_shown(PFIELD_PSYCHOSIS, role) && s->cls == PCLASS_PSYCHOSIS)
    s->cls = PCLASS_NONE;
}

int person_status_code_hidden(const char *code, enum scope_role role)
{
  if (!code)
    return 0;
  return (strcmp(code, "ost") == 0 && !person_field_shown(PFIELD_OST, role)) ||
         (strcmp(code, "psychosis") == 0 && !person_field_shown(PFIELD_PSYCHOSIS, role));
}

/* 1 when event `id` of the list is one of a hidden field. */
static int hidden_id(const struct person_event_list *l, long id, unsigned hidden)
{
  for (size_t i = 0; i < l->n; i++) {
    if (l->items[i].id != id)
      continue;
    int f = person_event_field(&l->items[i]);
    return f >= 0 && (hidden & (1u << f));
  }
  return 0;
}

int person_clock_hidden(const struct person_clock *c, const struct person_event *ev, size_t n,
                        enum scope_role role)
{
  unsigned hidden = person_fields_hidden(role);
  for (size_t i = 0; hidden && i < n; i++)
    if (ev[i].id == c->event_id) {
      int f = person_event_field(&ev[i]);
      return f >= 0 && (hidden & (1u << f));
    }
  return 0;
}

void person_record_redact(struct person_record *r, enum scope_role role)
{
  unsigned hidden = person_fields_hidden(role);
  r->hidden = hidden;
  if (!hidden)
    return;
  /* mark first, then compact: a void names an event anywhere in the list */
  struct person_event_list *l = &r->events;
  unsigned char *drop = calloc(l->n ? l->n : 1, 1);
  if (!drop) {
    /* no memory to sort them out: show no history rather than too much */
    person_event_list_free(l);
    person_clock_list_free(&r->clocks);
  } else {
    for (size_t i = 0; i < l->n; i++) {
      const struct person_event *e = &l->items[i];
      int f = person_event_field(e);
      drop[i] = (f >= 0 && (hidden & (1u << f))) ||
                (e->kind == PEV_VOID && hidden_id(l, e->ref_event_id, hidden));
    }
    /* clocks started by a dropped event go with it */
    size_t k = 0;
    for (size_t i = 0; i < r->clocks.n; i++)
      if (!hidden_id(l, r->clocks.items[i].event_id, hidden))
        r->clocks.items[k++] = r->clocks.items[i];
    r->clocks.n = k;
    k = 0;
    for (size_t i = 0; i < l->n; i++)
      if (!drop[i])
        l->items[k++] = l->items[i];
    l->n = k;
    free(drop);
  }
  person_status_redact(&r->status, role);
  /* the status's date: the last event still shown */
  r->status.since[0] = '\0';
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].kind != PEV_VOID && strcmp(l->items[i].date, r->status.since) > 0)
      memcpy(r->status.since, l->items[i].date, sizeof r->status.since);
}
