/* store_classify.c: classification rules and residents in the database (see store_classify.h). */
#include "store/store_classify.h"

#include <stdio.h>
#include <string.h>

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
