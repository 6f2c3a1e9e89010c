/* test_app_mfa.c: the second factor on a real database with a clock passed
 * in — who is sent to enrolment, enrolment confirmed by one code, the code
 * step with its window and replay refusal, recovery codes usable once,
 * wrong codes counted by the sign-in rate limit, reset-mfa, and the secret
 * sealed in the database. Codes are
 * computed here from the secret by liboath's generator, independently of
 * the check under test. */
#include "testutil.h"

#include <liboath/oath.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_db.h"
#include "app/app_mfa.h"
#include "app/app_session.h"
#include "app/app_user.h"
#include "store/store.h"

#define T0 1800000000L /* 15/01/2027 08:00 UTC: the start of a step (60000000 × 30) */
#define PW "sông Hồng chảy mãi"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
  struct app_session_limits lim;
};

static int add_user(struct fx *f, const char *login, const char *role, const char *unit)
{
  struct app_user_new in = {login, NULL, role, NULL, unit, NULL};
  long id;
  struct err err = {0};
  return app_user_add_password(&id, f->st, &f->admin, &in, PW, &err);
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  app_session_limits_default(&f->lim);
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "m.db"))
    return -1;
  /* 15: the province of Lào Cai; 03006: one of its communes */
  return add_user(f, "ql.tinh", "officer", "15") || add_user(f, "cb.xa", "officer", "03006") ||
         add_user(f, "qt.xa", "admin", "03006") || add_user(f, "ld.tw", "leader", NULL);
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

/* The 6-digit code of base32 secret `b32` at time t, by liboath. */
static void code_at(char *out, const char *b32, long t)
{
  char *raw = NULL;
  size_t n = 0;
  assert_int_equal(oath_init(), OATH_OK);
  assert_int_equal(oath_base32_decode(b32, strlen(b32), &raw, &n), OATH_OK);
  assert_int_equal(n, 20);
  assert_int_equal(oath_totp_generate(raw, n, (time_t)t, 30, 0, 6, out), OATH_OK);
  free(raw);
}

static void signin(struct fx *f, struct app_session *s, const char *login, long t)
{
  struct err err = {0};
  assert_int_equal(app_session_signin(s, f->st, login, PW, "10.0.0.1", t, &f->lim, &err), ERR_OK);
}

/* Enrol `login` at time T0; its secret into b32, its codes into *codes. */
static void enrol(struct fx *f, const char *login, char *b32, struct app_mfa_codes *codes)
{
  struct app_session s;
  struct app_mfa_enrol en;
  struct err err = {0};
  char code[8];
  signin(f, &s, login, T0);
  assert_int_equal(app_mfa_enrol_start(&en, f->st, &s, T0, &err), ERR_OK);
  strcpy(b32, en.base32);
  code_at(code, b32, T0);
  assert_int_equal(app_mfa_enrol_confirm(codes, f->st, &s, code, "10.0.0.1", T0, &f->lim, &err),
                   ERR_OK);
}

static void who_is_sent_to_enrolment(void **state)
{
  struct fx *f = *state;
  struct app_session s;
  signin(f, &s, "ql.tinh", T0);
  assert_string_equal(s.stage, "enrol"); /* a province officer */
  signin(f, &s, "cb.xa", T0);
  assert_string_equal(s.stage, ""); /* a commune officer: offered, not required */
  signin(f, &s, "qt.xa", T0);
  assert_string_equal(s.stage, "enrol"); /* an administrator, even of a commune */
  signin(f, &s, "ld.tw", T0);
  assert_string_equal(s.stage, "enrol"); /* a national leader */
}

