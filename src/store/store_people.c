/* store_people.c: SQL for people, their events and duplicates, the unit scope closure
 * and legal rules.
 *
 * Access paths. A name search turns the query into a prefix range on
 * person_search_key (every word-boundary suffix of each name key), so
 * "van dung" and "dung" hit "nguyen van dung" through one B-tree range, in
 * any SQL database (no FTS). How the rows are reached depends on sizes
 * measured first with a bounded count (at most DRIVE_MAX + 1 index entries):
 *  - a selective name range drives: its people are fetched by id and sorted;
 *  - else a small territory drives: its units' people are fetched and sorted;
 *  - else the sort-key index is walked in order and each row is checked
 *    (name and territory both common, so the LIMIT is reached quickly).
 * The territory check is one probe of unit_scope (scope unit, residence unit)
 * per row; the national scope needs none. */
#include "store/store_people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "types/audit.h"
#include "types/unit.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_person_digest.h"

#define DRIVE_MAX 4000               /* a driving set up to this size is fetched and sorted */
#define KEY_HIGH  "\xF4\x8F\xBF\xBF" /* U+10FFFF: after any character a key can hold */

static void copy_field(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src);
}

/* Give a function that needs the code db_step leaves in err (ERR_CONFLICT for
 * a constraint) an err of its own when the caller passed NULL. */
#define NEED_ERR(err)                                                                              \
  struct err need_err_local = {ERR_OK, ""};                                                        \
  if (!(err))                                                                                      \
  (err) = &need_err_local

/* The error code db_step left in err (ERR_CONFLICT for a constraint), else ERR_DB. */
static int step_failed(struct err *err)
{
  return err && err->code ? err->code : ERR_DB;
}

static int check_scope(const struct scope *sc, int write, struct err *err)
{
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  if (!(write ? scope_may_write_people(sc) : scope_may_read_people(sc)))
    return err_set(err, ERR_DENIED, "vai trò %s không được %s hồ sơ cá nhân",
                   scope_role_name(sc->role), write ? "thay đổi" : "xem");
  return ERR_OK;
}

/* The territory check on person alias p, with one parameter (the scope unit);
 * "" for the national scope. */
static const char *scope_check_sql(const struct scope *sc)
{
  return sc->unit_id > 0
             ? " AND EXISTS (SELECT 1 FROM unit_scope s WHERE s.scope_id = ? AND s.unit_id = "
               "p.unit_id)"
             : "";
}

/* ---------------------------------------------------------------------------
 * Scope closure
 * ------------------------------------------------------------------------- */

