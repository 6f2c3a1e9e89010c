/* cmd_report.c: `pcmt report` — a thin front end over the unit reports
 * (app/app_report.h).
 *
 * Each subcommand parses its arguments (an option it does not use is
 * refused), opens the store and the caller (cli_caller), calls one
 * operation and prints; the narrative parts come from options or from
 * files (--situation-file ...). JSON from output/report_json.h. A misuse
 * exits 2; a failed operation exits with its error's status
 * (err_exit_status): 3 not found, 4 a report not in a state for that, 5 a
 * user who may not. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_report.h"
#include "base/date.h"
#include "base/number.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/cli_table.h"
#include "output/report_json.h"
#include "store/store.h"
#include "types/label.h"

static const char report_help[] =
    "usage: pcmt report list [--plan ID] [--unit CODE [--tree T]] [--from DATE] [--to DATE]\n"
    "                        [--status S] [--on DATE] [--json]\n"
    "       pcmt report draft SCHEDULE_ID (--unit CODE [--tree T] | --agency KIND) [--due DATE]\n"
    "                        [--on DATE]\n"
    "       pcmt report edit ID [--situation TEXT] [--results TEXT] [--limitations TEXT]\n"
    "                        [--proposals TEXT] [--situation-file F] [--results-file F]\n"
    "                        [--limitations-file F] [--proposals-file F]\n"
    "       pcmt report submit ID [--on DATE]\n"
    "       pcmt report accept ID [--comment TEXT] [--on DATE]\n"
    "       pcmt report return ID --comment TEXT [--on DATE]\n"
    "       pcmt report show ID [--on DATE] [--json]\n"
    "       pcmt report consolidated PLAN_ID --period P --format docx|xlsx|json [-o FILE]\n\n"
    "Every command acts as --as LOGIN (default $PCMT_USER, else the local administrator)\n"
    "for --purpose TEXT.\n"
    "list: the reports owed in the territory (pcmt calendar's entries), --status due, draft,\n"
    "submitted, accepted or returned, then the share that reported and reported on time.\n"
    "draft: the report of SCHEDULE_ID (column \"Số BC\" of pcmt calendar --json: schedule_id)\n"
    "owed by a unit below the plan or a member agency (--due: which year's, for a report the\n"
    "plan asks every year: the plan's due date of that year); prints its number.\n"
    "edit: the narrative parts of a draft or returned report; submit: send it, freezing its\n"
    "figures; accept / return: the recipient's decision (a return needs --comment and opens a\n"
    "new version). show: the report, its figures now beside the frozen ones, its tasks and\n"
    "every version. Dates dd/mm/yyyy or ISO; DATE defaults to today.\n"
    "Docs: docs/reports.md, docs/cli.md\n";

enum {
  S_LIST = 1 << 0,
  S_DRAFT = 1 << 1,
  S_EDIT = 1 << 2,
  S_SUBMIT = 1 << 3,
  S_ACCEPT = 1 << 4,
  S_RETURN = 1 << 5,
  S_SHOW = 1 << 6,
  S_ALL = 0x7f
};

static const struct cli_sub subcommands[] = {
    {"list", S_LIST, 0},     {"draft", S_DRAFT, 1},   {"edit", S_EDIT, 1}, {"submit", S_SUBMIT, 1},
    {"accept", S_ACCEPT, 1}, {"return", S_RETURN, 1}, {"show", S_SHOW, 1},
};

struct opts {
  struct cli_args a; /* the subcommand and its positional arguments */
  const char *as, *purpose, *plan, *unit, *tree, *agency, *from, *to, *status, *on, *comment, *due;
  const char *text[4], *file[4]; /* situation, results, limitations, proposals */
  int json;
};

