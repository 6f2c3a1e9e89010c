/* cmd_agency.c: `pcmt agency` — resolve agency names as plans write them, list the kinds.
 *
 * A thin front end over app/app_agency.h: parse, open the caller (only
 * with --unit: without it no database is needed), call one operation,
 * print — kinds and levels by their Vietnamese labels (types/label.h), the
 * kinds' table padded by display width — or the JSON of
 * output/agency_json.h. A misuse exits 2; a failed operation its error's
 * status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_agency.h"
#include "base/date.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/agency_json.h"
#include "store/store.h"
#include "types/label.h"

static const char agency_help[] =
    "usage: pcmt agency resolve TEXT [--unit CODE] [--tree pre2025|post2025] [--at DATE] [--json]\n"
    "                           [--as LOGIN] [--purpose TEXT]\n"
    "       pcmt agency kinds [--json]\n\n"
    "resolve  reads an agency name (\"Công an huyện\", \"Sở LĐTBXH\", \"Huyện Đoàn Bình Sơn\")\n"
    "         or a collective phrase (\"các sở, ban, ngành\", \"UBND cấp xã\") and prints its\n"
    "         kind, level and, given the unit the plan belongs to (--unit), the unit the\n"
    "         agency sits at. Without --unit no database is needed.\n"
    "kinds    lists the agency kinds.\n"
    "--tree defaults to the tree in force at --at (today's units when --at is not given).\n";

/* Print the misuse; the exit status of a misuse. */
static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt agency: %s%s%s%s\n%s", what, arg ? " '" : "", arg ? arg : "",
          arg ? "'" : "", agency_help);
  return err_exit_status(ERR_INPUT);
}

static void print_text(char *s)
{
  if (s)
    fputs(s, stdout);
  free(s);
}

/* Width of the kinds' code column, in display columns. */
enum { W_KIND = 22 };

static int agency_kinds_cmd(int argc, char **argv)
{
  int json = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--json") != 0)
      return usage("không có tùy chọn", argv[i]);
    json = 1;
  }
  const struct label *kinds;
  size_t n;
  app_agency_kinds(&kinds, &n);
  if (json) {
    char *text;
    struct err err = {0};
    if (agency_json_dump_kinds(&text, kinds, n, &err))
      return cli_fail(&err);
    print_text(text);
    return 0;
  }
  for (size_t k = 0; k < n; k++) {
    cli_cell(stdout, kinds[k].code, W_KIND);
    puts(kinds[k].vi);
  }
  return 0;
}

static void print_ref(const char *text, const struct agency_ref *r)
{
  if (r->kind == AGENCY_NONE && !r->is_group) {
    printf("\"%s\": không phải tên cơ quan\n", text);
    return;
  }
  if (r->kind)
    printf("%s\n  loại: %s (%s)\n", text, agency_kind_label(r->kind), agency_kind_name(r->kind));
  else
    printf("%s\n  loại: nhiều loại\n", text);
  if (r->is_group)
    printf("  nhóm cơ quan (không phải một cơ quan)\n");
  if (r->level)
    printf("  cấp: %s\n", label_vi(LABEL_AGENCY_LEVEL, agency_level_name(r->level)));
  if (r->place[0])
    printf("  địa danh: %s\n", r->place);
  if (r->unit_code[0])
    printf("  đơn vị: %s (%s %s)\n", r->unit_name, r->unit_tree, r->unit_code);
}

static int agency_resolve_cmd(int argc, char **argv, const struct cli_global *g)
{
  struct app_agency_in in = {0};
  const char *as = NULL, *purpose = NULL;
  int json = 0;
  char at_iso[DATE_ISO_LEN];
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    const char **target = NULL;
    if (strcmp(a, "--json") == 0) {
      json = 1;
      continue;
    }
    if (strcmp(a, "--unit") == 0)
      target = &in.unit_code;
    else if (strcmp(a, "--tree") == 0)
      target = &in.tree;
    else if (strcmp(a, "--as") == 0)
      target = &as;
    else if (strcmp(a, "--purpose") == 0)
      target = &purpose;
    if (target || strcmp(a, "--at") == 0) {
      if (i + 1 >= argc)
        return usage("tùy chọn cần một giá trị:", a);
      const char *v = argv[++i];
      if (target) {
        *target = v;
        continue;
      }
      struct date d;
      struct err err = {0};
      if (date_parse(&d, v, 0, &err))
        return cli_fail(&err);
      date_to_iso(at_iso, d);
      in.at = at_iso;
    } else if (a[0] == '-' && a[1]) {
      return usage("không có tùy chọn", a);
    } else if (!in.text) {
      in.text = a;
    } else {
      return usage("thừa đối số", a);
    }
  }
  if (!in.text)
    return usage("thiếu tên cơ quan", NULL);
  if ((as || purpose) && !in.unit_code)
    return usage("--as và --purpose chỉ đi cùng --unit (không có --unit thì không mở cơ sở dữ "
                 "liệu)",
                 NULL);
  struct err err = {0};
  struct store *st = NULL;
  struct scope caller, *use = NULL;
  int rc = 0;
  if (in.unit_code) {
    rc = cli_open_store(&st, g, &err);
    if (!rc)
      rc = cli_caller(&caller, st, as, purpose ? purpose : "đọc tên cơ quan", &err);
    use = &caller;
  }
  struct agency_ref r;
  char *text = NULL;
  if (!rc)
    rc = app_agency_resolve(&r, st, use, &in, &err);
  store_close(st);
  if (!rc && json)
    rc = agency_json_dump_ref(&text, in.text, &r, &err);
  if (rc)
    return cli_fail(&err);
  if (json)
    print_text(text);
  else
    print_ref(in.text, &r);
  return 0;
}

int cmd_agency(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(agency_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? err_exit_status(ERR_INPUT) : 0;
  }
  if (strcmp(argv[1], "resolve") == 0)
    return agency_resolve_cmd(argc, argv, g);
  if (strcmp(argv[1], "kinds") == 0)
    return agency_kinds_cmd(argc, argv);
  return usage("không có lệnh con", argv[1]);
}
