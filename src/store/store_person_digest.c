/* store_person_digest.c: keyed digests of the person rows (see store_person_digest.h). */
#include "store/store_person_digest.h"

#include <stdlib.h>
#include <string.h>

#include "base/mac.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_key.h"

#define PERSON_FIELDS                                                                              \
  "id, full_name, other_names, name_key, sort_key, birth_date, sex, ethnicity, national_id, "      \
  "unit_id, address, occupation, occupation_group, merged_into, created_at, created_by, digest "
#define N_FIELDS 16 /* the columns the digest covers; column 16 is the stored digest */

/* The digest of the row the statement stands on (columns of PERSON_FIELDS). */
static void row_digest(char *out, struct stmt *s, const struct store_key *k)
{
  struct mac m;
  mac_init(&m, k->mac);
  mac_add_text(&m, "person");
  for (int i = 0; i < N_FIELDS; i++) {
    if (db_col_is_null(s, i)) {
      mac_add_null(&m);
    } else if (i == 4) { /* sort_key is a blob */
      size_t n = 0;
      const void *p = db_col_blob(s, i, &n);
      mac_add(&m, p, n);
    } else {
      mac_add(&m, db_col_text(s, i), db_col_bytes(s, i));
    }
  }
  mac_final_hex(&m, out);
}

/* XOR the set tag of `digest` into tally. */
static void tally_add(unsigned char *tally, const char *digest, const struct store_key *k)
{
  struct mac m;
  unsigned char tag[MAC_BYTES];
  mac_init(&m, k->mac);
  mac_add_text(&m, "person-set");
  mac_add_text(&m, digest);
  mac_final(&m, tag);
  for (int i = 0; i < MAC_BYTES; i++)
    tally[i] ^= tag[i];
}

static int state_read(long *rows, unsigned char *tally, struct store *st, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT row_count, tally FROM person_digest_state WHERE id = 1", err);
  if (rc)
    return rc;
  *rows = 0;
  memset(tally, 0, MAC_BYTES);
  int r = db_step(s, err);
  if (r == 1) {
    *rows = (long)db_col_int(s, 0);
    const char *hex = db_col_text(s, 1);
    if (sodium_hex2bin(tally, MAC_BYTES, hex, strlen(hex), NULL, NULL, NULL) != 0)
      memset(tally, 0xff, MAC_BYTES); /* not a tally: can match nothing */
  } else {
    rc = r < 0 ? ERR_DB : err_set(err, ERR_DB, "thiếu dòng person_digest_state");
  }
  db_finalize(s);
  return rc;
}

static int state_write(struct store *st, long rows, const unsigned char *tally, struct err *err)
{
  char hex[MAC_HEX];
  sodium_bin2hex(hex, sizeof hex, tally, MAC_BYTES);
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE person_digest_state SET row_count = ?, tally = ? WHERE id = 1", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, rows);
  db_bind_text(s, 2, hex);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* The first schema with the digest column (migration 026). */
#define SCHEMA_DIGEST 26

int store_person_digest_write(struct store *st, long id, struct err *err)
{
  /* a database still below schema 26 (being upgraded, or a test of an old
     schema) has no digest yet: `pcmt init` digests every row on reaching it */
  int *digests = db_digest_state(st);
  if (*digests == 0) {
    int v = 0;
    int rc = store_schema_version(st, &v, err);
    if (rc)
      return rc;
    *digests = v >= SCHEMA_DIGEST ? 1 : -1;
  }
  if (*digests < 0)
    return ERR_OK;
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (rc)
    return rc;
  struct stmt *s;
  if ((rc = db_prepare(&s, st, "SELECT " PERSON_FIELDS "FROM person WHERE id = ?", err)))
    return rc;
  db_bind_int(s, 1, id);
  char fresh[MAC_HEX], old[MAC_HEX] = "";
  int had = 0;
  int r = db_step(s, err);
  if (r == 1) {
    row_digest(fresh, s, k);
    had = !db_col_is_null(s, N_FIELDS);
    if (had)
      snprintf(old, sizeof old, "%s", db_col_text(s, N_FIELDS));
  } else {
    rc = r < 0 ? ERR_DB : err_set(err, ERR_INTERNAL, "không có người #%ld để tính mã", id);
  }
  db_finalize(s);
  if (rc || (had && strcmp(old, fresh) == 0))
    return rc;
  if ((rc = db_prepare(&s, st, "UPDATE person SET digest = ? WHERE id = ?", err)))
    return rc;
  db_bind_text(s, 1, fresh);
  db_bind_int(s, 2, id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  long rows;
  unsigned char tally[MAC_BYTES];
  if (!rc)
    rc = state_read(&rows, tally, st, err);
  if (rc)
    return rc;
  if (had)
    tally_add(tally, old, k);
  else
    rows++;
  tally_add(tally, fresh, k);
  return state_write(st, rows, tally, err);
}

int store_person_digest_rebuild(long *rows, struct store *st, struct err *err)
{
  *rows = 0;
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (!rc)
    rc = db_exec(st, "UPDATE person SET digest = NULL", err);
  unsigned char zero[MAC_BYTES] = {0};
  if (!rc)
    rc = state_write(st, 0, zero, err);
  if (rc)
    return rc;
  /* the ids first, then one write each: the scan never reads rows it changes */
  long *ids = NULL;
  size_t n = 0, cap = 0;
  struct stmt *s;
  if ((rc = db_prepare(&s, st, "SELECT id FROM person ORDER BY id", err)))
    return rc;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (n == cap) {
      size_t c = cap ? cap * 2 : 1024;
      long *p = realloc(ids, c * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      ids = p;
      cap = c;
    }
    ids[n++] = (long)db_col_int(s, 0);
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  for (size_t i = 0; !rc && i < n; i++)
    rc = store_person_digest_write(st, ids[i], err);
  free(ids);
  if (!rc)
    *rows = (long)n;
  return rc;
}

int store_person_digest_check(struct store_person_check *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (rc)
    return rc;
  unsigned char tally[MAC_BYTES] = {0}, want[MAC_BYTES];
  struct stmt *s;
  if ((rc = db_prepare(&s, st, "SELECT " PERSON_FIELDS "FROM person ORDER BY id", err)))
    return rc;
  int r;
  while ((r = db_step(s, err)) == 1) {
    char fresh[MAC_HEX];
    row_digest(fresh, s, k);
    int null = db_col_is_null(s, N_FIELDS);
    const char *stored = null ? "" : db_col_text(s, N_FIELDS);
    out->rows++;
    if (null || strcmp(stored, fresh) != 0) {
      if (out->changed < PERSON_CHECK_IDS)
        out->ids[out->changed] = (long)db_col_int(s, 0);
      out->changed++;
    }
    /* the set is checked on the stored digests: an edited row is "changed",
       not also "deleted and inserted" */
    if (!null)
      tally_add(tally, stored, k);
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (!rc)
    rc = state_read(&out->tally_rows, want, st, err);
  if (!rc)
    out->set_ok = out->tally_rows == out->rows && sodium_memcmp(tally, want, MAC_BYTES) == 0;
  return rc;
}
