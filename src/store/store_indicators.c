/* store_indicators.c: the SQL behind the indicators.
 *
 * Two queries give every people indicator of a unit and period, both range
 * counts over rows derived from the histories (migration 009): one counts
 * flows (distinct people with an event of a kind in the period), one takes
 * stocks on the period's last day. The registers' indicators are one query
 * per register. Standard SQL: they run unchanged on PostgreSQL. */
#include "store/store_indicators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/unit.h"
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
    return AGE_GROUP("?4");
  default:
    return "''";
  }
}

/* The units of the scope. */
#define SCOPE_UNITS "(SELECT unit_id FROM unit_scope WHERE scope_id = ?3)"

/* People are counted from their derived rows (migration 009,
 * domain/person_span.c), placed where the person lived on the day. ?1, ?2:
 * the period's first and last day as day numbers, ?3 the scope, ?4 the last
 * day in ISO (ages). {g}: the group expression; {join}: the join to person
 * when a split needs sex or birth date.
 *
 * Flows: the flow rows of the period per person; a person counts once per
 * kind (their kinds OR'ed in C, rows come person by person). Stocks: the
 * flags of the spans open on the last day, their bits summed in C (stepping
 * the rows out costs less than SQL's GROUP BY or seven SUMs: 29 against 56
 * and 85 ms for the 181,590 open spans of the country). */
static const char FLOW_SQL[] =
    "SELECT {g} AS g, f.person_id, f.kinds FROM person_flow f{join} "
    "WHERE f.day >= ?1 AND f.day <= ?2 AND f.unit_id IN " SCOPE_UNITS " ORDER BY g, f.person_id";

static const char STOCK_SQL[] =
    "SELECT {g} AS g, s.flags FROM person_span s{join} "
    "WHERE s.to_day > ?2 AND s.from_day <= ?2 AND s.unit_id IN " SCOPE_UNITS;

/* A copy of sql with every `from` replaced by `to` (malloc'd; frees sql;
 * NULL when out of memory). */
static char *replace_all(char *sql, const char *from, const char *to)
{
  if (!sql)
    return NULL;
  size_t lf = strlen(from), lt = strlen(to), n = 0;
  for (const char *at = strstr(sql, from); at; at = strstr(at + lf, from))
    n++;
  char *out = malloc(strlen(sql) + n * lt + 1);
  if (out) {
    char *w = out;
    const char *r = sql;
    for (const char *at = strstr(r, from); at; at = strstr(r, from)) {
      memcpy(w, r, (size_t)(at - r));
      w += at - r;
      memcpy(w, to, lt);
      w += lt;
      r = at + lf;
    }
    memcpy(w, r, strlen(r) + 1);
  }
  free(sql);
  return out;
}

/* The SQL of a template for a scope: {g} replaced by the group expression,
 * {join} by the join a people split needs, and for the national scope
 * (every unit, every residence) the scope conditions replaced by "?3 = 0",
 * always true there, so that no row is placed for nothing. The replaced
 * fragments are constants of this file; values are bound. malloc'd, NULL
 * when out of memory. */
static char *scoped_sql(const char *fmt, const char *group, const char *join, long scope_id)
{
  static const char *const national[][2] = {
      {"f.unit_id IN " SCOPE_UNITS, "?3 = 0"},
      {"s.unit_id IN " SCOPE_UNITS, "?3 = 0"},
      {" IN " SCOPE_UNITS, " IS NOT NULL AND ?3 = 0"},
  };
  char *sql = replace_all(replace_all(strdup(fmt), "{g}", group), "{join}", join);
  for (size_t i = 0; scope_id == 0 && i < sizeof national / sizeof *national; i++)
    sql = replace_all(sql, national[i][0], national[i][1]);
  return sql;
}

/* Prepare the template fmt for a scope (scoped_sql). */
static int prepare_template(struct stmt **out, struct store *st, const char *fmt, const char *group,
                            const char *join, long scope_id, struct err *err)
{
  char *sql = scoped_sql(fmt, group, join, scope_id);
  if (!sql)
    return err_set(err, ERR_NOMEM, "hết bộ nhớ");
  int rc = db_prepare(out, st, sql, err);
  free(sql);
  return rc;
}

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

/* Add a person's OR'ed flow kinds (bits of person_flow.kinds) to row r. */
static void add_flows(struct ind_people_row *r, long kinds)
{
  long *const field[] = {&r->classified,      &r->determinations, &r->rehab_compulsory,
                         &r->rehab_voluntary, &r->ost_started,    &r->ost_stopped,
                         &r->removed,         &r->relapses,       &r->died};
  for (size_t b = 0; b < sizeof field / sizeof *field; b++)
    if (kinds & (1L << b))
      (*field[b])++;
}

