/* doc_read.h: a document file as the text the plan reader reads.
 *
 * The text is UTF-8, one paragraph per line; bold runs as **...**; Word's
 * automatic numbering written out as the label it displays ("1.", "a)",
 * "II.", "2.1.", "-" for bullets); table rows as "| cell | cell |"; footnote
 * references as <sup>N</sup>. Text and markdown files are taken as they are
 * (BOM and CR removed); .docx is read with libzip + libxml2, streamed; .pdf
 * goes through `pdftotext -layout` when that program is installed. */
#ifndef PCMT_INGEST_DOC_READ_H
#define PCMT_INGEST_DOC_READ_H

#include <stddef.h>

#include "base/err.h"

/* The bounds of reading a document (docs/plan-reader.md, "Bounds"): a
 * file, a .docx part as inflated (read as a stream, never held whole), the
 * text given to the plan reader (its PLAN_READ_MAX), and the paragraphs and
 * XML elements of a .docx. Past any of them the document is refused with a
 * message saying which; memory is then about the text, never the XML. */
#define DOC_READ_MAX_FILE     ((size_t)64 * 1024 * 1024)
#define DOC_READ_MAX_PART     ((size_t)64 * 1024 * 1024)
#define DOC_READ_MAX_TEXT     ((size_t)2 * 1024 * 1024)
#define DOC_READ_MAX_PARAS    ((size_t)200000)
#define DOC_READ_MAX_ELEMENTS ((size_t)4000000)

/* Read the file at path by its extension (.txt, .md, .docx, .pdf; anything
 * else is taken as text when it is valid UTF-8, as .docx when it is a zip).
 * *text is malloc'd and NUL-terminated, owned by the caller. ERR_IO when the
 * file cannot be opened; ERR_INPUT with a message naming the problem for
 * anything that is not a readable document. */
int doc_read_file(char **text, size_t *len, const char *path, struct err *err);

/* The text of a .docx held in memory. */
int doc_read_docx_mem(char **text, size_t *len, const void *data, size_t n, struct err *err);

/* Text bytes as the reader wants them: BOM removed, CRLF/CR to LF; ERR_INPUT
 * with the byte offset of the first invalid UTF-8 sequence or NUL byte, and
 * for text over DOC_READ_MAX_TEXT. */
int doc_read_text_mem(char **text, size_t *len, const char *data, size_t n, struct err *err);

#endif
