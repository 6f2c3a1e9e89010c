/* store_mfa.h: SQL for the second factor (migration 025): a user's TOTP
 * secret with the last step accepted, the hashes of the recovery codes.
 *
 * Writers run inside the caller's store_write_begin/commit; "use" writers
 * are conditional updates, so two requests racing with one code cannot
 * both succeed. Times are Unix seconds. */
#ifndef PCMT_STORE_STORE_MFA_H
#define PCMT_STORE_STORE_MFA_H

#include <stddef.h>

#include "base/err.h"
#include "types/scope.h"

struct store;

#define STORE_TOTP_SECRET_MAX 64 /* bytes of a stored secret */

struct store_totp {
  unsigned char secret[STORE_TOTP_SECRET_MAX]; /* the shared secret */
  size_t secret_len;                           /* its length (20) */
  int confirmed;                               /* enrolment finished */
  long last_step;                              /* the last step accepted */
};

/* User user_id's TOTP row. ERR_NOT_FOUND when the user has none. */
int store_totp_get(struct store_totp *out, struct store *st, long user_id, struct err *err);
/* Give user_id a new, unconfirmed secret (replacing an unconfirmed one),
 * sealed with the key file (store_key.h); ERR_NOT_FOUND without one. */
int store_totp_put(struct store *st, long user_id, const unsigned char *secret, size_t len,
                   long now, struct err *err);
/* Confirm user_id's secret with the step its first code matched. */
int store_totp_confirm(struct store *st, long user_id, long step, long now, struct err *err);
/* Record `step` as used when it is later than the last one used: *ok 1
 * then, 0 when it is not (a replay, or a race lost). */
int store_totp_use_step(int *ok, struct store *st, long user_id, long step, struct err *err);

/* Replace user_id's recovery codes by the n hashes of hashes[] (32 bytes
 * each). */
int store_recovery_replace(struct store *st, long user_id, const unsigned char (*hashes)[32],
                           size_t n, struct err *err);
/* Mark user_id's unused recovery code of this hash used at `now`: *ok 1,
 * or 0 when there is none unused. */
int store_recovery_use(int *ok, struct store *st, long user_id, const unsigned char *hash, long now,
                       struct err *err);
/* *out = user_id's unused recovery codes. */
int store_recovery_left(long *out, struct store *st, long user_id, struct err *err);

/* Seal the secrets stored before sealing (schema 025 kept them plain);
 * *sealed how many. Inside the caller's write transaction. */
int store_totp_seal_legacy(long *sealed, struct store *st, struct err *err);
/* Remove user_id's secret and recovery codes. */
int store_mfa_delete(struct store *st, long user_id, struct err *err);

/* The role and territory level (0 national) of user user_id, to decide
 * whether a second factor is required. ERR_NOT_FOUND when no such user. */
int store_mfa_user_level(enum scope_role *role, int *level, struct store *st, long user_id,
                         struct err *err);
/* The id of user `login` inside the caller's territory. ERR_NOT_FOUND when
 * not there. */
int store_mfa_user_id(long *id, struct store *st, const struct scope *sc, const char *login,
                      struct err *err);

#endif
