/* test_indicators_registers.c: indicators computed from the registers of
 * cases, places, activities and licit entities, on a small hand-built
 * dataset written with SQL (the registers' own store API is not used here).
 *
 * Units (official data): old communes O1 = 16846 "Bảo Thắng" and O2 = 16855
 * "Chiêu Lưu" of old district 417 (Kỳ Sơn, Nghệ An) both went wholly into
 * today's commune N1 = 16855 "Chiêu Lưu" of province 40 (Nghệ An: 412 old
 * communes, 130 new ones). HN = old commune 00001 "Phúc Xá" in Hà Nội lies
 * outside every Nghệ An figure. Every expected figure below is counted by
 * hand from the rows inserted in group_setup. */
#include "testutil.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "domain/indicator.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/db.h"
#include "store/store.h"

static char *dir;
static struct store *st;
static struct scope admin;
static long O1, O2, N1, D417, HN;

/* Run one statement with up to 8 bound values: each argument is a string,
 * "#123" binds the integer 123, "~1.5" the real 1.5. */
static long long sql(const char *q, int n, ...)
{
  struct stmt *s;
  struct err err = {0};
  if (db_prepare(&s, st, q, &err))
    fail_msg("prepare %s: %s", q, err.msg);
  va_list ap;
  va_start(ap, n);
  for (int i = 1; i <= n; i++) {
    const char *v = va_arg(ap, const char *);
    if (v[0] == '#')
      db_bind_int(s, i, atoll(v + 1));
    else if (v[0] == '~')
      db_bind_double(s, i, atof(v + 1));
    else
      db_bind_text(s, i, v);
  }
  va_end(ap);
  int r = db_step(s, &err);
  if (r < 0)
    fail_msg("step %s: %s", q, err.msg);
  long long out = r == 1 ? db_col_int(s, 0) : 0;
  db_finalize(s);
  return out;
}

static long unit_of(const char *tree, const char *code)
{
  long id = (long)sql("SELECT id FROM unit WHERE tree = ? AND code = ?", 2, tree, code);
  if (!id)
    fail_msg("no unit %s/%s", tree, code);
  return id;
}

static const char *num(char *buf, long v)
{
  sprintf(buf, "#%ld", v);
  return buf;
}

static long person(const char *name, const char *merged_into)
{
  char u[24];
  sql("INSERT INTO person (full_name, other_names, name_key, sort_key, birth_date, sex, "
      "ethnicity, unit_id, address, occupation, occupation_group, merged_into, created_at, "
      "created_by) VALUES (?, '', ?, ?, '1990-01-01', 'male', 'Kinh', ?, '', '', '', "
      "CAST(NULLIF(?, '') AS INTEGER), '2026-01-01T00:00:00Z', 'test')",
      5, name, name, name, num(u, O1), merged_into);
  return (long)sql("SELECT max(id) FROM person", 0);
}

static long add_case(const char *no, const char *detected, long unit, const char *agency,
                     const char *prosecuted, const char *tried, const char *resolved)
{
  char u[24];
  sql("INSERT INTO drug_case (record_no, detected_on, unit_id, agency_kind, agency_name, "
      "offences, express_delivery, prosecuted_on, indicted_on, tried_on, resolved_on, summary, "
      "created_at, created_by) VALUES (?, ?, ?, ?, '', '251', 0, ?, '', ?, ?, '', "
      "'2026-01-01T00:00:00Z', 'test')",
      7, no, detected, num(u, unit), agency, prosecuted, tried, resolved);
  return (long)sql("SELECT id FROM drug_case WHERE record_no = ?", 1, no);
}

static void arrest(long c, long p, const char *on)
{
  char a[24], b[24];
  sql("INSERT INTO case_person (case_id, person_id, role, arrested_on) VALUES (?, ?, 'principal', "
      "?)",
      3, num(a, c), num(b, p), on);
}

static void seize(long c, const char *substance, const char *qty, const char *measure)
{
  char a[24];
  sql("INSERT INTO case_seizure (case_id, substance, quantity, measure, line_key) "
      "VALUES (?, ?, ?, ?, ? || '|' || ? || '|' || ?)",
      7, num(a, c), substance, qty, measure, substance, measure, qty);
}

static long place(const char *no, const char *kind, long unit, const char *area,
                  const char *destroyed)
{
  char u[24];
  sql("INSERT INTO place (record_no, kind, name, unit_id, address, found_on, business_type, "
      "plant, area_m2, destroyed_on, note, created_at, created_by) VALUES (?, ?, ?, ?, '', '', "
      "'', '', ?, ?, '', '2026-01-01T00:00:00Z', 'test')",
      6, no, kind, no, num(u, unit), area, destroyed);
  return (long)sql("SELECT id FROM place WHERE record_no = ?", 1, no);
}

