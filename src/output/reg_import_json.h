/* reg_import_json.h: what an import did with a file, as JSON — the API's
 * answer to an upload (POST /api/v1/imports/{register}, docs/api.md).
 *
 *   register, dry_run, read, added, updated, unchanged, rejected,
 *   rejects: [{line, column, header, reason, problems: [{column, header,
 *   message}]}], notes: [{line, text}], notes_more
 *
 * A reject's reason is the text the CLI prints and the rejects file holds
 * ("Ngày sinh: ...; Mã đơn vị: ..."); `problems` is that reason cut into
 * its parts, each with the column of the file it names: `column` its
 * position in the file (1 = the first column), `header` the file's own
 * header text, both null for a rule of the whole row. A reject's `column`
 * and `header` are its first problem's. Builders return a new reference
 * (caller json_decref), NULL when out of memory. */
#ifndef PCMT_OUTPUT_REG_IMPORT_JSON_H
#define PCMT_OUTPUT_REG_IMPORT_JSON_H

#include <jansson.h>

#include "types/register.h"

/* One part of a reject's reason. */
struct reg_problem {
  long column;        /* 1-based column of the file, 0 when the part names none */
  const char *header; /* the file's header of that column (borrowed), NULL when none */
  char *message;      /* the part as written, column name included (malloc'd) */
};

/* Cut `reason` into its parts (at each "; " followed by the name of a
 * column of the file, by the register's header or the file's own, and
 * "cột N"), into *out (n parts; caller frees with reg_problems_free).
 * Returns ERR_OK or ERR_NOMEM. */
int reg_problems_split(struct reg_problem **out, size_t *n, const struct reg_spec *spec,
                       const struct reg_import_result *res, const char *reason, struct err *err);
void reg_problems_free(struct reg_problem *p, size_t n);

/* The result of importing into `spec` (dry_run: nothing was saved). */
json_t *reg_import_json(const struct reg_spec *spec, const struct reg_import_result *res,
                        int dry_run);

#endif
