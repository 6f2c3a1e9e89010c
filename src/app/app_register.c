/* app_register.c: importing, exporting and listing the registers (see app_register.h). */
#include "app/app_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/spool.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/person_bulk.h"
#include "domain/register.h"
#include "ingest/register_read.h"
#include "store/store.h"
#include "store/store_people_bulk.h"
#include "store/store_registers.h"

const struct reg_spec *app_register_at(size_t i)
{
  return reg_spec_at(i);
}

const struct reg_spec *app_register_find(const char *name)
{
  return name ? reg_spec_find(name) : NULL;
}

static int find_spec(const struct reg_spec **out, const char *name, struct err *err)
{
  *out = app_register_find(name);
  if (!*out)
    return err_set(err, ERR_INPUT, "không có danh sách \"%s\" (xem pcmt registers)",
                   name ? name : "");
  return ERR_OK;
}

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* ---------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------- */

/* A row that named, by national ID, a person recorded outside the caller's
 * territory: refused without saying so, and audited as a refused read. */
struct refusal {
  long line;   /* the row's line */
  long person; /* the record it named */
};

/* One import's working state. */
struct run {
  struct store *st;
  const struct scope *sc;
  const struct reg_spec *spec;
  const char *today;
  const char *path;
  struct reg_import_result *out;
  size_t cap_rejects;       /* allocated out->rejects */
  size_t cap_notes;         /* allocated out->notes */
  struct buf problems;      /* the current row's problems */
  struct person_bulk *bulk; /* people: the bulk path, else NULL */
  struct refusal *refused;  /* rows that named someone outside the territory */
  size_t n_refused, cap_refused;
};

static char **copy_fields(char *const *fields, size_t n)
{
  char **f = calloc(n ? n : 1, sizeof *f);
  if (!f)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (!(f[i] = strdup(fields[i]))) {
      while (i--)
        free(f[i]);
      free(f);
      return NULL;
    }
  return f;
}

static int add_reject(struct run *x, const struct table_row *row, const char *reason,
                      struct err *err)
{
  struct reg_import_result *out = x->out;
  if (out->n_rejects == x->cap_rejects) {
    struct reg_reject *r = array_grow(out->rejects, &x->cap_rejects, out->n_rejects + 1, sizeof *r);
    if (!r)
      return err_nomem(err);
    out->rejects = r;
  }
  struct reg_reject *j = &out->rejects[out->n_rejects];
  j->line = row->line;
  j->reason = strdup(reason);
  j->fields = copy_fields(row->fields, row->n);
  j->n = row->n;
  if (!j->reason || !j->fields) {
    free(j->reason);
    for (size_t i = 0; j->fields && i < j->n; i++)
      free(j->fields[i]);
    free(j->fields);
    return err_nomem(err);
  }
  out->n_rejects++;
  return ERR_OK;
}

/* A note of the characters the reader removed from a row (`issues`, of
 * the row starting on `line`), when there are any. */
static int add_note(struct run *x, const struct reg_reader *rd, long line,
                    const struct cell_issue *issues, size_t n, struct err *err)
{
  struct reg_import_result *out = x->out;
  buf_reset(&x->problems);
  reg_reader_describe(&x->problems, rd, issues, n, 0);
  if (!x->problems.len)
    return ERR_OK;
  if (out->n_notes == REG_IMPORT_MAX_NOTES) {
    out->notes_over++;
    return ERR_OK;
  }
  if (out->n_notes == x->cap_notes) {
    struct reg_note *r = array_grow(out->notes, &x->cap_notes, out->n_notes + 1, sizeof *r);
    if (!r)
      return err_nomem(err);
    out->notes = r;
  }
  char *t = buf_failed(&x->problems) ? NULL : strdup(buf_str(&x->problems));
  if (!t)
    return err_nomem(err);
  out->notes[out->n_notes++] = (struct reg_note){line, t};
  return ERR_OK;
}

