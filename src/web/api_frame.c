/* api_frame.c: answers and request parsing of the JSON API (see api_frame.h). */
#include "web/api_frame.h"

#include <event2/buffer.h>
#include <event2/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "web/api_cursor.h"
#include "web/form.h"

int api_json(struct web_req *rq, int status, json_t *j)
{
  buf_reset(&rq->body);
  char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
  json_decref(j);
  if (!text)
    return err_nomem(&rq->err);
  int bad = buf_adds(&rq->body, text) || buf_adds(&rq->body, "\n");
  free(text);
  if (bad)
    return err_nomem(&rq->err);
  rq->status = status;
  rq->content_type = "application/json; charset=utf-8";
  return ERR_OK;
}

/* What a list's cursor is bound to: the path, then the query's
 * parameters as sent but cursor= and limit=, in the arena. */
static const char *list_context(struct web_req *rq)
{
  const char *q = rq->query ? rq->query : "";
  size_t n = strlen(rq->path) + strlen(q) + 3; /* "?", a last "&", the NUL */
  char *out = arena_alloc(&rq->arena, n);
  if (!out)
    return NULL;
  size_t len = (size_t)snprintf(out, n, "%s?", rq->path);
  while (*q) {
    size_t k = strcspn(q, "&");
    if (!(strncmp(q, "cursor=", 7) == 0 || strncmp(q, "limit=", 6) == 0 || k == 0)) {
      memcpy(out + len, q, k);
      len += k;
      out[len++] = '&';
    }
    q += k + (q[k] == '&');
  }
  out[len] = '\0';
  return out;
}

int api_list(struct web_req *rq, json_t *all, long pos, long limit)
{
  char cur[API_CURSOR_MAX];
  const char *context = list_context(rq);
  if (!json_is_array(all)) {
    json_decref(all);
    return err_nomem(&rq->err);
  }
  size_t n = json_array_size(all);
  int more = pos >= 0 && (size_t)pos + (size_t)limit < n;
  if (more && (!context || api_cursor_encode(cur, context, pos + limit, &rq->err))) {
    json_decref(all);
    return context ? (int)rq->err.code : err_nomem(&rq->err);
  }
  json_t *items = json_array();
  for (size_t i = (size_t)pos; items && i < n && i < (size_t)pos + (size_t)limit; i++)
    if (json_array_append(items, json_array_get(all, i))) {
      json_decref(items);
      items = NULL;
    }
  json_decref(all);
  json_t *j = json_object();
  if (!j || !items || json_object_set_new(j, "items", items) ||
      json_object_set_new(j, "next", more ? json_string(cur) : json_null())) {
    json_decref(j);
    return err_nomem(&rq->err);
  }
  return api_json(rq, 200, j);
}

int api_list_page(struct web_req *rq, json_t *page, long pos, long limit, long total)
{
  char cur[API_CURSOR_MAX];
  const char *context = list_context(rq);
  int more = pos >= 0 && pos + limit < total;
  int ok = json_is_array(page) && context;
  if (!ok || (more && api_cursor_encode(cur, context, pos + limit, &rq->err))) {
    json_decref(page);
    return ok ? (int)rq->err.code : err_nomem(&rq->err);
  }
  json_t *j = json_pack("{s:o, s:o}", "items", page, "next", more ? json_string(cur) : json_null());
  return j ? api_json(rq, 200, j) : err_nomem(&rq->err);
}

/* The answer {"error": {"code", "message"}} with this status. */
static void error_body(struct web_req *rq, int status, const char *code, const char *message)
{
  json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
  if (api_json(rq, status, j)) {
    buf_reset(&rq->body);
    rq->status = status;
  }
}

static const char *status_message(int status)
{
  switch (status) {
  case 400:
    return "Yêu cầu không hợp lệ.";
  case 401:
    return "Chưa đăng nhập: hãy gửi mã truy cập (Authorization: Bearer) hoặc đăng nhập.";
  case 403:
    return "Bạn không có quyền thực hiện yêu cầu này.";
  case 404:
    return "Không tìm thấy.";
  case 405:
    return "Phương thức không được hỗ trợ.";
  case 409:
    return "Dữ liệu đã thay đổi hoặc xung đột.";
  case 413:
    return "Nội dung gửi lên quá lớn.";
  case 429:
    return "Quá nhiều lần thử.";
  case 503:
    return "Hệ thống tạm thời không phục vụ được.";
  default:
    return status >= 500 ? "Hệ thống gặp lỗi. Hãy thử lại sau." : "Yêu cầu không thực hiện được.";
  }
}

void api_error(struct web_req *rq, enum err_code code, const char *message)
{
  int status = err_http_status(code);
  if ((status >= 500 && code != ERR_BUSY) || !message || !*message)
    message = status_message(status);
  error_body(rq, status, err_code_name(code), message);
}

void api_error_status(struct web_req *rq, int status, const char *message)
{
  const char *code = NULL;
  switch (status) {
  case 405:
    code = "method_not_allowed";
    break;
  case 413:
    code = "too_large";
    break;
  case 429:
    code = "rate_limited";
    break;
  case 503:
    code = "unavailable";
    break;
  default:
    if (status >= 500)
      code = err_code_name(ERR_INTERNAL);
    for (int c = ERR_INPUT; !code && c <= ERR_BUSY; c++)
      if (err_http_status((enum err_code)c) == status)
        code = err_code_name((enum err_code)c);
    if (!code)
      code = err_code_name(ERR_INPUT);
  }
  error_body(rq, status, code, message && *message ? message : status_message(status));
}

