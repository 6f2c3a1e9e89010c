/* app_person.h: the people register's user actions (`pcmt person`, the web's people pages).
 *
 * Each function is one action of app.h's contract: the caller's role is
 * checked first (an administrator or an officer; a member agency or a
 * leader sees aggregates only: ERR_DENIED), the territory by the store's
 * SQL (a person outside it is ERR_NOT_FOUND, exactly as one that does not
 * exist), the action runs in its own transaction and writes its audit rows
 * in it; what it reads of people is handed back only after that row is
 * committed. A caller narrowed to a unit (app_caller_narrow, "--unit X")
 * acts inside that unit only.
 *
 * Audit actions: person.create, person.event, person.read (and
 * person.read_refused for a look-up of someone not found), person.search,
 * person.due, person.duplicates, person.merge (one row on each record),
 * person.dismiss. The rules themselves (validation, the history walk,
 * clocks) are domain/person.h. */
#ifndef PCMT_APP_APP_PERSON_H
#define PCMT_APP_APP_PERSON_H

#include <stddef.h>

#include "base/err.h"
#include "domain/legal_rule.h"
#include "domain/person.h"
#include "types/scope.h"

struct store;

/* Create person *p (validated and normalised in place: dates to ISO, "nữ"
 * to "female"), living in p->unit_tree/unit_code, which must lie inside the
 * caller's territory (ERR_DENIED otherwise); possible duplicates are
 * flagged. *id (and p->id) the new record. ERR_INPUT naming the field,
 * ERR_CONFLICT when the national ID is taken, ERR_NOT_FOUND for an unknown
 * unit. `today` (ISO) bounds the birth date. */
int app_person_add(long *id, struct store *st, const struct scope *caller, struct person *p,
                   const char *today, struct err *err);

/* The inputs of a person's identity, for the errors of a form, one per
 * field (app_person_add_form). */
enum app_person_input {
  APP_PIN_NAME,
  APP_PIN_OTHER_NAMES,
  APP_PIN_BIRTH_DATE,
  APP_PIN_SEX,
  APP_PIN_ETHNICITY,
  APP_PIN_NATIONAL_ID,
  APP_PIN_UNIT,
  APP_PIN_ADDRESS,
  APP_PIN_OCCUPATION,
  APP_PIN_OCCUPATION_GROUP,
  APP_PIN_COUNT
};

/* The bit of input f in a set of inputs. */
#define APP_PIN_BIT(f) (1u << (f))
#define APP_PIN_ALL    ((1u << APP_PIN_COUNT) - 1)

struct app_person_errors {
  int n;                                /* fields with an error */
  char msg[APP_PIN_COUNT][ERR_MSG_MAX]; /* each field's message, "" when none */
};

/* app_person_add for a form: every field of *p is checked on its own
 * (person_validate, one field at a time), so that each wrong field gets its
 * own message in out_errs; then the record is created as app_person_add
 * does. A national ID taken is the national ID's error, a unit unknown or
 * outside the territory the unit's. ERR_INPUT when any field is wrong (err
 * names the first), other errors as app_person_add. */
int app_person_add_form(long *id, struct app_person_errors *out_errs, struct store *st,
                        const struct scope *caller, struct person *p, const char *today,
                        struct err *err);

/* Correct the identity of person p->id (domain/person_edit.h): the fields
 * the add form takes but the residence, which follows the history (a move
 * event). `given` the inputs *p carries (APP_PIN_BIT; APP_PIN_ALL: a whole
 * form); the others are taken from the stored record. Each field is then
 * checked on its own, exactly as app_person_add_form does, with one message
 * per field in out_errs (the residence is kept as stored). `version` is the stamp
 * of the record the form was made from (person_record.version): ERR_CONFLICT
 * when the record has changed since, or was merged; ERR_NOT_FOUND when the
 * person is not visible to the caller, exactly as a missing id. A national
 * ID taken by another record is the national ID's error (ERR_INPUT). One
 * transaction: the row, its search keys and keyed digest, the audit row
 * "person.update" naming the changed fields (never their values). *changed
 * the number of fields changed (0: nothing written); out_version (NULL: not
 * wanted; PERSON_STAMP_LEN bytes) the record's version after the edit, ""
 * on an error. */
int app_person_update_form(int *changed, char *out_version, struct app_person_errors *out_errs,
                           struct store *st, const struct scope *caller, struct person *p,
                           unsigned given, const char *version, const char *today, struct err *err);

/* Append event *ev to person ev->person_id (see person_add_event_tx: the
 * whole history must replay with it); *id (and ev->id) the new event. */
int app_person_event(long *id, struct store *st, const struct scope *caller,
                     struct person_event *ev, const char *today, struct err *err);

/* The legal rules (time limits by date of the law) the clocks of show and
 * due count by, loaded once per session into *out (legal_rule_set_free).
 * Public law, no personal data: no scope, no audit row. */
int app_person_rules(struct legal_rule_set *out, struct store *st, struct err *err);

/* Person `id`'s record: identity, every event, the status and the running
 * clocks by `rules` (NULL: none), without the health fields the caller's
 * role is not shown (domain/person_access.h; out->hidden says which). A look-up of a person not
 * found is audited too ("person.read_refused": who tried to see whom) and answered ERR_NOT_FOUND,
 * nothing of the record coming back. */
int app_person_show(struct person_record *out, struct store *st, const struct scope *caller,
                    long id, const struct legal_rule_set *rules, struct err *err);

/* Search the caller's territory (person_find: a name or a national ID,
 * `status` by code or label, at most `limit` hits, 0 = 100); each hit's
 * person.unit_name is filled ("phường Sa Pa"), its status without the
 * health fields the role is not shown (person_status_redact). A status
 * filter on such a field ("ost", "psychosis") is ERR_DENIED for that role. */
int app_person_search(struct person_hit_list *out, struct store *st, const struct scope *caller,
                      const char *text, const char *status, size_t limit, struct err *err);

/* 1 when the caller's role may not filter a search by status `code`
 * (a health field it is not shown: domain/person_access.h), so that a form
 * does not offer it. */
int app_person_status_hidden(const struct scope *caller, const char *code);

/* The caller's to-do list on `today` (ISO): clocks ending within `within`
 * days or overdue (person_due_find), in end-date order, each with its
 * unit_name. ERR_INPUT for a negative `within` or a bad date. */
int app_person_due(struct person_due_list *out, struct store *st, const struct scope *caller,
                   const struct legal_rule_set *rules, const char *today, int within,
                   struct err *err);

/* Open possible-duplicate pairs with both people inside the caller's
 * territory, by a then b; each person's unit_name filled. */
int app_person_duplicates(struct person_dup_list *out, struct store *st, const struct scope *caller,
                          struct err *err);

/* Merge record b into a (person_merge_tx): both must be visible to the
 * caller. The pair, when flagged, is closed as merged. */
int app_person_merge(struct store *st, const struct scope *caller, long a, long b,
                     const char *today, struct err *err);

/* Record that the flagged pair {a, b} is two people: it is not flagged
 * again. ERR_NOT_FOUND when no such open pair is visible to the caller. */
int app_person_dismiss(struct store *st, const struct scope *caller, long a, long b,
                       struct err *err);

#endif
