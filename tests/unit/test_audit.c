/* test_audit.c: the audit trail — who read or changed which record and why, written in
 * the same transaction as the change, and a hash chain that exposes tampering.
 * The hash vector was computed independently (Python hashlib.blake2b, digest 32). */
#include "testutil.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "domain/audit.h"
#include "domain/audit_checkpoint.h"
#include "domain/legal_rule.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "ingest/unit_import.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_key.h"
#include "store/store_people.h"

#define TODAY "2026-12-31"

static char *dir;
static char path[4200];
static struct store *st;
static struct scope admin, officer;
static struct legal_rule_set rules;

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  snprintf(path, sizeof path, "%s/audit.db", dir);
  struct err err = {0};
  if (store_open(&st, path, &err) || store_migrate(st, NULL, NULL, &err) ||
      tu_unit_import(st, tu_source_path("data/units"), NULL, &err) ||
      scope_init(&admin, "quantri", "admin", NULL, NULL, "kiểm tra nhật ký", &err) ||
      scope_resolve(&admin, st, &err) ||
      scope_init(&officer, "canbo.badinh", "officer", "post2025", "00004", "rà soát danh sách",
                 &err) ||
      scope_resolve(&officer, st, &err) || legal_rules_load(&rules, st, &err)) {
    fprintf(stderr, "setup: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  legal_rule_set_free(&rules);
  store_close(st);
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static long make(const struct scope *sc, const char *name, const char *nid)
{
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "%s", name);
  snprintf(p.birth_date, sizeof p.birth_date, "1990-01-01");
  snprintf(p.sex, sizeof p.sex, "male");
  snprintf(p.national_id, sizeof p.national_id, "%s", nid ? nid : "");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "00004");
  struct err err = {0};
  if (app_person_add(&(long){0}, st, sc, &p, TODAY, &err))
    fail_msg("create %s: %s", name, err.msg);
  return p.id;
}

static struct person_event classified(long id, const char *date, const char *value)
{
  struct person_event e;
  memset(&e, 0, sizeof e);
  e.person_id = id;
  e.kind = PEV_CLASSIFIED;
  snprintf(e.date, sizeof e.date, "%s", date);
  snprintf(e.value, sizeof e.value, "%s", value);
  return e;
}

/* Number of rows in the trail. */
static long audit_rows(void)
{
  struct audit_list l;
  assert_int_equal(audit_log(&l, st, &admin, NULL, 0, 1000000, NULL), ERR_OK);
  long n = (long)l.n;
  audit_list_free(&l);
  return n;
}

static size_t events_of(long id)
{
  struct person_event_list l;
  assert_int_equal(store_person_events(&l, st, &admin, id, NULL), ERR_OK);
  size_t n = l.n;
  person_event_list_free(&l);
  return n;
}

/* Run SQL on a second, raw connection to `file` (as an intruder with file
 * access would). */
static void raw_on(const char *file, const char *sql)
{
  sqlite3 *db;
  assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg("raw sql: %s", msg ? msg : "?");
  sqlite3_close(db);
}

/* The same on the database, and on the reads' file (FILE.reads). */
static void raw(const char *sql)
{
  raw_on(path, sql);
}

static void raw_reads(const char *sql)
{
  char reads[4300];
  snprintf(reads, sizeof reads, "%s.reads", path);
  raw_on(reads, sql);
}

static void verify_ok(void)
{
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  if (r.first_bad)
    fail_msg("chain broken at %ld: %s", r.first_bad, r.reason);
  if (r.reads.first_bad)
    fail_msg("reads' chain broken at %ld: %s", r.reads.first_bad, r.reads.reason);
}

static long reads_rows(void)
{
  return tu_count_reads(st, "SELECT count(*) FROM audit_log");
}

/* ---------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------- */

