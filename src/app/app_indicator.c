/* app_indicator.c: the indicators' user actions (see app_indicator.h).
 *
 * A unit named by a bare code is taken on the period's last day (the unit
 * that code named then), and the caller is narrowed to it once: the period
 * asked and the period compared are then computed over the same territory,
 * so "Quý III/2024 so với Quý III/2023" compares one unit with itself even
 * across the 1 July 2025 reform. */
#include "app/app_indicator.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/date.h"
#include "base/number.h"
#include "domain/audit.h"
#include "domain/unit.h"
#include "store/store.h"

int app_indicator_period(struct period *out, const char *text, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (!text || !*text)
    return err_set(err, ERR_INPUT, "thiếu kỳ số liệu (ví dụ 2024-Q3 hoặc \"Quý III/2024\")");
  if (period_parse(out, text, NULL) == ERR_OK)
    return ERR_OK;
  if (period_parse_vn(out, text, 0, NULL) == ERR_OK)
    return ERR_OK;
  return period_parse(out, text, err); /* its message lists the forms */
}

const struct indicator_def *app_indicator_list(size_t *n)
{
  return indicator_catalogue(n);
}

/* The caller narrowed to unit tree/code as that code stood on ISO day
 * `at` into *narrow, the unit with its name on that day into *taken; with
 * no code, the caller itself and its own unit. */
static int take_unit(struct scope *narrow, struct unit *taken, struct store *st,
                     const struct scope *caller, const char *tree, const char *code, const char *at,
                     struct err *err)
{
  if (!code || !*code) {
    *narrow = *caller;
    *taken = caller->unit;
    return ERR_OK;
  }
  int rc = unit_resolve(taken, st, tree, code, at, err);
  if (!rc)
    rc = app_caller_narrow(narrow, st, caller, taken->tree, taken->code, err);
  return rc;
}

int app_indicator_compute(struct indicator_report *out, struct store *st,
                          const struct scope *caller, const struct app_ind_query *q,
                          struct err *err)
{
  memset(out, 0, sizeof *out);
  out->period = q->period;
  out->split = q->split;
  if (q->compare == APP_IND_COMPARE_PREVIOUS)
    period_previous(&out->earlier, &q->period);
  else if (q->compare == APP_IND_COMPARE_LAST_YEAR)
    period_last_year(&out->earlier, &q->period);
  else if (q->compare != APP_IND_COMPARE_NONE)
    return err_set(err, ERR_INPUT, "cách so sánh không hợp lệ");
  out->compared = q->compare != APP_IND_COMPARE_NONE;
  char end[DATE_ISO_LEN];
  date_to_iso(end, q->period.end);
  struct scope narrow;
  struct unit taken;
  int rc = take_unit(&narrow, &taken, st, caller, q->tree, q->code, end, err);
  if (!rc)
    rc = indicator_compute(&out->now, st, &narrow, NULL, NULL, &q->period, q->split, err);
  if (!rc && out->compared)
    rc = indicator_compute(&out->before, st, &narrow, NULL, NULL, &out->earlier, q->split, err);
  if (!rc)
    rc = indicator_report_pair(out, err);
  if (rc) {
    indicator_report_free(out);
    return rc;
  }
  out->unit = taken;
  return ERR_OK;
}

int app_indicator_enter(struct indicator_entered *out, struct store *st, const struct scope *caller,
                        const struct app_ind_entry *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  char today[DATE_ISO_LEN], end[DATE_ISO_LEN];
  if (in->today)
    snprintf(today, sizeof today, "%s", in->today);
  else
    date_to_iso(today, date_today());
  date_to_iso(end, in->period.end);
  int rc = indicator_may_enter(caller, err);
  if (!rc)
    rc = indicator_entry_check(in->indicator, in->agency_kind, &in->period, in->value, in->source,
                               today, err);
  if (!rc && (!in->code || !*in->code))
    rc = err_set(err, ERR_INPUT, "cần đơn vị nhận số liệu (--unit)");
  /* narrowing may refresh the territory closure: before the transaction */
  struct scope narrow;
  struct unit taken;
  if (!rc)
    rc = take_unit(&narrow, &taken, st, caller, in->tree, in->code, end, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long id = 0;
  rc = indicator_entry_put(&id, st, &narrow, in->indicator, in->agency_kind, &in->period, in->value,
                           in->source, err);
  if (!rc) {
    char start[DATE_ISO_LEN], shown[48], detail[256];
    date_to_iso(start, in->period.start);
    snprintf(detail, sizeof detail, "%s %s:%s%s%s %s..%s = %s", in->indicator, narrow.tree,
             narrow.code, in->agency_kind && *in->agency_kind ? " " : "",
             in->agency_kind ? in->agency_kind : "", start, end,
             number_format_vn(shown, sizeof shown, in->value, 6));
    rc = audit_record(st, caller, "indicator.enter", "indicator_value", id, detail, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  rc = store_write_commit(st, err);
  if (rc)
    return rc;
  out->id = id;
  out->def = indicator_find(in->indicator);
  out->unit = taken;
  snprintf(out->agency_kind, sizeof out->agency_kind, "%s", in->agency_kind ? in->agency_kind : "");
  out->period = in->period;
  out->value = in->value;
  snprintf(out->by, sizeof out->by, "%s", caller->user);
  return ERR_OK;
}
