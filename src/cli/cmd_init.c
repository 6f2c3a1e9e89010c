/* cmd_init.c: `pcmt init` — create or upgrade the database. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "app/app_db.h"
#include "store/store.h"
#include "types/user.h"

static const char init_help[] =
    "usage: pcmt init [--db FILE]\n\n"
    "Create the database FILE (default $PCMT_DB, else pcmt.db) or upgrade it to\n"
    "this version's schema (from schema 8; the people's indicator rows are derived\n"
    "again when a new version changes how a history counts, as schema 14 does;\n"
    "the territories and the rows kept with them are brought up to date).\n"
    "A database written by a newer PCMT is refused. The first init creates the key\n"
    "file FILE.key beside the database (0600: the secret of the audit chain and of\n"
    "the checkpoints in FILE.checkpoints; keep it, and back it up apart) and never\n"
    "overwrites one; on a database that has none it creates it and re-keys the audit\n"
    "chain from row 1, audited (docs/audit.md). It also creates the local\n"
    "administrator \"admin\", who acts for every command run without --as.\n"
    "Load the administrative units next with 'pcmt units import'.\n";

int cmd_init(int argc, char **argv, const struct cli_global *g)
{
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(init_help, stdout);
      return 0;
    }
    fprintf(stderr, "pcmt init: unexpected argument '%s'\n%s", argv[i], init_help);
    return err_exit_status(ERR_INPUT);
  }
  struct err err = {0};
  struct store *st;
  int rc = store_open(&st, g->db_path, &err);
  if (rc)
    return cli_fail(&err);
  cli_note_store(st);
  struct app_db_init_result res;
  rc = app_db_init(&res, st, &err);
  store_close(st);
  if (res.to) {
    /* the schema is what it says, whatever step failed after the migration */
    if (res.from == res.to)
      printf("%s: schema already at version %d\n", g->db_path, res.to);
    else if (res.from == 0)
      printf("%s: created, schema version %d\n", g->db_path, res.to);
    else
      printf("%s: upgraded from schema version %d to %d\n", g->db_path, res.from, res.to);
  }
  if (rc)
    return cli_fail(&err);
  if (res.key_created)
    printf("%s: key file %s.key created; %ld audit rows re-keyed, %ld person rows digested "
           "(docs/audit.md)\n",
           g->db_path, g->db_path, res.rekeyed_rows, res.digested_people);
  if (res.sealed_secrets)
    printf("%s: %ld second-factor secrets sealed with the key file (docs/web.md)\n", g->db_path,
           res.sealed_secrets);
  if (res.admin_created)
    printf("%s: local administrator \"%s\" created (acts when --as is not given)\n", g->db_path,
           USER_LOCAL_ADMIN);
  return 0;
}
