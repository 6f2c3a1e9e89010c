/* test_person.c: the people register — validation, transitions, derived status,
 * duplicates and merge, search, and the caller's scope.
 *
 * One database with the official units is shared; each test uses its own
 * names so tests do not see each other's people. Units used (data/units):
 * post2025 00004 phường Ba Đình and 00008 phường Ngọc Hà (Hà Nội, 01);
 * post2025 02647 phường Lào Cai and 02902 xã Phong Hải (Lào Cai, 15); pre2025
 * 00013 phường Quán Thánh went whole into 00004, pre2025 00016 Ngọc Hà went
 * partly into 00004 and partly into 00008. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "domain/legal_rule.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "ingest/unit_import.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_spans.h"

#define TODAY "2026-12-31"

static char *dir;
static struct store *st;
static struct scope admin;
static struct legal_rule_set rules;
static struct err last; /* the error of the last helper call */

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  struct err err = {0};
  if (tu_open_units_db(&st, &admin, dir, "people.db"))
    return -1;
  if (legal_rules_load(&rules, st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  legal_rule_set_free(&rules);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* ---------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------- */

static struct person person_of(const char *name, const char *born, const char *sex, const char *nid,
                               const char *tree, const char *code)
{
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "%s", name);
  snprintf(p.birth_date, sizeof p.birth_date, "%s", born);
  snprintf(p.sex, sizeof p.sex, "%s", sex);
  snprintf(p.national_id, sizeof p.national_id, "%s", nid ? nid : "");
  snprintf(p.unit_tree, sizeof p.unit_tree, "%s", tree);
  snprintf(p.unit_code, sizeof p.unit_code, "%s", code);
  snprintf(p.ethnicity, sizeof p.ethnicity, "Kinh");
  return p;
}

static int create_as(const struct scope *sc, struct person *p)
{
  memset(&last, 0, sizeof last);
  return app_person_add(&(long){0}, st, sc, p, TODAY, &last);
}

/* Create a person as the administrator; fails the test when refused. */
static long make(const char *name, const char *born, const char *nid, const char *tree,
                 const char *code)
{
  struct person p = person_of(name, born, "nam", nid, tree, code);
  if (create_as(&admin, &p))
    fail_msg("create %s: %s", name, last.msg);
  return p.id;
}

static struct person_event event_of(long id, enum person_event_kind k, const char *date)
{
  struct person_event e;
  memset(&e, 0, sizeof e);
  e.person_id = id;
  e.kind = k;
  snprintf(e.date, sizeof e.date, "%s", date);
  return e;
}

static int add_as(const struct scope *sc, struct person_event *e)
{
  memset(&last, 0, sizeof last);
  return app_person_event(&(long){0}, st, sc, e, TODAY, &last);
}

/* Add an event as the administrator, with an optional value. */
static int ev(long id, enum person_event_kind k, const char *date, const char *value)
{
  struct person_event e = event_of(id, k, date);
  if (value)
    snprintf(e.value, sizeof e.value, "%s", value);
  if (k == PEV_DETERMINATION || k == PEV_REHAB_FACILITY_START || k == PEV_OST_START)
    snprintf(e.facility, sizeof e.facility, "Cơ sở số 1");
  if (k == PEV_OST_START && !value)
    snprintf(e.value, sizeof e.value, "methadone");
  if (k == PEV_REMOVED)
    snprintf(e.note, sizeof e.note, "hết thời hạn quản lý");
  return add_as(&admin, &e);
}

static int compulsory(long id, const char *decision, const char *start)
{
  struct person_event e = event_of(id, PEV_REHAB_COMPULSORY_START, start);
  snprintf(e.decision_no, sizeof e.decision_no, "05/2025/QĐ-TA");
  snprintf(e.decision_date, sizeof e.decision_date, "%s", decision);
  return add_as(&admin, &e);
}

static void expect_refused(int rc, const char *needle)
{
  assert_int_equal(rc, ERR_INPUT);
  if (!strstr(last.msg, needle))
    fail_msg("message \"%s\" lacks \"%s\"", last.msg, needle);
}

static struct scope scope_of(const char *role, const char *tree, const char *code)
{
  struct scope sc;
  struct err err = {0};
  if (scope_init(&sc, "officer", role, tree, code, "kiểm thử", &err) ||
      scope_resolve(&sc, st, &err))
    fail_msg("scope %s:%s: %s", tree ? tree : "", code ? code : "", err.msg);
  return sc;
}

static size_t count_events(long id)
{
  struct person_event_list l;
  assert_int_equal(store_person_events(&l, st, &admin, id, NULL), ERR_OK);
  size_t n = l.n;
  person_event_list_free(&l);
  return n;
}

/* Index of the hit named `name`, or -1. */
static int hit(const struct person_hit_list *l, const char *name)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].person.full_name, name) == 0)
      return (int)i;
  return -1;
}

/* ---------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------- */

static void identity_is_validated(void **state)
{
  (void)state;
  const char *name = "Đỗ Thị Kiều Trang";
  struct person p = person_of("", "1990-01-01", "nữ", NULL, "post2025", "00004");
  expect_refused(create_as(&admin, &p), "họ và tên");
  p = person_of(name, "31/02/2020", "nữ", NULL, "post2025", "00004");
  expect_refused(create_as(&admin, &p), "ngày sinh");
  p = person_of(name, "2027-01-01", "nữ", NULL, "post2025", "00004");
  expect_refused(create_as(&admin, &p), "tương lai");
  p = person_of(name, "1990-01-01", "x", NULL, "post2025", "00004");
  expect_refused(create_as(&admin, &p), "giới tính");
  p = person_of(name, "1990-01-01", "nữ", "00119000123", "post2025", "00004");
  expect_refused(create_as(&admin, &p), "12 chữ số");
  p = person_of(name, "1990-01-01", "nữ", "00119000123a", "post2025", "00004");
  expect_refused(create_as(&admin, &p), "12 chữ số");
  /* 03 was never a province code; 99 and 100 are beyond them. */
  p = person_of(name, "1990-01-01", "nữ", "003190001234", "post2025", "00004");
  expect_refused(create_as(&admin, &p), "003");
  p = person_of(name, "1990-01-01", "nữ", "099190001234", "post2025", "00004");
  expect_refused(create_as(&admin, &p), "099");
  p = person_of(name, "1990-01-01", "nữ", "100190001234", "post2025", "00004");
  expect_refused(create_as(&admin, &p), "100");
  p = person_of(name, "1990-01-01", "nữ", NULL, "post2025", "01");
  expect_refused(create_as(&admin, &p), "cấp xã");
  p = person_of(name, "1990-01-01", "nữ", NULL, "post2025", "99999");
  assert_int_equal(create_as(&admin, &p), ERR_NOT_FOUND);
  p = person_of(name, "1990-01-01", "nữ", NULL, "post2025", "00004");
  snprintf(p.occupation_group, sizeof p.occupation_group, "pilot");
  expect_refused(create_as(&admin, &p), "nhóm nghề");
  /* Accepted, normalised: dd/mm/yyyy to ISO, "Nữ" to female; 096 is Cà Mau. */
  p = person_of(name, "15/03/1990", "Nữ", "096190001234", "post2025", "00004");
  snprintf(p.occupation_group, sizeof p.occupation_group, "free_labour");
  assert_int_equal(create_as(&admin, &p), ERR_OK);
  assert_true(p.id > 0);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, p.id, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.birth_date, "1990-03-15");
  assert_string_equal(r.person.sex, "female");
  assert_string_equal(r.person.national_id, "096190001234");
  assert_string_equal(r.person.unit_name, "phường Ba Đình");
  assert_string_equal(person_status_code(&r.status), "none");
  person_record_free(&r);
  /* Only the accepted one was stored. */
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &admin, "do thi kieu trang", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  person_hit_list_free(&l);
}

static void national_id_identifies_one_person(void **state)
{
  (void)state;
  make("Vũ Đình Khoa", "1988-08-08", "079088001111", "post2025", "00004");
  struct person p = person_of("Vũ Khoa", "1988-08-08", "nam", "079088001111", "post2025", "00008");
  assert_int_equal(create_as(&admin, &p), ERR_CONFLICT);
  assert_non_null(strstr(last.msg, "079088001111"));
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &admin, "079088001111", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].person.full_name, "Vũ Đình Khoa");
  person_hit_list_free(&l);
}

/* ---------------------------------------------------------------------------
 * History: validation and transitions
 * ------------------------------------------------------------------------- */

