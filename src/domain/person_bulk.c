/* person_bulk.c: the people CSV import at file scale (see person_bulk.h for the model). */
#include "domain/person_bulk.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "domain/person_import_int.h"
#include "domain/person_span.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_people_bulk.h"
#include "store/store_registers.h"
#include "store/store_spans.h"

/* ---------------------------------------------------------------------------
 * String map
 * ------------------------------------------------------------------------- */

/* Open addressing, string keys (copied into the map's arena), long values. */
struct smap {
  char **keys;
  long *vals;
  size_t cap, n;
  struct arena mem;
};

static uint64_t hash_str(const char *s)
{
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static long *smap_find(struct smap *m, const char *key)
{
  if (!m->cap)
    return NULL;
  for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i])
      return NULL;
    if (strcmp(m->keys[i], key) == 0)
      return &m->vals[i];
  }
}

static int smap_grow(struct smap *m)
{
  size_t cap = m->cap ? m->cap * 2 : 1024;
  char **keys = calloc(cap, sizeof *keys);
  long *vals = calloc(cap, sizeof *vals);
  if (!keys || !vals) {
    free(keys);
    free(vals);
    return ERR_NOMEM;
  }
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i]) {
      size_t j = hash_str(m->keys[i]) & (cap - 1);
      while (keys[j])
        j = (j + 1) & (cap - 1);
      keys[j] = m->keys[i];
      vals[j] = m->vals[i];
    }
  free(m->keys);
  free(m->vals);
  m->keys = keys;
  m->vals = vals;
  m->cap = cap;
  return ERR_OK;
}

/* Set key to val (insert or overwrite). */
static int smap_put(struct smap *m, const char *key, long val)
{
  long *v = smap_find(m, key);
  if (v) {
    *v = val;
    return ERR_OK;
  }
  if ((m->n + 1) * 2 > m->cap && smap_grow(m))
    return ERR_NOMEM;
  size_t i = hash_str(key) & (m->cap - 1);
  while (m->keys[i])
    i = (i + 1) & (m->cap - 1);
  if (!(m->keys[i] = arena_strdup(&m->mem, key)))
    return ERR_NOMEM;
  m->vals[i] = val;
  m->n++;
  return ERR_OK;
}

