/* upload.c: an uploaded file's name and its temporary copy (see upload.h). */
#include "web/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"

static int hex(int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

int upload_file_name(char *out, size_t n, const char *header, struct err *err)
{
  char name[UPLOAD_NAME_MAX + 1];
  size_t len = 0;
  if (n)
    out[0] = '\0';
  if (!header || !*header)
    return err_set(err, ERR_INPUT, "Thiếu tên tệp (tiêu đề X-File-Name).");
  for (const char *p = header; *p; p++) {
    int c = (unsigned char)*p;
    if (c == '%') {
      int hi = hex(p[1]), lo = hi < 0 ? -1 : hex(p[2]);
      if (lo < 0)
        return err_set(err, ERR_INPUT, "Tên tệp (X-File-Name) có mã %%XX không hợp lệ.");
      c = hi * 16 + lo;
      p += 2;
    }
    if (c < 0x20 || c == 0x7f)
      return err_set(err, ERR_INPUT, "Tên tệp (X-File-Name) chứa ký tự điều khiển.");
    if (c == '/' || c == '\\') { /* keep only the last segment of a path */
      len = 0;
      continue;
    }
    if (len == UPLOAD_NAME_MAX)
      return err_set(err, ERR_INPUT, "Tên tệp dài quá %d byte.", UPLOAD_NAME_MAX);
    name[len++] = (char)c;
  }
  name[len] = '\0';
  if (!text_utf8_valid(name, len))
    return err_set(err, ERR_INPUT, "Tên tệp (X-File-Name) phải là UTF-8 mã hóa %%XX.");
  if (len == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
    return err_set(err, ERR_INPUT, "Tên tệp (X-File-Name) trống.");
  if (len >= n)
    return err_set(err, ERR_INPUT, "Tên tệp dài quá.");
  memcpy(out, name, len + 1);
  return ERR_OK;
}

int upload_write(struct upload_file *out, const char *name, const void *data, size_t len,
                 struct err *err)
{
  memset(out, 0, sizeof *out);
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  if ((size_t)snprintf(out->dir, sizeof out->dir, "%s/pcmt-upload-XXXXXX", tmp) >=
      sizeof out->dir) {
    out->dir[0] = '\0';
    return err_set(err, ERR_IO, "TMPDIR dài quá");
  }
  if (!mkdtemp(out->dir)) { /* mode 0700 */
    int e = errno;
    out->dir[0] = '\0';
    return err_set(err, ERR_IO, "không tạo được thư mục tạm cho tệp tải lên: %s", strerror(e));
  }
  snprintf(out->path, sizeof out->path, "%s/%s", out->dir, name);
  int fd = open(out->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    int e = errno;
    out->path[0] = '\0';
    return err_set(err, ERR_IO, "không tạo được tệp tạm: %s", strerror(e));
  }
  const char *p = data;
  size_t left = len;
  while (left) {
    ssize_t w = write(fd, p, left);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      int e = errno;
      close(fd);
      return err_set(err, ERR_IO, "không ghi được tệp tạm: %s", strerror(e));
    }
    p += w;
    left -= (size_t)w;
  }
  if (close(fd))
    return err_set(err, ERR_IO, "không ghi được tệp tạm: %s", strerror(errno));
  return ERR_OK;
}

void upload_remove(struct upload_file *f)
{
  if (!f)
    return;
  if (f->path[0])
    unlink(f->path);
  if (f->dir[0])
    rmdir(f->dir);
  f->path[0] = f->dir[0] = '\0';
}
