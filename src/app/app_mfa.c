/* app_mfa.c: enrolment, the code step and the reset of the second factor
 * (see app_mfa.h). */
#include "app/app_mfa.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "domain/audit.h"
#include "store/store.h"
#include "store/store_mfa.h"
#include "store/store_sessions.h"

static const char wrong_code[] = "Mã xác thực không đúng.";

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int app_mfa_enrol_start(struct app_mfa_enrol *out, struct store *st, const struct app_session *s,
                        long now, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct store_totp t;
  struct err e = {ERR_OK, ""};
  int rc = store_totp_get(&t, st, s->user_id, &e);
  if (rc && rc != ERR_NOT_FOUND)
    return err_copy(err, &e);
  if (!rc && t.confirmed) {
    sodium_memzero(&t, sizeof t);
    return err_set(err, ERR_CONFLICT,
                   "Tài khoản đã có xác thực hai bước. Muốn đăng ký lại, hãy nhờ người quản "
                   "trị xóa xác thực hai bước cũ.");
  }
  if (rc) { /* none yet: a new secret */
    t.secret_len = TOTP_SECRET_BYTES;
    rc = totp_secret_new(t.secret, err);
    if (!rc)
      rc = store_write_begin(st, err);
    if (!rc)
      rc = finish(st, store_totp_put(st, s->user_id, t.secret, t.secret_len, now, err), err);
  }
  if (!rc)
    rc = totp_base32(out->base32, sizeof out->base32, t.secret, t.secret_len, err);
  if (!rc)
    rc = totp_uri(out->uri, sizeof out->uri, s->login, out->base32, err);
  sodium_memzero(&t, sizeof t);
  if (rc)
    sodium_memzero(out, sizeof *out);
  return rc;
}

int app_mfa_enrol_confirm(struct app_mfa_codes *out, struct store *st, const struct app_session *s,
                          const char *code, const char *addr, long now,
                          const struct app_session_limits *lim, struct err *err)
{
  memset(out, 0, sizeof *out);
  addr = addr && *addr ? addr : "?";
  int rc = app_session_throttle(st, s->login, addr, now, lim, err);
  if (rc)
    return rc;
  struct store_totp t;
  rc = store_totp_get(&t, st, s->user_id, err);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_NOT_FOUND,
                   "Chưa bắt đầu đăng ký xác thực hai bước. Hãy tải lại trang.");
  if (rc)
    return rc;
  if (t.confirmed) {
    sodium_memzero(&t, sizeof t);
    return err_set(err, ERR_CONFLICT, "Tài khoản đã có xác thực hai bước.");
  }
  long step = 0;
  int ok = totp_check(&step, t.secret, t.secret_len, now, 0, code);
  sodium_memzero(&t, sizeof t);
  if (!ok) {
    rc = app_session_count_failure(st, s->login, addr, now, lim, err);
    return rc ? rc : err_set(err, ERR_DENIED, "%s", wrong_code);
  }
  unsigned char hashes[TOTP_RECOVERY_N][TOTP_RECOVERY_HASH];
  for (int i = 0; i < TOTP_RECOVERY_N && !rc; i++) {
    rc = totp_recovery_new(out->codes[i], sizeof out->codes[i], err);
    if (!rc && totp_recovery_hash(hashes[i], s->user_id, out->codes[i]))
      rc = err_set(err, ERR_INTERNAL, "mã khôi phục không tạo được");
  }
  struct scope sc;
  if (!rc)
    rc = app_caller_open(&sc, st, s->login, "đăng ký xác thực hai bước", err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (!rc) {
    rc = store_totp_confirm(st, s->user_id, step, now, err);
    if (!rc)
      rc = store_recovery_replace(st, s->user_id, (const unsigned char(*)[32])hashes,
                                  TOTP_RECOVERY_N, err);
    if (!rc && s->stage[0])
      rc = store_session_set_stage(st, s->id, NULL, err);
    if (!rc)
      rc = store_signin_failure_clear(st, "login", s->login, err);
    if (!rc)
      rc = audit_record(st, &sc, "mfa.enrol", "user", s->user_id,
                        "đăng ký xác thực hai bước (TOTP) và 10 mã khôi phục", err);
    rc = finish(st, rc, err);
  }
  sodium_memzero(hashes, sizeof hashes);
  if (rc)
    sodium_memzero(out, sizeof *out);
  return rc;
}

