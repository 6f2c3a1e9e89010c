/* cmd_units.c: `pcmt units` — import, find and browse administrative units.
 *
 * A thin front end over app/app_unit.h (every user reads the lists; a
 * national administrator imports them): parse, open the caller
 * (cli_caller: --as, else $PCMT_USER, else the local administrator), call
 * one operation, print — columns padded by display width (cli_table.h),
 * levels and successions by their Vietnamese labels (types/label.h), dates
 * dd/mm/yyyy — or the JSON of output/unit_json.h. A misuse exits 2; a
 * failed operation its error's status; `find` with nothing found 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_unit.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/unit_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static const char units_help[] =
    "usage: pcmt units import [DIR]\n"
    "       pcmt units find TEXT [--at DATE] [--json]\n"
    "       pcmt units show CODE [--at DATE] [--tree pre2025|post2025] [--json]\n"
    "       pcmt units tree CODE [--at DATE] [--tree pre2025|post2025] [--json]\n"
    "       pcmt units successors CODE [--json]\n\n"
    "import      load the official lists (default: the bundled data/units); idempotent;\n"
    "            a national administrator's action, audited\n"
    "find        search by name, ignoring case and diacritics; the type word is optional\n"
    "            (\"lao cai\", \"tp lao cai\", \"huyện Bảo Thắng\"); --at keeps units valid then\n"
    "show        the unit a code names: with --tree that tree's; else, when both trees\n"
    "            have the code, the one in force at --at (without --at such a code is\n"
    "            refused with both units, e.g. 15: Yên Bái until 30/06/2025, Lào Cai since)\n"
    "tree        the unit and its descendants; a code both trees have is read in the tree\n"
    "            in force at --at (default today) unless --tree names it\n"
    "successors  the units of the current tree that took over an old (pre2025) unit\n\n"
    "Every subcommand takes --as LOGIN and --purpose TEXT; every user reads the lists.\n"
    "Dates are YYYY-MM-DD or dd/mm/yyyy. JSON: an array of objects with code, name,\n"
    "type, level, parent_code, valid_from, valid_to, tree, level_name, level_label ...\n"
    "(docs/cli.md).\n";

enum sub { S_IMPORT, S_FIND, S_SHOW, S_TREE, S_SUCCESSORS };

struct opts {
  enum sub sub;
  const char *arg;          /* the positional argument */
  const char *at;           /* --at, ISO */
  const char *tree;         /* --tree */
  const char *as, *purpose; /* the caller */
  int json;
  char at_buf[DATE_ISO_LEN];
};

/* Print the misuse; the exit status of a misuse. */
static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt units: %s%s%s%s\n(pcmt units --help)\n", what, arg ? " '" : "",
          arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

static int parse_opts(struct opts *o, int argc, char **argv)
{
  static const char *const subs[] = {"import", "find", "show", "tree", "successors"};
  memset(o, 0, sizeof *o);
  size_t s = 0;
  while (s < sizeof subs / sizeof subs[0] && strcmp(argv[1], subs[s]) != 0)
    s++;
  if (s == sizeof subs / sizeof subs[0])
    return usage("không có lệnh con", argv[1]);
  o->sub = (enum sub)s;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--json") == 0) {
      if (o->sub == S_IMPORT)
        return usage("lệnh này không có tùy chọn", a);
      o->json = 1;
    } else if (strcmp(a, "--at") == 0 || strcmp(a, "--tree") == 0 || strcmp(a, "--as") == 0 ||
               strcmp(a, "--purpose") == 0) {
      if (i + 1 >= argc)
        return usage("tùy chọn cần một giá trị:", a);
      const char *v = argv[++i];
      if (strcmp(a, "--at") == 0) {
        struct date d;
        struct err err = {0};
        if (date_parse(&d, v, 0, &err))
          return cli_fail(&err);
        date_to_iso(o->at_buf, d);
        o->at = o->at_buf;
      } else if (strcmp(a, "--tree") == 0) {
        o->tree = v;
      } else {
        *(a[2] == 'a' ? &o->as : &o->purpose) = v;
      }
    } else if (a[0] == '-' && a[1]) {
      return usage("không có tùy chọn", a);
    } else if (!o->arg) {
      o->arg = a;
    } else {
      return usage("thừa đối số", a);
    }
  }
  if (o->sub != S_IMPORT && !o->arg)
    return usage("thiếu đối số", NULL);
  if ((o->at && (o->sub == S_IMPORT || o->sub == S_SUCCESSORS)) ||
      (o->tree && o->sub != S_SHOW && o->sub != S_TREE))
    return usage("tùy chọn không dùng cho lệnh này:", o->at ? "--at" : "--tree");
  return 0;
}

static void print_text(char *s)
{
  if (s)
    fputs(s, stdout);
  free(s);
}

/* "  từ 01/07/2025  đến 31/12/2030" for a unit's life, or nothing. */
static void print_life(const struct unit *u)
{
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  if (u->valid_from[0])
    printf("  từ %s", date_iso_to_vn(a, u->valid_from));
  if (u->valid_to[0])
    printf("  đến %s", date_iso_to_vn(b, u->valid_to));
}

