/* cmd_plan.c: `pcmt plan` — a thin front end over the plans' operations (app/app_plan.h,
 * and app/app_monitor.h for binding and evaluating targets).
 *
 * Each subcommand parses its arguments (an option it does not use is
 * refused, never ignored), opens the store and the caller (cli_caller:
 * --as, else $PCMT_USER, else the local administrator), calls one operation
 * and prints: tables padded by display width (cli_table.h), statuses, kinds
 * and cadences by their Vietnamese labels (types/label.h), dates dd/mm/yyyy,
 * numbers 1.234,5; JSON from output/plan_json.h. `plan read` needs no
 * database. A misuse exits 2 (the error table's input status); a failed
 * operation exits with its error's status (err_exit_status). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_cascade.h"
#include "app/app_monitor.h"
#include "app/app_plan.h"
#include "base/date.h"
#include "base/number.h"
#include "cli/cli_args.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/plan_json.h"
#include "output/target_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char plan_help[] =
    "usage: pcmt plan read FILE                    print the plan read from FILE as JSON\n"
    "       pcmt plan import FILE [--again]        store it as a draft; prints its id\n"
    "       pcmt plan list [--unit CODE [--tree T]] [--json]\n"
    "       pcmt plan show ID [--json]\n"
    "       pcmt plan check ID [--json]            the four-clear check of every task\n"
    "       pcmt plan publish ID | close ID\n"
    "       pcmt plan set ID ELEMENT[:EID] FIELD VALUE [--reason TEXT]\n"
    "       pcmt plan lead|support ID TASK_ID \"NAME; NAME\" [--reason TEXT]\n"
    "       pcmt plan task-add ID TEXT [--reason TEXT] | task-delete ID TASK_ID [--reason TEXT]\n"
    "       pcmt plan history ID [--json]\n"
    "       pcmt plan derive PARENT_ID --unit CODE [--tree T] [--days-earlier N]\n"
    "                                              draft the unit's implementing plan\n"
    "       pcmt plan bind ID TARGET_ID INDICATOR|manual [--scope plan|quota]\n"
    "       pcmt plan bind ID --propose [--json]   the indicator each target's wording asks for\n"
    "       pcmt plan value ID TARGET_ID VALUE --source TEXT [--on DATE] [--quota QUOTA_ID]\n"
    "       pcmt plan status ID [--at DATE] [--unit CODE [--tree T]] [--lower] [--json]\n\n"
    "Every command but read acts as --as LOGIN (default $PCMT_USER, else the local\n"
    "administrator) for --purpose TEXT, and reaches only the plans of that user's territory.\n"
    "FILE: .docx, .txt, .md, or .pdf (through pdftotext). --again: import a plan whose number\n"
    "and issuer (without a number: its text) are already stored. ELEMENT is plan, basis,\n"
    "phase, target, task or report, with the element's id after a colon (task:12);\n"
    "FIELD one of: plan.number title issuer issued_on territory kind period_start\n"
    "period_end parent_id; basis.text number date; phase.name start end; target.text kind\n"
    "value unit phase; task.section text due_on cadence; report.name due_on recurs\n"
    "recipient. Dates dd/mm/yyyy or ISO; kinds and cadences by code or Vietnamese label.\n"
    "Edits of a published plan are kept in its history; a closed plan cannot be edited.\n"
    "bind: INDICATOR is a code of `pcmt indicators list` (or its Vietnamese name), manual for\n"
    "values entered by hand with `plan value`; --scope quota measures each quota's unit or\n"
    "agency (default when the target has quotas). status: every target on --at (default\n"
    "today): value so far, required, projection, status; --unit keeps the rows measured on\n"
    "that unit (and the unbound targets).\n"
    "Docs: docs/plans.md, docs/monitoring.md, docs/cli.md\n";

/* ---------------------------------------------------------------------------
 * Arguments
 * ------------------------------------------------------------------------- */