static void hash_matches_an_independent_computation(void **state)
{
  (void)state;
  struct audit_entry e;
  memset(&e, 0, sizeof e);
  e.id = 1;
  snprintf(e.at, sizeof e.at, "2026-01-02T03:04:05Z");
  snprintf(e.actor, sizeof e.actor, "nguyen.van.a");
  snprintf(e.role, sizeof e.role, "officer");
  snprintf(e.scope, sizeof e.scope, "post2025:00004");
  snprintf(e.purpose, sizeof e.purpose, "rà soát");
  snprintf(e.action, sizeof e.action, "person.read");
  snprintf(e.record_type, sizeof e.record_type, "person");
  e.record_id = 42;
  snprintf(e.detail, sizeof e.detail, "xem hồ sơ");
  memset(e.prev_hash, '0', 64);
  assert_int_equal(audit_hash(&e, NULL, NULL), ERR_OK);
  assert_string_equal(e.hash, "6e8f0dd61ff03f03b5850e67a624c435c3f815b53146fe81f52d0b0a6683056c");
  /* Any field changes the hash. */
  snprintf(e.purpose, sizeof e.purpose, "rà soát ");
  assert_int_equal(audit_hash(&e, NULL, NULL), ERR_OK);
  assert_string_not_equal(e.hash,
                          "6e8f0dd61ff03f03b5850e67a624c435c3f815b53146fe81f52d0b0a6683056c");
}

static void reads_and_changes_are_logged_with_who_and_why(void **state)
{
  (void)state;
  long id = make(&officer, "Trương Văn Ghi", NULL);
  struct person_event e = classified(id, "2024-01-01", "user");
  assert_int_equal(app_person_event(&(long){0}, st, &officer, &e, TODAY, NULL), ERR_OK);
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &officer, id, &rules, NULL), ERR_OK);
  person_record_free(&r);
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &officer, "truong van ghi", NULL, 0, NULL), ERR_OK);
  person_hit_list_free(&hl);
  struct audit_list l;
  assert_int_equal(audit_log(&l, st, &admin, "person", id, 0, NULL), ERR_OK);
  assert_int_equal(l.n, 3);
  const char *actions[] = {"person.create", "person.event", "person.read"};
  /* the changes in the database's chain, the read in the reads' */
  assert_int_equal(l.items[0].chain, AUDIT_CHAIN_CHANGES);
  assert_int_equal(l.items[1].chain, AUDIT_CHAIN_CHANGES);
  assert_int_equal(l.items[2].chain, AUDIT_CHAIN_READS);
  assert_true(l.items[0].id < l.items[1].id);
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(l.items[i].action, actions[i]);
    assert_string_equal(l.items[i].actor, "canbo.badinh");
    assert_string_equal(l.items[i].role, "officer");
    assert_string_equal(l.items[i].scope, "post2025:00004");
    assert_string_equal(l.items[i].purpose, "rà soát danh sách");
    assert_int_equal(l.items[i].record_id, id);
    assert_int_equal(strlen(l.items[i].hash), 64);
    assert_int_equal(strlen(l.items[i].at), 20);
  }
  assert_non_null(strstr(l.items[1].detail, "classified 2024-01-01"));
  audit_list_free(&l);
  /* The search is logged once, about no single record. */
  assert_int_equal(audit_log(&l, st, &admin, NULL, 0, 1, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.items[0].action, "person.search");
  assert_int_equal(l.items[0].chain, AUDIT_CHAIN_READS);
  assert_int_equal(l.items[0].record_id, 0);
  audit_list_free(&l);
  /* An attempt to read outside the territory is logged too, and says nothing. */
  struct scope far;
  struct err err = {0};
  assert_int_equal(scope_init(&far, "canbo.laocai", "officer", "post2025", "02647", "tò mò", &err),
                   ERR_OK);
  assert_int_equal(scope_resolve(&far, st, &err), ERR_OK);
  assert_int_equal(app_person_show(&r, st, &far, id, &rules, &err), ERR_NOT_FOUND);
  assert_int_equal(audit_log(&l, st, &admin, "person", id, 0, NULL), ERR_OK);
  assert_string_equal(l.items[l.n - 1].action, "person.read_refused");
  assert_string_equal(l.items[l.n - 1].actor, "canbo.laocai");
  assert_string_equal(l.items[l.n - 1].purpose, "tò mò");
  audit_list_free(&l);
  verify_ok();
}

