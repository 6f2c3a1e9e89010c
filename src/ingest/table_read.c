/* table_read.c: the table formats behind struct table_reader (see table_read.h). */
#include "ingest/table_read.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ingest/csv.h"

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
  unsigned char sum[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(sum, (const unsigned char *)r->data, r->len);
  sodium_bin2hex(out->sha256, sizeof out->sha256, sum, sizeof sum);
  out->impl = r;
  out->next = csv_impl_next;
  out->close = csv_impl_close;
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------------- */

int table_read_open(struct table_reader *out, const char *path, struct err *err)
{
  memset(out, 0, sizeof *out);
  return open_csv(out, path, err);
}

int table_read_next(struct table_reader *r, struct table_row *row, struct err *err)
{
  return r->next(r->impl, row, err);
}

void table_read_close(struct table_reader *r)
{
  if (!r || !r->impl)
    return;
  r->close(r->impl);
  memset(r, 0, sizeof *r);
}
