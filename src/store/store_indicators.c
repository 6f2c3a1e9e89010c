/* store_indicators.c: the SQL behind the indicators.
 *
 * Two queries give every people indicator of a unit and period: one counts
 * flows (distinct people with an event of a kind in the period), one takes
 * stocks on the period's last day from each person's latest event per
 * "track" (classification, management, substitution treatment, aftercare,
 * rehab, death) with a window function. Both are standard SQL (window
 * functions, CASE, correlated subqueries) and run unchanged on PostgreSQL. */
#include "store/store_indicators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

void ind_people_list_free(struct ind_people_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void ind_value_list_free(struct ind_value_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* Where person p lived on date D: the last move on or before D, else where
 * they lived before their first move, else their recorded residence. */
#define RESIDENCE(D)                                                                               \
  "COALESCE((SELECT m.unit_id FROM person_event m WHERE m.person_id = p.id AND m.kind = 'moved' "  \
  "AND m.event_date <= " D " ORDER BY m.event_date DESC, m.id DESC LIMIT 1), "                     \
  "(SELECT m.from_unit_id FROM person_event m WHERE m.person_id = p.id AND m.kind = 'moved' "      \
  "ORDER BY m.event_date, m.id LIMIT 1), p.unit_id)"

#define NOT_VOIDED(E)                                                                              \
  "NOT EXISTS (SELECT 1 FROM person_event v WHERE v.kind = 'void' AND v.ref_event_id = " E ".id)"

#define AGE_AT(D)                                                                                  \
  "(CAST(substr(" D ", 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS INTEGER) - "         \
  "CASE WHEN substr(" D ", 6, 5) < substr(p.birth_date, 6, 5) THEN 1 ELSE 0 END)"

#define AGE_GROUP(D)                                                                               \
  "CASE WHEN " AGE_AT(D) " < 18 THEN 'under_18' WHEN " AGE_AT(                                     \
      D) " < 30 THEN '18_29' "                                                                     \
         "WHEN " AGE_AT(D) " < 45 THEN '30_44' ELSE '45_plus' END"

static const char *group_expr(enum ind_split split)
{
  switch (split) {
  case IND_SPLIT_SEX:
    return "p.sex";
  case IND_SPLIT_AGE:
    return AGE_GROUP("?2");
  default:
    return "''";
  }
}

static const char FLOW_SQL[] =
    "SELECT %s AS g, "
    "count(DISTINCT CASE WHEN e.kind = 'classified' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'determination' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'rehab_compulsory_start' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind IN ('rehab_voluntary_community_start', "
    "'rehab_voluntary_facility_start') THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'ost_start' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'ost_stop' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'removed' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'relapse' THEN e.person_id END), "
    "count(DISTINCT CASE WHEN e.kind = 'died' THEN e.person_id END) "
    "FROM person_event e JOIN person p ON p.id = e.person_id "
    "WHERE p.merged_into IS NULL AND e.event_date >= ?1 AND e.event_date <= ?2 "
    "AND e.kind <> 'void' AND " NOT_VOIDED(
        "e") " "
             "AND " RESIDENCE(
                 "e.event_date") " IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
                                 "GROUP BY g ORDER BY g";

#define TRACK                                                                                      \
  "CASE WHEN e.kind IN ('classified', 'determination', 'removed') THEN 'c' "                       \
  "WHEN e.kind IN ('management_opened', 'management_closed') THEN 'm' "                            \
  "WHEN e.kind IN ('ost_start', 'ost_stop') THEN 'o' "                                             \
  "WHEN e.kind IN ('aftercare_start', 'aftercare_end') THEN 'a' "                                  \
  "WHEN e.kind = 'died' THEN 'd' ELSE 'r' END"

static const char STOCK_SQL[] =
    "WITH t AS (SELECT e.person_id, e.kind, e.value, " TRACK " AS track, "
    "ROW_NUMBER() OVER (PARTITION BY e.person_id, " TRACK " ORDER BY e.event_date DESC, e.id DESC) "
    "AS rn FROM person_event e "
    "WHERE e.event_date <= ?2 AND e.kind IN ('classified', 'determination', 'removed', "
    "'management_opened', 'management_closed', 'ost_start', 'ost_stop', 'aftercare_start', "
    "'aftercare_end', 'died', 'rehab_voluntary_community_start', "
    "'rehab_voluntary_community_end', 'rehab_voluntary_facility_start', "
    "'rehab_voluntary_facility_end', 'rehab_compulsory_start', 'rehab_compulsory_end') "
    "AND (e.kind <> 'determination' OR e.value = 'addict') AND " NOT_VOIDED(
        "e") " "
             "AND e.person_id IN (SELECT p2.id FROM person p2 WHERE p2.unit_id IN "
             "(SELECT unit_id FROM unit_scope WHERE scope_id = ?3) UNION SELECT m.person_id FROM "
             "person_event m WHERE m.kind = 'moved' AND (m.unit_id IN (SELECT unit_id FROM "
             "unit_scope "
             "WHERE scope_id = ?3) OR m.from_unit_id IN (SELECT unit_id FROM unit_scope WHERE "
             "scope_id = "
             "?3)))), "
             "s AS (SELECT person_id, "
             "max(CASE WHEN track = 'c' THEN CASE WHEN kind = 'classified' THEN value "
             "WHEN kind = 'determination' THEN 'addict' ELSE 'removed' END ELSE '' END) AS cls, "
             "max(CASE WHEN track = 'm' AND kind = 'management_opened' THEN 1 ELSE 0 END) AS "
             "managed, "
             "max(CASE WHEN track = 'o' AND kind = 'ost_start' THEN 1 ELSE 0 END) AS ost, "
             "max(CASE WHEN track = 'a' AND kind = 'aftercare_start' THEN 1 ELSE 0 END) AS "
             "aftercare, "
             "max(CASE WHEN track = 'r' AND kind IN ('rehab_voluntary_community_start', "
             "'rehab_voluntary_facility_start', 'rehab_compulsory_start') THEN 1 ELSE 0 END) AS "
             "rehab, "
             "max(CASE WHEN track = 'd' THEN 1 ELSE 0 END) AS died "
             "FROM t WHERE rn = 1 GROUP BY person_id) "
             "SELECT %s AS g, "
             "sum(CASE WHEN s.died = 0 AND s.cls = 'user' THEN 1 ELSE 0 END), "
             "sum(CASE WHEN s.died = 0 AND s.cls = 'addict' THEN 1 ELSE 0 END), "
             "sum(CASE WHEN s.died = 0 AND s.cls IN ('user', 'addict', 'psychosis') THEN 1 ELSE 0 "
             "END), "
             "sum(CASE WHEN s.died = 0 AND s.cls = 'user' AND s.managed = 1 THEN 1 ELSE 0 END), "
             "sum(CASE WHEN s.died = 0 AND s.ost = 1 THEN 1 ELSE 0 END), "
             "sum(CASE WHEN s.died = 0 AND s.aftercare = 1 THEN 1 ELSE 0 END), "
             "sum(CASE WHEN s.died = 0 AND s.cls = 'addict' AND (s.rehab = 1 OR s.ost = 1) THEN 1 "
             "ELSE 0 "
             "END) "
             "FROM s JOIN person p ON p.id = s.person_id "
             "WHERE p.merged_into IS NULL "
             "AND " RESIDENCE("?2") " IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
                                    "GROUP BY g ORDER BY g";

/* The row for group g, added when new. */
static struct ind_people_row *row_for(struct ind_people_list *l, size_t *cap, const char *g)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].group, g) == 0)
      return &l->items[i];
  if (l->n == *cap) {
    size_t c = *cap ? *cap * 2 : 8;
    struct ind_people_row *p = realloc(l->items, c * sizeof *p);
    if (!p)
      return NULL;
    l->items = p;
    *cap = c;
  }
  struct ind_people_row *r = &l->items[l->n++];
  memset(r, 0, sizeof *r);
  snprintf(r->group, sizeof r->group, "%s", g);
  return r;
}

