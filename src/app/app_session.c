/* app_session.c: sign-in, session check and sign-out (see app_session.h). */
#include "app/app_session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/app_user.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/mfa_rule.h"
#include "domain/password.h"
#include "store/store.h"
#include "store/store_mfa.h"
#include "store/store_sessions.h"
#include "store/store_users.h"
#include "types/label.h"

#define TOKEN_BYTES 32 /* 256 bits */
#define TOUCH_EVERY 60 /* s: the idle clock is written at most once a minute */

static const char wrong[] = "Tên đăng nhập hoặc mật khẩu không đúng.";

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok; /* 1 once sodium_init succeeded */

static void init_sodium(void)
{
  sodium_ok = sodium_init() >= 0;
}

void app_session_limits_default(struct app_session_limits *out)
{
  *out = (struct app_session_limits){
      .idle_s = 30 * 60, .max_s = 12 * 3600, .window_s = 15 * 60, .login_max = 5, .addr_max = 20};
}

/* The hash the database keeps of a token, and the CSRF token derived from
 * it (BLAKE2b keyed with the token, over a fixed label). */
static void token_hash(unsigned char *out, const unsigned char *token)
{
  crypto_generichash(out, STORE_SESSION_HASH, token, TOKEN_BYTES, NULL, 0);
}

static void csrf_of(char *out, const unsigned char *token)
{
  unsigned char mac[32];
  crypto_generichash(mac, sizeof mac, (const unsigned char *)"pcmt-csrf", 9, token, TOKEN_BYTES);
  sodium_bin2hex(out, APP_SESSION_TOKEN, mac, sizeof mac);
}

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int app_session_count_failure(struct store *st, const char *login, const char *addr, long now,
                              const struct app_session_limits *lim, struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_signin_failure_add(st, "login", login, now, now - lim->window_s, err);
  if (!rc)
    rc = store_signin_failure_add(st, "addr", addr, now, now - lim->window_s, err);
  return finish(st, rc, err);
}

int app_session_throttle(struct store *st, const char *login, const char *addr, long now,
                         const struct app_session_limits *lim, struct err *err)
{
  long n_login = 0, n_addr = 0;
  int rc = store_signin_failure_count(&n_login, st, "login", login, now - lim->window_s, err);
  if (!rc)
    rc = store_signin_failure_count(&n_addr, st, "addr", addr, now - lim->window_s, err);
  if (rc)
    return rc;
  if (n_login >= lim->login_max || n_addr >= lim->addr_max)
    return err_set(err, ERR_DENIED,
                   "Đăng nhập sai quá nhiều lần. Hãy thử lại sau %ld phút hoặc liên hệ "
                   "người quản trị.",
                   (lim->window_s + 59) / 60);
  return ERR_OK;
}

