/* api_plans_doc.c: POST /api/v1/plans/read and POST /api/v1/plans — a plan document sent.
 *
 * The document is the raw body, its name in X-File-Name (api_upload.h):
 * .docx, .txt, .md or .pdf, read by the same reader as `pcmt plan read`
 * and `pcmt plan import`. `read` answers the plan read (the contract's
 * JSON, output/plan_json.h) and stores nothing; the import stores it as a
 * draft of the caller's territory (app_plan_import's rules: a role that
 * may change plans, a plan already stored is 409 unless ?again=1) and
 * answers 201 with its id. The private copy of the body is removed before
 * the answer leaves. */
#include <string.h>

#include "app/app_plan.h"
#include "output/plan_json.h"
#include "web/api_frame.h"
#include "web/api_upload.h"
#include "web/routes.h"

int api_plans_read(struct web_req *rq)
{
  struct scope caller;
  int rc = api_caller(&caller, rq, NULL); /* signed in; the reading itself has no caller */
  if (rc)
    return rc;
  struct api_upload up;
  rc = api_upload_open(&up, rq);
  struct plan p;
  plan_init(&p);
  if (!rc)
    rc = app_plan_read(&p, up.file.path, &rq->err);
  api_upload_remove(&up, &rq->err);
  if (!rc)
    rc = api_json(rq, 200, plan_json(&p));
  plan_free(&p);
  return rc;
}

/* What an import stored, as JSON. */
static json_t *imported_json(const struct app_plan_imported *r)
{
  json_t *unit = r->unit.id ? json_pack("{s:s, s:s, s:s}", "tree", r->unit.tree, "code",
                                        r->unit.code, "name", r->unit.name)
                            : json_null();
  if (!unit)
    return NULL;
  return json_pack("{s:I, s:I, s:I, s:I, s:o, s:b, s:I}", "id", (json_int_t)r->id, "tasks",
                   (json_int_t)r->n_tasks, "targets", (json_int_t)r->n_targets, "reports",
                   (json_int_t)r->n_reports, "unit", unit, "territory_found", r->territory_found,
                   "links", (json_int_t)r->n_links);
}

int api_plans_import(struct web_req *rq)
{
  const char *again = NULL;
  int rc = api_query(&again, rq, "again");
  if (rc)
    return rc;
  if (again && strcmp(again, "0") != 0 && strcmp(again, "1") != 0)
    return err_set(&rq->err, ERR_INPUT, "Tham số again chỉ nhận 0 hoặc 1.");
  struct scope caller;
  rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct api_upload up;
  rc = api_upload_open(&up, rq);
  struct app_plan_imported r;
  memset(&r, 0, sizeof r);
  if (!rc) {
    struct app_plan_import_in in = {up.file.path, again && strcmp(again, "1") == 0};
    rc = app_plan_import(&r, rq->st, &caller, &in, &rq->err);
  }
  api_upload_remove(&up, &rq->err);
  if (rc)
    return rc;
  return api_json(rq, 201, imported_json(&r));
}