static void events_are_validated_and_transitions_refused(void **state)
{
  (void)state;
  long id = make("Bùi Quang Huy", "1990-05-01", NULL, "post2025", "00004");
  expect_refused(ev(id, PEV_CLASSIFIED, "2023-01-05", "junkie"), "loại đối tượng");
  expect_refused(ev(id, PEV_CLASSIFIED, "2027-01-01", "user"), "tương lai");
  expect_refused(ev(id, PEV_CLASSIFIED, "1990-04-30", "user"), "trước ngày sinh");
  expect_refused(ev(id, PEV_CLASSIFIED, "2023-02-30", "user"), "ngày");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2023-01-05", "user"), ERR_OK);
  struct person_event e = event_of(id, PEV_DETERMINATION, "2023-02-01");
  snprintf(e.value, sizeof e.value, "addict");
  expect_refused(add_as(&admin, &e), "cơ sở y tế");
  expect_refused(ev(id, PEV_DETERMINATION, "2023-02-01", "maybe"), "kết quả");
  assert_int_equal(ev(id, PEV_DETERMINATION, "2023-02-01", "addict"), ERR_OK);
  expect_refused(ev(id, PEV_MANAGEMENT_CLOSED, "2023-02-02", NULL), "chưa có");
  assert_int_equal(ev(id, PEV_MANAGEMENT_OPENED, "2023-02-10", NULL), ERR_OK);
  expect_refused(ev(id, PEV_MANAGEMENT_OPENED, "2023-02-11", NULL), "đã có hồ sơ quản lý");
  /* Compulsory rehab needs the court decision, dated on or before the start. */
  e = event_of(id, PEV_REHAB_COMPULSORY_START, "2023-03-01");
  expect_refused(add_as(&admin, &e), "Tòa án");
  expect_refused(compulsory(id, "2023-03-02", "2023-03-01"), "sau ngày bắt đầu");
  /* Post-rehab management and relapse need a treatment before them. */
  expect_refused(ev(id, PEV_AFTERCARE_START, "2023-03-01", NULL), "chưa có đợt cai nghiện");
  expect_refused(ev(id, PEV_RELAPSE, "2023-03-01", NULL), "chưa có đợt cai nghiện");
  expect_refused(ev(id, PEV_OST_STOP, "2023-03-01", NULL), "chưa có");
  expect_refused(ev(id, PEV_MOVE_REPORTED, "2023-03-01", NULL), "không có lần chuyển");
  expect_refused(ev(id, PEV_OST_START, "2023-03-01", "heroin"), "thuốc");
  assert_int_equal(ev(id, PEV_REHAB_FACILITY_START, "2023-04-01", NULL), ERR_OK);
  expect_refused(compulsory(id, "2023-04-20", "2023-05-01"), "đang cai nghiện tự nguyện tại cơ sở");
  /* A rehab cannot end before it starts. */
  expect_refused(ev(id, PEV_REHAB_FACILITY_END, "2023-03-15", NULL),
                 "trước ngày bắt đầu (01/04/2023)");
  expect_refused(ev(id, PEV_REHAB_COMMUNITY_END, "2023-05-01", NULL), "không phải");
  expect_refused(ev(id, PEV_AFTERCARE_START, "2023-05-01", NULL), "đang cai nghiện");
  expect_refused(ev(id, PEV_REMOVED, "2023-05-01", NULL), "đang cai nghiện");
  assert_int_equal(ev(id, PEV_REHAB_FACILITY_END, "2023-10-01", NULL), ERR_OK);
  assert_int_equal(ev(id, PEV_AFTERCARE_START, "2023-10-02", NULL), ERR_OK);
  expect_refused(ev(id, PEV_AFTERCARE_START, "2023-10-03", NULL), "đang quản lý sau cai");
  /* Nothing after death, nor a second death. */
  assert_int_equal(ev(id, PEV_DIED, "2024-01-01", NULL), ERR_OK);
  expect_refused(ev(id, PEV_CLASSIFIED, "2024-02-01", "user"), "đã chết");
  expect_refused(ev(id, PEV_DIED, "2024-03-01", NULL), "đã chết");
  /* A late entry dated before the death is still accepted. */
  assert_int_equal(ev(id, PEV_MANAGEMENT_CLOSED, "2023-12-01", NULL), ERR_OK);
  assert_int_equal(count_events(id), 8);
  /* A back-dated event that would break later history is refused: a death
   * before a rehab ended. */
  long id2 = make("Bùi Quang Hưng", "1991-05-01", NULL, "post2025", "00004");
  assert_int_equal(ev(id2, PEV_REHAB_COMMUNITY_START, "2024-01-10", NULL), ERR_OK);
  assert_int_equal(ev(id2, PEV_REHAB_COMMUNITY_END, "2024-06-10", NULL), ERR_OK);
  expect_refused(ev(id2, PEV_DIED, "2024-03-01", NULL), "đã chết");
  assert_int_equal(count_events(id2), 2);
  /* Removed from the list: only a new classification brings the person back. */
  assert_int_equal(ev(id2, PEV_REMOVED, "2024-07-01", NULL), ERR_OK);
  expect_refused(ev(id2, PEV_REHAB_COMMUNITY_START, "2024-08-01", NULL), "ra khỏi danh sách");
  assert_int_equal(ev(id2, PEV_CLASSIFIED, "2024-09-01", "user"), ERR_OK);
  assert_int_equal(ev(id2, PEV_REHAB_COMMUNITY_START, "2024-09-02", NULL), ERR_OK);
}

static void compulsory_rehab_by_age(void **state)
{
  (void)state;
  /* Born 1/6/2013: 11 on 1/5/2025, 12 on 1/6/2025. */
  long id = make("Mai Anh Tuấn", "2013-06-01", NULL, "post2025", "00004");
  expect_refused(compulsory(id, "2025-05-01", "2025-05-10"), "dưới 12 tuổi");
  assert_int_equal(compulsory(id, "2025-06-01", "2025-06-10"), ERR_OK);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  assert_string_equal(person_status_code(&r.status), "rehab_compulsory");
  assert_int_equal(r.status.rehab_minor, 1);
  assert_non_null(strstr(person_status_label(&r.status), "chưa thành niên"));
  assert_int_equal(r.clocks.n, 1);
  assert_string_equal(r.clocks.items[0].condition, "compulsory_minor");
  assert_string_equal(r.clocks.items[0].end, "2026-06-10");
  person_record_free(&r);
  /* An adult (18 on the decision date) gets the adult rule. */
  long adult = make("Mai Anh Tú", "2007-06-01", NULL, "post2025", "00004");
  assert_int_equal(compulsory(adult, "2025-06-01", "2025-06-10"), ERR_OK);
  assert_int_equal(app_person_show(&r, st, &admin, adult, &rules, NULL), ERR_OK);
  assert_int_equal(r.status.rehab_minor, 0);
  assert_string_equal(r.clocks.items[0].condition, "compulsory_first");
  assert_string_equal(r.clocks.items[0].end, "2027-06-10");
  person_record_free(&r);
}

/* ---------------------------------------------------------------------------
 * Derived status
 * ------------------------------------------------------------------------- */

