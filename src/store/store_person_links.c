/* store_person_links.c: a person's cases, places and networks (see store_person_links.h). */
#include "store/store_person_links.h"

#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "store/db.h"
#include "store/store.h"

/* The territory condition on unit id column `col`, one parameter. */
#define IN_SCOPE(col)                                                                              \
  " AND EXISTS (SELECT 1 FROM unit_scope s WHERE s.scope_id = ? AND s.unit_id = " col ")"

static void copy_col(char *dst, size_t n, struct stmt *s, int col)
{
  const char *v = db_col_is_null(s, col) ? "" : db_col_text(s, col);
  snprintf(dst, n, "%s", v ? v : "");
}

int store_person_links(struct person_link_list *out, struct store *st, const struct scope *sc,
                       long person_id, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (!sc || sc->unit_id < 0)
    return err_set(err, ERR_INTERNAL, "phạm vi truy cập chưa được xác định");
  if (!scope_may_read_people(sc))
    return err_set(err, ERR_DENIED, "vai trò %s không được xem hồ sơ cá nhân",
                   scope_role_name(sc->role));
  int scoped = sc->unit_id > 0;
  char sql[2000];
  snprintf(sql, sizeof sql,
           "SELECT 1, c.id, c.record_no, c.detected_on, cp.role, cp.arrested_on, c.offences, "
           "u.tree, u.code FROM case_person cp JOIN drug_case c ON c.id = cp.case_id "
           "JOIN unit u ON u.id = c.unit_id WHERE cp.person_id = ?%s "
           "UNION ALL SELECT 2, pl.id, pl.record_no, pl.found_on, pl.kind, '', pl.name, u.tree, "
           "u.code FROM place pl JOIN unit u ON u.id = pl.unit_id WHERE pl.person_id = ?%s "
           "UNION ALL SELECT 3, n.id, n.record_no, n.found_on, nm.role, '', n.name, u.tree, u.code "
           "FROM network_member nm JOIN network n ON n.id = nm.network_id "
           "JOIN unit u ON u.id = n.unit_id WHERE nm.person_id = ?%s ORDER BY 1, 4, 2",
           scoped ? IN_SCOPE("c.unit_id") : "", scoped ? IN_SCOPE("pl.unit_id") : "",
           scoped ? IN_SCOPE("n.unit_id") : "");
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  int i = 1;
  for (int part = 0; part < 3; part++) {
    db_bind_int(s, i++, person_id);
    if (scoped)
      db_bind_int(s, i++, sc->unit_id);
  }
  static const char *const kinds[] = {"", "case", "place", "network"};
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (out->n == cap) {
      struct person_link *p = array_grow(out->items, &cap, out->n + 1, sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
    }
    struct person_link *l = &out->items[out->n++];
    memset(l, 0, sizeof *l);
    long k = (long)db_col_int(s, 0);
    snprintf(l->kind, sizeof l->kind, "%s", k >= 1 && k <= 3 ? kinds[k] : "");
    l->id = (long)db_col_int(s, 1);
    copy_col(l->record_no, sizeof l->record_no, s, 2);
    copy_col(l->date, sizeof l->date, s, 3);
    copy_col(l->role, sizeof l->role, s, 4);
    copy_col(l->since, sizeof l->since, s, 5);
    copy_col(l->name, sizeof l->name, s, 6);
    copy_col(l->unit_tree, sizeof l->unit_tree, s, 7);
    copy_col(l->unit_code, sizeof l->unit_code, s, 8);
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  db_finalize(s);
  if (rc)
    person_link_list_free(out);
  return rc;
}
