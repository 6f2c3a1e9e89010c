/* json_dump.c: JSON values as text (see json_dump.h). */
#include "output/json_dump.h"

#include <stdlib.h>
#include <string.h>

int json_dump_text(char **out, json_t *j, struct err *err)
{
  *out = NULL;
  if (!j)
    return err_nomem(err);
  char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(j);
  if (!s)
    return err_nomem(err);
  size_t n = strlen(s);
  char *r = realloc(s, n + 2);
  if (!r) {
    free(s);
    return err_nomem(err);
  }
  r[n] = '\n';
  r[n + 1] = '\0';
  *out = r;
  return ERR_OK;
}
