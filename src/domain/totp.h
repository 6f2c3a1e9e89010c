/* totp.h: time-based one-time codes (RFC 6238) and recovery codes, the
 * second factor of web sign-in.
 *
 * The arithmetic is liboath's; this file fixes PCMT's parameters (SHA-1,
 * 30-second steps, 6 digits, a window of one step either side, as every
 * authenticator app expects) and adds what RFC 6238 leaves to the server:
 * a code is accepted only for a step later than the last one accepted, so
 * a code seen over someone's shoulder cannot be used again. Recovery codes
 * are 80 random bits written as 16 base32 letters in four groups; the
 * database keeps only a BLAKE2b hash keyed with the user's id (80 random
 * bits need no slow hash, and one user's hash never matches another's). */
#ifndef PCMT_DOMAIN_TOTP_H
#define PCMT_DOMAIN_TOTP_H

#include <stddef.h>

#include "base/err.h"

#define TOTP_SECRET_BYTES  20 /* 160 bits, RFC 4226's recommended length */
#define TOTP_STEP          30 /* seconds */
#define TOTP_DIGITS        6
#define TOTP_BASE32_MAX    40 /* base32 of a secret (32 letters) and the NUL */
#define TOTP_URI_MAX       256
#define TOTP_RECOVERY_N    10 /* recovery codes given at enrolment */
#define TOTP_RECOVERY_MAX  20 /* "abcd-efgh-ijkl-mnop" and the NUL */
#define TOTP_RECOVERY_HASH 32 /* bytes of a recovery code's hash */

/* 20 fresh random bytes (libsodium) into out. ERR_INTERNAL when libsodium
 * or liboath cannot start. */
int totp_secret_new(unsigned char *out, struct err *err);

/* The secret in base32 (RFC 4648, no padding), as authenticator apps take
 * it typed by hand. */
int totp_base32(char *out, size_t n, const unsigned char *secret, size_t len, struct err *err);

/* The otpauth:// URI an authenticator app reads from the QR code, for user
 * `login` of issuer "PCMT". `base32` from totp_base32. */
int totp_uri(char *out, size_t n, const char *login, const char *base32, struct err *err);

/* 1 when `code` (digits; its length is the number of digits, 6 to 8) is
 * the code of secret[0..len) for the step of `now` or the step before or
 * after, and that step is later than `last_step`; *step is then the step
 * matched. 0 otherwise (*step untouched). */
int totp_check(long *step, const unsigned char *secret, size_t len, long now, long last_step,
               const char *code);

/* A new recovery code, "abcd-efgh-ijkl-mnop" (base32 letters and digits,
 * lower case). */
int totp_recovery_new(char *out, size_t n, struct err *err);

/* The hash kept of recovery code `typed` of user `user_id`: case, spaces
 * and dashes do not matter. 0, or -1 when `typed` is not shaped like a
 * recovery code (16 base32 letters once spaces and dashes are dropped). */
int totp_recovery_hash(unsigned char *out, long user_id, const char *typed);

#endif
