/* app_register_record.c: the registers one record at a time (see app_register_record.h). */
#include "app/app_register_record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app_register.h"
#include "base/array.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/register.h"
#include "output/csv_write.h"
#include "store/store.h"

void app_register_rows_free(struct app_register_rows *r)
{
  if (!r)
    return;
  size_t n = r->spec ? r->n_rows * r->spec->n_cols : 0;
  for (size_t i = 0; i < n; i++)
    free(r->cells[i]);
  free(r->cells);
  r->cells = NULL;
  r->n_rows = 0;
}

int app_register_record_spec(const struct reg_spec **out, const char *reg, struct err *err)
{
  *out = app_register_find(reg);
  if (!*out || *out == &person_spec || *out == &person_event_spec) {
    *out = NULL;
    return err_set(err, ERR_NOT_FOUND, "Không có danh sách \"%.40s\".", reg ? reg : "");
  }
  return ERR_OK;
}

/* What the export's callback keeps: the rows from `from` on (at most
 * `limit`), or only those whose first cell is `match`. */
struct collect {
  struct app_register_rows *out;
  size_t cap;        /* rows allocated */
  long seen;         /* rows met so far */
  long from, limit;  /* the page (limit < 0: no bound) */
  const char *match; /* the record number, or NULL */
  int nomem;         /* an allocation failed */
};

static int collect_row(void *ctx, const char *const *cells)
{
  struct collect *c = ctx;
  struct app_register_rows *out = c->out;
  long at = c->seen++;
  if (c->match ? strcmp(cells[0], c->match) != 0
               : at < c->from || (c->limit >= 0 && at >= c->from + c->limit))
    return 0;
  size_t nc = out->spec->n_cols;
  if (out->n_rows == c->cap) {
    size_t cap = c->cap * nc;
    char **g = array_grow(out->cells, &cap, (out->n_rows + 1) * nc, sizeof *g);
    if (!g)
      return c->nomem = 1;
    out->cells = g;
    c->cap = cap / nc;
  }
  char **row = out->cells + out->n_rows * nc;
  for (size_t i = 0; i < nc; i++)
    if (!(row[i] = strdup(cells[i] ? cells[i] : ""))) {
      while (i--)
        free(row[i]);
      return c->nomem = 1;
    }
  out->n_rows++;
  return 0;
}

/* Read the rows c asks for, then, for a personal register, commit the
 * read's audit row before any row is handed on (none is, when it fails). */
static int read_rows(struct collect *c, struct store *st, const struct scope *caller,
                     const char *today, struct err *err)
{
  const struct reg_spec *spec = c->out->spec;
  if (spec->personal && !scope_may_read_people(caller))
    return err_set(err, ERR_DENIED, "vai trò %s không được xem danh sách có thông tin cá nhân",
                   scope_role_name(caller->role));
  long n = 0;
  int rc = reg_export(st, caller, spec, collect_row, c, &n, today, err);
  if (c->nomem) /* collect_row stopped the export */
    rc = err_nomem(err);
  if (!rc)
    c->out->total = n;
  if (!rc && c->match && !c->out->n_rows)
    rc = err_set(err, ERR_NOT_FOUND, "Không tìm thấy.");
  if (!rc && spec->personal) {
    char detail[200];
    if (c->match)
      snprintf(detail, sizeof detail, "xem %s số %.*s: %zu dòng", spec->name,
               (int)text_utf8_prefix(c->match, 60), c->match, c->out->n_rows);
    else
      snprintf(detail, sizeof detail, "xem %s từ dòng %ld: %zu dòng", spec->name, c->from + 1,
               c->out->n_rows);
    /* in the reads' chain: it never waits for a long write (docs/audit.md) */
    rc = audit_record_read(st, caller, "register.read", spec->table, 0, detail, err);
  }
  if (rc)
    app_register_rows_free(c->out);
  return rc;
}

int app_register_page(struct app_register_rows *out, struct store *st, const struct scope *caller,
                      const char *reg, const char *today, long pos, long limit, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = app_register_record_spec(&out->spec, reg, err);
  if (rc)
    return rc;
  struct collect c = {out, 0, 0, pos, limit, NULL, 0};
  return read_rows(&c, st, caller, today, err);
}

int app_register_show(struct app_register_rows *out, struct store *st, const struct scope *caller,
                      const char *reg, const char *record_no, const char *today, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = app_register_record_spec(&out->spec, reg, err);
  if (rc)
    return rc;
  if (!record_no || !*record_no)
    return err_set(err, ERR_NOT_FOUND, "Không tìm thấy.");
  struct collect c = {out, 0, 0, 0, -1, record_no, 0};
  return read_rows(&c, st, caller, today, err);
}

