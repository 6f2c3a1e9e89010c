/* csv.c: the CSV reader. One pass over the bytes, no backtracking; fields
 * are copied into one growable buffer per row so that rows can be handed out
 * without an allocation per field. Each row's characters are then checked
 * once (see csv.h for what is refused and what removed); only a row with a
 * problem is copied again. */
#include "ingest/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define CSV_FILE_MAX ((size_t)2 * 1024 * 1024 * 1024)

int csv_open_mem(struct csv_reader *r, char *data, size_t len, struct err *err)
{
  memset(r, 0, sizeof *r);
  r->data = data;
  r->len = len;
  buf_init(&r->store, 0);
  buf_init(&r->clean, 0);
  csv_rewind(r); /* past a byte order mark */
  /* The separator is the one of ',' and ';' that the header line uses more. */
  size_t commas = 0, semis = 0;
  int quoted = 0;
  for (size_t i = r->pos; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++) {
    if (data[i] == '"')
      quoted = !quoted;
    else if (!quoted && data[i] == ',')
      commas++;
    else if (!quoted && data[i] == ';')
      semis++;
  }
  r->sep = semis > commas ? ';' : ',';
  (void)err;
  return ERR_OK;
}

int csv_open_file(struct csv_reader *r, const char *path, struct err *err)
{
  memset(r, 0, sizeof *r);
  struct buf b;
  buf_init(&b, CSV_FILE_MAX);
  int rc = buf_read_file(&b, path, err);
  if (rc)
    return rc;
  size_t len = b.len;
  char *data = buf_detach(&b);
  if (!data)
    return err_nomem(err);
  return csv_open_mem(r, data, len, err);
}

void csv_rewind(struct csv_reader *r)
{
  r->pos = r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  r->line = 1;
}

void csv_close(struct csv_reader *r)
{
  if (!r)
    return;
  free(r->data);
  free(r->fields);
  free(r->offs);
  buf_free(&r->store);
  buf_free(&r->clean);
  memset(r, 0, sizeof *r);
}

/* Close the field that began at byte `start` of the row buffer. */
static int end_field(struct csv_reader *r, size_t start)
{
  if (r->nfields == r->capfields) {
    size_t cap = r->capfields ? r->capfields * 2 : 16;
    size_t *offs = realloc(r->offs, cap * sizeof *offs);
    if (!offs)
      return ERR_NOMEM;
    r->offs = offs;
    char **f = realloc(r->fields, cap * sizeof *f);
    if (!f)
      return ERR_NOMEM;
    r->fields = f;
    r->capfields = cap;
  }
  if (buf_addc(&r->store, '\0'))
    return ERR_NOMEM;
  r->offs[r->nfields++] = start;
  return ERR_OK;
}

/* Check every field of the row just read (r->store, r->offs) and point
 * r->fields at the text handed out. Returns 1 when a character is refused,
 * 0 otherwise, -1 out of memory. */
static int check_row(struct csv_reader *r)
{
  int found = 0;
  for (size_t i = 0; i < r->nfields; i++) {
    /* fields end at the next one's start (NULs inside are data) */
    size_t end = i + 1 < r->nfields ? r->offs[i + 1] : r->store.len;
    found |= cell_check(&r->issues, i, r->store.data + r->offs[i], end - r->offs[i] - 1, NULL);
  }
  if (!found) {
    for (size_t i = 0; i < r->nfields; i++)
      r->fields[i] = r->store.data + r->offs[i];
    return 0;
  }
  /* Something to remove or replace: write the row again. The offsets are
   * kept first, the pointers set once the buffer no longer moves. */
  buf_reset(&r->clean);
  for (size_t i = 0; i < r->nfields; i++) {
    size_t end = i + 1 < r->nfields ? r->offs[i + 1] : r->store.len;
    size_t at = r->clean.len;
    cell_check(NULL, i, r->store.data + r->offs[i], end - r->offs[i] - 1, &r->clean);
    buf_addc(&r->clean, '\0');
    r->offs[i] = at;
  }
  if (buf_failed(&r->clean))
    return -1;
  for (size_t i = 0; i < r->nfields; i++)
    r->fields[i] = r->clean.data + r->offs[i];
  return (found & 1) != 0;
}

int csv_next(struct csv_reader *r, struct csv_row *row, struct err *err)
{
  row->fields = NULL;
  row->n = 0;
  row->issues = NULL;
  row->n_issues = 0;
  r->issues.n = 0;
  /* Skip blank lines. */
  while (r->pos < r->len && (r->data[r->pos] == '\n' || r->data[r->pos] == '\r')) {
    if (r->data[r->pos] == '\n' ||
        (r->data[r->pos] == '\r' && (r->pos + 1 >= r->len || r->data[r->pos + 1] != '\n')))
      r->line++;
    r->pos++;
  }
  if (r->pos >= r->len)
    return 0;

  buf_reset(&r->store);
  r->nfields = 0;
  row->line = r->line;
  size_t start = 0; /* where the current field begins in r->store */

  int quoted = 0, was_quoted = 0;
  const char *d = r->data;
  for (;;) {
    if (r->pos >= r->len) {
      if (quoted)
        return err_set(err, ERR_INPUT, "dòng %ld: dấu ngoặc kép mở nhưng không đóng", row->line),
               -1;
      break;
    }
    char c = d[r->pos];
    if (quoted) {
      if (c == '"') {
        if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
          if (buf_addc(&r->store, '"'))
            goto nomem;
          r->pos += 2;
        } else {
          quoted = 0;
          r->pos++;
        }
        continue;
      }
      if (c == '\n')
        r->line++;
      if (buf_addc(&r->store, c))
        goto nomem;
      r->pos++;
      continue;
    }
    if (c == '"' && !was_quoted && r->store.len == start) {
      quoted = was_quoted = 1;
      r->pos++;
      continue;
    }
    if (c == r->sep) {
      if (end_field(r, start))
        goto nomem;
      start = r->store.len;
      was_quoted = 0;
      r->pos++;
      continue;
    }
    if (c == '\r' || c == '\n') {
      r->pos++;
      if (c == '\r' && r->pos < r->len && d[r->pos] == '\n')
        r->pos++;
      r->line++;
      break;
    }
    if (buf_addc(&r->store, c))
      goto nomem;
    r->pos++;
  }
  if (end_field(r, start))
    goto nomem;
  int bad = check_row(r);
  if (bad < 0)
    goto nomem;
  row->fields = r->fields;
  row->n = r->nfields;
  row->issues = r->issues.items;
  row->n_issues = r->issues.n;
  if (bad) {
    cell_issues_refuse(&r->issues, row->line, err);
    return CSV_BAD_ROW;
  }
  return 1;
nomem:
  err_nomem(err);
  return -1;
}

int csv_column(const struct csv_row *header, const char *name)
{
  char *want = NULL;
  if (text_key(&want, name, NULL))
    return -1;
  int found = -1;
  for (size_t i = 0; i < header->n && found < 0; i++) {
    char *k = NULL;
    if (text_key(&k, header->fields[i], NULL) == ERR_OK && strcmp(k, want) == 0)
      found = (int)i;
    free(k);
  }
  free(want);
  return found;
}
