/* unit_import.c: load the official unit lists (data/units) into the store.
 *
 * All rows of all files are read and checked first, then written in one
 * transaction, parents before children, so a bad file changes nothing. */
#include "ingest/unit_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/unit.h"
#include "ingest/csv.h"
#include "store/store.h"
#include "store/store_units.h"

#define REFORM_LAST_OLD  "2025-06-30"
#define REFORM_FIRST_NEW "2025-07-01"

const char *unit_import_default_dir(void)
{
  static char path[4096];
  const char *env = getenv("PCMT_DATA_DIR");
  snprintf(path, sizeof path, "%s/units", env && *env ? env : PCMT_DATA_DIR);
  return path;
}

/* One unit row as read from a file, owned strings. */
struct row {
  char *code, *name, *type, *parent;
  int level;
};

/* One dated change of a unit of the new tree. */
struct change {
  char *code, *name, *type, *source;
  char on[DATE_ISO_LEN];
};

struct rows {
  struct row *items;
  size_t n, cap;
};

struct changes {
  struct change *items;
  size_t n, cap;
};

static void rows_free(struct rows *r)
{
  for (size_t i = 0; i < r->n; i++) {
    free(r->items[i].code);
    free(r->items[i].name);
    free(r->items[i].type);
    free(r->items[i].parent);
  }
  free(r->items);
}

static void changes_free(struct changes *c)
{
  for (size_t i = 0; i < c->n; i++) {
    free(c->items[i].code);
    free(c->items[i].name);
    free(c->items[i].type);
    free(c->items[i].source);
  }
  free(c->items);
}

static int all_digits(const char *s, size_t len)
{
  if (strlen(s) != len)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

/* Expected code length per level in each tree. */
static size_t code_len(const char *tree, int level)
{
  if (level == 1)
    return 2;
  if (strcmp(tree, UNIT_TREE_OLD) == 0)
    return level == 2 ? 3 : 5;
  return 5;
}

/* Columns the unit files must have, by header name. */
enum { C_CODE, C_NAME, C_TYPE, C_LEVEL, C_PARENT, N_UNIT_COLS };
static const char *unit_cols[N_UNIT_COLS] = {"code", "name", "type", "level", "parent_code"};

static int read_header(int *idx, const char **names, int n, struct csv_reader *r, const char *path,
                       struct err *err)
{
  struct csv_row h;
  int got = csv_next(r, &h, err);
  if (got <= 0)
    return got < 0 ? ERR_INPUT : err_set(err, ERR_INPUT, "tệp \"%s\" trống", path);
  for (int i = 0; i < n; i++) {
    idx[i] = csv_column(&h, names[i]);
    if (idx[i] < 0)
      return err_set(err, ERR_INPUT, "tệp \"%s\": thiếu cột \"%s\"", path, names[i]);
  }
  return ERR_OK;
}

static int read_units(struct rows *out, const char *path, const char *tree, struct err *err)
{
  struct csv_reader r;
  int rc = csv_open_file(&r, path, err);
  if (rc)
    return rc;
  int idx[N_UNIT_COLS];
  rc = read_header(idx, unit_cols, N_UNIT_COLS, &r, path, err);
  struct csv_row row;
  int got;
  while (!rc && (got = csv_next(&r, &row, err)) == 1) {
    for (int i = 0; i < N_UNIT_COLS; i++)
      if ((size_t)idx[i] >= row.n) {
        rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: thiếu cột \"%s\"", path, row.line,
                     unit_cols[i]);
        break;
      }
    if (rc)
      break;
    const char *code = row.fields[idx[C_CODE]], *lv = row.fields[idx[C_LEVEL]];
    int level = (lv[0] >= '1' && lv[0] <= '3' && !lv[1]) ? lv[0] - '0' : 0;
    if (!level)
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: cấp \"%s\" không hợp lệ", path, row.line,
                   lv);
    else if (!all_digits(code, code_len(tree, level)))
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: mã \"%s\" không hợp lệ cho cấp %d", path,
                   row.line, code, level);
    else if (!*row.fields[idx[C_NAME]] || !*row.fields[idx[C_TYPE]])
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: thiếu tên hoặc loại đơn vị", path,
                   row.line);
    else if (strlen(row.fields[idx[C_NAME]]) >= sizeof(((struct unit *)0)->name) ||
             strlen(row.fields[idx[C_TYPE]]) >= sizeof(((struct unit *)0)->type))
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: tên hoặc loại quá dài", path, row.line);
    else if ((level == 1) != (*row.fields[idx[C_PARENT]] == '\0'))
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: đơn vị cấp %d %s mã cấp trên", path,
                   row.line, level, level == 1 ? "không được có" : "phải có");
    if (rc)
      break;
    if (out->n == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 1024;
      struct row *p = realloc(out->items, out->cap * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    struct row *it = &out->items[out->n];
    memset(it, 0, sizeof *it);
    it->level = level;
    it->code = strdup(code);
    it->parent = strdup(row.fields[idx[C_PARENT]]);
    it->type = NULL;
    it->name = NULL;
    if (it->code && it->parent) {
      rc = text_nfc(&it->name, row.fields[idx[C_NAME]], err);
      if (!rc)
        rc = text_nfc(&it->type, row.fields[idx[C_TYPE]], err);
    } else {
      rc = err_nomem(err);
    }
    out->n++;
  }
  if (!rc && got < 0)
    rc = ERR_INPUT;
  csv_close(&r);
  return rc;
}

