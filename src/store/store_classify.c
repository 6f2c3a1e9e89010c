/* store_classify.c: classification rules and residents in the database (see store_classify.h). */
#include "store/store_classify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/date.h"
#include "store/db.h"
#include "store/store.h"

/* Unit column COL lies in the caller's territory: two parameters, the scope's unit id twice
 * (0: national). */
#define UNIT_IN_SCOPE(COL)                                                                         \
  "(? = 0 OR " COL " IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?))"

static int class_index(const char *c)
{
  return strcmp(c, "type1") == 0   ? 0
         : strcmp(c, "type2") == 0 ? 1
         : strcmp(c, "type3") == 0 ? 2
                                   : -1;
}

int store_class_rules_at(struct class_rule_set *out, struct store *st, const char *level,
                         const char *on, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct stmt *s;
  if (db_prepare(&s, st,
                 "SELECT code, valid_from, valid_to, source, note FROM class_rule_set WHERE "
                 "valid_from <= ? AND valid_to >= ? ORDER BY valid_from DESC",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, on);
  db_bind_text(s, 2, on);
  int r = db_step(s, err);
  if (r == 1) {
    snprintf(out->code, sizeof out->code, "%s", db_col_text(s, 0));
    snprintf(out->valid_from, sizeof out->valid_from, "%s", db_col_text(s, 1));
    snprintf(out->valid_to, sizeof out->valid_to, "%s", db_col_text(s, 2));
    snprintf(out->source, sizeof out->source, "%s", db_col_text(s, 3));
    snprintf(out->note, sizeof out->note, "%s", db_col_text(s, 4));
  }
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có tiêu chí phân loại địa bàn có hiệu lực ngày %s",
                   on);
  if (db_prepare(&s, st,
                 "SELECT class, min_met, criterion, threshold, alt_threshold, note FROM class_rule "
                 "WHERE rule_set = ? AND level = ? ORDER BY id",
                 err))
    return ERR_DB;
  db_bind_text(s, 1, out->code);
  db_bind_text(s, 2, level);
  while ((r = db_step(s, err)) == 1) {
    int c = class_index(db_col_text(s, 0));
    int k = classify_criterion_from(db_col_text(s, 2));
    if (c < 0 || k < 0 || out->classes[c].n_rules == CRIT_COUNT)
      continue; /* the table's CHECKs allow no other value */
    struct class_def *d = &out->classes[c];
    d->has_min = !db_col_is_null(s, 1);
    d->min_met = (int)db_col_int(s, 1);
    struct class_rule *ru = &d->rules[d->n_rules++];
    ru->criterion = (enum class_criterion)k;
    ru->has_threshold = !db_col_is_null(s, 3);
    ru->threshold = db_col_double(s, 3);
    ru->has_alt = !db_col_is_null(s, 4);
    ru->alt_threshold = db_col_double(s, 4);
    snprintf(ru->note, sizeof ru->note, "%s", db_col_text(s, 5));
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_class_rule_put(struct store *st, const char *rule_set, const char *level, const char *cls,
                         const char *criterion, const struct class_rule_change *c, struct err *err)
{
  struct stmt *s;
  if (db_prepare(&s, st,
                 "UPDATE class_rule SET threshold = CASE WHEN ? THEN ? ELSE threshold END, "
                 "alt_threshold = CASE WHEN ? THEN ? ELSE alt_threshold END, "
                 "note = note || ' (theo ' || ? || ')' "
                 "WHERE rule_set = ? AND level = ? AND class = ? AND criterion = ?",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, c->has_threshold);
  db_bind_double(s, 2, c->threshold);
  db_bind_int(s, 3, c->has_alt);
  db_bind_double(s, 4, c->alt);
  db_bind_text(s, 5, c->source);
  db_bind_text(s, 6, rule_set);
  db_bind_text(s, 7, level);
  db_bind_text(s, 8, cls);
  db_bind_text(s, 9, criterion);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) != 1)
    return err_set(err, ERR_NOT_FOUND, "bộ tiêu chí %s không có tiêu chí %s của %s cấp %s",
                   rule_set, criterion, cls, level);
  if (!c->has_min)
    return ERR_OK;
  if (db_prepare(&s, st,
                 "UPDATE class_rule SET min_met = ? WHERE rule_set = ? AND level = ? AND class = ?",
                 err))
    return ERR_DB;
  db_bind_int(s, 1, c->min_met);
  db_bind_text(s, 2, rule_set);
  db_bind_text(s, 3, level);
  db_bind_text(s, 4, cls);
  r = db_step(s, err);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

int store_class_residents_put(struct store *st, const struct scope *sc, long unit_id, int year,
                              long residents, const char *source, struct err *err)
{
  char now[24];
  date_now_utc(now, sizeof now);
  static const char sql[] =
      "INSERT INTO class_residents (unit_id, year, residents, source, entered_by, "
      "entered_at) SELECT u.id, ?, ?, ?, a.id, ? FROM unit u JOIN app_user a ON a.login = ? "
      "WHERE u.id = ? AND " UNIT_IN_SCOPE(
          "u.id") " ON CONFLICT (unit_id, year) DO UPDATE SET residents = excluded.residents, "
                  "source = "
                  "excluded.source, entered_by = excluded.entered_by, entered_at = "
                  "excluded.entered_at";
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, year);
  db_bind_int(s, 2, residents);
  db_bind_text(s, 3, source);
  db_bind_text(s, 4, now);
  db_bind_text(s, 5, sc->user);
  db_bind_int(s, 6, unit_id);
  db_bind_int(s, 7, sc->unit_id);
  db_bind_int(s, 8, sc->unit_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có đơn vị này trong địa bàn của người dùng");
  return ERR_OK;
}

int store_class_residents_get(long *residents, struct store *st, const struct scope *sc,
                              long unit_id, int year, struct err *err)
{
  *residents = 0;
  static const char sql[] =
      "SELECT residents FROM class_residents WHERE unit_id = ? AND year = ? AND " UNIT_IN_SCOPE(
          "unit_id");
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, unit_id);
  db_bind_int(s, 2, year);
  db_bind_int(s, 3, sc->unit_id);
  db_bind_int(s, 4, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1)
    *residents = (long)db_col_int(s, 0);
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

/* ---- drug-free communes ------------------------------------------------------ */

static int dup_col(char **out, struct stmt *s, int i, struct err *err)
{
  *out = NULL;
  if (db_col_is_null(s, i))
    return ERR_OK;
  *out = strdup(db_col_text(s, i));
  return *out ? ERR_OK : err_nomem(err);
}

int store_drugfree_list(struct drugfree_list *out, struct store *st, const struct scope *sc,
                        long unit_id, int year, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  static const char sql[] =
      "SELECT d.id, d.unit_id, d.year, d.status, d.self_text, d.decision, s.login, "
      "d.submitted_at, coalesce(k.login, ''), coalesce(d.decided_at, ''), "
      "coalesce(d.carried_from, 0) FROM drugfree_assessment d JOIN app_user s ON s.id = "
      "d.submitted_by LEFT JOIN app_user k ON k.id = d.decided_by WHERE d.year = ? AND (? = 0 "
      "OR d.unit_id = ?) AND " UNIT_IN_SCOPE("d.unit_id") " ORDER BY d.unit_id";
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, year);
  db_bind_int(s, 2, unit_id);
  db_bind_int(s, 3, unit_id);
  db_bind_int(s, 4, sc->unit_id);
  db_bind_int(s, 5, sc->unit_id);
  size_t cap = 0;
  int r, rc = ERR_OK;
  while ((r = db_step(s, err)) == 1) {
    struct drugfree_row *ni = array_grow(out->items, &cap, out->n + 1, sizeof *ni);
    if (!ni) {
      rc = err_nomem(err);
      break;
    }
    out->items = ni;
    struct drugfree_row *d = &ni[out->n++];
    memset(d, 0, sizeof *d);
    d->id = (long)db_col_int(s, 0);
    d->unit_id = (long)db_col_int(s, 1);
    d->year = (int)db_col_int(s, 2);
    snprintf(d->status, sizeof d->status, "%s", db_col_text(s, 3));
    rc = dup_col(&d->self_text, s, 4, err);
    if (!rc)
      rc = dup_col(&d->decision, s, 5, err);
    snprintf(d->submitted_by, sizeof d->submitted_by, "%s", db_col_text(s, 6));
    snprintf(d->submitted_at, sizeof d->submitted_at, "%s", db_col_text(s, 7));
    snprintf(d->decided_by, sizeof d->decided_by, "%s", db_col_text(s, 8));
    snprintf(d->decided_at, sizeof d->decided_at, "%s", db_col_text(s, 9));
    d->carried_from = (long)db_col_int(s, 10);
    if (rc)
      break;
  }
  db_finalize(s);
  if (!rc && r < 0)
    rc = ERR_DB;
  if (rc)
    drugfree_list_free(out);
  return rc;
}

/* The status of unit's assessment for year into buf ("" none) in the territory. */
static int drugfree_status(char *buf, size_t n, struct store *st, const struct scope *sc,
                           long unit_id, int year, struct err *err)
{
  buf[0] = '\0';
  struct drugfree_list l;
  int rc = store_drugfree_list(&l, st, sc, unit_id, year, err);
  if (!rc && l.n)
    snprintf(buf, n, "%s", l.items[0].status);
  drugfree_list_free(&l);
  return rc;
}

int store_drugfree_submit(struct store *st, const struct scope *sc, long unit_id, int year,
                          const char *text, struct err *err)
{
  char status[12];
  int rc = drugfree_status(status, sizeof status, st, sc, unit_id, year, err);
  if (rc)
    return rc;
  if (status[0] && strcmp(status, "refused") != 0)
    return err_set(err, ERR_CONFLICT,
                   strcmp(status, "submitted") == 0
                       ? "bản tự đánh giá năm %d đã nộp, đang chờ cấp tỉnh quyết định"
                       : "xã đã được công nhận không ma túy năm %d",
                   year);
  char now[24];
  date_now_utc(now, sizeof now);
  static const char ins[] =
      "INSERT INTO drugfree_assessment (unit_id, year, status, self_text, submitted_by, "
      "submitted_at) SELECT u.id, ?, 'submitted', ?, a.id, ? FROM unit u JOIN app_user a ON "
      "a.login = ? WHERE u.id = ? AND " UNIT_IN_SCOPE("u.id");
  static const char again[] =
      "UPDATE drugfree_assessment SET status = 'submitted', self_text = ?, submitted_by = "
      "(SELECT id FROM app_user WHERE login = ?), submitted_at = ?, decision = NULL, decided_by "
      "= NULL, decided_at = NULL WHERE unit_id = ? AND year = ? AND status = 'refused'";
  struct stmt *s;
  if (db_prepare(&s, st, status[0] ? again : ins, err))
    return ERR_DB;
  if (status[0]) {
    db_bind_text(s, 1, text);
    db_bind_text(s, 2, sc->user);
    db_bind_text(s, 3, now);
    db_bind_int(s, 4, unit_id);
    db_bind_int(s, 5, year);
  } else {
    db_bind_int(s, 1, year);
    db_bind_text(s, 2, text);
    db_bind_text(s, 3, now);
    db_bind_text(s, 4, sc->user);
    db_bind_int(s, 5, unit_id);
    db_bind_int(s, 6, sc->unit_id);
    db_bind_int(s, 7, sc->unit_id);
  }
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có xã này trong địa bàn của người dùng");
  return ERR_OK;
}

int store_drugfree_decide(struct store *st, const struct scope *sc, long unit_id, int year,
                          const char *status, const char *decision, struct err *err)
{
  char now[24];
  date_now_utc(now, sizeof now);
  static const char sql[] =
      "UPDATE drugfree_assessment SET status = ?, decision = ?, decided_by = (SELECT id FROM "
      "app_user WHERE login = ?), decided_at = ? WHERE unit_id = ? AND year = ? AND status = "
      "'submitted' AND " UNIT_IN_SCOPE("unit_id");
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_text(s, 1, status);
  db_bind_text(s, 2, decision);
  db_bind_text(s, 3, sc->user);
  db_bind_text(s, 4, now);
  db_bind_int(s, 5, unit_id);
  db_bind_int(s, 6, year);
  db_bind_int(s, 7, sc->unit_id);
  db_bind_int(s, 8, sc->unit_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có bản tự đánh giá năm %d đang chờ quyết định", year);
  return ERR_OK;
}

int store_drugfree_carry(struct store *st, const struct scope *sc, long from_id, long to_unit,
                         int year, const char *decision, struct err *err)
{
  char status[12];
  int rc = drugfree_status(status, sizeof status, st, sc, to_unit, year, err);
  if (rc)
    return rc;
  if (status[0])
    return err_set(err, ERR_CONFLICT, "xã nhận đã có bản đánh giá năm %d", year);
  char now[24];
  date_now_utc(now, sizeof now);
  static const char sql[] =
      "INSERT INTO drugfree_assessment (unit_id, year, status, self_text, submitted_by, "
      "submitted_at, decision, decided_by, decided_at, carried_from) SELECT u.id, ?, "
      "'recognised', f.self_text, a.id, ?, ?, a.id, ?, f.id FROM unit u JOIN app_user a ON "
      "a.login = ? JOIN drugfree_assessment f ON f.id = ? AND f.status = 'recognised' WHERE u.id "
      "= ? AND " UNIT_IN_SCOPE("u.id");
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, year);
  db_bind_text(s, 2, now);
  db_bind_text(s, 3, decision);
  db_bind_text(s, 4, now);
  db_bind_text(s, 5, sc->user);
  db_bind_int(s, 6, from_id);
  db_bind_int(s, 7, to_unit);
  db_bind_int(s, 8, sc->unit_id);
  db_bind_int(s, 9, sc->unit_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có xã nhận hoặc bản công nhận gốc trong địa bàn");
  return ERR_OK;
}

int store_drugfree_roadmap_put(struct store *st, const struct scope *sc, long unit_id, int year,
                               double share_pct, const char *source, struct err *err)
{
  char now[24];
  date_now_utc(now, sizeof now);
  static const char sql[] =
      "INSERT INTO drugfree_roadmap (unit_id, year, share_pct, source, entered_by, entered_at) "
      "SELECT u.id, ?, ?, ?, a.id, ? FROM unit u JOIN app_user a ON a.login = ? WHERE u.id = ? "
      "AND " UNIT_IN_SCOPE(
          "u.id") " ON CONFLICT (unit_id, year) DO UPDATE SET share_pct = "
                  "excluded.share_pct, source = excluded.source, entered_by = excluded.entered_by, "
                  "entered_at = excluded.entered_at";
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, year);
  db_bind_double(s, 2, share_pct);
  db_bind_text(s, 3, source);
  db_bind_text(s, 4, now);
  db_bind_text(s, 5, sc->user);
  db_bind_int(s, 6, unit_id);
  db_bind_int(s, 7, sc->unit_id);
  db_bind_int(s, 8, sc->unit_id);
  int r = db_step(s, err);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (db_changes(st) == 0)
    return err_set(err, ERR_NOT_FOUND, "không có đơn vị này trong địa bàn của người dùng");
  return ERR_OK;
}

int store_drugfree_roadmap_get(int *has, double *share_pct, char *source, size_t source_n,
                               struct store *st, const struct scope *sc, long unit_id, int year,
                               struct err *err)
{
  *has = 0;
  *share_pct = 0;
  if (source_n)
    source[0] = '\0';
  static const char sql[] = "SELECT share_pct, source FROM drugfree_roadmap WHERE unit_id = ? AND "
                            "year = ? AND " UNIT_IN_SCOPE("unit_id");
  struct stmt *s;
  if (db_prepare(&s, st, sql, err))
    return ERR_DB;
  db_bind_int(s, 1, unit_id);
  db_bind_int(s, 2, year);
  db_bind_int(s, 3, sc->unit_id);
  db_bind_int(s, 4, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1) {
    *has = 1;
    *share_pct = db_col_double(s, 0);
    snprintf(source, source_n, "%s", db_col_text(s, 1));
  }
  db_finalize(s);
  return r < 0 ? ERR_DB : ERR_OK;
}
