/* agency.h: agencies (cơ quan) and the resolver of agency names as plans write them.
 *
 * An agency sits at a unit and has a kind from one fixed list. Plans name
 * agencies in many forms ("Công an huyện", "Sở LĐTBXH", "Tỉnh Đoàn", "Huyện
 * Đoàn Bình Sơn") and also name groups of agencies ("các sở, ban, ngành, đoàn
 * thể", "UBND cấp xã"). agency_parse() reads the words alone (no database):
 * kind, level, group, the place named. agency_resolve() adds the unit, given
 * the unit the plan belongs to. The lexicon is documented in docs/agency.md. */
#ifndef PCMT_DOMAIN_AGENCY_H
#define PCMT_DOMAIN_AGENCY_H

#include <stddef.h>

#include "base/err.h"
#include "domain/unit.h"

struct store;

enum agency_kind {
  AGENCY_NONE = 0, /* the text names no agency (or a group of mixed kinds) */
  AGENCY_POLICE,
  AGENCY_LABOUR_SOCIAL,
  AGENCY_HEALTH,
  AGENCY_EDUCATION,
  AGENCY_INFORMATION,
  AGENCY_CULTURE,
  AGENCY_INDUSTRY_TRADE,
  AGENCY_MARKET_MANAGEMENT,
  AGENCY_AGRICULTURE,
  AGENCY_FINANCE,
  AGENCY_JUSTICE,
  AGENCY_HOME_AFFAIRS,
  AGENCY_FOREIGN_AFFAIRS,
  AGENCY_PLANNING_INVESTMENT,
  AGENCY_ETHNIC_AFFAIRS,
  AGENCY_BORDER_GUARD,
  AGENCY_CUSTOMS,
  AGENCY_PROCURACY,
  AGENCY_COURT,
  AGENCY_FATHERLAND_FRONT,
  AGENCY_YOUTH_UNION,
  AGENCY_WOMEN_UNION,
  AGENCY_FARMERS_UNION,
  AGENCY_VETERANS_UNION,
  AGENCY_LABOUR_FEDERATION,
  AGENCY_ELDERLY_ASSOCIATION,
  AGENCY_MEDIA,
  AGENCY_PEOPLES_COMMITTEE,
  AGENCY_STEERING_COMMITTEE,
  AGENCY_OTHER, /* an agency, of no kind in the list (military command, party office ...) */
  AGENCY_KIND_COUNT
};

enum agency_level {
  AGENCY_LEVEL_NONE = 0, /* not stated and not implied */
  AGENCY_LEVEL_CENTRAL,
  AGENCY_LEVEL_PROVINCE,
  AGENCY_LEVEL_DISTRICT,
  AGENCY_LEVEL_COMMUNE
};

struct agency_ref {
  enum agency_kind kind;   /* AGENCY_NONE for text that is not an agency */
  enum agency_level level; /* of the agency, or of the group's members */
  int is_group;            /* a collective phrase: several agencies, not one */
  char place[128];         /* a place named after the level word ("Bình Sơn"), as written */
  /* Filled by agency_resolve only: the unit the agency sits at (for a group,
   * the unit whose agencies it gathers: the plan's own unit). "" = unknown. */
  char unit_tree[12];
  char unit_code[8];
  char unit_name[160]; /* "huyện Bình Sơn" */
};

/* Read an agency name (or a collective phrase) from its words. Returns
 * ERR_OK with kind AGENCY_NONE and is_group 0 when the text names no agency;
 * ERR_INPUT for invalid UTF-8 or an empty text. */
int agency_parse(struct agency_ref *out, const char *text, struct err *err);

/* agency_parse, then the unit: the level word and place name of the text
 * ("huyện Bình Sơn"), else the plan's unit (tree, code) and its ancestors:
 * "Công an tỉnh" in a district plan is the police of the district's
 * province. `at` (ISO date or NULL) picks unit names in force then. A
 * missing plan unit only leaves the unit unknown. */
int agency_resolve(struct agency_ref *out, struct store *st, const char *text, const char *tree,
                   const char *unit_code, const char *at, struct err *err);

/* Number of leading words of `key` (a text_key() string) that open an agency
 * name ("cong an", "so", "uy ban nhan dan", "tinh doan" ...), 0 when none.
 * The plan reader uses it to see where a name starts in running text. */
size_t agency_head_words(const char *key);

/* "police", "labour_social" ...; NULL for AGENCY_NONE or out of range. */
const char *agency_kind_name(enum agency_kind k);
/* Vietnamese label of the kind for the UI ("Công an", "Lao động - Thương binh và Xã hội"). */
const char *agency_kind_label(enum agency_kind k);
/* The kind named `name`, or AGENCY_NONE. */
enum agency_kind agency_kind_from_name(const char *name);
/* "central", "province", "district", "commune"; NULL for AGENCY_LEVEL_NONE. */
const char *agency_level_name(enum agency_level l);

#endif