/* Parse and save one row under a savepoint. ERR_INPUT: the row is bad and
 * undone (x->problems says why); other codes abort the import. *outside:
 * a person outside the territory the row named (reg_import_fn). */
static int import_row(enum reg_outcome *oc, long *outside, struct run *x, const char *const *raw,
                      struct err *err)
{
  struct store *st = x->st;
  *outside = 0;
  int rc = store_savepoint(st, err);
  if (rc)
    return rc;
  if (x->spec->import_row) {
    rc = x->spec->import_row(oc, outside, st, x->sc, x->spec, raw, x->today, &x->problems, err);
  } else {
    struct reg_row row;
    rc = reg_parse(&row, x->spec, raw, st, x->sc, x->today, &x->problems, err);
    for (size_t i = 0; i < x->spec->n_cols; i++)
      if (row.cells[i].outside)
        *outside = row.cells[i].outside;
    if (!rc) {
      struct err e;
      err_clear(&e);
      rc = reg_save(oc, st, x->sc, &row, &e);
      if (rc == ERR_DENIED || rc == ERR_CONFLICT || rc == ERR_INPUT) {
        buf_addf(&x->problems, "%s", e.msg);
        rc = ERR_INPUT;
      } else if (rc) {
        err_copy(err, &e);
      }
    }
  }
  if (rc)
    return store_savepoint_undo(st, rc, err);
  return store_savepoint_release(st, err);
}

static int add_refusal(struct run *x, long line, long person, struct err *err)
{
  if (x->n_refused == x->cap_refused) {
    struct refusal *r = array_grow(x->refused, &x->cap_refused, x->n_refused + 1, sizeof *r);
    if (!r)
      return err_nomem(err);
    x->refused = r;
  }
  x->refused[x->n_refused++] = (struct refusal){line, person};
  return ERR_OK;
}

/* Every data row of the file, inside the import's transaction. */
static int import_rows(struct run *x, struct reg_reader *rd, struct err *err)
{
  struct reg_import_result *out = x->out;
  int rc = ERR_OK, got;
  /* A row the reader cannot take (refused characters, a short date whose
   * order the file does not show) is a bad row like any other: it goes to
   * the rejects with its reasons, and the reading goes on. Only an error
   * that stops the reader (an unterminated quote runs to the end of the
   * file) refuses the file. */
  while (!rc && ((got = reg_reader_next(rd, err)) == 1 || got == REG_READ_BAD_ROW)) {
    out->rows++;
    if (got == REG_READ_BAD_ROW) {
      rc = add_reject(x, &rd->row, buf_str(&rd->why), err);
      continue;
    }
    rc = add_note(x, rd, rd->row.line, rd->row.issues, rd->row.n_issues, err);
    if (rc)
      break;
    buf_reset(&x->problems);
    enum reg_outcome oc = REG_UNCHANGED;
    long outside = 0;
    rc = x->bulk ? person_bulk_row(&oc, &outside, x->bulk, rd->raw, &x->problems, err)
                 : import_row(&oc, &outside, x, rd->raw, err);
    if (outside && (!rc || rc == ERR_INPUT)) {
      int arc = add_refusal(x, rd->row.line, outside, err);
      if (arc)
        rc = arc;
    }
    if (rc == ERR_INPUT) {
      const char *why = buf_str(&x->problems);
      rc = add_reject(x, &rd->row, *why ? why : "dòng không hợp lệ", err);
      continue;
    }
    if (!rc) {
      out->inserted += oc == REG_INSERTED;
      out->updated += oc == REG_UPDATED;
      out->unchanged += oc == REG_UNCHANGED;
    }
  }
  if (!rc && got < 0) /* a quote never closed (err names the line), or no memory */
    rc = err && err->code == ERR_NOMEM ? ERR_NOMEM : ERR_INPUT;
  if (!rc && buf_failed(&x->problems))
    rc = err_nomem(err);
  return rc;
}

/* The audit row of an import: counts; for people also the file (name and
 * SHA-256 of the bytes read) and, for a bulk load, the ids of the people it
 * created (one row for the file stands for their creation: see
 * docs/registers.md). */
