/* test_audit_key.c: the secret behind the audit trail's tamper evidence — the keyed chain
 * hash, the signed checkpoints, the key file, the person digests, and the upgrade of a
 * database whose chain was written without a key. The expected hash is computed here
 * from the documented netstring input with libsodium directly, not by the code tested. */
#include "testutil.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app_db.h"
#include "app/app_person.h"
#include "base/mac.h"
#include "domain/audit.h"
#include "domain/audit_checkpoint.h"
#include "domain/scope.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_key.h"
#include "store/store_person_digest.h"

#define TODAY     "2026-12-31"
#define HEX_ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

static char *dir;

static int group_setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return sodium_init() < 0 ? -1 : 0;
}

static int group_teardown(void **state)
{
  (void)state;
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static void fill_entry(struct audit_entry *e)
{
  memset(e, 0, sizeof *e);
  e->id = 1;
  snprintf(e->at, sizeof e->at, "2026-01-02T03:04:05Z");
  snprintf(e->actor, sizeof e->actor, "nguyen.van.a");
  snprintf(e->role, sizeof e->role, "officer");
  snprintf(e->scope, sizeof e->scope, "post2025:00004");
  snprintf(e->purpose, sizeof e->purpose, "rà soát");
  snprintf(e->action, sizeof e->action, "person.read");
  snprintf(e->record_type, sizeof e->record_type, "person");
  e->record_id = 42;
  snprintf(e->detail, sizeof e->detail, "xem hồ sơ");
  memset(e->prev_hash, '0', 64);
}

/* The keyed hash is BLAKE2b-256 keyed with the secret over the netstrings of
 * docs/audit.md: written out by hand here ("rà soát" and "xem hồ sơ" are 9
 * and 12 bytes of UTF-8). */
static void keyed_hash_matches_the_documented_input(void **state)
{
  (void)state;
  unsigned char key[32];
  for (int i = 0; i < 32; i++)
    key[i] = (unsigned char)i;
  const char *input = "64:0000000000000000000000000000000000000000000000000000000000000000,"
                      "1:1,20:2026-01-02T03:04:05Z,12:nguyen.van.a,7:officer,14:post2025:00004,"
                      "9:rà soát,11:person.read,6:person,2:42,12:xem hồ sơ,";
  unsigned char want[32];
  crypto_generichash(want, sizeof want, (const unsigned char *)input, strlen(input), key,
                     sizeof key);
  char want_hex[65];
  sodium_bin2hex(want_hex, sizeof want_hex, want, sizeof want);
  struct audit_entry e;
  fill_entry(&e);
  assert_int_equal(audit_hash(&e, key, NULL), ERR_OK);
  assert_string_equal(e.hash, want_hex);
  /* unkeyed, the same input gives the schema-25 hash, which differs */
  assert_int_equal(audit_hash(&e, NULL, NULL), ERR_OK);
  assert_string_equal(e.hash, "6e8f0dd61ff03f03b5850e67a624c435c3f815b53146fe81f52d0b0a6683056c");
  /* a row of the reads' chain: "5:reads," before the same input */
  char reads_input[512];
  snprintf(reads_input, sizeof reads_input, "5:reads,%s", input);
  crypto_generichash(want, sizeof want, (const unsigned char *)reads_input, strlen(reads_input),
                     key, sizeof key);
  char reads_hex[65];
  sodium_bin2hex(reads_hex, sizeof reads_hex, want, sizeof want);
  e.chain = AUDIT_CHAIN_READS;
  assert_int_equal(audit_hash(&e, key, NULL), ERR_OK);
  assert_string_equal(e.hash, reads_hex);
  e.chain = AUDIT_CHAIN_CHANGES;
  /* another key, another hash */
  key[0] ^= 1;
  assert_int_equal(audit_hash(&e, key, NULL), ERR_OK);
  assert_string_not_equal(e.hash, want_hex);
}

/* Netstring framing: no two field lists give the same input; NULL is not "". */
static void mac_frames_each_field(void **state)
{
  (void)state;
  unsigned char key[32] = {7};
  char a[MAC_HEX], b[MAC_HEX];
  struct mac m;
  assert_int_equal(mac_sodium_ready(NULL), ERR_OK);
  mac_init(&m, key);
  mac_add_text(&m, "ab");
  mac_add_text(&m, "c");
  mac_final_hex(&m, a);
  mac_init(&m, key);
  mac_add_text(&m, "a");
  mac_add_text(&m, "bc");
  mac_final_hex(&m, b);
  assert_string_not_equal(a, b);
  mac_init(&m, key);
  mac_add_null(&m);
  mac_final_hex(&m, a);
  mac_init(&m, key);
  mac_add_text(&m, "");
  mac_final_hex(&m, b);
  assert_string_not_equal(a, b);
}

/* The line's last 128 characters (before its newline, at len - 129) are
 * libsodium's Ed25519 signature of msg under pk. */
static void signed_over(const char *line, size_t len, const char *msg, const unsigned char *pk)
{
  unsigned char sig[crypto_sign_BYTES];
  assert_int_equal(sodium_hex2bin(sig, sizeof sig, line + len - 129, 128, NULL, NULL, NULL), 0);
  assert_int_equal(crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), pk),
                   0);
}

