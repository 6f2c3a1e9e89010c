/* store_spans.c: reading histories for, and writing, the derived rows of people. */
#include "store/store_spans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

static void put(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src);
}

/* One query over person LEFT JOIN person_event in (person, date, id) order:
 * the events of a person are gathered, then handed to fn. */
int store_span_scan(struct store *st, long first_id, long last_id, store_span_fn fn, void *ctx,
                    struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "SELECT p.id, p.unit_id, COALESCE(p.merged_into, 0), e.id, e.kind, "
                      "e.event_date, e.value, COALESCE(e.unit_id, 0), COALESCE(e.from_unit_id, 0), "
                      "COALESCE(e.ref_event_id, 0) FROM person p "
                      "LEFT JOIN person_event e ON e.person_id = p.id "
                      "WHERE p.id >= ? AND p.id <= ? ORDER BY p.id, e.event_date, e.id",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, first_id);
  db_bind_int(s, 2, last_id);
  struct store_span_event *ev = NULL;
  size_t n = 0, cap = 0;
  struct store_span_person p = {0, 0, 0, NULL, 0};
  int r;
  while ((r = db_step(s, err)) == 1) {
    long id = (long)db_col_int(s, 0);
    if (id != p.id) {
      if (p.id && (rc = fn(ctx, &(struct store_span_person){p.id, p.unit_id, p.merged_into, ev, n},
                           err)) != 0)
        break;
      p.id = id;
      p.unit_id = (long)db_col_int(s, 1);
      p.merged_into = (long)db_col_int(s, 2);
      n = 0;
    }
    if (db_col_is_null(s, 3))
      continue; /* a person without events */
    if (n == cap) {
      size_t c = cap ? cap * 2 : 16;
      struct store_span_event *m = realloc(ev, c * sizeof *m);
      if (!m) {
        rc = err_nomem(err);
        break;
      }
      ev = m;
      cap = c;
    }
    struct store_span_event *e = &ev[n++];
    e->id = (long)db_col_int(s, 3);
    put(e->kind, sizeof e->kind, db_col_text(s, 4));
    put(e->date, sizeof e->date, db_col_text(s, 5));
    put(e->value, sizeof e->value, db_col_text(s, 6));
    e->unit_id = (long)db_col_int(s, 7);
    e->from_unit_id = (long)db_col_int(s, 8);
    e->ref_event_id = (long)db_col_int(s, 9);
  }
  if (r < 0 && !rc)
    rc = ERR_DB;
  if (!rc && p.id)
    rc = fn(ctx, &(struct store_span_person){p.id, p.unit_id, p.merged_into, ev, n}, err);
  free(ev);
  db_finalize(s);
  return rc;
}

static int run_range(struct store *st, const char *sql, long first_id, long last_id,
                     struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, sql, err);
  if (rc)
    return rc;
  db_bind_int(s, 1, first_id);
  db_bind_int(s, 2, last_id);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_span_clear(struct store *st, long first_id, long last_id, struct err *err)
{
  int rc = run_range(st, "DELETE FROM person_span WHERE person_id >= ? AND person_id <= ?",
                     first_id, last_id, err);
  if (!rc)
    rc = run_range(st, "DELETE FROM person_flow WHERE person_id >= ? AND person_id <= ?", first_id,
                   last_id, err);
  return rc;
}

