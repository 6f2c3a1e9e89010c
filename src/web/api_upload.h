/* api_upload.h: an uploaded file (the raw request body) held on disk for a reader.
 *
 * The JSON API takes a document as the raw body of the request, its file
 * name in the header X-File-Name (UTF-8, percent-encoding allowed), because
 * the readers of src/ingest read files and decide the format by the name's
 * extension, exactly as for the CLI. The body is written to a file of that
 * name in a new private folder (mode 0700, the file 0600: it may hold
 * personal data) under $TMPDIR (else /tmp), and both are removed by
 * api_upload_remove once the operation is done. The size limit is the
 * server's (web_config max_body, 413 before any handler runs). */
#ifndef PCMT_WEB_API_UPLOAD_H
#define PCMT_WEB_API_UPLOAD_H

#include "web/request.h"

#define API_UPLOAD_NAME_MAX 128 /* bytes of a file name, without the folder */

struct api_upload {
  char dir[256];  /* the private folder, "" when none was made */
  char path[400]; /* dir/name: what the reader opens */
  int written;    /* 1 once the file exists (to remove) */
};

/* Write rq's body to a private file named by X-File-Name into *out (the
 * caller calls api_upload_remove whatever the result). ERR_INPUT for a
 * missing or unusable name (none, a path, control characters, invalid
 * UTF-8, too long) and for an empty body; ERR_IO when the file cannot be
 * written. */
int api_upload_open(struct api_upload *out, struct web_req *rq);

/* Remove the file and its folder. Accepts one never opened. A reader's
 * message names the file it read: the private folder is taken out of
 * err's message (when err is not NULL), so the answer names the file as
 * the client sent it and nothing of the server's disk. */
void api_upload_remove(struct api_upload *u, struct err *err);

#endif
