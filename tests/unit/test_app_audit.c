/* test_app_audit.c: who may verify and read the audit trail, the kept head, the rows read.
 *
 * The fixture is a database made by app_db_init: its trail starts with one
 * row, the local administrator's creation (user.create by "admin"). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_audit.h"
#include "app/app_user.h"
#include "store/db.h"
#include "store/store.h"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  return tu_open_app_db(&f->st, &f->admin, f->dir, "a.db");
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

#define HEX64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HEX63 "123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* "ID:HASH": a natural id, a colon, 64 hex digits of either case. */
static void a_head_is_id_colon_64_hex_digits(void **state)
{
  (void)state;
  struct app_audit_head h;
  struct err err = {0};
  assert_int_equal(app_audit_head_parse(&h, "12:" HEX64, &err), ERR_OK);
  assert_int_equal(h.id, 12);
  assert_string_equal(h.hash, HEX64);
  assert_int_equal(
      app_audit_head_parse(&h, "7:ABCDEF6789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                           &err),
      ERR_OK);
  assert_int_equal(h.id, 7);
  assert_memory_equal(h.hash, "abcdef", 6);
  assert_int_equal(app_audit_head_parse(&h, "12:" HEX64 "0", &err), ERR_INPUT); /* 65 digits */
  assert_int_equal(app_audit_head_parse(&h, "12:" HEX63, &err), ERR_INPUT);
  assert_int_equal(app_audit_head_parse(&h, "0:" HEX64, &err), ERR_INPUT);
  assert_int_equal(app_audit_head_parse(&h, "-3:" HEX64, &err), ERR_INPUT);
  assert_int_equal(app_audit_head_parse(&h, HEX64, &err), ERR_INPUT);
  assert_int_equal(app_audit_head_parse(&h,
                                        "5:"
                                        "g123456789abcdef0123456789abcdef"
                                        "0123456789abcdef0123456789abcdef",
                                        &err),
                   ERR_INPUT);
  assert_non_null(strstr(err.msg, "SỐ_DÒNG:MÃ_BĂM"));
  assert_int_equal(app_audit_head_parse(&h, NULL, &err), ERR_INPUT);
}

/* Any administrator verifies; the head is the last row; a kept head is checked. */
static void administrators_verify_the_chain(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin, officer, leader;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15"); /* row 2 */
  tu_add_user(&officer, f->st, &f->admin, "cb.laocai", "officer", "15");  /* row 3 */
  tu_add_user(&leader, f->st, &f->admin, "ld.laocai", "leader", "15");    /* row 4 */
  struct audit_verify_result r;
  struct err err = {0};
  assert_int_equal(app_audit_verify(&r, f->st, &f->admin, NULL, &err), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.rows, 4);
  assert_int_equal(r.head_id, 4);
  assert_int_equal(strlen(r.head), 64);
  struct app_audit_head kept = {r.head_id, ""};
  memcpy(kept.hash, r.head, sizeof kept.hash);
  /* the province administrator verifies too, with the head kept */
  assert_int_equal(app_audit_verify(&r, f->st, &prov_admin, &kept, &err), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  /* an officer and a leader do not */
  assert_int_equal(app_audit_verify(&r, f->st, &officer, NULL, &err), ERR_DENIED);
  assert_int_equal(app_audit_verify(&r, f->st, &leader, NULL, &err), ERR_DENIED);
  /* a head whose hash is not row 4's: rewritten; a head past the end: rows deleted */
  struct app_audit_head other = {4, HEX64};
  assert_int_equal(app_audit_verify(&r, f->st, &f->admin, &other, &err), ERR_OK);
  assert_int_equal(r.first_bad, 4);
  struct app_audit_head later = {9, ""};
  memcpy(later.hash, kept.hash, sizeof later.hash);
  assert_int_equal(app_audit_verify(&r, f->st, &f->admin, &later, &err), ERR_OK);
  assert_int_equal(r.first_bad, 5);
  assert_non_null(strstr(r.reason, "đã bị xóa"));
}

/* Only a national administrator reads the rows: newest N, or one person's, oldest first. */
static void national_administrators_read_the_rows(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin, officer;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15"); /* row 2 */
  tu_add_user(&officer, f->st, &f->admin, "cb.laocai", "officer", "15");  /* row 3 */
  /* person.create by the officer: row 4 (03006 is a commune of old Lào Cai) */
  long pid = tu_create_person(f->st, &officer, "2026-01-05", "Nguyễn Văn Một", "1990-01-01", "nam",
                              "Kinh", "02671");
  struct audit_list l;
  struct err err = {0};
  struct app_audit_query all = {0, 0};
  assert_int_equal(app_audit_log(&l, f->st, &prov_admin, &all, &err), ERR_DENIED);
  assert_null(l.items);
  assert_int_equal(app_audit_log(&l, f->st, &officer, &all, &err), ERR_DENIED);
  assert_int_equal(app_audit_log(&l, f->st, &f->admin, &all, &err), ERR_OK);
  assert_int_equal(l.n, 4);
  assert_int_equal(l.items[0].id, 1);
  assert_string_equal(l.items[0].action, "user.create");
  assert_string_equal(l.items[0].actor, "admin");
  assert_string_equal(l.items[3].action, "person.create");
  assert_string_equal(l.items[3].actor, "cb.laocai");
  audit_list_free(&l);
  /* the newest two, oldest first */
  struct app_audit_query two = {0, 2};
  assert_int_equal(app_audit_log(&l, f->st, &f->admin, &two, &err), ERR_OK);
  assert_int_equal(l.n, 2);
  assert_int_equal(l.items[0].id, 3);
  assert_int_equal(l.items[1].id, 4);
  audit_list_free(&l);
  /* the rows about the person */
  struct app_audit_query one = {pid, 0};
  assert_int_equal(app_audit_log(&l, f->st, &f->admin, &one, &err), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].record_type, "person");
  assert_int_equal(l.items[0].record_id, pid);
  audit_list_free(&l);
}

/* The ids of l, newest first as app_audit_find gives them, as "4 3 2". */
static const char *ids(const struct audit_list *l)
{
  static char buf[128];
  buf[0] = '\0';
  for (size_t i = 0; i < l->n; i++)
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%ld", i ? " " : "", l->items[i].id);
  return buf;
}

/* The audit page's filters: user, action (code or label), person, Vietnam
 * days, pages of newest rows; the rows for national administrators only. */
static void the_page_filters_and_pages_the_rows(void **state)
{
  struct fx *f = *state;
  struct scope prov_admin, officer;
  tu_add_user(&prov_admin, f->st, &f->admin, "qt.laocai", "admin", "15"); /* row 2 */
  tu_add_user(&officer, f->st, &f->admin, "cb.laocai", "officer", "15");  /* row 3 */
  long pid = tu_create_person(f->st, &officer, "2026-01-05", "Nguyễn Văn Một", "1990-01-01", "nam",
                              "Kinh", "02671"); /* row 4 */
  struct audit_list l;
  int more;
  struct err err = {0};
  struct app_audit_filter q = {0};
  q.actor = "admin";
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "3 2 1");
  assert_int_equal(more, 0);
  audit_list_free(&l);
  memset(&q, 0, sizeof q);
  q.action = "Thêm người dùng"; /* the label names user.create */
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "3 2 1");
  audit_list_free(&l);
  q.action = "không có";
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_INPUT);
  memset(&q, 0, sizeof q);
  q.person_id = pid;
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "4");
  audit_list_free(&l);
  /* pages of two: 4 3, then 2 1 */
  memset(&q, 0, sizeof q);
  q.limit = 2;
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "4 3");
  assert_int_equal(more, 1);
  audit_list_free(&l);
  q.offset = 2;
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "2 1");
  assert_int_equal(more, 0);
  audit_list_free(&l);
  /* Vietnam days: 16:59:59 UTC on 1 March is still 1 March there (23:59:59),
   * 17:00:00 UTC is already 2 March */
  assert_int_equal(
      db_exec(f->st, "UPDATE audit_log SET at = '2026-03-01T16:59:59Z' WHERE id = 1", &err),
      ERR_OK);
  assert_int_equal(
      db_exec(f->st, "UPDATE audit_log SET at = '2026-03-01T17:00:00Z' WHERE id = 2", &err),
      ERR_OK);
  memset(&q, 0, sizeof q);
  q.from = (struct date){2026, 3, 2};
  q.to = (struct date){2026, 3, 2};
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "2");
  audit_list_free(&l);
  q.from = (struct date){2026, 3, 1};
  q.to = (struct date){2026, 3, 1};
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_OK);
  assert_string_equal(ids(&l), "1");
  audit_list_free(&l);
  q.from = (struct date){2026, 3, 3};
  assert_int_equal(app_audit_find(&l, &more, f->st, &f->admin, &q, &err), ERR_INPUT);
  /* a province administrator: the verdict (now broken: rows 1 and 2 were
   * edited), not the rows */
  assert_int_equal(
      app_audit_find(&l, &more, f->st, &prov_admin, &(struct app_audit_filter){0}, &err),
      ERR_DENIED);
  struct app_audit_review r;
  assert_int_equal(app_audit_review(&r, f->st, &prov_admin, &(struct app_audit_filter){0}, &err),
                   ERR_OK);
  assert_int_equal(r.rows_denied, 1);
  assert_int_equal(r.rows.n, 0);
  assert_int_equal(r.verify.first_bad, 1);
  assert_non_null(strstr(r.rows_why, "toàn quốc"));
  assert_int_equal(app_audit_review(&r, f->st, &officer, &(struct app_audit_filter){0}, &err),
                   ERR_DENIED);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_head_is_id_colon_64_hex_digits),
      cmocka_unit_test_setup_teardown(administrators_verify_the_chain, setup, teardown),
      cmocka_unit_test_setup_teardown(national_administrators_read_the_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(the_page_filters_and_pages_the_rows, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
