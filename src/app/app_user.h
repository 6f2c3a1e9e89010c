/* app_user.h: operations on the users of the database (`pcmt user`).
 *
 * Only an administrator manages users, and only inside the administrator's
 * own territory: a province administrator adds the users of the province
 * and its communes. Each change is audited ("user.create", "user.disable",
 * "user.enable"). */
#ifndef PCMT_APP_APP_USER_H
#define PCMT_APP_APP_USER_H

#include "base/err.h"
#include "types/scope.h"
#include "types/user.h"

struct store;

/* What a new user is. */
struct app_user_new {
  const char *login;       /* letters, digits, '.', '_', '-'; 2-63 bytes */
  const char *full_name;   /* may be NULL */
  const char *role;        /* a role's code or label (types/label.h, LABEL_ROLE) */
  const char *unit_tree;   /* territory: NULL = the tree the code is in today */
  const char *unit_code;   /* NULL or "": national */
  const char *agency_kind; /* role agency: a kind's code or label; else NULL */
};

/* Add a user; *id the new row id. ERR_DENIED unless the caller is an
 * administrator whose territory holds the new user's; ERR_CONFLICT for a
 * login taken; ERR_INPUT for a bad login, role or agency. The user has no
 * web password (it cannot sign in on the web). */
int app_user_add(long *id, struct store *st, const struct scope *caller,
                 const struct app_user_new *in, struct err *err);

/* The same with the user's web password (NULL or "": none), checked
 * against domain/password.h's rules (ERR_INPUT: too short, the login, a
 * common one) and kept only as its argon2id hash, in the same transaction
 * as the user. */
int app_user_add_password(long *id, struct store *st, const struct scope *caller,
                          const struct app_user_new *in, const char *password, struct err *err);

/* Which input of a new user an error is about (a form marks that field). */
enum app_user_field {
  APP_USER_FIELD_NONE,    /* not one input (rights, the database) */
  APP_USER_FIELD_LOGIN,   /* login: its form, or taken */
  APP_USER_FIELD_NAME,    /* full name */
  APP_USER_FIELD_ROLE,    /* role */
  APP_USER_FIELD_UNIT,    /* territory: no such unit, or outside the caller's */
  APP_USER_FIELD_AGENCY,  /* agency kind, or its absence for an agency's user */
  APP_USER_FIELD_PASSWORD /* the password's rules */
};

/* app_user_add_password, and on failure *field names the input the error
 * is about (APP_USER_FIELD_NONE when none), for a form to mark it. */
int app_user_add_field(long *id, enum app_user_field *field, struct store *st,
                       const struct scope *caller, const struct app_user_new *in,
                       const char *password, struct err *err);

/* Set user `login`'s web password (domain/password.h rules; ERR_INPUT
 * with the reason) and end every open session of the user but session
 * `keep` (0: all; the web passes the session that made the change), so a
 * password that leaked stops working everywhere at once. An administrator
 * sets the password of a user of its territory; any user its own.
 * ERR_DENIED otherwise, ERR_NOT_FOUND for a login not there. Audited
 * ("user.password", without the password). `now`: Unix seconds. */
int app_user_set_password(struct store *st, const struct scope *caller, const char *login,
                          const char *password, long keep, long now, struct err *err);

/* The users of the caller's territory, by login (administrator only). */
int app_user_list(struct user_list *out, struct store *st, const struct scope *caller,
                  struct err *err);

/* Stop (disabled = 1) or allow again (0) user `login` acting. The caller
 * may not disable itself. */
int app_user_disable(struct store *st, const struct scope *caller, const char *login, int disabled,
                     struct err *err);

/* Create the local administrator (USER_LOCAL_ADMIN, national) when the
 * database has none; audited as its own first action. *created = 1 when it
 * was created now. Its own transaction. */
int app_user_ensure_admin(int *created, struct store *st, struct err *err);

#endif
