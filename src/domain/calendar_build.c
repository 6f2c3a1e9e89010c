/* calendar_build.c: the reporting calendar from the store's feed (see calendar_build.h). */
#include "domain/calendar_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "types/plan.h"
#include "types/unit.h"

void calendar_free(struct calendar *c)
{
  if (!c)
    return;
  free(c->entries);
  free(c->summaries);
  memset(c, 0, sizeof *c);
}

int calendar_agency_owes(const char *kind, const char *level, const char *plan_level)
{
  static const char *const not_owing[] = {"police", "peoples_committee", "steering_committee",
                                          "other"};
  if (!kind || !*kind)
    return 0;
  for (size_t k = 0; k < sizeof not_owing / sizeof *not_owing; k++)
    if (strcmp(kind, not_owing[k]) == 0)
      return 0;
  return !level || !*level || strcmp(level, plan_level) == 0;
}

const char *calendar_plan_level(const struct store_cal_plan *p)
{
  if (!p->unit_id)
    return "central";
  if (p->unit_level == 1)
    return "province";
  if (p->unit_level == 2 && strcmp(p->unit_tree, UNIT_TREE_OLD) == 0)
    return "district";
  return "commune";
}

static struct date iso(const char *s)
{
  struct date d = {0, 0, 0};
  if (s && *s && date_parse(&d, s, 0, NULL) != ERR_OK)
    d = (struct date){0, 0, 0};
  return d;
}

/* 1 when d lies in [from, to] (y == 0: open). */
static int within(struct date d, struct date from, struct date to)
{
  return (!from.y || date_cmp(d, from) >= 0) && (!to.y || date_cmp(d, to) <= 0);
}

/* The cut-off of schedule s of plan p, occurring on e->occurs_on, into e. */
static void entry_cutoff(struct calendar_entry *e, const struct store_calendar *feed,
                         const struct plan_phase *phases, size_t n_phases)
{
  const struct store_cal_schedule *s = e->schedule;
  int campaign = strcmp(e->plan->kind, "campaign") == 0;
  struct calendar_in in = {0};
  in.name = s->name;
  in.periodicity = calendar_periodicity(&in.months, s->name, campaign);
  if (s->periodicity[0]) {
    enum report_periodicity set;
    if (calendar_periodicity_parse(&set, s->periodicity, NULL) == ERR_OK && set != in.periodicity)
      in.periodicity = set, in.months = 0;
  }
  e->periodicity = in.periodicity;
  in.due_on = e->occurs_on;
  /* the plan's own cut-off is its first occurrence's: later ones move by whole years */
  int years = e->occurs_on.y - iso(s->due_on).y;
  in.own_from = iso(s->cutoff_from);
  in.own_to = iso(s->cutoff_to);
  if (years && in.own_from.y && in.own_to.y) {
    in.own_from = date_add_months(in.own_from, 12 * years);
    in.own_to = date_add_months(in.own_to, 12 * years);
  }
  in.plan_start = iso(e->plan->period_start);
  in.plan_end = iso(e->plan->period_end);
  in.phases = phases;
  in.n_phases = n_phases;
  struct calendar_regime rg[16];
  size_t n = 0;
  for (size_t k = 0; k < feed->n_regimes && n < 16; k++) {
    const struct store_cal_regime *r = &feed->regimes[k];
    enum report_periodicity p;
    if (calendar_periodicity_parse(&p, r->periodicity, NULL) != ERR_OK)
      continue;
    rg[n++] = (struct calendar_regime){p, r->cut_day, iso(r->from), iso(r->to)};
  }
  in.regimes = rg;
  in.n_regimes = n;
  struct err err = {0};
  if (calendar_cutoff(&e->cutoff, &in, &err) != ERR_OK) {
    memset(&e->cutoff, 0, sizeof e->cutoff);
    snprintf(e->cutoff_error, sizeof e->cutoff_error, "%s", err.msg);
  }
}