/* The subcommands, as bits: which of them each option serves. */
enum {
  S_READ = 1 << 0,
  S_IMPORT = 1 << 1,
  S_LIST = 1 << 2,
  S_SHOW = 1 << 3,
  S_CHECK = 1 << 4,
  S_PUBLISH = 1 << 5,
  S_CLOSE = 1 << 6,
  S_SET = 1 << 7,
  S_LEAD = 1 << 8,
  S_SUPPORT = 1 << 9,
  S_TASK_ADD = 1 << 10,
  S_TASK_DELETE = 1 << 11,
  S_HISTORY = 1 << 12,
  S_DERIVE = 1 << 13,
  S_BIND = 1 << 14,
  S_VALUE = 1 << 15,
  S_STATUS = 1 << 16,
  S_DB = ~S_READ,
  S_EDIT = S_SET | S_LEAD | S_SUPPORT | S_TASK_ADD | S_TASK_DELETE,
  S_JSON = S_LIST | S_SHOW | S_CHECK | S_HISTORY | S_BIND | S_STATUS
};

static const struct cli_sub subcommands[] = {
    {"read", S_READ, 1},       {"import", S_IMPORT, 1},     {"list", S_LIST, 0},
    {"show", S_SHOW, 1},       {"check", S_CHECK, 1},       {"publish", S_PUBLISH, 1},
    {"close", S_CLOSE, 1},     {"set", S_SET, 4},           {"lead", S_LEAD, 3},
    {"support", S_SUPPORT, 3}, {"task-add", S_TASK_ADD, 2}, {"task-delete", S_TASK_DELETE, 2},
    {"history", S_HISTORY, 1}, {"derive", S_DERIVE, 1},     {"bind", S_BIND, 3},
    {"value", S_VALUE, 3},     {"status", S_STATUS, 1},
};

struct opts {
  struct cli_args a; /* the subcommand and its positional arguments */
  const char *as, *purpose, *reason, *unit, *tree;
  const char *days;                             /* derive: --days-earlier */
  const char *scope, *source, *on, *quota, *at; /* bind, value, status */
  int json, again, propose, lower;
  long id, task_id; /* the plan and the task the arguments name */
  char element[16]; /* set: the element ("task") ... */
  long element_id;  /* ... and its id (0 for "plan") */
};

static const struct cli_opt options[] = {
    {"--json", offsetof(struct opts, json), S_JSON, 1},
    {"--again", offsetof(struct opts, again), S_IMPORT, 1},
    {"--propose", offsetof(struct opts, propose), S_BIND, 1},
    {"--lower", offsetof(struct opts, lower), S_STATUS, 1},
    {"--as", offsetof(struct opts, as), S_DB, 0},
    {"--purpose", offsetof(struct opts, purpose), S_DB, 0},
    {"--reason", offsetof(struct opts, reason), S_EDIT, 0},
    {"--unit", offsetof(struct opts, unit), S_LIST | S_DERIVE | S_STATUS, 0},
    {"--tree", offsetof(struct opts, tree), S_LIST | S_DERIVE | S_STATUS, 0},
    {"--days-earlier", offsetof(struct opts, days), S_DERIVE, 0},
    {"--scope", offsetof(struct opts, scope), S_BIND, 0},
    {"--source", offsetof(struct opts, source), S_VALUE, 0},
    {"--on", offsetof(struct opts, on), S_VALUE, 0},
    {"--quota", offsetof(struct opts, quota), S_VALUE, 0},
    {"--at", offsetof(struct opts, at), S_STATUS, 0},
};

/* Print the misuse of subcommand `sub`; the exit status of a misuse. */
static int usage(const char *sub, const char *what, const char *arg)
{
  struct cli_args a = {.cmd = "plan", .sub = sub};
  return cli_args_usage(&a, what, arg);
}

/* Parse argv for the subcommand argv[1]; 0, or the exit status of a misuse
 * (printed): cli_args_parse's, and what this command alone forbids. */
static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int rc = cli_args_parse(&o->a, o, "plan", subcommands, sizeof subcommands / sizeof subcommands[0],
                          0, options, sizeof options / sizeof options[0], argc, argv);
  if (rc)
    return rc;
  if (o->propose && o->a.npos > 1)
    return usage(o->a.sub, "--propose chỉ đi cùng số hiệu kế hoạch", NULL);
  if (o->a.bit == S_BIND && (o->propose ? o->scope != NULL : o->json))
    return usage(o->a.sub,
                 o->propose ? "--scope không dùng với --propose" : "--json chỉ dùng với --propose",
                 NULL);
  if (o->a.npos != o->a.want && !(o->propose && o->a.npos == 1))
    return usage(o->a.sub, "thiếu đối số", NULL);
  if (o->tree && !o->unit)
    return usage(o->a.sub, "--tree chỉ đi cùng --unit", NULL);
  if (o->a.bit == S_DERIVE && !o->unit)
    return usage(o->a.sub, "cần --unit: đơn vị lập kế hoạch thực hiện", NULL);
  return 0;
}

