/* types/scope.c: the caller's identity checked and copied; what a role may do. */
#include "types/scope.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "types/label.h"
#include "types/unit.h"

/* Role codes are the label table's (LABEL_ROLE follows enum scope_role). */
const char *scope_role_name(enum scope_role role)
{
  const char *c = label_code_at(LABEL_ROLE, (size_t)role);
  return *c ? c : "?";
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
  const char *code_of_role;
  rc = label_parse(&code_of_role, LABEL_ROLE, role, "vai trò", err);
  if (rc)
    return rc;
  out->role = (enum scope_role)label_index(LABEL_ROLE, code_of_role);
  if (code && *code) {
    const char *t = tree ? tree : ""; /* "": a bare code, resolved with the unit */
    if (*t && strcmp(t, UNIT_TREE_OLD) != 0 && strcmp(t, UNIT_TREE_NEW) != 0)
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
