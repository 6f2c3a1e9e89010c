/* cmd_calendar.c: `pcmt calendar` — a thin front end over the reporting
 * calendar (app/app_report.h).
 *
 * Parses its arguments (an option a subcommand does not use is refused),
 * opens the store and the caller (cli_caller), calls one operation and
 * prints a table padded by display width (cli_table.h), codes by their
 * Vietnamese labels (types/label.h), dates dd/mm/yyyy, shares as 12,5 %;
 * JSON from output/report_json.h. A misuse exits 2; a failed operation
 * exits with its error's status (err_exit_status). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_report.h"
#include "base/date.h"
#include "base/number.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_args.h"
#include "cli/cli_table.h"
#include "output/report_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char calendar_help[] =
    "usage: pcmt calendar [--plan ID] [--unit CODE [--tree T]] [--from DATE] [--to DATE]\n"
    "                     [--on DATE] [--json]\n"
    "       pcmt calendar set SCHEDULE_ID [--periodicity P] [--cutoff-from DATE --cutoff-to DATE]\n"
    "                     [--no-cutoff] [--lead-days N]\n"
    "       pcmt calendar regime [--json]\n"
    "       pcmt calendar regime set ID --cut-day N --from DATE [--to DATE]\n\n"
    "Every command acts as --as LOGIN (default $PCMT_USER, else the local administrator)\n"
    "for --purpose TEXT.\n"
    "calendar: who owes which report of the published plans of the territory (or of --unit),\n"
    "for which data period (cut-off), by which date, to whom, its status and lateness on DATE\n"
    "(default today), then per report the share of units and agencies that reported and\n"
    "that reported on time. --from/--to keep the due dates in that range.\n"
    "set: a scheduled report's periodicity (once, monthly, quarterly, half_year, annual,\n"
    "phase, campaign, campaign_months; \"\" reads it from the name), the plan's own cut-off\n"
    "(--no-cutoff removes it) and the days the units below report before the due date.\n"
    "regime: the statutory cut-off rules (Decree 09/2019/NĐ-CP Art. 12); set: change one\n"
    "(administrator). Dates dd/mm/yyyy or ISO.\n"
    "Docs: docs/reports.md, docs/cli.md\n";

struct opts {
  struct cli_args a; /* the positional arguments */
  const char *as, *purpose, *plan, *unit, *tree, *from, *to, *on, *periodicity, *cutoff_from,
      *cutoff_to, *lead_days, *cut_day;
  int json, no_cutoff;
};

static const struct cli_opt options[] = {
    {"--json", offsetof(struct opts, json), CLI_ALL, 1},
    {"--no-cutoff", offsetof(struct opts, no_cutoff), CLI_ALL, 1},
    {"--as", offsetof(struct opts, as), CLI_ALL, 0},
    {"--purpose", offsetof(struct opts, purpose), CLI_ALL, 0},
    {"--plan", offsetof(struct opts, plan), CLI_ALL, 0},
    {"--unit", offsetof(struct opts, unit), CLI_ALL, 0},
    {"--tree", offsetof(struct opts, tree), CLI_ALL, 0},
    {"--from", offsetof(struct opts, from), CLI_ALL, 0},
    {"--to", offsetof(struct opts, to), CLI_ALL, 0},
    {"--on", offsetof(struct opts, on), CLI_ALL, 0},
    {"--periodicity", offsetof(struct opts, periodicity), CLI_ALL, 0},
    {"--cutoff-from", offsetof(struct opts, cutoff_from), CLI_ALL, 0},
    {"--cutoff-to", offsetof(struct opts, cutoff_to), CLI_ALL, 0},
    {"--lead-days", offsetof(struct opts, lead_days), CLI_ALL, 0},
    {"--cut-day", offsetof(struct opts, cut_day), CLI_ALL, 0},
};

/* Print a misuse; the exit status of a misuse. */
static int usage(const char *what, const char *arg)
{
  struct cli_args a = {.cmd = "calendar"};
  return cli_args_usage(&a, what, arg);
}

/* Parse argv (up to three positional arguments); 0, or the exit status of a
 * misuse (printed). */
static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int rc = cli_args_parse(&o->a, o, "calendar", NULL, 0, 3, options,
                          sizeof options / sizeof options[0], argc, argv);
  if (rc)
    return rc;
  if (o->tree && !o->unit)
    return usage("--tree chỉ đi cùng --unit", NULL);
  return 0;
}

/* Refuse the options the subcommand `sub` does not use (names in `allowed`). */
static int only(const struct opts *o, const char *sub, const char *allowed)
{
  for (size_t k = 0; k < sizeof options / sizeof options[0]; k++) {
    if (options[k].flag)
      continue; /* the flags: below */
    const char *v = *(const char *const *)((const char *)o + options[k].off);
    if (v && !strstr(allowed, options[k].name))
      return usage(sub, options[k].name);
  }
  if (o->json && !strstr(allowed, "--json"))
    return usage(sub, "--json");
  if (o->no_cutoff && !strstr(allowed, "--no-cutoff"))
    return usage(sub, "--no-cutoff");
  return 0;
}

