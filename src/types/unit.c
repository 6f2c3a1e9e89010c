/* types/unit.c: freeing unit lists; which tree a date falls in. */
#include "types/unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void unit_list_free(struct unit_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void unit_successor_list_free(struct unit_successor_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

const char *unit_tree_at(const char *date)
{
  return date && *date && strcmp(date, UNIT_REFORM_DAY) < 0 ? UNIT_TREE_OLD : UNIT_TREE_NEW;
}

void unit_item_list_free(struct unit_item_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

int unit_commune_level(const char *tree)
{
  return strcmp(tree, UNIT_TREE_OLD) == 0 ? 3 : 2;
}

const char *unit_life(char *buf, size_t n, const struct unit *u)
{
  char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
  date_iso_to_vn(from, u->valid_from);
  date_iso_to_vn(to, u->valid_to);
  if (u->valid_from[0] && u->valid_to[0])
    snprintf(buf, n, "từ %s đến %s", from, to);
  else if (u->valid_from[0])
    snprintf(buf, n, "từ %s", from);
  else if (u->valid_to[0])
    snprintf(buf, n, "đến %s", to);
  else if (n)
    buf[0] = '\0';
  return buf;
}

const char *unit_label(char *buf, size_t n, const struct unit *u)
{
  char life[64];
  unit_life(life, sizeof life, u);
  if (life[0])
    snprintf(buf, n, "%s %s (đơn vị hành chính %s)", u->type, u->name, life);
  else
    snprintf(buf, n, "%s %s", u->type, u->name);
  return buf;
}

const char *unit_level_name(const char *tree, int level)
{
  int commune = unit_commune_level(tree);
  if (level == 1)
    return "province";
  if (level == commune)
    return "commune";
  return level == 2 && commune == 3 ? "district" : "";
}
