/* consolidated.c: the consolidated report's data (see consolidated.h). */
#include "domain/consolidated.h"

#include <stdlib.h>
#include <string.h>

#include "domain/suppress.h"

const char *const CONS_KEY_INDICATORS[CONS_KEY_COLS] = {
    "cases_detected",     "persons_arrested", "drug_list_total",
    "addicts_registered", "hotspots_active",  "rehab_compulsory_admissions"};

static void row_free(struct cons_unit_row *r)
{
  free(r->values);
  r->values = NULL;
  r->has = r->hidden = NULL;
}

void consolidated_free(struct consolidated *c)
{
  if (!c)
    return;
  free(c->figures);
  target_report_free(&c->targets);
  for (size_t i = 0; i < c->n_units; i++)
    row_free(&c->units[i]);
  free(c->units);
  row_free(&c->total);
  for (size_t i = 0; i < c->n_lagging; i++)
    free(c->lagging[i]);
  free(c->lagging);
  for (size_t i = 0; i < c->n_overdue; i++)
    free(c->overdue[i].text);
  free(c->overdue);
  free(c->reports);
  memset(c, 0, sizeof *c);
}

int consolidated_row_init(struct cons_unit_row *r, size_t n_cols, struct err *err)
{
  /* one block: the figures, then the two flag arrays */
  double *v = calloc(1, n_cols * (sizeof *v + 2) + 1);
  if (!v)
    return err_nomem(err);
  r->values = v;
  r->has = (unsigned char *)(v + n_cols);
  r->hidden = r->has + n_cols;
  return ERR_OK;
}

size_t consolidated_col(const struct consolidated *c, const char *code)
{
  for (size_t k = 0; k < c->n_cols; k++)
    if (strcmp(c->cols[k].code, code) == 0)
      return k;
  return c->n_cols;
}

static int is_ratio(const struct indicator_def *d)
{
  return d->kind == IND_RATIO;
}

void consolidated_totals(struct consolidated *c)
{
  struct cons_unit_row *t = &c->total;
  for (size_t k = 0; k < c->n_cols; k++) {
    t->values[k] = 0;
    t->has[k] = 0;
    if (is_ratio(&c->cols[k]))
      continue;
    for (size_t i = 0; i < c->n_units; i++)
      if (c->units[i].has[k]) {
        t->values[k] += c->units[i].values[k];
        t->has[k] = 1;
      }
  }
  /* ratios after every count is summed: 100 x numerator / denominator */
  for (size_t k = 0; k < c->n_cols; k++) {
    const struct indicator_def *d = &c->cols[k];
    if (!is_ratio(d))
      continue;
    size_t n = consolidated_col(c, d->numerator), m = consolidated_col(c, d->denominator);
    if (n == c->n_cols || m == c->n_cols || !t->has[n] || !t->has[m] || t->values[m] <= 0)
      continue;
    t->values[k] = 100.0 * t->values[n] / t->values[m];
    t->has[k] = 1;
  }
}

/* A ratio cell of row r is hidden when a part it is made of is hidden. */
static void hide_ratios(const struct consolidated *c, struct cons_unit_row *r)
{
  for (size_t k = 0; k < c->n_cols; k++) {
    const struct indicator_def *d = &c->cols[k];
    if (!is_ratio(d))
      continue;
    size_t n = consolidated_col(c, d->numerator), m = consolidated_col(c, d->denominator);
    if ((n < c->n_cols && r->hidden[n]) || (m < c->n_cols && r->hidden[m]))
      r->hidden[k] = r->has[k];
  }
}

static struct cons_figure *figure_of(struct consolidated *c, const char *code)
{
  for (size_t i = 0; i < c->n_figures; i++)
    if (strcmp(c->figures[i].indicator, code) == 0)
      return &c->figures[i];
  return NULL;
}

/* The territory's figures: a ratio is hidden when a part of it is. */
static void hide_figure_ratios(struct consolidated *c)
{
  for (size_t i = 0; i < c->n_figures; i++) {
    struct cons_figure *f = &c->figures[i];
    const struct indicator_def *d = indicator_find(f->indicator);
    if (!d || !is_ratio(d))
      continue;
    const struct cons_figure *n = figure_of(c, d->numerator), *m = figure_of(c, d->denominator);
    if ((n && n->hidden_now) || (m && m->hidden_now))
      f->hidden_now = f->has_now;
    if ((n && n->hidden_before) || (m && m->hidden_before))
      f->hidden_before = f->has_before;
  }
}

/* Everything unit-level hidden: what is left when the rule cannot be run. */
static void hide_everything(struct consolidated *c)
{
  for (size_t i = 0; i < c->n_units; i++)
    memset(c->units[i].hidden, 1, c->n_cols);
  memset(c->total.hidden, 1, c->n_cols);
  for (size_t i = 0; i < c->n_figures; i++)
    c->figures[i].hidden_now = 1;
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
  if (c->n_units) {
    double *v = malloc(c->n_units * sizeof *v);
    unsigned char *loc = malloc(c->n_units);
    unsigned char *hid = malloc(c->n_units);
    if (!v || !loc || !hid) { /* cannot decide: hide every unit figure rather than risk one */
      hide_everything(c);
    } else {
      for (size_t k = 0; k < c->n_cols; k++) {
        if (is_ratio(&c->cols[k]))
          continue;
        for (size_t i = 0; i < c->n_units; i++) {
          v[i] = c->units[i].has[k] ? c->units[i].values[k] : 0;
          loc[i] = c->units[i].unit.level > 1;
        }
        struct suppress_column col = {v, loc, c->n_units, c->total.values[k]};
        int hide_total;
        suppress_column(hid, &hide_total, &col, SUPPRESS_BELOW);
        for (size_t i = 0; i < c->n_units; i++)
          c->units[i].hidden[k] = hid[i];
        /* a total that gives a hidden cell back is hidden, here and where the
         * territory's own figure for the same indicator is shown */
        c->total.hidden[k] = (unsigned char)hide_total;
        struct cons_figure *f = hide_total ? figure_of(c, c->cols[k].code) : NULL;
        if (f)
          f->hidden_now = 1;
      }
      for (size_t i = 0; i < c->n_units; i++)
        hide_ratios(c, &c->units[i]);
      hide_ratios(c, &c->total);
    }
    free(v);
    free(loc);
    free(hid);
  }
  hide_figure_ratios(c);
}
