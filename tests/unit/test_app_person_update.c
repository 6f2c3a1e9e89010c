/* test_app_person_update.c: correcting a person's identity
 * (app_person_update_form, domain/person_edit.h).
 *
 * What an edit must do, worked out from the brief: each wrong field gets its
 * own message and nothing is written; an edit made from a record that has
 * changed since is refused; a record outside the caller's territory answers
 * as one that does not exist; the audit row names the fields changed and
 * none of their values; the row's keyed digest is refreshed, so `audit
 * verify` finds the database clean after an edit.
 *
 * Units of today's tree (data/units): Lào Cai 15 with phường Sa Pa 03006
 * and phường Cam Đường 02671. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "domain/audit.h"
#include "store/store.h"
#include "types/scope.h"

#define TODAY "2026-01-15"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;    /* the local administrator, national */
  struct scope sapa;     /* cb.sapa, officer of 03006 */
  struct scope camduong; /* cb.camduong, officer of 02671 */
  struct scope leader;   /* ld.laocai, leader of 15 */
  long dung;             /* Nguyễn Văn Dũng of Sa Pa, classified on 05/01/2024 */
  long lu;               /* Vàng A Lử of Sa Pa, national ID 015092002222 */
};

static long add(struct fx *f, const char *name, const char *born, const char *nid)
{
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "%s", name);
  snprintf(p.birth_date, sizeof p.birth_date, "%s", born);
  snprintf(p.sex, sizeof p.sex, "nam");
  snprintf(p.national_id, sizeof p.national_id, "%s", nid ? nid : "");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "03006");
  long id = 0;
  struct err err = {0};
  if (app_person_add(&id, f->st, &f->admin, &p, TODAY, &err))
    fail_msg("add %s: %s", name, err.msg);
  return id;
}

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "u.db"))
    return -1;
  tu_add_user(&f->sapa, f->st, &f->admin, "cb.sapa", "officer", "03006");
  tu_add_user(&f->camduong, f->st, &f->admin, "cb.camduong", "officer", "02671");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
  f->dung = add(f, "Nguyễn Văn Dũng", "1990-03-12", NULL);
  f->lu = add(f, "Vàng A Lử", "1992-02-02", "015092002222");
  struct person_event e;
  memset(&e, 0, sizeof e);
  e.person_id = f->dung;
  e.kind = PEV_CLASSIFIED;
  snprintf(e.date, sizeof e.date, "2024-01-05");
  snprintf(e.value, sizeof e.value, "user");
  long ev;
  struct err err = {0};
  if (app_person_event(&ev, f->st, &f->admin, &e, TODAY, &err))
    fail_msg("event: %s", err.msg);
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

/* Person id's record as `sc` reads it (its identity and version). */
static struct person_record shown(struct fx *f, const struct scope *sc, long id)
{
  struct person_record r;
  struct err err = {0};
  if (app_person_show(&r, f->st, sc, id, NULL, &err))
    fail_msg("show %ld: %s", id, err.msg);
  return r;
}

/* Rows of both chains (the reads' in FILE.reads). */
static long audit_rows(struct fx *f)
{
  return tu_count(f->st, "SELECT count(*) FROM audit_log") +
         tu_count_reads(f->st, "SELECT count(*) FROM audit_log");
}

/* The newest audit row's detail into out (256 bytes). */
static void last_detail(struct fx *f, char *out)
{
  struct audit_list l;
  struct err err = {0};
  /* the newest row of the changes' chain: a read in the same second is
     merged after it, the order within a second being unknown */
  assert_int_equal(audit_log(&l, f->st, &f->admin, NULL, 0, 10, &err), ERR_OK);
  size_t i = l.n;
  while (i > 0 && l.items[i - 1].chain != AUDIT_CHAIN_CHANGES)
    i--;
  assert_true(i > 0);
  snprintf(out, 256, "%s", l.items[i - 1].detail);
  audit_list_free(&l);
}