static int parse_long(long *out, const char *s, long min, long max)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < min || v > max)
    return usage("số không hợp lệ:", s);
  *out = v;
  return 0;
}

/* ---- text output -------------------------------------------------------------- */

static const char *vn_date(char *buf, struct date d)
{
  if (!d.y)
    return "-";
  date_to_vn(buf, d);
  return buf;
}

/* s cut to at most `cols` display columns, "…" when cut, into buf. */
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

enum { W_DATE = 12, W_PLAN = 6, W_REPORT = 26, W_CUT = 25, W_OWNER = 34, W_STATUS = 24 };

static void print_calendar(const struct app_calendar *c)
{
  char day[DATE_ISO_LEN];
  fprintf(stderr, "Tình trạng tính đến ngày %s\n", date_iso_to_vn(day, c->today));
  if (!c->cal.n) {
    fprintf(stderr, "không có báo cáo nào phải gửi trong địa bàn và khoảng ngày này\n");
    return;
  }
  cli_cell(stdout, "Hạn", W_DATE);
  cli_cell(stdout, "KH", W_PLAN);
  cli_cell(stdout, "Báo cáo", W_REPORT);
  cli_cell(stdout, "Kỳ số liệu", W_CUT);
  cli_cell(stdout, "Bên báo cáo", W_OWNER);
  cli_cell(stdout, "Trạng thái", W_STATUS);
  puts("Gửi đến");
  for (size_t k = 0; k < c->cal.n; k++) {
    const struct calendar_entry *e = &c->cal.entries[k];
    char d[DATE_ISO_LEN], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], plan[24], cut[64], who[400],
        status[96], b[600];
    snprintf(plan, sizeof plan, "%ld", e->plan->id);
    if (e->cutoff.from.y)
      snprintf(cut, sizeof cut, "%s-%s%s", vn_date(d1, e->cutoff.from), vn_date(d2, e->cutoff.to),
               e->cutoff.clipped ? "*" : "");
    else
      snprintf(cut, sizeof cut, "chưa xác định");
    if (e->owner->unit_id)
      snprintf(who, sizeof who, "%s (%s)", e->owner->unit_name, e->owner->unit_code);
    else
      snprintf(who, sizeof who, "%s", label_vi(LABEL_AGENCY_KIND, e->owner->agency_kind));
    if (e->days_late > 0)
      snprintf(status, sizeof status, "%s, trễ %ld ngày", label_vi(LABEL_REPORT_STATUS, e->status),
               e->days_late);
    else
      snprintf(status, sizeof status, "%s%s", label_vi(LABEL_REPORT_STATUS, e->status),
               e->on_time ? ", đúng hạn" : "");
    cli_cell(stdout, vn_date(d, e->due), W_DATE);
    cli_cell(stdout, plan, W_PLAN);
    cli_cell(stdout, clip(b, sizeof b, e->schedule->name, W_REPORT - 1), W_REPORT);
    cli_cell(stdout, cut, W_CUT);
    cli_cell(stdout, clip(b, sizeof b, who, W_OWNER - 1), W_OWNER);
    cli_cell(stdout, status, W_STATUS);
    puts(e->recipient && *e->recipient ? e->recipient : "-");
  }
  printf("\nTỷ lệ báo cáo (* kỳ số liệu cắt đến ngày trước hạn gửi):\n");
  for (size_t k = 0; k < c->cal.n_summaries; k++) {
    const struct calendar_summary *s = &c->cal.summaries[k];
    char p1[32], p2[32];
    number_format_vn(p1, sizeof p1, 100.0 * (double)s->submitted / (double)s->owed, 1);
    number_format_vn(p2, sizeof p2, 100.0 * (double)s->on_time / (double)s->owed, 1);
    char d[DATE_ISO_LEN];
    date_to_vn(d, s->occurs_on);
    printf("KH %ld, %s, hạn %s: đã gửi %zu/%zu (%s %%), đúng hạn %zu/%zu (%s %%)\n", s->plan->id,
           s->schedule->name, d, s->submitted, s->owed, p1, s->on_time, s->owed, p2);
  }
}

/* ---- subcommands ------------------------------------------------------------------ */

static int list_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  int rc = only(o, "lệnh không dùng tùy chọn",
                "--as --purpose --plan --unit --tree --from "
                "--to --on --json");
  if (rc)
    return rc;
  struct app_calendar_in in = {0, o->tree, o->unit, o->from, o->to, o->on};
  if (o->plan && parse_long(&in.plan_id, o->plan, 1, 1L << 40))
    return err_exit_status(ERR_INPUT);
  struct err err = {0};
  struct app_calendar c;
  if (app_calendar(&c, st, caller, &in, &err))
    return cli_fail(&err);
  if (o->unit) {
    char label[256];
    fprintf(stderr, "Đơn vị: %s\n", unit_label(label, sizeof label, &c.unit));
  }
  rc = 0;
  if (o->json) {
    char *json = NULL;
    if (report_json_dump_calendar(&json, &c.cal, c.today, &err))
      rc = cli_fail(&err);
    else
      fputs(json, stdout);
    free(json);
  } else {
    print_calendar(&c);
  }
  app_calendar_free(&c);
  return rc;
}

