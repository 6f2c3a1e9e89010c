/* target_bind.h: which indicator a target's wording asks to be measured by.
 *
 * Plans state targets in a regular administrative vocabulary: "phát hiện,
 * bắt giữ ... vụ", "người nghiện ... được tư vấn, điều trị", "có hồ sơ
 * quản lý", "không để hình thành mới điểm, tụ điểm", "không để tái trồng
 * cây có chứa chất ma túy", "ít nhất 10 buổi tuyên truyền". A table of
 * such wordings (target_bind.c, documented in docs/monitoring.md) proposes
 * one indicator of the catalogue, or "manual" (a value entered by hand)
 * when the wording names something no register or indicator counts. A
 * person confirms or changes the proposal (`pcmt plan bind`). The rules
 * read words, never a particular plan: each is a subject (words of the
 * clause that carries the target's figure, or its counted noun) and a
 * predicate (words anywhere in the target's sentence). Pure: no database. */
#ifndef PCMT_DOMAIN_TARGET_BIND_H
#define PCMT_DOMAIN_TARGET_BIND_H

#include "base/err.h"
#include "types/plan.h"

/* What a target is proposed to be bound to. */
struct target_bind_proposal {
  const char *indicator; /* catalogue code; NULL: manual */
  const char *rule;      /* the name of the rule that matched; NULL: none did */
  int per_quota;         /* 1: measured per quota (the target has quotas) */
};

/* A target's proposal beside the binding it has: what `plan bind
 * --propose` lists. */
struct target_proposal {
  long target_id;           /* the target */
  int ord;                  /* its place, from 1 */
  char text[512];           /* its words (cut on a character boundary) */
  const char *indicator;    /* proposed: a catalogue code; NULL: manual */
  const char *rule;         /* the wording rule that matched; NULL: none */
  const char *scope;        /* proposed: "quota" or "plan" */
  int bound;                /* 1: bound already ... */
  char bound_indicator[48]; /* ... to this code ("" manual) */
  char bound_scope[8];      /* ... over this scope */
};

/* The proposal for target t into *out. ERR_NOMEM only. */
int target_bind_propose(struct target_bind_proposal *out, const struct plan_target *t,
                        struct err *err);

/* A ratio target measured by a flow ("triệt xóa 100% điểm bán lẻ") takes
 * the flow over the period as a share of a stock on the day before the
 * period starts: the stock's code for flow `indicator`, NULL when the
 * flow has none. */
const char *target_bind_base(const char *indicator);

#endif
