/* test_reform_records.c: a place, network or licit entity that lived across
 * the 1 July 2025 reform is on its old unit before it and on its new unit
 * after it; each dated fact counts on the unit in force on its date.
 *
 * Units (data/units): old phường Kim Tân 02647 (Lào Cai city, old province
 * Lào Cai 10) went whole into new phường Lào Cai 02647 (province Lào Cai 15
 * since 01/07/2025: old Lào Cai + Yên Bái); new xã Gia Phú 02923 (Lào Cai)
 * did not take any of Kim Tân. Rows are saved through the registers' own
 * parse and save (reg_parse, reg_save); every expected figure is counted by
 * hand from the rows written in group_setup. */
#include "testutil.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/period.h"
#include "domain/indicator.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"

#define TODAY "2026-11-23"

static char *dir;
static struct store *st;
static struct scope admin;

/* Parse and save one row of register `reg` given as (header, value) pairs
 * ending with NULL, in its own write transaction. Returns ERR_OK or
 * ERR_INPUT (the reasons into why, 512 bytes, when not NULL). */
static int save(char *why, const char *reg, ...)
{
  const struct reg_spec *spec = reg_spec_find(reg);
  assert_non_null(spec);
  const char *raw[REG_MAX_COLUMNS] = {0};
  va_list ap;
  va_start(ap, reg);
  for (const char *h = va_arg(ap, const char *); h; h = va_arg(ap, const char *)) {
    const char *v = va_arg(ap, const char *);
    size_t i = 0;
    while (i < spec->n_cols && strcmp(spec->cols[i].header, h) != 0)
      i++;
    if (i == spec->n_cols)
      fail_msg("%s has no column \"%s\"", reg, h);
    raw[i] = v;
  }
  va_end(ap);
  struct reg_row row;
  struct buf problems;
  buf_init(&problems, 0);
  struct err err = {0};
  int rc = reg_parse(&row, spec, raw, st, &admin, TODAY, &problems, &err);
  if (why)
    snprintf(why, 512, "%s", buf_str(&problems));
  buf_free(&problems);
  if (rc == ERR_INPUT)
    return rc;
  if (rc)
    fail_msg("parse %s: %s", reg, err.msg);
  enum reg_outcome out;
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  if (reg_save(&out, st, &admin, &row, &err)) {
    store_write_rollback(st);
    fail_msg("save %s: %s", reg, err.msg);
  }
  assert_int_equal(store_write_commit(st, &err), ERR_OK);
  return ERR_OK;
}

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_units_db(&st, &admin, dir, "reform.db"))
    return -1;
  /* L-1: a pharmacy on old Kim Tân, on new phường Lào Cai after the reform;
   * inspected 10/03/2021 and 01/02/2026. */
  assert_int_equal(save(NULL, "licit", "Mã cơ sở", "L-1", "Loại", "Thuốc gây nghiện", "Tên",
                        "Nhà thuốc Minh Phát", "Mã đơn vị", "02647", "Hệ đơn vị", "pre2025",
                        "Mã đơn vị sau sắp xếp", "02647", NULL),
                   ERR_OK);
  assert_int_equal(save(NULL, "licit-inspections", "Mã cơ sở", "L-1", "Ngày kiểm tra", "10/03/2021",
                        "Cơ quan kiểm tra", "Sở Y tế", NULL),
                   ERR_OK);
  assert_int_equal(save(NULL, "licit-inspections", "Mã cơ sở", "L-1", "Ngày kiểm tra", "01/02/2026",
                        "Cơ quan kiểm tra", "Công an", NULL),
                   ERR_OK);
  /* L-3: registered on new xã Gia Phú; inspected 01/03/2026. */
  assert_int_equal(save(NULL, "licit", "Mã cơ sở", "L-3", "Loại", "Tiền chất", "Mã đơn vị", "02923",
                        "Hệ đơn vị", "post2025", NULL),
                   ERR_OK);
  assert_int_equal(save(NULL, "licit-inspections", "Mã cơ sở", "L-3", "Ngày kiểm tra", "01/03/2026",
                        "Cơ quan kiểm tra", "Sở Công Thương", NULL),
                   ERR_OK);
  /* H-1: a hotspot found on Kim Tân 01/03/2024 (the import records it
   * active that day), eliminated 01/06/2024, re-formed 01/11/2024 and
   * eliminated again 10/09/2025, on phường Lào Cai by then. */
  assert_int_equal(save(NULL, "places", "Mã điểm", "H-1", "Loại", "Tụ điểm", "Mã đơn vị", "02647",
                        "Ngày phát hiện", "01/03/2024", "Mã đơn vị sau sắp xếp", "02647", NULL),
                   ERR_OK);
  const char *history[][2] = {{"01/06/2024", "Đã triệt xóa"},
                              {"01/11/2024", "Tái hình thành"},
                              {"10/09/2025", "Đã triệt xóa"}};
  for (size_t i = 0; i < 3; i++)
    assert_int_equal(save(NULL, "place-statuses", "Mã điểm", "H-1", "Ngày", history[i][0],
                          "Trạng thái", history[i][1], NULL),
                     ERR_OK);
  /* B-1: a karaoke found on Kim Tân 01/02/2023, inspected 01/05/2023 and
   * 15/01/2026. */
  assert_int_equal(save(NULL, "places", "Mã điểm", "B-1", "Loại", "Cơ sở kinh doanh có điều kiện",
                        "Loại hình kinh doanh", "karaoke", "Mã đơn vị", "02647", "Ngày phát hiện",
                        "01/02/2023", "Mã đơn vị sau sắp xếp", "02647", NULL),
                   ERR_OK);
  assert_int_equal(save(NULL, "place-inspections", "Mã điểm", "B-1", "Ngày kiểm tra", "01/05/2023",
                        "Cơ quan kiểm tra", "Công an", NULL),
                   ERR_OK);
  assert_int_equal(save(NULL, "place-inspections", "Mã điểm", "B-1", "Ngày kiểm tra", "15/01/2026",
                        "Cơ quan kiểm tra", "Công an", NULL),
                   ERR_OK);
  /* N-1: a ring found on Kim Tân in 2024. */
  assert_int_equal(save(NULL, "networks", "Mã", "N-1", "Loại", "Đường dây", "Mã đơn vị", "02647",
                        "Ngày phát hiện", "01/05/2024", "Mã đơn vị sau sắp xếp", "02647", NULL),
                   ERR_OK);
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

