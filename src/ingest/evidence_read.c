/* evidence_read.c: reading an evidence file (see evidence_read.h). */
#include "ingest/evidence_read.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/text.h"

/* Media types by extension (lower case, without the dot). */
static const struct {
  const char *ext;
  const char *type;
} TYPES[] = {
    {"pdf", "application/pdf"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"txt", "text/plain"},
    {"csv", "text/csv"},
    {"zip", "application/zip"},
};

static const char *media_type(const char *name)
{
  const char *dot = strrchr(name, '.');
  if (dot)
    for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++)
      if (strcasecmp(dot + 1, TYPES[i].ext) == 0)
        return TYPES[i].type;
  return "application/octet-stream";
}

void evidence_file_free(struct evidence_file *f)
{
  if (!f)
    return;
  free(f->data);
  f->data = NULL;
  f->size = 0;
}

int evidence_read(struct evidence_file *out, const char *path, size_t max, struct err *err)
{
  memset(out, 0, sizeof *out);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t blen = strlen(base);
  if (!blen || blen >= sizeof out->name || !text_utf8_valid(base, blen))
    return err_set(err, ERR_INPUT, "tên tệp minh chứng phải là văn bản UTF-8, 1-255 byte");
  memcpy(out->name, base, blen + 1);
  out->media_type = media_type(base);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return err_set(err, ERR_IO, "không mở được tệp %s: %s", path, strerror(errno));
  struct stat sb;
  if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
    fclose(fp);
    return err_set(err, ERR_INPUT, "%s không phải là một tệp", path);
  }
  if ((unsigned long long)sb.st_size > max) {
    fclose(fp);
    return err_set(err, ERR_INPUT, "tệp %s có %lld byte, lớn hơn giới hạn %zu byte (10 MiB)", path,
                   (long long)sb.st_size, max);
  }
  /* read at most max + 1 bytes: a file that grew since fstat is still refused */
  size_t cap = (size_t)sb.st_size + 1;
  out->data = malloc(cap);
  if (!out->data) {
    fclose(fp);
    return err_nomem(err);
  }
  int rc = ERR_OK;
  for (;;) {
    size_t got = fread(out->data + out->size, 1, cap - out->size, fp);
    out->size += got;
    if (out->size > max) {
      rc = err_set(err, ERR_INPUT, "tệp %s lớn hơn giới hạn %zu byte (10 MiB)", path, max);
      break;
    }
    if (got == 0) {
      if (ferror(fp))
        rc = err_set(err, ERR_IO, "không đọc được tệp %s", path);
      break;
    }
    if (out->size == cap) {
      size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
      if (ncap <= cap) {
        rc = err_set(err, ERR_INPUT, "tệp %s lớn hơn giới hạn %zu byte (10 MiB)", path, max);
        break;
      }
      unsigned char *nd = realloc(out->data, ncap);
      if (!nd) {
        rc = err_nomem(err);
        break;
      }
      out->data = nd;
      cap = ncap;
    }
  }
  fclose(fp);
  if (rc) {
    evidence_file_free(out);
    return rc;
  }
  unsigned char sum[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(sum, out->data, out->size);
  sodium_bin2hex(out->sha256, sizeof out->sha256, sum, sizeof sum);
  return ERR_OK;
}
