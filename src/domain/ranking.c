/* ranking.c: the emulation score and ranks (see ranking.h). */
#include "domain/ranking.h"

#include <stdlib.h>

#include "base/text.h"

static void score_one(struct ranking_item *it)
{
  size_t measured = it->achieved + it->on_track + it->at_risk + it->missed + it->unmeasured;
  it->has_target_part = measured > 0;
  if (measured)
    it->target_part =
        (1.0 * it->achieved + 0.75 * it->on_track + 0.25 * it->at_risk) / (double)measured;
  it->has_report_part = it->owed > 0;
  if (it->owed)
    it->report_part = (1.0 * it->on_time + 0.5 * it->late) / (double)it->owed;
  it->scored = it->has_target_part || it->has_report_part;
  if (it->has_target_part && it->has_report_part)
    it->score = RANKING_TARGET_POINTS * it->target_part + RANKING_REPORT_POINTS * it->report_part;
  else if (it->has_target_part)
    it->score = 100.0 * it->target_part;
  else if (it->has_report_part)
    it->score = 100.0 * it->report_part;
  else
    it->score = 0;
}

static int cmp(const void *a, const void *b)
{
  const struct ranking_item *x = a, *y = b;
  if (x->is_agency != y->is_agency)
    return x->is_agency - y->is_agency;
  if (x->scored != y->scored)
    return y->scored - x->scored;
  /* scores are sums of a few fractions: compare to a hundredth of a point */
  double d = y->score - x->score;
  if (d > 0.005 || d < -0.005)
    return d > 0 ? 1 : -1;
  return text_collate_cmp(x->name, y->name);
}

void ranking_score(struct ranking_item *items, size_t n)
{
  for (size_t i = 0; i < n; i++)
    score_one(&items[i]);
  qsort(items, n, sizeof *items, cmp);
  for (size_t i = 0; i < n; i++) {
    struct ranking_item *it = &items[i];
    if (!it->scored) {
      it->rank = 0;
      continue;
    }
    const struct ranking_item *prev = i ? &items[i - 1] : NULL;
    int same_group = prev && prev->is_agency == it->is_agency && prev->scored;
    double d = same_group ? prev->score - it->score : 1;
    if (same_group && d < 0.005 && d > -0.005)
      it->rank = prev->rank;
    else {
      size_t first = i;
      while (first > 0 && items[first - 1].is_agency == it->is_agency)
        first--;
      it->rank = (int)(i - first) + 1;
    }
  }
}
