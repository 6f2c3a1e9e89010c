/* app_classify.h: the yearly classification of communes as complex drug areas (`pcmt classify`).
 *
 * The figures are aggregates of the registers (indicator_compute: any role
 * may read them, nothing personal leaves) and the residents entered per unit
 * and year; the rules are the rule set in force on the year's last day
 * (domain/classify.h, docs/classification.md). */
#ifndef PCMT_APP_APP_CLASSIFY_H
#define PCMT_APP_APP_CLASSIFY_H

#include <stddef.h>

#include "base/err.h"
#include "domain/classify.h"
#include "types/scope.h"
#include "types/unit.h"

struct store;

/* Classify every commune of unit tree/code (NULL code: the caller's
 * territory; a commune: that commune alone) for `year`, and the province
 * itself when the unit is one. ERR_DENIED for a unit outside the caller's
 * territory; ERR_INPUT for a year before 2010 or after the current one;
 * ERR_NOT_FOUND when no rule set was in force on the year's last day. */
int app_classify_run(struct classify_report *out, struct store *st, const struct scope *caller,
                     const char *tree, const char *code, int year, struct err *err);

/* Enter legal thresholds into a classification rule set from its official
 * text (a threshold the stored copy lacked, or a correction): criterion
 * `criterion` of class `cls` ("type1", "type2", "type3") at `level`
 * ("commune", "province") of rule set `rule_set` ("qd28_2025"), with the
 * text as `c->source`; audited "classify.rule" with the values before and
 * after. A national administrator only (ERR_DENIED): the rules are the
 * country's. ERR_INPUT for a negative value, a count of criteria outside
 * 1..6, nothing to change or no source; ERR_NOT_FOUND for a criterion the
 * set lacks. The classification uses the values at once. */
int app_classify_rule(struct store *st, const struct scope *caller, const char *rule_set,
                      const char *level, const char *cls, const char *criterion,
                      const struct class_rule_change *c, struct err *err);

/* Record the residents of unit tree/code in `year` with their source (a
 * census, the commune police's residence statistics ...), audited
 * "classify.residents". An administrator or an officer (ERR_DENIED
 * otherwise); ERR_INPUT for a number that is not 1..100,000,000, an empty
 * source or a bad year. */
int app_classify_residents(struct store *st, const struct scope *caller, const char *tree,
                           const char *code, int year, long residents, const char *source,
                           struct err *err);

/* ---- drug-free communes ---------------------------------------------------- */

/* The commune's self-assessment for `year` ("drugfree.submit"): an
 * administrator or an officer whose territory holds the commune; a refused
 * assessment may be submitted again. ERR_INPUT for a unit that is no
 * commune or an empty text; ERR_CONFLICT when one is waiting or recognised. */
int app_drugfree_submit(struct store *st, const struct scope *caller, const char *tree,
                        const char *code, int year, const char *text, struct err *err);

/* The province's decision on a submitted assessment: recognised (1) or
 * refused (0), with the decision's text ("Quyết định số 12/QĐ-UBND ngày
 * ..."), audited "drugfree.recognise" / "drugfree.refuse". Only an
 * administrator or officer of a province (or national) territory
 * (ERR_DENIED otherwise); ERR_NOT_FOUND when nothing waits. */
int app_drugfree_decide(struct store *st, const struct scope *caller, const char *tree,
                        const char *code, int year, int recognise, const char *decision,
                        struct err *err);

/* Carry the recognition for `year` of pre-2025 commune from_code to its
 * successor to_code by an explicit decision ("drugfree.carry"): never done
 * by the succession alone. ERR_INPUT when to_code is not a successor of
 * from_code; ERR_NOT_FOUND when from_code was not recognised that year;
 * roles as app_drugfree_decide. */
int app_drugfree_carry(struct store *st, const struct scope *caller, const char *from_code,
                       const char *to_code, int year, const char *decision, struct err *err);

/* The communes of unit tree/code (NULL: the caller's territory) with their
 * assessment of `year`, those recognised the year before and not assessed
 * again, the recognised share and, for a province, its roadmap. Any role:
 * the assessments hold no personal data. */
int app_drugfree_list(struct drugfree_report *out, struct store *st, const struct scope *caller,
                      const char *tree, const char *code, int year, struct err *err);

/* A province's registered share of drug-free communes for `year`
 * ("drugfree.roadmap"), 0-100 %, with its source; roles as
 * app_drugfree_decide, and the unit must be a province. */
int app_drugfree_roadmap(struct store *st, const struct scope *caller, const char *tree,
                         const char *code, int year, double share_pct, const char *source,
                         struct err *err);

#endif