/* Add a person counted as `flags` (bits of person_span.flags) to row r. */
static void add_stock(struct ind_people_row *r, long flags)
{
  long *const field[] = {&r->users, &r->addicts,   &r->in_list,        &r->users_managed,
                         &r->ost,   &r->aftercare, &r->addicts_treated};
  for (size_t b = 0; b < sizeof field / sizeof *field; b++)
    if (flags & (1L << b))
      (*field[b])++;
}

static int run_people(struct ind_people_list *out, size_t *cap, struct store *st, const char *fmt,
                      enum ind_split split, long scope_id, const char *start, const char *end,
                      int flows, struct err *err)
{
  struct date ds, de;
  if (date_parse(&ds, start, 0, NULL) || date_parse(&de, end, 0, NULL))
    return err_set(err, ERR_INPUT, "kỳ %s..%s không hợp lệ", start, end);
  const char *join = split == IND_SPLIT_NONE ? ""
                     : flows                 ? " JOIN person p ON p.id = f.person_id"
                                             : " JOIN person p ON p.id = s.person_id";
  struct stmt *s;
  int rc = prepare_template(&s, st, fmt, group_expr(split), join, scope_id, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, date_to_days(ds));
  db_bind_int(s, 2, date_to_days(de));
  db_bind_int(s, 3, scope_id);
  db_bind_text(s, 4, end);
  struct ind_people_row *row = NULL;
  long person = 0, kinds = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    const char *g = db_col_text(s, 0);
    if (flows && row && (strcmp(row->group, g) != 0 || db_col_int(s, 1) != person)) {
      add_flows(row, kinds); /* the previous person is complete */
      kinds = 0;
    }
    if (!row || strcmp(row->group, g) != 0)
      row = row_for(out, cap, g);
    if (!row) {
      rc = err_set(err, ERR_NOMEM, "hết bộ nhớ");
      break;
    }
    if (flows) {
      person = (long)db_col_int(s, 1);
      kinds |= (long)db_col_int(s, 2);
    } else {
      add_stock(row, (long)db_col_int(s, 1));
    }
  }
  if (flows && row && !rc && r == 0)
    add_flows(row, kinds);
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
    "SELECT v.indicator, {g}, sum(v.value) FROM indicator_value v "
    "WHERE v.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
    "AND v.period_start >= ?1 AND v.period_end <= ?2 "
    "GROUP BY v.indicator, {g} ORDER BY v.indicator, {g}";

static const char VALUES_STOCK_SQL[] =
    "SELECT v.indicator, {g}, sum(v.value) FROM indicator_value v "
    "WHERE v.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
    "AND v.period_end >= ?1 AND v.period_end <= ?2 "
    "AND NOT EXISTS (SELECT 1 FROM indicator_value w WHERE w.indicator = v.indicator "
    "AND w.unit_id = v.unit_id AND w.agency_kind = v.agency_kind "
    "AND w.period_end > v.period_end AND w.period_end <= ?2) "
    "GROUP BY v.indicator, {g} ORDER BY v.indicator, {g}";

