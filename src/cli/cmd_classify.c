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
    "       pcmt classify residents --unit CODE --year Y --value N --source TEXT\n\n"
    "The communes of --unit (default: the user's territory) classified for year Y as complex\n"
    "drug areas (type I, II, III) by the rules in force on 31/12/Y, from the registers and\n"
    "the residents entered for Y; a criterion the rules or the data do not give is shown as\n"
    "unknown, never guessed. residents: the number of residents of a unit in Y and its source.\n"
    "Acts as --as LOGIN (default $PCMT_USER, else the local administrator).\n"
    "Docs: docs/classification.md, docs/cli.md\n";

struct opts {
  int residents; /* the subcommand "residents" */
  const char *year, *unit, *tree, *value, *source, *as, *purpose;
  int json;
};

static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt classify: %s%s%s%s\n(pcmt classify --help)\n", what, arg ? " '" : "",
          arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

static int parse(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  int i = 1;
  if (argc > 1 && strcmp(argv[1], "residents") == 0) {
    o->residents = 1;
    i = 2;
  }
  static const struct {
    const char *name;
    size_t off;
    int residents_only; /* 1: residents only; -1: classify only; 0: both */
  } opts[] = {
      {"--year", offsetof(struct opts, year), 0},
      {"--unit", offsetof(struct opts, unit), 0},
      {"--tree", offsetof(struct opts, tree), 0},
      {"--value", offsetof(struct opts, value), 1},
      {"--source", offsetof(struct opts, source), 1},
      {"--as", offsetof(struct opts, as), 0},
      {"--purpose", offsetof(struct opts, purpose), 0},
  };
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0 && !o->residents) {
      o->json = 1;
      continue;
    }
    size_t k = 0;
    while (k < sizeof opts / sizeof opts[0] && strcmp(argv[i], opts[k].name) != 0)
      k++;
    if (k == sizeof opts / sizeof opts[0] || (opts[k].residents_only == 1 && !o->residents))
      return usage("không có tùy chọn", argv[i]);
    if (i + 1 >= argc)
      return usage("tùy chọn cần một giá trị:", argv[i]);
    *(const char **)((char *)o + opts[k].off) = argv[++i];
  }
  if (!o->year)
    return usage("cần --year", NULL);
  if (o->tree && !o->unit)
    return usage("--tree chỉ đi cùng --unit", NULL);
  if (o->residents && (!o->unit || !o->value || !o->source))
    return usage("residents cần --unit, --value và --source", NULL);
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

int cmd_classify(int argc, char **argv, const struct cli_global *g)
{
  if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                   strcmp(argv[1], "help") == 0)) {
    fputs(classify_help, stdout);
    return 0;
  }
  struct opts o;
  int rc = parse(&o, argc, argv);
  if (rc)
    return rc;
  long year, value = 0;
  if (parse_long(&year, o.year, 1900, 9999))
    return usage("năm không hợp lệ:", o.year);
  if (o.residents && parse_long(&value, o.value, 1, 100000000))
    return usage("số dân phải là số nguyên từ 1 đến 100.000.000:", o.value);
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  rc = cli_caller(&caller, st, o.as, o.purpose, &err);
  if (!rc && o.residents) {
    rc = app_classify_residents(st, &caller, o.tree, o.unit, (int)year, value, o.source, &err);
    if (!rc)
      fprintf(stderr, "đã ghi số dân năm %ld\n", year);
  } else if (!rc) {
    struct classify_report r;
    rc = app_classify_run(&r, st, &caller, o.tree, o.unit, (int)year, &err);
    char *json = NULL;
    if (!rc && o.json)
      rc = classify_json_dump(&json, &r, &err);
    if (!rc) {
      if (json)
        fputs(json, stdout);
      else
        print_report(&r);
    }
    free(json);
    classify_report_free(&r);
  }
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
