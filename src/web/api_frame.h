/* api_frame.h: what every handler of the JSON API (/api/v1/...) shares.
 *
 * The frame of an answer: a body of JSON through jansson
 * (application/json; charset=utf-8, Cache-Control no-store, gzip by the
 * server as for pages); an error always {"error": {"code", "message"}},
 * the code err_code_name of the one error table (base/err.h) and the
 * status err_http_status of the same table; a list {"items": [...],
 * "next": cursor | null} (api_cursor.h). And the reading of a request:
 * query parameters, the JSON body, a path id, the purpose of a read of
 * personal data, the caller as a scope. An API handler parses with these,
 * calls one operation of src/app and renders with the src/output writers
 * the CLI's --json uses, so both say the same thing. */
#ifndef PCMT_WEB_API_FRAME_H
#define PCMT_WEB_API_FRAME_H

#include <jansson.h>

#include "base/err.h"
#include "types/scope.h"
#include "web/request.h"

#define API_LIMIT_DEFAULT 50  /* items of a page when ?limit= is not given */
#define API_LIMIT_MAX     100 /* the most a page holds */

/* Answer `status` with j as the body; takes the reference (NULL: out of
 * memory, ERR_NOMEM). */
int api_json(struct web_req *rq, int status, json_t *j);

/* Answer 200 with the page of `all` (a JSON array, taken) that starts at
 * position pos and holds at most `limit` items: {"items": [...], "next":
 * the cursor of position pos + limit when `all` holds more, else null}.
 * The one pagination of every list; a cursor is bound to the path and the
 * query it was made for, but for cursor= and limit= (a client may change
 * the page size on the way). */
int api_list(struct web_req *rq, json_t *all, long pos, long limit);

/* The same answer for a list read one page at a time: `page` (a JSON
 * array, taken) holds the items from position pos, `total` how many the
 * whole list holds. */
int api_list_page(struct web_req *rq, json_t *page, long pos, long limit, long total);

/* The JSON error for `code`: status and code name from the one table; the
 * message, for a person (Vietnamese), replaced by a generic one for a 5xx
 * so no internal detail leaks. Replaces whatever rq->body held. */
void api_error(struct web_req *rq, enum err_code code, const char *message);

/* The same for an answer the server gives by status alone (no route, a
 * method not allowed, not signed in): the code of the table's first code
 * with that status; 405, 413, 429 and 503, which no error code maps to,
 * have names of their own ("method_not_allowed", "too_large",
 * "rate_limited", "unavailable"). NULL message: the status's own. */
void api_error_status(struct web_req *rq, int status, const char *message);

/* Query parameter `name` (urlencoded, decoded into the arena); *out NULL
 * when absent. ERR_INPUT when malformed (bad %XX, NUL, invalid UTF-8). */
int api_query(const char **out, struct web_req *rq, const char *name);

/* The page size ?limit= (1..API_LIMIT_MAX, default API_LIMIT_DEFAULT) and
 * the position ?cursor= stands for (0 without one). ERR_INPUT otherwise, a
 * cursor changed or sent with another query among them. */
int api_page(long *limit, long *pos, struct web_req *rq);

/* Path parameter i as a record id (a positive decimal). A segment that is
 * no id names no record: ERR_NOT_FOUND, as a missing one. */
int api_id(long *out, struct web_req *rq, size_t i);

/* The request's JSON body, an object (caller json_decref). ERR_INPUT with
 * the line and column of a syntax error, or when it is not an object. */
int api_body(json_t **out, struct web_req *rq);

/* ERR_INPUT naming the first key of body that `keys` (NULL-terminated)
 * does not list: a misspelt field is refused rather than ignored. */
int api_body_keys(struct web_req *rq, json_t *body, const char *const *keys);

/* Copy string field `key` of body into dst[0..n) ("" when absent or
 * null). ERR_INPUT when it is no string, or longer than n - 1 bytes. */
int api_body_text(char *dst, size_t n, struct web_req *rq, json_t *body, const char *key);

/* Why the caller reads personal data: the X-Purpose header, else the
 * `purpose` query parameter. ERR_INPUT saying so when neither is given. */
int api_purpose(const char **out, struct web_req *rq);

/* The caller (app_caller_open) for the signed-in user or the bearer
 * token's user, acting for `purpose` (NULL: the operation's default). */
int api_caller(struct scope *out, struct web_req *rq, const char *purpose);

/* api_caller, narrowed to the query's `unit` when given (a unit code
 * inside the caller's territory, or TREE/CODE; app_caller_narrow: outside
 * it, ERR_DENIED). */
int api_caller_unit(struct scope *out, struct web_req *rq, const char *purpose);

#endif
