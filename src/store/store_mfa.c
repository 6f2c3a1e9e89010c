/* store_mfa.c: the second factor's rows (see store_mfa.h). */
#include "store/store_mfa.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"

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
  if (r == 1) {
    size_t n = 0;
    const void *p = db_col_blob(s, 0, &n);
    if (p && n <= sizeof out->secret) {
      memcpy(out->secret, p, n);
      out->secret_len = n;
    }
    out->confirmed = (int)db_col_int(s, 1);
    out->last_step = (long)db_col_int(s, 2);
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "người dùng chưa có xác thực hai bước");
  return out->secret_len ? ERR_OK
                         : err_set(err, ERR_DB, "khóa xác thực hai bước trong cơ sở dữ liệu hỏng");
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
  rc = db_prepare(&s, st, "INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)",
                  err);
  if (rc)
    return rc;
  db_bind_int(s, 1, user_id);
  db_bind_blob(s, 2, secret, len);
  db_bind_int(s, 3, now);
  return exec_stmt(s, err);
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
