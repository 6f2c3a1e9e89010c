/* store_checkpoint.c: appending to and reading the checkpoint file (see store_checkpoint.h). */
#include "store/store_checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_key.h"

int store_checkpoint_append(struct store *st, const char *line, struct err *err)
{
  char path[4096];
  int rc = store_key_path(path, sizeof path, st, ".checkpoints", err);
  if (rc)
    return rc;
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return err_set(err, ERR_IO, "không mở được tệp mốc kiểm tra \"%s\": %s", path, strerror(errno));
  size_t n = strlen(line);
  /* one write: O_APPEND places the whole line at the end, whoever else writes */
  int ok = write(fd, line, n) == (ssize_t)n && fsync(fd) == 0;
  int saved = errno;
  ok = close(fd) == 0 && ok;
  if (!ok)
    return err_set(err, ERR_IO, "không ghi được tệp mốc kiểm tra \"%s\": %s", path,
                   strerror(saved));
  return ERR_OK;
}

int store_checkpoint_read(char **out, int *exists, struct store *st, size_t tail, struct err *err)
{
  *out = NULL;
  *exists = 0;
  char path[4096];
  int rc = store_key_path(path, sizeof path, st, ".checkpoints", err);
  if (rc)
    return rc;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno != ENOENT)
    return err_set(err, ERR_IO, "không đọc được tệp mốc kiểm tra \"%s\": %s", path,
                   strerror(errno));
  struct stat sb;
  off_t from = 0;
  size_t len = 0;
  if (fd >= 0) {
    if (fstat(fd, &sb) != 0) {
      close(fd);
      return err_set(err, ERR_IO, "không đọc được tệp mốc kiểm tra \"%s\"", path);
    }
    len = (size_t)sb.st_size;
    if (tail > 0 && len > tail) {
      from = sb.st_size - (off_t)tail;
      len = tail;
    }
  }
  char *buf = malloc(len + 1);
  if (!buf) {
    if (fd >= 0)
      close(fd);
    return err_nomem(err);
  }
  size_t got = 0;
  while (fd >= 0 && got < len) {
    ssize_t r = pread(fd, buf + got, len - got, from + (off_t)got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break; /* shorter than fstat said: read what is there */
    got += (size_t)r;
  }
  buf[got] = '\0';
  if (fd >= 0) {
    close(fd);
    *exists = 1;
  }
  *out = buf;
  return ERR_OK;
}
