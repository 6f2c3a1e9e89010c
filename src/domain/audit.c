/* audit.c: appending to and verifying the hash-chained audit trail (model in audit.h). */
#include "domain/audit.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/text.h"
#include "base/mac.h"
#include "domain/audit_checkpoint.h"
#include "store/store_audit.h"
#include "store/store_key.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Copy src into dst (n bytes), cutting on a UTF-8 character boundary. */
static void copy_utf8(char *dst, size_t n, const char *src)
{
  size_t len = text_utf8_prefix(src, n - 1);
  memcpy(dst, src, len);
  dst[len] = '\0';
}

int audit_hash(struct audit_entry *e, const unsigned char *key, struct err *err)
{
  int rc = mac_sodium_ready(err);
  if (rc)
    return rc;
  struct mac m;
  mac_init(&m, key);
  mac_add_text(&m, e->prev_hash);
  mac_add_int(&m, e->id);
  mac_add_text(&m, e->at);
  mac_add_text(&m, e->actor);
  mac_add_text(&m, e->role);
  mac_add_text(&m, e->scope);
  mac_add_text(&m, e->purpose);
  mac_add_text(&m, e->action);
  mac_add_text(&m, e->record_type);
  mac_add_int(&m, e->record_id);
  mac_add_text(&m, e->detail);
  mac_final_hex(&m, e->hash);
  return ERR_OK;
}

int audit_record(struct store *st, const struct scope *sc, const char *action,
                 const char *record_type, long record_id, const char *detail, struct err *err)
{
  struct audit_entry e;
  memset(&e, 0, sizeof e);
  const struct store_key *key;
  int rc = store_key_get(&key, st, err);
  if (rc)
    return rc;
  long last;
  char prev[AUDIT_HASH_HEX];
  rc = store_audit_last(&last, prev, st, err);
  if (rc)
    return rc;
  e.id = last + 1;
  copy_utf8(e.prev_hash, sizeof e.prev_hash, last ? prev : ZERO_HASH);
  date_now_utc(e.at, sizeof e.at);
  copy_utf8(e.actor, sizeof e.actor, sc->user);
  copy_utf8(e.role, sizeof e.role, scope_role_name(sc->role));
  scope_describe(e.scope, sizeof e.scope, sc);
  copy_utf8(e.purpose, sizeof e.purpose, sc->purpose);
  copy_utf8(e.action, sizeof e.action, action);
  copy_utf8(e.record_type, sizeof e.record_type, record_type ? record_type : "");
  e.record_id = record_id;
  copy_utf8(e.detail, sizeof e.detail, detail ? detail : "");
  rc = audit_hash(&e, key->mac, err);
  if (rc)
    return rc;
  return store_audit_insert(st, &e, err);
}

#define BROKEN (-1) /* verify_row's "stop here: this row is broken" */

struct verify_ctx {
  struct audit_verify_result *out;
  struct err *err;
  const unsigned char *key;          /* the chain's key */
  long head_id;                      /* a head written down earlier, 0 for none */
  long from_id;                      /* the walk starts at this row; its link is not checked */
  const char *head_hash;             /* its hash */
  const struct audit_checkpoint *cp; /* the signed checkpoints, by row id */
  size_t ncp;
  size_t next;               /* the first checkpoint not yet met in the walk */
  long walked;               /* rows walked */
  char last[AUDIT_HASH_HEX]; /* the stored hash of the last row walked */
};

/* Row `id` is the first whose keyed hash fails. Either that row alone was
 * changed (or forged), and its stored hash is still the one written, or the
 * chain was recomputed from it on without the key. verify_row goes on over
 * the links alone to tell them apart: a checkpoint further on whose hash
 * differs from the stored one means the hashes themselves were rewritten. */
static void mark_bad_row(struct audit_verify_result *r, long id)
{
  r->first_bad = id;
  r->rows = id - 1;
  snprintf(r->reason, sizeof r->reason,
           "dòng %ld đã bị sửa hoặc bị chèn giả (mã băm có khóa không khớp nội dung)", id);
}

/* Past a row whose keyed hash failed: follow the links, compare the checkpoints. */
static int verify_after_bad(struct verify_ctx *c, const struct audit_entry *row, int linked)
{
  struct audit_verify_result *r = c->out;
  if (!linked)
    return BROKEN;
  for (; c->next < c->ncp && c->cp[c->next].id == row->id; c->next++)
    if (strcmp(c->cp[c->next].hash, row->hash) != 0) {
      snprintf(r->reason, sizeof r->reason,
               "dòng %ld trở đi có mã băm không khớp khóa, và dòng %ld khác mốc kiểm tra đã ký "
               "lúc %s: nhật ký đã bị tính lại từ dòng %ld",
               r->first_bad, row->id, c->cp[c->next].at, r->first_bad);
      return BROKEN;
    }
  snprintf(c->last, sizeof c->last, "%s", row->hash);
  return 0;
}

