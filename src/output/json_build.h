/* json_build.h: building a JSON value with jansson, and its text, as every writer in
 * src/output gives it.
 *
 * A writer builds an object field by field without checking each call: the
 * helpers take the references they are given (also on failure) and clear
 * *ok when anything failed (jansson returns NULL when memory runs out);
 * json_build_done then gives the object, or NULL and nothing leaked. One
 * place decides how JSON is printed: pretty (two spaces), keys in the order
 * they were set, UTF-8 as is (not ASCII-escaped), a newline at the end. */
#ifndef PCMT_OUTPUT_JSON_BUILD_H
#define PCMT_OUTPUT_JSON_BUILD_H

#include <jansson.h>

#include "base/err.h"

/* o[key] = v, taking v; *ok = 0 when o or v is NULL or the set failed. */
void json_build_set(json_t *o, const char *key, json_t *v, int *ok);
/* Append v to array a, taking v; *ok = 0 on failure, as json_build_set. */
void json_build_push(json_t *a, json_t *v, int *ok);
/* o when ok, else NULL (o released). */
json_t *json_build_done(json_t *o, int ok);
/* A string, or null for NULL and "" (a field the record does not know). */
json_t *json_build_str(const char *s);

/* The text of `j` into a malloc'd *out (caller frees), ending with a
 * newline. Takes the reference `j` (json_decref'd here, also on failure).
 * j NULL (a builder that ran out of memory) or a failed dump: ERR_NOMEM,
 * *out NULL. */
int json_build_text(char **out, json_t *j, struct err *err);

#endif
