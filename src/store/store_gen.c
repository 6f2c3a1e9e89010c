/* store_gen.c: SQL for the data generator — geography, bulk inserts, read-backs.
 *
 * The writer holds one prepared statement per insert for the whole run (the
 * statements of a national run execute millions of times). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store_gen.h"
#include "store/store_person_digest.h"
#include "types/unit.h"

static void copy(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src ? src : "");
}

/* ---------------------------------------------------------------------------
 * Geography
 * ------------------------------------------------------------------------- */

#define LATEST_NAME(alias, uid)                                                                    \
  "JOIN unit_version " alias " ON " alias ".unit_id = " uid " AND " alias                          \
  ".valid_from = (SELECT max(valid_from) FROM unit_version WHERE unit_id = " uid ") "

int store_gen_communes(struct store_gen_unit **out, size_t *n, struct store *st, const char *tree,
                       struct err *err)
{
  *out = NULL;
  *n = 0;
  int old = strcmp(tree, "pre2025") == 0;
  const char *sql_old =
      "SELECT c.id, c.code, cv.name, cv.type, dv.name, dv.type, p.code, pv.name, pv.type "
      "FROM unit c JOIN unit d ON d.id = c.parent_id JOIN unit p ON p.id = "
      "d.parent_id " LATEST_NAME("cv", "c.id") LATEST_NAME("dv", "d.id")
          LATEST_NAME("pv", "p.id") "WHERE c.tree = ? AND c.level = 3 ORDER BY c.code";
  const char *sql_new = "SELECT c.id, c.code, cv.name, cv.type, '', '', p.code, pv.name, pv.type "
                        "FROM unit c JOIN unit p ON p.id = c.parent_id " LATEST_NAME("cv", "c.id")
                            LATEST_NAME("pv", "p.id") "WHERE c.tree = ? AND "
                                                      "c.level = 2 ORDER BY c.code";
  struct stmt *s;
  int rc = db_prepare(&s, st, old ? sql_old : sql_new, err);
  if (rc)
    return rc;
  db_bind_text(s, 1, tree);
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (*n == cap) {
      size_t nc = cap ? cap * 2 : 1024;
      struct store_gen_unit *p = realloc(*out, nc * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      *out = p;
      cap = nc;
    }
    struct store_gen_unit *u = &(*out)[(*n)++];
    u->id = (long)db_col_int(s, 0);
    copy(u->code, sizeof u->code, db_col_text(s, 1));
    copy(u->name, sizeof u->name, db_col_text(s, 2));
    copy(u->type, sizeof u->type, db_col_text(s, 3));
    copy(u->district, sizeof u->district, db_col_text(s, 4));
    copy(u->district_type, sizeof u->district_type, db_col_text(s, 5));
    copy(u->province, sizeof u->province, db_col_text(s, 6));
    copy(u->province_name, sizeof u->province_name, db_col_text(s, 7));
    copy(u->province_type, sizeof u->province_type, db_col_text(s, 8));
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
  }
  return rc;
}

int store_gen_successions(struct store_gen_succession **out, size_t *n, struct store *st,
                          struct err *err)
{
  *out = NULL;
  *n = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      /* CROSS JOIN keeps the order: a walk of the successions with
                       * primary-key probes (joining from unit by tree crossed the
                       * two trees, 13 s) */
                      "SELECT o.code, CASE WHEN o.level = 3 THEN g.code ELSE d.code END, "
                      "w.code, o.level FROM unit_succession x "
                      "CROSS JOIN unit o CROSS JOIN unit w CROSS JOIN unit d "
                      "LEFT JOIN unit g ON g.id = d.parent_id "
                      "WHERE o.id = x.old_id AND w.id = x.new_id AND d.id = o.parent_id "
                      "AND o.tree = 'pre2025' AND o.level IN (2, 3) AND w.tree = 'post2025' "
                      "AND w.level = 2 ORDER BY o.code, w.code",
                      err);
  if (rc)
    return rc;
  size_t cap = 0;
  int r;
  while ((r = db_step(s, err)) == 1) {
    if (*n == cap) {
      size_t nc = cap ? cap * 2 : 1024;
      struct store_gen_succession *p = realloc(*out, nc * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      *out = p;
      cap = nc;
    }
    struct store_gen_succession *x = &(*out)[(*n)++];
    copy(x->old_code, sizeof x->old_code, db_col_text(s, 0));
    copy(x->old_province, sizeof x->old_province, db_col_text(s, 1));
    copy(x->new_code, sizeof x->new_code, db_col_text(s, 2));
    x->old_level = (int)db_col_int(s, 3);
  }
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
  }
  return rc;
}

