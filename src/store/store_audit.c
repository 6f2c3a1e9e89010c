/* store_audit.c: SQL for the append-only, hash-chained audit trail. */
#include "store/store_audit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "store/store.h"

#define AUDIT_COLS                                                                                 \
  "id, at, actor, role, scope, purpose, action, record_type, record_id, detail, prev_hash, hash "

static void copy_field(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src);
}

/* Copy column i into dst; 1 when the stored text does not fit or holds a
 * NUL: audit_record never writes such a value, and the cut copy would
 * hash like an untouched one. */
static int copy_column(char *dst, size_t n, struct stmt *s, int i)
{
  const char *t = db_col_text(s, i);
  size_t bytes = db_col_bytes(s, i);
  copy_field(dst, n, t);
  return bytes >= n || strlen(t) != bytes;
}

static void fill_entry(struct audit_entry *e, struct stmt *s, struct store *st)
{
  memset(e, 0, sizeof *e);
  e->chain = db_is_reads(st) ? AUDIT_CHAIN_READS : AUDIT_CHAIN_CHANGES;
  e->id = (long)db_col_int(s, 0);
  int bad = 0;
  bad |= copy_column(e->at, sizeof e->at, s, 1);
  bad |= copy_column(e->actor, sizeof e->actor, s, 2);
  bad |= copy_column(e->role, sizeof e->role, s, 3);
  bad |= copy_column(e->scope, sizeof e->scope, s, 4);
  bad |= copy_column(e->purpose, sizeof e->purpose, s, 5);
  bad |= copy_column(e->action, sizeof e->action, s, 6);
  bad |= copy_column(e->record_type, sizeof e->record_type, s, 7);
  e->record_id = (long)db_col_int(s, 8);
  bad |= copy_column(e->detail, sizeof e->detail, s, 9);
  bad |= copy_column(e->prev_hash, sizeof e->prev_hash, s, 10);
  bad |= copy_column(e->hash, sizeof e->hash, s, 11);
  e->overlong = bad;
}

