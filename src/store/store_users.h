/* store_users.h: SQL for the users of the database (table app_user, migration 016).
 *
 * Listing is filtered by the caller's territory here, as every query of
 * unit data is: an administrator of a province sees the users of the
 * province and its communes. Writers run inside the caller's
 * store_write_begin/commit. */
#ifndef PCMT_STORE_STORE_USERS_H
#define PCMT_STORE_STORE_USERS_H

#include "base/err.h"
#include "types/scope.h"
#include "types/user.h"

struct store;

/* Insert user u (u->unit_tree/unit_code "" = national; the unit must exist).
 * *id = the new row id. ERR_CONFLICT when the login is taken; ERR_NOT_FOUND
 * when the unit does not exist. */
int store_user_insert(long *id, struct store *st, const struct user *u, struct err *err);

/* The user with this login, with the unit's name in force today.
 * ERR_NOT_FOUND when there is none. No territory filter: an operation asks
 * for its own caller here (app_caller_open), before there is a scope. */
int store_user_get(struct user *out, struct store *st, const char *login, struct err *err);

/* The users whose territory lies inside the caller's (national: everyone),
 * by login. */
int store_user_list(struct user_list *out, struct store *st, const struct scope *sc,
                    struct err *err);

/* Set or clear (at = NULL) the disabled time of user `login` inside the
 * caller's territory. ERR_NOT_FOUND when not there. */
int store_user_disable(struct store *st, const struct scope *sc, const char *login, const char *at,
                       struct err *err);

/* Set the password hash (an argon2id string; NULL: no web sign-in) of user
 * `login` inside the caller's territory; *id = the user's row id.
 * ERR_NOT_FOUND when not there. */
int store_user_set_password(long *id, struct store *st, const struct scope *sc, const char *login,
                            const char *hash, struct err *err);

/* For signing in: the id, disabled flag and password hash (into hash[0..n),
 * "" when the user has none) of `login`. ERR_NOT_FOUND when there is none.
 * No territory filter (there is no caller yet). */
int store_user_credentials(long *id, int *disabled, char *hash, size_t n, struct store *st,
                           const char *login, struct err *err);

#endif
