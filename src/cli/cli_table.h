/* cli_table.h: columns of a table on a terminal, aligned by what a person sees.
 *
 * printf's "%-28s" pads by bytes, so a Vietnamese name (two or three bytes a
 * letter) comes out short and the columns after it drift. Every CLI table
 * pads its cells here, by display width (base/text.h, text_width). */
#ifndef PCMT_CLI_CLI_TABLE_H
#define PCMT_CLI_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

/* Print s (NULL: "") left-aligned in a column `width` display columns wide
 * on f: s, then the spaces that fill the column. A cell as wide as the
 * column or wider is followed by one space, so it never runs into the next
 * (that row's later columns shift instead). */
void cli_cell(FILE *f, const char *s, size_t width);

#endif
