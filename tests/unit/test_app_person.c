/* test_app_person.c: the people operations (app_person.h) as the users of a
 * database call them.
 *
 * For each operation: what it does for a caller inside the territory, the
 * audit row it leaves (action, actor = the caller's login, record id); that
 * a commune officer of another commune gets ERR_NOT_FOUND exactly as for a
 * record that does not exist (or, for a list, does not see the person); that
 * a leader and a member agency get ERR_DENIED and leave no row; that a
 * caller narrowed to a unit ("--unit") acts inside it only.
 *
 * Units of today's tree (data/units): Lào Cai 15 with phường Sa Pa 03006 and
 * phường Cam Đường 02671; Hà Nội 01 with phường Cửa Nam 00082. Each test
 * opens its own database. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "domain/legal_rule.h"
#include "store/store.h"
#include "types/scope.h"

/* Monday 2 June 2025: the day the due lists are asked for. */
#define DUE_DAY "2025-06-02"
#define TODAY   "2026-01-15"

struct fx {
  char *dir;
  struct store *st;
  struct legal_rule_set rules;
  struct scope admin;    /* the local administrator, national */
  struct scope sapa;     /* cb.sapa, officer of 03006 */
  struct scope camduong; /* cb.camduong, officer of 02671 */
  struct scope province; /* cb.laocai, officer of 15 */
  struct scope leader;   /* ld.laocai, leader of 15 */
  struct scope agency;   /* yte.laocai, member agency (health) of 15 */
  long in_sapa;          /* a user under management in Sa Pa */
  long in_cd;            /* a user under management in Cam Đường */
};

/* Create a person in commune `code` of today's tree as `sc`; the new id. */
static long add(struct fx *f, const struct scope *sc, const char *name, const char *born,
                const char *nid, const char *code)
{
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "%s", name);
  snprintf(p.birth_date, sizeof p.birth_date, "%s", born);
  snprintf(p.sex, sizeof p.sex, "nam");
  snprintf(p.national_id, sizeof p.national_id, "%s", nid ? nid : "");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "%s", code);
  long id = 0;
  struct err err = {0};
  if (app_person_add(&id, f->st, sc, &p, TODAY, &err))
    fail_msg("add %s: %s", name, err.msg);
  return id;
}

static struct person_event event_of(long person, enum person_event_kind kind, const char *date,
                                    const char *value)
{
  struct person_event e;
  memset(&e, 0, sizeof e);
  e.person_id = person;
  e.kind = kind;
  snprintf(e.date, sizeof e.date, "%s", date);
  snprintf(e.value, sizeof e.value, "%s", value ? value : "");
  return e;
}

/* Record event `kind` as `sc`; fails the test when refused. */
static long record(struct fx *f, const struct scope *sc, long person, enum person_event_kind kind,
                   const char *date, const char *value)
{
  struct person_event e = event_of(person, kind, date, value);
  if (kind == PEV_DETERMINATION)
    snprintf(e.facility, sizeof e.facility, "Bệnh viện Đa khoa tỉnh Lào Cai");
  long id = 0;
  struct err err = {0};
  if (app_person_event(&id, f->st, sc, &e, TODAY, &err))
    fail_msg("event on %ld: %s", person, err.msg);
  return id;
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  struct err err = {0};
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "p.db") || legal_rules_load(&f->rules, f->st, &err))
    return -1;
  tu_add_user(&f->sapa, f->st, &f->admin, "cb.sapa", "officer", "03006");
  tu_add_user(&f->camduong, f->st, &f->admin, "cb.camduong", "officer", "02671");
  tu_add_user(&f->province, f->st, &f->admin, "cb.laocai", "officer", "15");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  tu_add_user(&f->agency, f->st, &f->admin, "yte.laocai", "agency", "15");
  /* two users under a management decision of 10/01/2024: one year, overdue
   * since 10/01/2025 */
  f->in_sapa = add(f, &f->admin, "Nguyễn Văn Dũng", "1990-03-12", "010090001111", "03006");
  f->in_cd = add(f, &f->admin, "Vàng A Lử", "1992-02-02", "010092002222", "02671");
  long both[2] = {f->in_sapa, f->in_cd};
  for (int i = 0; i < 2; i++) {
    record(f, &f->admin, both[i], PEV_CLASSIFIED, "2024-01-05", "user");
    record(f, &f->admin, both[i], PEV_MANAGEMENT_OPENED, "2024-01-10", NULL);
  }
  return 0;
}

