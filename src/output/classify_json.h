/* classify_json.h: the yearly classification of communes as JSON (`pcmt classify --json`).
 *
 * { year, rules_on, rule_set: {code, source, note, valid_from, valid_to},
 *   summary: {communes, none, type1, type2, type3, undetermined},
 *   communes: [ {unit_tree, unit_code, unit_name, residents (null when not
 *   entered), managed, places, offenders, plants, area_m2, type ("0".."3",
 *   "-1"), type_label, classes: [ {class, verdict, verdict_label, min_met
 *   (null: missing), checks: [ {criterion, criterion_label, note, threshold,
 *   alt_threshold (null: missing / none), value (null: unknown), verdict,
 *   verdict_label, unknown, unknown_label} ] } ] } ],
 *   province: the same object for the province, or null }. */
#ifndef PCMT_OUTPUT_CLASSIFY_JSON_H
#define PCMT_OUTPUT_CLASSIFY_JSON_H

#include "base/err.h"
#include "domain/classify.h"

int classify_json_dump(char **out, const struct classify_report *r, struct err *err);

/* The drug-free list of a year: { year, unit_tree, unit_code, unit_name,
 * communes, recognised, submitted, refused, to_reassess, share_pct,
 * roadmap: {share_pct, source, on_track} or null, items: [ {unit_tree,
 * unit_code, unit_name, status ("" none), status_label, decision,
 * submitted_by, submitted_at, decided_by, decided_at, carried,
 * recognised_before} ] }. */
int classify_json_drugfree(char **out, const struct drugfree_report *r, struct err *err);

#endif
