/* admin_doc.c: the parts of a document for signature shared by its writers. */
#include "output/admin_doc.h"

#include <stdio.h>

void admin_doc_place_date(char *buf, size_t n, const char *place, struct date d)
{
  snprintf(buf, n, "%s, ngày %02d tháng %s%d năm %d", place ? place : "", d.d, d.m < 3 ? "0" : "",
           d.m, d.y);
}
