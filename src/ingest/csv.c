/* csv.c: the CSV reader. One pass over the bytes, no backtracking; fields
 * are copied into one growable buffer per row so that rows can be handed out
 * without an allocation per field. */
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
  r->line = 1;
  buf_init(&r->store, 0);
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    r->pos = 3;
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
  FILE *f = fopen(path, "rb");
  if (!f)
    return err_set(err, ERR_IO, "không mở được tệp \"%s\"", path);
  struct buf b;
  buf_init(&b, CSV_FILE_MAX);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (buf_add(&b, chunk, n))
      break;
  int bad = ferror(f);
  fclose(f);
  if (bad || buf_failed(&b)) {
    buf_free(&b);
    return err_set(err, bad ? ERR_IO : ERR_NOMEM, "không đọc được tệp \"%s\"", path);
  }
  size_t len = b.len;
  char *data = buf_detach(&b);
  if (!data)
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi đọc \"%s\"", path);
  return csv_open_mem(r, data, len, err);
}

void csv_close(struct csv_reader *r)
{
  if (!r)
    return;
  free(r->data);
  free(r->fields);
  free(r->offs);
  buf_free(&r->store);
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

int csv_next(struct csv_reader *r, struct csv_row *row, struct err *err)
{
  row->fields = NULL;
  row->n = 0;
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
  for (size_t i = 0; i < r->nfields; i++) {
    r->fields[i] = r->store.data + r->offs[i];
    if (!text_utf8_valid(r->fields[i], strlen(r->fields[i])))
      return err_set(err, ERR_INPUT, "dòng %ld, cột %zu: văn bản không phải UTF-8 hợp lệ",
                     row->line, i + 1),
             -1;
  }
  row->fields = r->fields;
  row->n = r->nfields;
  return 1;
nomem:
  err_set(err, ERR_NOMEM, "dòng %ld: hết bộ nhớ", row->line);
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