/* A record id (positional): a natural number, not 0, into *out. */
static int parse_id(long *out, const char *sub, const char *s)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v <= 0)
    return usage(sub, "số hiệu phải là số tự nhiên khác 0:", s);
  *out = v;
  return 0;
}

/* ---------------------------------------------------------------------------
 * The session: store and caller
 * ------------------------------------------------------------------------- */

struct session {
  struct store *st;
  struct scope caller;   /* the user acting */
  struct scope narrowed; /* ... limited to --unit */
  const struct scope *use;
};

static int session_open(struct session *s, const struct cli_global *g, const struct opts *o)
{
  memset(s, 0, sizeof *s);
  struct err err = {0};
  if (cli_open_store(&s->st, g, &err))
    return cli_fail(&err);
  int rc = cli_caller(&s->caller, s->st, o->as, o->purpose, &err);
  s->use = &s->caller;
  if (!rc && o->unit && o->a.bit == S_LIST) {
    rc = app_caller_narrow(&s->narrowed, s->st, &s->caller, o->tree, o->unit, &err);
    s->use = &s->narrowed;
    if (!rc) {
      char label[256];
      fprintf(stderr, "Đơn vị: %s\n", unit_label(label, sizeof label, &s->narrowed.unit));
    }
  }
  if (rc) {
    store_close(s->st);
    return cli_fail(&err);
  }
  return 0;
}

/* ---------------------------------------------------------------------------
 * Text output
 * ------------------------------------------------------------------------- */

static void print_text(char *s)
{
  if (s)
    fputs(s, stdout);
  free(s);
}

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

static void print_date(const char *label, struct date d)
{
  char b[DATE_ISO_LEN];
  if (d.y) {
    date_to_vn(b, d);
    printf("%s%s", label, b);
  }
}

static const char *num(char *buf, size_t n, double v)
{
  return number_format_vn(buf, n, v, 2);
}

static void print_names(const char *label, char *const *v, size_t n, const char *none)
{
  printf("%s", label);
  for (size_t a = 0; a < n; a++)
    printf("%s%s", a ? "; " : "", v[a]);
  if (!n && none)
    printf("%s", none);
}

static void show_text(const struct plan *p, const struct store_plan_info *in)
{
  printf("Kế hoạch %ld [%s] %s\n", p->id, label_vi(LABEL_PLAN_STATUS, in->status),
         p->number ? p->number : "(chưa có số)");
  if (in->parent_id)
    printf("  Thực hiện kế hoạch cấp trên số hiệu %ld\n", in->parent_id);
  printf("  %s\n", p->title ? p->title : "(chưa có tiêu đề)");
  printf("  Cơ quan ban hành: %s", p->issuer ? p->issuer : "?");
  print_date("; ngày ", p->issued_on);
  printf("\n  Địa bàn: %s", in->unit_name);
  if (p->territory)
    printf(" (văn bản ghi: %s)", p->territory);
  printf("\n  Loại: %s", p->kind ? label_vi(LABEL_PLAN_KIND, plan_kind_name(p->kind)) : "?");
  print_date("; từ ", p->period_start);
  print_date(" đến ", p->period_end);
  printf("\n");
  for (size_t k = 0; k < p->n_bases; k++)
    printf("  Căn cứ [%ld] %s\n", p->bases[k].id, p->bases[k].text);
  for (size_t k = 0; k < p->n_phases; k++) {
    printf("  Giai đoạn [%ld] %s", p->phases[k].id, p->phases[k].name);
    print_date(" từ ", p->phases[k].start);
    print_date(" đến ", p->phases[k].end);
    printf("\n");
  }
  for (size_t k = 0; k < p->n_targets; k++) {
    const struct plan_target *t = &p->targets[k];
    char nb[48], cb[400];
    printf("  Chỉ tiêu [%ld] %s", t->id, label_vi(LABEL_TARGET_KIND, target_kind_name(t->kind)));
    if (t->has_value && !(t->kind == TARGET_ZERO && t->value == 0))
      printf(" %s%s%s", num(nb, sizeof nb, t->value), t->unit && strcmp(t->unit, "%") ? " " : "",
             t->unit ? t->unit : "");
    if (t->phase)
      printf(" (%s)", t->phase);
    printf(": %s\n", clip(cb, sizeof cb, t->text, 120));
    for (size_t q = 0; q < t->n_quotas; q++)
      printf("      - %s: %s\n", t->quotas[q].assignee, num(nb, sizeof nb, t->quotas[q].value));
  }
  for (size_t k = 0; k < p->n_tasks; k++) {
    const struct plan_task *t = &p->tasks[k];
    char cb[400];
    printf("  Nhiệm vụ [%ld] %s: %s\n", t->id, t->section ? t->section : "-",
           clip(cb, sizeof cb, t->text, 100));
    print_names("      chủ trì: ", t->lead, t->n_lead, "(chưa rõ)");
    if (t->n_support)
      print_names("  | phối hợp: ", t->support, t->n_support, NULL);
    print_date("  | hạn: ", t->due_on);
    if (t->cadence)
      printf("  | %s", label_vi(LABEL_CADENCE, task_cadence_name(t->cadence)));
    if (t->phase)
      printf("  | %s", t->phase);
    printf("\n");
  }
  for (size_t k = 0; k < p->n_reports; k++) {
    const struct plan_report *r = &p->reports[k];
    printf("  Báo cáo [%ld] %s", r->id, r->name);
    print_date(": trước ", r->due_on);
    if (r->recurs)
      printf(" (%s)", label_vi(LABEL_REPORT_RECURS, report_recurs_name(r->recurs)));
    if (r->recipient)
      printf(" gửi %s", r->recipient);
    printf("\n");
  }
}

