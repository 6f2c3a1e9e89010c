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
#include "store/store.h"
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
  if (e->chain == AUDIT_CHAIN_READS)
    mac_add_text(&m, "reads"); /* a row moved to the other chain no longer verifies */
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

/* Append one row for `sc` to the chain whose rows are in `rows`, keyed
 * with the key of `st` (the main database's connection). */
static int append(struct store *st, struct store *rows, enum audit_chain chain,
                  const struct scope *sc, const char *action, const char *record_type,
                  long record_id, const char *detail, struct err *err)
{
  struct audit_entry e;
  memset(&e, 0, sizeof e);
  const struct store_key *key;
  int rc = store_key_get(&key, st, err);
  if (rc)
    return rc;
  long last;
  char prev[AUDIT_HASH_HEX];
  rc = store_audit_last(&last, prev, rows, err);
  if (rc)
    return rc;
  e.chain = chain;
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
  return store_audit_insert(rows, &e, err);
}

int audit_record(struct store *st, const struct scope *sc, const char *action,
                 const char *record_type, long record_id, const char *detail, struct err *err)
{
  return append(st, st, AUDIT_CHAIN_CHANGES, sc, action, record_type, record_id, detail, err);
}

int audit_record_read(struct store *st, const struct scope *sc, const char *action,
                      const char *record_type, long record_id, const char *detail, struct err *err)
{
  struct store *reads;
  int rc = store_reads(&reads, st, err);
  if (!rc)
    rc = store_write_begin(reads, err);
  if (rc)
    return rc;
  rc = append(st, reads, AUDIT_CHAIN_READS, sc, action, record_type, record_id, detail, err);
  if (rc) {
    store_write_rollback(reads);
    return rc;
  }
  return store_write_commit(reads, err);
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
  return r->first_bad || r->reads.first_bad || r->forged_line || r->people.changed ||
         !r->people.set_ok;
}

/* Walk the chain whose rows are in `rows` against the checkpoints cp (their
 * heads of this chain, sorted by row id; the last is the newest) into out's
 * rows, first_bad, reason, head and head_id. from > 0: start at that row,
 * a signed checkpoint's (the rows before it count as checked). head_id >
 * 0: a head written down earlier, with hash head_hash. */
static int walk(struct audit_verify_result *out, struct store *rows, const unsigned char *key,
                const struct audit_checkpoint *cp, size_t ncp, long from, long head_id,
                const char *head_hash, struct err *err)
{
  struct verify_ctx c = {.out = out,
                         .err = err,
                         .key = key,
                         .head_id = head_id > 0 ? head_id : 0,
                         .head_hash = head_hash ? head_hash : "",
                         .from_id = from,
                         .cp = cp,
                         .ncp = ncp,
                         .walked = from > 0 ? from - 1 : 0};
  /* from row 1: every row, even a forged id 0 */
  int rc = store_audit_scan_from(rows, from > 0 ? from : LONG_MIN, verify_row, &c, err);
  if (rc == BROKEN)
    rc = ERR_OK;
  if (rc || out->first_bad)
    return rc;
  long newest = ncp ? cp[ncp - 1].id : 0;
  if (c.head_id > out->rows) {
    /* the chain holds but stops before the head on record: its end was cut */
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng, thiếu dòng %ld đã ghi nhận: các dòng mới nhất đã bị xóa",
             out->rows, c.head_id);
  } else if (newest > out->rows) {
    long last;
    char hash[AUDIT_HASH_HEX];
    if ((rc = store_audit_last(&last, hash, rows, err)))
      return rc;
    out->rows = last < newest ? last : newest - 1;
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng nhưng mốc kiểm tra đã ký lúc %s ghi đến dòng %ld: các dòng "
             "mới nhất đã bị xóa (nhật ký bị cắt đuôi)",
             last, cp[ncp - 1].at, newest);
  }
  return ERR_OK;
}

/* The reads chain's heads among the checkpoints cp (n of them) into *out
 * (malloc'd, sorted by row id; *nout of them): the lines that name one. */
static int reads_heads(struct audit_checkpoint **out, size_t *nout,
                       const struct audit_checkpoint *cp, size_t n, struct err *err)
{
  *out = NULL;
  *nout = 0;
  struct audit_checkpoint *r = malloc((n ? n : 1) * sizeof *r);
  if (!r)
    return err_nomem(err);
  for (size_t i = 0; i < n; i++)
    if (cp[i].rid > 0) {
      struct audit_checkpoint *h = &r[(*nout)++];
      memset(h, 0, sizeof *h);
      h->id = cp[i].rid;
      memcpy(h->hash, cp[i].rhash, sizeof h->hash);
      memcpy(h->at, cp[i].at, sizeof h->at);
    }
  qsort(r, *nout, sizeof *r, by_id);
  *out = r;
  return ERR_OK;
}

/* Walk the reads chain (FILE.reads) into out->reads, as walk does the
 * changes' chain; a broken row's reason names the chain. */
