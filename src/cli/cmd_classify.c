/* cmd_classify.c: `pcmt classify` — a thin front end over the yearly classification of
 * communes (app/app_classify.h).
 *
 * `classify --year Y` prints each commune's figures and class, the rule
 * set used and what it lacks; `classify residents` records a unit's
 * residents for a year. Options a subcommand does not use are refused; a
 * misuse exits 2, a failed operation with its error's status. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_classify.h"
#include "base/number.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/classify_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char classify_help[] =
    "usage: pcmt classify --year Y [--unit CODE [--tree T]] [--json]\n"
    "       pcmt classify residents --unit CODE --year Y --value N --source TEXT\n"
    "       pcmt classify drug-free list --year Y [--unit CODE [--tree T]] [--json]\n"
    "       pcmt classify drug-free submit --unit COMMUNE --year Y --text TEXT\n"
    "       pcmt classify drug-free recognise|refuse --unit COMMUNE --year Y --decision TEXT\n"
    "       pcmt classify drug-free carry --from OLD --to NEW --year Y --decision TEXT\n"
    "       pcmt classify roadmap --unit PROVINCE --year Y --share P --source TEXT\n"
    "       pcmt classify rule RULESET LEVEL CLASS CRITERION [--threshold X] [--area M2]\n"
    "                     [--min-met N] --source TEXT\n\n"
    "The communes of --unit (default: the user's territory) classified for year Y as complex\n"
    "drug areas (type I, II, III) by the rules in force on 31/12/Y, from the registers and\n"
    "the residents entered for Y; a criterion the rules or the data do not give is shown as\n"
    "unknown, never guessed. residents: the number of residents of a unit in Y and its source.\n"
    "drug-free: the commune's yearly self-assessment, the province's decision, a pre-2025\n"
    "commune's recognition carried to a successor by decision, the list of a year with the\n"
    "province's roadmap (roadmap: the share of communes it registered for year Y).\n"
    "rule (a national administrator): enter a threshold of a rule set from its official text,\n"
    "e.g. rule qd28_2025 commune type2 managed_ratio --threshold 0,3 --source \"QĐ 28/2025\".\n"
    "Acts as --as LOGIN (default $PCMT_USER, else the local administrator).\n"
    "Docs: docs/classification.md, docs/cli.md\n";

enum sub {
  SUB_RUN,
  SUB_RESIDENTS,
  SUB_LIST,
  SUB_SUBMIT,
  SUB_RECOGNISE,
  SUB_REFUSE,
  SUB_CARRY,
  SUB_ROADMAP
};

struct opts {
  enum sub sub;
  const char *year, *unit, *tree, *value, *source, *text, *decision, *from, *to, *share, *as,
      *purpose;
  int json;
};

/* Options and the subcommands (bits of enum sub) that take them. */
#define B(x) (1u << (x))
static const struct {
  const char *name;
  size_t off;
  unsigned subs;
} OPTIONS[] = {
    {"--year", offsetof(struct opts, year), ~0u},
    {"--unit", offsetof(struct opts, unit), ~B(SUB_CARRY)},
    {"--tree", offsetof(struct opts, tree), B(SUB_RUN) | B(SUB_LIST) | B(SUB_RESIDENTS)},
    {"--value", offsetof(struct opts, value), B(SUB_RESIDENTS)},
    {"--source", offsetof(struct opts, source), B(SUB_RESIDENTS) | B(SUB_ROADMAP)},
    {"--text", offsetof(struct opts, text), B(SUB_SUBMIT)},
    {"--decision", offsetof(struct opts, decision),
     B(SUB_RECOGNISE) | B(SUB_REFUSE) | B(SUB_CARRY)},
    {"--from", offsetof(struct opts, from), B(SUB_CARRY)},
    {"--to", offsetof(struct opts, to), B(SUB_CARRY)},
    {"--share", offsetof(struct opts, share), B(SUB_ROADMAP)},
    {"--as", offsetof(struct opts, as), ~0u},
    {"--purpose", offsetof(struct opts, purpose), ~0u},
};

static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt classify: %s%s%s%s\n(pcmt classify --help)\n", what, arg ? " '" : "",
          arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

