/* api_registers.c: /api/v1/registers... — the registers other than the people.
 *
 * The list of registers with their columns; a page of a register's records
 * in the caller's territory; one record by its number; a record added
 * (POST) or changed (PUT) from a JSON object keyed by the register's CSV
 * headers. A record is an object keyed by the same headers, each value the
 * text the CSV export writes (labels, dd/mm/yyyy, có/không), so what an
 * API client reads it can send back, and what it sends goes through the
 * CSV import's own reader (app_register_record.h): the same checks and the
 * same messages, the row's problems answered per column. A personal
 * register needs X-Purpose, as the people. */
#include <stdio.h>
#include <string.h>

#include "app/app_register.h"
#include "app/app_register_record.h"
#include "base/date.h"
#include "web/api_frame.h"
#include "web/form.h"
#include "web/routes.h"

/* One register and its columns, as JSON. */
static json_t *spec_json(const struct reg_spec *s)
{
  json_t *cols = json_array();
  for (size_t i = 0; cols && i < s->n_cols; i++) {
    json_t *c = json_pack("{s:s, s:s, s:b}", "name", s->cols[i].header, "field", s->cols[i].db,
                          "required", (s->cols[i].flags & REG_REQUIRED) != 0);
    if (!c || json_array_append_new(cols, c)) {
      json_decref(cols);
      cols = NULL;
    }
  }
  if (!cols)
    return NULL;
  return json_pack("{s:s, s:s, s:s?, s:b, s:o}", "name", s->name, "label", s->label, "parent",
                   s->parent_label, "personal", s->personal, "columns", cols);
}

int api_registers_list(struct web_req *rq)
{
  long limit, pos;
  struct scope caller;
  int rc = api_page(&limit, &pos, rq);
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  json_t *all = json_array();
  const struct reg_spec *s, *served;
  struct err e;
  for (size_t i = 0; all && (s = app_register_at(i)) != NULL; i++)
    if (app_register_record_spec(&served, s->name, &e) == ERR_OK &&
        json_array_append_new(all, spec_json(s))) {
      json_decref(all);
      all = NULL;
    }
  return api_list(rq, all, pos, limit);
}

/* Record i of rows as an object keyed by the column headers. */
static json_t *record_json(const struct app_register_rows *r, size_t i)
{
  json_t *o = json_object();
  const struct reg_spec *s = r->spec;
  for (size_t k = 0; o && k < s->n_cols; k++)
    if (json_object_set_new(o, s->cols[k].header, json_string(r->cells[i * s->n_cols + k]))) {
      json_decref(o);
      o = NULL;
    }
  return o;
}

static json_t *records_json(const struct app_register_rows *r)
{
  json_t *a = json_array();
  for (size_t i = 0; a && i < r->n_rows; i++)
    if (json_array_append_new(a, record_json(r, i))) {
      json_decref(a);
      a = NULL;
    }
  return a;
}

/* The caller, with the purpose a personal register's read needs. */
static int register_caller(struct scope *out, struct web_req *rq, const char *reg)
{
  const struct reg_spec *s;
  const char *purpose = NULL;
  int src = app_register_record_spec(&s, reg, &rq->err);
  if (src)
    return src;
  if (s->personal) {
    int rc = api_purpose(&purpose, rq);
    if (rc)
      return rc;
  }
  return api_caller(out, rq, purpose);
}

int api_registers_page(struct web_req *rq)
{
  const char *reg = request_param(rq, 0);
  long limit, pos;
  struct scope caller;
  int rc = reg ? api_page(&limit, &pos, rq) : err_nomem(&rq->err);
  if (!rc)
    rc = register_caller(&caller, rq, reg);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct app_register_rows r;
  rc = app_register_page(&r, rq->st, &caller, reg, today, pos, limit, &rq->err);
  if (!rc)
    rc = api_list_page(rq, records_json(&r), pos, limit, r.total);
  app_register_rows_free(&r);
  return rc;
}

/* Path parameter i percent-decoded (a record number holds "/": %2F). */
static int record_no_param(const char **out, struct web_req *rq, size_t i)
{
  const char *p = request_param(rq, i);
  if (!p)
    return err_nomem(&rq->err);
  size_t n = strlen(p);
  char *f = arena_alloc(&rq->arena, n + 3);
  if (!f)
    return err_nomem(&rq->err);
  snprintf(f, n + 3, "n=%s", p);
  if (form_value(out, &rq->arena, f, n + 2, "n") || !*out)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không tìm thấy.");
  return ERR_OK;
}

int api_registers_show(struct web_req *rq)
{
  const char *reg = request_param(rq, 0), *no = NULL;
  int rc = reg ? record_no_param(&no, rq, 1) : err_nomem(&rq->err);
  struct scope caller;
  if (!rc)
    rc = register_caller(&caller, rq, reg);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct app_register_rows r;
  rc = app_register_show(&r, rq->st, &caller, reg, no, today, &rq->err);
  if (!rc) {
    if (r.spec->parent_table) /* a child register: the parent's rows */
      rc = api_json(rq, 200, json_pack("{s:o}", "items", records_json(&r)));
    else
      rc = api_json(rq, 200, record_json(&r, 0));
  }
  app_register_rows_free(&r);
  return rc;
}

