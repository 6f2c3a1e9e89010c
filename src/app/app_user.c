/* app_user.c: adding, listing and disabling users (see app_user.h). */
#include "app/app_user.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/password.h"
#include "domain/scope.h"
#include "store/store.h"
#include "store/store_sessions.h"
#include "store/store_users.h"
#include "types/label.h"

static int check_admin(const struct scope *caller, struct err *err)
{
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ người quản trị được quản lý người dùng");
  return ERR_OK;
}

static int check_login(const char *login, struct err *err)
{
  size_t n = login ? strlen(login) : 0;
  if (n < 2 || n >= SCOPE_USER_MAX)
    return err_set(err, ERR_INPUT, "tên đăng nhập phải dài từ 2 đến %d ký tự", SCOPE_USER_MAX - 1);
  for (size_t i = 0; i < n; i++) {
    char c = login[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return err_set(err, ERR_INPUT,
                     "tên đăng nhập \"%s\" chỉ được gồm chữ cái không dấu, chữ số và . _ -", login);
  }
  return ERR_OK;
}

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int app_user_add(long *id, struct store *st, const struct scope *caller,
                 const struct app_user_new *in, struct err *err)
{
  return app_user_add_password(id, st, caller, in, NULL, err);
}

int app_user_add_password(long *id, struct store *st, const struct scope *caller,
                          const struct app_user_new *in, const char *password, struct err *err)
{
  enum app_user_field field;
  return app_user_add_field(id, &field, st, caller, in, password, err);
}

/* Each check sets *field before it can fail, so a failure names its input. */
int app_user_add_field(long *id, enum app_user_field *field, struct store *st,
                       const struct scope *caller, const struct app_user_new *in,
                       const char *password, struct err *err)
{
  *id = 0;
  *field = APP_USER_FIELD_NONE;
  int rc = check_admin(caller, err);
  if (rc)
    return rc;
  *field = APP_USER_FIELD_LOGIN;
  rc = check_login(in->login, err);
  if (rc)
    return rc;
  struct user u;
  memset(&u, 0, sizeof u);
  snprintf(u.login, sizeof u.login, "%s", in->login);
  const char *name = in->full_name ? in->full_name : "";
  *field = APP_USER_FIELD_NAME;
  if (strlen(name) >= sizeof u.full_name || !text_utf8_valid(name, strlen(name)))
    return err_set(err, ERR_INPUT, "họ tên người dùng quá dài hoặc không phải UTF-8 hợp lệ");
  snprintf(u.full_name, sizeof u.full_name, "%s", name);
  const char *role;
  *field = APP_USER_FIELD_ROLE;
  rc = label_parse(&role, LABEL_ROLE, in->role, "vai trò", err);
  if (rc)
    return rc;
  u.role = (enum scope_role)label_index(LABEL_ROLE, role);
  *field = APP_USER_FIELD_AGENCY;
  if (in->agency_kind && *in->agency_kind) {
    const char *kind;
    rc = label_parse(&kind, LABEL_AGENCY_KIND, in->agency_kind, "loại cơ quan", err);
    if (rc)
      return rc;
    snprintf(u.agency_kind, sizeof u.agency_kind, "%s", kind);
  }
  if (u.role == SCOPE_AGENCY && !u.agency_kind[0])
    return err_set(err, ERR_INPUT, "người dùng của cơ quan thành viên cần --agency (loại cơ quan)");
  if (u.role != SCOPE_AGENCY && u.agency_kind[0])
    return err_set(err, ERR_INPUT, "chỉ người dùng vai trò agency mới gắn với một cơ quan");
  /* the new user's territory must lie inside the caller's */
  struct scope inside;
  *field = APP_USER_FIELD_UNIT;
  if (in->unit_code && *in->unit_code) {
    rc = scope_narrow(&inside, caller, st, in->unit_tree, in->unit_code, err);
    if (rc)
      return rc;
    snprintf(u.unit_tree, sizeof u.unit_tree, "%s", inside.tree);
    snprintf(u.unit_code, sizeof u.unit_code, "%s", inside.code);
  } else if (caller->unit_id > 0) {
    return err_set(err, ERR_DENIED,
                   "người quản trị của một địa bàn không tạo được người dùng "
                   "toàn quốc");
  }
  /* hashed before the write transaction: argon2id takes its time */
  char hash[PASSWORD_HASH_MAX] = "";
  *field = APP_USER_FIELD_PASSWORD;
  if (password && *password) {
    rc = password_check(password, u.login, err);
    if (!rc)
      rc = password_hash(hash, password, err);
    if (rc)
      return rc;
  }
  date_now_utc(u.created_at, sizeof u.created_at);
  snprintf(u.created_by, sizeof u.created_by, "%s", caller->user);
  *field = APP_USER_FIELD_NONE;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_user_insert(id, st, &u, err);
  if (rc == ERR_CONFLICT)
    *field = APP_USER_FIELD_LOGIN;
  long same;
  if (!rc && hash[0])
    rc = store_user_set_password(&same, st, caller, u.login, hash, err);
  if (!rc) {
    char detail[200];
    snprintf(detail, sizeof detail, "thêm người dùng %s, vai trò %s, địa bàn %s%s%s", u.login, role,
             u.unit_code[0] ? u.unit_tree : "toàn quốc", u.unit_code[0] ? ":" : "", u.unit_code);
    rc = audit_record(st, caller, "user.create", "user", *id, detail, err);
  }
  return finish(st, rc, err);
}

int app_user_set_password(struct store *st, const struct scope *caller, const char *login,
                          const char *password, long keep, long now, struct err *err)
{
  int self = login && strcmp(login, caller->user) == 0;
  int rc = self ? ERR_OK : check_admin(caller, err);
  if (!rc)
    rc = password_check(password, login, err);
  char hash[PASSWORD_HASH_MAX];
  if (!rc)
    rc = password_hash(hash, password, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long id = 0;
  rc = store_user_set_password(&id, st, caller, login, hash, err);
  if (!rc)
    rc = store_session_end_user(st, id, keep, now, err);
  if (!rc) {
    char detail[120];
    snprintf(detail, sizeof detail, "đặt mật khẩu mới cho %s; các phiên đăng nhập khác kết thúc",
             login);
    rc = audit_record(st, caller, "user.password", "user", id, detail, err);
  }
  return finish(st, rc, err);
}

int app_user_list(struct user_list *out, struct store *st, const struct scope *caller,
                  struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_admin(caller, err);
  return rc ? rc : store_user_list(out, st, caller, err);
}

int app_user_disable(struct store *st, const struct scope *caller, const char *login, int disabled,
                     struct err *err)
{
  int rc = check_admin(caller, err);
  if (rc)
    return rc;
  if (disabled && login && strcmp(login, caller->user) == 0)
    return err_set(err, ERR_INPUT, "không tự khóa tài khoản của chính mình");
  char at[24];
  date_now_utc(at, sizeof at);
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_user_disable(st, caller, login, disabled ? at : NULL, err);
  if (!rc) {
    char detail[120];
    snprintf(detail, sizeof detail, "%s người dùng %s", disabled ? "khóa" : "mở khóa", login);
    rc =
        audit_record(st, caller, disabled ? "user.disable" : "user.enable", "user", 0, detail, err);
  }
  return finish(st, rc, err);
}

int app_user_ensure_admin(int *created, struct store *st, struct err *err)
{
  *created = 0;
  struct user u;
  struct err e = {ERR_OK, ""};
  int rc = store_user_get(&u, st, USER_LOCAL_ADMIN, &e);
  if (rc != ERR_NOT_FOUND)
    return rc ? err_copy(err, &e) : ERR_OK;
  memset(&u, 0, sizeof u);
  snprintf(u.login, sizeof u.login, "%s", USER_LOCAL_ADMIN);
  snprintf(u.full_name, sizeof u.full_name, "Quản trị viên trên máy này");
  u.role = SCOPE_ADMIN;
  date_now_utc(u.created_at, sizeof u.created_at);
  snprintf(u.created_by, sizeof u.created_by, "%s", USER_LOCAL_ADMIN);
  struct scope self;
  rc = scope_init(&self, USER_LOCAL_ADMIN, "admin", NULL, NULL, "khởi tạo cơ sở dữ liệu", err);
  if (rc)
    return rc;
  self.unit_id = 0;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long id;
  rc = store_user_insert(&id, st, &u, err);
  if (!rc)
    rc = audit_record(st, &self, "user.create", "user", id,
                      "pcmt init tạo người quản trị trên máy này", err);
  rc = finish(st, rc, err);
  if (!rc)
    *created = 1;
  return rc;
}
