/* test_app_register.c: the register operations — import and export by callers of
 * different roles and territories, their audit rows, and an export that cannot
 * be audited handing nothing on.
 *
 * Units (data/units, today's tree): commune 03006 (phường Sa Pa) and 02671
 * (phường Cam Đường) of province 15 (Lào Cai). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_register.h"
#include "store/db.h"
#include "store/store.h"
#include "types/label.h"
#include "types/register.h"
#include "types/scope.h"

#define TODAY "2026-11-23"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
  struct scope sapa;   /* officer of Sa Pa */
  struct scope camd;   /* officer of Cam Đường */
  struct scope leader; /* leader of the province */
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "r.db"))
    return -1;
  tu_add_user(&f->sapa, f->st, &f->admin, "cb.sapa", "officer", "03006");
  tu_add_user(&f->camd, f->st, &f->admin, "cb.camduong", "officer", "02671");
  tu_add_user(&f->leader, f->st, &f->admin, "ld.laocai", "leader", "15");
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

static int import_text(struct reg_import_result *r, struct fx *f, const struct scope *sc,
                       const char *reg, const char *text, int dry_run, struct err *err)
{
  return tu_import(r, f->st, sc, reg, tu_write_file(f->dir, "in.csv", text), dry_run, TODAY, err);
}

/* What a sink received: how many header calls, the rows as "a|b|c\n". */
struct got {
  int headers;
  size_t n_cols;
  long rows;
  char text[4096];
};

static int got_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  (void)err;
  struct got *g = ctx;
  g->headers++;
  g->n_cols = n;
  assert_non_null(cells[0]);
  return 0;
}

static int got_row(void *ctx, const char *const *cells, struct err *err)
{
  (void)err;
  struct got *g = ctx;
  g->rows++;
  size_t w = strlen(g->text);
  snprintf(g->text + w, sizeof g->text - w, "%s|%s|%s\n", cells[0], cells[1], cells[2]);
  return 0;
}

static int export_to(struct got *g, long *n, struct fx *f, const struct scope *sc, const char *reg,
                     struct err *err)
{
  memset(g, 0, sizeof *g);
  struct app_register_sink sink = {got_header, got_row, g};
  return app_register_export(n, f->st, sc, reg, TODAY, &sink, err);
}

static long count(struct fx *f, const char *sql)
{
  return tu_count(f->st, sql);
}

static const char people_csv[] =
    "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Phân loại,Ngày phân loại\n"
    "015090001001,Giàng A Sử,01/02/1990,Nam,03006,Người nghiện ma túy,05/01/2026\n"
    "015090001002,Lò Thị Mai,03/04/1992,Nữ,02671,,\n";

/* An officer imports the rows of its commune; a row of another commune is
 * refused as outside its territory, the good row is saved; the import is
 * audited once, as the officer. */
static void import_inside_the_territory(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  assert_int_equal(import_text(&r, f, &f->sapa, "people", people_csv, 0, &err), ERR_OK);
  assert_int_equal(r.rows, 2);
  assert_int_equal(r.inserted, 1);
  assert_int_equal(r.n_rejects, 1);
  assert_non_null(strstr(tu_reject_reason(&r, 3), "ngoài địa bàn"));
  assert_string_equal(r.rejects[0].fields[1], "Lò Thị Mai");
  assert_int_equal(r.n_header, 7);
  reg_import_result_free(&r);
  char action[64], actor[64];
  long rid;
  tu_last_audit(action, actor, &rid, f->st);
  assert_string_equal(action, "register.import");
  assert_string_equal(actor, "cb.sapa");
  assert_int_equal(count(f, "SELECT count(*) FROM person"), 1);
  /* the detail names the counts, the file and its digest */
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'register.import' AND "
                            "detail LIKE 'nhập people: 2 dòng, thêm 1, sửa 0, giữ nguyên 0, "
                            "từ chối 1;%sha256 %; tệp in.csv'"),
                   1);

  /* a case of Sa Pa, then its seizure: the officer of Cam Đường finds no
   * such case (not found, as if it did not exist) */
  assert_int_equal(import_text(&r, f, &f->sapa, "cases",
                               "Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS\n"
                               "SP-01/2026,05/09/2026,03006,Công an phường Sa Pa,251\n",
                               0, &err),
                   ERR_OK);
  assert_int_equal(r.inserted, 1);
  reg_import_result_free(&r);
  assert_int_equal(import_text(&r, f, &f->camd, "case-seizures",
                               "Số vụ,Chất ma túy,Số lượng,Đơn vị tính\nSP-01/2026,Heroin,2,g\n", 0,
                               &err),
                   ERR_OK);
  assert_int_equal(r.inserted, 0);
  assert_non_null(
      strstr(tu_reject_reason(&r, 2), "không có vụ án số \"SP-01/2026\" trong địa bàn"));
  reg_import_result_free(&r);
  /* nor can it file a case under the same number */
  assert_int_equal(import_text(&r, f, &f->camd, "cases",
                               "Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS\n"
                               "SP-01/2026,06/09/2026,02671,Công an phường Cam Đường,251\n",
                               0, &err),
                   ERR_OK);
  assert_int_equal(r.n_rejects, 1);
  reg_import_result_free(&r);
  assert_int_equal(count(f, "SELECT count(*) FROM drug_case WHERE detected_on = '2026-09-05'"), 1);
}

