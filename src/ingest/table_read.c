/* table_read.c: the table formats behind struct table_reader (see table_read.h). */
#include "ingest/table_read.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "ingest/csv.h"
#include "ingest/xlsx_read.h"

/* The hex SHA-256 of len bytes at data into out. */
static void digest(char out[65], const void *data, size_t len)
{
  unsigned char sum[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(sum, data, len);
  sodium_bin2hex(out, 65, sum, sizeof sum);
}

/* ---------------------------------------------------------------------------
 * CSV
 * ------------------------------------------------------------------------- */

static int csv_impl_next(void *impl, struct table_row *row, struct err *err)
{
  struct csv_row r;
  int got = csv_next(impl, &r, err);
  if (got == 1 || got == CSV_BAD_ROW) {
    row->fields = r.fields;
    row->n = r.n;
    row->line = r.line;
    row->issues = r.issues;
    row->n_issues = r.n_issues;
  }
  return got == CSV_BAD_ROW ? TABLE_BAD_ROW : got;
}

static int csv_impl_rewind(void *impl, struct err *err)
{
  (void)err;
  csv_rewind(impl);
  return ERR_OK;
}

static void csv_impl_close(void *impl)
{
  csv_close(impl);
  free(impl);
}

/* The CSV reader holds the whole file, so its digest is taken from the
 * bytes it will parse, not from a second read of a file that may change. */
static int open_csv(struct table_reader *out, const char *path, struct err *err)
{
  struct csv_reader *r = malloc(sizeof *r);
  if (!r)
    return err_nomem(err);
  int rc = csv_open_file(r, path, err);
  if (rc) {
    free(r);
    return rc;
  }
  digest(out->sha256, r->data, r->len);
  out->impl = r;
  out->next = csv_impl_next;
  out->rewind = csv_impl_rewind;
  out->close = csv_impl_close;
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * .xlsx
 * ------------------------------------------------------------------------- */

static int xlsx_impl_next(void *impl, struct table_row *row, struct err *err)
{
  return xlsx_next(impl, row, err);
}

static int xlsx_impl_rewind(void *impl, struct err *err)
{
  return xlsx_rewind(impl, err);
}

static void xlsx_impl_close(void *impl)
{
  xlsx_close(impl);
}

/* The workbook is read from the bytes it was opened from, so the digest is
 * of those, as for CSV. */
static int open_xlsx(struct table_reader *out, const char *path, struct err *err)
{
  struct xlsx_reader *x;
  int rc = xlsx_open(&x, path, err);
  if (rc)
    return rc;
  size_t len;
  const void *bytes = xlsx_bytes(x, &len);
  digest(out->sha256, bytes, len);
  out->impl = x;
  out->next = xlsx_impl_next;
  out->rewind = xlsx_impl_rewind;
  out->close = xlsx_impl_close;
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------------- */

int table_is_xlsx(const char *path)
{
  size_t n = strlen(path);
  return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

int table_read_open(struct table_reader *out, const char *path, struct err *err)
{
  memset(out, 0, sizeof *out);
  return table_is_xlsx(path) ? open_xlsx(out, path, err) : open_csv(out, path, err);
}

int table_read_next(struct table_reader *r, struct table_row *row, struct err *err)
{
  return r->next(r->impl, row, err);
}

int table_read_rewind(struct table_reader *r, struct err *err)
{
  return r->rewind(r->impl, err);
}

void table_read_close(struct table_reader *r)
{
  if (!r || !r->impl)
    return;
  r->close(r->impl);
  memset(r, 0, sizeof *r);
}
