/* api_health.c: GET /healthz — the server answers and its database opens.
 *
 * For a load balancer or a supervisor: 200 "ok" when this thread's
 * database connection reads the schema version, 503 otherwise. It holds no
 * personal data and needs no sign-in. */
#include <stdio.h>

#include "store/store.h"
#include "web/routes.h"

int api_health(struct web_req *rq)
{
  int version = 0;
  struct err err = {0};
  if (store_schema_version(rq->st, &version, &err) || version != store_schema_latest())
    return request_text(rq, 503, "database unavailable\n");
  return request_text(rq, 200, "ok\n");
}
