/* test_web_form.c: urlencoded form fields and Cookie headers. */
#include "testutil.h"

#include <string.h>

#include "base/arena.h"
#include "web/form.h"

static const char *field(struct arena *a, const char *body, const char *name, int *rc)
{
  const char *v = NULL;
  *rc = form_value(&v, a, body, strlen(body), name);
  return v;
}

static void form_fields(void **state)
{
  (void)state;
  struct arena a;
  arena_init(&a, 0, 0);
  int rc;
  const char *body = "login=cb.laocai&password=a+b%26c%3D%C4%91&csrf=&flag&login=second";
  assert_string_equal(field(&a, body, "login", &rc), "cb.laocai"); /* the first one */
  assert_string_equal(field(&a, body, "password", &rc), "a b&c=đ");
  assert_string_equal(field(&a, body, "csrf", &rc), "");
  assert_string_equal(field(&a, body, "flag", &rc), "");
  assert_null(field(&a, body, "log", &rc)); /* a prefix is another name */
  assert_int_equal(rc, 0);
  assert_null(field(&a, body, "nope", &rc));
  assert_int_equal(rc, 0);
  /* malformed: a truncated escape, a bad hex digit, a NUL, invalid UTF-8 */
  assert_null(field(&a, "x=ab%4", "x", &rc));
  assert_int_equal(rc, -1);
  assert_null(field(&a, "x=%G1", "x", &rc));
  assert_int_equal(rc, -1);
  assert_null(field(&a, "x=a%00b", "x", &rc));
  assert_int_equal(rc, -1);
  assert_null(field(&a, "x=%C3%28", "x", &rc));
  assert_int_equal(rc, -1);
  assert_null(field(&a, "", "x", &rc));
  assert_int_equal(rc, 0);
  arena_free(&a);
}

static void cookies(void **state)
{
  (void)state;
  struct arena a;
  arena_init(&a, 0, 0);
  const char *v = NULL;
  assert_int_equal(form_cookie(&v, &a, "theme=dark; __Host-pcmt=abc123; x=1", "__Host-pcmt"), 0);
  assert_string_equal(v, "abc123");
  assert_int_equal(form_cookie(&v, &a, "__Host-pcmtx=1;pcmt=\"q\"", "pcmt"), 0);
  assert_string_equal(v, "q");
  assert_int_equal(form_cookie(&v, &a, "xpcmt=1; pcmtx=2", "pcmt"), 0);
  assert_null(v);
  assert_int_equal(form_cookie(&v, &a, NULL, "pcmt"), 0);
  assert_null(v);
  assert_int_equal(form_cookie(&v, &a, ";;; pcmt ; pcmt=", "pcmt"), 0);
  assert_string_equal(v, "");
  arena_free(&a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(form_fields),
      cmocka_unit_test(cookies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
