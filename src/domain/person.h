/* person.h: the people register — identity, dated history, derived status, legal clocks.
 *
 * The model. A person has an identity (name, date of birth, sex, ethnicity,
 * national ID, residence, occupation) and a history: dated events appended
 * one by one (classified, addiction determination, management record opened
 * or closed, rehab of each kind started or ended, substitution treatment,
 * post-rehab management, relapse, moves, removal from the list, death). The
 * current status is never stored: person_replay derives it by walking the
 * history in date order, and the same walk is the validation — an event is
 * accepted only when the whole history with it still replays without error
 * (dates not in the future, not before birth, nothing after death, a rehab
 * cannot end before it starts, compulsory rehab needs a court decision and a
 * person aged at least 12, post-rehab management needs a finished rehab or
 * substitution treatment ...). A mistaken event is never deleted: a "void"
 * event names it and the walk skips both.
 *
 * Legal clocks (person_clocks) come from the same walk and the dated legal
 * rules (legal_rule.h): each running clock has a start, the rule version in
 * force on that start and an end date.
 *
 * The operations at the bottom open their own transactions, check the
 * caller's scope, validate, write and append the audit row in the same
 * transaction; every read of one person's record is audited too. */
#ifndef PCMT_DOMAIN_PERSON_H
#define PCMT_DOMAIN_PERSON_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/legal_rule.h"
#include "domain/scope.h"

struct store;

/* ---------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------- */

#define PERSON_NAME_MAX 128
#define PERSON_TEXT_MAX 256

struct person {
  long id;                           /* row id; 0 before it is stored */
  char full_name[PERSON_NAME_MAX];   /* "Nguyễn Văn Dũng" */
  char other_names[PERSON_TEXT_MAX]; /* aliases separated by ';', or "" */
  char birth_date[DATE_ISO_LEN];     /* ISO */
  char sex[8];                       /* "male" or "female" */
  char ethnicity[64];                /* "Kinh", "H'Mông" ... or "" */
  char national_id[16];              /* 12 digits, or "" when unknown */
  char unit_tree[12];                /* residence unit: tree ... */
  char unit_code[8];                 /* ... and code */
  char unit_name[PERSON_NAME_MAX];   /* read back: "xã Gia Phú" */
  char address[PERSON_TEXT_MAX];     /* house, street, village */
  char occupation[PERSON_NAME_MAX];  /* as written */
  char occupation_group[16];         /* "", free_labour, construction, student, unemployed,
                                        other */
  long merged_into;                  /* 0, or the record this one was merged into */
  char created_at[24];               /* UTC timestamp */
  char created_by[64];               /* user */
};

struct person_list {
  struct person *items; /* malloc'd; person_list_free */
  size_t n;
};
void person_list_free(struct person_list *l); /* accepts NULL */

/* Check an identity before it is stored: required fields, lengths, UTF-8,
 * date of birth real and not after `today` (ISO), sex and occupation group
 * among the allowed values. Does not touch the store (the national ID's
 * province prefix is checked by person_check_national_id). Accepts "nam" /
 * "nữ" for sex and rewrites them to "male" / "female". ERR_INPUT with a
 * Vietnamese message naming the field. */
int person_validate(struct person *p, const char *today, struct err *err);

/* A national ID is 12 digits whose first three are a CCCD province prefix:
 * "0" + the 2-digit code of a province of the tree until 2025-06-30, as the
 * unit table holds it (001 Hà Nội ... 096 Cà Mau). ERR_INPUT otherwise. */
int person_check_national_id(struct store *st, const char *id, struct err *err);
/* What to add to a refused national ID's message: a hint when a spreadsheet
 * turned it into a number with an exponent ("1,0109E+11"), else "". */
const char *person_national_id_hint(const char *id);

/* ---------------------------------------------------------------------------
 * History
 * ------------------------------------------------------------------------- */

