/* cmd_indicators.c: `pcmt indicators` — standard indicators by unit and period, compared. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/date.h"
#include "base/number.h"
#include "base/period.h"
#include "cli/cli_registers.h"
#include "domain/indicator.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"

static const char ind_help[] =
    "usage: pcmt indicators [--unit CODE] [--tree pre2025|post2025] --period P\n"
    "                       [--compare previous|last-year] [--by sex|age|agency|substance] "
    "[--json]\n"
    "       pcmt indicators list [--json]\n"
    "       pcmt indicators enter CODE --unit CODE [--tree T] --period P --value V\n"
    "                       [--agency KIND] [--source TEXT] [--as NAME]\n\n"
    "P is 2024, 2024-H1, 2024-Q3, 2024-09, 2024-09-15, 2024-09-01..2024-10-31, or a\n"
    "Vietnamese phrase (\"Quý III/2024\", \"6 tháng đầu năm 2024\"). --unit defaults to the\n"
    "whole country (or your territory); a code both unit trees have is read in the tree\n"
    "in force on the period's last day (15 for 2024: Yên Bái; for 2026: Lào Cai) unless\n"
    "--tree names it, and the unit taken is printed. Indicators of the\n"
    "people, cases, places, activities and licit-entity registers are computed; the\n"
    "others (express-delivery leads) come from values entered with 'enter'.\n"
    "Definitions: docs/indicators.md.\n";

struct opts {
  const char *unit, *tree, *period, *compare, *by, *value, *agency, *source, *as, *code;
  int json;
};

static int parse(struct opts *o, int argc, char **argv, int first)
{
  memset(o, 0, sizeof *o);
  for (int i = first; i < argc; i++) {
    const char *a = argv[i];
    const char **slot = NULL;
    if (strcmp(a, "--json") == 0) {
      o->json = 1;
      continue;
    }
    if (strcmp(a, "--unit") == 0)
      slot = &o->unit;
    else if (strcmp(a, "--tree") == 0)
      slot = &o->tree;
    else if (strcmp(a, "--period") == 0)
      slot = &o->period;
    else if (strcmp(a, "--compare") == 0)
      slot = &o->compare;
    else if (strcmp(a, "--by") == 0)
      slot = &o->by;
    else if (strcmp(a, "--value") == 0)
      slot = &o->value;
    else if (strcmp(a, "--agency") == 0)
      slot = &o->agency;
    else if (strcmp(a, "--source") == 0)
      slot = &o->source;
    else if (strcmp(a, "--as") == 0)
      slot = &o->as;
    if (slot) {
      if (i + 1 >= argc) {
        fprintf(stderr, "pcmt indicators: %s needs a value\n", a);
        return 2;
      }
      *slot = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "pcmt indicators: unknown option '%s'\n%s", a, ind_help);
      return 2;
    } else if (!o->code) {
      o->code = a;
    } else {
      fprintf(stderr, "pcmt indicators: unexpected argument '%s'\n", a);
      return 2;
    }
  }
  return 0;
}

/* Canonical form first, then the Vietnamese phrases plans use. */
static int parse_period(struct period *p, const char *text, struct err *err)
{
  if (!text)
    return err_set(err, ERR_INPUT, "thiếu --period (ví dụ 2024-Q3)");
  if (period_parse(p, text, NULL) == ERR_OK)
    return ERR_OK;
  if (period_parse_vn(p, text, 0, NULL) == ERR_OK)
    return ERR_OK;
  return period_parse(p, text, err); /* its message lists the forms */
}

static void print_json(json_t *j)
{
  char *s = json_dumps(j, JSON_INDENT(2));
  if (s) {
    puts(s);
    free(s);
  }
  json_decref(j);
}

static int ind_list(const struct opts *o)
{
  size_t n;
  const struct indicator_def *c = indicator_catalogue(&n);
  json_t *a = o->json ? json_array() : NULL;
  for (size_t i = 0; i < n; i++) {
    const char *src = indicator_source_name(c[i].source);
    if (a)
      json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "code", c[i].code,
                                         "name", indicator_name(&c[i]), "kind",
                                         indicator_kind_name(c[i].kind), "source", src, "unit",
                                         c[i].unit, "numerator", c[i].numerator, "denominator",
                                         c[i].denominator));
    else
      printf("%-30s %-5s %-9s %s\n", c[i].code, indicator_kind_name(c[i].kind), src,
             indicator_name(&c[i]));
  }
  if (a)
    print_json(a);
  return 0;
}