/* 1 when `code` is digits only (a TOTP code), 0 otherwise (a recovery code). */
static int all_digits(const char *code)
{
  if (!*code)
    return 0;
  for (const char *p = code; *p; p++)
    if (*p < '0' || *p > '9')
      return 0;
  return 1;
}

int app_mfa_verify(long *recovery_left, struct store *st, const struct app_session *s,
                   const char *code, const char *addr, long now,
                   const struct app_session_limits *lim, struct err *err)
{
  *recovery_left = -1;
  addr = addr && *addr ? addr : "?";
  char typed[64]; /* the code without the spaces people type in it */
  size_t k = 0;
  for (const char *p = code ? code : ""; *p && k + 1 < sizeof typed; p++)
    if (*p != ' ' && *p != '\t')
      typed[k++] = *p;
  typed[k] = '\0';
  code = typed;
  if (strcmp(s->stage, "code") != 0)
    return err_set(err, ERR_CONFLICT, "Phiên đăng nhập này không chờ mã xác thực.");
  int rc = app_session_throttle(st, s->login, addr, now, lim, err);
  if (rc)
    return rc;
  struct store_totp t;
  rc = store_totp_get(&t, st, s->user_id, err);
  if (rc)
    return rc;
  int totp = all_digits(code);
  long step = 0;
  int ok = totp ? totp_check(&step, t.secret, t.secret_len, now, t.last_step, code) : 1;
  sodium_memzero(&t, sizeof t);
  unsigned char h[TOTP_RECOVERY_HASH];
  if (!totp && totp_recovery_hash(h, s->user_id, code))
    ok = 0;
  struct scope sc;
  if (ok) {
    /* the code's use and the open session commit together; the
     * conditional updates refuse a code a racing request used first */
    rc = app_caller_open(&sc, st, s->login, "đăng nhập", err);
    if (!rc)
      rc = store_write_begin(st, err);
    if (rc)
      return rc;
    rc = totp ? store_totp_use_step(&ok, st, s->user_id, step, err)
              : store_recovery_use(&ok, st, s->user_id, h, now, err);
    if (!rc && ok && !totp)
      rc = store_recovery_left(recovery_left, st, s->user_id, err);
    if (!rc && ok)
      rc = store_session_set_stage(st, s->id, NULL, err);
    if (!rc && ok)
      rc = store_signin_failure_clear(st, "login", s->login, err);
    char detail[120];
    snprintf(detail, sizeof detail, "bước xác thực thứ hai bằng mã khôi phục; còn %ld mã",
             *recovery_left);
    if (!rc && ok)
      rc = audit_record(st, &sc, totp ? "mfa.verify" : "mfa.recovery", "user", s->user_id,
                        totp ? "bước xác thực thứ hai bằng mã TOTP" : detail, err);
    if (!ok && !rc)
      rc = ERR_DENIED; /* nothing written: roll back */
    rc = finish(st, rc, err);
    if (rc && rc != ERR_DENIED)
      return rc;
  }
  if (!ok) {
    *recovery_left = -1;
    rc = app_session_count_failure(st, s->login, addr, now, lim, err);
    return rc ? rc : err_set(err, ERR_DENIED, "%s", wrong_code);
  }
  return ERR_OK;
}

int app_mfa_reset(struct store *st, const struct scope *caller, const char *login, long now,
                  struct err *err)
{
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ người quản trị mới xóa được xác thực hai bước");
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long id = 0;
  rc = store_mfa_user_id(&id, st, caller, login, err);
  if (!rc)
    rc = store_mfa_delete(st, id, err);
  if (!rc)
    rc = store_session_end_user(st, id, 0, now, err);
  if (!rc) {
    char detail[160];
    snprintf(detail, sizeof detail,
             "xóa xác thực hai bước và mã khôi phục của %s; các phiên đăng nhập kết thúc", login);
    rc = audit_record(st, caller, "mfa.reset", "user", id, detail, err);
  }
  return finish(st, rc, err);
}
