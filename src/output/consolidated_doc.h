/* consolidated_doc.h: the consolidated report laid out as a document for signature.
 *
 * Lays the report's data out as docs/consolidated.md describes — the
 * situation (for the officer), the figures with the same period last year,
 * the targets table, the per-unit table, the lagging units, the overdue
 * tasks, the reporting completeness, the limitations and proposals (for the
 * officer), the recipients and the signature block — once, for both the
 * .docx (output/consolidated_docx.h) and the HTML (output/consolidated_html.h)
 * writers. `today` is the place-and-date line's date. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_DOC_H
#define PCMT_OUTPUT_CONSOLIDATED_DOC_H

#include "base/arena.h"
#include "base/date.h"
#include "base/err.h"
#include "domain/consolidated.h"
#include "output/admin_doc.h"

struct consolidated_doc {
  struct arena a;       /* owns every string and table of doc */
  struct admin_doc doc; /* the document */
};

/* Lay c out into *out (the caller frees it with consolidated_doc_free).
 * ERR_NOMEM. */
int consolidated_doc_build(struct consolidated_doc *out, const struct consolidated *c,
                           struct date today, struct err *err);
void consolidated_doc_free(struct consolidated_doc *d); /* accepts NULL */

#endif
