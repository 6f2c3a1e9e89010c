/* store_people_bulk.c: SQL of the bulk load of people (see store_people_bulk.h). */
#include "store/store_people_bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"
#include "store/store_person_digest.h"

/* Rows per multi-row INSERT: one statement run per batch, not per row. */
#define BATCH 64

struct store_people_bulk {
  struct store *st;
  struct stmt *person, *key, *event, *dup; /* single-row statements, prepared once */
  struct stmt *persons, *keys, *events;    /* BATCH-row statements */
  char **index_sql;                        /* CREATE INDEX text of the dropped indexes */
  size_t n_index;
};

static int step_done(struct stmt *s, struct err *err)
{
  int r = db_step(s, err);
  db_reset(s);
  return r < 0 ? (err && err->code ? err->code : ERR_DB) : ERR_OK;
}

int store_people_bulk_state(long *n_people, long *max_id, struct store *st, struct err *err)
{
  *n_people = *max_id = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT count(*), coalesce(max(id), 0) FROM person", err);
  if (rc)
    return rc;
  if (db_step(s, err) == 1) {
    *n_people = (long)db_col_int(s, 0);
    *max_id = (long)db_col_int(s, 1);
  } else {
    rc = ERR_DB;
  }
  db_finalize(s);
  return rc;
}

/* Remember and drop the secondary indexes of the people tables (those with
 * schema text: the automatic indexes of UNIQUE and PRIMARY KEY stay). Three
 * stay because a load fills them at no cost a rebuild would save:
 * person_event_person takes events in person order (appended), and the
 * partial person_merged / person_event_ref / person_event_from take no new
 * row at all (a people file brings no merge, void or move). */
static int drop_indexes(struct store_people_bulk *b, struct err *err)
{
  static const char *const tables[] = {"person",      "person_search_key", "person_event",
                                       "person_span", "person_flow",       NULL};
  static const char *const keep[] = {"person_event_person", "person_merged", "person_event_ref",
                                     "person_event_from", NULL};
  return db_indexes_drop(&b->index_sql, &b->n_index, b->st, tables, keep, err);
}

/* "INSERT ... VALUES (row), (row) ..." with `n` copies of `row`, then `tail`. */
static int prepare_batch(struct stmt **out, struct store *st, const char *head, const char *row,
                         int n, const char *tail, struct err *err)
{
  size_t len = strlen(head) + (strlen(row) + 2) * (size_t)n + strlen(tail) + 1;
  char *sql = malloc(len);
  if (!sql)
    return err_nomem(err);
  size_t w = (size_t)snprintf(sql, len, "%s", head);
  for (int i = 0; i < n; i++)
    w += (size_t)snprintf(sql + w, len - w, "%s%s", i ? ", " : "", row);
  snprintf(sql + w, len - w, "%s", tail);
  int rc = db_prepare(out, st, sql, err);
  free(sql);
  return rc;
}

#define PERSON_INSERT                                                                              \
  "INSERT INTO person (id, full_name, other_names, name_key, sort_key, birth_date, sex, "          \
  "ethnicity, national_id, unit_id, address, occupation, occupation_group, created_at, "           \
  "created_by) VALUES "
#define PERSON_ROW  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define PERSON_COLS 15
#define KEY_INSERT  "INSERT INTO person_search_key (search_key, person_id) VALUES "
#define KEY_ROW     "(?, ?)"
#define KEY_TAIL    " ON CONFLICT (search_key, person_id) DO NOTHING"
#define EVENT_INSERT                                                                               \
  "INSERT INTO person_event (person_id, kind, event_date, value, facility, decision_no, "          \
  "decision_date, note, recorded_at, recorded_by) VALUES "
#define EVENT_ROW  "(?, ?, ?, ?, '', '', '', '', ?, ?)"
#define EVENT_COLS 6