static const struct cli_opt options[] = {
    {"--json", offsetof(struct opts, json), S_LIST | S_SHOW, 1},
    {"--as", offsetof(struct opts, as), S_ALL, 0},
    {"--purpose", offsetof(struct opts, purpose), S_ALL, 0},
    {"--plan", offsetof(struct opts, plan), S_LIST, 0},
    {"--unit", offsetof(struct opts, unit), S_LIST | S_DRAFT, 0},
    {"--tree", offsetof(struct opts, tree), S_LIST | S_DRAFT, 0},
    {"--agency", offsetof(struct opts, agency), S_DRAFT, 0},
    {"--due", offsetof(struct opts, due), S_DRAFT, 0},
    {"--from", offsetof(struct opts, from), S_LIST, 0},
    {"--to", offsetof(struct opts, to), S_LIST, 0},
    {"--status", offsetof(struct opts, status), S_LIST, 0},
    {"--on", offsetof(struct opts, on), S_ALL & ~S_EDIT, 0},
    {"--comment", offsetof(struct opts, comment), S_ACCEPT | S_RETURN, 0},
    {"--situation", offsetof(struct opts, text[0]), S_EDIT, 0},
    {"--results", offsetof(struct opts, text[1]), S_EDIT, 0},
    {"--limitations", offsetof(struct opts, text[2]), S_EDIT, 0},
    {"--proposals", offsetof(struct opts, text[3]), S_EDIT, 0},
    {"--situation-file", offsetof(struct opts, file[0]), S_EDIT, 0},
    {"--results-file", offsetof(struct opts, file[1]), S_EDIT, 0},
    {"--limitations-file", offsetof(struct opts, file[2]), S_EDIT, 0},
    {"--proposals-file", offsetof(struct opts, file[3]), S_EDIT, 0},
};

/* Print the misuse of subcommand `sub`; the exit status of a misuse. */
static int usage(const char *sub, const char *what, const char *arg)
{
  struct cli_args a = {.cmd = "report", .sub = sub};
  return cli_args_usage(&a, what, arg);
}

/* Parse argv for the subcommand argv[1]; 0, or the exit status of a misuse
 * (printed): cli_args_parse's, and what this command alone forbids. */
static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int rc =
      cli_args_parse(&o->a, o, "report", subcommands, sizeof subcommands / sizeof subcommands[0], 0,
                     options, sizeof options / sizeof options[0], argc, argv);
  if (rc)
    return rc;
  if (o->a.npos != o->a.want)
    return usage(o->a.sub, "thiếu đối số", NULL);
  if (o->tree && !o->unit)
    return usage(o->a.sub, "--tree chỉ đi cùng --unit", NULL);
  if (o->a.bit == S_DRAFT && !o->unit == !o->agency)
    return usage(o->a.sub, "cần đúng một trong --unit và --agency", NULL);
  if (o->a.bit == S_RETURN && !o->comment)
    return usage(o->a.sub, "cần --comment", NULL);
  for (int k = 0; k < 4; k++)
    if (o->text[k] && o->file[k])
      return usage(o->a.sub, "một phần chỉ lấy từ tùy chọn hoặc từ tệp, không cả hai", NULL);
  return 0;
}

static int parse_id(long *out, const char *sub, const char *s)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v <= 0)
    return usage(sub, "số hiệu phải là số tự nhiên khác 0:", s);
  *out = v;
  return 0;
}

/* --on DATE as ISO into buf (NULL: not given). */
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

/* The whole of file `path` as a string into *out (malloc'd), at most 1 MiB. */
static int read_text(char **out, const char *path, struct err *err)
{
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f)
    return err_set(err, ERR_IO, "không mở được tệp \"%s\"", path);
  size_t cap = 1 << 20, n;
  char *b = malloc(cap + 1);
  if (!b) {
    fclose(f);
    return err_nomem(err);
  }
  n = fread(b, 1, cap + 1, f);
  int bad = ferror(f);
  fclose(f);
  if (bad || n > cap) {
    free(b);
    return err_set(err, bad ? ERR_IO : ERR_INPUT, "tệp \"%s\" %s", path,
                   bad ? "không đọc được" : "lớn hơn 1 MiB");
  }
  b[n] = '\0';
  if (strlen(b) != n) {
    free(b);
    return err_set(err, ERR_INPUT, "tệp \"%s\" không phải văn bản", path);
  }
  *out = b;
  return ERR_OK;
}

/* ---- text output -------------------------------------------------------------- */

static const char *vn_iso(char *buf, const char *iso)
{
  return iso && *iso ? date_iso_to_vn(buf, iso) : "-";
}