static void a_refused_change_leaves_no_data_and_no_row(void **state)
{
  (void)state;
  long id = make(&admin, "Trương Văn Hỏng", "001090005555");
  long rows = audit_rows();
  struct person_event e = classified(id, "2030-01-01", "user"); /* in the future */
  assert_int_equal(app_person_event(&(long){0}, st, &admin, &e, TODAY, NULL), ERR_INPUT);
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "Trương Văn Trùng");
  snprintf(p.birth_date, sizeof p.birth_date, "1990-01-01");
  snprintf(p.sex, sizeof p.sex, "male");
  snprintf(p.national_id, sizeof p.national_id, "001090005555"); /* taken */
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "00004");
  assert_int_equal(app_person_add(&(long){0}, st, &admin, &p, TODAY, NULL), ERR_CONFLICT);
  assert_int_equal(audit_rows(), rows);
  assert_int_equal(events_of(id), 0);
}

static void the_row_commits_or_rolls_back_with_the_change(void **state)
{
  (void)state;
  long id = make(&admin, "Trương Văn Cùng", NULL);
  long rows = audit_rows();
  /* Make every audit insert fail, from outside: the change must fail with it. */
  const char *trigger = "CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log BEGIN "
                        "SELECT RAISE(ABORT, 'injected audit failure'); END";
  raw(trigger);
  raw_reads(trigger);
  struct person_event e = classified(id, "2024-01-01", "user");
  assert_int_not_equal(app_person_event(&(long){0}, st, &admin, &e, TODAY, NULL), ERR_OK);
  struct person p;
  memset(&p, 0, sizeof p);
  snprintf(p.full_name, sizeof p.full_name, "Trương Văn Mất");
  snprintf(p.birth_date, sizeof p.birth_date, "1990-01-01");
  snprintf(p.sex, sizeof p.sex, "male");
  snprintf(p.unit_tree, sizeof p.unit_tree, "post2025");
  snprintf(p.unit_code, sizeof p.unit_code, "00004");
  assert_int_not_equal(app_person_add(&(long){0}, st, &admin, &p, TODAY, NULL), ERR_OK);
  struct person_record r;
  /* A read whose audit row cannot be written is not served. */
  assert_int_not_equal(app_person_show(&r, st, &admin, id, &rules, NULL), ERR_OK);
  raw("DROP TRIGGER audit_fail");
  raw_reads("DROP TRIGGER audit_fail");
  assert_int_equal(events_of(id), 0);
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &admin, "truong van mat", NULL, 0, NULL), ERR_OK);
  assert_int_equal(hl.n, 0);
  person_hit_list_free(&hl);
  assert_int_equal(audit_rows(), rows + 1); /* only the search just now */
  assert_int_equal(app_person_event(&(long){0}, st, &admin, &e, TODAY, NULL), ERR_OK);
  assert_int_equal(events_of(id), 1);
  verify_ok();
}

struct writer {
  long person;
  int n;
  int failures;
};

static void *write_many(void *p)
{
  struct writer *w = p;
  struct store *mine;
  if (store_open(&mine, path, NULL)) {
    w->failures = w->n;
    return NULL;
  }
  for (int i = 0; i < w->n; i++) {
    struct person_record r;
    if (app_person_show(&r, mine, &admin, w->person, &rules, NULL))
      w->failures++;
    else
      person_record_free(&r);
  }
  store_close(mine);
  return NULL;
}

