/* test_ranking.c: the emulation score and ranks, worked by hand (docs/ranking.md).
 *
 * A: 2 quotas achieved, 2 reports on time: 70 x 1 + 30 x 1 = 100.
 * B (xã Bảo Thắng): 1 achieved, 1 missed (0.5); 2 reports, 1 on time, 1
 *   late ((1 + 0.5) / 2 = 0.75): 35 + 22.5 = 57.5.
 * C (xã Bản Hồ): 1 on track, 1 at risk ((0.75 + 0.25) / 2 = 0.5); reports
 *   as B: 57.5, the same rank as B, before it by name (Bản < Bảo).
 * D: no quota; 4 reports, 2 on time: 50 (reports alone, scaled).
 * E: nothing to score: unscored, last.
 * The police: 1 quota achieved, no report: 100, first among agencies. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "domain/ranking.h"

static struct ranking_item item(const char *name, int agency, size_t ach, size_t on, size_t risk,
                                size_t miss, size_t owed, size_t on_time, size_t late)
{
  struct ranking_item it;
  memset(&it, 0, sizeof it);
  snprintf(it.name, sizeof it.name, "%s", name);
  it.is_agency = agency;
  it.achieved = ach, it.on_track = on, it.at_risk = risk, it.missed = miss;
  it.owed = owed, it.on_time = on_time, it.late = late;
  return it;
}

static void scores_and_ranks(void **state)
{
  (void)state;
  struct ranking_item it[6] = {
      item("Công an", 1, 1, 0, 0, 0, 0, 0, 0),   item("xã E", 0, 0, 0, 0, 0, 0, 0, 0),
      item("xã D", 0, 0, 0, 0, 0, 4, 2, 0),      item("xã Bảo Thắng", 0, 1, 0, 0, 1, 2, 1, 1),
      item("xã Bản Hồ", 0, 0, 1, 1, 0, 2, 1, 1), item("xã A", 0, 2, 0, 0, 0, 2, 2, 0),
  };
  ranking_score(it, 6);
  const char *order[] = {"xã A", "xã Bản Hồ", "xã Bảo Thắng", "xã D", "xã E", "Công an"};
  const int rank[] = {1, 2, 2, 4, 0, 1};
  const double score[] = {100, 57.5, 57.5, 50, 0, 100};
  for (int i = 0; i < 6; i++) {
    assert_string_equal(it[i].name, order[i]);
    assert_int_equal(it[i].rank, rank[i]);
    assert_true(it[i].score > score[i] - 1e-9 && it[i].score < score[i] + 1e-9);
  }
  assert_false(it[4].scored);
}

/* A quota without a figure earns 0, an unbound one does not count: 1
 * achieved, 1 without a figure, 3 unbound: (1 + 0) / 2 = 0.5, 50 points. */
static void quotas_without_figures_earn_nothing(void **state)
{
  (void)state;
  struct ranking_item it[1] = {item("xã A", 0, 1, 0, 0, 0, 0, 0, 0)};
  it[0].unmeasured = 1;
  it[0].unbound = 3;
  ranking_score(it, 1);
  assert_true(it[0].score > 49.999 && it[0].score < 50.001);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scores_and_ranks),
      cmocka_unit_test(quotas_without_figures_earn_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
