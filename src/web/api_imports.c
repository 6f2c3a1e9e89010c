/* api_imports.c: POST /api/v1/imports/{register} — a CSV file or an .xlsx
 * workbook into a register, with every bad row as JSON.
 *
 * The request body is the file itself, its name in X-File-Name
 * (percent-encoded UTF-8: upload.h); ?dry_run=1 checks every row and saves
 * nothing. The body is written to an owner-only temporary file under its
 * own name (the reader picks the format by the extension, and the import's
 * audit row names the file), read by app_register_import — the very
 * operation and readers of `pcmt import` — and removed before the answer
 * leaves. ?rejects_csv=1 adds the rejects file as the CLI writes it
 * (output/reg_rejects.h), for the import page's script to offer as a
 * download without the server keeping any row. */
#include <event2/buffer.h>
#include <event2/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_register.h"
#include "base/date.h"
#include "output/reg_import_json.h"
#include "output/reg_rejects.h"
#include "web/api_frame.h"
#include "web/api_upload.h"
#include "web/routes.h"

/* ?NAME=1 (or true): 1; absent, 0 or false: 0; anything else: ERR_INPUT. */
static int flag(int *out, struct web_req *rq, const char *name)
{
  const char *v = NULL;
  *out = 0;
  int rc = api_query(&v, rq, name);
  if (rc || !v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || !*v)
    return rc;
  if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
    *out = 1;
    return ERR_OK;
  }
  return err_set(&rq->err, ERR_INPUT, "Tham số \"%s\" phải là 1 hoặc 0.", name);
}

/* The rejects file of res as text, added to j as "rejects_csv". */
static int add_rejects_csv(json_t *j, const struct reg_import_result *res, struct err *err)
{
  char *data = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&data, &len);
  if (!f)
    return err_nomem(err);
  int rc = reg_rejects_write_stream(f, res, err);
  if (fclose(f) != 0 && !rc)
    rc = err_nomem(err);
  if (!rc && json_object_set_new(j, "rejects_csv", json_stringn(data, len)))
    rc = err_nomem(err);
  free(data);
  return rc;
}

int api_imports_create(struct web_req *rq)
{
  const struct reg_spec *spec = app_register_find(request_param(rq, 0));
  if (!spec)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không có danh sách này (xem pcmt registers).");
  int dry_run, want_csv;
  int rc = flag(&dry_run, rq, "dry_run");
  if (!rc)
    rc = flag(&want_csv, rq, "rejects_csv");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  struct api_upload up;
  rc = api_upload_open(&up, rq);
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct reg_import_result res;
  memset(&res, 0, sizeof res);
  if (!rc) {
    struct app_register_import_in imp = {spec->name, up.file.path, dry_run, today};
    rc = app_register_import(&res, rq->st, &caller, &imp, &rq->err);
  }
  api_upload_remove(&up, &rq->err);
  json_t *j = rc ? NULL : reg_import_json(spec, &res, dry_run);
  if (!rc && !j)
    rc = err_nomem(&rq->err);
  if (!rc && want_csv && res.n_rejects)
    rc = add_rejects_csv(j, &res, &rq->err);
  if (!rc) {
    char rej[UPLOAD_NAME_MAX + 16];
    snprintf(rej, sizeof rej, "%s.rejects.csv", up.name);
    if (json_object_set_new(j, "file", json_string(up.name)) ||
        json_object_set_new(j, "rejects_file", res.n_rejects ? json_string(rej) : json_null()))
      rc = err_nomem(&rq->err);
  }
  reg_import_result_free(&res);
  if (rc) {
    json_decref(j);
    return rc;
  }
  return api_json(rq, 200, j);
}
