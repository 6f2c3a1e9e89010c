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

/* Record the residents of unit tree/code in `year` with their source (a
 * census, the commune police's residence statistics ...), audited
 * "classify.residents". An administrator or an officer (ERR_DENIED
 * otherwise); ERR_INPUT for a number that is not 1..100,000,000, an empty
 * source or a bad year. */
int app_classify_residents(struct store *st, const struct scope *caller, const char *tree,
                           const char *code, int year, long residents, const char *source,
                           struct err *err);

#endif
