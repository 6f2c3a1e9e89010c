/* app_mfa.h: the second factor of web sign-in — enrolment, the code step
 * after the password, and an administrator's reset.
 *
 * A session opened by a password alone waits at a stage (app_session.h):
 * "code" for a user with a second factor, "enrol" for one who must have
 * one (domain/mfa_rule.h) and has none. Enrolment gives the user a TOTP
 * secret (domain/totp.h), confirmed by one code, and ten recovery codes
 * shown once. Every wrong code counts against the sign-in rate limit of
 * the login and the address, exactly as a wrong password does. Actions are
 * audited: "mfa.enrol", "mfa.verify", "mfa.recovery", "mfa.reset". */
#ifndef PCMT_APP_APP_MFA_H
#define PCMT_APP_APP_MFA_H

#include "app/app_session.h"
#include "base/err.h"
#include "domain/totp.h"
#include "types/scope.h"

struct store;

struct app_mfa_enrol {
  char base32[TOTP_BASE32_MAX]; /* the secret as typed into an app */
  char uri[TOTP_URI_MAX];       /* the otpauth:// URI the QR code holds */
};

struct app_mfa_codes {
  char codes[TOTP_RECOVERY_N][TOTP_RECOVERY_MAX]; /* the recovery codes, shown once */
};

/* The secret session s's user is enrolling: the one not yet confirmed, or
 * a new one. ERR_CONFLICT when the user already has a second factor (only
 * an administrator's reset removes it: the secret is never shown again). */
int app_mfa_enrol_start(struct app_mfa_enrol *out, struct store *st, const struct app_session *s,
                        long now, struct err *err);

/* Confirm the enrolment of session s's user with `code` from the app: the
 * second factor is in force, *out holds the ten recovery codes (they
 * exist nowhere else), and a session at stage "enrol" is open. ERR_DENIED
 * for a wrong code (counted) or while locked; ERR_CONFLICT when already
 * enrolled; ERR_NOT_FOUND when no enrolment was started. */
int app_mfa_enrol_confirm(struct app_mfa_codes *out, struct store *st, const struct app_session *s,
                          const char *code, const char *addr, long now,
                          const struct app_session_limits *lim, struct err *err);

/* The second step of a session at stage "code": `code` is a TOTP code
 * (digits) or a recovery code; on success the session is open. A TOTP
 * code is accepted within one step either side and never twice; a
 * recovery code once. *recovery_left is then the recovery codes left
 * after a recovery code was used, -1 after a TOTP code. ERR_DENIED
 * "Mã xác thực không đúng." (counted) or the lockout message. */
int app_mfa_verify(long *recovery_left, struct store *st, const struct app_session *s,
                   const char *code, const char *addr, long now,
                   const struct app_session_limits *lim, struct err *err);

/* Remove user `login`'s second factor and recovery codes and end all the
 * user's sessions (administrator, inside its territory). The user enrols
 * again at the next sign-in. ERR_DENIED when the caller is not an
 * administrator, ERR_NOT_FOUND for no such user in its territory. */
int app_mfa_reset(struct store *st, const struct scope *caller, const char *login, long now,
                  struct err *err);

#endif
