/* test_app_indicator.c: the indicators' operations: territory, roles, comparison, audit row.
 *
 * Units (official data, data/units): old phường Kim Tân 02647 of old Lào Cai
 * (10) went into today's Lào Cai (15, post2025); old phường Phúc Xá 00001 is
 * in Hà Nội (01). The fixture, written through the operations:
 *
 *   A  Kim Tân  classified addict 01/03/2024
 *   B  Kim Tân  classified user   10/05/2024
 *   D  Kim Tân  classified user   01/06/2023
 *   C  Phúc Xá  classified addict 01/04/2024
 *   express_leads on Kim Tân: Quý III/2023 = 4, Quý III/2024 = 6;
 *   express_leads_verified on Kim Tân: Quý III/2024 = 3.
 *
 * Worked out by hand for Lào Cai, năm 2024 against năm 2023: users on the
 * list at the year's end 2 (B, D) against 1 (D): +1, +100%; addicts 1 (A)
 * against 0: +1, no percent; people classified in the year 2 (A, B)
 * against 1 (D); express-delivery leads 6 against 4: +2, +50%; verified 3
 * against nothing entered: no change; verified ratio 3/6 = 50%. C counts
 * for Hà Nội and the country, never for Lào Cai. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_indicator.h"
#include "ingest/unit_import.h"
#include "store/db.h"
#include "store/store.h"
#include "types/scope.h"

#define TODAY "2026-11-23"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;  /* the local administrator, national */
  struct scope laocai; /* officer of Lào Cai (15, today's tree) */
  struct scope hanoi;  /* officer of Hà Nội (01) */
  struct scope leader; /* leader of Lào Cai */
  struct scope agency; /* member agency of Lào Cai (health) */
};

static struct period period_of(const char *text)
{
  struct period p;
  struct err err = {0};
  if (app_indicator_period(&p, text, &err))
    fail_msg("period %s: %s", text, err.msg);
  return p;
}

/* Enter `value` for `indicator` on old unit `code` over `period` as sc. */
static int enter(struct indicator_entered *out, struct fx *f, const struct scope *sc,
                 const char *indicator, const char *code, const char *period, double value,
                 struct err *err)
{
  struct app_ind_entry in = {indicator,         "pre2025", code,      NULL,
                             period_of(period), value,     "báo cáo", TODAY};
  return app_indicator_enter(out, f->st, sc, &in, err);
}

static int group_setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "i.db"))
    return -1;
  tu_add_user(&f->laocai, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&f->hanoi, f->st, &f->admin, "cb.hanoi", "officer", "01");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  tu_add_user(&f->agency, f->st, &f->admin, "yt.laocai", "agency", "15");
  long a = tu_create_person(f->st, &f->admin, TODAY, "Nguyễn Văn An", "1990-01-01", "nam", "Kinh",
                            "02647");
  tu_add_event(f->st, &f->admin, TODAY, a, PEV_CLASSIFIED, "2024-03-01", "addict", NULL, NULL);
  long b = tu_create_person(f->st, &f->admin, TODAY, "Trần Văn Bình", "1992-02-02", "nam", "Kinh",
                            "02647");
  tu_add_event(f->st, &f->admin, TODAY, b, PEV_CLASSIFIED, "2024-05-10", "user", NULL, NULL);
  long d =
      tu_create_person(f->st, &f->admin, TODAY, "Lê Thị Dung", "1994-04-04", "nữ", "Kinh", "02647");
  tu_add_event(f->st, &f->admin, TODAY, d, PEV_CLASSIFIED, "2023-06-01", "user", NULL, NULL);
  long c = tu_create_person(f->st, &f->admin, TODAY, "Phạm Văn Cường", "1985-05-05", "nam", "Kinh",
                            "00001");
  tu_add_event(f->st, &f->admin, TODAY, c, PEV_CLASSIFIED, "2024-04-01", "addict", NULL, NULL);
  struct indicator_entered e;
  struct err err = {0};
  if (enter(&e, f, &f->admin, "express_leads", "02647", "2023-Q3", 4, &err) ||
      enter(&e, f, &f->admin, "express_leads", "02647", "2024-Q3", 6, &err) ||
      enter(&e, f, &f->admin, "express_leads_verified", "02647", "2024-Q3", 3, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* The row of indicator `code`, group "" (the total); fails when absent. */
static const struct indicator_row *row_of(const struct indicator_report *r, const char *code)
{
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->rows[i].now->def->code, code) == 0 && !r->rows[i].now->group[0])
      return &r->rows[i];
  fail_msg("no row %s", code);
  return NULL;
}