static int walk_reads(struct audit_verify_result *out, struct store *st, const unsigned char *key,
                      const struct audit_checkpoint *cp, size_t ncp, long from, struct err *err)
{
  struct store *reads;
  int rc = store_reads(&reads, st, err);
  if (rc)
    return rc;
  struct audit_verify_result *r = malloc(sizeof *r);
  if (!r)
    return err_nomem(err);
  memset(r, 0, sizeof *r);
  rc = walk(r, reads, key, cp, ncp, from, 0, NULL, err);
  if (!rc) {
    struct audit_chain_verdict *v = &out->reads;
    v->rows = r->rows;
    v->first_bad = r->first_bad;
    v->head_id = r->head_id;
    memcpy(v->head, r->head, sizeof v->head);
    v->checkpoint_id = ncp ? cp[ncp - 1].id : 0;
    v->from_id = from;
    if (r->first_bad)
      snprintf(v->reason, sizeof v->reason, "nhật ký đọc hồ sơ: %s", r->reason);
  }
  free(r);
  return rc;
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
  rc = walk(out, st, key->mac, cps.items, cps.n, 0, head_id, head_hash, err);
  struct audit_checkpoint *rh = NULL;
  size_t nrh = 0;
  if (!rc)
    rc = reads_heads(&rh, &nrh, cps.items, cps.n, err);
  if (!rc)
    rc = walk_reads(out, st, key->mac, rh, nrh, 0, err);
  free(rh);
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
  rc = walk(out, st, key->mac, from ? &cp : NULL, from ? 1 : 0, from ? cp.id : 0, 0, NULL, err);
  if (rc)
    return rc;
  struct audit_checkpoint rcp;
  size_t nr = 0;
  if (from && cp.rid > 0) {
    memset(&rcp, 0, sizeof rcp);
    rcp.id = cp.rid;
    memcpy(rcp.hash, cp.rhash, sizeof rcp.hash);
    memcpy(rcp.at, cp.at, sizeof rcp.at);
    nr = 1;
  }
  return walk_reads(out, st, key->mac, nr ? &rcp : NULL, nr, nr ? rcp.id : 0, err);
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

/* Order of rows of both chains: time, then the changes before the reads,
 * then id. */
static int row_cmp(const struct audit_entry *x, const struct audit_entry *y)
{
  int c = strcmp(x->at, y->at);
  if (c)
    return c;
  if (x->chain != y->chain)
    return x->chain < y->chain ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Merge a and b (each in the merged order, oldest first when dir is 1,
 * newest first when -1) into *out, keeping the rows [skip, skip + keep) of
 * the merged order; a and b are freed. */
static int merge(struct audit_list *out, struct audit_list *a, struct audit_list *b, int dir,
                 size_t skip, size_t keep, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  size_t total = a->n + b->n;
  size_t end = skip + keep < total ? skip + keep : total;
  int rc = ERR_OK;
  if (end > skip) {
    out->items = malloc((end - skip) * sizeof *out->items);
    if (!out->items)
      rc = err_nomem(err);
  }
  for (size_t i = 0, j = 0, k = 0; !rc && k < end; k++) {
    int take_a = j >= b->n || (i < a->n && dir * row_cmp(&a->items[i], &b->items[j]) <= 0);
    const struct audit_entry *e = take_a ? &a->items[i++] : &b->items[j++];
    if (k >= skip)
      out->items[out->n++] = *e;
  }
  audit_list_free(a);
  audit_list_free(b);
  if (rc)
    audit_list_free(out);
  return rc;
}

void audit_row_number(char *out, size_t n, const struct audit_entry *e)
{
  snprintf(out, n, "%s%ld", e->chain == AUDIT_CHAIN_READS ? "Đ-" : "", e->id);
}

int audit_find(struct audit_list *out, struct store *st, const struct audit_filter *f,
               struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct store *reads;
  struct audit_filter q = *f;
  q.offset = 0; /* each chain's first offset + limit rows hold the merged page */
  q.limit = f->offset + f->limit;
  struct audit_list a = {0}, b = {0};
  int rc = store_reads(&reads, st, err);
  if (!rc)
    rc = store_audit_find(&a, st, &q, err);
  if (!rc)
    rc = store_audit_find(&b, reads, &q, err);
  if (rc) {
    audit_list_free(&a);
    return rc;
  }
  return merge(out, &a, &b, -1, f->offset, f->limit, err);
}

int audit_log(struct audit_list *out, struct store *st, const struct scope *sc,
              const char *record_type, long record_id, size_t limit, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (sc->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được xem nhật ký truy cập");
  if (!limit)
    limit = 100;
  struct store *reads;
  struct audit_list a = {0}, b = {0};
  int rc = store_reads(&reads, st, err);
  if (!rc)
    rc = store_audit_list(&a, st, record_type, record_id, limit, err);
  if (!rc)
    rc = store_audit_list(&b, reads, record_type, record_id, limit, err);
  if (rc) {
    audit_list_free(&a);
    return rc;
  }
  size_t total = a.n + b.n;
  return merge(out, &a, &b, 1, total > limit ? total - limit : 0, limit, err);
}
