/* store_sessions.c: web sessions and failed sign-ins (see store_sessions.h). */
#include "store/store_sessions.h"

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

int store_session_insert(long *id, struct store *st, const unsigned char *hash, long user_id,
                         const char *stage, long now, struct err *err)
{
  *id = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO web_session (token_hash, user_id, created_at, seen_at, stage) "
                      "VALUES (?, ?, ?, ?, ?) RETURNING id",
                      err);
  if (rc)
    return rc;
  db_bind_blob(s, 1, hash, STORE_SESSION_HASH);
  db_bind_int(s, 2, user_id);
  db_bind_int(s, 3, now);
  db_bind_int(s, 4, now);
  if (stage && *stage)
    db_bind_text(s, 5, stage);
  else
    db_bind_null(s, 5);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi mở phiên đăng nhập");
}

int store_session_get(struct store_session *out, struct store *st, const unsigned char *hash,
                      struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT s.id, s.user_id, a.login, a.disabled_at IS NOT NULL, s.created_at, "
                      "s.seen_at, s.ended_at IS NOT NULL, a.role, COALESCE(s.stage, ''), "
                      "COALESCE(s.purpose, ''), COALESCE((SELECT v.type || ' ' || v.name "
                      "FROM unit_version v WHERE v.unit_id = a.unit_id "
                      "ORDER BY v.valid_from DESC LIMIT 1), '') FROM web_session s "
                      "JOIN app_user a ON a.id = s.user_id WHERE s.token_hash = ?",
                      err);
  if (rc)
    return rc;
  db_bind_blob(s, 1, hash, STORE_SESSION_HASH);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1) {
    out->id = (long)db_col_int(s, 0);
    out->user_id = (long)db_col_int(s, 1);
    snprintf(out->login, sizeof out->login, "%s", db_col_text(s, 2));
    out->disabled = (int)db_col_int(s, 3);
    out->created_at = (long)db_col_int(s, 4);
    out->seen_at = (long)db_col_int(s, 5);
    out->ended = (int)db_col_int(s, 6);
    out->role = SCOPE_LEADER; /* the least a role may, should the text be unknown */
    for (int k = SCOPE_ADMIN; k <= SCOPE_LEADER; k++)
      if (strcmp(db_col_text(s, 7), scope_role_name((enum scope_role)k)) == 0)
        out->role = (enum scope_role)k;
    snprintf(out->stage, sizeof out->stage, "%s", db_col_text(s, 8));
    snprintf(out->purpose, sizeof out->purpose, "%s", db_col_text(s, 9));
    snprintf(out->territory, sizeof out->territory, "%s", db_col_text(s, 10));
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có phiên đăng nhập này");
}

int store_session_set_stage(struct store *st, long id, const char *stage, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE web_session SET stage = ? WHERE id = ?", err);
  if (rc)
    return rc;
  if (stage && *stage)
    db_bind_text(s, 1, stage);
  else
    db_bind_null(s, 1);
  db_bind_int(s, 2, id);
  return exec_stmt(s, err);
}

int store_session_set_purpose(struct store *st, long id, const char *purpose, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE web_session SET purpose = ? WHERE id = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, purpose);
  db_bind_int(s, 2, id);
  return exec_stmt(s, err);
}

int store_session_touch(struct store *st, long id, long now, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE web_session SET seen_at = ? WHERE id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, now);
  db_bind_int(s, 2, id);
  return exec_stmt(s, err);
}

int store_session_end(struct store *st, long id, long now, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE web_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, now);
  db_bind_int(s, 2, id);
  return exec_stmt(s, err);
}

int store_session_end_user(struct store *st, long user_id, long keep, long now, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE web_session SET ended_at = ? WHERE user_id = ? AND id <> ? "
                      "AND ended_at IS NULL",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, now);
  db_bind_int(s, 2, user_id);
  db_bind_int(s, 3, keep);
  return exec_stmt(s, err);
}

int store_signin_failure_add(struct store *st, const char *kind, const char *name, long now,
                             long since, struct err *err)
{
  struct stmt *s;
  int rc =
      db_prepare(&s, st, "DELETE FROM signin_failure WHERE kind = ? AND name = ? AND at < ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, kind);
  db_bind_text(s, 2, name);
  db_bind_int(s, 3, since);
  rc = exec_stmt(s, err);
  if (rc)
    return rc;
  rc = db_prepare(&s, st, "INSERT INTO signin_failure (kind, name, at) VALUES (?, ?, ?)", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, kind);
  db_bind_text(s, 2, name);
  db_bind_int(s, 3, now);
  return exec_stmt(s, err);
}

int store_signin_failure_count(long *out, struct store *st, const char *kind, const char *name,
                               long since, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(
      &s, st, "SELECT count(*) FROM signin_failure WHERE kind = ? AND name = ? AND at >= ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, kind);
  db_bind_text(s, 2, name);
  db_bind_int(s, 3, since);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *out = (long)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? err_copy(err, &e) : ERR_OK;
}

int store_signin_failure_clear(struct store *st, const char *kind, const char *name,
                               struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "DELETE FROM signin_failure WHERE kind = ? AND name = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, kind);
  db_bind_text(s, 2, name);
  return exec_stmt(s, err);
}
