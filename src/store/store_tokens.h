/* store_tokens.h: SQL for the JSON API's bearer tokens (migration 027).
 *
 * A token row is found by the hash of its token (the token itself is never
 * stored). Creating, listing and revoking are filtered by the
 * administrator's territory here: a province administrator reaches the
 * tokens of the users of the province and its communes only. Writers run
 * inside the caller's store_write_begin/commit; times are Unix seconds. */
#ifndef PCMT_STORE_STORE_TOKENS_H
#define PCMT_STORE_STORE_TOKENS_H

#include "base/err.h"
#include "types/scope.h"
#include "types/token.h"

struct store;

#define STORE_TOKEN_HASH 32 /* bytes of a token's hash */

/* A new token for user `login` (who must lie in sc's territory) with this
 * hash; *id its row, *user_id the user's. ERR_NOT_FOUND when the login is
 * not a user there. expires_at 0: never. */
int store_token_insert(long *id, long *user_id, struct store *st, const struct scope *sc,
                       const char *login, const unsigned char *hash, const char *name,
                       long created_at, long expires_at, struct err *err);

/* The tokens of the users in sc's territory, newest first. */
int store_token_list(struct token_list *out, struct store *st, const struct scope *sc,
                     struct err *err);

/* Revoke token `id` of a user in sc's territory at `now`; *user_id the
 * token's user. ERR_NOT_FOUND when there is no such token there; a token
 * already revoked keeps its first time (and is not an error). */
int store_token_revoke(long *user_id, struct store *st, const struct scope *sc, long id, long now,
                       struct err *err);

/* What a request's token stands for: the token row and its user. */
struct store_token_use {
  long id;                    /* the token's row */
  long user_id;               /* the user it acts as */
  char login[SCOPE_USER_MAX]; /* that user's login */
  enum scope_role role;       /* that user's role */
  int disabled;               /* the user is disabled */
  long expires_at;            /* 0: never */
  long revoked_at;            /* 0: not revoked */
};

/* The token whose hash is `hash`, whatever its state (the caller judges).
 * ERR_NOT_FOUND when none. No territory filter: there is no caller yet. */
int store_token_get(struct store_token_use *out, struct store *st, const unsigned char *hash,
                    struct err *err);

#endif