/* The subcommand named at argv[1..]; *next the first option. */
static int parse_sub(enum sub *out, int *next, int argc, char **argv)
{
  static const struct {
    const char *name;
    enum sub sub;
  } DF[] = {{"list", SUB_LIST},
            {"submit", SUB_SUBMIT},
            {"recognise", SUB_RECOGNISE},
            {"refuse", SUB_REFUSE},
            {"carry", SUB_CARRY}};
  *out = SUB_RUN;
  *next = 1;
  if (argc < 2 || strncmp(argv[1], "--", 2) == 0)
    return 0;
  if (strcmp(argv[1], "residents") == 0 || strcmp(argv[1], "roadmap") == 0) {
    *out = argv[1][0] == 'r' && argv[1][1] == 'e' ? SUB_RESIDENTS : SUB_ROADMAP;
    *next = 2;
    return 0;
  }
  if (strcmp(argv[1], "drug-free") != 0)
    return usage("không có lệnh con", argv[1]);
  for (size_t i = 0; argc > 2 && i < sizeof DF / sizeof DF[0]; i++)
    if (strcmp(argv[2], DF[i].name) == 0) {
      *out = DF[i].sub;
      *next = 3;
      return 0;
    }
  return usage("drug-free cần list, submit, recognise, refuse hoặc carry",
               argc > 2 ? argv[2] : NULL);
}

static int parse(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int i, rc = parse_sub(&o->sub, &i, argc, argv);
  if (rc)
    return rc;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0 && (o->sub == SUB_RUN || o->sub == SUB_LIST)) {
      o->json = 1;
      continue;
    }
    size_t k = 0;
    while (k < sizeof OPTIONS / sizeof OPTIONS[0] && strcmp(argv[i], OPTIONS[k].name) != 0)
      k++;
    if (k == sizeof OPTIONS / sizeof OPTIONS[0] || !(OPTIONS[k].subs & B(o->sub)))
      return usage("không có tùy chọn này cho lệnh", argv[i]);
    if (i + 1 >= argc)
      return usage("tùy chọn cần một giá trị:", argv[i]);
    *(const char **)((char *)o + OPTIONS[k].off) = argv[++i];
  }
  if (!o->year)
    return usage("cần --year", NULL);
  if (o->tree && !o->unit)
    return usage("--tree chỉ đi cùng --unit", NULL);
  int need_unit = o->sub != SUB_RUN && o->sub != SUB_LIST && o->sub != SUB_CARRY;
  if (need_unit && !o->unit)
    return usage("cần --unit", NULL);
  if (o->sub == SUB_RESIDENTS && (!o->value || !o->source))
    return usage("residents cần --value và --source", NULL);
  if (o->sub == SUB_SUBMIT && !o->text)
    return usage("submit cần --text: nội dung tự đánh giá", NULL);
  if ((o->sub == SUB_RECOGNISE || o->sub == SUB_REFUSE || o->sub == SUB_CARRY) && !o->decision)
    return usage("cần --decision: số, ngày của quyết định", NULL);
  if (o->sub == SUB_CARRY && (!o->from || !o->to))
    return usage("carry cần --from và --to", NULL);
  if (o->sub == SUB_ROADMAP && (!o->share || !o->source))
    return usage("roadmap cần --share và --source", NULL);
  return 0;
}

static int parse_long(long *out, const char *s, long lo, long hi)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < lo || v > hi)
    return -1;
  *out = v;
  return 0;
}

