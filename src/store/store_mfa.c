/* store_mfa.c: the second factor's rows (see store_mfa.h).
 *
 * A TOTP secret is the one credential kept in a form that works as it is, so
 * it is sealed before it is stored: XChaCha20-Poly1305 under a subkey of the
 * database's key file (FILE.key, outside the database), with the user's id as
 * associated data. A stolen database then yields no second factor, and a
 * secret copied onto another user's row does not open there. */
#include "store/store_mfa.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_key.h"

#define SEAL_VERSION 1 /* first byte of a sealed secret */
#define SEAL_NONCE   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define SEAL_TAG     crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEAL_MAX     (1 + SEAL_NONCE + STORE_TOTP_SECRET_MAX + SEAL_TAG)
/* The length of a secret stored before sealing (025): 20 plain bytes. */
#define LEGACY_LEN 20

/* The sealing key: a subkey of the key file's MAC key, for this use only. */
static int seal_key(unsigned char out[crypto_aead_xchacha20poly1305_ietf_KEYBYTES],
                    struct store *st, struct err *err)
{
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (rc)
    return rc;
  crypto_kdf_derive_from_key(out, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, 1, "pcmttotp",
                             k->mac);
  return ERR_OK;
}

/* The associated data binding a sealed secret to its user's row. */
static size_t seal_ad(char *ad, size_t n, long user_id)
{
  int w = snprintf(ad, n, "user_totp:%ld", user_id);
  return w > 0 && (size_t)w < n ? (size_t)w : 0;
}

/* Seal len bytes of secret for user_id into out (*out_len bytes). */
static int seal(unsigned char *out, size_t *out_len, struct store *st, long user_id,
                const unsigned char *secret, size_t len, struct err *err)
{
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  if (len > STORE_TOTP_SECRET_MAX)
    return err_set(err, ERR_INTERNAL, "khóa xác thực hai bước quá dài");
  int rc = seal_key(key, st, err);
  if (rc)
    return rc;
  char ad[40];
  size_t adn = seal_ad(ad, sizeof ad, user_id);
  out[0] = SEAL_VERSION;
  randombytes_buf(out + 1, SEAL_NONCE);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + SEAL_NONCE, &clen, secret, len,
                                             (const unsigned char *)ad, adn, NULL, out + 1, key);
  sodium_memzero(key, sizeof key);
  *out_len = 1 + SEAL_NONCE + (size_t)clen;
  return ERR_OK;
}

/* Open a stored secret p (n bytes) of user_id into out. A secret stored
 * before sealing (LEGACY_LEN plain bytes) is taken as it is; `pcmt init`
 * seals those (store_totp_seal_legacy). */
static int unseal(struct store_totp *out, struct store *st, long user_id, const unsigned char *p,
                  size_t n, struct err *err)
{
  if (n == LEGACY_LEN) {
    memcpy(out->secret, p, n);
    out->secret_len = n;
    return ERR_OK;
  }
  if (n < 1 + SEAL_NONCE + SEAL_TAG + 1 || n > SEAL_MAX || p[0] != SEAL_VERSION)
    return err_set(err, ERR_DB, "khóa xác thực hai bước trong cơ sở dữ liệu hỏng");
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  int rc = seal_key(key, st, err);
  if (rc)
    return rc;
  char ad[40];
  size_t adn = seal_ad(ad, sizeof ad, user_id);
  unsigned long long mlen = 0;
  int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(out->secret, &mlen, NULL, p + 1 + SEAL_NONCE,
                                                       n - 1 - SEAL_NONCE,
                                                       (const unsigned char *)ad, adn, p + 1, key);
  sodium_memzero(key, sizeof key);
  if (bad) {
    sodium_memzero(out->secret, sizeof out->secret);
    return err_set(err, ERR_DB,
                   "khóa xác thực hai bước của người dùng không mở được bằng tệp khóa: cơ sở dữ "
                   "liệu hoặc tệp khóa đã bị thay");
  }
  out->secret_len = (size_t)mlen;
  return ERR_OK;
}

