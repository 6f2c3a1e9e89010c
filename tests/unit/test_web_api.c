/* test_web_api.c: the JSON API's frame — every error code's status and
 * stable name, the error body's shape, and the pagination cursor (a
 * cursor changed by one character, or sent with another query, is 400). */
#include "testutil.h"

#include <jansson.h>
#include <string.h>

#include "web/api_cursor.h"
#include "web/api_frame.h"

/* A request with no connection: enough for answers built in memory. */
static void req_init(struct web_req *rq, const char *path, const char *query)
{
  memset(rq, 0, sizeof *rq);
  arena_init(&rq->arena, 4096, 0);
  buf_init(&rq->body, 1 << 20);
  rq->path = path;
  rq->query = query;
  rq->status = 200;
}

static void req_free(struct web_req *rq)
{
  buf_free(&rq->body);
  arena_free(&rq->arena);
}

/* The body's error code and message into code/msg (NULL: not checked). */
static void error_of(const struct web_req *rq, char *code, size_t n, char *msg, size_t m)
{
  json_error_t je;
  json_t *j = json_loadb(rq->body.data, rq->body.len, 0, &je);
  assert_non_null(j);
  assert_int_equal(json_object_size(j), 1);
  json_t *e = json_object_get(j, "error");
  assert_true(json_is_object(e));
  assert_int_equal(json_object_size(e), 2);
  assert_true(json_is_string(json_object_get(e, "code")));
  assert_true(json_is_string(json_object_get(e, "message")));
  snprintf(code, n, "%s", json_string_value(json_object_get(e, "code")));
  if (msg)
    snprintf(msg, m, "%s", json_string_value(json_object_get(e, "message")));
  json_decref(j);
}

static void error_codes(void **state)
{
  (void)state;
  /* the statuses of the brief: 400 input, 401 not signed in, 403 denied,
   * 404 not found, 409 conflict, 500 for what the client cannot fix */
  static const struct {
    enum err_code code;
    int status;
    const char *name;
  } want[] = {
      {ERR_INPUT, 400, "input"},
      {ERR_AUTH, 401, "unauthenticated"},
      {ERR_DENIED, 403, "denied"},
      {ERR_NOT_FOUND, 404, "not_found"},
      {ERR_CONFLICT, 409, "conflict"},
      {ERR_VERSION, 409, "version"},
      {ERR_IO, 500, "io"},
      {ERR_DB, 500, "db"},
      {ERR_NOMEM, 500, "nomem"},
      {ERR_INTERNAL, 500, "internal"},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    struct web_req rq;
    req_init(&rq, "/api/v1/persons/7", NULL);
    api_error(&rq, want[i].code, "không có hồ sơ số 7 (đường dẫn /tmp/x.db)");
    char code[32], msg[512];
    error_of(&rq, code, sizeof code, msg, sizeof msg);
    assert_int_equal(rq.status, want[i].status);
    assert_string_equal(code, want[i].name);
    assert_string_equal(rq.content_type, "application/json; charset=utf-8");
    /* a 5xx says nothing of the inside (a path, a SQL error) */
    if (want[i].status >= 500)
      assert_null(strstr(msg, "/tmp"));
    else
      assert_string_equal(msg, "không có hồ sơ số 7 (đường dẫn /tmp/x.db)");
    req_free(&rq);
  }
}

static void error_by_status(void **state)
{
  (void)state;
  static const struct {
    int status;
    const char *name;
  } want[] = {{400, "input"},
              {401, "unauthenticated"},
              {403, "denied"},
              {404, "not_found"},
              {405, "method_not_allowed"},
              {409, "conflict"},
              {413, "too_large"},
              {500, "internal"}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    struct web_req rq;
    req_init(&rq, "/api/v1/units", NULL);
    api_error_status(&rq, want[i].status, NULL);
    char code[32], msg[512];
    error_of(&rq, code, sizeof code, msg, sizeof msg);
    assert_int_equal(rq.status, want[i].status);
    assert_string_equal(code, want[i].name);
    assert_true(strlen(msg) > 0);
    req_free(&rq);
  }
}

