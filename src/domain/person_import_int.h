/* person_import_int.h: what the people import shares with its bulk path (domain only). */
#ifndef PCMT_DOMAIN_PERSON_IMPORT_INT_H
#define PCMT_DOMAIN_PERSON_IMPORT_INT_H

#include "base/buf.h"
#include "domain/person.h"
#include "domain/register.h"

/* Columns of the people register, in spec order. */
enum {
  P_NID,
  P_NAME,
  P_OTHER,
  P_DOB,
  P_SEX,
  P_ETHNIC,
  P_UNIT,
  P_TREE,
  P_ADDRESS,
  P_OCCUPATION,
  P_GROUP,
  P_CLASS,
  P_CLASS_ON,
  P_STATUS
};

/* The identity a parsed people row describes (residence from the unit cell). */
void person_import_fill(struct person *p, const struct reg_row *row);

/* A new person's history from the row: its classification as the first
 * event (returns 1), or nothing (0). */
size_t person_import_first_event(struct person_event *first, const struct reg_row *row);

/* Turn a domain error into a problem of the row (ERR_INPUT) or pass it on. */
int person_import_problem(struct buf *problems, int rc, const struct err *e, struct err *err);

/* The row-by-row import of one people row (the path every row took before
 * the bulk path): parse, find again, create or update, audit. Runs inside
 * the caller's transaction; the caller wraps it in a savepoint. A national
 * ID held by a record outside the caller's territory refuses the row with a
 * reason that does not say so, and *outside is that record (for the
 * import's audit row; else 0). */
int person_import_row(enum reg_outcome *out, long *outside, struct store *st,
                      const struct scope *sc, const struct reg_spec *spec, const char *const *raw,
                      const char *today, struct buf *problems, struct err *err);

/* A parsed and validated people row whose person is on record as `id`:
 * update the identity where it differs, add the classification when it is
 * new; *out says which. A row found by national ID whose name (by its key)
 * or birth date is not the record's is refused (ERR_INPUT, a problem naming
 * both): an import never renames or re-dates a person; the name's spelling
 * is the row's only when it corrects the marks (not when it differs in case
 * or spacing only, or has fewer marked letters). When the row's national ID
 * was a merged record's (`id` is then the record it went into), only a new
 * classification is added, the row naming the kept record by its name or
 * one of its other names: the kept record's identity and residence are its
 * own row's. Runs inside the caller's transaction; the caller wraps it in a
 * savepoint. p is the row's identity (person_import_fill). */
int person_import_found(enum reg_outcome *out, struct store *st, const struct scope *sc,
                        const struct reg_row *row, struct person *p, long id, const char *today,
                        struct buf *problems, struct err *err);

#endif