/* Column widths of the plan list, in display columns. */
enum { W_ID = 9, W_STATUS = 14, W_NUMBER = 16, W_TASKS = 10, W_UNIT = 26 };

static void print_list(const struct store_plan_info_list *l)
{
  if (!l->n) {
    fprintf(stderr, "chưa có kế hoạch nào trong địa bàn; dùng `pcmt plan import FILE`\n");
    return;
  }
  cli_cell(stdout, "Số hiệu", W_ID);
  cli_cell(stdout, "Trạng thái", W_STATUS);
  cli_cell(stdout, "Số văn bản", W_NUMBER);
  cli_cell(stdout, "Nhiệm vụ", W_TASKS);
  cli_cell(stdout, "Đơn vị", W_UNIT);
  puts("Tiêu đề");
  for (size_t k = 0; k < l->n; k++) {
    const struct store_plan_info *in = &l->items[k];
    char id[24], tasks[24], cb[400];
    snprintf(id, sizeof id, "%ld", in->id);
    snprintf(tasks, sizeof tasks, "%d", in->n_tasks);
    cli_cell(stdout, id, W_ID);
    cli_cell(stdout, label_vi(LABEL_PLAN_STATUS, in->status), W_STATUS);
    cli_cell(stdout, in->number[0] ? in->number : "-", W_NUMBER);
    cli_cell(stdout, tasks, W_TASKS);
    cli_cell(stdout, clip(cb, sizeof cb, in->unit_name, W_UNIT - 1), W_UNIT);
    puts(clip(cb, sizeof cb, in->title, 80));
  }
}

static void print_check(const struct app_plan_check *c)
{
  for (size_t k = 0; k < c->defects.n; k++) {
    const struct plan_defect *d = &c->defects.items[k];
    const struct plan_task *t = &c->plan.tasks[d->task];
    char cb[600];
    printf("[%ld] %s — %s: %s\n      %s\n", t->id, t->section ? t->section : "-",
           plan_defect_label(d->kind), d->reason, clip(cb, sizeof cb, t->text, 140));
  }
  fprintf(stderr, "%zu nhiệm vụ: %zu đạt 4 rõ, %zu có thiếu sót (%zu thiếu sót)\n", c->count.tasks,
          c->count.clear, c->count.unclear, c->count.defects);
}

/* 1 for a field whose values are dates (shown dd/mm/yyyy). */
static int date_field(const char *field)
{
  static const char *const f[] = {"issued_on", "period_start", "period_end", "date",
                                  "start",     "end",          "due_on"};
  for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
    if (strcmp(field, f[k]) == 0)
      return 1;
  return 0;
}

