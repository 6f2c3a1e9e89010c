/* consolidated_docx.h: the consolidated report as a document for signature (.docx, Decree 30).
 *
 * The layout is output/consolidated_doc.h's; this writes it with
 * output/docx_write.h, beside the final name and renamed on success.
 * `today` is the place-and-date line's date. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_DOCX_H
#define PCMT_OUTPUT_CONSOLIDATED_DOCX_H

#include "base/date.h"
#include "base/err.h"
#include "domain/consolidated.h"

int consolidated_docx_write(const char *path, const struct consolidated *c, struct date today,
                            struct err *err);

#endif
