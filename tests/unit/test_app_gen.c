/* test_app_gen.c: the generator as an operation — who may run it, over which territory, and
 * the audit row naming the user who ran it.
 *
 * Tiny province runs (a few dozen rows) into a database made by app_db_init. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_gen.h"
#include "store/store.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  return tu_open_app_db(&f->st, &f->admin, f->dir, "g.db");
}

static int teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* A tiny run of province `code` (as of 23/11/2026). */
static void tiny(struct gen_options *o, enum gen_scale scale, const char *code)
{
  gen_options_init(o, scale);
  snprintf(o->province, sizeof o->province, "%s", code ? code : "");
  snprintf(o->today, sizeof o->today, "2026-11-23");
  o->seed = 3;
  o->people = 40;
  o->cases = 10;
  o->places = 6;
  o->networks = 1;
  o->licit = 1;
  o->activities = 10;
}

static long generated(struct store *st)
{
  return tu_count(st, "SELECT count(*) FROM person WHERE created_by = 'gen'");
}

/* Only an administrator generates; the audit row's actor is that user. */
static void an_administrator_generates_as_itself(void **state)
{
  struct fx *f = *state;
  struct scope officer, leader;
  tu_add_user(&officer, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  struct gen_options o;
  struct gen_result r;
  struct err err = {0};
  tiny(&o, GEN_PROVINCE, "15");
  assert_int_equal(app_gen_run(&r, f->st, &officer, &o, &err), ERR_DENIED);
  assert_int_equal(app_gen_run(&r, f->st, &leader, &o, &err), ERR_DENIED);
  assert_int_equal(generated(f->st), 0);
  assert_int_equal(app_gen_run(&r, f->st, &f->admin, &o, &err), ERR_OK);
  assert_int_equal(r.people, 40);
  assert_int_equal(generated(f->st), 40);
  char action[64], actor[64];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "gen.run");
  assert_string_equal(actor, "admin");
  assert_int_equal(rid, 0);
}

/* A province's administrator generates for its province, not for another nor the country. */
static void a_province_administrator_stays_in_its_territory(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15"); /* Lào Cai, today */
  struct gen_options o;
  struct gen_result r;
  struct err err = {0};
  tiny(&o, GEN_NATIONAL, NULL);
  assert_int_equal(app_gen_run(&r, f->st, &prov_admin, &o, &err), ERR_DENIED);
  tiny(&o, GEN_PROVINCE, "01"); /* Hà Nội */
  assert_int_equal(app_gen_run(&r, f->st, &prov_admin, &o, &err), ERR_DENIED);
  assert_non_null(strstr(err.msg, "Hà Nội"));
  assert_int_equal(generated(f->st), 0);
  tiny(&o, GEN_PROVINCE, "15");
  assert_int_equal(app_gen_run(&r, f->st, &prov_admin, &o, &err), ERR_OK);
  assert_string_equal(r.province.name, "Lào Cai");
  char action[64], actor[64];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "gen.run");
  assert_string_equal(actor, "qt.laocai");
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = 'gen.run' "
                                   "AND scope = 'post2025:15' AND actor = 'qt.laocai'"),
                   1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(an_administrator_generates_as_itself, setup, teardown),
      cmocka_unit_test_setup_teardown(a_province_administrator_stays_in_its_territory, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
