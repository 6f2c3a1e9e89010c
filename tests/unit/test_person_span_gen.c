/* test_person_span_gen.c: on generated data, the people stocks equal what
 * replaying each history says.
 *
 * A property, not hand-counted figures: for a seeded generated province and
 * several days, the stocks computed from the derived spans (indicator_compute
 * over the whole country, which holds only that province's people) equal the
 * counts obtained by replaying each person's history up to that day with
 * person_replay, the walk `person show` and `person search --status` use,
 * read through the status words (person_status_matches) and the definitions
 * of docs/indicators.md. Should the derivation and the history walk drift
 * apart again, a day here disagrees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "domain/gen.h"
#include "domain/indicator.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "store/store.h"
#include "store/store_people.h"
#include "testutil.h"

#define TODAY "2026-11-23"

static char *dir;
static struct store *st;
static struct scope admin;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  if (tu_open_units_db(&st, &admin, dir, "gen.db"))
    return -1;
  struct gen_options o;
  gen_options_init(&o, GEN_PROVINCE);
  snprintf(o.province, sizeof o.province, "15"); /* Yên Bái */
  snprintf(o.today, sizeof o.today, TODAY);
  o.seed = 7;
  o.people = 3000;
  o.cases = 50;
  o.places = 20;
  o.networks = 2;
  o.licit = 2;
  o.activities = 20;
  struct gen_result r;
  struct err err = {0};
  if (tu_gen_run(&r, st, &admin, &o, &err)) {
    fprintf(stderr, "gen_run: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

/* The people stocks of docs/indicators.md, in catalogue order. */
enum { S_LIST, S_USERS, S_ADDICTS, S_USERS_MANAGED, S_ADDICTS_TREATED, S_OST, S_AFTERCARE, S_N };
static const char *const stock_codes[S_N] = {
    "drug_list_total", "users_registered", "addicts_registered", "users_managed",
    "addicts_treated", "ost_patients",     "aftercare_managed"};

struct tally {
  const char *day; /* ISO: count the status on this day */
  long n[S_N];
  long people, replayed, events_seen;
  struct person_event *buf;
  size_t cap;
};

/* Replay one person's history up to the day and count what the status says. */
static int count_person(void *ctx, const struct person *p, const struct person_event *ev, size_t n)
{
  struct tally *t = ctx;
  t->people++;
  if (n > t->cap) {
    t->cap = n * 2;
    t->buf = realloc(t->buf, t->cap * sizeof *t->buf);
    assert_non_null(t->buf);
  }
  /* A voided event never happened, whenever the void was recorded: leave
   * out both, then the events after the day. */
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (ev[i].kind == PEV_VOID || strcmp(ev[i].date, t->day) > 0)
      continue;
    int voided = 0;
    for (size_t j = 0; j < n && !voided; j++)
      voided = ev[j].kind == PEV_VOID && ev[j].ref_event_id == ev[i].id;
    if (!voided)
      t->buf[k++] = ev[i];
  }
  t->events_seen += (long)k;
  struct person_status s;
  struct err err = {0};
  if (person_replay(&s, p->birth_date, t->buf, k, t->day, &err))
    fail_msg("person %ld up to %s: %s", p->id, t->day, err.msg);
  t->replayed++;
  int user = person_status_matches(&s, "user"), addict = person_status_matches(&s, "addict");
  int psychosis = person_status_matches(&s, "psychosis");
  t->n[S_LIST] += user || addict || psychosis;
  t->n[S_USERS] += user;
  t->n[S_ADDICTS] += addict;
  t->n[S_USERS_MANAGED] += user && person_status_matches(&s, "managed");
  t->n[S_ADDICTS_TREATED] += addict && (s.rehab != PREHAB_NONE || s.ost);
  t->n[S_OST] += person_status_matches(&s, "ost");
  t->n[S_AFTERCARE] += person_status_matches(&s, "aftercare");
  return 0;
}

/* The stocks on `day` from the spans: the whole country. */
static void stocks_from_spans(long out[S_N], const char *day)
{
  struct period p;
  assert_int_equal(period_parse(&p, day, NULL), ERR_OK);
  struct indicator_result_list l;
  struct err err = {0};
  if (indicator_compute(&l, st, &admin, NULL, NULL, &p, IND_SPLIT_NONE, &err))
    fail_msg("compute: %s", err.msg);
  for (int s = 0; s < S_N; s++) {
    double v = NAN;
    for (size_t i = 0; i < l.n; i++)
      if (strcmp(l.items[i].def->code, stock_codes[s]) == 0 && l.items[i].group[0] == '\0')
        v = l.items[i].value;
    if (isnan(v))
      fail_msg("no value for %s", stock_codes[s]);
    out[s] = (long)v;
  }
  indicator_result_list_free(&l);
}

static void stocks_equal_replayed_histories(void **state)
{
  (void)state;
  static const char *const days[] = {"2020-12-31", "2021-06-30", "2022-03-31", "2022-12-31",
                                     "2023-09-30", "2024-06-30", "2025-06-30", "2025-07-01",
                                     "2025-12-31", "2026-05-31", TODAY};
  long total_list = 0, total_aftercare = 0, total_treated = 0;
  for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
    struct tally t;
    memset(&t, 0, sizeof t);
    t.day = days[d];
    struct err err = {0};
    assert_int_equal(store_person_scan(st, &admin, count_person, &t, &err), ERR_OK);
    free(t.buf);
    assert_true(t.people > 2000);
    assert_int_equal(t.replayed, t.people);
    long spans[S_N];
    stocks_from_spans(spans, days[d]);
    int bad = 0;
    for (int s = 0; s < S_N; s++)
      if (spans[s] != t.n[s]) {
        fprintf(stderr, "%s %s: spans %ld, replayed histories %ld\n", days[d], stock_codes[s],
                spans[s], t.n[s]);
        bad = 1;
      }
    if (bad)
      fail_msg("the stocks on %s disagree with the histories", days[d]);
    total_list += t.n[S_LIST];
    total_aftercare += t.n[S_AFTERCARE];
    total_treated += t.n[S_ADDICTS_TREATED];
  }
  /* The property is not vacuous: people on the list, in post-rehab
   * management, in treatment on those days. */
  assert_true(total_list > 1000);
  assert_true(total_aftercare > 100);
  assert_true(total_treated > 100);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stocks_equal_replayed_histories),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