static int entry_cmp(const void *a, const void *b)
{
  const struct calendar_entry *x = a, *y = b;
  int c = date_cmp(x->due, y->due);
  if (c)
    return c;
  if ((c = date_cmp(x->occurs_on, y->occurs_on)) != 0)
    return c;
  if (x->plan->id != y->plan->id)
    return x->plan->id < y->plan->id ? -1 : 1;
  if (x->schedule->id != y->schedule->id)
    return x->schedule->id < y->schedule->id ? -1 : 1;
  if ((x->owner->unit_id != 0) != (y->owner->unit_id != 0))
    return x->owner->unit_id ? 1 : -1;
  return x->owner < y->owner ? -1 : x->owner > y->owner;
}

/* Append e to out; ERR_NOMEM. */
static int push(struct calendar *out, size_t *cap, const struct calendar_entry *e, struct err *err)
{
  if (out->n == *cap) {
    struct calendar_entry *ni = array_grow(out->entries, cap, out->n + 1, sizeof *ni);
    if (!ni)
      return err_nomem(err);
    out->entries = ni;
  }
  out->entries[out->n++] = *e;
  return ERR_OK;
}

/* The report of occurrence `on` (ISO) of schedule s owed by o, or NULL. */
static const struct store_cal_report *report_of(const struct store_calendar *feed,
                                                const struct store_cal_schedule *s, const char *on,
                                                const struct store_cal_owner *o)
{
  for (size_t k = 0; k < feed->n_reports; k++) {
    const struct store_cal_report *r = &feed->reports[k];
    if (r->schedule_id == s->id && r->unit_id == o->unit_id &&
        strcmp(r->agency_kind, o->agency_kind) == 0 && strcmp(r->occurs_on, on) == 0)
      return r;
  }
  return NULL;
}

/* The entries of the occurrence of schedule s of plan p due on `due` into out. */
static int add_occurrence(struct calendar *out, size_t *cap, const struct store_calendar *feed,
                          const struct store_cal_plan *p, const struct store_cal_schedule *s,
                          struct date due, const struct plan_phase *phases, size_t n_phases,
                          struct date from, struct date to, struct date at, struct err *err)
{
  char on[DATE_ISO_LEN];
  date_to_iso(on, due);
  const char *level = calendar_plan_level(p);
  const char *last_kind = NULL;
  int rc = ERR_OK;
  /* the period and cut-off are the schedule's: read once for all its owners */
  struct calendar_entry base = {0};
  base.plan = p;
  base.schedule = s;
  base.occurs_on = due;
  entry_cutoff(&base, feed, phases, n_phases);
  base.recipient = s->recipient[0] ? s->recipient : p->issuer;
  for (size_t k = 0; !rc && k < feed->n_owners; k++) {
    const struct store_cal_owner *o = &feed->owners[k];
    if (o->plan_id != p->id)
      continue;
    struct calendar_entry e = base;
    e.owner = o;
    if (o->unit_id) {
      e.due = date_add_days(due, -(long)s->lower_lead_days);
      struct date vf = iso(o->valid_from), vt = iso(o->valid_to);
      if (!within(due, vf, vt))
        continue;
    } else {
      /* one entry per kind, though the plan states it at several levels */
      if (!calendar_agency_owes(o->agency_kind, o->agency_level, level))
        continue;
      if (last_kind && strcmp(last_kind, o->agency_kind) == 0)
        continue;
      last_kind = o->agency_kind;
      e.due = due;
    }
    if (!within(e.due, from, to))
      continue;
    e.report = report_of(feed, s, on, o);
    e.status = e.report ? e.report->status : "due";
    struct date first = e.report ? iso(e.report->first_submitted_on) : (struct date){0, 0, 0};
    e.submitted = first.y != 0;
    calendar_timeliness(&e.on_time, &e.days_late, e.due, first, at);
    rc = push(out, cap, &e, err);
  }
  return rc;
}

