/* cmd_task.c: `pcmt task` — a thin front end over the tasks followed per assignee
 * (app/app_task.h).
 *
 * Each subcommand parses its arguments (an option it does not use is
 * refused, never ignored), opens the store and the caller (cli_caller),
 * calls one operation and prints: a table padded by display width
 * (cli_table.h), statuses and roles by their Vietnamese labels
 * (types/label.h), dates dd/mm/yyyy; JSON from output/task_json.h. A misuse
 * exits 2 (the error table's input status); a failed operation exits with
 * its error's status (err_exit_status), as `pcmt plan` does. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_task.h"
#include "base/date.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/cli_table.h"
#include "output/task_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char task_help[] =
    "usage: pcmt task list [--plan ID] [--agency KIND] [--unit CODE [--tree T]] [--overdue]\n"
    "                      [--on DATE] [--json]\n"
    "       pcmt task update TASK_ID --agency A --status S --note TEXT [--file F] [--on DATE]\n\n"
    "Every command acts as --as LOGIN (default $PCMT_USER, else the local administrator)\n"
    "for --purpose TEXT, and reaches only the plans of that user's territory.\n"
    "list: the assignees of the published plans (--plan: of that plan), each with its status\n"
    "on DATE (default today): the one recorded, or \"Quá hạn\" from the day after the deadline,\n"
    "or \"Chưa cập nhật\" for an ongoing task without a note in the last reporting period.\n"
    "--agency KIND: an agency kind by code or label (police, \"Công an\"); --overdue: only the\n"
    "overdue ones.\n"
    "update: A is the assignee's number (column \"Số\" of the list) or its agency kind;\n"
    "S one of not_started, in_progress, done, not_applicable (or their labels); the note is\n"
    "dated DATE (default today) and, for not_applicable, is the reason; F a file kept as\n"
    "evidence (at most 10 MiB). Dates dd/mm/yyyy or ISO.\n"
    "Docs: docs/tasks.md, docs/cli.md\n";

enum { S_LIST = 1 << 0, S_UPDATE = 1 << 1, S_ALL = S_LIST | S_UPDATE };

static const struct cli_sub subcommands[] = {
    {"list", S_LIST, 0},
    {"update", S_UPDATE, 1},
};

struct opts {
  struct cli_args a; /* the subcommand and its positional arguments */
  const char *as, *purpose, *plan, *agency, *unit, *tree, *on, *status, *note, *file;
  int json, overdue;
};

static const struct cli_opt options[] = {
    {"--json", offsetof(struct opts, json), S_LIST, 1},
    {"--overdue", offsetof(struct opts, overdue), S_LIST, 1},
    {"--as", offsetof(struct opts, as), S_ALL, 0},
    {"--purpose", offsetof(struct opts, purpose), S_ALL, 0},
    {"--plan", offsetof(struct opts, plan), S_LIST, 0},
    {"--agency", offsetof(struct opts, agency), S_ALL, 0},
    {"--unit", offsetof(struct opts, unit), S_LIST, 0},
    {"--tree", offsetof(struct opts, tree), S_LIST, 0},
    {"--on", offsetof(struct opts, on), S_ALL, 0},
    {"--status", offsetof(struct opts, status), S_UPDATE, 0},
    {"--note", offsetof(struct opts, note), S_UPDATE, 0},
    {"--file", offsetof(struct opts, file), S_UPDATE, 0},
};

/* Print the misuse of subcommand `sub`; the exit status of a misuse. */
static int usage(const char *sub, const char *what, const char *arg)
{
  struct cli_args a = {.cmd = "task", .sub = sub};
  return cli_args_usage(&a, what, arg);
}

/* Parse argv for the subcommand argv[1]; 0, or the exit status of a misuse
 * (printed): cli_args_parse's, and what this command alone forbids. */
static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int rc = cli_args_parse(&o->a, o, "task", subcommands, sizeof subcommands / sizeof subcommands[0],
                          0, options, sizeof options / sizeof options[0], argc, argv);
  if (rc)
    return rc;
  if (o->a.npos != o->a.want)
    return usage(o->a.sub, "thiếu đối số", NULL);
  if (o->tree && !o->unit)
    return usage(o->a.sub, "--tree chỉ đi cùng --unit", NULL);
  if (o->a.bit == S_UPDATE && (!o->agency || !o->status || !o->note))
    return usage(o->a.sub, "cần --agency, --status và --note", NULL);
  return 0;
}

/* A record id: a natural number, not 0, into *out. */
static int parse_id(long *out, const char *sub, const char *s)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v <= 0)
    return usage(sub, "số hiệu phải là số tự nhiên khác 0:", s);
  *out = v;
  return 0;
}

/* --on DATE as ISO into buf (NULL: not given); a misuse's status on a bad date. */
static int parse_on(const char **iso, char *buf, const char *sub, const char *on)
{
  *iso = NULL;
  if (!on)
    return 0;
  struct date d;
  if (date_parse(&d, on, 0, NULL) != ERR_OK)
    return usage(sub, "ngày không hợp lệ (dd/mm/yyyy):", on);
  date_to_iso(buf, d);
  *iso = buf;
  return 0;
}

/* ---------------------------------------------------------------------------
 * Text output
 * ------------------------------------------------------------------------- */

/* s cut to at most `cols` display columns on a character boundary, "…"
 * when cut, into buf. */