/* A checkpoint line is signed over "pcmt-checkpoint ID HASH AT" and read back;
 * any change to it, or another key, fails. */
static void checkpoint_sign_and_check(void **state)
{
  (void)state;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  struct audit_checkpoint c = {.id = 1834};
  memset(c.hash, 'a', 64);
  snprintf(c.at, sizeof c.at, "2026-12-06T21:29:53Z");
  char line[AUDIT_CHECKPOINT_LINE];
  assert_int_equal(audit_checkpoint_format(line, &c, sk, NULL), ERR_OK);
  /* the line as documented: id, hash, time, 128 hex digits of signature */
  size_t len = strlen(line);
  assert_int_equal(len, 4 + 1 + 64 + 1 + 20 + 1 + 128 + 1);
  assert_int_equal(line[len - 1], '\n');
  assert_memory_equal(line, "1834 aaaa", 9);
  /* the signature is libsodium's over the documented message */
  signed_over(line, len,
              "pcmt-checkpoint 1834 "
              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "
              "2026-12-06T21:29:53Z",
              pk);
  line[len - 1] = '\0';
  struct audit_checkpoint back;
  assert_int_equal(audit_checkpoint_parse(&back, line, pk, NULL), ERR_OK);
  assert_int_equal(back.id, 1834);
  assert_string_equal(back.hash, c.hash);
  assert_string_equal(back.at, c.at);
  /* another public key */
  unsigned char pk2[crypto_sign_PUBLICKEYBYTES], sk2[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk2, sk2);
  assert_int_equal(audit_checkpoint_parse(&back, line, pk2, NULL), ERR_INPUT);
  /* the row id, the hash, the time changed */
  char bad[AUDIT_CHECKPOINT_LINE];
  snprintf(bad, sizeof bad, "%s", line);
  bad[0] = '2';
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  snprintf(bad, sizeof bad, "%s", line);
  bad[5] = 'b';
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  snprintf(bad, sizeof bad, "%s", line);
  bad[5 + 65 + 3] = '7'; /* 2026 -> 2027 */
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  /* not a line at all */
  assert_int_equal(audit_checkpoint_parse(&back, "1834 xyz", pk, NULL), ERR_INPUT);
  assert_int_equal(audit_checkpoint_parse(&back, "", pk, NULL), ERR_INPUT);
}

/* The second form names the reads' head too and is signed over
 * "pcmt-checkpoint-2 ID HASH RID RHASH AT"; a change to the reads' head
 * fails, and a line of the first form still reads with rid 0. */