enum { H_TREE, H_CODE, H_ON, H_NAME, H_TYPE, H_SOURCE, N_CHANGE_COLS };
static const char *change_cols[N_CHANGE_COLS] = {"tree", "code", "effective_on",
                                                 "name", "type", "source"};

static int read_changes(struct changes *out, const char *path, struct err *err)
{
  struct csv_reader r;
  int rc = csv_open_file(&r, path, err);
  if (rc)
    return rc;
  int idx[N_CHANGE_COLS];
  rc = read_header(idx, change_cols, N_CHANGE_COLS, &r, path, err);
  struct csv_row row;
  int got = 0;
  while (!rc && (got = csv_next(&r, &row, err)) == 1) {
    for (int i = 0; i < N_CHANGE_COLS && !rc; i++)
      if ((size_t)idx[i] >= row.n)
        rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: thiếu cột \"%s\"", path, row.line,
                     change_cols[i]);
    if (rc)
      break;
    if (strcmp(row.fields[idx[H_TREE]], UNIT_TREE_NEW) != 0) {
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: chỉ nhận thay đổi của hệ %s", path,
                   row.line, UNIT_TREE_NEW);
      break;
    }
    struct date d;
    if (date_parse(&d, row.fields[idx[H_ON]], 0, err)) {
      char cause[ERR_MSG_MAX];
      snprintf(cause, sizeof cause, "%s", err ? err->msg : "");
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: %s", path, row.line, cause);
      break;
    }
    if (out->n == out->cap) {
      out->cap = out->cap ? out->cap * 2 : 16;
      struct change *p = realloc(out->items, out->cap * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    struct change *c = &out->items[out->n++];
    memset(c, 0, sizeof *c);
    date_to_iso(c->on, d);
    c->code = strdup(row.fields[idx[H_CODE]]);
    c->source = strdup(row.fields[idx[H_SOURCE]]);
    rc = text_nfc(&c->name, row.fields[idx[H_NAME]], err);
    if (!rc)
      rc = text_nfc(&c->type, row.fields[idx[H_TYPE]], err);
    if (!rc && (!c->code || !c->source))
      rc = err_nomem(err);
  }
  if (!rc && got < 0)
    rc = ERR_INPUT;
  csv_close(&r);
  return rc;
}

/* Write one version of a unit with its keys. */
static int put_version(struct store *st, const char *tree, const struct row *u,
                       const char *unit_from, const char *unit_to, const char *from, const char *to,
                       const char *name, const char *type, const char *source, struct err *err)
{
  char *name_key = NULL, *type_key = NULL;
  unsigned char *sort_key = NULL;
  size_t sort_len = 0;
  int rc = text_key(&name_key, name, err);
  if (!rc)
    rc = text_key(&type_key, type, err);
  if (!rc)
    rc = text_collate_key(&sort_key, &sort_len, name, err);
  if (!rc) {
    struct store_unit_row r = {
        .tree = tree,
        .code = u->code,
        .parent_code = u->parent,
        .level = u->level,
        .unit_from = unit_from,
        .unit_to = unit_to,
        .version_from = from,
        .version_to = to,
        .name = name,
        .type = type,
        .name_key = name_key,
        .type_key = type_key,
        .sort_key = sort_key,
        .sort_key_len = sort_len,
        .source = source,
    };
    rc = store_unit_put(st, &r, err);
  }
  free(name_key);
  free(type_key);
  free(sort_key);
  return rc;
}

/* Write the units of one tree, level by level; dated changes split the
 * versions of the new tree. */
