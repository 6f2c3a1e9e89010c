/* store_tokens.c: the API's bearer tokens (see store_tokens.h). */
#include "store/store_tokens.h"

#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "types/label.h"

/* The territory condition on the token's user a, bound at ?1 when the
 * caller is not national. */
#define IN_SCOPE "a.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?1)"

static int check_scope(const struct scope *sc, struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  return ERR_OK;
}

int store_token_insert(long *id, long *user_id, struct store *st, const struct scope *sc,
                       const char *login, const unsigned char *hash, const char *name,
                       long created_at, long expires_at, struct err *err)
{
  *id = 0;
  *user_id = 0;
  int rc = check_scope(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  sc->unit_id > 0 ? "SELECT a.id FROM app_user a WHERE a.login = ?2 AND " IN_SCOPE
                                  : "SELECT a.id FROM app_user a WHERE a.login = ?2",
                  err);
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  db_bind_text(s, 2, login);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *user_id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\"", login);

  rc = db_prepare(&s, st,
                  "INSERT INTO api_token (token_hash, user_id, name, created_at, created_by, "
                  "expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                  err);
  if (rc)
    return rc;
  db_bind_blob(s, 1, hash, STORE_TOKEN_HASH);
  db_bind_int(s, 2, *user_id);
  db_bind_text(s, 3, name ? name : "");
  db_bind_int(s, 4, created_at);
  db_bind_text(s, 5, sc->user);
  if (expires_at)
    db_bind_int(s, 6, expires_at);
  else
    db_bind_null(s, 6);
  r = db_step(s, &e);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi tạo mã truy cập");
}

int store_token_list(struct token_list *out, struct store *st, const struct scope *sc,
                     struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_scope(sc, err);
  if (rc)
    return rc;
#define LIST_COLS                                                                                  \
  "SELECT t.id, a.login, t.name, t.created_at, t.created_by, coalesce(t.expires_at, 0), "          \
  "coalesce(t.revoked_at, 0) FROM api_token t JOIN app_user a ON a.id = t.user_id "
  struct stmt *s;
  rc = db_prepare(&s, st,
                  sc->unit_id > 0 ? LIST_COLS "WHERE " IN_SCOPE " ORDER BY t.id DESC"
                                  : LIST_COLS "ORDER BY t.id DESC",
                  err);
#undef LIST_COLS
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  size_t cap = 0;
  struct err e = {ERR_OK, ""};
  int r;
  while ((r = db_step(s, &e)) == 1) {
    if (out->n == cap) {
      struct token *p = array_grow(out->items, &cap, out->n + 1, sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    struct token *t = &out->items[out->n++];
    memset(t, 0, sizeof *t);
    t->id = (long)db_col_int(s, 0);
    snprintf(t->login, sizeof t->login, "%s", db_col_text(s, 1));
    snprintf(t->name, sizeof t->name, "%s", db_col_text(s, 2));
    t->created_at = (long)db_col_int(s, 3);
    snprintf(t->created_by, sizeof t->created_by, "%s", db_col_text(s, 4));
    t->expires_at = (long)db_col_int(s, 5);
    t->revoked_at = (long)db_col_int(s, 6);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = err_copy(err, &e);
  if (rc)
    token_list_free(out);
  return rc;
}

int store_token_revoke(long *user_id, struct store *st, const struct scope *sc, long id, long now,
                       struct err *err)
{
  *user_id = 0;
  int rc = check_scope(sc, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  sc->unit_id > 0
                      ? "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?3 "
                        "AND user_id IN (SELECT a.id FROM app_user a WHERE " IN_SCOPE
                        ") RETURNING user_id"
                      : "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?3 "
                        "RETURNING user_id",
                  err);
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  db_bind_int(s, 2, now);
  db_bind_int(s, 3, id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *user_id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có mã truy cập số %ld", id);
}

int store_token_get(struct store_token_use *out, struct store *st, const unsigned char *hash,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT t.id, t.user_id, a.login, a.role, a.disabled_at IS NOT NULL, "
                      "coalesce(t.expires_at, 0), coalesce(t.revoked_at, 0) FROM api_token t "
                      "JOIN app_user a ON a.id = t.user_id WHERE t.token_hash = ?",
                      err);
  if (rc)
    return rc;
  db_bind_blob(s, 1, hash, STORE_TOKEN_HASH);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1) {
    out->id = (long)db_col_int(s, 0);
    out->user_id = (long)db_col_int(s, 1);
    snprintf(out->login, sizeof out->login, "%s", db_col_text(s, 2));
    int k = label_index(LABEL_ROLE, db_col_text(s, 3));
    out->role = k >= 0 ? (enum scope_role)k : SCOPE_LEADER; /* the least a role may */
    out->disabled = (int)db_col_int(s, 4);
    out->expires_at = (long)db_col_int(s, 5);
    out->revoked_at = (long)db_col_int(s, 6);
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_NOT_FOUND, "không có mã truy cập này");
}
