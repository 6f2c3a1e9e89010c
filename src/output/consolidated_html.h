/* consolidated_html.h: the consolidated report as HTML — the same document as the .docx.
 *
 * The layout is output/consolidated_doc.h's, written by output/doc_html.h:
 * a fragment for a page of the web (under the site's stylesheet), or a
 * whole file that prints as the decree's page. `today` is the
 * place-and-date line's date. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_HTML_H
#define PCMT_OUTPUT_CONSOLIDATED_HTML_H

#include "base/buf.h"
#include "base/date.h"
#include "base/err.h"
#include "domain/consolidated.h"

/* Append the report as an <article> fragment to b. ERR_NOMEM. */
int consolidated_html_fragment(struct buf *b, const struct consolidated *c, struct date today,
                               struct err *err);

/* Write the report as a whole HTML file to `path`, whole or not at all
 * (base/buf.h buf_write_file). ERR_IO, ERR_NOMEM. */
int consolidated_html_write(const char *path, const struct consolidated *c, struct date today,
                            struct err *err);

#endif
