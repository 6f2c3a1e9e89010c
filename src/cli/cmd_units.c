/* cmd_units.c: `pcmt units` — import, find and browse administrative units. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "cli/cli.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/store.h"

static const char units_help[] =
    "usage: pcmt units import [DIR]\n"
    "       pcmt units find TEXT [--at DATE] [--json]\n"
    "       pcmt units show CODE [--at DATE] [--tree pre2025|post2025] [--json]\n"
    "       pcmt units tree CODE [--at DATE] [--tree pre2025|post2025] [--json]\n"
    "       pcmt units successors CODE [--json]\n\n"
    "import      load the official lists (default: the bundled data/units); idempotent\n"
    "find        search by name, ignoring case and diacritics; the type word is optional\n"
    "            (\"lao cai\", \"tp lao cai\", \"huyện Bảo Thắng\"); --at keeps units valid then\n"
    "show        the unit a code names: with --tree that tree's; else, when both trees\n"
    "            have the code, the one in force at --at (without --at such a code is\n"
    "            refused with both units, e.g. 15: Yên Bái until 30/06/2025, Lào Cai since)\n"
    "tree        the unit and its descendants; a code both trees have is read in the tree\n"
    "            in force at --at (default today) unless --tree names it\n"
    "successors  the units of the current tree that took over an old (pre2025) unit\n\n"
    "Dates are YYYY-MM-DD or dd/mm/yyyy. JSON: an array of objects with code, name,\n"
    "type, level, parent_code, valid_from, valid_to, tree.\n";

struct opts {
  const char *arg;  /* the positional argument */
  const char *at;   /* --at, ISO */
  const char *tree; /* --tree */
  int json;
  char at_buf[DATE_ISO_LEN];
};

static int parse_opts(struct opts *o, int argc, char **argv, int need_arg)
{
  memset(o, 0, sizeof *o);
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      o->json = 1;
    } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
      struct date d;
      struct err err = {0};
      if (date_parse(&d, argv[++i], 0, &err)) {
        cli_fail(&err);
        return 2;
      }
      date_to_iso(o->at_buf, d);
      o->at = o->at_buf;
    } else if (strcmp(argv[i], "--tree") == 0 && i + 1 < argc) {
      o->tree = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "pcmt units: unknown option '%s'\n", argv[i]);
      return 2;
    } else if (!o->arg) {
      o->arg = argv[i];
    } else {
      fprintf(stderr, "pcmt units: unexpected argument '%s'\n", argv[i]);
      return 2;
    }
  }
  if (need_arg && !o->arg) {
    fputs(units_help, stderr);
    return 2;
  }
  return 0;
}

static json_t *unit_json(const struct unit *u)
{
  return json_pack("{s:s, s:s, s:s, s:i, s:s?, s:s?, s:s?, s:s}", "code", u->code, "name", u->name,
                   "type", u->type, "level", u->level, "parent_code",
                   u->parent_code[0] ? u->parent_code : NULL, "valid_from",
                   u->valid_from[0] ? u->valid_from : NULL, "valid_to",
                   u->valid_to[0] ? u->valid_to : NULL, "tree", u->tree);
}

static void print_json(json_t *j)
{
  char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0);
  if (s) {
    puts(s);
    free(s);
  }
  json_decref(j);
}

/* "dd/mm/yyyy" of an ISO date, or "" */
static const char *vn_date(char *buf, const char *iso)
{
  struct date d;
  buf[0] = '\0';
  if (*iso && date_parse(&d, iso, 0, NULL) == ERR_OK)
    date_to_vn(buf, d);
  return buf;
}

/* "đến 30/06/2025", "từ 01/07/2025" or "" for a unit's life. */
static void print_life(const struct unit *u)
{
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  if (u->valid_from[0])
    printf("  từ %s", vn_date(a, u->valid_from));
  if (u->valid_to[0])
    printf("  đến %s", vn_date(b, u->valid_to));
}

static int units_import(const struct cli_global *g, const struct opts *o)
{
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct unit_import_stats s;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = unit_import(st, o->arg, &s, &err);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("imported %ld units (%ld versions) and %ld successions from %s in %.2f s\n", s.units,
         s.versions, s.successions, o->arg ? o->arg : unit_import_default_dir(), secs);
  return 0;
}

/* The parent's "type name" for context, or "". */
static void parent_label(char *buf, size_t n, struct store *st, const struct unit *u,
                         const char *at)
{
  struct unit p;
  buf[0] = '\0';
  if (u->parent_code[0] && unit_get(&p, st, u->tree, u->parent_code, at, NULL) == ERR_OK)
    snprintf(buf, n, "%s %s", p.type, p.name);
}

