/* plan_link.c: finding a plan's parent and children from the bases (see plan_link.h). */
#include "domain/plan_link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/text.h"
#include "store/store_people.h"
#include "store/store_plans.h"

void plan_link_list_free(struct plan_link_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* The plans and citations of the territory, each number as a key (text_key:
 * "07/KH-BCĐ" and "07 / KH - BCD" are one number), computed once. */
struct ctx {
  struct store *st;
  struct store_plan_info_list plans;
  struct store_plan_cite_list cites;
  char **pkey, **ckey; /* by index of plans / cites; "" when no number */
};

static void ctx_free(struct ctx *c)
{
  for (size_t i = 0; c->pkey && i < c->plans.n; i++)
    free(c->pkey[i]);
  for (size_t i = 0; c->ckey && i < c->cites.n; i++)
    free(c->ckey[i]);
  free(c->pkey);
  free(c->ckey);
  store_plan_info_list_free(&c->plans);
  store_plan_cite_list_free(&c->cites);
}

static int ctx_keys(struct ctx *c, struct err *err)
{
  c->pkey = calloc(c->plans.n + 1, sizeof *c->pkey);
  c->ckey = calloc(c->cites.n + 1, sizeof *c->ckey);
  if (!c->pkey || !c->ckey)
    return err_nomem(err);
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < c->plans.n; i++)
    rc = text_key(&c->pkey[i], c->plans.items[i].number, err);
  for (size_t i = 0; !rc && i < c->cites.n; i++)
    rc = text_key(&c->ckey[i], c->cites.items[i].number, err);
  return rc;
}

/* *ok = 1 when plan up (index u) may be the parent of plan down through
 * citation c: the numbers match, the dates do when both are known, and up's
 * unit lies strictly above down's. */
static int qualifies(int *ok, struct ctx *x, size_t u, const struct store_plan_info *down, size_t c,
                     struct err *err)
{
  const struct store_plan_info *up = &x->plans.items[u];
  const struct store_plan_cite *cite = &x->cites.items[c];
  *ok = 0;
  if (up->id == down->id || !x->pkey[u][0] || strcmp(x->pkey[u], x->ckey[c]) != 0)
    return ERR_OK;
  if (up->issued_on[0] && cite->date[0] && strcmp(up->issued_on, cite->date) != 0)
    return ERR_OK;
  if (down->unit_id == up->unit_id)
    return ERR_OK;
  return store_scope_covers(ok, x->st, up->unit_id, down->unit_id, err);
}

static int add_link(struct plan_link_list *out, size_t *cap, long child, long parent,
                    const char *number, struct err *err)
{
  struct plan_link *ni = array_grow(out->items, cap, out->n + 1, sizeof *ni);
  if (!ni)
    return err_nomem(err);
  out->items = ni;
  struct plan_link *k = &ni[out->n++];
  k->child = child;
  k->parent = parent;
  snprintf(k->number, sizeof k->number, "%s", number);
  return ERR_OK;
}

/* The single stored plan that qualifies as the parent of `down` through
 * down's citations into *parent (0: none, or several), with the number
 * cited. Only plans whose key is `only` are tried when it is not NULL. */
static int find_parent(long *parent, const char **number, struct ctx *x,
                       const struct store_plan_info *down, const char *only, struct err *err)
{
  *parent = 0;
  int found = 0;
  for (size_t c = 0; c < x->cites.n; c++) {
    if (x->cites.items[c].plan_id != down->id || (only && strcmp(x->ckey[c], only) != 0))
      continue;
    for (size_t k = 0; k < x->plans.n; k++) {
      int ok;
      int rc = qualifies(&ok, x, k, down, c, err);
      if (rc)
        return rc;
      if (ok && *parent != x->plans.items[k].id) {
        found++;
        *parent = x->plans.items[k].id;
        *number = x->cites.items[c].number;
      }
    }
  }
  if (found != 1)
    *parent = 0;
  return ERR_OK;
}

int plan_link_find(struct plan_link_list *out, struct store *st, const struct scope *sc,
                   long plan_id, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct ctx x;
  memset(&x, 0, sizeof x);
  x.st = st;
  int rc = store_plan_list(&x.plans, st, sc, err);
  if (!rc)
    rc = store_plan_cites(&x.cites, st, sc, 0, err);
  if (!rc)
    rc = ctx_keys(&x, err);
  size_t self = 0;
  while (!rc && self < x.plans.n && x.plans.items[self].id != plan_id)
    self++;
  if (!rc && self == x.plans.n)
    rc = err_set(err, ERR_NOT_FOUND, "không có kế hoạch số hiệu %ld", plan_id);
  size_t cap = 0;
  long parent;
  const char *number = NULL;
  /* up: this plan's parent, when it has none yet */
  if (!rc && !x.plans.items[self].parent_id) {
    rc = find_parent(&parent, &number, &x, &x.plans.items[self], NULL, err);
    if (!rc && parent)
      rc = add_link(out, &cap, plan_id, parent, number, err);
  }
  /* down: plans without a parent that cite this one's number, and no other plan */
  for (size_t k = 0; !rc && x.pkey[self][0] && k < x.plans.n; k++) {
    const struct store_plan_info *down = &x.plans.items[k];
    if (down->parent_id || down->id == plan_id)
      continue;
    rc = find_parent(&parent, &number, &x, down, x.pkey[self], err);
    if (!rc && parent == plan_id)
      rc = add_link(out, &cap, down->id, plan_id, number, err);
  }
  ctx_free(&x);
  if (rc)
    plan_link_list_free(out);
  return rc;
}