static void concurrent_writers_keep_one_chain(void **state)
{
  (void)state;
  long a = make(&admin, "Trương Văn Song", NULL);
  long b = make(&admin, "Trương Văn Hành", NULL);
  long rows = audit_rows();
  struct writer w[2] = {{a, 40, 0}, {b, 40, 0}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  assert_int_equal(w[0].failures + w[1].failures, 0);
  assert_int_equal(audit_rows(), rows + 80);
  verify_ok();
}

/* One column of row `id` of `file`'s audit_log as text, via a raw
 * connection (malloc'd). */
static char *raw_get_on(const char *file, const char *col, long id)
{
  sqlite3 *db;
  assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT %s FROM audit_log WHERE id = %ld", col, id);
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  char *v = strdup((const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

static char *raw_get(const char *col, long id)
{
  return raw_get_on(path, col, id);
}

static char *raw_get_reads(const char *col, long id)
{
  char reads[4300];
  snprintf(reads, sizeof reads, "%s.reads", path);
  return raw_get_on(reads, col, id);
}

static void verify_finds_the_first_tampered_row(void **state)
{
  (void)state;
  make(&admin, "Trương Văn Thêm", NULL); /* one more change: the reads are in their own chain */
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  long rows = r.rows;
  assert_true(rows >= 8); /* rows 2, 4, 6 and 7 are tampered with below */
  assert_int_equal(strlen(r.head), 64);
  /* 1. A purpose rewritten after the fact. */
  char *purpose = raw_get("purpose", 4);
  raw("UPDATE audit_log SET purpose = 'điều tra' WHERE id = 4");
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 4);
  assert_int_equal(r.rows, 3);
  assert_non_null(strstr(r.reason, "đã bị sửa"));
  char sql[512];
  snprintf(sql, sizeof sql, "UPDATE audit_log SET purpose = '%s' WHERE id = 4", purpose);
  raw(sql);
  free(purpose);
  verify_ok();
  /* 2. A row rewritten with a matching hash of its own: the next link breaks. */
  struct audit_list l; /* the changes' chain alone, oldest first */
  assert_int_equal(store_audit_list(&l, st, NULL, 0, 1000000, NULL), ERR_OK);
  struct audit_entry e = l.items[5]; /* id 6 */
  assert_int_equal(e.id, 6);
  audit_list_free(&l);
  char old_hash[AUDIT_HASH_HEX], old_actor[SCOPE_USER_MAX];
  snprintf(old_hash, sizeof old_hash, "%s", e.hash);
  snprintf(old_actor, sizeof old_actor, "%s", e.actor);
  snprintf(e.actor, sizeof e.actor, "nguoi.khac");
  /* someone holding the key file too: the row's own hash matches */
  const struct store_key *key;
  assert_int_equal(store_key_get(&key, st, NULL), ERR_OK);
  assert_int_equal(audit_hash(&e, key->mac, NULL), ERR_OK);
  snprintf(sql, sizeof sql, "UPDATE audit_log SET actor = 'nguoi.khac', hash = '%s' WHERE id = 6",
           e.hash);
  raw(sql);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 7);
  assert_non_null(strstr(r.reason, "không nối"));
  snprintf(sql, sizeof sql, "UPDATE audit_log SET actor = '%s', hash = '%s' WHERE id = 6",
           old_actor, old_hash);
  raw(sql);
  verify_ok();
  /* 3. A row deleted. */
  raw("CREATE TABLE saved AS SELECT * FROM audit_log WHERE id = 2;"
      "DELETE FROM audit_log WHERE id = 2");
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 3);
  assert_non_null(strstr(r.reason, "thiếu dòng 2"));
  raw("INSERT INTO audit_log SELECT * FROM saved; DROP TABLE saved");
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.rows, rows);
}

/* A field at its full length edited further: the verifier must see the
 * stored text, not the copy cut to the field's size (which would still
 * hash as written). Also a NUL smuggled into a field. */