static void print_number(const char *label, int has, double v)
{
  char b[48];
  if (has)
    number_format_vn(b, sizeof b, v, v == (double)(long long)v ? 0 : 1);
  printf("%s%s", label, has ? b : "-");
}

/* The targets' status: each row with its status, value and requirement. */
static void print_targets(const struct report_view *v)
{
  if (!v->has_targets) {
    printf("\nTình hình thực hiện chỉ tiêu: kế hoạch nằm ngoài địa bàn của người xem\n");
    return;
  }
  char d[11];
  date_to_vn(d, v->targets.at);
  printf("\nTình hình thực hiện chỉ tiêu (đến ngày %s):\n", d);
  for (size_t i = 0; i < v->targets.n; i++) {
    const struct target_row *x = &v->targets.rows[i];
    char val[32] = "-", req[32] = "-";
    if (x->in.has_value)
      number_format_vn(val, sizeof val, x->in.value, x->in.is_ratio ? 1 : 0);
    if (x->eval.has_required)
      number_format_vn(req, sizeof req, x->eval.required, x->in.is_ratio ? 1 : 0);
    printf("- %s%s%s: %s (đạt %s%s, yêu cầu %s%s)\n", x->text, x->assignee[0] ? " — " : "",
           x->assignee, label_vi(LABEL_TARGET_STATUS, target_status_code(x->eval.status)), val,
           x->in.is_ratio ? "%" : "", x->eval.required_is_max ? "≤ " : "", req);
  }
  if (!v->targets.n)
    printf("(kế hoạch không có chỉ tiêu cho bên báo cáo)\n");
}

static void print_report(const struct report_view *v)
{
  const struct store_report *r = &v->report;
  char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN];
  printf("Báo cáo số %ld: %s (kế hoạch %s%s%ld)\n", r->id, v->report_name, v->plan_number,
         v->plan_number[0] ? ", số hiệu " : "số hiệu ", r->plan_id);
  printf("Bên báo cáo: %s\nGửi đến: %s\n", v->owner, v->recipient[0] ? v->recipient : "-");
  printf("Kỳ số liệu: %s - %s; hạn gửi %s\n", vn_iso(d1, r->period_from), vn_iso(d2, r->period_to),
         vn_iso(d3, r->due_on));
  printf("Trạng thái: %s, phiên bản %d; gửi lần đầu %s\n", label_vi(LABEL_REPORT_STATUS, r->status),
         r->version, vn_iso(d1, r->first_submitted_on));
  const char *heads[4] = {"Tình hình", "Kết quả", "Hạn chế", "Đề xuất"};
  const char *texts[4] = {r->situation, r->results, r->limitations, r->proposals};
  for (int k = 0; k < 4; k++)
    printf("\n%s:\n%s\n", heads[k], texts[k] && *texts[k] ? texts[k] : "(chưa viết)");
  print_targets(v);
  printf("\nNhiệm vụ (%zu cơ quan được giao):", v->tasks.total);
  for (size_t k = 0; k < 6; k++)
    if (v->tasks.n[k])
      printf(" %s %zu;", label_at(LABEL_TASK_STATUS, k), v->tasks.n[k]);
  printf("\n\nSố liệu (cùng kỳ năm trước; số đã chốt khi gửi phiên bản %d):\n", v->frozen_version);
  for (size_t k = 0; k < v->live.n; k++) {
    const struct indicator_row *row = &v->live.rows[k];
    if (row->now->group[0])
      continue;
    const struct store_report_figure *f = NULL;
    for (size_t j = 0; j < v->n_frozen; j++)
      if (strcmp(v->frozen[j].indicator, row->now->def->code) == 0)
        f = &v->frozen[j];
    cli_cell(stdout, indicator_name(row->now->def), 60);
    print_number("", row->now->has_value, row->now->value);
    print_number(" | cùng kỳ ", row->before && row->before->has_value,
                 row->before ? row->before->value : 0);
    if (f)
      print_number(" | đã chốt ", f->has_value, f->value);
    puts(v->changed && v->changed[k] ? "  (đã thay đổi sau khi gửi)" : "");
  }
  printf("\nCác phiên bản:\n");
  for (size_t k = 0; k < v->versions.n; k++) {
    const struct store_report_version *x = &v->versions.items[k];
    printf("  %d: gửi %s%s%s", x->version, vn_iso(d1, x->submitted_on),
           x->submitted_by[0] ? " bởi " : "", x->submitted_by);
    if (x->decision[0])
      printf("; %s %s bởi %s", strcmp(x->decision, "accepted") == 0 ? "tiếp nhận" : "trả lại",
             vn_iso(d2, x->decided_on), x->decided_by);
    if (x->comment)
      printf(": %s", x->comment);
    putchar('\n');
  }
}

