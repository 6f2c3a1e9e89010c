/* app_classify.c: classifying communes for a year (see app_classify.h).
 *
 * Each commune's figures are the indicators of its subtree for the calendar
 * year (a stock on 31/12, a flow over the year), read through the caller's
 * territory like every aggregate; a commune without residents entered
 * leaves its ratio criteria unknown rather than guessed. */
#include "app/app_classify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/array.h"
#include "base/date.h"
#include "base/period.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_classify.h"
#include "store/store_people.h"

static double value_of(const struct indicator_result_list *l, const char *code)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].group[0] == '\0' && strcmp(l->items[i].def->code, code) == 0)
      return l->items[i].has_value ? l->items[i].value : 0;
  return 0;
}

/* The year's figures of unit u into *f. */
static int figures(struct class_figures *f, struct store *st, const struct scope *sc,
                   const struct unit *u, int year, struct err *err)
{
  memset(f, 0, sizeof *f);
  struct period p;
  period_year(&p, year);
  struct indicator_result_list l;
  int rc = indicator_compute(&l, st, sc, u->tree, u->code, &p, IND_SPLIT_NONE, err);
  if (rc)
    return rc;
  f->managed = value_of(&l, "users_managed") + value_of(&l, "addicts_registered");
  f->places = value_of(&l, "hotspots_active") + value_of(&l, "hotspots_eliminated");
  f->offenders = value_of(&l, "persons_arrested");
  f->plants = value_of(&l, "seized_plants");
  f->area_m2 = value_of(&l, "cultivation_area_destroyed");
  indicator_result_list_free(&l);
  long residents = 0;
  rc = store_class_residents_get(&residents, st, sc, u->id, year, err);
  f->has_residents = residents > 0;
  f->residents = (double)residents;
  return rc;
}

static int check_year(int year, struct err *err)
{
  struct date today = date_today();
  if (year < 2010 || year > today.y)
    return err_set(err, ERR_INPUT, "năm phân loại phải từ 2010 đến %d, không phải %d", today.y,
                   year);
  return ERR_OK;
}

int app_classify_run(struct classify_report *out, struct store *st, const struct scope *caller,
                     const char *tree, const char *code, int year, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->year = year;
  int rc = check_year(year, err);
  if (rc)
    return rc;
  snprintf(out->on, sizeof out->on, "%04d-12-31", year);
  struct scope narrow = *caller;
  struct unit root = caller->unit;
  if (code && *code) {
    rc = unit_resolve(&root, st, tree, code, out->on, err);
    if (!rc)
      rc = app_caller_narrow(&narrow, st, caller, root.tree, root.code, err);
  } else if (!caller->code[0]) {
    return err_set(err, ERR_INPUT, "cần --unit: phân loại các xã của một tỉnh hoặc một huyện");
  }
  if (!rc)
    rc = store_class_rules_at(&out->communes, st, "commune", out->on, err);
  struct unit_list units = {NULL, 0};
  if (!rc)
    rc = unit_tree(&units, st, root.tree, root.code, out->on, err);
  size_t cap = 0;
  for (size_t i = 0; !rc && i < units.n; i++) {
    const struct unit *u = &units.items[i];
    if (u->level != unit_commune_level(u->tree))
      continue;
    struct classify_row *row = array_grow(out->rows, &cap, out->n + 1, sizeof *row);
    if (!row) {
      rc = err_nomem(err);
      break;
    }
    out->rows = row;
    row = &out->rows[out->n++];
    memset(row, 0, sizeof *row);
    row->unit = *u;
    rc = figures(&row->fig, st, &narrow, u, year, err);
    if (!rc) {
      classify_unit(&row->result, &out->communes, &row->fig);
      if (row->result.type < 0)
        out->n_undetermined++;
      else
        out->n_type[row->result.type]++;
    }
  }
  unit_list_free(&units);
  /* a province: its own class, with the share of its communes classified */
  if (!rc && root.level == 1) {
    out->has_province = 1;
    rc = store_class_rules_at(&out->province, st, "province", out->on, err);
    struct classify_row *pr = &out->province_row;
    pr->unit = root;
    if (!rc)
      rc = figures(&pr->fig, st, &narrow, &root, year, err);
    if (!rc) {
      pr->fig.has_complex = out->n > 0 && out->n_undetermined == 0;
      if (pr->fig.has_complex)
        pr->fig.complex_pct =
            100.0 * (double)(out->n_type[1] + out->n_type[2] + out->n_type[3]) / (double)out->n;
      classify_unit(&pr->result, &out->province, &pr->fig);
    }
  }
  if (rc)
    classify_report_free(out);
  return rc;
}

int app_classify_residents(struct store *st, const struct scope *caller, const char *tree,
                           const char *code, int year, long residents, const char *source,
                           struct err *err)
{
  int rc = indicator_may_enter(caller, err);
  if (!rc)
    rc = check_year(year, err);
  if (rc)
    return rc;
  if (residents < 1 || residents > 100000000)
    return err_set(err, ERR_INPUT, "số dân phải từ 1 đến 100.000.000, không phải %ld", residents);
  if (!source || !*source)
    return err_set(err, ERR_INPUT,
                   "cần nêu nguồn số dân (ví dụ: \"Thống kê dân số của Công an "
                   "xã ngày 31/12/2025\")");
  char on[11];
  snprintf(on, sizeof on, "%04d-12-31", year);
  struct unit u;
  rc = unit_resolve(&u, st, tree, code ? code : "", on, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_class_residents_put(st, caller, u.id, year, residents, source, err);
  if (rc == ERR_NOT_FOUND) {
    char label[256];
    rc = err_set(err, ERR_DENIED, "%s nằm ngoài địa bàn của người dùng \"%s\"",
                 unit_label(label, sizeof label, &u), caller->user);
  }
  if (!rc) {
    char detail[400], label[256];
    snprintf(detail, sizeof detail, "số dân năm %d của %s: %ld (nguồn: %s)", year,
             unit_label(label, sizeof label, &u), residents, source);
    rc = audit_record(st, caller, "classify.residents", "unit", u.id, detail, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}
