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
 * The pieces at the bottom write inside the caller's transaction (`_tx`) or
 * only read; the user actions that own a transaction, check the caller's
 * role and write the audit rows of reads are the operations layer's
 * (app/app_person.h). The `_tx` writers append the audit row of the change
 * they make themselves, because the register import shares them and each
 * person it creates or changes keeps its own row. */
#ifndef PCMT_DOMAIN_PERSON_H
#define PCMT_DOMAIN_PERSON_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "domain/legal_rule.h"
#include "domain/scope.h"
#include "types/person.h"

struct store;

/* ---------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------- */

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

/* Vietnamese label of a kind ("bắt đầu cai nghiện bắt buộc"). */
const char *person_event_label(enum person_event_kind kind);

/* Check one event's own fields: the date is real, enumerations, what each
 * kind requires (a court decision for compulsory rehab, a facility and a
 * result for a determination, a unit for a move, a reference for a void).
 * ERR_INPUT with a Vietnamese message. */
int person_event_validate(struct person_event *ev, struct err *err);

/* ---------------------------------------------------------------------------
 * Status, derived
 * ------------------------------------------------------------------------- */

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
 * Writers inside the caller's transaction
 * ------------------------------------------------------------------------- */

/* Create a person (validated, national ID checked, residence inside the
 * caller's scope) and flag possible duplicates; audited "person.create",
 * inside the caller's write transaction (nothing is committed or rolled back
 * here). On success p->id is set. ERR_CONFLICT when the national ID is taken. */
int person_create_tx(struct store *st, const struct scope *sc, struct person *p, const char *today,
                     struct err *err);
/* Create a person with a first history (an import's classification): the
 * events are validated and replayed in memory, written with the person and
 * audited with it in one row. Moves and voids cannot open a history. */
int person_create_with_history_tx(struct store *st, const struct scope *sc, struct person *p,
                                  struct person_event *events, size_t n, const char *today,
                                  struct err *err);

/* Append an event to person `ev->person_id` after replaying the whole history
 * with it, inside the caller's write transaction. A move, or a void, sets the
 * residence to the one the history gives now (person_sync_residence_tx:
 * voiding a move puts the person back), which may lie outside the caller's
 * scope. A move may name the commune it leaves (ev->from_tree / from_code):
 * it must be where the person lives now, or, for the person's first move
 * ending where they live now, it becomes where they lived before it (a
 * re-imported register). Audited "person.event". On success ev->id is set.
 * ERR_NOT_FOUND when the person is not visible to the caller; ERR_INPUT when
 * the law or calendar refuses it. */
int person_add_event_tx(struct store *st, const struct scope *sc, struct person_event *ev,
                        const char *today, struct err *err);

/* Merge record `b` into `a` inside the caller's write transaction: b's
 * events move to a (their dates kept, their origin noted), a's empty
 * identity fields are filled from b, b's name joins a's other names, b is
 * marked merged and disappears from searches. The merged history must replay
 * (ERR_CONFLICT: void a conflicting event first); a's residence then follows
 * the merged moves (person_sync_residence_tx). Both must be visible to the
 * caller (else ERR_NOT_FOUND). No audit row: the operation writes them. */
int person_merge_tx(struct store *st, const struct scope *sc, long a, long b, const char *today,
                    struct err *err);

/* ---------------------------------------------------------------------------
 * Reading: a record, a search, the due list
 * ------------------------------------------------------------------------- */

/* The stamp of a record's editable fields in hex, with its NUL
 * (domain/person_edit.h). */
#define PERSON_STAMP_LEN 65

/* One person's full record, as `pcmt person show` prints it. */
struct person_record {
  struct person person;
  char version[PERSON_STAMP_LEN];  /* the stamp an edit must name (person_stamp), or "" */
  struct person_event_list events; /* all events, voided ones included, in date order */
  struct person_status status;
  struct person_clock_list clocks;
  struct person_link_list links; /* cases, places, networks of the reader's territory */
  unsigned hidden; /* health fields not shown to the reader, bits of 1 << enum person_field
                      (domain/person_access.h); 0: the whole record */
};
void person_record_free(struct person_record *r); /* accepts NULL */

/* Derive r->status and r->clocks (by `rules`; NULL: no clocks) from the
 * identity and events read into r. ERR_INTERNAL when the stored history
 * does not replay (never written so). */
int person_record_derive(struct person_record *r, const struct legal_rule_set *rules,
                         struct err *err);

struct person_hit {
  struct person person;
  struct person_status status;
};
struct person_hit_list {
  struct person_hit *items; /* malloc'd; person_hit_list_free */
  size_t n;
};
void person_hit_list_free(struct person_hit_list *l); /* accepts NULL */

/* Search the caller's territory (no audit row: the operation writes it).
 * `text`: a name (case and diacritics ignored; matched as a phrase starting
 * at any word: "van dung" finds "Nguyễn Văn Dũng"; words out of order still
 * match when the phrase finds nothing) or a 12-digit national ID; NULL or ""
 * lists everyone. `status`: NULL or a status person_status_matches knows, by
 * its code or its Vietnamese label ("nghiện", types/label.h). At most
 * `limit` hits (0 = 100), in Vietnamese name order (given name first). */
int person_find(struct person_hit_list *out, struct store *st, const struct scope *sc,
                const char *text, const char *status, size_t limit, struct err *err);

/* One running clock of one person, for the to-do list. */
struct person_due {
  long person_id;
  char full_name[PERSON_NAME_MAX];
  char unit_tree[12], unit_code[8];
  char unit_name[PERSON_NAME_MAX]; /* "phường Sa Pa"; filled by the operation (app_person_due) */
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
 * clock and the person's name and new residence). No audit row. */
int person_due_find(struct person_due_list *out, struct store *st, const struct scope *sc,
                    const struct legal_rule_set *rules, const char *today, int within,
                    struct err *err);

#endif