static int teardown(void **state)
{
  struct fx *f = *state;
  legal_rule_set_free(&f->rules);
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* Rows of both chains: a refused action writes in neither. */
static long audit_rows(struct fx *f)
{
  return tu_count(f->st, "SELECT count(*) FROM audit_log") +
         tu_count_reads(f->st, "SELECT count(*) FROM audit_log");
}

/* The newest audit row is `action` by `actor` on record `id`: in the
 * reads' chain for the actions that read (person.read*, searches), else
 * in the changes'. */
static void audited(struct fx *f, const char *action, const char *actor, long id)
{
  char a[64], who[64];
  long rid;
  int read = strncmp(action, "person.read", 11) == 0 || !strcmp(action, "person.search") ||
             !strcmp(action, "person.due") || !strcmp(action, "person.duplicates");
  if (read)
    tu_last_read_audit(a, who, &rid, f->st);
  else
    tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, action);
  assert_string_equal(who, actor);
  assert_int_equal(rid, id);
}

/* rc_far / msg_far (a record outside the caller's territory, id `far`) are
 * what a record that does not exist (id `missing`) gives: the same code and
 * the same message but for the number, so the caller cannot tell them apart. */
static void same_as_missing(int rc_far, const char *msg_far, long far, int rc_missing,
                            const char *msg_missing, long missing)
{
  assert_int_equal(rc_far, ERR_NOT_FOUND);
  assert_int_equal(rc_missing, ERR_NOT_FOUND);
  char n_far[24], n_missing[24], swapped[ERR_MSG_MAX + 24];
  snprintf(n_far, sizeof n_far, "%ld", far);
  snprintf(n_missing, sizeof n_missing, "%ld", missing);
  const char *at = strstr(msg_far, n_far);
  assert_non_null(at);
  snprintf(swapped, sizeof swapped, "%.*s%s%s", (int)(at - msg_far), msg_far, n_missing,
           at + strlen(n_far));
  assert_string_equal(swapped, msg_missing);
}

/* ---------------------------------------------------------------------------
 * add, event
 * ------------------------------------------------------------------------- */

static void add_creates_inside_the_territory(void **state)
{
  struct fx *f = *state;
  long id = add(f, &f->sapa, "Lò Thị Mai", "1985-01-01", NULL, "03006");
  assert_true(id > 0);
  audited(f, "person.create", "cb.sapa", id);
  /* the record was stored as given, normalised */
  struct person_record r;
  struct err err = {0};
  assert_int_equal(app_person_show(&r, f->st, &f->sapa, id, &f->rules, &err), ERR_OK);
  assert_string_equal(r.person.sex, "male");
  assert_string_equal(r.person.unit_name, "phường Sa Pa");
  person_record_free(&r);
  /* another commune's residence is outside the officer's territory */
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "Lò Văn Pao");
  snprintf(p.birth_date, sizeof p.birth_date, "1985-01-01");
  snprintf(p.sex, sizeof p.sex, "nam");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "03006");
  long rows = audit_rows(f), nid = -1;
  assert_int_equal(app_person_add(&nid, f->st, &f->camduong, &p, TODAY, &err), ERR_DENIED);
  assert_int_equal(nid, 0);
  /* leaders and member agencies do not keep personal records */
  assert_int_equal(app_person_add(&nid, f->st, &f->leader, &p, TODAY, &err), ERR_DENIED);
  assert_int_equal(app_person_add(&nid, f->st, &f->agency, &p, TODAY, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM person WHERE full_name = 'Lò Văn Pao'"),
                   0);
}

