/* testutil.c: helpers shared by the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/scope.h"
#include "ingest/unit_import.h"
#include "store/store.h"

const char *tu_source_dir(void)
{
  const char *d = getenv("PCMT_SOURCE_DIR");
  return d && *d ? d : ".";
}

const char *tu_source_path(const char *rel)
{
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", tu_source_dir(), rel);
  return path;
}

char *tu_tempdir(void)
{
  const char *base = getenv("TMPDIR");
  char tmpl[4096];
  snprintf(tmpl, sizeof tmpl, "%s/pcmt-test-XXXXXX", base && *base ? base : "/tmp");
  if (!mkdtemp(tmpl))
    return NULL;
  return strdup(tmpl);
}

void tu_rmtree(const char *dir)
{
  if (!dir || !*dir || strstr(dir, "pcmt-test-") == NULL)
    return;
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "tu_rmtree: could not remove %s\n", dir);
}

char *tu_read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
    free(p);
    p = NULL;
  }
  fclose(f);
  if (p) {
    p[n] = '\0';
    if (len)
      *len = (size_t)n;
  }
  return p;
}

int tu_open_units_db(struct store **st, struct scope *admin, const char *dir, const char *file)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  struct err err = {0};
  if (store_open(st, path, &err) || store_migrate(*st, NULL, NULL, &err) ||
      unit_import(*st, tu_source_path("data/units"), NULL, &err) ||
      scope_init(admin, "tester", "admin", NULL, NULL, "kiểm thử", &err) ||
      scope_resolve(admin, *st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}