int app_session_signin(struct app_session *out, struct store *st, const char *login,
                       const char *password, const char *addr, long now,
                       const struct app_session_limits *lim, struct err *err)
{
  memset(out, 0, sizeof *out);
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok)
    return err_set(err, ERR_INTERNAL, "libsodium không khởi tạo được");
  login = login ? login : "";
  addr = addr && *addr ? addr : "?";
  if (strlen(login) >= SCOPE_USER_MAX || strlen(password ? password : "") > PASSWORD_MAX)
    return err_set(err, ERR_DENIED, "%s", wrong);
  int rc = app_session_throttle(st, login, addr, now, lim, err);
  if (rc)
    return rc;

  long id = 0;
  int disabled = 0;
  char hash[PASSWORD_HASH_MAX];
  struct err e = {ERR_OK, ""};
  rc = store_user_credentials(&id, &disabled, hash, sizeof hash, st, login, &e);
  if (rc && rc != ERR_NOT_FOUND)
    return err_copy(err, &e);
  if (rc)
    hash[0] = '\0';
  int ok = password_verify(hash, password) && id && !disabled; /* verifies even when unknown */
  if (!ok) {
    rc = app_session_count_failure(st, login, addr, now, lim, err);
    return rc ? rc : err_set(err, ERR_DENIED, "%s", wrong);
  }

  /* the second step this user owes, if any */
  struct store_totp tt;
  enum scope_role role;
  int level = 0;
  rc = store_totp_get(&tt, st, id, &e);
  if (rc && rc != ERR_NOT_FOUND)
    return err_copy(err, &e);
  int has_factor = !rc && tt.confirmed;
  sodium_memzero(&tt, sizeof tt);
  rc = store_mfa_user_level(&role, &level, st, id, err);
  if (rc)
    return rc;
  const char *stage = has_factor ? "code" : mfa_rule_required(role, level) ? "enrol" : "";

  unsigned char token[TOKEN_BYTES], th[STORE_SESSION_HASH];
  randombytes_buf(token, sizeof token);
  token_hash(th, token);
  /* the session, the cleared count and the audit row commit together */
  struct scope sc;
  rc = app_caller_open(&sc, st, login, "đăng nhập", err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (!rc) {
    rc = store_signin_failure_clear(st, "login", login, err);
    if (!rc)
      rc = store_session_insert(&out->id, st, th, id, stage, now, err);
    if (!rc)
      rc = audit_record(st, &sc, "session.signin", "user", id,
                        *stage == 'c' ? "đăng nhập trên web bằng mật khẩu; chờ mã xác thực"
                        : *stage == 'e' ? "đăng nhập trên web bằng mật khẩu; phải đăng ký "
                                          "xác thực hai bước"
                                        : "đăng nhập trên web",
                        err);
    rc = finish(st, rc, err);
  }
  if (rc) {
    sodium_memzero(token, sizeof token);
    memset(out, 0, sizeof *out);
    return rc;
  }
  out->user_id = id;
  out->role = role;
  snprintf(out->login, sizeof out->login, "%s", login);
  snprintf(out->stage, sizeof out->stage, "%s", stage);
  sodium_bin2hex(out->token, sizeof out->token, token, sizeof token);
  csrf_of(out->csrf, token);
  sodium_memzero(token, sizeof token);
  return ERR_OK;
}

int app_session_check(struct app_session *out, struct store *st, const char *token_hex, long now,
                      const struct app_session_limits *lim, struct err *err)
{
  memset(out, 0, sizeof *out);
  pthread_once(&sodium_once, init_sodium);
  unsigned char token[TOKEN_BYTES], th[STORE_SESSION_HASH];
  size_t len = 0;
  const char *end = NULL;
  if (!sodium_ok || !token_hex || strlen(token_hex) != 2 * TOKEN_BYTES ||
      sodium_hex2bin(token, sizeof token, token_hex, 2 * TOKEN_BYTES, NULL, &len, &end) != 0 ||
      len != TOKEN_BYTES || *end)
    return err_set(err, ERR_DENIED, "Phiên đăng nhập không hợp lệ. Hãy đăng nhập lại.");
  token_hash(th, token);
  struct store_session s;
  struct err e = {ERR_OK, ""};
  int rc = store_session_get(&s, st, th, &e);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_DENIED, "Phiên đăng nhập không hợp lệ. Hãy đăng nhập lại.");
  if (rc)
    return err_copy(err, &e);
  int expired = now - s.seen_at > lim->idle_s || now - s.created_at > lim->max_s || s.disabled;
  if (s.ended || expired) {
    if (!s.ended) {
      rc = store_write_begin(st, err);
      if (!rc)
        rc = finish(st, store_session_end(st, s.id, now, err), err);
      if (rc)
        return rc;
    }
    return err_set(err, ERR_DENIED, "Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.");
  }
  if (now - s.seen_at >= TOUCH_EVERY) {
    /* skipped while a long write holds the lock (an import): the stamp is
       written by a later request, and a page never waits for it */
    int busy;
    rc = store_write_try_begin(&busy, st, err);
    if (!rc && !busy)
      rc = finish(st, store_session_touch(st, s.id, now, err), err);
    if (rc)
      return rc;
  }
  out->id = s.id;
  out->user_id = s.user_id;
  out->role = s.role;
  snprintf(out->login, sizeof out->login, "%s", s.login);
  snprintf(out->stage, sizeof out->stage, "%s", s.stage);
  snprintf(out->purpose, sizeof out->purpose, "%s", s.purpose);
  snprintf(out->territory, sizeof out->territory, "%s", s.territory);
  csrf_of(out->csrf, token);
  sodium_memzero(token, sizeof token);
  return ERR_OK;
}

#define OTHER_MAX 100 /* characters of a purpose written by hand */

