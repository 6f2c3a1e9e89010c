/* mac.c: keyed BLAKE2b over netstring-framed fields (see mac.h). */
#include "base/mac.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok; /* 1 once sodium_init succeeded */

static void init_sodium(void)
{
  sodium_ok = sodium_init() >= 0;
}

int mac_sodium_ready(struct err *err)
{
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok)
    return err_set(err, ERR_INTERNAL, "không khởi tạo được thư viện mã hóa (libsodium)");
  return ERR_OK;
}

void mac_init(struct mac *m, const unsigned char *key)
{
  crypto_generichash_init(&m->h, key, key ? MAC_KEY_BYTES : 0, MAC_BYTES);
}

void mac_add(struct mac *m, const void *p, size_t n)
{
  char len[32];
  int k = snprintf(len, sizeof len, "%zu:", n);
  crypto_generichash_update(&m->h, (const unsigned char *)len, (unsigned long long)k);
  if (n)
    crypto_generichash_update(&m->h, p, n);
  crypto_generichash_update(&m->h, (const unsigned char *)",", 1);
}

void mac_add_text(struct mac *m, const char *s)
{
  mac_add(m, s, strlen(s));
}

void mac_add_int(struct mac *m, long long v)
{
  char num[32];
  int k = snprintf(num, sizeof num, "%lld", v);
  mac_add(m, num, (size_t)k);
}

void mac_add_null(struct mac *m)
{
  crypto_generichash_update(&m->h, (const unsigned char *)"~,", 2);
}

void mac_final(struct mac *m, unsigned char *out)
{
  crypto_generichash_final(&m->h, out, MAC_BYTES);
}

void mac_final_hex(struct mac *m, char *out)
{
  unsigned char h[MAC_BYTES];
  mac_final(m, h);
  sodium_bin2hex(out, MAC_HEX, h, sizeof h);
}
