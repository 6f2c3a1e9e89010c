/* upload.h: an uploaded file — its name from the X-File-Name header, and
 * its bytes held in an owner-only temporary file while an import reads it.
 *
 * The pages' script sends a file as the raw body of a request and its name,
 * percent-encoded UTF-8, in X-File-Name (a header carries no other bytes
 * safely). The operations read files by path (app_register_import), and a
 * reader picks the format by the name's extension (.xlsx or not), so the
 * body is written under its own name inside a fresh folder of its own:
 * $TMPDIR (else /tmp)/pcmt-upload-XXXXXX/NAME, the folder 0700 and the file
 * 0600 from its creation, both removed as soon as the import is done. */
#ifndef PCMT_WEB_UPLOAD_H
#define PCMT_WEB_UPLOAD_H

#include <stddef.h>

#include "base/err.h"

#define UPLOAD_NAME_MAX 200 /* bytes of a decoded file name */

/* The file name of X-File-Name value `header` (NULL or empty: ERR_INPUT)
 * into out[0..n): %XX decoded, valid UTF-8, no control character, its last
 * path segment only (a name never picks a folder), not "." or "..", at
 * most UPLOAD_NAME_MAX bytes. ERR_INPUT with the reason, in Vietnamese,
 * otherwise. */
int upload_file_name(char *out, size_t n, const char *header, struct err *err);

/* A body written to disk: the folder and the file inside it. */
struct upload_file {
  char dir[4096];  /* the private folder, "" when none was made */
  char path[4352]; /* dir/NAME, "" when not written */
};

/* Write data[0..len) as `name` (from upload_file_name) into a new private
 * folder. On failure nothing is left on disk (ERR_IO with the reason). The
 * caller removes it with upload_remove, also after a failure. */
int upload_write(struct upload_file *out, const char *name, const void *data, size_t len,
                 struct err *err);

/* Remove the file and its folder; accepts NULL and a never-written one. */
void upload_remove(struct upload_file *f);

#endif
