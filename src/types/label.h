/* types/label.h: the Vietnamese label of every enumerated value a person reads, in one table.
 *
 * Statuses, event kinds, clocks, target kinds, cadences, plan statuses,
 * agency kinds, indicator names, the registers' categories ...: each value
 * has a stable code (stored, in JSON and CSV keys, on the command line) and
 * one Vietnamese label (screens, reports, exported files). Every output
 * takes the label from here, and every input that names a value (an
 * option, a CSV cell) is read here too: the code, the label or a listed
 * other wording, case and diacritics ignored ("nghiện" finds "addict"). A
 * label is changed in one place. Sets whose values are an enum list them in
 * the enum's order, so an enum value is an index (label_at). */
#ifndef PCMT_TYPES_LABEL_H
#define PCMT_TYPES_LABEL_H

#include <stddef.h>

#include "base/err.h"

struct label {
  const char *code; /* stable code; "" for an enum's "none" value */
  const char *vi;   /* Vietnamese label */
  const char *alt;  /* another wording accepted on input, or NULL */
};

enum label_set {
  LABEL_NONE = 0,      /* no set: a column without a list of values */
  LABEL_EVENT_KIND,    /* person events, in enum person_event_kind order */
  LABEL_PERSON_CLASS,  /* a classification, in enum person_class order */
  LABEL_PERSON_STATUS, /* what a person is now (person_status_code), and what --status filters by */
  LABEL_SEX,           /* sex */
  LABEL_OCCUPATION_GROUP, /* occupation groups the plans single out ("" = none) */
  LABEL_CLOCK,            /* legal clocks (person_clock.code) */
  LABEL_ROLE,             /* roles of a user (enum scope_role order) */
  LABEL_UNIT_TREE,        /* the two unit trees */
  LABEL_PLAN_KIND,        /* kinds of plan, in enum plan_kind order */
  LABEL_PLAN_STATUS,      /* where a plan is in its life */
  LABEL_TARGET_KIND,      /* kinds of target, in enum target_kind order */
  LABEL_CADENCE,          /* when a task is done, in enum task_cadence order */
  LABEL_REPORT_RECURS,    /* how a scheduled report repeats, in enum report_recurs order */
  LABEL_AGENCY_KIND,      /* kinds of agency, in enum agency_kind order */
  LABEL_AGENCY_LEVEL,     /* levels of an agency, in enum agency_level order */
  LABEL_FOUR_CLEAR,       /* the four-clear criteria, in enum plan_defect_kind order */
  LABEL_INDICATOR,        /* the indicator catalogue (domain/indicator.c), by code */
  LABEL_INDICATOR_KIND,   /* kinds of indicator, in enum indicator_kind order */
  LABEL_AGE_GROUP,        /* age groups of the people figures */
  LABEL_CASE_ROLE,        /* a person's role in a case */
  LABEL_SUBSTANCE,        /* seized substances */
  LABEL_MEASURE,          /* units of a seized quantity */
  LABEL_PLACE_KIND,       /* kinds of place */
  LABEL_PLACE_STATUS,     /* statuses of a hotspot or retail point */
  LABEL_NETWORK_KIND,     /* kinds of network */
  LABEL_NETWORK_ROLE,     /* roles in a network */
  LABEL_LICIT_KIND,       /* kinds of licit entity */
  LABEL_ACTIVITY_KIND,    /* kinds of prevention activity */
  LABEL_AUDIENCE,         /* audiences of an activity ("" = not stated) */
  LABEL_FORM,             /* forms of an activity ("" = not stated) */
  LABEL_REG_TYPE,         /* kinds of register column, in enum reg_type order */
  LABEL_AUDIT_ACTION,     /* actions of the audit trail ("person.read" ...) */
  LABEL_UNIT_LEVEL,       /* levels of an administrative unit (province, district, commune) */
  LABEL_SUCCESSION,       /* how a new unit took over an old one (full, partial) */
  LABEL_IND_SPLIT,        /* how indicators are split (--by), in enum ind_split order */
  LABEL_IND_COMPARE,      /* what a period is compared with, in enum app_ind_compare order */
  LABEL_IND_GROUP,        /* indicator groups that are no value of their split's set */
  LABEL_IND_SOURCE,       /* where an indicator's value comes from, enum indicator_source order */
  LABEL_TASK_ROLE,        /* an assignee's part in a task: lead, support */
  LABEL_TASK_STATUS,      /* a task assignee's status, in enum task_state order (the first four
                             are recorded, the last two read at a date: domain/task_follow.h) */
  LABEL_TARGET_STATUS,    /* where a target stands on a date, in enum target_status order
                             (domain/target_eval.h) */
  LABEL_CLASS_TYPE,       /* a commune's class as a complex drug area: "0" none, "1".."3", "-1" */
  LABEL_CLASS_VERDICT,    /* a criterion or class checked, in enum class_verdict order */
  LABEL_CLASS_CRITERION,  /* classification criteria, in enum class_criterion order */
  LABEL_CLASS_UNKNOWN,    /* why a criterion is unknown, in enum class_unknown order */
  LABEL_DRUGFREE_STATUS,  /* a commune's drug-free assessment of a year ("" = none) */
  LABEL_PERIODICITY,      /* how often a report is due, in enum report_periodicity order */
  LABEL_CUTOFF_SOURCE,    /* where a report's data cut-off comes from, enum cutoff_source order */
  LABEL_REPORT_STATUS,    /* where a unit report is in its workflow (docs/reports.md) */
  LABEL_REPORT_OWNER,     /* who owes a report: a unit below, or an agency at the plan's level */
  LABEL_IND_SECTION,      /* sections of the indicator catalogue, in enum ind_section order */
  LABEL_ACCESS_PURPOSE,   /* why a web session reads personal records ("other": free text) */
  LABEL_HEALTH_FIELD,     /* health fields of a person's record, in enum person_field order */
  LABEL_SET_COUNT
};

/* The values of a set, *n their number (0 for LABEL_NONE). Borrowed, static. */
const struct label *label_items(enum label_set set, size_t *n);
/* The label of value `code` of a set; the code itself when the set does not
 * have it (a value stored by another version), "" for NULL. */
const char *label_vi(enum label_set set, const char *code);
/* The label / code of the i-th value of a set (an enum value); "" when out of range. */
const char *label_at(enum label_set set, size_t i);
const char *label_code_at(enum label_set set, size_t i);
/* The index of value `code` in a set, or -1. */
int label_index(enum label_set set, const char *code);

/* The code of the value `text` names, or NULL: its code, its label or its
 * other wording, compared without case, diacritics or punctuation; also the
 * part of a label before "(" or inside it ("MDMA" for "Thuốc lắc (MDMA)") and
 * one comma-separated part ("Học sinh" for "Học sinh, sinh viên"). "" (the
 * empty value) only when the set has it and text is empty. */
const char *label_match(enum label_set set, const char *text);

/* label_match that tells "names no value" (*out NULL, ERR_OK) from "memory
 * ran out" (ERR_NOMEM): for a reader, where the first is a bad cell and the
 * second must stop the import. */
int label_lookup(const char **out, enum label_set set, const char *text, struct err *err);

/* label_match, or ERR_INPUT with a Vietnamese message naming `what` and
 * listing the accepted values ("trạng thái \"x\" không hợp lệ; chọn một
 * trong: addict (Người nghiện ma túy), ..."). */
int label_parse(const char **code, enum label_set set, const char *text, const char *what,
                struct err *err);

#endif
