/* page_signout.c: POST /dang-xuat — end the session on the server and
 * clear the cookie (the CSRF token was checked by the server). */
#include <time.h>

#include "app/app_session.h"
#include "web/routes.h"

int page_signout(struct web_req *rq)
{
  int rc = app_session_signout(rq->st, rq->session, (long)time(NULL), &rq->err);
  if (rc)
    return rc;
  request_set_session_cookie(rq, NULL);
  return request_redirect(rq, "/dang-nhap");
}
