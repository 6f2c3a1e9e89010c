/* totp.c: TOTP codes through liboath, recovery codes through libsodium
 * (see totp.h). */
#include "domain/totp.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_ok; /* 1 once libsodium and liboath have started */

static void init_libs(void)
{
  init_ok = sodium_init() >= 0 && oath_init() == OATH_OK;
}

static int ready(struct err *err)
{
  pthread_once(&init_once, init_libs);
  return init_ok ? ERR_OK : err_set(err, ERR_INTERNAL, "không khởi tạo được thư viện mã hóa");
}

int totp_secret_new(unsigned char *out, struct err *err)
{
  int rc = ready(err);
  if (!rc)
    randombytes_buf(out, TOTP_SECRET_BYTES);
  return rc;
}

/* base32 of in[0..len) without '=' padding, into out[0..n). */
static int base32_of(char *out, size_t n, const unsigned char *in, size_t len, struct err *err)
{
  int rc = ready(err);
  if (rc)
    return rc;
  char *b32 = NULL;
  size_t b32len = 0;
  if (oath_base32_encode((const char *)in, len, &b32, &b32len) != OATH_OK)
    return err_set(err, ERR_NOMEM, "hết bộ nhớ");
  while (b32len && b32[b32len - 1] == '=')
    b32len--;
  if (b32len >= n) {
    free(b32);
    return err_set(err, ERR_INTERNAL, "vùng nhớ cho mã base32 quá nhỏ");
  }
  memcpy(out, b32, b32len);
  out[b32len] = '\0';
  sodium_memzero(b32, b32len);
  free(b32);
  return ERR_OK;
}

int totp_base32(char *out, size_t n, const unsigned char *secret, size_t len, struct err *err)
{
  return base32_of(out, n, secret, len, err);
}

int totp_uri(char *out, size_t n, const char *login, const char *base32, struct err *err)
{
  /* logins are letters, digits, '.', '_' and '-' (types/user.h): nothing
   * to percent-encode */
  int w = snprintf(out, n,
                   "otpauth://totp/PCMT:%s?secret=%s&issuer=PCMT&algorithm=SHA1"
                   "&digits=%d&period=%d",
                   login, base32, TOTP_DIGITS, TOTP_STEP);
  if (w < 0 || (size_t)w >= n)
    return err_set(err, ERR_INTERNAL, "địa chỉ otpauth quá dài");
  return ERR_OK;
}

int totp_check(long *step, const unsigned char *secret, size_t len, long now, long last_step,
               const char *code)
{
  struct err e = {ERR_OK, ""};
  size_t digits = code ? strlen(code) : 0;
  if (ready(&e) || digits < 6 || digits > 8)
    return 0;
  for (size_t i = 0; i < digits; i++)
    if (!isdigit((unsigned char)code[i]))
      return 0;
  /* each step of the window is tried on its own, so a replayed code of an
   * old step does not hide a fresh one of the next */
  for (int d = -1; d <= 1; d++) {
    long t = now + d * TOTP_STEP;
    long s = t / TOTP_STEP;
    if (t < 0 || s <= last_step)
      continue;
    char want[9];
    if (oath_totp_generate2((const char *)secret, len, (time_t)t, TOTP_STEP, 0, (unsigned)digits, 0,
                            want) != OATH_OK)
      return 0;
    if (sodium_memcmp(want, code, digits) == 0) {
      *step = s;
      return 1;
    }
  }
  return 0;
}

int totp_recovery_new(char *out, size_t n, struct err *err)
{
  int rc = ready(err);
  if (rc)
    return rc;
  unsigned char raw[10]; /* 80 bits: 16 base32 letters */
  char b32[24];
  randombytes_buf(raw, sizeof raw);
  rc = base32_of(b32, sizeof b32, raw, sizeof raw, err);
  sodium_memzero(raw, sizeof raw);
  if (rc)
    return rc;
  if (n < TOTP_RECOVERY_MAX || strlen(b32) != 16)
    return err_set(err, ERR_INTERNAL, "mã khôi phục không tạo được");
  size_t k = 0;
  for (size_t i = 0; i < 16; i++) {
    if (i && i % 4 == 0)
      out[k++] = '-';
    out[k++] = (char)tolower((unsigned char)b32[i]);
  }
  out[k] = '\0';
  sodium_memzero(b32, sizeof b32);
  return ERR_OK;
}

int totp_recovery_hash(unsigned char *out, long user_id, const char *typed)
{
  struct err e = {ERR_OK, ""};
  if (ready(&e) || !typed)
    return -1;
  char norm[17];
  size_t k = 0;
  for (const char *p = typed; *p; p++) {
    if (*p == '-' || *p == ' ')
      continue;
    int c = toupper((unsigned char)*p);
    if (k == 16 || !((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')))
      return -1;
    norm[k++] = (char)c;
  }
  if (k != 16)
    return -1;
  unsigned char key[crypto_generichash_KEYBYTES];
  char label[64];
  int w = snprintf(label, sizeof label, "pcmt-recovery-code:%ld", user_id);
  crypto_generichash(key, sizeof key, (const unsigned char *)label, (size_t)w, NULL, 0);
  crypto_generichash(out, TOTP_RECOVERY_HASH, (const unsigned char *)norm, k, key, sizeof key);
  sodium_memzero(norm, sizeof norm);
  return 0;
}