/* A history value as a person reads it, into buf. */
static const char *change_value(char *buf, size_t n, const char *field, const char *v)
{
  if (!v)
    snprintf(buf, n, "(trống)");
  else if (strcmp(field, "status") == 0)
    snprintf(buf, n, "%s", label_vi(LABEL_PLAN_STATUS, v));
  else if (date_field(field) && n >= DATE_ISO_LEN)
    date_iso_to_vn(buf, v);
  else
    snprintf(buf, n, "%s", v);
  return buf;
}

static void print_history(const struct store_plan_change_list *l)
{
  for (size_t k = 0; k < l->n; k++) {
    const struct store_plan_change *c = &l->items[k];
    char when[40], day[DATE_ISO_LEN], a[600], b[600], where[96];
    snprintf(day, sizeof day, "%.10s", c->changed_at);
    snprintf(when, sizeof when, "%s %.5s", date_iso_to_vn(a, day),
             strlen(c->changed_at) > 11 ? c->changed_at + 11 : "");
    snprintf(where, sizeof where, "%s[%ld].%s", c->element, c->element_id, c->field);
    cli_cell(stdout, when, 18);
    cli_cell(stdout, c->changed_by, 14);
    printf("%s: %s -> %s%s%s\n", where, change_value(a, sizeof a, c->field, c->old_value),
           change_value(b, sizeof b, c->field, c->new_value), c->reason ? "  lý do: " : "",
           c->reason ? c->reason : "");
  }
  if (!l->n)
    fprintf(stderr, "chưa có thay đổi nào sau khi ban hành\n");
}

/* ---------------------------------------------------------------------------
 * Subcommands
 * ------------------------------------------------------------------------- */

static int plan_read_cmd(const struct opts *o)
{
  struct err err = {0};
  struct plan p;
  char *out = NULL;
  int rc = app_plan_read(&p, o->a.pos[0], &err);
  if (!rc)
    rc = plan_json_dump(&out, &p, &err);
  plan_free(&p);
  if (rc)
    return cli_fail(&err);
  print_text(out);
  return 0;
}

static int plan_import_cmd(struct session *s, const struct opts *o, struct err *err)
{
  struct app_plan_import_in in = {o->a.pos[0], o->again};
  struct app_plan_imported r;
  int rc = app_plan_import(&r, s->st, s->use, &in, err);
  if (rc)
    return rc;
  printf("%ld\n", r.id);
  fprintf(stderr, "đã lưu bản nháp kế hoạch %ld: %zu nhiệm vụ, %zu chỉ tiêu, %zu báo cáo\n", r.id,
          r.n_tasks, r.n_targets, r.n_reports);
  if (r.n_links)
    fprintf(stderr, "đã liên kết %zu kế hoạch cấp trên / cấp dưới theo căn cứ (plan show)\n",
            r.n_links);
  char label[256];
  if (r.unit.id)
    unit_label(label, sizeof label, &r.unit);
  else
    snprintf(label, sizeof label, "toàn quốc");
  fprintf(stderr, "Đơn vị: %s%s\n", label,
          r.territory_found ? ""
                            : " (văn bản không nêu địa bàn tìm được trong danh mục đơn vị: kế "
                              "hoạch thuộc địa bàn của người nhập)");
  return 0;
}

static int plan_derive_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct app_plan_derive_in in = {id, o->tree, o->unit, -1};
  if (o->days) {
    char *end;
    long v = strtol(o->days, &end, 10);
    if (!*o->days || *end || v < 0 || v > 90)
      return err_set(err, ERR_INPUT, "--days-earlier phải là số ngày từ 0 đến 90, không phải '%s'",
                     o->days);
    in.days_earlier = (int)v;
  }
  struct app_plan_derived r;
  int rc = app_plan_derive(&r, s->st, s->use, &in, err);
  if (rc)
    return rc;
  char label[256];
  printf("%ld\n", r.id);
  fprintf(stderr,
          "đã lập bản nháp kế hoạch %ld cho %s từ kế hoạch %ld: %zu chỉ tiêu được giao, %zu chỉ "
          "tiêu chung, %zu nhiệm vụ, %zu báo cáo\n",
          r.id, unit_label(label, sizeof label, &r.unit), id, r.count.quotas, r.count.targets,
          r.count.tasks, r.count.reports);
  return 0;
}

static int plan_list_cmd(struct session *s, const struct opts *o, struct err *err)
{
  struct store_plan_info_list l;
  int rc = app_plan_list(&l, s->st, s->use, err);
  char *json = NULL;
  if (!rc && o->json)
    rc = plan_json_dump_list(&json, &l, err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_list(&l);
  }
  store_plan_info_list_free(&l);
  return rc;
}