static void event_is_recorded_inside_the_territory(void **state)
{
  struct fx *f = *state;
  long ev = record(f, &f->sapa, f->in_sapa, PEV_DETERMINATION, "2025-05-30", "addict");
  assert_true(ev > 0);
  audited(f, "person.event", "cb.sapa", f->in_sapa);
  /* Cam Đường's person: not found, as a record that does not exist */
  long rows = audit_rows(f), id = -1;
  struct person_event far = event_of(f->in_cd, PEV_CLASSIFIED, "2025-05-30", "addict");
  struct person_event none = event_of(999999, PEV_CLASSIFIED, "2025-05-30", "addict");
  struct err e_far = {0}, e_none = {0};
  int rc_far = app_person_event(&id, f->st, &f->sapa, &far, TODAY, &e_far);
  assert_int_equal(id, 0);
  int rc_none = app_person_event(&id, f->st, &f->sapa, &none, TODAY, &e_none);
  same_as_missing(rc_far, e_far.msg, f->in_cd, rc_none, e_none.msg, 999999);
  assert_null(strstr(e_far.msg, "Vàng"));
  /* narrowed to Sa Pa, the province officer does not reach Cam Đường either */
  struct scope narrowed;
  struct err err = {0};
  assert_int_equal(app_caller_narrow(&narrowed, f->st, &f->province, NULL, "03006", &err), ERR_OK);
  assert_int_equal(app_person_event(&id, f->st, &narrowed, &far, TODAY, &err), ERR_NOT_FOUND);
  assert_int_equal(app_person_event(&id, f->st, &f->leader, &far, TODAY, &err), ERR_DENIED);
  assert_int_equal(app_person_event(&id, f->st, &f->agency, &far, TODAY, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person_event WHERE person_id = %ld", f->in_cd);
  assert_int_equal(tu_count(f->st, sql), 2);
  /* the province officer, not narrowed, records it */
  assert_int_equal(app_person_event(&id, f->st, &f->province, &far, TODAY, &err), ERR_OK);
  assert_true(id > 0);
  audited(f, "person.event", "cb.laocai", f->in_cd);
}

/* ---------------------------------------------------------------------------
 * show
 * ------------------------------------------------------------------------- */

static void show_reads_inside_the_territory(void **state)
{
  struct fx *f = *state;
  struct person_record r;
  struct err err = {0};
  assert_int_equal(app_person_show(&r, f->st, &f->sapa, f->in_sapa, &f->rules, &err), ERR_OK);
  audited(f, "person.read", "cb.sapa", f->in_sapa);
  assert_string_equal(r.person.full_name, "Nguyễn Văn Dũng");
  assert_int_equal(r.events.n, 2);
  assert_string_equal(person_status_code(&r.status), "managed");
  /* the year of management from 10/01/2024 */
  assert_int_equal(r.clocks.n, 1);
  assert_string_equal(r.clocks.items[0].code, "user_management");
  assert_string_equal(r.clocks.items[0].end, "2025-01-10");
  person_record_free(&r);
  /* Cam Đường's person is "not found", as a missing one; the look-up is audited */
  struct err e_far = {0}, e_none = {0};
  int rc_far = app_person_show(&r, f->st, &f->sapa, f->in_cd, &f->rules, &e_far);
  assert_int_equal(r.events.n, 0);
  assert_string_equal(r.person.full_name, "");
  audited(f, "person.read_refused", "cb.sapa", f->in_cd);
  int rc_none = app_person_show(&r, f->st, &f->sapa, 999999, &f->rules, &e_none);
  same_as_missing(rc_far, e_far.msg, f->in_cd, rc_none, e_none.msg, 999999);
  /* narrowed: the national administrator under --unit 03006 */
  struct scope narrowed;
  assert_int_equal(app_caller_narrow(&narrowed, f->st, &f->admin, NULL, "03006", &err), ERR_OK);
  assert_int_equal(app_person_show(&r, f->st, &narrowed, f->in_cd, &f->rules, &err), ERR_NOT_FOUND);
  audited(f, "person.read_refused", "admin", f->in_cd);
  assert_int_equal(app_person_show(&r, f->st, &narrowed, f->in_sapa, &f->rules, &err), ERR_OK);
  person_record_free(&r);
  /* roles without personal records */
  long rows = audit_rows(f);
  assert_int_equal(app_person_show(&r, f->st, &f->leader, f->in_sapa, &f->rules, &err), ERR_DENIED);
  assert_int_equal(app_person_show(&r, f->st, &f->agency, f->in_sapa, &f->rules, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
}

/* ---------------------------------------------------------------------------
 * search, due, duplicates
 * ------------------------------------------------------------------------- */

static void search_lists_the_territory_only(void **state)
{
  struct fx *f = *state;
  struct person_hit_list l;
  struct err err = {0};
  assert_int_equal(app_person_search(&l, f->st, &f->sapa, "nguyen van", NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].person.id, f->in_sapa);
  assert_string_equal(l.items[0].person.unit_name, "phường Sa Pa");
  person_hit_list_free(&l);
  audited(f, "person.search", "cb.sapa", 0);
  /* Cam Đường's person: not by name, not by national ID, not by status */
  assert_int_equal(app_person_search(&l, f->st, &f->sapa, "vang a lu", NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, f->st, &f->sapa, "010092002222", NULL, 0, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  person_hit_list_free(&l);
  /* the status by its label: both are users, under management */
  assert_int_equal(app_person_search(&l, f->st, &f->province, NULL, "sử dụng", 0, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, f->st, &f->sapa, NULL, "sử dụng", 0, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  person_hit_list_free(&l);
  assert_int_equal(app_person_search(&l, f->st, &f->province, NULL, "nghiện", 0, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  person_hit_list_free(&l);
  long rows = audit_rows(f);
  assert_int_equal(app_person_search(&l, f->st, &f->leader, "nguyen", NULL, 0, &err), ERR_DENIED);
  assert_int_equal(app_person_search(&l, f->st, &f->agency, "nguyen", NULL, 0, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
}

static void due_lists_the_territory_with_commune_names(void **state)
{
  struct fx *f = *state;
  /* Friday 30/05/2025 + 5 working days = Friday 06/06/2025: 4 days after DUE_DAY */
  long addict = add(f, &f->admin, "Lò Thị Mai", "1985-01-01", NULL, "03006");
  record(f, &f->admin, addict, PEV_DETERMINATION, "2025-05-30", "addict");
  struct person_due_list l;
  struct err err = {0};
  assert_int_equal(app_person_due(&l, f->st, &f->sapa, &f->rules, DUE_DAY, 30, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  /* by end date: the management (10/01/2025, 143 days before 02/06) first */
  assert_int_equal(l.items[0].person_id, f->in_sapa);
  assert_string_equal(l.items[0].clock.code, "user_management");
  assert_int_equal(l.items[0].days_left, -143);
  assert_string_equal(l.items[0].unit_name, "phường Sa Pa");
  assert_int_equal(l.items[1].person_id, addict);
  assert_string_equal(l.items[1].clock.end, "2025-06-06");
  assert_int_equal(l.items[1].days_left, 4);
  person_due_list_free(&l);
  audited(f, "person.due", "cb.sapa", 0);
  /* Cam Đường's officer sees its own overdue management only */
  assert_int_equal(app_person_due(&l, f->st, &f->camduong, &f->rules, DUE_DAY, 30, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].person_id, f->in_cd);
  assert_string_equal(l.items[0].unit_name, "phường Cam Đường");
  person_due_list_free(&l);
  assert_int_equal(app_person_due(&l, f->st, &f->sapa, &f->rules, DUE_DAY, -1, &err), ERR_INPUT);
  long rows = audit_rows(f);
  assert_int_equal(app_person_due(&l, f->st, &f->leader, &f->rules, DUE_DAY, 30, &err), ERR_DENIED);
  assert_int_equal(app_person_due(&l, f->st, &f->agency, &f->rules, DUE_DAY, 30, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
}

/* Two records of one man (same name and birth date), one in each commune,
 * flagged as a pair when the second is created; *a the first, *b the second. */
static void flagged_pair(struct fx *f, long *a, long *b)
{
  *a = add(f, &f->admin, "Hầu A Sình", "1993-03-03", NULL, "03006");
  *b = add(f, &f->admin, "Hầu A Sình", "1993-03-03", NULL, "02671");
}

static void duplicates_need_both_in_the_territory(void **state)
{
  struct fx *f = *state;
  long a, b;
  flagged_pair(f, &a, &b);
  struct person_dup_list l;
  struct err err = {0};
  assert_int_equal(app_person_duplicates(&l, f->st, &f->province, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.items[0].a.id, a);
  assert_int_equal(l.items[0].b.id, b);
  assert_string_equal(l.items[0].a.unit_name, "phường Sa Pa");
  assert_string_equal(l.items[0].b.unit_name, "phường Cam Đường");
  person_dup_list_free(&l);
  audited(f, "person.duplicates", "cb.laocai", 0);
  /* each commune holds one of the two: neither sees the pair */
  assert_int_equal(app_person_duplicates(&l, f->st, &f->sapa, &err), ERR_OK);
  assert_int_equal(l.n, 0);
  person_dup_list_free(&l);
  long rows = audit_rows(f);
  assert_int_equal(app_person_duplicates(&l, f->st, &f->leader, &err), ERR_DENIED);
  assert_int_equal(app_person_duplicates(&l, f->st, &f->agency, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
}

/* ---------------------------------------------------------------------------
 * merge, dismiss
 * ------------------------------------------------------------------------- */

static void merge_needs_both_records_visible(void **state)
{
  struct fx *f = *state;
  long a, b;
  flagged_pair(f, &a, &b);
  struct err e_far = {0}, e_none = {0}, err = {0};
  long rows = audit_rows(f);
  /* Sa Pa's officer: b (Cam Đường) is not found, as a record that does not exist */
  int rc_far = app_person_merge(f->st, &f->sapa, a, b, TODAY, &e_far);
  int rc_none = app_person_merge(f->st, &f->sapa, a, 999999, TODAY, &e_none);
  same_as_missing(rc_far, e_far.msg, b, rc_none, e_none.msg, 999999);
  /* narrowed to Sa Pa: the same */
  struct scope narrowed;
  assert_int_equal(app_caller_narrow(&narrowed, f->st, &f->province, NULL, "03006", &err), ERR_OK);
  assert_int_equal(app_person_merge(f->st, &narrowed, a, b, TODAY, &err), ERR_NOT_FOUND);
  assert_int_equal(app_person_merge(f->st, &f->leader, a, b, TODAY, &err), ERR_DENIED);
  assert_int_equal(app_person_merge(f->st, &f->agency, a, b, TODAY, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE id = %ld AND merged_into IS NULL",
           b);
  assert_int_equal(tu_count(f->st, sql), 1);
  /* the province officer merges: one row on each record, b's last */
  assert_int_equal(app_person_merge(f->st, &f->province, a, b, TODAY, &err), ERR_OK);
  assert_int_equal(audit_rows(f), rows + 2);
  audited(f, "person.merge", "cb.laocai", b);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person WHERE id = %ld AND merged_into = %ld", b,
           a);
  assert_int_equal(tu_count(f->st, sql), 1);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM person_duplicate WHERE status = 'merged'"),
                   1);
}

static void dismiss_needs_the_pair_visible(void **state)
{
  struct fx *f = *state;
  long a, b;
  flagged_pair(f, &a, &b);
  struct err err = {0};
  long rows = audit_rows(f);
  assert_int_equal(app_person_dismiss(f->st, &f->sapa, a, b, &err), ERR_NOT_FOUND);
  struct scope narrowed;
  assert_int_equal(app_caller_narrow(&narrowed, f->st, &f->admin, NULL, "03006", &err), ERR_OK);
  assert_int_equal(app_person_dismiss(f->st, &narrowed, a, b, &err), ERR_NOT_FOUND);
  assert_int_equal(app_person_dismiss(f->st, &f->leader, a, b, &err), ERR_DENIED);
  assert_int_equal(app_person_dismiss(f->st, &f->agency, a, b, &err), ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
  assert_int_equal(tu_count(f->st, "SELECT count(*) FROM person_duplicate WHERE status = 'open'"),
                   1);
  assert_int_equal(app_person_dismiss(f->st, &f->province, a, b, &err), ERR_OK);
  audited(f, "person.dismiss", "cb.laocai", a);
  assert_int_equal(
      tu_count(f->st, "SELECT count(*) FROM person_duplicate WHERE status = 'dismissed'"), 1);
  /* not flagged any more */
  assert_int_equal(app_person_dismiss(f->st, &f->province, a, b, &err), ERR_NOT_FOUND);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(add_creates_inside_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(event_is_recorded_inside_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(show_reads_inside_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(search_lists_the_territory_only, setup, teardown),
      cmocka_unit_test_setup_teardown(due_lists_the_territory_with_commune_names, setup, teardown),
      cmocka_unit_test_setup_teardown(duplicates_need_both_in_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(merge_needs_both_records_visible, setup, teardown),
      cmocka_unit_test_setup_teardown(dismiss_needs_the_pair_visible, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
