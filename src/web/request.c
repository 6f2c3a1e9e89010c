/* request.c: reading a request's headers and parameters, setting the answer. */
#include "web/request.h"

#include <event2/http.h>
#include <string.h>

void request_header(struct web_req *rq, const char *name, const char *value)
{
  evhttp_add_header(evhttp_request_get_output_headers(rq->ev), name, value);
}

const char *request_get_header(struct web_req *rq, const char *name)
{
  return evhttp_find_header(evhttp_request_get_input_headers(rq->ev), name);
}

const char *request_param(struct web_req *rq, size_t i)
{
  if (i >= rq->params.n)
    return NULL;
  return arena_strndup(&rq->arena, rq->params.v[i].s, rq->params.v[i].len);
}

int request_html(struct web_req *rq, int status)
{
  if (buf_failed(&rq->body))
    return err_nomem(&rq->err);
  rq->status = status;
  rq->content_type = "text/html; charset=utf-8";
  return ERR_OK;
}

int request_text(struct web_req *rq, int status, const char *text)
{
  buf_reset(&rq->body);
  if (buf_adds(&rq->body, text))
    return err_nomem(&rq->err);
  rq->status = status;
  rq->content_type = "text/plain; charset=utf-8";
  return ERR_OK;
}

int request_redirect(struct web_req *rq, const char *location)
{
  buf_reset(&rq->body);
  request_header(rq, "Location", location);
  rq->status = 303;
  rq->content_type = "text/plain; charset=utf-8";
  return ERR_OK;
}