static int plan_show_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct plan p;
  struct store_plan_info in;
  int rc = app_plan_show(&p, &in, s->st, s->use, id, err);
  char *json = NULL;
  if (!rc && o->json)
    rc = plan_json_dump_stored(&json, &p, &in, err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      show_text(&p, &in);
  }
  plan_free(&p);
  return rc;
}

static int plan_check_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct app_plan_check c;
  int rc = app_plan_check(&c, s->st, s->use, id, err);
  char *json = NULL;
  if (!rc && o->json)
    rc = plan_json_dump_defects(&json, &c.plan, &c.defects, err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_check(&c);
  }
  app_plan_check_free(&c);
  return rc;
}

static int plan_history_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct store_plan_change_list l;
  int rc = app_plan_history(&l, s->st, s->use, id, err);
  char *json = NULL;
  if (!rc && o->json)
    rc = plan_json_dump_history(&json, &l, err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_history(&l);
  }
  store_plan_change_list_free(&l);
  return rc;
}

/* The cell of a figure: "1.234,5", a ratio "90 % (180/200)", "-" when none. */
static const char *figure_cell(char *buf, size_t n, int has, double v, const struct target_row *r)
{
  char a[32], b[32], c[32];
  if (!has || (r->in.is_ratio && r->in.den <= 0))
    snprintf(buf, n, "-");
  else if (r->in.is_ratio && v == r->in.value && r->in.den > 0)
    snprintf(buf, n, "%s %% (%s/%s)", num(a, sizeof a, v), num(b, sizeof b, r->in.num),
             num(c, sizeof c, r->in.den));
  else
    snprintf(buf, n, "%s%s", num(a, sizeof a, v), r->in.is_ratio ? " %" : "");
  return buf;
}

static void print_status(const struct target_report *r)
{
  char at[DATE_ISO_LEN];
  date_to_vn(at, r->at);
  printf("Kế hoạch %ld%s%s%s: tình hình thực hiện chỉ tiêu đến ngày %s\n", r->plan_id,
         r->plan_number[0] ? " (số " : "", r->plan_number, r->plan_number[0] ? ")" : "", at);
  if (r->unit.code[0]) {
    char label[256];
    printf("Đơn vị: %s\n", unit_label(label, sizeof label, &r->unit));
  }
  printf("\n");
  cli_cell(stdout, "#", 4);
  cli_cell(stdout, "Chỉ tiêu / nơi được giao", 44);
  cli_cell(stdout, "Chỉ số đo", 28);
  cli_cell(stdout, "Kết quả", 22);
  cli_cell(stdout, "Yêu cầu", 14);
  cli_cell(stdout, "Dự báo", 12);
  printf("Trạng thái\n");
  for (size_t i = 0; i < r->n; i++) {
    const struct target_row *x = &r->rows[i];
    char b[600], id[24], fig[96], req[64], proj[64];
    id[0] = '\0';
    if (!x->quota_id)
      snprintf(id, sizeof id, "%ld", x->target_id);
    cli_cell(stdout, id, 4);
    if (x->quota_id) {
      char q[300];
      snprintf(q, sizeof q, "  - %s", x->assignee);
      cli_cell(stdout, clip(b, sizeof b, q, 42), 44);
    } else {
      cli_cell(stdout, clip(b, sizeof b, x->text, 42), 44);
    }
    const char *ind = !x->bound         ? "(chưa gắn)"
                      : x->manual       ? "nhập tay"
                      : x->indicator[0] ? x->indicator
                                        : "?";
    cli_cell(stdout, clip(b, sizeof b, ind, 26), 28);
    int measured = x->eval.status != TARGET_UNBOUND;
    cli_cell(stdout, figure_cell(fig, sizeof fig, measured && x->in.has_value, x->in.value, x), 22);
    if (x->eval.has_required) {
      char v[32];
      snprintf(req, sizeof req, "%s%s%s", x->eval.required_is_max ? "≤ " : "≥ ",
               num(v, sizeof v, x->eval.required), x->in.is_ratio ? " %" : "");
    } else {
      snprintf(req, sizeof req, "-");
    }
    cli_cell(stdout, req, 14);
    cli_cell(stdout,
             figure_cell(proj, sizeof proj,
                         x->eval.has_projection && x->eval.status != TARGET_NOT_MEASURABLE,
                         x->eval.projection, x),
             12);
    printf("%s", label_vi(LABEL_TARGET_STATUS, target_status_code(x->eval.status)));
    if (x->eval.status == TARGET_NOT_MEASURABLE && x->eval.why)
      printf(" (%s)", x->eval.why);
    if (!x->bound)
      printf(" — đề xuất: %s", x->proposal[0] ? x->proposal : "nhập tay (manual)");
    printf("\n");
  }
}