static void edit_changes_the_fields_and_audits_their_names(void **state)
{
  struct fx *f = *state;
  struct person_record r = shown(f, &f->sapa, f->dung);
  assert_int_equal((int)strlen(r.version), 64);
  struct person p = r.person;
  snprintf(p.full_name, sizeof p.full_name, "Nguyễn Văn Dũng Em");
  snprintf(p.birth_date, sizeof p.birth_date, "12/03/1989"); /* the form's spelling */
  snprintf(p.occupation, sizeof p.occupation, "Thợ xây");
  struct app_person_errors errs;
  struct err err = {0};
  int changed = -1;
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p, APP_PIN_ALL,
                                          r.version, TODAY, &err),
                   ERR_OK);
  assert_int_equal(changed, 3);
  assert_int_equal(errs.n, 0);
  /* the audit row names the three fields, and holds none of their values */
  char a[64], who[64], detail[256];
  long rid;
  tu_last_audit(a, who, &rid, f->st);
  assert_string_equal(a, "person.update");
  assert_string_equal(who, "cb.sapa");
  assert_int_equal(rid, f->dung);
  last_detail(f, detail);
  assert_non_null(strstr(detail, "full_name"));
  assert_non_null(strstr(detail, "birth_date"));
  assert_non_null(strstr(detail, "occupation"));
  assert_null(strstr(detail, "sex"));
  assert_null(strstr(detail, "Em"));
  assert_null(strstr(detail, "1989"));
  assert_null(strstr(detail, "Thợ"));
  /* stored as typed, the date normalised, the residence unchanged */
  struct person_record after = shown(f, &f->sapa, f->dung);
  assert_string_equal(after.person.full_name, "Nguyễn Văn Dũng Em");
  assert_string_equal(after.person.birth_date, "1989-03-12");
  assert_string_equal(after.person.unit_code, r.person.unit_code);
  assert_string_not_equal(after.version, r.version);
  /* the search keys follow the new name: found without diacritics */
  struct person_hit_list hits;
  assert_int_equal(app_person_search(&hits, f->st, &f->sapa, "dung em", NULL, 10, &err), ERR_OK);
  assert_int_equal(hits.n, 1);
  assert_int_equal(hits.items[0].person.id, f->dung);
  person_hit_list_free(&hits);
  /* the keyed digest was refreshed: verify finds nothing edited behind its back */
  struct audit_verify_result v;
  assert_int_equal(audit_verify(&v, f->st, &f->admin, &err), ERR_OK);
  assert_int_equal(v.people.changed, 0);
  assert_true(v.people.set_ok);
  assert_false(audit_verify_broken(&v));
  /* the same values again change nothing and write nothing */
  long rows = audit_rows(f);
  p = after.person;
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p, APP_PIN_ALL,
                                          after.version, TODAY, &err),
                   ERR_OK);
  assert_int_equal(changed, 0);
  assert_int_equal(audit_rows(f), rows);
  /* only the address given: the blank name is not taken, the stored one stays */
  memset(&p, 0, sizeof p);
  p.id = f->dung;
  snprintf(p.address, sizeof p.address, "Tổ 7");
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p,
                                          APP_PIN_BIT(APP_PIN_ADDRESS), after.version, TODAY, &err),
                   ERR_OK);
  assert_int_equal(changed, 1);
  person_record_free(&after);
  after = shown(f, &f->sapa, f->dung);
  assert_string_equal(after.person.full_name, "Nguyễn Văn Dũng Em");
  assert_string_equal(after.person.address, "Tổ 7");
  person_record_free(&after);
  person_record_free(&r);
}

