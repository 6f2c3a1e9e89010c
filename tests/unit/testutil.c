/* testutil.c: helpers shared by the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/app_db.h"
#include "app/app_person.h"
#include "app/app_register.h"
#include "app/app_user.h"
#include "domain/gen.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "ingest/unit_import.h"
#include "store/db.h"
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

const char *tu_write_file(const char *dir, const char *name, const char *text)
{
  static char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

long tu_count(struct store *st, const char *sql)
{
  struct stmt *s;
  struct err err = {0};
  assert_int_equal(db_prepare(&s, st, sql, &err), 0);
  assert_int_equal(db_step(s, &err), 1);
  long n = (long)db_col_int(s, 0);
  db_finalize(s);
  return n;
}

const char *tu_reject_reason(const struct reg_import_result *r, long line)
{
  for (size_t i = 0; i < r->n_rejects; i++)
    if (r->rejects[i].line == line)
      return r->rejects[i].reason;
  return NULL;
}

int tu_import(struct reg_import_result *res, struct store *st, const struct scope *sc,
              const char *reg, const char *path, int dry_run, const char *today, struct err *err)
{
  struct app_register_import_in in = {reg, path, dry_run, today};
  return app_register_import(res, st, sc, &in, err);
}

/* The rows of an export handed to a test's callback; the header skipped. */
struct tu_rows {
  int (*fn)(void *ctx, const char *const *cells);
  void *ctx;
};

static int tu_rows_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  (void)ctx, (void)cells, (void)n, (void)err;
  return 0;
}

static int tu_rows_row(void *ctx, const char *const *cells, struct err *err)
{
  (void)err;
  struct tu_rows *r = ctx;
  return r->fn(r->ctx, cells);
}

int tu_export(long *n_rows, struct store *st, const struct scope *sc, const char *reg,
              const char *today, int (*fn)(void *ctx, const char *const *cells), void *ctx,
              struct err *err)
{
  struct tu_rows r = {fn, ctx};
  struct app_register_sink sink = {tu_rows_header, tu_rows_row, &r};
  return app_register_export(n_rows, st, sc, reg, today, &sink, err);
}

int tu_unit_import(struct store *st, const char *dir, struct unit_import_stats *stats,
                   struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = unit_import(st, dir, stats, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int tu_gen_run(struct gen_result *out, struct store *st, const struct scope *actor,
               const struct gen_options *o, struct err *err)
{
  int rc = gen_prepare(st, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = gen_run(out, st, actor, o, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int tu_open_units_db(struct store **st, struct scope *admin, const char *dir, const char *file)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  struct err err = {0};
  if (store_open(st, path, &err) || store_migrate(*st, NULL, NULL, &err) ||
      tu_unit_import(*st, tu_source_path("data/units"), NULL, &err) ||
      scope_init(admin, "tester", "admin", NULL, NULL, "kiểm thử", &err) ||
      scope_resolve(admin, *st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

int tu_open_app_db(struct store **st, struct scope *admin, const char *dir, const char *file)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  struct err err = {0};
  struct app_db_init_result res;
  if (store_open(st, path, &err) || app_db_init(&res, *st, &err) ||
      tu_unit_import(*st, tu_source_path("data/units"), NULL, &err) ||
      app_caller_open(admin, *st, NULL, "kiểm thử", &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

void tu_add_user(struct scope *out, struct store *st, const struct scope *admin, const char *login,
                 const char *role, const char *code)
{
  struct app_user_new in = {login, NULL, role, NULL, code, NULL};
  if (strcmp(role, "agency") == 0)
    in.agency_kind = "health";
  long id;
  struct err err = {0};
  if (app_user_add(&id, st, admin, &in, &err) || app_caller_open(out, st, login, "kiểm thử", &err))
    fail_msg("user %s: %s", login, err.msg);
}

/* The newest row of the chain whose rows are in `rows`. */
static void last_row(char *action, char *actor, long *record_id, struct store *rows)
{
  struct stmt *s;
  struct err err = {0};
  assert_int_equal(db_prepare(&s, rows,
                              "SELECT action, actor, record_id FROM audit_log ORDER BY id DESC "
                              "LIMIT 1",
                              &err),
                   ERR_OK);
  assert_int_equal(db_step(s, &err), 1);
  snprintf(action, 64, "%s", db_col_text(s, 0));
  snprintf(actor, 64, "%s", db_col_text(s, 1));
  *record_id = (long)db_col_int(s, 2);
  db_finalize(s);
}

void tu_last_audit(char *action, char *actor, long *record_id, struct store *st)
{
  last_row(action, actor, record_id, st);
}

void tu_last_read_audit(char *action, char *actor, long *record_id, struct store *st)
{
  struct store *reads;
  struct err err = {0};
  assert_int_equal(store_reads(&reads, st, &err), ERR_OK);
  last_row(action, actor, record_id, reads);
}

long tu_count_reads(struct store *st, const char *sql)
{
  struct store *reads;
  struct err err = {0};
  assert_int_equal(store_reads(&reads, st, &err), ERR_OK);
  return tu_count(reads, sql);
}

long tu_create_person(struct store *st, const struct scope *sc, const char *today, const char *name,
                      const char *born, const char *sex, const char *ethnicity, const char *code)
{
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "%s", name);
  snprintf(p.birth_date, sizeof p.birth_date, "%s", born);
  snprintf(p.sex, sizeof p.sex, "%s", sex);
  snprintf(p.unit_tree, sizeof p.unit_tree, "%s", UNIT_TREE_OLD);
  snprintf(p.unit_code, sizeof p.unit_code, "%s", code);
  if (ethnicity)
    snprintf(p.ethnicity, sizeof p.ethnicity, "%s", ethnicity);
  struct err err = {0};
  if (app_person_add(&(long){0}, st, sc, &p, today, &err))
    fail_msg("create %s: %s", name, err.msg);
  return p.id;
}

long tu_add_event(struct store *st, const struct scope *sc, const char *today, long person_id,
                  enum person_event_kind kind, const char *date, const char *value,
                  const char *facility, const char *note)
{
  struct person_event e;
  memset(&e, 0, sizeof e);
  e.person_id = person_id;
  e.kind = kind;
  snprintf(e.date, sizeof e.date, "%s", date);
  if (kind == PEV_MOVED) {
    snprintf(e.unit_tree, sizeof e.unit_tree, "%s", UNIT_TREE_OLD);
    snprintf(e.unit_code, sizeof e.unit_code, "%s", value ? value : "");
  } else if (kind == PEV_VOID) {
    char *end = NULL;
    e.ref_event_id = value ? strtol(value, &end, 10) : 0;
    if (!value || end == value || *end)
      fail_msg("void on %ld: \"%s\" is not an event id", person_id, value ? value : "");
  } else if (value) {
    snprintf(e.value, sizeof e.value, "%s", value);
  }
  if (facility)
    snprintf(e.facility, sizeof e.facility, "%s", facility);
  if (note)
    snprintf(e.note, sizeof e.note, "%s", note);
  struct err err = {0};
  if (app_person_event(&(long){0}, st, sc, &e, today, &err))
    fail_msg("event %d on %ld: %s", (int)kind, person_id, err.msg);
  return e.id;
}
