/* plan_read.h: read a plan (kế hoạch) from the text of its document.
 *
 * The text is what doc_read() gives: UTF-8, one paragraph per line, bold as
 * **...**, Word numbering as literal labels, tables as "| a | b |" rows,
 * footnote marks as <sup>N</sup>. The reader applies general rules of the
 * Vietnamese administrative style (docs/plan-reader.md) and fills a plan for
 * a person to review: what it cannot find stays NULL / empty. */
#ifndef PCMT_INGEST_PLAN_READ_H
#define PCMT_INGEST_PLAN_READ_H

#include <stddef.h>

#include "base/err.h"
#include "types/plan.h"

/* What a text may hold (a 50-page plan is about 150 KB, 1,000 paragraphs
 * and 30,000 tokens): bytes, paragraphs, and tokens (words and punctuation
 * marks). They bound the reader's memory: about 14 times the text of a real
 * plan, about 60 MB at most (docs/plan-reader.md, "Bounds"). */
#define PLAN_READ_MAX        ((size_t)2 * 1024 * 1024)
#define PLAN_READ_MAX_PARAS  ((size_t)100000)
#define PLAN_READ_MAX_TOKENS ((size_t)1000000)

/* Read the plan in text[0..len) into *out, which the function initialises
 * (plan_init) itself; the caller frees it with plan_free() whatever the
 * result. Returns ERR_OK with a best-effort plan; ERR_INPUT for empty text,
 * invalid UTF-8 (or a NUL byte) and text over PLAN_READ_MAX (or its
 * paragraphs or tokens over PLAN_READ_MAX_PARAS, _TOKENS); ERR_NOMEM. On
 * failure *out is left empty. Time is linear in len. */
int plan_read_text(struct plan *out, const char *text, size_t len, struct err *err);

/* 1 when the plan read from a text is a plan at all: it has a title under
 * "KẾ HOẠCH", a plan's number ("07/KH-BCĐ", "62-KH/TU"), a task or a
 * target. Ordinary prose, a decision or a letter read without error give
 * none of these: the front ends refuse such a file rather than store or
 * print an empty plan. 0 for NULL. */
int plan_read_found(const struct plan *p);

#endif
