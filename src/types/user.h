/* types/user.h: a user of the database — who may act, in which role, over which territory.
 *
 * Every action in PCMT is done by a named user (the audit trail, the
 * created_by of every record and the plans' history hold a login). The
 * caller of an operation (struct scope) is made from one of these rows by
 * app_caller_open. */
#ifndef PCMT_TYPES_USER_H
#define PCMT_TYPES_USER_H

#include <stddef.h>

#include "types/scope.h"

#define USER_LOCAL_ADMIN "admin" /* the local administrator `pcmt init` creates */

struct user {
  long id;                    /* row id */
  char login[SCOPE_USER_MAX]; /* "cbtt.laocai": letters, digits, '.', '_', '-' */
  char full_name[128];        /* "Nguyễn Văn An", may be "" */
  enum scope_role role;       /* what the user may do */
  char unit_tree[12];         /* territory: tree and code, "" = national */
  char unit_code[8];
  char unit_name[160];  /* read back: "tỉnh Lào Cai", "" when national */
  char agency_kind[32]; /* role agency: the agency's kind code, else "" */
  char disabled_at[24]; /* "" while the user may act */
  char created_at[24];
  char created_by[SCOPE_USER_MAX];
  int mfa; /* read back: 1 when the user has a confirmed second factor */
};

struct user_list {
  struct user *items; /* malloc'd; user_list_free */
  size_t n;
};
void user_list_free(struct user_list *l); /* accepts NULL */

#endif
