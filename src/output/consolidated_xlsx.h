/* consolidated_xlsx.h: the consolidated report as a workbook (.xlsx, libxlsxwriter).
 *
 * Sheets, each with a bold header row frozen at the top and columns sized
 * to their content: "Chỉ tiêu" (target, assignee, required, achieved,
 * status, same period last year), "Số liệu" (every indicator now and a
 * year before), one per section of the indicator catalogue (the per-unit
 * table of its indicators and their totals, the unit column frozen too)
 * and "Báo cáo" (reporting completeness). Numbers are number cells with a thousands
 * format (Excel shows 1.234,5 under Vietnamese regional settings); a hidden
 * small count is the text "<5". The workbook is written beside its final
 * name and renamed into place on success. */
#ifndef PCMT_OUTPUT_CONSOLIDATED_XLSX_H
#define PCMT_OUTPUT_CONSOLIDATED_XLSX_H

#include "base/err.h"
#include "domain/consolidated.h"

int consolidated_xlsx_write(const char *path, const struct consolidated *c, struct err *err);

#endif