/* The lower plans rolled up: each with its targets counted by status. */
static void print_lower(const struct target_report *r)
{
  printf("\nKế hoạch cấp dưới thực hiện kế hoạch này: %zu\n", r->n_lower);
  for (size_t i = 0; i < r->n_lower; i++) {
    const struct target_lower *lo = &r->lower[i];
    printf("- %ld  %s  %s  (%s): %zu chỉ tiêu", lo->plan_id, lo->number[0] ? lo->number : "-",
           lo->unit_name, label_vi(LABEL_PLAN_STATUS, lo->status), lo->total);
    for (int k = 0; k < 6; k++)
      if (lo->n[k])
        printf("; %s %zu", label_vi(LABEL_TARGET_STATUS, target_status_code((enum target_status)k)),
               lo->n[k]);
    printf("\n");
  }
}

static int plan_status_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct app_plan_status_in in = {id, o->at, o->tree, o->unit};
  struct target_report r;
  int rc = app_plan_status(&r, s->st, s->use, &in, err);
  if (!rc && o->lower)
    rc = app_plan_rollup(&r, s->st, s->use, err);
  char *json = NULL;
  if (!rc && o->json)
    rc = target_json_dump_report(&json, &r, err);
  if (!rc) {
    if (json)
      print_text(json);
    else {
      print_status(&r);
      if (o->lower)
        print_lower(&r);
    }
  }
  target_report_free(&r);
  return rc;
}

static int plan_bind_cmd(struct session *s, const struct opts *o, long id, long tid,
                         struct err *err)
{
  struct app_plan_bind_in in = {id, tid, o->a.pos[2], o->scope};
  int rc = app_plan_bind(s->st, s->use, &in, err);
  if (!rc)
    fprintf(stderr, "đã gắn chỉ tiêu %ld của kế hoạch %ld với %s\n", tid, id, o->a.pos[2]);
  return rc;
}

static int plan_propose_cmd(struct session *s, const struct opts *o, long id, struct err *err)
{
  struct app_target_proposals l;
  int rc = app_plan_propose(&l, s->st, s->use, id, err);
  if (rc)
    return rc;
  if (o->json) {
    char *text = NULL;
    rc = target_json_dump_proposals(&text, id, l.items, l.n, err);
    if (!rc)
      print_text(text);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct target_proposal *p = &l.items[i];
      char b[200];
      printf("%-5ld ", p->target_id);
      cli_cell(stdout, clip(b, sizeof b, p->text, 50), 52);
      cli_cell(stdout, p->indicator ? p->indicator : "manual", 30);
      printf("%s", p->scope);
      if (p->bound)
        printf("   (đã gắn: %s, %s)", p->bound_indicator[0] ? p->bound_indicator : "manual",
               p->bound_scope);
      printf("\n");
    }
  }
  app_target_proposals_free(&l);
  return rc;
}

static int plan_value_cmd(struct session *s, const struct opts *o, long id, long tid,
                          struct err *err)
{
  /* a figure as an officer types it: "1.234" is a thousand and more, "12,5" a half */
  double v;
  if (number_parse_vn(&v, o->a.pos[2]))
    return err_set(err, ERR_INPUT, "giá trị \"%s\" không phải là số (viết 1.234 hoặc 12,5)",
                   o->a.pos[2]);
  long qid = 0;
  if (o->quota) {
    char *qend;
    qid = strtol(o->quota, &qend, 10);
    if (!*o->quota || *qend || qid <= 0)
      return err_set(err, ERR_INPUT, "--quota cần số hiệu mức giao, không phải \"%s\"", o->quota);
  }
  struct app_target_value_in in = {id, tid, qid, o->on, v, o->source};
  long vid;
  int rc = app_target_value(&vid, s->st, s->use, &in, err);
  if (!rc)
    printf("%ld\n", vid);
  return rc;
}

