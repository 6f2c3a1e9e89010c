/* json_build.c: JSON values built and printed the one way (see json_build.h). */
#include "output/json_build.h"

#include <stdlib.h>
#include <string.h>

void json_build_set(json_t *o, const char *key, json_t *v, int *ok)
{
  if (!o || !v) {
    json_decref(v);
    *ok = 0;
  } else if (json_object_set_new(o, key, v) != 0) { /* v released by jansson */
    *ok = 0;
  }
}

void json_build_push(json_t *a, json_t *v, int *ok)
{
  if (!a || !v) {
    json_decref(v);
    *ok = 0;
  } else if (json_array_append_new(a, v) != 0) { /* v released by jansson */
    *ok = 0;
  }
}

json_t *json_build_done(json_t *o, int ok)
{
  if (ok)
    return o;
  json_decref(o);
  return NULL;
}

json_t *json_build_str(const char *s)
{
  return s && *s ? json_string(s) : json_null();
}

int json_build_text(char **out, json_t *j, struct err *err)
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
