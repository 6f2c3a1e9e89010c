/* cli_table.c: table cells padded by display width (see cli_table.h). */
#include "cli/cli_table.h"

#include "base/text.h"

void cli_cell(FILE *f, const char *s, size_t width)
{
  if (!s)
    s = "";
  fputs(s, f);
  size_t w = text_width(s);
  do
    fputc(' ', f);
  while (++w < width);
}
