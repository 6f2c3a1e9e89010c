/* types/plan.h: a plan (kế hoạch) as an in-memory data model.
 *
 * A plan is what the plan reader (src/ingest/plan_read.h) extracts from a
 * document and what the store will save: identity (number, title, issuer,
 * date, territory), kind and period, the documents it implements (bases),
 * campaign phases, targets with per-unit quotas, tasks with lead and
 * coordinating agencies, and the reporting schedule. It is plain data:
 * every string is a malloc'd NUL-terminated UTF-8 copy owned by the plan
 * (NULL = unknown), every array is owned by the plan with its length beside
 * it, and a date with y == 0 is unknown. plan_free() releases everything. */
#ifndef PCMT_TYPES_PLAN_H
#define PCMT_TYPES_PLAN_H

#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

enum plan_kind {
  PLAN_KIND_UNKNOWN = 0, /* not decided; JSON null */
  PLAN_ANNUAL,           /* one calendar year */
  PLAN_MULTI_YEAR,       /* several years (2021-2025) */
  PLAN_CAMPAIGN,         /* a peak campaign (đợt cao điểm), usually with phases */
  PLAN_THEMATIC          /* a topic without a calendar frame */
};

enum target_kind {
  TARGET_OTHER = 0,     /* recognised as a target, not classified */
  TARGET_COUNT_MIN,     /* at least N */
  TARGET_COUNT_MAX,     /* at most N */
  TARGET_ZERO,          /* none allowed ("không để ...") */
  TARGET_RATIO_MIN,     /* at least p% of a base */
  TARGET_GROWTH_MIN,    /* rise of at least p% over an earlier period */
  TARGET_GROWTH_MAX,    /* rise of at most p% */
  TARGET_REDUCTION_MIN, /* fall of at least p% */
};

enum task_cadence {
  CADENCE_NONE = 0, /* not stated; JSON null */
  CADENCE_ONGOING,  /* "thường xuyên" */
  CADENCE_CAMPAIGN, /* "trong cao điểm", "trong đợt" */
  CADENCE_ONCE      /* a single deadline */
};

enum report_recurs {
  RECURS_NONE = 0, /* once, at due_on */
  RECURS_YEARLY    /* every year of a multi-year plan; due_on is the first */
};

struct plan_basis {
  long id;          /* store id, 0 when not stored */
  char *text;       /* "Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị" */
  char *number;     /* "36-CT/TW", or NULL */
  struct date date; /* of the cited document; y == 0 when unknown */
};

struct plan_phase {
  long id;
  char *name;        /* "Giai đoạn 1", "Giai đoạn chuẩn bị" */
  struct date start; /* y == 0 when open ("từ nay") or unknown */
  struct date end;
  char *text; /* the phase's description, or NULL */
};

struct plan_quota {
  char *assignee; /* unit or agency as written, without the trailing colon */
  double value;
};

struct plan_target {
  long id;
  char *text; /* the sentence or clause the target was read from */
  enum target_kind kind;
  double value;  /* meaningful when has_value */
  int has_value; /* 0: value unknown (JSON null) */
  char *unit;    /* "%" or the counted noun ("vụ", "đối tượng"), or NULL */
  char *phase;   /* name of the phase it belongs to, or NULL (whole plan) */
  struct plan_quota *quotas;
  size_t n_quotas;
};

struct plan_four_clear {
  int who;            /* a lead agency is named */
  int what;           /* the text states a concrete action */
  int responsibility; /* a specific lead, distinct from the coordinators */
  int when;           /* the task's own deadline, cadence or phase */
};

struct plan_task {
  long id;
  char *section; /* "II.4", "IV.3.1", or NULL */
  char *text;
  char **lead; /* lead agencies as written, one per element */
  size_t n_lead;
  char **support; /* coordinating agencies as written */
  size_t n_support;
  struct date due_on; /* y == 0 when none */
  enum task_cadence cadence;
  int then_ongoing; /* done once by due_on, then kept up ("sau đó duy trì thường xuyên") */
  char *phase;      /* name of the phase it belongs to, or NULL */
  struct plan_four_clear four_clear;
};

struct plan_report {
  long id;
  char *name;         /* as written: "Quý I", "sơ kết 6 tháng" */
  struct date due_on; /* y == 0 when unknown */
  enum report_recurs recurs;
  char *recipient; /* "Ban Chỉ đạo 138 huyện", or NULL */
};

struct plan {
  long id;      /* store id, 0 for a plan just read */
  char *number; /* "07/KH-BCĐ" */
  char *title;
  char *issuer;          /* "Ban Chỉ đạo 138 huyện Bình Sơn" */
  struct date issued_on; /* y == 0 when unknown */
  char *territory;       /* "huyện Bình Sơn" */
  enum plan_kind kind;
  struct date period_start; /* y == 0 when unknown */
  struct date period_end;

  struct plan_basis *bases;
  size_t n_bases;
  struct plan_phase *phases;
  size_t n_phases;
  struct plan_target *targets;
  size_t n_targets;
  struct plan_task *tasks;
  size_t n_tasks;
  struct plan_report *reports;
  size_t n_reports;
};

/* Start an empty plan: every string NULL, every array empty. */
void plan_init(struct plan *p);
/* Free everything the plan owns and leave it as after plan_init. Accepts NULL. */
void plan_free(struct plan *p);

/* Append a zeroed element to one of the plan's arrays and return it through
 * *out (valid until the next add to the same array). ERR_NOMEM on failure,
 * leaving the plan unchanged. */
int plan_add_basis(struct plan *p, struct plan_basis **out, struct err *err);
int plan_add_phase(struct plan *p, struct plan_phase **out, struct err *err);
int plan_add_target(struct plan *p, struct plan_target **out, struct err *err);
int plan_add_task(struct plan *p, struct plan_task **out, struct err *err);
int plan_add_report(struct plan *p, struct plan_report **out, struct err *err);
/* Append a quota with a copy of `assignee`. */
int plan_target_add_quota(struct plan_target *t, const char *assignee, double value,
                          struct err *err);
/* Append a copy of `name` to a string list (a task's lead or support). */
int plan_strv_add(char ***v, size_t *n, const char *name, struct err *err);
/* Free a string list and set it empty. */
void plan_strv_free(char ***v, size_t *n);

/* Contract names: "annual", "multi_year", "campaign", "thematic"; NULL for unknown. */
const char *plan_kind_name(enum plan_kind k);
/* "count_min", "count_max", "zero", "ratio_min", "growth_min", "growth_max",
 * "reduction_min", "other". */
const char *target_kind_name(enum target_kind k);
/* "ongoing", "campaign", "once"; NULL for CADENCE_NONE. */
const char *task_cadence_name(enum task_cadence c);
/* "yearly"; NULL for RECURS_NONE. */
const char *report_recurs_name(enum report_recurs r);

#endif