static int put_tree(struct store *st, const char *tree, const struct rows *rows,
                    const struct changes *ch, const char *from, const char *to, const char *source,
                    struct unit_import_stats *stats, struct err *err)
{
  for (int level = 1; level <= 3; level++) {
    for (size_t i = 0; i < rows->n; i++) {
      const struct row *u = &rows->items[i];
      if (u->level != level)
        continue;
      const char *vfrom = from, *name = u->name, *type = u->type, *src = source;
      int rc = ERR_OK;
      /* Changes are in date order per unit; each closes the version before it. */
      for (size_t c = 0; ch && c < ch->n && !rc; c++) {
        if (strcmp(ch->items[c].code, u->code) != 0)
          continue;
        struct date d;
        char before[DATE_ISO_LEN];
        date_parse(&d, ch->items[c].on, 0, NULL);
        date_to_iso(before, date_add_days(d, -1));
        rc = put_version(st, tree, u, from, to, vfrom, before, name, type, src, err);
        stats->versions++;
        vfrom = ch->items[c].on;
        name = ch->items[c].name;
        type = ch->items[c].type;
        src = ch->items[c].source;
      }
      if (!rc)
        rc = put_version(st, tree, u, from, to, vfrom, to, name, type, src, err);
      if (rc)
        return rc;
      stats->versions++;
      stats->units++;
    }
  }
  return ERR_OK;
}

static int put_successions(struct store *st, const char *path, struct unit_import_stats *stats,
                           struct err *err)
{
  struct csv_reader r;
  int rc = csv_open_file(&r, path, err);
  if (rc)
    return rc;
  static const char *cols[] = {"old_code", "new_code", "kind"};
  int idx[3];
  rc = read_header(idx, cols, 3, &r, path, err);
  struct csv_row row;
  int got = 0;
  while (!rc && (got = csv_next(&r, &row, err)) == 1) {
    if ((size_t)idx[0] >= row.n || (size_t)idx[1] >= row.n || (size_t)idx[2] >= row.n) {
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: thiếu cột", path, row.line);
      break;
    }
    const char *kind = row.fields[idx[2]];
    if (strcmp(kind, "full") != 0 && strcmp(kind, "partial") != 0) {
      rc = err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: kiểu kế thừa \"%s\" không hợp lệ", path,
                   row.line, kind);
      break;
    }
    rc = store_unit_succession_put(st, UNIT_TREE_OLD, row.fields[idx[0]], UNIT_TREE_NEW,
                                   row.fields[idx[1]], kind, REFORM_FIRST_NEW, err);
    if (rc) {
      char cause[ERR_MSG_MAX];
      snprintf(cause, sizeof cause, "%s", err ? err->msg : "");
      rc = err_set(err, rc, "tệp \"%s\", dòng %ld: %s", path, row.line, cause);
    }
    stats->successions++;
  }
  if (!rc && got < 0)
    rc = ERR_INPUT;
  csv_close(&r);
  return rc;
}

int unit_import(struct store *st, const char *dir, struct unit_import_stats *stats, struct err *err)
{
  struct unit_import_stats local = {0};
  if (!dir)
    dir = unit_import_default_dir();
  char p_old[4200], p_new[4200], p_succ[4200], p_chg[4200];
  snprintf(p_old, sizeof p_old, "%s/units-until-2025-06-30.csv", dir);
  snprintf(p_new, sizeof p_new, "%s/units-from-2025-07-01.csv", dir);
  snprintf(p_succ, sizeof p_succ, "%s/succession-2025-07-01.csv", dir);
  snprintf(p_chg, sizeof p_chg, "%s/changes.csv", dir);

  struct rows old_rows = {0}, new_rows = {0};
  struct changes changes = {0};
  int rc = read_units(&old_rows, p_old, UNIT_TREE_OLD, err);
  if (!rc)
    rc = read_units(&new_rows, p_new, UNIT_TREE_NEW, err);
  if (!rc)
    rc = read_changes(&changes, p_chg, err);
  if (!rc) {
    rc = store_unit_tree_put(st, UNIT_TREE_OLD, "", REFORM_LAST_OLD,
                             "tỉnh - huyện - xã, đến hết 30/6/2025", err);
    if (!rc)
      rc = store_unit_tree_put(st, UNIT_TREE_NEW, REFORM_FIRST_NEW, "", "tỉnh - xã, từ 01/7/2025",
                               err);
    if (!rc)
      rc = put_tree(st, UNIT_TREE_OLD, &old_rows, NULL, "", REFORM_LAST_OLD,
                    "TCTK 1/3/2025 (dvhcvn/20250701)", &local, err);
    if (!rc)
      rc = put_tree(st, UNIT_TREE_NEW, &new_rows, &changes, REFORM_FIRST_NEW, "",
                    "TCTK 1027/CTK-CSCL (dvhcvn/20250701)", &local, err);
    if (!rc)
      rc = put_successions(st, p_succ, &local, err);
  }
  rows_free(&old_rows);
  rows_free(&new_rows);
  changes_free(&changes);
  if (!rc && stats)
    *stats = local;
  return rc;
}
