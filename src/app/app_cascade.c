/* app_cascade.c: drafting an implementing plan (see app_cascade.h).
 *
 * The parent is read through the store's territory filter like any plan;
 * the lower unit must lie under the parent's unit and in the caller's
 * territory (the store refuses to save it otherwise). The draft, its link
 * to the parent and the audit row commit together or not at all. */
#include "app/app_cascade.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_monitor.h"
#include "base/array.h"
#include "domain/audit.h"
#include "domain/plan_edit.h"
#include "domain/plan_life.h"
#include "domain/plan_link.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_plans.h"

static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* The lower unit, in force on the parent's date (its tree when the parent
 * has no date), checked to lie under the parent's unit; *unit_id its id. */
static int lower_unit(struct unit *out, long *unit_id, struct store *st,
                      const struct store_plan_info *parent, const struct plan_place *place,
                      const struct app_plan_derive_in *in, struct err *err)
{
  const char *tree = in->unit_tree && in->unit_tree[0] ? in->unit_tree
                     : parent->unit_tree[0]            ? parent->unit_tree
                                                       : NULL;
  const char *at = place->at[0] ? place->at : UNIT_NO_DATE;
  int rc = unit_resolve(out, st, tree, in->unit_code ? in->unit_code : "", at, err);
  int level, in_parent = 1;
  if (!rc)
    rc = store_scope_unit(unit_id, &level, st, out->tree, out->code, err);
  if (!rc && parent->unit_id > 0)
    rc = store_scope_covers(&in_parent, st, parent->unit_id, *unit_id, err);
  if (rc)
    return rc;
  if (!in_parent || *unit_id == parent->unit_id) {
    char label[256];
    return err_set(err, ERR_INPUT, "%s không thuộc địa bàn dưới %s của kế hoạch số hiệu %ld",
                   unit_label(label, sizeof label, out),
                   parent->unit_code[0] ? "đơn vị ban hành" : "cấp trung ương", parent->id);
  }
  return ERR_OK;
}

