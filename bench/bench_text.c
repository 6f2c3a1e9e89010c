/* bench_text.c: search keys and Vietnamese collation keys over one million
 * generated person names, and sorting them in Vietnamese order. Prints
 * figures; asserts nothing (targets in docs/bench.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/text.h"

#define NAMES 1000000

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned next_rand(unsigned n)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

/* Family names weighted roughly by their frequency in Vietnam. */
static const char *const FAMILY[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",
    "Lê",     "Lê",     "Phạm",   "Hoàng",  "Huỳnh",  "Phan",   "Vũ",     "Võ",     "Đặng", "Bùi",
    "Đỗ",     "Hồ",     "Ngô",    "Dương",  "Lý",     "Giàng",  "Sùng",   "Lò",     "Hà",   "Đinh"};
static const char *const MIDDLE[] = {"Văn",   "Thị", "Đức",   "Minh", "Ngọc", "Thu",
                                     "Quang", "Hữu", "Thanh", "Xuân", "A",    "Mí"};
static const char *const GIVEN[] = {
    "An",  "Anh",  "Ánh",   "Bình", "Chiến", "Dũng", "Dung", "Đức", "Giang", "Hà",   "Hải",  "Hòa",
    "Hoà", "Hùng", "Hương", "Khoa", "Lan",   "Linh", "Mai",  "Nam", "Ngọc",  "Phúc", "Quân", "Sơn",
    "Tâm", "Thảo", "Trang", "Tuấn", "Út",    "Vân",  "Xuân", "Yến", "Chứ",   "Dế",   "Pó"};

#define COUNT(a) (sizeof a / sizeof *a)

struct keyed {
  unsigned char *key;
  size_t len;
};

static int cmp_keyed(const void *a, const void *b)
{
  const struct keyed *x = a, *y = b;
  size_t m = x->len < y->len ? x->len : y->len;
  int r = memcmp(x->key, y->key, m);
  return r ? r : (x->len > y->len) - (x->len < y->len);
}

static long peak_rss_kb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int main(void)
{
  char **names = malloc(NAMES * sizeof *names);
  size_t bytes = 0;
  for (size_t i = 0; i < NAMES; i++) {
    char b[128];
    snprintf(b, sizeof b, "%s %s %s", FAMILY[next_rand(COUNT(FAMILY))],
             MIDDLE[next_rand(COUNT(MIDDLE))], GIVEN[next_rand(COUNT(GIVEN))]);
    names[i] = strdup(b);
    bytes += strlen(b);
  }
  printf("names:           %d generated (%.1f MB of UTF-8)\n", NAMES, (double)bytes / 1e6);

  double t0 = now();
  size_t folded = 0;
  for (size_t i = 0; i < NAMES; i++) {
    char *k = NULL;
    if (text_fold(&k, names[i], NULL) == ERR_OK)
      folded += strlen(k);
    free(k);
  }
  double t1 = now();
  printf("text_fold:       %.3f s for 1M names (%.2f us/name)\n", t1 - t0, (t1 - t0) * 1e6 / NAMES);

  struct keyed *keys = malloc(NAMES * sizeof *keys);
  t0 = now();
  size_t key_bytes = 0;
  for (size_t i = 0; i < NAMES; i++) {
    text_collate_key(&keys[i].key, &keys[i].len, names[i], NULL);
    key_bytes += keys[i].len;
  }
  t1 = now();
  printf("collate keys:    %.3f s for 1M names (%.2f us/name, %.1f bytes/key)\n", t1 - t0,
         (t1 - t0) * 1e6 / NAMES, (double)key_bytes / NAMES);

  t0 = now();
  qsort(keys, NAMES, sizeof *keys, cmp_keyed);
  t1 = now();
  printf("sort by key:     %.3f s for 1M names\n", t1 - t0);
  printf("peak RSS:        %.1f MB\n", (double)peak_rss_kb() / 1024);
  (void)folded;

  for (size_t i = 0; i < NAMES; i++) {
    free(keys[i].key);
    free(names[i]);
  }
  free(keys);
  free(names);
  return 0;
}
