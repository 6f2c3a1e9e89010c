/* register_read.c: a register's rows from a table file (see register_read.h). */
#include "ingest/register_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "output/csv_write.h"

static void free_fields(char **f, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free(f[i]);
  free(f);
}

/* The header row kept for the whole file (the table's buffer is reused). */
static int copy_row(struct table_row *out, const struct table_row *row)
{
  out->fields = calloc(row->n ? row->n : 1, sizeof *out->fields);
  if (!out->fields)
    return ERR_NOMEM;
  for (size_t i = 0; i < row->n; i++)
    if (!(out->fields[i] = strdup(row->fields[i]))) {
      free_fields(out->fields, i);
      out->fields = NULL;
      return ERR_NOMEM;
    }
  out->n = row->n;
  out->line = row->line;
  return ERR_OK;
}

/* The file column whose header is `name`, compared as text_key (case,
 * diacritics and spacing do not matter), or -1; -2 when memory ran out. A
 * header that is not text (bad bytes) names no column. */
static int find_column(const struct table_row *header, const char *name, struct err *err)
{
  char *want = NULL;
  if (text_key(&want, name, err))
    return -2;
  int found = -1;
  for (size_t i = 0; i < header->n && found < 0; i++) {
    char *k = NULL;
    struct err e;
    err_clear(&e);
    int rc = text_key(&k, header->fields[i], &e);
    if (rc == ERR_NOMEM) {
      err_copy(err, &e);
      found = -2;
    } else if (rc == ERR_OK && strcmp(k, want) == 0) {
      found = (int)i;
    }
    free(k);
  }
  free(want);
  return found;
}

/* A first pass over the data rows: what the date cells show of their
 * day/month order (ingest/sheet_dates.h); then back to the first data row.
 * A row that cannot be read is passed over, and an error that stops the
 * reading stops the pass quietly: the import meets it again and reports it. */
static int see_dates(struct reg_reader *r, struct err *err)
{
  const struct reg_spec *spec = r->spec;
  struct table_row row;
  struct err e;
  int got;
  while ((got = table_read_next(&r->table, &row, &e)) == 1 || got == TABLE_BAD_ROW)
    for (size_t i = 0; got == 1 && i < spec->n_cols; i++)
      if (spec->cols[i].type == REG_DATE && r->map[i] >= 0 && (size_t)r->map[i] < row.n)
        sheet_dates_see(&r->order, row.fields[r->map[i]]);
  int rc = table_read_rewind(&r->table, err);
  if (!rc) { /* the header again */
    got = table_read_next(&r->table, &row, err);
    if (got != 1)
      rc = got < 0 ? ERR_INPUT : err_set(err, ERR_IO, "đọc lại tệp thất bại");
  }
  return rc;
}

int reg_reader_open(struct reg_reader *out, const struct reg_spec *spec, const char *path,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  out->spec = spec;
  buf_init(&out->why, 0);
  int rc = table_read_open(&out->table, path, err);
  if (rc)
    return rc;
  struct table_row row;
  int got = table_read_next(&out->table, &row, err);
  if (got <= 0) {
    table_read_close(&out->table);
    return got < 0 ? ERR_INPUT : err_set(err, ERR_INPUT, "tệp \"%s\" trống", path);
  }
  if (copy_row(&out->header, &row)) {
    table_read_close(&out->table);
    return err_nomem(err);
  }
  for (size_t i = 0; i < row.n_issues && i < CELL_MAX_ISSUES; i++)
    out->header_issues.items[out->header_issues.n++] = row.issues[i];
  struct buf missing;
  buf_init(&missing, 0);
  for (size_t i = 0; i < spec->n_cols; i++) {
    out->map[i] = find_column(&out->header, spec->cols[i].header, err);
    if (out->map[i] < -1) {
      buf_free(&missing);
      reg_reader_close(out);
      return ERR_NOMEM;
    }
    if (out->map[i] < 0 && (spec->cols[i].flags & REG_REQUIRED))
      buf_addf(&missing, "%s\"%s\"", missing.len ? ", " : "", spec->cols[i].header);
  }
  if (buf_failed(&missing))
    rc = err_nomem(err);
  else if (missing.len)
    rc = err_set(err, ERR_INPUT,
                 "tệp \"%s\" thiếu cột bắt buộc %s của danh sách %s (xem pcmt registers %s)", path,
                 buf_str(&missing), spec->name, spec->name);
  buf_free(&missing);
  if (!rc)
    rc = see_dates(out, err);
  if (rc)
    reg_reader_close(out);
  return rc;
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
 * a table) or of blanks is no row. */
