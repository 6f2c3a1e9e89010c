/* app_caller.c: who is acting — a user of the database, as a resolved scope. */
#include "app/app.h"

#include <string.h>

#include "domain/scope.h"
#include "store/store_users.h"
#include "types/user.h"

int app_caller_open(struct scope *out, struct store *st, const char *login, const char *purpose,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  out->unit_id = -1;
  if (!login || !*login)
    login = USER_LOCAL_ADMIN;
  if (!purpose || !*purpose)
    purpose = "quản trị";
  struct user u;
  struct err e = {ERR_OK, ""};
  int rc = store_user_get(&u, st, login, &e);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_DENIED,
                   "\"%s\" không phải người dùng của cơ sở dữ liệu này; người quản trị thêm "
                   "bằng 'pcmt user add'",
                   login);
  if (rc)
    return err_copy(err, &e);
  if (u.disabled_at[0])
    return err_set(err, ERR_DENIED, "người dùng \"%s\" đã bị khóa từ %s", login, u.disabled_at);
  rc = scope_init(out, u.login, scope_role_name(u.role), u.unit_tree, u.unit_code, purpose, err);
  if (!rc)
    rc = scope_resolve(out, st, err);
  return rc;
}

int app_caller_narrow(struct scope *out, struct store *st, const struct scope *caller,
                      const char *tree, const char *code, struct err *err)
{
  return scope_narrow(out, caller, st, tree, code, err);
}