/* The entries of every occurrence of schedule s of plan p into out: its due
 * date, and for a yearly report the same day of each later year up to the
 * end of the plan's period. A closed plan owes nothing due after the day it
 * was closed; what fell due before stays, with its reports. */
static int add_schedule(struct calendar *out, size_t *cap, const struct store_calendar *feed,
                        const struct store_cal_plan *p, const struct store_cal_schedule *s,
                        const struct plan_phase *phases, size_t n_phases, struct date from,
                        struct date to, struct date at, struct err *err)
{
  struct date due = iso(s->due_on), end = iso(p->period_end);
  if (!due.y)
    return ERR_OK;
  int years = strcmp(s->recurs, "yearly") == 0 && end.y > due.y ? end.y - due.y : 0;
  int rc = ERR_OK;
  struct date closed = iso(p->closed_on);
  for (int k = 0; !rc && k <= years; k++) {
    struct date on = date_add_months(due, 12 * k);
    if (closed.y && date_cmp(on, closed) > 0)
      break;
    rc = add_occurrence(out, cap, feed, p, s, on, phases, n_phases, from, to, at, err);
  }
  return rc;
}

/* The phases of plan p as plan_phase values (names borrowed) into *out. */
static int phases_of(struct plan_phase **out, size_t *n, const struct store_calendar *feed,
                     long plan_id, struct err *err)
{
  *out = NULL;
  *n = 0;
  size_t cap = 0;
  for (size_t k = 0; k < feed->n_phases; k++) {
    const struct store_cal_phase *ph = &feed->phases[k];
    if (ph->plan_id != plan_id)
      continue;
    if (*n == cap) {
      struct plan_phase *ni = array_grow(*out, &cap, *n + 1, sizeof *ni);
      if (!ni)
        return err_nomem(err);
      *out = ni;
    }
    (*out)[(*n)++] =
        (struct plan_phase){0, (char *)ph->name, iso(ph->start_on), iso(ph->end_on), NULL};
  }
  return ERR_OK;
}

static int summarise(struct calendar *out, struct err *err)
{
  size_t cap = 0;
  for (size_t k = 0; k < out->n; k++) {
    const struct calendar_entry *e = &out->entries[k];
    struct calendar_summary *s = NULL;
    for (size_t j = 0; j < out->n_summaries; j++)
      if (out->summaries[j].schedule == e->schedule &&
          date_cmp(out->summaries[j].occurs_on, e->occurs_on) == 0)
        s = &out->summaries[j];
    if (!s) {
      if (out->n_summaries == cap) {
        struct calendar_summary *ni =
            array_grow(out->summaries, &cap, out->n_summaries + 1, sizeof *ni);
        if (!ni)
          return err_nomem(err);
        out->summaries = ni;
      }
      s = &out->summaries[out->n_summaries++];
      *s = (struct calendar_summary){e->schedule, e->occurs_on, e->plan, 0, 0, 0};
    }
    s->owed++;
    s->submitted += e->submitted ? 1 : 0;
    s->on_time += e->on_time ? 1 : 0;
  }
  return ERR_OK;
}

int calendar_build(struct calendar *out, const struct store_calendar *feed, struct date from,
                   struct date to, struct date at, struct err *err)
{
  memset(out, 0, sizeof *out);
  size_t cap = 0;
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < feed->n_plans; i++) {
    const struct store_cal_plan *p = &feed->plans[i];
    struct plan_phase *phases;
    size_t n_phases;
    rc = phases_of(&phases, &n_phases, feed, p->id, err);
    for (size_t k = 0; !rc && k < feed->n_schedules; k++)
      if (feed->schedules[k].plan_id == p->id)
        rc = add_schedule(out, &cap, feed, p, &feed->schedules[k], phases, n_phases, from, to, at,
                          err);
    free(phases);
  }
  if (!rc && out->n)
    qsort(out->entries, out->n, sizeof *out->entries, entry_cmp);
  if (!rc)
    rc = summarise(out, err);
  if (rc)
    calendar_free(out);
  return rc;
}
