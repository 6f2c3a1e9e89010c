/* test_app_session.c: passwords, sign-in, session expiry, CSRF, sign-out
 * and the sign-in rate limit, on a real database with a clock passed in. */
#include "testutil.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_session.h"
#include "app/app_user.h"
#include "domain/password.h"
#include "store/store.h"
#include "types/scope.h"

#define T0 1800000000L /* 15/01/2027, the clock of these tests */
#define PW "sông Hồng chảy mãi"

static const char wrong_msg[] = "Tên đăng nhập hoặc mật khẩu không đúng.";

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
  struct app_session_limits lim;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  app_session_limits_default(&f->lim);
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "s.db"))
    return -1;
  struct app_user_new in = {"cb.test", NULL, "officer", NULL, NULL, NULL};
  long id;
  struct err err = {0};
  return app_user_add_password(&id, f->st, &f->admin, &in, PW, &err);
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

static void password_rules(void **state)
{
  (void)state;
  struct err err = {0};
  assert_int_equal(password_check("ngắn quá", "x", &err), ERR_INPUT);
  /* nine letters with diacritics: more than ten bytes, still nine characters */
  assert_int_equal(password_check("mậtkhẩuvn", "x", &err), ERR_INPUT);
  assert_int_equal(password_check("mậtkhẩuvnn", "x", &err), ERR_OK);
  assert_int_equal(password_check("aaaaaaaaaaaa", "x", &err), ERR_INPUT);
  assert_int_equal(password_check("cb.laocai.01", "CB.LaoCai.01", &err), ERR_INPUT);
  assert_int_equal(password_check("MatKhau@123", "x", &err), ERR_INPUT); /* common, any case */
  assert_int_equal(password_check("1234567890", "x", &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "phổ biến"));
  assert_int_equal(password_check(PW, "cb.test", &err), ERR_OK);
}

static void password_hash_and_verify(void **state)
{
  (void)state;
  char h[PASSWORD_HASH_MAX];
  struct err err = {0};
  assert_int_equal(password_hash(h, PW, &err), ERR_OK);
  assert_true(strncmp(h, "$argon2id$", 10) == 0);
  assert_null(strstr(h, PW));
  assert_int_equal(password_verify(h, PW), 1);
  assert_int_equal(password_verify(h, "sông Hồng chảy mãi!"), 0);
  assert_int_equal(password_verify("", PW), 0);
  assert_int_equal(password_verify(NULL, PW), 0);
  assert_int_equal(password_verify("$argon2id$garbage", PW), 0);
}

/* The user's row keeps an argon2id string; a weak password adds nobody. */
static void user_add_keeps_only_the_hash(void **state)
{
  struct fx *f = *state;
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM app_user WHERE login = 'cb.test' "
                                   "AND password_hash LIKE '$argon2id$%'"),
                   1);
  struct app_user_new in = {"cb.weak", NULL, "officer", NULL, NULL, NULL};
  long id;
  struct err err = {0};
  assert_int_equal(app_user_add_password(&id, f->st, &f->admin, &in, "password123", &err),
                   ERR_INPUT);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM app_user WHERE login = 'cb.weak'"), 0);
}

