/* store_key.c: the key file beside the database (see store_key.h). */
#include "store/store_key.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mac.h"
#include "store/db.h"

int store_key_path(char *out, size_t n, struct store *st, const char *suffix, struct err *err)
{
  const char *db = db_file_path(st);
  if (!*db)
    return err_set(err, ERR_INPUT, "cơ sở dữ liệu trong bộ nhớ không có tệp khóa");
  if ((size_t)snprintf(out, n, "%s%s", db, suffix) >= n)
    return err_set(err, ERR_INPUT, "đường dẫn cơ sở dữ liệu quá dài: \"%s\"", db);
  return ERR_OK;
}

int store_key_exists(int *out, struct store *st, struct err *err)
{
  *out = 0;
  if (!*db_file_path(st)) {
    *out = *db_key_slot(st) != NULL;
    return ERR_OK;
  }
  char path[4096];
  int rc = store_key_path(path, sizeof path, st, ".key", err);
  if (rc)
    return rc;
  *out = access(path, F_OK) == 0;
  return ERR_OK;
}

void store_key_free(struct store_key *k)
{
  if (!k)
    return;
  sodium_memzero(k, sizeof *k);
  free(k);
}

static int new_key(struct store_key **out, struct err *err)
{
  int rc = mac_sodium_ready(err);
  if (rc)
    return rc;
  struct store_key *k = calloc(1, sizeof *k);
  if (!k)
    return err_nomem(err);
  randombytes_buf(k->mac, sizeof k->mac);
  crypto_sign_keypair(k->sign_pk, k->sign_sk);
  *out = k;
  return ERR_OK;
}

/* Read exactly n bytes; 0 on success. */
static int read_all(int fd, unsigned char *p, size_t n)
{
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, p + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    got += (size_t)r;
  }
  unsigned char extra;
  return read(fd, &extra, 1) == 0 ? 0 : -1; /* a longer file is not a key */
}

static int load_key(struct store *st, const char *path, struct err *err)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      return err_set(err, ERR_NOT_FOUND,
                     "thiếu tệp khóa \"%s\" của cơ sở dữ liệu: không ghi được nhật ký truy cập "
                     "khi không có khóa; hãy chạy 'pcmt init --db %s' (tạo khóa cho cơ sở dữ liệu "
                     "cũ) hoặc chép tệp khóa đi kèm cơ sở dữ liệu này",
                     path, db_file_path(st));
    return err_set(err, ERR_IO, "không đọc được tệp khóa \"%s\": %s", path, strerror(errno));
  }
  unsigned char raw[STORE_KEY_FILE_LEN];
  int bad = read_all(fd, raw, sizeof raw);
  close(fd);
  if (bad) {
    sodium_memzero(raw, sizeof raw);
    return err_set(err, ERR_IO, "tệp khóa \"%s\" hỏng (cần đúng %d byte)", path,
                   STORE_KEY_FILE_LEN);
  }
  struct store_key *k = calloc(1, sizeof *k);
  if (!k) {
    sodium_memzero(raw, sizeof raw);
    return err_nomem(err);
  }
  memcpy(k->mac, raw, STORE_KEY_MAC);
  memcpy(k->sign_sk, raw + STORE_KEY_MAC, STORE_KEY_SIGN_SK);
  memcpy(k->sign_pk, raw + STORE_KEY_MAC + STORE_KEY_SIGN_SK, STORE_KEY_SIGN_PK);
  sodium_memzero(raw, sizeof raw);
  store_key_free(*db_key_slot(st));
  *db_key_slot(st) = k;
  return ERR_OK;
}

int store_key_get(const struct store_key **out, struct store *st, struct err *err)
{
  *out = NULL;
  struct store_key **slot = db_key_slot(st);
  if (!*slot) {
    char path[4096] = "";
    int rc = mac_sodium_ready(err);
    if (!rc)
      rc = *db_file_path(st) ? store_key_path(path, sizeof path, st, ".key", err)
                             : new_key(slot, err);
    if (!rc && !*slot)
      rc = load_key(st, path, err);
    if (rc)
      return rc;
  }
  *out = *slot;
  return ERR_OK;
}

int store_key_create(int *created, struct store *st, struct err *err)
{
  if (created)
    *created = 0;
  if (!*db_file_path(st)) {
    const struct store_key *k;
    return store_key_get(&k, st, err);
  }
  char path[4096];
  int rc = store_key_path(path, sizeof path, st, ".key", err);
  if (rc)
    return rc;
  struct store_key *k;
  if ((rc = new_key(&k, err)))
    return rc;
  /* O_EXCL: an existing key is never replaced; it is loaded below */
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) {
    store_key_free(k);
    return err_set(err, ERR_IO, "không tạo được tệp khóa \"%s\": %s", path, strerror(errno));
  }
  if (fd >= 0) {
    unsigned char raw[STORE_KEY_FILE_LEN];
    memcpy(raw, k->mac, STORE_KEY_MAC);
    memcpy(raw + STORE_KEY_MAC, k->sign_sk, STORE_KEY_SIGN_SK);
    memcpy(raw + STORE_KEY_MAC + STORE_KEY_SIGN_SK, k->sign_pk, STORE_KEY_SIGN_PK);
    int ok = write(fd, raw, sizeof raw) == (ssize_t)sizeof raw && fsync(fd) == 0;
    sodium_memzero(raw, sizeof raw);
    ok = close(fd) == 0 && ok;
    if (!ok) {
      unlink(path); /* a half-written key would lock the database out */
      store_key_free(k);
      return err_set(err, ERR_IO, "không ghi được tệp khóa \"%s\": %s", path, strerror(errno));
    }
    if (created)
      *created = 1;
  }
  store_key_free(k);
  /* read back what is on disk: the file just written, or the one already there */
  return load_key(st, path, err);
}

void store_key_discard(struct store *st)
{
  char path[4096];
  if (*db_file_path(st) && store_key_path(path, sizeof path, st, ".key", NULL) == ERR_OK)
    unlink(path);
  store_key_free(*db_key_slot(st));
  *db_key_slot(st) = NULL;
}
