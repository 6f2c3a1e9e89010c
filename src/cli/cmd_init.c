/* cmd_init.c: `pcmt init` — create or upgrade the database. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/person_span.h"
#include "store/store.h"
#include "store/store_people.h"

static const char init_help[] =
    "usage: pcmt init [--db FILE]\n\n"
    "Create the database FILE (default $PCMT_DB, else pcmt.db) or upgrade it to\n"
    "this version's schema (from schema 8; the people's indicator rows are derived\n"
    "again when a new version changes how a history counts, as schema 14 does;\n"
    "the territories and the rows kept with them are brought up to date).\n"
    "A database written by a newer PCMT is refused.\n"
    "Load the administrative units next with 'pcmt units import'.\n";

int cmd_init(int argc, char **argv, const struct cli_global *g)
{
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(init_help, stdout);
      return 0;
    }
    fprintf(stderr, "pcmt init: unexpected argument '%s'\n%s", argv[i], init_help);
    return 2;
  }
  struct err err = {0};
  struct store *st;
  int rc = store_open(&st, g->db_path, &err);
  if (rc)
    return cli_fail(&err);
  int from = 0, to = 0;
  rc = store_migrate(st, &from, &to, &err);
  if (rc) {
    store_close(st);
    return cli_fail(&err);
  }
  /* the schema is what it says from here, whatever follows */
  if (from == to)
    printf("%s: schema already at version %d\n", g->db_path, to);
  else if (from == 0)
    printf("%s: created, schema version %d\n", g->db_path, to);
  else
    printf("%s: upgraded from schema version %d to %d\n", g->db_path, from, to);
  fflush(stdout);
  /* people stored before schema 9 get their derived rows once; then the
   * territory closure and the rows derived with it (commune map, every
   * record's province key) are rebuilt when the upgrade made them stale, not
   * by the first request after it (12 s on the national data). Each is done
   * again by the next `pcmt init` if it fails here. */
  rc = person_derive_upgrade(st, &err);
  if (!rc)
    rc = store_scope_refresh(st, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  return 0;
}