static void status(long p, const char *on, const char *s)
{
  char a[24];
  sql("INSERT INTO place_status (place_id, on_date, status, note) VALUES (?, ?, ?, '')", 3,
      num(a, p), on, s);
}

static void inspect(long p, const char *on, const char *agency, const char *violations)
{
  char a[24];
  sql("INSERT INTO place_inspection (place_id, inspected_on, agency_kind, result, violations) "
      "VALUES (?, ?, ?, '', ?)",
      4, num(a, p), on, agency, violations);
}

static void activity(const char *no, const char *kind, const char *on, long unit,
                     const char *agency, const char *participants, const char *minutes)
{
  char u[24];
  sql("INSERT INTO activity (record_no, kind, held_on, unit_id, agency_kind, agency_name, "
      "audience, form, language, participants, minutes, title, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, '', 'residents', 'direct', 'Tiếng Việt', ?, ?, '', "
      "'2026-01-01T00:00:00Z', 'test')",
      7, no, kind, on, num(u, unit), agency, participants, minutes);
}

static long licit(const char *no, const char *kind, long unit)
{
  char u[24];
  sql("INSERT INTO licit_entity (record_no, kind, name, unit_id, address, licence, created_at, "
      "created_by) VALUES (?, ?, ?, ?, '', '', '2026-01-01T00:00:00Z', 'test')",
      4, no, kind, no, num(u, unit));
  return (long)sql("SELECT id FROM licit_entity WHERE record_no = ?", 1, no);
}

