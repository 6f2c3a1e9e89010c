/* test_person_merge.c: a national ID held by a merged record after
 * `pcmt person merge A B` (B kept with merged_into = A, hidden) leads to the
 * record it was merged into: the people file re-imports unchanged, search
 * finds the kept record (audited), register links by the ID link the kept
 * record and the exports write an ID that leads back to it, and the caller's
 * scope applies to the kept record (docs/registers.md, Duplicates).
 *
 * Units (data/units): post2025 02923 xã Gia Phú and 02902 xã Phong Hải. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/buf.h"
#include "domain/person.h"
#include "domain/person_import_int.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "ingest/csv.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_registers.h"

#define TODAY "2026-11-23"

#define ID_A "010090005021"
#define ID_B "010090005022"

static char *dir;
static struct store *st;
static struct scope admin;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return tu_open_units_db(&st, &admin, dir, "merge.db");
}

static int teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static const char *write_csv(const char *name, const char *text)
{
  return tu_write_file(dir, name, text);
}

/* Import `text` as register `reg` by `sc`; the result in *r (caller frees). */
static void import_as(struct reg_import_result *r, const struct scope *sc, const char *reg,
                      const char *text)
{
  struct err err = {0};
  assert_non_null(reg_spec_find(reg));
  assert_int_equal(tu_import(r, st, sc, reg, write_csv("in.csv", text), 0, TODAY, &err), 0);
}

static long count(const char *sql)
{
  return tu_count(st, sql);
}

static long person_of(const char *nid)
{
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM person WHERE national_id = '%s'",
           nid);
  return count(sql);
}

static void assert_import(const struct reg_import_result *r, long inserted, long updated,
                          long unchanged, size_t rejected)
{
  for (size_t i = 0; i < r->n_rejects; i++)
    print_message("line %ld: %s\n", r->rejects[i].line, r->rejects[i].reason);
  assert_int_equal(r->inserted, inserted);
  assert_int_equal(r->updated, updated);
  assert_int_equal(r->unchanged, unchanged);
  assert_int_equal(r->n_rejects, rejected);
}

/* The file: one person twice (same name and birth date), as a user
 * in Gia Phú with ID_A and as an addict with ID_B, in `unit_b`. */
static void people_file(char *out, size_t n, const char *unit_b)
{
  snprintf(out, n,
           "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ,Phân loại,Ngày phân loại\n"
           "%s,Nguyễn Văn Dũng,01/02/1990,Nam,02923,Thôn 1,Người sử dụng trái phép chất ma "
           "túy,01/09/2025\n"
           "%s,Nguyễn Văn Dũng,01/02/1990,Nam,%s,Thôn 2,Người nghiện ma túy,01/10/2025\n",
           ID_A, ID_B, unit_b);
}

/* Import the people file, merge B into A; returns A's id, *b B's. */
static long merged_pair(long *b, const char *unit_b)
{
  char csv[1024];
  people_file(csv, sizeof csv, unit_b);
  struct reg_import_result r;
  import_as(&r, &admin, "people", csv);
  assert_import(&r, 2, 0, 0, 0);
  reg_import_result_free(&r);
  long a = person_of(ID_A);
  *b = person_of(ID_B);
  assert_true(a > 0 && *b > 0);
  assert_int_equal(count("SELECT count(*) FROM person_duplicate WHERE status = 'open'"), 1);
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, a, *b, TODAY, &err), 0);
  return a;
}

/* The people file, row by row through person_import_row (the path a row
 * naming a stored person takes outside the bulk loader), in one transaction. */
static void import_people_row_by_row(struct reg_import_result *out, const char *text)
{
  const struct reg_spec *spec = reg_spec_find("people");
  struct err err = {0};
  struct csv_reader rd;
  struct csv_row row;
  memset(out, 0, sizeof *out);
  assert_int_equal(csv_open_file(&rd, write_csv("rows.csv", text), &err), 0);
  assert_int_equal(csv_next(&rd, &row, &err), 1);
  int map[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++)
    map[i] = csv_column(&row, spec->cols[i].header);
  assert_int_equal(store_write_begin(st, &err), 0);
  struct buf problems;
  buf_init(&problems, 0);
  while (csv_next(&rd, &row, &err) == 1) {
    const char *raw[REG_MAX_COLUMNS];
    for (size_t i = 0; i < spec->n_cols; i++)
      raw[i] = map[i] >= 0 && (size_t)map[i] < row.n ? row.fields[map[i]] : NULL;
    out->rows++;
    buf_reset(&problems);
    enum reg_outcome oc = REG_UNCHANGED;
    long outside = 0;
    int rc = person_import_row(&oc, &outside, st, &admin, spec, raw, TODAY, &problems, &err);
    if (rc == ERR_INPUT)
      print_message("line %ld: %s\n", row.line, buf_str(&problems));
    assert_int_equal(rc, 0);
    out->inserted += oc == REG_INSERTED, out->updated += oc == REG_UPDATED,
        out->unchanged += oc == REG_UNCHANGED;
  }
  buf_free(&problems);
  csv_close(&rd);
  assert_int_equal(store_write_commit(st, &err), 0);
}

