/* store_units.c: SQL for administrative units, trees, versions and succession. */
#include "store/store_units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

#define OPEN_FROM "0001-01-01"
#define OPEN_TO   "9999-12-31"

static const char *or_open(const char *d, const char *open)
{
  return d && *d ? d : open;
}

int store_unit_tree_put(struct store *st, const char *tree, const char *from, const char *to,
                        const char *description, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO unit_tree (tree, valid_from, valid_to, description) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (tree) DO UPDATE SET "
                      "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
                      "description = excluded.description",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  db_bind_text(s, 2, or_open(from, OPEN_FROM));
  db_bind_text(s, 3, or_open(to, OPEN_TO));
  db_bind_text(s, 4, description);
  rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  db_finalize(s);
  return rc;
}

/* The word-start suffixes of the version's name key, for store_unit_search. */
static int put_words(struct store *st, const struct store_unit_row *r, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO unit_word (word_key, version_id) "
                      "SELECT ?, v.id FROM unit_version v JOIN unit u ON u.id = v.unit_id "
                      "WHERE u.tree = ? AND u.code = ? AND v.valid_from = ? "
                      "ON CONFLICT (word_key, version_id) DO NOTHING",
                      err);
  if (rc)
    return rc;
  const char *k = r->name_key;
  for (const char *p = k; *p && rc == ERR_OK; p++) {
    if (p != k && p[-1] != ' ')
      continue;
    db_reset(s);
    db_bind_text(s, 1, p);
    db_bind_text(s, 2, r->tree);
    db_bind_text(s, 3, r->code);
    db_bind_text(s, 4, or_open(r->version_from, OPEN_FROM));
    rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  }
  db_finalize(s);
  return rc;
}

int store_unit_put(struct store *st, const struct store_unit_row *r, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO unit (tree, code, level, parent_id, valid_from, valid_to) "
                      "VALUES (?, ?, ?, (SELECT id FROM unit WHERE tree = ? AND code = ?), ?, ?) "
                      "ON CONFLICT (tree, code) DO UPDATE SET level = excluded.level, "
                      "parent_id = excluded.parent_id, valid_from = excluded.valid_from, "
                      "valid_to = excluded.valid_to",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, r->tree);
  db_bind_text(s, 2, r->code);
  db_bind_int(s, 3, r->level);
  db_bind_text(s, 4, r->tree);
  db_bind_text(s, 5, r->parent_code ? r->parent_code : "");
  db_bind_text(s, 6, or_open(r->unit_from, OPEN_FROM));
  db_bind_text(s, 7, or_open(r->unit_to, OPEN_TO));
  rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  db_finalize(s);
  if (rc)
    return rc;
  if (r->level > 1 && r->parent_code && *r->parent_code) {
    /* The parent sub-select yields NULL for an unknown parent: refuse it. */
    rc = db_prepare(
        &s, st, "SELECT count(*) FROM unit WHERE tree = ? AND code = ? AND parent_id IS NULL", err);
    if (rc)
      return rc;
    db_bind_text(s, 1, r->tree);
    db_bind_text(s, 2, r->code);
    int orphan = db_step(s, err) == 1 && db_col_int(s, 0) > 0;
    db_finalize(s);
    if (orphan)
      return err_set(err, ERR_INPUT, "đơn vị %s (%s): không có đơn vị cấp trên mã %s", r->code,
                     r->tree, r->parent_code);
  }
  rc = db_prepare(
      &s, st,
      "INSERT INTO unit_version (unit_id, valid_from, valid_to, name, type, name_key, "
      "type_key, sort_key, source) "
      "VALUES ((SELECT id FROM unit WHERE tree = ? AND code = ?), ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (unit_id, valid_from) DO UPDATE SET valid_to = excluded.valid_to, "
      "name = excluded.name, type = excluded.type, name_key = excluded.name_key, "
      "type_key = excluded.type_key, sort_key = excluded.sort_key, "
      "source = excluded.source",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, r->tree);
  db_bind_text(s, 2, r->code);
  db_bind_text(s, 3, or_open(r->version_from, OPEN_FROM));
  db_bind_text(s, 4, or_open(r->version_to, OPEN_TO));
  db_bind_text(s, 5, r->name);
  db_bind_text(s, 6, r->type);
  db_bind_text(s, 7, r->name_key);
  db_bind_text(s, 8, r->type_key);
  db_bind_blob(s, 9, r->sort_key, r->sort_key_len);
  db_bind_text(s, 10, r->source);
  rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  db_finalize(s);
  if (rc)
    return rc;
  return put_words(st, r, err);
}

