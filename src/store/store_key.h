/* store_key.h: the secret key kept beside the database, and the files named after it.
 *
 * The database FILE has three companions in its folder, all owner-only
 * (0600), whose names are derived here and nowhere else:
 *
 *   FILE.key          the secret: 32 bytes keying the audit chain and the
 *                     person digests, then the Ed25519 key pair that signs
 *                     the checkpoints (64-byte secret key, 32-byte public
 *                     key): 128 bytes, written once by `pcmt init`;
 *   FILE.reads        the reads' audit chain, a SQLite file of its own
 *                     (store_reads in store.h);
 *   FILE.checkpoints  the signed heads of the chains, one line each,
 *                     appended (store_checkpoint.h).
 *
 * Whoever can read FILE.key can forge what it protects: keep it with the
 * server's user only, and back it up apart from the database
 * (docs/audit.md). */
#ifndef PCMT_STORE_STORE_KEY_H
#define PCMT_STORE_STORE_KEY_H

#include <stddef.h>

#include "base/err.h"

struct store;

#define STORE_KEY_MAC      32 /* the chain's and the digests' key */
#define STORE_KEY_SIGN_SK  64 /* Ed25519 secret key (libsodium's form) */
#define STORE_KEY_SIGN_PK  32 /* Ed25519 public key */
#define STORE_KEY_FILE_LEN (STORE_KEY_MAC + STORE_KEY_SIGN_SK + STORE_KEY_SIGN_PK)

struct store_key {
  unsigned char mac[STORE_KEY_MAC];         /* keyed BLAKE2b key */
  unsigned char sign_sk[STORE_KEY_SIGN_SK]; /* signs checkpoints */
  unsigned char sign_pk[STORE_KEY_SIGN_PK]; /* checks them */
};

/* The path of the database's companion file with `suffix` (".key",
 * ".checkpoints") into out (n bytes): the one place that names them.
 * ERR_INPUT when the database is in memory (it has none). */
int store_key_path(char *out, size_t n, struct store *st, const char *suffix, struct err *err);

/* Whether the key file exists (*out 1) or not (0). */
int store_key_exists(int *out, struct store *st, struct err *err);

/* Create the key file with fresh random keys (libsodium), owner-only, and
 * load it. Never overwrites: when the file exists, it is loaded as it is
 * (*created 0); a file there but unreadable or of the wrong size is an
 * error. *created (may be NULL) is 1 when the file was made now. A database
 * in memory gets a key of its own that lives as long as the connection. */
int store_key_create(int *created, struct store *st, struct err *err);

/* The loaded key (read from the file at the first call, then kept with the
 * connection). ERR_NOT_FOUND with a message telling to run `pcmt init` when
 * the file is missing; ERR_IO when it cannot be read or is not a key. */
int store_key_get(const struct store_key **out, struct store *st, struct err *err);

/* Remove the key file store_key_create made just now and forget the key:
 * when the transaction that was to use it (re-keying an old chain) failed,
 * so that the next `pcmt init` starts again. */
void store_key_discard(struct store *st);

/* Wipe and free a loaded key; accepts NULL. */
void store_key_free(struct store_key *k);

#endif
