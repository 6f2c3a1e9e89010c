/* cmd_indicators.c: `pcmt indicators` — a thin front end over the indicators' operations.
 *
 * Each subcommand parses its arguments (an option it does not use is
 * refused, never ignored), opens the store and the caller (cli_caller:
 * --as LOGIN, else $PCMT_USER, else the local administrator), calls one
 * operation of app/app_indicator.h and prints: a table padded by display
 * width (cli_table.h) with numbers as 1.234,5, indicator names and groups
 * by their Vietnamese labels (types/label.h), a comparison's two periods
 * as column headers ("Quý III/2024", "Quý III/2023") and the change; JSON
 * from output/indicator_json.h. Options naming a value (--compare, --by,
 * --agency) take its code or its Vietnamese label. A misuse exits 2 (the
 * error table's input status); a failed operation exits with its error's
 * status (err_exit_status). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_indicator.h"
#include "base/number.h"
#include "base/text.h"
#include "cli/cli.h"
#include "cli/cli_registers.h"
#include "cli/cli_table.h"
#include "output/indicator_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char ind_help[] =
    "usage: pcmt indicators [--unit CODE [--tree pre2025|post2025]] --period P\n"
    "                       [--compare previous|last-year] [--by sex|age|agency|substance]\n"
    "                       [--json] [--as LOGIN] [--purpose TEXT]\n"
    "       pcmt indicators list [--json]\n"
    "       pcmt indicators enter CODE --unit CODE [--tree T] --period P --value V\n"
    "                       [--agency KIND] [--source TEXT] [--json] [--as LOGIN]\n"
    "                       [--purpose TEXT]\n\n"
    "P is 2024, 2024-H1, 2024-Q3, 2024-09, 2024-09-15, 2024-09-01..2024-10-31, or a\n"
    "Vietnamese phrase (\"Quý III/2024\", \"6 tháng đầu năm 2024\"). --unit defaults to the\n"
    "caller's whole territory; a code both unit trees have is read in the tree in force\n"
    "on the period's last day (15 for 2024: Yên Bái; for 2026: Lào Cai) unless --tree\n"
    "names it, and the unit taken is printed. --compare, --by and --agency take a code\n"
    "or its Vietnamese label (\"cùng kỳ năm trước\", \"giới tính\", \"Hải quan\").\n"
    "Indicators of the people, cases, places, activities and licit-entity registers are\n"
    "computed; the others (express-delivery leads) come from values entered with\n"
    "'enter', which an administrator or an officer does, as the user --as names\n"
    "(default $PCMT_USER, else the local administrator). Every role reads the figures of\n"
    "its territory. Definitions: docs/indicators.md.\n";

/* ---------------------------------------------------------------------------
 * Arguments
 * ------------------------------------------------------------------------- */

enum { S_SHOW = 1, S_LIST = 2, S_ENTER = 4, S_DB = S_SHOW | S_ENTER };

struct opts {
  unsigned bit;     /* the subcommand */
  const char *name; /* ... as typed, for messages */
  const char *code; /* enter: the indicator */
  const char *unit, *tree, *period, *compare, *by, *value, *agency, *source, *as, *purpose;
  int json;
};

static const struct {
  const char *name;
  size_t off;    /* where the value goes (a const char *) */
  unsigned subs; /* the subcommands that use it */
} options[] = {
    {"--unit", offsetof(struct opts, unit), S_DB},
    {"--tree", offsetof(struct opts, tree), S_DB},
    {"--period", offsetof(struct opts, period), S_DB},
    {"--compare", offsetof(struct opts, compare), S_SHOW},
    {"--by", offsetof(struct opts, by), S_SHOW},
    {"--value", offsetof(struct opts, value), S_ENTER},
    {"--agency", offsetof(struct opts, agency), S_ENTER},
    {"--source", offsetof(struct opts, source), S_ENTER},
    {"--as", offsetof(struct opts, as), S_DB},
    {"--purpose", offsetof(struct opts, purpose), S_DB},
};

