/* db_util.c: statements run the same way in many places, written once over db.h
 * (so every backend has them). */
#include "store/db.h"

int db_exec_id(struct store *st, const char *sql, long long id, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, id);
  struct err e = {ERR_OK, ""};
  if (db_step(s, &e) < 0)
    rc = err_copy(err, &e);
  db_finalize(s);
  return rc;
}

int db_query_id(long long *out, int *found, struct store *st, const char *sql, long long id,
                struct err *err)
{
  *out = 0;
  if (found)
    *found = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, id);
  struct err e = {ERR_OK, ""};
  int got = db_step(s, &e);
  if (got < 0) {
    rc = err_copy(err, &e);
  } else if (got == 1) {
    *out = db_col_int(s, 0);
    if (found)
      *found = 1;
  }
  db_finalize(s);
  return rc;
}