/* A dry run reports every row and saves nothing, audit included. */
static void dry_run_saves_nothing(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  long audit = count(f, "SELECT count(*) FROM audit_log");
  assert_int_equal(import_text(&r, f, &f->admin, "people", people_csv, 1, &err), ERR_OK);
  assert_int_equal(r.inserted, 2);
  reg_import_result_free(&r);
  assert_int_equal(count(f, "SELECT count(*) FROM person"), 0);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit);
}

/* A leader sees aggregates only: it imports nothing and exports no personal
 * register; an unknown register is bad input. */
static void roles_and_registers_refused(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  assert_int_equal(import_text(&r, f, &f->leader, "people", people_csv, 0, &err), ERR_DENIED);
  reg_import_result_free(&r);
  assert_int_equal(import_text(&r, f, &f->leader, "cases", "Số vụ\n", 0, &err), ERR_DENIED);
  reg_import_result_free(&r);
  struct got g;
  long n = 0;
  for (size_t i = 0; app_register_at(i); i++) {
    const struct reg_spec *spec = app_register_at(i);
    int rc = export_to(&g, &n, f, &f->leader, spec->name, &err);
    assert_int_equal(rc, spec->personal ? ERR_DENIED : ERR_OK);
    assert_int_equal(g.headers, !spec->personal);
  }
  assert_int_equal(import_text(&r, f, &f->admin, "suspects", "Số vụ\n", 0, &err), ERR_INPUT);
  reg_import_result_free(&r);
  assert_int_equal(export_to(&g, &n, f, &f->admin, "suspects", &err), ERR_INPUT);
  assert_int_equal(g.headers, 0);
}

/* A personal export hands each caller its territory's rows, header first,
 * and is audited as that caller; another commune's officer gets none. */
static void export_by_territory_is_audited(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  assert_int_equal(import_text(&r, f, &f->admin, "people", people_csv, 0, &err), ERR_OK);
  assert_int_equal(r.inserted, 2);
  reg_import_result_free(&r);
  struct got g;
  long n = 0;
  assert_int_equal(export_to(&g, &n, f, &f->sapa, "people", &err), ERR_OK);
  assert_int_equal(g.headers, 1);
  assert_int_equal(g.n_cols, app_register_find("people")->n_cols);
  assert_int_equal(n, 1);
  assert_string_equal(g.text, "015090001001|Giàng A Sử|\n");
  char action[64], actor[64];
  long rid;
  tu_last_read_audit(action, actor, &rid, f->st); /* an export is a read: FILE.reads */
  assert_string_equal(action, "register.export");
  assert_string_equal(actor, "cb.sapa");
  assert_int_equal(
      tu_count_reads(f->st, "SELECT count(*) FROM audit_log WHERE action = 'register.export' AND "
                            "detail = 'xuất people: 1 dòng' AND purpose = 'kiểm thử'"),
      1);
  /* the officer of Cam Đường gets its own commune's person only */
  assert_int_equal(export_to(&g, &n, f, &f->camd, "people", &err), ERR_OK);
  assert_int_equal(n, 1); /* Lò Thị Mai lives in Cam Đường */
  assert_non_null(strstr(g.text, "Lò Thị Mai"));
  assert_null(strstr(g.text, "Giàng A Sử"));
  tu_last_read_audit(action, actor, &rid, f->st);
  assert_string_equal(actor, "cb.camduong");
  /* a register without personal data is not audited, in either chain */
  long audit = count(f, "SELECT count(*) FROM audit_log");
  long reads = tu_count_reads(f->st, "SELECT count(*) FROM audit_log");
  assert_int_equal(export_to(&g, &n, f, &f->sapa, "cases", &err), ERR_OK);
  assert_int_equal(g.headers, 1);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit);
  assert_int_equal(tu_count_reads(f->st, "SELECT count(*) FROM audit_log"), reads);
}