static int units_find(const struct cli_global *g, const struct opts *o)
{
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct unit_list l;
  int rc = unit_find(&l, st, o->arg, o->at, &err);
  if (rc) {
    store_close(st);
    return cli_fail(&err);
  }
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++)
      json_array_append_new(arr, unit_json(&l.items[i]));
    print_json(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct unit *u = &l.items[i];
      char parent[300];
      parent_label(parent, sizeof parent, st, u, o->at);
      printf("%-5s %s %s%s%s%s  [%s]", u->code, u->type, u->name, parent[0] ? " (" : "", parent,
             parent[0] ? ")" : "", u->tree);
      print_life(u);
      putchar('\n');
    }
    if (!l.n)
      fprintf(stderr, "pcmt units find: không tìm thấy đơn vị nào khớp \"%s\"\n", o->arg);
  }
  int status = l.n ? 0 : 3;
  unit_list_free(&l);
  store_close(st);
  return o->json ? 0 : status;
}

/* 1 when unit u exists on ISO day `at`. */
static int valid_on(const struct unit *u, const char *at)
{
  return (!u->valid_from[0] || strcmp(u->valid_from, at) <= 0) &&
         (!u->valid_to[0] || strcmp(at, u->valid_to) <= 0);
}

static int units_show(const struct cli_global *g, const struct opts *o)
{
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct unit u;
  int rc = unit_resolve(&u, st, o->tree, o->arg, o->at ? o->at : UNIT_NO_DATE, &err);
  if (rc) {
    store_close(st);
    return cli_fail(&err);
  }
  char label[300], parent[300];
  unit_label(label, sizeof label, &u);
  parent_label(parent, sizeof parent, st, &u, o->at);
  store_close(st);
  if (o->json) {
    json_t *j = unit_json(&u);
    json_object_set_new(j, "label", json_string(label));
    print_json(j);
    return 0;
  }
  printf("Đơn vị: %s\n", label);
  printf("Mã %s, hệ %s, cấp %d%s%s\n", u.code, u.tree, u.level, parent[0] ? ", thuộc " : "",
         parent);
  return 0;
}

static int units_tree(const struct cli_global *g, const struct opts *o)
{
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  const char *at = o->at ? o->at : today;
  struct unit taken;
  int rc = unit_resolve(&taken, st, o->tree, o->arg, at, &err);
  if (rc) {
    store_close(st);
    return cli_fail(&err);
  }
  /* With an explicit tree and no date, or a unit that no longer exists
   * today, show the tree as it stood last. */
  const char *filter = o->at ? o->at : (o->tree || !valid_on(&taken, today) ? NULL : today);
  struct unit_list l;
  rc = unit_tree(&l, st, taken.tree, taken.code, filter, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++)
      json_array_append_new(arr, unit_json(&l.items[i]));
    print_json(arr);
  } else {
    int top = l.n ? l.items[0].level : 1;
    for (size_t i = 0; i < l.n; i++) {
      const struct unit *u = &l.items[i];
      printf("%*s%-5s %s %s\n", 2 * (u->level - top), "", u->code, u->type, u->name);
    }
  }
  unit_list_free(&l);
  return 0;
}

static int units_successors(const struct cli_global *g, const struct opts *o)
{
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct unit_successor_list l;
  int rc = unit_successors(&l, st, o->arg, &err);
  if (rc) {
    store_close(st);
    return cli_fail(&err);
  }
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
      json_t *j = unit_json(&l.items[i].unit);
      json_object_set_new(j, "kind", json_string(l.items[i].kind));
      json_object_set_new(j, "via", l.items[i].via[0] ? json_string(l.items[i].via) : json_null());
      json_array_append_new(arr, j);
    }
    print_json(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct unit *u = &l.items[i].unit;
      char parent[300];
      parent_label(parent, sizeof parent, st, u, NULL);
      printf("%-5s %s %s (%s)  %s\n", u->code, u->type, u->name, parent,
             strcmp(l.items[i].kind, "full") == 0 ? "toàn bộ" : "một phần");
    }
  }
  unit_successor_list_free(&l);
  store_close(st);
  return 0;
}

int cmd_units(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(units_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  struct opts o;
  const char *sub = argv[1];
  int need = strcmp(sub, "import") != 0;
  if (parse_opts(&o, argc, argv, need))
    return 2;
  if (strcmp(sub, "import") == 0)
    return units_import(g, &o);
  if (strcmp(sub, "find") == 0)
    return units_find(g, &o);
  if (strcmp(sub, "show") == 0)
    return units_show(g, &o);
  if (strcmp(sub, "tree") == 0)
    return units_tree(g, &o);
  if (strcmp(sub, "successors") == 0)
    return units_successors(g, &o);
  fprintf(stderr, "pcmt units: unknown subcommand '%s'\n%s", sub, units_help);
  return 2;
}
