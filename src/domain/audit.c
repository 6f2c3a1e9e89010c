/* audit.c: appending to and verifying the hash-chained audit trail (model in audit.h). */
#include "domain/audit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/date.h"
#include "store/store_audit.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok; /* 1 once sodium_init succeeded */

static void init_sodium(void)
{
  sodium_ok = sodium_init() >= 0;
}

/* Copy src into dst (n bytes), cutting on a UTF-8 character boundary. */
static void copy_utf8(char *dst, size_t n, const char *src)
{
  size_t len = strlen(src);
  if (len >= n) {
    len = n - 1;
    while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(dst, src, len);
  dst[len] = '\0';
}

static void add_net(struct buf *b, const char *s)
{
  buf_addf(b, "%zu:", strlen(s));
  buf_adds(b, s);
  buf_addc(b, ',');
}

int audit_hash(struct audit_entry *e, struct err *err)
{
  pthread_once(&sodium_once, init_sodium);
  if (!sodium_ok)
    return err_set(err, ERR_INTERNAL, "không khởi tạo được thư viện mã hóa (libsodium)");
  struct buf b;
  buf_init(&b, 0);
  char num[32];
  add_net(&b, e->prev_hash);
  snprintf(num, sizeof num, "%ld", e->id);
  add_net(&b, num);
  add_net(&b, e->at);
  add_net(&b, e->actor);
  add_net(&b, e->role);
  add_net(&b, e->scope);
  add_net(&b, e->purpose);
  add_net(&b, e->action);
  add_net(&b, e->record_type);
  snprintf(num, sizeof num, "%ld", e->record_id);
  add_net(&b, num);
  add_net(&b, e->detail);
  if (buf_failed(&b)) {
    buf_free(&b);
    return err_nomem(err);
  }
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)buf_str(&b), b.len, NULL, 0);
  buf_free(&b);
  sodium_bin2hex(e->hash, sizeof e->hash, h, sizeof h);
  return ERR_OK;
}

int audit_record(struct store *st, const struct scope *sc, const char *action,
                 const char *record_type, long record_id, const char *detail, struct err *err)
{
  struct audit_entry e;
  memset(&e, 0, sizeof e);
  long last;
  char prev[AUDIT_HASH_HEX];
  int rc = store_audit_last(&last, prev, st, err);
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
  rc = audit_hash(&e, err);
  if (rc)
    return rc;
  return store_audit_insert(st, &e, err);
}

#define BROKEN (-1) /* verify_row's "stop here: this row is broken" */

struct verify_ctx {
  struct audit_verify_result *out;
  struct err *err;
  long head_id;          /* a head written down earlier, 0 for none */
  const char *head_hash; /* its hash */
};

static int verify_row(void *p, const struct audit_entry *row)
{
  struct verify_ctx *c = p;
  struct audit_verify_result *r = c->out;
  long want_id = r->rows + 1;
  const char *want_prev = r->rows ? r->head : ZERO_HASH;
  r->rows++;
  if (row->id != want_id) {
    r->first_bad = row->id;
    snprintf(r->reason, sizeof r->reason, "dòng %ld đứng ở vị trí %ld: thiếu dòng %ld (đã bị xóa?)",
             row->id, want_id, want_id);
    return BROKEN;
  }
  if (strcmp(row->prev_hash, want_prev) != 0) {
    r->first_bad = row->id;
    snprintf(r->reason, sizeof r->reason,
             "dòng %ld không nối với dòng trước (mã băm trước không khớp)", row->id);
    return BROKEN;
  }
  struct audit_entry e = *row;
  int rc = audit_hash(&e, c->err);
  if (rc)
    return rc;
  if (row->overlong || strcmp(e.hash, row->hash) != 0) {
    r->first_bad = row->id;
    snprintf(r->reason, sizeof r->reason, "dòng %ld đã bị sửa (mã băm không khớp nội dung)",
             row->id);
    return BROKEN;
  }
  if (row->id == c->head_id && strcmp(row->hash, c->head_hash) != 0) {
    r->first_bad = row->id;
    snprintf(r->reason, sizeof r->reason,
             "dòng %ld không còn là dòng đã ghi nhận (mã băm khác mã đã lưu): nhật ký bị viết lại",
             row->id);
    return BROKEN;
  }
  snprintf(r->head, sizeof r->head, "%s", row->hash);
  r->head_id = row->id;
  return 0;
}

int audit_verify_head(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                      long head_id, const char *head_hash, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (sc->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được kiểm tra nhật ký truy cập");
  struct verify_ctx c = {out, err, head_id > 0 ? head_id : 0, head_hash ? head_hash : ""};
  int rc = store_audit_scan(st, verify_row, &c, err);
  if (rc == BROKEN) {
    out->rows--; /* the broken row is not counted as checked */
    return ERR_OK;
  }
  if (!rc && c.head_id > out->rows) {
    /* the chain holds but stops before the head on record: its end was cut */
    out->first_bad = out->rows + 1;
    snprintf(out->reason, sizeof out->reason,
             "nhật ký chỉ còn %ld dòng, thiếu dòng %ld đã ghi nhận: các dòng mới nhất đã bị xóa",
             out->rows, c.head_id);
  }
  return rc;
}

int audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *sc,
                 struct err *err)
{
  return audit_verify_head(out, st, sc, 0, NULL, err);
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