static int audit_import(struct run *x, const char *path, const char *sha256,
                        const struct person_bulk_summary *sum, struct err *err)
{
  const struct reg_import_result *out = x->out;
  char detail[400];
  int w = snprintf(
      detail, sizeof detail, "nhập %s: %ld dòng, thêm %ld, sửa %ld, giữ nguyên %ld, từ chối %zu",
      x->spec->name, out->rows, out->inserted, out->updated, out->unchanged, out->n_rejects);
  if (sum) {
    if (sum->bulk && sum->first_id)
      w += snprintf(detail + w, sizeof detail - (size_t)w, "; hồ sơ mới số %ld-%ld", sum->first_id,
                    sum->last_id);
    const char *base = strrchr(path, '/');
    const char *name = base ? base + 1 : path;
    snprintf(detail + w, sizeof detail - (size_t)w, "; sha256 %s; tệp %.*s", sha256,
             (int)text_utf8_prefix(name, 60), name);
  }
  return audit_record(x->st, x->sc, "register.import", x->spec->table, 0, detail, err);
}

/* One audit row per row that named a person recorded outside the caller's
 * territory ("person.read_refused", the record it named, the line; no name):
 * the officer was answered without being told, and the attempt is on the
 * trail as a read the store refused. */
static int audit_refused(struct run *x, struct err *err)
{
  const char *base = strrchr(x->path, '/');
  for (size_t i = 0; i < x->n_refused; i++) {
    char detail[200];
    const char *name = base ? base + 1 : x->path;
    snprintf(detail, sizeof detail,
             "nhập %s, tệp %.*s dòng %ld: số định danh của hồ sơ ngoài địa bàn; đã từ chối",
             x->spec->name, (int)text_utf8_prefix(name, 60), name, x->refused[i].line);
    int rc = audit_record(x->st, x->sc, "person.read_refused", "person", x->refused[i].person,
                          detail, err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}

int app_register_import(struct reg_import_result *out, struct store *st, const struct scope *caller,
                        const struct app_register_import_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  const struct reg_spec *spec;
  int rc = find_spec(&spec, in->reg, err);
  if (rc)
    return rc;
  if (!scope_may_write_people(caller))
    return err_set(err, ERR_DENIED, "vai trò %s không được nhập dữ liệu vào danh sách",
                   scope_role_name(caller->role));
  struct reg_reader rd;
  rc = reg_reader_open(&rd, spec, in->path, err);
  if (rc)
    return rc;
  out->header = copy_fields(rd.header.fields, rd.header.n);
  if (!out->header) {
    reg_reader_close(&rd);
    return err_nomem(err);
  }
  out->n_header = rd.header.n;
  struct run x = {st, caller, spec, in->today, in->path, out, 0, 0, {0}, NULL, NULL, 0, 0};
  buf_init(&x.problems, 0);
  /* characters removed from the header row: a note of its line */
  rc = add_note(&x, &rd, rd.header.line, rd.header_issues.items, rd.header_issues.n, err);
  if (rc) {
    buf_free(&x.problems);
    reg_reader_close(&rd);
    return rc;
  }
  int people = spec == &person_spec;
  /* people: the bulk path resolves every reference it writes in this
   * transaction; SQLite's per-row foreign-key probes are off meanwhile */
  struct err fe;
  int fk_off = people && store_people_bulk_fk(st, 0, &fe) == ERR_OK;
  struct person_bulk_summary sum;
  memset(&sum, 0, sizeof sum);
  rc = store_write_begin(st, err);
  if (!rc && people)
    rc = person_bulk_begin(&x.bulk, st, caller, in->today, err);
  if (!rc)
    rc = import_rows(&x, &rd, err);
  if (!rc && x.bulk)
    rc = person_bulk_finish(&sum, x.bulk, err);
  person_bulk_free(x.bulk);
  buf_free(&x.problems);
  if (!rc && !in->dry_run)
    rc = audit_refused(&x, err);
  if (!rc && !in->dry_run && (out->inserted || out->updated))
    rc = audit_import(&x, in->path, rd.table.sha256, people ? &sum : NULL, err);
  reg_reader_close(&rd);
  if (rc || in->dry_run)
    store_write_rollback(st); /* a failure, or a dry run as asked */
  else
    rc = store_write_commit(st, err);
  /* a dry run answered the refused rows too: their audit rows are kept,
   * alone, in a transaction of their own */
  if (!rc && in->dry_run && x.n_refused) {
    rc = store_write_begin(st, err);
    if (!rc)
      rc = finish(st, audit_refused(&x, err), err);
  }
  free(x.refused);
  if (fk_off) {
    struct err e;
    int frc = store_people_bulk_fk(st, 1, &e);
    if (frc && !rc)
      rc = err_copy(err, &e);
  }
  return rc;
}

/* ---------------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------------- */

/* Rows of a register read into the spool (reg_export's callback). */
struct spooling {
  struct spool *spool;
  struct err *err;
};

static int spool_row(void *ctx, const char *const *cells)
{
  struct spooling *s = ctx;
  return spool_add(s->spool, cells, s->err);
}

/* Rows handed straight to the sink (a register without personal data). */
struct streaming {
  const struct app_register_sink *sink;
  struct err *err;
};

static int stream_row(void *ctx, const char *const *cells)
{
  struct streaming *s = ctx;
  return s->sink->row(s->sink->ctx, cells, s->err);
}

static int replay_row(void *ctx, const char *const *cells, struct err *err)
{
  const struct app_register_sink *sink = ctx;
  return sink->row(sink->ctx, cells, err);
}

static int sink_header(const struct app_register_sink *sink, const struct reg_spec *spec,
                       struct err *err)
{
  const char *headers[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++)
    headers[i] = spec->cols[i].header;
  return sink->header(sink->ctx, headers, spec->n_cols, err);
}

/* The rows of a personal register: read into the spool, audited, then
 * handed on. The rows are counted as read, so the audit row says exactly
 * how many leave. */
static int export_personal(long *n_rows, struct store *st, const struct scope *sc,
                           const struct reg_spec *spec, const char *today,
                           const struct app_register_sink *sink, struct err *err)
{
  struct spool sp;
  int rc = spool_open(&sp, spec->n_cols, err);
  if (rc)
    return rc;
  long n = 0;
  struct spooling s = {&sp, err};
  rc = reg_export(st, sc, spec, spool_row, &s, &n, today, err);
  if (!rc) {
    /* in the reads' chain: an export never waits for a long write */
    char detail[160];
    snprintf(detail, sizeof detail, "xuất %s: %ld dòng", spec->name, n);
    rc = audit_record_read(st, sc, "register.export", spec->table, 0, detail, err);
  }
  /* committed: now, and only now, the rows leave */
  if (!rc)
    rc = sink_header(sink, spec, err);
  if (!rc)
    rc = spool_replay(&sp, replay_row, (void *)sink, err);
  if (!rc)
    *n_rows = n;
  spool_close(&sp);
  return rc;
}

int app_register_export(long *n_rows, struct store *st, const struct scope *caller, const char *reg,
                        const char *today, const struct app_register_sink *sink, struct err *err)
{
  *n_rows = 0;
  const struct reg_spec *spec;
  int rc = find_spec(&spec, reg, err);
  if (rc)
    return rc;
  if (spec->personal) {
    if (!scope_may_read_people(caller))
      return err_set(err, ERR_DENIED, "vai trò %s không được xem danh sách có thông tin cá nhân",
                     scope_role_name(caller->role));
    return export_personal(n_rows, st, caller, spec, today, sink, err);
  }
  rc = sink_header(sink, spec, err);
  struct streaming s = {sink, err};
  if (!rc)
    rc = reg_export(st, caller, spec, stream_row, &s, n_rows, today, err);
  return rc;
}

int app_register_is_xlsx(const char *path)
{
  return table_is_xlsx(path);
}
