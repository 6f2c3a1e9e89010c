/* app_db.h: creating and upgrading a database (`pcmt init`). */
#ifndef PCMT_APP_APP_DB_H
#define PCMT_APP_APP_DB_H

#include "base/err.h"

struct store;

struct app_db_init_result {
  int from, to;         /* schema versions before and after */
  int admin_created;    /* the local administrator was created now */
  int key_created;      /* FILE.key was created now for a database that had rows (upgrade) */
  long rekeyed_rows;    /* audit rows re-keyed with it */
  long digested_people; /* person rows given their keyed digest */
  long sealed_secrets;  /* TOTP secrets stored plain, sealed now */
};

/* Bring the database open in `st` to this version's schema, create its key
 * file when it has none (re-keying an older chain and digesting the person
 * rows, audited as audit.key; docs/audit.md), seal the TOTP secrets stored plain
 * (mfa.seal), derive what an upgrade left stale (the people's
 * indicator rows, the territory closure) and make sure the local administrator exists. Each step is
 * its own transaction and is done again by the next call if it fails; the schema stays at the
 * version reached. ERR_VERSION for a database of a newer PCMT. */
int app_db_init(struct app_db_init_result *out, struct store *st, struct err *err);

#endif