static void status_is_derived_from_the_sequence(void **state)
{
  (void)state;
  struct person_event h[14];
  memset(h, 0, sizeof h);
  const struct {
    enum person_event_kind k;
    const char *date, *value, *want;
  } seq[] = {
      {PEV_CLASSIFIED, "2022-03-01", "suspected", "suspected"},
      {PEV_CLASSIFIED, "2022-04-01", "user", "user"},
      {PEV_MANAGEMENT_OPENED, "2022-04-10", "", "managed"},
      {PEV_DETERMINATION, "2022-06-01", "addict", "managed"},
      {PEV_REHAB_COMPULSORY_START, "2022-07-01", "", "rehab_compulsory"},
      {PEV_REHAB_COMPULSORY_END, "2024-07-01", "", "managed"},
      {PEV_AFTERCARE_START, "2024-07-02", "", "aftercare"},
      {PEV_RELAPSE, "2024-09-01", "", "managed"},
      {PEV_OST_START, "2024-09-15", "methadone", "ost"},
      {PEV_OST_STOP, "2025-03-01", "", "managed"},
      {PEV_MANAGEMENT_CLOSED, "2025-03-02", "", "addict"},
      {PEV_REMOVED, "2025-04-01", "", "removed"},
      {PEV_CLASSIFIED, "2025-06-01", "user", "user"},
      {PEV_DIED, "2025-08-01", "", "died"},
  };
  size_t n = sizeof seq / sizeof seq[0];
  for (size_t i = 0; i < n; i++) {
    h[i].id = (long)i + 1;
    h[i].kind = seq[i].k;
    snprintf(h[i].date, sizeof h[i].date, "%s", seq[i].date);
    snprintf(h[i].value, sizeof h[i].value, "%s", seq[i].value);
    if (seq[i].k == PEV_REHAB_COMPULSORY_START) {
      snprintf(h[i].decision_no, sizeof h[i].decision_no, "01/2022/QĐ-TA");
      snprintf(h[i].decision_date, sizeof h[i].decision_date, "2022-06-20");
    }
    struct person_status s;
    struct err err = {0};
    assert_int_equal(person_replay(&s, "1980-01-01", h, i + 1, TODAY, &err), ERR_OK);
    if (strcmp(person_status_code(&s), seq[i].want) != 0)
      fail_msg("after event %zu: %s, want %s", i + 1, person_status_code(&s), seq[i].want);
    if (i == 3) {
      assert_int_equal(s.cls, PCLASS_ADDICT);
      assert_true(person_status_matches(&s, "addict"));
      assert_true(person_status_matches(&s, "managed"));
      assert_false(person_status_matches(&s, "user"));
    }
    if (i == 11)
      assert_false(person_status_matches(&s, "addict"));
  }
  /* The walk sorts by date: the same events in reverse give the same end. */
  struct person_event r[14];
  for (size_t i = 0; i < n; i++)
    r[i] = h[n - 1 - i];
  struct person_status s;
  assert_int_equal(person_replay(&s, "1980-01-01", r, n, TODAY, NULL), ERR_OK);
  assert_string_equal(person_status_code(&s), "died");
  assert_int_equal(s.rehab_count, 1);
  assert_int_equal(s.compulsory_count, 1);
  assert_int_equal(s.relapses, 1);
  assert_string_equal(s.since, "2025-08-01");
  assert_string_equal(person_status_label(&s), "đã chết");
}

static void a_mistaken_event_is_voided_not_deleted(void **state)
{
  (void)state;
  long id = make("Đinh Công Tráng", "1985-01-01", NULL, "post2025", "00004");
  long other = make("Đinh Công Thành", "1985-01-01", NULL, "post2025", "00004");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2024-01-01", "user"), ERR_OK);
  struct person_event died = event_of(id, PEV_DIED, "2024-02-01");
  assert_int_equal(add_as(&admin, &died), ERR_OK);
  expect_refused(ev(id, PEV_MANAGEMENT_OPENED, "2024-03-01", NULL), "đã chết");
  struct person_event v = event_of(id, PEV_VOID, "2024-03-01");
  v.ref_event_id = died.id;
  expect_refused(add_as(&admin, &v), "lý do");
  snprintf(v.note, sizeof v.note, "ghi nhầm người");
  assert_int_equal(add_as(&admin, &v), ERR_OK);
  long void_id = v.id;
  assert_int_equal(ev(id, PEV_MANAGEMENT_OPENED, "2024-03-01", NULL), ERR_OK);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  assert_int_equal(r.events.n, 4); /* the voided death stays in the history */
  assert_string_equal(person_status_code(&r.status), "managed");
  person_record_free(&r);
  /* Not twice, not a void, not another person's event. */
  v.id = 0;
  expect_refused(add_as(&admin, &v), "đã bị hủy");
  struct person_event vv = event_of(id, PEV_VOID, "2024-03-02");
  snprintf(vv.note, sizeof vv.note, "x");
  vv.ref_event_id = void_id;
  expect_refused(add_as(&admin, &vv), "không hủy được");
  assert_int_equal(ev(other, PEV_CLASSIFIED, "2024-01-01", "user"), ERR_OK);
  vv.person_id = other;
  vv.ref_event_id = died.id;
  expect_refused(add_as(&admin, &vv), "không có sự kiện số");
  /* Voiding a start whose end is recorded would leave the end dangling. */
  assert_int_equal(ev(other, PEV_REHAB_COMMUNITY_START, "2024-02-01", NULL), ERR_OK);
  struct person_event stop = event_of(other, PEV_REHAB_COMMUNITY_END, "2024-08-01");
  assert_int_equal(add_as(&admin, &stop), ERR_OK);
  vv.ref_event_id = stop.id - 1;
  expect_refused(add_as(&admin, &vv), "chưa có");
}

/* ---------------------------------------------------------------------------
 * Moves and scope
 * ------------------------------------------------------------------------- */

static void a_move_keeps_one_history_and_changes_who_sees_it(void **state)
{
  (void)state;
  long id = make("Tạ Văn Lực", "1992-02-02", NULL, "post2025", "00004");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  struct scope ba_dinh = scope_of("officer", "post2025", "00004");
  struct scope lao_cai = scope_of("officer", "post2025", "02647");
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &ba_dinh, id, &rules, NULL), ERR_OK);
  person_record_free(&r);
  struct person_event m = event_of(id, PEV_MOVED, "2026-07-01");
  snprintf(m.unit_code, sizeof m.unit_code, "00004");
  expect_refused(add_as(&ba_dinh, &m), "đã cư trú");
  snprintf(m.unit_code, sizeof m.unit_code, "15");
  expect_refused(add_as(&ba_dinh, &m), "cấp xã");
  snprintf(m.unit_code, sizeof m.unit_code, "02647");
  assert_int_equal(add_as(&ba_dinh, &m), ERR_OK);
  /* The old commune no longer sees the record; the new one does, whole. */
  assert_int_equal(app_person_show(&r, st, &ba_dinh, id, &rules, NULL), ERR_NOT_FOUND);
  assert_int_equal(app_person_show(&r, st, &lao_cai, id, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.unit_code, "02647");
  assert_int_equal(r.events.n, 2);
  assert_string_equal(r.events.items[1].from_code, "00004");
  assert_string_equal(r.events.items[1].unit_code, "02647");
  assert_string_equal(r.events.items[1].unit_tree, "post2025");
  assert_int_equal(r.clocks.n, 1);
  assert_string_equal(r.clocks.items[0].code, "move_report");
  assert_string_equal(r.clocks.items[0].end, "2026-07-02");
  person_record_free(&r);
}

/* The id of unit post2025/code. */
static long unit_id_of(const char *code)
{
  long id = 0;
  assert_int_equal(store_scope_unit(&id, NULL, st, "post2025", code, NULL), ERR_OK);
  return id;
}

/* One number from `sql`, whose only parameter is the person's id. */
static long number_of(const char *sql, long person_id)
{
  struct stmt *s;
  struct err err = {0};
  assert_int_equal(db_prepare(&s, st, sql, &err), ERR_OK);
  db_bind_int(s, 1, person_id);
  assert_int_equal(db_step(s, &err), 1);
  long n = (long)db_col_int(s, 0);
  db_finalize(s);
  return n;
}

/* The person's recorded residence, and where the span still open sits, are `code`. */
static void lives_in(long id, const char *code)
{
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.unit_code, code);
  person_record_free(&r);
  long unit = unit_id_of(code);
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT unit_id FROM person_span WHERE person_id = ? AND to_day = %ld",
           STORE_SPAN_OPEN);
  assert_int_equal(number_of(sql, id), unit);
}

/* Where the person's determination (flow kind 2) was counted. */
static long determination_unit(long id)
{
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT unit_id FROM person_flow WHERE person_id = ? AND kinds & %d",
           PFLOW_DETERMINATION);
  return number_of(sql, id);
}

static int move_as(const struct scope *sc, long id, const char *date, const char *code, long *ev_id)
{
  struct person_event m = event_of(id, PEV_MOVED, date);
  snprintf(m.unit_code, sizeof m.unit_code, "%s", code);
  int rc = add_as(sc, &m);
  *ev_id = m.id;
  return rc;
}

static int void_as(const struct scope *sc, long id, const char *date, long ref)
{
  struct person_event v = event_of(id, PEV_VOID, date);
  v.ref_event_id = ref;
  snprintf(v.note, sizeof v.note, "ghi nhầm nơi chuyển đến");
  return add_as(sc, &v);
}

