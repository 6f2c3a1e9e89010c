/* reg_rejects.c: the rejects file of an import (see reg_rejects.h). */
#include "output/reg_rejects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/csv_write.h"

/* 1 when a column of the file is one a rejects file adds. */
static int is_reject_column(const char *header)
{
  return strcmp(header, "Dòng") == 0 || strcmp(header, "Lỗi") == 0;
}

/* The rejects of res into w, opened for the file's columns but the two a
 * rejects file adds, plus line and reason (open_writer). */
static int write_rows(struct csv_writer *w, const size_t *cols, size_t k,
                      const struct reg_import_result *res, struct err *err)
{
  size_t n = k + 2;
  const char **cells = calloc(n, sizeof *cells);
  if (!cells)
    return err_nomem(err);
  for (size_t i = 0; i < k; i++)
    cells[i] = res->header[cols[i]];
  cells[n - 2] = "Dòng";
  cells[n - 1] = "Lỗi";
  int rc = csv_writer_row(w, cells, err);
  char line[24];
  for (size_t r = 0; !rc && r < res->n_rejects; r++) {
    const struct reg_reject *j = &res->rejects[r];
    for (size_t i = 0; i < k; i++)
      cells[i] = cols[i] < j->n ? j->fields[cols[i]] : "";
    snprintf(line, sizeof line, "%ld", j->line);
    cells[n - 2] = line;
    cells[n - 1] = j->reason;
    rc = csv_writer_row(w, cells, err);
  }
  free(cells);
  return rc;
}

/* The file's own columns first (so it imports again): their indexes into
 * cols (n_header + 1 of them, caller frees), their number in *k. */
static size_t *own_columns(size_t *k, const struct reg_import_result *res)
{
  size_t *cols = calloc(res->n_header + 1, sizeof *cols);
  *k = 0;
  for (size_t i = 0; cols && i < res->n_header; i++)
    if (!is_reject_column(res->header[i]))
      cols[(*k)++] = i;
  return cols;
}

/* The rejects file to `path`, or to stream `f` when it is not NULL: the
 * one writer behind both entry points. */
static int write_rejects(const char *path, FILE *f, const struct reg_import_result *res,
                         struct err *err)
{
  size_t k;
  size_t *cols = own_columns(&k, res);
  if (!cols)
    return err_nomem(err);
  struct csv_writer w;
  int rc = f ? csv_writer_open_stream(&w, f, k + 2, err) : csv_writer_open(&w, path, k + 2, err);
  if (!rc) {
    rc = write_rows(&w, cols, k, res, err);
    int crc = csv_writer_close(&w, rc == ERR_OK, err);
    rc = rc ? rc : crc;
  }
  free(cols);
  return rc;
}

int reg_rejects_write(const char *path, const struct reg_import_result *res, struct err *err)
{
  return write_rejects(path, NULL, res, err);
}

int reg_rejects_write_stream(FILE *f, const struct reg_import_result *res, struct err *err)
{
  return write_rejects(NULL, f, res, err);
}