/* "task:12" into element and *eid; "plan" alone. The exit status of a misuse. */
static int parse_element(char *element, size_t n, long *eid, const char *sub, const char *s)
{
  const char *colon = strchr(s, ':');
  size_t len = colon ? (size_t)(colon - s) : strlen(s);
  if (len >= n)
    return usage(sub, "không có phần tử", s);
  memcpy(element, s, len);
  element[len] = '\0';
  *eid = 0;
  if (colon)
    return parse_id(eid, sub, colon + 1);
  if (strcmp(element, "plan") != 0)
    return usage(sub, "cần số hiệu phần tử, ví dụ task:12, chứ không phải", s);
  return 0;
}

/* The ids the positional arguments name into *o; the exit status of a misuse. */
static int parse_ids(struct opts *o)
{
  int rc = 0;
  if (o->a.npos && !(o->a.bit & (S_READ | S_IMPORT)))
    rc = parse_id(&o->id, o->a.sub, o->a.pos[0]);
  if (!rc && (o->a.bit & (S_LEAD | S_SUPPORT | S_TASK_DELETE | S_VALUE)))
    rc = parse_id(&o->task_id, o->a.sub, o->a.pos[1]);
  if (!rc && o->a.bit == S_BIND && !o->propose)
    rc = parse_id(&o->task_id, o->a.sub, o->a.pos[1]);
  if (!rc && o->a.bit == S_SET)
    rc = parse_element(o->element, sizeof o->element, &o->element_id, o->a.sub, o->a.pos[1]);
  return rc;
}

/* Run subcommand o->a.sub on the open session; the exit status. */
static int run(struct session *s, const struct opts *o)
{
  struct err err = {0};
  long id = o->id, tid = o->task_id;
  int rc = 0;
  switch (o->a.bit) {
  case S_IMPORT:
    rc = plan_import_cmd(s, o, &err);
    break;
  case S_LIST:
    rc = plan_list_cmd(s, o, &err);
    break;
  case S_SHOW:
    rc = plan_show_cmd(s, o, id, &err);
    break;
  case S_CHECK:
    rc = plan_check_cmd(s, o, id, &err);
    break;
  case S_HISTORY:
    rc = plan_history_cmd(s, o, id, &err);
    break;
  case S_DERIVE:
    rc = plan_derive_cmd(s, o, id, &err);
    break;
  case S_PUBLISH:
  case S_CLOSE:
    rc = o->a.bit == S_PUBLISH ? app_plan_publish(s->st, s->use, id, &err)
                               : app_plan_close(s->st, s->use, id, &err);
    if (!rc)
      fprintf(stderr, "đã %s kế hoạch %ld\n", o->a.bit == S_PUBLISH ? "ban hành" : "kết thúc", id);
    break;
  case S_SET: {
    struct app_plan_set_in in = {id,          o->element,  o->element_id,
                                 o->a.pos[2], o->a.pos[3], o->reason};
    rc = app_plan_set(s->st, s->use, &in, &err);
    break;
  }
  case S_LEAD:
  case S_SUPPORT:
    rc = app_plan_agencies(s->st, s->use, id, tid, o->a.bit == S_LEAD ? "lead" : "support",
                           o->a.pos[2], o->reason, &err);
    break;
  case S_TASK_ADD:
    rc = app_plan_task_add(&tid, s->st, s->use, id, o->a.pos[1], o->reason, &err);
    if (!rc)
      printf("%ld\n", tid);
    break;
  case S_TASK_DELETE:
    rc = app_plan_task_delete(s->st, s->use, id, tid, o->reason, &err);
    break;
  case S_BIND:
    rc = o->propose ? plan_propose_cmd(s, o, id, &err) : plan_bind_cmd(s, o, id, tid, &err);
    break;
  case S_VALUE:
    rc = plan_value_cmd(s, o, id, tid, &err);
    break;
  case S_STATUS:
    rc = plan_status_cmd(s, o, id, &err);
    break;
  }
  return rc ? cli_fail(&err) : 0;
}

int cmd_plan(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    fputs(plan_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  struct opts o;
  int rc = parse_opts(&o, argc, argv);
  if (!rc)
    rc = parse_ids(&o);
  if (rc)
    return rc;
  if (o.a.bit == S_READ)
    return plan_read_cmd(&o);
  struct session s;
  rc = session_open(&s, g, &o);
  if (rc)
    return rc;
  rc = run(&s, &o);
  store_close(s.st);
  return rc;
}
