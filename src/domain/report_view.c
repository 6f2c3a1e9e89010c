/* report_view.c: releasing a unit report as shown (see report_view.h). */
#include "domain/report_view.h"

#include <stdlib.h>

void report_view_free(struct report_view *v)
{
  if (!v)
    return;
  store_report_free(&v->report);
  store_report_version_list_free(&v->versions);
  free(v->frozen);
  free(v->changed);
  indicator_report_free(&v->live);
  target_report_free(&v->targets);
  v->frozen = NULL;
  v->changed = NULL;
}
