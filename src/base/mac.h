/* mac.h: a keyed BLAKE2b-256 over a list of fields, each framed as a netstring.
 *
 * The one primitive behind the audit chain (domain/audit.c) and the digest
 * kept with each person row (store/store_person_digest.c): libsodium's
 * crypto_generichash with a 32-byte secret key, over
 *
 *     ns(f1) || ns(f2) || ...     ns(x) = "<length>:<bytes>,"   NULL = "~,"
 *
 * so no two lists of fields give the same input, and nobody without the key
 * can compute the result. A NULL key gives the unkeyed hash (the chain as
 * schema 25 wrote it, read once when the key is created). */
#ifndef PCMT_BASE_MAC_H
#define PCMT_BASE_MAC_H

#include <sodium.h>
#include <stddef.h>

#include "base/err.h"

#define MAC_KEY_BYTES 32 /* the secret key */
#define MAC_BYTES     32 /* the result */
#define MAC_HEX       65 /* the result in hex, with its NUL */

struct mac {
  crypto_generichash_state h; /* libsodium's running state */
};

/* libsodium is ready (sodium_init, once per process); ERR_INTERNAL otherwise. */
int mac_sodium_ready(struct err *err);

/* Start a MAC under `key` (MAC_KEY_BYTES bytes; NULL: unkeyed). Call
 * mac_sodium_ready first. */
void mac_init(struct mac *m, const unsigned char *key);
/* Add one field of n bytes. */
void mac_add(struct mac *m, const void *p, size_t n);
/* Add one NUL-terminated text field. */
void mac_add_text(struct mac *m, const char *s);
/* Add one integer field, as decimal text. */
void mac_add_int(struct mac *m, long long v);
/* Add a NULL (distinct from the empty text). */
void mac_add_null(struct mac *m);
/* The result in lower-case hex (MAC_HEX bytes). */
void mac_final_hex(struct mac *m, char *out);
/* The raw result (MAC_BYTES bytes). */
void mac_final(struct mac *m, unsigned char *out);

#endif