static void voiding_a_move_restores_the_residence(void **state)
{
  (void)state;
  /* One move A -> B, voided: back in A, with spans and flows. */
  long id = make("Mạc Văn Khôi", "1990-04-04", NULL, "post2025", "00004");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  long move = 0;
  assert_int_equal(move_as(&admin, id, "2026-07-01", "00008", &move), ERR_OK);
  assert_int_equal(ev(id, PEV_DETERMINATION, "2026-08-01", "addict"), ERR_OK);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.unit_code, "00008");
  person_record_free(&r);
  /* the new commune's officer voids it: the person goes back out of reach */
  struct scope ngoc_ha = scope_of("officer", "post2025", "00008");
  struct scope ba_dinh = scope_of("officer", "post2025", "00004");
  assert_int_equal(void_as(&ngoc_ha, id, "2026-09-01", move), ERR_OK);
  lives_in(id, "00004");
  assert_int_equal(number_of("SELECT count(*) FROM person_flow WHERE person_id = ?", id), 2);
  assert_int_equal(number_of("SELECT max(unit_id) FROM person_flow WHERE person_id = ?", id),
                   unit_id_of("00004"));
  assert_int_equal(number_of("SELECT min(unit_id) FROM person_flow WHERE person_id = ?", id),
                   unit_id_of("00004"));
  assert_int_equal(app_person_show(&r, st, &ngoc_ha, id, &rules, NULL), ERR_NOT_FOUND);
  assert_int_equal(app_person_show(&r, st, &ba_dinh, id, &rules, NULL), ERR_OK);
  person_record_free(&r);
  /* the void is audited in the same transaction as the change */
  assert_int_equal(number_of("SELECT count(*) FROM audit_log WHERE record_id = ? AND action = "
                             "'person.event' AND detail LIKE 'void %'",
                             id),
                   1);

  /* Two moves A -> B -> C, the last voided: in B; then the first too: in A. */
  long two = make("Mạc Thị Loan", "1991-05-05", NULL, "post2025", "00004");
  assert_int_equal(ev(two, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  long first = 0, second = 0;
  assert_int_equal(move_as(&admin, two, "2026-03-01", "00008", &first), ERR_OK);
  assert_int_equal(move_as(&admin, two, "2026-06-01", "02647", &second), ERR_OK);
  assert_int_equal(ev(two, PEV_DETERMINATION, "2026-06-15", "addict"), ERR_OK);
  lives_in(two, "02647");
  assert_int_equal(determination_unit(two), unit_id_of("02647"));
  assert_int_equal(void_as(&admin, two, "2026-06-20", second), ERR_OK);
  lives_in(two, "00008");
  assert_int_equal(determination_unit(two), unit_id_of("00008"));
  assert_int_equal(void_as(&admin, two, "2026-06-21", first), ERR_OK);
  lives_in(two, "00004");
  assert_int_equal(determination_unit(two), unit_id_of("00004"));
  /* a move from there is a move from A */
  long third = 0;
  assert_int_equal(move_as(&admin, two, "2026-10-01", "02647", &third), ERR_OK);
  assert_int_equal(app_person_show(&r, st, &admin, two, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.unit_code, "02647");
  assert_string_equal(r.events.items[r.events.n - 1].from_code, "00004");
  person_record_free(&r);
}

/* A move leaves the residence the record has now, so one dated before a
 * later move is refused (it would leave from the wrong commune and be
 * overtaken at once); voided, the later move no longer stands in the way. */
static void a_move_before_the_last_move_is_refused(void **state)
{
  (void)state;
  long id = make("Mạc Văn Tâm", "1992-06-06", NULL, "post2025", "00004");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  long june = 0, march = 0;
  assert_int_equal(move_as(&admin, id, "2026-06-01", "00008", &june), ERR_OK);
  assert_int_equal(move_as(&admin, id, "2026-03-01", "02647", &march), ERR_INPUT);
  assert_non_null(strstr(last.msg, "01/06/2026"));
  assert_int_equal(number_of("SELECT count(*) FROM person_event WHERE person_id = ? AND kind = "
                             "'moved'",
                             id),
                   1);
  lives_in(id, "00008");
  /* the same day as the last move is not before it */
  long same = 0;
  assert_int_equal(move_as(&admin, id, "2026-06-01", "02647", &same), ERR_OK);
  lives_in(id, "02647");
  /* both June moves voided: March can be written, leaving from 00004 */
  assert_int_equal(void_as(&admin, id, "2026-06-10", same), ERR_OK);
  assert_int_equal(void_as(&admin, id, "2026-06-11", june), ERR_OK);
  lives_in(id, "00004");
  assert_int_equal(move_as(&admin, id, "2026-03-01", "02647", &march), ERR_OK);
  lives_in(id, "02647");
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  int found = 0;
  for (size_t i = 0; i < r.events.n; i++)
    if (r.events.items[i].id == march) {
      assert_string_equal(r.events.items[i].from_code, "00004");
      found = 1;
    }
  assert_true(found);
  person_record_free(&r);
}

/* A move may name the commune it leaves. It must be where the person lives,
 * except for a first move that ends where the person lives now: that is a
 * re-imported history (the people file carries today's residence), and the
 * time before the move is put back where the person lived then. */
static void a_move_naming_the_commune_it_leaves(void **state)
{
  (void)state;
  /* created in C (today's residence), then the move A -> C arrives */
  long id = make("Mạc Văn Hưng", "1993-07-07", NULL, "post2025", "02647");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  assert_int_equal(ev(id, PEV_DETERMINATION, "2026-02-01", "addict"), ERR_OK);
  assert_int_equal(determination_unit(id), unit_id_of("02647"));
  struct person_event m = event_of(id, PEV_MOVED, "2026-03-01");
  snprintf(m.unit_code, sizeof m.unit_code, "02647");
  snprintf(m.from_code, sizeof m.from_code, "00004");
  assert_int_equal(add_as(&admin, &m), ERR_OK);
  lives_in(id, "02647");
  assert_int_equal(determination_unit(id), unit_id_of("00004"));
  /* the user span from 10/01 and the addict span from 01/02 now lie in A */
  assert_int_equal(number_of("SELECT count(*) FROM person_span WHERE person_id = ? AND unit_id = "
                             "(SELECT id FROM unit WHERE tree = 'post2025' AND code = '00004')",
                             id),
                   2);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  assert_string_equal(r.events.items[r.events.n - 1].from_code, "00004");
  person_record_free(&r);

  /* a later move naming the commune the person lives in is a plain move ... */
  struct person_event next = event_of(id, PEV_MOVED, "2026-05-01");
  snprintf(next.unit_code, sizeof next.unit_code, "00008");
  snprintf(next.from_code, sizeof next.from_code, "02647");
  assert_int_equal(add_as(&admin, &next), ERR_OK);
  lives_in(id, "00008");
  /* ... and one naming another commune is refused, with both communes */
  struct person_event wrong = event_of(id, PEV_MOVED, "2026-06-01");
  snprintf(wrong.unit_code, sizeof wrong.unit_code, "00004");
  snprintf(wrong.from_code, sizeof wrong.from_code, "02647");
  assert_int_equal(add_as(&admin, &wrong), ERR_INPUT);
  assert_non_null(strstr(last.msg, "00008"));
  assert_non_null(strstr(last.msg, "02647"));
  lives_in(id, "00008");

  /* a first move that does not end where the person lives is refused too */
  long other = make("Mạc Thị Hoa", "1994-08-08", NULL, "post2025", "00004");
  assert_int_equal(ev(other, PEV_CLASSIFIED, "2026-01-10", "user"), ERR_OK);
  struct person_event away = event_of(other, PEV_MOVED, "2026-03-01");
  snprintf(away.unit_code, sizeof away.unit_code, "02647");
  snprintf(away.from_code, sizeof away.from_code, "00008");
  assert_int_equal(add_as(&admin, &away), ERR_INPUT);
  assert_int_equal(number_of("SELECT count(*) FROM person_event WHERE person_id = ? AND kind = "
                             "'moved'",
                             other),
                   0);
  lives_in(other, "00004");
}

static void a_commune_officer_sees_only_the_commune(void **state)
{
  (void)state;
  long own = make("Kiều Văn Sơn", "1970-01-01", "001070009001", "post2025", "00004");
  long far = make("Kiều Văn Hải", "1970-01-01", "010070009002", "post2025", "02647");
  long old_whole = make("Kiều Văn Tùng", "1970-01-01", NULL, "pre2025", "00013");
  long neighbour = make("Kiều Văn Lâm", "1970-01-01", NULL, "post2025", "00008");
  long old_split = make("Kiều Văn Bách", "1970-01-01", NULL, "pre2025", "00016");
  struct scope sc = scope_of("officer", "post2025", "00004");
  struct person_record r;
  struct err err = {0};
  assert_int_equal(app_person_show(&r, st, &sc, own, &rules, &err), ERR_OK);
  person_record_free(&r);
  /* Another commune: not found, and nothing of the record comes back. */
  memset(&r, 0x5A, sizeof r);
  assert_int_equal(app_person_show(&r, st, &sc, far, &rules, &err), ERR_NOT_FOUND);
  assert_null(strstr(err.msg, "Kiều Văn Hải"));
  assert_int_equal(r.events.n, 0);
  assert_int_not_equal(strcmp(r.person.full_name, "Kiều Văn Hải"), 0);
  struct person p;
  memset(&p, 0, sizeof p);
  assert_int_equal(store_person_get(&p, st, &sc, far, NULL), ERR_NOT_FOUND);
  assert_string_equal(p.full_name, "");
  assert_int_equal(app_person_show(&r, st, &sc, neighbour, &rules, NULL), ERR_NOT_FOUND);
  /* Old units that went into this commune are its own. */
  assert_int_equal(app_person_show(&r, st, &sc, old_whole, &rules, NULL), ERR_OK);
  person_record_free(&r);
  assert_int_equal(app_person_show(&r, st, &sc, old_split, &rules, NULL), ERR_OK);
  person_record_free(&r);
  /* Search by name or by national ID does not reach across. */
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &sc, "kieu van", NULL, 0, NULL), ERR_OK);
  assert_true(hit(&l, "Kiều Văn Sơn") >= 0);
  assert_true(hit(&l, "Kiều Văn Tùng") >= 0);
  assert_int_equal(hit(&l, "Kiều Văn Hải"), -1);
  assert_int_equal(hit(&l, "Kiều Văn Lâm"), -1);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, st, &sc, "010070009002", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 0);
  person_hit_list_free(&l);
  /* Nor do writes. */
  struct person_event e = event_of(far, PEV_CLASSIFIED, "2024-01-01");
  snprintf(e.value, sizeof e.value, "user");
  assert_int_equal(add_as(&sc, &e), ERR_NOT_FOUND);
  assert_int_equal(count_events(far), 0);
  struct person q = person_of("Kiều Văn Nam", "1970-01-01", "nam", NULL, "post2025", "02647");
  assert_int_equal(create_as(&sc, &q), ERR_DENIED);
  /* The neighbour sees the split old commune too (it went partly to each). */
  struct scope nb = scope_of("officer", "post2025", "00008");
  assert_int_equal(app_person_show(&r, st, &nb, old_split, &rules, NULL), ERR_OK);
  person_record_free(&r);
  assert_int_equal(app_person_show(&r, st, &nb, own, &rules, NULL), ERR_NOT_FOUND);
  /* A province officer sees the province's communes only. */
  struct scope prov = scope_of("officer", "post2025", "15");
  assert_int_equal(app_person_show(&r, st, &prov, far, &rules, NULL), ERR_OK);
  person_record_free(&r);
  assert_int_equal(app_person_show(&r, st, &prov, own, &rules, NULL), ERR_NOT_FOUND);
  /* Narrowing stays inside the territory. */
  struct scope narrow;
  assert_int_equal(scope_narrow(&narrow, &sc, st, "post2025", "02647", &err), ERR_DENIED);
  assert_int_equal(scope_narrow(&narrow, &admin, st, "post2025", "15", &err), ERR_OK);
  assert_int_equal(app_person_search(&l, st, &narrow, "kieu van", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].person.full_name, "Kiều Văn Hải");
  person_hit_list_free(&l);
}