/* Print the misuse; the exit status of a misuse. */
static int usage(const struct opts *o, const char *what, const char *arg)
{
  fprintf(stderr, "pcmt indicators%s%s: %s%s%s%s\n", o->name ? " " : "", o->name ? o->name : "",
          what, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
  fprintf(stderr, "(pcmt indicators --help)\n");
  return err_exit_status(ERR_INPUT);
}

/* Parse argv (argv[1] may name the subcommand); 0, or the exit status of a
 * misuse (printed). */
static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int i = 1;
  o->bit = S_SHOW;
  if (argc >= 2 && strcmp(argv[1], "list") == 0)
    o->bit = S_LIST;
  else if (argc >= 2 && strcmp(argv[1], "enter") == 0)
    o->bit = S_ENTER;
  if (o->bit != S_SHOW)
    o->name = argv[i++];
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--json") == 0) {
      o->json = 1;
      continue;
    }
    if (a[0] != '-' || a[1] != '-') {
      if (o->bit != S_ENTER)
        return usage(o, o->bit == S_SHOW ? "không có lệnh con" : "thừa đối số", a);
      if (o->code)
        return usage(o, "thừa đối số", a);
      o->code = a;
      continue;
    }
    size_t k = 0;
    while (k < sizeof options / sizeof options[0] && strcmp(a, options[k].name) != 0)
      k++;
    if (k == sizeof options / sizeof options[0])
      return usage(o, "không có tùy chọn", a);
    if (!(options[k].subs & o->bit))
      return usage(o, "tùy chọn không dùng cho lệnh này:", a);
    if (i + 1 >= argc)
      return usage(o, "tùy chọn cần một giá trị:", a);
    *(const char **)((char *)o + options[k].off) = argv[++i];
  }
  if (o->tree && !o->unit)
    return usage(o, "--tree chỉ đi cùng --unit", NULL);
  if (o->bit == S_ENTER && (!o->code || !o->unit || !o->value))
    return usage(o, "cần mã chỉ tiêu, --unit, --period và --value", NULL);
  return 0;
}

/* A label set's code named by `text` (its code or Vietnamese label) as an
 * enum value (the set's index) into *out; ERR_INPUT listing the values. */
static int parse_enum(int *out, enum label_set set, const char *text, const char *what,
                      struct err *err)
{
  const char *code;
  int rc = label_parse(&code, set, text, what, err);
  if (!rc && !*code)
    rc = err_set(err, ERR_INPUT, "%s cần một giá trị", what);
  if (!rc)
    *out = label_index(set, code);
  return rc;
}