/* Run a prepared statement that returns no row; its error or ERR_OK. */
static int exec_stmt(struct stmt *s, struct err *err)
{
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  db_finalize(s);
  return r < 0 ? err_copy(err, &e) : ERR_OK;
}

/* Run a statement with RETURNING: *ok 1 when it returned a row. */
static int exec_returning(int *ok, struct stmt *s, struct err *err)
{
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  db_finalize(s);
  *ok = r == 1;
  return r < 0 ? err_copy(err, &e) : ERR_OK;
}

int store_totp_get(struct store_totp *out, struct store *st, long user_id, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT secret, confirmed_at IS NOT NULL, last_step FROM user_totp "
                      "WHERE user_id = ?",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  unsigned char stored[SEAL_MAX];
  size_t n = 0;
  if (r == 1) {
    const void *p = db_col_blob(s, 0, &n);
    if (p && n <= sizeof stored)
      memcpy(stored, p, n);
    else
      n = 0;
    out->confirmed = (int)db_col_int(s, 1);
    out->last_step = (long)db_col_int(s, 2);
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "người dùng chưa có xác thực hai bước");
  return unseal(out, st, user_id, stored, n, err);
}

int store_totp_put(struct store *st, long user_id, const unsigned char *secret, size_t len,
                   long now, struct err *err)
{
  struct stmt *s;
  int rc =
      db_prepare(&s, st, "DELETE FROM user_totp WHERE user_id = ? AND confirmed_at IS NULL", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  if ((rc = exec_stmt(s, err)))
    return rc;
  unsigned char sealed[SEAL_MAX];
  size_t n = 0;
  if ((rc = seal(sealed, &n, st, user_id, secret, len, err)))
    return rc;
  rc = db_prepare(&s, st, "INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)",
                  err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  db_bind_blob(s, 2, sealed, n);
  db_bind_int(s, 3, now);
  return exec_stmt(s, err);
}

int store_totp_seal_legacy(long *sealed, struct store *st, struct err *err)
{
  *sealed = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT user_id, secret FROM user_totp ORDER BY user_id", err);
  if (rc)
    return rc;
  /* collect first: a statement is not stepped while the table changes */
  struct legacy {
    long user_id;
    unsigned char secret[LEGACY_LEN];
  } found[64];
  size_t k = 0;
  int more = 0, r;
  struct err e = {ERR_OK, ""};
  while ((r = db_step(s, &e)) == 1) {
    size_t n = 0;
    const void *p = db_col_blob(s, 1, &n);
    if (!p || n != LEGACY_LEN)
      continue;
    if (k == sizeof found / sizeof found[0]) {
      more = 1;
      break;
    }
    found[k].user_id = (long)db_col_int(s, 0);
    memcpy(found[k++].secret, p, LEGACY_LEN);
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  for (size_t i = 0; i < k && !rc; i++) {
    unsigned char out[SEAL_MAX];
    size_t n = 0;
    rc = seal(out, &n, st, found[i].user_id, found[i].secret, LEGACY_LEN, err);
    if (!rc)
      rc = db_prepare(&s, st, "UPDATE user_totp SET secret = ? WHERE user_id = ?", err);
    if (!rc) {
      db_bind_blob(s, 1, out, n);
      db_bind_int(s, 2, found[i].user_id);
      rc = exec_stmt(s, err);
    }
    if (!rc)
      (*sealed)++;
  }
  sodium_memzero(found, sizeof found);
  /* more than one batch: the rows sealed now no longer match, go again */
  if (!rc && more) {
    long again = 0;
    rc = store_totp_seal_legacy(&again, st, err);
    *sealed += again;
  }
  return rc;
}

int store_totp_confirm(struct store *st, long user_id, long step, long now, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE user_totp SET confirmed_at = ?, last_step = ? WHERE user_id = ? "
                      "AND confirmed_at IS NULL RETURNING user_id",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, now);
  db_bind_int(s, 2, step);
  db_bind_int(s, 3, user_id);
  int ok = 0;
  rc = exec_returning(&ok, s, err);
  if (!rc && !ok)
    rc = err_set(err, ERR_CONFLICT, "xác thực hai bước đã được đăng ký rồi");
  return rc;
}

int store_totp_use_step(int *ok, struct store *st, long user_id, long step, struct err *err)
{
  *ok = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ? "
                      "AND confirmed_at IS NOT NULL RETURNING user_id",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, step);
  db_bind_int(s, 2, user_id);
  db_bind_int(s, 3, step);
  return exec_returning(ok, s, err);
}

int store_recovery_replace(struct store *st, long user_id, const unsigned char (*hashes)[32],
                           size_t n, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "DELETE FROM user_recovery_code WHERE user_id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  if ((rc = exec_stmt(s, err)))
    return rc;
  for (size_t i = 0; i < n && !rc; i++) {
    rc = db_prepare(&s, st, "INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?, ?)",
                    err);
    if (rc)
      return rc;
    db_bind_int(s, 1, user_id);
    db_bind_blob(s, 2, hashes[i], 32);
    rc = exec_stmt(s, err);
  }
  return rc;
}

int store_recovery_use(int *ok, struct store *st, long user_id, const unsigned char *hash, long now,
                       struct err *err)
{
  *ok = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE user_recovery_code SET used_at = ? WHERE id = (SELECT id FROM "
                      "user_recovery_code WHERE user_id = ? AND code_hash = ? AND used_at IS NULL "
                      "LIMIT 1) RETURNING id",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, now);
  db_bind_int(s, 2, user_id);
  db_bind_blob(s, 3, hash, 32);
  return exec_returning(ok, s, err);
}

int store_recovery_left(long *out, struct store *st, long user_id, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(
      &s, st, "SELECT count(*) FROM user_recovery_code WHERE user_id = ? AND used_at IS NULL", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *out = (long)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? err_copy(err, &e) : ERR_OK;
}

int store_mfa_delete(struct store *st, long user_id, struct err *err)
{
  static const char *const sql[] = {"DELETE FROM user_totp WHERE user_id = ?",
                                    "DELETE FROM user_recovery_code WHERE user_id = ?"};
  for (size_t i = 0; i < 2; i++) {
    struct stmt *s;
    int rc = db_prepare(&s, st, sql[i], err);
    if (rc)
      return rc;
    db_bind_int(s, 1, user_id);
    if ((rc = exec_stmt(s, err)))
      return rc;
  }
  return ERR_OK;
}

int store_mfa_user_level(enum scope_role *role, int *level, struct store *st, long user_id,
                         struct err *err)
{
  *role = SCOPE_LEADER;
  *level = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT a.role, COALESCE(u.level, 0) FROM app_user a "
                      "LEFT JOIN unit u ON u.id = a.unit_id WHERE a.id = ?",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1) {
    for (int k = SCOPE_ADMIN; k <= SCOPE_LEADER; k++)
      if (strcmp(db_col_text(s, 0), scope_role_name((enum scope_role)k)) == 0)
        *role = (enum scope_role)k;
    *level = (int)db_col_int(s, 1);
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có người dùng này");
}

int store_mfa_user_id(long *id, struct store *st, const struct scope *sc, const char *login,
                      struct err *err)
{
  *id = 0;
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      sc->unit_id > 0 ? "SELECT id FROM app_user WHERE login = ? AND unit_id IN "
                                        "(SELECT unit_id FROM unit_scope WHERE scope_id = ?)"
                                      : "SELECT id FROM app_user WHERE login = ?",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, login);
  if (sc->unit_id > 0)
    db_bind_int(s, 2, sc->unit_id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\"", login);
}