static void roles_without_personal_records_are_denied(void **state)
{
  (void)state;
  long id = make("Lục Văn Tài", "1970-01-01", NULL, "post2025", "00004");
  struct scope leader = scope_of("leader", NULL, NULL);
  struct scope agency = scope_of("agency", "post2025", "01");
  struct person_record r;
  struct person_hit_list l;
  assert_int_equal(app_person_show(&r, st, &leader, id, &rules, NULL), ERR_DENIED);
  assert_int_equal(app_person_search(&l, st, &leader, "luc van tai", NULL, 0, NULL), ERR_DENIED);
  assert_int_equal(app_person_show(&r, st, &agency, id, &rules, NULL), ERR_DENIED);
  struct scope bad;
  struct err err = {0};
  assert_int_equal(scope_init(&bad, "", "admin", NULL, NULL, "x", &err), ERR_INPUT);
  assert_int_equal(scope_init(&bad, "a", "admin", NULL, NULL, "", &err), ERR_INPUT);
  assert_int_equal(scope_init(&bad, "a", "root", NULL, NULL, "x", &err), ERR_INPUT);
  assert_int_equal(scope_init(&bad, "a", "officer", "1990", "01", "x", &err), ERR_INPUT);
  /* An unresolved scope is a bug, caught. */
  assert_int_equal(scope_init(&bad, "a", "officer", NULL, "00004", "x", &err), ERR_OK);
  assert_int_equal(store_person_get(&r.person, st, &bad, id, &err), ERR_INTERNAL);
  assert_int_equal(scope_init(&bad, "a", "officer", NULL, "77777", "x", &err), ERR_OK);
  assert_int_equal(scope_resolve(&bad, st, &err), ERR_NOT_FOUND);
}

/* ---------------------------------------------------------------------------
 * Duplicates and merge
 * ------------------------------------------------------------------------- */

/* Index of the pair {a, b} in the list, or -1. */
static int pair(const struct person_dup_list *l, long a, long b)
{
  for (size_t i = 0; i < l->n; i++)
    if ((l->items[i].a.id == a && l->items[i].b.id == b) ||
        (l->items[i].a.id == b && l->items[i].b.id == a))
      return (int)i;
  return -1;
}

static void possible_duplicates_are_flagged_and_dismissed(void **state)
{
  (void)state;
  long a = make("Hoàng Thị Hoà", "1985-02-03", "001185000111", "post2025", "00004");
  long b = make("HOÀNG THỊ HÒA", "1985-02-03", NULL, "post2025", "00008");
  long c = make("Hoàng Thị Hoà", "1985-02-04", NULL, "post2025", "00004");
  struct person_dup_list l;
  assert_int_equal(app_person_duplicates(&l, st, &admin, NULL), ERR_OK);
  int i = pair(&l, a, b);
  assert_true(i >= 0);
  assert_int_equal(l.items[i].a.id, a); /* a < b */
  assert_string_equal(l.items[i].b.full_name, "HOÀNG THỊ HÒA");
  assert_int_equal(pair(&l, a, c), -1); /* another birth date */
  person_dup_list_free(&l);
  /* A commune officer sees a pair only when both people are in the commune. */
  struct scope sc = scope_of("officer", "post2025", "00004");
  assert_int_equal(app_person_duplicates(&l, st, &sc, NULL), ERR_OK);
  assert_int_equal(pair(&l, a, b), -1);
  person_dup_list_free(&l);
  assert_int_equal(app_person_dismiss(st, &admin, b, a, NULL), ERR_OK);
  assert_int_equal(app_person_dismiss(st, &admin, a, b, NULL), ERR_NOT_FOUND);
  assert_int_equal(app_person_dismiss(st, &admin, a, c, NULL), ERR_NOT_FOUND);
  long d = make("Hoàng Thị Hòa", "1985-02-03", NULL, "post2025", "00004");
  assert_int_equal(app_person_duplicates(&l, st, &admin, NULL), ERR_OK);
  assert_int_equal(pair(&l, a, b), -1); /* stays dismissed */
  assert_true(pair(&l, a, d) >= 0);
  assert_true(pair(&l, b, d) >= 0);
  person_dup_list_free(&l);
}