static void smap_free(struct smap *m)
{
  free(m->keys);
  free(m->vals);
  arena_free(&m->mem);
  memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------------------
 * State
 * ------------------------------------------------------------------------- */

/* A new person kept in memory until it is written. */
struct kept {
  long id;
  long unit_id;
  const char *full_name, *other_names, *ethnicity, *address, *occupation, *name_key;
  const unsigned char *sort_key;
  size_t sort_key_len;
  char birth_date[DATE_ISO_LEN];
  char sex[8];
  char national_id[16];
  char occupation_group[16];
  char created_at[24];
  char ev_date[DATE_ISO_LEN]; /* first classification, or "" */
  char ev_value[32];
  long next_same; /* index of the previous kept person with the same name key and birth date */
};

struct kept_pair {
  long a, b;
  const char *at;
};

/* A unit code as reg_parse resolves it, remembered. */
struct unit_memo {
  long id;
  int level;
  int inside; /* in the caller's territory */
};

/* A chunk of kept people being written by the writer thread. */
struct write_job {
  struct store_people_bulk *writer;
  struct store *st;
  const char *user;
  struct kept *kept; /* a copy, owned */
  size_t n;
  struct store_bulk_key *keys; /* their search keys, a copy, sorted and written by the thread */
  size_t n_keys;
  int rc;
  struct err err;
  atomic_int done;
};

struct person_bulk {
  struct store *st;
  const struct scope *sc;
  char today[DATE_ISO_LEN];
  int bulk;      /* started on an empty register (one audit row for the file) */
  int written;   /* something was written (the indexes were dropped if bulk) */
  long stored;   /* people in the register when it started */
  long next_id;  /* id of the next new person */
  long first_id; /* first id created, 0 when none */
  long slow_rows;
  struct store_people_bulk *writer;

  /* kept, not yet written */
  struct kept *kept;
  size_t n_kept, cap_kept;
  struct store_bulk_key *keys;
  size_t n_keys, cap_keys;
  struct kept_pair *pairs;
  size_t n_pairs, cap_pairs;
  struct arena mem;        /* strings of kept people */
  struct smap by_nid;      /* national ID -> kept index */
  struct smap by_identity; /* name key, birth date, unit -> kept index */
  struct smap by_name;     /* name key, birth date -> last kept index (chain by next_same) */

  /* remembered lookups, for the whole file */
  struct smap enums; /* column, cell text -> index into enum_codes */
  const char *enum_codes[64];
  size_t n_enum_codes;
  struct smap units; /* tree, code -> index into unit_memos */
  struct unit_memo *unit_memos;
  size_t n_units, cap_units;
  struct smap prefixes; /* national ID prefix -> 1 known, 0 not */
  int units_loaded;     /* every unit is in `units`: a miss is no unit */

  /* the writer thread (bulk load only) */
  pthread_t thread;
  int running;
  struct write_job job;
  size_t n_handed;      /* kept[0, n_handed) went to the writer thread */
  size_t n_keys_handed; /* keys[0, n_keys_handed) too */
};

/* Copy a parsed cell (its length checked by the parse) into a field. */
static void copy_cut(char *dst, size_t n, const char *src)
{
  size_t l = strnlen(src, n - 1);
  memcpy(dst, src, l);
  dst[l] = '\0';
}

static int grow(void **items, size_t *cap, size_t n, size_t size)
{
  if (n < *cap)
    return ERR_OK;
  size_t c = *cap ? *cap * 2 : 1024;
  void *p = realloc(*items, c * size);
  if (!p)
    return ERR_NOMEM;
  *items = p;
  *cap = c;
  return ERR_OK;
}

/* "tree, code" as a key of the unit memo; 0 when it does not fit. */
static int unit_key(char *key, size_t size, const char *tree, const char *code)
{
  size_t lt = strlen(tree), lc = strlen(code);
  if (lt + lc + 2 > size)
    return 0;
  memcpy(key, tree, lt);
  key[lt] = '\x1f';
  memcpy(key + lt + 1, code, lc + 1);
  return 1;
}

/* One unit of the preload: as unit_of would remember it, and a known
 * national-ID prefix for each province of the old tree
 * (store_national_id_prefix_known: "0" + its two-digit code). */
static int put_unit(void *ctx, const char *tree, const char *code, long id, int level, int inside)
{
  struct person_bulk *b = ctx;
  char key[128];
  if (!unit_key(key, sizeof key, tree, code))
    return ERR_OK;
  if (grow((void **)&b->unit_memos, &b->cap_units, b->n_units, sizeof *b->unit_memos) ||
      smap_put(&b->units, key, (long)b->n_units))
    return ERR_NOMEM;
  b->unit_memos[b->n_units++] = (struct unit_memo){id, level, inside};
  if (level == 1 && strcmp(tree, UNIT_TREE_OLD) == 0 && strlen(code) == 2) {
    char prefix[4] = {'0', code[0], code[1], '\0'};
    if (smap_put(&b->prefixes, prefix, 1))
      return ERR_NOMEM;
  }
  return ERR_OK;
}

int person_bulk_begin(struct person_bulk **out, struct store *st, const struct scope *sc,
                      const char *today, struct err *err)
{
  *out = NULL;
  struct person_bulk *b = calloc(1, sizeof *b);
  if (!b)
    return err_nomem(err);
  arena_init(&b->mem, (size_t)1 << 20, 0); /* large blocks: a national load keeps ~100 MB */
  b->st = st;
  b->sc = sc;
  snprintf(b->today, sizeof b->today, "%s", today);
  long max_id = 0;
  int rc = store_people_bulk_state(&b->stored, &max_id, st, err);
  if (rc) {
    free(b);
    return rc;
  }
  b->bulk = b->stored == 0;
  b->next_id = max_id + 1;
  /* a first load resolves every unit in memory (the rows are then checked
   * without the store while the writer thread uses it) */
  if (b->bulk) {
    rc = store_people_bulk_units(st, sc->unit_id > 0 ? sc->unit_id : 0, put_unit, b, err);
    if (rc) {
      person_bulk_free(b);
      return rc;
    }
    b->units_loaded = 1;
  }
  *out = b;
  return ERR_OK;
}

void person_bulk_free(struct person_bulk *b)
{
  if (!b)
    return;
  if (b->running)
    pthread_join(b->thread, NULL);
  free(b->job.kept);
  free(b->job.keys);
  store_people_bulk_free(b->writer);
  free(b->kept);
  free(b->keys);
  free(b->pairs);
  arena_free(&b->mem);
  smap_free(&b->by_nid);
  smap_free(&b->by_identity);
  smap_free(&b->by_name);
  smap_free(&b->enums);
  smap_free(&b->units);
  smap_free(&b->prefixes);
  free(b->unit_memos);
  free(b);
}

/* ---------------------------------------------------------------------------
 * Writing what is kept
 * ------------------------------------------------------------------------- */

static int key_cmp(const void *pa, const void *pb)
{
  const struct store_bulk_key *a = pa, *b = pb;
  int c = strcmp(a->key, b->key);
  return c ? c : (a->person_id > b->person_id) - (a->person_id < b->person_id);
}

/* Write people kept[0, n) with their first event and derived rows (not
 * their keys: those go once, sorted, at flush). Runs on the writer thread
 * for a chunk handed off, or on the caller's for the rest; only the store
 * and the strings of the kept people (never moved until flush) are shared. */
static int write_kept(struct store_people_bulk *w, struct store *st, const char *user,
                      const struct kept *kept, size_t n_all, struct err *err)
{
  /* the rows as the store takes them, in batches of a few thousand */
  enum { CHUNK = 4096 };
  int rc = ERR_OK;
  struct store_bulk_person *rows = malloc(CHUNK * sizeof *rows);
  struct store_bulk_event *evs = malloc(CHUNK * sizeof *evs);
  struct store_span_person *sp = malloc(CHUNK * sizeof *sp);
  struct store_span_event *se = malloc(CHUNK * sizeof *se);
  if (!rows || !evs || !sp || !se)
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < n_all; i += CHUNK) {
    size_t n = n_all - i < CHUNK ? n_all - i : CHUNK, n_ev = 0;
    for (size_t j = 0; j < n; j++) {
      const struct kept *k = &kept[i + j];
      rows[j] = (struct store_bulk_person){
          k->id,         k->full_name,        k->other_names, k->name_key,
          k->sort_key,   k->sort_key_len,     k->birth_date,  k->sex,
          k->ethnicity,  k->national_id,      k->unit_id,     k->address,
          k->occupation, k->occupation_group, k->created_at,  user};
      if (k->ev_date[0])
        evs[n_ev++] = (struct store_bulk_event){
            k->id, person_event_code(PEV_CLASSIFIED), k->ev_date, k->ev_value, k->created_at, user};
      /* the derived rows, from what is in memory (person_span.h) */
      sp[j] = (struct store_span_person){k->id, k->unit_id, 0, &se[j], k->ev_date[0] ? 1 : 0};
      memset(&se[j], 0, sizeof se[j]);
      if (k->ev_date[0]) {
        copy_cut(se[j].kind, sizeof se[j].kind, person_event_code(PEV_CLASSIFIED));
        copy_cut(se[j].date, sizeof se[j].date, k->ev_date);
        copy_cut(se[j].value, sizeof se[j].value, k->ev_value);
      }
    }
    rc = store_people_bulk_persons(w, rows, n, err);
    if (!rc)
      rc = store_people_bulk_events(w, evs, n_ev, err);
    if (!rc)
      rc = person_derive_people(st, sp, n, err);
  }
  free(rows);
  free(evs);
  free(sp);
  free(se);
  return rc;
}

