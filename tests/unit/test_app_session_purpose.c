/* test_app_session_purpose.c: the purpose of access a web session records
 * before its first person's record is read — chosen from the list or
 * written by hand, refused when missing or too long, kept for the session
 * only. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_session.h"
#include "app/app_user.h"
#include "store/store.h"
#include "types/scope.h"

#define T0 1800000000L
#define PW "sông Hồng chảy mãi"

struct fx {
  char *dir;
  struct store *st;
  struct scope admin;
  struct app_session_limits lim;
};

static int setup(void **state)
{
  struct fx *f = calloc(1, sizeof *f);
  f->dir = tu_tempdir();
  *state = f;
  app_session_limits_default(&f->lim);
  if (tu_open_app_db(&f->st, &f->admin, f->dir, "p.db"))
    return -1;
  struct app_user_new in = {"cb.test", NULL, "officer", NULL, NULL, NULL};
  long id;
  struct err err = {0};
  return app_user_add_password(&id, f->st, &f->admin, &in, PW, &err);
}

static int teardown(void **state)
{
  struct fx *f = *state;
  store_close(f->st);
  tu_rmtree(f->dir);
  free(f->dir);
  free(f);
  return 0;
}

/* The purpose the session `token` holds now, as the next request reads it. */
static const char *purpose_of(struct fx *f, const char *token, struct app_session *c)
{
  struct err err = {0};
  assert_int_equal(app_session_check(c, f->st, token, T0 + 1, &f->lim, &err), ERR_OK);
  return c->purpose;
}

static void chosen_written_refused(void **state)
{
  struct fx *f = *state;
  struct app_session s, c;
  char got[SCOPE_PURPOSE_MAX];
  struct err err = {0};
  assert_int_equal(app_session_signin(&s, f->st, "cb.test", PW, "10.0.0.1", T0, &f->lim, &err),
                   ERR_OK);
  assert_string_equal(purpose_of(f, s.token, &c), ""); /* not asked yet */

  /* nothing chosen, an unknown choice, "other" without its reason */
  assert_int_equal(app_session_set_purpose(got, f->st, &c, NULL, NULL, &err), ERR_INPUT);
  assert_string_equal(err.msg, "Hãy chọn mục đích truy cập hồ sơ.");
  assert_int_equal(app_session_set_purpose(got, f->st, &c, "tò mò", NULL, &err), ERR_INPUT);
  assert_int_equal(app_session_set_purpose(got, f->st, &c, "other", "  \t ", &err), ERR_INPUT);
  assert_string_equal(err.msg, "Hãy ghi rõ mục đích khác.");
  /* 101 characters of two bytes each is one too many; 100 is allowed */
  char long_text[256] = "";
  for (int i = 0; i < 101; i++)
    strcat(long_text, "đ");
  assert_int_equal(app_session_set_purpose(got, f->st, &c, "other", long_text, &err), ERR_INPUT);
  assert_string_equal(purpose_of(f, s.token, &c), ""); /* a refusal stores nothing */

  /* a purpose of the list is kept as its label */
  assert_int_equal(app_session_set_purpose(got, f->st, &c, "report", NULL, &err), ERR_OK);
  assert_string_equal(got, "Lập báo cáo");
  assert_string_equal(purpose_of(f, s.token, &c), "Lập báo cáo");
  /* a written one after "Khác: ", trimmed; the form's label reads too */
  long_text[strlen("đ") * 100] = '\0';
  assert_int_equal(app_session_set_purpose(got, f->st, &c, "Khác", long_text, &err), ERR_OK);
  assert_int_equal(strncmp(got, "Khác: đđ", strlen("Khác: đđ")), 0);
  assert_int_equal(
      app_session_set_purpose(got, f->st, &c, "other", "  xác minh đơn tố giác \n", &err), ERR_OK);
  assert_string_equal(purpose_of(f, s.token, &c), "Khác: xác minh đơn tố giác");

  /* a new session of the same user is asked again */
  struct app_session s2, c2;
  assert_int_equal(app_session_signin(&s2, f->st, "cb.test", PW, "10.0.0.1", T0, &f->lim, &err),
                   ERR_OK);
  assert_string_equal(purpose_of(f, s2.token, &c2), "");
  assert_string_equal(purpose_of(f, s.token, &c), "Khác: xác minh đơn tố giác");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(chosen_written_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