enum person_event_kind {
  PEV_CLASSIFIED,            /* value: suspected | user | addict | psychosis */
  PEV_DETERMINATION,         /* addiction determination: facility, value: addict | not_addict */
  PEV_MANAGEMENT_OPENED,     /* management record opened (the decision date) */
  PEV_MANAGEMENT_CLOSED,     /* management record closed */
  PEV_REHAB_REGISTERED,      /* registered for rehab */
  PEV_REHAB_COMMUNITY_START, /* voluntary rehab at home / in the community */
  PEV_REHAB_COMMUNITY_END,
  PEV_REHAB_FACILITY_START, /* voluntary rehab at a facility: facility */
  PEV_REHAB_FACILITY_END,
  PEV_REHAB_COMPULSORY_START, /* court decision number and date required; facility */
  PEV_REHAB_COMPULSORY_END,
  PEV_OST_START, /* substitution treatment: facility, value: methadone | buprenorphine */
  PEV_OST_STOP,
  PEV_AFTERCARE_START, /* post-rehab management */
  PEV_AFTERCARE_END,
  PEV_RELAPSE,
  PEV_MOVED,            /* moved to another commune: unit = the new residence */
  PEV_MOVE_REPORTED,    /* the move was reported to the commune police */
  PEV_FILE_TRANSFERRED, /* the file was handed to the new commune */
  PEV_REMOVED,          /* removed from the list: note = reason */
  PEV_DIED,
  PEV_VOID, /* voids event ref_event_id: note = reason */
  PEV_COUNT
};

struct person_event {
  long id;        /* row id; 0 before it is stored */
  long person_id; /* the person */
  enum person_event_kind kind;
  char date[DATE_ISO_LEN];          /* ISO */
  char value[32];                   /* see the kinds above, else "" */
  char facility[PERSON_NAME_MAX];   /* health / rehab / OST facility, or "" */
  char decision_no[64];             /* compulsory rehab: court decision number */
  char decision_date[DATE_ISO_LEN]; /* compulsory rehab: court decision date */
  char unit_tree[12];               /* moved: new residence tree ... */
  char unit_code[8];                /* ... and code */
  char from_tree[12];               /* moved: old residence (filled by the store; on */
                                    /* insert optional, see person_add_event_tx) */
  char from_code[8];
  long ref_event_id;          /* void: the event voided */
  char note[PERSON_TEXT_MAX]; /* free text, reason */
  long merged_from;           /* 0, or the record it came from by a merge */
  char recorded_at[24];       /* UTC timestamp */
  char recorded_by[64];       /* user */
};

struct person_event_list {
  struct person_event *items; /* malloc'd, in date order; person_event_list_free */
  size_t n;
};
void person_event_list_free(struct person_event_list *l); /* accepts NULL */

/* Stable code of a kind ("rehab_compulsory_start") and its Vietnamese label. */
const char *person_event_code(enum person_event_kind kind);
const char *person_event_label(enum person_event_kind kind);
/* Parse a kind code; ERR_INPUT listing the codes when unknown. */
int person_event_parse(enum person_event_kind *out, const char *code, struct err *err);

/* Check one event's own fields: the date is real, enumerations, what each
 * kind requires (a court decision for compulsory rehab, a facility and a
 * result for a determination, a unit for a move, a reference for a void).
 * ERR_INPUT with a Vietnamese message. */
int person_event_validate(struct person_event *ev, struct err *err);

/* ---------------------------------------------------------------------------
 * Status, derived
 * ------------------------------------------------------------------------- */

enum person_class { PCLASS_NONE, PCLASS_SUSPECTED, PCLASS_USER, PCLASS_ADDICT, PCLASS_PSYCHOSIS };
enum person_rehab { PREHAB_NONE, PREHAB_COMMUNITY, PREHAB_FACILITY, PREHAB_COMPULSORY };

struct person_status {
  enum person_class cls;    /* last classification (a positive determination: addict) */
  int managed;              /* a management record is open */
  enum person_rehab rehab;  /* the rehab running now */
  int rehab_minor;          /* the running compulsory rehab is for a minor (12-18) */
  int ost;                  /* in substitution treatment */
  int aftercare;            /* under post-rehab management */
  int removed;              /* removed from the list (until classified again) */
  int died;                 /* dead */
  int rehab_count;          /* rehab episodes started, all kinds */
  int compulsory_count;     /* compulsory rehab episodes started */
  int relapses;             /* relapses recorded */
  char since[DATE_ISO_LEN]; /* date of the last event that counted, or "" */
};

/* Walk `n` events (any order: sorted here by date, then id, ids 0 last) of a
 * person born on `birth_date`, checking each against what came before, and
 * set *out to the status after the last one. `today` (ISO) bounds dates.
 * Returns ERR_INPUT with a message naming the first event the law or the
 * calendar does not allow. */
int person_replay(struct person_status *out, const char *birth_date,
                  const struct person_event *events, size_t n, const char *today, struct err *err);