/* Every row of the bound statement s into out (appended), s finalised. */
static int collect(struct audit_list *out, struct stmt *s, struct store *st, struct err *err)
{
  size_t cap = 0;
  int r, rc = ERR_OK;
  while ((r = db_step(s, err)) == 1) {
    struct audit_entry *p = array_grow(out->items, &cap, out->n + 1, sizeof *p);
    if (!p) {
      rc = err_nomem(err);
      break;
    }
    out->items = p;
    fill_entry(&out->items[out->n++], s, st);
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_audit_reads_schema(struct store *reads, struct err *err)
{
  /* the columns of audit_log in the main database (migration 003) */
  return db_exec(reads,
                 "CREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
                 "actor TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL, purpose TEXT NOT "
                 "NULL, action TEXT NOT NULL, record_type TEXT NOT NULL, record_id INTEGER NOT "
                 "NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
                 "CREATE INDEX IF NOT EXISTS audit_log_record ON audit_log (record_type, "
                 "record_id)",
                 err);
}

int store_audit_last(long *id, char *hash, struct store *st, struct err *err)
{
  *id = 0;
  hash[0] = '\0';
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", err);
  if (rc)
    return rc;
  int r = db_step(s, err);
  if (r == 1) {
    *id = (long)db_col_int(s, 0);
    copy_field(hash, AUDIT_HASH_HEX, db_col_text(s, 1));
  } else if (r < 0) {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

int store_audit_insert(struct store *st, const struct audit_entry *e, struct err *err)
{
  struct err local = {ERR_OK, ""};
  if (!err)
    err = &local;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO audit_log (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?)",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, e->id);
  db_bind_text(s, 2, e->at);
  db_bind_text(s, 3, e->actor);
  db_bind_text(s, 4, e->role);
  db_bind_text(s, 5, e->scope);
  db_bind_text(s, 6, e->purpose);
  db_bind_text(s, 7, e->action);
  db_bind_text(s, 8, e->record_type);
  db_bind_int(s, 9, e->record_id);
  db_bind_text(s, 10, e->detail);
  db_bind_text(s, 11, e->prev_hash);
  db_bind_text(s, 12, e->hash);
  if (db_step(s, err) < 0)
    rc = err && err->code ? err->code : ERR_DB;
  db_finalize(s);
  return rc;
}

int store_audit_rekey(struct store *st, long id, const char *prev_hash, const char *hash,
                      struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, prev_hash);
  db_bind_text(s, 2, hash);
  db_bind_int(s, 3, id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_audit_scan(struct store *st, int (*fn)(void *ctx, const struct audit_entry *e), void *ctx,
                     struct err *err)
{
  return store_audit_scan_from(st, LONG_MIN, fn, ctx, err); /* every row, even a forged id 0 */
}

int store_audit_scan_from(struct store *st, long from_id,
                          int (*fn)(void *ctx, const struct audit_entry *e), void *ctx,
                          struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT " AUDIT_COLS "FROM audit_log WHERE id >= ? ORDER BY id", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, from_id);
  struct audit_entry e;
  int r;
  while ((r = db_step(s, err)) == 1) {
    fill_entry(&e, s, st);
    rc = fn(ctx, &e);
    if (rc)
      break;
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_audit_list(struct audit_list *out, struct store *st, const char *record_type,
                     long record_id, size_t limit, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct stmt *s;
  /* Newest first with the limit, then reversed below so the caller reads in order. */
  int rc = db_prepare(&s, st,
                      record_type ? "SELECT " AUDIT_COLS "FROM audit_log WHERE record_type = ? "
                                    "AND record_id = ? ORDER BY id DESC LIMIT ?"
                                  : "SELECT " AUDIT_COLS "FROM audit_log ORDER BY id DESC LIMIT ?",
                      err);
  if (rc)
    return rc;
  int i = 1;
  if (record_type) {
    db_bind_text(s, i++, record_type);
    db_bind_int(s, i++, record_id);
  }
  db_bind_int(s, i, (long long)limit);
  rc = collect(out, s, st, err);
  if (rc) {
    audit_list_free(out);
    return rc;
  }
  for (size_t a = 0, b = out->n ? out->n - 1 : 0; a < b; a++, b--) {
    struct audit_entry t = out->items[a];
    out->items[a] = out->items[b];
    out->items[b] = t;
  }
  return ERR_OK;
}

int store_audit_find(struct audit_list *out, struct store *st, const struct audit_filter *f,
                     struct err *err)
{
  out->items = NULL;
  out->n = 0;
  /* every filter is in the statement, each one off when its value is NULL,
   * so the text is fixed and every value bound */
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT " AUDIT_COLS "FROM audit_log WHERE (?1 IS NULL OR actor = ?1) "
                      "AND (?2 IS NULL OR action = ?2) AND (?3 IS NULL OR (record_type = ?3 "
                      "AND record_id = ?4)) AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR "
                      "at < ?6) ORDER BY id DESC LIMIT ?7 OFFSET ?8",
                      err);
  if (rc)
    return rc;
  const char *texts[] = {f->actor, f->action, f->record_type};
  for (int i = 0; i < 3; i++)
    if (texts[i])
      db_bind_text(s, i + 1, texts[i]);
    else
      db_bind_null(s, i + 1);
  db_bind_int(s, 4, f->record_id);
  if (f->at_from)
    db_bind_text(s, 5, f->at_from);
  else
    db_bind_null(s, 5);
  if (f->at_to)
    db_bind_text(s, 6, f->at_to);
  else
    db_bind_null(s, 6);
  db_bind_int(s, 7, (long long)f->limit);
  db_bind_int(s, 8, (long long)f->offset);
  rc = collect(out, s, st, err);
  if (rc)
    audit_list_free(out);
  return rc;
}