static void licit_inspect(long e, const char *on, const char *agency)
{
  char a[24];
  sql("INSERT INTO licit_inspection (entity_id, inspected_on, agency_kind, result, violations) "
      "VALUES (?, ?, ?, '', 0)",
      3, num(a, e), on, agency);
}

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_units_db(&st, &admin, dir, "reg.db"))
    return -1;
  O1 = unit_of(UNIT_TREE_OLD, "16846");
  O2 = unit_of(UNIT_TREE_OLD, "16855");
  N1 = unit_of(UNIT_TREE_NEW, "16855");
  D417 = unit_of(UNIT_TREE_OLD, "417");
  HN = unit_of(UNIT_TREE_OLD, "00001");

  /* people involved; F is a record merged into A (the same person) */
  long A = person("A", ""), B = person("B", ""), D = person("D", ""), E = person("E", "");
  char a[24];
  snprintf(a, sizeof a, "%ld", A);
  long F = person("F", a);
  long C = person("C", "");

  /* cases (detected, prosecuted, tried, resolved) */
  /* C1 O1 police: detected and prosecuted in Q3 2024; A and B arrested */
  long c1 = add_case("C1", "2024-07-10", O1, "police", "2024-07-20", "", "");
  arrest(c1, A, "2024-07-10");
  arrest(c1, B, "2024-07-10");
  seize(c1, "heroin", "10", "gram");
  seize(c1, "methamphetamine", "5", "gram");
  seize(c1, "mdma", "20", "pill");
  /* C2 O1 border guard: detected, prosecuted, tried, resolved in Q3; A
   * arrested again, C arrested in October */
  long c2 =
      add_case("C2", "2024-08-05", O1, "border_guard", "2024-08-15", "2024-09-20", "2024-09-25");
  arrest(c2, A, "2024-08-05");
  arrest(c2, C, "2024-10-02");
  seize(c2, "cannabis", "100", "gram");
  seize(c2, "ketamine", "3", "gram");
  seize(c2, "opium", "2", "gram");
  seize(c2, "methamphetamine", "50", "pill");
  seize(c2, "heroin", "1", "millilitre");
  seize(c2, "cannabis", "30", "plant");
  /* C3 O2 police: detected on Q3's last day; D and F (= A) arrested */
  long c3 = add_case("C3", "2024-09-30", O2, "police", "", "", "");
  arrest(c3, D, "2024-09-30");
  arrest(c3, F, "2024-09-30");
  seize(c3, "heroin", "2.5", "gram");
  /* C4 O1 police: detected in Q2 (B arrested then), prosecuted and resolved in Q3 */
  long c4 = add_case("C4", "2024-06-15", O1, "police", "2024-07-01", "", "2024-08-01");
  arrest(c4, B, "2024-06-15");
  seize(c4, "heroin", "100", "gram");
  /* C5 Hà Nội */
  long c5 = add_case("C5", "2024-07-15", HN, "police", "2024-07-16", "", "");
  arrest(c5, E, "2024-07-15");
  seize(c5, "heroin", "1000", "gram");
  /* last year: C7 in O2, C8 in O1 (Q3 2023) */
  add_case("C7", "2023-07-05", O2, "police", "", "", "");
  add_case("C8", "2023-09-01", O1, "customs", "", "", "");
  /* 2025: C10 on old O1 before the reform, C9 on today's N1 after it */
  add_case("C10", "2025-03-01", O1, "police", "", "", "");
  add_case("C9", "2025-08-01", N1, "police", "", "", "");

  /* hotspots and retail points */
  long h1 = place("H1", "hotspot", O1, "0", ""); /* eliminated 10/8: not active on 30/9 */
  status(h1, "2024-03-01", "active");
  status(h1, "2024-08-10", "eliminated");
  long h2 = place("H2", "hotspot", O1, "0", ""); /* new in Q3, eliminated, reformed: active */
  status(h2, "2024-07-05", "active");
  status(h2, "2024-08-01", "eliminated");
  status(h2, "2024-09-01", "reformed");
  long h3 = place("H3", "hotspot", O2, "0", ""); /* found in October */
  status(h3, "2024-10-01", "active");
  long h4 = place("H4", "hotspot", O2, "0", ""); /* active since 2023 */
  status(h4, "2023-05-01", "active");
  long r1 = place("R1", "retail_point", O1, "0", "");
  status(r1, "2024-07-01", "active");
  long r2 = place("R2", "seller", O2, "0", ""); /* eliminated on the last day */
  status(r2, "2024-02-01", "active");
  status(r2, "2024-09-30", "eliminated");
  long h5 = place("H5", "hotspot", HN, "0", "");
  status(h5, "2024-07-01", "active");
  /* conditional businesses and their inspections */
  long b1 = place("B1", "business", O1, "0", "");
  inspect(b1, "2024-07-10", "police", "0");
  inspect(b1, "2024-08-10", "police", "2");
  inspect(b1, "2024-09-10", "culture", "1");
  long b2 = place("B2", "business", O2, "0", "");
  inspect(b2, "2024-08-20", "police", "0");
  inspect(b2, "2024-05-01", "police", "3"); /* Q2 */
  /* cultivation sites */
  place("K1", "cultivation", O1, "500", "2024-08-01");
  place("K2", "cultivation", O2, "250.5", "2024-09-15");
  place("K3", "cultivation", O2, "1000", "2024-10-01");

  /* activities */
  activity("A1", "propaganda", "2024-07-05", O1, "police", "100", "0");
  activity("A2", "propaganda", "2024-08-05", O1, "youth_union", "50", "0");
  activity("A3", "propaganda", "2024-09-05", O2, "police", "30", "0");
  activity("A4", "broadcast", "2024-07-20", O1, "information", "0", "15");
  activity("A5", "broadcast", "2024-08-20", O2, "information", "0", "20");
  activity("A6", "mobile_trial", "2024-09-10", D417, "court", "80", "0");
  activity("A7", "propaganda", "2024-07-07", D417, "police", "200", "0"); /* on a district */
  activity("A8", "propaganda", "2024-07-01", HN, "police", "40", "0");
  activity("A12", "training", "2024-07-01", O1, "health", "10", "0"); /* no indicator */
  /* 2025: two old communes before the reform, today's commune after it */
  activity("A9", "propaganda", "2025-03-01", O1, "police", "10", "0");
  activity("A10", "propaganda", "2025-05-01", O2, "police", "10", "0");
  activity("A11", "propaganda", "2025-08-01", N1, "police", "10", "0");

  /* licit entities */
  long l1 = licit("L1", "precursor", O1);
  licit_inspect(l1, "2024-07-15", "health");
  licit_inspect(l1, "2024-08-15", "police");
  long l2 = licit("L2", "veterinary", O2);
  licit_inspect(l2, "2024-03-01", "police");
  licit("L3", "narcotic_medicine", HN);
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static struct indicator_result_list compute_p(const char *tree, const char *code,
                                              const struct period *p, enum ind_split split)
{
  struct indicator_result_list l;
  struct err err = {0};
  if (indicator_compute(&l, st, &admin, tree, code, p, split, &err))
    fail_msg("compute %s: %s", code ? code : "national", err.msg);
  return l;
}

static struct indicator_result_list compute(const char *tree, const char *code, const char *period,
                                            enum ind_split split)
{
  struct period p;
  assert_int_equal(period_parse(&p, period, NULL), ERR_OK);
  return compute_p(tree, code, &p, split);
}

static const struct indicator_result *find(const struct indicator_result_list *l, const char *code,
                                           const char *group)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].def->code, code) == 0 && strcmp(l->items[i].group, group) == 0)
      return &l->items[i];
  return NULL;
}

static double val(const struct indicator_result_list *l, const char *code, const char *group)
{
  const struct indicator_result *r = find(l, code, group);
  if (!r)
    fail_msg("no result %s [%s]", code, group);
  if (!r->has_value)
    fail_msg("%s [%s] has no value", code, group);
  return r->value;
}

