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
#include "base/idmap.h"
#include "store/db.h"
#include "types/person.h"
#include "types/unit.h"

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
 * Flows: the flow rows of the period; a person counts once per kind (their
 * kinds OR'ed in C in a hash map keyed by group and person; SQL's ORDER BY
 * took 28 ms for the 25,000 rows of the country's quarter). Stocks: the
 * flags of the spans open on the last day, their bits summed in C (stepping
 * the rows out costs less than SQL's GROUP BY or seven SUMs: 29 against 56
 * and 85 ms for the 181,590 open spans of the country). */
static const char FLOW_SQL[] = "SELECT {g} AS g, f.person_id, f.kinds FROM person_flow f{join} "
                               "WHERE f.day >= ?1 AND f.day <= ?2 AND f.unit_id IN " SCOPE_UNITS;

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

/* sql without every "{p}...{/p}" fragment (drop) or without the markers
 * alone (keep). Frees sql; NULL when out of memory. */
static char *cut_marked(char *sql, int drop)
{
  if (!drop)
    return replace_all(replace_all(sql, "{p}", ""), "{/p}", "");
  for (char *at = sql ? strstr(sql, "{p}") : NULL; at; at = strstr(at, "{p}")) {
    char *close = strstr(at, "{/p}");
    if (!close)
      break;
    memmove(at, close + 4, strlen(close + 4) + 1);
  }
  return sql;
}

/* The SQL of a template for a scope: {g} replaced by the group expression,
 * {join} by the join a people split needs, and for the national scope
 * (every unit, every residence) the scope conditions replaced by "?3 = 0",
 * always true there, so that no row is placed for nothing, and the province
 * conditions ({p}...{/p}) dropped, so that the country's figures read their
 * (date) indexes without a column outside them. The replaced fragments are
 * constants of this file; values are bound. malloc'd, NULL when out of
 * memory. */
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
  return cut_marked(sql, scope_id == 0);
}

