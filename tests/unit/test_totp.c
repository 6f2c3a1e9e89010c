/* test_totp.c: the TOTP check against RFC 6238's test vectors (Appendix B,
 * SHA-1, secret "12345678901234567890", 8 digits), its window of one step
 * either side, replay refusal, and the recovery codes' shape and hash. */
#include "testutil.h"

#include <string.h>

#include "domain/mfa_rule.h"
#include "domain/totp.h"

static const unsigned char rfc_secret[] = "12345678901234567890";
#define RFC_LEN 20

/* RFC 6238 Appendix B, SHA-1 column: time, code */
static const struct {
  long t;
  const char *code;
} vectors[] = {
    {59L, "94287082"},         {1111111109L, "07081804"}, {1111111111L, "14050471"},
    {1234567890L, "89005924"}, {2000000000L, "69279037"}, {20000000000L, "65353130"},
};

static void rfc6238_vectors(void **state)
{
  (void)state;
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    long step = -1;
    assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, vectors[i].t, 0, vectors[i].code), 1);
    assert_int_equal(step, vectors[i].t / 30);
  }
  long step = -1;
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 59, 0, "94287083"), 0);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 59, 0, "9428708a"), 0);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 59, 0, ""), 0);
  assert_int_equal(step, -1);
}

/* 1111111109 is step 37037036 (1111111080..1111111109): one step either
 * side is accepted, two are not. */
static void window_of_one_step(void **state)
{
  (void)state;
  long step = 0;
  const char *c = "07081804";
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111110L, 0, c), 1); /* next step */
  assert_int_equal(step, 37037036);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111139L, 0, c), 1); /* still next */
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111140L, 0, c), 0); /* two after */
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111079L, 0, c), 1); /* step before */
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111049L, 0, c), 0); /* two before */
}

static void replay_refused(void **state)
{
  (void)state;
  long step = 0;
  const char *c = "07081804";
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111109L, 37037035L, c), 1);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111109L, 37037036L, c), 0);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111120L, 37037036L, c), 0);
  assert_int_equal(totp_check(&step, rfc_secret, RFC_LEN, 1111111109L, 37037040L, c), 0);
}

/* RFC 4648's base32 of the RFC 6238 secret, and the URI apps read. */
static void base32_and_uri(void **state)
{
  (void)state;
  char b32[TOTP_BASE32_MAX], uri[TOTP_URI_MAX];
  struct err err = {0};
  assert_int_equal(totp_base32(b32, sizeof b32, rfc_secret, RFC_LEN, &err), ERR_OK);
  assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  assert_int_equal(totp_uri(uri, sizeof uri, "cb.tinh", b32, &err), ERR_OK);
  assert_string_equal(uri, "otpauth://totp/PCMT:cb.tinh?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                           "&issuer=PCMT&algorithm=SHA1&digits=6&period=30");
}

static void recovery_codes(void **state)
{
  (void)state;
  char a[TOTP_RECOVERY_MAX], b[TOTP_RECOVERY_MAX];
  struct err err = {0};
  assert_int_equal(totp_recovery_new(a, sizeof a, &err), ERR_OK);
  assert_int_equal(totp_recovery_new(b, sizeof b, &err), ERR_OK);
  assert_int_equal(strlen(a), 19);
  assert_true(a[4] == '-' && a[9] == '-' && a[14] == '-');
  assert_string_not_equal(a, b);
  unsigned char h1[TOTP_RECOVERY_HASH], h2[TOTP_RECOVERY_HASH];
  /* case, spaces and dashes do not matter */
  assert_int_equal(totp_recovery_hash(h1, 7, "abcd-efgh-ijkl-mnop"), 0);
  assert_int_equal(totp_recovery_hash(h2, 7, "ABCD EFGH IJKL MNOP"), 0);
  assert_memory_equal(h1, h2, sizeof h1);
  /* another user's hash of the same code differs */
  assert_int_equal(totp_recovery_hash(h2, 8, "abcd-efgh-ijkl-mnop"), 0);
  assert_memory_not_equal(h1, h2, sizeof h1);
  /* not shaped like a code: 15 letters, a '1' (not base32), 17 letters */
  assert_int_equal(totp_recovery_hash(h1, 7, "abcd-efgh-ijkl-mno"), -1);
  assert_int_equal(totp_recovery_hash(h1, 7, "abcd-efgh-ijkl-mno1"), -1);
  assert_int_equal(totp_recovery_hash(h1, 7, "abcd-efgh-ijkl-mnopq"), -1);
}

static void who_must_enrol(void **state)
{
  (void)state;
  assert_int_equal(mfa_rule_required(SCOPE_ADMIN, 3), 1);   /* an administrator anywhere */
  assert_int_equal(mfa_rule_required(SCOPE_OFFICER, 1), 1); /* a province officer */
  assert_int_equal(mfa_rule_required(SCOPE_LEADER, 0), 1);  /* a national leader */
  assert_int_equal(mfa_rule_required(SCOPE_OFFICER, 2), 0); /* a commune officer */
  assert_int_equal(mfa_rule_required(SCOPE_AGENCY, 3), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(rfc6238_vectors), cmocka_unit_test(window_of_one_step),
      cmocka_unit_test(replay_refused),  cmocka_unit_test(base32_and_uri),
      cmocka_unit_test(recovery_codes),  cmocka_unit_test(who_must_enrol),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
