/* app_token.h: bearer tokens for the JSON API (`pcmt token`, `Authorization: Bearer`).
 *
 * A program that calls the API (a province's reporting script, a
 * dashboard) cannot hold a browser session; an administrator creates a
 * token for one user instead. The token acts as that user: the user's role
 * and territory, checked on every request, so a disabled user's tokens stop
 * working with the user. Like a session token it is 256 random bits shown
 * once, as 64 hex digits, and the database keeps only its BLAKE2b-256
 * hash. A token may expire (at the end of a given day, Vietnam time,
 * UTC+7) and may be revoked at any time.
 *
 * Only an administrator creates, lists and revokes tokens, for the users of
 * its own territory. Creating and revoking are audited ("token.create",
 * "token.revoke"; record type "user", the token's user), never with the
 * token. Times are Unix seconds, passed in by the caller. */
#ifndef PCMT_APP_APP_TOKEN_H
#define PCMT_APP_APP_TOKEN_H

#include "app/app_session.h"
#include "base/err.h"
#include "types/scope.h"
#include "types/token.h"

struct store;

#define APP_TOKEN_HEX 65 /* 64 hex digits and the NUL */

/* Create a token for user `login`, named `name` (NULL or "": none),
 * expiring at the end of ISO day `expires` (NULL or "": never); *id its
 * row and token[] its value, to be shown once. ERR_DENIED unless the
 * caller is an administrator; ERR_NOT_FOUND for a login not in its
 * territory; ERR_INPUT for a bad or past date or a name too long. */
int app_token_create(long *id, char token[APP_TOKEN_HEX], struct store *st,
                     const struct scope *caller, const char *login, const char *name,
                     const char *expires, long now, struct err *err);

/* The tokens of the users of the caller's territory, newest first
 * (administrator only). */
int app_token_list(struct token_list *out, struct store *st, const struct scope *caller,
                   struct err *err);

/* Revoke token `id` at `now`. ERR_NOT_FOUND when no token of the
 * caller's territory has that id. */
int app_token_revoke(struct store *st, const struct scope *caller, long id, long now,
                     struct err *err);

/* The identity a request's bearer token `token` stands for at `now`, in the
 * shape of a session so the server checks both alike: out->id 0, no CSRF
 * token, no pending stage. ERR_DENIED "Mã truy cập không hợp lệ ..." when
 * the token is malformed, unknown, revoked, expired or its user disabled
 * (one message: the answer tells a guesser nothing). */
int app_token_check(struct app_session *out, struct store *st, const char *token, long now,
                    struct err *err);

#endif
