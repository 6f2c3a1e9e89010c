/* api_upload.h: the request's raw body held on disk for a reader.
 *
 * The JSON API takes a document as the raw body of the request, its file
 * name in the header X-File-Name, because the readers of src/ingest read
 * files and decide the format by the name's extension, exactly as for the
 * CLI. The name and the private copy are upload.h's (the name decoded and
 * reduced to its last path segment; the copy 0600 in a 0700 folder under
 * $TMPDIR); this adds what a handler needs around them: the body taken
 * from the request, and the private folder taken out of a reader's message.
 * The size limit is the route's (routes_is_upload, docs/web.md "Limits"). */
#ifndef PCMT_WEB_API_UPLOAD_H
#define PCMT_WEB_API_UPLOAD_H

#include "web/request.h"
#include "web/upload.h"

struct api_upload {
  char name[UPLOAD_NAME_MAX + 1]; /* the file's name as sent, decoded (kept after removal) */
  struct upload_file file;        /* the private copy; file.path is what the reader opens */
};

/* Write rq's body to a private file named by X-File-Name into *out (the
 * caller calls api_upload_remove whatever the result). ERR_INPUT (in
 * rq->err) for a missing or unusable name and for an empty body; ERR_IO
 * when the file cannot be written. */
int api_upload_open(struct api_upload *out, struct web_req *rq);

/* Remove the file and its folder. Accepts one never opened. A reader's
 * message names the file it read: the private folder is taken out of
 * err's message (when err is not NULL), so the answer names the file as
 * the client sent it and nothing of the server's disk. */
void api_upload_remove(struct api_upload *u, struct err *err);

#endif