static void checkpoint_with_both_heads(void **state)
{
  (void)state;
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  struct audit_checkpoint c = {.id = 1834, .rid = 77};
  memset(c.hash, 'a', 64);
  memset(c.rhash, 'b', 64);
  snprintf(c.at, sizeof c.at, "2026-12-06T21:29:53Z");
  char line[AUDIT_CHECKPOINT_LINE];
  assert_int_equal(audit_checkpoint_format(line, &c, sk, NULL), ERR_OK);
  size_t len = strlen(line);
  assert_int_equal(len, 4 + 1 + 64 + 1 + 2 + 1 + 64 + 1 + 20 + 1 + 128 + 1);
  assert_memory_equal(line + 70, "77 bbbb", 7);
  signed_over(line, len,
              "pcmt-checkpoint-2 1834 "
              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 77 "
              "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb "
              "2026-12-06T21:29:53Z",
              pk);
  line[len - 1] = '\0';
  struct audit_checkpoint back;
  assert_int_equal(audit_checkpoint_parse(&back, line, pk, NULL), ERR_OK);
  assert_int_equal(back.id, 1834);
  assert_int_equal(back.rid, 77);
  assert_string_equal(back.rhash, c.rhash);
  assert_string_equal(back.at, c.at);
  /* the reads' row id or hash changed: the signature fails */
  char bad[AUDIT_CHECKPOINT_LINE];
  snprintf(bad, sizeof bad, "%s", line);
  bad[70] = '8';
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  snprintf(bad, sizeof bad, "%s", line);
  bad[73] = 'c';
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  /* the reads' head dropped from the line, as if it were of the first form */
  snprintf(bad, sizeof bad, "%.70s%s", line, line + 70 + 3 + 65);
  assert_int_equal(audit_checkpoint_parse(&back, bad, pk, NULL), ERR_INPUT);
  /* no reads' head yet: the first form, as before */
  c.rid = 0;
  c.rhash[0] = '\0';
  assert_int_equal(audit_checkpoint_format(line, &c, sk, NULL), ERR_OK);
  assert_int_equal(strlen(line), 4 + 1 + 64 + 1 + 20 + 1 + 128 + 1);
  line[strlen(line) - 1] = '\0';
  assert_int_equal(audit_checkpoint_parse(&back, line, pk, NULL), ERR_OK);
  assert_int_equal(back.rid, 0);
}

