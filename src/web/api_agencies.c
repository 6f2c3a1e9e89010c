/* api_agencies.c: GET /api/v1/agencies/... — agency names read as plans write them.
 *
 * `resolve` reads ?name= (and, given ?unit= with ?tree= and ?at=, the unit
 * the plan belongs to: the unit the agency sits at), as `pcmt agency
 * resolve` does; `kinds` lists the agency kinds (a list, api_frame.h). Every user may: the
 * resolver reads words and the public unit lists (app_agency.h). The JSON is
 * output/agency_json.h's, as `pcmt agency ... --json` prints it. */
#include "app/app_agency.h"
#include "output/agency_json.h"
#include "web/api_frame.h"
#include "web/routes.h"

int api_agencies_resolve(struct web_req *rq)
{
  struct app_agency_in in = {0};
  int rc = api_query(&in.text, rq, "name");
  if (!rc)
    rc = api_query(&in.unit_code, rq, "unit");
  if (!rc)
    rc = api_query(&in.tree, rq, "tree");
  if (!rc)
    rc = api_query(&in.at, rq, "at");
  if (rc)
    return rc;
  if (!in.text || !*in.text)
    return err_set(&rq->err, ERR_INPUT, "Cần tham số name: tên cơ quan cần đọc.");
  struct scope caller;
  rc = api_caller(&caller, rq, "đọc tên cơ quan");
  struct agency_ref r;
  if (!rc)
    rc = app_agency_resolve(&r, rq->st, &caller, &in, &rq->err);
  if (rc)
    return rc;
  return api_json(rq, 200, agency_json_ref(in.text, &r));
}

int api_agencies_kinds(struct web_req *rq)
{
  long limit, pos;
  struct scope caller;
  int rc = api_page(&limit, &pos, rq);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  const struct label *kinds;
  size_t n;
  app_agency_kinds(&kinds, &n);
  return api_list(rq, agency_json_kinds(kinds, n), pos, limit);
}