/* The one-word status for lists and the --status filter: "died", "removed",
 * "rehab_compulsory", "rehab_voluntary_facility", "rehab_voluntary_community",
 * "ost", "aftercare", "managed", then the classification ("addict", "user",
 * "suspected", "psychosis") or "none". */
const char *person_status_code(const struct person_status *s);
/* Vietnamese wording of the same: "đang cai nghiện bắt buộc", "người nghiện" ... */
const char *person_status_label(const struct person_status *s);
/* 1 when `code` describes the person now: the primary code above, or the
 * classification, or a state that holds alongside ("managed", "ost",
 * "aftercare"). A removed or dead person matches only "removed" / "died". */
int person_status_matches(const struct person_status *s, const char *code);
/* 1 when `code` is a status code person_status_matches knows. */
int person_status_code_valid(const char *code);

/* ---------------------------------------------------------------------------
 * Legal clocks
 * ------------------------------------------------------------------------- */

struct person_clock {
  char code[32];                 /* rule code: user_management, rehab_registration, rehab,
                                    aftercare, move_report, file_handover */
  char condition[32];            /* the rule variant used */
  char start[DATE_ISO_LEN];      /* the day it started */
  char end[DATE_ISO_LEN];        /* the day it ends */
  long event_id;                 /* the event that started it */
  const struct legal_rule *rule; /* the version in force on `start` (borrowed from the set) */
};

struct person_clock_list {
  struct person_clock *items; /* malloc'd; person_clock_list_free */
  size_t n;
};
void person_clock_list_free(struct person_clock_list *l); /* accepts NULL */

/* Vietnamese name of a clock code ("thời hạn quản lý người sử dụng"). */
const char *person_clock_label(const char *code);

/* The clocks running after the history (a valid one: run person_replay
 * first), each by the rule version in force on its start day; a clock whose
 * rule was not in force then (move_report before 2026-07-01) is not started.
 * Stopped clocks are left out. Ordered by end date. */
int person_clocks(struct person_clock_list *out, const char *birth_date,
                  const struct person_event *events, size_t n, const struct legal_rule_set *rules,
                  struct err *err);

/* Whole years of age on ISO date `on` of a person born on `birth_date`. */
int person_age_on(const char *birth_date, const char *on);

/* ---------------------------------------------------------------------------
 * Keys for search and order
 * ------------------------------------------------------------------------- */

#define PERSON_MAX_SEARCH_KEYS 48

/* What a person row is found and ordered by: the folded name, the collation
 * key of the name given-name first (Vietnamese order), and every word-boundary
 * suffix of the folded full and other names. Whoever writes a person row
 * (create, import, generator) makes them here, so search finds every row. */
struct person_keys {
  char *name_key;
  unsigned char *sort_key;
  size_t sort_key_len;
  char *search[PERSON_MAX_SEARCH_KEYS];
  size_t n_search;
};
int person_keys_make(struct person_keys *k, const struct person *p, struct err *err);
void person_keys_free(struct person_keys *k); /* accepts NULL */
struct store_person_keys;
/* A view of k for the store (borrows k's strings). */
struct store_person_keys person_keys_store(const struct person_keys *k);

/* ---------------------------------------------------------------------------
 * Operations (store + audit, each in its own transaction)
 * ------------------------------------------------------------------------- */

/* Create a person (validated, national ID checked, residence inside the
 * caller's scope) and flag possible duplicates; audited "person.create".
 * On success p->id is set. ERR_CONFLICT when the national ID is taken. */
int person_create(struct store *st, const struct scope *sc, struct person *p, const char *today,
                  struct err *err);
/* The same inside the caller's write transaction (an import writes many
 * records in one): nothing is committed or rolled back here. */
int person_create_tx(struct store *st, const struct scope *sc, struct person *p, const char *today,
                     struct err *err);
/* Create a person with a first history (an import's classification): the
 * events are validated and replayed in memory, written with the person and
 * audited with it in one row. Moves and voids cannot open a history. */
int person_create_with_history_tx(struct store *st, const struct scope *sc, struct person *p,
                                  struct person_event *events, size_t n, const char *today,
                                  struct err *err);

