/* app_session.h: signing in on the web, checking a session, signing out.
 *
 * A session is a 256-bit random token the browser holds in a cookie; the
 * database keeps only its BLAKE2b-256 hash, so a stolen copy of the
 * database opens no session. A session ends at sign-out, after `idle_s`
 * without a request, `max_s` after sign-in, or when its user is disabled.
 * Its CSRF token is derived from the session token (a keyed hash), so it
 * is per session and needs no storage.
 *
 * Guessing is slowed twice: each verification costs an argon2id
 * computation (domain/password.h), and failed sign-ins are counted in the
 * database per login and per client address; `login_max` (or `addr_max`)
 * failures within `window_s` refuse further attempts until the window has
 * passed. A wrong login and a wrong password get the same message and cost
 * the same time. Sign-in and sign-out are audited ("session.signin",
 * "session.signout"). Times are Unix seconds, passed in by the caller. */
#ifndef PCMT_APP_APP_SESSION_H
#define PCMT_APP_APP_SESSION_H

#include "base/err.h"
#include "types/scope.h"

struct store;

#define APP_SESSION_TOKEN 65 /* 64 hex digits and the NUL */

struct app_session_limits {
  long idle_s;    /* a session ends after this long without a request (1800) */
  long max_s;     /* and this long after sign-in whatever happens (43200) */
  long window_s;  /* failed sign-ins are counted over this (900) */
  long login_max; /* this many failures of one login within the window lock it (5) */
  long addr_max;  /* this many from one client address lock the address (20) */
};

/* The defaults above. */
void app_session_limits_default(struct app_session_limits *out);

struct app_session {
  long id;                       /* the session's row */
  long user_id;                  /* whose */
  char login[SCOPE_USER_MAX];    /* the user's login */
  enum scope_role role;          /* the user's role (set by check) */
  char csrf[APP_SESSION_TOKEN];  /* the token every state-changing form carries */
  char token[APP_SESSION_TOKEN]; /* the cookie's value (set by sign-in only) */
  char stage[8]; /* "" open; "code": waits for a second-factor code; "enrol": for enrolment */
  char purpose[SCOPE_PURPOSE_MAX]; /* why the user reads personal records; "" not asked yet */
  char territory[96];              /* the user's unit by its name; "" national (set by check) */
};

/* Sign user `login` in with `password` from client address `addr`. On
 * success *out holds the new session with its token (for the cookie). A
 * user with a second factor gets a session at stage "code", one who must
 * have one and has none at stage "enrol" (app_mfa.h): such a session
 * reaches only the second step's pages until that step is done.
 * ERR_DENIED "Tên đăng nhập hoặc mật khẩu không đúng." for an unknown
 * login, a wrong password, a disabled user or one without a web password;
 * ERR_DENIED with the lockout message while the login or the address is
 * locked. A failure is counted before returning. */
int app_session_signin(struct app_session *out, struct store *st, const char *login,
                       const char *password, const char *addr, long now,
                       const struct app_session_limits *lim, struct err *err);

/* The open session whose token is `token` (the cookie's value), with its
 * stage, its idle clock restarted at `now`. ERR_DENIED when the token is malformed or
 * unknown, or the session has ended or expired (an expired session is
 * ended here). out->token is left empty. */
int app_session_check(struct app_session *out, struct store *st, const char *token, long now,
                      const struct app_session_limits *lim, struct err *err);

/* 1 when `csrf` (a form's field) is the session's CSRF token. Constant
 * time. */
int app_session_csrf_ok(const struct app_session *s, const char *csrf);

/* ERR_DENIED with the lockout message when `login` or `addr` has failed
 * too often within the window (no secret may be checked then); else
 * ERR_OK. Shared by the password and the second factor. */
int app_session_throttle(struct store *st, const char *login, const char *addr, long now,
                         const struct app_session_limits *lim, struct err *err);
/* Count a failed attempt of `login` from `addr`, in its own write. */
int app_session_count_failure(struct store *st, const char *login, const char *addr, long now,
                              const struct app_session_limits *lim, struct err *err);

/* Record why session `s` reads personal records, asked before its first
 * person's record is opened: `choice` names a purpose of LABEL_ACCESS_PURPOSE
 * (code or label); "other" takes the reason written in `other`. The session
 * keeps the purpose's label ("Lập báo cáo", or "Khác: <reason>") and every
 * read it makes carries it into the audit row (scope.purpose). *out (may
 * be NULL) receives that text. ERR_INPUT with a message for the form's
 * field when nothing is chosen, the reason is missing or too long. */
int app_session_set_purpose(char out[SCOPE_PURPOSE_MAX], struct store *st,
                            const struct app_session *s, const char *choice, const char *other,
                            struct err *err);

/* The inputs of the password change form, for the error's place. */
enum app_password_field {
  APP_PASSWORD_CURRENT, /* the current password */
  APP_PASSWORD_NEW,     /* the new one (its rules) */
  APP_PASSWORD_CONFIRM  /* the new one typed again */
};

/* The signed-in user of session `s` changes its own password: `current`
 * must be right (a wrong one counts as a failed sign-in from `addr`, and a
 * locked login or address is refused as at sign-in: ERR_DENIED), `confirm`
 * must equal `next`, and `next` must differ from `current` and follow the
 * password rules (ERR_INPUT). Then app_user_set_password ends the user's
 * other sessions and audits user.password. *field names the input an
 * error is about. */
int app_session_change_password(enum app_password_field *field, struct store *st,
                                const struct app_session *s, const char *current, const char *next,
                                const char *confirm, const char *addr, long now,
                                const struct app_session_limits *lim, struct err *err);

/* End session `s` at `now` (sign-out). */
int app_session_signout(struct store *st, const struct app_session *s, long now, struct err *err);

#endif