static void verify_sees_a_field_longer_than_written(void **state)
{
  (void)state;
  char purpose[SCOPE_PURPOSE_MAX];
  memset(purpose, 'x', sizeof purpose - 1);
  purpose[sizeof purpose - 1] = '\0';
  struct scope full;
  struct err err = {0};
  assert_int_equal(scope_init(&full, "quantri", "admin", NULL, NULL, purpose, &err), ERR_OK);
  assert_int_equal(scope_resolve(&full, st, &err), ERR_OK);
  long id = make(&admin, "Trần Thị Dài", NULL);
  struct person_record rec;
  assert_int_equal(app_person_show(&rec, st, &full, id, &rules, &err), ERR_OK); /* audited */
  person_record_free(&rec);
  verify_ok();
  /* the read's row is the reads' chain's last */
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  long last = r.reads.head_id;
  assert_true(last > 0);
  char sql[256];
  snprintf(sql, sizeof sql, "UPDATE audit_log SET purpose = purpose || ' ĐÃ SỬA' WHERE id = %ld",
           last);
  raw_reads(sql);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.reads.first_bad, last);
  assert_true(audit_verify_broken(&r));
  assert_non_null(strstr(r.reads.reason, "nhật ký đọc hồ sơ"));
  assert_non_null(strstr(r.reads.reason, "đã bị sửa"));
  snprintf(sql, sizeof sql, "UPDATE audit_log SET purpose = substr(purpose, 1, %zu) WHERE id = %ld",
           sizeof purpose - 1, last);
  raw_reads(sql);
  verify_ok();
  /* a NUL and more after the stored detail */
  char *detail = raw_get_reads("detail", last);
  snprintf(sql, sizeof sql,
           "UPDATE audit_log SET detail = CAST(detail || X'00' || 'thêm' AS TEXT) WHERE id = %ld",
           last);
  raw_reads(sql);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.reads.first_bad, last);
  snprintf(sql, sizeof sql, "UPDATE audit_log SET detail = '%s' WHERE id = %ld", detail, last);
  raw_reads(sql);
  free(detail);
  verify_ok();
}

/* The chain cannot see its newest rows deleted; a head written down
 * earlier (ID:HASH) can. */
