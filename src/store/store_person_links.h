/* store_person_links.h: what of the other registers names a person — the
 * cases they are in, the places whose person they are, the networks they are
 * a member of — for a person's record.
 *
 * One read, filtered by the caller's territory as every people read is: a
 * case, place or network kept by a unit outside the scope is not returned
 * (the person being visible does not make another unit's file visible). */
#ifndef PCMT_STORE_STORE_PERSON_LINKS_H
#define PCMT_STORE_STORE_PERSON_LINKS_H

#include "base/err.h"
#include "types/person.h"
#include "types/scope.h"

struct store;

/* The links of person `person_id` the scope sees, cases first, then
 * places, then networks, each by date (unit_name left ""). ERR_DENIED for a
 * role that may not read personal records. */
int store_person_links(struct person_link_list *out, struct store *st, const struct scope *sc,
                       long person_id, struct err *err);

#endif