static void enrol_then_code_window_replay(void **state)
{
  struct fx *f = *state;
  struct app_session s, c;
  struct app_mfa_enrol en, en2;
  struct app_mfa_codes codes;
  struct err err = {0};
  char code[8];
  signin(f, &s, "ql.tinh", T0);
  assert_int_equal(app_mfa_enrol_start(&en, f->st, &s, T0, &err), ERR_OK);
  /* a reload before confirming shows the same secret (the app scanned it) */
  assert_int_equal(app_mfa_enrol_start(&en2, f->st, &s, T0 + 1, &err), ERR_OK);
  assert_string_equal(en.base32, en2.base32);
  assert_non_null(strstr(en.uri, en.base32));
  /* a wrong code (an hour old) is refused and counted */
  code_at(code, en.base32, T0 - 3600);
  assert_int_equal(app_mfa_enrol_confirm(&codes, f->st, &s, code, "10.0.0.1", T0, &f->lim, &err),
                   ERR_DENIED);
  assert_string_equal(err.msg, "Mã xác thực không đúng.");
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM signin_failure WHERE name IN "
                                   "('ql.tinh', '10.0.0.1')"),
                   2);
  code_at(code, en.base32, T0);
  assert_int_equal(app_mfa_enrol_confirm(&codes, f->st, &s, code, "10.0.0.1", T0, &f->lim, &err),
                   ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 1, &f->lim, &err), ERR_OK);
  assert_string_equal(c.stage, ""); /* the session is open */
  /* after enrolment the secret is never given again */
  assert_int_equal(app_mfa_enrol_start(&en2, f->st, &s, T0 + 2, &err), ERR_CONFLICT);
  assert_string_equal(en2.base32, "");

  /* the next sign-in waits for a code; the enrolment's code is a replay */
  long left = 0;
  signin(f, &s, "ql.tinh", T0 + 10);
  assert_string_equal(s.stage, "code");
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.1", T0 + 10, &f->lim, &err),
                   ERR_DENIED);
  /* two steps ahead: outside the window */
  code_at(code, en.base32, T0 + 60);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.1", T0 + 10, &f->lim, &err),
                   ERR_DENIED);
  /* one step ahead (a phone's clock a little fast), with a space typed */
  code_at(code, en.base32, T0 + 30);
  char spaced[10];
  snprintf(spaced, sizeof spaced, "%.3s %s", code, code + 3);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, spaced, "10.0.0.1", T0 + 10, &f->lim, &err),
                   ERR_OK);
  assert_int_equal(left, -1);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 11, &f->lim, &err), ERR_OK);
  assert_string_equal(c.stage, "");
  /* and that step's code, once used, not again in the next sign-in */
  signin(f, &s, "ql.tinh", T0 + 20);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.1", T0 + 35, &f->lim, &err),
                   ERR_DENIED);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE actor = 'ql.tinh' "
                                   "AND action IN ('mfa.enrol', 'mfa.verify')"),
                   2);
}

static void recovery_code_once(void **state)
{
  struct fx *f = *state;
  struct app_mfa_codes codes;
  struct app_session s;
  struct err err = {0};
  char b32[TOTP_BASE32_MAX];
  enrol(f, "cb.xa", b32, &codes); /* offered to a commune officer too */
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM user_recovery_code"), TOTP_RECOVERY_N);
  long left = 0;
  signin(f, &s, "cb.xa", T0 + 100);
  assert_string_equal(s.stage, "code");
  assert_int_equal(
      app_mfa_verify(&left, f->st, &s, codes.codes[3], "10.0.0.1", T0 + 100, &f->lim, &err),
      ERR_OK);
  assert_int_equal(left, 9);
  signin(f, &s, "cb.xa", T0 + 200);
  assert_int_equal(
      app_mfa_verify(&left, f->st, &s, codes.codes[3], "10.0.0.1", T0 + 200, &f->lim, &err),
      ERR_DENIED);
  /* another user's code is no code of this user */
  struct app_mfa_codes other;
  char b32o[TOTP_BASE32_MAX];
  enrol(f, "ql.tinh", b32o, &other);
  assert_int_equal(
      app_mfa_verify(&left, f->st, &s, other.codes[0], "10.0.0.1", T0 + 200, &f->lim, &err),
      ERR_DENIED);
  assert_int_equal(
      app_mfa_verify(&left, f->st, &s, codes.codes[4], "10.0.0.1", T0 + 200, &f->lim, &err),
      ERR_OK);
  assert_int_equal(left, 8);
}

