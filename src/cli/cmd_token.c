/* cmd_token.c: `pcmt token` — bearer tokens for the JSON API: create, list, revoke.
 *
 * A thin front end over app/app_token.h: parse, open the caller
 * (cli_caller), call one operation, print. `create` prints the token once
 * on stdout (nothing keeps it: the database holds only its hash), so a
 * script can capture it; the list never shows a token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_token.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "store/store.h"

static const char token_help[] =
    "usage: pcmt token create LOGIN [--name TEXT] [--expires YYYY-MM-DD]\n"
    "       pcmt token list\n"
    "       pcmt token revoke ID\n\n"
    "Bearer tokens for the JSON API (/api/v1/, header 'Authorization: Bearer TOKEN'); see\n"
    "docs/api.md. A token acts as user LOGIN, with its role and territory, until revoked, until\n"
    "the end of the --expires day (Vietnam time) or until the user is disabled. create prints\n"
    "the token once: keep it; the database keeps only its hash. Only an administrator (--as\n"
    "LOGIN, default $PCMT_USER, else \"admin\") manages tokens, for the users of its territory.\n";

/* Column widths of the token list, in display columns. */
enum { W_ID = 6, W_LOGIN = 20, W_NAME = 24, W_DATE = 12 };

/* dd/mm/yyyy of Unix time t in Vietnam (UTC+7) into buf; "" for 0. */
static const char *vn_day(char *buf, long t)
{
  buf[0] = '\0';
  if (t)
    date_to_vn(buf, date_from_days((t + 7 * 3600) / 86400));
  return buf;
}

static void print_list(const struct token_list *l, long now)
{
  cli_cell(stdout, "Số", W_ID);
  cli_cell(stdout, "Người dùng", W_LOGIN);
  cli_cell(stdout, "Tên", W_NAME);
  cli_cell(stdout, "Ngày tạo", W_DATE);
  cli_cell(stdout, "Hết hạn", W_DATE);
  puts("Trạng thái");
  for (size_t i = 0; i < l->n; i++) {
    const struct token *t = &l->items[i];
    char id[24], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    snprintf(id, sizeof id, "%ld", t->id);
    cli_cell(stdout, id, W_ID);
    cli_cell(stdout, t->login, W_LOGIN);
    cli_cell(stdout, t->name, W_NAME);
    cli_cell(stdout, vn_day(d1, t->created_at), W_DATE);
    /* the last day it works, not the first it does not */
    cli_cell(stdout, t->expires_at ? vn_day(d2, t->expires_at - 1) : "không", W_DATE);
    puts(t->revoked_at                           ? "đã thu hồi"
         : t->expires_at && now >= t->expires_at ? "đã hết hạn"
                                                 : "đang dùng được");
  }
}

int cmd_token(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(token_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  const char *sub = argv[1], *pos = NULL, *as = NULL, *name = NULL, *expires = NULL;
  for (int i = 2; i < argc; i++) {
    const char **target = NULL;
    if (strcmp(argv[i], "--as") == 0)
      target = &as;
    else if (strcmp(argv[i], "--name") == 0)
      target = &name;
    else if (strcmp(argv[i], "--expires") == 0)
      target = &expires;
    if (target && i + 1 < argc) {
      *target = argv[++i];
    } else if (target || argv[i][0] == '-' || pos) {
      fprintf(stderr, "pcmt token: unexpected argument '%s'\n%s", argv[i], token_help);
      return err_exit_status(ERR_INPUT);
    } else {
      pos = argv[i];
    }
  }
  int is_create = strcmp(sub, "create") == 0, is_list = strcmp(sub, "list") == 0;
  int is_revoke = strcmp(sub, "revoke") == 0;
  char *end = NULL;
  long id = is_revoke && pos ? strtol(pos, &end, 10) : 0;
  if (!(is_create || is_list || is_revoke) || (is_list ? pos != NULL : pos == NULL) ||
      ((name || expires) && !is_create) || (is_revoke && (!end || *end || id <= 0))) {
    fputs(token_help, stderr);
    return err_exit_status(ERR_INPUT);
  }
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  long now = (long)time(NULL);
  int rc = cli_caller(&caller, st, as, "quản lý mã truy cập API", &err);
  if (!rc && is_create) {
    char token[APP_TOKEN_HEX];
    long tid = 0;
    rc = app_token_create(&tid, token, st, &caller, pos, name, expires, now, &err);
    if (!rc) {
      printf("%s\n", token);
      fprintf(stderr, "Mã truy cập số %ld cho %s. Mã chỉ hiện một lần này: hãy lưu lại.\n", tid,
              pos);
    }
  } else if (!rc && is_list) {
    struct token_list l;
    rc = app_token_list(&l, st, &caller, &err);
    if (!rc)
      print_list(&l, now);
    token_list_free(&l);
  } else if (!rc) {
    rc = app_token_revoke(st, &caller, id, now, &err);
  }
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