static void merge_moves_history_and_hides_the_merged_record(void **state)
{
  (void)state;
  long a = make("Lý Văn Mạnh", "1979-09-09", NULL, "post2025", "00004");
  long b = make("Lý Văn Mạnh", "1979-09-09", "001079000222", "post2025", "00008");
  assert_int_equal(ev(a, PEV_CLASSIFIED, "2023-01-01", "user"), ERR_OK);
  assert_int_equal(ev(a, PEV_MANAGEMENT_OPENED, "2023-01-02", NULL), ERR_OK);
  assert_int_equal(ev(b, PEV_DETERMINATION, "2023-05-01", "addict"), ERR_OK);
  assert_int_equal(app_person_merge(st, &admin, a, a, TODAY, NULL), ERR_INPUT);
  assert_int_equal(app_person_merge(st, &admin, a, b, TODAY, NULL), ERR_OK);
  struct person_record r;
  /* read by an officer: the determination is a health field an administrator
   * is not shown (domain/person_access.h) */
  struct scope officer = admin;
  officer.role = SCOPE_OFFICER;
  assert_int_equal(app_person_show(&r, st, &officer, a, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.national_id, "001079000222");
  assert_int_equal(r.events.n, 3);
  assert_int_equal(r.events.items[2].merged_from, b);
  assert_int_equal(r.status.cls, PCLASS_ADDICT);
  person_record_free(&r);
  assert_int_equal(app_person_show(&r, st, &admin, b, &rules, NULL), ERR_OK);
  assert_int_equal(r.person.merged_into, a);
  assert_int_equal(r.events.n, 0);
  assert_string_equal(r.person.national_id, "");
  person_record_free(&r);
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &admin, "ly van manh", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].person.id, a);
  person_hit_list_free(&l);
  struct person_dup_list dl;
  assert_int_equal(app_person_duplicates(&dl, st, &admin, NULL), ERR_OK);
  assert_int_equal(pair(&dl, a, b), -1);
  person_dup_list_free(&dl);
  /* The merged record takes no more events and cannot be merged again. */
  struct person_event e = event_of(b, PEV_RELAPSE, "2024-01-01");
  assert_int_equal(add_as(&admin, &e), ERR_CONFLICT);
  assert_int_equal(app_person_merge(st, &admin, a, b, TODAY, NULL), ERR_CONFLICT);
  /* Histories that cannot be one (two open management records) are refused
   * and nothing changes. */
  long g = make("Lý Thị Nga", "1980-10-10", NULL, "post2025", "00004");
  long h = make("Lý Thị Nga", "1980-10-10", NULL, "post2025", "00004");
  assert_int_equal(ev(g, PEV_MANAGEMENT_OPENED, "2024-01-01", NULL), ERR_OK);
  assert_int_equal(ev(h, PEV_MANAGEMENT_OPENED, "2024-02-01", NULL), ERR_OK);
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, g, h, TODAY, &err), ERR_CONFLICT);
  assert_non_null(strstr(err.msg, "đã có hồ sơ quản lý"));
  assert_int_equal(count_events(g), 1);
  assert_int_equal(count_events(h), 1);
  assert_int_equal(app_person_show(&r, st, &admin, h, &rules, NULL), ERR_OK);
  assert_int_equal(r.person.merged_into, 0);
  person_record_free(&r);
  /* Outside the caller's territory: not found. */
  struct scope sc = scope_of("officer", "post2025", "00004");
  long far = make("Lý Thị Nga", "1980-10-10", NULL, "post2025", "02647");
  assert_int_equal(app_person_merge(st, &sc, g, far, TODAY, NULL), ERR_NOT_FOUND);
}

/* A merge adds b's name and other names to a's other names, once each
 * (compared without case or diacritics), while they fit in the field. */
static void merge_collects_other_names(void **state)
{
  (void)state;
  struct person pa = person_of("Hồ Văn Tâm", "1983-03-03", "nam", NULL, "post2025", "00004");
  snprintf(pa.other_names, sizeof pa.other_names, "Tâm Béo");
  assert_int_equal(create_as(&admin, &pa), ERR_OK);
  struct person pb = person_of("Hồ Văn Sáu", "1983-03-03", "nam", NULL, "post2025", "00004");
  snprintf(pb.other_names, sizeof pb.other_names, "Tèo; TÂM BÉO;Hồ Văn Tâm");
  assert_int_equal(create_as(&admin, &pb), ERR_OK);
  assert_int_equal(app_person_merge(st, &admin, pa.id, pb.id, TODAY, NULL), ERR_OK);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &admin, pa.id, &rules, NULL), ERR_OK);
  assert_string_equal(r.person.other_names, "Tâm Béo; Hồ Văn Sáu; Tèo");
  person_record_free(&r);
  /* A name that does not fit with its "; " is left out, whole. */
  struct person pc = person_of("Hồ Văn Bảy", "1983-03-03", "nam", NULL, "post2025", "00004");
  memset(pc.other_names, 'a', sizeof pc.other_names - 16);
  assert_int_equal(create_as(&admin, &pc), ERR_OK);
  struct person pd = person_of("Hồ Văn Tư", "1983-03-03", "nam", NULL, "post2025", "00004");
  snprintf(pd.other_names, sizeof pd.other_names, "Tư");
  assert_int_equal(create_as(&admin, &pd), ERR_OK);
  assert_int_equal(app_person_merge(st, &admin, pc.id, pd.id, TODAY, NULL), ERR_OK);
  assert_int_equal(app_person_show(&r, st, &admin, pc.id, &rules, NULL), ERR_OK);
  assert_int_equal(strlen(r.person.other_names), sizeof pc.other_names - 16 + strlen("; Tư"));
  assert_non_null(strstr(r.person.other_names, "a; Tư"));
  assert_null(strstr(r.person.other_names, "Hồ Văn Tư"));
  person_record_free(&r);
}

/* ---------------------------------------------------------------------------
 * Search
 * ------------------------------------------------------------------------- */

static void search_ignores_case_and_diacritics(void **state)
{
  (void)state;
  long dung = make("Nguyễn Văn Dũng", "1980-01-01", "001080004321", "post2025", "00004");
  make("Phạm Minh Đức", "1981-01-01", NULL, "post2025", "00004");
  make("Nguyễn Thị Bình", "1983-01-01", NULL, "post2025", "02902");
  make("Nguyễn Hữu Đạt", "1984-01-01", NULL, "post2025", "00004");
  make("Trần Văn An", "1982-01-01", NULL, "post2025", "00004");
  make("Lê Văn Cường", "1982-01-01", NULL, "post2025", "00004");
  struct person_hit_list l;
  const char *forms[] = {"nguyen van dung", "NGUYỄN VĂN DŨNG", "Nguyen  Van   Dung", "van dung",
                         "dung nguyen"};
  for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    assert_int_equal(app_person_search(&l, st, &admin, forms[f], NULL, 0, NULL), ERR_OK);
    if (hit(&l, "Nguyễn Văn Dũng") < 0)
      fail_msg("\"%s\" does not find Nguyễn Văn Dũng", forms[f]);
    person_hit_list_free(&l);
  }
  const char *duc[] = {"duc", "Đức", "ĐỨC", "minh duc"};
  for (size_t f = 0; f < sizeof duc / sizeof duc[0]; f++) {
    assert_int_equal(app_person_search(&l, st, &admin, duc[f], NULL, 0, NULL), ERR_OK);
    if (hit(&l, "Phạm Minh Đức") < 0)
      fail_msg("\"%s\" does not find Phạm Minh Đức", duc[f]);
    person_hit_list_free(&l);
  }
  /* By national ID. */
  assert_int_equal(app_person_search(&l, st, &admin, " 001080004321 ", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].person.id, dung);
  person_hit_list_free(&l);
  /* Nothing unrelated. */
  assert_int_equal(app_person_search(&l, st, &admin, "xyzzy", NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 0);
  person_hit_list_free(&l);
}

static void search_results_in_vietnamese_name_order(void **state)
{
  (void)state;
  /* By given name first: An, Bình, Cường, Dũng, Đạt (d before đ), Đức. */
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &admin, "", NULL, 1000, NULL), ERR_OK);
  const char *want[] = {"Trần Văn An",     "Nguyễn Thị Bình", "Lê Văn Cường",
                        "Nguyễn Văn Dũng", "Nguyễn Hữu Đạt",  "Phạm Minh Đức"};
  int prev = -1;
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    int at = hit(&l, want[i]);
    if (at <= prev)
      fail_msg("%s at %d, not after %s at %d", want[i], at, i ? want[i - 1] : "-", prev);
    prev = at;
  }
  person_hit_list_free(&l);
  /* The limit takes the first ones in that order. */
  assert_int_equal(app_person_search(&l, st, &admin, "nguyen", NULL, 2, NULL), ERR_OK);
  assert_int_equal(l.n, 2);
  person_hit_list_free(&l);
}

