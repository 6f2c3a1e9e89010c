/* agency_json.h: agency names read and agency kinds as JSON — the one writer for every front end.
 *
 * `pcmt agency ... --json` prints these and the API returns them:
 *
 *   ref:   text, is_agency, kind, kind_label, level, is_group, place, unit,
 *          level_label
 *          (unit: {tree, code, name} of the unit the agency sits at, or
 *          null; kind, kind_label, level, level_label and place null when
 *          unknown)
 *   kinds: [{kind, label}]
 *
 * in that order (the keys `agency --json` always printed first; keys are
 * only ever added). Codes are the stable keys, labels from types/label.h.
 * Builders return a new reference (caller json_decref), NULL when out of
 * memory. */
#ifndef PCMT_OUTPUT_AGENCY_JSON_H
#define PCMT_OUTPUT_AGENCY_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "base/err.h"
#include "domain/agency.h"
#include "types/label.h"

/* `text` the name as written, r what it was read as. */
json_t *agency_json_ref(const char *text, const struct agency_ref *r);
/* kinds: n values of LABEL_AGENCY_KIND (code and label). */
json_t *agency_json_kinds(const struct label *kinds, size_t n);

/* The same as text (output/json_build.h) in a malloc'd *out; ERR_NOMEM. */
int agency_json_dump_ref(char **out, const char *text, const struct agency_ref *r, struct err *err);
int agency_json_dump_kinds(char **out, const struct label *kinds, size_t n, struct err *err);

#endif
