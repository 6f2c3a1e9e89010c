/* target_eval.c: where a target stands on a date (see target_eval.h and docs/monitoring.md).
 *
 * Every rule reads one requirement: a minimum (at least N, at least p %,
 * a rise of at least p % over the comparable earlier period) or a maximum
 * (at most N, none at all, a rise of at most p %, a fall of at least p %).
 * A flow only grows during its period, so a minimum it reached is reached
 * for good and a maximum it passed is passed for good; a stock or a ratio
 * can move either way, so only its value on the period's last day settles
 * it. */
#include "domain/target_eval.h"

#include <stdlib.h>
#include <string.h>

#define EPS 1e-9 /* figures are sums of counts: this only absorbs rounding */

static const char *const STATUS[] = {"achieved", "on_track",       "at_risk",
                                     "missed",   "not_measurable", "unbound"};

const char *target_status_code(enum target_status s)
{
  return (unsigned)s < sizeof STATUS / sizeof STATUS[0] ? STATUS[s] : "not_measurable";
}

const char *target_projection_code(enum target_projection p)
{
  switch (p) {
  case TARGET_PROJ_LINEAR:
    return "linear";
  case TARGET_PROJ_LAST_YEAR:
    return "last_year";
  case TARGET_PROJ_CURRENT:
    return "current";
  default:
    return NULL;
  }
}

int target_eval_span(struct date *start, struct date *end, const struct plan *p,
                     const struct plan_target *t)
{
  *start = p->period_start;
  *end = p->period_end;
  if (t->phase)
    for (size_t i = 0; i < p->n_phases; i++)
      if (p->phases[i].name && strcmp(p->phases[i].name, t->phase) == 0) {
        if (p->phases[i].start.y)
          *start = p->phases[i].start;
        if (p->phases[i].end.y)
          *end = p->phases[i].end;
        break;
      }
  return start->y && end->y && date_cmp(*start, *end) <= 0;
}

static void not_measurable(struct target_eval *out, const char *why)
{
  out->status = TARGET_NOT_MEASURABLE;
  out->why = why;
}

/* The requirement of in into out; 0 (with out->why) when none can be set. */
static int requirement(struct target_eval *out, const struct target_eval_in *in)
{
  double p = in->target;
  switch (in->kind) {
  case TARGET_ZERO:
    out->required = 0;
    out->required_is_max = 1;
    break;
  case TARGET_COUNT_MIN:
  case TARGET_COUNT_MAX:
  case TARGET_RATIO_MIN:
    if (!in->has_target) {
      out->why = "chỉ tiêu chưa có mức yêu cầu";
      return 0;
    }
    if (in->kind == TARGET_RATIO_MIN && !in->is_ratio) {
      out->why = "chỉ tiêu tỷ lệ cần một chỉ số tỷ lệ hoặc chỉ số có mẫu số";
      return 0;
    }
    out->required = p;
    out->required_is_max = in->kind == TARGET_COUNT_MAX;
    break;
  case TARGET_GROWTH_MIN:
  case TARGET_GROWTH_MAX:
  case TARGET_REDUCTION_MIN:
    if (!in->has_target) {
      out->why = "chỉ tiêu chưa có mức yêu cầu";
      return 0;
    }
    if (!in->has_before) {
      out->why = "chưa có số liệu cùng kỳ năm trước";
      return 0;
    }
    if (in->before <= EPS) {
      out->why = "số liệu cùng kỳ năm trước bằng 0: không tính được tỷ lệ tăng, giảm";
      return 0;
    }
    if (in->kind == TARGET_REDUCTION_MIN) {
      out->required = in->before * (1 - p / 100);
      out->required_is_max = 1;
    } else {
      out->required = in->before * (1 + p / 100);
      out->required_is_max = in->kind == TARGET_GROWTH_MAX;
    }
    break;
  default:
    out->why = "chỉ tiêu chưa phân loại: không có quy tắc đánh giá";
    return 0;
  }
  out->has_required = 1;
  return 1;
}

void target_eval_run(struct target_eval *out, const struct target_eval_in *in)
{
  memset(out, 0, sizeof *out);
  out->from = in->start;
  out->to = in->end;
  if (!in->start.y || !in->end.y || date_cmp(in->start, in->end) > 0) {
    not_measurable(out, "chưa xác định được thời gian của chỉ tiêu");
    return;
  }
  if (date_cmp(in->at, in->start) < 0) {
    not_measurable(out, "chưa đến thời gian thực hiện chỉ tiêu");
    return;
  }
  int over = date_cmp(in->at, in->end) >= 0;
  if (!over)
    out->to = in->at;
  long total = date_to_days(in->end) - date_to_days(in->start) + 1;
  long gone = date_to_days(out->to) - date_to_days(in->start) + 1;
  out->elapsed = (double)gone / (double)total;
  if (!requirement(out, in)) {
    out->status = TARGET_NOT_MEASURABLE;
    return;
  }
  if (!in->has_value) {
    not_measurable(out, "chưa có số liệu");
    return;
  }
  if (in->is_ratio && in->den <= EPS) {
    not_measurable(out, "mẫu số bằng 0");
    return;
  }
  int flow = in->ind_kind == IND_FLOW && !in->is_ratio;
  double v = in->value, req = out->required;
  if (!over) {
    out->has_projection = 1;
    if (!flow) {
      out->projection = v;
      out->method = TARGET_PROJ_CURRENT;
    } else if (in->has_shape && in->shape > EPS) {
      out->projection = v * in->shape;
      out->method = TARGET_PROJ_LAST_YEAR;
    } else {
      out->projection = v / out->elapsed;
      out->method = TARGET_PROJ_LINEAR;
    }
  }
  double proj = out->projection;
  if (!out->required_is_max) {
    if (over)
      out->status = v + EPS >= req ? TARGET_ACHIEVED : TARGET_MISSED;
    else if (flow && v + EPS >= req)
      out->status = TARGET_ACHIEVED;
    else
      out->status = proj + EPS >= req ? TARGET_ON_TRACK : TARGET_AT_RISK;
    return;
  }
  if (v > req + EPS && (flow || over || in->kind == TARGET_ZERO))
    out->status = TARGET_MISSED;
  else if (over)
    out->status = TARGET_ACHIEVED;
  else
    out->status = proj > req + EPS ? TARGET_AT_RISK : TARGET_ON_TRACK;
}

void target_report_free(struct target_report *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    free(r->rows[i].text);
  free(r->rows);
  free(r->lower);
  memset(r, 0, sizeof *r);
}