static void wrong_codes_lock_the_login(void **state)
{
  struct fx *f = *state;
  struct app_mfa_codes codes;
  struct app_session s;
  struct err err = {0};
  char b32[TOTP_BASE32_MAX], code[8];
  enrol(f, "ql.tinh", b32, &codes);
  signin(f, &s, "ql.tinh", T0 + 100);
  long left = 0;
  for (int k = 1; k <= 5; k++) {
    code_at(code, b32, T0 - 3600 * k);
    assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.2", T0 + 100, &f->lim, &err),
                     ERR_DENIED);
  }
  code_at(code, b32, T0 + 100);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.2", T0 + 100, &f->lim, &err),
                   ERR_DENIED);
  assert_non_null(strstr(err.msg, "quá nhiều lần"));
  /* and the password too, until the window has passed */
  struct app_session s2;
  assert_int_equal(
      app_session_signin(&s2, f->st, "ql.tinh", PW, "10.0.0.3", T0 + 101, &f->lim, &err),
      ERR_DENIED);
  long later = T0 + 101 + f->lim.window_s; /* the failures at T0 + 100 have left the window */
  code_at(code, b32, later);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.2", later, &f->lim, &err),
                   ERR_OK);
}

static void reset_mfa(void **state)
{
  struct fx *f = *state;
  struct app_mfa_codes codes;
  struct app_session s, c;
  struct err err = {0};
  char b32[TOTP_BASE32_MAX];
  enrol(f, "ql.tinh", b32, &codes);
  signin(f, &s, "ql.tinh", T0 + 50);
  /* an officer may not */
  struct scope officer;
  assert_int_equal(app_caller_open(&officer, f->st, "cb.xa", NULL, &err), ERR_OK);
  assert_int_equal(app_mfa_reset(f->st, &officer, "ql.tinh", T0 + 60, &err), ERR_DENIED);
  /* a commune's administrator cannot reach a province user: not found */
  struct scope commune_admin;
  assert_int_equal(app_caller_open(&commune_admin, f->st, "qt.xa", NULL, &err), ERR_OK);
  assert_int_equal(app_mfa_reset(f->st, &commune_admin, "ql.tinh", T0 + 60, &err), ERR_NOT_FOUND);
  assert_int_equal(app_mfa_reset(f->st, &f->admin, "ql.tinh", T0 + 60, &err), ERR_OK);
  assert_int_equal(app_session_check(&c, f->st, s.token, T0 + 61, &f->lim, &err), ERR_DENIED);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM user_totp"), 0);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM user_recovery_code"), 0);
  assert_int_equal(tu_count(f->st,
                            "SELECT count(*) FROM audit_log WHERE action = 'mfa.reset' AND actor = "
                            "'admin'"),
                   1);
  signin(f, &s, "ql.tinh", T0 + 70);
  assert_string_equal(s.stage, "enrol");
}

/* Whether the n bytes at p hold the k bytes of needle anywhere. */
static int holds(const unsigned char *p, size_t n, const void *needle, size_t k)
{
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(p + i, needle, k) == 0)
      return 1;
  return 0;
}

/* The stored secret of `login`, read behind the store's back as a thief of
 * the database file would: into out (n bytes), its length returned. */
static size_t stored_secret(struct fx *f, const char *login, unsigned char *out, size_t n)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/m.db", f->dir);
  sqlite3 *db;
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT secret FROM user_totp WHERE user_id = "
                                      "(SELECT id FROM app_user WHERE login = ?)",
                                      -1, &q, NULL),
                   SQLITE_OK);
  sqlite3_bind_text(q, 1, login, -1, SQLITE_STATIC);
  assert_int_equal(sqlite3_step(q), SQLITE_ROW);
  size_t len = (size_t)sqlite3_column_bytes(q, 0);
  assert_true(len <= n);
  memcpy(out, sqlite3_column_blob(q, 0), len);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return len;
}

/* Write `len` bytes as the stored secret of `login`, as someone editing the
 * database file would. */
