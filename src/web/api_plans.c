/* api_plans.c: GET /api/v1/plans... — the plans of the caller's territory.
 *
 * The list, one stored plan (its tasks, targets, reports and ids), and
 * the status of its targets on a date (?at=, ?unit=, ?tree=), with the
 * JSON of output/plan_json.h and output/target_json.h that `pcmt plan list
 * | show | status --json` print. A plan outside the territory is 404, as
 * one that does not exist. */
#include "app/app_monitor.h"
#include "app/app_plan.h"
#include "output/plan_json.h"
#include "output/target_json.h"
#include "web/api_frame.h"
#include "web/routes.h"

int api_plans_list(struct web_req *rq)
{
  long limit, pos;
  int rc = api_page(&limit, &pos, rq);
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct store_plan_info_list l = {0};
  rc = app_plan_list(&l, rq->st, &caller, &rq->err);
  if (!rc)
    rc = api_list(rq, plan_json_list(&l), pos, limit);
  store_plan_info_list_free(&l);
  return rc;
}

int api_plans_show(struct web_req *rq)
{
  long id;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct plan p;
  struct store_plan_info info;
  plan_init(&p);
  rc = app_plan_show(&p, &info, rq->st, &caller, id, &rq->err);
  if (!rc)
    rc = api_json(rq, 200, plan_json_stored(&p, &info));
  plan_free(&p);
  return rc;
}

int api_plans_status(struct web_req *rq)
{
  long id;
  const char *at = NULL, *unit = NULL, *tree = NULL;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_query(&at, rq, "at");
  if (!rc)
    rc = api_query(&unit, rq, "unit");
  if (!rc)
    rc = api_query(&tree, rq, "tree");
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct app_plan_status_in in = {id, at, tree, unit};
  struct target_report r;
  rc = app_plan_status(&r, rq->st, &caller, &in, &rq->err);
  if (!rc)
    rc = api_json(rq, 200, target_json_report(&r));
  target_report_free(&r);
  return rc;
}
