/* person_json.h: the people register as JSON — a person, a status, an event, a clock,
 * a record, a search hit list, a due list, duplicate pairs.
 *
 * One writer for every front end: `pcmt person ... --json` prints it and
 * the API returns it. Codes stay the stable keys (`"kind":
 * "rehab_compulsory_start"`), and where a person reads a code the
 * Vietnamese label from types/label.h stands beside it (`"label"`,
 * `"sex_label"` ...). Dates are ISO; an unknown national ID is null. Keys
 * are written in the order below.
 *
 *   person: id, full_name, other_names, birth_date, sex, sex_label,
 *           ethnicity, national_id, unit_tree, unit_code, unit_name, address,
 *           occupation, occupation_group, occupation_group_label, created_at
 *   status: code, label, class, class_label, managed, ost, aftercare,
 *           rehab_count, relapses, since
 *   event:  id, kind, label, date, value, value_label, facility,
 *           decision_no, decision_date, note, recorded_by, [from, to: {tree,
 *           code}], [voids], [merged_from]
 *   clock:  code, label, condition, start, end, days_left, limit, source,
 *           event_id
 *   record: person's keys, merged_into, status, events, clocks
 *   hit:    person's keys, status
 *   due:    clock's keys, overdue, person_id, full_name, unit_tree,
 *           unit_code, unit_name, moved_out
 *   pair:   a, b (persons), flagged_at
 *
 * The builders return a new reference (caller json_decref), NULL when out
 * of memory. The _dump functions give the pretty text, ending with a
 * newline, in a malloc'd *out. */
#ifndef PCMT_OUTPUT_PERSON_JSON_H
#define PCMT_OUTPUT_PERSON_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "domain/person.h"

json_t *person_json_person(const struct person *p);
json_t *person_json_status(const struct person_status *s);
json_t *person_json_event(const struct person_event *e);
/* days_left counts from `today` (ISO) to the clock's end. */
json_t *person_json_clock(const struct person_clock *c, const char *today);
json_t *person_json_record(const struct person_record *r, const char *today);
json_t *person_json_hits(const struct person_hit_list *l);
json_t *person_json_due(const struct person_due_list *l, const char *today);
json_t *person_json_pairs(const struct person_dup_list *l);

/* The same as text. */
int person_json_dump_record(char **out, const struct person_record *r, const char *today,
                            struct err *err);
int person_json_dump_hits(char **out, const struct person_hit_list *l, struct err *err);
int person_json_dump_due(char **out, const struct person_due_list *l, const char *today,
                         struct err *err);
int person_json_dump_pairs(char **out, const struct person_dup_list *l, struct err *err);
/* {"<key>": id}: what `person add` ("id") and `person event` ("event_id") print. */
int person_json_dump_id(char **out, const char *key, long id, struct err *err);

#endif
