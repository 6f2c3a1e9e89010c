/* table_read.c: the table reader of a file, by its name (see table_read.h). */
#include "ingest/table_read.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/csv.h"
#include "ingest/xlsx_read.h"

struct csv_table {
  struct csv_reader r;
  char *path;
};

static int csv_table_next(void *self, struct table_row *row, struct err *err)
{
  struct csv_table *t = self;
  struct csv_row cr;
  int got = csv_next(&t->r, &cr, err);
  if (got == 1)
    *row = (struct table_row){cr.fields, cr.n, cr.line};
  return got;
}

static int csv_table_rewind(void *self, struct err *err)
{
  struct csv_table *t = self;
  csv_close(&t->r);
  return csv_open_file(&t->r, t->path, err);
}

static void csv_table_close(void *self)
{
  struct csv_table *t = self;
  if (!t)
    return;
  csv_close(&t->r);
  free(t->path);
  free(t);
}

static int xlsx_table_next(void *self, struct table_row *row, struct err *err)
{
  return xlsx_next(self, row, err);
}

static int xlsx_table_rewind(void *self, struct err *err)
{
  return xlsx_rewind(self, err);
}

static void xlsx_table_close(void *self)
{
  xlsx_close(self);
}

int table_is_xlsx(const char *path)
{
  size_t n = strlen(path);
  return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

int table_open(struct table_reader *out, const char *path, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (table_is_xlsx(path)) {
    struct xlsx_reader *x;
    int rc = xlsx_open(&x, path, err);
    if (rc)
      return rc;
    *out = (struct table_reader){x, xlsx_table_next, xlsx_table_rewind, xlsx_table_close, "xlsx"};
    return ERR_OK;
  }
  struct csv_table *t = calloc(1, sizeof *t);
  if (!t || !(t->path = strdup(path))) {
    free(t);
    return err_nomem(err);
  }
  int rc = csv_open_file(&t->r, path, err);
  if (rc) {
    free(t->path);
    free(t);
    return rc;
  }
  *out = (struct table_reader){t, csv_table_next, csv_table_rewind, csv_table_close, "csv"};
  return ERR_OK;
}

void table_close(struct table_reader *r)
{
  if (r && r->close && r->self)
    r->close(r->self);
  if (r)
    memset(r, 0, sizeof *r);
}