static int row_is_blank(const struct table_row *row)
{
  for (size_t i = 0; i < row->n; i++)
    for (const char *p = row->fields[i]; *p; p++)
      if (*p != ' ' && *p != '\t')
        return 0;
  return 1;
}

/* REG_READ_BAD_ROW, or -1 when its reasons ran out of memory. */
static int bad_row(struct reg_reader *r, struct err *err)
{
  if (buf_failed(&r->why)) {
    err_nomem(err);
    return -1;
  }
  return REG_READ_BAD_ROW;
}

int reg_reader_next(struct reg_reader *r, struct err *err)
{
  const struct reg_spec *spec = r->spec;
  struct err e;
  err_clear(&e);
  int got;
  while (((got = table_read_next(&r->table, &r->row, &e)) == 1 || got == TABLE_BAD_ROW) &&
         row_is_blank(&r->row))
    ;
  buf_reset(&r->why);
  if (got == TABLE_BAD_ROW) { /* e names its first problem: why names them all */
    reg_reader_describe(&r->why, r, r->row.issues, r->row.n_issues, 1);
    return bad_row(r, err);
  }
  if (got < 0) {
    err_copy(err, &e);
    return -1;
  }
  if (got != 1)
    return got;
  for (size_t i = 0; i < spec->n_cols; i++) {
    int m = r->map[i];
    const char *v = m >= 0 && (size_t)m < r->row.n ? unprotect(r->row.fields[m]) : NULL;
    if (spec->cols[i].type == REG_PERSON || strcmp(spec->cols[i].db, "national_id") == 0)
      v = restore_national_id(r->nid[i], v);
    if (spec->cols[i].type == REG_DATE &&
        sheet_dates_fix(&v, r->date[i], sizeof r->date[i], v, &r->order))
      buf_addf(&r->why,
               "%s%s: \"%s\": không rõ ngày hay tháng viết trước (bảng tính viết lại ngày với năm "
               "hai chữ số, không ngày nào khác trong tệp cho biết); ghi dd/mm/yyyy",
               r->why.len ? "; " : "", spec->cols[i].header, v);
    r->raw[i] = v;
  }
  return r->why.len || buf_failed(&r->why) ? bad_row(r, err) : 1;
}

void reg_reader_describe(struct buf *out, const struct reg_reader *r,
                         const struct cell_issue *issues, size_t n, int refused)
{
  size_t before = out->len;
  for (size_t k = 0; k < n; k++) {
    const struct cell_issue *is = &issues[k];
    if (is->refused != refused)
      continue;
    if (out->len > before)
      buf_adds(out, "; ");
    if (is->col < r->header.n && r->header.fields[is->col][0])
      buf_addf(out, "%s (cột %zu): %s", r->header.fields[is->col], is->col + 1, is->what);
    else
      buf_addf(out, "cột %zu: %s", is->col + 1, is->what);
  }
  if (refused && out->len == before)
    buf_adds(out, "dòng có ký tự không được nhận");
}

void reg_reader_close(struct reg_reader *r)
{
  if (!r)
    return;
  table_read_close(&r->table);
  free_fields(r->header.fields, r->header.n);
  buf_free(&r->why);
  memset(r, 0, sizeof *r);
}
