/* scope.c: the caller's identity and territory, checked and resolved. */
#include "domain/scope.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "domain/unit.h"
#include "store/store_people.h"

/* The unit sc names (a bare code as of today) into sc->unit, sc->tree and
 * sc->unit_id. */
static int take_unit(struct scope *sc, struct store *st, struct err *err)
{
  struct unit u;
  int rc = unit_resolve(&u, st, sc->tree, sc->code, NULL, err);
  if (rc)
    return rc;
  sc->unit = u;
  snprintf(sc->tree, sizeof sc->tree, "%s", u.tree);
  sc->unit_id = u.id;
  return ERR_OK;
}

int scope_resolve(struct scope *sc, struct store *st, struct err *err)
{
  int rc = store_scope_refresh(st, err);
  if (rc)
    return rc;
  if (!sc->code[0]) {
    sc->unit_id = 0;
    return ERR_OK;
  }
  return take_unit(sc, st, err);
}

int scope_narrow(struct scope *out, const struct scope *sc, struct store *st, const char *tree,
                 const char *code, struct err *err)
{
  if (sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  const char *role = scope_role_name(sc->role);
  int rc = scope_init(out, sc->user, role, tree, code, sc->purpose, err);
  if (rc)
    return rc;
  rc = take_unit(out, st, err);
  if (rc)
    return rc;
  int inside = 1;
  if (sc->unit_id > 0) {
    rc = store_scope_covers(&inside, st, sc->unit_id, out->unit_id, err);
    if (rc)
      return rc;
  }
  if (!inside) {
    out->unit_id = -1;
    return err_set(err, ERR_DENIED, "đơn vị %s (hệ %s) nằm ngoài địa bàn của %s", out->code,
                   out->tree, sc->user);
  }
  return ERR_OK;
}