/* A new database gets FILE.key: owner-only, 128 bytes, never overwritten. */
static void init_creates_the_key_once(void **state)
{
  (void)state;
  char db[4300], key[4400];
  snprintf(db, sizeof db, "%s/k.db", dir);
  snprintf(key, sizeof key, "%s.key", db);
  struct store *st;
  struct app_db_init_result res;
  assert_int_equal(store_open(&st, db, NULL), ERR_OK);
  assert_int_equal(app_db_init(&res, st, NULL), ERR_OK);
  assert_int_equal(res.key_created, 0); /* made with the database, nothing to re-key */
  struct stat sb;
  assert_int_equal(stat(key, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);
  assert_int_equal(sb.st_size, 128);
  size_t n1, n2;
  char *before = tu_read_file(key, &n1);
  int created = -1;
  assert_int_equal(store_key_create(&created, st, NULL), ERR_OK);
  assert_int_equal(created, 0);
  char *after = tu_read_file(key, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(before, after, n1);
  free(before);
  free(after);
  store_close(st);
}

static void raw(const char *db, const char *sql)
{
  sqlite3 *h;
  assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
  char *msg = NULL;
  if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg("raw sql: %s", msg ? msg : "?");
  sqlite3_close(h);
}

/* A schema-25 database as an earlier PCMT left it: no key file, an unkeyed
 * chain of `rows` rows, `people` person rows without digests. */
static void make_legacy(const char *db, long *rows, long people)
{
  struct store *st;
  struct err err = {0};
  assert_int_equal(store_open(&st, db, &err), ERR_OK);
  assert_int_equal(store_migrate_to(st, 25, NULL, NULL, &err), ERR_OK);
  assert_int_equal(tu_unit_import(st, tu_source_path("data/units"), NULL, &err), ERR_OK);
  struct scope admin;
  assert_int_equal(scope_init(&admin, "quantri", "admin", NULL, NULL, "kiểm thử", &err), ERR_OK);
  assert_int_equal(scope_resolve(&admin, st, &err), ERR_OK);
  for (long i = 0; i < people; i++) {
    char name[64];
    snprintf(name, sizeof name, "Nguyễn Văn Cũ %ld", i);
    tu_create_person(st, &admin, TODAY, name, "1990-01-01", "nam", NULL, "00004");
  }
  /* what schema 25 wrote: the same chain, unkeyed, and no key file */
  store_key_discard(st);
  struct audit_list l;
  assert_int_equal(store_audit_list(&l, st, NULL, 0, 1000000, &err), ERR_OK);
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  char prev[AUDIT_HASH_HEX];
  memset(prev, '0', 64);
  prev[64] = '\0';
  for (size_t i = 0; i < l.n; i++) {
    struct audit_entry e = l.items[i];
    snprintf(e.prev_hash, sizeof e.prev_hash, "%s", prev);
    assert_int_equal(audit_hash(&e, NULL, &err), ERR_OK);
    assert_int_equal(store_audit_rekey(st, e.id, e.prev_hash, e.hash, &err), ERR_OK);
    snprintf(prev, sizeof prev, "%s", e.hash);
  }
  assert_int_equal(store_write_commit(st, &err), ERR_OK);
  *rows = (long)l.n;
  audit_list_free(&l);
  store_close(st);
}

/* `pcmt init` on it: the key is made, the chain re-keyed from row 1 and the
 * people digested, audited; then everything verifies. */
static void init_rekeys_an_old_database(void **state)
{
  (void)state;
  char db[4300], key[4400];
  snprintf(db, sizeof db, "%s/old.db", dir);
  snprintf(key, sizeof key, "%s.key", db);
  long rows;
  make_legacy(db, &rows, 3);
  if (rows < 3) /* at least the three creations */
    fail_msg("only %ld audit rows", rows);
  assert_int_not_equal(access(key, F_OK), 0);
  struct store *st;
  struct err err = {0};
  struct app_db_init_result res;
  assert_int_equal(store_open(&st, db, &err), ERR_OK);
  assert_int_equal(app_db_init(&res, st, &err), ERR_OK);
  assert_int_equal(res.from, 25);
  assert_int_equal(res.key_created, 1);
  assert_int_equal(res.rekeyed_rows, rows);
  assert_int_equal(res.digested_people, 3);
  assert_int_equal(access(key, F_OK), 0);
  char action[64], actor[64];
  long record;
  /* the re-keying row, then the local administrator's creation */
  assert_int_equal(tu_count(st, "SELECT count(*) FROM audit_log WHERE action = 'audit.key'"), 1);
  assert_int_equal(tu_count(st, "SELECT id FROM audit_log WHERE action = 'audit.key'"), rows + 1);
  tu_last_audit(action, actor, &record, st);
  struct scope admin;
  assert_int_equal(scope_init(&admin, "quantri", "admin", NULL, NULL, "kiểm thử", &err), ERR_OK);
  admin.unit_id = 0;
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, 0);
  assert_int_equal(r.people.rows, 3);
  assert_int_equal(r.people.changed, 0);
  assert_true(r.people.set_ok);
  assert_false(audit_verify_broken(&r));
  store_close(st);
}

/* An old chain already broken is not blessed with a key: init refuses,
 * naming the row, and leaves no key file behind. */
static void init_refuses_to_key_a_broken_chain(void **state)
{
  (void)state;
  char db[4300], key[4400];
  snprintf(db, sizeof db, "%s/broken.db", dir);
  snprintf(key, sizeof key, "%s.key", db);
  long rows;
  make_legacy(db, &rows, 3);
  raw(db, "UPDATE audit_log SET purpose = 'sửa' WHERE id = 2");
  struct store *st;
  struct err err = {0};
  struct app_db_init_result res;
  assert_int_equal(store_open(&st, db, &err), ERR_OK);
  assert_int_equal(app_db_init(&res, st, &err), ERR_CONFLICT);
  assert_non_null(strstr(err.msg, "dòng 2"));
  assert_int_not_equal(access(key, F_OK), 0);
  store_close(st);
}

/* The person digests: an edit names the row, a deletion or an insertion
 * breaks the tally; PCMT's own changes keep both. */
static void person_digests_see_edits_deletions_insertions(void **state)
{
  (void)state;
  char db[4300];
  snprintf(db, sizeof db, "%s/people.db", dir);
  struct store *st;
  struct scope admin;
  assert_int_equal(tu_open_app_db(&st, &admin, dir, "people.db"), 0);
  long a = tu_create_person(st, &admin, TODAY, "Trần Văn Một", "1990-01-01", "nam", NULL, "00004");
  long b = tu_create_person(st, &admin, TODAY, "Trần Văn Hai", "1991-01-01", "nam", NULL, "00004");
  tu_create_person(st, &admin, TODAY, "Trần Thị Ba", "1992-01-01", "nữ", NULL, "00004");
  /* a change through PCMT: a move */
  tu_add_event(st, &admin, TODAY, b, PEV_MOVED, "2026-06-01", "00007", NULL, NULL);
  struct store_person_check c;
  assert_int_equal(store_person_digest_check(&c, st, NULL), ERR_OK);
  assert_int_equal(c.rows, 3);
  assert_int_equal(c.changed, 0);
  assert_int_equal(c.tally_rows, 3);
  assert_true(c.set_ok);
  /* an edit outside PCMT */
  char sql[200];
  snprintf(sql, sizeof sql, "UPDATE person SET birth_date = '1990-01-02' WHERE id = %ld", a);
  raw(db, sql);
  assert_int_equal(store_person_digest_check(&c, st, NULL), ERR_OK);
  assert_int_equal(c.changed, 1);
  assert_int_equal(c.ids[0], a);
  assert_true(c.set_ok); /* the set itself is whole */
  snprintf(sql, sizeof sql, "UPDATE person SET birth_date = '1990-01-01' WHERE id = %ld", a);
  raw(db, sql);
  /* a deletion */
  raw(db, "CREATE TABLE saved AS SELECT * FROM person WHERE id = (SELECT max(id) FROM person);"
          "DELETE FROM person WHERE id = (SELECT max(id) FROM person)");
  assert_int_equal(store_person_digest_check(&c, st, NULL), ERR_OK);
  assert_int_equal(c.changed, 0);
  assert_int_equal(c.rows, 2);
  assert_int_equal(c.tally_rows, 3);
  assert_false(c.set_ok);
  /* put back: whole again; then the row inserted twice under another id */
  raw(db, "INSERT INTO person SELECT * FROM saved");
  assert_int_equal(store_person_digest_check(&c, st, NULL), ERR_OK);
  assert_true(c.set_ok);
  raw(db, "UPDATE saved SET id = 500, national_id = NULL; INSERT INTO person SELECT * FROM saved;"
          "DROP TABLE saved");
  assert_int_equal(store_person_digest_check(&c, st, NULL), ERR_OK);
  assert_int_equal(c.changed, 1); /* its digest was made for another id */
  assert_int_equal(c.ids[0], 500);
  assert_int_equal(c.rows, 4);
  assert_false(c.set_ok);
  store_close(st);
}

/* Someone holding the key recomputes the chain after an edit: every row
 * hashes right, but the signed checkpoint of an earlier head disagrees.
 * The newest rows cut: the chain left holds, the checkpoint names its row. */
static void checkpoints_catch_what_the_key_cannot(void **state)
{
  (void)state;
  char db[4300];
  snprintf(db, sizeof db, "%s/cp.db", dir);
  struct store *st;
  struct scope admin;
  struct err err = {0};
  assert_int_equal(tu_open_app_db(&st, &admin, dir, "cp.db"), 0);
  for (int i = 0; i < 3; i++) {
    char name[64];
    snprintf(name, sizeof name, "Phạm Văn Mốc %d", i);
    tu_create_person(st, &admin, TODAY, name, "1990-01-01", "nam", NULL, "00004");
  }
  int written;
  assert_int_equal(audit_checkpoint_write(&written, st, &err), ERR_OK);
  assert_int_equal(written, 1);
  assert_int_equal(audit_checkpoint_write(&written, st, &err), ERR_OK);
  assert_int_equal(written, 0); /* the head did not move */
  long head = tu_count(st, "SELECT max(id) FROM audit_log");
  struct audit_verify_result r;
  assert_int_equal(audit_verify(&r, st, &admin, &err), ERR_OK);
  assert_false(audit_verify_broken(&r));
  assert_int_equal(r.checkpoints, 1);
  assert_int_equal(r.checkpoint_id, head);
  /* the newest row cut */
  raw(db, "CREATE TABLE saved AS SELECT * FROM audit_log WHERE id = (SELECT max(id) FROM "
          "audit_log); DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
  assert_int_equal(audit_verify(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, head);
  assert_int_equal(r.rows, head - 1);
  assert_non_null(strstr(r.reason, "cắt đuôi"));
  raw(db, "INSERT INTO audit_log SELECT * FROM saved; DROP TABLE saved");
  /* row 2's actor changed and the chain recomputed from it with the key */
  const struct store_key *key;
  assert_int_equal(store_key_get(&key, st, &err), ERR_OK);
  raw(db, "UPDATE audit_log SET actor = 'nguoi.khac' WHERE id = 2");
  struct audit_list l;
  assert_int_equal(store_audit_list(&l, st, NULL, 0, 1000000, &err), ERR_OK);
  assert_int_equal(store_write_begin(st, &err), ERR_OK);
  char prev[AUDIT_HASH_HEX];
  snprintf(prev, sizeof prev, "%s", l.items[0].hash);
  for (size_t i = 1; i < l.n; i++) {
    struct audit_entry e = l.items[i];
    snprintf(e.prev_hash, sizeof e.prev_hash, "%s", prev);
    assert_int_equal(audit_hash(&e, key->mac, &err), ERR_OK);
    assert_int_equal(store_audit_rekey(st, e.id, e.prev_hash, e.hash, &err), ERR_OK);
    snprintf(prev, sizeof prev, "%s", e.hash);
  }
  assert_int_equal(store_write_commit(st, &err), ERR_OK);
  audit_list_free(&l);
  assert_int_equal(audit_verify(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, head);
  assert_non_null(strstr(r.reason, "khác mốc kiểm tra"));
  assert_non_null(strstr(r.reason, "tính lại"));
  store_close(st);
}

/* raw() with a printf-style statement. */
__attribute__((format(printf, 2, 3))) static void raw_row(const char *db, const char *sql, ...)
{
  char q[400];
  va_list ap;
  va_start(ap, sql);
  vsnprintf(q, sizeof q, sql, ap);
  va_end(ap);
  raw(db, q);
}

/* The audit page's walk (audit_verify_recent) starts at the newest signed
 * checkpoint: a row edited before it is left to the full walk of `audit
 * verify`, a row edited after it is reported, and so are the checkpoint's
 * row rewritten and the tail cut back before it. A checkpoint is signed
 * only over a chain that holds from the one before; a forged last line
 * sends the page back to the full walk, which names the line. */
static void the_page_walks_from_the_newest_checkpoint(void **state)
{
  (void)state;
  char db[4300], cpf[4400];
  snprintf(db, sizeof db, "%s/tail.db", dir);
  snprintf(cpf, sizeof cpf, "%s.checkpoints", db);
  struct store *st;
  struct scope admin;
  struct err err = {0};
  assert_int_equal(tu_open_app_db(&st, &admin, dir, "tail.db"), 0);
  for (int i = 0; i < 3; i++)
    tu_create_person(st, &admin, TODAY, "Trần Văn Mốc", "1990-01-01", "nam", NULL, "00004");
  int written;
  assert_int_equal(audit_checkpoint_write(&written, st, &err), ERR_OK);
  assert_int_equal(written, 1);
  long cp = tu_count(st, "SELECT max(id) FROM audit_log");
  assert_true(cp >= 4);
  tu_create_person(st, &admin, TODAY, "Trần Văn Sau", "1990-01-01", "nam", NULL, "00004");
  tu_create_person(st, &admin, TODAY, "Trần Văn Sau Nữa", "1990-01-01", "nam", NULL, "00004");
  long head = tu_count(st, "SELECT max(id) FROM audit_log");
  assert_int_equal(head, cp + 2);
  struct audit_verify_result r;
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_false(audit_verify_broken(&r));
  assert_int_equal(r.from_id, cp);
  assert_int_equal(r.checkpoint_id, cp);
  assert_int_equal(r.rows, head);
  assert_int_equal(r.head_id, head);
  /* row 2 edited, before the checkpoint: the page does not walk there */
  raw(db, "UPDATE audit_log SET detail = 'sửa' WHERE id = 2");
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_false(audit_verify_broken(&r));
  assert_int_equal(audit_verify(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, 2);
  /* the row after the checkpoint edited: reported, and not signed over */
  raw(db, "CREATE TABLE saved AS SELECT * FROM audit_log");
  raw_row(db, "UPDATE audit_log SET actor = 'nguoi.khac' WHERE id = %ld", cp + 1);
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, cp + 1);
  assert_int_equal(r.rows, cp);
  assert_non_null(strstr(r.reason, "đã bị sửa"));
  assert_int_equal(audit_checkpoint_write(&written, st, &err), ERR_CONFLICT);
  assert_int_equal(written, 0);
  char want[64];
  snprintf(want, sizeof want, "dòng %ld", cp + 1);
  assert_non_null(strstr(err.msg, want));
  raw_row(
      db,
      "UPDATE audit_log SET actor = (SELECT actor FROM saved WHERE id = %1$ld) WHERE id = %1$ld",
      cp + 1);
  /* the checkpoint's own row given another hash: the chain was recomputed */
  raw_row(db, "UPDATE audit_log SET hash = '" HEX_ZEROS "' WHERE id = %ld", cp);
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, cp);
  assert_non_null(strstr(r.reason, "tính lại"));
  raw_row(db,
          "UPDATE audit_log SET hash = (SELECT hash FROM saved WHERE id = %1$ld) WHERE id = %1$ld",
          cp);
  /* the tail cut back to before the checkpoint */
  raw_row(db, "DELETE FROM audit_log WHERE id >= %ld", cp);
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.first_bad, cp);
  assert_int_equal(r.rows, cp - 1);
  assert_non_null(strstr(r.reason, "cắt đuôi"));
  raw_row(db, "INSERT INTO audit_log SELECT * FROM saved WHERE id >= %ld", cp);
  raw(db, "DROP TABLE saved");
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_false(audit_verify_broken(&r));
  /* the chain from the checkpoint holds: the new head is signed */
  assert_int_equal(audit_checkpoint_write(&written, st, &err), ERR_OK);
  assert_int_equal(written, 1);
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.from_id, head);
  /* a forged last line: the full walk, which names it and finds row 2 */
  FILE *f = fopen(cpf, "a");
  assert_non_null(f);
  fprintf(f, "%ld " HEX_ZEROS " 2026-12-31T00:00:00Z %0128d\n", head, 0);
  fclose(f);
  assert_int_equal(audit_verify_recent(&r, st, &admin, &err), ERR_OK);
  assert_int_equal(r.from_id, 0);
  assert_int_equal(r.forged_line, 3);
  assert_int_equal(r.first_bad, 2);
  store_close(st);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keyed_hash_matches_the_documented_input),
      cmocka_unit_test(mac_frames_each_field),
      cmocka_unit_test(checkpoint_sign_and_check),
      cmocka_unit_test(checkpoint_with_both_heads),
      cmocka_unit_test(init_creates_the_key_once),
      cmocka_unit_test(init_rekeys_an_old_database),
      cmocka_unit_test(init_refuses_to_key_a_broken_chain),
      cmocka_unit_test(person_digests_see_edits_deletions_insertions),
      cmocka_unit_test(checkpoints_catch_what_the_key_cannot),
      cmocka_unit_test(the_page_walks_from_the_newest_checkpoint),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
