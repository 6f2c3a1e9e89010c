/* api_exports.c: GET /api/v1/exports/{register} — a register as the CSV
 * file `pcmt export` writes.
 *
 * app_register_export runs the export as the caller, inside the caller's
 * territory (narrowed to ?unit=CODE, or TREE/CODE, when given); the rows
 * reach the sink here only after the export's audit row is committed, and
 * the answer is sent after the handler returns, so no row leaves before its
 * audit row. The CSV is the CLI's (output/csv_write.h: byte order mark,
 * formulas written as text). A personal register needs the purpose
 * (X-Purpose or ?purpose=), which goes into the audit row; a role that may
 * not read personal records is refused by the operation (403). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_register.h"
#include "base/date.h"
#include "output/csv_write.h"
#include "web/api_frame.h"
#include "web/routes.h"

static int sink_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  (void)n;
  return csv_writer_row(ctx, cells, err);
}

static int sink_row(void *ctx, const char *const *cells, struct err *err)
{
  return csv_writer_row(ctx, cells, err);
}

/* The caller, with the purpose (required for a personal register) and
 * narrowed to ?unit= when given. */
static int exporter(struct scope *out, struct web_req *rq, const struct reg_spec *spec)
{
  const char *purpose = NULL;
  int rc = spec->personal ? api_purpose(&purpose, rq) : ERR_OK;
  return rc ? rc : api_caller_unit(out, rq, purpose);
}

int api_exports_show(struct web_req *rq)
{
  const struct reg_spec *spec = app_register_find(request_param(rq, 0));
  if (!spec)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không có danh sách này (xem pcmt registers).");
  struct scope caller;
  int rc = exporter(&caller, rq, spec);
  if (rc)
    return rc;
  char *data = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&data, &len);
  if (!f)
    return err_nomem(&rq->err);
  struct csv_writer w;
  rc = csv_writer_open_stream(&w, f, spec->n_cols, &rq->err);
  if (!rc) {
    char today[DATE_ISO_LEN];
    date_to_iso(today, date_today());
    long n = 0;
    struct app_register_sink sink = {sink_header, sink_row, &w};
    rc = app_register_export(&n, rq->st, &caller, spec->name, today, &sink, &rq->err);
    int crc = csv_writer_close(&w, rc == ERR_OK, &rq->err);
    rc = rc ? rc : crc;
  }
  if (fclose(f) != 0 && !rc)
    rc = err_nomem(&rq->err);
  if (!rc) {
    buf_reset(&rq->body);
    if (buf_add(&rq->body, data, len))
      rc = err_set(&rq->err, ERR_INPUT,
                   "Danh sách quá lớn để tải qua trình duyệt: hãy chọn một đơn vị (unit=) hoặc "
                   "xuất bằng lệnh pcmt export.");
  }
  free(data);
  if (rc)
    return rc;
  char disp[128];
  snprintf(disp, sizeof disp, "attachment; filename=\"%s.csv\"", spec->name);
  rq->status = 200;
  rq->content_type = "text/csv; charset=utf-8";
  request_header(rq, "Content-Disposition", disp);
  return ERR_OK;
}
