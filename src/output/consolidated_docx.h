/* consolidated_docx.h: the consolidated report as a document for signature (.docx, Decree 30).
 *
 * Lays the report's data out as docs/consolidated.md describes — the
 * situation (for the officer), the figures with the same period last year,
 * the targets table, the per-unit table, the lagging units, the overdue
 * tasks, the reporting completeness, the limitations and proposals (for the
 * officer), the recipients and the signature block — and writes it with
 * output/docx_write.h. `today` is the place-and-date line's date. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_DOCX_H
#define PCMT_OUTPUT_CONSOLIDATED_DOCX_H

#include "base/date.h"
#include "base/err.h"
#include "domain/consolidated.h"

int consolidated_docx_write(const char *path, const struct consolidated *c, struct date today,
                            struct err *err);

#endif
