/* bench_plan_read.c: time the plan reader on documents.
 *
 * bench_plan_read [--json] [FILE...]: reads each file's text, then reads
 * the plan from it 50 times and prints the median and worst time per read;
 * --json prints the plan instead (how the reader is inspected during
 * development). Without files: the three sample plans of the fixtures, and
 * a 50-page plan made by repeating the tasks part of the Lào Cai sample
 * (a page of Vietnamese administrative text is about 3,500 bytes). */
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

static int bench_text(const char *name, const char *text, size_t len)
{
  enum { RUNS = 50 };
  double t[RUNS];
  struct err err = {0};
  struct plan pl;
  size_t ntask = 0;
  for (int r = 0; r < RUNS; r++) {
    double a = now_ms();
    int rc = plan_read_text(&pl, text, len, &err);
    t[r] = now_ms() - a;
    ntask = pl.n_tasks;
    plan_free(&pl);
    if (rc) {
      fprintf(stderr, "%s: %s\n", name, err.msg);
      return 1;
    }
  }
  qsort(t, RUNS, sizeof t[0], cmp_double);
  printf("plan_read %-28s %8zu bytes %4zu tasks  median %6.2f ms  max %6.2f ms\n", name, len, ntask,
         t[RUNS / 2], t[RUNS - 1]);
  return 0;
}

static int bench_defaults(void)
{
  static const char *const samples[] = {"000_eae0b25c37df13bf.txt", "001_c4b8e8f3bf85f38b.txt",
                                        "004_91f2c84d0a0eb75f.txt"};
  char path[1024];
  char *last = NULL;
  size_t last_len = 0;
  int rc = 0;
  for (int k = 0; k < 3; k++) {
    snprintf(path, sizeof path, "%s/../tests/fixtures/plans/%s", PCMT_DATA_DIR, samples[k]);
    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", path);
      return 1;
    }
    rc |= bench_text(samples[k], text, len);
    free(last);
    last = text;
    last_len = len;
  }
  /* 50 pages: the header and parts up to the tasks, then the tasks part
   * (from "IV." to "V.") repeated, then the closing part */
  const char *iv = strstr(last, "\nIV. "), *v = strstr(last, "\nV. ");
  if (iv && v && v > iv) {
    size_t head = (size_t)(iv - last), part = (size_t)(v - iv),
           tail = last_len - (size_t)(v - last);
    size_t want = 50 * 3500, n = head + tail, reps = 0;
    while (n < want) {
      n += part;
      reps++;
    }
    char *big = malloc(n + 1), *o = big;
    memcpy(o, last, head);
    o += head;
    for (size_t r = 0; r < reps; r++) {
      memcpy(o, iv, part);
      o += part;
    }
    memcpy(o, v, tail);
    o += tail;
    *o = '\0';
    rc |= bench_text("50 pages (synthetic)", big, n);
    free(big);
  }
  free(last);
  return rc;
}

int main(int argc, char **argv)
{
  int json = 0;
  if (argc == 1)
    return bench_defaults();
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
