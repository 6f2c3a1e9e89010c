/* cli_table.c: table cells padded by display width (see cli_table.h). */
#include "cli/cli_table.h"

#include "base/text.h"

static void spaces(FILE *f, const char *s, size_t width)
{
  size_t w = text_width(s);
  for (; w < width; w++)
    fputc(' ', f);
}

void cli_cell(FILE *f, const char *s, size_t width)
{
  if (!s)
    s = "";
  fputs(s, f);
  spaces(f, s, width);
}

void cli_cell_right(FILE *f, const char *s, size_t width)
{
  if (!s)
    s = "";
  spaces(f, s, width);
  fputs(s, f);
}
