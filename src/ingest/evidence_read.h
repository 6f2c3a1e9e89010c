/* evidence_read.h: reading a file a person attaches as evidence of a task's progress.
 *
 * The file is kept whole in the database (store_tasks.h), so it is read
 * here once, refused when larger than the limit before more than the limit
 * is read, and described by its name (without the folder), its media type
 * (from its extension: PDF, Word, Excel, OpenDocument, images, text, CSV,
 * ZIP; anything else application/octet-stream) and its SHA-256. */
#ifndef PCMT_INGEST_EVIDENCE_READ_H
#define PCMT_INGEST_EVIDENCE_READ_H

#include <stddef.h>

#include "base/err.h"

struct evidence_file {
  char name[256];         /* the file's name without its folder (UTF-8) */
  const char *media_type; /* static: "application/pdf" ... */
  char sha256[65];        /* hex */
  unsigned char *data;    /* the content, malloc'd (never NULL after a read, even when empty) */
  size_t size;            /* its length in bytes */
};

/* Read the file at `path` into *out (evidence_file_free it whatever the
 * result). ERR_IO when it cannot be opened or read; ERR_INPUT when it is
 * larger than `max` bytes, is not a regular file, or its name is not UTF-8
 * text or longer than 255 bytes. */
int evidence_read(struct evidence_file *out, const char *path, size_t max, struct err *err);

/* Free the content; accepts NULL. */
void evidence_file_free(struct evidence_file *f);

#endif
