/* reg_import_json.c: an import's result as JSON (see reg_import_json.h). */
#include "output/reg_import_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The file column (0-based) whose header reads as `name` (text_key: case,
 * diacritics and punctuation aside, as the reader maps columns), or -1. */
static long file_column(const struct reg_import_result *res, const char *name, size_t len)
{
  char *want = NULL, *key = NULL, *copy = strndup(name, len);
  long found = -1;
  if (!copy || text_key(&want, copy, NULL)) {
    free(copy);
    return -1;
  }
  for (size_t j = 0; j < res->n_header && found < 0; j++) {
    if (strcmp(res->header[j], copy) == 0 ||
        (text_key(&key, res->header[j], NULL) == ERR_OK && strcmp(key, want) == 0))
      found = (long)j;
    free(key);
    key = NULL;
  }
  free(want);
  free(copy);
  return found;
}

/* When s begins by naming a column — "H: ", "H (cột N): " or "cột N: ",
 * H a header of the register or of the file — the 0-based column it names
 * (-1 when the file has no such column) in *col and 1; else 0. */
static int names_column(long *col, const struct reg_spec *spec, const struct reg_import_result *res,
                        const char *s)
{
  if (strncmp(s, "cột ", strlen("cột ")) == 0) {
    char *end = NULL;
    long n = strtol(s + strlen("cột "), &end, 10);
    if (n > 0 && end && end[0] == ':') {
      *col = n - 1;
      return 1;
    }
  }
  size_t nh = spec->n_cols + res->n_header;
  for (size_t i = 0; i < nh; i++) {
    const char *h = i < spec->n_cols ? spec->cols[i].header : res->header[i - spec->n_cols];
    size_t len = strlen(h);
    if (!len || strncmp(s, h, len) != 0)
      continue;
    const char *after = s + len;
    if (after[0] == ':') {
      *col = file_column(res, h, len);
      return 1;
    }
    if (strncmp(after, " (cột ", strlen(" (cột ")) == 0) {
      char *end = NULL;
      long n = strtol(after + strlen(" (cột "), &end, 10);
      if (n > 0 && end && strncmp(end, "):", 2) == 0) {
        *col = n - 1;
        return 1;
      }
    }
  }
  return 0;
}

void reg_problems_free(struct reg_problem *p, size_t n)
{
  for (size_t i = 0; p && i < n; i++)
    free(p[i].message);
  free(p);
}

int reg_problems_split(struct reg_problem **out, size_t *n, const struct reg_spec *spec,
                       const struct reg_import_result *res, const char *reason, struct err *err)
{
  *out = NULL;
  *n = 0;
  size_t cap = 1;
  for (const char *p = reason; (p = strstr(p, "; ")); p += 2)
    cap++;
  struct reg_problem *v = calloc(cap, sizeof *v);
  if (!v)
    return err_nomem(err);
  const char *start = reason;
  long col = -1;
  int named = names_column(&col, spec, res, start);
  for (;;) {
    /* the end of this part: the next "; " that starts a part naming a column */
    const char *end = start, *next = NULL;
    long ncol = -1;
    int nnamed = 0;
    while ((end = strstr(end, "; "))) {
      if ((nnamed = names_column(&ncol, spec, res, end + 2))) {
        next = end + 2;
        break;
      }
      end += 2;
    }
    size_t len = next ? (size_t)(end - start) : strlen(start);
    struct reg_problem *p = &v[*n];
    p->message = strndup(start, len);
    if (!p->message) {
      reg_problems_free(v, *n);
      return err_nomem(err);
    }
    p->column = named && col >= 0 ? col + 1 : 0;
    p->header = named && col >= 0 && (size_t)col < res->n_header ? res->header[col] : NULL;
    (*n)++;
    if (!next)
      break;
    start = next;
    col = ncol;
    named = nnamed;
  }
  *out = v;
  return ERR_OK;
}

/* A column and header as JSON: the number and text, or null for none. */
static int set_column(json_t *o, long column, const char *header)
{
  return json_object_set_new(o, "column", column ? json_integer(column) : json_null()) ||
         json_object_set_new(o, "header", header ? json_string(header) : json_null());
}

static json_t *reject_json(const struct reg_spec *spec, const struct reg_import_result *res,
                           const struct reg_reject *r)
{
  struct reg_problem *p = NULL;
  size_t n = 0;
  if (reg_problems_split(&p, &n, spec, res, r->reason, NULL))
    return NULL;
  json_t *o = json_object(), *list = json_array();
  int bad = !o || !list || json_object_set_new(o, "line", json_integer(r->line)) ||
            set_column(o, n ? p[0].column : 0, n ? p[0].header : NULL) ||
            json_object_set_new(o, "reason", json_string(r->reason));
  for (size_t i = 0; !bad && i < n; i++) {
    json_t *e = json_object();
    bad = !e || set_column(e, p[i].column, p[i].header) ||
          json_object_set_new(e, "message", json_string(p[i].message)) ||
          json_array_append_new(list, e);
  }
  reg_problems_free(p, n);
  if (bad || json_object_set(o, "problems", list)) {
    json_decref(list);
    json_decref(o);
    return NULL;
  }
  json_decref(list);
  return o;
}

json_t *reg_import_json(const struct reg_spec *spec, const struct reg_import_result *res,
                        int dry_run)
{
  json_t *o = json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I}", "register", spec->name, "dry_run", dry_run,
                        "read", (json_int_t)res->rows, "added", (json_int_t)res->inserted,
                        "updated", (json_int_t)res->updated, "unchanged",
                        (json_int_t)res->unchanged, "rejected", (json_int_t)res->n_rejects);
  json_t *rejects = json_array(), *notes = json_array();
  int bad = !o || !rejects || !notes;
  for (size_t i = 0; !bad && i < res->n_rejects; i++)
    bad = json_array_append_new(rejects, reject_json(spec, res, &res->rejects[i])) != 0;
  for (size_t i = 0; !bad && i < res->n_notes; i++)
    bad =
        json_array_append_new(notes, json_pack("{s:I,s:s}", "line", (json_int_t)res->notes[i].line,
                                               "text", res->notes[i].text)) != 0;
  if (bad) {
    json_decref(rejects);
    json_decref(notes);
    json_decref(o);
    return NULL;
  }
  /* each set_new takes its value, also when it fails */
  bad = json_object_set_new(o, "rejects", rejects);
  bad |= json_object_set_new(o, "notes", notes);
  bad |= json_object_set_new(o, "notes_more", json_integer((json_int_t)res->notes_over));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}
