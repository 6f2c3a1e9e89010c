/* app_ranking.c: gathering a plan's assignees for the ranking (see app_ranking.h).
 *
 * An assignee is keyed by who it is, so that its quotas and its reports
 * meet: a unit by its id, an agency by its kind (the plan's level). A quota
 * whose assignee resolved to no unit and no agency kind ("Các huyện, thị xã,
 * thành phố") cannot be credited to anyone and is left out. */
#include "app/app_ranking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_monitor.h"
#include "app/app_report.h"
#include "base/array.h"
#include "types/label.h"

void app_ranking_free(struct app_ranking *r)
{
  if (!r)
    return;
  free(r->items);
  r->items = NULL;
  r->n = 0;
}

/* The item keyed `key` in r, added with `name` when new; NULL on ENOMEM. */
static struct ranking_item *item_of(struct app_ranking *r, size_t *cap, const char *key,
                                    const char *name, int is_agency)
{
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->items[i].key, key) == 0)
      return &r->items[i];
  struct ranking_item *ni = array_grow(r->items, cap, r->n + 1, sizeof *ni);
  if (!ni)
    return NULL;
  r->items = ni;
  struct ranking_item *it = &ni[r->n++];
  memset(it, 0, sizeof *it);
  snprintf(it->key, sizeof it->key, "%s", key);
  snprintf(it->name, sizeof it->name, "%s", name);
  it->is_agency = is_agency;
  return it;
}

static int add_targets(struct app_ranking *r, size_t *cap, const struct target_report *t,
                       struct err *err)
{
  for (size_t i = 0; i < t->n; i++) {
    const struct target_row *x = &t->rows[i];
    if (!x->quota_id)
      continue;
    char key[64], name[200];
    int agency = 0;
    if (x->agency_kind[0]) {
      agency = 1;
      snprintf(key, sizeof key, "agency:%s", x->agency_kind);
      snprintf(name, sizeof name, "%s", label_vi(LABEL_AGENCY_KIND, x->agency_kind));
    } else if (x->unit.id) {
      snprintf(key, sizeof key, "unit:%ld", x->unit.id);
      snprintf(name, sizeof name, "%s %s", x->unit.type, x->unit.name);
    } else {
      continue;
    }
    struct ranking_item *it = item_of(r, cap, key, name, agency);
    if (!it)
      return err_nomem(err);
    switch (x->eval.status) {
    case TARGET_ACHIEVED:
      it->achieved++;
      break;
    case TARGET_ON_TRACK:
      it->on_track++;
      break;
    case TARGET_AT_RISK:
      it->at_risk++;
      break;
    case TARGET_MISSED:
      it->missed++;
      break;
    case TARGET_UNBOUND:
      it->unbound++;
      break;
    default:
      it->unmeasured++;
    }
  }
  return ERR_OK;
}

static int add_reports(struct app_ranking *r, size_t *cap, const struct calendar *c,
                       struct err *err)
{
  for (size_t i = 0; i < c->n; i++) {
    const struct calendar_entry *e = &c->entries[i];
    if (date_cmp(e->due, r->at) > 0)
      continue; /* not due yet: neither credit nor blame */
    char key[64], name[200];
    int agency = e->owner->unit_id == 0;
    if (agency) {
      snprintf(key, sizeof key, "agency:%s", e->owner->agency_kind);
      snprintf(name, sizeof name, "%s", label_vi(LABEL_AGENCY_KIND, e->owner->agency_kind));
    } else {
      snprintf(key, sizeof key, "unit:%ld", e->owner->unit_id);
      snprintf(name, sizeof name, "%s", e->owner->unit_name);
    }
    struct ranking_item *it = item_of(r, cap, key, name, agency);
    if (!it)
      return err_nomem(err);
    it->owed++;
    if (e->submitted && e->on_time)
      it->on_time++;
    else if (e->submitted)
      it->late++;
  }
  return ERR_OK;
}

int app_ranking(struct app_ranking *out, struct store *st, const struct scope *caller, long plan_id,
                const char *at, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->plan_id = plan_id;
  struct target_report t;
  struct app_plan_status_in si = {plan_id, at, NULL, NULL};
  int rc = app_plan_status(&t, st, caller, &si, err);
  if (rc)
    return rc;
  out->at = t.at;
  snprintf(out->plan_number, sizeof out->plan_number, "%s", t.plan_number);
  snprintf(out->plan_title, sizeof out->plan_title, "%s", t.plan_title);
  char iso[11];
  date_to_iso(iso, t.at);
  struct app_calendar c;
  struct app_calendar_in ci = {plan_id, NULL, NULL, NULL, iso, iso};
  size_t cap = 0;
  rc = add_targets(out, &cap, &t, err);
  target_report_free(&t);
  if (!rc)
    rc = app_calendar(&c, st, caller, &ci, err);
  if (!rc) {
    rc = add_reports(out, &cap, &c.cal, err);
    app_calendar_free(&c);
  }
  if (rc) {
    app_ranking_free(out);
    return rc;
  }
  ranking_score(out->items, out->n);
  return ERR_OK;
}
