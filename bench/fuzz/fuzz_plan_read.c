/* fuzz_plan_read.c: libFuzzer target for the plan reader on text.
 * Build: cmake -S . -B build-fuzz -DPCMT_FUZZ=ON -DCMAKE_C_COMPILER=clang
 * Run:   build-fuzz/fuzz_plan_read -max_total_time=600 tests/fixtures/plans
 * (scripts/fuzz.sh does both). Any input must give a plan or a clear error. */
#include <stddef.h>
#include <stdint.h>

#include "types/plan.h"
#include "ingest/plan_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct plan p;
  struct err err = {0};
  if (plan_read_text(&p, (const char *)data, size, &err) == ERR_OK)
    plan_free(&p);
  return 0;
}