/* Stop at row `id` with reason `why` (the rows before it were sound). */
static int stop_at(struct audit_verify_result *r, long id, const char *why)
{
  r->first_bad = id;
  r->rows--;
  snprintf(r->reason, sizeof r->reason, "%s", why);
  return BROKEN;
}

static int verify_row(void *p, const struct audit_entry *row)
{
  struct verify_ctx *c = p;
  struct audit_verify_result *r = c->out;
  long want_id = c->walked + 1;
  const char *want_prev = c->walked ? c->last : ZERO_HASH;
  if (c->from_id > 1 && want_id == c->from_id)
    want_prev = row->prev_hash; /* its link was verified when the checkpoint was signed */
  c->walked++;
  int linked = row->id == want_id && strcmp(row->prev_hash, want_prev) == 0;
  if (r->first_bad)
    return verify_after_bad(c, row, linked);
  r->rows = c->walked;
  char why[sizeof r->reason];
  if (row->id != want_id) {
    snprintf(why, sizeof why, "dòng %ld đứng ở vị trí %ld: thiếu dòng %ld (đã bị xóa?)", row->id,
             want_id, want_id);
    return stop_at(r, row->id, why);
  }
  if (!linked) {
    snprintf(why, sizeof why, "dòng %ld không nối với dòng trước (mã băm trước không khớp)",
             row->id);
    return stop_at(r, row->id, why);
  }
  struct audit_entry e = *row;
  int rc = audit_hash(&e, c->key, c->err);
  if (rc)
    return rc;
  if (row->overlong || strcmp(e.hash, row->hash) != 0) {
    mark_bad_row(r, row->id);
    /* go on over the links, from this row's checkpoints on: changed here, or
       recomputed from here? */
    return verify_after_bad(c, row, 1);
  }
  if (row->id == c->head_id && strcmp(row->hash, c->head_hash) != 0) {
    snprintf(why, sizeof why,
             "dòng %ld không còn là dòng đã ghi nhận (mã băm khác mã đã lưu): nhật ký bị viết lại",
             row->id);
    return stop_at(r, row->id, why);
  }
  for (; c->next < c->ncp && c->cp[c->next].id == row->id; c->next++)
    if (strcmp(c->cp[c->next].hash, row->hash) != 0) {
      snprintf(why, sizeof why,
               "dòng %ld có mã băm khác mốc kiểm tra đã ký lúc %s: nhật ký đã bị tính lại từ dòng "
               "này hoặc trước đó",
               row->id, c->cp[c->next].at);
      return stop_at(r, row->id, why);
    }
  snprintf(c->last, sizeof c->last, "%s", row->hash);
  snprintf(r->head, sizeof r->head, "%s", row->hash);
  r->head_id = row->id;
  return 0;
}

static int by_id(const void *a, const void *b)
{
  long x = ((const struct audit_checkpoint *)a)->id, y = ((const struct audit_checkpoint *)b)->id;
  return (x > y) - (x < y);
}

int audit_verify_broken(const struct audit_verify_result *r)
{
  return r->first_bad || r->forged_line || r->people.changed || !r->people.set_ok;
}

int audit_verify_head(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                      long head_id, const char *head_hash, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (sc->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được kiểm tra nhật ký truy cập");
  const struct store_key *key;
  int rc = store_key_get(&key, st, err);
  if (rc)
    return rc;
  struct audit_checkpoints cps;
  if ((rc = audit_checkpoints_load(&cps, st, err)))
    return rc;
  out->checkpoints = (long)cps.n;
  out->forged_line = cps.bad_line;
  if (cps.n) {
    qsort(cps.items, cps.n, sizeof *cps.items, by_id);
    const struct audit_checkpoint *newest = &cps.items[cps.n - 1];
    out->checkpoint_id = newest->id;
    snprintf(out->checkpoint_at, sizeof out->checkpoint_at, "%s", newest->at);
  }
  struct verify_ctx c = {.out = out,
                         .err = err,
                         .key = key->mac,
                         .head_id = head_id > 0 ? head_id : 0,
                         .head_hash = head_hash ? head_hash : "",
                         .cp = cps.items,
                         .ncp = cps.n};
  rc = store_audit_scan(st, verify_row, &c, err);
  if (rc == BROKEN)
    rc = ERR_OK;
  if (!rc && !out->first_bad && c.head_id > out->rows) {
    /* the chain holds but stops before the head on record: its end was cut */
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng, thiếu dòng %ld đã ghi nhận: các dòng mới nhất đã bị xóa",
             out->rows, c.head_id);
  } else if (!rc && !out->first_bad && out->checkpoint_id > out->rows) {
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng nhưng mốc kiểm tra đã ký lúc %s ghi đến dòng %ld: các dòng "
             "mới nhất đã bị xóa (nhật ký bị cắt đuôi)",
             out->rows, out->checkpoint_at, out->checkpoint_id);
  }
  audit_checkpoints_free(&cps);
  if (!rc)
    rc = store_person_digest_check(&out->people, st, err);
  return rc;
}

