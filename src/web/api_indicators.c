/* api_indicators.c: GET /api/v1/indicators?period=&unit= — the standard indicators.
 *
 * Every indicator of the catalogue over a period (app_indicator_period's
 * forms: "2025", "Q3/2025", "6T/2025", "2025-01-01..2025-06-30") for the
 * caller's territory or a unit in it (?unit=, ?tree=), optionally compared
 * (?compare=) and split (?by=), as `pcmt indicators show --json` prints
 * it (output/indicator_json.h). Aggregates only: every role. */
#include "app/app_indicator.h"
#include "output/indicator_json.h"
#include "types/label.h"
#include "web/api_frame.h"
#include "web/routes.h"

/* *out the index in label set `set` of `text` (a code or a label), 0 when
 * text is NULL. ERR_INPUT naming the parameter otherwise. */
static int choice(int *out, struct web_req *rq, enum label_set set, const char *text,
                  const char *param)
{
  *out = 0;
  if (!text || !*text)
    return ERR_OK;
  const char *code = NULL;
  int rc = label_parse(&code, set, text, param, &rq->err);
  if (rc)
    return rc;
  int k = label_index(set, code);
  if (k < 0)
    return err_set(&rq->err, ERR_INPUT, "Tham số %s \"%s\" không hợp lệ.", param, text);
  *out = k;
  return ERR_OK;
}

int api_indicators_show(struct web_req *rq)
{
  const char *period = NULL, *unit = NULL, *tree = NULL, *compare = NULL, *by = NULL;
  int rc = api_query(&period, rq, "period");
  if (!rc)
    rc = api_query(&unit, rq, "unit");
  if (!rc)
    rc = api_query(&tree, rq, "tree");
  if (!rc)
    rc = api_query(&compare, rq, "compare");
  if (!rc)
    rc = api_query(&by, rq, "by");
  if (rc)
    return rc;
  struct app_ind_query q = {tree, unit, {0}, APP_IND_COMPARE_NONE, IND_SPLIT_NONE};
  int cmp = 0, split = 0;
  rc = app_indicator_period(&q.period, period, &rq->err);
  if (!rc)
    rc = choice(&cmp, rq, LABEL_IND_COMPARE, compare, "compare");
  if (!rc)
    rc = choice(&split, rq, LABEL_IND_SPLIT, by, "by");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, "xem chỉ tiêu");
  if (rc)
    return rc;
  q.compare = (enum app_ind_compare)cmp;
  q.split = (enum ind_split)split;
  struct indicator_report r;
  rc = app_indicator_compute(&r, rq->st, &caller, &q, &rq->err);
  if (!rc)
    rc = api_json(rq, 200,
                  indicator_json_report(&r, cmp ? label_code_at(LABEL_IND_COMPARE, cmp) : NULL));
  indicator_report_free(&r);
  return rc;
}
