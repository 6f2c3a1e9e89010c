/* register_import.c: the import driver, CSV or .xlsx (see register_import.h). */
#include "ingest/register_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/buf.h"
#include "domain/audit.h"
#include "domain/person_bulk.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "ingest/csv.h"
#include "ingest/sheet_dates.h"
#include "ingest/table_read.h"
#include "output/csv_write.h"
#include "store/store.h"
#include "store/store_people_bulk.h"
#include "store/store_registers.h"

static void free_fields(char **f, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free(f[i]);
  free(f);
}

void reg_import_result_free(struct reg_import_result *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n_rejects; i++) {
    free(r->rejects[i].reason);
    free_fields(r->rejects[i].fields, r->rejects[i].n);
  }
  free(r->rejects);
  free_fields(r->header, r->n_header);
  memset(r, 0, sizeof *r);
}

static char **copy_fields(const struct table_row *row)
{
  char **f = calloc(row->n ? row->n : 1, sizeof *f);
  if (!f)
    return NULL;
  for (size_t i = 0; i < row->n; i++)
    if (!(f[i] = strdup(row->fields[i]))) {
      free_fields(f, i);
      return NULL;
    }
  return f;
}

static int add_reject(struct reg_import_result *out, size_t *cap, const struct table_row *row,
                      const char *reason, struct err *err)
{
  if (out->n_rejects == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    struct reg_reject *r = realloc(out->rejects, nc * sizeof *r);
    if (!r)
      return err_nomem(err);
    out->rejects = r;
    *cap = nc;
  }
  struct reg_reject *j = &out->rejects[out->n_rejects];
  j->line = row->line;
  j->reason = strdup(reason);
  j->fields = copy_fields(row);
  j->n = row->n;
  if (!j->reason || !j->fields) {
    free(j->reason);
    if (j->fields)
      free_fields(j->fields, j->n);
    return err_nomem(err);
  }
  out->n_rejects++;
  return ERR_OK;
}

/* A cell the exporter protected from spreadsheets ("'=..."): drop the mark.
 * The writer's own predicate decides, so every first character it protects
 * (tab and CR too) comes back without the apostrophe. */
static const char *unprotect(const char *cell)
{
  if (cell[0] == '\'' && csv_cell_is_formula(cell + 1))
    return cell + 1;
  return cell;
}

/* SHA-256 of the file, in hex (65 bytes), for the import's audit row. */
static int file_sha256(char *hex, const char *path, struct err *err)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return err_set(err, ERR_IO, "không đọc được tệp \"%s\"", path);
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  unsigned char chunk[1 << 16];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    crypto_hash_sha256_update(&h, chunk, n);
  int bad = ferror(f);
  fclose(f);
  if (bad)
    return err_set(err, ERR_IO, "không đọc được tệp \"%s\"", path);
  unsigned char sum[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, sum);
  sodium_bin2hex(hex, 65, sum, sizeof sum);
  return ERR_OK;
}

/* The audit row of an import: counts; for people also the file (name and
 * SHA-256) and, for a bulk load, the ids of the people it created (one row
 * for the file stands for their creation: see docs/registers.md). */
static int audit_import(struct store *st, const struct scope *sc, const struct reg_spec *spec,
                        const struct reg_import_result *out, const char *path,
                        const struct person_bulk_summary *sum, struct err *err)
{
  char detail[400];
  int w = snprintf(detail, sizeof detail,
                   "nhập %s: %ld dòng, thêm %ld, sửa %ld, giữ nguyên %ld, từ chối %zu", spec->name,
                   out->rows, out->inserted, out->updated, out->unchanged, out->n_rejects);
  if (sum) {
    char hex[65];
    int rc = file_sha256(hex, path, err);
    if (rc)
      return rc;
    if (sum->bulk && sum->first_id)
      w += snprintf(detail + w, sizeof detail - (size_t)w, "; hồ sơ mới số %ld-%ld", sum->first_id,
                    sum->last_id);
    const char *base = strrchr(path, '/');
    snprintf(detail + w, sizeof detail - (size_t)w, "; sha256 %s; tệp %.60s", hex,
             base ? base + 1 : path);
  }
  return audit_record(st, sc, "register.import", spec->table, 0, detail, err);
}

/* Parse and save one row under a savepoint. ERR_INPUT: the row is bad and
 * undone (problems says why); other codes abort the import. */
