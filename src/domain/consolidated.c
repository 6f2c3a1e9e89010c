/* consolidated.c: the consolidated report's data (see consolidated.h). */
#include "domain/consolidated.h"

#include <stdlib.h>
#include <string.h>

#include "domain/suppress.h"

const char *const CONS_UNIT_INDICATORS[CONS_UNIT_COLS] = {
    "cases_detected",     "persons_arrested", "drug_list_total",
    "addicts_registered", "hotspots_active",  "rehab_compulsory_admissions"};

void consolidated_free(struct consolidated *c)
{
  if (!c)
    return;
  free(c->figures);
  target_report_free(&c->targets);
  free(c->units);
  for (size_t i = 0; i < c->n_lagging; i++)
    free(c->lagging[i]);
  free(c->lagging);
  for (size_t i = 0; i < c->n_overdue; i++)
    free(c->overdue[i].text);
  free(c->overdue);
  free(c->reports);
  memset(c, 0, sizeof *c);
}

void consolidated_suppress(struct consolidated *c)
{
  if (!c->suppress)
    return;
  int local = c->unit.id && c->unit.level > 1;
  for (size_t i = 0; local && i < c->n_figures; i++) {
    struct cons_figure *f = &c->figures[i];
    if (strcmp(f->noun, "%") == 0)
      continue;
    f->hidden_now = f->has_now && f->now >= 1 && f->now < SUPPRESS_BELOW;
    f->hidden_before = f->has_before && f->before >= 1 && f->before < SUPPRESS_BELOW;
  }
  if (!c->n_units)
    return;
  double *v = malloc(c->n_units * sizeof *v);
  unsigned char *loc = malloc(c->n_units);
  unsigned char *hid = malloc(c->n_units);
  if (!v || !loc || !hid) { /* cannot decide: hide every unit figure rather than risk one */
    for (size_t i = 0; i < c->n_units; i++)
      memset(c->units[i].hidden, 1, CONS_UNIT_COLS);
    for (size_t i = 0; i < c->n_figures; i++)
      c->figures[i].hidden_now = 1;
    memset(c->total_hidden, 1, CONS_UNIT_COLS);
  } else {
    for (int k = 0; k < CONS_UNIT_COLS; k++) {
      for (size_t i = 0; i < c->n_units; i++) {
        v[i] = c->units[i].values[k];
        loc[i] = c->units[i].unit.level > 1;
      }
      struct suppress_column col = {v, loc, c->n_units, c->unit_totals[k]};
      int hide_total;
      suppress_column(hid, &hide_total, &col, SUPPRESS_BELOW);
      for (size_t i = 0; i < c->n_units; i++)
        c->units[i].hidden[k] = hid[i];
      /* a total that gives a hidden cell back is hidden, here and where the
       * territory's own figure for the same indicator is shown */
      c->total_hidden[k] = (unsigned char)hide_total;
      for (size_t i = 0; hide_total && i < c->n_figures; i++)
        if (strcmp(c->figures[i].indicator, CONS_UNIT_INDICATORS[k]) == 0)
          c->figures[i].hidden_now = 1;
    }
  }
  free(v);
  free(loc);
  free(hid);
}