static int open_scope(struct store **st, struct scope *sc, const struct cli_global *g,
                      const char *as, const char *purpose, struct err *err)
{
  int rc = cli_open_store(st, g, err);
  if (rc)
    return rc;
  rc = cli_caller(sc, *st, as, purpose, err);
  if (rc) {
    store_close(*st);
    *st = NULL;
  }
  return rc;
}

static int ind_enter(const struct opts *o, const struct cli_global *g)
{
  struct err err = {0};
  struct period p;
  if (!o->code || !o->unit || !o->value) {
    fputs(ind_help, stderr);
    return 2;
  }
  if (parse_period(&p, o->period, &err))
    return cli_fail(&err);
  char *endp;
  double v = strtod(o->value, &endp);
  if (endp == o->value || *endp) {
    err_set(&err, ERR_INPUT, "giá trị \"%s\" không phải là số", o->value);
    return cli_fail(&err);
  }
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct store *st;
  struct scope sc;
  if (open_scope(&st, &sc, g, o->as, "nhập số liệu tổng hợp", &err))
    return cli_fail(&err);
  struct unit u;
  int rc = indicator_enter(&u, st, &sc, o->code, o->tree, o->unit, o->agency, &p, v, o->source,
                           today, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  char name[64], label[300], shown[48];
  period_name_vn(name, sizeof name, &p);
  printf("Đơn vị: %s\n", unit_label(label, sizeof label, &u));
  printf("đã nhập %s = %s cho đơn vị %s (hệ %s), %s\n", o->code,
         number_format_vn(shown, sizeof shown, v, 6), u.code, u.tree, name);
  return 0;
}

static json_t *result_json(const struct indicator_result *r)
{
  json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "code", r->def->code, "name",
                        indicator_name(r->def), "kind", indicator_kind_name(r->def->kind), "unit",
                        r->def->unit, "group", r->group[0] ? r->group : NULL);
  json_object_set_new(j, "value", r->has_value ? json_real(r->value) : json_null());
  if (r->def->kind == IND_RATIO) {
    json_object_set_new(j, "numerator", json_real(r->num));
    json_object_set_new(j, "denominator", json_real(r->den));
  }
  return j;
}

static const struct indicator_result *match(const struct indicator_result_list *l,
                                            const struct indicator_result *r)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].def == r->def && strcmp(l->items[i].group, r->group) == 0)
      return &l->items[i];
  return NULL;
}

/* A figure as a report writes it ("4.265.756", "66,7% (2/3)"), never with
 * an exponent; quantities keep up to two decimals (grams, m²). */
static void print_value(const struct indicator_result *r)
{
  char v[48], a[48], b[48];
  if (!r || !r->has_value)
    printf(" %14s", "-");
  else if (r->def->kind == IND_RATIO)
    printf(" %7s%% (%s/%s)", number_format_vn(v, sizeof v, r->value, 1),
           number_format_vn(a, sizeof a, r->num, 2), number_format_vn(b, sizeof b, r->den, 2));
  else
    printf(" %14s", number_format_vn(v, sizeof v, r->value, 2));
}

