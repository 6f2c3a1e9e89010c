/* app_token.c: creating, listing, revoking and checking API tokens (see app_token.h). */
#include "app/app_token.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/audit.h"
#include "store/store.h"
#include "store/store_tokens.h"

#define TOKEN_BYTES 32         /* 256 bits */
#define VN_OFFSET   (7 * 3600) /* Vietnam time is UTC+7 all year */

static const char invalid[] = "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.";

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok; /* 1 once sodium_init succeeded */

static void init_sodium(void)
{
  sodium_ok = sodium_init() >= 0;
}

static void token_hash(unsigned char *out, const unsigned char *token)
{
  crypto_generichash(out, STORE_TOKEN_HASH, token, TOKEN_BYTES, NULL, 0);
}

static int check_admin(const struct scope *caller, struct err *err)
{
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ người quản trị được quản lý mã truy cập API");
  return ERR_OK;
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

/* *out = the first second after ISO day `iso` ends in Vietnam; ERR_INPUT
 * for a bad date or one that has already ended at `now`. */
static int expiry_of(long *out, const char *iso, long now, struct err *err)
{
  struct date d;
  struct err e = {ERR_OK, ""};
  if (date_parse(&d, iso, 0, &e))
    return err_set(err, ERR_INPUT, "ngày hết hạn \"%s\" không hợp lệ: %s", iso, e.msg);
  *out = (date_to_days(d) + 1) * 86400L - VN_OFFSET;
  if (*out <= now)
    return err_set(err, ERR_INPUT, "ngày hết hạn \"%s\" đã qua", iso);
  return ERR_OK;
}

int app_token_create(long *id, char token[APP_TOKEN_HEX], struct store *st,
                     const struct scope *caller, const char *login, const char *name,
                     const char *expires, long now, struct err *err)
{
  *id = 0;
  token[0] = '\0';
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok)
    return err_set(err, ERR_INTERNAL, "libsodium không khởi tạo được");
  int rc = check_admin(caller, err);
  if (rc)
    return rc;
  if (!login || !*login)
    return err_set(err, ERR_INPUT, "cần tên đăng nhập của người dùng mà mã truy cập thay mặt");
  name = name ? name : "";
  if (strlen(name) >= sizeof((struct token *)0)->name)
    return err_set(err, ERR_INPUT, "tên mã truy cập dài quá (tối đa %zu byte)",
                   sizeof((struct token *)0)->name - 1);
  long expires_at = 0;
  if (expires && *expires && (rc = expiry_of(&expires_at, expires, now, err)))
    return rc;

  unsigned char raw[TOKEN_BYTES], th[STORE_TOKEN_HASH];
  randombytes_buf(raw, sizeof raw);
  token_hash(th, raw);
  long user_id = 0;
  rc = store_write_begin(st, err);
  if (rc) {
    sodium_memzero(raw, sizeof raw);
    return rc;
  }
  rc = store_token_insert(id, &user_id, st, caller, login, th, name, now, expires_at, err);
  if (!rc) {
    char detail[300], until[DATE_ISO_LEN] = "";
    if (expires_at)
      date_to_vn(until, date_from_days((expires_at + VN_OFFSET) / 86400 - 1));
    snprintf(detail, sizeof detail, "tạo mã truy cập API số %ld cho %s%s%s%s%s%s", *id, login,
             *name ? " (" : "", name, *name ? ")" : "", expires_at ? ", dùng đến hết ngày " : "",
             until);
    rc = audit_record(st, caller, "token.create", "user", user_id, detail, err);
  }
  rc = finish(st, rc, err);
  if (rc) {
    *id = 0;
  } else {
    sodium_bin2hex(token, APP_TOKEN_HEX, raw, sizeof raw);
  }
  sodium_memzero(raw, sizeof raw);
  return rc;
}

int app_token_list(struct token_list *out, struct store *st, const struct scope *caller,
                   struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_admin(caller, err);
  return rc ? rc : store_token_list(out, st, caller, err);
}

int app_token_revoke(struct store *st, const struct scope *caller, long id, long now,
                     struct err *err)
{
  int rc = check_admin(caller, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long user_id = 0;
  rc = store_token_revoke(&user_id, st, caller, id, now, err);
  if (!rc) {
    char detail[80];
    snprintf(detail, sizeof detail, "thu hồi mã truy cập API số %ld", id);
    rc = audit_record(st, caller, "token.revoke", "user", user_id, detail, err);
  }
  return finish(st, rc, err);
}

int app_token_check(struct app_session *out, struct store *st, const char *token_hex, long now,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  pthread_once(&sodium_once, init_sodium);
  unsigned char raw[TOKEN_BYTES], th[STORE_TOKEN_HASH];
  size_t len = 0;
  const char *end = NULL;
  if (!sodium_ok || !token_hex || strlen(token_hex) != 2 * TOKEN_BYTES ||
      sodium_hex2bin(raw, sizeof raw, token_hex, 2 * TOKEN_BYTES, NULL, &len, &end) != 0 ||
      len != TOKEN_BYTES || *end)
    return err_set(err, ERR_DENIED, "%s", invalid);
  token_hash(th, raw);
  sodium_memzero(raw, sizeof raw);
  struct store_token_use u;
  struct err e = {ERR_OK, ""};
  int rc = store_token_get(&u, st, th, &e);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_DENIED, "%s", invalid);
  if (rc)
    return err_copy(err, &e);
  if (u.revoked_at || u.disabled || (u.expires_at && now >= u.expires_at))
    return err_set(err, ERR_DENIED, "%s", invalid);
  out->user_id = u.user_id;
  out->role = u.role;
  snprintf(out->login, sizeof out->login, "%s", u.login);
  return ERR_OK;
}