int store_people_bulk_begin(struct store_people_bulk **out, struct store *st, int drop,
                            struct err *err)
{
  *out = NULL;
  struct store_people_bulk *b = calloc(1, sizeof *b);
  if (!b)
    return err_nomem(err);
  b->st = st;
  int rc = drop ? drop_indexes(b, err) : ERR_OK;
  if (!rc)
    rc = db_prepare(&b->person, st, PERSON_INSERT PERSON_ROW, err);
  if (!rc)
    rc = prepare_batch(&b->persons, st, PERSON_INSERT, PERSON_ROW, BATCH, "", err);
  if (!rc)
    rc = db_prepare(&b->key, st, KEY_INSERT KEY_ROW KEY_TAIL, err);
  if (!rc)
    rc = prepare_batch(&b->keys, st, KEY_INSERT, KEY_ROW, BATCH, KEY_TAIL, err);
  if (!rc)
    rc = db_prepare(&b->event, st, EVENT_INSERT EVENT_ROW, err);
  if (!rc)
    rc = prepare_batch(&b->events, st, EVENT_INSERT, EVENT_ROW, BATCH, "", err);
  if (!rc)
    rc = db_prepare(&b->dup, st,
                    "INSERT INTO person_duplicate (a_id, b_id, status, flagged_at, resolved_at, "
                    "resolved_by) VALUES (?, ?, 'open', ?, '', '') "
                    "ON CONFLICT (a_id, b_id) DO NOTHING",
                    err);
  if (rc) {
    store_people_bulk_free(b);
    return rc;
  }
  *out = b;
  return ERR_OK;
}

static void bind_person(struct stmt *s, int o, const struct store_bulk_person *p)
{
  db_bind_int(s, o + 1, p->id);
  db_bind_text(s, o + 2, p->full_name);
  db_bind_text(s, o + 3, p->other_names);
  db_bind_text(s, o + 4, p->name_key);
  db_bind_blob(s, o + 5, p->sort_key, p->sort_key_len);
  db_bind_text(s, o + 6, p->birth_date);
  db_bind_text(s, o + 7, p->sex);
  db_bind_text(s, o + 8, p->ethnicity);
  db_bind_text(s, o + 9, p->national_id && *p->national_id ? p->national_id : NULL);
  db_bind_int(s, o + 10, p->unit_id);
  db_bind_text(s, o + 11, p->address);
  db_bind_text(s, o + 12, p->occupation);
  db_bind_text(s, o + 13, p->occupation_group);
  db_bind_text(s, o + 14, p->created_at);
  db_bind_text(s, o + 15, p->created_by);
}

/* Run rows [0, n) through the BATCH-row statement `many` while a whole batch
 * is left, then through the one-row statement `one`; bind(s, offset, i)
 * binds row i at parameter offset. */
static int run_rows(struct stmt *many, struct stmt *one, int cols, size_t n,
                    void (*bind)(struct stmt *s, int o, const void *rows, size_t i),
                    const void *rows, struct err *err)
{
  size_t i = 0;
  int rc = ERR_OK;
  for (; !rc && i + BATCH <= n; i += BATCH) {
    for (int j = 0; j < BATCH; j++)
      bind(many, j * cols, rows, i + (size_t)j);
    rc = step_done(many, err);
  }
  for (; !rc && i < n; i++) {
    bind(one, 0, rows, i);
    rc = step_done(one, err);
  }
  return rc;
}

static void bind_person_at(struct stmt *s, int o, const void *rows, size_t i)
{
  bind_person(s, o, &((const struct store_bulk_person *)rows)[i]);
}

int store_people_bulk_persons(struct store_people_bulk *b, const struct store_bulk_person *p,
                              size_t n, struct err *err)
{
  int rc = run_rows(b->persons, b->person, PERSON_COLS, n, bind_person_at, p, err);
  for (size_t i = 0; !rc && i < n; i++)
    rc = store_person_digest_write(b->st, p[i].id, err);
  return rc;
}

