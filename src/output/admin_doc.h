/* admin_doc.h: a document for signature as data, in the format of Decree 30/2020/NĐ-CP.
 *
 * The consolidated report (and any document PCMT drafts for signature) is
 * described once as data — the header elements, the title and subject, a
 * list of blocks (headings, paragraphs, tables, prompts for the officer),
 * the recipients and the signature block — and written by
 * output/docx_write.h (for signature) or output/doc_html.h (for a page), so
 * the two always say the same thing. */
#ifndef PCMT_OUTPUT_ADMIN_DOC_H
#define PCMT_OUTPUT_ADMIN_DOC_H

#include <stddef.h>

#include "base/date.h"

enum doc_block_kind {
  DOC_HEADING, /* "I. TÌNH HÌNH", "1. Kết quả ...": bold, level 1 or 2 */
  DOC_PARA,    /* body text: justified, first line indented */
  DOC_PROMPT,  /* text for the officer to write, shown in italics and brackets */
  DOC_TABLE    /* a table (table below) */
};

/* A table: a header row and rows of cells, all borrowed strings. */
struct doc_table {
  size_t n_cols;
  const char *const *head;  /* n_cols titles */
  const char *const *cells; /* n_rows * n_cols, row by row; NULL = empty */
  size_t n_rows;
  const unsigned char *right; /* n_cols flags: 1 = right-aligned (numbers); NULL: none */
  const unsigned *width_pct;  /* n_cols shares of the text width (sum 100); NULL: equal */
};

struct doc_block {
  enum doc_block_kind kind;
  int level;                     /* headings: 1 (part) or 2 (section) */
  const char *text;              /* heading, paragraph or prompt */
  const struct doc_table *table; /* DOC_TABLE */
};

struct admin_doc {
  const char *superior; /* the superior body, capitals ("UBND TỈNH LÀO CAI"); NULL none */
  const char *issuer;   /* the issuing body, capitals ("BAN CHỈ ĐẠO 138") */
  const char *number;   /* "Số: 125/BC-BCĐ"; NULL: "Số:      /BC-" for the officer */
  const char *place;    /* "Lào Cai" */
  struct date date;     /* the place-and-date line's date */
  const char *type;     /* "BÁO CÁO" */
  const char *subject;  /* "Kết quả thực hiện ... quý III năm 2026" */
  const struct doc_block *blocks;
  size_t n_blocks;
  const char *const *recipients; /* "Nơi nhận" lines without the dash; the last "Lưu: VT" */
  size_t n_recipients;
  const char *sign_authority; /* "TM. BAN CHỈ ĐẠO"; NULL none */
  const char *sign_position;  /* "TRƯỞNG BAN" */
  const char *signer;         /* NULL: a line for the officer */
};

/* "Lào Cai, ngày 03 tháng 10 năm 2024": the place-and-date line (days
 * below 10 and the months January and February with a leading 0, as the
 * decree asks) into buf. */
void admin_doc_place_date(char *buf, size_t n, const char *place, struct date d);

#endif