static void search_by_status_and_unit(void **state)
{
  (void)state;
  long binh = make("Nguyễn Thị Bích", "1983-02-01", NULL, "post2025", "02902");
  long bau = make("Nguyễn Thị Bầu", "1983-02-01", NULL, "post2025", "02902");
  assert_int_equal(ev(binh, PEV_CLASSIFIED, "2024-01-01", "addict"), ERR_OK);
  assert_int_equal(ev(bau, PEV_CLASSIFIED, "2024-01-01", "user"), ERR_OK);
  assert_int_equal(ev(bau, PEV_MANAGEMENT_OPENED, "2024-01-02", NULL), ERR_OK);
  struct person_hit_list l;
  assert_int_equal(app_person_search(&l, st, &admin, "nguyen thi b", "addict", 0, NULL), ERR_OK);
  assert_true(hit(&l, "Nguyễn Thị Bích") >= 0);
  assert_int_equal(hit(&l, "Nguyễn Thị Bầu"), -1);
  assert_string_equal(person_status_code(&l.items[hit(&l, "Nguyễn Thị Bích")].status), "addict");
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, st, &admin, NULL, "managed", 1000, NULL), ERR_OK);
  assert_true(hit(&l, "Nguyễn Thị Bầu") >= 0);
  assert_int_equal(hit(&l, "Nguyễn Thị Bích"), -1);
  person_hit_list_free(&l);
  /* Everyone in xã Phong Hải: the two, and Nguyễn Thị Bình. */
  struct scope ph;
  assert_int_equal(scope_narrow(&ph, &admin, st, "post2025", "02902", NULL), ERR_OK);
  assert_int_equal(app_person_search(&l, st, &ph, NULL, NULL, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 3);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, st, &ph, NULL, "user", 0, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  person_hit_list_free(&l);
  /* Bad queries are refused. */
  struct err err = {0};
  assert_int_equal(app_person_search(&l, st, &admin, "L\xC3\x28o", NULL, 0, &err), ERR_INPUT);
  assert_int_equal(app_person_search(&l, st, &admin, " ,. ", NULL, 0, &err), ERR_INPUT);
  assert_int_equal(app_person_search(&l, st, &admin, "an", "sober", 0, &err), ERR_INPUT);
}

/* ---------------------------------------------------------------------------
 * Due list
 * ------------------------------------------------------------------------- */

static void due_lists_clocks_ending_soon_or_overdue(void **state)
{
  (void)state;
  long q = make("Hà Văn Quý", "1990-01-01", NULL, "post2025", "02647");
  long r = make("Hà Văn Rạng", "1990-01-01", NULL, "post2025", "02647");
  long s = make("Hà Văn Sáng", "1990-01-01", NULL, "post2025", "02647");
  long t = make("Hà Văn Tâm", "1990-01-01", NULL, "post2025", "02647");
  assert_int_equal(ev(q, PEV_CLASSIFIED, "2025-11-01", "user"), ERR_OK);
  assert_int_equal(ev(q, PEV_MANAGEMENT_OPENED, "2025-12-01", NULL), ERR_OK); /* ends 2026-12-01 */
  assert_int_equal(ev(r, PEV_CLASSIFIED, "2026-05-01", "user"), ERR_OK);
  assert_int_equal(ev(r, PEV_MANAGEMENT_OPENED, "2026-06-01", NULL), ERR_OK); /* 2027-06-01 */
  /* Monday 2/11/2026 + 5 working days = Monday 9/11: overdue on 20/11. */
  assert_int_equal(ev(s, PEV_DETERMINATION, "2026-11-02", "addict"), ERR_OK);
  assert_int_equal(ev(t, PEV_DETERMINATION, "2026-11-02", "addict"), ERR_OK);
  assert_int_equal(ev(t, PEV_DIED, "2026-11-05", NULL), ERR_OK);
  /* the commune's officer: the registration counts from a determination, a
   * health field only officers are shown (domain/person_access.h) */
  struct scope lc = scope_of("officer", "post2025", "02647");
  struct person_due_list l;
  assert_int_equal(app_person_due(&l, st, &lc, &rules, "2026-11-20", 30, NULL), ERR_OK);
  /* Earlier tests put others in 02647; keep ours. */
  long got[8];
  size_t n = 0;
  for (size_t i = 0; i < l.n; i++)
    if ((l.items[i].person_id == q || l.items[i].person_id == r || l.items[i].person_id == s ||
         l.items[i].person_id == t) &&
        n < 8)
      got[n++] = (long)i;
  assert_int_equal(n, 2);
  const struct person_due *first = &l.items[got[0]], *second = &l.items[got[1]];
  assert_int_equal(first->person_id, s);
  assert_string_equal(first->clock.code, "rehab_registration");
  assert_string_equal(first->clock.end, "2026-11-09");
  assert_int_equal(first->days_left, -11);
  assert_int_equal(second->person_id, q);
  assert_string_equal(second->clock.code, "user_management");
  assert_string_equal(second->clock.end, "2026-12-01");
  assert_int_equal(second->days_left, 11);
  assert_string_equal(second->full_name, "Hà Văn Quý");
  person_due_list_free(&l);
  /* Within 0 days: only the overdue one. */
  assert_int_equal(app_person_due(&l, st, &lc, &rules, "2026-11-20", 0, NULL), ERR_OK);
  int seen_q = 0, seen_s = 0;
  for (size_t i = 0; i < l.n; i++) {
    seen_q |= l.items[i].person_id == q;
    seen_s |= l.items[i].person_id == s;
  }
  assert_false(seen_q);
  assert_true(seen_s);
  person_due_list_free(&l);
}

/* The year of management is a user's: it starts only for a person classified
 * a user, and stops when the person is found to be an addict (classified so,
 * a positive determination, a relapse) or sent to compulsory rehab. A user
 * later classified suspected or psychosis stays under the decision. Pure
 * person_clocks on histories held in memory. */
struct hist {
  struct person_event ev[12];
  size_t n;
};

static struct person_event *hadd(struct hist *h, enum person_event_kind k, const char *date,
                                 const char *value)
{
  struct person_event *e = &h->ev[h->n];
  *e = event_of(1, k, date);
  e->id = (long)++h->n;
  if (value)
    snprintf(e->value, sizeof e->value, "%s", value);
  if (k == PEV_DETERMINATION || k == PEV_REHAB_COMPULSORY_START)
    snprintf(e->facility, sizeof e->facility, "Cơ sở số 1");
  return e;
}

/* The end of the user_management clock after h, or "" when it is not running. */
static const char *user_clock(const struct hist *h)
{
  static char end[DATE_ISO_LEN];
  struct person_status s;
  struct err err = {0};
  if (person_replay(&s, "1985-02-02", h->ev, h->n, TODAY, &err))
    fail_msg("history refused: %s", err.msg);
  struct person_clock_list cl;
  assert_int_equal(person_clocks(&cl, "1985-02-02", h->ev, h->n, &rules, &err), ERR_OK);
  end[0] = '\0';
  for (size_t i = 0; i < cl.n; i++)
    if (strcmp(cl.items[i].code, "user_management") == 0)
      snprintf(end, sizeof end, "%s", cl.items[i].end);
  person_clock_list_free(&cl);
  return end;
}

/* A user under a management decision of 6/1/2025: one year, to 6/1/2026. */
static struct hist managed_user(void)
{
  struct hist h = {.n = 0};
  hadd(&h, PEV_CLASSIFIED, "2025-01-05", "user");
  hadd(&h, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL);
  return h;
}

static void user_clock_stops_when_found_an_addict(void **state)
{
  (void)state;
  struct hist h = managed_user();
  assert_string_equal(user_clock(&h), "2026-01-06");
  /* a positive determination */
  h = managed_user();
  hadd(&h, PEV_DETERMINATION, "2025-03-01", "addict");
  assert_string_equal(user_clock(&h), "");
  /* a negative one changes nothing */
  h = managed_user();
  hadd(&h, PEV_DETERMINATION, "2025-03-01", "not_addict");
  assert_string_equal(user_clock(&h), "2026-01-06");
  /* classified an addict */
  h = managed_user();
  hadd(&h, PEV_CLASSIFIED, "2025-02-01", "addict");
  assert_string_equal(user_clock(&h), "");
  /* a relapse after voluntary rehab */
  h = managed_user();
  hadd(&h, PEV_REHAB_COMMUNITY_START, "2025-02-01", NULL);
  hadd(&h, PEV_REHAB_COMMUNITY_END, "2025-04-01", NULL);
  assert_string_equal(user_clock(&h), "2026-01-06");
  hadd(&h, PEV_RELAPSE, "2025-05-01", NULL);
  assert_string_equal(user_clock(&h), "");
  /* compulsory rehab, the class still user */
  h = managed_user();
  struct person_event *c = hadd(&h, PEV_REHAB_COMPULSORY_START, "2025-04-01", NULL);
  snprintf(c->decision_no, sizeof c->decision_no, "01/2025/QĐ-TA");
  snprintf(c->decision_date, sizeof c->decision_date, "2025-03-20");
  assert_string_equal(user_clock(&h), "");
  /* later classified suspected or psychosis: still under the decision */
  h = managed_user();
  hadd(&h, PEV_CLASSIFIED, "2025-02-01", "psychosis");
  assert_string_equal(user_clock(&h), "2026-01-06");
  /* a user again after being an addict: a new decision starts a new year */
  h = managed_user();
  hadd(&h, PEV_CLASSIFIED, "2025-02-01", "addict");
  hadd(&h, PEV_MANAGEMENT_CLOSED, "2025-02-02", NULL);
  hadd(&h, PEV_CLASSIFIED, "2025-06-01", "user");
  hadd(&h, PEV_MANAGEMENT_OPENED, "2025-06-02", NULL);
  assert_string_equal(user_clock(&h), "2026-06-02");
}

