/* api_upload.c: the request's raw body held on disk for a reader (see api_upload.h). */
#include "web/api_upload.h"

#include <event2/buffer.h>
#include <event2/http.h>
#include <string.h>

int api_upload_open(struct api_upload *out, struct web_req *rq)
{
  memset(out, 0, sizeof *out);
  int rc = upload_file_name(out->name, sizeof out->name, request_get_header(rq, "X-File-Name"),
                            &rq->err);
  if (rc)
    return rc;
  struct evbuffer *in = evhttp_request_get_input_buffer(rq->ev);
  size_t len = in ? evbuffer_get_length(in) : 0;
  if (!len)
    return err_set(&rq->err, ERR_INPUT, "Nội dung yêu cầu trống: gửi chính tệp cần đọc.");
  const unsigned char *body = evbuffer_pullup(in, -1);
  if (!body)
    return err_nomem(&rq->err);
  return upload_write(&out->file, out->name, body, len, &rq->err);
}

void api_upload_remove(struct api_upload *u, struct err *err)
{
  if (!u)
    return;
  size_t dl = strlen(u->file.dir);
  char *at;
  while (err && dl && (at = strstr(err->msg, u->file.dir)) != NULL) {
    size_t cut = dl + (at[dl] == '/');
    memmove(at, at + cut, strlen(at + cut) + 1);
  }
  upload_remove(&u->file);
}
