/* app_unit.c: the administrative units' user actions (see app_unit.h for who may). */
#include "app/app_unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/audit.h"
#include "domain/unit.h"
#include "store/store.h"

/* The parent of u named on `at` (NULL: its latest name) into buf: "tỉnh
 * Lào Cai"; "" for a province or a parent not in the lists. */
static int name_parent(char *buf, size_t n, struct store *st, const struct unit *u, const char *at,
                       struct err *err)
{
  buf[0] = '\0';
  if (!u->parent_code[0])
    return ERR_OK;
  struct unit p;
  struct err e = {ERR_OK, ""};
  int rc = unit_get(&p, st, u->tree, u->parent_code, at, &e);
  if (rc == ERR_NOT_FOUND) /* a parent not valid on `at`: its latest name */
    rc = unit_get(&p, st, u->tree, u->parent_code, NULL, &e);
  if (rc == ERR_NOT_FOUND)
    return ERR_OK;
  if (rc)
    return err_copy(err, &e);
  snprintf(buf, n, "%s %s", p.type, p.name);
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------- */

/* The lists and their audit row, in one transaction. */
static int import_tx(struct unit_import_stats *out, struct store *st, const struct scope *caller,
                     const char *dir, struct err *err)
{
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = unit_import(st, dir, out, err);
  if (!rc) {
    char detail[256];
    snprintf(detail, sizeof detail,
             "nhập %ld đơn vị (%ld phiên bản tên) và %ld quan hệ kế thừa từ %s", out->units,
             out->versions, out->successions, dir);
    rc = audit_record(st, caller, "unit.import", "unit", 0, detail, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int app_unit_import(struct unit_import_stats *out, struct store *st, const struct scope *caller,
                    const char *dir, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (caller->role != SCOPE_ADMIN || caller->unit_id != 0)
    return err_set(err, ERR_DENIED,
                   "danh mục đơn vị hành chính là danh mục toàn quốc: chỉ người quản trị toàn "
                   "quốc được nhập");
  int rc = import_tx(out, st, caller, dir ? dir : unit_import_default_dir(), err);
  if (rc)
    memset(out, 0, sizeof *out);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Reads
 * ------------------------------------------------------------------------- */

/* n empty items into *out. */
static int alloc_items(struct unit_item_list *out, size_t n, struct err *err)
{
  out->items = n ? calloc(n, sizeof *out->items) : NULL;
  out->n = n;
  if (n && !out->items) {
    out->n = 0;
    return err_nomem(err);
  }
  return ERR_OK;
}

/* Name the parent of every item of *l on `at`; on failure *l is freed. */
static int name_parents(struct unit_item_list *l, struct store *st, const char *at, struct err *err)
{
  for (size_t i = 0; i < l->n; i++) {
    struct unit_item *it = &l->items[i];
    int rc = name_parent(it->parent, sizeof it->parent, st, &it->unit, at, err);
    if (rc) {
      unit_item_list_free(l);
      return rc;
    }
  }
  return ERR_OK;
}

int app_unit_find(struct unit_item_list *out, struct store *st, const struct scope *caller,
                  const char *text, const char *at, struct err *err)
{
  (void)caller; /* every user reads the lists */
  out->items = NULL;
  out->n = 0;
  struct unit_list l;
  int rc = unit_find(&l, st, text, at, err);
  if (rc)
    return rc;
  rc = alloc_items(out, l.n, err);
  for (size_t i = 0; !rc && i < l.n; i++)
    out->items[i].unit = l.items[i];
  unit_list_free(&l);
  return rc ? rc : name_parents(out, st, at, err);
}

int app_unit_show(struct unit_item *out, struct store *st, const struct scope *caller,
                  const char *tree, const char *code, const char *at, struct err *err)
{
  (void)caller;
  memset(out, 0, sizeof *out);
  int rc = unit_resolve(&out->unit, st, tree, code, at ? at : UNIT_NO_DATE, err);
  if (!rc)
    rc = name_parent(out->parent, sizeof out->parent, st, &out->unit, at, err);
  if (rc)
    memset(out, 0, sizeof *out);
  return rc;
}

/* 1 when unit u exists on ISO day `at`. */
static int valid_on(const struct unit *u, const char *at)
{
  return (!u->valid_from[0] || strcmp(u->valid_from, at) <= 0) &&
         (!u->valid_to[0] || strcmp(at, u->valid_to) <= 0);
}

int app_unit_tree(struct unit_list *out, struct unit *taken, struct store *st,
                  const struct scope *caller, const char *tree, const char *code, const char *at,
                  struct err *err)
{
  (void)caller;
  out->items = NULL;
  out->n = 0;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct unit u;
  int rc = unit_resolve(&u, st, tree, code, at ? at : today, err);
  if (rc)
    return rc;
  if (taken)
    *taken = u;
  /* With an explicit tree and no date, or a unit that no longer exists
   * today, the tree as it stood last. */
  const char *filter = at ? at : (tree && *tree) || !valid_on(&u, today) ? NULL : today;
  return unit_tree(out, st, u.tree, u.code, filter, err);
}

int app_unit_successors(struct unit_item_list *out, struct store *st, const struct scope *caller,
                        const char *code, struct err *err)
{
  (void)caller;
  out->items = NULL;
  out->n = 0;
  struct unit_successor_list l;
  int rc = unit_successors(&l, st, code, err);
  if (rc)
    return rc;
  rc = alloc_items(out, l.n, err);
  for (size_t i = 0; !rc && i < l.n; i++) {
    struct unit_item *it = &out->items[i];
    it->unit = l.items[i].unit;
    snprintf(it->kind, sizeof it->kind, "%s", l.items[i].kind);
    snprintf(it->via, sizeof it->via, "%s", l.items[i].via);
  }
  unit_successor_list_free(&l);
  return rc ? rc : name_parents(out, st, NULL, err);
}
