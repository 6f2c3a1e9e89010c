/* unit.c: finding and browsing administrative units.
 *
 * Names are matched on their text_key (no case, no diacritics, no
 * punctuation), so "tp. lao cai", "Thành phố Lào Cai" and "TP LÀO CAI" are
 * one query. A leading type word ("tỉnh", "huyện", "tp", "tx" ...) is
 * optional: when present it restricts matches made without it, but the
 * query is also tried as a whole name, because some names begin with such a
 * word. */
#include "domain/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "store/store_units.h"

int unit_check_commune(const char *tree, const char *code, int level, struct err *err)
{
  if (level != unit_commune_level(tree))
    return err_set(err, ERR_INPUT, "đơn vị %s (hệ %s) không phải cấp xã; nơi cư trú ghi đến xã",
                   code, tree);
  return ERR_OK;
}

/* Type words as people write them (text_key form), with the type_key of the
 * official type they stand for. Longer words first. */
static const struct {
  const char *word;
  const char *type_key;
} type_words[] = {
    {"thanh pho", "thanh pho"},
    {"thi tran", "thi tran"},
    {"thi xa", "thi xa"},
    {"dac khu", "dac khu"},
    {"phuong", "phuong"},
    {"huyen", "huyen"},
    {"quan", "quan"},
    {"tinh", "tinh"},
    {"xa", "xa"},
    {"tp", "thanh pho"},
    {"tx", "thi xa"},
    {"tt", "thi tran"},
    {"h", "huyen"},
    {"q", "quan"},
    {"p", "phuong"},
};

/* If `key` starts with a type word followed by a name, point *rest at the
 * name and return the type_key; else NULL. */
static const char *split_type_word(const char *key, const char **rest)
{
  for (size_t i = 0; i < sizeof type_words / sizeof type_words[0]; i++) {
    size_t n = strlen(type_words[i].word);
    if (strncmp(key, type_words[i].word, n) == 0 && key[n] == ' ' && key[n + 1]) {
      *rest = key + n + 1;
      return type_words[i].type_key;
    }
  }
  return NULL;
}

#define FIND_LIMIT 200

int unit_find(struct unit_list *out, struct store *st, const char *text, const char *at,
              struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (!text)
    return err_set(err, ERR_INPUT, "chưa nhập tên đơn vị cần tìm");
  char *key = NULL;
  int rc = text_key(&key, text, err);
  if (rc)
    return rc;
  if (!*key) {
    free(key);
    return err_set(err, ERR_INPUT, "chưa nhập tên đơn vị cần tìm");
  }
  /* No unit name is this long: answer "nothing found" without asking SQL to
   * build a huge LIKE pattern. */
  if (strlen(key) > 256) {
    free(key);
    return ERR_OK;
  }
  char at_iso[DATE_ISO_LEN];
  if (at) {
    struct date d;
    rc = date_parse(&d, at, 0, err);
    if (rc) {
      free(key);
      return rc;
    }
    date_to_iso(at_iso, d);
    at = at_iso;
  }
  const char *rest = NULL;
  const char *type_key = split_type_word(key, &rest);
  int *scores = NULL;
  rc = store_unit_search(out, &scores, st, key, rest, type_key, at, FIND_LIMIT, err);
  free(key);
  if (rc)
    return rc;
  /* One row per unit: the store returns one per matching version, best first. */
  size_t w = 0;
  for (size_t i = 0; i < out->n; i++) {
    size_t j;
    for (j = 0; j < w && out->items[j].id != out->items[i].id; j++)
      ;
    if (j == w)
      out->items[w++] = out->items[i];
  }
  out->n = w;
  free(scores);
  return ERR_OK;
}

int unit_get(struct unit *out, struct store *st, const char *tree, const char *code, const char *at,
             struct err *err)
{
  if (!tree || !code || !*code)
    return err_set(err, ERR_INPUT, "thiếu mã đơn vị");
  if (strcmp(tree, UNIT_TREE_OLD) != 0 && strcmp(tree, UNIT_TREE_NEW) != 0)
    return err_set(err, ERR_INPUT, "hệ đơn vị không hợp lệ \"%s\" (dùng %s hoặc %s)", tree,
                   UNIT_TREE_OLD, UNIT_TREE_NEW);
  return store_unit_get(out, st, tree, code, at, err);
}

/* *out takes the name and type in force on `day` when the unit (same tree
 * and code) had a version then; else it keeps the version it has. */
static int take_version_of(struct unit *out, struct store *st, const char *day, struct err *err)
{
  struct unit then;
  struct err e = {ERR_OK, ""};
  int rc = store_unit_get(&then, st, out->tree, out->code, day, &e);
  if (rc == ERR_OK)
    *out = then;
  else if (rc != ERR_NOT_FOUND)
    return err_copy(err, &e);
  return ERR_OK;
}