static void print_report(const struct classify_report *r)
{
  printf("Phân loại địa bàn năm %d theo %s\n", r->year, r->communes.source);
  printf("Ghi chú: %s\n\n", r->communes.note);
  cli_cell(stdout, "Mã", 7);
  cli_cell(stdout, "Đơn vị", 28);
  cli_cell(stdout, "Số dân", 10);
  cli_cell(stdout, "Có HSQL", 9);
  cli_cell(stdout, "Điểm", 6);
  cli_cell(stdout, "Bị bắt", 8);
  cli_cell(stdout, "Cây", 8);
  printf("Phân loại\n");
  for (size_t i = 0; i < r->n; i++) {
    const struct classify_row *w = &r->rows[i];
    char name[200], b[5][32], type[4];
    snprintf(name, sizeof name, "%s %s", w->unit.type, w->unit.name);
    snprintf(type, sizeof type, "%d", w->result.type);
    cli_cell(stdout, w->unit.code, 7);
    cli_cell(stdout, name, 28);
    cli_cell(stdout,
             w->fig.has_residents ? number_format_vn(b[0], sizeof b[0], w->fig.residents, 0) : "-",
             10);
    cli_cell(stdout, number_format_vn(b[1], sizeof b[1], w->fig.managed, 0), 9);
    cli_cell(stdout, number_format_vn(b[2], sizeof b[2], w->fig.places, 0), 6);
    cli_cell(stdout, number_format_vn(b[3], sizeof b[3], w->fig.offenders, 0), 8);
    cli_cell(stdout, number_format_vn(b[4], sizeof b[4], w->fig.plants, 0), 8);
    printf("%s", label_vi(LABEL_CLASS_TYPE, type));
    if (w->result.type < 0)
      printf(" (từ loại %s)", w->result.undetermined_from == 1   ? "I"
                              : w->result.undetermined_from == 2 ? "II"
                                                                 : "III");
    printf("\n");
  }
  fprintf(stderr,
          "%zu xã: %zu loại I, %zu loại II, %zu loại III, %zu không thuộc địa bàn trọng điểm, "
          "%zu chưa xác định được\n",
          r->n, r->n_type[1], r->n_type[2], r->n_type[3], r->n_type[0], r->n_undetermined);
}

static void print_drugfree(const struct drugfree_report *r)
{
  cli_cell(stdout, "Mã", 7);
  cli_cell(stdout, "Đơn vị", 28);
  printf("Tình trạng năm %d\n", r->year);
  for (size_t i = 0; i < r->n; i++) {
    const struct drugfree_item *it = &r->items[i];
    char name[200];
    snprintf(name, sizeof name, "%s %s", it->unit.type, it->unit.name);
    cli_cell(stdout, it->unit.code, 7);
    cli_cell(stdout, name, 28);
    printf("%s", label_vi(LABEL_DRUGFREE_STATUS, it->row.id ? it->row.status : ""));
    if (it->row.decision)
      printf(" (%s)", it->row.decision);
    if (it->row.carried_from)
      printf(" [chuyển từ đơn vị cũ]");
    if (it->recognised_before && !it->row.id)
      printf(" [được công nhận năm %d, cần đánh giá lại]", r->year - 1);
    printf("\n");
  }
  char pct[32], road[32];
  fprintf(stderr,
          "%zu xã: %zu được công nhận (%s%%), %zu chờ quyết định, %zu không được công "
          "nhận, %zu cần đánh giá lại\n",
          r->n, r->n_recognised, number_format_vn(pct, sizeof pct, r->share_pct, 1), r->n_submitted,
          r->n_refused, r->n_reassess);
  if (r->has_roadmap)
    fprintf(stderr, "Lộ trình năm %d: %s%% (%s): %s\n", r->year,
            number_format_vn(road, sizeof road, r->roadmap_pct, 1), r->roadmap_source,
            r->on_track ? "đạt" : "chưa đạt");
}