int store_unit_succession_put(struct store *st, const char *old_tree, const char *old_code,
                              const char *new_tree, const char *new_code, const char *kind,
                              const char *effective_on, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO unit_succession (old_id, new_id, kind, effective_on) "
                      "SELECT o.id, n.id, ?, ? FROM unit o, unit n "
                      "WHERE o.tree = ? AND o.code = ? AND n.tree = ? AND n.code = ? "
                      "ON CONFLICT (old_id, new_id) DO UPDATE SET kind = excluded.kind, "
                      "effective_on = excluded.effective_on",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, kind);
  db_bind_text(s, 2, effective_on);
  db_bind_text(s, 3, old_tree);
  db_bind_text(s, 4, old_code);
  db_bind_text(s, 5, new_tree);
  db_bind_text(s, 6, new_code);
  rc = db_step(s, err) < 0 ? ERR_DB : ERR_OK;
  if (!rc && db_changes(st) == 0)
    rc = err_set(err, ERR_INPUT, "kế thừa %s -> %s: không có đơn vị mã này", old_code, new_code);
  db_finalize(s);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------- */

/* The columns every unit query selects, in the order fill_unit reads them. */
#define UNIT_COLS                                                                                  \
  "u.id, u.tree, u.code, v.name, v.type, u.level, coalesce(p.code, ''), u.valid_from, "            \
  "u.valid_to "
#define UNIT_FROM                                                                                  \
  "FROM unit u JOIN unit_version v ON v.unit_id = u.id LEFT JOIN unit p ON p.id = u.parent_id "

static void copy_field(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src);
}

static void copy_date(char *dst, size_t n, const char *src)
{
  if (strcmp(src, OPEN_FROM) == 0 || strcmp(src, OPEN_TO) == 0)
    src = "";
  copy_field(dst, n, src);
}

static void fill_unit(struct unit *u, struct stmt *s)
{
  memset(u, 0, sizeof *u);
  u->id = (long)db_col_int(s, 0);
  copy_field(u->tree, sizeof u->tree, db_col_text(s, 1));
  copy_field(u->code, sizeof u->code, db_col_text(s, 2));
  copy_field(u->name, sizeof u->name, db_col_text(s, 3));
  copy_field(u->type, sizeof u->type, db_col_text(s, 4));
  u->level = (int)db_col_int(s, 5);
  copy_field(u->parent_code, sizeof u->parent_code, db_col_text(s, 6));
  copy_date(u->valid_from, sizeof u->valid_from, db_col_text(s, 7));
  copy_date(u->valid_to, sizeof u->valid_to, db_col_text(s, 8));
}

static int list_push(struct unit_list *l, size_t *cap, struct stmt *s)
{
  if (l->n == *cap) {
    size_t c = *cap ? *cap * 2 : 16;
    struct unit *p = realloc(l->items, c * sizeof *p);
    if (!p)
      return ERR_NOMEM;
    l->items = p;
    *cap = c;
  }
  fill_unit(&l->items[l->n++], s);
  return ERR_OK;
}