static void signin_check_signout(void **state)
{
  struct fx *f = *state;
  struct app_session s, c;
  struct err err = {0};
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "10.0.0.1", T0, &f->lim, &err),
                   ERR_OK);
  assert_int_equal(strlen(s.token), 64);
  assert_int_equal(strlen(s.csrf), 64);
  assert_string_not_equal(s.token, s.csrf);
  /* the database holds the token's hash, not the token */
  unsigned char raw[32], h[32];
  char hex[65], sql[200];
  assert_int_equal(sodium_hex2bin(raw, 32, s.token, 64, NULL, NULL, NULL), 0);
  crypto_generichash(h, 32, raw, 32, NULL, 0);
  sodium_bin2hex(hex, sizeof hex, h, 32);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM web_session WHERE hex(token_hash) = upper('%s')",
           hex);
  assert_int_equal(tu_count(f->st, sql), 1);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM web_session WHERE hex(token_hash) = upper('%s')",
           s.token);
  assert_int_equal(tu_count(f->st, sql), 0);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = "
                                   "'session.signin' AND actor = 'cb.test'"),
                   1);

  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 5, &f->lim, &err), ERR_OK);
  assert_string_equal(c.login, "cb.test");
  assert_int_equal(c.role, SCOPE_OFFICER);
  assert_string_equal(c.csrf, s.csrf); /* the same token every request */
  assert_true(app_session_csrf_ok(&c, s.csrf));
  char bad[65];
  snprintf(bad, sizeof bad, "%s", s.csrf);
  bad[0] = bad[0] == 'a' ? 'b' : 'a';
  assert_false(app_session_csrf_ok(&c, bad));
  assert_false(app_session_csrf_ok(&c, ""));
  assert_false(app_session_csrf_ok(&c, NULL));

  /* a malformed or unknown token */
  assert_int_equal(app_session_check(&c, f->st, "abc", T0, &f->lim, &err), ERR_DENIED);
  snprintf(bad, sizeof bad, "%s", s.token);
  bad[10] = bad[10] == '0' ? '1' : '0';
  assert_int_equal(app_session_check(&c, f->st, bad, T0, &f->lim, &err), ERR_DENIED);

  /* sign-out ends it on the server: the same cookie opens nothing */
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 10, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_signout(f->st, &c, T0 + 10, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 11, &f->lim, &err), ERR_DENIED);
}

static void idle_and_absolute_timeouts(void **state)
{
  struct fx *f = *state;
  struct app_session s, c;
  struct err err = {0};
  /* idle: 30 minutes without a request */
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "a", T0, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1800, &f->lim, &err), ERR_OK);
  /* that request restarted the clock: 29 minutes later it still holds */
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1800 + 1740, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1800 + 1740 + 1801, &f->lim, &err),
                   ERR_DENIED);
  /* and once ended it stays ended, even inside the idle time */
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1800 + 1740 + 1802, &f->lim, &err),
                   ERR_DENIED);

  /* absolute: a request every 20 minutes keeps it only for 12 hours */
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "a", T0, &f->lim, &err), ERR_OK);
  long t = T0;
  for (; t + 1200 <= T0 + 12 * 3600; t += 1200)
    assert_int_equal(app_session_check(&c, f->st, s.token, t + 1200, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 12 * 3600 + 60, &f->lim, &err),
                   ERR_DENIED);
}

static void disabled_user_loses_the_session(void **state)
{
  struct fx *f = *state;
  struct app_session s, c;
  struct err err = {0};
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "a", T0, &f->lim, &err), ERR_OK);
  assert_int_equal(app_user_disable(f->st, &f->admin, "cb.test", 1, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1, &f->lim, &err), ERR_DENIED);
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "a", T0 + 2, &f->lim, &err),
                   ERR_DENIED);
  assert_string_equal(err.msg, wrong_msg);
}

/* A wrong login and a wrong password are told apart by nothing; five
 * failures lock the login for the window, whatever the password. */
static void same_message_and_lockout(void **state)
{
  struct fx *f = *state;
  struct app_session s;
  struct err err = {0};
  assert_int_equal(app_session_signin(&s, f->st, "khong.co", PW, "b", T0, &f->lim, &err),
                   ERR_DENIED);
  assert_string_equal(err.msg, wrong_msg);
  for (int i = 0; i < 5; i++) {
    assert_int_equal(
        app_session_signin(&s, f->st, "cb.test", "sai mật khẩu rồi", "c", T0 + i, &f->lim, &err),
        ERR_DENIED);
    assert_string_equal(err.msg, wrong_msg);
  }
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "d", T0 + 10, &f->lim, &err),
                   ERR_DENIED);
  assert_non_null(strstr(err.msg, "quá nhiều lần"));
  /* after the window (15 minutes from the failures) the right password works */
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "d", T0 + 4 + 901, &f->lim, &err),
                   ERR_OK);
}