/* Personal data leaves only after its audit row is committed: while another
 * connection holds the reads' audit file (FILE.reads) for writing, the
 * export fails (after the busy timeout: busy) and the sink received
 * nothing, not even the header; once the writer is gone the same export
 * succeeds. A writer holding the database itself (an import) does not stop
 * it. */
static void export_that_cannot_be_audited_writes_nothing(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  assert_int_equal(import_text(&r, f, &f->admin, "people", people_csv, 0, &err), ERR_OK);
  reg_import_result_free(&r);
  char path[4200];
  snprintf(path, sizeof path, "%s/r.db", f->dir);
  struct store *other;
  struct got g;
  long n = -1;
  assert_int_equal(store_open(&other, path, &err), ERR_OK);
  assert_int_equal(db_exec(other, "BEGIN IMMEDIATE", &err), ERR_OK);
  assert_int_equal(export_to(&g, &n, f, &f->admin, "people", &err), ERR_OK);
  assert_int_equal(g.rows, 2);
  assert_int_equal(db_exec(other, "ROLLBACK", &err), ERR_OK);
  store_close(other);
  snprintf(path, sizeof path, "%s/r.db.reads", f->dir);
  assert_int_equal(store_open(&other, path, &err), ERR_OK);
  assert_int_equal(db_exec(other, "BEGIN IMMEDIATE", &err), ERR_OK);
  long audit = tu_count_reads(f->st, "SELECT count(*) FROM audit_log");
  n = -1;
  assert_int_equal(export_to(&g, &n, f, &f->admin, "people", &err), ERR_BUSY);
  assert_int_equal(g.headers, 0);
  assert_int_equal(g.rows, 0);
  assert_int_equal(n, 0);
  assert_int_equal(db_exec(other, "ROLLBACK", &err), ERR_OK);
  store_close(other);
  assert_int_equal(tu_count_reads(f->st, "SELECT count(*) FROM audit_log"), audit);
  assert_int_equal(export_to(&g, &n, f, &f->admin, "people", &err), ERR_OK);
  assert_int_equal(g.rows, 2);
  assert_int_equal(tu_count_reads(f->st, "SELECT count(*) FROM audit_log"), audit + 1);
}

/* Reason `b`, with national ID nid_b written as nid_a, is reason `a`: two
 * rows answered alike whatever the number. */
static void assert_same_reason(const char *a, const char *b, const char *nid_a, const char *nid_b)
{
  assert_non_null(a);
  assert_non_null(b);
  char swapped[1024];
  const char *at = strstr(b, nid_b);
  assert_non_null(at);
  snprintf(swapped, sizeof swapped, "%.*s%s%s", (int)(at - b), b, nid_a, at + strlen(nid_b));
  assert_string_equal(a, swapped);
}

static long refusals(struct fx *f, long person, const char *actor)
{
  char sql[300];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM audit_log WHERE action = 'person.read_refused' AND "
           "record_type = 'person' AND record_id = %ld AND actor = '%s' AND detail LIKE "
           "'%%dòng 2:%%' AND detail NOT LIKE '%%Giàng%%'",
           person, actor);
  return count(f, sql);
}

/* A row naming, by national ID, a person on the register of another
 * commune: the officer is not told that the person is on the register
 * there — a people row gets the neutral reason (contact the province's
 * standing office), an event row or a link reads exactly as an ID nobody
 * holds — and each such row is audited as a refused read of that record,
 * with its line and no name, in the import's transaction (a dry run's
 * too). */