int app_session_set_purpose(char out[SCOPE_PURPOSE_MAX], struct store *st,
                            const struct app_session *s, const char *choice, const char *other,
                            struct err *err)
{
  char text[SCOPE_PURPOSE_MAX];
  const char *code = choice && *choice ? label_match(LABEL_ACCESS_PURPOSE, choice) : NULL;
  if (!code)
    return err_set(err, ERR_INPUT, "Hãy chọn mục đích truy cập hồ sơ.");
  if (strcmp(code, "other") == 0) {
    /* the reason, without the blanks around it */
    const char *a = other ? other : "";
    while (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n')
      a++;
    size_t n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\r' || a[n - 1] == '\n'))
      n--;
    if (n == 0)
      return err_set(err, ERR_INPUT, "Hãy ghi rõ mục đích khác.");
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
      unsigned char c = (unsigned char)a[i];
      if (c < 0x20 || c == 0x7f)
        return err_set(err, ERR_INPUT, "Mục đích khác chỉ được ghi trên một dòng.");
      chars += (c & 0xC0) != 0x80;
    }
    if (chars > OTHER_MAX || !text_utf8_valid(a, n))
      return err_set(err, ERR_INPUT, "Mục đích khác ghi tối đa %d ký tự.", OTHER_MAX);
    snprintf(text, sizeof text, "%s: %.*s", label_vi(LABEL_ACCESS_PURPOSE, code), (int)n, a);
  } else {
    snprintf(text, sizeof text, "%s", label_vi(LABEL_ACCESS_PURPOSE, code));
  }
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = finish(st, store_session_set_purpose(st, s->id, text, err), err);
  if (!rc && out)
    snprintf(out, SCOPE_PURPOSE_MAX, "%s", text);
  return rc;
}

int app_session_csrf_ok(const struct app_session *s, const char *csrf)
{
  if (!s || !csrf || !s->csrf[0] || strlen(csrf) != strlen(s->csrf))
    return 0;
  return sodium_memcmp(csrf, s->csrf, strlen(csrf)) == 0;
}

int app_session_signout(struct store *st, const struct app_session *s, long now, struct err *err)
{
  struct scope sc;
  int rc = app_caller_open(&sc, st, s->login, "đăng xuất", err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_session_end(st, s->id, now, err);
  if (!rc)
    rc = audit_record(st, &sc, "session.signout", "user", s->user_id, "đăng xuất", err);
  return finish(st, rc, err);
}

int app_session_change_password(enum app_password_field *field, struct store *st,
                                const struct app_session *s, const char *current, const char *next,
                                const char *confirm, const char *addr, long now,
                                const struct app_session_limits *lim, struct err *err)
{
  *field = APP_PASSWORD_CURRENT;
  addr = addr && *addr ? addr : "?";
  current = current ? current : "";
  if (!*current)
    return err_set(err, ERR_INPUT, "Hãy nhập mật khẩu hiện tại.");
  int rc = app_session_throttle(st, s->login, addr, now, lim, err);
  if (rc)
    return rc;
  long id = 0;
  int disabled = 0;
  char hash[PASSWORD_HASH_MAX];
  if ((rc = store_user_credentials(&id, &disabled, hash, sizeof hash, st, s->login, err)))
    return rc;
  if (strlen(current) > PASSWORD_MAX || !password_verify(hash, current) || id != s->user_id) {
    rc = app_session_count_failure(st, s->login, addr, now, lim, err);
    return rc ? rc : err_set(err, ERR_DENIED, "Mật khẩu hiện tại không đúng.");
  }
  *field = APP_PASSWORD_NEW;
  if (!next || !*next)
    return err_set(err, ERR_INPUT, "Hãy nhập mật khẩu mới.");
  if (strcmp(next, current) == 0)
    return err_set(err, ERR_INPUT, "Mật khẩu mới phải khác mật khẩu hiện tại.");
  if (!confirm || strcmp(next, confirm) != 0) {
    *field = APP_PASSWORD_CONFIRM;
    return err_set(err, ERR_INPUT, "Hai lần nhập mật khẩu mới không khớp nhau.");
  }
  struct scope self;
  if ((rc = app_caller_open(&self, st, s->login, "đổi mật khẩu", err)))
    return rc;
  return app_user_set_password(st, &self, s->login, next, s->id, now, err);
}
