/* test_idmap.c: the integer-key map the indicators count "once" with,
 * against a plain array computed the slow way. */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"

static void empty_map(void **state)
{
  (void)state;
  struct idmap m = {0};
  size_t at = 0;
  uint64_t k, b;
  assert_int_equal(idmap_get(&m, 0), 0);
  assert_int_equal(idmap_next(&m, &at, &k, &b), 0);
  idmap_free(&m);
  idmap_free(NULL);
}

/* 200,000 OR operations over 50,000 keys (0 included, consecutive ids and
 * ids with a group in the high bits), through many doublings: every key's
 * value is the OR of its bits, the walk sees each key once. */
static void ors_like_an_array(void **state)
{
  (void)state;
  enum { KEYS = 50000, OPS = 200000 };
  uint64_t *want = calloc(KEYS, sizeof *want);
  unsigned char *walked = calloc(KEYS, 1);
  assert_non_null(want);
  assert_non_null(walked);
  struct idmap m = {0};
  uint64_t seed = 12345;
  for (int i = 0; i < OPS; i++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t k = (size_t)(seed >> 33) % KEYS;
    uint64_t bit = 1ULL << ((seed >> 20) % 40);
    want[k] |= bit;
    uint64_t key = (uint64_t)(k % 3) << 40 | k; /* a group in the high bits */
    assert_int_equal(idmap_or(&m, key, bit), 0);
  }
  size_t present = 0;
  for (size_t k = 0; k < KEYS; k++) {
    present += want[k] != 0;
    assert_true(idmap_get(&m, (uint64_t)(k % 3) << 40 | k) == want[k]);
    assert_true(idmap_get(&m, k + 1000000) == 0);
  }
  assert_int_equal(m.n, present);
  size_t at = 0, seen = 0;
  uint64_t key, bits;
  while (idmap_next(&m, &at, &key, &bits)) {
    size_t k = (size_t)(key & ((1ULL << 40) - 1));
    assert_true(k < KEYS);
    assert_int_equal(key >> 40, k % 3);
    assert_false(walked[k]);
    walked[k] = 1;
    assert_true(bits == want[k]);
    seen++;
  }
  assert_int_equal(seen, present);
  idmap_free(&m);
  free(want);
  free(walked);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(empty_map),
      cmocka_unit_test(ors_like_an_array),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
