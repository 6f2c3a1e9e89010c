/* api_units.c: GET /api/v1/units... — the administrative units (public reference data).
 *
 * Find by name (?q=, diacritics optional, ?at= an ISO date), one unit by
 * tree and code (?children=tree: the unit and its descendants instead),
 * and the units of today's tree that took over an old unit. Every user may
 * read them (app_unit.h); the JSON is output/unit_json.h's, as
 * `pcmt units ... --json` prints it. */
#include <string.h>

#include "app/app_unit.h"
#include "output/unit_json.h"
#include "types/unit.h"
#include "web/api_frame.h"
#include "web/routes.h"

int api_units_find(struct web_req *rq)
{
  const char *q = NULL, *at = NULL;
  long limit, pos;
  int rc = api_query(&q, rq, "q");
  if (!rc)
    rc = api_query(&at, rq, "at");
  if (!rc)
    rc = api_page(&limit, &pos, rq);
  if (rc)
    return rc;
  if (!q || !*q)
    return err_set(&rq->err, ERR_INPUT, "Cần tham số q: tên đơn vị cần tìm.");
  struct scope caller;
  struct unit_item_list l = {0};
  rc = api_caller(&caller, rq, NULL);
  if (!rc)
    rc = app_unit_find(&l, rq->st, &caller, q, at, &rq->err);
  if (!rc)
    rc = api_list(rq, unit_json_items(&l), pos, limit);
  unit_item_list_free(&l);
  return rc;
}

int api_units_show(struct web_req *rq)
{
  const char *children = NULL, *at = NULL;
  const char *tree = request_param(rq, 0), *code = request_param(rq, 1);
  int rc = api_query(&children, rq, "children");
  if (!rc)
    rc = api_query(&at, rq, "at");
  if (rc)
    return rc;
  if (!tree || !code)
    return err_nomem(&rq->err);
  if (strcmp(tree, UNIT_TREE_OLD) != 0 && strcmp(tree, UNIT_TREE_NEW) != 0)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không có cây đơn vị \"%s\" (pre2025, post2025).",
                   tree);
  if (children && strcmp(children, "tree") != 0)
    return err_set(&rq->err, ERR_INPUT, "Tham số children chỉ nhận giá trị \"tree\".");
  struct scope caller;
  rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  if (children) {
    struct unit_list l = {0};
    rc = app_unit_tree(&l, NULL, rq->st, &caller, tree, code, at, &rq->err);
    if (!rc)
      rc = api_json(rq, 200, unit_json_list(&l));
    unit_list_free(&l);
    return rc;
  }
  struct unit_item it;
  rc = app_unit_show(&it, rq->st, &caller, tree, code, at, &rq->err);
  if (rc)
    return rc;
  char label[300];
  unit_label(label, sizeof label, &it.unit);
  return api_json(rq, 200, unit_json_item(&it, label));
}

int api_units_successors(struct web_req *rq)
{
  const char *tree = request_param(rq, 0), *code = request_param(rq, 1);
  if (!tree || !code)
    return err_nomem(&rq->err);
  if (strcmp(tree, UNIT_TREE_OLD) != 0)
    return err_set(&rq->err, ERR_NOT_FOUND,
                   "Chỉ đơn vị của cây trước ngày 01/07/2025 (pre2025) có đơn vị kế thừa.");
  struct scope caller;
  struct unit_item_list l = {0};
  int rc = api_caller(&caller, rq, NULL);
  if (!rc)
    rc = app_unit_successors(&l, rq->st, &caller, code, &rq->err);
  if (!rc)
    rc = api_json(rq, 200, unit_json_successors(&l));
  unit_item_list_free(&l);
  return rc;
}