static void *write_job_run(void *arg)
{
  struct write_job *j = arg;
  j->rc = write_kept(j->writer, j->st, j->user, j->kept, j->n, &j->err);
  /* sorted, a chunk's keys go into the key B-tree as runs of neighbours */
  if (j->n_keys > 1)
    qsort(j->keys, j->n_keys, sizeof *j->keys, key_cmp);
  if (!j->rc)
    j->rc = store_people_bulk_keys(j->writer, j->keys, j->n_keys, &j->err);
  atomic_store(&j->done, 1);
  return NULL;
}

/* Take back what the writer thread did with a chunk: its failure becomes
 * the caller's. */
static int job_collect(struct person_bulk *b, struct err *err)
{
  free(b->job.kept);
  b->job.kept = NULL;
  free(b->job.keys);
  b->job.keys = NULL;
  if (b->job.rc) {
    err_copy(err, &b->job.err);
    return b->job.rc;
  }
  return ERR_OK;
}

/* Wait for the chunk on the writer thread, if any: before every use of the
 * store by the caller's thread (the connection is not shared at once). */
static int writer_wait(struct person_bulk *b, struct err *err)
{
  if (!b->running)
    return ERR_OK;
  pthread_join(b->thread, NULL);
  b->running = 0;
  return job_collect(b, err);
}

/* The bulk writer, started on first use (only the first write of a bulk load
 * finds the register empty and drops the indexes). */
static int writer_open(struct person_bulk *b, struct err *err)
{
  if (b->writer)
    return ERR_OK;
  int rc = store_people_bulk_begin(&b->writer, b->st, b->bulk && !b->written, err);
  if (!rc)
    b->written = 1;
  return rc;
}

/* Into an empty register, hand every HANDOFF people kept to the writer
 * thread, so that they are written while the next rows are checked (the two
 * cores overlap), with their search keys. Their pairs still go at flush. */
