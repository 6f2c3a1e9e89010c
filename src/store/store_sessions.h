/* store_sessions.h: SQL for web sessions and failed sign-ins (migrations 023, 025, 028).
 *
 * A session row is found by the hash of its token (the token itself is
 * never stored). Failed sign-ins are rows counted over a window, per login
 * and per client address. Writers run inside the caller's
 * store_write_begin/commit; times are Unix seconds. */
#ifndef PCMT_STORE_STORE_SESSIONS_H
#define PCMT_STORE_STORE_SESSIONS_H

#include "base/err.h"
#include "types/scope.h"

struct store;

#define STORE_SESSION_HASH 32 /* bytes of a token's hash */

struct store_session {
  long id;                         /* row id */
  long user_id;                    /* whose */
  char login[SCOPE_USER_MAX];      /* the user's login */
  enum scope_role role;            /* the user's role */
  int disabled;                    /* the user has been disabled since */
  long created_at;                 /* signed in */
  long seen_at;                    /* last request */
  int ended;                       /* signed out */
  char stage[8];                   /* "" full; "code" or "enrol": waits for its second step */
  char purpose[SCOPE_PURPOSE_MAX]; /* why personal records are read; "" not asked yet (028) */
  char territory[96];              /* the user's unit, its latest name; "" for national */
};

/* A new open session for user_id at `stage` (NULL or "": full; "code" or
 * "enrol": waiting for the second factor); *id its row id. */
int store_session_insert(long *id, struct store *st, const unsigned char *hash, long user_id,
                         const char *stage, long now, struct err *err);
/* Set session id's stage (NULL: full). */
int store_session_set_stage(struct store *st, long id, const char *stage, struct err *err);
/* Set session id's purpose of access (migration 028). */
int store_session_set_purpose(struct store *st, long id, const char *purpose, struct err *err);
/* The session whose token hashes to `hash`. ERR_NOT_FOUND when none. */
int store_session_get(struct store_session *out, struct store *st, const unsigned char *hash,
                      struct err *err);
/* Record a request at `now` (the idle clock restarts). */
int store_session_touch(struct store *st, long id, long now, struct err *err);
/* End session `id` at `now` (sign-out, expiry). */
int store_session_end(struct store *st, long id, long now, struct err *err);

/* End every open session of user_id at `now` except session `keep` (0:
 * none): a password change or a disabled user. */
int store_session_end_user(struct store *st, long user_id, long keep, long now, struct err *err);

/* Count a failed sign-in for `name` of `kind` ("login" or "addr") at now,
 * dropping the rows of that name older than `since`. */
int store_signin_failure_add(struct store *st, const char *kind, const char *name, long now,
                             long since, struct err *err);
/* *out = the failed sign-ins of `name` of `kind` at or after `since`. */
int store_signin_failure_count(long *out, struct store *st, const char *kind, const char *name,
                               long since, struct err *err);
/* Forget the failed sign-ins of `name` of `kind` (after a success). */
int store_signin_failure_clear(struct store *st, const char *kind, const char *name,
                               struct err *err);

#endif
