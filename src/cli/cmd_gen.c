/* cmd_gen.c: `pcmt gen` — fill a database with generated, realistic register data.
 *
 * A thin front end over app/app_gen.h: parses the options into struct
 * gen_options, opens the caller (cli_caller: --as, else $PCMT_USER, else the
 * local administrator), runs app_gen_run (an administrator's action: one
 * write transaction, one audit row naming the caller) and prints a summary
 * of what was written and how long it took. A misuse exits 2; a failed run
 * its error's status. Docs: docs/gen.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_gen.h"
#include "base/date.h"
#include "cli/cli_registers.h"
#include "store/store.h"
#include "types/unit.h"

static const char gen_help[] =
    "usage: pcmt gen --scale province|national [--province CODE [--tree pre2025|post2025]]\n"
    "                [--from YEAR] [--to YEAR]\n"
    "                --seed N [--today DATE] [--people N] [--cases N] [--places N]\n"
    "                [--networks N] [--licit N] [--activities N] [--as LOGIN] [--purpose TEXT]\n\n"
    "Fills an initialised database (pcmt init; pcmt units import) with generated people and\n"
    "their histories, cases, places, networks, licit entities and activities, the same for the\n"
    "same seed, options and --today (default: today; nothing is dated after it). --province is\n"
    "the province its code names on --today (default 10, old Lào Cai): a province of today's\n"
    "tree is its whole territory, the old provinces that went into it included (15 is Lào Cai\n"
    "since 01/07/2025: old Lào Cai and Yên Bái); --tree pre2025 takes the old province (15:\n"
    "Yên Bái). Years default to\n"
    "2020..2026. Sizes default to the scale's (national: 250000 people, 150000 cases, 20000\n"
    "places, 3000 networks, 4000 licit entities, 500000 activities; province: 1/30 of that).\n"
    "A database that already holds generated data is refused. The run is an administrator's\n"
    "(--as, default $PCMT_USER, else the local administrator): national for --scale national,\n"
    "else one whose territory holds the province. Docs: docs/gen.md\n";

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "pcmt gen: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  return err_exit_status(ERR_INPUT);
}

static int parse_num(long long *out, const char *s, long long lo, long long hi)
{
  char *end;
  long long v = strtoll(s, &end, 10);
  if (!*s || *end || v < lo || v > hi)
    return 1;
  *out = v;
  return 0;
}

int cmd_gen(int argc, char **argv, const struct cli_global *g)
{
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    fputs(gen_help, stdout);
    return 0;
  }
  const char *scale = NULL, *province = NULL, *today = NULL, *tree = NULL;
  const char *as = NULL, *purpose = NULL;
  long long from = 2020, to = 2026, seed = -1;
  struct {
    const char *name;
    long long v;
  } sizes[] = {{"--people", -1},   {"--cases", -1}, {"--places", -1},
               {"--networks", -1}, {"--licit", -1}, {"--activities", -1}};
  const size_t nsizes = sizeof sizes / sizeof sizes[0];
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i + 1 >= argc)
      return bad("option '%s' needs a value (pcmt gen --help)", a);
    const char *v = argv[++i];
    if (strcmp(a, "--scale") == 0) {
      scale = v;
    } else if (strcmp(a, "--province") == 0) {
      province = v;
    } else if (strcmp(a, "--tree") == 0) {
      tree = v;
    } else if (strcmp(a, "--as") == 0) {
      as = v;
    } else if (strcmp(a, "--purpose") == 0) {
      purpose = v;
    } else if (strcmp(a, "--today") == 0) {
      today = v;
    } else if (strcmp(a, "--from") == 0) {
      if (parse_num(&from, v, 2000, 2100))
        return bad("--from \"%s\": a year 2000..2100", v);
    } else if (strcmp(a, "--to") == 0) {
      if (parse_num(&to, v, 2000, 2100))
        return bad("--to \"%s\": a year 2000..2100", v);
    } else if (strcmp(a, "--seed") == 0) {
      if (parse_num(&seed, v, 0, 9223372036854775807LL))
        return bad("--seed \"%s\": a whole number >= 0", v);
    } else {
      size_t k = 0;
      while (k < nsizes && strcmp(a, sizes[k].name) != 0)
        k++;
      if (k == nsizes)
        return bad("unknown option '%s' (pcmt gen --help)", a);
      if (parse_num(&sizes[k].v, v, 0, 10000000))
        return bad("\"%s\": a count 0..10000000", v);
    }
  }
  if (!scale || (strcmp(scale, "province") != 0 && strcmp(scale, "national") != 0))
    return bad("%s", "--scale province|national is required (pcmt gen --help)");
  if (seed < 0)
    return bad("%s", "--seed N is required: the same seed gives the same data");
  int national = strcmp(scale, "national") == 0;
  if (national && (province || tree))
    return bad("%s", "--province and --tree go with --scale province only");
  if (from > to)
    return bad("%s", "--from must not come after --to");
  struct gen_options o;
  gen_options_init(&o, national ? GEN_NATIONAL : GEN_PROVINCE);
  if (!national) {
    const char *p = province ? province : "10";
    if (strlen(p) != 2 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
      return bad("--province \"%s\": a 2-digit province code", p);
    snprintf(o.province, sizeof o.province, "%s", p);
    if (tree && strcmp(tree, UNIT_TREE_OLD) != 0 && strcmp(tree, UNIT_TREE_NEW) != 0)
      return bad("--tree \"%s\": %s or %s", tree, UNIT_TREE_OLD, UNIT_TREE_NEW);
    snprintf(o.tree, sizeof o.tree, "%s", tree ? tree : "");
  }
  o.year_from = (int)from;
  o.year_to = (int)to;
  o.seed = (uint64_t)seed;
  long *dst[] = {&o.people, &o.cases, &o.places, &o.networks, &o.licit, &o.activities};
  for (size_t k = 0; k < nsizes; k++)
    if (sizes[k].v >= 0)
      *dst[k] = (long)sizes[k].v;
  struct err err = {0};
  if (today) {
    struct date d;
    if (date_parse(&d, today, 0, &err))
      return cli_fail(&err);
    date_to_iso(o.today, d);
  }
  if (gen_options_check(&o, &err))
    return cli_fail(&err);
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  struct gen_result r;
  int rc = cli_caller(&caller, st, as, purpose ? purpose : "sinh dữ liệu thử nghiệm", &err);
  if (!rc)
    rc = app_gen_run(&r, st, &caller, &o, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  printf("generated (seed %llu, %s%s%s, %d..%d, up to %s) in %.1f s\n", (unsigned long long)o.seed,
         national ? "national" : "province ", national ? "" : r.province.code,
         national ? ""
                  : (strcmp(r.province.tree, UNIT_TREE_NEW) == 0 ? " (post2025)" : " (pre2025)"),
         o.year_from, o.year_to, o.today, r.seconds);
  if (!national) {
    char label[300];
    printf("Đơn vị: %s\n", unit_label(label, sizeof label, &r.province));
  }
  printf("  geography    %ld old provinces, %ld old communes, %ld new communes\n", r.provinces,
         r.old_communes, r.new_communes);
  printf("  people       %ld (events %ld, search keys %ld, duplicate pairs %ld, histories "
         "redrawn %ld)\n",
         r.people, r.events, r.search_keys, r.duplicates, r.replay_failures);
  printf("  cases        %ld (people involved %ld, seizures %ld)\n", r.cases, r.case_people,
         r.seizures);
  printf("  places       %ld (status rows %ld, inspections %ld)\n", r.places, r.place_status,
         r.inspections);
  printf("  networks     %ld (members %ld, online accounts %ld)\n", r.networks, r.members,
         r.accounts);
  printf("  licit        %ld (inspections %ld)\n", r.licit, r.licit_inspections);
  printf("  activities   %ld\n", r.activities);
  return 0;
}