int store_ind_values(struct ind_value_list *out, struct store *st, long scope_id, const char *start,
                     const char *end, int stock, enum ind_split split, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  const char *g = split == IND_SPLIT_AGENCY ? "v.agency_kind" : "''";
  struct stmt *s;
  int rc =
      prepare_template(&s, st, stock ? VALUES_STOCK_SQL : VALUES_FLOW_SQL, g, "", scope_id, err);
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

/* ---- registers of cases, places, activities, licit entities ----
 *
 * One query per register (and per kind of row counted), each computing
 * several figures with SUM(CASE ...), filtered by the scope through
 * unit_scope on the record's unit. ?1 start, ?2 end, ?3 scope id; the
 * communes query also takes ?4 the tree in force on the end and ?5 its
 * commune level. {g} is the group expression (a constant of this file). */

#define IN_SCOPE(COL)  COL " IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3)"
#define IN_PERIOD(COL) "(" COL " >= ?1 AND " COL " <= ?2)"
/* A record's unit tested row by row ("+": not an index to drive the query
 * from, in SQLite's planner; elsewhere a no-op): the flows below are driven
 * by a (date, unit) index over the period, which for any territory reads at
 * most the country's records of the period, instead of one index probe per
 * unit of the territory (684 for Hanoi) and table per figure. */
#define UNIT_IN_SCOPE(COL) "+" IN_SCOPE(COL)

/* The status of place p on the period's end: its latest status row on or
 * before it (same day: reformed, then eliminated, then active). */
#define STATUS_AT_END                                                                              \
  "(SELECT s.status FROM place_status s WHERE s.place_id = p.id AND s.on_date <= ?2 "              \
  "ORDER BY s.on_date DESC, s.status DESC LIMIT 1)"

/* clang-format off */
/* Each procedural step counted by its own date: four index ranges. */
#define CASE_STEP(COL, D, P, T, R)                                                                 \
  "SELECT {g} AS g, " D " AS d, " P " AS p, " T " AS t, " R " AS r FROM drug_case c "               \
  "WHERE " IN_PERIOD("c." COL) " AND " UNIT_IN_SCOPE("c.unit_id")
static const char CASES_SQL[] =
    "SELECT g, sum(d), sum(p), sum(t), sum(r) FROM ("
    CASE_STEP("detected_on", "1", "0", "0", "0") " UNION ALL "
    CASE_STEP("prosecuted_on", "0", "1", "0", "0") " UNION ALL "
    CASE_STEP("tried_on", "0", "0", "1", "0") " UNION ALL "
    CASE_STEP("resolved_on", "0", "0", "0", "1") ") x GROUP BY g ORDER BY g";

/* A person arrested in two cases counts once; a merged record counts as the
 * record it went into. */
static const char ARRESTS_SQL[] =
    "SELECT {g} AS g, count(DISTINCT COALESCE(p.merged_into, p.id)) "
    "FROM case_person cp JOIN drug_case c ON c.id = cp.case_id JOIN person p ON p.id = cp.person_id "
    "WHERE " IN_PERIOD("cp.arrested_on") " AND " UNIT_IN_SCOPE("c.unit_id") " GROUP BY g ORDER BY g";

static const char SEIZURES_SQL[] =
    "SELECT {g} AS g, "
    "sum(CASE WHEN s.substance = 'heroin' AND s.measure = 'gram' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance = 'methamphetamine' AND s.measure = 'gram' THEN s.quantity "
    "ELSE 0 END), "
    "sum(CASE WHEN s.measure = 'pill' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance = 'cannabis' AND s.measure = 'gram' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance NOT IN ('heroin', 'methamphetamine', 'cannabis') "
    "AND s.measure = 'gram' THEN s.quantity ELSE 0 END) "
    "FROM drug_case c JOIN case_seizure s ON s.case_id = c.id "
    "WHERE " IN_PERIOD("c.detected_on") " AND " UNIT_IN_SCOPE("c.unit_id") " GROUP BY g ORDER BY g";

static const char PLACES_SQL[] =
    "SELECT {g} AS g, "
    "sum(CASE WHEN x.kind = 'hotspot' AND x.st IN ('active', 'reformed') THEN 1 ELSE 0 END), "
    "sum(CASE WHEN x.kind = 'hotspot' AND " IN_PERIOD("x.first_active") " THEN 1 ELSE 0 END), "
    "sum(CASE WHEN x.kind = 'hotspot' THEN x.eliminated ELSE 0 END), "
    "sum(CASE WHEN x.kind = 'hotspot' THEN x.reformed ELSE 0 END), "
    "sum(CASE WHEN x.kind IN ('retail_point', 'seller') AND x.st IN ('active', 'reformed') "
    "THEN 1 ELSE 0 END), "
    "sum(CASE WHEN x.kind = 'cultivation' AND " IN_PERIOD("x.destroyed_on") " THEN 1 ELSE 0 END), "
    "sum(CASE WHEN x.kind = 'cultivation' AND " IN_PERIOD("x.destroyed_on") " THEN x.area_m2 "
    "ELSE 0 END) "
    "FROM (SELECT p.kind, p.destroyed_on, p.area_m2, "
    "CASE WHEN p.kind <> 'cultivation' THEN " STATUS_AT_END " END AS st, "
    "CASE WHEN p.kind = 'hotspot' THEN (SELECT min(s.on_date) FROM place_status s "
    "WHERE s.place_id = p.id AND s.status = 'active') END AS first_active, "
    "CASE WHEN p.kind = 'hotspot' THEN (SELECT count(*) FROM place_status s "
    "WHERE s.place_id = p.id AND s.status = 'eliminated' AND " IN_PERIOD("s.on_date") ") "
    "ELSE 0 END AS eliminated, "
    "CASE WHEN p.kind = 'hotspot' THEN (SELECT count(*) FROM place_status s "
    "WHERE s.place_id = p.id AND s.status = 'reformed' AND " IN_PERIOD("s.on_date") ") "
    "ELSE 0 END AS reformed "
    "FROM place p WHERE " IN_SCOPE("p.unit_id") " AND p.kind IN ('hotspot', 'retail_point', "
    "'seller', 'cultivation')) x GROUP BY g ORDER BY g";
/* clang-format on */

static const char INSPECTIONS_SQL[] =
    "SELECT {g} AS g, count(*), count(DISTINCT CASE WHEN i.violations > 0 THEN i.place_id END) "
    "FROM place p JOIN place_inspection i ON i.place_id = p.id "
    "WHERE " IN_SCOPE("p.unit_id") " AND p.kind = 'business' AND " IN_PERIOD(
        "i.inspected_on") " GROUP BY g ORDER BY g";

static const char ACTIVITIES_SQL[] =
    "SELECT {g} AS g, "
    "sum(CASE WHEN a.kind = 'propaganda' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'propaganda' THEN a.participants ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'broadcast' THEN a.minutes ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'mobile_trial' THEN 1 ELSE 0 END) "
    "FROM activity a WHERE " UNIT_IN_SCOPE(
        "a.unit_id") " AND a.kind IN ('propaganda', 'broadcast', "
                     "'mobile_trial') AND " IN_PERIOD("a.held_on") " GROUP BY g ORDER BY g";

static const char LICIT_SQL[] =
    "SELECT {g} AS g, count(*) FROM licit_entity e WHERE " IN_SCOPE("e.unit_id") " GROUP BY g";

static const char LICIT_INSPECTED_SQL[] =
    "SELECT {g} AS g, count(DISTINCT i.entity_id) "
    "FROM licit_entity e JOIN licit_inspection i ON i.entity_id = e.id "
    "WHERE " IN_SCOPE("e.unit_id") " AND " IN_PERIOD("i.inspected_on") " GROUP BY g ORDER BY g";

/* Communes in force on the end (c), and every unit whose records count for
 * one of them (m): the commune itself and the old communes that went into
 * it, so that across the reform an old commune's records land on today's
 * commune and a commune counts once. (CROSS JOIN: SQLite keeps the join
 * order, driving from the scope's communes; elsewhere a plain join.) */
static const char COMMUNES_SQL[] =
    "WITH c AS (SELECT u.id FROM unit_scope us JOIN unit u ON u.id = us.unit_id "
    "WHERE us.scope_id = ?3 AND u.tree = ?4 AND u.level = ?5 AND u.valid_from <= ?2 "
    "AND u.valid_to >= ?2), "
    "m (unit_id, commune_id) AS (SELECT id, id FROM c UNION "
    "SELECT s.old_id, c.id FROM c JOIN unit_succession s ON s.new_id = c.id), "
    "prop AS (SELECT DISTINCT m.commune_id FROM m CROSS JOIN activity a "
    "WHERE a.unit_id = m.unit_id AND a.kind = 'propaganda' AND " IN_PERIOD(
        "a.held_on") "), "
                     "drug AS (SELECT m.commune_id FROM m CROSS JOIN drug_case d WHERE d.unit_id = "
                     "m.unit_id "
                     "AND " IN_PERIOD(
                         "d.detected_on") " UNION SELECT m.commune_id FROM m CROSS JOIN place p "
                                          "WHERE p.unit_id = m.unit_id AND p.kind IN ('hotspot', "
                                          "'retail_point', 'seller') "
                                          "AND " STATUS_AT_END " IN ('active', 'reformed')) "
                                          "SELECT {g} AS g, (SELECT count(*) FROM c), (SELECT "
                                          "count(*) FROM prop), "
                                          "(SELECT count(*) FROM drug)";

struct reg_query {
  const char *sql;
  const char *by_agency;    /* group expression for IND_SPLIT_AGENCY, NULL: no split */
  const char *by_substance; /* for IND_SPLIT_SUBSTANCE */
  int communes;             /* binds ?4, ?5 */
  const char *cols[8];      /* indicator of each column after the group */
};

static const struct reg_query REG_QUERIES[] = {
    {CASES_SQL,
     "COALESCE(NULLIF(c.agency_kind, ''), 'unknown')",
     NULL,
     0,
     {"cases_detected", "cases_prosecuted", "cases_tried", "cases_resolved"}},
    {ARRESTS_SQL, "COALESCE(NULLIF(c.agency_kind, ''), 'unknown')", NULL, 0, {"persons_arrested"}},
    {SEIZURES_SQL,
     "COALESCE(NULLIF(c.agency_kind, ''), 'unknown')",
     "s.substance",
     0,
     {"seized_heroin_g", "seized_meth_g", "seized_pills", "seized_cannabis_g", "seized_other_g"}},
    {PLACES_SQL,
     NULL,
     NULL,
     0,
     {"hotspots_active", "hotspots_new", "hotspots_eliminated", "hotspots_reformed",
      "retail_points_active", "cultivation_sites_destroyed", "cultivation_area_destroyed"}},
    {INSPECTIONS_SQL,
     "COALESCE(NULLIF(i.agency_kind, ''), 'unknown')",
     NULL,
     0,
     {"businesses_inspected", "business_violations"}},
    {ACTIVITIES_SQL,
     "COALESCE(NULLIF(a.agency_kind, ''), 'unknown')",
     NULL,
     0,
     {"propaganda_sessions", "propaganda_participants", "broadcast_minutes", "mobile_trials"}},
    {LICIT_SQL, NULL, NULL, 0, {"licit_entities"}},
    {LICIT_INSPECTED_SQL,
     "COALESCE(NULLIF(i.agency_kind, ''), 'unknown')",
     NULL,
     0,
     {"licit_entities_inspected"}},
    {COMMUNES_SQL,
     NULL,
     NULL,
     1,
     {"communes_total", "communes_with_propaganda", "communes_with_drug_activity"}},
};

static int value_push(struct ind_value_list *l, size_t *cap, const char *indicator,
                      const char *group, double value)
{
  if (l->n == *cap) {
    size_t c = *cap ? *cap * 2 : 64;
    struct ind_value_row *p = realloc(l->items, c * sizeof *p);
    if (!p)
      return ERR_NOMEM;
    l->items = p;
    *cap = c;
  }
  struct ind_value_row *r = &l->items[l->n++];
  snprintf(r->indicator, sizeof r->indicator, "%s", indicator);
  snprintf(r->group, sizeof r->group, "%s", group);
  r->value = value;
  return ERR_OK;
}

static int run_register(struct ind_value_list *out, size_t *cap, struct store *st,
                        const struct reg_query *q, const char *g, long scope_id, const char *start,
                        const char *end, struct err *err)
{
  struct stmt *s;
  int rc = prepare_template(&s, st, q->sql, g, "", scope_id, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, start);
  db_bind_text(s, 2, end);
  db_bind_int(s, 3, scope_id);
  if (q->communes) {
    const char *tree = unit_tree_at(end);
    db_bind_text(s, 4, tree);
    db_bind_int(s, 5, unit_commune_level(tree));
  }
  size_t ncols = 0;
  while (ncols < sizeof q->cols / sizeof *q->cols && q->cols[ncols])
    ncols++;
  int seen = 0, r;
  while ((r = db_step(s, err)) == 1) {
    seen = 1;
    for (size_t k = 0; k < ncols && !rc; k++)
      rc = value_push(out, cap, q->cols[k], db_col_text(s, 0), db_col_double(s, (int)k + 1));
    if (rc)
      break;
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  db_finalize(s);
  /* the total: 0 when nothing counts */
  for (size_t k = 0; !rc && !seen && strcmp(g, "''") == 0 && k < ncols; k++)
    rc = value_push(out, cap, q->cols[k], "", 0);
  if (rc == ERR_NOMEM)
    err_set(err, ERR_NOMEM, "hết bộ nhớ");
  return rc;
}

int store_ind_registers(struct ind_value_list *out, struct store *st, long scope_id,
                        const char *start, const char *end, enum ind_split split, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  size_t cap = 0;
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < sizeof REG_QUERIES / sizeof *REG_QUERIES; i++) {
    const struct reg_query *q = &REG_QUERIES[i];
    const char *g = split == IND_SPLIT_NONE        ? "''"
                    : split == IND_SPLIT_AGENCY    ? q->by_agency
                    : split == IND_SPLIT_SUBSTANCE ? q->by_substance
                                                   : NULL;
    if (g)
      rc = run_register(out, &cap, st, q, g, scope_id, start, end, err);
  }
  if (rc)
    ind_value_list_free(out);
  return rc;
}

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
