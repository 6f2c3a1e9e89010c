/* test_app_token.c: the JSON API's bearer tokens — create (shown once,
 * stored as a hash), list, revoke, a disabled user's tokens, expiry at the
 * end of a day in Vietnam time, the administrator's territory — on a real
 * database with a clock passed in. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_token.h"
#include "app/app_user.h"
#include "store/store.h"
#include "types/scope.h"

/* 15/01/2027 08:00:00 UTC, 15:00 in Vietnam: the clock of these tests */
#define T0 1800000000L

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
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "t.db"))
    return -1;
  struct scope u;
  tu_add_user(&u, f->st, &f->admin, "cb.xa", "officer", "03006");
  return 0;
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

static void create_check_list(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  char tok[APP_TOKEN_HEX];
  long id = 0;
  assert_int_equal(app_token_create(&id, tok, f->st, &f->admin, "cb.xa", "báo cáo", NULL, T0, &err),
                   ERR_OK);
  assert_true(id > 0);
  assert_int_equal(strlen(tok), 64);
  assert_int_equal(strspn(tok, "0123456789abcdef"), 64);
  /* the database holds the hash only: no column anywhere equals the token */
  char sql[200];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM api_token WHERE hex(token_hash) = upper('%s')",
           tok);
  assert_int_equal(tu_count(f->st, sql), 0);
  assert_int_equal(tu_count(f->st, "SELECT length(token_hash) FROM api_token"), 32);

  char action[64], actor[64];
  long rec = 0;
  tu_last_audit(action, actor, &rec, f->st);
  assert_string_equal(action, "token.create");
  assert_string_equal(actor, "admin");
  assert_int_equal(rec, tu_count(f->st, "SELECT id FROM app_user WHERE login = 'cb.xa'"));
  /* nor does the audit trail */
  snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE detail LIKE '%%%.16s%%'", tok);
  assert_int_equal(tu_count(f->st, sql), 0);

  struct app_session s;
  assert_int_equal(app_token_check(&s, f->st, tok, T0 + 3600, &err), ERR_OK);
  assert_string_equal(s.login, "cb.xa");
  assert_int_equal(s.role, SCOPE_OFFICER);
  assert_int_equal(s.id, 0);
  assert_string_equal(s.csrf, "");
  assert_string_equal(s.stage, "");

  /* a token one digit off, a short one and a non-hex one open nothing */
  char other[APP_TOKEN_HEX];
  memcpy(other, tok, sizeof other);
  other[63] = other[63] == '0' ? '1' : '0';
  assert_int_equal(app_token_check(&s, f->st, other, T0, &err), ERR_DENIED);
  assert_int_equal(app_token_check(&s, f->st, "abc", T0, &err), ERR_DENIED);
  other[0] = 'g';
  assert_int_equal(app_token_check(&s, f->st, other, T0, &err), ERR_DENIED);
  assert_int_equal(app_token_check(&s, f->st, NULL, T0, &err), ERR_DENIED);

  struct token_list l;
  assert_int_equal(app_token_list(&l, f->st, &f->admin, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].id, id);
  assert_string_equal(l.items[0].login, "cb.xa");
  assert_string_equal(l.items[0].name, "báo cáo");
  assert_string_equal(l.items[0].created_by, "admin");
  assert_int_equal(l.items[0].created_at, T0);
  assert_int_equal(l.items[0].expires_at, 0);
  assert_int_equal(l.items[0].revoked_at, 0);
  token_list_free(&l);
  token_list_free(NULL);
}