static void expect(const struct indicator_result_list *l, const char *code, const char *group,
                   double want)
{
  double v = val(l, code, group);
  if (fabs(v - want) > 1e-9)
    fail_msg("%s [%s] = %g, want %g", code, group, v, want);
}

static void cases_in_an_old_commune(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_NONE);
  /* O1, Q3 2024: detected C1, C2 (C4 in Q2); prosecuted C1, C2, C4;
   * tried C2; resolved C2, C4 */
  expect(&l, "cases_detected", "", 2);
  expect(&l, "cases_prosecuted", "", 3);
  expect(&l, "cases_tried", "", 1);
  expect(&l, "cases_resolved", "", 2);
  /* resolved / prosecuted = 2 / 3 */
  const struct indicator_result *r = find(&l, "cases_resolved_ratio", "");
  assert_true(r->has_value);
  assert_true(fabs(r->num - 2) < 1e-9 && fabs(r->den - 3) < 1e-9);
  assert_true(fabs(r->value - 200.0 / 3) < 1e-9);
  /* A arrested in C1 and C2 counts once; B (in Q3 for C1); C in October */
  expect(&l, "persons_arrested", "", 2);
  /* seizures of C1 and C2: heroin 10 g (and 1 ml), meth 5 g, pills 20 mdma +
   * 50 meth, cannabis 100 g (and 30 plants), other 3 g ketamine + 2 g opium */
  expect(&l, "seized_heroin_g", "", 10);
  expect(&l, "seized_meth_g", "", 5);
  expect(&l, "seized_pills", "", 70);
  expect(&l, "seized_cannabis_g", "", 100);
  expect(&l, "seized_other_g", "", 5);
  expect(&l, "seized_liquid_ml", "", 1);
  expect(&l, "seized_plants", "", 30);
  indicator_result_list_free(&l);
}

static void old_data_on_todays_commune(void **state)
{
  (void)state;
  /* N1 = O1 + O2 for Q3 2024 */
  struct indicator_result_list n = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  struct indicator_result_list o1 = compute(UNIT_TREE_OLD, "16846", "2024-Q3", IND_SPLIT_NONE);
  struct indicator_result_list o2 = compute(UNIT_TREE_OLD, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&n, "cases_detected", "", 3); /* C1, C2, C3 */
  expect(&n, "seized_heroin_g", "", 12.5);
  /* A, B, D, and F merged into A: 3 people (O1 has A, B; O2 has D, A) */
  expect(&n, "persons_arrested", "", 3);
  expect(&o2, "persons_arrested", "", 2);
  /* flows and stocks add up over the sub-units */
  const char *additive[] = {"cases_detected",       "cases_prosecuted",
                            "cases_tried",          "cases_resolved",
                            "seized_heroin_g",      "seized_pills",
                            "hotspots_active",      "hotspots_new",
                            "hotspots_eliminated",  "hotspots_reformed",
                            "retail_points_active", "businesses_inspected",
                            "propaganda_sessions",  "cultivation_area_destroyed",
                            "communes_total",       "licit_entities"};
  for (size_t i = 0; i < sizeof additive / sizeof *additive; i++) {
    double a = val(&o1, additive[i], ""), b = val(&o2, additive[i], "");
    if (fabs(val(&n, additive[i], "") - (a + b)) > 1e-9)
      fail_msg("%s: N1 %g != O1 %g + O2 %g", additive[i], val(&n, additive[i], ""), a, b);
  }
  /* ratio from the summed parts: resolved 2 (C2, C4) / prosecuted 3 */
  const struct indicator_result *r = find(&n, "cases_resolved_ratio", "");
  assert_true(fabs(r->num - 2) < 1e-9 && fabs(r->den - 3) < 1e-9);
  indicator_result_list_free(&n);
  indicator_result_list_free(&o1);
  indicator_result_list_free(&o2);
  /* the province today: the same cases, Hà Nội's C5 not among them */
  struct indicator_result_list p = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&p, "cases_detected", "", 3);
  expect(&p, "seized_heroin_g", "", 12.5);
  indicator_result_list_free(&p);
  /* the whole country: C5 too; A, B, D, E */
  p = compute(NULL, NULL, "2024-Q3", IND_SPLIT_NONE);
  expect(&p, "cases_detected", "", 4);
  expect(&p, "persons_arrested", "", 4);
  expect(&p, "seized_heroin_g", "", 1012.5);
  expect(&p, "hotspots_active", "", 3); /* H2, H4, H5 */
  expect(&p, "licit_entities", "", 3);
  indicator_result_list_free(&p);
}