/* The kept record as the merge left it: A's ID and identity, B's history. */
static void assert_kept_as_merged(long a, long b)
{
  char sql[400];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM person WHERE id = %ld AND national_id = '" ID_A
           "' AND address = 'Thôn 1' AND merged_into IS NULL",
           a);
  assert_int_equal(count(sql), 1);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM person WHERE id = %ld AND national_id = '" ID_B
           "' AND merged_into = %ld",
           b, a);
  assert_int_equal(count(sql), 1);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM person_event WHERE person_id = %ld", a);
  assert_int_equal(count(sql), 2);
  assert_int_equal(count("SELECT count(*) FROM person"), 2);
}

/* ---------------------------------------------------------------------------
 * People import
 * ------------------------------------------------------------------------- */

/* The same people file imported again after the merge: B's row finds the
 * kept record (its identity settled by the merge, B's classification already
 * in its history): nothing changes, nothing is refused, on either path. */
static void test_reimport_after_merge_changes_nothing(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02923");
  assert_kept_as_merged(a, b);
  char csv[1024];
  people_file(csv, sizeof csv, "02923");
  long audit = count("SELECT count(*) FROM audit_log WHERE action LIKE 'person.%'");
  for (int round = 0; round < 2; round++) {
    struct reg_import_result r;
    import_as(&r, &admin, "people", csv);
    assert_import(&r, 0, 0, 2, 0);
    reg_import_result_free(&r);
    assert_kept_as_merged(a, b);
  }
  struct reg_import_result r;
  import_people_row_by_row(&r, csv);
  assert_import(&r, 0, 0, 2, 0);
  assert_kept_as_merged(a, b);
  /* no person changed, so no person.* audit row */
  assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action LIKE 'person.%'"), audit);
}

/* B lived in another commune: its row still finds the kept record (no
 * "move it by an event" refusal: the row describes the merged record). A
 * classification of B's not yet in the history is added to the kept one. */
static void test_reimport_merged_row_other_commune_and_new_class(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02902");
  char csv[1024];
  people_file(csv, sizeof csv, "02902");
  struct reg_import_result r;
  import_as(&r, &admin, "people", csv);
  assert_import(&r, 0, 0, 2, 0);
  reg_import_result_free(&r);
  import_as(&r, &admin, "people",
            "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Phân loại,Ngày phân loại\n" ID_B
            ",Nguyễn Văn Dũng,01/02/1990,Nam,02902,Người bị loạn thần do sử dụng ma "
            "túy,01/11/2025\n");
  assert_import(&r, 0, 1, 0, 0);
  reg_import_result_free(&r);
  char sql[200];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM person_event WHERE person_id = %ld AND kind = 'classified' AND "
           "value = 'psychosis'",
           a);
  assert_int_equal(count(sql), 1);
  assert_int_equal(count("SELECT count(*) FROM person"), 2);
}

/* ---------------------------------------------------------------------------
 * Search
 * ------------------------------------------------------------------------- */

static void test_search_by_merged_id_finds_kept(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02923");
  struct err err = {0};
  long audited =
      tu_count_reads(st, "SELECT count(*) FROM audit_log WHERE action = 'person.search'");
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &admin, ID_B, NULL, 0, &err), 0);
  assert_int_equal(hl.n, 1);
  assert_int_equal(hl.items[0].person.id, a);
  assert_string_equal(hl.items[0].person.national_id, ID_A);
  person_hit_list_free(&hl);
  assert_int_equal(
      tu_count_reads(st, "SELECT count(*) FROM audit_log WHERE action = 'person.search'"),
      audited + 1);
  assert_int_equal(
      tu_count_reads(st, "SELECT count(*) FROM audit_log WHERE action = 'person.search' AND "
                         "detail LIKE '%" ID_B "%: 1 kết quả'"),
      1);
  /* the kept record's own ID, as before */
  assert_int_equal(app_person_search(&hl, st, &admin, ID_A, NULL, 0, &err), 0);
  assert_int_equal(hl.n, 1);
  assert_int_equal(hl.items[0].person.id, a);
  person_hit_list_free(&hl);
}