static void user_clock_starts_only_for_a_user(void **state)
{
  (void)state;
  static const char *const others[] = {"suspected", "psychosis", "addict"};
  for (size_t i = 0; i < 3; i++) {
    struct hist h = {.n = 0};
    hadd(&h, PEV_CLASSIFIED, "2025-01-05", others[i]);
    hadd(&h, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL);
    if (strcmp(user_clock(&h), "") != 0)
      fail_msg("a management decision for a person classified %s started the user clock",
               others[i]);
  }
  struct hist h = {.n = 0};
  hadd(&h, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL); /* not classified */
  assert_string_equal(user_clock(&h), "");
  /* suspected, then found a user: the decision after it runs */
  h.n = 0;
  hadd(&h, PEV_CLASSIFIED, "2025-01-02", "suspected");
  hadd(&h, PEV_CLASSIFIED, "2025-01-05", "user");
  hadd(&h, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL);
  assert_string_equal(user_clock(&h), "2026-01-06");
}

/* The report: a managed user found an addict and sent to compulsory rehab
 * is not on the commune's list as an overdue user management. */
static void due_list_drops_the_user_clock_of_an_addict(void **state)
{
  (void)state;
  long id = make("Đinh Văn Bắt", "1985-02-02", NULL, "post2025", "02680");
  assert_int_equal(ev(id, PEV_CLASSIFIED, "2025-01-05", "user"), ERR_OK);
  assert_int_equal(ev(id, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL), ERR_OK);
  assert_int_equal(ev(id, PEV_DETERMINATION, "2025-03-01", "addict"), ERR_OK);
  assert_int_equal(compulsory(id, "2025-03-20", "2025-04-01"), ERR_OK);
  /* beside a user under the same decision who stays a user: overdue */
  long other = make("Đinh Văn Dùng", "1985-02-02", NULL, "post2025", "02680");
  assert_int_equal(ev(other, PEV_CLASSIFIED, "2025-01-05", "user"), ERR_OK);
  assert_int_equal(ev(other, PEV_MANAGEMENT_OPENED, "2025-01-06", NULL), ERR_OK);
  struct scope sc;
  assert_int_equal(scope_narrow(&sc, &admin, st, "post2025", "02680", NULL), ERR_OK);
  struct person_due_list l;
  assert_int_equal(app_person_due(&l, st, &sc, &rules, "2026-11-23", 0, NULL), ERR_OK);
  int overdue = 0;
  for (size_t i = 0; i < l.n; i++) {
    if (l.items[i].person_id == id)
      fail_msg("due: %s ends %s", l.items[i].clock.code, l.items[i].clock.end);
    if (l.items[i].person_id == other) {
      assert_string_equal(l.items[i].clock.code, "user_management");
      assert_string_equal(l.items[i].clock.end, "2026-01-06");
      overdue++;
    }
  }
  assert_int_equal(overdue, 1);
  person_due_list_free(&l);
  /* what still runs: the compulsory rehab, 24 months from 1/4/2025 */
  assert_int_equal(app_person_due(&l, st, &sc, &rules, "2026-11-23", 365, NULL), ERR_OK);
  int rehab = 0;
  for (size_t i = 0; i < l.n; i++)
    if (l.items[i].person_id == id) {
      assert_string_equal(l.items[i].clock.code, "rehab");
      assert_string_equal(l.items[i].clock.end, "2027-04-01");
      rehab++;
    }
  assert_int_equal(rehab, 1);
  person_due_list_free(&l);
}

/* Law 120/2025: the old commune hands the file over within 24 hours of a
 * reported move. The person now lives outside its territory, yet the clock
 * is its duty, so its list shows it (and only it); the new commune's too. */
static void the_old_commune_sees_the_handover_it_owes(void **state)
{
  (void)state;
  long u = make("Lò Văn Uy", "1990-01-01", NULL, "post2025", "02647");
  assert_int_equal(ev(u, PEV_CLASSIFIED, "2026-08-01", "user"), ERR_OK);
  assert_int_equal(ev(u, PEV_MANAGEMENT_OPENED, "2026-09-01", NULL), ERR_OK); /* to 2027-09-01 */
  long moved;
  assert_int_equal(move_as(&admin, u, "2026-11-10", "02902", &moved), ERR_OK);
  assert_int_equal(ev(u, PEV_MOVE_REPORTED, "2026-11-11", NULL), ERR_OK);
  struct scope old_c, new_c;
  assert_int_equal(scope_narrow(&old_c, &admin, st, "post2025", "02647", NULL), ERR_OK);
  assert_int_equal(scope_narrow(&new_c, &admin, st, "post2025", "02902", NULL), ERR_OK);
  struct person_due_list l;
  assert_int_equal(app_person_due(&l, st, &old_c, &rules, "2026-11-20", 400, NULL), ERR_OK);
  size_t n = 0;
  for (size_t i = 0; i < l.n; i++)
    if (l.items[i].person_id == u) {
      n++;
      assert_string_equal(l.items[i].clock.code, "file_handover");
      assert_string_equal(l.items[i].clock.end, "2026-11-12");
      assert_int_equal(l.items[i].days_left, -8);
      assert_int_equal(l.items[i].moved_out, 1);
      assert_string_equal(l.items[i].unit_code, "02902"); /* where the file goes */
    }
  assert_int_equal(n, 1); /* not the management clock: that is the new commune's now */
  person_due_list_free(&l);
  assert_int_equal(app_person_due(&l, st, &new_c, &rules, "2026-11-20", 400, NULL), ERR_OK);
  int handover = 0, management = 0;
  for (size_t i = 0; i < l.n; i++)
    if (l.items[i].person_id == u) {
      assert_int_equal(l.items[i].moved_out, 0);
      handover |= strcmp(l.items[i].clock.code, "file_handover") == 0;
      management |= strcmp(l.items[i].clock.code, "user_management") == 0;
    }
  assert_true(handover && management);
  person_due_list_free(&l);
  /* The file handed over: the clock stops, the old commune's list drops him. */
  assert_int_equal(ev(u, PEV_FILE_TRANSFERRED, "2026-11-13", NULL), ERR_OK);
  assert_int_equal(app_person_due(&l, st, &old_c, &rules, "2026-11-20", 400, NULL), ERR_OK);
  for (size_t i = 0; i < l.n; i++)
    assert_int_not_equal(l.items[i].person_id, u);
  person_due_list_free(&l);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(identity_is_validated),
      cmocka_unit_test(national_id_identifies_one_person),
      cmocka_unit_test(events_are_validated_and_transitions_refused),
      cmocka_unit_test(compulsory_rehab_by_age),
      cmocka_unit_test(status_is_derived_from_the_sequence),
      cmocka_unit_test(a_mistaken_event_is_voided_not_deleted),
      cmocka_unit_test(a_move_keeps_one_history_and_changes_who_sees_it),
      cmocka_unit_test(voiding_a_move_restores_the_residence),
      cmocka_unit_test(a_move_before_the_last_move_is_refused),
      cmocka_unit_test(a_move_naming_the_commune_it_leaves),
      cmocka_unit_test(a_commune_officer_sees_only_the_commune),
      cmocka_unit_test(roles_without_personal_records_are_denied),
      cmocka_unit_test(possible_duplicates_are_flagged_and_dismissed),
      cmocka_unit_test(merge_moves_history_and_hides_the_merged_record),
      cmocka_unit_test(merge_collects_other_names),
      cmocka_unit_test(search_ignores_case_and_diacritics),
      cmocka_unit_test(search_results_in_vietnamese_name_order),
      cmocka_unit_test(search_by_status_and_unit),
      cmocka_unit_test(due_lists_clocks_ending_soon_or_overdue),
      cmocka_unit_test(the_old_commune_sees_the_handover_it_owes),
      cmocka_unit_test(user_clock_stops_when_found_an_addict),
      cmocka_unit_test(user_clock_starts_only_for_a_user),
      cmocka_unit_test(due_list_drops_the_user_clock_of_an_addict),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