static int set_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  int rc = only(o, "lệnh set không dùng tùy chọn",
                "--as --purpose --periodicity --cutoff-from --cutoff-to --no-cutoff --lead-days");
  if (rc)
    return rc;
  if (o->a.npos != 2)
    return usage("cần một số hiệu báo cáo định kỳ", NULL);
  struct app_calendar_set_in in = {0, o->periodicity, o->cutoff_from, o->cutoff_to, -1};
  if (parse_long(&in.schedule_id, o->a.pos[1], 1, 1L << 40))
    return err_exit_status(ERR_INPUT);
  if (o->no_cutoff) {
    if (o->cutoff_from || o->cutoff_to)
      return usage("--no-cutoff không đi cùng --cutoff-from/--cutoff-to", NULL);
    in.cutoff_from = in.cutoff_to = "";
  }
  long lead;
  if (o->lead_days) {
    if (parse_long(&lead, o->lead_days, 0, 60))
      return err_exit_status(ERR_INPUT);
    in.lead_days = (int)lead;
  }
  if (!o->periodicity && !in.cutoff_from && !in.cutoff_to && !o->lead_days)
    return usage("không có gì để sửa", NULL);
  struct err err = {0};
  if (app_calendar_set(st, caller, &in, &err))
    return cli_fail(&err);
  fprintf(stderr, "đã sửa báo cáo định kỳ %ld\n", in.schedule_id);
  return 0;
}

static int regime_cmd(struct store *st, const struct scope *caller, const struct opts *o)
{
  struct err err = {0};
  if (o->a.npos == 1 || (o->a.npos == 2 && strcmp(o->a.pos[1], "list") == 0)) {
    int rc = only(o, "lệnh regime không dùng tùy chọn", "--as --purpose --json");
    if (rc)
      return rc;
    struct store_cal_regime *r;
    size_t n;
    if (app_calendar_regimes(&r, &n, st, &err))
      return cli_fail(&err);
    rc = 0;
    if (o->json) {
      char *json = NULL;
      if (report_json_dump_regimes(&json, r, n, &err))
        rc = cli_fail(&err);
      else
        fputs(json, stdout);
      free(json);
    }
    for (size_t k = 0; !o->json && k < n; k++) {
      char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], id[24];
      snprintf(id, sizeof id, "%ld", r[k].id);
      cli_cell(stdout, id, 5);
      cli_cell(stdout, label_vi(LABEL_PERIODICITY, r[k].periodicity), 12);
      printf("ngày chốt %2d  từ %s%s%s  %s\n", r[k].cut_day, date_iso_to_vn(d1, r[k].from),
             r[k].to[0] ? " đến " : "", r[k].to[0] ? date_iso_to_vn(d2, r[k].to) : "", r[k].source);
    }
    free(r);
    return rc;
  }
  if (o->a.npos != 3 || strcmp(o->a.pos[1], "set") != 0)
    return usage("dùng: pcmt calendar regime [set ID ...]", NULL);
  int rc = only(o, "lệnh regime set không dùng tùy chọn", "--as --purpose --cut-day --from --to");
  if (rc)
    return rc;
  long id, day;
  if (!o->cut_day || !o->from)
    return usage("cần --cut-day và --from", NULL);
  if (parse_long(&id, o->a.pos[2], 1, 1L << 40) || parse_long(&day, o->cut_day, 1, 28))
    return err_exit_status(ERR_INPUT);
  if (app_calendar_regime_set(st, caller, id, (int)day, o->from, o->to, &err))
    return cli_fail(&err);
  fprintf(stderr, "đã sửa quy định kỳ số liệu %ld\n", id);
  return 0;
}

int cmd_calendar(int argc, char **argv, const struct cli_global *g)
{
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                    strcmp(argv[1], "help") == 0)) {
    fputs(calendar_help, stdout);
    return 0;
  }
  struct opts o;
  int rc = parse_opts(&o, argc, argv);
  if (rc)
    return rc;
  const char *sub = o.a.npos ? o.a.pos[0] : "";
  if (*sub && strcmp(sub, "set") != 0 && strcmp(sub, "regime") != 0)
    return usage("không có lệnh con", sub);
  if (!*sub && o.a.npos)
    return usage("thừa đối số", o.a.pos[0]);
  struct store *st;
  struct scope caller;
  struct err err = {0};
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  if (cli_caller(&caller, st, o.as, o.purpose, &err)) {
    store_close(st);
    return cli_fail(&err);
  }
  if (!*sub)
    rc = list_cmd(st, &caller, &o);
  else if (strcmp(sub, "set") == 0)
    rc = set_cmd(st, &caller, &o);
  else
    rc = regime_cmd(st, &caller, &o);
  store_close(st);
  return rc;
}
