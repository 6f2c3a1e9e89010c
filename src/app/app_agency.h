/* app_agency.h: reading agency names as plans write them (`pcmt agency`).
 *
 * Who may: the resolver reads words and the public unit lists, no record of
 * anyone, so every user of the database may use it, whatever its role and
 * territory (a plan's unit outside the caller's territory is resolved
 * too), and nothing is audited. Without a plan unit no database is needed:
 * the only action, with `plan read`, that has no caller. */
#ifndef PCMT_APP_APP_AGENCY_H
#define PCMT_APP_APP_AGENCY_H

#include <stddef.h>

#include "base/err.h"
#include "domain/agency.h"
#include "types/label.h"
#include "types/scope.h"

struct store;

/* What to resolve. */
struct app_agency_in {
  const char *text;      /* the name as written ("Công an huyện", "UBND cấp xã") */
  const char *unit_code; /* the unit the plan belongs to; NULL or "": words only */
  const char *tree;      /* its tree; NULL or "": the tree in force on `at` (today without it) */
  const char *at;        /* ISO date names are read on; NULL: the latest */
};

/* Read in->text (domain/agency.h agency_parse) and, given a plan unit, the
 * unit the agency sits at (agency_resolve). st and caller may be NULL when
 * in->unit_code is empty; with a unit both are needed. ERR_INPUT for an
 * empty text or invalid UTF-8; ERR_NOT_FOUND for an unknown plan unit. A
 * text that names no agency is ERR_OK with kind AGENCY_NONE and is_group 0. */
int app_agency_resolve(struct agency_ref *out, struct store *st, const struct scope *caller,
                       const struct app_agency_in *in, struct err *err);

/* The agency kinds, in their order (types/label.h LABEL_AGENCY_KIND
 * without its empty "none" value): *out borrowed, static; *n their number. */
void app_agency_kinds(const struct label **out, size_t *n);

#endif