/* The figure `code` (total) of province (tree, code) over `period`. */
static double figure(const char *tree, const char *unit, const char *period, const char *code)
{
  struct period p;
  struct err err = {0};
  assert_int_equal(period_parse(&p, period, &err), ERR_OK);
  struct indicator_result_list l;
  if (indicator_compute(&l, st, &admin, tree, unit, &p, IND_SPLIT_NONE, &err))
    fail_msg("compute %s/%s %s: %s", tree, unit, period, err.msg);
  double v = NAN;
  for (size_t i = 0; i < l.n; i++)
    if (strcmp(l.items[i].def->code, code) == 0 && !l.items[i].group[0])
      v = l.items[i].has_value ? l.items[i].value : NAN;
  indicator_result_list_free(&l);
  return v;
}

#define OLD_LAO_CAI UNIT_TREE_OLD, "10"
#define NEW_LAO_CAI UNIT_TREE_NEW, "15"

static void licit_entity_counts_on_both_trees(void **state)
{
  (void)state;
  /* 2021: L-1 stands on Kim Tân, in old Lào Cai, with its inspection */
  assert_true(figure(OLD_LAO_CAI, "2021", "licit_entities") == 1);
  assert_true(figure(OLD_LAO_CAI, "2021", "licit_entities_inspected") == 1);
  /* today's Lào Cai covers old Lào Cai for 2021 (L-3, undated, stands there too) */
  assert_true(figure(NEW_LAO_CAI, "2021", "licit_entities") == 2);
  assert_true(figure(NEW_LAO_CAI, "2021", "licit_entities_inspected") == 1);
  /* 2026: L-1 is on phường Lào Cai: in today's Lào Cai with L-3, both inspected */
  assert_true(figure(NEW_LAO_CAI, "2026", "licit_entities") == 2);
  assert_true(figure(NEW_LAO_CAI, "2026", "licit_entities_inspected") == 2);
  /* and no longer in old Lào Cai, which ended on 30/06/2025 */
  assert_true(figure(OLD_LAO_CAI, "2026", "licit_entities") == 0);
  assert_true(figure(OLD_LAO_CAI, "2026", "licit_entities_inspected") == 0);
}