/* Write the one-row CSV file of a record to `path` (a new file, 0600). */
static int write_record(const char *path, const char *const *headers, const char *const *cells,
                        size_t n, struct err *err)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    if (fd >= 0)
      close(fd);
    return err_set(err, ERR_IO, "không tạo được tệp tạm: %s", strerror(errno));
  }
  struct csv_writer w;
  int rc = csv_writer_open_stream(&w, f, n, err);
  if (!rc) {
    rc = csv_writer_row(&w, headers, err);
    if (!rc)
      rc = csv_writer_row(&w, cells, err);
    int crc = csv_writer_close(&w, !rc, err);
    if (!rc)
      rc = crc;
  }
  if (fclose(f) != 0 && !rc)
    rc = err_set(err, ERR_IO, "không ghi được tệp tạm");
  return rc;
}

/* Whether the territory holds a record numbered as the put's first column
 * (a read of numbers only: nothing leaves, nothing is audited). */
static int record_exists(int *out, struct store *st, const struct scope *caller,
                         const struct reg_spec *spec, const char *const *headers,
                         const char *const *cells, size_t n, const char *today, struct err *err)
{
  *out = 0;
  const char *no = NULL;
  for (size_t i = 0; i < n; i++)
    if (strcmp(headers[i], spec->cols[0].header) == 0)
      no = cells[i];
  if (!no || !*no)
    return ERR_OK; /* the import says what is missing */
  struct app_register_rows rows = {spec, NULL, 0, 0};
  struct collect c = {&rows, 0, 0, 0, -1, no, 0};
  long total = 0;
  int rc = reg_export(st, caller, spec, collect_row, &c, &total, today, err);
  if (c.nomem)
    rc = err_nomem(err);
  *out = rows.n_rows > 0;
  app_register_rows_free(&rows);
  return rc;
}

int app_register_put(struct reg_import_result *out, struct store *st, const struct scope *caller,
                     const char *reg, enum app_register_put_mode mode, const char *const *headers,
                     const char *const *cells, size_t n, const char *today, struct err *err)
{
  memset(out, 0, sizeof *out);
  const struct reg_spec *spec;
  int rc = app_register_record_spec(&spec, reg, err);
  if (rc)
    return rc;
  if (!scope_may_write_people(caller))
    return err_set(err, ERR_DENIED, "vai trò %s không được nhập dữ liệu vào danh sách",
                   scope_role_name(caller->role));
  if (!n)
    return err_set(err, ERR_INPUT, "bản ghi không có cột nào");
  if (mode == APP_REGISTER_UPDATE && reg_is_child(spec))
    return err_set(err, ERR_INPUT,
                   "danh sách %s gồm các dòng của %s: thêm dòng mới, không sửa theo số hiệu",
                   spec->name, spec->parent_label);
  if (!reg_is_child(spec)) {
    int exists;
    rc = record_exists(&exists, st, caller, spec, headers, cells, n, today, err);
    if (!rc && mode == APP_REGISTER_CREATE && exists)
      rc = err_set(err, ERR_CONFLICT, "danh sách %s đã có bản ghi số hiệu này trên địa bàn",
                   spec->name);
    if (!rc && mode == APP_REGISTER_UPDATE && !exists)
      rc = err_set(err, ERR_NOT_FOUND, "Không tìm thấy.");
    if (rc)
      return rc;
  }
  const char *tmp = getenv("TMPDIR");
  char dir[256], path[300];
  snprintf(dir, sizeof dir, "%s/pcmt-record-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) /* mode 0700 */
    return err_set(err, ERR_IO, "không tạo được thư mục tạm: %s", strerror(errno));
  snprintf(path, sizeof path, "%s/%s.csv", dir, spec->name);
  rc = write_record(path, headers, cells, n, err);
  if (!rc) {
    struct app_register_import_in in = {reg, path, 0, today};
    rc = app_register_import(out, st, caller, &in, err);
  }
  unlink(path);
  rmdir(dir);
  /* a message about the file names the private folder: the record is no file */
  size_t dl = strlen(dir);
  char *at;
  while (rc && (at = strstr(err->msg, dir)) != NULL)
    memmove(at, at + dl + (at[dl] == '/'), strlen(at + dl + (at[dl] == '/')) + 1);
  return rc;
}