/* Prepare the template fmt for a scope (scoped_sql). */
static int prepare_template(struct stmt **out, struct store *st, const char *fmt, const char *group,
                            const char *join, long scope_id, struct err *err)
{
  char *sql = scoped_sql(fmt, group, join, scope_id);
  if (!sql)
    return err_nomem(err);
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

/* Add a person's OR'ed flow kinds (person_flow.kinds) to row r. */
static void add_flows(struct ind_people_row *r, long kinds)
{
  r->classified += (kinds & PFLOW_CLASSIFIED) != 0;
  r->determinations += (kinds & PFLOW_DETERMINATION) != 0;
  r->rehab_compulsory += (kinds & PFLOW_REHAB_COMPULSORY) != 0;
  r->rehab_voluntary += (kinds & PFLOW_REHAB_VOLUNTARY) != 0;
  r->ost_started += (kinds & PFLOW_OST_STARTED) != 0;
  r->ost_stopped += (kinds & PFLOW_OST_STOPPED) != 0;
  r->removed += (kinds & PFLOW_REMOVED) != 0;
  r->relapses += (kinds & PFLOW_RELAPSE) != 0;
  r->died += (kinds & PFLOW_DIED) != 0;
}

/* Add a person counted as `flags` (person_span.flags) to row r. */
static void add_stock(struct ind_people_row *r, long flags)
{
  r->users += (flags & PSPAN_USER) != 0;
  r->addicts += (flags & PSPAN_ADDICT) != 0;
  r->in_list += (flags & PSPAN_IN_LIST) != 0;
  r->users_managed += (flags & PSPAN_USER_MANAGED) != 0;
  r->ost += (flags & PSPAN_OST) != 0;
  r->aftercare += (flags & PSPAN_AFTERCARE) != 0;
  r->addicts_treated += (flags & PSPAN_ADDICT_TREATED) != 0;
}

static int group_cmp(const void *a, const void *b)
{
  return strcmp(((const struct ind_people_row *)a)->group,
                ((const struct ind_people_row *)b)->group);
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
  if (split == IND_SPLIT_AGE)
    db_bind_text(s, 4, end); /* only the age groups read it (group_expr) */
  struct ind_people_row *row = NULL;
  struct idmap seen = {0}; /* flows: (group << 40 | person) -> kinds */
  int r;
  while ((r = db_step(s, err)) == 1) {
    const char *g = db_col_text(s, 0);
    if (!row || strcmp(row->group, g) != 0)
      row = row_for(out, cap, g);
    if (!row) {
      rc = err_nomem(err);
      break;
    }
    if (!flows) {
      add_stock(row, (long)db_col_int(s, 1));
      continue;
    }
    uint64_t key = (uint64_t)(row - out->items) << 40 | (uint64_t)db_col_int(s, 1);
    if (idmap_or(&seen, key, (uint64_t)db_col_int(s, 2))) {
      rc = err_nomem(err);
      break;
    }
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  db_finalize(s);
  uint64_t key, kinds;
  for (size_t at = 0; !rc && idmap_next(&seen, &at, &key, &kinds);)
    add_flows(&out->items[key >> 40], (long)kinds);
  idmap_free(&seen);
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
  else if (out->n > 1)
    qsort(out->items, out->n, sizeof *out->items, group_cmp); /* groups in a stable order */
  return rc;
}

/* Entered values overlap when one covers another: a quarter and its months,
 * or a total for all agencies ('') and one agency's part. The covering
 * value wins (it is the figure reported for the whole), so nothing counts
 * twice. Flows: the values inside the period no other value inside it
 * covers, summed. */
static const char VALUES_FLOW_SQL[] =
    "SELECT v.indicator, {g}, sum(v.value) FROM indicator_value v "
    "WHERE v.unit_id IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3) "
    "AND v.period_start >= ?1 AND v.period_end <= ?2 "
    "AND NOT EXISTS (SELECT 1 FROM indicator_value w WHERE w.indicator = v.indicator "
    "AND w.unit_id = v.unit_id AND w.id <> v.id "
    "AND (w.agency_kind = v.agency_kind OR w.agency_kind = '') "
    "AND w.period_start <= v.period_start AND w.period_end >= v.period_end "
    "AND w.period_start >= ?1 AND w.period_end <= ?2) "
    "GROUP BY v.indicator, {g} ORDER BY v.indicator, {g}";

/* Stocks: per unit and agency the value with the latest end inside the
 * period. (No aggregate indicator of the catalogue is a stock yet.) */
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
        rc = err_nomem(err);
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
 * unit_scope on the record's unit. For a territory the flows read a
 * (province, date) index over the period for each province of the territory
 * and test the unit of those rows; for the whole country (no scope
 * condition) a (date) index over the period (both kept by migration 011).
 * ?1 start, ?2 end, ?3 scope id. {g} is the group expression (a constant of
 * this file); for the totals (no split) the GROUP BY is dropped: grouping
 * every row under one constant costs SQLite a sorter, ten times the scan
 * itself. Persons arrested and the communes are counted in C (a person once,
 * a commune once) from the rows the SQL gives. */

#define IN_SCOPE(COL)  COL " IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?3)"
#define IN_PERIOD(COL) "(" COL " >= ?1 AND " COL " <= ?2)"
/* A record of the territory: first by its province key (migration 011), an
 * index range per province of the territory, then by its unit. */
#define SCOPE_PROVS     "(SELECT prov_id FROM scope_province WHERE scope_id = ?3)"
#define IN_TERRITORY(T) "{p}" T ".prov_id IN " SCOPE_PROVS " AND {/p}+" IN_SCOPE(T ".unit_id")
#define GROUPED         " GROUP BY g ORDER BY g"
/* The unit a place or licit entity (alias T) is on on day D: the unit after
 * the reform from its first day on, when the record has one (migration
 * 017), else the unit it was found on. Its province key stays the first
 * unit's: a territory of today's tree holds the old units that went into it,
 * so it holds that province too. */
#define UNIT_ON(T, D)                                                                              \
  "(CASE WHEN " T ".unit_after_id IS NOT NULL AND " D " >= '" UNIT_REFORM_DAY "' THEN " T          \
  ".unit_after_id ELSE " T ".unit_id END)"
#define IN_TERRITORY_ON(T, D)                                                                      \
  "{p}" T ".prov_id IN " SCOPE_PROVS " AND {/p}+" IN_SCOPE(UNIT_ON(T, D))

/* Places active on the period's end, from their derived status spans
 * (place_span, migration 011): a span holds from its status row's day to the
 * place's next status row. For a territory the status is no index to drive
 * from ("+"): its province key is. */
#define PLACE_OPEN_AT_END                                                                          \
  "{p}+{/p}x.status IN ('active', 'reformed') AND x.to_date > ?2 AND x.on_date <= ?2"

/* clang-format off */
/* Each procedural step counted by its own date: four index ranges. */
#define CASE_STEP(COL, D, P, T, R)                                                                 \
  "SELECT {g} AS g, " D " AS d, " P " AS p, " T " AS t, " R " AS r FROM drug_case c "               \
  "WHERE " IN_PERIOD("c." COL) " AND " IN_TERRITORY("c")
static const char CASES_SQL[] =
    "SELECT g, sum(d), sum(p), sum(t), sum(r) FROM ("
    CASE_STEP("detected_on", "1", "0", "0", "0") " UNION ALL "
    CASE_STEP("prosecuted_on", "0", "1", "0", "0") " UNION ALL "
    CASE_STEP("tried_on", "0", "0", "1", "0") " UNION ALL "
    CASE_STEP("resolved_on", "0", "0", "0", "1") ") x" GROUPED;

/* One row per arrest: the case's unit and force are kept on case_person
 * (migration 011); the people are counted once in C (arrests_count). */
static const char ARRESTS_SQL[] =
    "SELECT {g} AS g, cp.person_id FROM case_person cp "
    "WHERE " IN_PERIOD("cp.arrested_on") " AND " IN_TERRITORY("cp");

static const char SEIZURES_SQL[] =
    "SELECT {g} AS g, "
    "sum(CASE WHEN s.substance = 'heroin' AND s.measure = 'gram' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance = 'methamphetamine' AND s.measure = 'gram' THEN s.quantity "
    "ELSE 0 END), "
    "sum(CASE WHEN s.measure = 'pill' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance = 'cannabis' AND s.measure = 'gram' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.substance NOT IN ('heroin', 'methamphetamine', 'cannabis') "
    "AND s.measure = 'gram' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.measure = 'millilitre' THEN s.quantity ELSE 0 END), "
    "sum(CASE WHEN s.measure = 'plant' THEN s.quantity ELSE 0 END) "
    "FROM drug_case c JOIN case_seizure s ON s.case_id = c.id "
    "WHERE " IN_PERIOD("c.detected_on") " AND " IN_TERRITORY("c") GROUPED;

/* A hotspot or retail point (retail point or seller) is new in the period
 * of its first 'active' row. */
#define PLACE_FLOW(KINDS, STATUS)                                                                  \
  "sum(CASE WHEN x.kind IN " KINDS " AND x.status = '" STATUS "'"
static const char PLACE_FLOWS_SQL[] =
    "SELECT {g} AS g, "
    PLACE_FLOW("('hotspot')", "active") " AND x.first_active = 1 THEN 1 ELSE 0 END), "
    PLACE_FLOW("('hotspot')", "eliminated") " THEN 1 ELSE 0 END), "
    PLACE_FLOW("('hotspot')", "reformed") " THEN 1 ELSE 0 END), "
    PLACE_FLOW("('retail_point', 'seller')", "active") " AND x.first_active = 1 THEN 1 ELSE 0 END), "
    PLACE_FLOW("('retail_point', 'seller')", "eliminated") " THEN 1 ELSE 0 END), "
    PLACE_FLOW("('retail_point', 'seller')", "reformed") " THEN 1 ELSE 0 END) "
    "FROM place_span x WHERE x.kind IN ('hotspot', 'retail_point', 'seller') AND "
    IN_PERIOD("x.on_date") " AND x.opens = 1 AND " IN_TERRITORY("x") GROUPED;

static const char CULTIVATION_SQL[] =
    "SELECT {g} AS g, count(*), sum(p.area_m2) FROM place p WHERE p.kind = 'cultivation' AND "
    IN_PERIOD("p.destroyed_on") " AND " IN_TERRITORY_ON("p", "p.destroyed_on") GROUPED;
/* clang-format on */

static const char INSPECTIONS_SQL[] =
    "SELECT {g} AS g, count(*), count(DISTINCT CASE WHEN i.violations > 0 THEN i.place_id END) "
    "FROM place p JOIN place_inspection i ON i.place_id = p.id "
    "WHERE " IN_TERRITORY_ON("p", "i.inspected_on") " AND p.kind = 'business' AND " IN_PERIOD(
        "i.inspected_on") GROUPED;

static const char ACTIVITIES_SQL[] =
    "SELECT {g} AS g, "
    "sum(CASE WHEN a.kind = 'propaganda' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'propaganda' THEN a.participants ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'broadcast' THEN a.minutes ELSE 0 END), "
    "sum(CASE WHEN a.kind = 'mobile_trial' THEN 1 ELSE 0 END) "
    "FROM activity a WHERE " IN_TERRITORY("a") " AND a.kind IN ('propaganda', 'broadcast', "
                                               "'mobile_trial') AND " IN_PERIOD("a.held_on")
                                                   GROUPED;

/* Licit entities stand on the period's last day where they are then; each
 * inspection counts where its entity was on its day. */
static const char LICIT_SQL[] =
    "SELECT {g} AS g, count(*) FROM licit_entity e WHERE " IN_SCOPE(UNIT_ON("e", "?2")) GROUPED;

static const char LICIT_INSPECTED_SQL[] =
    "SELECT {g} AS g, count(DISTINCT i.entity_id) "
    "FROM licit_entity e JOIN licit_inspection i ON i.entity_id = e.id "
    "WHERE " IN_SCOPE(UNIT_ON("e", "i.inspected_on")) " AND " IN_PERIOD("i.inspected_on") GROUPED;

/* The communes of the tree in force on the end (?4) in the scope, each with
 * the units whose records count for it (unit_commune, kept with unit_scope):
 * the commune itself and the old communes that went into it, so that across
 * the reform an old commune's records land on today's commune. Driven by the
 * scope's units on (tree, commune) for a territory. */
static const char COMMUNE_MAP_SQL[] =
    "SELECT m.unit_id, m.commune_id FROM unit_commune m WHERE m.tree = ?4 AND " IN_SCOPE(
        "m.commune_id") " AND m.valid_from <= ?2 AND m.valid_to >= ?2";

/* The units of the records that make a commune "reached by propaganda"
 * (sessions held in the period) or "with drug activity" (cases detected in
 * the period, hotspots and retail points active on the end). */
static const char COMMUNE_PROPAGANDA_SQL[] =
    "SELECT a.unit_id FROM activity a WHERE a.kind = 'propaganda' AND " IN_PERIOD(
        "a.held_on") " AND " IN_TERRITORY("a");
static const char COMMUNE_CASES_SQL[] =
    "SELECT c.unit_id FROM drug_case c WHERE " IN_PERIOD("c.detected_on") " AND " IN_TERRITORY("c");
/* Whether someone on the drug list (a user, an addict, a drug-induced
 * psychosis: PSPAN_IN_LIST of person_span.flags) lives in unit ?1 on day ?2. Asked only for the
 * units of communes that no case or place has marked: one index probe each, stopping at the first
 * span (the country's 181,000 open spans read through would cost 120 ms). */
static const char UNIT_PEOPLE_SQL[] =
    "SELECT 1 FROM person_span s WHERE s.unit_id = ?1 AND s.to_day > ?2 AND s.from_day <= ?2 "
    "AND (s.flags & " PSPAN_IN_LIST_SQL ") != 0 LIMIT 1";
/* The same rows give hotspots_active and retail_points_active. */
static const char COMMUNE_PLACES_SQL[] =
    "SELECT x.unit_id, x.kind FROM place_span x WHERE " PLACE_OPEN_AT_END
    " AND {p}+{/p}x.kind IN ('hotspot', 'retail_point', 'seller') AND " IN_TERRITORY("x");

struct reg_query;
typedef int (*reg_run_fn)(struct ind_value_list *out, size_t *cap, struct store *st,
                          const struct reg_query *q, const char *g, long scope_id,
                          const char *start, const char *end, struct err *err);

struct reg_query {
  const char *sql;
  const char *by_agency;    /* group expression for IND_SPLIT_AGENCY, NULL: no split */
  const char *by_substance; /* for IND_SPLIT_SUBSTANCE */
  reg_run_fn run;           /* NULL: run_register (one row of figures per group) */
  const char *cols[8];      /* indicator of each column after the group */
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

/* Prepare a register template for a group and scope (scoped_sql) and bind
 * the period and scope; the totals ("''") lose their GROUP BY. */
static int prepare_register(struct stmt **out, struct store *st, const char *sql, const char *g,
                            long scope_id, const char *start, const char *end, struct err *err)
{
  char *text = scoped_sql(sql, g, "", scope_id);
  if (text && strcmp(g, "''") == 0)
    text = replace_all(text, GROUPED, "");
  if (!text)
    return err_nomem(err);
  int rc = db_prepare(out, st, text, err);
  free(text);
  if (rc)
    return rc;
  db_bind_text(*out, 1, start);
  db_bind_text(*out, 2, end);
  db_bind_int(*out, 3, scope_id);
  return ERR_OK;
}

static int run_register(struct ind_value_list *out, size_t *cap, struct store *st,
                        const struct reg_query *q, const char *g, long scope_id, const char *start,
                        const char *end, struct err *err)
{
  struct stmt *s;
  int rc = prepare_register(&s, st, q->sql, g, scope_id, start, end, err);
  if (rc)
    return rc;
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
    err_nomem(err);
  return rc;
}

/* The record a merged record went into, following merges of merges. */
static uint64_t survivor_of(const struct idmap *merged, uint64_t id)
{
  for (int hops = 0; hops < 64; hops++) {
    uint64_t to = idmap_get(merged, id);
    if (!to)
      break;
    id = to;
  }
  return id;
}

/* The records merged into others (few: found through a partial index). */
static int load_merged(struct idmap *merged, struct store *st, struct err *err)
{
  struct stmt *s;
  int rc =
      db_prepare(&s, st, "SELECT id, merged_into FROM person WHERE merged_into IS NOT NULL", err);
  if (rc)
    return rc;
  int r;
  while ((r = db_step(s, err)) == 1)
    if (idmap_or(merged, (uint64_t)db_col_int(s, 0), (uint64_t)db_col_int(s, 1))) {
      rc = err_nomem(err);
      break;
    }
  if (!rc && r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* The row of out for (indicator, group) among rows [from, out->n), added
 * with value 0 when new; its index in *at. */
static int value_row(size_t *at, struct ind_value_list *out, size_t *cap, size_t from,
                     const char *indicator, const char *group)
{
  for (*at = from; *at < out->n; (*at)++)
    if (strcmp(out->items[*at].group, group) == 0 &&
        strcmp(out->items[*at].indicator, indicator) == 0)
      return ERR_OK;
  return value_push(out, cap, indicator, group, 0);
}

/* Persons arrested: each person once per group, a merged record counted as
 * the record it went into. */
static int arrests_count(struct ind_value_list *out, size_t *cap, struct store *st,
                         const struct reg_query *q, const char *g, long scope_id, const char *start,
                         const char *end, struct err *err)
{
  struct idmap merged = {0}, seen = {0}; /* seen: (row of out << 40 | person) */
  size_t first = out->n, at;
  int rc = load_merged(&merged, st, err);
  struct stmt *s = NULL;
  if (!rc)
    rc = prepare_register(&s, st, q->sql, g, scope_id, start, end, err);
  int r = 0;
  while (!rc && (r = db_step(s, err)) == 1) {
    uint64_t person = survivor_of(&merged, (uint64_t)db_col_int(s, 1));
    rc = value_row(&at, out, cap, first, q->cols[0], db_col_text(s, 0));
    if (!rc && idmap_or(&seen, (uint64_t)at << 40 | person, 1))
      rc = ERR_NOMEM;
  }
  if (!rc && r < 0)
    rc = ERR_DB;
  if (s)
    db_finalize(s);
  uint64_t key, bits;
  for (size_t i = 0; !rc && idmap_next(&seen, &i, &key, &bits);)
    out->items[key >> 40].value++;
  if (!rc && out->n == first && strcmp(g, "''") == 0)
    rc = value_push(out, cap, q->cols[0], "", 0); /* the total: 0 when nobody */
  idmap_free(&merged);
  idmap_free(&seen);
  if (rc == ERR_NOMEM)
    err_nomem(err);
  return rc;
}

/* A commune map for one request: the pairs (unit, commune index) sorted by
 * unit, and the communes' ids. */
struct commune_map {
  struct {
    long unit;
    size_t commune;
  } * pairs;
  size_t n, cap;
  struct idmap index; /* commune id -> index + 1 */
  size_t communes;
};

static int pair_cmp(const void *a, const void *b)
{
  long x = *(const long *)a, y = *(const long *)b;
  return x < y ? -1 : x > y;
}

static int commune_map_load(struct commune_map *m, struct store *st, long scope_id,
                            const char *start, const char *end, struct err *err)
{
  struct stmt *s;
  int rc = prepare_register(&s, st, COMMUNE_MAP_SQL, "''", scope_id, start, end, err);
  if (rc)
    return rc;
  db_bind_text(s, 4, unit_tree_at(end));
  int r;
  while ((r = db_step(s, err)) == 1) {
    uint64_t commune = (uint64_t)db_col_int(s, 1), idx = idmap_get(&m->index, commune);
    if (!idx) {
      idx = ++m->communes;
      if (idmap_or(&m->index, commune, idx))
        rc = ERR_NOMEM;
    }
    if (!rc && m->n == m->cap) {
      size_t c = m->cap ? m->cap * 2 : 1024;
      void *p = realloc(m->pairs, c * sizeof *m->pairs);
      if (!p)
        rc = ERR_NOMEM;
      else {
        m->pairs = p;
        m->cap = c;
      }
    }
    if (rc) {
      err_nomem(err);
      break;
    }
    m->pairs[m->n].unit = (long)db_col_int(s, 0);
    m->pairs[m->n++].commune = (size_t)idx - 1;
  }
  if (!rc && r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (!rc && m->n > 1) /* pairs may be NULL when there is none */
    qsort(m->pairs, m->n, sizeof *m->pairs, pair_cmp);
  return rc;
}

/* Mark in `hit` every commune of m that the records of sql's units count
 * for. by_kind: when not NULL, the rows' second column is a place kind,
 * counted as hotspots ([0]) or retail points and sellers ([1]). */
static int commune_mark(unsigned char *hit, long *by_kind, const struct commune_map *m,
                        struct store *st, const char *sql, long scope_id, const char *start,
                        const char *end, struct err *err)
{
  struct stmt *s;
  int rc = prepare_register(&s, st, sql, "''", scope_id, start, end, err);
  if (rc)
    return rc;
  long last = -1;
  int r;
  while ((r = db_step(s, err)) == 1) {
    long unit = (long)db_col_int(s, 0);
    if (by_kind)
      by_kind[strcmp(db_col_text(s, 1), "hotspot") != 0]++;
    if (unit == last)
      continue;
    last = unit;
    size_t lo = 0, hi = m->n; /* the first pair of the unit */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (m->pairs[mid].unit < unit)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (; lo < m->n && m->pairs[lo].unit == unit; lo++)
      hit[m->pairs[lo].commune] = 1;
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* Mark the communes not marked yet in which someone on the drug list lives
 * on `day` (a day number). */
static int commune_mark_people(unsigned char *hit, const struct commune_map *m, struct store *st,
                               long day, struct err *err)
{
  struct stmt *s = NULL;
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < m->n; i++) {
    if (hit[m->pairs[i].commune])
      continue;
    if (!s && (rc = db_prepare(&s, st, UNIT_PEOPLE_SQL, err)))
      break;
    db_reset(s);
    db_bind_int(s, 1, m->pairs[i].unit);
    db_bind_int(s, 2, day);
    int r = db_step(s, err);
    if (r < 0)
      rc = ERR_DB;
    else if (r == 1)
      hit[m->pairs[i].commune] = 1;
  }
  if (s)
    db_finalize(s);
  return rc;
}

/* communes_total, communes_with_propaganda, communes_with_drug_activity (a
 * case in the period, a place active or a person on the drug list living
 * there on the end): a commune once, whatever number of records; and, from the same rows of the
 * places active on the end, hotspots_active and retail_points_active. */
static int communes_count(struct ind_value_list *out, size_t *cap, struct store *st,
                          const struct reg_query *q, const char *g, long scope_id,
                          const char *start, const char *end, struct err *err)
{
  (void)g;
  struct commune_map m = {0};
  unsigned char *prop = NULL, *drug = NULL;
  long places[2] = {0, 0};
  struct date de;
  if (date_parse(&de, end, 0, NULL))
    return err_set(err, ERR_INPUT, "ngày %s không hợp lệ", end);
  long end_day = date_to_days(de);
  int rc = commune_map_load(&m, st, scope_id, start, end, err);
  if (!rc && (!(prop = calloc(m.communes + 1, 1)) || !(drug = calloc(m.communes + 1, 1))))
    rc = err_nomem(err);
  if (!rc)
    rc = commune_mark(prop, NULL, &m, st, COMMUNE_PROPAGANDA_SQL, scope_id, start, end, err);
  if (!rc)
    rc = commune_mark(drug, NULL, &m, st, COMMUNE_CASES_SQL, scope_id, start, end, err);
  if (!rc)
    rc = commune_mark(drug, places, &m, st, COMMUNE_PLACES_SQL, scope_id, start, end, err);
  if (!rc)
    rc = commune_mark_people(drug, &m, st, end_day, err);
  long n_prop = 0, n_drug = 0;
  for (size_t i = 0; !rc && i < m.communes; i++) {
    n_prop += prop[i];
    n_drug += drug[i];
  }
  if (!rc)
    rc = value_push(out, cap, q->cols[0], "", (double)m.communes);
  if (!rc)
    rc = value_push(out, cap, q->cols[1], "", (double)n_prop);
  if (!rc)
    rc = value_push(out, cap, q->cols[2], "", (double)n_drug);
  for (int k = 0; !rc && k < 2; k++)
    rc = value_push(out, cap, q->cols[3 + k], "", (double)places[k]);
  if (rc == ERR_NOMEM)
    err_nomem(err);
  free(prop);
  free(drug);
  free(m.pairs);
  idmap_free(&m.index);
  return rc;
}

static const struct reg_query REG_QUERIES[] = {
    {CASES_SQL,
     "COALESCE(NULLIF(c.agency_kind, ''), 'unknown')",
     NULL,
     NULL,
     {"cases_detected", "cases_prosecuted", "cases_tried", "cases_resolved"}},
    {ARRESTS_SQL,
     "COALESCE(NULLIF(cp.agency_kind, ''), 'unknown')",
     NULL,
     arrests_count,
     {"persons_arrested"}},
    {SEIZURES_SQL,
     "COALESCE(NULLIF(c.agency_kind, ''), 'unknown')",
     "s.substance",
     NULL,
     {"seized_heroin_g", "seized_meth_g", "seized_pills", "seized_cannabis_g", "seized_other_g",
      "seized_liquid_ml", "seized_plants"}},
    {PLACE_FLOWS_SQL,
     NULL,
     NULL,
     NULL,
     {"hotspots_new", "hotspots_eliminated", "hotspots_reformed", "retail_points_new",
      "retail_points_eliminated", "retail_points_reformed"}},
    {CULTIVATION_SQL,
     NULL,
     NULL,
     NULL,
     {"cultivation_sites_destroyed", "cultivation_area_destroyed"}},
    {INSPECTIONS_SQL,
     "COALESCE(NULLIF(i.agency_kind, ''), 'unknown')",
     NULL,
     NULL,
     {"businesses_inspected", "business_violations"}},
    {ACTIVITIES_SQL,
     "COALESCE(NULLIF(a.agency_kind, ''), 'unknown')",
     NULL,
     NULL,
     {"propaganda_sessions", "propaganda_participants", "broadcast_minutes", "mobile_trials"}},
    {LICIT_SQL, NULL, NULL, NULL, {"licit_entities"}},
    {LICIT_INSPECTED_SQL,
     "COALESCE(NULLIF(i.agency_kind, ''), 'unknown')",
     NULL,
     NULL,
     {"licit_entities_inspected"}},
    {NULL,
     NULL,
     NULL,
     communes_count,
     {"communes_total", "communes_with_propaganda", "communes_with_drug_activity",
      "hotspots_active", "retail_points_active"}},
};

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
      rc = (q->run ? q->run : run_register)(out, &cap, st, q, g, scope_id, start, end, err);
  }
  if (rc)
    ind_value_list_free(out);
  return rc;
}

int store_ind_value_put(long *id, struct store *st, const struct ind_value_entry *e,
                        struct err *err)
{
  *id = 0;
  struct stmt *s;
  int rc = db_prepare(
      &s, st,
      "INSERT INTO indicator_value (indicator, unit_id, agency_kind, period_start, period_end, "
      "value, source, entered_by, entered_by_user, entered_at) "
      "SELECT ?, u.id, ?, ?, ?, ?, ?, a.login, a.id, ? FROM unit u, app_user a "
      "WHERE u.tree = ? AND u.code = ? AND a.login = ? "
      "ON CONFLICT (indicator, unit_id, agency_kind, period_start, period_end) DO UPDATE SET "
      "value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, "
      "entered_by_user = excluded.entered_by_user, entered_at = excluded.entered_at "
      "RETURNING id",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, e->indicator);
  db_bind_text(s, 2, e->agency_kind ? e->agency_kind : "");
  db_bind_text(s, 3, e->start);
  db_bind_text(s, 4, e->end);
  db_bind_double(s, 5, e->value);
  db_bind_text(s, 6, e->source ? e->source : "");
  db_bind_text(s, 7, e->at);
  db_bind_text(s, 8, e->unit_tree);
  db_bind_text(s, 9, e->unit_code);
  db_bind_text(s, 10, e->by);
  int r = db_step(s, err);
  if (r == 1)
    *id = (long)db_col_int(s, 0);
  db_finalize(s);
  if (r < 0)
    return ERR_DB;
  if (r == 0)
    return err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s) hoặc người dùng \"%s\"",
                   e->unit_code, e->unit_tree, e->by);
  return ERR_OK;
}