/* ---------------------------------------------------------------------------
 * Register links
 * ------------------------------------------------------------------------- */

static const char case_csv[] = "Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS\n"
                               "M-01/2025,05/11/2025,02923,Công an xã Gia Phú,251\n"
                               "M-02/2025,06/11/2025,02923,Công an xã Gia Phú,251\n";

struct collected {
  char nid[8][16];
  long rows;
};

static int collect_nid(void *ctx, const char *const *cells)
{
  struct collected *c = ctx;
  if (c->rows < 8)
    snprintf(c->nid[c->rows], sizeof c->nid[0], "%s", cells[1]);
  c->rows++;
  return 0;
}

/* A case-people row by B's ID links the kept record; a link made to B before
 * the merge is exported with A's ID, which re-imports to the same row
 * (unchanged); a changed role re-points that row to the kept record. */
static void test_case_people_by_merged_id_links_kept(void **state)
{
  (void)state;
  char csv[1024];
  people_file(csv, sizeof csv, "02923");
  struct reg_import_result r;
  import_as(&r, &admin, "people", csv);
  reg_import_result_free(&r);
  import_as(&r, &admin, "cases", case_csv);
  assert_import(&r, 2, 0, 0, 0);
  reg_import_result_free(&r);
  long a = person_of(ID_A), b = person_of(ID_B);
  /* M-01: B is linked before the merge */
  import_as(&r, &admin, "case-people",
            "Số vụ,Số định danh,Vai trò\nM-01/2025," ID_B ",Đồng phạm\n");
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, a, b, TODAY, &err), 0);

  /* M-02: linked after the merge, by B's ID: the kept record */
  const char *m2 = "Số vụ,Số định danh,Vai trò\nM-02/2025," ID_B ",Người mua\n";
  import_as(&r, &admin, "case-people", m2);
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  char sql[300];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM case_person cp JOIN drug_case c ON c.id = cp.case_id WHERE "
           "c.record_no = 'M-02/2025' AND cp.person_id = %ld",
           a);
  assert_int_equal(count(sql), 1);
  import_as(&r, &admin, "case-people", m2);
  assert_import(&r, 0, 0, 1, 0);
  reg_import_result_free(&r);

  /* the row of M-01 again, by B's ID: the link to B is the same person */
  const char *m1 = "Số vụ,Số định danh,Vai trò\nM-01/2025," ID_B ",Đồng phạm\n";
  import_as(&r, &admin, "case-people", m1);
  assert_import(&r, 0, 0, 1, 0);
  reg_import_result_free(&r);

  /* the export writes the kept record's ID for both rows; it re-imports
   * unchanged */
  struct collected c;
  memset(&c, 0, sizeof c);
  long n = 0;
  const struct reg_spec *spec = reg_spec_find("case-people");
  assert_int_equal(tu_export(&n, st, &admin, spec->name, TODAY, collect_nid, &c, &err), 0);
  assert_int_equal(n, 2);
  assert_string_equal(c.nid[0], ID_A);
  assert_string_equal(c.nid[1], ID_A);
  import_as(&r, &admin, "case-people",
            "Số vụ,Số định danh,Vai trò\nM-01/2025," ID_A ",Đồng phạm\nM-02/2025," ID_A
            ",Người mua\n");
  assert_import(&r, 0, 0, 2, 0);
  reg_import_result_free(&r);
  assert_int_equal(count("SELECT count(*) FROM case_person"), 2);

  /* a changed role: the row is rewritten on the kept record */
  import_as(&r, &admin, "case-people",
            "Số vụ,Số định danh,Vai trò\nM-01/2025," ID_B ",Chứa chấp\n");
  assert_import(&r, 0, 1, 0, 0);
  reg_import_result_free(&r);
  assert_int_equal(count("SELECT count(*) FROM case_person"), 2);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM case_person cp JOIN drug_case c ON c.id = cp.case_id WHERE "
           "c.record_no = 'M-01/2025' AND cp.person_id = %ld AND cp.role = 'harbourer'",
           a);
  assert_int_equal(count(sql), 1);
}

/* Both records linked to one case and one ring before the merge: after it
 * one row each, the kept record's (its role, the earlier arrest), and B's
 * other links are A's. */
