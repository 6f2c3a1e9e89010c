/* scope.h: resolving the caller's territory against the unit tree.
 *
 * The caller itself (struct scope, roles, scope_init) is types/scope.h; what
 * needs the database — finding the unit, narrowing to a subtree inside the
 * caller's own — is here. */
#ifndef PCMT_DOMAIN_SCOPE_H
#define PCMT_DOMAIN_SCOPE_H

#include <stddef.h>

#include "base/err.h"
#include "types/scope.h"

struct store;

/* Look the unit up (ERR_NOT_FOUND when there is none; a bare code is read as
 * of today: unit_resolve), fill sc->tree, sc->unit and sc->unit_id, and bring
 * the unit closure up to date, rebuilding it in a write transaction when the
 * units changed since it was built. Call it outside any write transaction. */
int scope_resolve(struct scope *sc, struct store *st, struct err *err);

/* A copy of `sc` restricted to the subtree of unit tree/code (e.g. a search
 * "--unit CODE" by a province officer); tree NULL or "": the code as of
 * today (unit_resolve: 15 is new Lào Cai, 10 old Lào Cai). The unit must
 * lie inside `sc`'s own territory, else ERR_DENIED. *out is resolved, with
 * the unit taken in out->unit. */
int scope_narrow(struct scope *out, const struct scope *sc, struct store *st, const char *tree,
                 const char *code, struct err *err);

#endif
