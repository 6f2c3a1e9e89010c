/* cmd_user.c: `pcmt user` — the users of the database: add, list, disable, enable,
 * passwd, reset-mfa.
 *
 * A thin front end over app/app_user.h: parse, open the caller (cli_caller),
 * call one operation, print. The list is a table padded by display width
 * (cli_table.h) with roles and agency kinds by their Vietnamese labels, or
 * the JSON of output/user_json.h. A misuse exits 2; a failed operation its
 * error's status (err_exit_status). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "app/app_mfa.h"
#include "app/app_user.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/user_json.h"
#include "store/store.h"
#include "types/label.h"

static const char user_help[] =
    "usage: pcmt user add LOGIN --role ROLE [--unit CODE [--tree T]] [--agency KIND]\n"
    "                      [--name \"FULL NAME\"]\n"
    "       pcmt user list [--json]\n"
    "       pcmt user disable LOGIN | enable LOGIN\n"
    "       pcmt user passwd LOGIN\n"
    "       pcmt user reset-mfa LOGIN\n\n"
    "Every command acts as --as LOGIN (default $PCMT_USER, else the local administrator\n"
    "\"admin\" that pcmt init creates); only an administrator manages users, inside its own\n"
    "territory. ROLE: admin, officer (standing office), agency (member agency: give --agency\n"
    "with its kind, e.g. health), leader (aggregates only), or their Vietnamese labels. --unit:\n"
    "the user's territory (a unit code of today's tree unless --tree pre2025); none = national.\n"
    "add and passwd read the user's web password from standard input (one line; asked for without "
    "echo\n"
    "on a terminal): at least 10 characters, not the login, not a common password. Empty: the\n"
    "user cannot sign in on the web (add only). passwd ends every web session of the user; an\n"
    "administrator sets it for the users of its territory, any user its own.\n"
    "reset-mfa (administrator) removes the user's second factor and recovery codes and ends the\n"
    "user's web sessions; the user enrols again at the next sign-in.\n";

/* Column widths of the user list, in display columns. */
enum { W_LOGIN = 20, W_ROLE = 28, W_UNIT = 28 };

static void print_list(const struct user_list *l)
{
  cli_cell(stdout, "Tên đăng nhập", W_LOGIN);
  cli_cell(stdout, "Vai trò", W_ROLE);
  cli_cell(stdout, "Địa bàn", W_UNIT);
  puts("Cơ quan");
  for (size_t i = 0; i < l->n; i++) {
    const struct user *u = &l->items[i];
    cli_cell(stdout, u->login, W_LOGIN);
    cli_cell(stdout, label_vi(LABEL_ROLE, scope_role_name(u->role)), W_ROLE);
    cli_cell(stdout, u->unit_code[0] ? u->unit_name : "toàn quốc", W_UNIT);
    printf("%s%s\n", u->agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, u->agency_kind) : "",
           u->disabled_at[0] ? " (đã khóa)" : "");
  }
}

static int user_list_cmd(struct store *st, const struct scope *caller, int json, struct err *err)
{
  struct user_list l;
  char *text = NULL;
  int rc = app_user_list(&l, st, caller, err);
  if (!rc && json)
    rc = user_json_dump_list(&text, &l, err);
  if (!rc) {
    if (json)
      fputs(text, stdout);
    else
      print_list(&l);
  }
  free(text);
  user_list_free(&l);
  return rc;
}

/* The password from standard input into pw[0..n): one line without its
 * end; on a terminal asked for on stderr without echo. "" at end of input.
 * -1 when the line is longer than the buffer. */
static int read_password(char *pw, size_t n)
{
  int tty = isatty(STDIN_FILENO);
  struct termios old, quiet;
  if (tty && tcgetattr(STDIN_FILENO, &old) == 0) {
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    fputs("Mật khẩu (ít nhất 10 ký tự): ", stderr);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  } else {
    tty = 0;
  }
  pw[0] = '\0';
  int rc = 0;
  if (fgets(pw, (int)n, stdin)) {
    size_t len = strlen(pw);
    if (len && pw[len - 1] != '\n' && !feof(stdin))
      rc = -1;
    while (len && (pw[len - 1] == '\n' || pw[len - 1] == '\r'))
      pw[--len] = '\0';
  }
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  return rc;
}

int cmd_user(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(user_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
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
      return err_exit_status(ERR_INPUT);
    } else {
      pos = argv[i];
    }
  }
  int is_add = strcmp(sub, "add") == 0, is_list = strcmp(sub, "list") == 0;
  int is_disable = strcmp(sub, "disable") == 0, is_enable = strcmp(sub, "enable") == 0;
  int is_passwd = strcmp(sub, "passwd") == 0, is_reset_mfa = strcmp(sub, "reset-mfa") == 0;
  if (!(is_add || is_list || is_disable || is_enable || is_passwd || is_reset_mfa) ||
      (is_list ? pos != NULL : pos == NULL) || (is_add && !role) || (json && !is_list)) {
    fputs(user_help, stderr);
    return err_exit_status(ERR_INPUT);
  }
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int rc = cli_caller(&caller, st, as, "quản lý người dùng", &err);
  char pw[300];
  if (!rc && (is_add || is_passwd) && read_password(pw, sizeof pw))
    rc = err_set(&err, ERR_INPUT, "mật khẩu dài quá");
  if (!rc && is_add) {
    struct app_user_new in = {pos, name, role, tree, unit, agency};
    long id;
    rc = app_user_add_password(&id, st, &caller, &in, pw, &err);
    if (!rc)
      printf("%ld\n", id);
  } else if (!rc && is_passwd) {
    rc = app_user_set_password(st, &caller, pos, pw, 0, (long)time(NULL), &err);
  } else if (!rc && is_reset_mfa) {
    rc = app_mfa_reset(st, &caller, pos, (long)time(NULL), &err);
  } else if (!rc && is_list) {
    rc = user_list_cmd(st, &caller, json, &err);
  } else if (!rc) {
    rc = app_user_disable(st, &caller, pos, is_disable, &err);
  }
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
