/* sheet_dates.c: the day/month order of a file's short dates (see sheet_dates.h). */
#include "ingest/sheet_dates.h"

#include <stdio.h>

#include "base/date.h"

void sheet_dates_see(struct sheet_dates *sd, const char *cell)
{
  int v[3], ylen;
  if (!cell || !date_short_form(cell, v, &ylen))
    return;
  if (v[0] > 12 && v[0] <= 31 && v[1] >= 1 && v[1] <= 12)
    sd->day_first++;
  else if (v[1] > 12 && v[1] <= 31 && v[0] >= 1 && v[0] <= 12)
    sd->month_first++;
}

int sheet_dates_fix(const char **out, char *buf, size_t n, const char *cell,
                    const struct sheet_dates *sd)
{
  *out = cell;
  int v[3], ylen;
  if (!cell || !date_short_form(cell, v, &ylen))
    return 0;
  if (sd->month_first && !sd->day_first) {
    snprintf(buf, n, "%02d/%02d/%0*d", v[1], v[0], ylen, v[2]);
    *out = buf;
    return 0;
  }
  int known = sd->day_first && !sd->month_first;
  if (!known && ylen == 2 && v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 12 && v[0] != v[1])
    return -1;
  return 0;
}