/* twenty failures from one address lock that address for every login */
static void address_lockout(void **state)
{
  struct fx *f = *state;
  struct app_session s;
  struct err err = {0};
  struct app_session_limits lim = f->lim;
  lim.addr_max = 3; /* a smaller limit keeps the test fast */
  char login[32];
  for (int i = 0; i < 3; i++) {
    snprintf(login, sizeof login, "doan.%d", i);
    assert_int_equal(app_session_signin(&s, f->st, login, PW, "10.9.9.9", T0, &lim, &err),
                     ERR_DENIED);
  }
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "10.9.9.9", T0 + 1, &lim, &err),
                   ERR_DENIED);
  assert_non_null(strstr(err.msg, "quá nhiều lần"));
  /* another address is not locked */
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "10.9.9.8", T0 + 1, &lim, &err),
                   ERR_OK);
}

/* A new password ends every session of the user (but the one kept), and
 * the old password no longer signs in. */
static void password_change_ends_sessions(void **state)
{
  struct fx *f = *state;
  struct app_session a, b, c;
  struct err err = {0};
  assert_int_equal(app_session_signin(&a, f->st, "cb.test", PW, "a", T0, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_signin(&b, f->st, "cb.test", PW, "b", T0, &f->lim, &err), ERR_OK);
  const char *npw = "đò đưa sang sông 2027";
  /* by the administrator: every session ends */
  assert_int_equal(app_user_set_password(f->st, &f->admin, "cb.test", npw, 0, T0 + 1, &err),
                   ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, a.token, T0 + 2, &f->lim, &err), ERR_DENIED);
  assert_int_equal(app_session_check(&c, f->st, b.token, T0 + 2, &f->lim, &err), ERR_DENIED);
  assert_int_equal(app_session_signin(&a, f->st, "cb.test", PW, "a", T0 + 3, &f->lim, &err),
                   ERR_DENIED);
  assert_int_equal(app_session_signin(&a, f->st, "cb.test", npw, "a", T0 + 4, &f->lim, &err),
                   ERR_OK);
  assert_int_equal(app_session_signin(&b, f->st, "cb.test", npw, "b", T0 + 4, &f->lim, &err),
                   ERR_OK);
  /* by the user itself from session a: a stays, b ends */
  struct scope self;
  assert_int_equal(app_caller_open(&self, f->st, "cb.test", "đổi mật khẩu", &err), ERR_OK);
  assert_int_equal(app_user_set_password(f->st, &self, "cb.test", PW, a.id, T0 + 5, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, a.token, T0 + 6, &f->lim, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, b.token, T0 + 6, &f->lim, &err), ERR_DENIED);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = "
                                   "'user.password'"),
                   2);
  /* an officer may not set another user's password; a weak one is refused */
  assert_int_equal(app_user_set_password(f->st, &self, "admin", npw, 0, T0, &err), ERR_DENIED);
  assert_int_equal(app_user_set_password(f->st, &f->admin, "cb.test", "qwertyuiop", 0, T0, &err),
                   ERR_INPUT);
  assert_int_equal(app_user_set_password(f->st, &f->admin, "khong.co", npw, 0, T0, &err),
                   ERR_NOT_FOUND);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(password_rules),
      cmocka_unit_test(password_hash_and_verify),
      cmocka_unit_test_setup_teardown(user_add_keeps_only_the_hash, setup, teardown),
      cmocka_unit_test_setup_teardown(signin_check_signout, setup, teardown),
      cmocka_unit_test_setup_teardown(idle_and_absolute_timeouts, setup, teardown),
      cmocka_unit_test_setup_teardown(disabled_user_loses_the_session, setup, teardown),
      cmocka_unit_test_setup_teardown(same_message_and_lockout, setup, teardown),
      cmocka_unit_test_setup_teardown(address_lockout, setup, teardown),
      cmocka_unit_test_setup_teardown(password_change_ends_sessions, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