/* Run the parsed command on an open store as `caller`. */
static int run(const struct opts *o, struct store *st, const struct scope *caller, int year,
               struct err *err)
{
  int rc = 0;
  switch (o->sub) {
  case SUB_RESIDENTS: {
    double d; /* as an officer writes it: "12.345" residents */
    if (number_parse_vn(&d, o->value) || d < 1 || d > 100000000 || d != (double)(long)d)
      return err_set(err, ERR_INPUT,
                     "số dân phải là số nguyên từ 1 đến 100.000.000, không phải '%s'", o->value);
    long value = (long)d;
    rc = app_classify_residents(st, caller, o->tree, o->unit, year, value, o->source, err);
    break;
  }
  case SUB_SUBMIT:
    rc = app_drugfree_submit(st, caller, NULL, o->unit, year, o->text, err);
    break;
  case SUB_RECOGNISE:
  case SUB_REFUSE:
    rc = app_drugfree_decide(st, caller, NULL, o->unit, year, o->sub == SUB_RECOGNISE, o->decision,
                             err);
    break;
  case SUB_CARRY:
    rc = app_drugfree_carry(st, caller, o->from, o->to, year, o->decision, err);
    break;
  case SUB_ROADMAP: {
    char *end;
    double share = strtod(o->share, &end);
    if (!*o->share || *end)
      return err_set(err, ERR_INPUT, "--share phải là một số phần trăm, không phải '%s'", o->share);
    rc = app_drugfree_roadmap(st, caller, NULL, o->unit, year, share, o->source, err);
    break;
  }
  case SUB_LIST: {
    struct drugfree_report r;
    char *json = NULL;
    rc = app_drugfree_list(&r, st, caller, o->tree, o->unit, year, err);
    if (!rc && o->json)
      rc = classify_json_drugfree(&json, &r, err);
    if (!rc) {
      if (json)
        fputs(json, stdout);
      else
        print_drugfree(&r);
    }
    free(json);
    drugfree_report_free(&r);
    return rc;
  }
  case SUB_RUN: {
    struct classify_report r;
    char *json = NULL;
    rc = app_classify_run(&r, st, caller, o->tree, o->unit, year, err);
    if (!rc && o->json)
      rc = classify_json_dump(&json, &r, err);
    if (!rc) {
      if (json)
        fputs(json, stdout);
      else
        print_report(&r);
    }
    free(json);
    classify_report_free(&r);
    return rc;
  }
  }
  if (!rc)
    fprintf(stderr, "đã ghi\n");
  return rc;
}

/* `classify rule RULESET LEVEL CLASS CRITERION [--threshold X] [--area M2]
 * [--min-met N] --source TEXT [--as LOGIN]`. */
static int rule_cmd(int argc, char **argv, const struct cli_global *g)
{
  const char *pos[4] = {NULL, NULL, NULL, NULL}, *threshold = NULL, *area = NULL, *min = NULL,
             *source = NULL, *as = NULL;
  size_t n = 0;
  for (int i = 2; i < argc; i++) {
    const char **v = strcmp(argv[i], "--threshold") == 0 ? &threshold
                     : strcmp(argv[i], "--area") == 0    ? &area
                     : strcmp(argv[i], "--min-met") == 0 ? &min
                     : strcmp(argv[i], "--source") == 0  ? &source
                     : strcmp(argv[i], "--as") == 0      ? &as
                                                         : NULL;
    if (!v && argv[i][0] != '-' && n < 4) {
      pos[n++] = argv[i];
      continue;
    }
    if (!v)
      return usage("không hiểu đối số", argv[i]);
    if (i + 1 >= argc)
      return usage("tùy chọn cần một giá trị:", argv[i]);
    *v = argv[++i];
  }
  if (n < 4)
    return usage("rule cần RULESET LEVEL CLASS CRITERION (ví dụ: qd28_2025 commune type2 "
                 "managed_ratio)",
                 NULL);
  struct class_rule_change c = {0};
  c.source = source;
  long m;
  if ((threshold && number_parse_vn(&c.threshold, threshold)) ||
      (area && number_parse_vn(&c.alt, area)) || (min && parse_long(&m, min, 1, 99)))
    return usage("giá trị không phải là số:", threshold ? threshold : area ? area : min);
  c.has_threshold = threshold != NULL;
  c.has_alt = area != NULL;
  c.has_min = min != NULL;
  c.min_met = min ? (int)m : 0;
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int rc = cli_caller(&caller, st, as, NULL, &err);
  if (!rc)
    rc = app_classify_rule(st, &caller, pos[0], pos[1], pos[2], pos[3], &c, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  printf("đã nhập %s %s %s %s\n", pos[0], pos[1], pos[2], pos[3]);
  return 0;
}

int cmd_classify(int argc, char **argv, const struct cli_global *g)
{
  if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                   strcmp(argv[1], "help") == 0)) {
    fputs(classify_help, stdout);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "rule") == 0)
    return rule_cmd(argc, argv, g);
  struct opts o;
  int rc = parse(&o, argc, argv);
  if (rc)
    return rc;
  long year;
  if (parse_long(&year, o.year, 1900, 9999))
    return usage("năm không hợp lệ:", o.year);
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  rc = cli_caller(&caller, st, o.as, o.purpose, &err);
  if (!rc)
    rc = run(&o, st, &caller, (int)year, &err);
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
