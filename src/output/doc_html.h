/* doc_html.h: a document for signature as HTML, for a page or a file.
 *
 * The same document the .docx writer prints (output/admin_doc.h), laid out
 * as semantic HTML: the two-column header with the national name and the
 * motto, the place-and-date line, the type and subject as the document's
 * heading, the parts as h2/h3, tables with a header row of column headers
 * and right-aligned numbers, the prompts for the officer in brackets, the
 * recipients and the signature block. All text goes through output/html.h.
 * A page embeds the fragment under its own stylesheet; a file is a whole
 * document with a small print stylesheet of its own (A4, the decree's
 * margins, Times New Roman), so it prints as the .docx would. */
#ifndef PCMT_OUTPUT_DOC_HTML_H
#define PCMT_OUTPUT_DOC_HTML_H

#include "base/buf.h"
#include "base/err.h"
#include "output/admin_doc.h"

/* Append d as an <article class="vb"> fragment to b. ERR_NOMEM (the
 * buffer's cap). */
int doc_html_fragment(struct buf *b, const struct admin_doc *d);

/* Append d as a whole HTML document (doctype, lang="vi", charset, title,
 * print stylesheet) to b. ERR_NOMEM. */
int doc_html_page(struct buf *b, const struct admin_doc *d);

#endif