static int hand_off(struct person_bulk *b, struct err *err)
{
  enum { HANDOFF = 8192 };
  if (b->running && !atomic_load(&b->job.done))
    return ERR_OK;
  int rc = writer_wait(b, err);
  if (rc || b->n_kept - b->n_handed < HANDOFF)
    return rc;
  rc = writer_open(b, err);
  if (rc)
    return rc;
  size_t n = b->n_kept - b->n_handed, nk = b->n_keys - b->n_keys_handed;
  struct kept *copy = malloc(n * sizeof *copy);
  struct store_bulk_key *keys = malloc((nk ? nk : 1) * sizeof *keys);
  if (!copy || !keys) {
    free(copy);
    free(keys);
    return err_nomem(err);
  }
  /* b->kept and b->keys move as they grow: the thread gets its own copies
   * (the strings live in b->mem, which does not move until flush) */
  memcpy(copy, &b->kept[b->n_handed], n * sizeof *copy);
  memcpy(keys, &b->keys[b->n_keys_handed], nk * sizeof *keys);
  b->job = (struct write_job){b->writer, b->st, b->sc->user, copy, n, keys, nk, ERR_OK, {0}, 0};
  err_clear(&b->job.err);
  b->n_handed = b->n_kept;
  b->n_keys_handed = b->n_keys;
  if (pthread_create(&b->thread, NULL, write_job_run, &b->job) == 0) {
    b->running = 1;
    return ERR_OK;
  }
  /* no thread: write and sort it here */
  write_job_run(&b->job);
  return job_collect(b, err);
}

/* Write every kept person not handed off, with their keys, and the pairs;
 * forget them. The first write into an empty register drops the secondary
 * indexes. */
static int flush(struct person_bulk *b, struct err *err)
{
  int rc = writer_wait(b, err);
  if (rc || !b->n_kept)
    return rc;
  rc = writer_open(b, err);
  if (!rc)
    rc = write_kept(b->writer, b->st, b->sc->user, &b->kept[b->n_handed], b->n_kept - b->n_handed,
                    err);
  if (!rc) {
    /* the keys not handed off, sorted here */
    struct store_bulk_key *tail = &b->keys[b->n_keys_handed];
    size_t n_tail = b->n_keys - b->n_keys_handed;
    if (n_tail > 1)
      qsort(tail, n_tail, sizeof *tail, key_cmp);
    rc = store_people_bulk_keys(b->writer, tail, n_tail, err);
  }
  b->n_keys_handed = 0;
  for (size_t i = 0; !rc && i < b->n_pairs; i++)
    rc = store_people_bulk_duplicate(b->writer, b->pairs[i].a, b->pairs[i].b, b->pairs[i].at, err);
  b->stored += (long)b->n_kept;
  b->n_kept = b->n_keys = b->n_pairs = b->n_handed = 0;
  arena_free(&b->mem);
  smap_free(&b->by_nid);
  smap_free(&b->by_identity);
  smap_free(&b->by_name);
  return rc;
}

/* Write what is kept and rebuild the indexes if they were dropped: the
 * register is then complete for the row-by-row path. */
static int settle(struct person_bulk *b, struct err *err)
{
  int rc = flush(b, err);
  if (!rc && b->writer) {
    rc = store_people_bulk_end(b->writer, err);
    store_people_bulk_free(b->writer);
    b->writer = NULL;
  }
  return rc;
}

int person_bulk_finish(struct person_bulk_summary *out, struct person_bulk *b, struct err *err)
{
  memset(out, 0, sizeof *out);
  /* the people kept were derived as they were written, those of the
   * row-by-row path by it */
  int rc = settle(b, err);
  out->bulk = b->bulk;
  out->first_id = b->first_id;
  out->last_id = b->first_id ? b->next_id - 1 : 0;
  out->slow_rows = b->slow_rows;
  return rc;
}

/* ---------------------------------------------------------------------------
 * Cells, as reg_parse reads them
 * ------------------------------------------------------------------------- */

/* The cell without surrounding blanks into v (512 bytes); -1 when too long. */
static int trimmed(char *v, const char *raw)
{
  const char *t = raw ? raw : "";
  while (*t == ' ' || *t == '\t')
    t++;
  size_t len = strlen(t);
  while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
    len--;
  if (len >= 512)
    return -1;
  memcpy(v, t, len);
  v[len] = '\0';
  return (int)len;
}

/* "column, cell" as a map key (out: 600 bytes; v is under 512). Built by
 * hand: snprintf here was a tenth of the parse. */
static void enum_key(char *out, size_t col, const char *v, size_t len)
{
  out[0] = (char)('A' + col);
  out[1] = '\x1f';
  memcpy(out + 2, v, len + 1);
}

/* "dd/mm/yyyy" with every digit written, the form exports use: read as
 * date_parse reads it, without its NFC pass over the cell. 0 when the cell
 * has another form (date_parse then reads it) or is no date of the calendar. */
