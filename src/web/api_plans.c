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

/* GET /api/v1/plans/{id}/check: the four-clear check ("4 rõ") of every
 * task, as `pcmt plan check --json` (its defects) with the counts. */
int api_plans_check(struct web_req *rq)
{
  long id;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct app_plan_check c;
  rc = app_plan_check(&c, rq->st, &caller, id, &rq->err);
  if (!rc) {
    json_t *defects = plan_json_defects(&c.plan, &c.defects);
    rc = api_json(rq, 200,
                  defects
                      ? json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "id", (json_int_t)id, "tasks",
                                  (json_int_t)c.count.tasks, "clear", (json_int_t)c.count.clear,
                                  "unclear", (json_int_t)c.count.unclear, "defect_count",
                                  (json_int_t)c.count.defects, "defects", defects)
                      : NULL);
  }
  app_plan_check_free(&c);
  return rc;
}

/* GET /api/v1/plans/{id}/history: the changes since it was published,
 * oldest first, as a list (`pcmt plan history --json`'s items). */
int api_plans_history(struct web_req *rq)
{
  long id, limit, pos;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_page(&limit, &pos, rq);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct store_plan_change_list l = {0};
  rc = app_plan_history(&l, rq->st, &caller, id, &rq->err);
  if (!rc)
    rc = api_list(rq, plan_json_history(&l), pos, limit);
  store_plan_change_list_free(&l);
  return rc;
}