static int scope_signature(char *buf, size_t n, struct store *st, struct err *err)
{
  struct stmt *s;
  int rc =
      db_prepare(&s, st,
                 "SELECT (SELECT count(*) FROM unit), (SELECT coalesce(sum(parent_id), 0) FROM "
                 "unit), (SELECT count(*) FROM unit_succession), "
                 "(SELECT coalesce(sum(old_id * 3 + new_id), 0) FROM unit_succession)",
                 err);
  if (rc)
    return rc;
  if (db_step(s, err) == 1)
    snprintf(buf, n, "units=%lld parents=%lld successions=%lld links=%lld", db_col_int(s, 0),
             db_col_int(s, 1), db_col_int(s, 2), db_col_int(s, 3));
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

static int stored_signature(char *buf, size_t n, struct store *st, struct err *err)
{
  buf[0] = '\0';
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT signature FROM unit_scope_state WHERE id = 1", err);
  if (rc)
    return rc;
  int r = db_step(s, err);
  if (r == 1)
    copy_field(buf, n, db_col_text(s, 0));
  else if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

static int exec_bound(struct store *st, const char *sql, const char *text1, const char *text2,
                      struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  if (text1)
    db_bind_text(s, 1, text1);
  if (text2)
    db_bind_text(s, 2, text2);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  db_finalize(s);
  return rc;
}

/* unit_commune (migration 011): for each tree, its communes and every unit
 * whose records count for one of them, the commune itself and the old units
 * that went into it, so that the communes indicators map a record to today's
 * commune with one look-up instead of a recursive query per request. */
static int rebuild_communes(struct store *st, struct err *err)
{
  int rc = db_exec(st, "DELETE FROM unit_commune", err);
  static const char *const trees[] = {UNIT_TREE_OLD, UNIT_TREE_NEW};
  static const char *const sql[] = {
      "INSERT INTO unit_commune (tree, unit_id, commune_id, valid_from, valid_to) "
      "SELECT tree, id, id, valid_from, valid_to FROM unit WHERE tree = ? AND level = ?",
      "INSERT INTO unit_commune (tree, unit_id, commune_id, valid_from, valid_to) "
      "SELECT c.tree, s.old_id, c.id, c.valid_from, c.valid_to FROM unit c "
      "JOIN unit_succession s ON s.new_id = c.id WHERE c.tree = ? AND c.level = ? "
      "ON CONFLICT DO NOTHING"};
  for (size_t t = 0; !rc && t < sizeof trees / sizeof *trees; t++)
    for (size_t q = 0; !rc && q < sizeof sql / sizeof *sql; q++) {
      struct stmt *s;
      rc = db_prepare(&s, st, sql[q], err);
      if (rc)
        break;
      db_bind_text(s, 1, trees[t]);
      db_bind_int(s, 2, unit_commune_level(trees[t]));
      if (db_step(s, err) < 0)
        rc = step_failed(err);
      db_finalize(s);
    }
  return rc;
}

/* unit_province and scope_province (migration 011), then the province key
 * of every record that carries one: records written while the map was stale
 * (units imported after them) get theirs here; triggers keep them after. */
static int rebuild_provinces(struct store *st, struct err *err)
{
  static const char *const sql[] = {
      "DELETE FROM unit_province",
      "INSERT INTO unit_province (unit_id, prov_id) SELECT us.unit_id, us.scope_id "
      "FROM unit_scope us JOIN unit p ON p.id = us.scope_id JOIN unit u ON u.id = us.unit_id "
      "WHERE p.parent_id IS NULL AND u.tree = p.tree",
      "DELETE FROM scope_province",
      "INSERT INTO scope_province (scope_id, prov_id) SELECT DISTINCT us.scope_id, up.prov_id "
      "FROM unit_scope us JOIN unit_province up ON up.unit_id = us.unit_id",
      "UPDATE drug_case SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = "
      "drug_case.unit_id)",
      "UPDATE case_person SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = "
      "case_person.unit_id)",
      "UPDATE activity SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = "
      "activity.unit_id)",
      "UPDATE place SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = "
      "place.unit_id)",
      "UPDATE place_span SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = "
      "place_span.unit_id)",
  };
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < sizeof sql / sizeof *sql; i++)
    rc = db_exec(st, sql[i], err);
  return rc;
}

static int rebuild_scope(struct store *st, const char *sig, const char *at, struct err *err)
{
  int rc = db_exec(st, "DELETE FROM unit_scope", err);
  /* Each unit and its descendants in its own tree. */
  if (!rc)
    rc = db_exec(st,
                 "WITH RECURSIVE d(anc, id) AS (SELECT id, id FROM unit UNION ALL "
                 "SELECT d.anc, c.id FROM d JOIN unit c ON c.parent_id = d.id) "
                 "INSERT INTO unit_scope (scope_id, unit_id) SELECT anc, id FROM d",
                 err);
  /* A unit of today's tree also covers the old units (and their subtrees)
   * that went into it or into one of its descendants. */
  if (!rc)
    rc = exec_bound(st,
                    "INSERT INTO unit_scope (scope_id, unit_id) "
                    "SELECT DISTINCT a.scope_id, o.unit_id FROM unit_scope a "
                    "JOIN unit_succession s ON s.new_id = a.unit_id "
                    "JOIN unit_scope o ON o.scope_id = s.old_id "
                    "JOIN unit n ON n.id = a.scope_id WHERE n.tree = ?",
                    UNIT_TREE_NEW, NULL, err);
  /* The national scope: every unit. */
  if (!rc)
    rc = db_exec(st, "INSERT INTO unit_scope (scope_id, unit_id) SELECT 0, id FROM unit", err);
  if (!rc)
    rc = rebuild_communes(st, err);
  if (!rc)
    rc = rebuild_provinces(st, err);
  if (!rc)
    rc = exec_bound(st,
                    "INSERT INTO unit_scope_state (id, signature, built_at) VALUES (1, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET signature = excluded.signature, "
                    "built_at = excluded.built_at",
                    sig, at, err);
  return rc;
}

int store_scope_refresh(struct store *st, struct err *err)
{
  char now[128], have[128];
  int rc = scope_signature(now, sizeof now, st, err);
  if (!rc)
    rc = stored_signature(have, sizeof have, st, err);
  if (rc || strcmp(now, have) == 0)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  /* Another writer may have rebuilt it while we waited for the lock. */
  rc = scope_signature(now, sizeof now, st, err);
  if (!rc)
    rc = stored_signature(have, sizeof have, st, err);
  if (!rc && strcmp(now, have) != 0) {
    char at[32];
    date_now_utc(at, sizeof at);
    rc = rebuild_scope(st, now, at, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int store_scope_unit(long *out, int *level, struct store *st, const char *tree, const char *code,
                     struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT id, level FROM unit WHERE tree = ? AND code = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  db_bind_text(s, 2, code);
  int r = db_step(s, err);
  if (r == 1) {
    *out = (long)db_col_int(s, 0);
    if (level)
      *level = (int)db_col_int(s, 1);
  } else if (r == 0) {
    rc = err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s)", code, tree);
  } else {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

int store_scope_covers(int *out, struct store *st, long scope_id, long unit_id, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc =
      db_prepare(&s, st, "SELECT count(*) FROM unit_scope WHERE scope_id = ? AND unit_id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, scope_id);
  db_bind_int(s, 2, unit_id);
  if (db_step(s, err) == 1)
    *out = db_col_int(s, 0) > 0;
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Reference data
 * ------------------------------------------------------------------------- */

int store_legal_rules(struct legal_rule_set *out, struct store *st, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT id, code, condition, valid_from, valid_to, amount, unit, source, "
                      "note FROM legal_rule ORDER BY code, condition, valid_from",
                      err);
  if (rc)
    return rc;
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      size_t c = cap ? cap * 2 : 16;
      struct legal_rule *p = realloc(out->items, c * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
      cap = c;
    }
    struct legal_rule *lr = &out->items[out->n++];
    memset(lr, 0, sizeof *lr);
    lr->id = (long)db_col_int(s, 0);
    copy_field(lr->code, sizeof lr->code, db_col_text(s, 1));
    copy_field(lr->condition, sizeof lr->condition, db_col_text(s, 2));
    copy_field(lr->valid_from, sizeof lr->valid_from, db_col_text(s, 3));
    copy_field(lr->valid_to, sizeof lr->valid_to, db_col_text(s, 4));
    lr->amount = (int)db_col_int(s, 5);
    copy_field(lr->unit, sizeof lr->unit, db_col_text(s, 6));
    copy_field(lr->source, sizeof lr->source, db_col_text(s, 7));
    copy_field(lr->note, sizeof lr->note, db_col_text(s, 8));
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    legal_rule_set_free(out);
  return rc;
}

int store_national_id_prefix_known(int *out, struct store *st, const char *prefix, struct err *err)
{
  *out = 0;
  /* CCCD prefixes are "0" + the old two-digit province code. */
  if (strlen(prefix) != 3 || prefix[0] != '0')
    return ERR_OK;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT count(*) FROM unit WHERE tree = ? AND code = ? AND level = 1",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, UNIT_TREE_OLD);
  db_bind_text(s, 2, prefix + 1);
  if (db_step(s, err) == 1)
    *out = db_col_int(s, 0) > 0;
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Reading people and events
 * ------------------------------------------------------------------------- */

/* Columns fill_person reads, from index 0. */
#define PERSON_COLS                                                                                \
  "p.id, p.full_name, p.other_names, p.birth_date, p.sex, p.ethnicity, "                           \
  "coalesce(p.national_id, ''), u.tree, u.code, p.address, p.occupation, p.occupation_group, "     \
  "coalesce(p.merged_into, 0), p.created_at, p.created_by, p.sort_key "
#define PERSON_NCOLS 16
#define PERSON_FROM  "FROM person p JOIN unit u ON u.id = p.unit_id "

static void fill_person(struct person *p, struct stmt *s)
{
  memset(p, 0, sizeof *p);
  p->id = (long)db_col_int(s, 0);
  copy_field(p->full_name, sizeof p->full_name, db_col_text(s, 1));
  copy_field(p->other_names, sizeof p->other_names, db_col_text(s, 2));
  copy_field(p->birth_date, sizeof p->birth_date, db_col_text(s, 3));
  copy_field(p->sex, sizeof p->sex, db_col_text(s, 4));
  copy_field(p->ethnicity, sizeof p->ethnicity, db_col_text(s, 5));
  copy_field(p->national_id, sizeof p->national_id, db_col_text(s, 6));
  copy_field(p->unit_tree, sizeof p->unit_tree, db_col_text(s, 7));
  copy_field(p->unit_code, sizeof p->unit_code, db_col_text(s, 8));
  copy_field(p->address, sizeof p->address, db_col_text(s, 9));
  copy_field(p->occupation, sizeof p->occupation, db_col_text(s, 10));
  copy_field(p->occupation_group, sizeof p->occupation_group, db_col_text(s, 11));
  p->merged_into = (long)db_col_int(s, 12);
  copy_field(p->created_at, sizeof p->created_at, db_col_text(s, 13));
  copy_field(p->created_by, sizeof p->created_by, db_col_text(s, 14));
}

/* Columns fill_event reads, from index `base`. */
#define EVENT_COLS                                                                                 \
  "e.id, e.person_id, e.kind, e.event_date, e.value, e.facility, e.decision_no, "                  \
  "e.decision_date, coalesce(nu.tree, ''), coalesce(nu.code, ''), coalesce(fu.tree, ''), "         \
  "coalesce(fu.code, ''), coalesce(e.ref_event_id, 0), e.note, coalesce(e.merged_from, 0), "       \
  "e.recorded_at, e.recorded_by "
#define EVENT_JOINS                                                                                \
  "LEFT JOIN unit nu ON nu.id = e.unit_id LEFT JOIN unit fu ON fu.id = e.from_unit_id "

static int fill_event(struct person_event *e, struct stmt *s, int base, struct err *err)
{
  memset(e, 0, sizeof *e);
  e->id = (long)db_col_int(s, base + 0);
  e->person_id = (long)db_col_int(s, base + 1);
  if (person_event_parse(&e->kind, db_col_text(s, base + 2), NULL))
    return err_set(err, ERR_DB, "sự kiện %ld có loại không rõ \"%s\"", e->id,
                   db_col_text(s, base + 2));
  copy_field(e->date, sizeof e->date, db_col_text(s, base + 3));
  copy_field(e->value, sizeof e->value, db_col_text(s, base + 4));
  copy_field(e->facility, sizeof e->facility, db_col_text(s, base + 5));
  copy_field(e->decision_no, sizeof e->decision_no, db_col_text(s, base + 6));
  copy_field(e->decision_date, sizeof e->decision_date, db_col_text(s, base + 7));
  copy_field(e->unit_tree, sizeof e->unit_tree, db_col_text(s, base + 8));
  copy_field(e->unit_code, sizeof e->unit_code, db_col_text(s, base + 9));
  copy_field(e->from_tree, sizeof e->from_tree, db_col_text(s, base + 10));
  copy_field(e->from_code, sizeof e->from_code, db_col_text(s, base + 11));
  e->ref_event_id = (long)db_col_int(s, base + 12);
  copy_field(e->note, sizeof e->note, db_col_text(s, base + 13));
  e->merged_from = (long)db_col_int(s, base + 14);
  copy_field(e->recorded_at, sizeof e->recorded_at, db_col_text(s, base + 15));
  copy_field(e->recorded_by, sizeof e->recorded_by, db_col_text(s, base + 16));
  return ERR_OK;
}

static int push_event(struct person_event_list *l, size_t *cap, struct stmt *s, int base,
                      struct err *err)
{
  if (l->n == *cap) {
    size_t c = *cap ? *cap * 2 : 16;
    struct person_event *p = realloc(l->items, c * sizeof *p);
    if (!p)
      return err_nomem(err);
    l->items = p;
    *cap = c;
  }
  int rc = fill_event(&l->items[l->n], s, base, err);
  if (!rc)
    l->n++;
  return rc;
}

int store_person_get(struct person *out, struct store *st, const struct scope *sc, long id,
                     struct err *err)
{
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT " PERSON_COLS ", coalesce((SELECT v.type || ' ' || v.name FROM unit_version v "
           "WHERE v.unit_id = u.id ORDER BY v.valid_from DESC LIMIT 1), '') " PERSON_FROM
           "WHERE p.id = ?%s",
           scope_check_sql(sc));
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, id);
  if (sc->unit_id > 0)
    db_bind_int(s, 2, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1) {
    fill_person(out, s);
    copy_field(out->unit_name, sizeof out->unit_name, db_col_text(s, PERSON_NCOLS));
  } else if (r == 0) {
    rc = err_set(err, ERR_NOT_FOUND, "không có hồ sơ số %ld trong phạm vi được xem", id);
  } else {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

int store_person_events(struct person_event_list *out, struct store *st, const struct scope *sc,
                        long person_id, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT " EVENT_COLS
           "FROM person p JOIN person_event e ON e.person_id = p.id " EVENT_JOINS
           "WHERE p.id = ?%s ORDER BY e.event_date, e.id",
           scope_check_sql(sc));
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, person_id);
  if (sc->unit_id > 0)
    db_bind_int(s, 2, sc->unit_id);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1)
    if ((rc = push_event(out, &cap, s, 0, err)))
      break;
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    person_event_list_free(out);
  return rc;
}

#define EVENTS_BATCH 256

int store_person_events_of(struct person_event_list *out, struct store *st, const struct scope *sc,
                           const long *ids, size_t n, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  size_t cap = 0;
  for (size_t from = 0; from < n && !rc; from += EVENTS_BATCH) {
    size_t k = n - from < EVENTS_BATCH ? n - from : EVENTS_BATCH;
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "SELECT " EVENT_COLS
                 "FROM person p JOIN person_event e ON e.person_id = p.id " EVENT_JOINS
                 "WHERE p.id IN (");
    for (size_t i = 0; i < k; i++)
      buf_adds(&b, i ? ", ?" : "?");
    buf_addf(&b, ")%s ORDER BY e.person_id, e.event_date, e.id", scope_check_sql(sc));
    if (buf_failed(&b)) {
      buf_free(&b);
      rc = err_nomem(err);
      break;
    }
    struct stmt *s;
    rc = db_prepare(&s, st, buf_str(&b), err);
    buf_free(&b);
    if (rc)
      break;
    for (size_t i = 0; i < k; i++)
      db_bind_int(s, (int)i + 1, ids[from + i]);
    if (sc->unit_id > 0)
      db_bind_int(s, (int)k + 1, sc->unit_id);
    int r;
    while ((r = db_step(s, err)) == 1)
      if ((rc = push_event(out, &cap, s, 0, err)))
        break;
    if (r < 0)
      rc = ERR_DB;
    db_finalize(s);
  }
  if (rc)
    person_event_list_free(out);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Writing people and events
 * ------------------------------------------------------------------------- */

static const char *or_null(const char *s)
{
  return s && *s ? s : NULL;
}

static int put_keys(struct store *st, long id, const struct store_person_keys *k, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "DELETE FROM person_search_key WHERE person_id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    return rc;
  rc = db_prepare(&s, st,
                  "INSERT INTO person_search_key (search_key, person_id) VALUES (?, ?) "
                  "ON CONFLICT (search_key, person_id) DO NOTHING",
                  err);
  if (rc)
    return rc;
  for (size_t i = 0; i < k->n_search_keys && !rc; i++) {
    db_reset(s);
    db_bind_text(s, 1, k->search_keys[i]);
    db_bind_int(s, 2, id);
    if (db_step(s, err) < 0)
      rc = step_failed(err);
  }
  db_finalize(s);
  return rc;
}

/* Why a unit did not qualify: it does not exist, or lies outside the scope. */
static int unit_refused(struct store *st, const struct scope *sc, const char *tree,
                        const char *code, struct err *err)
{
  long uid;
  int rc = store_scope_unit(&uid, NULL, st, tree, code, err);
  if (rc)
    return rc;
  return err_set(err, ERR_DENIED, "đơn vị %s (hệ %s) nằm ngoài địa bàn của %s", code, tree,
                 sc->user);
}

int store_person_insert(long *out_id, struct store *st, const struct scope *sc,
                        const struct person *p, const struct store_person_keys *k, struct err *err)
{
  NEED_ERR(err);
  *out_id = 0;
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  char sql[1400];
  snprintf(sql, sizeof sql,
           "INSERT INTO person (full_name, other_names, name_key, sort_key, birth_date, sex, "
           "ethnicity, national_id, unit_id, address, occupation, occupation_group, created_at, "
           "created_by) SELECT ?, ?, ?, ?, ?, ?, ?, ?, u.id, ?, ?, ?, ?, ? FROM unit u "
           "WHERE u.tree = ? AND u.code = ?%s",
           sc->unit_id > 0 ? " AND EXISTS (SELECT 1 FROM unit_scope s WHERE s.scope_id = ? AND "
                             "s.unit_id = u.id)"
                           : "");
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, p->full_name);
  db_bind_text(s, 2, p->other_names);
  db_bind_text(s, 3, k->name_key);
  db_bind_blob(s, 4, k->sort_key, k->sort_key_len);
  db_bind_text(s, 5, p->birth_date);
  db_bind_text(s, 6, p->sex);
  db_bind_text(s, 7, p->ethnicity);
  db_bind_text(s, 8, or_null(p->national_id));
  db_bind_text(s, 9, p->address);
  db_bind_text(s, 10, p->occupation);
  db_bind_text(s, 11, p->occupation_group);
  db_bind_text(s, 12, p->created_at);
  db_bind_text(s, 13, p->created_by);
  db_bind_text(s, 14, p->unit_tree);
  db_bind_text(s, 15, p->unit_code);
  if (sc->unit_id > 0)
    db_bind_int(s, 16, sc->unit_id);
  if (db_step(s, err) < 0) {
    rc = step_failed(err);
    if (rc == ERR_CONFLICT && *p->national_id)
      err_set(err, ERR_CONFLICT, "số định danh %s đã có trong sổ (mỗi người chỉ một hồ sơ)",
              p->national_id);
  }
  long long changed = db_changes(st);
  db_finalize(s);
  if (rc)
    return rc;
  if (changed == 0)
    return unit_refused(st, sc, p->unit_tree, p->unit_code, err);
  rc = db_prepare(&s, st, "SELECT max(id) FROM person", err);
  if (rc)
    return rc;
  if (db_step(s, err) == 1)
    *out_id = (long)db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  if (!rc)
    rc = store_person_digest_write(st, *out_id, err);
  if (!rc)
    rc = put_keys(st, *out_id, k, err);
  return rc;
}

int store_person_update(struct store *st, const struct scope *sc, const struct person *p,
                        const struct store_person_keys *k, struct err *err)
{
  NEED_ERR(err);
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "UPDATE person SET full_name = ?, other_names = ?, name_key = ?, sort_key = ?, "
           "birth_date = ?, sex = ?, ethnicity = ?, national_id = ?, address = ?, "
           "occupation = ?, occupation_group = ? WHERE id = ? AND merged_into IS NULL%s",
           sc->unit_id > 0 ? " AND EXISTS (SELECT 1 FROM unit_scope s WHERE s.scope_id = ? AND "
                             "s.unit_id = person.unit_id)"
                           : "");
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, p->full_name);
  db_bind_text(s, 2, p->other_names);
  db_bind_text(s, 3, k->name_key);
  db_bind_blob(s, 4, k->sort_key, k->sort_key_len);
  db_bind_text(s, 5, p->birth_date);
  db_bind_text(s, 6, p->sex);
  db_bind_text(s, 7, p->ethnicity);
  db_bind_text(s, 8, or_null(p->national_id));
  db_bind_text(s, 9, p->address);
  db_bind_text(s, 10, p->occupation);
  db_bind_text(s, 11, p->occupation_group);
  db_bind_int(s, 12, p->id);
  if (sc->unit_id > 0)
    db_bind_int(s, 13, sc->unit_id);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  long long changed = db_changes(st);
  db_finalize(s);
  if (rc)
    return rc;
  if (changed == 0)
    return err_set(err, ERR_NOT_FOUND, "không có hồ sơ số %ld trong phạm vi được sửa", p->id);
  rc = store_person_digest_write(st, p->id, err);
  return rc ? rc : put_keys(st, p->id, k, err);
}

int store_person_event_insert(struct store *st, const struct scope *sc, struct person_event *ev,
                              struct err *err)
{
  NEED_ERR(err);
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  int moved = ev->kind == PEV_MOVED;
  long to_unit = 0, from_unit = 0;
  if (moved) {
    rc = store_scope_unit(&to_unit, NULL, st, ev->unit_tree, ev->unit_code, err);
    if (!rc && ev->from_code[0])
      rc = store_scope_unit(&from_unit, NULL, st, ev->from_tree, ev->from_code, err);
    if (rc)
      return rc;
  }
  char sql[1400];
  snprintf(sql, sizeof sql,
           "INSERT INTO person_event (person_id, kind, event_date, value, facility, "
           "decision_no, decision_date, unit_id, from_unit_id, ref_event_id, note, recorded_at, "
           "recorded_by) SELECT p.id, ?, ?, ?, ?, ?, ?, ?, %s, ?, ?, ?, ? FROM person p "
           "WHERE p.id = ? AND p.merged_into IS NULL%s",
           moved ? "coalesce(?, p.unit_id)" : "NULL", scope_check_sql(sc));
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, person_event_code(ev->kind));
  db_bind_text(s, 2, ev->date);
  db_bind_text(s, 3, ev->value);
  db_bind_text(s, 4, ev->facility);
  db_bind_text(s, 5, ev->decision_no);
  db_bind_text(s, 6, ev->decision_date);
  int i = 7;
  if (moved) {
    db_bind_int(s, i++, to_unit);
    if (from_unit) /* the commune left, when the caller names it */
      db_bind_int(s, i++, from_unit);
    else
      db_bind_null(s, i++);
  } else {
    db_bind_null(s, i++);
  }
  if (ev->ref_event_id)
    db_bind_int(s, i++, ev->ref_event_id);
  else
    db_bind_null(s, i++);
  db_bind_text(s, i++, ev->note);
  db_bind_text(s, i++, ev->recorded_at);
  db_bind_text(s, i++, ev->recorded_by);
  db_bind_int(s, i++, ev->person_id);
  if (sc->unit_id > 0)
    db_bind_int(s, i, sc->unit_id);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  long long changed = db_changes(st);
  db_finalize(s);
  if (rc)
    return rc;
  if (changed == 0)
    return err_set(err, ERR_NOT_FOUND, "không có hồ sơ số %ld trong phạm vi được sửa",
                   ev->person_id);
  rc = db_prepare(&s, st, "SELECT max(id) FROM person_event", err);
  if (rc)
    return rc;
  if (db_step(s, err) == 1)
    ev->id = (long)db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  if (rc || !moved)
    return rc;
  rc = db_prepare(&s, st, "UPDATE person SET unit_id = ? WHERE id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, to_unit);
  db_bind_int(s, 2, ev->person_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc ? rc : store_person_digest_write(st, ev->person_id, err);
}

int store_person_set_unit(struct store *st, long person_id, long unit_id, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE person SET unit_id = ? WHERE id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, unit_id);
  db_bind_int(s, 2, person_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc ? rc : store_person_digest_write(st, person_id, err);
}

/* ---------------------------------------------------------------------------
 * Search
 * ------------------------------------------------------------------------- */

void store_person_cursor_free(struct store_person_cursor *c)
{
  if (!c)
    return;
  free(c->sort_key);
  c->sort_key = NULL;
  c->sort_key_len = 0;
  c->id = 0;
}

/* The number of index entries in a range, counted up to cap. */
static int count_key_range(long *out, struct store *st, const char *lo, const char *hi, long cap,
                           struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT count(*) FROM (SELECT 1 FROM person_search_key WHERE search_key >= ? "
                      "AND search_key < ? LIMIT ?) AS t",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, lo);
  db_bind_text(s, 2, hi);
  db_bind_int(s, 3, cap);
  if (db_step(s, err) == 1)
    *out = (long)db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* The number of people living in the scope's units, counted up to cap. */
static int count_scope(long *out, struct store *st, long scope_id, long cap, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT count(*) FROM (SELECT 1 FROM unit_scope s JOIN person p ON "
                      "p.unit_id = s.unit_id WHERE s.scope_id = ? LIMIT ?) AS t",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, scope_id);
  db_bind_int(s, 2, cap);
  if (db_step(s, err) == 1)
    *out = (long)db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* One text parameter list for the dynamic search statement. */
struct params {
  const char *text[24];
  long long num[24];
  int is_num[24];
  int n;
};

static void param_text(struct params *p, const char *v)
{
  p->is_num[p->n] = 0;
  p->text[p->n++] = v;
}

static void param_num(struct params *p, long long v)
{
  p->is_num[p->n] = 1;
  p->num[p->n++] = v;
}

#define MAX_WORDS 8

int store_person_search(struct person_list *out, struct store_person_cursor *cur, struct store *st,
                        const struct scope *sc, const struct store_person_query *q, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  /* Name ranges: the phrase, or each word. */
  size_t nr = 0;
  char *lo[MAX_WORDS], *hi[MAX_WORDS];
  if (q->phrase && *q->phrase) {
    lo[nr] = strdup(q->phrase);
    hi[nr++] = NULL;
  } else {
    for (size_t i = 0; i < q->n_words && nr < MAX_WORDS; i++)
      if (q->words[i] && *q->words[i]) {
        lo[nr] = strdup(q->words[i]);
        hi[nr++] = NULL;
      }
  }
  for (size_t i = 0; i < nr; i++) {
    size_t len = lo[i] ? strlen(lo[i]) : 0;
    hi[i] = lo[i] ? malloc(len + sizeof KEY_HIGH) : NULL;
    if (hi[i]) {
      memcpy(hi[i], lo[i], len);
      memcpy(hi[i] + len, KEY_HIGH, sizeof KEY_HIGH);
    } else {
      rc = err_nomem(err);
    }
  }
  /* Choose what drives: the longest word is usually the rarest. */
  int drive_name = -1, drive_scope = 0;
  if (!rc && !(q->national_id && *q->national_id) && nr) {
    size_t best = 0;
    for (size_t i = 1; i < nr; i++)
      if (strlen(lo[i]) > strlen(lo[best]))
        best = i;
    long n = 0;
    rc = count_key_range(&n, st, lo[best], hi[best], DRIVE_MAX + 1, err);
    if (!rc && n <= DRIVE_MAX)
      drive_name = (int)best;
  }
  if (!rc && drive_name < 0 && !(q->national_id && *q->national_id) && sc->unit_id > 0) {
    long n = 0;
    rc = count_scope(&n, st, sc->unit_id, DRIVE_MAX + 1, err);
    drive_scope = !rc && n <= DRIVE_MAX;
  }
  struct buf b;
  struct params par = {0};
  buf_init(&b, 0);
  buf_adds(&b, "SELECT " PERSON_COLS PERSON_FROM "WHERE p.merged_into IS NULL");
  if (drive_name >= 0) {
    buf_adds(&b, " AND p.id IN (SELECT person_id FROM person_search_key WHERE search_key >= ? "
                 "AND search_key < ?)");
    param_text(&par, lo[drive_name]);
    param_text(&par, hi[drive_name]);
  }
  for (size_t i = 0; i < nr; i++) {
    if ((int)i == drive_name)
      continue;
    buf_adds(&b, " AND EXISTS (SELECT 1 FROM person_search_key k WHERE k.person_id = p.id AND "
                 "k.search_key >= ? AND k.search_key < ?)");
    param_text(&par, lo[i]);
    param_text(&par, hi[i]);
  }
  if (drive_scope) {
    buf_adds(&b, " AND p.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?)");
    param_num(&par, sc->unit_id);
  } else if (sc->unit_id > 0) {
    buf_adds(&b, scope_check_sql(sc));
    param_num(&par, sc->unit_id);
  }
  if (q->national_id && *q->national_id) {
    /* a merged record's ID finds the record it was merged into (the scope
     * above applies to that one) */
    buf_adds(&b, " AND p.id = " STORE_PERSON_KEPT_SQL("px.national_id = ?"));
    param_text(&par, q->national_id);
  }
  if (cur->sort_key) {
    buf_adds(&b, " AND (p.sort_key > ? OR (p.sort_key = ? AND p.id > ?))");
    param_num(&par, -1); /* placeholders for the blob, bound below */
    param_num(&par, -1);
    param_num(&par, cur->id);
  }
  buf_adds(&b, " ORDER BY p.sort_key, p.id LIMIT ?");
  param_num(&par, (long long)(q->limit ? q->limit : 100));
  struct stmt *s = NULL;
  if (!rc && buf_failed(&b))
    rc = err_nomem(err);
  if (!rc)
    rc = db_prepare(&s, st, buf_str(&b), err);
  buf_free(&b);
  if (!rc) {
    int blob_at = cur->sort_key ? par.n - 4 : -1; /* index of the first blob placeholder */
    for (int i = 0; i < par.n; i++) {
      if (blob_at >= 0 && (i == blob_at || i == blob_at + 1))
        db_bind_blob(s, i + 1, cur->sort_key, cur->sort_key_len);
      else if (par.is_num[i])
        db_bind_int(s, i + 1, par.num[i]);
      else
        db_bind_text(s, i + 1, par.text[i]);
    }
    size_t cap = 0;
    int r;
    unsigned char *last = NULL;
    size_t last_len = 0;
    long last_id = 0;
    while ((r = db_step(s, err)) == 1) {
      if (out->n == cap) {
        size_t c = cap ? cap * 2 : 32;
        struct person *p = realloc(out->items, c * sizeof *p);
        if (!p) {
          rc = err_nomem(err);
          break;
        }
        out->items = p;
        cap = c;
      }
      fill_person(&out->items[out->n], s);
      last_id = out->items[out->n].id;
      out->n++;
      size_t n;
      const void *key = db_col_blob(s, PERSON_NCOLS - 1, &n);
      unsigned char *copy = malloc(n ? n : 1);
      if (!copy) {
        rc = err_nomem(err);
        break;
      }
      if (n)
        memcpy(copy, key, n);
      free(last);
      last = copy;
      last_len = n;
    }
    if (r < 0)
      rc = ERR_DB;
    db_finalize(s);
    if (!rc && out->n) {
      free(cur->sort_key);
      cur->sort_key = last;
      cur->sort_key_len = last_len;
      cur->id = last_id;
    } else {
      free(last);
    }
  }
  for (size_t i = 0; i < nr; i++) {
    free(lo[i]);
    free(hi[i]);
  }
  if (rc)
    person_list_free(out);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Scan
 * ------------------------------------------------------------------------- */

/* The people matching `where` (appended to the query, binding the scope's
 * unit as ?1 when it has a `?1`), each with all its events, to fn. */
static int scan_people(struct store *st, const struct scope *sc, const char *where,
                       int (*fn)(void *ctx, const struct person *p, const struct person_event *ev,
                                 size_t n),
                       void *ctx, struct err *err)
{
  char sql[2400];
  snprintf(sql, sizeof sql,
           "SELECT p.id, p.full_name, p.birth_date, u.tree, u.code, p.other_names, p.sex, "
           "p.ethnicity, coalesce(p.national_id, ''), p.address, p.occupation, "
           "p.occupation_group, " EVENT_COLS "FROM person p JOIN unit u ON u.id = p.unit_id "
           "LEFT JOIN person_event e ON e.person_id = p.id " EVENT_JOINS
           "WHERE p.merged_into IS NULL%s ORDER BY p.id, e.event_date, e.id",
           where);
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  if (strstr(where, "?1"))
    db_bind_int(s, 1, sc->unit_id);
  struct person p;
  memset(&p, 0, sizeof p);
  struct person_event_list evs = {NULL, 0};
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    long id = (long)db_col_int(s, 0);
    if (id != p.id) {
      if (p.id && (rc = fn(ctx, &p, evs.items, evs.n)))
        break;
      memset(&p, 0, sizeof p);
      p.id = id;
      copy_field(p.full_name, sizeof p.full_name, db_col_text(s, 1));
      copy_field(p.birth_date, sizeof p.birth_date, db_col_text(s, 2));
      copy_field(p.unit_tree, sizeof p.unit_tree, db_col_text(s, 3));
      copy_field(p.unit_code, sizeof p.unit_code, db_col_text(s, 4));
      copy_field(p.other_names, sizeof p.other_names, db_col_text(s, 5));
      copy_field(p.sex, sizeof p.sex, db_col_text(s, 6));
      copy_field(p.ethnicity, sizeof p.ethnicity, db_col_text(s, 7));
      copy_field(p.national_id, sizeof p.national_id, db_col_text(s, 8));
      copy_field(p.address, sizeof p.address, db_col_text(s, 9));
      copy_field(p.occupation, sizeof p.occupation, db_col_text(s, 10));
      copy_field(p.occupation_group, sizeof p.occupation_group, db_col_text(s, 11));
      evs.n = 0;
    }
    if (!db_col_is_null(s, 12) && (rc = push_event(&evs, &cap, s, 12, err)))
      break;
  }
  if (r < 0)
    rc = ERR_DB;
  if (!rc && r == 0 && p.id)
    rc = fn(ctx, &p, evs.items, evs.n);
  db_finalize(s);
  person_event_list_free(&evs);
  return rc;
}

int store_person_scan(struct store *st, const struct scope *sc,
                      int (*fn)(void *ctx, const struct person *p, const struct person_event *ev,
                                size_t n),
                      void *ctx, struct err *err)
{
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  return scan_people(st, sc,
                     sc->unit_id > 0
                         ? " AND p.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?1)"
                         : "",
                     fn, ctx, err);
}

int store_person_scan_moved_out(struct store *st, const struct scope *sc,
                                int (*fn)(void *ctx, const struct person *p,
                                          const struct person_event *ev, size_t n),
                                void *ctx, struct err *err)
{
  int rc = check_scope(sc, 0, err);
  if (rc || sc->unit_id <= 0)
    return rc; /* a national caller sees everyone through store_person_scan */
  /* The last move not voided (person_event_from finds the moves out of the
   * territory's units) left the territory, and the person lives outside it. */
  return scan_people(
      st, sc,
      " AND p.unit_id NOT IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?1)"
      " AND p.id IN (SELECT m.person_id FROM person_event m WHERE m.kind = 'moved'"
      "   AND m.from_unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?1)"
      "   AND NOT EXISTS (SELECT 1 FROM person_event v WHERE v.ref_event_id = m.id"
      "     AND v.kind = 'void')"
      "   AND NOT EXISTS (SELECT 1 FROM person_event l WHERE l.person_id = m.person_id"
      "     AND l.kind = 'moved' AND (l.event_date, l.id) > (m.event_date, m.id)"
      "     AND NOT EXISTS (SELECT 1 FROM person_event w WHERE w.ref_event_id = l.id"
      "       AND w.kind = 'void')))",
      fn, ctx, err);
}

/* ---------------------------------------------------------------------------
 * Duplicates and merge
 * ------------------------------------------------------------------------- */

int store_person_flag_duplicates(int *flagged, struct store *st, const struct scope *sc, long id,
                                 const char *at, struct err *err)
{
  NEED_ERR(err);
  if (flagged)
    *flagged = 0;
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  /* The others may live anywhere: one person, one record, nationwide. Only
   * the pair is recorded; nothing of the other person is returned. */
  struct stmt *s;
  rc = db_prepare(
      &s, st,
      "INSERT INTO person_duplicate (a_id, b_id, status, flagged_at, resolved_at, resolved_by) "
      "SELECT CASE WHEN o.id < p.id THEN o.id ELSE p.id END, "
      "CASE WHEN o.id < p.id THEN p.id ELSE o.id END, 'open', ?, '', '' "
      "FROM person p JOIN person o ON o.name_key = p.name_key AND o.birth_date = p.birth_date "
      "WHERE p.id = ? AND o.id <> p.id AND o.merged_into IS NULL AND p.merged_into IS NULL "
      "AND (p.national_id IS NULL OR o.national_id IS NULL OR p.national_id <> o.national_id) "
      "ON CONFLICT (a_id, b_id) DO NOTHING",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, at);
  db_bind_int(s, 2, id);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  else if (flagged)
    *flagged = (int)db_changes(st);
  db_finalize(s);
  return rc;
}

int store_person_duplicates(struct person_dup_list *out, struct store *st, const struct scope *sc,
                            struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  char sql[1400];
#define IN_SCOPE(alias)                                                                            \
  " AND EXISTS (SELECT 1 FROM unit_scope s WHERE s.scope_id = ? AND s.unit_id = " alias ".unit_"   \
  "id)"
  const char *ca = sc->unit_id > 0 ? IN_SCOPE("pa") : "";
  const char *cb = sc->unit_id > 0 ? IN_SCOPE("pb") : "";
#undef IN_SCOPE
  snprintf(sql, sizeof sql,
           "SELECT d.a_id, d.b_id, d.status, d.flagged_at FROM person_duplicate d "
           "JOIN person pa ON pa.id = d.a_id JOIN person pb ON pb.id = d.b_id "
           "WHERE d.status = 'open' AND pa.merged_into IS NULL AND pb.merged_into IS NULL%s%s "
           "ORDER BY d.a_id, d.b_id",
           ca, cb);
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  if (sc->unit_id > 0) {
    db_bind_int(s, 1, sc->unit_id);
    db_bind_int(s, 2, sc->unit_id);
  }
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      size_t c = cap ? cap * 2 : 16;
      struct person_dup *p = realloc(out->items, c * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
      cap = c;
    }
    struct person_dup *d = &out->items[out->n++];
    memset(d, 0, sizeof *d);
    d->a.id = (long)db_col_int(s, 0);
    d->b.id = (long)db_col_int(s, 1);
    copy_field(d->status, sizeof d->status, db_col_text(s, 2));
    copy_field(d->flagged_at, sizeof d->flagged_at, db_col_text(s, 3));
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  for (size_t i = 0; i < out->n && !rc; i++) {
    rc = store_person_get(&out->items[i].a, st, sc, out->items[i].a.id, err);
    if (!rc)
      rc = store_person_get(&out->items[i].b, st, sc, out->items[i].b.id, err);
  }
  if (rc)
    person_dup_list_free(out);
  return rc;
}

int store_person_duplicate_close(struct store *st, const struct scope *sc, long a, long b,
                                 const char *status, const char *at, struct err *err)
{
  NEED_ERR(err);
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  if (a > b) {
    long t = a;
    a = b;
    b = t;
  }
  /* Both people must be visible to the caller. */
  struct person p;
  rc = store_person_get(&p, st, sc, a, err);
  if (!rc)
    rc = store_person_get(&p, st, sc, b, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  "UPDATE person_duplicate SET status = ?, resolved_at = ?, resolved_by = ? "
                  "WHERE a_id = ? AND b_id = ? AND status = 'open'",
                  err);
  if (rc)
    return rc;
  db_bind_text(s, 1, status);
  db_bind_text(s, 2, at);
  db_bind_text(s, 3, sc->user);
  db_bind_int(s, 4, a);
  db_bind_int(s, 5, b);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  else if (db_changes(st) == 0)
    rc = err_set(err, ERR_NOT_FOUND, "cặp hồ sơ %ld và %ld không được đánh dấu nghi trùng", a, b);
  db_finalize(s);
  return rc;
}

static int exec_ids(struct store *st, const char *sql, long x, long y, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, x);
  if (y)
    db_bind_int(s, 2, y);
  if (db_step(s, err) < 0)
    rc = step_failed(err);
  db_finalize(s);
  return rc;
}

int store_person_merge(struct store *st, const struct scope *sc, long a, long b, int take_id,
                       struct err *err)
{
  NEED_ERR(err);
  int rc = check_scope(sc, 1, err);
  if (rc)
    return rc;
  if (a == b)
    return err_set(err, ERR_INPUT, "không thể gộp hồ sơ %ld vào chính nó", a);
  struct person pa, pb;
  rc = store_person_get(&pa, st, sc, a, err);
  if (!rc)
    rc = store_person_get(&pb, st, sc, b, err);
  if (rc)
    return rc;
  if (pa.merged_into || pb.merged_into)
    return err_set(err, ERR_CONFLICT, "hồ sơ %ld đã được gộp vào hồ sơ %ld", pa.merged_into ? a : b,
                   pa.merged_into ? pa.merged_into : pb.merged_into);
  rc = exec_ids(st,
                "UPDATE person_event SET merged_from = coalesce(merged_from, person_id), "
                "person_id = ? WHERE person_id = ?",
                a, b, err);
  if (!rc)
    rc = exec_ids(st,
                  take_id ? "UPDATE person SET merged_into = ?, national_id = NULL WHERE id = ?"
                          : "UPDATE person SET merged_into = ? WHERE id = ?",
                  a, b, err);
  if (!rc)
    rc = store_person_digest_write(st, b, err);
  if (!rc)
    rc = exec_ids(st, "DELETE FROM person_search_key WHERE person_id = ?", b, 0, err);
  /* B's links become A's: one person is one row of a case or a ring, and
   * counts once. Where both were in the same case, A's row keeps its role
   * and takes the earlier arrest; in the same ring, A's row stays. */
  static const char *const links[] = {
      "UPDATE case_person SET arrested_on = (SELECT x.arrested_on FROM case_person x WHERE "
      "x.case_id = case_person.case_id AND x.person_id = ?2) WHERE person_id = ?1 AND EXISTS "
      "(SELECT 1 FROM case_person x WHERE x.case_id = case_person.case_id AND x.person_id = ?2 "
      "AND x.arrested_on <> '' AND (case_person.arrested_on = '' OR x.arrested_on < "
      "case_person.arrested_on))",
      "DELETE FROM case_person WHERE person_id = ?2 AND case_id IN (SELECT case_id FROM "
      "case_person WHERE person_id = ?1)",
      "UPDATE case_person SET person_id = ?1 WHERE person_id = ?2",
      "DELETE FROM network_member WHERE person_id = ?2 AND network_id IN (SELECT network_id FROM "
      "network_member WHERE person_id = ?1)",
      "UPDATE network_member SET person_id = ?1 WHERE person_id = ?2",
      "UPDATE place SET person_id = ?1 WHERE person_id = ?2",
  };
  for (size_t i = 0; !rc && i < sizeof links / sizeof *links; i++)
    rc = exec_ids(st, links[i], a, b, err);
  return rc;
}

int store_person_find_same(long *id, struct store *st, const struct scope *sc, const char *name_key,
                           const char *birth_date, long unit_id, struct err *err)
{
  NEED_ERR(err);
  *id = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  "SELECT id FROM person WHERE name_key = ? AND birth_date = ? AND unit_id = ? "
                  "AND merged_into IS NULL ORDER BY id LIMIT 1",
                  err);
  if (rc)
    return rc;
  db_bind_text(s, 1, name_key);
  db_bind_text(s, 2, birth_date);
  db_bind_int(s, 3, unit_id);
  int r = db_step(s, err);
  if (r == 1)
    *id = db_col_int(s, 0);
  else if (r < 0)
    rc = step_failed(err);
  db_finalize(s);
  return rc;
}

int store_person_find_named(long *id, int *n, struct store *st, const struct scope *sc,
                            const char *name_key, const char *birth_date, struct err *err)
{
  NEED_ERR(err);
  *id = 0;
  *n = 0;
  int rc = check_scope(sc, 0, err);
  if (rc)
    return rc;
  char sql[400];
  snprintf(sql, sizeof sql,
           "SELECT p.id FROM person p WHERE p.name_key = ? AND p.birth_date = ? AND "
           "p.merged_into IS NULL%s ORDER BY p.id LIMIT 2",
           scope_check_sql(sc));
  struct stmt *s;
  rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, name_key);
  db_bind_text(s, 2, birth_date);
  if (sc->unit_id > 0)
    db_bind_int(s, 3, sc->unit_id);
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (++*n == 1)
      *id = db_col_int(s, 0);
  }
  if (r < 0)
    rc = step_failed(err);
  if (*n > 1)
    *id = 0;
  db_finalize(s);
  return rc;
}

int store_person_event_exists(int *out, struct store *st, long person_id, const char *kind,
                              const char *date, const char *value, struct err *err)
{
  NEED_ERR(err);
  *out = 0;
  /* Select on (person, date) only and compare kind and value here: with a
   * condition on kind, SQLite without statistics prefers the (kind, unit)
   * index and scans every event of that kind. */
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT e.kind, e.value FROM person_event e WHERE e.person_id = ? AND "
                      "e.event_date = ? AND NOT EXISTS (SELECT 1 FROM person_event v WHERE "
                      "v.ref_event_id = e.id AND v.kind = 'void')",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, person_id);
  db_bind_text(s, 2, date);
  int r;
  while ((r = db_step(s, err)) == 1)
    if (strcmp(db_col_text(s, 0), kind) == 0 && strcmp(db_col_text(s, 1), value) == 0)
      *out = 1;
  if (r < 0)
    rc = step_failed(err);
  db_finalize(s);
  return rc;
}