static int plain_date(struct date *d, const char *v, int len)
{
  if (len != 10 || v[2] != '/' || v[5] != '/')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 2 && i != 5 && (v[i] < '0' || v[i] > '9'))
      return 0;
  d->d = (v[0] - '0') * 10 + v[1] - '0';
  d->m = (v[3] - '0') * 10 + v[4] - '0';
  d->y = (v[6] - '0') * 1000 + (v[7] - '0') * 100 + (v[8] - '0') * 10 + v[9] - '0';
  return date_valid(d->y, d->m, d->d);
}

static int unit_of(const struct unit_memo **out, struct person_bulk *b, const char *tree,
                   const char *code, struct err *err)
{
  *out = NULL;
  char key[128];
  if (!unit_key(key, sizeof key, tree, code))
    return ERR_OK; /* far longer than any tree and unit code: no such unit */
  long *ix = smap_find(&b->units, key);
  if (ix) {
    *out = *ix >= 0 ? &b->unit_memos[*ix] : NULL;
    return ERR_OK;
  }
  if (b->units_loaded)
    return ERR_OK; /* every unit was loaded: no such unit */
  struct unit_memo m = {0, 0, 0};
  struct err e;
  err_clear(&e);
  int rc = writer_wait(b, err);
  if (rc)
    return rc;
  rc = store_scope_unit(&m.id, &m.level, b->st, tree, code, &e);
  if (rc == ERR_NOT_FOUND)
    return smap_put(&b->units, key, -1) ? err_nomem(err) : ERR_OK;
  if (rc) {
    err_copy(err, &e);
    return rc;
  }
  rc = store_scope_covers(&m.inside, b->st, b->sc->unit_id > 0 ? b->sc->unit_id : 0, m.id, err);
  if (rc)
    return rc;
  if (grow((void **)&b->unit_memos, &b->cap_units, b->n_units, sizeof *b->unit_memos) ||
      smap_put(&b->units, key, (long)b->n_units))
    return err_nomem(err);
  b->unit_memos[b->n_units] = m;
  *out = &b->unit_memos[b->n_units++];
  return ERR_OK;
}

/* Parse the row as reg_parse would when every cell is of a form seen before
 * or plainly valid: 1 when done, 0 when reg_parse must read it (a new
 * value, a problem), < 0 on a store failure (err set). */
static int fast_parse(struct reg_row *row, struct person_bulk *b, const struct reg_spec *spec,
                      const char *const *raw, struct err *err)
{
  if (spec->date_db)
    return 0;
  row->spec = spec;
  row->line_key[0] = '\0';
  const char *tree = NULL;
  for (size_t i = 0; i < spec->n_cols; i++)
    if (spec->cols[i].type == REG_TREE && raw[i] && *raw[i]) {
      if (strcmp(raw[i], UNIT_TREE_OLD) == 0 || strcmp(raw[i], UNIT_TREE_NEW) == 0)
        tree = raw[i];
      else
        return 0;
    }
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *col = &spec->cols[i];
    struct reg_cell *c = &row->cells[i];
    c->text[0] = '\0';
    c->tree[0] = '\0';
    c->id = 0;
    char v[512];
    int len = trimmed(v, raw[i]);
    if (len < 0)
      return 0;
    c->empty = len == 0;
    if (c->empty) {
      if (col->flags & REG_REQUIRED)
        return 0;
      continue;
    }
    switch (col->type) {
    case REG_TEXT:
      if (col->max && (size_t)len > col->max)
        return 0;
      memcpy(c->text, v, (size_t)len + 1);
      break;
    case REG_DATE: {
      struct date d;
      struct err e;
      if (!plain_date(&d, v, len) && date_parse_cell(&d, v, reg_date_rule(col), b->today, &e))
        return 0;
      date_to_iso(c->text, d);
      if (strcmp(c->text, b->today) > 0)
        return 0;
      break;
    }
    case REG_ENUM: {
      char key[600];
      enum_key(key, i, v, (size_t)len);
      long *ix = smap_find(&b->enums, key);
      if (!ix)
        return 0;
      snprintf(c->text, sizeof c->text, "%s", b->enum_codes[*ix]);
      break;
    }
    case REG_TREE:
      memcpy(c->text, v, (size_t)len + 1);
      break;
    case REG_UNIT: {
      /* a residence is a commune: a code a spreadsheet cut short is read
       * as the commune it pads to, as reg_parse reads it */
      const char *tr = tree ? tree : UNIT_TREE_NEW;
      char pads[3][8];
      const char *code = reg_unit_padded(pads, v, 1) ? pads[0] : v;
      const struct unit_memo *m;
      int rc = unit_of(&m, b, tr, code, err);
      if (rc)
        return -1;
      if (!m || !m->inside)
        return 0;
      snprintf(c->tree, sizeof c->tree, "%s", tr);
      c->id = m->id;
      snprintf(c->text, sizeof c->text, "%s", code);
      break;
    }
    default:
      return 0;
    }
  }
  return 1;
}

