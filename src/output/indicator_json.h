/* indicator_json.h: indicators as JSON — the one writer for every front end.
 *
 * `pcmt indicators ... --json` prints these and the API returns them. The
 * keys of the first version are a contract (tests/e2e, docs/indicators.md)
 * and are only ever added to:
 *
 *   catalogue: [{code, name, kind, kind_label, source, source_label, unit,
 *              numerator, denominator}]; numerator and denominator only on a ratio
 *   report:    {unit_code, unit_tree, unit_name, [unit_label], period:
 *              {text, name, start, end}, [compare: {text, name, start,
 *              end, how}], split, indicators: [result]}. unit_code and
 *              unit_tree are null for the whole country, which has no
 *              unit_label; compare only when compared, how its code
 *              ("previous", "last-year"); split null without --by
 *   result:    {code, name, kind, unit, group, group_label, value,
 *              [numerator, denominator], [compare: result, change,
 *              change_percent]}: group null for the total; value null when
 *              it has none (an aggregate nobody entered, a ratio over 0);
 *              numerator and denominator on a ratio; compare the same
 *              indicator and group of the earlier period, change (now -
 *              before; percentage points for a ratio) when both have a
 *              value, change_percent null when the earlier value is 0
 *   entered:   {id, code, name, unit_code, unit_tree, unit_name,
 *              unit_label, agency_kind, agency_label, period: {text, name,
 *              start, end}, value, entered_by}
 *
 * Codes are the stable keys and the Vietnamese label (types/label.h)
 * stands beside a code a person reads. Periods carry their canonical text
 * ("2024-Q3"), the Vietnamese name ("Quý III/2024") and ISO first and last
 * days. The builders return a new reference (caller json_decref), NULL
 * when out of memory. The _dump functions give the pretty UTF-8 text,
 * ending with a newline, in a malloc'd *out; ERR_NOMEM. */
#ifndef PCMT_OUTPUT_INDICATOR_JSON_H
#define PCMT_OUTPUT_INDICATOR_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "domain/indicator.h"

json_t *indicator_json_catalogue(const struct indicator_def *defs, size_t n);
/* how: the comparison's code ("previous", "last-year"; NULL when not compared). */
json_t *indicator_json_report(const struct indicator_report *r, const char *how);
json_t *indicator_json_entered(const struct indicator_entered *e);

int indicator_json_dump_catalogue(char **out, const struct indicator_def *defs, size_t n,
                                  struct err *err);
int indicator_json_dump_report(char **out, const struct indicator_report *r, const char *how,
                               struct err *err);
int indicator_json_dump_entered(char **out, const struct indicator_entered *e, struct err *err);

#endif