/* Append an event to person `ev->person_id` after replaying the whole history
 * with it. A move, or a void, sets the residence to the one the history gives
 * now (person_sync_residence_tx: voiding a move puts the person back), which
 * may lie outside the caller's scope. A move may name the commune it leaves
 * (ev->from_tree / from_code): it must be where the person lives now, or,
 * for the person's first move ending where they live now, it becomes where
 * they lived before it (a re-imported register). Audited "person.event". On
 * success ev->id is set. ERR_NOT_FOUND when the person is not visible to the
 * caller; ERR_INPUT when the law or calendar refuses it. */
int person_add_event(struct store *st, const struct scope *sc, struct person_event *ev,
                     const char *today, struct err *err);
/* The same inside the caller's write transaction. */
int person_add_event_tx(struct store *st, const struct scope *sc, struct person_event *ev,
                        const char *today, struct err *err);

/* One person's full record, as `pcmt person show` prints it. */
struct person_record {
  struct person person;
  struct person_event_list events; /* all events, voided ones included, in date order */
  struct person_status status;
  struct person_clock_list clocks;
};
void person_record_free(struct person_record *r); /* accepts NULL */

/* Read one record (audited "person.read" in its own transaction) and derive
 * status and clocks by `rules` at `today`. ERR_NOT_FOUND when the person does
 * not exist or lies outside the caller's territory: the caller cannot tell. */
int person_read(struct person_record *out, struct store *st, const struct scope *sc, long id,
                const struct legal_rule_set *rules, const char *today, struct err *err);

struct person_hit {
  struct person person;
  struct person_status status;
};
struct person_hit_list {
  struct person_hit *items; /* malloc'd; person_hit_list_free */
  size_t n;
};
void person_hit_list_free(struct person_hit_list *l); /* accepts NULL */

/* Search the caller's territory. `text`: a name (case and diacritics ignored;
 * matched as a phrase starting at any word: "van dung" finds "Nguyễn Văn
 * Dũng"; words out of order still match when the phrase finds nothing) or a
 * 12-digit national ID; NULL or "" lists everyone. `status`: NULL or a code
 * person_status_matches knows. At most `limit` hits (0 = 100), in Vietnamese
 * name order (given name first). One audit row "person.search". */
int person_search(struct person_hit_list *out, struct store *st, const struct scope *sc,
                  const char *text, const char *status, size_t limit, struct err *err);

/* One running clock of one person, for the to-do list. */
struct person_due {
  long person_id;
  char full_name[PERSON_NAME_MAX];
  char unit_tree[12], unit_code[8];
  struct person_clock clock;
  long days_left; /* end - today; negative when overdue */
  int moved_out;  /* 1: lives outside the caller's territory now (unit_* is the new residence);
                     listed for the file the old commune still has to hand over */
};
struct person_due_list {
  struct person_due *items; /* malloc'd, by end date; person_due_list_free */
  size_t n;
};
void person_due_list_free(struct person_due_list *l); /* accepts NULL */

/* Running clocks of the people in the caller's territory that end within
 * `within` days of `today` or are overdue, and the file handovers the
 * territory owes for people who moved out of it (moved_out = 1: only that
 * clock and the person's name and new residence). One audit row "person.due". */
int person_due(struct person_due_list *out, struct store *st, const struct scope *sc,
               const struct legal_rule_set *rules, const char *today, int within, struct err *err);

struct person_dup {
  struct person a, b; /* a.id < b.id */
  char status[12];    /* open, dismissed, merged */
  char flagged_at[24];
};
struct person_dup_list {
  struct person_dup *items; /* malloc'd; person_dup_list_free */
  size_t n;
};
void person_dup_list_free(struct person_dup_list *l); /* accepts NULL */

/* Open duplicate pairs with both people inside the caller's territory.
 * One audit row "person.duplicates". */
int person_duplicates(struct person_dup_list *out, struct store *st, const struct scope *sc,
                      struct err *err);

/* Merge record `b` into `a`: b's events move to a (their dates kept, their
 * origin noted), a's empty identity fields are filled from b, b's name joins
 * a's other names, b is marked merged and disappears from searches. The
 * merged history must replay (void a conflicting event first); a's residence
 * then follows the merged moves (person_sync_residence_tx). Audited
 * "person.merge" on both records. */
int person_merge(struct store *st, const struct scope *sc, long a, long b, const char *today,
                 struct err *err);

/* Mark a flagged pair as not the same person; it is not flagged again.
 * ERR_NOT_FOUND when the pair is not flagged. Audited "person.dismiss". */
int person_dismiss(struct store *st, const struct scope *sc, long a, long b, struct err *err);

#endif
