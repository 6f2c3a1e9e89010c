/* store_registers.c: SQL of the registers, built from their static specs.
 *
 * Identifiers in the SQL text come from domain/register.c's specs (fixed in
 * the program); every value is bound. Built statements repeat per row of an
 * import, so they are prepared once per text by db_prepare's cache. The
 * scope filter is an indexed probe of unit_scope on the record's unit (a
 * child row: its parent's), skipped for the national scope. The role is
 * checked here too, whatever the layer above did: rows of a personal
 * register (a spec marked personal; the people) are refused, ERR_DENIED, to
 * a role that may not read or change personal records (check_role). */
#include "store/store_registers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "types/register.h"
#include "types/scope.h"
#include "store/db.h"
#include "store/store_people.h"

/* The column of the parent id of a child spec, or NULL. */
static const struct reg_column *parent_col(const struct reg_spec *spec)
{
  for (size_t i = 0; i < spec->n_cols; i++)
    if (spec->cols[i].type == REG_PARENT)
      return &spec->cols[i];
  return NULL;
}

static int stored(const struct reg_column *c)
{
  return c->type != REG_TREE;
}

/* Prepare the SQL built in b, then free b (also when building ran out of
 * memory). */
static int prepare_built(struct stmt **s, struct store *st, struct buf *b, struct err *err)
{
  *s = NULL;
  if (buf_failed(b)) {
    buf_free(b);
    return err_nomem(err);
  }
  int rc = db_prepare(s, st, buf_str(b), err);
  buf_free(b);
  return rc;
}

/* Bind one cell at *i (advancing it): REG_AGENCY binds kind then name. */
static void bind_cell(struct stmt *s, int *i, const struct reg_column *c, const struct reg_cell *v)
{
  switch (c->type) {
  case REG_TREE:
    return;
  case REG_INT:
  case REG_BOOL:
    db_bind_int(s, (*i)++, v->i);
    return;
  case REG_REAL:
    db_bind_double(s, (*i)++, v->d);
    return;
  case REG_UNIT:
  case REG_PARENT:
    db_bind_int(s, (*i)++, v->id);
    return;
  case REG_PERSON:
  case REG_UNIT_AFTER:
    if (v->id)
      db_bind_int(s, (*i)++, v->id);
    else
      db_bind_null(s, (*i)++);
    return;
  case REG_AGENCY:
    db_bind_text(s, (*i)++, v->agency_kind);
    db_bind_text(s, (*i)++, v->text);
    return;
  case REG_KIND_OF:
    db_bind_text(s, (*i)++, v->agency_kind);
    return;
  default:
    db_bind_text(s, (*i)++, v->text);
    return;
  }
}

/* "col" (or "agency_kind, agency_name") for the column list of an INSERT;
 * with `assign`, "col = ?" pairs for an UPDATE or a comparison. */
static void add_names(struct buf *b, const struct reg_column *c, const char *sep, const char *op,
                      int *first)
{
  if (!stored(c))
    return;
  const char *names[2] = {c->type == REG_AGENCY ? "agency_kind" : c->db,
                          c->type == REG_AGENCY ? c->db : NULL};
  if (c->type == REG_KIND_OF)
    names[0] = "agency_kind";
  for (int k = 0; k < 2 && names[k]; k++) {
    buf_addf(b, "%s%s%s", *first ? "" : sep, names[k], op);
    *first = 0;
  }
}

/* A person link that is not part of the key (a place's seller): an empty
 * cell binds NULL and means "not known here", so a re-import keeps the
 * stored link instead of clearing it (as the people register keeps an ID). */
static int keeps_link(const struct reg_column *c)
{
  return c->type == REG_PERSON && !(c->flags & REG_KEY);
}

/* A member agency or a leader sees aggregates only (domain.md §6): no row
 * of a personal register reaches it, and it changes none. `spec` NULL: the
 * people register itself. */