static const char *clip(char *buf, size_t bsz, const char *s, size_t cols)
{
  snprintf(buf, bsz, "%s", s ? s : "");
  if (text_width(buf) <= cols)
    return buf;
  size_t end = 0, last = 0;
  while (buf[end]) {
    size_t next = end + 1;
    while (((unsigned char)buf[next] & 0xC0) == 0x80)
      next++;
    char keep = buf[next];
    buf[next] = '\0';
    size_t w = text_width(buf);
    buf[next] = keep;
    if (w + 1 > cols)
      break;
    last = end = next;
  }
  if (last + 4 > bsz)
    last = 0;
  memcpy(buf + last, "…", 4);
  return buf;
}

/* An ISO date as dd/mm/yyyy into buf, "-" when none. */
static const char *vn_date(char *buf, const char *iso)
{
  if (!iso[0])
    return "-";
  return date_iso_to_vn(buf, iso);
}

/* Column widths of the list, in display columns. */
enum { W_ID = 6, W_TASK = 9, W_SECTION = 8, W_AGENCY = 30, W_ROLE = 10, W_DATE = 12, W_STATE = 26 };

static void print_list(const struct app_task_list *l)
{
  const struct store_task_list *r = &l->rows;
  char day[DATE_ISO_LEN];
  fprintf(stderr, "Trạng thái tính đến ngày %s\n", date_iso_to_vn(day, l->today));
  if (!r->n) {
    fprintf(stderr, "không có nhiệm vụ nào được giao trong địa bàn (kế hoạch đã ban hành)\n");
    return;
  }
  cli_cell(stdout, "Số", W_ID);
  cli_cell(stdout, "Nhiệm vụ", W_TASK);
  cli_cell(stdout, "Mục", W_SECTION);
  cli_cell(stdout, "Cơ quan", W_AGENCY);
  cli_cell(stdout, "Vai trò", W_ROLE);
  cli_cell(stdout, "Hạn", W_DATE);
  cli_cell(stdout, "Trạng thái", W_STATE);
  cli_cell(stdout, "Cập nhật", W_DATE);
  puts("Nội dung");
  for (size_t k = 0; k < r->n; k++) {
    const struct store_task_row *t = &r->items[k];
    char id[24], task[24], cb[600], state[96], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
    snprintf(id, sizeof id, "%ld", t->assignee_id);
    snprintf(task, sizeof task, "%ld", t->task_id);
    if (t->overdue_days > 0)
      snprintf(state, sizeof state, "%s %ld ngày", label_vi(LABEL_TASK_STATUS, t->state),
               t->overdue_days);
    else
      snprintf(state, sizeof state, "%s", label_vi(LABEL_TASK_STATUS, t->state));
    cli_cell(stdout, id, W_ID);
    cli_cell(stdout, task, W_TASK);
    cli_cell(stdout, t->section[0] ? t->section : "-", W_SECTION);
    cli_cell(stdout, clip(cb, sizeof cb, t->agency_text, W_AGENCY - 1), W_AGENCY);
    cli_cell(stdout, label_vi(LABEL_TASK_ROLE, t->role), W_ROLE);
    cli_cell(stdout, vn_date(d1, t->deadline), W_DATE);
    cli_cell(stdout, state, W_STATE);
    cli_cell(stdout, vn_date(d2, t->last_note_on), W_DATE);
    puts(clip(cb, sizeof cb, t->task_text, 70));
  }
}

/* ---------------------------------------------------------------------------
 * The subcommands
 * ------------------------------------------------------------------------- */

static int list_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  struct app_task_list_in in = {0, o->agency, o->tree, o->unit, o->overdue, NULL};
  char on[DATE_ISO_LEN];
  int rc = 0;
  if (o->plan)
    rc = parse_id(&in.plan_id, o->a.sub, o->plan);
  if (!rc)
    rc = parse_on(&in.today, on, o->a.sub, o->on);
  if (rc)
    return rc;
  struct err err = {0};
  struct app_task_list l;
  if (app_task_list(&l, st, caller, &in, &err))
    return cli_fail(&err);
  if (o->unit) {
    char label[256];
    fprintf(stderr, "Đơn vị: %s\n", unit_label(label, sizeof label, &l.unit));
  }
  rc = 0;
  if (o->json) {
    char *json = NULL;
    if (task_json_dump_list(&json, &l.rows, l.today, &err))
      rc = cli_fail(&err);
    else
      fputs(json, stdout);
    free(json);
  } else {
    print_list(&l);
  }
  app_task_list_free(&l);
  return rc;
}

static int update_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  struct app_task_update_in in = {0, o->agency, o->status, o->note, o->file, NULL};
  char on[DATE_ISO_LEN];
  int rc = parse_id(&in.task_id, o->a.sub, o->a.pos[0]);
  if (!rc)
    rc = parse_on(&in.today, on, o->a.sub, o->on);
  if (rc)
    return rc;
  struct err err = {0};
  long id;
  if (app_task_update(&id, st, caller, &in, &err))
    return cli_fail(&err);
  printf("%ld\n", id);
  fprintf(stderr, "đã cập nhật nhiệm vụ %ld, cơ quan được giao số %ld\n", in.task_id, id);
  return 0;
}

int cmd_task(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    fputs(task_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  struct opts o;
  int rc = parse_opts(&o, argc, argv);
  if (rc)
    return rc;
  struct store *st;
  struct scope caller;
  struct err err = {0};
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  if (cli_caller(&caller, st, o.as, o.purpose, &err)) {
    store_close(st);
    return cli_fail(&err);
  }
  rc = o.a.bit == S_LIST ? list_cmd(st, &caller, &o) : update_cmd(st, &caller, &o);
  store_close(st);
  return rc;
}
