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

int reg_rejects_write(const char *path, const struct reg_import_result *res, struct err *err)
{
  /* the file's own columns first (so it imports again), then line and reason */
  size_t *cols = calloc(res->n_header + 1, sizeof *cols), k = 0;
  if (!cols)
    return err_nomem(err);
  for (size_t i = 0; i < res->n_header; i++)
    if (!is_reject_column(res->header[i]))
      cols[k++] = i;
  size_t n = k + 2;
  const char **cells = calloc(n, sizeof *cells);
  if (!cells) {
    free(cols);
    return err_nomem(err);
  }
  struct csv_writer w;
  int rc = csv_writer_open(&w, path, n, err);
  if (rc) {
    free(cells);
    free(cols);
    return rc;
  }
  for (size_t i = 0; i < k; i++)
    cells[i] = res->header[cols[i]];
  cells[n - 2] = "Dòng";
  cells[n - 1] = "Lỗi";
  rc = csv_writer_row(&w, cells, err);
  char line[24];
  for (size_t r = 0; !rc && r < res->n_rejects; r++) {
    const struct reg_reject *j = &res->rejects[r];
    for (size_t i = 0; i < k; i++)
      cells[i] = cols[i] < j->n ? j->fields[cols[i]] : "";
    snprintf(line, sizeof line, "%ld", j->line);
    cells[n - 2] = line;
    cells[n - 1] = j->reason;
    rc = csv_writer_row(&w, cells, err);
  }
  free(cells);
  free(cols);
  int crc = csv_writer_close(&w, rc == ERR_OK, err);
  return rc ? rc : crc;
}
