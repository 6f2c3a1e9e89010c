/* consolidated_html.c: the consolidated report as HTML (see consolidated_html.h). */
#include "output/consolidated_html.h"

#include "output/consolidated_doc.h"
#include "output/doc_html.h"

int consolidated_html_fragment(struct buf *b, const struct consolidated *c, struct date today,
                               struct err *err)
{
  struct consolidated_doc d;
  int rc = consolidated_doc_build(&d, c, today, err);
  if (rc)
    return rc;
  if (doc_html_fragment(b, &d.doc))
    rc = err_nomem(err);
  consolidated_doc_free(&d);
  return rc;
}

int consolidated_html_write(const char *path, const struct consolidated *c, struct date today,
                            struct err *err)
{
  struct consolidated_doc d;
  int rc = consolidated_doc_build(&d, c, today, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  if (doc_html_page(&b, &d.doc))
    rc = err_nomem(err);
  else
    rc = buf_write_file(&b, path, err);
  buf_free(&b);
  consolidated_doc_free(&d);
  return rc;
}
