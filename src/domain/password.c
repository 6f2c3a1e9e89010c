/* password.c: password rules and argon2id hashing through libsodium. */
#include "domain/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

/* Passwords of ten characters or more that lists of leaked passwords put
 * first, plus the Vietnamese ones ("mật khẩu", "anh yêu em"); compared
 * without regard to case. */
static const char *const common[] = {
    "0123456789",  "1234567890",  "0987654321",  "9876543210",  "12345678910",   "1111111111",
    "123456789a",  "a123456789",  "1234567890a", "123456789@",  "1q2w3e4r5t",    "1qaz2wsx3edc",
    "qwertyuiop",  "qwerty1234",  "qwerty12345", "asdfghjkl1",  "zxcvbnm123",    "abc1234567",
    "abcd123456",  "abcd@12345",  "password1",   "password12",  "password123",   "password@123",
    "passw0rd123", "admin12345",  "admin@12345", "admin123456", "administrator", "iloveyou12",
    "matkhau123",  "matkhau@123", "matkhau1234", "anhyeuem123", "anhyeuem1234",  "123123123123",
    "1234512345",  "12341234",    "11223344556", "changeme123", "welcome123",    "welcome@123",
    "pcmt123456",  "pcmt@12345",  "123456abc",
};

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok; /* 1 once sodium_init succeeded */

static void init_sodium(void)
{
  sodium_ok = sodium_init() >= 0;
}

/* Number of UTF-8 code points in s (continuation bytes not counted). */
static size_t chars(const char *s)
{
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

int password_check(const char *pw, const char *login, struct err *err)
{
  size_t len = pw ? strlen(pw) : 0;
  if (len > PASSWORD_MAX)
    return err_set(err, ERR_INPUT, "mật khẩu dài quá %d byte", PASSWORD_MAX);
  if (!pw || chars(pw) < PASSWORD_MIN)
    return err_set(err, ERR_INPUT, "mật khẩu phải có ít nhất %d ký tự", PASSWORD_MIN);
  int same = 1;
  for (size_t i = 1; i < len; i++)
    same &= pw[i] == pw[0];
  if (same)
    return err_set(err, ERR_INPUT, "mật khẩu không được là một ký tự lặp lại");
  if (login && strcasecmp(pw, login) == 0)
    return err_set(err, ERR_INPUT, "mật khẩu không được trùng tên đăng nhập");
  for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
    if (strcasecmp(pw, common[i]) == 0)
      return err_set(err, ERR_INPUT,
                     "mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác");
  return ERR_OK;
}

int password_hash(char *out, const char *pw, struct err *err)
{
  out[0] = '\0';
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok)
    return err_set(err, ERR_INTERNAL, "libsodium không khởi tạo được");
  if (crypto_pwhash_str(out, pw, strlen(pw), PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0)
    return err_set(err, ERR_NOMEM, "không đủ bộ nhớ để băm mật khẩu");
  return ERR_OK;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[PASSWORD_HASH_MAX]; /* a hash nobody's password matches */

static void init_dummy(void)
{
  if (crypto_pwhash_str(dummy, "no such user", 12, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT) != 0)
    dummy[0] = '\0';
}

int password_verify(const char *hash, const char *pw)
{
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok || !pw)
    return 0;
  if (!hash || !*hash) {
    /* the same work as a real verification, then "no" */
    pthread_once(&dummy_once, init_dummy);
    if (dummy[0] && crypto_pwhash_str_verify(dummy, pw, strlen(pw)) == 0)
      return 0; /* cannot happen: the dummy's password is not a valid one */
    return 0;
  }
  return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}
