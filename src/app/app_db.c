/* app_db.c: creating and upgrading a database (see app_db.h). */
#include "app/app_db.h"

#include <string.h>

#include "app/app_user.h"
#include "domain/person_span.h"
#include "store/store.h"
#include "store/store_people.h"

int app_db_init(struct app_db_init_result *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = store_migrate(st, &out->from, &out->to, err);
  /* people stored before schema 9 get their derived rows once; then the
   * territory closure and the rows derived with it (commune map, every
   * record's province key) are rebuilt when the upgrade made them stale, not
   * by the first request after it (12 s on the national data) */
  if (!rc)
    rc = person_derive_upgrade(st, err);
  if (!rc)
    rc = store_scope_refresh(st, err);
  if (!rc)
    rc = app_user_ensure_admin(&out->admin_created, st, err);
  return rc;
}
