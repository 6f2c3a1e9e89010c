/* api_cursor.c: encoding and checking pagination cursors (see api_cursor.h). */
#include "web/api_cursor.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#define POS_BYTES 8
#define MAC_BYTES 16 /* 128 bits: forging one is out of reach */

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static unsigned char key[crypto_generichash_KEYBYTES]; /* this process's cursor key */
static int key_ok;                                     /* 1 once the key is drawn */

static void key_init(void)
{
  if (sodium_init() < 0)
    return;
  randombytes_buf(key, sizeof key);
  key_ok = 1;
}

/* The MAC of pos (8 bytes, big-endian) under the context. */
static void mac_of(unsigned char out[MAC_BYTES], const unsigned char posb[POS_BYTES],
                   const char *context)
{
  crypto_generichash_state h;
  crypto_generichash_init(&h, key, sizeof key, MAC_BYTES);
  crypto_generichash_update(&h, posb, POS_BYTES);
  crypto_generichash_update(&h, (const unsigned char *)(context ? context : ""),
                            strlen(context ? context : ""));
  crypto_generichash_final(&h, out, MAC_BYTES);
}

int api_cursor_encode(char out[API_CURSOR_MAX], const char *context, long pos, struct err *err)
{
  out[0] = '\0';
  pthread_once(&key_once, key_init);
  if (!key_ok)
    return err_set(err, ERR_INTERNAL, "libsodium không khởi tạo được");
  unsigned char raw[POS_BYTES + MAC_BYTES];
  unsigned long long v = pos < 0 ? 0 : (unsigned long long)pos;
  for (int i = 0; i < POS_BYTES; i++)
    raw[i] = (unsigned char)(v >> (8 * (POS_BYTES - 1 - i)));
  mac_of(raw + POS_BYTES, raw, context);
  sodium_bin2base64(out, API_CURSOR_MAX, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return ERR_OK;
}

int api_cursor_decode(long *pos, const char *cursor, const char *context, struct err *err)
{
  *pos = 0;
  if (!cursor || !*cursor)
    return ERR_OK;
  pthread_once(&key_once, key_init);
  if (!key_ok)
    return err_set(err, ERR_INTERNAL, "libsodium không khởi tạo được");
  unsigned char raw[POS_BYTES + MAC_BYTES], mac[MAC_BYTES];
  size_t len = 0;
  const char *end = NULL;
  if (strlen(cursor) >= API_CURSOR_MAX ||
      sodium_base642bin(raw, sizeof raw, cursor, strlen(cursor), NULL, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      *end || len != sizeof raw)
    goto bad;
  mac_of(mac, raw, context);
  if (sodium_memcmp(mac, raw + POS_BYTES, MAC_BYTES) != 0)
    goto bad;
  unsigned long long v = 0;
  for (int i = 0; i < POS_BYTES; i++)
    v = v << 8 | raw[i];
  if (v > (unsigned long long)0x7fffffffL)
    goto bad;
  *pos = (long)v;
  return ERR_OK;
bad:
  return err_set(err, ERR_INPUT,
                 "Con trỏ phân trang không hợp lệ: hãy dùng đúng giá trị \"next\" của trang "
                 "trước, với cùng các điều kiện lọc, hoặc bắt đầu lại từ trang đầu.");
}