static void months_add_up_to_the_quarter(void **state)
{
  (void)state;
  const char *flows[] = {"cases_detected",      "cases_prosecuted",
                         "cases_resolved",      "seized_pills",
                         "hotspots_eliminated", "businesses_inspected",
                         "propaganda_sessions", "propaganda_participants",
                         "broadcast_minutes",   "cultivation_sites_destroyed"};
  struct indicator_result_list q = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  struct indicator_result_list m[3] = {compute(UNIT_TREE_NEW, "16855", "2024-07", IND_SPLIT_NONE),
                                       compute(UNIT_TREE_NEW, "16855", "2024-08", IND_SPLIT_NONE),
                                       compute(UNIT_TREE_NEW, "16855", "2024-09", IND_SPLIT_NONE)};
  for (size_t i = 0; i < sizeof flows / sizeof *flows; i++) {
    double s = 0;
    for (int k = 0; k < 3; k++)
      s += val(&m[k], flows[i], "");
    if (fabs(val(&q, flows[i], "") - s) > 1e-9)
      fail_msg("%s: Q3 %g != months %g", flows[i], val(&q, flows[i], ""), s);
  }
  /* persons_arrested counts a person once: July A, B; August A; September
   * D, A (F) — 2 + 1 + 2 by month, 3 in the quarter */
  expect(&m[0], "persons_arrested", "", 2);
  expect(&m[1], "persons_arrested", "", 1);
  expect(&m[2], "persons_arrested", "", 2);
  expect(&q, "persons_arrested", "", 3);
  /* stocks are taken at the end, not summed: hotspots on 31/7: H1, H2, H4;
   * on 31/8: H4 (H1, H2 eliminated); on 30/9: H2 (reformed), H4 */
  expect(&m[0], "hotspots_active", "", 3);
  expect(&m[1], "hotspots_active", "", 1);
  expect(&m[2], "hotspots_active", "", 2);
  expect(&q, "hotspots_active", "", 2);
  for (int k = 0; k < 3; k++)
    indicator_result_list_free(&m[k]);
  indicator_result_list_free(&q);
}

static void places_and_stocks(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  /* hotspots on 30/9: H2 (reformed), H4 (active); H1 eliminated, H3 found later */
  expect(&l, "hotspots_active", "", 2);
  expect(&l, "hotspots_new", "", 1);             /* H2 (H1 was first active in March) */
  expect(&l, "hotspots_eliminated", "", 2);      /* H1, H2 */
  expect(&l, "hotspots_reformed", "", 1);        /* H2 */
  expect(&l, "retail_points_active", "", 1);     /* R1; R2 eliminated on 30/9 */
  expect(&l, "retail_points_new", "", 1);        /* R1 (R2 was first active in February) */
  expect(&l, "retail_points_eliminated", "", 1); /* R2 */
  expect(&l, "retail_points_reformed", "", 0);
  /* inspections of businesses: B1 three times, B2 once (its May one is Q2);
   * violations: B1 (twice, counted once) */
  expect(&l, "businesses_inspected", "", 4);
  expect(&l, "business_violations", "", 1);
  /* K1 500 m², K2 250.5 m² (K3 in October) */
  expect(&l, "cultivation_sites_destroyed", "", 2);
  expect(&l, "cultivation_area_destroyed", "", 750.5);
  indicator_result_list_free(&l);
  /* Q4: H3 new; on 31/12 H2, H3, H4 */
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q4", IND_SPLIT_NONE);
  expect(&l, "hotspots_new", "", 1);
  expect(&l, "hotspots_active", "", 3);
  expect(&l, "hotspots_eliminated", "", 0);
  indicator_result_list_free(&l);
}

