/* html.h: the one door for text into HTML (cgit's html.c).
 *
 * It lives in the output layer so that the pages of src/web and the HTML
 * documents of src/output (the consolidated report) share it. Every page
 * and document writes user data through these helpers and never directly, so
 * an escaping fault is fixed once here for every page. Each appends to a
 * response buffer (base/buf.h) and returns ERR_OK or ERR_NOMEM (the buffer's
 * cap); a caller may check once at the end with buf_failed. Bytes that are
 * not valid UTF-8 are written as U+FFFD, so a page is always valid UTF-8. */
#ifndef PCMT_OUTPUT_HTML_H
#define PCMT_OUTPUT_HTML_H

#include "base/buf.h"

/* s (NULL: nothing) as element content: & < > " ' escaped. */
int html_text(struct buf *b, const char *s);
/* s as the value of a double-quoted attribute: the same escapes, plus
 * newline and tab as character references (a value survives as written). */
int html_attr(struct buf *b, const char *s);
/* s as one component of a URL (a path segment or a query value):
 * every byte outside A-Z a-z 0-9 - . _ ~ percent-encoded, so the result is
 * also safe inside an attribute. */
int html_url(struct buf *b, const char *s);
/* A literal fragment of markup that the page itself wrote (never data). */
int html_raw(struct buf *b, const char *markup);

#endif