static int check_role(const struct scope *sc, const struct reg_spec *spec, int write,
                      struct err *err)
{
  if (spec && !spec->personal)
    return ERR_OK;
  if (write ? scope_may_write_people(sc) : scope_may_read_people(sc))
    return ERR_OK;
  return err_set(err, ERR_DENIED, "vai trò %s không được %s danh sách %s (có thông tin cá nhân)",
                 scope_role_name(sc->role), write ? "thay đổi" : "xem",
                 spec ? spec->name : "people");
}

static int scope_clause(struct buf *b, const struct scope *sc, const char *unit_expr)
{
  if (sc->unit_id > 0)
    return buf_addf(b, " AND %s IN (SELECT unit_id FROM unit_scope WHERE scope_id = ?)", unit_expr);
  return ERR_OK;
}

int store_reg_parent(long *id, long *unit_id, struct store *st, const struct scope *sc,
                     const char *table, const char *record_no, struct err *err)
{
  *id = 0;
  *unit_id = 0;
  struct buf b;
  buf_init(&b, 0);
  buf_addf(&b, "SELECT id, unit_id FROM %s WHERE record_no = ?", table);
  scope_clause(&b, sc, "unit_id");
  struct stmt *s;
  int rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, record_no);
  if (sc->unit_id > 0)
    db_bind_int(s, 2, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1) {
    *id = db_col_int(s, 0);
    *unit_id = db_col_int(s, 1);
  } else if (r == 0) {
    rc = err_set(err, ERR_NOT_FOUND, "không có hồ sơ số \"%s\" trong địa bàn", record_no);
  } else {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

int store_reg_person(long *id, struct store *st, const struct scope *sc, const char *nid,
                     struct err *err)
{
  *id = 0;
  int rc = check_role(sc, NULL, 0, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  /* a merged record's ID leads to the record it was merged into; the scope
   * is that record's */
  buf_adds(&b, "SELECT id FROM person WHERE id = " STORE_PERSON_KEPT_SQL("px.national_id = ?"));
  scope_clause(&b, sc, "unit_id");
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, nid);
  if (sc->unit_id > 0)
    db_bind_int(s, 2, sc->unit_id);
  int r = db_step(s, err);
  if (r == 1)
    *id = db_col_int(s, 0);
  else if (r == 0)
    rc = err_set(err, ERR_NOT_FOUND, "không có người có số định danh %s trong địa bàn", nid);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_person_any(long *id, long *outside, struct store *st, const struct scope *sc,
                         const char *nid, struct err *err)
{
  *id = 0;
  *outside = 0;
  int rc = check_role(sc, NULL, 0, err);
  if (rc)
    return rc;
  struct stmt *s;
  rc = db_prepare(&s, st,
                  "SELECT p.id, EXISTS (SELECT 1 FROM unit_scope x WHERE x.scope_id = ? AND "
                  "x.unit_id = p.unit_id) FROM person p WHERE p.id = " STORE_PERSON_KEPT_SQL(
                      "px.national_id = ?"),
                  err);
  if (rc)
    return rc;
  db_bind_int(s, 1, sc->unit_id > 0 ? sc->unit_id : 0);
  db_bind_text(s, 2, nid);
  int r = db_step(s, err);
  if (r == 1 && db_col_int(s, 1)) {
    *id = db_col_int(s, 0);
  } else if (r == 1) {
    *outside = db_col_int(s, 0);
    rc = err_set(err, ERR_DENIED, "số định danh %s không dùng được trong địa bàn của người hỏi",
                 nid);
  } else if (r < 0) {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

/* A stored person link (column %s of the register's table, alias t) read as
 * the record it resolves to: a link written before its person was merged
 * still names the same person, the one a row's national ID now leads to
 * (store_reg_person). */
#define LINK_KEPT STORE_PERSON_KEPT_SQL("px.id = t.%s")

/* WHERE clause over the key columns of the table aliased t ("record_no = ?"
 * for a top-level register), binding order = key columns in spec order. */
static void add_key_where(struct buf *b, const struct reg_spec *spec)
{
  int first = 1;
  buf_adds(b, " WHERE ");
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    if (!(c->flags & REG_KEY))
      continue;
    if (c->type == REG_PERSON) {
      buf_addf(b, "%s" LINK_KEPT " = ?", first ? "" : " AND ", c->db);
      first = 0;
    } else {
      add_names(b, c, " AND ", " = ?", &first);
    }
  }
  if (spec->has_line_key)
    buf_adds(b, " AND line_key = ?");
}

/* " ORDER BY ... LIMIT 1" after add_key_where: which row of the key is the
 * one. A key with a person link may match two rows when two records of one
 * person were both linked before their merge; the link to the kept record
 * comes first. */
static void add_key_order(struct buf *b, const struct reg_spec *spec)
{
  buf_adds(b, " ORDER BY ");
  for (size_t i = 0; i < spec->n_cols; i++)
    if (spec->cols[i].type == REG_PERSON && (spec->cols[i].flags & REG_KEY))
      buf_addf(b, "(SELECT pz.merged_into IS NULL FROM person pz WHERE pz.id = t.%s) DESC, ",
               spec->cols[i].db);
  buf_addf(b, "t.%s LIMIT 1", db_sql_row_id());
}

/* Bind the key cells (and the line key) in add_key_where's order. */
static void bind_keys(struct stmt *s, int *i, const struct reg_row *row)
{
  for (size_t c = 0; c < row->spec->n_cols; c++)
    if (row->spec->cols[c].flags & REG_KEY)
      bind_cell(s, i, &row->spec->cols[c], &row->cells[c]);
  if (row->spec->has_line_key)
    db_bind_text(s, (*i)++, row->line_key);
}

/* Bind every stored cell (and the line key) in the column order of
 * add_names. */
static void bind_values(struct stmt *s, int *i, const struct reg_row *row)
{
  for (size_t c = 0; c < row->spec->n_cols; c++)
    bind_cell(s, i, &row->spec->cols[c], &row->cells[c]);
  if (row->spec->has_line_key)
    db_bind_text(s, (*i)++, row->line_key);
}

int store_reg_find(long *id, int *same, struct store *st, const struct scope *sc,
                   const struct reg_row *row, struct err *err)
{
  const struct reg_spec *spec = row->spec;
  *id = 0;
  *same = 0;
  int rc = check_role(sc, spec, 0, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  int top = !spec->parent_table;
  buf_addf(&b, "SELECT %s, CASE WHEN ", top ? "id, unit_id" : "1, 0");
  int first = 1;
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    if (keeps_link(c)) {
      buf_addf(&b, "%s" LINK_KEPT " IS NOT DISTINCT FROM COALESCE(?, " LINK_KEPT ")",
               first ? "" : " AND ", c->db, c->db);
      first = 0;
    } else if (c->type == REG_PERSON) {
      buf_addf(&b, "%s" LINK_KEPT " IS NOT DISTINCT FROM ?", first ? "" : " AND ", c->db);
      first = 0;
    } else {
      add_names(&b, c, " AND ", " IS NOT DISTINCT FROM ?", &first);
    }
  }
  if (spec->has_line_key)
    buf_addf(&b, "%sline_key IS NOT DISTINCT FROM ?", first ? "" : " AND ");
  buf_addf(&b, " THEN 1 ELSE 0 END FROM %s t", spec->table);
  add_key_where(&b, spec);
  add_key_order(&b, spec);
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  int i = 1;
  bind_values(s, &i, row);
  bind_keys(s, &i, row);
  int r = db_step(s, err);
  if (r == 1) {
    *id = db_col_int(s, 0);
    *same = (int)db_col_int(s, 2);
    long unit_id = db_col_int(s, 1);
    if (top && sc->unit_id > 0) {
      db_finalize(s);
      struct stmt *c;
      rc = db_prepare(&c, st, "SELECT count(*) FROM unit_scope WHERE scope_id = ? AND unit_id = ?",
                      err);
      if (rc)
        return rc;
      db_bind_int(c, 1, sc->unit_id);
      db_bind_int(c, 2, unit_id);
      if (db_step(c, err) != 1)
        rc = ERR_DB;
      else if (db_col_int(c, 0) == 0)
        rc = err_set(err, ERR_DENIED, "số hồ sơ đã được dùng cho một hồ sơ ngoài địa bàn");
      db_finalize(c);
      return rc;
    }
  } else if (r < 0) {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

/* Write the case's offences (case_offence) from "249;251". */
static int write_offences(struct store *st, long case_id, const char *articles, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "DELETE FROM case_offence WHERE case_id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, case_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  for (const char *p = articles; !rc && *p;) {
    long a = strtol(p, (char **)&p, 10);
    if (a > 0) {
      rc = db_prepare(&s, st, "INSERT INTO case_offence (case_id, article) VALUES (?, ?)", err);
      if (rc)
        return rc;
      db_bind_int(s, 1, case_id);
      db_bind_int(s, 2, a);
      if (db_step(s, err) < 0)
        rc = ERR_DB;
      db_finalize(s);
    }
    while (*p && (*p < '0' || *p > '9'))
      p++;
  }
  return rc;
}

static int after_write(struct store *st, long id, const struct reg_row *row, struct err *err)
{
  int a = reg_col_index(row->spec, "offences");
  if (a >= 0)
    return write_offences(st, id, row->cells[a].text, err);
  return ERR_OK;
}

int store_reg_insert(long *id, struct store *st, const struct scope *sc, const struct reg_row *row,
                     const char *at, struct err *err)
{
  const struct reg_spec *spec = row->spec;
  *id = 0;
  int rc = check_role(sc, spec, 1, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  buf_addf(&b, "INSERT INTO %s (", spec->table);
  int first = 1, n = 0;
  for (size_t i = 0; i < spec->n_cols; i++)
    add_names(&b, &spec->cols[i], ", ", "", &first);
  if (spec->has_line_key)
    buf_adds(&b, ", line_key");
  if (spec->has_audit_cols)
    buf_adds(&b, ", created_at, created_by");
  buf_adds(&b, ") VALUES (");
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    int k = !stored(c) ? 0 : c->type == REG_AGENCY ? 2 : 1;
    for (int j = 0; j < k; j++)
      buf_adds(&b, n++ ? ", ?" : "?");
  }
  if (spec->has_line_key)
    buf_adds(&b, ", ?");
  if (spec->has_audit_cols)
    buf_adds(&b, ", ?, ?");
  /* a top-level record's new id comes back with the insert (RETURNING:
   * SQLite and PostgreSQL alike); a child row has none */
  buf_adds(&b, spec->parent_table ? ")" : ") RETURNING id");
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  int i = 1;
  bind_values(s, &i, row);
  if (spec->has_audit_cols) {
    db_bind_text(s, i++, at);
    db_bind_text(s, i++, sc->user);
  }
  struct err e = {ERR_OK, ""};
  int r = db_step(s, &e);
  if (r < 0)
    rc = err_copy(err, &e);
  else if (!spec->parent_table && r == 1)
    *id = (long)db_col_int(s, 0);
  else if (!spec->parent_table)
    rc = err_set(err, ERR_DB, "lỗi cơ sở dữ liệu: thêm hồ sơ không trả về số hiệu");
  db_finalize(s);
  if (rc || spec->parent_table)
    return rc;
  return after_write(st, *id, row, err);
}

int store_reg_delete_child(struct store *st, const struct scope *sc, const struct reg_row *row,
                           struct err *err)
{
  int rc = check_role(sc, row->spec, 1, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  /* the row store_reg_find found, and only that one */
  buf_addf(&b, "DELETE FROM %s WHERE %s = (SELECT t.%s FROM %s t", row->spec->table,
           db_sql_row_id(), db_sql_row_id(), row->spec->table);
  add_key_where(&b, row->spec);
  add_key_order(&b, row->spec);
  buf_adds(&b, ")");
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  int i = 1;
  bind_keys(s, &i, row);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* A status's place among the rows of one day: active, eliminated, reformed
 * (a hotspot found and broken up in the same raid), as place_span reads them. */
#define RANK(X)     "CASE " X " WHEN 'active' THEN 0 WHEN 'eliminated' THEN 1 ELSE 2 END"
#define STATUS_RANK RANK("status")
#define RANK_OF     RANK("?")

static int one_status(char out[16], struct store *st, const char *sql, long place_id,
                      const char *date, const char *status, struct err *err)
{
  out[0] = '\0';
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, place_id);
  db_bind_text(s, 2, date);
  db_bind_text(s, 3, status);
  int r = db_step(s, err);
  if (r == 1)
    snprintf(out, 16, "%s", db_col_text(s, 0));
  else if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_place_status_around(char prev[16], char next[16], struct store *st, long place_id,
                                  const char *date, const char *status, struct err *err)
{
  int rc =
      one_status(prev, st,
                 "SELECT status FROM place_status WHERE place_id = ? AND (on_date, " STATUS_RANK
                 ") < (?, " RANK_OF ") ORDER BY on_date DESC, " STATUS_RANK " DESC LIMIT 1",
                 place_id, date, status, err);
  if (!rc)
    rc = one_status(next, st,
                    "SELECT status FROM place_status WHERE place_id = ? AND (on_date, " STATUS_RANK
                    ") > (?, " RANK_OF ") ORDER BY on_date, " STATUS_RANK " LIMIT 1",
                    place_id, date, status, err);
  return rc;
}

int store_reg_place_found(struct store *st, long place_id, const char *date, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO place_status (place_id, on_date, status, note) "
                      "SELECT ?, ?, 'active', 'phát hiện' WHERE NOT EXISTS "
                      "(SELECT 1 FROM place_status WHERE place_id = ?)",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, place_id);
  db_bind_text(s, 2, date);
  db_bind_int(s, 3, place_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_place_facts(struct reg_place_facts *f, struct store *st, long place_id,
                          struct err *err)
{
  memset(f, 0, sizeof *f);
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT kind, found_on, (SELECT min(inspected_on) FROM place_inspection "
                      "WHERE place_id = p.id) FROM place p WHERE id = ?",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, place_id);
  int r = db_step(s, err);
  if (r == 1) {
    snprintf(f->kind, sizeof f->kind, "%s", db_col_text(s, 0));
    snprintf(f->found_on, sizeof f->found_on, "%s", db_col_text(s, 1));
    snprintf(f->first_inspection, sizeof f->first_inspection, "%s", db_col_text(s, 2));
  } else if (r == 0) {
    rc = err_set(err, ERR_NOT_FOUND, "không có điểm số %ld", place_id);
  } else {
    rc = ERR_DB;
  }
  db_finalize(s);
  if (rc)
    return rc;
  rc = db_prepare(
      &s, st,
      "SELECT on_date, status FROM place_status WHERE place_id = ? ORDER BY on_date, " STATUS_RANK
      " LIMIT 2",
      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, place_id);
  for (int k = 0; k < 2; k++) {
    int got = db_step(s, err);
    if (got < 0) {
      rc = ERR_DB;
      break;
    }
    if (got == 0)
      break;
    snprintf(f->status_on[k], sizeof f->status_on[k], "%s", db_col_text(s, 0));
    snprintf(f->status[k], sizeof f->status[k], "%s", db_col_text(s, 1));
  }
  db_finalize(s);
  return rc;
}

int store_reg_place_found_move(struct store *st, long place_id, const char *from, const char *to,
                               struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "UPDATE place_status SET on_date = ? WHERE place_id = ? AND on_date = ? "
                      "AND status = 'active'",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, to);
  db_bind_int(s, 2, place_id);
  db_bind_text(s, 3, from);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_place_statuses_clear(struct store *st, long place_id, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "DELETE FROM place_status WHERE place_id = ?", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, place_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_update(struct store *st, const struct scope *sc, long id, const struct reg_row *row,
                     struct err *err)
{
  const struct reg_spec *spec = row->spec;
  int rc = check_role(sc, spec, 1, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  buf_addf(&b, "UPDATE %s SET ", spec->table);
  int first = 1;
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    if (keeps_link(c)) {
      buf_addf(&b, "%s%s = COALESCE(?, %s)", first ? "" : ", ", c->db, c->db);
      first = 0;
    } else {
      add_names(&b, c, ", ", " = ?", &first);
    }
  }
  buf_adds(&b, " WHERE id = ?");
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  int i = 1;
  for (size_t c = 0; c < spec->n_cols; c++)
    bind_cell(s, &i, &spec->cols[c], &row->cells[c]);
  db_bind_int(s, i, id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc ? rc : after_write(st, id, row, err);
}

/* The FROM/WHERE part shared by export and count: t is the spec's table,
 * p its parent (child specs), u the unit that decides the scope. */
static void add_from(struct buf *b, const struct reg_spec *spec, const struct scope *sc)
{
  const struct reg_column *pc = parent_col(spec);
  buf_addf(b, " FROM %s t", spec->table);
  if (pc)
    buf_addf(b, " JOIN %s p ON p.id = t.%s", spec->parent_table, pc->db);
  buf_addf(b, " JOIN unit u ON u.id = %s.unit_id WHERE 1 = 1", pc ? "p" : "t");
  scope_clause(b, sc, "u.id");
}

int store_reg_export(struct store *st, const struct scope *sc, const struct reg_spec *spec,
                     int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                     struct err *err)
{
  *n_rows = 0;
  int rc = check_role(sc, spec, 0, err);
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  buf_adds(&b, "SELECT ");
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    if (i)
      buf_adds(&b, ", ");
    switch (c->type) {
    case REG_UNIT:
      buf_adds(&b, "u.code");
      break;
    case REG_TREE:
      buf_adds(&b, "u.tree");
      break;
    case REG_UNIT_AFTER:
      buf_addf(&b, "coalesce((SELECT a.code FROM unit a WHERE a.id = t.%s), '')", c->db);
      break;
    case REG_PARENT:
      buf_adds(&b, "p.record_no");
      break;
    case REG_PERSON:
      /* the ID of the record the link resolves to: it leads back to the
       * same person, here and in a database loaded from the exported
       * people register (which has no merged records) */
      buf_addf(&b,
               "coalesce((SELECT x.national_id FROM person x WHERE x.id = " LINK_KEPT "), "
               "(SELECT x.national_id FROM person x WHERE x.id = t.%s))",
               c->db, c->db);
      break;
    case REG_KIND_OF:
      buf_adds(&b, "t.agency_kind");
      break;
    default:
      buf_addf(&b, "t.%s", c->db);
    }
  }
  add_from(&b, spec, sc);
  const struct reg_column *pc = parent_col(spec);
  if (pc)
    buf_addf(&b, " ORDER BY p.record_no, t.%s", db_sql_row_id());
  else
    buf_adds(&b, " ORDER BY t.record_no");
  struct stmt *s;
  rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  const char *cells[REG_MAX_COLUMNS];
  int r;
  while ((r = db_step(s, err)) == 1) {
    for (size_t i = 0; i < spec->n_cols; i++)
      cells[i] = db_col_text(s, (int)i);
    (*n_rows)++;
    rc = fn(ctx, cells);
    if (rc)
      break;
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_reg_count(long *out, struct store *st, const struct scope *sc,
                    const struct reg_spec *spec, struct err *err)
{
  *out = 0;
  struct buf b;
  buf_init(&b, 0);
  buf_adds(&b, "SELECT count(*)");
  add_from(&b, spec, sc);
  struct stmt *s;
  int rc = prepare_built(&s, st, &b, err);
  if (rc)
    return rc;
  if (sc->unit_id > 0)
    db_bind_int(s, 1, sc->unit_id);
  if (db_step(s, err) == 1)
    *out = db_col_int(s, 0);
  else
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_savepoint(struct store *st, struct err *err)
{
  return db_exec(st, "SAVEPOINT reg_row", err);
}

int store_savepoint_release(struct store *st, struct err *err)
{
  return db_exec(st, "RELEASE reg_row", err);
}

int store_savepoint_rollback(struct store *st, struct err *err)
{
  int rc = db_exec(st, "ROLLBACK TO reg_row", err);
  return rc ? rc : db_exec(st, "RELEASE reg_row", err);
}

int store_savepoint_undo(struct store *st, int rc, struct err *err)
{
  struct err e;
  err_clear(&e);
  if (store_savepoint_rollback(st, &e) && rc == ERR_INPUT)
    return err_copy(err, &e);
  return rc;
}