static void activities_and_communes(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  /* A1, A2, A3 (A7 is on the district, A8 in Hà Nội) */
  expect(&l, "propaganda_sessions", "", 3);
  expect(&l, "propaganda_participants", "", 180);
  expect(&l, "broadcast_minutes", "", 35);
  expect(&l, "mobile_trials", "", 0);
  /* end before the reform: the old communes O1, O2, both with propaganda */
  expect(&l, "communes_total", "", 2);
  expect(&l, "communes_with_propaganda", "", 2);
  expect(&l, "communes_propaganda_ratio", "", 100);
  /* O1 (C1, C2, H2, R1) and O2 (C3, H4) */
  expect(&l, "communes_with_drug_activity", "", 2);
  /* licit: L1 inspected twice (once counted), L2 in March: 1 of 2 */
  expect(&l, "licit_entities", "", 2);
  expect(&l, "licit_entities_inspected", "", 1);
  expect(&l, "licit_inspected_ratio", "", 50);
  indicator_result_list_free(&l);

  /* the province: + A7 (district, 200) and the mobile trial A6; communes
   * with propaganda are still O1, O2 out of the 412 old communes */
  l = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "propaganda_sessions", "", 4);
  expect(&l, "propaganda_participants", "", 380);
  expect(&l, "mobile_trials", "", 1);
  expect(&l, "communes_total", "", 412);
  expect(&l, "communes_with_propaganda", "", 2);
  const struct indicator_result *r = find(&l, "communes_propaganda_ratio", "");
  assert_true(fabs(r->num - 2) < 1e-9 && fabs(r->den - 412) < 1e-9);
  indicator_result_list_free(&l);

  /* 2025 spans the reform: on 31/12 today's communes; A9 (O1), A10 (O2)
   * and A11 (N1) all land on N1, which counts once */
  l = compute(UNIT_TREE_NEW, "16855", "2025", IND_SPLIT_NONE);
  expect(&l, "propaganda_sessions", "", 3);
  expect(&l, "communes_total", "", 1);
  expect(&l, "communes_with_propaganda", "", 1);
  expect(&l, "communes_propaganda_ratio", "", 100);
  /* C10 (O1) and C9 (N1); H2, H4 still active */
  expect(&l, "communes_with_drug_activity", "", 1);
  expect(&l, "cases_detected", "", 2);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_NEW, "40", "2025", IND_SPLIT_NONE);
  expect(&l, "communes_total", "", 130);
  expect(&l, "communes_with_propaganda", "", 1);
  indicator_result_list_free(&l);
  /* the first half of 2025 ends before the reform: O1 and O2 */
  l = compute(UNIT_TREE_NEW, "16855", "2025-H1", IND_SPLIT_NONE);
  expect(&l, "communes_total", "", 2);
  expect(&l, "communes_with_propaganda", "", 2);
  indicator_result_list_free(&l);
}

static void last_year_of_a_new_commune(void **state)
{
  (void)state;
  struct period p, q;
  assert_int_equal(period_parse(&p, "2024-Q3", NULL), ERR_OK);
  period_last_year(&q, &p);
  /* Q3 2023: C7 in O2, C8 in O1 */
  struct indicator_result_list n = compute_p(UNIT_TREE_NEW, "16855", &q, IND_SPLIT_NONE);
  struct indicator_result_list o1 = compute_p(UNIT_TREE_OLD, "16846", &q, IND_SPLIT_NONE);
  struct indicator_result_list o2 = compute_p(UNIT_TREE_OLD, "16855", &q, IND_SPLIT_NONE);
  expect(&o1, "cases_detected", "", 1);
  expect(&o2, "cases_detected", "", 1);
  expect(&n, "cases_detected", "", 2);
  /* H4 was active on 30/9/2023 */
  expect(&n, "hotspots_active", "", 1);
  indicator_result_list_free(&n);
  indicator_result_list_free(&o1);
  indicator_result_list_free(&o2);
}

static void split_by_agency_and_substance(void **state)
{
  (void)state;
  struct indicator_result_list l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_AGENCY);
  /* cases by detecting force: police C1, C3; border guard C2 */
  expect(&l, "cases_detected", "police", 2);
  expect(&l, "cases_detected", "border_guard", 1);
  expect(&l, "cases_prosecuted", "police", 2); /* C1, C4 */
  expect(&l, "cases_prosecuted", "border_guard", 1);
  expect(&l, "cases_resolved_ratio", "border_guard", 100);
  expect(&l, "seized_heroin_g", "police", 12.5);
  /* activities by organiser: police A1, A3; youth union A2; information A4, A5 */
  expect(&l, "propaganda_sessions", "police", 2);
  expect(&l, "propaganda_sessions", "youth_union", 1);
  expect(&l, "broadcast_minutes", "information", 35);
  expect(&l, "propaganda_sessions", "information", 0);
  /* inspections by inspecting agency: police 3 (B1 twice, B2), culture 1 */
  expect(&l, "businesses_inspected", "police", 3);
  expect(&l, "businesses_inspected", "culture", 1);
  expect(&l, "licit_entities_inspected", "health", 1);
  /* every split sums to its total */
  const char *codes[] = {"cases_detected",       "cases_prosecuted",       "cases_resolved",
                         "seized_pills",         "propaganda_sessions",    "broadcast_minutes",
                         "businesses_inspected", "propaganda_participants"};
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
    double s = 0;
    for (size_t k = 0; k < l.n; k++)
      if (l.items[k].group[0] && strcmp(l.items[k].def->code, codes[i]) == 0)
        s += l.items[k].value;
    if (fabs(s - val(&l, codes[i], "")) > 1e-9)
      fail_msg("%s: groups %g != total %g", codes[i], s, val(&l, codes[i], ""));
  }
  /* places have no agency: no such group rows */
  assert_null(find(&l, "hotspots_active", "police"));
  assert_null(find(&l, "addicts_registered", "police"));
  indicator_result_list_free(&l);

  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_SUBSTANCE);
  expect(&l, "seized_heroin_g", "heroin", 12.5);
  expect(&l, "seized_pills", "mdma", 20);
  expect(&l, "seized_pills", "methamphetamine", 50);
  expect(&l, "seized_meth_g", "methamphetamine", 5);
  expect(&l, "seized_other_g", "ketamine", 3);
  expect(&l, "seized_other_g", "opium", 2);
  expect(&l, "seized_plants", "cannabis", 30);
  expect(&l, "seized_liquid_ml", "heroin", 1);
  expect(&l, "seized_pills", "", 70);
  assert_null(find(&l, "cases_detected", "heroin"));
  indicator_result_list_free(&l);
}