static void bind_key_at(struct stmt *s, int o, const void *rows, size_t i)
{
  const struct store_bulk_key *k = &((const struct store_bulk_key *)rows)[i];
  db_bind_text(s, o + 1, k->key);
  db_bind_int(s, o + 2, k->person_id);
}

int store_people_bulk_keys(struct store_people_bulk *b, const struct store_bulk_key *k, size_t n,
                           struct err *err)
{
  return run_rows(b->keys, b->key, 2, n, bind_key_at, k, err);
}

static void bind_event_at(struct stmt *s, int o, const void *rows, size_t i)
{
  const struct store_bulk_event *e = &((const struct store_bulk_event *)rows)[i];
  db_bind_int(s, o + 1, e->person_id);
  db_bind_text(s, o + 2, e->kind);
  db_bind_text(s, o + 3, e->date);
  db_bind_text(s, o + 4, e->value);
  db_bind_text(s, o + 5, e->recorded_at);
  db_bind_text(s, o + 6, e->recorded_by);
}

int store_people_bulk_events(struct store_people_bulk *b, const struct store_bulk_event *e,
                             size_t n, struct err *err)
{
  return run_rows(b->events, b->event, EVENT_COLS, n, bind_event_at, e, err);
}

int store_people_bulk_duplicate(struct store_people_bulk *b, long a, long id_b, const char *at,
                                struct err *err)
{
  db_bind_int(b->dup, 1, a);
  db_bind_int(b->dup, 2, id_b);
  db_bind_text(b->dup, 3, at);
  return step_done(b->dup, err);
}

int store_people_bulk_end(struct store_people_bulk *b, struct err *err)
{
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < b->n_index; i++)
    rc = db_exec(b->st, b->index_sql[i], err);
  db_index_sql_free(b->index_sql, b->n_index);
  b->index_sql = NULL;
  b->n_index = 0;
  return rc;
}

void store_people_bulk_free(struct store_people_bulk *b)
{
  if (!b)
    return;
  db_finalize(b->person);
  db_finalize(b->key);
  db_finalize(b->event);
  db_finalize(b->dup);
  db_finalize(b->persons);
  db_finalize(b->keys);
  db_finalize(b->events);
  db_index_sql_free(b->index_sql, b->n_index);
  free(b);
}

int store_people_bulk_units(struct store *st, long scope_id,
                            int (*fn)(void *ctx, const char *tree, const char *code, long id,
                                      int level, int inside),
                            void *ctx, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT u.tree, u.code, u.id, u.level, EXISTS (SELECT 1 FROM unit_scope c "
                      "WHERE c.scope_id = ? AND c.unit_id = u.id) FROM unit u",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, scope_id);
  int r = 0;
  while (!rc && (r = db_step(s, err)) == 1)
    rc = fn(ctx, db_col_text(s, 0), db_col_text(s, 1), (long)db_col_int(s, 2),
            (int)db_col_int(s, 3), (int)db_col_int(s, 4));
  if (!rc && r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_person_nid_taken(int *taken, struct store *st, const char *nid, struct err *err)
{
  *taken = 0;
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT 1 FROM person WHERE national_id = ?", err);
  if (rc)
    return rc;
  db_bind_text(s, 1, nid);
  int r = db_step(s, err);
  if (r == 1)
    *taken = 1;
  else if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_person_same_name(struct store *st, const char *name_key, const char *birth_date,
                           int (*fn)(void *ctx, long id, const char *nid), void *ctx,
                           struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT id, coalesce(national_id, '') FROM person WHERE name_key = ? AND "
                      "birth_date = ? AND merged_into IS NULL ORDER BY id",
                      err);
  if (rc)
    return rc;
  db_bind_text(s, 1, name_key);
  db_bind_text(s, 2, birth_date);
  int r = 0;
  while (!rc && (r = db_step(s, err)) == 1)
    rc = fn(ctx, (long)db_col_int(s, 0), db_col_text(s, 1));
  if (!rc && r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_people_bulk_fk(struct store *st, int on, struct err *err)
{
  return db_foreign_keys(st, on, err);
}