static void revoke(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  char tok[APP_TOKEN_HEX], tok2[APP_TOKEN_HEX];
  long id = 0, id2 = 0;
  assert_int_equal(app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, NULL, T0, &err), 0);
  assert_int_equal(app_token_create(&id2, tok2, f->st, &f->admin, "cb.xa", NULL, NULL, T0, &err),
                   0);
  assert_string_not_equal(tok, tok2);
  assert_int_equal(app_token_revoke(f->st, &f->admin, id, T0 + 10, &err), ERR_OK);
  char action[64], actor[64];
  long rec = 0;
  tu_last_audit(action, actor, &rec, f->st);
  assert_string_equal(action, "token.revoke");
  struct app_session s;
  assert_int_equal(app_token_check(&s, f->st, tok, T0 + 20, &err), ERR_DENIED);
  /* the other token of the same user still works */
  assert_int_equal(app_token_check(&s, f->st, tok2, T0 + 20, &err), ERR_OK);
  /* revoking twice keeps the first time */
  assert_int_equal(app_token_revoke(f->st, &f->admin, id, T0 + 99, &err), ERR_OK);
  struct token_list l;
  assert_int_equal(app_token_list(&l, f->st, &f->admin, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  assert_int_equal(l.items[0].id, id2); /* newest first */
  assert_int_equal(l.items[1].revoked_at, T0 + 10);
  token_list_free(&l);
  assert_int_equal(app_token_revoke(f->st, &f->admin, id2 + 100, T0, &err), ERR_NOT_FOUND);
}

static void disabled_user(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  char tok[APP_TOKEN_HEX];
  long id = 0;
  assert_int_equal(app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, NULL, T0, &err), 0);
  struct app_session s;
  assert_int_equal(app_token_check(&s, f->st, tok, T0, &err), ERR_OK);
  assert_int_equal(app_user_disable(f->st, &f->admin, "cb.xa", 1, &err), ERR_OK);
  assert_int_equal(app_token_check(&s, f->st, tok, T0, &err), ERR_DENIED);
  /* the same message as an unknown token */
  char msg[ERR_MSG_MAX];
  snprintf(msg, sizeof msg, "%s", err.msg);
  assert_int_equal(app_token_check(&s, f->st, "00", T0, &err), ERR_DENIED);
  assert_string_equal(err.msg, msg);
  assert_int_equal(app_user_disable(f->st, &f->admin, "cb.xa", 0, &err), ERR_OK);
  assert_int_equal(app_token_check(&s, f->st, tok, T0, &err), ERR_OK);
}

/* "--expires 2027-01-15" works through 23:59:59 of that day in Vietnam,
 * which is 16:59:59 UTC: T0 (08:00 UTC) + 9 h - 1 s. */
static void expiry(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  char tok[APP_TOKEN_HEX];
  long id = 0;
  assert_int_equal(
      app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, "2027-01-15", T0, &err), 0);
  struct app_session s;
  assert_int_equal(app_token_check(&s, f->st, tok, T0, &err), ERR_OK);
  assert_int_equal(app_token_check(&s, f->st, tok, T0 + 9 * 3600 - 1, &err), ERR_OK);
  assert_int_equal(app_token_check(&s, f->st, tok, T0 + 9 * 3600, &err), ERR_DENIED);
  /* a day already over (yesterday in Vietnam), and a date that is none */
  assert_int_equal(
      app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, "2027-01-14", T0, &err),
      ERR_INPUT);
  assert_non_null(strstr(err.msg, "đã qua"));
  assert_int_equal(
      app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, "2027-02-30", T0, &err),
      ERR_INPUT);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM api_token"), 1);
}

static void who_may(void **state)
{
  struct fx *f = *state;
  struct err err = {0};
  char tok[APP_TOKEN_HEX];
  long id = 0;
  struct scope officer, prov_admin;
  tu_add_user(&officer, f->st, &f->admin, "cb.huyen", "officer", "03006");
  /* an officer manages no token */
  assert_int_equal(app_token_create(&id, tok, f->st, &officer, "cb.xa", NULL, NULL, T0, &err),
                   ERR_DENIED);
  struct token_list l;
  assert_int_equal(app_token_list(&l, f->st, &officer, &err), ERR_DENIED);
  /* an administrator of another province reaches neither the user nor its tokens */
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.hanoi", "admin", "01");
  assert_int_equal(app_token_create(&id, tok, f->st, &prov_admin, "cb.xa", NULL, NULL, T0, &err),
                   ERR_NOT_FOUND);
  assert_int_equal(app_token_create(&id, tok, f->st, &f->admin, "cb.xa", NULL, NULL, T0, &err), 0);
  assert_int_equal(app_token_list(&l, f->st, &prov_admin, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  token_list_free(&l);
  assert_int_equal(app_token_revoke(f->st, &prov_admin, id, T0, &err), ERR_NOT_FOUND);
  assert_int_equal(app_token_create(&id, tok, f->st, &f->admin, "khong.ai", NULL, NULL, T0, &err),
                   ERR_NOT_FOUND);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM api_token"), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(create_check_list, setup, teardown),
      cmocka_unit_test_setup_teardown(revoke, setup, teardown),
      cmocka_unit_test_setup_teardown(disabled_user, setup, teardown),
      cmocka_unit_test_setup_teardown(expiry, setup, teardown),
      cmocka_unit_test_setup_teardown(who_may, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
