/* types/person.h: a person of the people register, the events of their history,
 * the status derived from it and the bits the indicators count, as the store
 * fills them.
 *
 * The rules — validation, the history walk, clocks, keys — are
 * domain/person.h. The span and flow bits below are the one spelling of what
 * a person counts as (person_span.flags) and which flows an event is
 * (person_flow.kinds), shared by the derivation, the store's counting SQL and
 * the tests. */
#ifndef PCMT_TYPES_PERSON_H
#define PCMT_TYPES_PERSON_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

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

/* ---------------------------------------------------------------------------
 * History
 * ------------------------------------------------------------------------- */

/* In this order in the label table (LABEL_EVENT_KIND). */
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

/* Stable code of a kind ("rehab_compulsory_start"). */
const char *person_event_code(enum person_event_kind kind);
/* Parse a kind: its code or its Vietnamese label (types/label.h); ERR_INPUT
 * listing the kinds when unknown. */
int person_event_parse(enum person_event_kind *out, const char *code, struct err *err);

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

/* ---------------------------------------------------------------------------
 * What the indicators count: bits of person_span.flags and person_flow.kinds
 * ------------------------------------------------------------------------- */

/* What a person counts as during a span (person_span.flags). The store's
 * people counts add one per bit in this order (ind_people_row's stocks). */
enum person_span_flag {
  PSPAN_USER = 1 << 0,           /* a user on the list */
  PSPAN_ADDICT = 1 << 1,         /* an addict on the list */
  PSPAN_IN_LIST = 1 << 2,        /* on the drug list at all (user, addict, psychosis) */
  PSPAN_USER_MANAGED = 1 << 3,   /* a user with an open management record */
  PSPAN_OST = 1 << 4,            /* in substitution treatment */
  PSPAN_AFTERCARE = 1 << 5,      /* under post-rehab management */
  PSPAN_ADDICT_TREATED = 1 << 6, /* an addict in rehab or treatment */
  PSPAN_COUNT_BITS = 7
};
/* The SQL text of PSPAN_IN_LIST, for a condition written in a statement. */
#define PSPAN_IN_LIST_SQL "4"
_Static_assert(PSPAN_IN_LIST == 4, "PSPAN_IN_LIST_SQL spells PSPAN_IN_LIST");

/* Which flows an event is (person_flow.kinds), in ind_people_row's order. */
enum person_flow_kind {
  PFLOW_CLASSIFIED = 1 << 0,
  PFLOW_DETERMINATION = 1 << 1, /* a positive addiction determination */
  PFLOW_REHAB_COMPULSORY = 1 << 2,
  PFLOW_REHAB_VOLUNTARY = 1 << 3,
  PFLOW_OST_STARTED = 1 << 4,
  PFLOW_OST_STOPPED = 1 << 5,
  PFLOW_REMOVED = 1 << 6,
  PFLOW_RELAPSE = 1 << 7,
  PFLOW_DIED = 1 << 8,
  PFLOW_COUNT_BITS = 9
};

/* ---------------------------------------------------------------------------
 * Links to the other registers
 * ------------------------------------------------------------------------- */

/* A case the person is in, a place whose person they are, or a network they
 * are a member of, as a person's record lists them. */
struct person_link {
  char kind[12];                   /* "case", "place" or "network" */
  long id;                         /* the case, place or network */
  char record_no[64];              /* its record number */
  char date[DATE_ISO_LEN];         /* detected (case), found (place, network) */
  char role[32];                   /* case: the person's role; place: its kind; network: role */
  char since[DATE_ISO_LEN];        /* case: the person's arrest date, else "" */
  char name[PERSON_NAME_MAX];      /* place, network: its name; case: its offences */
  char unit_tree[12];              /* the unit that keeps it: tree ... */
  char unit_code[8];               /* ... and code */
  char unit_name[PERSON_NAME_MAX]; /* filled by the operation ("phường Sa Pa") */
};
struct person_link_list {
  struct person_link *items; /* malloc'd, cases, places, networks, each by date; */
  size_t n;                  /* person_link_list_free */
};
void person_link_list_free(struct person_link_list *l); /* accepts NULL */

/* ---------------------------------------------------------------------------
 * Possible duplicates
 * ------------------------------------------------------------------------- */

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

#endif
