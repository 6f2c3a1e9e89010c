/* cmd_agency.c: `pcmt agency` — resolve agency names as plans write them, list the kinds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/date.h"
#include "cli/cli.h"
#include "domain/agency.h"
#include "store/store.h"

static const char agency_help[] =
    "usage: pcmt agency resolve TEXT [--unit CODE] [--tree pre2025|post2025] [--at DATE] [--json]\n"
    "       pcmt agency kinds [--json]\n\n"
    "resolve  reads an agency name (\"Công an huyện\", \"Sở LĐTBXH\", \"Huyện Đoàn Bình Sơn\")\n"
    "         or a collective phrase (\"các sở, ban, ngành\", \"UBND cấp xã\") and prints its\n"
    "         kind, level and, given the unit the plan belongs to (--unit), the unit the\n"
    "         agency sits at. Without --unit no database is needed.\n"
    "kinds    lists the agency kinds.\n"
    "--tree defaults to the tree in force at --at (today's units when --at is not given).\n";

static void print_json(json_t *j)
{
  char *s = json_dumps(j, JSON_INDENT(2));
  if (s) {
    puts(s);
    free(s);
  }
  json_decref(j);
}

static json_t *ref_json(const char *text, const struct agency_ref *r)
{
  json_t *unit = json_null();
  if (r->unit_code[0])
    unit = json_pack("{s:s, s:s, s:s}", "tree", r->unit_tree, "code", r->unit_code, "name",
                     r->unit_name);
  return json_pack("{s:s, s:b, s:s?, s:s?, s:s?, s:b, s:s?, s:o}", "text", text, "is_agency",
                   r->kind != AGENCY_NONE || r->is_group, "kind", agency_kind_name(r->kind),
                   "kind_label", agency_kind_label(r->kind), "level", agency_level_name(r->level),
                   "is_group", r->is_group, "place", r->place[0] ? r->place : NULL, "unit", unit);
}

static int agency_kinds(int json)
{
  if (json) {
    json_t *a = json_array();
    for (int k = AGENCY_NONE + 1; k < AGENCY_KIND_COUNT; k++)
      json_array_append_new(
          a, json_pack("{s:s, s:s}", "kind", agency_kind_name(k), "label", agency_kind_label(k)));
    print_json(a);
    return 0;
  }
  for (int k = AGENCY_NONE + 1; k < AGENCY_KIND_COUNT; k++)
    printf("%-22s %s\n", agency_kind_name(k), agency_kind_label(k));
  return 0;
}

static int agency_resolve_cmd(int argc, char **argv, const struct cli_global *g)
{
  const char *text = NULL, *unit = NULL, *tree = NULL, *at = NULL;
  int json = 0;
  char at_iso[DATE_ISO_LEN];
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
    } else if (strcmp(argv[i], "--unit") == 0 && i + 1 < argc) {
      unit = argv[++i];
    } else if (strcmp(argv[i], "--tree") == 0 && i + 1 < argc) {
      tree = argv[++i];
    } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
      struct date d;
      struct err err = {0};
      if (date_parse(&d, argv[++i], 0, &err))
        return cli_fail(&err);
      date_to_iso(at_iso, d);
      at = at_iso;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "pcmt agency: unknown option '%s'\n%s", argv[i], agency_help);
      return 2;
    } else if (!text) {
      text = argv[i];
    } else {
      fprintf(stderr, "pcmt agency: unexpected argument '%s'\n%s", argv[i], agency_help);
      return 2;
    }
  }
  if (!text) {
    fputs(agency_help, stderr);
    return 2;
  }
  if (!tree)
    tree = at ? unit_tree_at(at) : UNIT_TREE_NEW;
  struct err err = {0};
  struct store *st = NULL;
  if (unit && cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct agency_ref r;
  int rc = agency_resolve(&r, st, text, tree, unit, at, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (json) {
    print_json(ref_json(text, &r));
    return 0;
  }
  if (r.kind == AGENCY_NONE && !r.is_group) {
    printf("\"%s\": không phải tên cơ quan\n", text);
    return 0;
  }
  if (r.kind)
    printf("%s\n  loại: %s (%s)\n", text, agency_kind_label(r.kind), agency_kind_name(r.kind));
  else
    printf("%s\n  loại: nhiều loại\n", text);
  if (r.is_group)
    printf("  nhóm cơ quan (không phải một cơ quan)\n");
  if (r.level)
    printf("  cấp: %s\n", agency_level_name(r.level));
  if (r.place[0])
    printf("  địa danh: %s\n", r.place);
  if (r.unit_code[0])
    printf("  đơn vị: %s (%s %s)\n", r.unit_name, r.unit_tree, r.unit_code);
  return 0;
}

int cmd_agency(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(agency_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "resolve") == 0)
    return agency_resolve_cmd(argc, argv, g);
  if (strcmp(argv[1], "kinds") == 0)
    return agency_kinds(argc > 2 && strcmp(argv[2], "--json") == 0);
  fprintf(stderr, "pcmt agency: unknown subcommand '%s'\n%s", argv[1], agency_help);
  return 2;
}