static int ind_show(const struct opts *o, const struct cli_global *g)
{
  struct err err = {0};
  struct period p, q;
  if (parse_period(&p, o->period, &err))
    return cli_fail(&err);
  int cmp = 0;
  if (o->compare) {
    if (strcmp(o->compare, "previous") == 0)
      period_previous(&q, &p);
    else if (strcmp(o->compare, "last-year") == 0)
      period_last_year(&q, &p);
    else {
      fprintf(stderr, "pcmt indicators: --compare is previous or last-year\n");
      return 2;
    }
    cmp = 1;
  }
  enum ind_split split = IND_SPLIT_NONE;
  if (o->by) {
    if (strcmp(o->by, "sex") == 0)
      split = IND_SPLIT_SEX;
    else if (strcmp(o->by, "age") == 0)
      split = IND_SPLIT_AGE;
    else if (strcmp(o->by, "agency") == 0)
      split = IND_SPLIT_AGENCY;
    else if (strcmp(o->by, "substance") == 0)
      split = IND_SPLIT_SUBSTANCE;
    else {
      fprintf(stderr, "pcmt indicators: --by is sex, age, agency or substance\n");
      return 2;
    }
  }
  struct store *st;
  struct scope sc;
  if (open_scope(&st, &sc, g, o->as, "xem chỉ tiêu", &err))
    return cli_fail(&err);
  /* A bare --unit is read by the period's end; the comparison takes the same unit. */
  struct indicator_result_list a = {0}, b = {0};
  int rc = indicator_compute(&a, st, &sc, o->tree, o->unit, &p, split, &err);
  if (!rc && cmp)
    rc = indicator_compute(&b, st, &sc, o->unit ? a.unit.tree : NULL, o->unit, &q, split, &err);
  const struct unit *u = &a.unit;
  int have_unit = !rc && u->id > 0;
  store_close(st);
  if (rc)
    return cli_fail(&err);
  char pname[64], qname[64], ptext[PERIOD_TEXT_MAX], qtext[PERIOD_TEXT_MAX];
  period_name_vn(pname, sizeof pname, &p);
  period_format(ptext, sizeof ptext, &p);
  if (cmp) {
    period_name_vn(qname, sizeof qname, &q);
    period_format(qtext, sizeof qtext, &q);
  }
  char uname[200], label[300];
  if (have_unit)
    snprintf(uname, sizeof uname, "%s %s", u->type, u->name);
  else
    snprintf(uname, sizeof uname, "toàn quốc");
  unit_label(label, sizeof label, u);
  if (o->json) {
    json_t *root = json_pack("{s:s?, s:s?, s:s, s:{s:s, s:s}}", "unit_code",
                             have_unit ? u->code : NULL, "unit_tree", have_unit ? u->tree : NULL,
                             "unit_name", uname, "period", "text", ptext, "name", pname);
    if (have_unit)
      json_object_set_new(root, "unit_label", json_string(label));
    if (cmp)
      json_object_set_new(root, "compare", json_pack("{s:s, s:s}", "text", qtext, "name", qname));
    json_t *arr = json_array();
    for (size_t i = 0; i < a.n; i++) {
      json_t *j = result_json(&a.items[i]);
      const struct indicator_result *m = cmp ? match(&b, &a.items[i]) : NULL;
      if (m) {
        json_object_set_new(j, "compare", result_json(m));
        if (a.items[i].has_value && m->has_value)
          json_object_set_new(j, "change", json_real(a.items[i].value - m->value));
      }
      json_array_append_new(arr, j);
    }
    json_object_set_new(root, "indicators", arr);
    print_json(root);
  } else {
    if (have_unit)
      printf("Đơn vị: %s\n", label);
    printf("Chỉ tiêu của %s, %s%s%s\n\n", uname, pname, cmp ? " so với " : "", cmp ? qname : "");
    for (size_t i = 0; i < a.n; i++) {
      const struct indicator_result *r = &a.items[i];
      printf("%-30s %-10s", r->def->code, r->group[0] ? r->group : "");
      print_value(r);
      if (cmp)
        print_value(match(&b, r));
      printf("  %s (%s)\n", indicator_name(r->def), r->def->unit);
    }
  }
  indicator_result_list_free(&a);
  indicator_result_list_free(&b);
  return 0;
}

int cmd_indicators(int argc, char **argv, const struct cli_global *g)
{
  struct opts o;
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    fputs(ind_help, stdout);
    return 0;
  }
  if (argc >= 2 && strcmp(argv[1], "list") == 0) {
    if (parse(&o, argc, argv, 2))
      return 2;
    return ind_list(&o);
  }
  if (argc >= 2 && strcmp(argv[1], "enter") == 0) {
    if (parse(&o, argc, argv, 2))
      return 2;
    return ind_enter(&o, g);
  }
  if (parse(&o, argc, argv, 1))
    return 2;
  if (o.code) {
    fprintf(stderr, "pcmt indicators: unknown subcommand '%s'\n%s", o.code, ind_help);
    return 2;
  }
  return ind_show(&o, g);
}