/* The SQL templates are constants of this file with one %s (the group
 * expression, also a constant): a non-literal format is safe here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static int run_people(struct ind_people_list *out, size_t *cap, struct store *st, const char *fmt,
                      enum ind_split split, long scope_id, const char *start, const char *end,
                      int flows, struct err *err)
{
  size_t n = strlen(fmt) + 2048;
  char *sql = malloc(n);
  if (!sql)
    return err_set(err, ERR_NOMEM, "hết bộ nhớ");
  snprintf(sql, n, fmt, group_expr(split));
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  free(sql);
  if (rc)
    return rc;
  db_bind_text(s, 1, start);
  db_bind_text(s, 2, end);
  db_bind_int(s, 3, scope_id);
  int r;
  while ((r = db_step(s, err)) == 1) {
    struct ind_people_row *row = row_for(out, cap, db_col_text(s, 0));
    if (!row) {
      rc = err_set(err, ERR_NOMEM, "hết bộ nhớ");
      break;
    }
    if (flows) {
      row->classified = db_col_int(s, 1);
      row->determinations = db_col_int(s, 2);
      row->rehab_compulsory = db_col_int(s, 3);
      row->rehab_voluntary = db_col_int(s, 4);
      row->ost_started = db_col_int(s, 5);
      row->ost_stopped = db_col_int(s, 6);
      row->removed = db_col_int(s, 7);
      row->relapses = db_col_int(s, 8);
      row->died = db_col_int(s, 9);
    } else {
      row->users = db_col_int(s, 1);
      row->addicts = db_col_int(s, 2);
      row->in_list = db_col_int(s, 3);
      row->users_managed = db_col_int(s, 4);
      row->ost = db_col_int(s, 5);
      row->aftercare = db_col_int(s, 6);
      row->addicts_treated = db_col_int(s, 7);
    }
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_ind_people(struct ind_people_list *out, struct store *st, long scope_id,
                     const char *start, const char *end, enum ind_split split, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (split == IND_SPLIT_AGENCY)
    split = IND_SPLIT_NONE; /* people have no agency */
  size_t cap = 0;
  int rc = run_people(out, &cap, st, FLOW_SQL, split, scope_id, start, end, 1, err);
  if (!rc)
    rc = run_people(out, &cap, st, STOCK_SQL, split, scope_id, start, end, 0, err);
  if (rc)
    ind_people_list_free(out);
  return rc;
}

