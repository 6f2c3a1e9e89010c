/* password.h: the rules for a web password and its argon2id hash.
 *
 * A password is at least PASSWORD_MIN characters, not the login, not one
 * character repeated, and not on a short list of passwords every attacker
 * tries first. It is kept only as libsodium's crypto_pwhash_str string
 * (argon2id, with its salt and limits), so a copy of the database gives no
 * password back and an old hash keeps verifying after the limits change.
 *
 * The limits (PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) were chosen by
 * measurement so that one verification costs about 200 ms of one core
 * (docs/web.md, "Measurements"): slow for a guesser, under the 300 ms a
 * sign-in may cost. */
#ifndef PCMT_DOMAIN_PASSWORD_H
#define PCMT_DOMAIN_PASSWORD_H

#include <stddef.h>

#include "base/err.h"

#define PASSWORD_MIN      10                         /* characters (code points) */
#define PASSWORD_MAX      256                        /* bytes */
#define PASSWORD_HASH_MAX 128                        /* crypto_pwhash_STRBYTES */
#define PASSWORD_OPSLIMIT 3ULL                       /* argon2id passes */
#define PASSWORD_MEMLIMIT ((size_t)64 * 1024 * 1024) /* argon2id memory, bytes */

/* ERR_INPUT with the reason, in Vietnamese, when `pw` may not be the
 * password of user `login`. */
int password_check(const char *pw, const char *login, struct err *err);

/* The argon2id string of pw into out[PASSWORD_HASH_MAX]. ERR_NOMEM when
 * the memory limit cannot be allocated, ERR_INTERNAL when libsodium fails. */
int password_hash(char *out, const char *pw, struct err *err);

/* 1 when pw matches the stored hash, else 0 (also for an empty or
 * malformed hash). Costs one argon2id computation either way: with
 * hash NULL or "" it verifies against a fixed hash, so a login that does
 * not exist takes as long to refuse as a wrong password. */
int password_verify(const char *hash, const char *pw);

#endif
