/* user_json.h: the users of the database as JSON — the one writer for every front end.
 *
 * `pcmt user list --json` prints it and the API returns it. One user:
 *
 *   id, login, full_name, role, unit_tree, unit_code, unit_name,
 *   agency_kind, disabled, role_label, agency_kind_label, disabled_at,
 *   created_at, created_by
 *
 * in that order (the first nine are the fields `user list --json` always
 * had; keys are only ever added). role and agency_kind are codes, the
 * _label keys their Vietnamese labels (types/label.h). A national user has
 * null unit_tree, unit_code and unit_name; a user of no agency null
 * agency_kind and agency_kind_label; an enabled user false disabled and
 * null disabled_at. Times are UTC "YYYY-MM-DDTHH:MM:SSZ". No secret is ever
 * written. Builders return a new reference (caller json_decref), NULL when
 * out of memory. */
#ifndef PCMT_OUTPUT_USER_JSON_H
#define PCMT_OUTPUT_USER_JSON_H

#include <jansson.h>

#include "base/err.h"
#include "types/user.h"

json_t *user_json(const struct user *u);
/* An array of user_json objects, in the list's order. */
json_t *user_json_list(const struct user_list *l);

/* user_json_list as text (output/json_build.h) in a malloc'd *out; ERR_NOMEM. */
int user_json_dump_list(char **out, const struct user_list *l, struct err *err);

#endif
