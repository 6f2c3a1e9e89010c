/* types/unit.h: an administrative unit as the store returns it, in the two official trees.
 *
 * A unit is identified by its tree and its code, never by the code alone:
 * codes were reused across the 1 July 2025 reform. Tree "pre2025" holds
 * province -> district -> commune, valid until 2025-06-30; tree "post2025"
 * holds province -> commune, valid from 2025-07-01. Finding and browsing
 * units is domain/unit.h. */
#ifndef PCMT_TYPES_UNIT_H
#define PCMT_TYPES_UNIT_H

#include <stddef.h>

#include "base/date.h"

#define UNIT_TREE_OLD "pre2025"
#define UNIT_TREE_NEW "post2025"
/* The first day of tree UNIT_TREE_NEW (the last of UNIT_TREE_OLD is the day
 * before). Migration 017's triggers write the same day. */
#define UNIT_REFORM_DAY "2025-07-01"

struct unit {
  long id;             /* database row id */
  char tree[12];       /* UNIT_TREE_OLD or UNIT_TREE_NEW */
  char code[8];        /* official statistical code: 2, 3 or 5 digits */
  char name[128];      /* without the type word: "Lào Cai" */
  char type[32];       /* "tỉnh", "thành phố", "huyện", "xã", "phường" ... */
  int level;           /* 1 province, 2 district (old) or commune (new), 3 commune (old) */
  char parent_code[8]; /* "" for a province */
  char valid_from[DATE_ISO_LEN]; /* ISO date, "" when open */
  char valid_to[DATE_ISO_LEN];   /* ISO date, "" when still valid */
};

struct unit_list {
  struct unit *items; /* malloc'd; unit_list_free */
  size_t n;
};

void unit_list_free(struct unit_list *l); /* accepts NULL */

/* A unit of tree "post2025" that took over (part of) an old unit. */
struct unit_successor {
  struct unit unit; /* the new unit */
  char kind[8];     /* "full" or "partial" */
  char via[8];      /* for an old district: the code of the old commune, else "" */
};
struct unit_successor_list {
  struct unit_successor *items;
  size_t n;
};
void unit_successor_list_free(struct unit_successor_list *l); /* accepts NULL */
/* A unit as the front ends show it in a list: with its parent named and,
 * in a list of successors, how it took the old unit over. */
struct unit_item {
  struct unit unit; /* the unit, with the name and type in force on the date asked */
  char parent[300]; /* its parent's type and name then ("tỉnh Lào Cai"), "" for a province */
  char kind[12];    /* successors only: "full" or "partial", else "" */
  char via[8];      /* successors only: the old commune a district's successor came through */
};

struct unit_item_list {
  struct unit_item *items; /* malloc'd; unit_item_list_free */
  size_t n;
};
void unit_item_list_free(struct unit_item_list *l); /* accepts NULL */

/* The tree in force on an ISO date: "pre2025" before 2025-07-01, else "post2025". */
const char *unit_tree_at(const char *date);

/* The level of a commune in a tree: 3 in "pre2025" (province, district,
 * commune), 2 in "post2025" (province, commune). */
int unit_commune_level(const char *tree);
/* What level `level` is in `tree`: "province" (1), "district" (2 in
 * "pre2025"), "commune" (3 in "pre2025", 2 in "post2025"); "" for a level
 * the tree does not have. A code of types/label.h's LABEL_UNIT_LEVEL. */
const char *unit_level_name(const char *tree, int level);

/* A unit's life as a person reads it, into buf: "đến 30/06/2025", "từ
 * 01/07/2025", "từ 01/07/2025 đến 31/12/2030", or "" when both ends are
 * open. Returns buf. */
const char *unit_life(char *buf, size_t n, const struct unit *u);
/* The unit as front ends name the unit an action took, into buf: "tỉnh Lào
 * Cai (đơn vị hành chính từ 01/07/2025)"; without the parenthesis when its
 * life is open at both ends. Returns buf. */
const char *unit_label(char *buf, size_t n, const struct unit *u);

#endif