/* The rows derived for the indicators (migration 011) follow every change
 * of the registers: a case moved to another unit takes its arrests along, a
 * status row removed, re-dated or added changes the place's spans, a place
 * moved takes its spans along, so does an activity moved, a record merged
 * into a merged record counts as the last survivor, and the commune map and
 * the province keys are rebuilt when they are stale.
 * Each change is undone before the next. */
static void derived_rows_follow_changes(void **state)
{
  (void)state;
  char u[24], v[24];
  struct indicator_result_list l;
  /* C3 (D and F = A arrested) moves to Hà Nội: N1 keeps A and B */
  sql("UPDATE drug_case SET unit_id = ? WHERE record_no = 'C3'", 1, num(u, HN));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "persons_arrested", "", 2);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_OLD, "00001", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "persons_arrested", "", 3); /* E, D, A (as F) */
  indicator_result_list_free(&l);
  sql("UPDATE drug_case SET unit_id = ? WHERE record_no = 'C3'", 1, num(u, O2));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "persons_arrested", "", 3); /* A, B, D */
  indicator_result_list_free(&l);

  /* G merged into F, itself merged into A: G arrested in C2 is A again;
   * before the merge G counts on its own */
  long F = (long)sql("SELECT id FROM person WHERE full_name = 'F'", 0);
  long G = person("G", "");
  long c2 = (long)sql("SELECT id FROM drug_case WHERE record_no = 'C2'", 0);
  arrest(c2, G, "2024-08-05");
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "persons_arrested", "", 4);
  indicator_result_list_free(&l);
  sql("UPDATE person SET merged_into = ? WHERE id = ?", 2, num(u, F), num(v, G));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "persons_arrested", "", 3);
  indicator_result_list_free(&l);
  sql("DELETE FROM case_person WHERE person_id = ?", 1, num(u, G));

  /* H2's reformed row removed: on 30/9 only H4 is active */
  long h2 = (long)sql("SELECT id FROM place WHERE record_no = 'H2'", 0);
  sql("DELETE FROM place_status WHERE place_id = ? AND status = 'reformed'", 1, num(u, h2));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "hotspots_active", "", 1);
  expect(&l, "hotspots_reformed", "", 0);
  indicator_result_list_free(&l);
  /* back, re-dated into October: still out of Q3, active again in Q4 */
  status(h2, "2024-10-05", "reformed");
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "hotspots_active", "", 1);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q4", IND_SPLIT_NONE);
  expect(&l, "hotspots_reformed", "", 1);
  expect(&l, "hotspots_active", "", 3);
  indicator_result_list_free(&l);
  sql("UPDATE place_status SET on_date = '2024-09-01' WHERE place_id = ? AND status = 'reformed'",
      1, num(u, h2));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "hotspots_active", "", 2);
  expect(&l, "hotspots_reformed", "", 1);
  indicator_result_list_free(&l);

  /* H4 moves to Hà Nội, then back */
  sql("UPDATE place SET unit_id = ? WHERE record_no = 'H4'", 1, num(u, HN));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "hotspots_active", "", 1);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_OLD, "00001", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "hotspots_active", "", 2); /* H5, H4 */
  indicator_result_list_free(&l);
  sql("UPDATE place SET unit_id = ? WHERE record_no = 'H4'", 1, num(u, O2));

  /* A1 (propaganda, 100 participants) moves to Hà Nội, then back */
  sql("UPDATE activity SET unit_id = ? WHERE record_no = 'A1'", 1, num(u, HN));
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "propaganda_sessions", "", 2);
  expect(&l, "propaganda_participants", "", 80);
  indicator_result_list_free(&l);
  sql("UPDATE activity SET unit_id = ? WHERE record_no = 'A1'", 1, num(u, O1));

  /* the commune map and the province keys lost (as when units are
   * imported after the records), the units' signature forgotten: the next
   * scope refresh rebuilds them */
  sql("DELETE FROM unit_commune", 0);
  sql("UPDATE drug_case SET prov_id = NULL", 0);
  sql("UPDATE case_person SET prov_id = NULL", 0);
  sql("UPDATE activity SET prov_id = NULL", 0);
  sql("UPDATE place_span SET prov_id = NULL", 0);
  sql("DELETE FROM unit_scope_state", 0);
  struct err err = {0};
  assert_int_equal(scope_resolve(&admin, st, &err), ERR_OK);
  l = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "communes_total", "", 412);
  expect(&l, "communes_with_propaganda", "", 2);
  expect(&l, "propaganda_sessions", "", 4);
  indicator_result_list_free(&l);
  l = compute(UNIT_TREE_NEW, "16855", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "cases_detected", "", 3);
  expect(&l, "persons_arrested", "", 3);
  expect(&l, "hotspots_active", "", 2);
  indicator_result_list_free(&l);
}

