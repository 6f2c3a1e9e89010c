/* ranking.h: the year-end emulation ranking (thi đua) of units and agencies under a plan.
 *
 * Each assignee of a plan — a unit that carries quotas or owes reports, a
 * member agency that does — earns a score out of 100 from two parts
 * (docs/ranking.md):
 *
 *  - targets, 70 points: the mean over its bound quotas of 1 for achieved,
 *    0.75 on track, 0.25 at risk, 0 missed, and 0 for a quota that cannot be
 *    measured for want of a figure (a result not in the data earns nothing,
 *    so that not entering figures never pays); unbound quotas (no indicator
 *    chosen yet: the standing office's part) do not count;
 *  - reporting, 30 points: over the reports it owed, 1 for each submitted
 *    on time, 0.5 for each submitted late, 0 for each not submitted.
 *
 * An assignee with only one part is scored on that part alone, scaled to
 * 100; one with neither is listed unscored, last. Ranks are shared by equal
 * scores (1, 2, 2, 4). Pure rules: the operation gathers the statuses. */
#ifndef PCMT_DOMAIN_RANKING_H
#define PCMT_DOMAIN_RANKING_H

#include <stddef.h>

/* Points of the two parts. */
#define RANKING_TARGET_POINTS 70.0
#define RANKING_REPORT_POINTS 30.0

struct ranking_item {
  char key[64];   /* "unit:1234" or "agency:police": who */
  char name[200]; /* "xã Bảo Thắng", "Công an": shown */
  int is_agency;  /* 1: a member agency; 0: a unit */
  /* targets: counts of the assignee's quotas by status */
  size_t achieved, on_track, at_risk, missed, unmeasured, unbound;
  /* reports: owed, submitted on time, submitted late */
  size_t owed, on_time, late;
  /* filled by ranking_score: */
  int scored;         /* 0: nothing to score on */
  double target_part; /* 0..1, valid when has_target_part */
  int has_target_part;
  double report_part; /* 0..1, valid when has_report_part */
  int has_report_part;
  double score; /* 0..100 */
  int rank;     /* 1 = first; 0 unscored */
};

/* Score every item, then sort units and agencies apart (units first), each
 * by score (highest first), equal scores by name in Vietnamese order, and
 * give ranks within each group. */
void ranking_score(struct ranking_item *items, size_t n);

#endif