static void refusal_tells_nothing_and_is_audited(void **state)
{
  struct fx *f = *state;
  struct reg_import_result r;
  struct err err = {0};
  assert_int_equal(import_text(&r, f, &f->admin, "people", people_csv, 0, &err), ERR_OK);
  reg_import_result_free(&r);
  long su = count(f, "SELECT id FROM person WHERE national_id = '015090001001'");

  /* people: Giàng A Sử (Sa Pa) named by Cam Đường, beside a new person */
  const char *people = "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n"
                       "015090001001,Giàng A Sử,01/02/1990,Nam,02671\n"
                       "015090001003,Vàng A Dế,05/05/1995,Nam,02671\n";
  assert_int_equal(import_text(&r, f, &f->camd, "people", people, 0, &err), ERR_OK);
  assert_int_equal(r.inserted, 1);
  assert_int_equal(r.n_rejects, 1);
  const char *why = tu_reject_reason(&r, 2);
  assert_non_null(strstr(why, "không dùng được số 015090001001"));
  assert_non_null(strstr(why, "Cơ quan thường trực"));
  assert_null(strstr(why, "địa bàn khác"));
  assert_null(strstr(why, "đã có"));
  assert_null(strstr(why, "03006"));
  reg_import_result_free(&r);
  assert_int_equal(refusals(f, su, "cb.camduong"), 1);
  assert_int_equal(count(f, "SELECT count(*) FROM person WHERE national_id = '015090001001'"), 1);

  /* person-events: the same ID reads as one nobody holds (line 3) */
  const char *events = "Số định danh,Sự kiện,Ngày,Giá trị\n"
                       "015090001001,classified,01/06/2026,addict\n"
                       "015090009999,classified,01/06/2026,addict\n";
  assert_int_equal(import_text(&r, f, &f->camd, "person-events", events, 0, &err), ERR_OK);
  assert_int_equal(r.n_rejects, 2);
  assert_same_reason(tu_reject_reason(&r, 2), tu_reject_reason(&r, 3), "015090001001",
                     "015090009999");
  reg_import_result_free(&r);
  assert_int_equal(refusals(f, su, "cb.camduong"), 2);

  /* a link (case-people): the same */
  assert_int_equal(import_text(&r, f, &f->camd, "cases",
                               "Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS\n"
                               "CD-01/2026,05/09/2026,02671,Công an phường Cam Đường,251\n",
                               0, &err),
                   ERR_OK);
  reg_import_result_free(&r);
  const char *links = "Số vụ,Số định danh,Vai trò\n"
                      "CD-01/2026,015090001001,Đồng phạm\n"
                      "CD-01/2026,015090009999,Đồng phạm\n";
  assert_int_equal(import_text(&r, f, &f->camd, "case-people", links, 0, &err), ERR_OK);
  assert_int_equal(r.n_rejects, 2);
  assert_same_reason(tu_reject_reason(&r, 2), tu_reject_reason(&r, 3), "015090001001",
                     "015090009999");
  reg_import_result_free(&r);
  assert_int_equal(refusals(f, su, "cb.camduong"), 3);
  assert_int_equal(count(f, "SELECT count(*) FROM case_person"), 0);

  /* a dry run answered the row: audited too, nothing else kept */
  long people_before = count(f, "SELECT count(*) FROM person");
  assert_int_equal(import_text(&r, f, &f->camd, "people", people, 1, &err), ERR_OK);
  assert_int_equal(r.n_rejects, 1);
  reg_import_result_free(&r);
  assert_int_equal(refusals(f, su, "cb.camduong"), 4);
  assert_int_equal(count(f, "SELECT count(*) FROM person"), people_before);

  /* for the officer of Sa Pa the person is inside: found, nothing refused */
  assert_int_equal(import_text(&r, f, &f->sapa, "person-events", events, 0, &err), ERR_OK);
  assert_int_equal(r.inserted, 1);
  reg_import_result_free(&r);
  assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = "
                            "'person.read_refused' AND actor = 'cb.sapa'"),
                   0);
}

/* pcmt registers lists the registers (people first) and each column's kind
 * by its label, in enum reg_type order. */
static void registers_list_their_columns(void **state)
{
  (void)state;
  assert_string_equal(app_register_at(0)->name, "people");
  assert_string_equal(app_register_at(1)->name, "person-events");
  size_t n = 0;
  while (app_register_at(n))
    n++;
  assert_int_equal(n, 14); /* docs/registers.md lists 14 */
  assert_null(app_register_find("nothing"));
  assert_null(app_register_find(NULL));
  const struct reg_spec *cases = app_register_find("cases");
  assert_non_null(cases);
  assert_string_equal(label_at(LABEL_REG_TYPE, cases->cols[1].type), "ngày"); /* Ngày phát hiện */
  assert_string_equal(label_at(LABEL_REG_TYPE, cases->cols[2].type), "mã đơn vị hành chính");
  assert_string_equal(label_code_at(LABEL_REG_TYPE, REG_TEXT), "text");
  assert_string_equal(label_code_at(LABEL_REG_TYPE, REG_PERSON), "person");
  assert_string_equal(label_code_at(LABEL_REG_TYPE, REG_ARTICLES), "articles");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(import_inside_the_territory, setup, teardown),
      cmocka_unit_test_setup_teardown(dry_run_saves_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(roles_and_registers_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(export_by_territory_is_audited, setup, teardown),
      cmocka_unit_test_setup_teardown(export_that_cannot_be_audited_writes_nothing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(refusal_tells_nothing_and_is_audited, setup, teardown),
      cmocka_unit_test(registers_list_their_columns),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
