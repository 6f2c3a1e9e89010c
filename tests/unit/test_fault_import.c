/* test_fault_import.c: a people import under allocation faults (tests/unit/faultrun.h). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/app_register.h"
#include "faultalloc.h"
#include "faultrun.h"
#include "types/register.h"

/* ---- a people import ---------------------------------------------------- */

/* The file, written once before the runs (not while allocations fail). */
static char people_csv[4200];

static int import_people(struct store *st, const struct scope *caller, const char *dir,
                         struct err *err)
{
  (void)dir;
  struct app_register_import_in in = {"people", people_csv, 0, "2026-06-01"};
  struct reg_import_result res;
  int rc = app_register_import(&res, st, caller, &in, err);
  if (!rc && (res.inserted != 3 || res.n_rejects))
    rc = err_set(err, ERR_INTERNAL, "imported %ld, rejected %zu", res.inserted, res.n_rejects);
  reg_import_result_free(&res);
  return rc;
}

static void people_import_fails_cleanly(void **state)
{
  char *dir = tu_tempdir();
  snprintf(people_csv, sizeof people_csv, "%s",
           tu_write_file(dir, "people.csv",
                         "Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Hệ đơn vị,Số định danh,"
                         "Phân loại,Ngày phân loại\n"
                         "Nguyễn Văn An,12/03/1990,Nam,03006,post2025,015090000101,"
                         "Người nghiện ma túy,02/01/2026\n"
                         "Lò Thị Bình,01/07/1985,Nữ,03006,post2025,,,\n"
                         "Giàng A Chứ,20/11/2001,Nam,02671,post2025,015201000203,"
                         "Người sử dụng trái phép chất ma túy,15/02/2026\n"));
  fault_db_every_allocation(state, import_people);
  tu_rmtree(dir);
  free(dir);
}

int main(void)
{
  if (faultalloc_install())
    return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(people_import_fails_cleanly, fault_db_setup,
                                      fault_db_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
