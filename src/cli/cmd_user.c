/* cmd_user.c: `pcmt user` — the users of the database: add, list, disable, enable. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_user.h"
#include "cli/cli.h"
#include "store/store.h"
#include "types/label.h"

static const char user_help[] =
    "usage: pcmt user add LOGIN --role ROLE [--unit CODE [--tree T]] [--agency KIND]\n"
    "                      [--name \"FULL NAME\"]\n"
    "       pcmt user list [--json]\n"
    "       pcmt user disable LOGIN | enable LOGIN\n\n"
    "Every command acts as --as LOGIN (default $PCMT_USER, else the local administrator\n"
    "\"admin\" that pcmt init creates); only an administrator manages users, inside its own\n"
    "territory. ROLE: admin, officer (standing office), agency (member agency: give --agency\n"
    "with its kind, e.g. health), leader (aggregates only), or their Vietnamese labels. --unit:\n"
    "the user's territory (a unit code of today's tree unless --tree pre2025); none = national.\n";

int cmd_user(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(user_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const char *sub = argv[1], *pos = NULL, *as = NULL, *role = NULL, *unit = NULL, *tree = NULL;
  const char *agency = NULL, *name = NULL;
  int json = 0;
  for (int i = 2; i < argc; i++) {
    const char **target = NULL;
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
      continue;
    }
    if (strcmp(argv[i], "--as") == 0)
      target = &as;
    else if (strcmp(argv[i], "--role") == 0)
      target = &role;
    else if (strcmp(argv[i], "--unit") == 0)
      target = &unit;
    else if (strcmp(argv[i], "--tree") == 0)
      target = &tree;
    else if (strcmp(argv[i], "--agency") == 0)
      target = &agency;
    else if (strcmp(argv[i], "--name") == 0)
      target = &name;
    if (target && i + 1 < argc) {
      *target = argv[++i];
    } else if (target || argv[i][0] == '-' || pos) {
      fprintf(stderr, "pcmt user: unexpected argument '%s'\n%s", argv[i], user_help);
      return 2;
    } else {
      pos = argv[i];
    }
  }
  int is_add = strcmp(sub, "add") == 0, is_list = strcmp(sub, "list") == 0;
  int is_disable = strcmp(sub, "disable") == 0, is_enable = strcmp(sub, "enable") == 0;
  if (!(is_add || is_list || is_disable || is_enable) || (is_list ? pos != NULL : pos == NULL) ||
      (is_add && !role)) {
    fputs(user_help, stderr);
    return 2;
  }
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int rc = cli_caller(&caller, st, as, "quản lý người dùng", &err);
  if (!rc && is_add) {
    struct app_user_new in = {pos, name, role, tree, unit, agency};
    long id;
    rc = app_user_add(&id, st, &caller, &in, &err);
    if (!rc)
      printf("%ld\n", id);
  } else if (!rc && is_list) {
    struct user_list l;
    rc = app_user_list(&l, st, &caller, &err);
    if (!rc && json) {
      json_t *a = json_array();
      for (size_t i = 0; i < l.n; i++) {
        const struct user *u = &l.items[i];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:b}",
                                           "id", (json_int_t)u->id, "login", u->login, "full_name",
                                           u->full_name, "role", scope_role_name(u->role),
                                           "unit_tree", u->unit_code[0] ? u->unit_tree : NULL,
                                           "unit_code", u->unit_code[0] ? u->unit_code : NULL,
                                           "unit_name", u->unit_code[0] ? u->unit_name : NULL,
                                           "agency_kind", u->agency_kind[0] ? u->agency_kind : NULL,
                                           "disabled", u->disabled_at[0] != 0));
      }
      char *s = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
      if (s)
        puts(s);
      free(s);
      json_decref(a);
    } else if (!rc) {
      for (size_t i = 0; i < l.n; i++) {
        const struct user *u = &l.items[i];
        printf("%-20s %-28s %-28s %s%s\n", u->login, label_vi(LABEL_ROLE, scope_role_name(u->role)),
               u->unit_code[0] ? u->unit_name : "toàn quốc",
               u->agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, u->agency_kind) : "",
               u->disabled_at[0] ? " (đã khóa)" : "");
      }
    }
    user_list_free(&l);
  } else if (!rc) {
    rc = app_user_disable(st, &caller, pos, is_disable, &err);
  }
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