int store_gen_national_ids(struct store *st, int (*fn)(void *ctx, const char *id), void *ctx,
                           struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(
      &s, st, "SELECT national_id FROM person WHERE national_id IS NOT NULL ORDER BY national_id",
      err);
  if (rc)
    return rc;
  int r;
  while ((r = db_step(s, err)) == 1)
    if ((rc = fn(ctx, db_col_text(s, 0))))
      break;
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_gen_agencies(struct store *st, int (*fn)(void *ctx, const char *name, const char *kind),
                       void *ctx, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT agency_name, agency_kind FROM drug_case UNION "
                      "SELECT agency_name, agency_kind FROM activity ORDER BY 1, 2",
                      err);
  if (rc)
    return rc;
  int r;
  while ((r = db_step(s, err)) == 1)
    if ((rc = fn(ctx, db_col_text(s, 0), db_col_text(s, 1))))
      break;
  if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

static int scalar(long *out, struct store *st, const char *sql, const char *arg, struct err *err)
{
  *out = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  if (arg)
    db_bind_text(s, 1, arg);
  int r = db_step(s, err);
  if (r == 1)
    *out = (long)db_col_int(s, 0);
  else
    rc = r < 0 ? ERR_DB : err_set(err, ERR_DB, "truy vấn không trả về dòng nào");
  db_finalize(s);
  return rc;
}

int store_gen_existing(long *out, struct store *st, const char *by, struct err *err)
{
  static const char *const sql[] = {
      "SELECT count(*) FROM person WHERE created_by = ?",
      "SELECT count(*) FROM drug_case WHERE created_by = ?",
      "SELECT count(*) FROM place WHERE created_by = ?",
      "SELECT count(*) FROM network WHERE created_by = ?",
      "SELECT count(*) FROM licit_entity WHERE created_by = ?",
      "SELECT count(*) FROM activity WHERE created_by = ?",
  };
  *out = 0;
  for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
    long v;
    int rc = scalar(&v, st, sql[i], by, err);
    if (rc)
      return rc;
    *out += v;
  }
  return ERR_OK;
}