static int import_row(enum reg_outcome *oc, struct store *st, const struct scope *sc,
                      const struct reg_spec *spec, const char *const *raw, const char *today,
                      struct buf *problems, struct err *err)
{
  int rc = store_savepoint(st, err);
  if (rc)
    return rc;
  if (spec->import_row) {
    rc = spec->import_row(oc, st, sc, spec, raw, today, problems, err);
  } else {
    struct reg_row row;
    rc = reg_parse(&row, spec, raw, st, sc, today, problems, err);
    if (!rc) {
      struct err e;
      err_clear(&e);
      rc = reg_save(oc, st, sc, &row, &e);
      if (rc == ERR_DENIED || rc == ERR_CONFLICT || rc == ERR_INPUT) {
        buf_addf(problems, "%s", e.msg);
        rc = ERR_INPUT;
      } else if (rc) {
        err_copy(err, &e);
      }
    }
  }
  if (rc) {
    store_savepoint_rollback(st);
    return rc;
  }
  return store_savepoint_release(st, err);
}

/* A national ID as a spreadsheet gave it back. Every ID begins with 0 (the
 * province codes are 001-096), and a spreadsheet that opened the CSV took
 * the ID for a number and dropped its leading zeros: "010090000001" comes
 * back as 10090000001, "001…" as ten digits. Ten or eleven digits not
 * starting with 0 are such an ID, so the zeros are put back (into buf, 13
 * bytes); a typed ID missing a digit still starts with 0 and is refused as
 * before. Anything else is returned as it is. */
static const char *restore_national_id(char *buf, const char *v)
{
  if (!v)
    return v;
  size_t n = strspn(v, "0123456789");
  if (v[n] != '\0' || n < 10 || n > 11 || v[0] == '0')
    return v;
  snprintf(buf, 13, "%0*d%s", (int)(12 - n), 0, v);
  return buf;
}

/* A row of separators only (";;;;", as a spreadsheet writes the rows below
 * a table) or of blanks is no row: skipped, neither counted nor rejected. */
static int row_is_blank(const struct table_row *row)
{
  for (size_t i = 0; i < row->n; i++)
    for (const char *p = row->fields[i]; *p; p++)
      if (*p != ' ' && *p != '\t')
        return 0;
  return 1;
}

/* A first pass over the rows: what the date cells show of their day/month
 * order (ingest/sheet_dates.h); then back to the first data row. A read
 * error stops the pass quietly: the import meets it again and reports it. */
static int see_dates(struct sheet_dates *sd, struct table_reader *r, const struct reg_spec *spec,
                     const int *map, struct err *err)
{
  struct table_row row;
  struct err e;
  while (r->next(r->self, &row, &e) == 1)
    for (size_t i = 0; i < spec->n_cols; i++)
      if (spec->cols[i].type == REG_DATE && map[i] >= 0 && (size_t)map[i] < row.n)
        sheet_dates_see(sd, row.fields[map[i]]);
  int rc = r->rewind(r->self, err);
  int got = rc ? 0 : r->next(r->self, &row, err); /* the header again */
  if (!rc && got != 1)
    rc = got < 0 ? ERR_INPUT : err_set(err, ERR_IO, "đọc lại tệp thất bại");
  return rc;
}

