/* classify.c: checking a unit's figures against a classification rule set (see classify.h).
 *
 * Unknown is never read as "not met": a criterion whose threshold the rule
 * data lacks, or whose figure nothing gives, may be met; a class is only
 * "not met" when it stays short even with every unknown criterion met. One
 * inference is made: every criterion is "at least" a positive threshold,
 * so a figure of 0 meets none, even when the threshold is missing. */
#include "domain/classify.h"

#include <stdlib.h>
#include <string.h>

/* The figure criterion c reads from f into *v; 0 with *why when unknown. */
static int figure(double *v, enum class_unknown *why, enum class_criterion c,
                  const struct class_figures *f)
{
  *why = UNKNOWN_NONE;
  switch (c) {
  case CRIT_MANAGED_RATIO:
  case CRIT_OFFENDERS_RATIO:
    if (!f->has_residents || f->residents <= 0) {
      *why = UNKNOWN_RESIDENTS;
      return 0;
    }
    *v = (c == CRIT_MANAGED_RATIO ? f->managed : f->offenders) * 100.0 / f->residents;
    return 1;
  case CRIT_MANAGED_COUNT:
    *v = f->managed;
    return 1;
  case CRIT_PLACES:
    *v = f->places;
    return 1;
  case CRIT_PLANTS:
    *v = f->plants;
    return 1;
  case CRIT_COMPLEX_COMMUNES:
    if (!f->has_complex) {
      *why = UNKNOWN_NO_DATA;
      return 0;
    }
    *v = f->complex_pct;
    return 1;
  case CRIT_ROUTE:
  case CRIT_COUNT:
    break;
  }
  *why = UNKNOWN_NO_DATA;
  return 0;
}

static void check_one(struct class_check *ck, const struct class_rule *r,
                      const struct class_figures *f)
{
  memset(ck, 0, sizeof *ck);
  ck->rule = r;
  double v = 0;
  enum class_unknown why;
  ck->has_value = figure(&v, &why, r->criterion, f);
  ck->value = v;
  if (!r->has_threshold) {
    /* every criterion is "at least" a positive threshold: a figure of 0
     * (and no area) meets none, whatever the missing threshold is */
    int zero = ck->has_value && v <= 0 && (r->criterion != CRIT_PLANTS || f->area_m2 <= 0);
    ck->verdict = zero ? VERDICT_NOT_MET : VERDICT_UNKNOWN;
    ck->why = zero ? UNKNOWN_NONE : UNKNOWN_THRESHOLD;
    return;
  }
  if (!ck->has_value) {
    ck->verdict = VERDICT_UNKNOWN;
    ck->why = why;
    return;
  }
  int met = v >= r->threshold;
  if (!met && r->criterion == CRIT_PLANTS && r->has_alt)
    met = f->area_m2 >= r->alt_threshold;
  ck->verdict = met ? VERDICT_MET : VERDICT_NOT_MET;
}

void classify_unit(struct class_result *out, const struct class_rule_set *rs,
                   const struct class_figures *f)
{
  memset(out, 0, sizeof *out);
  for (int c = 0; c < 3; c++) {
    const struct class_def *d = &rs->classes[c];
    int met = 0, unknown = 0;
    for (size_t i = 0; i < d->n_rules; i++) {
      struct class_check *ck = &out->checks[c][out->n_checks[c]++];
      check_one(ck, &d->rules[i], f);
      met += ck->verdict == VERDICT_MET;
      unknown += ck->verdict == VERDICT_UNKNOWN;
    }
    out->missing_min[c] = !d->has_min;
    if (!d->has_min || d->n_rules == 0)
      out->classes[c] = VERDICT_UNKNOWN;
    else if (met >= d->min_met)
      out->classes[c] = VERDICT_MET;
    else if (met + unknown < d->min_met)
      out->classes[c] = VERDICT_NOT_MET;
    else
      out->classes[c] = VERDICT_UNKNOWN;
  }
  /* the highest class met, when every higher class is known not to be */
  out->type = 0;
  for (int c = 0; c < 3; c++) {
    if (out->classes[c] == VERDICT_MET) {
      out->type = c + 1;
      return;
    }
    if (out->classes[c] == VERDICT_UNKNOWN) {
      out->type = -1;
      out->undetermined_from = c + 1;
      return;
    }
  }
}

void classify_report_free(struct classify_report *r)
{
  if (!r)
    return;
  free(r->rows);
  r->rows = NULL;
  r->n = 0;
}

void drugfree_report_free(struct drugfree_report *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    drugfree_row_free(&r->items[i].row);
  free(r->items);
  r->items = NULL;
  r->n = 0;
}

void drugfree_report_tally(struct drugfree_report *r)
{
  r->n_recognised = r->n_submitted = r->n_refused = r->n_reassess = 0;
  for (size_t i = 0; i < r->n; i++) {
    const struct drugfree_item *it = &r->items[i];
    const char *st = it->row.id ? it->row.status : "";
    r->n_recognised += strcmp(st, "recognised") == 0;
    r->n_submitted += strcmp(st, "submitted") == 0;
    r->n_refused += strcmp(st, "refused") == 0;
    r->n_reassess += it->recognised_before && !it->row.id;
  }
  r->share_pct = r->n ? 100.0 * (double)r->n_recognised / (double)r->n : 0;
  r->on_track = r->has_roadmap && r->share_pct >= r->roadmap_pct;
}