int store_gen_next_ids(struct store_gen_ids *out, struct store *st, struct err *err)
{
  struct {
    long *dst;
    const char *sql;
  } q[] = {
      {&out->person, "SELECT coalesce(max(id), 0) + 1 FROM person"},
      {&out->event, "SELECT coalesce(max(id), 0) + 1 FROM person_event"},
      {&out->drug_case, "SELECT coalesce(max(id), 0) + 1 FROM drug_case"},
      {&out->seizure, "SELECT coalesce(max(id), 0) + 1 FROM case_seizure"},
      {&out->place, "SELECT coalesce(max(id), 0) + 1 FROM place"},
      {&out->network, "SELECT coalesce(max(id), 0) + 1 FROM network"},
      {&out->licit, "SELECT coalesce(max(id), 0) + 1 FROM licit_entity"},
      {&out->activity, "SELECT coalesce(max(id), 0) + 1 FROM activity"},
  };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
    int rc = scalar(q[i].dst, st, q[i].sql, NULL, err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Bulk writer
 * ------------------------------------------------------------------------- */

enum {
  W_PERSON,
  W_KEY,
  W_EVENT,
  W_CASE,
  W_OFFENCE,
  W_CASE_PERSON,
  W_SEIZURE,
  W_PLACE,
  W_PLACE_STATUS,
  W_PLACE_INSPECTION,
  W_NETWORK,
  W_MEMBER,
  W_ACCOUNT,
  W_LICIT,
  W_LICIT_INSPECTION,
  W_ACTIVITY,
  W_N
};

static const char *const writer_sql[W_N] = {
    [W_PERSON] = "INSERT INTO person (id, full_name, other_names, name_key, sort_key, birth_date, "
                 "sex, ethnicity, national_id, unit_id, address, occupation, occupation_group, "
                 "merged_into, created_at, created_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
    [W_KEY] = "INSERT INTO person_search_key (search_key, person_id) VALUES (?, ?) "
              "ON CONFLICT (search_key, person_id) DO NOTHING",
    [W_EVENT] = "INSERT INTO person_event (id, person_id, kind, event_date, value, facility, "
                "decision_no, decision_date, unit_id, from_unit_id, ref_event_id, note, "
                "merged_from, recorded_at, recorded_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)",
    [W_CASE] = "INSERT INTO drug_case (id, record_no, detected_on, unit_id, agency_kind, "
               "agency_name, offences, express_delivery, prosecuted_on, indicted_on, tried_on, "
               "resolved_on, summary, created_at, created_by, prov_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "(SELECT prov_id FROM unit_province WHERE unit_id = ?4))",
    [W_OFFENCE] = "INSERT INTO case_offence (case_id, article) VALUES (?, ?)",
    [W_CASE_PERSON] = "INSERT INTO case_person (case_id, person_id, role, arrested_on, unit_id, "
                      "prov_id, agency_kind) VALUES (?1, ?2, ?3, ?4, "
                      "(SELECT unit_id FROM drug_case WHERE id = ?1), "
                      "(SELECT prov_id FROM drug_case WHERE id = ?1), "
                      "(SELECT agency_kind FROM drug_case WHERE id = ?1))",
    [W_SEIZURE] = "INSERT INTO case_seizure (id, case_id, substance, quantity, measure, line_key) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
    [W_PLACE] = "INSERT INTO place (id, record_no, kind, name, unit_id, address, found_on, "
                "business_type, plant, area_m2, destroyed_on, person_id, note, created_at, "
                "created_by, prov_id, unit_after_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, (SELECT prov_id FROM unit_province WHERE unit_id = ?5), ?16)",
    [W_PLACE_STATUS] = "INSERT INTO place_status (place_id, on_date, status, note) "
                       "VALUES (?, ?, ?, ?)",
    [W_PLACE_INSPECTION] = "INSERT INTO place_inspection (place_id, inspected_on, agency_kind, "
                           "result, violations) VALUES (?, ?, ?, ?, ?)",
    [W_NETWORK] = "INSERT INTO network (id, record_no, kind, name, unit_id, area, found_on, "
                  "dismantled_on, note, created_at, created_by, unit_after_id) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [W_MEMBER] = "INSERT INTO network_member (network_id, person_id, role) VALUES (?, ?, ?)",
    [W_ACCOUNT] = "INSERT INTO network_account (network_id, platform, handle) VALUES (?, ?, ?)",
    [W_LICIT] = "INSERT INTO licit_entity (id, record_no, kind, name, unit_id, address, licence, "
                "created_at, created_by, unit_after_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [W_LICIT_INSPECTION] = "INSERT INTO licit_inspection (entity_id, inspected_on, agency_kind, "
                           "result, violations) VALUES (?, ?, ?, ?, ?)",
    [W_ACTIVITY] =
        "INSERT INTO activity (id, record_no, kind, held_on, unit_id, agency_kind, "
        "agency_name, audience, form, language, participants, minutes, title, "
        "created_at, created_by, prov_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, (SELECT prov_id FROM unit_province WHERE unit_id = ?5))",
};

struct store_gen_writer {
  struct stmt *s[W_N];
  struct store *st; /* the connection, for the person digests */
};

int store_gen_writer_open(struct store_gen_writer **out, struct store *st, struct err *err)
{
  *out = calloc(1, sizeof **out);
  if (!*out)
    return err_nomem(err);
  (*out)->st = st;
  for (int i = 0; i < W_N; i++) {
    int rc = db_prepare(&(*out)->s[i], st, writer_sql[i], err);
    if (rc) {
      store_gen_writer_close(*out);
      *out = NULL;
      return rc;
    }
  }
  return ERR_OK;
}

void store_gen_writer_close(struct store_gen_writer *w)
{
  if (!w)
    return;
  for (int i = 0; i < W_N; i++)
    db_finalize(w->s[i]);
  free(w);
}

/* Run statement i once (already bound), then clear it for the next row. */
static int run(struct store_gen_writer *w, int i, struct err *err)
{
  int r = db_step(w->s[i], err);
  db_reset(w->s[i]);
  return r < 0 ? (err && err->code ? err->code : ERR_DB) : ERR_OK;
}

static void bind_id(struct stmt *s, int i, long id)
{
  if (id)
    db_bind_int(s, i, id);
  else
    db_bind_null(s, i);
}

int store_gen_person(struct store_gen_writer *w, const struct person *p, long unit_id,
                     const struct store_person_keys *k, struct err *err)
{
  struct stmt *s = w->s[W_PERSON];
  db_bind_int(s, 1, p->id);
  db_bind_text(s, 2, p->full_name);
  db_bind_text(s, 3, p->other_names);
  db_bind_text(s, 4, k->name_key);
  db_bind_blob(s, 5, k->sort_key, k->sort_key_len);
  db_bind_text(s, 6, p->birth_date);
  db_bind_text(s, 7, p->sex);
  db_bind_text(s, 8, p->ethnicity);
  db_bind_text(s, 9, p->national_id[0] ? p->national_id : NULL);
  db_bind_int(s, 10, unit_id);
  db_bind_text(s, 11, p->address);
  db_bind_text(s, 12, p->occupation);
  db_bind_text(s, 13, p->occupation_group);
  db_bind_text(s, 14, p->created_at);
  db_bind_text(s, 15, p->created_by);
  int rc = run(w, W_PERSON, err);
  if (!rc)
    rc = store_person_digest_write(w->st, p->id, err);
  for (size_t i = 0; i < k->n_search_keys && !rc; i++) {
    db_bind_text(w->s[W_KEY], 1, k->search_keys[i]);
    db_bind_int(w->s[W_KEY], 2, p->id);
    rc = run(w, W_KEY, err);
  }
  return rc;
}

int store_gen_event(struct store_gen_writer *w, const struct person_event *ev, long unit_id,
                    long from_unit_id, struct err *err)
{
  struct stmt *s = w->s[W_EVENT];
  db_bind_int(s, 1, ev->id);
  db_bind_int(s, 2, ev->person_id);
  db_bind_text(s, 3, person_event_code(ev->kind));
  db_bind_text(s, 4, ev->date);
  db_bind_text(s, 5, ev->value);
  db_bind_text(s, 6, ev->facility);
  db_bind_text(s, 7, ev->decision_no);
  db_bind_text(s, 8, ev->decision_date);
  bind_id(s, 9, unit_id);
  bind_id(s, 10, from_unit_id);
  db_bind_text(s, 11, ev->note);
  db_bind_text(s, 12, ev->recorded_at);
  db_bind_text(s, 13, ev->recorded_by);
  return run(w, W_EVENT, err);
}

int store_gen_case(struct store_gen_writer *w, const struct store_gen_case *c, struct err *err)
{
  struct stmt *s = w->s[W_CASE];
  db_bind_int(s, 1, c->id);
  db_bind_text(s, 2, c->record_no);
  db_bind_text(s, 3, c->detected_on);
  db_bind_int(s, 4, c->unit_id);
  db_bind_text(s, 5, c->agency_kind);
  db_bind_text(s, 6, c->agency_name);
  db_bind_text(s, 7, c->offences);
  db_bind_int(s, 8, c->express_delivery);
  db_bind_text(s, 9, c->prosecuted_on);
  db_bind_text(s, 10, c->indicted_on);
  db_bind_text(s, 11, c->tried_on);
  db_bind_text(s, 12, c->resolved_on);
  db_bind_text(s, 13, c->summary);
  db_bind_text(s, 14, c->created_at);
  db_bind_text(s, 15, c->created_by);
  return run(w, W_CASE, err);
}

int store_gen_case_offence(struct store_gen_writer *w, long case_id, int article, struct err *err)
{
  db_bind_int(w->s[W_OFFENCE], 1, case_id);
  db_bind_int(w->s[W_OFFENCE], 2, article);
  return run(w, W_OFFENCE, err);
}

int store_gen_case_person(struct store_gen_writer *w, long case_id, long person_id,
                          const char *role, const char *arrested_on, struct err *err)
{
  struct stmt *s = w->s[W_CASE_PERSON];
  db_bind_int(s, 1, case_id);
  db_bind_int(s, 2, person_id);
  db_bind_text(s, 3, role);
  db_bind_text(s, 4, arrested_on);
  return run(w, W_CASE_PERSON, err);
}

int store_gen_seizure(struct store_gen_writer *w, long id, long case_id, const char *substance,
                      double quantity, const char *measure, const char *line_key, struct err *err)
{
  struct stmt *s = w->s[W_SEIZURE];
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, case_id);
  db_bind_text(s, 3, substance);
  db_bind_double(s, 4, quantity);
  db_bind_text(s, 5, measure);
  db_bind_text(s, 6, line_key);
  return run(w, W_SEIZURE, err);
}

int store_gen_place(struct store_gen_writer *w, const struct store_gen_place *p, struct err *err)
{
  struct stmt *s = w->s[W_PLACE];
  db_bind_int(s, 1, p->id);
  db_bind_text(s, 2, p->record_no);
  db_bind_text(s, 3, p->kind);
  db_bind_text(s, 4, p->name);
  db_bind_int(s, 5, p->unit_id);
  db_bind_text(s, 6, p->address);
  db_bind_text(s, 7, p->found_on);
  db_bind_text(s, 8, p->business_type);
  db_bind_text(s, 9, p->plant);
  db_bind_double(s, 10, p->area_m2);
  db_bind_text(s, 11, p->destroyed_on);
  bind_id(s, 12, p->person_id);
  db_bind_text(s, 13, p->note);
  db_bind_text(s, 14, p->created_at);
  db_bind_text(s, 15, p->created_by);
  bind_id(s, 16, p->unit_after_id);
  return run(w, W_PLACE, err);
}

int store_gen_place_status(struct store_gen_writer *w, long place_id, const char *on,
                           const char *status, const char *note, struct err *err)
{
  struct stmt *s = w->s[W_PLACE_STATUS];
  db_bind_int(s, 1, place_id);
  db_bind_text(s, 2, on);
  db_bind_text(s, 3, status);
  db_bind_text(s, 4, note);
  return run(w, W_PLACE_STATUS, err);
}

static int inspection(struct store_gen_writer *w, int which, long id, const char *on,
                      const char *agency_kind, const char *result, int violations, struct err *err)
{
  struct stmt *s = w->s[which];
  db_bind_int(s, 1, id);
  db_bind_text(s, 2, on);
  db_bind_text(s, 3, agency_kind);
  db_bind_text(s, 4, result);
  db_bind_int(s, 5, violations);
  return run(w, which, err);
}

int store_gen_place_inspection(struct store_gen_writer *w, long place_id, const char *on,
                               const char *agency_kind, const char *result, int violations,
                               struct err *err)
{
  return inspection(w, W_PLACE_INSPECTION, place_id, on, agency_kind, result, violations, err);
}

int store_gen_network(struct store_gen_writer *w, const struct store_gen_network *n,
                      struct err *err)
{
  struct stmt *s = w->s[W_NETWORK];
  db_bind_int(s, 1, n->id);
  db_bind_text(s, 2, n->record_no);
  db_bind_text(s, 3, n->kind);
  db_bind_text(s, 4, n->name);
  db_bind_int(s, 5, n->unit_id);
  db_bind_text(s, 6, n->area);
  db_bind_text(s, 7, n->found_on);
  db_bind_text(s, 8, n->dismantled_on);
  db_bind_text(s, 9, n->note);
  db_bind_text(s, 10, n->created_at);
  db_bind_text(s, 11, n->created_by);
  bind_id(s, 12, n->unit_after_id);
  return run(w, W_NETWORK, err);
}

int store_gen_network_member(struct store_gen_writer *w, long network_id, long person_id,
                             const char *role, struct err *err)
{
  struct stmt *s = w->s[W_MEMBER];
  db_bind_int(s, 1, network_id);
  db_bind_int(s, 2, person_id);
  db_bind_text(s, 3, role);
  return run(w, W_MEMBER, err);
}

int store_gen_network_account(struct store_gen_writer *w, long network_id, const char *platform,
                              const char *handle, struct err *err)
{
  struct stmt *s = w->s[W_ACCOUNT];
  db_bind_int(s, 1, network_id);
  db_bind_text(s, 2, platform);
  db_bind_text(s, 3, handle);
  return run(w, W_ACCOUNT, err);
}

int store_gen_licit(struct store_gen_writer *w, const struct store_gen_licit *l, struct err *err)
{
  struct stmt *s = w->s[W_LICIT];
  db_bind_int(s, 1, l->id);
  db_bind_text(s, 2, l->record_no);
  db_bind_text(s, 3, l->kind);
  db_bind_text(s, 4, l->name);
  db_bind_int(s, 5, l->unit_id);
  db_bind_text(s, 6, l->address);
  db_bind_text(s, 7, l->licence);
  db_bind_text(s, 8, l->created_at);
  db_bind_text(s, 9, l->created_by);
  bind_id(s, 10, l->unit_after_id);
  return run(w, W_LICIT, err);
}

int store_gen_licit_inspection(struct store_gen_writer *w, long entity_id, const char *on,
                               const char *agency_kind, const char *result, int violations,
                               struct err *err)
{
  return inspection(w, W_LICIT_INSPECTION, entity_id, on, agency_kind, result, violations, err);
}

int store_gen_activity(struct store_gen_writer *w, const struct store_gen_activity *a,
                       struct err *err)
{
  struct stmt *s = w->s[W_ACTIVITY];
  db_bind_int(s, 1, a->id);
  db_bind_text(s, 2, a->record_no);
  db_bind_text(s, 3, a->kind);
  db_bind_text(s, 4, a->held_on);
  db_bind_int(s, 5, a->unit_id);
  db_bind_text(s, 6, a->agency_kind);
  db_bind_text(s, 7, a->agency_name);
  db_bind_text(s, 8, a->audience);
  db_bind_text(s, 9, a->form);
  db_bind_text(s, 10, a->language);
  db_bind_int(s, 11, a->participants);
  db_bind_int(s, 12, a->minutes);
  db_bind_text(s, 13, a->title);
  db_bind_text(s, 14, a->created_at);
  db_bind_text(s, 15, a->created_by);
  return run(w, W_ACTIVITY, err);
}

int store_gen_flag_duplicates(long *n, struct store *st, const char *by, const char *at,
                              struct err *err)
{
  *n = 0;
  struct stmt *s;
  int rc = db_prepare(
      &s, st,
      "INSERT INTO person_duplicate (a_id, b_id, status, flagged_at, resolved_at, resolved_by) "
      "SELECT o.id, p.id, 'open', ?, '', '' "
      "FROM person p JOIN person o ON o.name_key = p.name_key AND o.birth_date = p.birth_date "
      "AND o.id < p.id "
      "WHERE p.created_by = ? AND o.merged_into IS NULL AND p.merged_into IS NULL "
      "AND (p.national_id IS NULL OR o.national_id IS NULL OR p.national_id <> o.national_id) "
      "ON CONFLICT (a_id, b_id) DO NOTHING",
      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, at);
  db_bind_text(s, 2, by);
  if (db_step(s, err) < 0)
    rc = err && err->code ? err->code : ERR_DB;
  else
    *n = (long)db_changes(st);
  db_finalize(s);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Read-backs
 * ------------------------------------------------------------------------- */

int store_gen_counts(struct store_gen_counts *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct {
    long *dst;
    const char *sql;
  } q[] = {
      {&out->people, "SELECT count(*) FROM person"},
      {&out->events, "SELECT count(*) FROM person_event"},
      {&out->search_keys, "SELECT count(*) FROM person_search_key"},
      {&out->duplicates, "SELECT count(*) FROM person_duplicate"},
      {&out->cases, "SELECT count(*) FROM drug_case"},
      {&out->case_offences, "SELECT count(*) FROM case_offence"},
      {&out->case_people, "SELECT count(*) FROM case_person"},
      {&out->seizures, "SELECT count(*) FROM case_seizure"},
      {&out->places, "SELECT count(*) FROM place"},
      {&out->place_status, "SELECT count(*) FROM place_status"},
      {&out->place_inspections, "SELECT count(*) FROM place_inspection"},
      {&out->networks, "SELECT count(*) FROM network"},
      {&out->members, "SELECT count(*) FROM network_member"},
      {&out->accounts, "SELECT count(*) FROM network_account"},
      {&out->licit, "SELECT count(*) FROM licit_entity"},
      {&out->licit_inspections, "SELECT count(*) FROM licit_inspection"},
      {&out->activities, "SELECT count(*) FROM activity"},
      {&out->old_communes_touched,
       "SELECT count(*) FROM unit u WHERE u.tree = 'pre2025' AND u.level = 3 AND ("
       "EXISTS (SELECT 1 FROM person p WHERE p.unit_id = u.id) OR "
       "EXISTS (SELECT 1 FROM drug_case c WHERE c.unit_id = u.id) OR "
       "EXISTS (SELECT 1 FROM activity a WHERE a.unit_id = u.id))"},
      {&out->new_communes_touched,
       "SELECT count(*) FROM unit u WHERE u.tree = 'post2025' AND u.level = 2 AND ("
       "EXISTS (SELECT 1 FROM person p WHERE p.unit_id = u.id) OR "
       "EXISTS (SELECT 1 FROM drug_case c WHERE c.unit_id = u.id) OR "
       "EXISTS (SELECT 1 FROM activity a WHERE a.unit_id = u.id))"},
  };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
    int rc = scalar(q[i].dst, st, q[i].sql, NULL, err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}

static void fnv(uint64_t *h, const void *p, size_t n)
{
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    *h ^= b[i];
    *h *= 1099511628211ULL;
  }
  *h ^= 0xff; /* field separator */
  *h *= 1099511628211ULL;
}

int store_gen_checksum(uint64_t *out, struct store *st, struct err *err)
{
  static const struct {
    int cols;
    const char *sql;
  } q[] = {
      {10, "SELECT id, full_name, birth_date, sex, ethnicity, coalesce(national_id, ''), unit_id, "
           "address, occupation, created_at FROM person ORDER BY id"},
      {12, "SELECT id, person_id, kind, event_date, value, facility, decision_no, decision_date, "
           "coalesce(unit_id, 0), coalesce(from_unit_id, 0), note, recorded_at FROM person_event "
           "ORDER BY id"},
      {11, "SELECT id, record_no, detected_on, unit_id, agency_kind, agency_name, offences, "
           "prosecuted_on, indicted_on, tried_on, resolved_on FROM drug_case ORDER BY id"},
      {4, "SELECT case_id, person_id, role, arrested_on FROM case_person "
          "ORDER BY case_id, person_id"},
      {3, "SELECT id, case_id, line_key FROM case_seizure ORDER BY id"},
      {8, "SELECT id, record_no, kind, name, unit_id, found_on, coalesce(person_id, 0), "
          "coalesce(unit_after_id, 0) FROM place "
          "ORDER BY id"},
      {3, "SELECT place_id, on_date, status FROM place_status ORDER BY place_id, on_date, status"},
      {6, "SELECT id, record_no, name, unit_id, found_on, coalesce(unit_after_id, 0) FROM network "
          "ORDER BY id"},
      {3, "SELECT network_id, person_id, role FROM network_member ORDER BY network_id, person_id"},
      {6, "SELECT id, record_no, kind, name, unit_id, coalesce(unit_after_id, 0) FROM licit_entity "
          "ORDER BY id"},
      {8, "SELECT id, record_no, kind, held_on, unit_id, agency_name, participants, minutes "
          "FROM activity ORDER BY id"},
  };
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
    struct stmt *s;
    int rc = db_prepare(&s, st, q[i].sql, err);
    if (rc)
      return rc;
    int r;
    while ((r = db_step(s, err)) == 1)
      for (int c = 0; c < q[i].cols; c++) {
        const char *t = db_col_text(s, c);
        fnv(&h, t, strlen(t));
      }
    db_finalize(s);
    if (r < 0)
      return ERR_DB;
  }
  *out = h;
  return ERR_OK;
}

int store_gen_violations(struct store_gen_violations *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct {
    long *dst;
    const char *sql;
  } q[] = {
      {&out->case_dates,
       "SELECT count(*) FROM drug_case WHERE "
       "(prosecuted_on <> '' AND prosecuted_on < detected_on) OR "
       "(indicted_on <> '' AND (prosecuted_on = '' OR indicted_on < prosecuted_on)) OR "
       "(tried_on <> '' AND (indicted_on = '' OR tried_on < indicted_on)) OR "
       "(resolved_on <> '' AND (resolved_on < detected_on OR resolved_on < prosecuted_on OR "
       "resolved_on < indicted_on OR resolved_on < tried_on))"},
      {&out->unit_tree,
       "SELECT (SELECT count(*) FROM person_event e JOIN unit u ON u.id = e.unit_id "
       "  WHERE (e.event_date < '2025-07-01') <> (u.tree = 'pre2025')) + "
       "(SELECT count(*) FROM drug_case c JOIN unit u ON u.id = c.unit_id "
       "  WHERE (c.detected_on < '2025-07-01') <> (u.tree = 'pre2025')) + "
       "(SELECT count(*) FROM place p JOIN unit u ON u.id = p.unit_id "
       "  WHERE (p.found_on < '2025-07-01') <> (u.tree = 'pre2025')) + "
       "(SELECT count(*) FROM network n JOIN unit u ON u.id = n.unit_id "
       "  WHERE (n.found_on < '2025-07-01') <> (u.tree = 'pre2025')) + "
       "(SELECT count(*) FROM activity a JOIN unit u ON u.id = a.unit_id "
       "  WHERE (a.held_on < '2025-07-01') <> (u.tree = 'pre2025'))"},
      {&out->residence_level,
       "SELECT (SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id "
       "  WHERE u.level <> CASE WHEN u.tree = 'pre2025' THEN 3 ELSE 2 END) + "
       "(SELECT count(*) FROM person_event e JOIN unit u ON u.id = e.unit_id "
       "  WHERE u.level <> CASE WHEN u.tree = 'pre2025' THEN 3 ELSE 2 END)"},
      {&out->offences,
       "SELECT (SELECT count(*) FROM drug_case c WHERE NOT EXISTS "
       "  (SELECT 1 FROM case_offence o WHERE o.case_id = c.id)) + "
       "(SELECT count(*) FROM case_offence o JOIN drug_case c ON c.id = o.case_id "
       "  WHERE (';' || c.offences || ';') NOT LIKE ('%;' || CAST(o.article AS TEXT) || ';%'))"},
      {&out->derived_keys,
       "SELECT (SELECT count(*) FROM drug_case c LEFT JOIN unit_province u ON u.unit_id = "
       "c.unit_id WHERE c.prov_id IS NOT u.prov_id) + "
       "(SELECT count(*) FROM activity a LEFT JOIN unit_province u ON u.unit_id = a.unit_id "
       "  WHERE a.prov_id IS NOT u.prov_id) + "
       "(SELECT count(*) FROM place p LEFT JOIN unit_province u ON u.unit_id = p.unit_id "
       "  WHERE p.prov_id IS NOT u.prov_id) + "
       "(SELECT count(*) FROM case_person cp JOIN drug_case c ON c.id = cp.case_id "
       "  WHERE cp.unit_id IS NOT c.unit_id OR cp.prov_id IS NOT c.prov_id "
       "  OR cp.agency_kind IS NOT c.agency_kind) + "
       "(SELECT count(*) FROM place_span x JOIN place p ON p.id = x.place_id "
       "  LEFT JOIN unit_province u ON u.unit_id = x.unit_id "
       "  WHERE x.prov_id IS NOT u.prov_id OR x.unit_id IS NOT (CASE WHEN p.unit_after_id "
       "  IS NOT NULL AND x.on_date >= '" UNIT_REFORM_DAY "' THEN p.unit_after_id ELSE "
       "  p.unit_id END))"},
      {&out->unit_after,
       "SELECT (SELECT count(*) FROM place t JOIN unit o ON o.id = t.unit_id "
       "  WHERE t.unit_after_id IS NOT NULL AND (o.tree <> 'pre2025' OR NOT EXISTS (SELECT 1 "
       "  FROM unit_succession x WHERE x.old_id = t.unit_id AND x.new_id = t.unit_after_id))) + "
       "(SELECT count(*) FROM network t JOIN unit o ON o.id = t.unit_id "
       "  WHERE t.unit_after_id IS NOT NULL AND (o.tree <> 'pre2025' OR NOT EXISTS (SELECT 1 "
       "  FROM unit_succession x WHERE x.old_id = t.unit_id AND x.new_id = t.unit_after_id))) + "
       "(SELECT count(*) FROM licit_entity t JOIN unit o ON o.id = t.unit_id "
       "  WHERE t.unit_after_id IS NOT NULL AND (o.tree <> 'pre2025' OR NOT EXISTS (SELECT 1 "
       "  FROM unit_succession x WHERE x.old_id = t.unit_id AND x.new_id = t.unit_after_id)))"},
      {&out->links,
       "SELECT (SELECT count(*) FROM case_person cp JOIN person p ON p.id = cp.person_id "
       "  WHERE coalesce(p.national_id, '') = '') + "
       "(SELECT count(*) FROM network_member m JOIN person p ON p.id = m.person_id "
       "  WHERE coalesce(p.national_id, '') = '' OR m.role NOT IN "
       "  ('leader', 'member', 'courier', 'seller', 'financier', 'other')) + "
       "(SELECT count(*) FROM place x JOIN person p ON p.id = x.person_id "
       "  WHERE coalesce(p.national_id, '') = '')"},
      {&out->place_history,
       "SELECT (SELECT count(*) FROM place_status s JOIN place p ON p.id = s.place_id "
       "  WHERE p.kind NOT IN ('hotspot', 'retail_point', 'seller') OR s.on_date < p.found_on) + "
       "(SELECT count(*) FROM place p WHERE p.kind IN ('hotspot', 'retail_point', 'seller') "
       "  AND NOT EXISTS (SELECT 1 FROM place_status s WHERE s.place_id = p.id "
       "  AND s.on_date = p.found_on AND s.status = 'active' AND s.note = 'phát hiện')) + "
       "(SELECT count(*) FROM place_inspection i JOIN place p ON p.id = i.place_id "
       "  WHERE p.kind <> 'business' OR i.inspected_on < p.found_on)"},
  };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
    int rc = scalar(q[i].dst, st, q[i].sql, NULL, err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}
