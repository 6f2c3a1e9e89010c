/* json_dump.h: the text of a JSON value as every writer in src/output gives it.
 *
 * One place decides how JSON is printed: pretty (two spaces), keys in the
 * order they were set, UTF-8 as is (not ASCII-escaped), a newline at the
 * end. The unit, agency, audit and user writers build with jansson and end
 * here. */
#ifndef PCMT_OUTPUT_JSON_DUMP_H
#define PCMT_OUTPUT_JSON_DUMP_H

#include <jansson.h>

#include "base/err.h"

/* The text of `j` into a malloc'd *out (caller frees), ending with a
 * newline. Takes the reference `j` (json_decref'd here, also on failure).
 * j NULL (a builder that ran out of memory) or a failed dump: ERR_NOMEM,
 * *out NULL. */
int json_dump_text(char **out, json_t *j, struct err *err);

#endif
