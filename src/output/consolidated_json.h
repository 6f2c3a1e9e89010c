/* consolidated_json.h: the consolidated report as JSON (`pcmt report consolidated --format
 * json`, and the API).
 *
 * { plan: {id, number, title, issuer}, unit: {tree, code, name} | null, period: {from, to,
 *   name}, compared: {from, to}, small_counts_hidden,
 *   figures: [ {indicator, name, noun, now, before, display_now, display_before, hidden,
 *     source: {indicator, unit_tree, unit_code, from, to}} ],
 *   targets: (output/target_json.h's report object),
 *   units: {indicators: [codes], rows: [ {unit_tree, unit_code, unit_name, values: [number |
 *     null when hidden], display: ["1.234" | "<5"], sources: [...] } ], totals, totals_display},
 *   lagging: [text], overdue_tasks: [ {section, task, agency, deadline, overdue_days} ],
 *   reports: [ {name, due, owed, submitted, on_time} ] }
 * Every figure's `source` names the indicator, unit and period that produced it: what
 * `pcmt indicators --unit TREE:CODE --period FROM..TO` recomputes, and what a page opens. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_JSON_H
#define PCMT_OUTPUT_CONSOLIDATED_JSON_H

#include "base/err.h"
#include "domain/consolidated.h"

int consolidated_json_dump(char **out, const struct consolidated *c, struct err *err);

/* "1.234", "12,5", or "<5" for a hidden count, or "-" for none, into buf. */
const char *consolidated_display(char *buf, size_t n, int has, double v, int hidden, int is_ratio);

#endif
