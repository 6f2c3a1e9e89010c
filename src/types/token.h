/* types/token.h: a bearer token of the JSON API, as its administrator sees it.
 *
 * A token acts as one user of the database (its role and territory); the
 * token itself is shown once, at creation, and never stored: these records
 * carry only what may be listed. Times are Unix seconds, 0 when unset. */
#ifndef PCMT_TYPES_TOKEN_H
#define PCMT_TYPES_TOKEN_H

#include <stddef.h>

#include "types/scope.h"

struct token {
  long id;                         /* row id, what `token revoke` takes */
  char login[SCOPE_USER_MAX];      /* the user the token acts as */
  char name[128];                  /* what it is for, may be "" */
  long created_at;                 /* when it was created */
  char created_by[SCOPE_USER_MAX]; /* by which administrator */
  long expires_at;                 /* refused from this time on; 0: never */
  long revoked_at;                 /* revoked at; 0 while usable */
};

struct token_list {
  struct token *items; /* malloc'd; token_list_free */
  size_t n;            /* how many */
};
void token_list_free(struct token_list *l); /* accepts NULL */

#endif
