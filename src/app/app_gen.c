/* app_gen.c: the generator as an administrator's action (see app_gen.h). */
#include "app/app_gen.h"

#include <string.h>

#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"

/* ERR_DENIED unless the caller's territory holds the province `o` names.
 * A code that names no province is left to gen_run, which says why. */
static int check_territory(struct store *st, const struct scope *caller,
                           const struct gen_options *o, struct err *err)
{
  if (caller->unit_id == 0)
    return ERR_OK;
  if (o->scale == GEN_NATIONAL)
    return err_set(err, ERR_DENIED,
                   "người quản trị của một địa bàn không sinh dữ liệu toàn quốc; chọn --scale "
                   "province với một tỉnh trong địa bàn");
  struct unit u;
  if (unit_resolve(&u, st, o->tree, o->province, o->today, NULL) != ERR_OK)
    return ERR_OK;
  int in = 0;
  int rc = store_scope_covers(&in, st, caller->unit_id, u.id, err);
  if (rc)
    return rc;
  if (!in) {
    char label[256];
    return err_set(err, ERR_DENIED, "%s nằm ngoài địa bàn của người dùng \"%s\"",
                   unit_label(label, sizeof label, &u), caller->user);
  }
  return ERR_OK;
}

int app_gen_run(struct gen_result *out, struct store *st, const struct scope *caller,
                const struct gen_options *o, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ người quản trị được sinh dữ liệu thử nghiệm");
  int rc = check_territory(st, caller, o, err);
  if (!rc)
    rc = gen_prepare(st, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = gen_run(out, st, caller, o, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}
