/* fuzz_docx.c: libFuzzer target for the .docx reader (zip + XML), followed
 * by the plan reader on what it gives. Seeds: scripts/fuzz.sh writes small
 * .docx files made by the test fixture writer into a temporary corpus. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "types/plan.h"
#include "ingest/doc_read.h"
#include "ingest/plan_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *text = NULL;
  size_t len = 0;
  struct err err = {0};
  if (doc_read_docx_mem(&text, &len, data, size, &err) == ERR_OK) {
    struct plan p;
    if (plan_read_text(&p, text, len, &err) == ERR_OK)
      plan_free(&p);
    free(text);
  }
  return 0;
}
