/* api_audit.c: GET /api/v1/audit — the audit trail, for administrators.
 *
 * The newest rows first (?person=ID: the rows about that person's
 * record), paged by cursor, each as `pcmt audit log --json` prints it
 * (output/audit_json.h). The operation allows national administrators
 * only; the route admits administrators only. The rows reachable through
 * the pages are the newest AUDIT_MAX. */
#include <stdlib.h>

#include "app/app_audit.h"
#include "output/audit_json.h"
#include "web/api_frame.h"
#include "web/routes.h"

#define AUDIT_MAX 1000

int api_audit_log(struct web_req *rq)
{
  const char *person = NULL;
  long limit, pos;
  int rc = api_query(&person, rq, "person");
  if (!rc)
    rc = api_page(&limit, &pos, rq);
  if (rc)
    return rc;
  struct app_audit_query q = {0, 0};
  if (person) {
    char *end = NULL;
    q.person_id = strtol(person, &end, 10);
    if (!*person || *end || q.person_id <= 0)
      return err_set(&rq->err, ERR_INPUT, "Tham số person phải là số hồ sơ.");
  }
  if (pos >= AUDIT_MAX)
    return err_set(&rq->err, ERR_INPUT, "Chỉ xem được %d dòng mới nhất qua các trang.", AUDIT_MAX);
  q.limit = (size_t)(pos + limit + 1 > AUDIT_MAX ? AUDIT_MAX : pos + limit + 1);
  struct scope caller;
  rc = api_caller(&caller, rq, "xem nhật ký");
  if (rc)
    return rc;
  struct audit_list l = {0};
  rc = app_audit_log(&l, rq->st, &caller, &q, &rq->err);
  json_t *all = rc ? NULL : json_array();
  /* the operation gives the newest rows oldest first; pages go newest first */
  for (size_t i = l.n; all && i > 0; i--)
    if (json_array_append_new(all, audit_json_entry(&l.items[i - 1]))) {
      json_decref(all);
      all = NULL;
    }
  audit_list_free(&l);
  if (rc)
    return rc;
  return api_list(rq, all, pos, limit);
}