int api_query(const char **out, struct web_req *rq, const char *name)
{
  *out = NULL;
  const char *q = rq->query ? rq->query : "";
  if (form_value(out, &rq->arena, q, strlen(q), name))
    return err_set(&rq->err, ERR_INPUT, "Tham số \"%s\" của địa chỉ không hợp lệ.", name);
  return ERR_OK;
}

int api_page(long *limit, long *pos, struct web_req *rq)
{
  const char *l = NULL, *c = NULL;
  *limit = API_LIMIT_DEFAULT;
  *pos = 0;
  int rc = api_query(&l, rq, "limit");
  if (!rc)
    rc = api_query(&c, rq, "cursor");
  if (rc)
    return rc;
  if (l) {
    char *end = NULL;
    long v = strtol(l, &end, 10);
    if (!*l || *end || v < 1 || v > API_LIMIT_MAX)
      return err_set(&rq->err, ERR_INPUT, "Tham số \"limit\" phải là số từ 1 đến %d.",
                     API_LIMIT_MAX);
    *limit = v;
  }
  const char *context = list_context(rq);
  if (!context)
    return err_nomem(&rq->err);
  return api_cursor_decode(pos, c, context, &rq->err);
}

int api_id(long *out, struct web_req *rq, size_t i)
{
  *out = 0;
  const char *s = request_param(rq, i);
  char *end = NULL;
  long v = s && *s >= '1' && *s <= '9' ? strtol(s, &end, 10) : 0;
  if (v <= 0 || !end || *end || strlen(s) > 12)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không tìm thấy.");
  *out = v;
  return ERR_OK;
}

int api_body(json_t **out, struct web_req *rq)
{
  *out = NULL;
  struct evbuffer *in = evhttp_request_get_input_buffer(rq->ev);
  size_t len = in ? evbuffer_get_length(in) : 0;
  const char *body = len ? (const char *)evbuffer_pullup(in, -1) : "";
  json_error_t je;
  json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
  if (!j)
    return err_set(&rq->err, ERR_INPUT, "Nội dung JSON không hợp lệ (dòng %d, cột %d): %s", je.line,
                   je.column, je.text);
  if (!json_is_object(j)) {
    json_decref(j);
    return err_set(&rq->err, ERR_INPUT, "Nội dung gửi lên phải là một đối tượng JSON.");
  }
  *out = j;
  return ERR_OK;
}

int api_body_keys(struct web_req *rq, json_t *body, const char *const *keys)
{
  const char *k;
  json_t *v;
  json_object_foreach(body, k, v)
  {
    size_t i = 0;
    while (keys[i] && strcmp(keys[i], k) != 0)
      i++;
    if (!keys[i])
      return err_set(&rq->err, ERR_INPUT, "Trường \"%.64s\" không có trong yêu cầu này.", k);
  }
  return ERR_OK;
}

int api_body_text(char *dst, size_t n, struct web_req *rq, json_t *body, const char *key)
{
  json_t *v = json_object_get(body, key);
  dst[0] = '\0';
  if (!v || json_is_null(v))
    return ERR_OK;
  if (!json_is_string(v))
    return err_set(&rq->err, ERR_INPUT, "Trường \"%s\" phải là một chuỗi.", key);
  if (json_string_length(v) >= n || strlen(json_string_value(v)) != json_string_length(v))
    return err_set(&rq->err, ERR_INPUT, "Trường \"%s\" dài quá (tối đa %zu byte).", key, n - 1);
  memcpy(dst, json_string_value(v), json_string_length(v) + 1);
  return ERR_OK;
}

int api_purpose(const char **out, struct web_req *rq)
{
  *out = request_get_header(rq, "X-Purpose");
  if (!*out || !**out) {
    int rc = api_query(out, rq, "purpose");
    if (rc)
      return rc;
  }
  if (*out && !text_utf8_valid(*out, strlen(*out)))
    return err_set(&rq->err, ERR_INPUT, "Mục đích phải là văn bản UTF-8.");
  if (!*out || !**out)
    return err_set(&rq->err, ERR_INPUT,
                   "Xem thông tin cá nhân cần nêu mục đích: gửi tiêu đề X-Purpose hoặc tham số "
                   "purpose (ví dụ \"quản lý sau cai nghiện\").");
  return ERR_OK;
}

int api_caller(struct scope *out, struct web_req *rq, const char *purpose)
{
  if (!rq->session)
    return err_set(&rq->err, ERR_AUTH, "Chưa đăng nhập.");
  return app_caller_open(out, rq->st, rq->session->login, purpose, &rq->err);
}

int api_caller_unit(struct scope *out, struct web_req *rq, const char *purpose)
{
  const char *unit = NULL;
  int rc = api_query(&unit, rq, "unit");
  if (!rc)
    rc = api_caller(out, rq, purpose);
  if (rc || !unit || !*unit)
    return rc;
  struct scope all = *out;
  const char *slash = strchr(unit, '/');
  char tree[16] = "";
  if (slash && (size_t)(slash - unit) < sizeof tree)
    memcpy(tree, unit, (size_t)(slash - unit));
  return app_caller_narrow(out, rq->st, &all, slash ? tree : NULL, slash ? slash + 1 : unit,
                           &rq->err);
}