/* Width of the code column, in display columns (the longest code is 5). */
enum { W_CODE = 6 };

static int units_import(struct store *st, const struct scope *caller, const struct opts *o,
                        struct err *err)
{
  struct unit_import_stats s;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = app_unit_import(&s, st, caller, o->arg, err);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (rc)
    return rc;
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("imported %ld units (%ld versions) and %ld successions from %s in %.2f s\n", s.units,
         s.versions, s.successions, o->arg ? o->arg : unit_import_default_dir(), secs);
  return ERR_OK;
}

/* *found = the number of units found. */
static int units_find(size_t *found, struct store *st, const struct scope *caller,
                      const struct opts *o, struct err *err)
{
  struct unit_item_list l;
  char *text = NULL;
  int rc = app_unit_find(&l, st, caller, o->arg, o->at, err);
  if (!rc && o->json)
    rc = unit_json_dump_items(&text, &l, err);
  *found = l.n;
  if (!rc && o->json) {
    print_text(text);
  } else if (!rc) {
    for (size_t i = 0; i < l.n; i++) {
      const struct unit_item *it = &l.items[i];
      cli_cell(stdout, it->unit.code, W_CODE);
      printf("%s %s%s%s%s  [%s]", it->unit.type, it->unit.name, it->parent[0] ? " (" : "",
             it->parent, it->parent[0] ? ")" : "", it->unit.tree);
      print_life(&it->unit);
      putchar('\n');
    }
    if (!l.n)
      fprintf(stderr, "pcmt units find: không tìm thấy đơn vị nào khớp \"%s\"\n", o->arg);
  }
  unit_item_list_free(&l);
  return rc;
}

static int units_show(struct store *st, const struct scope *caller, const struct opts *o,
                      struct err *err)
{
  struct unit_item it;
  int rc = app_unit_show(&it, st, caller, o->tree, o->arg, o->at, err);
  if (rc)
    return rc;
  char label[300];
  unit_label(label, sizeof label, &it.unit);
  if (o->json) {
    char *text;
    rc = unit_json_dump_item(&text, &it, label, err);
    if (!rc)
      print_text(text);
    return rc;
  }
  const char *level = unit_level_name(it.unit.tree, it.unit.level);
  printf("Đơn vị: %s\n", label);
  printf("Mã %s, hệ %s, %s%s%s\n", it.unit.code, it.unit.tree, label_vi(LABEL_UNIT_LEVEL, level),
         it.parent[0] ? ", thuộc " : "", it.parent);
  return ERR_OK;
}

static int units_tree(struct store *st, const struct scope *caller, const struct opts *o,
                      struct err *err)
{
  struct unit_list l;
  int rc = app_unit_tree(&l, NULL, st, caller, o->tree, o->arg, o->at, err);
  if (rc)
    return rc;
  if (o->json) {
    char *text;
    rc = unit_json_dump_list(&text, &l, err);
    if (!rc)
      print_text(text);
  } else {
    int top = l.n ? l.items[0].level : 1;
    for (size_t i = 0; i < l.n; i++) {
      const struct unit *u = &l.items[i];
      printf("%*s", 2 * (u->level - top), "");
      cli_cell(stdout, u->code, W_CODE);
      printf("%s %s\n", u->type, u->name);
    }
  }
  unit_list_free(&l);
  return rc;
}

static int units_successors(struct store *st, const struct scope *caller, const struct opts *o,
                            struct err *err)
{
  struct unit_item_list l;
  int rc = app_unit_successors(&l, st, caller, o->arg, err);
  if (rc)
    return rc;
  if (o->json) {
    char *text;
    rc = unit_json_dump_successors(&text, &l, err);
    if (!rc)
      print_text(text);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct unit_item *it = &l.items[i];
      cli_cell(stdout, it->unit.code, W_CODE);
      printf("%s %s (%s)  %s\n", it->unit.type, it->unit.name, it->parent,
             label_vi(LABEL_SUCCESSION, it->kind));
    }
  }
  unit_item_list_free(&l);
  return rc;
}

int cmd_units(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(units_help, argc < 2 ? stderr : stdout);
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
  size_t found = 1;
  rc = cli_caller(&caller, st, o.as,
                  o.purpose           ? o.purpose
                  : o.sub == S_IMPORT ? "nhập danh mục đơn vị hành chính"
                                      : "tra cứu đơn vị hành chính",
                  &err);
  if (!rc) {
    switch (o.sub) {
    case S_IMPORT:
      rc = units_import(st, &caller, &o, &err);
      break;
    case S_FIND:
      rc = units_find(&found, st, &caller, &o, &err);
      break;
    case S_SHOW:
      rc = units_show(st, &caller, &o, &err);
      break;
    case S_TREE:
      rc = units_tree(st, &caller, &o, &err);
      break;
    case S_SUCCESSORS:
      rc = units_successors(st, &caller, &o, &err);
      break;
    }
  }
  store_close(st);
  if (rc)
    return cli_fail(&err);
  /* plain `find` with nothing found is "not found"; its JSON is an empty array */
  return !found && !o.json ? err_exit_status(ERR_NOT_FOUND) : 0;
}
