/* api_upload.c: an uploaded file held on disk for a reader (see api_upload.h). */
#include "web/api_upload.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"
#include "web/form.h"

/* The file name of X-File-Name, decoded and checked, into the arena. A
 * name is one path segment: a folder, "." or ".." would let a client choose
 * where the server writes. */
static int upload_name(const char **out, struct web_req *rq)
{
  const char *h = request_get_header(rq, "X-File-Name");
  *out = NULL;
  if (!h || !*h)
    return err_set(&rq->err, ERR_INPUT,
                   "Cần tên tệp trong tiêu đề X-File-Name (ví dụ \"ke-hoach.docx\").");
  const char *name = h;
  if (strchr(h, '%')) {
    /* percent-encoded: decoded as a form field would be */
    size_t n = strlen(h);
    char *f = arena_alloc(&rq->arena, n + 3);
    if (!f)
      return err_nomem(&rq->err);
    memcpy(f, "f=", 2);
    memcpy(f + 2, h, n + 1);
    if (form_value(&name, &rq->arena, f, n + 2, "f") || !name)
      return err_set(&rq->err, ERR_INPUT, "Tên tệp trong X-File-Name không hợp lệ.");
  }
  size_t len = strlen(name);
  if (!len || len > API_UPLOAD_NAME_MAX)
    return err_set(&rq->err, ERR_INPUT, "Tên tệp trong X-File-Name dài quá (tối đa %d byte).",
                   API_UPLOAD_NAME_MAX);
  if (!text_utf8_valid(name, len))
    return err_set(&rq->err, ERR_INPUT, "Tên tệp trong X-File-Name phải là văn bản UTF-8.");
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
      return err_set(&rq->err, ERR_INPUT,
                     "Tên tệp trong X-File-Name chỉ là tên tệp, không có thư mục hay ký tự "
                     "điều khiển.");
  if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
    return err_set(&rq->err, ERR_INPUT, "Tên tệp trong X-File-Name không hợp lệ.");
  *out = name;
  return ERR_OK;
}

/* Write n bytes of p to fd, going on after short writes. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int api_upload_open(struct api_upload *out, struct web_req *rq)
{
  memset(out, 0, sizeof *out);
  const char *name;
  int rc = upload_name(&name, rq);
  if (rc)
    return rc;
  struct evbuffer *in = evhttp_request_get_input_buffer(rq->ev);
  size_t len = in ? evbuffer_get_length(in) : 0;
  if (!len)
    return err_set(&rq->err, ERR_INPUT, "Nội dung yêu cầu trống: gửi chính tệp cần đọc.");
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp)
    tmp = "/tmp";
  char dir[sizeof out->dir];
  if ((size_t)snprintf(dir, sizeof dir, "%s/pcmt-upload-XXXXXX", tmp) >= sizeof dir)
    return err_set(&rq->err, ERR_IO, "thư mục tạm quá dài");
  if (!mkdtemp(dir)) /* mode 0700 */
    return err_set(&rq->err, ERR_IO, "không tạo được thư mục tạm: %s", strerror(errno));
  memcpy(out->dir, dir, sizeof dir);
  snprintf(out->path, sizeof out->path, "%s/%s", dir, name);
  int fd = open(out->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return err_set(&rq->err, ERR_IO, "không tạo được tệp tạm: %s", strerror(errno));
  out->written = 1;
  const unsigned char *body = evbuffer_pullup(in, -1);
  int bad = !body || write_all(fd, body, len) != 0;
  if (close(fd) != 0)
    bad = 1;
  if (bad)
    return err_set(&rq->err, ERR_IO, "không ghi được tệp tạm");
  return ERR_OK;
}

void api_upload_remove(struct api_upload *u, struct err *err)
{
  if (!u)
    return;
  size_t dl = strlen(u->dir);
  char *at;
  while (err && dl && (at = strstr(err->msg, u->dir)) != NULL) {
    size_t cut = dl + (at[dl] == '/');
    memmove(at, at + cut, strlen(at + cut) + 1);
  }
  if (u->written)
    unlink(u->path);
  if (u->dir[0])
    rmdir(u->dir);
  u->written = 0;
  u->dir[0] = '\0';
}
