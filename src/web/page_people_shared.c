/* page_people_shared.c: the pieces the people pages share (page_person.h). */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "web/form.h"
#include "output/html.h"
#include "web/page_person.h"
#include "web/routes.h"

int person_page_caller(struct scope *out, struct web_req *rq, const char *purpose)
{
  if (!purpose)
    purpose = rq->session->purpose[0] ? rq->session->purpose : PERSON_PAGE_SEARCH_PURPOSE;
  return app_caller_open(out, rq->st, rq->session->login, purpose, &rq->err);
}

int person_page_query(const char **out, struct web_req *rq, const char *name)
{
  *out = NULL;
  if (!rq->query)
    return 0;
  return form_value(out, &rq->arena, rq->query, strlen(rq->query), name);
}

long person_page_id(struct web_req *rq)
{
  const char *s = request_param(rq, 0);
  if (!s || !*s || strlen(s) > 15)
    return 0;
  for (const char *c = s; *c; c++)
    if (*c < '0' || *c > '9')
      return 0;
  return strtol(s, NULL, 10);
}

int person_page_not_found(struct web_req *rq)
{
  page_error(rq, 404,
             "Không có hồ sơ này trong địa bàn của bạn. Hãy tìm lại trong danh sách người.");
  return ERR_OK;
}

void person_page_csrf(struct web_req *rq)
{
  html_raw(&rq->body, "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(&rq->body, rq->session->csrf);
  html_raw(&rq->body, "\">");
}

int person_page_may_read(const struct web_req *rq)
{
  if (!rq->session || rq->session->stage[0])
    return 0;
  struct scope sc = {.role = rq->session->role};
  return scope_may_read_people(&sc);
}