int reg_import_file(struct reg_import_result *out, struct store *st, const struct scope *sc,
                    const struct reg_spec *spec, const char *path, int dry_run, const char *today,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  if (!scope_may_write_people(sc))
    return err_set(err, ERR_DENIED, "vai trò %s không được nhập dữ liệu vào danh sách",
                   scope_role_name(sc->role));
  /* a CSV file, or an .xlsx workbook's first sheet (by the file's name) */
  struct table_reader r;
  int rc = table_open(&r, path, err);
  if (rc)
    return rc;
  struct table_row row;
  int got = r.next(r.self, &row, err);
  if (got <= 0) {
    table_close(&r);
    return got < 0 ? ERR_INPUT : err_set(err, ERR_INPUT, "tệp \"%s\" trống", path);
  }
  out->header = copy_fields(&row);
  out->n_header = row.n;
  int map[REG_MAX_COLUMNS];
  struct buf missing;
  buf_init(&missing, 0);
  for (size_t i = 0; i < spec->n_cols; i++) {
    map[i] = csv_column(&(struct csv_row){row.fields, row.n, row.line}, spec->cols[i].header);
    if (map[i] < 0 && (spec->cols[i].flags & REG_REQUIRED))
      buf_addf(&missing, "%s\"%s\"", missing.len ? ", " : "", spec->cols[i].header);
  }
  if (!out->header || missing.len) {
    rc = out->header ? err_set(err, ERR_INPUT,
                               "tệp \"%s\" thiếu cột bắt buộc %s của danh sách %s (xem pcmt "
                               "registers %s)",
                               path, buf_str(&missing), spec->name, spec->name)
                     : err_nomem(err);
    buf_free(&missing);
    table_close(&r);
    return rc;
  }
  buf_free(&missing);
  struct sheet_dates sd = {0, 0};
  rc = see_dates(&sd, &r, spec, map, err);
  if (rc) {
    table_close(&r);
    return rc;
  }
  /* people: the bulk path resolves every reference it writes in this
   * transaction; SQLite's per-row foreign-key probes are off meanwhile */
  struct err fe;
  int fk_off = spec == &person_spec && store_people_bulk_fk(st, 0, &fe) == ERR_OK;
  rc = store_write_begin(st, err);
  if (rc) {
    if (fk_off)
      store_people_bulk_fk(st, 1, &fe);
    table_close(&r);
    return rc;
  }
  size_t cap = 0;
  struct buf problems;
  buf_init(&problems, 0);
  /* people: checked in memory and written in one pass (domain/person_bulk.h) */
  struct person_bulk *bulk = NULL;
  struct person_bulk_summary sum;
  memset(&sum, 0, sizeof sum);
  if (spec == &person_spec)
    rc = person_bulk_begin(&bulk, st, sc, today, err);
  const char *raw[REG_MAX_COLUMNS];
  char nid[REG_MAX_COLUMNS][13];   /* national IDs with their zeros put back */
  char dates[REG_MAX_COLUMNS][16]; /* short dates turned day first */
  while (!rc && (got = r.next(r.self, &row, err)) == 1) {
    if (row_is_blank(&row))
      continue;
    out->rows++;
    for (size_t i = 0; i < spec->n_cols; i++)
      raw[i] = map[i] >= 0 && (size_t)map[i] < row.n ? unprotect(row.fields[map[i]]) : NULL;
    for (size_t i = 0; i < spec->n_cols; i++)
      if (spec->cols[i].type == REG_PERSON || strcmp(spec->cols[i].db, "national_id") == 0)
        raw[i] = restore_national_id(nid[i], raw[i]);
    buf_reset(&problems);
    for (size_t i = 0; i < spec->n_cols; i++)
      if (spec->cols[i].type == REG_DATE &&
          sheet_dates_fix(&raw[i], dates[i], sizeof dates[i], raw[i], &sd))
        buf_addf(&problems,
                 "%s%s: \"%s\": không rõ ngày hay tháng viết trước (bảng tính viết lại ngày với "
                 "năm hai chữ số, không ngày nào khác trong tệp cho biết); ghi dd/mm/yyyy",
                 problems.len ? "; " : "", spec->cols[i].header, raw[i]);
    if (problems.len) {
      rc = add_reject(out, &cap, &row, buf_str(&problems) ? buf_str(&problems) : "", err);
      continue;
    }
    enum reg_outcome oc = REG_UNCHANGED;
    rc = bulk ? person_bulk_row(&oc, bulk, raw, &problems, err)
              : import_row(&oc, st, sc, spec, raw, today, &problems, err);
    if (rc == ERR_INPUT) {
      rc = add_reject(out, &cap, &row,
                      buf_str(&problems) ? buf_str(&problems) : "dòng không hợp lệ", err);
      continue;
    }
    if (!rc)
      out->inserted += oc == REG_INSERTED, out->updated += oc == REG_UPDATED,
          out->unchanged += oc == REG_UNCHANGED;
  }
  buf_free(&problems);
  if (!rc && got < 0)
    rc = ERR_INPUT; /* a broken quote, invalid UTF-8, a broken sheet: err names the line */
  table_close(&r);
  if (!rc && bulk)
    rc = person_bulk_finish(&sum, bulk, err);
  person_bulk_free(bulk);
  if (!rc && !dry_run && (out->inserted || out->updated))
    rc = audit_import(st, sc, spec, out, path, bulk ? &sum : NULL, err);
  if (rc || dry_run)
    store_write_rollback(st);
  else
    rc = store_write_commit(st, err);
  if (fk_off) {
    struct err e;
    int frc = store_people_bulk_fk(st, 1, &e);
    if (frc && !rc) {
      err_copy(err, &e);
      rc = frc;
    }
  }
  return rc;
}
