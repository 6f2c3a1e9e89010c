/* api_plans_edit.c: the changes of a stored plan — PATCH /api/v1/plans/{id}, its tasks,
 * publish and close.
 *
 * The edits `pcmt plan set | lead | support | task-add | task-delete |
 * publish | close` make, with the same operations (app_plan.h): a role that
 * may not change plans is 403 whatever the id; a plan outside the caller's
 * territory is 404 as a missing one (plans above it, which it may read,
 * are not its to change: 404 too); a closed plan or a move the plan's life
 * does not allow is 409. Each answer says what was done, in a small object
 * of its own. */
#include <string.h>

#include "app/app_plan.h"
#include "web/api_frame.h"
#include "web/routes.h"

/* The reason of a change ("reason", optional) and the other text fields. */
enum { REASON_MAX = 500, VALUE_MAX = 4000 };

/* A plan's status after a move, as JSON. */
static int moved(struct web_req *rq, long id, const char *status)
{
  return api_json(rq, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", status));
}

/* The optional reason of a change's body, or NULL; ERR_INPUT when malformed. */
static int body_reason(const char **out, char *buf, struct web_req *rq, json_t *body)
{
  int rc = api_body_text(buf, REASON_MAX, rq, body, "reason");
  *out = buf[0] ? buf : NULL;
  return rc;
}

int api_plans_set(struct web_req *rq)
{
  static const char *const keys[] = {"element", "element_id", "field", "value", "reason", NULL};
  long id;
  json_t *body = NULL;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_body(&body, rq);
  if (!rc)
    rc = api_body_keys(rq, body, keys);
  char element[16], field[32], reason_buf[REASON_MAX];
  char *value = arena_alloc(&rq->arena, VALUE_MAX);
  const char *reason = NULL;
  if (!rc && !value)
    rc = err_nomem(&rq->err);
  if (!rc)
    rc = api_body_text(element, sizeof element, rq, body, "element");
  if (!rc)
    rc = api_body_text(field, sizeof field, rq, body, "field");
  if (!rc)
    rc = api_body_text(value, VALUE_MAX, rq, body, "value");
  if (!rc)
    rc = body_reason(&reason, reason_buf, rq, body);
  json_t *eid = body ? json_object_get(body, "element_id") : NULL;
  if (!rc && eid && !json_is_null(eid) && !json_is_integer(eid))
    rc = err_set(&rq->err, ERR_INPUT, "Trường \"element_id\" phải là một số.");
  long element_id = eid && json_is_integer(eid) ? (long)json_integer_value(eid) : 0;
  json_decref(body);
  if (rc)
    return rc;
  if (!element[0])
    strcpy(element, "plan");
  if (!field[0])
    return err_set(&rq->err, ERR_INPUT, "Cần trường \"field\": trường cần sửa (docs/plans.md).");
  if (strcmp(element, "plan") != 0 && element_id <= 0)
    return err_set(&rq->err, ERR_INPUT, "Cần trường \"element_id\": số của %s cần sửa.", element);
  struct scope caller;
  rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  /* a task's agencies are a list of names (`pcmt plan lead | support`) */
  int agencies =
      strcmp(element, "task") == 0 && (strcmp(field, "lead") == 0 || strcmp(field, "support") == 0);
  if (agencies) {
    rc = app_plan_agencies(rq->st, &caller, id, element_id, field, value, reason, &rq->err);
  } else {
    struct app_plan_set_in in = {id, element, element_id, field, value, reason};
    rc = app_plan_set(rq->st, &caller, &in, &rq->err);
  }
  if (rc)
    return rc;
  return api_json(rq, 200,
                  json_pack("{s:I, s:s, s:I, s:s, s:s*}", "id", (json_int_t)id, "element", element,
                            "element_id",
                            (json_int_t)(strcmp(element, "plan") == 0 ? id : element_id), "field",
                            field, "value", value[0] ? value : NULL));
}

int api_plans_task_add(struct web_req *rq)
{
  static const char *const keys[] = {"text", "reason", NULL};
  long id;
  json_t *body = NULL;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_body(&body, rq);
  if (!rc)
    rc = api_body_keys(rq, body, keys);
  char *text = arena_alloc(&rq->arena, VALUE_MAX), reason_buf[REASON_MAX];
  const char *reason = NULL;
  if (!rc && !text)
    rc = err_nomem(&rq->err);
  if (!rc)
    rc = api_body_text(text, VALUE_MAX, rq, body, "text");
  if (!rc)
    rc = body_reason(&reason, reason_buf, rq, body);
  json_decref(body);
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  long task_id = 0;
  if (!rc)
    rc = app_plan_task_add(&task_id, rq->st, &caller, id, text, reason, &rq->err);
  if (rc)
    return rc;
  return api_json(rq, 201,
                  json_pack("{s:I, s:I}", "id", (json_int_t)id, "task_id", (json_int_t)task_id));
}

int api_plans_task_delete(struct web_req *rq)
{
  long id, task_id;
  const char *reason = NULL;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_id(&task_id, rq, 1);
  if (!rc)
    rc = api_query(&reason, rq, "reason");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (!rc)
    rc = app_plan_task_delete(rq->st, &caller, id, task_id, reason && *reason ? reason : NULL,
                              &rq->err);
  if (rc)
    return rc;
  return api_json(rq, 200,
                  json_pack("{s:I, s:I, s:b}", "id", (json_int_t)id, "task_id", (json_int_t)task_id,
                            "deleted", 1));
}

int api_plans_publish(struct web_req *rq)
{
  long id;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (!rc)
    rc = app_plan_publish(rq->st, &caller, id, &rq->err);
  return rc ? rc : moved(rq, id, "published");
}

int api_plans_close(struct web_req *rq)
{
  long id;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (!rc)
    rc = app_plan_close(rq->st, &caller, id, &rq->err);
  return rc ? rc : moved(rq, id, "closed");
}
