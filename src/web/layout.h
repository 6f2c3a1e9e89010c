/* layout.h: the frame every page shares (web-design.md, "Layout").
 *
 * A page calls layout_begin, writes its content into rq->body through
 * html.h, and ends with layout_end: header with the product name (and, once
 * signed in, the user and "Đăng xuất"), a skip link, <main>, and a footer.
 * The one stylesheet and the one script are linked by their hashed names. */
#ifndef PCMT_WEB_LAYOUT_H
#define PCMT_WEB_LAYOUT_H

#include "web/request.h"

/* Open the page titled `title` (plain text, escaped here). */
void layout_begin(struct web_req *rq, const char *title);
/* Close <main>, add the footer and close the page. */
void layout_end(struct web_req *rq);

#endif