static void expect_fig(const struct indicator_result *r, double want)
{
  assert_non_null(r);
  if (!r->has_value || fabs(r->value - want) > 1e-9)
    fail_msg("%s = %g (has_value %d), want %g", r->def->code, r->value, r->has_value, want);
}

static void compute(struct indicator_report *out, struct fx *f, const struct scope *sc,
                    const char *tree, const char *code, const char *period,
                    enum app_ind_compare how)
{
  struct app_ind_query q = {tree, code, period_of(period), how, IND_SPLIT_NONE};
  struct err err = {0};
  if (app_indicator_compute(out, f->st, sc, &q, &err))
    fail_msg("compute %s: %s", period, err.msg);
}

/* ---- compute ------------------------------------------------------------- */

/* An officer's figures are his territory's, the year against the last. */
static void compute_compares_the_callers_territory_with_last_year(void **state)
{
  struct fx *f = *state;
  struct indicator_report r;
  compute(&r, f, &f->laocai, NULL, NULL, "2024", APP_IND_COMPARE_LAST_YEAR);
  assert_string_equal(r.unit.tree, "post2025");
  assert_string_equal(r.unit.code, "15");
  assert_int_equal(r.compared, 1);
  assert_int_equal(r.earlier.start.y, 2023);
  assert_int_equal(r.earlier.end.y, 2023);

  const struct indicator_row *users = row_of(&r, "users_registered");
  expect_fig(users->now, 2);
  expect_fig(users->before, 1);
  assert_true(users->has_change && fabs(users->change - 1) < 1e-9);
  assert_true(users->has_change_pct && fabs(users->change_pct - 100) < 1e-9);

  const struct indicator_row *addicts = row_of(&r, "addicts_registered");
  expect_fig(addicts->now, 1);
  expect_fig(addicts->before, 0);
  assert_true(addicts->has_change && fabs(addicts->change - 1) < 1e-9);
  assert_false(addicts->has_change_pct); /* over an earlier 0: no percent */

  expect_fig(row_of(&r, "classified_new")->now, 2);
  expect_fig(row_of(&r, "classified_new")->before, 1);
  expect_fig(row_of(&r, "drug_list_total")->now, 3);

  const struct indicator_row *leads = row_of(&r, "express_leads");
  expect_fig(leads->now, 6);
  expect_fig(leads->before, 4);
  assert_true(leads->has_change && fabs(leads->change - 2) < 1e-9);
  assert_true(leads->has_change_pct && fabs(leads->change_pct - 50) < 1e-9);

  const struct indicator_row *verified = row_of(&r, "express_leads_verified");
  expect_fig(verified->now, 3);
  assert_false(verified->before->has_value); /* nothing entered for 2023 */
  assert_false(verified->has_change);
  const struct indicator_row *ratio = row_of(&r, "express_leads_verified_ratio");
  expect_fig(ratio->now, 50);
  assert_true(fabs(ratio->now->num - 3) < 1e-9 && fabs(ratio->now->den - 6) < 1e-9);
  indicator_report_free(&r);
}

/* Another territory and the whole country see their own figures. */
static void the_territory_bounds_every_figure(void **state)
{
  struct fx *f = *state;
  struct indicator_report r;
  compute(&r, f, &f->hanoi, NULL, NULL, "2024", APP_IND_COMPARE_NONE);
  assert_int_equal(r.compared, 0);
  assert_null(row_of(&r, "addicts_registered")->before);
  expect_fig(row_of(&r, "addicts_registered")->now, 1);      /* C */
  expect_fig(row_of(&r, "users_registered")->now, 0);        /* B and D are in Lào Cai */
  assert_false(row_of(&r, "express_leads")->now->has_value); /* nothing entered there */
  indicator_report_free(&r);
  compute(&r, f, &f->admin, NULL, NULL, "2024", APP_IND_COMPARE_NONE);
  assert_int_equal(r.unit.id, 0);                       /* the whole country */
  expect_fig(row_of(&r, "addicts_registered")->now, 2); /* A and C */
  indicator_report_free(&r);
}