/* The latest version of (tree, code) into *out; *found 0 when there is none. */
static int lookup(struct unit *out, int *found, struct store *st, const char *tree,
                  const char *code, struct err *err)
{
  struct err e = {ERR_OK, ""};
  int rc = store_unit_get(out, st, tree, code, NULL, &e);
  *found = rc == ERR_OK;
  return rc == ERR_NOT_FOUND ? ERR_OK : rc ? err_copy(err, &e) : ERR_OK;
}

int unit_resolve(struct unit *out, struct store *st, const char *tree, const char *code,
                 const char *at, struct err *err)
{
  memset(out, 0, sizeof *out);
  if (!code || !*code)
    return err_set(err, ERR_INPUT, "thiếu mã đơn vị");
  if (strlen(code) >= sizeof out->code || strspn(code, "0123456789") != strlen(code))
    return err_set(err, ERR_INPUT, "mã đơn vị \"%s\" không hợp lệ (chỉ gồm chữ số)", code);
  /* the day the code is used for; NULL: none */
  char day_buf[DATE_ISO_LEN];
  const char *day = day_buf;
  if (!at) {
    date_to_iso(day_buf, date_today());
  } else if (*at) {
    struct date d;
    int rc = date_parse(&d, at, 0, err);
    if (rc)
      return rc;
    date_to_iso(day_buf, d);
  } else {
    day = NULL;
  }
  int rc;
  if (tree && *tree) {
    rc = unit_get(out, st, tree, code, NULL, err);
    return rc || !day ? rc : take_version_of(out, st, day, err);
  }
  struct unit old, now;
  int has_old, has_new;
  rc = lookup(&old, &has_old, st, UNIT_TREE_OLD, code, err);
  if (!rc)
    rc = lookup(&now, &has_new, st, UNIT_TREE_NEW, code, err);
  if (rc)
    return rc;
  if (!has_old && !has_new)
    return err_set(err, ERR_NOT_FOUND, "không có đơn vị mã %s", code);
  const struct unit *pick = has_old ? &old : &now;
  if (has_old && has_new && day) {
    pick = strcmp(unit_tree_at(day), UNIT_TREE_OLD) == 0 ? &old : &now;
  } else if (has_old && has_new) {
    int same = 0;
    rc = store_unit_same_territory(&same, st, old.id, now.id, err);
    if (rc)
      return rc;
    if (!same) {
      char a[200], b[200], la[64], lb[64];
      snprintf(a, sizeof a, "%s %s", old.type, old.name);
      snprintf(b, sizeof b, "%s %s", now.type, now.name);
      return err_set(err, ERR_INPUT,
                     "mã %s là %s (%s) hoặc %s (%s); ghi rõ hệ đơn vị: --tree %s hoặc --tree %s",
                     code, a, unit_life(la, sizeof la, &old), b, unit_life(lb, sizeof lb, &now),
                     UNIT_TREE_OLD, UNIT_TREE_NEW);
    }
    pick = &now;
  }
  *out = *pick;
  return day ? take_version_of(out, st, day, err) : ERR_OK;
}

/* Append to `dst` the node at src[i] and then its descendants, depth first;
 * `src` is ordered by level then name, so children come in Vietnamese order. */
static void append_subtree(struct unit *dst, size_t *nd, const struct unit *src, size_t n, size_t i,
                           int depth)
{
  dst[(*nd)++] = src[i];
  if (depth > 8)
    return; /* the trees are three levels deep; a cycle would be a bug */
  for (size_t j = 0; j < n; j++)
    if (src[j].level > src[i].level && strcmp(src[j].parent_code, src[i].code) == 0)
      append_subtree(dst, nd, src, n, j, depth + 1);
}

int unit_tree(struct unit_list *out, struct store *st, const char *tree, const char *code,
              const char *at, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct unit root;
  int rc = unit_get(&root, st, tree, code, at, err);
  if (rc)
    return rc;
  struct unit_list flat;
  rc = store_unit_subtree(&flat, st, tree, code, at, err);
  if (rc)
    return rc;
  struct unit *ordered = malloc((flat.n ? flat.n : 1) * sizeof *ordered);
  if (!ordered) {
    unit_list_free(&flat);
    return err_nomem(err);
  }
  size_t nd = 0;
  for (size_t i = 0; i < flat.n; i++)
    if (flat.items[i].id == root.id)
      append_subtree(ordered, &nd, flat.items, flat.n, i, 0);
  unit_list_free(&flat);
  out->items = ordered;
  out->n = nd;
  return ERR_OK;
}

int unit_provinces(struct unit_list *out, struct store *st, const char *at, struct err *err)
{
  return store_unit_provinces(out, st, unit_tree_at(at), at, err);
}

int unit_successors(struct unit_successor_list *out, struct store *st, const char *code,
                    struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct unit old;
  int rc = unit_get(&old, st, UNIT_TREE_OLD, code, NULL, err);
  if (rc)
    return rc;
  return store_unit_successors(out, st, code, err);
}