static void place_facts_count_on_the_unit_of_their_date(void **state)
{
  (void)state;
  /* 2024 on old Lào Cai: found, eliminated, re-formed; active (re-formed) on 31/12 */
  assert_true(figure(OLD_LAO_CAI, "2024", "hotspots_new") == 1);
  assert_true(figure(OLD_LAO_CAI, "2024", "hotspots_eliminated") == 1);
  assert_true(figure(OLD_LAO_CAI, "2024", "hotspots_reformed") == 1);
  assert_true(figure(OLD_LAO_CAI, "2024", "hotspots_active") == 1);
  /* 30/06/2025 it still stands on Kim Tân, which today's Lào Cai covers */
  assert_true(figure(NEW_LAO_CAI, "2025-H1", "hotspots_active") == 1);
  /* July 2025: active on phường Lào Cai, and nothing happened (the span cut
   * at the reform is not a new status) */
  assert_true(figure(NEW_LAO_CAI, "2025-07", "hotspots_active") == 1);
  assert_true(figure(NEW_LAO_CAI, "2025-07", "hotspots_reformed") == 0);
  assert_true(figure(NEW_LAO_CAI, "2025-07", "hotspots_new") == 0);
  assert_true(figure(OLD_LAO_CAI, "2025-07", "hotspots_active") == 0);
  /* Q3 2025: eliminated on 10/09 on phường Lào Cai */
  assert_true(figure(NEW_LAO_CAI, "2025-Q3", "hotspots_eliminated") == 1);
  assert_true(figure(NEW_LAO_CAI, "2025-Q3", "hotspots_active") == 0);
  assert_true(figure(OLD_LAO_CAI, "2025-Q3", "hotspots_eliminated") == 0);
  /* B-1's inspections: 2023 on Kim Tân, 2026 on phường Lào Cai */
  assert_true(figure(OLD_LAO_CAI, "2023", "businesses_inspected") == 1);
  assert_true(figure(OLD_LAO_CAI, "2026", "businesses_inspected") == 0);
  assert_true(figure(NEW_LAO_CAI, "2026", "businesses_inspected") == 1);
  assert_true(figure(NEW_LAO_CAI, "2023", "businesses_inspected") == 1);
  /* one span of H-1 continues after the cut; H-1's spans: active, eliminated,
   * re-formed (to 01/07/2025), re-formed (from 01/07/2025), eliminated */
  assert_int_equal(tu_count(st, "SELECT count(*) FROM place_span x JOIN place p ON p.id = "
                                "x.place_id WHERE p.record_no = 'H-1'"),
                   5);
  assert_int_equal(tu_count(st, "SELECT count(*) FROM place_span x JOIN place p ON p.id = "
                                "x.place_id WHERE p.record_no = 'H-1' AND x.opens = 0 AND "
                                "x.on_date = '2025-07-01' AND x.unit_id = p.unit_after_id"),
                   1);
}

