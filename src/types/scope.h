/* types/scope.h: the caller — who is asking, in what role, over which territory, and why.
 *
 * Every store function that reads or writes personal or unit data takes a
 * `const struct scope *` and filters in SQL by the unit subtree it names, so
 * a commune officer never receives a record of another commune, whatever the
 * query. A scope is made in two steps: scope_init checks and copies the
 * caller's identity (no database, here), scope_resolve (domain/scope.h) looks
 * the unit up and makes sure the unit closure the SQL joins on is current.
 * The national scope has no unit (tree and code empty).
 *
 * Roles (domain.md §6): an administrator and an officer may read and change
 * personal records of their territory; a member agency and a leader see
 * aggregates only, so the store refuses them personal records (ERR_DENIED). */
#ifndef PCMT_TYPES_SCOPE_H
#define PCMT_TYPES_SCOPE_H

#include <stddef.h>

#include "base/err.h"
#include "types/unit.h"

enum scope_role {
  SCOPE_ADMIN,   /* local administrator */
  SCOPE_OFFICER, /* officer of the standing body at a level */
  SCOPE_AGENCY,  /* member agency: own tasks and aggregates */
  SCOPE_LEADER   /* leader: dashboards, no personal records */
};

#define SCOPE_USER_MAX    64
#define SCOPE_PURPOSE_MAX 160

struct scope {
  char user[SCOPE_USER_MAX]; /* who: a login name */
  enum scope_role role;      /* what the caller may do */
  char tree[12]; /* unit tree of the territory, "" = national (or a bare code not resolved yet) */
  char code[8];  /* unit code of the territory, "" = national */
  char purpose[SCOPE_PURPOSE_MAX]; /* why: recorded with every audited access */
  long unit_id;                    /* set by scope_resolve: the unit's id, 0 = national, -1 = not
                                      resolved yet */
  struct unit unit;                /* set by scope_resolve: the unit taken, with its name and life
                                      (all zero for the national scope) */
};

/* Check and copy the caller's identity into *out (unresolved: unit_id = -1).
 * `role` is "admin", "officer", "agency" or "leader"; `tree`/`code` both NULL
 * or "" for the national scope, else a unit (tree NULL or "": a bare code,
 * which scope_resolve reads as of today, domain/unit.h unit_resolve). `user`
 * and `purpose` must be non-empty. ERR_INPUT with a Vietnamese message on bad
 * input. */
int scope_init(struct scope *out, const char *user, const char *role, const char *tree,
               const char *code, const char *purpose, struct err *err);

/* 1 when the role may read / change personal records. */
int scope_may_read_people(const struct scope *sc);
int scope_may_write_people(const struct scope *sc);

/* "admin", "officer", "agency", "leader". */
const char *scope_role_name(enum scope_role role);
/* "national" or "tree:code", for the audit trail, into buf. */
void scope_describe(char *buf, size_t n, const struct scope *sc);

#endif
