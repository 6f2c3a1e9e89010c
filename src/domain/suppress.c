/* suppress.c: which small counts and totals to hide (see suppress.h). */
#include "domain/suppress.h"

#include <math.h>

void suppress_column(unsigned char *hidden, int *hide_total, const struct suppress_column *c,
                     int below)
{
  size_t k = 0;
  double hidden_sum = 0;
  for (size_t i = 0; i < c->n; i++) {
    double v = c->values[i];
    hidden[i] = c->local[i] && v >= 1 && v < below && v == floor(v);
    if (hidden[i]) {
      k++;
      hidden_sum += v;
    }
  }
  /* What a reader can compute: total - shown = hidden_sum, each hidden cell
   * in [1, below - 1]. The cells are pinned down when k == 1, or when the
   * sum is only reachable with every cell at 1 or every cell at below - 1. */
  *hide_total =
      k == 1 || (k > 1 && (hidden_sum == (double)k || hidden_sum == (double)k * (below - 1)));
}