static void new_unit_must_succeed_the_old_one(void **state)
{
  (void)state;
  char why[512];
  /* Gia Phú took nothing of Kim Tân: refused, naming the successors */
  assert_int_equal(save(why, "licit", "Mã cơ sở", "L-9", "Loại", "Tiền chất", "Mã đơn vị", "02647",
                        "Hệ đơn vị", "pre2025", "Mã đơn vị sau sắp xếp", "02923", NULL),
                   ERR_INPUT);
  assert_non_null(strstr(why, "Mã đơn vị sau sắp xếp: đơn vị 02923 (hệ post2025) không kế thừa "
                              "đơn vị 02647 (hệ pre2025); đơn vị kế thừa: 02647 phường Lào Cai"));
  /* a record already on a new unit has no unit after the reform */
  assert_int_equal(save(why, "licit", "Mã cơ sở", "L-8", "Loại", "Tiền chất", "Mã đơn vị", "02923",
                        "Hệ đơn vị", "post2025", "Mã đơn vị sau sắp xếp", "02923", NULL),
                   ERR_INPUT);
  assert_non_null(strstr(why, "chỉ ghi cho hồ sơ trên đơn vị trước 01/07/2025"));
  assert_int_equal(save(why, "places", "Mã điểm", "H-9", "Loại", "Tụ điểm", "Mã đơn vị", "02647",
                        "Ngày phát hiện", "01/03/2024", "Mã đơn vị sau sắp xếp", "99999", NULL),
                   ERR_INPUT);
  assert_non_null(strstr(why, "không có đơn vị mã 99999 trong hệ post2025"));
  assert_int_equal(tu_count(st, "SELECT count(*) FROM licit_entity WHERE record_no IN ('L-8', "
                                "'L-9')"),
                   0);
}

/* A spreadsheet that took the codes for numbers wrote "2647" for both of a
 * place's units: each is the one zero-padded code that names a unit, the
 * unit Kim Tân 02647 (old tree: found in 2024) and the unit after the
 * reform phường Lào Cai 02647 (post2025). A code cut short that pads to a
 * unit that is no successor ("2923": Gia Phú 02923) is refused as such. */
static void unit_codes_cut_short_by_a_spreadsheet(void **state)
{
  (void)state;
  char why[512];
  assert_int_equal(save(why, "places", "Mã điểm", "H-6", "Loại", "Tụ điểm", "Mã đơn vị", "2647",
                        "Ngày phát hiện", "01/03/2024", "Mã đơn vị sau sắp xếp", "2647", NULL),
                   ERR_OK);
  assert_int_equal(tu_count(st, "SELECT count(*) FROM place p JOIN unit u ON u.id = p.unit_id "
                                "JOIN unit a ON a.id = p.unit_after_id WHERE p.record_no = 'H-6' "
                                "AND u.code = '02647' AND u.tree = 'pre2025' AND a.code = '02647' "
                                "AND a.tree = 'post2025'"),
                   1);
  assert_int_equal(save(why, "places", "Mã điểm", "H-5", "Loại", "Tụ điểm", "Mã đơn vị", "2647",
                        "Ngày phát hiện", "01/03/2024", "Mã đơn vị sau sắp xếp", "2923", NULL),
                   ERR_INPUT);
  assert_non_null(strstr(why, "đơn vị 02923 (hệ post2025) không kế thừa đơn vị 02647"));
}

/* Exported rows, kept to be imported again after the export. */
struct exported {
  char *cells[64][REG_MAX_COLUMNS];
  size_t n, n_cols;
};

static int keep_row(void *ctx, const char *const *cells)
{
  struct exported *x = ctx;
  assert_true(x->n < 64);
  for (size_t i = 0; i < x->n_cols; i++)
    x->cells[x->n][i] = strdup(cells[i]);
  x->n++;
  return 0;
}

