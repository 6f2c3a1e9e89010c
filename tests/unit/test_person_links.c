/* test_person_links.c: the cases, places and networks on a person's record
 * (store_person_links through app_person_show).
 *
 * A person of phường Sa Pa (03006) is in two cases: one kept by Sa Pa, one
 * kept by phường Cam Đường (02671); she is the person of a place of Sa Pa
 * and a member of a network kept by Cam Đường. The Sa Pa officer sees the
 * person, but of the other registers only what Sa Pa keeps; the province
 * officer (Lào Cai, 15) sees all four. Worked out from the rule that a file
 * kept by a unit outside the territory is not shown, whoever it names. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "store/store.h"
#include "types/scope.h"

#define TODAY "2026-01-15"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin, sapa, province;
  long id;
};

static void raw(struct fx *f, const char *sql)
{
  char path[512];
  snprintf(path, sizeof path, "%s/l.db", f->dir);
  sqlite3 *h;
  assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
  char *msg = NULL;
  if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg("raw sql: %s", msg ? msg : "?");
  sqlite3_close(h);
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "l.db"))
    return -1;
  tu_add_user(&f->sapa, f->st, &f->admin, "cb.sapa", "officer", "03006");
  tu_add_user(&f->province, f->st, &f->admin, "cb.laocai", "officer", "15");
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "Lò Thị Mai");
  snprintf(p.birth_date, sizeof p.birth_date, "1985-01-01");
  snprintf(p.sex, sizeof p.sex, "nữ");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "03006");
  struct err err = {0};
  if (app_person_add(&f->id, f->st, &f->admin, &p, TODAY, &err))
    fail_msg("add: %s", err.msg);
  char sql[4000];
  snprintf(sql, sizeof sql,
           "INSERT INTO drug_case (id, record_no, detected_on, unit_id, agency_kind, agency_name, "
           "offences, express_delivery, prosecuted_on, indicted_on, tried_on, resolved_on, "
           "summary, created_at, created_by) SELECT 901, '5/2025/CAX', '2025-03-04', id, "
           "'police', 'Công an phường Sa Pa', '249', 0, '', '', '', '', '', '', 't' FROM unit "
           "WHERE tree = 'post2025' AND code = '03006';"
           "INSERT INTO drug_case (id, record_no, detected_on, unit_id, agency_kind, agency_name, "
           "offences, express_delivery, prosecuted_on, indicted_on, tried_on, resolved_on, "
           "summary, created_at, created_by) SELECT 902, '9/2025/CAX', '2025-06-07', id, "
           "'police', 'Công an phường Cam Đường', '251', 0, '', '', '', '', '', '', 't' FROM unit "
           "WHERE tree = 'post2025' AND code = '02671';"
           "INSERT INTO case_person (case_id, person_id, role, arrested_on) VALUES (901, %ld, "
           "'principal', '2025-03-05');"
           "INSERT INTO case_person (case_id, person_id, role, arrested_on) VALUES (902, %ld, "
           "'accomplice', '2025-06-08');"
           "INSERT INTO place (id, record_no, kind, name, unit_id, address, found_on, "
           "business_type, plant, area_m2, destroyed_on, person_id, note, created_at, created_by) "
           "SELECT 903, 'D1/2025', 'seller', 'Điểm bán tổ 5', id, '', '2025-02-01', '', '', 0, "
           "'', %ld, '', '', 't' FROM unit WHERE tree = 'post2025' AND code = '03006';"
           "INSERT INTO network (id, record_no, kind, name, unit_id, area, found_on, "
           "dismantled_on, note, created_at, created_by) SELECT 904, 'DD1/2025', 'ring', "
           "'Đường dây Cam Đường', id, '', '2025-01-01', '', '', '', 't' FROM unit "
           "WHERE tree = 'post2025' AND code = '02671';"
           "INSERT INTO network_member (network_id, person_id, role) VALUES (904, %ld, 'seller');",
           f->id, f->id, f->id, f->id);
  raw(f, sql);
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* The record numbers of r's links, joined by ' ', into out (256 bytes). */
static void numbers(char *out, const struct person_record *r)
{
  out[0] = '\0';
  for (size_t i = 0; i < r->links.n; i++)
    snprintf(out + strlen(out), 256 - strlen(out), "%s%s:%s", i ? " " : "", r->links.items[i].kind,
             r->links.items[i].record_no);
}

static void links_of_the_territory_only(void **state)
{
  struct fx *f = *state;
  struct person_record r;
  struct err err = {0};
  char got[256];
  assert_int_equal(app_person_show(&r, f->st, &f->province, f->id, NULL, &err), ERR_OK);
  numbers(got, &r);
  /* cases by date, then places, then networks */
  assert_string_equal(got, "case:5/2025/CAX case:9/2025/CAX place:D1/2025 network:DD1/2025");
  assert_string_equal(r.links.items[0].role, "principal");
  assert_string_equal(r.links.items[0].since, "2025-03-05");
  assert_string_equal(r.links.items[1].unit_name, "phường Cam Đường");
  person_record_free(&r);
  assert_int_equal(app_person_show(&r, f->st, &f->sapa, f->id, NULL, &err), ERR_OK);
  numbers(got, &r);
  assert_string_equal(got, "case:5/2025/CAX place:D1/2025");
  assert_string_equal(r.links.items[0].unit_name, "phường Sa Pa");
  person_record_free(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(links_of_the_territory_only, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