/* --unit inside the territory narrows; outside it is refused. */
static void a_unit_outside_the_territory_is_denied(void **state)
{
  struct fx *f = *state;
  struct indicator_report r;
  compute(&r, f, &f->laocai, "pre2025", "02647", "Quý III/2024", APP_IND_COMPARE_PREVIOUS);
  assert_string_equal(r.unit.name, "Kim Tân");
  expect_fig(row_of(&r, "express_leads")->now, 6);
  assert_false(row_of(&r, "express_leads")->before->has_value); /* Quý II/2024: none */
  indicator_report_free(&r);

  struct app_ind_query q = {"post2025", "15", period_of("2024"), APP_IND_COMPARE_NONE,
                            IND_SPLIT_NONE};
  struct err err = {0};
  assert_int_equal(app_indicator_compute(&r, f->st, &f->hanoi, &q, &err), ERR_DENIED);
  assert_int_equal(r.n, 0);
  q.tree = "pre2025";
  q.code = "00001"; /* Phúc Xá, Hà Nội */
  assert_int_equal(app_indicator_compute(&r, f->st, &f->laocai, &q, &err), ERR_DENIED);
  q.code = "99999";
  assert_int_equal(app_indicator_compute(&r, f->st, &f->laocai, &q, &err), ERR_NOT_FOUND);

  long before = tu_count(f->st, "SELECT count(*) FROM indicator_value");
  long audits = tu_count(f->st, "SELECT count(*) FROM audit_log");
  struct indicator_entered e;
  assert_int_equal(enter(&e, f, &f->hanoi, "express_leads", "02647", "2024-Q4", 1, &err),
                   ERR_DENIED);
  assert_int_equal(e.id, 0);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM indicator_value"), before);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log"), audits);
}

/* ---- roles ---------------------------------------------------------------- */

/* A leader and a member agency read the aggregates, and may not enter one. */
static void leader_and_agency_read_but_may_not_enter(void **state)
{
  struct fx *f = *state;
  const struct scope *readers[] = {&f->leader, &f->agency};
  for (size_t i = 0; i < 2; i++) {
    struct indicator_report r;
    compute(&r, f, readers[i], NULL, NULL, "2024", APP_IND_COMPARE_NONE);
    expect_fig(row_of(&r, "users_registered")->now, 2);
    expect_fig(row_of(&r, "express_leads")->now, 6);
    indicator_report_free(&r);

    long before = tu_count(f->st, "SELECT count(*) FROM indicator_value");
    long audits = tu_count(f->st, "SELECT count(*) FROM audit_log");
    struct indicator_entered e;
    struct err err = {0};
    assert_int_equal(enter(&e, f, readers[i], "express_leads", "02647", "2024-Q4", 1, &err),
                     ERR_DENIED);
    assert_int_equal(tu_count(f->st, "SELECT count(*) FROM indicator_value"), before);
    assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log"), audits);
  }
}

/* ---- enter ---------------------------------------------------------------- */

