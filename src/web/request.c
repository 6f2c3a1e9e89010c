/* request.c: reading a request's headers and parameters, setting the answer. */
#include "web/request.h"

#include "web/form.h"

#include <event2/buffer.h>
#include <event2/http.h>
#include <stdio.h>
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

const char *request_form(struct web_req *rq, const char *name)
{
  struct evbuffer *in = evhttp_request_get_input_buffer(rq->ev);
  size_t len = in ? evbuffer_get_length(in) : 0;
  const char *body = len ? (const char *)evbuffer_pullup(in, -1) : "";
  const char *v = NULL;
  if (form_value(&v, &rq->arena, body, len, name))
    return NULL;
  return v;
}

const char *request_cookie_name(const struct web_req *rq)
{
  return rq->cfg->insecure_cookies ? "pcmt" : "__Host-pcmt";
}

void request_set_session_cookie(struct web_req *rq, const char *token)
{
  char v[256];
  snprintf(v, sizeof v, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", request_cookie_name(rq),
           token ? token : "", rq->cfg->insecure_cookies ? "" : "; Secure",
           token ? "" : "; Max-Age=0");
  request_header(rq, "Set-Cookie", v);
}

const char *request_peer(struct web_req *rq)
{
  char *addr = NULL;
  ev_uint16_t port = 0;
  struct evhttp_connection *c = evhttp_request_get_connection(rq->ev);
  if (c)
    evhttp_connection_get_peer(c, &addr, &port);
  return addr ? addr : "?";
}
