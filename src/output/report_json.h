/* report_json.h: the reporting calendar and a unit report as JSON (`pcmt
 * calendar --json`, `pcmt report show|list --json`, the API).
 *
 *   calendar: {"today": ISO date timeliness is read on,
 *              "entries": [{plan_id, plan_number, schedule_id, report, occurs_on,
 *                 periodicity, periodicity_label, cutoff_from, cutoff_to,
 *                 cutoff_source, cutoff_source_label, cutoff_clipped,
 *                 cutoff_error, owner ("unit" | "agency"), owner_label,
 *                 unit_tree, unit_code, unit_name, agency_kind,
 *                 agency_label, due_on, recipient, report_id, status,
 *                 status_label, version, submitted_on, submitted, on_time,
 *                 days_late}],
 *              "completeness": [{plan_id, plan_number, schedule_id, report, occurs_on,
 *                 owed, submitted, on_time, submitted_pct, on_time_pct}]}
 *   report:   {id, plan_id, plan_number, schedule_id, report, occurs_on, owner,
 *              unit_tree, unit_code, agency_kind, recipient, period_from,
 *              period_to, due_on, status, status_label, version,
 *              first_submitted_on, on_time, days_late,
 *              narrative: {situation, results, limitations, proposals},
 *              figures: [{indicator, name, unit, value, before, frozen,
 *                         changed}], frozen_version,
 *              tasks: {total, <state code>: n ...},
 *              targets: null, targets_note,
 *              versions: [{version, submitted_on, submitted_by, decision,
 *                          decided_on, decided_by, comment, situation,
 *                          results, limitations, proposals}]}
 *
 * Codes are those of types/label.h with their Vietnamese labels beside
 * them; dates ISO; an unknown value null; the percentages have one decimal
 * (null when nothing is owed). "targets" is the slot the targets
 * evaluation fills; until then null, with targets_note saying so. The
 * builders return a new reference (NULL when out of memory); the _dump
 * functions the pretty UTF-8 text ending with a newline in a malloc'd *out. */
#ifndef PCMT_OUTPUT_REPORT_JSON_H
#define PCMT_OUTPUT_REPORT_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "domain/calendar_build.h"
#include "domain/report_view.h"

json_t *report_json_calendar(const struct calendar *cal, const char *today);
int report_json_dump_calendar(char **out, const struct calendar *cal, const char *today,
                              struct err *err);

/* The statutory cut-off rules: [{id, periodicity, periodicity_label,
 * cut_day, source, from, to (null: open)}]. */
json_t *report_json_regimes(const struct store_cal_regime *r, size_t n);
int report_json_dump_regimes(char **out, const struct store_cal_regime *r, size_t n,
                             struct err *err);

/* `today` (ISO) is the date an unsubmitted report's lateness is read on. */
json_t *report_json_report(const struct report_view *v, const char *today);
int report_json_dump_report(char **out, const struct report_view *v, const char *today,
                            struct err *err);

#endif