static void a_kept_head_catches_the_newest_rows_deleted(void **state)
{
  (void)state;
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  long head_id = r.head_id;
  char head[AUDIT_HASH_HEX];
  snprintf(head, sizeof head, "%s", r.head);
  assert_int_equal(head_id, r.rows);
  /* the head itself checks out, and so does an older row's hash */
  assert_int_equal(audit_verify_head(&r, st, &admin, head_id, head, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  char *h3 = raw_get("hash", 3);
  assert_int_equal(audit_verify_head(&r, st, &admin, 3, h3, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  free(h3);
  /* the two newest rows deleted: the chain alone still holds */
  char sql[256];
  snprintf(sql, sizeof sql,
           "CREATE TABLE saved AS SELECT * FROM audit_log WHERE id > %ld;"
           "DELETE FROM audit_log WHERE id > %ld",
           head_id - 2, head_id - 2);
  raw(sql);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(audit_verify_head(&r, st, &admin, head_id, head, NULL), ERR_OK);
  assert_int_equal(r.first_bad, head_id - 1);
  assert_int_equal(r.rows, head_id - 2);
  assert_non_null(strstr(r.reason, "đã bị xóa"));
  /* ... and new rows appended in their place: the head's hash differs */
  make(&admin, "Lê Văn Mới", NULL);
  make(&admin, "Lê Văn Mới Hai", NULL);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_true(r.rows >= head_id);
  assert_int_equal(audit_verify_head(&r, st, &admin, head_id, head, NULL), ERR_OK);
  assert_int_equal(r.first_bad, head_id);
  assert_non_null(strstr(r.reason, "viết lại"));
  snprintf(sql, sizeof sql,
           "DELETE FROM audit_log WHERE id > %ld;"
           "INSERT INTO audit_log SELECT * FROM saved; DROP TABLE saved",
           head_id - 2);
  raw(sql);
  assert_int_equal(audit_verify_head(&r, st, &admin, head_id, head, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
}

/* The point of the reads' chain (docs/audit.md, "Reads during a long
 * write"): another connection holds the database's write lock, as a long
 * import does, and a person's record is still read, searched and audited
 * (the rows committed, seen by another connection) while the lock is held. */
static void a_read_does_not_wait_for_a_long_write(void **state)
{
  (void)state;
  long id = make(&officer, "Trương Văn Đợi", NULL);
  struct store *other;
  struct err err = {0};
  assert_int_equal(store_open(&other, path, &err), ERR_OK);
  assert_int_equal(store_write_begin(other, &err), ERR_OK);
  /* the lock is held: no one else can begin a write now */
  sqlite3 *probe;
  assert_int_equal(sqlite3_open(path, &probe), SQLITE_OK);
  assert_int_equal(sqlite3_exec(probe, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_BUSY);
  long before = reads_rows();
  struct person_record r;
  assert_int_equal(app_person_show(&r, st, &officer, id, &rules, &err), ERR_OK);
  assert_string_equal(r.person.full_name, "Trương Văn Đợi");
  person_record_free(&r);
  struct person_hit_list hl;
  assert_int_equal(app_person_search(&hl, st, &officer, "truong van doi", NULL, 0, &err), ERR_OK);
  assert_int_equal(hl.n, 1);
  person_hit_list_free(&hl);
  assert_int_equal(reads_rows(), before + 2);
  /* still held after the reads */
  assert_int_equal(sqlite3_exec(probe, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_BUSY);
  sqlite3_close(probe);
  store_write_rollback(other);
  store_close(other);
  verify_ok();
}

/* The reads' chain is checked as the changes' is: a row deleted, a row of
 * it passed off as a change, its newest rows cut (against a signed
 * checkpoint of both heads), and the whole file replaced by an empty one. */
static void the_reads_chain_is_verified_like_the_changes(void **state)
{
  (void)state;
  long id = make(&admin, "Trương Văn Đọc", NULL);
  struct person_record rec;
  for (int i = 0; i < 3; i++) {
    assert_int_equal(app_person_show(&rec, st, &admin, id, &rules, NULL), ERR_OK);
    person_record_free(&rec);
  }
  verify_ok();
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  long last = r.reads.head_id, main_last = r.head_id;
  assert_true(last >= 3);
  char main_head[AUDIT_HASH_HEX];
  snprintf(main_head, sizeof main_head, "%s", r.head);
  /* 1. a row deleted */
  raw_reads("CREATE TABLE saved AS SELECT * FROM audit_log WHERE id = 2;"
            "DELETE FROM audit_log WHERE id = 2");
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.reads.first_bad, 3);
  assert_non_null(strstr(r.reads.reason, "thiếu dòng 2"));
  raw_reads("INSERT INTO audit_log SELECT * FROM saved; DROP TABLE saved");
  verify_ok();
  /* 2. a read's row appended to the changes' chain, linked to its head and
        hashed as the reads' chain hashes (with the key): it does not verify */
  struct audit_list l;
  assert_int_equal(audit_log(&l, st, &admin, "person", id, 1, NULL), ERR_OK);
  assert_int_equal(l.n, 1);
  struct audit_entry e = l.items[0];
  audit_list_free(&l);
  assert_int_equal(e.chain, AUDIT_CHAIN_READS);
  e.id = main_last + 1;
  snprintf(e.prev_hash, sizeof e.prev_hash, "%s", main_head);
  const struct store_key *key;
  assert_int_equal(store_key_get(&key, st, NULL), ERR_OK);
  assert_int_equal(audit_hash(&e, key->mac, NULL), ERR_OK);
  char sql[512];
  /* the row's fields from the reads' file, through a copy in the database */
  char reads_file[4300];
  snprintf(reads_file, sizeof reads_file, "%s.reads", path);
  char attach[4600];
  snprintf(attach, sizeof attach,
           "ATTACH '%s' AS r; INSERT INTO main.audit_log SELECT %ld, at, actor, role, scope, "
           "purpose, action, record_type, record_id, detail, '%s', '%s' FROM r.audit_log WHERE "
           "id = %ld; DETACH r",
           reads_file, e.id, e.prev_hash, e.hash, last);
  raw(attach);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, main_last + 1);
  assert_non_null(strstr(r.reason, "đã bị sửa hoặc bị chèn giả"));
  snprintf(sql, sizeof sql, "DELETE FROM audit_log WHERE id = %ld", main_last + 1);
  raw(sql);
  verify_ok();
  /* 3. the newest rows cut, after a checkpoint of both heads */
  int written = 0;
  assert_int_equal(audit_checkpoint_write(&written, st, NULL), ERR_OK);
  assert_int_equal(written, 1);
  snprintf(sql, sizeof sql,
           "CREATE TABLE saved AS SELECT * FROM audit_log WHERE id >= %ld;"
           "DELETE FROM audit_log WHERE id >= %ld",
           last, last);
  raw_reads(sql);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.reads.first_bad, last);
  assert_non_null(strstr(r.reads.reason, "cắt đuôi"));
  /* the page's walk from the newest checkpoint sees it too */
  assert_int_equal(audit_verify_recent(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.reads.first_bad, last);
  raw_reads("INSERT INTO audit_log SELECT * FROM saved; DROP TABLE saved");
  verify_ok();
  /* ... and a row changed after the checkpoint is seen by the page */
  assert_int_equal(app_person_show(&rec, st, &admin, id, &rules, NULL), ERR_OK);
  person_record_free(&rec);
  snprintf(sql, sizeof sql, "UPDATE audit_log SET actor = 'nguoi.khac' WHERE id = %ld", last + 1);
  raw_reads(sql);
  assert_int_equal(audit_verify_recent(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.reads.first_bad, last + 1);
  snprintf(sql, sizeof sql, "UPDATE audit_log SET actor = 'quantri' WHERE id = %ld", last + 1);
  raw_reads(sql);
  verify_ok();
  /* 4. the whole file replaced by an empty one */
  char moved[4400];
  snprintf(moved, sizeof moved, "%s.saved", reads_file);
  store_close(st);
  assert_int_equal(rename(reads_file, moved), 0);
  assert_int_equal(store_open(&st, path, NULL), ERR_OK);
  assert_int_equal(audit_verify(&r, st, &admin, NULL), ERR_OK);
  assert_int_equal(r.reads.rows, 0);
  assert_int_equal(r.reads.first_bad, 1);
  assert_non_null(strstr(r.reads.reason, "cắt đuôi"));
  store_close(st);
  assert_int_equal(rename(moved, reads_file), 0);
  assert_int_equal(store_open(&st, path, NULL), ERR_OK);
  verify_ok();
}

static void only_an_administrator_reads_the_trail(void **state)
{
  (void)state;
  struct audit_verify_result r;
  struct audit_list l;
  assert_int_equal(audit_verify(&r, st, &officer, NULL), ERR_DENIED);
  assert_int_equal(audit_log(&l, st, &officer, NULL, 0, 0, NULL), ERR_DENIED);
  char now[32];
  date_now_utc(now, sizeof now);
  assert_int_equal(strlen(now), 20);
  assert_int_equal(now[10], 'T');
  assert_int_equal(now[19], 'Z');
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(hash_matches_an_independent_computation),
      cmocka_unit_test(reads_and_changes_are_logged_with_who_and_why),
      cmocka_unit_test(a_refused_change_leaves_no_data_and_no_row),
      cmocka_unit_test(the_row_commits_or_rolls_back_with_the_change),
      cmocka_unit_test(concurrent_writers_keep_one_chain),
      cmocka_unit_test(verify_finds_the_first_tampered_row),
      cmocka_unit_test(verify_sees_a_field_longer_than_written),
      cmocka_unit_test(a_kept_head_catches_the_newest_rows_deleted),
      cmocka_unit_test(a_read_does_not_wait_for_a_long_write),
      cmocka_unit_test(the_reads_chain_is_verified_like_the_changes),
      cmocka_unit_test(only_an_administrator_reads_the_trail),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