int audit_verify_tail(struct audit_verify_result *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  const struct store_key *key;
  int rc = store_key_get(&key, st, err);
  if (rc)
    return rc;
  struct audit_checkpoint cp;
  int found, is_signed;
  if ((rc = audit_checkpoint_newest(&cp, &found, &is_signed, st, err)))
    return rc;
  int from = found && is_signed;
  if (from) {
    out->checkpoints = 1;
    out->checkpoint_id = cp.id;
    out->from_id = cp.id;
    snprintf(out->checkpoint_at, sizeof out->checkpoint_at, "%s", cp.at);
  }
  /* the checkpoint's own row is met in the walk: its hash is compared with
     the signed one there, as audit_verify compares every checkpoint */
  struct verify_ctx c = {.out = out,
                         .err = err,
                         .key = key->mac,
                         .head_hash = "",
                         .from_id = from ? cp.id : 0,
                         .cp = from ? &cp : NULL,
                         .ncp = from ? 1 : 0,
                         .walked = from ? cp.id - 1 : 0};
  rc = store_audit_scan_from(st, from ? cp.id : LONG_MIN, verify_row, &c, err);
  if (rc == BROKEN)
    rc = ERR_OK;
  if (!rc && !out->first_bad && out->checkpoint_id > out->rows) {
    long last;
    char hash[AUDIT_HASH_HEX];
    if ((rc = store_audit_last(&last, hash, st, err)))
      return rc;
    out->rows = last < out->checkpoint_id ? last : out->checkpoint_id - 1;
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng nhưng mốc kiểm tra đã ký lúc %s ghi đến dòng %ld: các dòng "
             "mới nhất đã bị xóa (nhật ký bị cắt đuôi)",
             last, out->checkpoint_at, out->checkpoint_id);
  }
  return rc;
}

int audit_verify_recent(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                        struct err *err)
{
  memset(out, 0, sizeof *out);
  if (sc->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được kiểm tra nhật ký truy cập");
  struct audit_checkpoint cp;
  int found, is_signed;
  int rc = audit_checkpoint_newest(&cp, &found, &is_signed, st, err);
  if (rc)
    return rc;
  if (found && !is_signed)
    return audit_verify(out, st, sc, err); /* names the forged line */
  if ((rc = audit_verify_tail(out, st, err)))
    return rc;
  return store_person_digest_check(&out->people, st, err);
}

int audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                 struct err *err)
{
  return audit_verify_head(out, st, sc, 0, NULL, err);
}

struct rekey_ctx {
  struct store *st;
  struct err *err;
  const unsigned char *key;
  long rows;                     /* rows re-keyed */
  char old_prev[AUDIT_HASH_HEX]; /* the previous row's hash as written (unkeyed) */
  char new_prev[AUDIT_HASH_HEX]; /* its keyed hash */
};

static int rekey_row(void *p, const struct audit_entry *row)
{
  struct rekey_ctx *c = p;
  struct audit_entry e = *row;
  int rc = audit_hash(&e, NULL, c->err);
  if (rc)
    return rc;
  if (row->id != c->rows + 1 || strcmp(row->prev_hash, c->old_prev) != 0 || row->overlong ||
      strcmp(e.hash, row->hash) != 0)
    return err_set(c->err, ERR_CONFLICT,
                   "nhật ký truy cập đã hỏng ở dòng %ld (chuỗi không khóa không khớp): không tạo "
                   "khóa cho một chuỗi đã hỏng; hãy kiểm tra bản sao lưu",
                   row->id);
  snprintf(c->old_prev, sizeof c->old_prev, "%s", row->hash);
  snprintf(e.prev_hash, sizeof e.prev_hash, "%s", c->new_prev);
  if ((rc = audit_hash(&e, c->key, c->err)))
    return rc;
  if ((rc = store_audit_rekey(c->st, e.id, e.prev_hash, e.hash, c->err)))
    return rc;
  snprintf(c->new_prev, sizeof c->new_prev, "%s", e.hash);
  c->rows++;
  return 0;
}

int audit_rekey(long *rows, struct store *st, struct err *err)
{
  *rows = 0;
  const struct store_key *key;
  int rc = store_key_get(&key, st, err);
  if (rc)
    return rc;
  struct rekey_ctx c = {st, err, key->mac, 0, ZERO_HASH, ZERO_HASH};
  rc = store_audit_scan(st, rekey_row, &c, err);
  if (!rc)
    *rows = c.rows;
  return rc;
}

int audit_log(struct audit_list *out, struct store *st, const struct scope *sc,
              const char *record_type, long record_id, size_t limit, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (sc->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được xem nhật ký truy cập");
  return store_audit_list(out, st, record_type, record_id, limit ? limit : 100, err);
}
