/* reg_rejects.h: the rejects file of an import — the refused rows, to be corrected and imported
 * again.
 *
 * The file holds the imported file's own columns, in its order, then "Dòng"
 * (the line the row started on) and "Lỗi" (why it was refused). Importing
 * it again reads the same columns and ignores the two added ones, so a
 * rejects file whose rows are still wrong writes its own rejects file with
 * "Dòng" and "Lỗi" once, not twice. The rows are the person's own file's
 * (personal data): written as every CSV export is (output/csv_write.h). */
#ifndef PCMT_OUTPUT_REG_REJECTS_H
#define PCMT_OUTPUT_REG_REJECTS_H

#include <stdio.h>

#include "base/err.h"
#include "types/register.h"

/* Write the rejects of `res` to `path` ("-" = standard output). ERR_INPUT
 * when `path` exists and is not a regular file (left as it is), ERR_IO when
 * it cannot be written (nothing is left under that name), ERR_NOMEM. */
int reg_rejects_write(const char *path, const struct reg_import_result *res, struct err *err);
/* The same rows into stream f, which the caller owns (the web's answer,
 * built in memory): ERR_IO when f cannot be written, ERR_NOMEM. */
int reg_rejects_write_stream(FILE *f, const struct reg_import_result *res, struct err *err);

#endif
