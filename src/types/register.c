/* types/register.c: finding a column of a register spec and a cell of a row; an import's result. */
#include "types/register.h"

#include <stdlib.h>
#include <string.h>

int reg_col_index(const struct reg_spec *spec, const char *db)
{
  for (size_t i = 0; i < spec->n_cols; i++)
    if (strcmp(spec->cols[i].db, db) == 0)
      return (int)i;
  return -1;
}

const struct reg_cell *reg_cell_of(const struct reg_row *row, const char *db)
{
  int i = reg_col_index(row->spec, db);
  return i < 0 ? NULL : &row->cells[i];
}

static void free_fields(char **f, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free(f[i]);
  free(f);
}

void reg_import_result_free(struct reg_import_result *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n_rejects; i++) {
    free(r->rejects[i].reason);
    free_fields(r->rejects[i].fields, r->rejects[i].n);
  }
  free(r->rejects);
  for (size_t i = 0; i < r->n_notes; i++)
    free(r->notes[i].text);
  free(r->notes);
  free_fields(r->header, r->n_header);
  memset(r, 0, sizeof *r);
}
