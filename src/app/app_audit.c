/* app_audit.c: reading and checking the audit trail (see app_audit.h for who may). */
#include "app/app_audit.h"

#include "store/store.h"
#include "store/store_audit.h"
#include "types/label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_admin(const struct scope *caller, const char *what, struct err *err)
{
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ người quản trị được %s nhật ký truy cập", what);
  return ERR_OK;
}

int app_audit_head_parse(struct app_audit_head *out, const char *text, struct err *err)
{
  memset(out, 0, sizeof *out);
  const char *t = text ? text : "";
  char *end;
  long id = strtol(t, &end, 10);
  size_t n = *end == ':' ? strlen(end + 1) : 0;
  int ok = end != t && t[0] >= '0' && t[0] <= '9' && id > 0 && n == AUDIT_HASH_HEX - 1;
  for (size_t k = 0; ok && k < n; k++)
    ok = strchr("0123456789abcdef", end[1 + k] | 0x20) != NULL;
  if (!ok)
    return err_set(err, ERR_INPUT,
                   "đầu chuỗi \"%s\" phải có dạng SỐ_DÒNG:MÃ_BĂM (số dòng, dấu hai chấm, 64 chữ "
                   "số hex)",
                   t);
  out->id = id;
  for (size_t k = 0; k < n; k++)
    out->hash[k] = (char)(end[1 + k] | 0x20);
  out->hash[n] = '\0';
  return ERR_OK;
}

int app_audit_verify(struct audit_verify_result *out, struct store *st, const struct scope *caller,
                     const struct app_audit_head *head, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = check_admin(caller, "kiểm tra", err);
  if (rc)
    return rc;
  int kept = head && head->id > 0;
  return audit_verify_head(out, st, caller, kept ? head->id : 0, kept ? head->hash : NULL, err);
}

int app_audit_checkpoint(int *written, struct store *st, struct err *err)
{
  return audit_checkpoint_write(written, st, err);
}

int app_audit_heads(struct app_audit_heads *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct store *reads;
  int rc = store_audit_last(&out->id, out->hash, st, err);
  if (!rc)
    rc = store_reads(&reads, st, err);
  if (!rc)
    rc = store_audit_last(&out->rid, out->rhash, reads, err);
  return rc;
}

int app_audit_heads_moved(const struct app_audit_heads *a, const struct app_audit_heads *b)
{
  return a->id != b->id || a->rid != b->rid || strcmp(a->hash, b->hash) != 0 ||
         strcmp(a->rhash, b->rhash) != 0;
}

int app_audit_log(struct audit_list *out, struct store *st, const struct scope *caller,
                  const struct app_audit_query *q, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_admin(caller, "xem", err);
  if (rc)
    return rc;
  if (caller->unit_id != 0)
    return err_set(err, ERR_DENIED,
                   "nhật ký truy cập ghi việc của mọi địa bàn: chỉ người quản trị toàn quốc được "
                   "xem; người quản trị của %s:%s chỉ kiểm tra được chuỗi (pcmt audit verify)",
                   caller->tree, caller->code);
  long person = q && q->person_id > 0 ? q->person_id : 0;
  return audit_log(out, st, caller, person ? "person" : NULL, person, q ? q->limit : 0, err);
}

#define PAGE_ROWS 50

/* The UTC instant "YYYY-MM-DDT17:00:00Z" that starts day d + 1 in Vietnam
 * (UTC+7): midnight there is 17:00 UTC the day before. */
static void vn_day_end(char *buf, size_t n, struct date d)
{
  char iso[DATE_ISO_LEN];
  date_to_iso(iso, d);
  snprintf(buf, n, "%sT17:00:00Z", iso);
}

/* Read rows only: the national administrator's right (see app_audit.h). */
static int check_rows(const struct scope *caller, struct err *err)
{
  int rc = check_admin(caller, "xem", err);
  if (!rc && caller->unit_id != 0)
    rc = err_set(err, ERR_DENIED,
                 "Nhật ký truy cập ghi việc của mọi địa bàn: chỉ người quản trị toàn quốc được "
                 "xem các dòng; người quản trị của %s:%s chỉ kiểm tra được chuỗi.",
                 caller->tree, caller->code);
  return rc;
}

int app_audit_find(struct audit_list *out, int *more, struct store *st, const struct scope *caller,
                   const struct app_audit_filter *f, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  *more = 0;
  int rc = check_rows(caller, err);
  if (rc)
    return rc;
  struct audit_filter q = {0};
  q.actor = f->actor && *f->actor ? f->actor : NULL;
  if (f->action && *f->action) {
    rc = label_parse(&q.action, LABEL_AUDIT_ACTION, f->action, "hành động", err);
    if (rc)
      return rc;
  }
  if (f->person_id > 0) {
    q.record_type = "person";
    q.record_id = f->person_id;
  }
  if (f->from.y && f->to.y && date_cmp(f->from, f->to) > 0)
    return err_set(err, ERR_INPUT, "ngày bắt đầu sau ngày kết thúc");
  char from[24], to[24];
  if (f->from.y) {
    vn_day_end(from, sizeof from, date_add_days(f->from, -1));
    q.at_from = from;
  }
  if (f->to.y) {
    vn_day_end(to, sizeof to, f->to);
    q.at_to = to;
  }
  size_t limit = f->limit ? f->limit : PAGE_ROWS;
  q.offset = f->offset;
  q.limit = limit + 1; /* one more tells whether a next page exists */
  rc = audit_find(out, st, &q, err);
  if (!rc && out->n > limit) {
    out->n = limit;
    *more = 1;
  }
  return rc;
}

int app_audit_review(struct app_audit_review *out, struct store *st, const struct scope *caller,
                     const struct app_audit_filter *f, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = check_admin(caller, "kiểm tra", err);
  if (rc)
    return rc;
  /* from the newest signed checkpoint: a whole walk at each view would cost
     seconds on a trail of 100.000 rows; `pcmt audit verify` walks it all */
  if ((rc = audit_verify_recent(&out->verify, st, caller, err)))
    return rc;
  struct err e = {ERR_OK, ""};
  rc = app_audit_find(&out->rows, &out->more, st, caller, f, &e);
  if (rc == ERR_DENIED) {
    out->rows_denied = 1;
    snprintf(out->rows_why, sizeof out->rows_why, "%s", e.msg);
    return ERR_OK;
  }
  return rc ? err_copy(err, &e) : ERR_OK;
}