int store_span_put(struct store *st, long person_id, long unit_id, long from_day, long to_day,
                   int flags, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st,
                      "INSERT INTO person_span (person_id, from_day, to_day, unit_id, flags) "
                      "VALUES (?, ?, ?, ?, ?)",
                      err);
  if (rc)
    return rc;
  db_bind_int(s, 1, person_id);
  db_bind_int(s, 2, from_day);
  db_bind_int(s, 3, to_day);
  db_bind_int(s, 4, unit_id);
  db_bind_int(s, 5, flags);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_flow_put(struct store *st, long person_id, long unit_id, long day, int kinds,
                   struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(
      &s, st, "INSERT INTO person_flow (person_id, day, unit_id, kinds) VALUES (?, ?, ?, ?)", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, person_id);
  db_bind_int(s, 2, day);
  db_bind_int(s, 3, unit_id);
  db_bind_int(s, 4, kinds);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_span_built(int *out, struct store *st, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "SELECT built FROM person_span_state WHERE id = 1", err);
  if (rc)
    return rc;
  *out = 1;
  int r = db_step(s, err);
  if (r == 1)
    *out = (int)db_col_int(s, 0);
  else if (r < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

int store_span_set_built(struct store *st, int built, struct err *err)
{
  struct stmt *s;
  int rc = db_prepare(&s, st, "UPDATE person_span_state SET built = ? WHERE id = 1", err);
  if (rc)
    return rc;
  db_bind_int(s, 1, built);
  if (db_step(s, err) < 0)
    rc = ERR_DB;
  db_finalize(s);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Bulk writer
 * ------------------------------------------------------------------------- */

/* Rows per multi-row INSERT: one statement run per batch, not per row. */
#define SPAN_BATCH 64

struct span_row {
  long person_id, unit_id, from_day, to_day;
  int flags;
};

struct flow_row {
  long person_id, unit_id, day;
  int kinds;
};

struct store_span_writer {
  struct store *st;
  struct stmt *span1, *spans, *flow1, *flows;
  struct span_row span[SPAN_BATCH];
  struct flow_row flow[SPAN_BATCH];
  int n_span, n_flow;
};

#define SPAN_INSERT "INSERT INTO person_span (person_id, from_day, to_day, unit_id, flags) VALUES "
#define SPAN_ROW    "(?, ?, ?, ?, ?)"
#define FLOW_INSERT "INSERT INTO person_flow (person_id, day, unit_id, kinds) VALUES "
#define FLOW_ROW    "(?, ?, ?, ?)"

/* "head (row), (row) ..." with n copies of row. */
static int prepare_rows(struct stmt **out, struct store *st, const char *head, const char *row,
                        int n, struct err *err)
{
  size_t len = strlen(head) + (strlen(row) + 2) * (size_t)n + 1;
  char *sql = malloc(len);
  if (!sql)
    return err_nomem(err);
  size_t w = (size_t)snprintf(sql, len, "%s", head);
  for (int i = 0; i < n; i++)
    w += (size_t)snprintf(sql + w, len - w, "%s%s", i ? ", " : "", row);
  int rc = db_prepare(out, st, sql, err);
  free(sql);
  return rc;
}

int store_span_writer_begin(struct store_span_writer **out, struct store *st, struct err *err)
{
  *out = NULL;
  struct store_span_writer *w = calloc(1, sizeof *w);
  if (!w)
    return err_nomem(err);
  w->st = st;
  int rc = prepare_rows(&w->span1, st, SPAN_INSERT, SPAN_ROW, 1, err);
  if (!rc)
    rc = prepare_rows(&w->spans, st, SPAN_INSERT, SPAN_ROW, SPAN_BATCH, err);
  if (!rc)
    rc = prepare_rows(&w->flow1, st, FLOW_INSERT, FLOW_ROW, 1, err);
  if (!rc)
    rc = prepare_rows(&w->flows, st, FLOW_INSERT, FLOW_ROW, SPAN_BATCH, err);
  if (rc) {
    store_span_writer_free(w);
    return rc;
  }
  *out = w;
  return ERR_OK;
}

static int run_done(struct stmt *s, struct err *err)
{
  int r = db_step(s, err);
  db_reset(s);
  return r < 0 ? ERR_DB : ERR_OK;
}

/* Insert the buffered spans: a full batch by the batch statement, a tail
 * row by row. */
static int flush_spans(struct store_span_writer *w, struct err *err)
{
  struct stmt *s = w->n_span == SPAN_BATCH ? w->spans : w->span1;
  int rc = ERR_OK;
  for (int i = 0; !rc && i < w->n_span; i++) {
    int o = s == w->spans ? i * 5 : 0;
    const struct span_row *r = &w->span[i];
    db_bind_int(s, o + 1, r->person_id);
    db_bind_int(s, o + 2, r->from_day);
    db_bind_int(s, o + 3, r->to_day);
    db_bind_int(s, o + 4, r->unit_id);
    db_bind_int(s, o + 5, r->flags);
    if (s == w->span1 || i == w->n_span - 1)
      rc = run_done(s, err);
  }
  w->n_span = 0;
  return rc;
}

static int flush_flows(struct store_span_writer *w, struct err *err)
{
  struct stmt *s = w->n_flow == SPAN_BATCH ? w->flows : w->flow1;
  int rc = ERR_OK;
  for (int i = 0; !rc && i < w->n_flow; i++) {
    int o = s == w->flows ? i * 4 : 0;
    const struct flow_row *r = &w->flow[i];
    db_bind_int(s, o + 1, r->person_id);
    db_bind_int(s, o + 2, r->day);
    db_bind_int(s, o + 3, r->unit_id);
    db_bind_int(s, o + 4, r->kinds);
    if (s == w->flow1 || i == w->n_flow - 1)
      rc = run_done(s, err);
  }
  w->n_flow = 0;
  return rc;
}

int store_span_writer_span(struct store_span_writer *w, long person_id, long unit_id, long from_day,
                           long to_day, int flags, struct err *err)
{
  w->span[w->n_span++] = (struct span_row){person_id, unit_id, from_day, to_day, flags};
  return w->n_span == SPAN_BATCH ? flush_spans(w, err) : ERR_OK;
}

int store_span_writer_flow(struct store_span_writer *w, long person_id, long unit_id, long day,
                           int kinds, struct err *err)
{
  w->flow[w->n_flow++] = (struct flow_row){person_id, unit_id, day, kinds};
  return w->n_flow == SPAN_BATCH ? flush_flows(w, err) : ERR_OK;
}

int store_span_writer_end(struct store_span_writer *w, struct err *err)
{
  int rc = flush_spans(w, err);
  if (!rc)
    rc = flush_flows(w, err);
  return rc;
}

void store_span_writer_free(struct store_span_writer *w)
{
  if (!w)
    return;
  db_finalize(w->span1);
  db_finalize(w->spans);
  db_finalize(w->flow1);
  db_finalize(w->flows);
  free(w);
}
