/* person_edit.h: correcting a person's identity after it was recorded.
 *
 * An edit rewrites the identity fields (name, other names, birth date, sex,
 * ethnicity, national ID, address, occupation and its group) of a record the
 * caller may change; the residence is not among them: it follows the
 * history (a move event, person_add_event_tx). Edits are optimistic: the
 * form carries the stamp of the record it was made from (person_stamp), and
 * a record whose stamp has changed since is refused rather than overwritten.
 * The stamp is a hash of the editable fields: it changes exactly when one of
 * them does, so it needs no column of its own. */
#ifndef PCMT_DOMAIN_PERSON_EDIT_H
#define PCMT_DOMAIN_PERSON_EDIT_H

#include "base/err.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "types/person.h"

struct store;

/* The stamp of p's editable fields and residence (hex into out).
 * ERR_INTERNAL only when libsodium cannot start. */
int person_stamp(char out[PERSON_STAMP_LEN], const struct person *p, struct err *err);

/* The editable fields that differ between `before` and `after`, as their
 * codes separated by ", " ("full_name, birth_date") into out[0..n); ""
 * when none. Names only, never a value: the audit row's detail. */
void person_changed_fields(char *out, size_t n, const struct person *before,
                           const struct person *after);

/* Rewrite the identity of person p->id (validated and normalised in place,
 * as person_create_tx does; p's residence is ignored and comes back as
 * stored) inside the caller's write transaction, when its stamp is still
 * `stamp`: else ERR_CONFLICT saying the record was changed meanwhile. The
 * history must still replay with a changed birth date (ERR_INPUT naming the
 * event otherwise). Refreshes the search keys and the row's keyed digest,
 * flags new possible duplicates, and writes one "person.update" audit row
 * naming the changed fields; nothing at all when no field changed. *changed
 * (may be NULL) receives the number of fields changed. ERR_NOT_FOUND when
 * the person is not visible to the caller; ERR_CONFLICT when the record was
 * merged or the national ID is another record's. *field (may be NULL)
 * names the one field an error is about ("national_id", "birth_date"), else
 * NULL. */
int person_update_tx(int *changed, const char **field, struct store *st, const struct scope *sc,
                     struct person *p, const char *stamp, const char *today, struct err *err);

#endif