static void export_writes_both_units_and_reimports_unchanged(void **state)
{
  (void)state;
  static const char *const regs[] = {
      "licit", "places", "networks", "licit-inspections", "place-statuses", "place-inspections"};
  struct err err = {0};
  for (size_t r = 0; r < sizeof regs / sizeof *regs; r++) {
    const struct reg_spec *spec = reg_spec_find(regs[r]);
    struct exported *x = calloc(1, sizeof *x);
    x->n_cols = spec->n_cols;
    long n = 0;
    assert_int_equal(reg_export(st, &admin, spec, keep_row, x, &n, TODAY, &err), ERR_OK);
    assert_true(n > 0);
    int after = reg_col_index(spec, "unit_after_id");
    if (after >= 0) /* L-1, B-1, N-1 come first by number: phường Lào Cai after the reform */
      assert_string_equal(x->cells[0][after], "02647");
    for (size_t i = 0; i < x->n; i++) {
      struct reg_row row;
      struct buf problems;
      buf_init(&problems, 0);
      if (reg_parse(&row, spec, (const char *const *)x->cells[i], st, &admin, TODAY, &problems,
                    &err))
        fail_msg("%s row %zu: %s %s", spec->name, i, buf_str(&problems), err.msg);
      buf_free(&problems);
      enum reg_outcome out;
      assert_int_equal(store_write_begin(st, &err), ERR_OK);
      assert_int_equal(reg_save(&out, st, &admin, &row, &err), ERR_OK);
      assert_int_equal(store_write_commit(st, &err), ERR_OK);
      assert_int_equal(out, REG_UNCHANGED);
      for (size_t c = 0; c < x->n_cols; c++)
        free(x->cells[i][c]);
    }
    free(x);
  }
  /* the figures are those of before */
  assert_true(figure(OLD_LAO_CAI, "2021", "licit_entities") == 1);
  assert_true(figure(NEW_LAO_CAI, "2026", "licit_entities_inspected") == 2);
}

/* Spans of place `no` that continue after the cut (opens = 0). */
static long continuations(const char *no)
{
  char q[300];
  snprintf(q, sizeof q,
           "SELECT count(*) FROM place_span x JOIN place p ON p.id = x.place_id "
           "WHERE p.record_no = '%s' AND x.opens = 0",
           no);
  return tu_count(st, q);
}

/* A re-import that gives or takes away the unit after the reform rebuilds
 * the place's spans (trigger place_moved), and the figures follow. */
static void changing_the_unit_after_the_reform_moves_the_facts(void **state)
{
  (void)state;
  /* H-2: a retail point found on Kim Tân 01/05/2025, never eliminated */
  assert_int_equal(save(NULL, "places", "Mã điểm", "H-2", "Loại", "Điểm bán lẻ", "Mã đơn vị",
                        "02647", "Ngày phát hiện", "01/05/2025", NULL),
                   ERR_OK);
  assert_int_equal(continuations("H-2"), 0);
  /* without a unit after the reform it stays on Kim Tân: old Lào Cai 2026 has it */
  assert_true(figure(OLD_LAO_CAI, "2026", "retail_points_active") == 1);
  assert_int_equal(save(NULL, "places", "Mã điểm", "H-2", "Loại", "Điểm bán lẻ", "Mã đơn vị",
                        "02647", "Ngày phát hiện", "01/05/2025", "Mã đơn vị sau sắp xếp", "02647",
                        NULL),
                   ERR_OK);
  assert_int_equal(continuations("H-2"), 1);
  assert_true(figure(OLD_LAO_CAI, "2026", "retail_points_active") == 0);
  assert_true(figure(NEW_LAO_CAI, "2026", "retail_points_active") == 1);
  assert_true(figure(NEW_LAO_CAI, "2025-Q2", "retail_points_new") == 1);
  assert_true(figure(NEW_LAO_CAI, "2025-Q3", "retail_points_new") == 0);
  /* an empty cell clears it again */
  assert_int_equal(save(NULL, "places", "Mã điểm", "H-2", "Loại", "Điểm bán lẻ", "Mã đơn vị",
                        "02647", "Ngày phát hiện", "01/05/2025", "Mã đơn vị sau sắp xếp", "", NULL),
                   ERR_OK);
  assert_int_equal(continuations("H-2"), 0);
  assert_true(figure(OLD_LAO_CAI, "2026", "retail_points_active") == 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(licit_entity_counts_on_both_trees),
      cmocka_unit_test(place_facts_count_on_the_unit_of_their_date),
      cmocka_unit_test(new_unit_must_succeed_the_old_one),
      cmocka_unit_test(unit_codes_cut_short_by_a_spreadsheet),
      cmocka_unit_test(export_writes_both_units_and_reimports_unchanged),
      cmocka_unit_test(changing_the_unit_after_the_reform_moves_the_facts),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
