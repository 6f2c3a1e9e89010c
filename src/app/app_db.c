/* app_db.c: creating and upgrading a database (see app_db.h). */
#include "app/app_db.h"

#include <stdio.h>
#include <string.h>

#include "app/app_user.h"
#include "domain/audit.h"
#include "domain/person_span.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_key.h"
#include "store/store_mfa.h"
#include "store/store_people.h"
#include "store/store_person_digest.h"
#include "types/user.h"

/* The first schema whose person rows carry a keyed digest (026). */
#define SCHEMA_PERSON_DIGEST 26

/* A database without FILE.key (written before schema 26, or whose key
 * file was never made): create the key, re-key the chain from row 1 (after
 * checking it against its unkeyed hashes) and digest every person row, in
 * one transaction, audited. When the key already exists but the person
 * rows predate their digest column, digest them. A failed transaction
 * removes the key it made, so the next init starts again. */
static int key_upgrade(struct app_db_init_result *out, struct store *st, struct err *err)
{
  int exists;
  int rc = store_key_exists(&exists, st, err);
  if (rc)
    return rc;
  int legacy_people = out->from > 0 && out->from < SCHEMA_PERSON_DIGEST;
  if (exists && !legacy_people)
    return ERR_OK;
  if (!exists && out->from >= SCHEMA_PERSON_DIGEST) {
    /* its chain was keyed already: a new key would find it "broken" at row 1 */
    long head;
    char hash[AUDIT_HASH_HEX], path[4096];
    if ((rc = store_audit_last(&head, hash, st, err)) ||
        (rc = store_key_path(path, sizeof path, st, ".key", err)))
      return rc;
    if (head > 0)
      return err_set(err, ERR_NOT_FOUND,
                     "cơ sở dữ liệu đã có khóa (lược đồ %d) nhưng thiếu tệp khóa \"%s\": hãy chép "
                     "lại tệp khóa từ bản sao lưu; một khóa mới không kiểm tra được nhật ký đã có",
                     out->from, path);
  }
  if ((rc = store_write_begin(st, err)))
    return rc;
  int created = 0;
  long rows = 0, people = 0;
  rc = exists ? ERR_OK : store_key_create(&created, st, err);
  if (!rc && created)
    rc = audit_rekey(&rows, st, err);
  if (!rc)
    rc = store_person_digest_rebuild(&people, st, err);
  if (!rc && (rows || people)) {
    struct scope self;
    char detail[160];
    snprintf(detail, sizeof detail,
             "%s; %ld dòng nhật ký khóa lại từ dòng 1; mã xác thực cho %ld hồ sơ người",
             created ? "tạo khóa nhật ký" : "khóa đã có", rows, people);
    rc = scope_init(&self, USER_LOCAL_ADMIN, "admin", NULL, NULL, "khởi tạo cơ sở dữ liệu", err);
    self.unit_id = 0;
    if (!rc)
      rc = audit_record(st, &self, "audit.key", "", 0, detail, err);
  }
  if (!rc)
    rc = store_write_commit(st, err);
  else
    store_write_rollback(st);
  if (rc && created)
    store_key_discard(st);
  if (!rc) {
    out->key_created = created;
    out->rekeyed_rows = rows;
    out->digested_people = people;
  }
  return rc;
}

/* Seal the TOTP secrets a database stored plain before they were sealed
 * (schema 025), in one transaction, audited as mfa.seal when there were
 * any; a new database has none and writes nothing. */
static int totp_seal_upgrade(struct app_db_init_result *out, struct store *st, struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long sealed = 0;
  rc = store_totp_seal_legacy(&sealed, st, err);
  if (!rc && sealed) {
    struct scope self;
    char detail[120];
    snprintf(detail, sizeof detail, "%ld khóa xác thực hai bước được niêm phong bằng tệp khóa",
             sealed);
    rc = scope_init(&self, USER_LOCAL_ADMIN, "admin", NULL, NULL, "khởi tạo cơ sở dữ liệu", err);
    self.unit_id = 0;
    if (!rc)
      rc = audit_record(st, &self, "mfa.seal", "user", 0, detail, err);
  }
  if (!rc)
    rc = store_write_commit(st, err);
  else
    store_write_rollback(st);
  if (!rc)
    out->sealed_secrets = sealed;
  return rc;
}

int app_db_init(struct app_db_init_result *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = store_migrate(st, &out->from, &out->to, err);
  struct store *reads; /* FILE.reads, made now when missing (docs/audit.md) */
  if (!rc)
    rc = store_reads(&reads, st, err);
  /* the key before anything that writes an audit row or a person */
  if (!rc)
    rc = key_upgrade(out, st, err);
  if (!rc)
    rc = totp_seal_upgrade(out, st, err);
  /* people stored before schema 9 get their derived rows once; then the
   * territory closure and the rows derived with it (commune map, every
   * record's province key) are rebuilt when the upgrade made them stale, not
   * by the first request after it (12 s on the national data) */
  if (!rc)
    rc = person_derive_upgrade(st, err);
  if (!rc)
    rc = store_scope_refresh(st, err);
  if (!rc)
    rc = app_user_ensure_admin(&out->admin_created, st, err);
  return rc;
}