static void each_wrong_field_gets_its_message(void **state)
{
  struct fx *f = *state;
  struct person_record r = shown(f, &f->sapa, f->dung);
  struct person p = r.person;
  p.full_name[0] = '\0';
  snprintf(p.birth_date, sizeof p.birth_date, "31/02/1990"); /* no 31 February */
  snprintf(p.sex, sizeof p.sex, "x");
  snprintf(p.national_id, sizeof p.national_id, "0150920");
  p.unit_code[0] = '\0'; /* the residence is not the form's: not an error */
  struct app_person_errors errs;
  struct err err = {0};
  int changed = -1;
  long rows = audit_rows(f);
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p, APP_PIN_ALL,
                                          r.version, TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(changed, 0);
  assert_int_equal(errs.n, 4);
  assert_true(errs.msg[APP_PIN_NAME][0]);
  assert_non_null(strstr(errs.msg[APP_PIN_BIRTH_DATE], "ngày sinh"));
  assert_true(errs.msg[APP_PIN_SEX][0]);
  assert_non_null(strstr(errs.msg[APP_PIN_NATIONAL_ID], "12 chữ số"));
  assert_false(errs.msg[APP_PIN_UNIT][0]);
  assert_false(errs.msg[APP_PIN_ADDRESS][0]);
  assert_int_equal(audit_rows(f), rows);
  struct person_record after = shown(f, &f->sapa, f->dung);
  assert_string_equal(after.version, r.version); /* nothing written */
  person_record_free(&after);
  /* a birth date after the history's first event: the birth date's error */
  p = r.person;
  snprintf(p.birth_date, sizeof p.birth_date, "2024-06-01");
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p, APP_PIN_ALL,
                                          r.version, TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(errs.n, 1);
  assert_true(errs.msg[APP_PIN_BIRTH_DATE][0]);
  /* another record's national ID: the national ID's error */
  p = r.person;
  snprintf(p.national_id, sizeof p.national_id, "015092002222");
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &p, APP_PIN_ALL,
                                          r.version, TODAY, &err),
                   ERR_INPUT);
  assert_int_equal(errs.n, 1);
  assert_non_null(strstr(errs.msg[APP_PIN_NATIONAL_ID], "015092002222"));
  assert_int_equal(audit_rows(f), rows + 1); /* the read of `after` alone */
  person_record_free(&r);
}

static void a_stale_edit_is_refused(void **state)
{
  struct fx *f = *state;
  struct person_record r = shown(f, &f->sapa, f->lu);
  struct person first = r.person, second = r.person;
  snprintf(first.address, sizeof first.address, "Tổ 3");
  snprintf(second.address, sizeof second.address, "Tổ 9");
  struct app_person_errors errs;
  struct err err = {0};
  int changed;
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &first,
                                          APP_PIN_ALL, r.version, TODAY, &err),
                   ERR_OK);
  /* the second form was made from the same version: it would overwrite the first */
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &second,
                                          APP_PIN_ALL, r.version, TODAY, &err),
                   ERR_CONFLICT);
  assert_int_equal(changed, 0);
  assert_non_null(strstr(err.msg, "đã được sửa"));
  /* no version at all is no better */
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->sapa, &second,
                                          APP_PIN_ALL, NULL, TODAY, &err),
                   ERR_CONFLICT);
  struct person_record after = shown(f, &f->sapa, f->lu);
  assert_string_equal(after.person.address, "Tổ 3");
  person_record_free(&after);
  person_record_free(&r);
}

static void outside_the_territory_is_not_found(void **state)
{
  struct fx *f = *state;
  struct person_record r = shown(f, &f->sapa, f->dung);
  struct person far = r.person, missing = r.person;
  snprintf(far.address, sizeof far.address, "Tổ 5");
  missing.id = 999999;
  struct app_person_errors errs;
  struct err e_far = {0}, e_missing = {0};
  int changed;
  long rows = audit_rows(f);
  int rc_far = app_person_update_form(&changed, NULL, &errs, f->st, &f->camduong, &far, APP_PIN_ALL,
                                      r.version, TODAY, &e_far);
  int rc_missing = app_person_update_form(&changed, NULL, &errs, f->st, &f->camduong, &missing,
                                          APP_PIN_ALL, r.version, TODAY, &e_missing);
  assert_int_equal(rc_far, ERR_NOT_FOUND);
  assert_int_equal(rc_missing, ERR_NOT_FOUND);
  /* the same message but for the number */
  char *at = strstr(e_far.msg, "số ");
  assert_non_null(at);
  assert_int_equal(strncmp(e_far.msg, e_missing.msg, (size_t)(at - e_far.msg)), 0);
  /* a leader keeps no personal record */
  struct err err = {0};
  assert_int_equal(app_person_update_form(&changed, NULL, &errs, f->st, &f->leader, &far,
                                          APP_PIN_ALL, r.version, TODAY, &err),
                   ERR_DENIED);
  assert_int_equal(audit_rows(f), rows);
  struct person_record after = shown(f, &f->sapa, f->dung);
  assert_string_equal(after.person.address, "");
  person_record_free(&after);
  person_record_free(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(edit_changes_the_fields_and_audits_their_names, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(each_wrong_field_gets_its_message, setup, teardown),
      cmocka_unit_test_setup_teardown(a_stale_edit_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(outside_the_territory_is_not_found, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
