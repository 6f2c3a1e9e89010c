/* types/scope.c: the caller's identity checked and copied; what a role may do. */
#include "types/scope.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "types/unit.h"

static const char *const role_names[] = {"admin", "officer", "agency", "leader"};

const char *scope_role_name(enum scope_role role)
{
  return (unsigned)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "?";
}

static int copy_checked(char *dst, size_t n, const char *src, const char *what, struct err *err)
{
  if (!src || !*src)
    return err_set(err, ERR_INPUT, "thiếu %s của người truy cập", what);
  size_t len = strlen(src);
  if (len >= n)
    return err_set(err, ERR_INPUT, "%s quá dài (tối đa %zu byte)", what, n - 1);
  if (!text_utf8_valid(src, len))
    return err_set(err, ERR_INPUT, "%s không phải văn bản UTF-8 hợp lệ", what);
  memcpy(dst, src, len + 1);
  return ERR_OK;
}

int scope_init(struct scope *out, const char *user, const char *role, const char *tree,
               const char *code, const char *purpose, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->unit_id = -1;
  int rc = copy_checked(out->user, sizeof out->user, user, "tên người dùng", err);
  if (!rc)
    rc = copy_checked(out->purpose, sizeof out->purpose, purpose, "mục đích truy cập", err);
  if (rc)
    return rc;
  size_t r = 0;
  for (; r < sizeof role_names / sizeof role_names[0]; r++)
    if (role && strcmp(role, role_names[r]) == 0)
      break;
  if (r == sizeof role_names / sizeof role_names[0])
    return err_set(err, ERR_INPUT, "vai trò \"%s\" không hợp lệ (admin, officer, agency, leader)",
                   role ? role : "");
  out->role = (enum scope_role)r;
  if (code && *code) {
    const char *t = tree && *tree ? tree : UNIT_TREE_NEW;
    if (strcmp(t, UNIT_TREE_OLD) != 0 && strcmp(t, UNIT_TREE_NEW) != 0)
      return err_set(err, ERR_INPUT, "hệ đơn vị \"%s\" không hợp lệ (%s hoặc %s)", t, UNIT_TREE_OLD,
                     UNIT_TREE_NEW);
    if (strlen(code) >= sizeof out->code)
      return err_set(err, ERR_INPUT, "mã đơn vị \"%s\" quá dài", code);
    for (const char *c = code; *c; c++)
      if (*c < '0' || *c > '9')
        return err_set(err, ERR_INPUT, "mã đơn vị \"%s\" chỉ gồm chữ số", code);
    snprintf(out->tree, sizeof out->tree, "%s", t);
    snprintf(out->code, sizeof out->code, "%s", code);
  } else if (tree && *tree) {
    return err_set(err, ERR_INPUT, "có hệ đơn vị mà thiếu mã đơn vị");
  }
  return ERR_OK;
}

int scope_may_read_people(const struct scope *sc)
{
  return sc->role == SCOPE_ADMIN || sc->role == SCOPE_OFFICER;
}

int scope_may_write_people(const struct scope *sc)
{
  return sc->role == SCOPE_ADMIN || sc->role == SCOPE_OFFICER;
}

void scope_describe(char *buf, size_t n, const struct scope *sc)
{
  if (sc->code[0])
    snprintf(buf, n, "%s:%s", sc->tree, sc->code);
  else
    snprintf(buf, n, "national");
}
