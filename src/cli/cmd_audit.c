/* cmd_audit.c: `pcmt audit` — verify the hash chain of the audit trail and read it.
 *
 * A thin front end over app/app_audit.h (who may: administrators; reading
 * the rows, national administrators): parse, open the caller (cli_caller),
 * call one operation, print — a table padded by display width with each
 * action's Vietnamese label (types/label.h), or the JSON of
 * output/audit_json.h. A misuse exits 2, a failed operation its error's
 * status, a broken chain 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_audit.h"
#include "cli/cli_registers.h"
#include "cli/cli_table.h"
#include "output/audit_json.h"
#include "store/store.h"
#include "types/label.h"

static const char audit_help[] =
    "usage: pcmt audit verify [--head ID:HASH] [--json]\n"
    "       pcmt audit log [--record ID] [--limit N] [--json]\n\n"
    "verify  walk the hash chain from the first row; exit 0 when it holds, 1 when a row\n"
    "        was changed or deleted (the first broken row is named), and print the head\n"
    "        as ID:HASH to keep outside the database; --head checks that a head kept\n"
    "        earlier is still in the chain (the newest rows were not deleted)\n"
    "log     the newest N rows (default 100), or those about person record ID, oldest first\n\n"
    "Both take --as LOGIN and --purpose TEXT like `pcmt person`. verify is for administrators,\n"
    "log for national administrators. Docs: docs/audit.md\n";

struct opts {
  int verify;                 /* the subcommand: verify (1) or log (0) */
  const char *as, *purpose;   /* the caller */
  struct app_audit_head head; /* --head ID:HASH */
  struct app_audit_query q;   /* --record, --limit */
  int json;
};

/* Print the misuse; the exit status of a misuse. */
static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt audit: %s%s%s%s\n(pcmt audit --help)\n", what, arg ? " '" : "",
          arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  o->verify = strcmp(argv[1], "verify") == 0;
  if (!o->verify && strcmp(argv[1], "log") != 0)
    return usage("không có lệnh con", argv[1]);
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    int is_head = strcmp(a, "--head") == 0;
    int is_num = strcmp(a, "--record") == 0 || strcmp(a, "--limit") == 0;
    if (strcmp(a, "--json") == 0) {
      o->json = 1;
      continue;
    }
    if (!(is_head || is_num || strcmp(a, "--as") == 0 || strcmp(a, "--purpose") == 0))
      return usage("không có tùy chọn", a);
    if (i + 1 >= argc)
      return usage("tùy chọn cần một giá trị:", a);
    if ((is_head && !o->verify) || (is_num && o->verify))
      return usage("tùy chọn không dùng cho lệnh này:", a);
    const char *v = argv[++i];
    if (is_head) {
      struct err err = {0};
      if (app_audit_head_parse(&o->head, v, &err))
        return cli_fail(&err);
    } else if (is_num) {
      char *end;
      long n = strtol(v, &end, 10);
      if (!*v || *end || n <= 0) {
        fprintf(stderr, "pcmt audit: %s \"%s\" phải là số dương\n", a, v);
        return err_exit_status(ERR_INPUT);
      }
      if (a[2] == 'r')
        o->q.person_id = n;
      else
        o->q.limit = (size_t)n;
    } else {
      *(a[2] == 'a' ? &o->as : &o->purpose) = v;
    }
  }
  return 0;
}

static void print_text(char *s)
{
  if (s)
    fputs(s, stdout);
  free(s);
}

static int verify_cmd(struct store *st, const struct scope *caller, const struct opts *o,
                      int *broken, struct err *err)
{
  struct audit_verify_result r;
  int rc = app_audit_verify(&r, st, caller, &o->head, err);
  if (rc)
    return rc;
  *broken = r.first_bad != 0;
  if (o->json) {
    char *text;
    rc = audit_json_dump_verify(&text, &r, err);
    if (!rc)
      print_text(text);
  } else if (r.first_bad) {
    fprintf(stderr, "pcmt audit verify: NHẬT KÝ BỊ SỬA — %s (%ld dòng trước đó nguyên vẹn)\n",
            r.reason, r.rows);
  } else if (r.rows) {
    printf("nhật ký nguyên vẹn: %ld dòng; đầu chuỗi %ld:%s\n", r.rows, r.head_id, r.head);
  } else {
    printf("nhật ký nguyên vẹn: 0 dòng; đầu chuỗi (trống)\n");
  }
  return rc;
}

/* Column widths of the log, in display columns. */
enum { W_ID = 7, W_AT = 22, W_ACTOR = 15, W_ROLE = 8, W_SCOPE = 17, W_ACTION = 21 };

static void print_log(const struct audit_list *l)
{
  for (size_t i = 0; i < l->n; i++) {
    const struct audit_entry *e = &l->items[i];
    char id[24];
    snprintf(id, sizeof id, "%ld", e->id);
    cli_cell(stdout, id, W_ID);
    cli_cell(stdout, e->at, W_AT);
    cli_cell(stdout, e->actor, W_ACTOR);
    cli_cell(stdout, e->role, W_ROLE);
    cli_cell(stdout, e->scope, W_SCOPE);
    cli_cell(stdout, e->action, W_ACTION);
    if (e->record_id)
      printf("%s #%ld  ", e->record_type, e->record_id);
    printf("%s: %s  [mục đích: %s]\n", label_vi(LABEL_AUDIT_ACTION, e->action), e->detail,
           e->purpose);
  }
}

static int log_cmd(struct store *st, const struct scope *caller, const struct opts *o,
                   struct err *err)
{
  struct audit_list l;
  char *text = NULL;
  int rc = app_audit_log(&l, st, caller, &o->q, err);
  if (!rc && o->json)
    rc = audit_json_dump_list(&text, &l, err);
  if (!rc) {
    if (o->json)
      print_text(text);
    else
      print_log(&l);
  }
  audit_list_free(&l);
  return rc;
}

int cmd_audit(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(audit_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  struct opts o;
  int rc = parse_opts(&o, argc, argv);
  if (rc)
    return rc;
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int broken = 0;
  rc = cli_caller(&caller, st, o.as, o.purpose, &err);
  if (!rc)
    rc = o.verify ? verify_cmd(st, &caller, &o, &broken, &err) : log_cmd(st, &caller, &o, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  return broken ? 1 : 0;
}
