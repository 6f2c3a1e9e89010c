/* types/register.c: finding a column of a register spec and a cell of a row. */
#include "types/register.h"

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