static void put_stored_secret(struct fx *f, const char *login, const unsigned char *p, size_t len)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/m.db", f->dir);
  sqlite3 *db;
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "UPDATE user_totp SET secret = ? WHERE user_id = "
                                      "(SELECT id FROM app_user WHERE login = ?)",
                                      -1, &q, NULL),
                   SQLITE_OK);
  sqlite3_bind_blob(q, 1, p, (int)len, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, login, -1, SQLITE_STATIC);
  assert_int_equal(sqlite3_step(q), SQLITE_DONE);
  assert_int_equal(sqlite3_changes(db), 1);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

/* The secret is sealed with the key file: the database holds no copy of it,
 * a secret moved onto another user's row does not open there, and a secret
 * an earlier version stored plain still works and is sealed by init. */
static void secret_sealed_in_the_database(void **state)
{
  struct fx *f = *state;
  struct app_mfa_codes codes;
  struct app_session s;
  struct err err = {0};
  char b32[TOTP_BASE32_MAX], b32_admin[TOTP_BASE32_MAX], code[8];
  long left = 0;
  enrol(f, "ql.tinh", b32, &codes);
  enrol(f, "qt.xa", b32_admin, &codes);

  char *raw = NULL;
  size_t raw_n = 0;
  assert_int_equal(oath_base32_decode(b32, strlen(b32), &raw, &raw_n), OATH_OK);
  assert_int_equal(raw_n, 20);
  unsigned char blob[128];
  size_t n = stored_secret(f, "ql.tinh", blob, sizeof blob);
  /* version byte, 24-byte nonce, 20 sealed bytes, 16-byte tag */
  assert_int_equal(n, 1 + 24 + 20 + 16);
  assert_false(holds(blob, n, raw, raw_n));

  /* ql.tinh's sealed secret copied onto the administrator's row: the
   * province officer, who knows the secret, cannot get past the
   * administrator's second step with it */
  put_stored_secret(f, "qt.xa", blob, n);
  assert_int_not_equal(
      app_session_signin(&s, f->st, "qt.xa", PW, "10.0.0.1", T0 + 100, &f->lim, &err), ERR_OK);
  assert_non_null(strstr(err.msg, "tệp khóa"));

  /* a secret stored plain (schema 025) is read as it is... */
  put_stored_secret(f, "ql.tinh", (const unsigned char *)raw, raw_n);
  signin(f, &s, "ql.tinh", T0 + 200);
  code_at(code, b32, T0 + 200);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.1", T0 + 200, &f->lim, &err),
                   ERR_OK);
  /* ...and init seals it, once, audited */
  struct app_db_init_result res;
  assert_int_equal(app_db_init(&res, f->st, &err), ERR_OK);
  assert_int_equal(res.sealed_secrets, 1);
  assert_int_equal(app_db_init(&res, f->st, &err), ERR_OK);
  assert_int_equal(res.sealed_secrets, 0);
  assert_int_equal(stored_secret(f, "ql.tinh", blob, sizeof blob), 1 + 24 + 20 + 16);
  assert_false(holds(blob, 1 + 24 + 20 + 16, raw, raw_n));
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log WHERE action = 'mfa.seal'"), 1);
  signin(f, &s, "ql.tinh", T0 + 300);
  code_at(code, b32, T0 + 300);
  assert_int_equal(app_mfa_verify(&left, f->st, &s, code, "10.0.0.1", T0 + 300, &f->lim, &err),
                   ERR_OK);
  free(raw);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(who_is_sent_to_enrolment, setup, teardown),
      cmocka_unit_test_setup_teardown(enrol_then_code_window_replay, setup, teardown),
      cmocka_unit_test_setup_teardown(recovery_code_once, setup, teardown),
      cmocka_unit_test_setup_teardown(wrong_codes_lock_the_login, setup, teardown),
      cmocka_unit_test_setup_teardown(reset_mfa, setup, teardown),
      cmocka_unit_test_setup_teardown(secret_sealed_in_the_database, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