/* The length of the header of spec s that p starts with, followed by ":";
 * 0 when none. */
static size_t header_at(const struct reg_spec *s, const char *p)
{
  for (size_t c = 0; c < s->n_cols; c++) {
    size_t n = strlen(s->cols[c].header);
    if (strncmp(p, s->cols[c].header, n) == 0 && p[n] == ':')
      return n;
  }
  return 0;
}

/* The row's problems per column: the import joins "Cột: lý do" with "; ",
 * and a reason may hold "; " itself, so a problem starts only where a
 * column's header and ":" follow. A reason of no column: column null. */
static json_t *problems_json(const struct reg_spec *s, const char *reason)
{
  json_t *a = json_array();
  const char *p = reason;
  while (a && *p) {
    size_t h = header_at(s, p);
    const char *r = h ? p + h + 1 + (p[h + 1] == ' ') : p, *end = r;
    while ((end = strstr(end, "; ")) != NULL && !header_at(s, end + 2))
      end += 2;
    if (!end)
      end = r + strlen(r);
    json_t *e = h ? json_pack("{s:s%, s:s%}", "column", p, h, "reason", r, (size_t)(end - r))
                  : json_pack("{s:n, s:s%}", "column", "reason", r, (size_t)(end - r));
    if (!e || json_array_append_new(a, e)) {
      json_decref(a);
      a = NULL;
    }
    p = *end ? end + 2 : end;
  }
  return a;
}

/* POST and PUT: the body's cells, through the import, answered. */
static int put_record(struct web_req *rq, enum app_register_put_mode mode)
{
  const char *reg = request_param(rq, 0), *no = NULL;
  const struct reg_spec *s = reg ? app_register_find(reg) : NULL;
  json_t *body = NULL;
  int rc = reg ? ERR_OK : err_nomem(&rq->err);
  if (!rc && mode == APP_REGISTER_UPDATE)
    rc = record_no_param(&no, rq, 1);
  if (!rc)
    rc = api_body(&body, rq);
  const char *headers[REG_MAX_COLUMNS], *cells[REG_MAX_COLUMNS];
  size_t n = 0;
  const char *k;
  json_t *v;
  if (!rc && s)
    json_object_foreach(body, k, v)
    {
      size_t c = 0;
      while (c < s->n_cols && strcmp(s->cols[c].header, k) != 0)
        c++;
      if (c == s->n_cols) {
        rc = err_set(&rq->err, ERR_INPUT, "Danh sách %s không có cột \"%.64s\".", s->name, k);
        break;
      }
      if (!json_is_string(v) && !json_is_null(v)) {
        rc = err_set(&rq->err, ERR_INPUT, "Cột \"%.64s\" phải là một chuỗi (hoặc null).", k);
        break;
      }
      headers[n] = s->cols[c].header;
      cells[n++] = json_is_string(v) ? arena_strdup(&rq->arena, json_string_value(v)) : "";
      if (!cells[n - 1])
        rc = err_nomem(&rq->err);
    }
  json_decref(body);
  if (!rc && s && no) {
    /* PUT: the number is the path's */
    size_t i = 0;
    while (i < n && headers[i] != s->cols[0].header)
      i++;
    if (i < n && strcmp(cells[i], no) != 0)
      rc =
          err_set(&rq->err, ERR_INPUT, "Cột \"%s\" khác số hiệu trong địa chỉ.", s->cols[0].header);
    if (!rc && i == n) {
      headers[n] = s->cols[0].header;
      cells[n++] = no;
    }
  }
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct reg_import_result r;
  rc = app_register_put(&r, rq->st, &caller, reg, mode, headers, cells, n, today, &rq->err);
  if (!rc && r.n_rejects) {
    const char *why = r.rejects[0].reason;
    json_t *cols = problems_json(s, why);
    rc = api_json(rq, 400,
                  cols ? json_pack("{s:{s:s, s:s, s:o}}", "error", "code", err_code_name(ERR_INPUT),
                                   "message", why, "columns", cols)
                       : NULL);
  } else if (!rc) {
    const char *outcome = r.inserted ? "inserted" : r.updated ? "updated" : "unchanged";
    rc = api_json(rq, r.inserted ? 201 : 200,
                  json_pack("{s:s, s:s}", "register", reg, "outcome", outcome));
  }
  reg_import_result_free(&r);
  return rc;
}

int api_registers_create(struct web_req *rq)
{
  return put_record(rq, APP_REGISTER_CREATE);
}

int api_registers_update(struct web_req *rq)
{
  return put_record(rq, APP_REGISTER_UPDATE);
}