int store_unit_search(struct unit_list *out, int **scores, struct store *st, const char *key,
                      const char *rest, const char *type_key, const char *at, size_t limit,
                      struct err *err)
{
  out->items = NULL;
  out->n = 0;
  *scores = NULL;
  int typed = rest && type_key && *rest;
  char sql[1400];
  /* Candidates come from an index range on unit_word (every name suffix that
   * starts a word): word_key >= prefix AND word_key < prefix + U+10FFFF,
   * which holds for byte-wise (BINARY / "C") collation. The CASE then ranks
   * them: 0 exact name, 1 name starts with the query, 2 a later word does. */
  snprintf(sql, sizeof sql,
           "SELECT " UNIT_COLS ", CASE WHEN v.name_key = ?1%s THEN 0 "
           "WHEN v.name_key LIKE ?1 || '%%'%s THEN 1 ELSE 2 END AS score " UNIT_FROM
           "WHERE v.id IN (SELECT version_id FROM unit_word WHERE word_key >= ?1 AND word_key < ?6"
           "%s) %s"
           "ORDER BY score, u.level, u.valid_to DESC, v.sort_key, u.tree DESC LIMIT ?5",
           typed ? " OR (v.type_key = ?3 AND v.name_key = ?2)" : "",
           typed ? " OR (v.type_key = ?3 AND v.name_key LIKE ?2 || '%')" : "",
           typed ? " UNION SELECT w.version_id FROM unit_word w JOIN unit_version t "
                   "ON t.id = w.version_id WHERE w.word_key >= ?2 AND w.word_key < ?7 "
                   "AND t.type_key = ?3"
                 : "",
           at ? "AND v.valid_from <= ?4 AND ?4 <= v.valid_to " : "");
  char key_end[300], rest_end[300];
  snprintf(key_end, sizeof key_end, "%s\xF4\x8F\xBF\xBF", key);
  snprintf(rest_end, sizeof rest_end, "%s\xF4\x8F\xBF\xBF", typed ? rest : "");
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, key);
  if (typed) {
    db_bind_text(s, 2, rest);
    db_bind_text(s, 3, type_key);
  }
  if (at)
    db_bind_text(s, 4, at);
  db_bind_int(s, 5, (long long)limit);
  db_bind_text(s, 6, key_end);
  if (typed)
    db_bind_text(s, 7, rest_end);
  size_t cap = 0, scap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (list_push(out, &cap, s)) {
      rc = err_nomem(err);
      break;
    }
    if (out->n > scap) {
      scap = cap;
      int *p = realloc(*scores, scap * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      *scores = p;
    }
    (*scores)[out->n - 1] = (int)db_col_int(s, 9);
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc) {
    unit_list_free(out);
    free(*scores);
    *scores = NULL;
  }
  return rc;
}

int store_unit_get(struct unit *out, struct store *st, const char *tree, const char *code,
                   const char *at, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      at ? "SELECT " UNIT_COLS UNIT_FROM "WHERE u.tree = ? AND u.code = ? "
                           "AND v.valid_from <= ? AND ? <= v.valid_to"
                         : "SELECT " UNIT_COLS UNIT_FROM "WHERE u.tree = ? AND u.code = ? "
                           "ORDER BY v.valid_from DESC LIMIT 1",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  db_bind_text(s, 2, code);
  if (at) {
    db_bind_text(s, 3, at);
    db_bind_text(s, 4, at);
  }
  int r = db_step(s, err);
  if (r == 1)
    fill_unit(out, s);
  else if (r == 0)
    rc = at ? err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s) vào ngày %s", code, tree,
                      at)
            : err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s)", code, tree);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* Every row of the bound statement s (UNIT_COLS) into out, s finalised;
 * out is freed on failure. */
static int collect(struct unit_list *out, struct stmt *s, struct err *err)
{
  size_t cap = 0;
  int r, rc = ERR_OK;
  while ((r = db_step(s, err)) == 1)
    if (list_push(out, &cap, s)) {
      rc = err_nomem(err);
      break;
    }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    unit_list_free(out);
  return rc;
}

int store_unit_provinces(struct unit_list *out, struct store *st, const char *tree, const char *at,
                         struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT " UNIT_COLS UNIT_FROM "WHERE u.tree = ? AND u.parent_id IS NULL "
                      "AND v.valid_from <= ? AND ? <= v.valid_to ORDER BY v.sort_key",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  db_bind_text(s, 2, at);
  db_bind_text(s, 3, at);
  return collect(out, s, err);
}

