/* test_cli_args.c: the one reader of a command's arguments — a subcommand
 * found in its table, positional arguments counted, flags and valued
 * options put where the table says and refused for the subcommands that
 * do not take them, a missing value, and a command without subcommands. */
#include "testutil.h"

#include <stddef.h>
#include <string.h>

#include "base/err.h"
#include "cli/cli_args.h"

enum { S_LIST = 1 << 0, S_SHOW = 1 << 1 };

struct opts {
  struct cli_args a;
  const char *unit, *as;
  int json;
};

static const struct cli_sub subs[] = {{"list", S_LIST, 0}, {"show", S_SHOW, 2}};
static const struct cli_opt table[] = {
    {"--json", offsetof(struct opts, json), S_LIST, 1},
    {"--unit", offsetof(struct opts, unit), S_LIST, 0},
    {"--as", offsetof(struct opts, as), CLI_ALL, 0},
};

static int parse(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  return cli_args_parse(&o->a, o, "demo", subs, 2, 0, table, 3, argc, argv);
}

static void subcommand_options_and_flags(void **state)
{
  (void)state;
  struct opts o;
  char *ok[] = {"demo", "list", "--json", "--unit", "03006", "--as", "cb.xa"};
  assert_int_equal(parse(&o, 7, ok), 0);
  assert_string_equal(o.a.sub, "list");
  assert_int_equal(o.a.bit, S_LIST);
  assert_int_equal(o.json, 1);
  assert_string_equal(o.unit, "03006");
  assert_string_equal(o.as, "cb.xa");
  assert_int_equal(o.a.npos, 0);

  char *show[] = {"demo", "show", "12", "--as", "x", "13"};
  assert_int_equal(parse(&o, 6, show), 0);
  assert_int_equal(o.a.want, 2);
  assert_int_equal(o.a.npos, 2);
  assert_string_equal(o.a.pos[0], "12");
  assert_string_equal(o.a.pos[1], "13");
  /* too few is the caller's to say: the reader counts */
  char *few[] = {"demo", "show", "12"};
  assert_int_equal(parse(&o, 3, few), 0);
  assert_int_equal(o.a.npos, 1);
}

static void misuses(void **state)
{
  (void)state;
  struct opts o;
  int misuse = err_exit_status(ERR_INPUT);
  assert_int_not_equal(misuse, 0);
  char *unknown_sub[] = {"demo", "lits"};
  assert_int_equal(parse(&o, 2, unknown_sub), misuse);
  char *unknown_opt[] = {"demo", "list", "--jsn"};
  assert_int_equal(parse(&o, 3, unknown_opt), misuse);
  char *flag_elsewhere[] = {"demo", "show", "1", "2", "--json"};
  assert_int_equal(parse(&o, 5, flag_elsewhere), misuse);
  assert_int_equal(o.json, 0);
  char *value_elsewhere[] = {"demo", "show", "--unit", "03006"};
  assert_int_equal(parse(&o, 4, value_elsewhere), misuse);
  char *no_value[] = {"demo", "list", "--unit"};
  assert_int_equal(parse(&o, 3, no_value), misuse);
  char *extra[] = {"demo", "list", "12"};
  assert_int_equal(parse(&o, 3, extra), misuse);
  char *third[] = {"demo", "show", "1", "2", "3"};
  assert_int_equal(parse(&o, 5, third), misuse);
}

static void without_subcommands(void **state)
{
  (void)state;
  struct opts o;
  memset(&o, 0, sizeof o);
  char *argv[] = {"calendar", "a", "--as", "x", "b"};
  assert_int_equal(cli_args_parse(&o.a, &o, "calendar", NULL, 0, 2, table, 3, 5, argv), 0);
  assert_null(o.a.sub);
  assert_int_equal(o.a.npos, 2);
  assert_string_equal(o.as, "x");
  /* every option is taken without subcommands: the bits are all set */
  char *json[] = {"calendar", "--json", "--unit", "01"};
  memset(&o, 0, sizeof o);
  assert_int_equal(cli_args_parse(&o.a, &o, "calendar", NULL, 0, 2, table, 3, 4, json), 0);
  assert_int_equal(o.json, 1);
  char *three[] = {"calendar", "a", "b", "c"};
  assert_int_not_equal(cli_args_parse(&o.a, &o, "calendar", NULL, 0, 2, table, 3, 4, three), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(subcommand_options_and_flags),
      cmocka_unit_test(misuses),
      cmocka_unit_test(without_subcommands),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