/* The value and its audit row name the acting user; entering again replaces. */
static void enter_is_audited_by_the_acting_user(void **state)
{
  struct fx *f = *state;
  struct indicator_entered e;
  struct err err = {0};
  assert_int_equal(enter(&e, f, &f->laocai, "express_leads", "02647", "2024-Q4", 7, &err), ERR_OK);
  assert_true(e.id > 0);
  assert_string_equal(e.by, "cb.laocai");
  assert_string_equal(e.unit.code, "02647");
  char action[64], actor[64], sql[200];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "indicator.enter");
  assert_string_equal(actor, "cb.laocai");
  assert_int_equal(rid, e.id);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM audit_log WHERE record_type = 'indicator_value' AND "
           "record_id = %ld",
           e.id);
  assert_int_equal(tu_count(f->st, sql), 1);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM indicator_value v JOIN app_user a ON a.id = v.entered_by_user "
           "WHERE v.id = %ld AND a.login = 'cb.laocai' AND v.entered_by = 'cb.laocai' AND "
           "v.value = 7",
           e.id);
  assert_int_equal(tu_count(f->st, sql), 1);

  /* the same value again, by the administrator: the row is replaced, and
   * now names the administrator */
  struct indicator_entered again;
  assert_int_equal(enter(&again, f, &f->admin, "express_leads", "02647", "2024-Q4", 8, &err),
                   ERR_OK);
  assert_int_equal(again.id, e.id);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM indicator_value v JOIN app_user a ON a.id = v.entered_by_user "
           "WHERE v.id = %ld AND a.login = 'admin' AND v.value = 8",
           e.id);
  assert_int_equal(tu_count(f->st, sql), 1);
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(actor, "admin");
  assert_int_equal(rid, e.id);

  /* a refused value leaves no row and no audit row */
  long audits = tu_count(f->st, "SELECT count(*) FROM audit_log");
  assert_int_equal(enter(&e, f, &f->laocai, "addicts_registered", "02647", "2024-Q4", 1, &err),
                   ERR_INPUT);
  assert_non_null(strstr(err.msg, "không nhập tay"));
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM audit_log"), audits);
}

/* ---- migration 019 ------------------------------------------------------- */

static void exec(struct store *st, const char *sql)
{
  struct stmt *s;
  struct err err = {0};
  if (db_prepare(&s, st, sql, &err) || db_step(s, &err) < 0)
    fail_msg("%s: %s", sql, err.msg);
  db_finalize(s);
}

/* Values entered before migration 019 keep their text; the one whose text
 * is a user's login gets that user's id, the free-text one none. */
static void migration_019_names_the_user_of_old_values(void **state)
{
  struct fx *f = *state;
  char path[4200];
  snprintf(path, sizeof path, "%s/old.db", f->dir);
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, path, &err), ERR_OK);
  assert_int_equal(store_migrate_to(st, 18, NULL, NULL, &err), ERR_OK);
  assert_int_equal(tu_unit_import(st, tu_source_path("data/units"), NULL, &err), ERR_OK);
  exec(st, "INSERT INTO app_user (id, login, full_name, role, created_at, created_by) "
           "VALUES (7, 'cb.nghean', '', 'officer', '2024-10-01', 'admin')");
  exec(st, "INSERT INTO indicator_value (indicator, unit_id, period_start, period_end, value, "
           "source, entered_by, entered_at) SELECT 'express_leads', id, '2024-07-01', "
           "'2024-09-30', 5, '', 'cb.nghean', '2024-10-02' FROM unit WHERE tree = 'pre2025' "
           "AND code = '16846'");
  exec(st, "INSERT INTO indicator_value (indicator, unit_id, period_start, period_end, value, "
           "source, entered_by, entered_at) SELECT 'express_leads', id, '2024-04-01', "
           "'2024-06-30', 3, '', 'Nguyễn Văn A', '2024-07-02' FROM unit WHERE tree = 'pre2025' "
           "AND code = '16846'");
  int to = 0;
  assert_int_equal(store_migrate(st, NULL, &to, &err), ERR_OK);
  assert_true(to >= 19);
  assert_int_equal(tu_count(st, "SELECT count(*) FROM indicator_value WHERE entered_by = "
                                "'cb.nghean' AND entered_by_user = 7"),
                   1);
  assert_int_equal(tu_count(st, "SELECT count(*) FROM indicator_value WHERE entered_by = "
                                "'Nguyễn Văn A' AND entered_by_user IS NULL"),
                   1);
  store_close(st);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(compute_compares_the_callers_territory_with_last_year),
      cmocka_unit_test(the_territory_bounds_every_figure),
      cmocka_unit_test(a_unit_outside_the_territory_is_denied),
      cmocka_unit_test(leader_and_agency_read_but_may_not_enter),
      cmocka_unit_test(enter_is_audited_by_the_acting_user),
      cmocka_unit_test(migration_019_names_the_user_of_old_values),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