static void test_merge_moves_links(void **state)
{
  (void)state;
  char csv[1024];
  people_file(csv, sizeof csv, "02923");
  struct reg_import_result r;
  import_as(&r, &admin, "people", csv);
  reg_import_result_free(&r);
  import_as(&r, &admin, "cases", case_csv);
  reg_import_result_free(&r);
  import_as(&r, &admin, "case-people",
            "Số vụ,Số định danh,Vai trò,Ngày bắt\n"
            "M-01/2025," ID_A ",Đối tượng chính,\n"
            "M-01/2025," ID_B ",Đồng phạm,07/11/2025\n"
            "M-02/2025," ID_B ",Người mua,08/11/2025\n");
  assert_import(&r, 3, 0, 0, 0);
  reg_import_result_free(&r);
  import_as(&r, &admin, "networks",
            "Mã,Loại,Tên,Mã đơn vị,Ngày phát hiện\nN-2,Đường dây,Dây B,02923,01/11/2025\n");
  reg_import_result_free(&r);
  import_as(&r, &admin, "network-members",
            "Mã,Số định danh,Vai trò\nN-2," ID_A ",Thành viên\nN-2," ID_B ",Thành viên\n");
  assert_import(&r, 2, 0, 0, 0);
  reg_import_result_free(&r);
  long a = person_of(ID_A), b = person_of(ID_B);
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, a, b, TODAY, &err), 0);
  char sql[400];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM case_person WHERE person_id = %ld", b);
  assert_int_equal(count(sql), 0);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM case_person cp JOIN drug_case c ON c.id = cp.case_id WHERE "
           "cp.person_id = %ld AND ((c.record_no = 'M-01/2025' AND cp.role = 'principal' AND "
           "cp.arrested_on = '2025-11-07') OR (c.record_no = 'M-02/2025' AND cp.role = 'buyer'))",
           a);
  assert_int_equal(count(sql), 2);
  assert_int_equal(count("SELECT count(*) FROM case_person"), 2);
  assert_int_equal(count("SELECT count(*) FROM network_member"), 1);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM network_member WHERE person_id = %ld", a);
  assert_int_equal(count(sql), 1);
}

/* The other links by B's ID: a network member, a place's seller (exported
 * with A's ID, re-imported unchanged), an event of the history. */
static void test_other_links_by_merged_id(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02923");
  (void)b;
  struct reg_import_result r;
  char sql[300];
  import_as(&r, &admin, "networks",
            "Mã,Loại,Tên,Mã đơn vị,Ngày phát hiện\nN-1,Đường dây,Dây A,02923,01/11/2025\n");
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  const char *member = "Mã,Số định danh,Vai trò\nN-1," ID_B ",Thành viên\n";
  import_as(&r, &admin, "network-members", member);
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM network_member WHERE person_id = %ld", a);
  assert_int_equal(count(sql), 1);
  import_as(&r, &admin, "network-members", member);
  assert_import(&r, 0, 0, 1, 0);
  reg_import_result_free(&r);
  const char *place = "Mã điểm,Loại,Tên,Mã đơn vị,Ngày phát hiện,Số định danh người bán\n"
                      "SL-9,Đối tượng bán lẻ,Dũng,02923,01/11/2025," ID_B "\n";
  import_as(&r, &admin, "places", place);
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM place WHERE record_no = 'SL-9' AND person_id = %ld", a);
  assert_int_equal(count(sql), 1);
  import_as(&r, &admin, "places", place);
  assert_import(&r, 0, 0, 1, 0);
  reg_import_result_free(&r);
  import_as(&r, &admin, "person-events",
            "Số định danh,Sự kiện,Ngày\n" ID_B ",Lập hồ sơ quản lý,02/11/2025\n");
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM person_event WHERE person_id = %ld AND kind = "
           "'management_opened'",
           a);
  assert_int_equal(count(sql), 1);
}

/* ---------------------------------------------------------------------------
 * Scope
 * ------------------------------------------------------------------------- */

/* A lives in Gia Phú, B (merged into A) in Phong Hải: for an officer of
 * Phong Hải B's ID leads to a record outside the territory, so it is not
 * found (search, case-people), and the people file's row for it is refused
 * (without saying that it is a record of another territory), never created
 * again. */