/* The number --value gives, as an officer writes it: "12", "1.234", "12,5". */
static int parse_value(double *out, const char *s, struct err *err)
{
  if (number_parse_vn(out, s))
    return err_set(err, ERR_INPUT, "giá trị \"%s\" không phải là số (viết 1.234 hoặc 12,5)", s);
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Text output
 * ------------------------------------------------------------------------- */

/* s right-aligned in a column `width` display columns wide, then two spaces. */
static void cell_right(const char *s, size_t width)
{
  for (size_t w = text_width(s); w < width; w++)
    fputc(' ', stdout);
  fputs(s, stdout);
  fputs("  ", stdout);
}

/* A figure as a report writes it ("4.265.756", "66,7% (2/3)"), "-" for none. */
static const char *figure(char *buf, size_t n, const struct indicator_result *r)
{
  char a[48], b[48], v[48];
  if (!r || !r->has_value)
    snprintf(buf, n, "-");
  else if (r->def->kind == IND_RATIO)
    snprintf(buf, n, "%s%% (%s/%s)", number_format_vn(v, sizeof v, r->value, 1),
             number_format_vn(a, sizeof a, r->num, 2), number_format_vn(b, sizeof b, r->den, 2));
  else
    number_format_vn(buf, n, r->value, 2);
  return buf;
}

/* A change with its sign ("+3", "-1,5", "0"), `pct` adds "%"; "-" when
 * there is none, "—" for a percentage over an earlier 0. */
static const char *change(char *buf, size_t n, const struct indicator_row *row, int pct)
{
  char v[48];
  if (!row->has_change)
    snprintf(buf, n, "-");
  else if (pct && !row->has_change_pct)
    snprintf(buf, n, "—");
  else {
    double c = pct ? row->change_pct : row->change;
    number_format_vn(v, sizeof v, c, 1);
    snprintf(buf, n, "%s%s%s", c > 0 && strcmp(v, "0") ? "+" : "", v, pct ? "%" : "");
  }
  return buf;
}

/* The widest of the header and each row's cell of column `col`. */
static size_t column_width(const struct indicator_report *r, const char *head, int col)
{
  size_t w = text_width(head);
  for (size_t i = 0; i < r->n; i++) {
    char b[160];
    const struct indicator_row *row = &r->rows[i];
    const char *s = col == 0   ? figure(b, sizeof b, row->now)
                    : col == 1 ? figure(b, sizeof b, row->before)
                    : col == 2 ? change(b, sizeof b, row, 0)
                    : col == 3 ? change(b, sizeof b, row, 1)
                    : col == 4 ? row->now->def->code
                               : indicator_group_label(r->split, row->now->group);
    if (text_width(s) > w)
      w = text_width(s);
  }
  return w;
}

static void show_text(const struct indicator_report *r)
{
  char now[64], before[64], label[300];
  period_name_vn(now, sizeof now, &r->period);
  if (r->compared)
    period_name_vn(before, sizeof before, &r->earlier);
  const struct unit *u = &r->unit;
  if (u->id > 0)
    printf("Đơn vị: %s\n", unit_label(label, sizeof label, u));
  if (u->id > 0)
    printf("Chỉ tiêu của %s %s, %s", u->type, u->name, now);
  else
    printf("Chỉ tiêu của toàn quốc, %s", now);
  if (r->compared)
    printf(" so với %s", before);
  printf("\n\n");
  const char *h_code = "Mã chỉ tiêu", *h_group = "Nhóm", *h_change = "Thay đổi", *h_pct = "%";
  size_t w_code = column_width(r, h_code, 4), w_group = column_width(r, h_group, 5);
  size_t w_now = column_width(r, now, 0), w_before = r->compared ? column_width(r, before, 1) : 0;
  size_t w_change = r->compared ? column_width(r, h_change, 2) : 0;
  size_t w_pct = r->compared ? column_width(r, h_pct, 3) : 0;
  cli_cell(stdout, h_code, w_code + 1);
  if (r->split != IND_SPLIT_NONE)
    cli_cell(stdout, h_group, w_group + 1);
  cell_right(now, w_now);
  if (r->compared) {
    cell_right(before, w_before);
    cell_right(h_change, w_change);
    cell_right(h_pct, w_pct);
  }
  printf("Chỉ tiêu (đơn vị tính)\n");
  for (size_t i = 0; i < r->n; i++) {
    const struct indicator_row *row = &r->rows[i];
    char b[160];
    cli_cell(stdout, row->now->def->code, w_code + 1);
    if (r->split != IND_SPLIT_NONE)
      cli_cell(stdout, indicator_group_label(r->split, row->now->group), w_group + 1);
    cell_right(figure(b, sizeof b, row->now), w_now);
    if (r->compared) {
      cell_right(figure(b, sizeof b, row->before), w_before);
      cell_right(change(b, sizeof b, row, 0), w_change);
      cell_right(change(b, sizeof b, row, 1), w_pct);
    }
    printf("%s (%s)\n", indicator_name(row->now->def), row->now->def->unit);
  }
}

static void list_text(const struct indicator_def *c, size_t n)
{
  size_t w_code = text_width("Mã chỉ tiêu"), w_kind = text_width("Loại"),
         w_src = text_width("Nguồn");
  for (size_t i = 0; i < n; i++) {
    size_t wc = text_width(c[i].code);
    size_t wk = text_width(label_at(LABEL_INDICATOR_KIND, c[i].kind));
    size_t ws = text_width(label_at(LABEL_IND_SOURCE, c[i].source));
    w_code = wc > w_code ? wc : w_code;
    w_kind = wk > w_kind ? wk : w_kind;
    w_src = ws > w_src ? ws : w_src;
  }
  cli_cell(stdout, "Mã chỉ tiêu", w_code + 1);
  cli_cell(stdout, "Loại", w_kind + 1);
  cli_cell(stdout, "Nguồn", w_src + 1);
  printf("Chỉ tiêu (đơn vị tính)\n");
  for (size_t i = 0; i < n; i++) {
    cli_cell(stdout, c[i].code, w_code + 1);
    cli_cell(stdout, label_at(LABEL_INDICATOR_KIND, c[i].kind), w_kind + 1);
    cli_cell(stdout, label_at(LABEL_IND_SOURCE, c[i].source), w_src + 1);
    printf("%s (%s)\n", indicator_name(&c[i]), c[i].unit);
  }
}

static int print_dump(int rc, char *s, const struct err *err)
{
  if (rc)
    return cli_fail(err);
  fputs(s, stdout);
  free(s);
  return 0;
}

/* ---------------------------------------------------------------------------
 * The subcommands
 * ------------------------------------------------------------------------- */

static int ind_list(const struct opts *o)
{
  size_t n;
  const struct indicator_def *c = app_indicator_list(&n);
  if (!o->json) {
    list_text(c, n);
    return 0;
  }
  struct err err = {0};
  char *s;
  int rc = indicator_json_dump_catalogue(&s, c, n, &err);
  return print_dump(rc, s, &err);
}

/* The store and the caller; on failure nothing is left open and *st is NULL. */
static int open_caller(struct store **st, struct scope *caller, const struct cli_global *g,
                       const struct opts *o, const char *purpose, struct err *err)
{
  int rc = cli_open_store(st, g, err);
  if (rc) {
    *st = NULL;
    return rc;
  }
  rc = cli_caller(caller, *st, o->as, o->purpose ? o->purpose : purpose, err);
  if (rc) {
    store_close(*st);
    *st = NULL;
  }
  return rc;
}

static int ind_show(const struct opts *o, const struct cli_global *g)
{
  struct err err = {0};
  struct app_ind_query q = {o->tree, o->unit, {0}, APP_IND_COMPARE_NONE, IND_SPLIT_NONE};
  int compare = 0, split = 0;
  int rc = app_indicator_period(&q.period, o->period, &err);
  if (!rc && o->compare)
    rc = parse_enum(&compare, LABEL_IND_COMPARE, o->compare, "cách so sánh (--compare)", &err);
  if (!rc && o->by)
    rc = parse_enum(&split, LABEL_IND_SPLIT, o->by, "cách chia nhóm (--by)", &err);
  if (rc)
    return cli_fail(&err);
  q.compare = (enum app_ind_compare)compare;
  q.split = (enum ind_split)split;
  struct store *st;
  struct scope caller;
  if (open_caller(&st, &caller, g, o, "xem chỉ tiêu", &err))
    return cli_fail(&err);
  struct indicator_report r;
  rc = app_indicator_compute(&r, st, &caller, &q, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    char *s;
    rc = indicator_json_dump_report(
        &s, &r, compare ? label_code_at(LABEL_IND_COMPARE, compare) : NULL, &err);
    indicator_report_free(&r);
    return print_dump(rc, s, &err);
  }
  show_text(&r);
  indicator_report_free(&r);
  return 0;
}

static int ind_enter(const struct opts *o, const struct cli_global *g)
{
  struct err err = {0};
  struct app_ind_entry in = {o->code, o->tree, o->unit, NULL, {0}, 0, o->source, NULL};
  int rc = app_indicator_period(&in.period, o->period, &err);
  if (!rc)
    rc = parse_value(&in.value, o->value, &err);
  if (!rc && o->agency)
    rc =
        label_parse(&in.agency_kind, LABEL_AGENCY_KIND, o->agency, "loại cơ quan (--agency)", &err);
  if (rc)
    return cli_fail(&err);
  struct store *st;
  struct scope caller;
  if (open_caller(&st, &caller, g, o, "nhập số liệu tổng hợp", &err))
    return cli_fail(&err);
  struct indicator_entered e;
  rc = app_indicator_enter(&e, st, &caller, &in, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    char *s;
    rc = indicator_json_dump_entered(&s, &e, &err);
    return print_dump(rc, s, &err);
  }
  char name[64], label[300], shown[48];
  period_name_vn(name, sizeof name, &e.period);
  printf("Đơn vị: %s\n", unit_label(label, sizeof label, &e.unit));
  printf("đã nhập %s = %s cho đơn vị %s (hệ %s), %s%s%s; người nhập: %s\n", e.def->code,
         number_format_vn(shown, sizeof shown, e.value, 6), e.unit.code, e.unit.tree, name,
         e.agency_kind[0] ? ", cơ quan: " : "",
         e.agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, e.agency_kind) : "", e.by);
  return 0;
}

int cmd_indicators(int argc, char **argv, const struct cli_global *g)
{
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                    strcmp(argv[1], "help") == 0)) {
    fputs(ind_help, stdout);
    return 0;
  }
  struct opts o;
  int rc = parse_opts(&o, argc, argv);
  if (rc)
    return rc;
  if (o.bit == S_LIST)
    return ind_list(&o);
  if (o.bit == S_ENTER)
    return ind_enter(&o, g);
  return ind_show(&o, g);
}