/* A commune with people on the drug list living there on the last day has
 * drug activity, even without a case or an active place; a commune counts
 * once whatever it has. People are added through the people register, so
 * their spans are derived as in use; this runs last (it adds people). */
static void communes_with_people_on_the_list(void **state)
{
  (void)state;
  const char *today = "2026-11-01";
  /* before: O1 (C1, C2, H2, R1) and O2 (C3, H4), nothing else in Nghệ An */
  struct indicator_result_list l = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "communes_with_drug_activity", "", 2);
  indicator_result_list_free(&l);
  /* P1 a user in Hữu Lập (16849) from August 2024: counts on 30/9 */
  long p1 = tu_create_person(st, &admin, today, "Lữ Văn Một", "1990-02-03", "nam", NULL, "16849");
  tu_add_event(st, &admin, today, p1, PEV_CLASSIFIED, "2024-08-01", "user", NULL, NULL);
  /* P2 an addict in Tây Sơn (16864), removed from the list before 30/9 */
  long p2 = tu_create_person(st, &admin, today, "Lữ Văn Hai", "1991-02-03", "nam", NULL, "16864");
  tu_add_event(st, &admin, today, p2, PEV_CLASSIFIED, "2024-07-10", "addict", NULL, NULL);
  tu_add_event(st, &admin, today, p2, PEV_REMOVED, "2024-09-01", NULL, NULL, "chuyển đi nơi khác");
  /* P3 a user in O1, which counts already */
  long p3 = tu_create_person(st, &admin, today, "Lữ Văn Ba", "1992-02-03", "nam", NULL, "16846");
  tu_add_event(st, &admin, today, p3, PEV_CLASSIFIED, "2024-09-15", "user", NULL, NULL);
  /* P4 in Mường Ải (16867) from October 2024 (after Q3), removed in 2025 */
  long p4 = tu_create_person(st, &admin, today, "Lữ Văn Bốn", "1993-02-03", "nam", NULL, "16867");
  tu_add_event(st, &admin, today, p4, PEV_CLASSIFIED, "2024-10-05", "user", NULL, NULL);
  tu_add_event(st, &admin, today, p4, PEV_REMOVED, "2025-12-01", NULL, NULL, "hết thời hạn");

  l = compute(UNIT_TREE_NEW, "40", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "drug_list_total", "", 2);             /* P1, P3 */
  expect(&l, "communes_with_drug_activity", "", 3); /* O1, O2, Hữu Lập */
  indicator_result_list_free(&l);
  /* on 31/12/2024: + Mường Ải (P4) */
  l = compute(UNIT_TREE_NEW, "40", "2024-Q4", IND_SPLIT_NONE);
  expect(&l, "drug_list_total", "", 3);
  expect(&l, "communes_with_drug_activity", "", 4);
  indicator_result_list_free(&l);
  /* the district alone, Q3 */
  l = compute(UNIT_TREE_OLD, "417", "2024-Q3", IND_SPLIT_NONE);
  expect(&l, "communes_with_drug_activity", "", 3);
  indicator_result_list_free(&l);
  /* 2026, on today's communes: N1 (H2, H3, H4 active; P3 from O1) and
   * today's Hữu Lập (16849, P1); P4 off the list */
  l = compute(UNIT_TREE_NEW, "40", "2026", IND_SPLIT_NONE);
  expect(&l, "drug_list_total", "", 2);
  expect(&l, "communes_with_drug_activity", "", 2);
  indicator_result_list_free(&l);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cases_in_an_old_commune),
      cmocka_unit_test(old_data_on_todays_commune),
      cmocka_unit_test(months_add_up_to_the_quarter),
      cmocka_unit_test(places_and_stocks),
      cmocka_unit_test(activities_and_communes),
      cmocka_unit_test(last_year_of_a_new_commune),
      cmocka_unit_test(split_by_agency_and_substance),
      cmocka_unit_test(derived_rows_follow_changes),
      cmocka_unit_test(communes_with_people_on_the_list),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