static void test_merged_id_scope_is_the_kept_records(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02902");
  (void)a;
  struct scope officer;
  struct err err = {0};
  assert_int_equal(
      scope_init(&officer, "cb_phonghai", "officer", "post2025", "02902", "kiểm thử", &err), 0);
  assert_int_equal(scope_resolve(&officer, st, &err), 0);
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &officer, ID_B, NULL, 0, &err), 0);
  assert_int_equal(hl.n, 0);
  person_hit_list_free(&hl);
  long id = -1;
  assert_int_equal(store_reg_person(&id, st, &officer, ID_B, &err), ERR_NOT_FOUND);
  assert_int_equal(id, 0);
  assert_int_equal(store_reg_person(&id, st, &admin, ID_B, &err), 0);
  assert_int_equal(id, a);

  struct reg_import_result r;
  import_as(&r, &officer, "cases",
            "Số vụ,Ngày phát hiện,Mã đơn vị,Lực lượng phát hiện,Điều BLHS\n"
            "PH-01/2025,05/11/2025,02902,Công an xã Phong Hải,251\n");
  assert_import(&r, 1, 0, 0, 0);
  reg_import_result_free(&r);
  import_as(&r, &officer, "case-people", "Số vụ,Số định danh,Vai trò\nPH-01/2025," ID_B ",Khác\n");
  assert_import(&r, 0, 0, 0, 1);
  assert_non_null(strstr(tu_reject_reason(&r, 2), "không có người có số định danh " ID_B));
  reg_import_result_free(&r);
  assert_int_equal(count("SELECT count(*) FROM case_person"), 0);

  import_as(&r, &officer, "people",
            "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n" ID_B
            ",Nguyễn Văn Dũng,01/02/1990,Nam,02902\n");
  assert_import(&r, 0, 0, 0, 1);
  /* refused without saying where the number is (docs/registers.md) */
  assert_non_null(strstr(tu_reject_reason(&r, 2), "không dùng được số " ID_B));
  assert_null(strstr(tu_reject_reason(&r, 2), "địa bàn khác"));
  reg_import_result_free(&r);
  assert_int_equal(count("SELECT count(*) FROM person"), 2);
}

/* A chain (B into A, then A into C) ends at C; a merge that gave the kept
 * record the merged one's ID (A had none) finds it by that ID. */
static void test_merged_id_chain_and_taken_id(void **state)
{
  (void)state;
  long b, a = merged_pair(&b, "02923");
  struct reg_import_result r;
  import_as(&r, &admin, "people",
            "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị\n"
            "010090005023,Nguyễn Văn Dũng,01/02/1990,Nam,02923\n"
            ",Lò Văn Tú,03/03/1993,Nam,02923\n"
            "010090005024,Lò Văn Tú,03/03/1993,Nam,02923\n");
  reg_import_result_free(&r);
  long c = person_of("010090005023"), d = count("SELECT id FROM person WHERE national_id IS NULL"),
       e = person_of("010090005024");
  struct err err = {0};
  assert_int_equal(app_person_merge(st, &admin, c, a, TODAY, &err), 0);
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &admin, ID_B, NULL, 0, &err), 0);
  assert_int_equal(hl.n, 1);
  assert_int_equal(hl.items[0].person.id, c);
  person_hit_list_free(&hl);
  long id = 0, outside = -1;
  assert_int_equal(store_reg_person_any(&id, &outside, st, &admin, ID_B, &err), 0);
  assert_int_equal(outside, 0);
  assert_int_equal(id, c);
  assert_int_equal(store_reg_person_any(&id, &outside, st, &admin, ID_A, &err), 0);
  assert_int_equal(id, c);
  char csv[1024];
  people_file(csv, sizeof csv, "02923");
  import_as(&r, &admin, "people", csv);
  assert_import(&r, 0, 0, 2, 0);
  reg_import_result_free(&r);

  /* D without an ID takes E's */
  assert_int_equal(app_person_merge(st, &admin, d, e, TODAY, &err), 0);
  assert_int_equal(person_of("010090005024"), d);
  assert_int_equal(store_reg_person(&id, st, &admin, "010090005024", &err), 0);
  assert_int_equal(id, d);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_reimport_after_merge_changes_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_reimport_merged_row_other_commune_and_new_class, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_search_by_merged_id_finds_kept, setup, teardown),
      cmocka_unit_test_setup_teardown(test_case_people_by_merged_id_links_kept, setup, teardown),
      cmocka_unit_test_setup_teardown(test_other_links_by_merged_id, setup, teardown),
      cmocka_unit_test_setup_teardown(test_merged_id_scope_is_the_kept_records, setup, teardown),
      cmocka_unit_test_setup_teardown(test_merged_id_chain_and_taken_id, setup, teardown),
      cmocka_unit_test_setup_teardown(test_merge_moves_links, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