static void cursor_round_trip(void **state)
{
  (void)state;
  struct err err = {0};
  char c[API_CURSOR_MAX];
  long pos = -1;
  assert_int_equal(api_cursor_encode(c, "/api/v1/persons?q=an&", 150, &err), ERR_OK);
  assert_int_equal(api_cursor_decode(&pos, c, "/api/v1/persons?q=an&", &err), ERR_OK);
  assert_int_equal(pos, 150);
  /* nothing of the position shows as a number a client would edit */
  assert_null(strstr(c, "150"));
  assert_int_equal(api_cursor_decode(&pos, NULL, "x", &err), ERR_OK);
  assert_int_equal(pos, 0);
  assert_int_equal(api_cursor_decode(&pos, "", "x", &err), ERR_OK);
  assert_int_equal(pos, 0);
}

static void cursor_tampered(void **state)
{
  (void)state;
  struct err err = {0};
  char c[API_CURSOR_MAX], t[API_CURSOR_MAX];
  long pos = 0;
  const char *ctx = "/api/v1/persons?q=an&";
  assert_int_equal(api_cursor_encode(c, ctx, 50, &err), ERR_OK);
  /* every single character changed to another base64url one */
  for (size_t i = 0; c[i]; i++) {
    memcpy(t, c, sizeof t);
    t[i] = t[i] == 'A' ? 'B' : 'A';
    assert_int_equal(api_cursor_decode(&pos, t, ctx, &err), ERR_INPUT);
  }
  assert_non_null(strstr(err.msg, "Con trỏ phân trang không hợp lệ"));
  /* the same cursor with another query, cut short, lengthened, not base64 */
  assert_int_equal(api_cursor_decode(&pos, c, "/api/v1/persons?q=binh&", &err), ERR_INPUT);
  memcpy(t, c, sizeof t);
  t[strlen(t) - 1] = '\0';
  assert_int_equal(api_cursor_decode(&pos, t, ctx, &err), ERR_INPUT);
  char longer[API_CURSOR_MAX + 4];
  snprintf(longer, sizeof longer, "%sAA", c);
  assert_int_equal(api_cursor_decode(&pos, longer, ctx, &err), ERR_INPUT);
  assert_int_equal(api_cursor_decode(&pos, "50", ctx, &err), ERR_INPUT);
  assert_int_equal(api_cursor_decode(&pos, "!!!!", ctx, &err), ERR_INPUT);
}

/* api_list: the page [pos, pos + limit) and a next cursor only when more follow. */
static void list_pages(void **state)
{
  (void)state;
  struct web_req rq;
  req_init(&rq, "/api/v1/units", "q=lao&limit=2");
  json_t *all = json_pack("[i,i,i,i,i]", 10, 11, 12, 13, 14);
  assert_int_equal(api_list(&rq, all, 2, 2), ERR_OK);
  json_t *j = json_loadb(rq.body.data, rq.body.len, 0, NULL);
  assert_non_null(j);
  json_t *items = json_object_get(j, "items");
  assert_int_equal(json_array_size(items), 2);
  assert_int_equal(json_integer_value(json_array_get(items, 0)), 12);
  assert_int_equal(json_integer_value(json_array_get(items, 1)), 13);
  const char *next = json_string_value(json_object_get(j, "next"));
  assert_non_null(next);
  /* the next cursor is position 4 of the same query, whatever the limit */
  long pos = 0;
  struct err err = {0};
  assert_int_equal(api_cursor_decode(&pos, next, "/api/v1/units?q=lao&", &err), ERR_OK);
  assert_int_equal(pos, 4);
  json_decref(j);
  req_free(&rq);

  req_init(&rq, "/api/v1/units", "q=lao");
  all = json_pack("[i,i,i,i,i]", 10, 11, 12, 13, 14);
  assert_int_equal(api_list(&rq, all, 4, 2), ERR_OK);
  j = json_loadb(rq.body.data, rq.body.len, 0, NULL);
  assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
  assert_true(json_is_null(json_object_get(j, "next")));
  json_decref(j);
  req_free(&rq);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(error_codes),       cmocka_unit_test(error_by_status),
      cmocka_unit_test(cursor_round_trip), cmocka_unit_test(cursor_tampered),
      cmocka_unit_test(list_pages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