static const char VALUES_FLOW_SQL[] =
    "SELECT v.indicator, %s, sum(v.value) FROM indicator_value v "
    "WHERE v.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
    "AND v.period_start >= ?1 AND v.period_end <= ?2 "
    "GROUP BY v.indicator, %s ORDER BY v.indicator, %s";

static const char VALUES_STOCK_SQL[] =
    "SELECT v.indicator, %s, sum(v.value) FROM indicator_value v "
    "WHERE v.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
    "AND v.period_end >= ?1 AND v.period_end <= ?2 "
    "AND NOT EXISTS (SELECT 1 FROM indicator_value w WHERE w.indicator = v.indicator "
    "AND w.unit_id = v.unit_id AND w.agency_kind = v.agency_kind "
    "AND w.period_end > v.period_end AND w.period_end <= ?2) "
    "GROUP BY v.indicator, %s ORDER BY v.indicator, %s";

int store_ind_values(struct ind_value_list *out, struct store *st, long scope_id, const char *start,
                     const char *end, int stock, enum ind_split split, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  const char *g = split == IND_SPLIT_AGENCY ? "v.agency_kind" : "''";
  char sql[1400];
  snprintf(sql, sizeof sql, stock ? VALUES_STOCK_SQL : VALUES_FLOW_SQL, g, g, g);
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, start);
  db_bind_text(s, 2, end);
  db_bind_int(s, 3, scope_id);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      size_t c = cap ? cap * 2 : 16;
      struct ind_value_row *p = realloc(out->items, c * sizeof *p);
      if (!p) {
        rc = err_set(err, ERR_NOMEM, "hết bộ nhớ");
        break;
      }
      out->items = p;
      cap = c;
    }
    struct ind_value_row *row = &out->items[out->n++];
    snprintf(row->indicator, sizeof row->indicator, "%s", db_col_text(s, 0));
    snprintf(row->group, sizeof row->group, "%s", db_col_text(s, 1));
    row->value = db_col_double(s, 2);
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    ind_value_list_free(out);
  return rc;
}

#pragma GCC diagnostic pop

int store_ind_value_put(struct store *st, const struct ind_value_entry *e, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(
      &s, st,
      "INSERT INTO indicator_value (indicator, unit_id, agency_kind, period_start, period_end, "
      "value, source, entered_by, entered_at) "
      "SELECT ?, u.id, ?, ?, ?, ?, ?, ?, ? FROM unit u WHERE u.tree = ? AND u.code = ? "
      "ON CONFLICT (indicator, unit_id, agency_kind, period_start, period_end) DO UPDATE SET "
      "value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, "
      "entered_at = excluded.entered_at",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, e->indicator);
  db_bind_text(s, 2, e->agency_kind ? e->agency_kind : "");
  db_bind_text(s, 3, e->start);
  db_bind_text(s, 4, e->end);
  db_bind_double(s, 5, e->value);
  db_bind_text(s, 6, e->source ? e->source : "");
  db_bind_text(s, 7, e->by);
  db_bind_text(s, 8, e->at);
  db_bind_text(s, 9, e->unit_tree);
  db_bind_text(s, 10, e->unit_code);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  else if (db_changes(st) == 0)
    rc = err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s)", e->unit_code, e->unit_tree);
  db_finalize(s);
  return rc;
}