int store_unit_subtree(struct unit_list *out, struct store *st, const char *tree, const char *code,
                       const char *at, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  /* WITH RECURSIVE is standard SQL (SQLite and PostgreSQL). Without a date
   * each unit shows its latest version. */
  const char *sql =
      at ? "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE tree = ? AND code = ? "
           "UNION ALL SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id) "
           "SELECT " UNIT_COLS UNIT_FROM "JOIN sub ON sub.id = u.id "
           "WHERE v.valid_from <= ? AND ? <= v.valid_to ORDER BY u.level, v.sort_key"
         : "WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE tree = ? AND code = ? "
           "UNION ALL SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id) "
           "SELECT " UNIT_COLS UNIT_FROM "JOIN sub ON sub.id = u.id "
           "WHERE v.valid_from = (SELECT max(w.valid_from) FROM unit_version w "
           "WHERE w.unit_id = u.id) ORDER BY u.level, v.sort_key";
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  db_bind_text(s, 2, code);
  if (at) {
    db_bind_text(s, 3, at);
    db_bind_text(s, 4, at);
  }
  return collect(out, s, err);
}

int store_unit_successors(struct unit_successor_list *out, struct store *st, const char *code,
                          struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct stmt *s;
  int rc = db_prepare(
      &s, st,
      "SELECT " UNIT_COLS ", s.kind, o.code, o.level "
      "FROM unit o JOIN unit_succession s ON s.old_id = o.id "
      "JOIN unit u ON u.id = s.new_id JOIN unit_version v ON v.unit_id = u.id "
      "LEFT JOIN unit p ON p.id = u.parent_id "
      "WHERE o.tree = ? AND (o.code = ? OR o.parent_id = (SELECT id FROM unit WHERE tree = ? AND "
      "code = ? AND level = 2)) "
      "AND v.valid_from = (SELECT max(w.valid_from) FROM unit_version w WHERE w.unit_id = u.id) "
      "ORDER BY u.level, v.sort_key, o.code",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, UNIT_TREE_OLD);
  db_bind_text(s, 2, code);
  db_bind_text(s, 3, UNIT_TREE_OLD);
  db_bind_text(s, 4, code);
  size_t cap = 0;
  int r, all_full = 1; /* every row seen was a full succession */
  while ((r = db_step(s, err)) == 1) {
    if (strcmp(db_col_text(s, 9), "full") != 0)
      all_full = 0;
    long id = (long)db_col_int(s, 0);
    size_t i;
    for (i = 0; i < out->n && out->items[i].unit.id != id; i++)
      ;
    if (i < out->n) {
      /* A new unit reached through several old communes of one district:
       * it took only part of the district unless it is the only successor. */
      copy_field(out->items[i].kind, sizeof out->items[i].kind, "partial");
      continue;
    }
    if (out->n == cap) {
      cap = cap ? cap * 2 : 8;
      struct unit_successor *p = realloc(out->items, cap * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    struct unit_successor *it = &out->items[out->n++];
    fill_unit(&it->unit, s);
    copy_field(it->kind, sizeof it->kind, db_col_text(s, 9));
    int via_commune = strcmp(db_col_text(s, 10), code) != 0;
    copy_field(it->via, sizeof it->via, via_commune ? db_col_text(s, 10) : "");
    if (via_commune)
      copy_field(it->kind, sizeof it->kind, "partial");
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  /* A district whose communes all went whole into one new unit went there whole. */
  if (!rc && out->n == 1 && out->items[0].via[0] && all_full)
    copy_field(out->items[0].kind, sizeof out->items[0].kind, "full");
  if (rc)
    unit_successor_list_free(out);
  return rc;
}

int store_unit_same_territory(int *out, struct store *st, long old_id, long new_id, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT (SELECT count(*) FROM unit_succession WHERE old_id = ?1), "
                      "(SELECT count(*) FROM unit_succession WHERE new_id = ?2), "
                      "(SELECT count(*) FROM unit_succession WHERE old_id = ?1 AND new_id = ?2 "
                      "AND kind = 'full')",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, old_id);
  db_bind_int(s, 2, new_id);
  if (db_step(s, err) == 1)
    *out = db_col_int(s, 0) == 1 && db_col_int(s, 1) == 1 && db_col_int(s, 2) == 1;
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_unit_count(long *out, struct store *st, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT count(*) FROM unit", err);
  if (rc)
    return rc;
  if (db_step(s, err) == 1)
    *out = (long)db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}
