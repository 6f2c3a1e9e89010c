/* consolidated_docx.c: the consolidated report as .docx (see consolidated_docx.h). */
#include "output/consolidated_docx.h"

#include "output/consolidated_doc.h"
#include "output/docx_write.h"

int consolidated_docx_write(const char *path, const struct consolidated *c, struct date today,
                            struct err *err)
{
  struct consolidated_doc d;
  int rc = consolidated_doc_build(&d, c, today, err);
  if (rc)
    return rc;
  rc = docx_write(path, &d.doc, err);
  consolidated_doc_free(&d);
  return rc;
}
