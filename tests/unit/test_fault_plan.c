/* test_fault_plan.c: a plan save under allocation faults (tests/unit/faultrun.h). */
#include "testutil.h"

#include <stdlib.h>

#include "domain/plan_edit.h"
#include "faultalloc.h"
#include "faultrun.h"
#include "ingest/plan_read.h"
#include "types/plan.h"
#include "types/scope.h"

/* ---- a plan save ---------------------------------------------------------- */

static int save_plan(struct store *st, const struct scope *caller, const char *dir, struct err *err)
{
  (void)dir;
  static const char text[] = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 07/KH-UBND\n"
                             "KẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
                             "I. MỤC TIÊU\nGiảm 5% số người nghiện so với năm 2025.\n"
                             "II. NHIỆM VỤ\n1. Tuyên truyền\n"
                             "- Tổ chức tuyên truyền tại các trường học (Sở Giáo dục và Đào tạo "
                             "chủ trì, phối hợp Công an tỉnh, hoàn thành trước 30/6/2026).\n"
                             "III. TỔ CHỨC THỰC HIỆN\nBáo cáo 6 tháng trước ngày 10/6/2026.\n";
  struct plan p;
  int rc = plan_read_text(&p, text, sizeof text - 1, err);
  long id = 0;
  if (!rc)
    rc = plan_edit_save(&id, st, &p, "kehoach.txt", text, caller->user, err);
  plan_free(&p);
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
