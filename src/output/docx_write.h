/* docx_write.h: a document for signature as .docx, in the format of Decree 30/2020/NĐ-CP.
 *
 * A document for signature (output/admin_doc.h) is written here, element by
 * element as ../shared/decree30.md (copied to docs/decree30.md) gives it:
 * A4 portrait, margins 20/20/30/15 mm, Times New Roman, the two-column
 * header with the national name and motto, the place-and-date line, page
 * numbers centred in the top margin from page 2, tables with full borders,
 * a repeated bold header row and right-aligned numbers. Every XML part goes
 * through libxml2's text writer (all text escaped there, nowhere else) and
 * the package through libzip, which writes beside the final name and
 * renames on success: a failure never leaves a half-written file. */
#ifndef PCMT_OUTPUT_DOCX_WRITE_H
#define PCMT_OUTPUT_DOCX_WRITE_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "output/admin_doc.h"

/* Write d to `path` (.docx). ERR_IO when the file cannot be written;
 * ERR_NOMEM. */
int docx_write(const char *path, const struct admin_doc *d, struct err *err);

#endif
