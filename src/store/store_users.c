/* store_users.c: the users of the database (see store_users.h). */
#include "store/store_users.h"

#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "types/label.h"

/* The columns of a user, with the unit's latest name, from app_user a LEFT
 * JOIN unit u. */
#define USER_COLS                                                                                  \
  "a.id, a.login, a.full_name, a.role, coalesce(u.tree, ''), coalesce(u.code, ''), "               \
  "coalesce((SELECT v.type || ' ' || v.name FROM unit_version v WHERE v.unit_id = u.id "           \
  "ORDER BY v.valid_from DESC LIMIT 1), ''), a.agency_kind, coalesce(a.disabled_at, ''), "         \
  "a.created_at, a.created_by, EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = a.id AND "      \
  "t.confirmed_at IS NOT NULL) FROM app_user a LEFT JOIN unit u ON u.id = a.unit_id"

static void copy(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src);
}

static void read_user(struct user *u, struct stmt *s)
{
  memset(u, 0, sizeof *u);
  u->id = (long)db_col_int(s, 0);
  copy(u->login, sizeof u->login, db_col_text(s, 1));
  copy(u->full_name, sizeof u->full_name, db_col_text(s, 2));
  int r = label_index(LABEL_ROLE, db_col_text(s, 3));
  u->role = r >= 0 ? (enum scope_role)r : SCOPE_LEADER; /* the CHECK allows no other */
  copy(u->unit_tree, sizeof u->unit_tree, db_col_text(s, 4));
  copy(u->unit_code, sizeof u->unit_code, db_col_text(s, 5));
  copy(u->unit_name, sizeof u->unit_name, db_col_text(s, 6));
  copy(u->agency_kind, sizeof u->agency_kind, db_col_text(s, 7));
  copy(u->disabled_at, sizeof u->disabled_at, db_col_text(s, 8));
  copy(u->created_at, sizeof u->created_at, db_col_text(s, 9));
  copy(u->created_by, sizeof u->created_by, db_col_text(s, 10));
  u->mfa = db_col_int(s, 11) != 0;
}

int store_user_insert(long *id, struct store *st, const struct user *u, struct err *err)
{
  *id = 0;
  long long unit_id = 0;
  int rc;
  if (u->unit_code[0]) {
    struct stmt *q;
    rc = db_prepare(&q, st, "SELECT id FROM unit WHERE tree = ? AND code = ?", err);
    if (rc)
      return rc;
    db_bind_text(q, 1, u->unit_tree);
    db_bind_text(q, 2, u->unit_code);
    struct err e = {ERR_OK, ""};
    int r = db_step(q, &e);
    if (r == 1)
      unit_id = db_col_int(q, 0);
    db_finalize(q);
    if (r < 0)
      return err_copy(err, &e);
    if (r == 0)
      return err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s)", u->unit_code,
                     u->unit_tree);
  }
  struct stmt *s;
  rc = db_prepare(&s, st,
                  "INSERT INTO app_user (login, full_name, role, unit_id, agency_kind, created_at, "
                  "created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  err);
  if (rc)
    return rc;
  db_bind_text(s, 1, u->login);
  db_bind_text(s, 2, u->full_name);
  db_bind_text(s, 3, scope_role_name(u->role));
  if (unit_id)
    db_bind_int(s, 4, unit_id);
  else
    db_bind_null(s, 4);
  db_bind_text(s, 5, u->agency_kind);
  db_bind_text(s, 6, u->created_at);
  db_bind_text(s, 7, u->created_by);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0 && e.code == ERR_CONFLICT)
    return err_set(err, ERR_CONFLICT, "đã có người dùng \"%s\"", u->login);
  if (r < 0)
    return err_copy(err, &e);
  return r == 1 ? ERR_OK : err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi thêm người dùng");
}

int store_user_get(struct user *out, struct store *st, const char *login, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT " USER_COLS " WHERE a.login = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, login);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    read_user(out, s);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\" trong cơ sở dữ liệu", login);
  return ERR_OK;
}

int store_user_list(struct user_list *out, struct store *st, const struct scope *sc,
                    struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      sc->unit_id > 0 ? "SELECT " USER_COLS " WHERE a.unit_id IN (SELECT unit_id "
                                        "FROM unit_scope WHERE scope_id = ?) ORDER BY a.login"
                                      : "SELECT " USER_COLS " ORDER BY a.login",
                      err);
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  size_t cap = 0;
  struct err e = {ERR_OK, ""};
  int r;
  while ((r = db_step(s, &e)) == 1) {
    if (out->n == cap) {
      struct user *p = array_grow(out->items, &cap, out->n + 1, sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    read_user(&out->items[out->n++], s);
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = err_copy(err, &e);
  if (rc)
    user_list_free(out);
  return rc;
}

int store_user_disable(struct store *st, const struct scope *sc, const char *login, const char *at,
                       struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      sc->unit_id > 0
                          ? "UPDATE app_user SET disabled_at = ? WHERE login = ? AND unit_id IN "
                            "(SELECT unit_id FROM unit_scope WHERE scope_id = ?)"
                          : "UPDATE app_user SET disabled_at = ? WHERE login = ?",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, at);
  db_bind_text(s, 2, login);
  if (sc->unit_id > 0)
    db_bind_int(s, 3, sc->unit_id);
  struct err e = {ERR_OK, ""};
  if (db_step(s, &e) < 0)
    rc = err_copy(err, &e);
  db_finalize(s);
  if (!rc && db_changes(st) == 0)
    rc = err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\"", login);
  return rc;
}

int store_user_set_password(long *id, struct store *st, const struct scope *sc, const char *login,
                            const char *hash, struct err *err)
{
  *id = 0;
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      sc->unit_id > 0
                          ? "UPDATE app_user SET password_hash = ? WHERE login = ? AND unit_id IN "
                            "(SELECT unit_id FROM unit_scope WHERE scope_id = ?) RETURNING id"
                          : "UPDATE app_user SET password_hash = ? WHERE login = ? RETURNING id",
                      err);
  if (rc)
    return rc;
  if (hash)
    db_bind_text(s, 1, hash);
  else
    db_bind_null(s, 1);
  db_bind_text(s, 2, login);
  if (sc->unit_id > 0)
    db_bind_int(s, 3, sc->unit_id);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\"", login);
  return ERR_OK;
}

int store_user_credentials(long *id, int *disabled, char *hash, size_t n, struct store *st,
                           const char *login, struct err *err)
{
  *id = 0;
  *disabled = 0;
  if (n)
    hash[0] = '\0';
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT id, disabled_at IS NOT NULL, coalesce(password_hash, '') "
                      "FROM app_user WHERE login = ?",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, login);
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r == 1) {
    *id = (long)db_col_int(s, 0);
    *disabled = (int)db_col_int(s, 1);
    copy(hash, n, db_col_text(s, 2));
  }
  db_finalize(s);
  if (r < 0)
    return err_copy(err, &e);
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có người dùng \"%s\"", login);
  return ERR_OK;
}