/* Remember the codes reg_parse gave to the enumerated cells of a good row. */
static int learn_enums(struct person_bulk *b, const struct reg_spec *spec,
                       const struct reg_row *row, const char *const *raw)
{
  for (size_t i = 0; i < spec->n_cols; i++) {
    if (spec->cols[i].type != REG_ENUM || row->cells[i].empty)
      continue;
    char v[512], key[600];
    int len = trimmed(v, raw[i]);
    if (len < 0)
      continue;
    enum_key(key, i, v, (size_t)len);
    if (smap_find(&b->enums, key))
      continue;
    size_t ix = 0;
    while (ix < b->n_enum_codes && strcmp(b->enum_codes[ix], row->cells[i].text) != 0)
      ix++;
    if (ix == b->n_enum_codes) {
      if (ix == sizeof b->enum_codes / sizeof b->enum_codes[0])
        continue;
      /* codes come from the spec's static tables: find the pointer there */
      const struct reg_column *col = &spec->cols[i];
      int at = label_index(col->values, row->cells[i].text);
      const char *code = at >= 0 ? label_code_at(col->values, (size_t)at) : NULL;
      if (!code)
        continue;
      b->enum_codes[b->n_enum_codes++] = code;
    }
    if (smap_put(&b->enums, key, (long)ix))
      return ERR_NOMEM;
  }
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Rows
 * ------------------------------------------------------------------------- */

/* A row taken off the bulk path: what is kept is written first, then the
 * row's work runs under a savepoint (undone alone when the row is refused). */
static int slow_begin(struct person_bulk *b, struct err *err)
{
  int rc = settle(b, err);
  if (rc)
    return rc;
  b->slow_rows++;
  return store_savepoint(b->st, err);
}

static int slow_end(struct person_bulk *b, int rc, struct err *err)
{
  if (rc)
    return store_savepoint_undo(b->st, rc, err);
  return store_savepoint_release(b->st, err);
}

/* The row-by-row path (*outside as person_import_row gives it). */
static int slow_row(enum reg_outcome *oc, long *outside, struct person_bulk *b,
                    const char *const *raw, struct buf *problems, struct err *err)
{
  int rc = slow_begin(b, err);
  if (!rc)
    rc = slow_end(
        b, person_import_row(oc, outside, b->st, b->sc, &person_spec, raw, b->today, problems, err),
        err);
  return rc;
}

/* A row whose person is on record (found by national ID): compared and
 * updated as on the row-by-row path, from the row parsed once. */
static int found_row(enum reg_outcome *oc, struct person_bulk *b, const struct reg_row *row,
                     struct person *p, long id, struct buf *problems, struct err *err)
{
  int rc = slow_begin(b, err);
  if (!rc)
    rc = slow_end(b, person_import_found(oc, b->st, b->sc, row, p, id, b->today, problems, err),
                  err);
  return rc;
}

/* Residence units are communes: level 3 in the old tree, 2 in the new one
 * (person.c's check, on the remembered unit). */
static int check_commune(struct person_bulk *b, const struct person *p, struct err *err)
{
  const struct unit_memo *m;
  int rc = unit_of(&m, b, p->unit_tree, p->unit_code, err);
  if (rc)
    return rc;
  if (!m)
    return err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s (hệ %s)", p->unit_code, p->unit_tree);
  return unit_check_commune(p->unit_tree, p->unit_code, m->level, err);
}

/* person_check_national_id, its store lookup remembered per prefix. */
static int check_national_id(struct person_bulk *b, const char *nid, struct err *err)
{
  char prefix[4] = {nid[0], nid[1], nid[2], '\0'};
  long *known = strlen(nid) == 12 ? smap_find(&b->prefixes, prefix) : NULL;
  if (known && *known)
    return ERR_OK;
  int rc = writer_wait(b, err);
  if (!rc)
    rc = person_check_national_id(b->st, nid, err);
  if (rc == ERR_OK && strlen(nid) == 12 && smap_put(&b->prefixes, prefix, 1))
    return err_nomem(err);
  return rc;
}

struct dup_ctx {
  struct person_bulk *b;
  const char *nid;
  long id;
  const char *at;
  int flagged;
};

static int add_pair(struct dup_ctx *x, long other, const char *other_nid)
{
  if (other == x->id || (*x->nid && *other_nid && strcmp(x->nid, other_nid) == 0))
    return ERR_OK;
  struct person_bulk *b = x->b;
  if (grow((void **)&b->pairs, &b->cap_pairs, b->n_pairs, sizeof *b->pairs))
    return ERR_NOMEM;
  b->pairs[b->n_pairs++] =
      (struct kept_pair){other < x->id ? other : x->id, other < x->id ? x->id : other, x->at};
  x->flagged++;
  return ERR_OK;
}

static int stored_pair(void *ctx, long id, const char *nid)
{
  return add_pair(ctx, id, nid);
}

/* A new person: person_create_with_history_tx's checks, then kept. */
static int keep_person(struct person_bulk *b, struct person *p, struct person_event *first,
                       size_t n, struct buf *problems, struct err *err)
{
  struct err e;
  err_clear(&e);
  /* person_validate ran on the row already (it is idempotent) */
  int rc = check_commune(b, p, &e);
  if (!rc && p->national_id[0])
    rc = check_national_id(b, p->national_id, &e);
  for (size_t i = 0; !rc && i < n; i++)
    rc = person_event_validate(&first[i], &e);
  if (!rc && n) {
    struct person_status status;
    rc = person_replay(&status, p->birth_date, first, n, b->today, &e);
  }
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  const struct unit_memo *m;
  rc = unit_of(&m, b, p->unit_tree, p->unit_code, err);
  if (rc)
    return rc;
  struct person_keys k;
  rc = person_keys_make(&k, p, err);
  if (rc)
    return rc;
  if (grow((void **)&b->kept, &b->cap_kept, b->n_kept, sizeof *b->kept) ||
      grow((void **)&b->keys, &b->cap_keys, b->n_keys + k.n_search, sizeof *b->keys)) {
    person_keys_free(&k);
    return err_nomem(err);
  }
  struct kept *kp = &b->kept[b->n_kept];
  memset(kp, 0, sizeof *kp);
  kp->id = b->next_id;
  kp->unit_id = m->id;
  date_now_utc(kp->created_at, sizeof kp->created_at);
  char *sk = arena_alloc(&b->mem, k.sort_key_len ? k.sort_key_len : 1);
  kp->full_name = arena_strdup(&b->mem, p->full_name);
  kp->other_names = arena_strdup(&b->mem, p->other_names);
  kp->ethnicity = arena_strdup(&b->mem, p->ethnicity);
  kp->address = arena_strdup(&b->mem, p->address);
  kp->occupation = arena_strdup(&b->mem, p->occupation);
  kp->name_key = arena_strdup(&b->mem, k.name_key);
  rc = !sk || !kp->full_name || !kp->other_names || !kp->ethnicity || !kp->address ||
               !kp->occupation || !kp->name_key
           ? err_nomem(err)
           : ERR_OK;
  if (!rc) {
    memcpy(sk, k.sort_key, k.sort_key_len);
    kp->sort_key = (const unsigned char *)sk;
    kp->sort_key_len = k.sort_key_len;
  }
  for (size_t i = 0; !rc && i < k.n_search; i++) {
    /* the store ignores a key repeated for one person (ON CONFLICT DO NOTHING) */
    const char *s = arena_strdup(&b->mem, k.search[i]);
    if (!s)
      rc = err_nomem(err);
    else
      b->keys[b->n_keys + i] = (struct store_bulk_key){s, kp->id};
  }
  size_t n_search = k.n_search;
  person_keys_free(&k);
  if (rc)
    return rc;
  snprintf(kp->birth_date, sizeof kp->birth_date, "%s", p->birth_date);
  snprintf(kp->sex, sizeof kp->sex, "%s", p->sex);
  snprintf(kp->national_id, sizeof kp->national_id, "%s", p->national_id);
  snprintf(kp->occupation_group, sizeof kp->occupation_group, "%s", p->occupation_group);
  if (n) {
    snprintf(kp->ev_date, sizeof kp->ev_date, "%s", first[0].date);
    snprintf(kp->ev_value, sizeof kp->ev_value, "%s", first[0].value);
  }

  /* Possible duplicates, as store_person_flag_duplicates finds them when
   * the person is created: the people stored and those kept before. */
  char key[PERSON_NAME_MAX * 3 + 64];
  snprintf(key, sizeof key, "%s\x1f%s", kp->name_key, kp->birth_date);
  /* pairs outlive b->kept's reallocations: their time is copied */
  const char *at = arena_strdup(&b->mem, kp->created_at);
  if (!at)
    return err_nomem(err);
  struct dup_ctx x = {b, kp->national_id, kp->id, at, 0};
  if (b->stored && !(rc = writer_wait(b, err)))
    rc = store_person_same_name(b->st, kp->name_key, kp->birth_date, stored_pair, &x, err);
  long *last = rc ? NULL : smap_find(&b->by_name, key);
  kp->next_same = last ? *last : -1;
  for (long j = kp->next_same; !rc && j >= 0; j = b->kept[j].next_same)
    if (add_pair(&x, b->kept[j].id, b->kept[j].national_id))
      rc = err_nomem(err);
  if (rc)
    return rc;
  long ix = (long)b->n_kept;
  char ident[PERSON_NAME_MAX * 3 + 64];
  snprintf(ident, sizeof ident, "%s\x1f%s\x1f%ld", kp->name_key, kp->birth_date, kp->unit_id);
  if (smap_put(&b->by_name, key, ix) || smap_put(&b->by_identity, ident, ix) ||
      (kp->national_id[0] && smap_put(&b->by_nid, kp->national_id, ix)))
    return err_nomem(err);
  if (!b->bulk) {
    /* a register with people: each new person keeps its own audit row */
    char detail[128];
    snprintf(detail, sizeof detail, "tạo hồ sơ; %zu sự kiện; %d cặp nghi trùng", n, x.flagged);
    rc = writer_wait(b, err);
    if (!rc)
      rc = audit_record(b->st, b->sc, "person.create", "person", kp->id, detail, err);
    if (rc)
      return rc;
  }
  b->n_keys += n_search;
  b->n_kept++;
  if (!b->first_id)
    b->first_id = kp->id;
  b->next_id++;
  return ERR_OK;
}

int person_bulk_row(enum reg_outcome *oc, long *outside, struct person_bulk *b,
                    const char *const *raw, struct buf *problems, struct err *err)
{
  *oc = REG_UNCHANGED;
  *outside = 0;
  const struct reg_spec *spec = &person_spec;
  struct reg_row row;
  struct err e = {ERR_OK, ""};
  int rc = fast_parse(&row, b, spec, raw, &e);
  if (rc < 0)
    return e.code ? err_copy(err, &e) : err_set(err, ERR_DB, "lỗi cơ sở dữ liệu khi đọc dòng");
  if (rc == 0) {
    rc = writer_wait(b, err);
    if (!rc)
      rc = reg_parse(&row, spec, raw, b->st, b->sc, b->today, problems, err);
    if (rc)
      return rc;
    if (learn_enums(b, spec, &row, raw))
      return err_nomem(err);
  }
  const struct reg_cell *c = row.cells;
  struct person p;
  person_import_fill(&p, &row);
  if (!c[P_CLASS].empty && c[P_CLASS_ON].empty)
    return person_import_problem(
        problems, ERR_INPUT, &(struct err){ERR_INPUT, "Ngày phân loại: bắt buộc khi có Phân loại"},
        err);
  err_clear(&e);
  rc = person_validate(&p, b->today, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);

  /* Found again? Kept earlier in the file, or stored: the row-by-row path. */
  if (p.national_id[0]) {
    if (smap_find(&b->by_nid, p.national_id))
      return slow_row(oc, outside, b, raw, problems, err);
    if (b->stored) {
      long id = 0;
      int taken = 0;
      rc = writer_wait(b, err);
      if (rc)
        return rc;
      /* a record outside the scope: the row-by-row path refuses the row
       * and reports that record (*outside) */
      long elsewhere = 0;
      rc = store_reg_person_any(&id, &elsewhere, b->st, b->sc, p.national_id, &e);
      if (rc == ERR_OK && !id)
        rc = store_person_nid_taken(&taken, b->st, p.national_id, &e);
      if (rc == ERR_OK && id)
        return found_row(oc, b, &row, &p, id, problems, err);
      if (rc == ERR_DENIED || taken)
        return slow_row(oc, outside, b, raw, problems, err);
      if (rc) {
        err_copy(err, &e);
        return rc;
      }
    }
  } else {
    char *key = NULL;
    rc = text_key(&key, p.full_name, err);
    if (rc)
      return rc;
    char ident[PERSON_NAME_MAX * 3 + 64];
    snprintf(ident, sizeof ident, "%s\x1f%s\x1f%ld", key, p.birth_date, c[P_UNIT].id);
    long id = 0;
    if (b->stored && !(rc = writer_wait(b, err)))
      rc = store_person_find_same(&id, b->st, b->sc, key, p.birth_date, c[P_UNIT].id, err);
    free(key);
    if (rc)
      return rc;
    if (id || smap_find(&b->by_identity, ident))
      return slow_row(oc, outside, b, raw, problems, err);
  }

  /* A new person: the classification is the first event of the history. */
  struct person_event first;
  size_t n = person_import_first_event(&first, &row);
  rc = keep_person(b, &p, &first, n, problems, err);
  if (!rc) {
    *oc = REG_INSERTED;
    if (b->bulk)
      rc = hand_off(b, err);
  }
  return rc;
}
