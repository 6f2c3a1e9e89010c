/* audit_json.h: the audit trail as JSON — the one writer for every front end.
 *
 * `pcmt audit ... --json` prints these and the API returns them:
 *
 *   entry:  id, at, actor, role, scope, purpose, action, record_type,
 *           record_id, detail, prev_hash, hash, action_label, role_label
 *   verify: ok, rows_checked, head, head_id, [first_bad, reason], checkpoints,
 *           checkpoint_id, [forged_checkpoint_line], people_rows, people_changed,
 *           people_changed_ids, people_tally_rows, people_set_ok
 *
 * in that order (the keys `pcmt audit` always printed first; keys are only
 * ever added). action and role are codes, the _label keys their Vietnamese
 * labels (types/label.h; an action without one keeps its code). verify's
 * first_bad and reason are present only when the chain is broken; head is
 * "" and head_id 0 for an empty trail. Builders return a new reference
 * (caller json_decref), NULL when out of memory. */
#ifndef PCMT_OUTPUT_AUDIT_JSON_H
#define PCMT_OUTPUT_AUDIT_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "domain/audit.h"
#include "types/audit.h"

json_t *audit_json_entry(const struct audit_entry *e);
/* An array of entries, in the list's order. */
json_t *audit_json_list(const struct audit_list *l);
json_t *audit_json_verify(const struct audit_verify_result *r);

/* The same as text (output/json_build.h) in a malloc'd *out; ERR_NOMEM. */
int audit_json_dump_list(char **out, const struct audit_list *l, struct err *err);
int audit_json_dump_verify(char **out, const struct audit_verify_result *r, struct err *err);

#endif