/* ---- subcommands ------------------------------------------------------------------ */

enum { W_ID = 7, W_SCHED = 7, W_DATE = 12, W_REPORT = 28, W_OWNER = 34, W_STATUS = 26 };

static int list_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  const char *status = NULL;
  struct err err = {0};
  if (o->status && label_parse(&status, LABEL_REPORT_STATUS, o->status, "trạng thái", &err))
    return cli_fail(&err);
  char on[DATE_ISO_LEN];
  struct app_calendar_in in = {0, o->tree, o->unit, o->from, o->to, NULL};
  if ((o->plan && parse_id(&in.plan_id, o->a.sub, o->plan)) ||
      parse_on(&in.today, on, o->a.sub, o->on))
    return err_exit_status(ERR_INPUT);
  struct app_calendar c;
  if (app_calendar(&c, st, caller, &in, &err))
    return cli_fail(&err);
  int rc = 0;
  if (status) {
    size_t kept = 0;
    for (size_t k = 0; k < c.cal.n; k++)
      if (strcmp(c.cal.entries[k].status, status) == 0)
        c.cal.entries[kept++] = c.cal.entries[k];
    c.cal.n = kept;
  }
  if (o->json) {
    char *json = NULL;
    if (report_json_dump_calendar(&json, &c.cal, c.today, &err))
      rc = cli_fail(&err);
    else
      fputs(json, stdout);
    free(json);
    app_calendar_free(&c);
    return rc;
  }
  char day[DATE_ISO_LEN];
  fprintf(stderr, "Tình trạng tính đến ngày %s\n", date_iso_to_vn(day, c.today));
  cli_cell(stdout, "Số", W_ID);
  cli_cell(stdout, "Số BC", W_SCHED);
  cli_cell(stdout, "Hạn", W_DATE);
  cli_cell(stdout, "Báo cáo", W_REPORT);
  cli_cell(stdout, "Bên báo cáo", W_OWNER);
  cli_cell(stdout, "Trạng thái", W_STATUS);
  puts("Gửi lần đầu");
  for (size_t k = 0; k < c.cal.n; k++) {
    const struct calendar_entry *e = &c.cal.entries[k];
    char id[24], sid[24], d[DATE_ISO_LEN], d2[DATE_ISO_LEN], who[400], st_[96];
    snprintf(id, sizeof id, "%ld", e->report ? e->report->id : 0L);
    snprintf(sid, sizeof sid, "%ld", e->schedule->id);
    date_to_vn(d, e->due);
    if (e->owner->unit_id)
      snprintf(who, sizeof who, "%s (%s)", e->owner->unit_name, e->owner->unit_code);
    else
      snprintf(who, sizeof who, "%s", label_vi(LABEL_AGENCY_KIND, e->owner->agency_kind));
    if (e->days_late > 0)
      snprintf(st_, sizeof st_, "%s, trễ %ld ngày", label_vi(LABEL_REPORT_STATUS, e->status),
               e->days_late);
    else
      snprintf(st_, sizeof st_, "%s%s", label_vi(LABEL_REPORT_STATUS, e->status),
               e->on_time ? ", đúng hạn" : "");
    cli_cell(stdout, e->report ? id : "-", W_ID);
    cli_cell(stdout, sid, W_SCHED);
    cli_cell(stdout, d, W_DATE);
    cli_cell(stdout, e->schedule->name, W_REPORT);
    cli_cell(stdout, who, W_OWNER);
    cli_cell(stdout, st_, W_STATUS);
    puts(e->report ? vn_iso(d2, e->report->first_submitted_on) : "-");
  }
  for (size_t k = 0; k < c.cal.n_summaries; k++) {
    const struct calendar_summary *s = &c.cal.summaries[k];
    char p1[32], p2[32];
    number_format_vn(p1, sizeof p1, 100.0 * (double)s->submitted / (double)s->owed, 1);
    number_format_vn(p2, sizeof p2, 100.0 * (double)s->on_time / (double)s->owed, 1);
    char d[DATE_ISO_LEN];
    date_to_vn(d, s->occurs_on);
    printf("KH %ld, %s, hạn %s: đã gửi %zu/%zu (%s %%), đúng hạn %zu/%zu (%s %%)\n", s->plan->id,
           s->schedule->name, d, s->submitted, s->owed, p1, s->on_time, s->owed, p2);
  }
  app_calendar_free(&c);
  return rc;
}

