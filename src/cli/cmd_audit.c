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
    "verify  walk the keyed hash chain from the first row against the signed checkpoints\n"
    "        (FILE.checkpoints) and check every person row against its keyed digest;\n"
    "        exit 0 when all holds, 1 when a row was changed, deleted or forged, the\n"
    "        newest rows were cut, the chain was recomputed, a checkpoint is forged or a\n"
    "        person row was edited, deleted or inserted outside PCMT (each named); print\n"
    "        the head as ID:HASH; --head checks that a head kept earlier is still in it.\n"
    "        Needs the key file FILE.key beside the database\n"
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

/* What verify found about the checkpoints and the person rows, beside the chain. */
static void print_extra(const struct audit_verify_result *r)
{
  const struct store_person_check *p = &r->people;
  if (r->forged_line)
    fprintf(stderr,
            "pcmt audit verify: MỐC KIỂM TRA BỊ GIẢ — dòng %ld của tệp mốc kiểm tra có chữ ký "
            "sai\n",
            r->forged_line);
  if (p->changed) {
    fprintf(stderr,
            "pcmt audit verify: HỒ SƠ NGƯỜI BỊ SỬA NGOÀI PCMT — %ld hồ sơ không khớp mã xác thực:",
            p->changed);
    for (long i = 0; i < p->changed && i < PERSON_CHECK_IDS; i++)
      fprintf(stderr, " #%ld", p->ids[i]);
    fprintf(stderr, "%s\n", p->changed > PERSON_CHECK_IDS ? " …" : "");
  }
  if (!p->set_ok) {
    if (p->rows < p->tally_rows)
      fprintf(stderr,
              "pcmt audit verify: HỒ SƠ NGƯỜI BỊ XÓA NGOÀI PCMT — còn %ld hồ sơ, sổ kiểm đếm ghi "
              "%ld: %ld hồ sơ đã bị xóa\n",
              p->rows, p->tally_rows, p->tally_rows - p->rows);
    else if (p->rows > p->tally_rows)
      fprintf(stderr,
              "pcmt audit verify: HỒ SƠ NGƯỜI BỊ THÊM NGOÀI PCMT — có %ld hồ sơ, sổ kiểm đếm ghi "
              "%ld: %ld hồ sơ được chèn trực tiếp\n",
              p->rows, p->tally_rows, p->rows - p->tally_rows);
    else
      fprintf(stderr,
              "pcmt audit verify: TẬP HỒ SƠ NGƯỜI BỊ THAY ĐỔI NGOÀI PCMT — đủ %ld hồ sơ nhưng sổ "
              "kiểm đếm không khớp (hồ sơ bị xóa và thêm)\n",
              p->rows);
  }
}

static int verify_cmd(struct store *st, const struct scope *caller, const struct opts *o,
                      int *broken, struct err *err)
{
  struct audit_verify_result r;
  int rc = app_audit_verify(&r, st, caller, &o->head, err);
  if (rc)
    return rc;
  *broken = audit_verify_broken(&r);
  if (o->json) {
    char *text;
    rc = audit_json_dump_verify(&text, &r, err);
    if (!rc)
      print_text(text);
    return rc;
  }
  if (r.first_bad)
    fprintf(stderr, "pcmt audit verify: NHẬT KÝ BỊ SỬA — %s (%ld dòng trước đó nguyên vẹn)\n",
            r.reason, r.rows);
  else if (r.rows)
    printf("nhật ký nguyên vẹn: %ld dòng; đầu chuỗi %ld:%s\n", r.rows, r.head_id, r.head);
  else
    printf("nhật ký nguyên vẹn: 0 dòng; đầu chuỗi (trống)\n");
  const struct audit_chain_verdict *rv = &r.reads;
  if (rv->first_bad)
    fprintf(stderr,
            "pcmt audit verify: NHẬT KÝ ĐỌC HỒ SƠ BỊ SỬA — %s (%ld dòng trước đó nguyên vẹn)\n",
            rv->reason, rv->rows);
  else if (rv->rows)
    printf("nhật ký đọc hồ sơ nguyên vẹn: %ld dòng; đầu chuỗi %ld:%s\n", rv->rows, rv->head_id,
           rv->head);
  else
    printf("nhật ký đọc hồ sơ nguyên vẹn: 0 dòng\n");
  if (r.checkpoints && rv->checkpoint_id)
    printf("mốc kiểm tra: %ld mốc có chữ ký; mới nhất đến dòng %ld và dòng đọc %ld, ký lúc %s\n",
           r.checkpoints, r.checkpoint_id, rv->checkpoint_id, r.checkpoint_at);
  else if (r.checkpoints)
    printf("mốc kiểm tra: %ld mốc có chữ ký; mới nhất đến dòng %ld, ký lúc %s\n", r.checkpoints,
           r.checkpoint_id, r.checkpoint_at);
  else
    printf("mốc kiểm tra: chưa có\n");
  print_extra(&r);
  if (r.people.changed == 0 && r.people.set_ok)
    printf("hồ sơ người: %ld hồ sơ khớp mã xác thực và sổ kiểm đếm\n", r.people.rows);
  return rc;
}

/* Column widths of the log, in display columns. */
enum { W_ID = 9, W_AT = 22, W_ACTOR = 15, W_ROLE = 8, W_SCOPE = 17, W_ACTION = 21 };

static void print_log(const struct audit_list *l)
{
  for (size_t i = 0; i < l->n; i++) {
    const struct audit_entry *e = &l->items[i];
    char id[24];
    audit_row_number(id, sizeof id, e);
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
