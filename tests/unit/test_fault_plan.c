/* test_fault_plan.c: a plan import under allocation faults (tests/unit/faultrun.h). */
#include "testutil.h"

#include "app/app_plan.h"
#include "faultalloc.h"
#include "faultrun.h"
#include "types/scope.h"

/* ---- a plan import: read from a file, saved with its audit row ------------ */

static int save_plan(struct store *st, const struct scope *caller, const char *dir, struct err *err)
{
  const char *path =
      tu_write_file(dir, "kehoach.txt",
                    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 07/KH-UBND\n"
                    "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
                    "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2025.\n"
                    "II. NHIỆM VỤ\n1. Tuyên truyền\n"
                    "- Tổ chức tuyên truyền tại các trường học (Sở Giáo dục và Đào tạo "
                    "chủ trì, phối hợp Công an tỉnh, hoàn thành trước 30/6/2026).\n"
                    "III. TỔ CHỨC THỰC HIỆN\nBáo cáo 6 tháng trước ngày 10/6/2026.\n");
  struct app_plan_import_in in = {path, 0};
  struct app_plan_imported out;
  int rc = app_plan_import(&out, st, caller, &in, err);
  if (!rc && (out.n_tasks != 1 || out.n_reports != 1 || !out.territory_found))
    rc = err_set(err, ERR_INTERNAL, "imported %zu tasks, %zu reports, territory %d", out.n_tasks,
                 out.n_reports, out.territory_found);
  return rc;
}

static void plan_save_fails_cleanly(void **state)
{
  fault_db_every_allocation(state, save_plan);
}

int main(void)
{
  if (faultalloc_install())
    return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(plan_save_fails_cleanly, fault_db_setup, fault_db_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