static int edit_cmd(struct store *st, const struct scope *caller, const struct opts *o, long id)
{
  char *read[4] = {NULL, NULL, NULL, NULL};
  const char *t[4];
  struct err err = {0};
  int rc = ERR_OK;
  for (int k = 0; k < 4; k++) {
    t[k] = o->text[k];
    if (!rc && o->file[k]) {
      rc = read_text(&read[k], o->file[k], &err);
      t[k] = read[k];
    }
  }
  struct app_report_text in = {t[0], t[1], t[2], t[3]};
  if (!rc)
    rc = app_report_edit(st, caller, id, &in, &err);
  for (int k = 0; k < 4; k++)
    free(read[k]);
  if (rc)
    return cli_fail(&err);
  fprintf(stderr, "đã sửa báo cáo %ld\n", id);
  return 0;
}

static int run(struct store *st, const struct scope *caller, const struct opts *o)
{
  if (o->a.bit == S_LIST)
    return list_cmd(st, caller, o);
  long id = 0;
  char on_buf[DATE_ISO_LEN];
  const char *on = NULL;
  if (parse_id(&id, o->a.sub, o->a.pos[0]) || parse_on(&on, on_buf, o->a.sub, o->on))
    return err_exit_status(ERR_INPUT);
  struct err err = {0};
  int rc = ERR_OK;
  switch (o->a.bit) {
  case S_DRAFT: {
    struct app_report_owner in = {id, o->tree, o->unit, o->agency, o->due, on};
    long rid;
    rc = app_report_draft(&rid, st, caller, &in, &err);
    if (!rc) {
      printf("%ld\n", rid);
      fprintf(stderr, "đã lập báo cáo %ld\n", rid);
    }
    break;
  }
  case S_EDIT:
    return edit_cmd(st, caller, o, id);
  case S_SUBMIT:
    rc = app_report_submit(st, caller, id, on, &err);
    if (!rc)
      fprintf(stderr, "đã gửi báo cáo %ld\n", id);
    break;
  case S_ACCEPT:
    rc = app_report_accept(st, caller, id, o->comment, on, &err);
    if (!rc)
      fprintf(stderr, "đã tiếp nhận báo cáo %ld\n", id);
    break;
  case S_RETURN:
    rc = app_report_return(st, caller, id, o->comment, on, &err);
    if (!rc)
      fprintf(stderr, "đã trả lại báo cáo %ld\n", id);
    break;
  default: {
    struct report_view v;
    rc = app_report_show(&v, st, caller, id, &err);
    if (rc)
      break;
    char today[DATE_ISO_LEN];
    if (on)
      snprintf(today, sizeof today, "%s", on);
    else
      date_to_iso(today, date_today());
    if (o->json) {
      char *json = NULL;
      rc = report_json_dump_report(&json, &v, today, &err);
      if (!rc)
        fputs(json, stdout);
      free(json);
    } else {
      print_report(&v);
    }
    report_view_free(&v);
    break;
  }
  }
  return rc ? cli_fail(&err) : 0;
}

int cmd_report(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    fputs(report_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  if (strcmp(argv[1], "consolidated") == 0)
    return cmd_report_consolidated(argc - 1, argv + 1, g);
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
  rc = run(st, &caller, &o);
  store_close(st);
  return rc;
}
