/* test_app_user.c: users of the database and the caller made from them. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_db.h"
#include "app/app_user.h"
#include "store/store.h"
#include "types/scope.h"

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
  return tu_open_app_db(&f->st, &f->admin, f->dir, "u.db");
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

/* init makes the local administrator once; it is a national admin. */
static void init_creates_the_local_administrator_once(void **state)
{
  struct fx *f = *state;
  assert_string_equal(f->admin.user, "admin");
  assert_int_equal(f->admin.role, SCOPE_ADMIN);
  assert_int_equal(f->admin.unit_id, 0);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = 'user.create' "
                                   "AND actor = 'admin'"),
                   1);
  struct app_db_init_result res;
  struct err err = {0};
  assert_int_equal(app_db_init(&res, f->st, &err), ERR_OK);
  assert_int_equal(res.admin_created, 0);
  assert_int_equal(res.from, res.to);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM app_user"), 1);
}

/* An action by someone the database does not know, or a disabled user, is refused. */
static void only_known_users_act(void **state)
{
  struct fx *f = *state;
  struct scope c;
  struct err err = {0};
  assert_int_equal(app_caller_open(&c, f->st, "nobody", NULL, &err), ERR_DENIED);
  assert_non_null(strstr(err.msg, "nobody"));
  struct scope officer;
  tu_add_user(&officer, f->st, &f->admin, "cb.laocai", "officer", "15");
  assert_int_equal(officer.role, SCOPE_OFFICER);
  assert_string_equal(officer.tree, "post2025");
  assert_string_equal(officer.code, "15");
  assert_true(officer.unit_id > 0);
  assert_string_equal(officer.purpose, "kiểm thử");
  assert_int_equal(app_user_disable(f->st, &f->admin, "cb.laocai", 1, &err), ERR_OK);
  assert_int_equal(app_caller_open(&c, f->st, "cb.laocai", NULL, &err), ERR_DENIED);
  assert_int_equal(app_user_disable(f->st, &f->admin, "cb.laocai", 0, &err), ERR_OK);
  assert_int_equal(app_caller_open(&c, f->st, "cb.laocai", NULL, &err), ERR_OK);
  assert_int_equal(app_user_disable(f->st, &f->admin, "admin", 1, &err), ERR_INPUT);
}

/* Only an administrator adds users, inside its territory; every add is audited. */
static void users_are_added_inside_the_territory(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin, officer;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15");
  char action[64], actor[64];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "user.create");
  assert_string_equal(actor, "admin");
  assert_true(rid > 0);
  /* the province's administrator adds a commune officer of Sa Pa (03006) ... */
  tu_add_user(&officer, f->st, &prov_admin, "cb.sapa", "cán bộ cơ quan thường trực", "03006");
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(actor, "qt.laocai");
  /* ... but not one of Hà Nội (01), nor a national one, nor as an officer */
  struct app_user_new hn = {"cb.hanoi", NULL, "officer", NULL, "01", NULL};
  struct app_user_new nat = {"cb.quocgia", NULL, "officer", NULL, NULL, NULL};
  struct app_user_new any = {"cb.khac", NULL, "officer", NULL, "03006", NULL};
  long id;
  struct err err = {0};
  assert_int_equal(app_user_add(&id, f->st, &prov_admin, &hn, &err), ERR_DENIED);
  assert_int_equal(app_user_add(&id, f->st, &prov_admin, &nat, &err), ERR_DENIED);
  assert_int_equal(app_user_add(&id, f->st, &officer, &any, &err), ERR_DENIED);
  /* a login taken, a bad login, an agency user without its agency */
  struct app_user_new dup = {"cb.sapa", NULL, "officer", NULL, "03006", NULL};
  struct app_user_new bad = {"cán bộ", NULL, "officer", NULL, NULL, NULL};
  struct app_user_new noag = {"yte", NULL, "agency", NULL, "15", NULL};
  assert_int_equal(app_user_add(&id, f->st, &f->admin, &dup, &err), ERR_CONFLICT);
  assert_int_equal(app_user_add(&id, f->st, &f->admin, &bad, &err), ERR_INPUT);
  assert_int_equal(app_user_add(&id, f->st, &f->admin, &noag, &err), ERR_INPUT);
  /* the province administrator lists its two, the national one all three */
  struct user_list l;
  assert_int_equal(app_user_list(&l, f->st, &prov_admin, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  assert_string_equal(l.items[0].login, "cb.sapa");
  assert_string_equal(l.items[0].unit_name, "phường Sa Pa");
  user_list_free(&l);
  assert_int_equal(app_user_list(&l, f->st, &f->admin, &err), ERR_OK);
  assert_int_equal(l.n, 3);
  user_list_free(&l);
  assert_int_equal(app_user_list(&l, f->st, &officer, &err), ERR_DENIED);
}

/* A refused new user names the input at fault, for the web form to mark it. */
static void a_refusal_names_its_input(void **state)
{
  struct fx *f = *state;
  const char *pw = "ngõ nhỏ phố nhỏ 1987";
  struct {
    struct app_user_new in;    /* the new user */
    const char *password;      /* its password */
    int rc;                    /* the refusal */
    enum app_user_field field; /* the input named */
  } cases[] = {
      {{"a b", NULL, "officer", NULL, "15", NULL}, pw, ERR_INPUT, APP_USER_FIELD_LOGIN},
      {{"cb.tinh", NULL, "thủ trưởng", NULL, "15", NULL}, pw, ERR_INPUT, APP_USER_FIELD_ROLE},
      {{"cb.tinh", NULL, "officer", NULL, "99", NULL}, pw, ERR_NOT_FOUND, APP_USER_FIELD_UNIT},
      {{"cb.tinh", NULL, "agency", NULL, "15", NULL}, pw, ERR_INPUT, APP_USER_FIELD_AGENCY},
      {{"cb.tinh", NULL, "officer", NULL, "15", NULL},
       "123456789",
       ERR_INPUT,
       APP_USER_FIELD_PASSWORD},
      {{"admin", NULL, "officer", NULL, "15", NULL}, pw, ERR_CONFLICT, APP_USER_FIELD_LOGIN},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    long id;
    enum app_user_field field;
    struct err err = {0};
    assert_int_equal(
        app_user_add_field(&id, &field, f->st, &f->admin, &cases[i].in, cases[i].password, &err),
        cases[i].rc);
    assert_int_equal(field, cases[i].field);
  }
  /* accepted: no field; the province officer listed without a second factor */
  long id;
  enum app_user_field field;
  struct err err = {0};
  struct app_user_new ok = {"cb.tinh", NULL, "officer", NULL, "15", NULL};
  assert_int_equal(app_user_add_field(&id, &field, f->st, &f->admin, &ok, pw, &err), ERR_OK);
  assert_int_equal(field, APP_USER_FIELD_NONE);
  struct user_list l;
  assert_int_equal(app_user_list(&l, f->st, &f->admin, &err), ERR_OK);
  int seen = 0;
  for (size_t i = 0; i < l.n; i++)
    if (strcmp(l.items[i].login, "cb.tinh") == 0)
      seen = 1, assert_int_equal(l.items[i].mfa, 0);
  assert_int_equal(seen, 1);
  user_list_free(&l);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(init_creates_the_local_administrator_once, setup, teardown),
      cmocka_unit_test_setup_teardown(only_known_users_act, setup, teardown),
      cmocka_unit_test_setup_teardown(users_are_added_inside_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(a_refusal_names_its_input, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