int app_plan_derive(struct app_plan_derived *out, struct store *st, const struct scope *caller,
                    const struct app_plan_derive_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_life_may_change(caller, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  struct plan parent, draft;
  struct store_plan_info info;
  plan_init(&draft);
  rc = store_plan_load(&parent, &info, st, caller, in->parent_id, err);
  if (!rc && strcmp(info.status, "published") != 0)
    rc = err_set(err, ERR_CONFLICT,
                 "kế hoạch số hiệu %ld chưa ban hành (đang là \"%s\"): chỉ lập kế hoạch thực hiện "
                 "từ kế hoạch đã ban hành",
                 in->parent_id, info.status);
  struct plan_place place;
  memset(&place, 0, sizeof place);
  if (!rc) {
    snprintf(place.tree, sizeof place.tree, "%s", info.unit_tree);
    snprintf(place.code, sizeof place.code, "%s", info.unit_code);
    struct date d = parent.issued_on.y ? parent.issued_on : parent.period_start;
    if (d.y)
      date_to_iso(place.at, d);
  }
  long unit_id = 0;
  if (!rc)
    rc = lower_unit(&out->unit, &unit_id, st, &info, &place, in, err);
  char unit_name[200], parent_name[200] = "";
  snprintf(unit_name, sizeof unit_name, "%s %s", out->unit.type, out->unit.name);
  struct unit pu;
  if (!rc && info.unit_code[0] &&
      (rc = unit_get(&pu, st, info.unit_tree, info.unit_code, place.at[0] ? place.at : NULL,
                     err)) == ERR_OK)
    snprintf(parent_name, sizeof parent_name, "%s %s", pu.type, pu.name);
  if (!rc) {
    struct plan_derive_in di = {&parent,
                                &place,
                                info.issuer_kind,
                                &out->unit,
                                unit_name,
                                parent_name[0] ? parent_name : NULL,
                                in->days_earlier < 0 ? PLAN_DERIVE_DAYS_EARLIER : in->days_earlier};
    plan_free(&draft);
    rc = plan_derive(&draft, &out->count, st, &di, err);
  }
  char source[256];
  snprintf(source, sizeof source, "Lập từ kế hoạch số hiệu %ld cho %s", in->parent_id, unit_name);
  if (!rc) {
    struct plan_place dp;
    memset(&dp, 0, sizeof dp);
    snprintf(dp.tree, sizeof dp.tree, "%s", out->unit.tree);
    snprintf(dp.code, sizeof dp.code, "%s", out->unit.code);
    memcpy(dp.at, place.at, sizeof dp.at);
    struct plan_edit_new pn = {&dp, unit_id, "(lập từ kế hoạch cấp trên)", source};
    rc = plan_edit_save(&out->id, st, caller, &draft, &pn, err);
  }
  if (!rc) {
    char id[24], *old = NULL;
    snprintf(id, sizeof id, "%ld", in->parent_id);
    rc = store_plan_set(&old, st, caller, out->id, "plan", 0, "parent_id", id, err);
    free(old);
  }
  if (!rc) {
    char detail[512];
    snprintf(detail, sizeof detail,
             "%s: %zu chỉ tiêu được giao, %zu chỉ tiêu chung, %zu nhiệm vụ, %zu báo cáo (sớm %d "
             "ngày)",
             source, out->count.quotas, out->count.targets, out->count.tasks, out->count.reports,
             in->days_earlier < 0 ? PLAN_DERIVE_DAYS_EARLIER : in->days_earlier);
    rc = audit_record(st, caller, "plan.derive", "plan", out->id, detail, err);
  }
  rc = finish(st, rc, err);
  if (rc)
    memset(out, 0, sizeof *out);
  plan_free(&parent);
  plan_free(&draft);
  return rc;
}

int app_cascade_link(size_t *n, struct store *st, const struct scope *caller, long plan_id,
                     struct err *err)
{
  *n = 0;
  struct plan_link_list l;
  int rc = plan_link_find(&l, st, caller, plan_id, err);
  for (size_t i = 0; !rc && i < l.n; i++) {
    const struct plan_link *k = &l.items[i];
    char parent[24], status[16], *old = NULL;
    snprintf(parent, sizeof parent, "%ld", k->parent);
    rc = store_plan_status(status, sizeof status, st, caller, k->child, err);
    if (!rc)
      rc = store_plan_set(&old, st, caller, k->child, "plan", 0, "parent_id", parent, err);
    char why[160];
    snprintf(why, sizeof why, "căn cứ của kế hoạch nêu văn bản số %s", k->number);
    if (!rc && strcmp(status, "draft") != 0) {
      struct store_plan_change_in c = {"plan", k->child, "parent_id", old, parent, why};
      rc = store_plan_change_add(st, caller, k->child, &c, err);
    }
    free(old);
    char detail[256];
    snprintf(detail, sizeof detail, "thực hiện kế hoạch số hiệu %ld (%s)", k->parent, why);
    if (!rc)
      rc = audit_record(st, caller, "plan.link", "plan", k->child, detail, err);
    *n += !rc;
  }
  plan_link_list_free(&l);
  return rc;
}

int app_plan_rollup(struct target_report *r, struct store *st, const struct scope *caller,
                    struct err *err)
{
  struct store_plan_info_list l;
  int rc = store_plan_list(&l, st, caller, err);
  if (rc)
    return rc;
  char at[DATE_ISO_LEN];
  date_to_iso(at, r->at);
  size_t cap = 0;
  for (size_t i = 0; !rc && i < l.n; i++) {
    const struct store_plan_info *p = &l.items[i];
    if (p->parent_id != r->plan_id)
      continue;
    struct target_report c;
    struct app_plan_status_in in = {p->id, at, NULL, NULL};
    rc = app_plan_status(&c, st, caller, &in, err);
    if (rc)
      break;
    struct target_lower *lo = array_grow(r->lower, &cap, r->n_lower + 1, sizeof *lo);
    if (!lo) {
      target_report_free(&c);
      rc = err_nomem(err);
      break;
    }
    r->lower = lo;
    lo = &lo[r->n_lower++];
    memset(lo, 0, sizeof *lo);
    lo->plan_id = p->id;
    snprintf(lo->number, sizeof lo->number, "%s", p->number);
    snprintf(lo->status, sizeof lo->status, "%s", p->status);
    /* the plan's own targets (not their quota rows) */
    for (size_t k = 0; k < c.n; k++)
      if (!c.rows[k].quota_id && (size_t)c.rows[k].eval.status < 6) {
        lo->n[c.rows[k].eval.status]++;
        lo->total++;
      }
    target_report_free(&c);
    struct unit u;
    struct err e = {ERR_OK, ""};
    if (p->unit_code[0] && unit_get(&u, st, p->unit_tree, p->unit_code, NULL, &e) == ERR_OK)
      snprintf(lo->unit_name, sizeof lo->unit_name, "%s %s", u.type, u.name);
  }
  store_plan_info_list_free(&l);
  r->has_lower = 1;
  return rc;
}
