/* docx_write.c: the Decree 30 document as .docx (see docx_write.h).
 *
 * A .docx is a zip of XML parts. Each part is built with one xmlTextWriter
 * in memory (x_* helpers below write WordprocessingML runs and paragraphs
 * through it) and added to the zip; the sizes are twips (1/1440 inch:
 * 1 mm = 56.7) and half-points (14 pt = 28), as the format counts them. */
#include "output/docx_write.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Page geometry (Decree 30 as docs/decree30.md sets it): A4, margins in twips. */
enum {
  PAGE_W = 11906,
  PAGE_H = 16838,
  MARGIN_TOP = 1134,    /* 20 mm */
  MARGIN_BOTTOM = 1134, /* 20 mm */
  MARGIN_LEFT = 1701,   /* 30 mm */
  MARGIN_RIGHT = 850,   /* 15 mm */
  TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT,
  INDENT = 720, /* 1.27 cm first-line indent */
};

/* ---- the writer of one part ---------------------------------------------- */

struct part {
  xmlBufferPtr buf;
  xmlTextWriterPtr w;
  int failed; /* a libxml2 call failed: the part is dropped */
};

static int part_open(struct part *p)
{
  memset(p, 0, sizeof *p);
  p->buf = xmlBufferCreate();
  p->w = p->buf ? xmlNewTextWriterMemory(p->buf, 0) : NULL;
  if (!p->w || xmlTextWriterStartDocument(p->w, NULL, "UTF-8", "yes") < 0)
    p->failed = 1;
  return !p->failed;
}

static void part_free(struct part *p)
{
  if (p->w)
    xmlFreeTextWriter(p->w);
  if (p->buf)
    xmlBufferFree(p->buf);
  memset(p, 0, sizeof *p);
}

static void start(struct part *p, const char *name)
{
  if (!p->failed && xmlTextWriterStartElement(p->w, BAD_CAST name) < 0)
    p->failed = 1;
}

static void end(struct part *p)
{
  if (!p->failed && xmlTextWriterEndElement(p->w) < 0)
    p->failed = 1;
}

static void attr(struct part *p, const char *name, const char *value)
{
  if (!p->failed && xmlTextWriterWriteAttribute(p->w, BAD_CAST name, BAD_CAST value) < 0)
    p->failed = 1;
}

static void attr_int(struct part *p, const char *name, long v)
{
  char b[24];
  snprintf(b, sizeof b, "%ld", v);
  attr(p, name, b);
}

/* <name attr1="v1"/>: an empty element with one w:val-like attribute (NULL: none). */
static void leaf(struct part *p, const char *name, const char *aname, const char *avalue)
{
  start(p, name);
  if (aname)
    attr(p, aname, avalue);
  end(p);
}

static void text(struct part *p, const char *s)
{
  if (!p->failed && xmlTextWriterWriteString(p->w, BAD_CAST(s ? s : "")) < 0)
    p->failed = 1;
}

/* ---- runs and paragraphs --------------------------------------------------- */

enum { F_BOLD = 1, F_ITALIC = 2, F_CAPS = 4 };

/* A run of text in size `half_pt` (half-points) with flags F_*. */
static void run(struct part *p, const char *s, int half_pt, int flags)
{
  start(p, "w:r");
  start(p, "w:rPr");
  if (flags & F_BOLD)
    leaf(p, "w:b", NULL, NULL);
  if (flags & F_ITALIC)
    leaf(p, "w:i", NULL, NULL);
  start(p, "w:sz");
  attr_int(p, "w:val", half_pt);
  end(p);
  start(p, "w:szCs");
  attr_int(p, "w:val", half_pt);
  end(p);
  end(p); /* rPr */
  start(p, "w:t");
  attr(p, "xml:space", "preserve");
  text(p, s);
  end(p);
  end(p); /* r */
}

/* Paragraph properties: alignment ("center", "both", "left", "right"),
 * first-line indent, left/right indents, space after (twips), and a solid
 * line under the paragraph (the decree's short rule under a heading block). */
struct ppr {
  const char *jc;
  int first_line, ind_left, ind_right;
  int after;
  int rule_under;
  int keep_next;
};

static void para_open(struct part *p, const struct ppr *pp)
{
  start(p, "w:p");
  start(p, "w:pPr");
  if (pp->keep_next)
    leaf(p, "w:keepNext", NULL, NULL);
  if (pp->rule_under) {
    start(p, "w:pBdr");
    start(p, "w:bottom");
    attr(p, "w:val", "single");
    attr(p, "w:sz", "6");
    attr(p, "w:space", "1");
    attr(p, "w:color", "000000");
    end(p);
    end(p);
  }
  start(p, "w:spacing");
  attr_int(p, "w:before", 0);
  attr_int(p, "w:after", pp->after);
  end(p);
  if (pp->first_line || pp->ind_left || pp->ind_right) {
    start(p, "w:ind");
    attr_int(p, "w:left", pp->ind_left);
    attr_int(p, "w:right", pp->ind_right);
    attr_int(p, "w:firstLine", pp->first_line);
    end(p);
  }
  leaf(p, "w:jc", "w:val", pp->jc ? pp->jc : "left");
  end(p); /* pPr */
}

/* One paragraph of one run. */
static void para(struct part *p, const struct ppr *pp, const char *s, int half_pt, int flags)
{
  para_open(p, pp);
  if (s && *s)
    run(p, s, half_pt, flags);
  end(p);
}

/* The decree's short solid line under the issuing body, the motto and the
 * subject: an empty 1 pt paragraph whose bottom border is `width` twips
 * wide, centred in a column `col` twips wide. */
static void rule(struct part *p, int col, int width)
{
  int side = (col - width) / 2;
  struct ppr r = {"center", 0, side > 0 ? side : 0, side > 0 ? side : 0, 60, 1, 0};
  para_open(p, &r);
  start(p, "w:r");
  start(p, "w:rPr");
  leaf(p, "w:sz", "w:val", "2");
  end(p);
  end(p);
  end(p);
}

/* ---- tables ------------------------------------------------------------------ */

static void borders(struct part *p, const char *tag, int on)
{
  start(p, tag);
  const char *sides[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
  for (size_t i = 0; i < 6; i++) {
    start(p, sides[i]);
    attr(p, "w:val", on ? "single" : "nil");
    if (on) {
      attr(p, "w:sz", "4");
      attr(p, "w:space", "0");
      attr(p, "w:color", "000000");
    }
    end(p);
  }
  end(p);
}

static void table_open(struct part *p, int bordered, const int *widths, size_t n)
{
  start(p, "w:tbl");
  start(p, "w:tblPr");
  start(p, "w:tblW");
  attr_int(p, "w:w", TEXT_W);
  attr(p, "w:type", "dxa");
  end(p);
  leaf(p, "w:tblLayout", "w:type", "fixed");
  borders(p, "w:tblBorders", bordered);
  if (!bordered) { /* a layout table: its columns use the whole width */
    start(p, "w:tblCellMar");
    start(p, "w:left");
    attr(p, "w:w", "0");
    attr(p, "w:type", "dxa");
    end(p);
    start(p, "w:right");
    attr(p, "w:w", "0");
    attr(p, "w:type", "dxa");
    end(p);
    end(p);
  }
  end(p);
  start(p, "w:tblGrid");
  for (size_t i = 0; i < n; i++) {
    start(p, "w:gridCol");
    attr_int(p, "w:w", widths[i]);
    end(p);
  }
  end(p);
}

static void cell_open(struct part *p, int width)
{
  start(p, "w:tc");
  start(p, "w:tcPr");
  start(p, "w:tcW");
  attr_int(p, "w:w", width);
  attr(p, "w:type", "dxa");
  end(p);
  end(p);
}

static int table_write(struct part *p, const struct doc_table *t)
{
  if (t->n_cols == 0 || t->n_cols > 32)
    return 0;
  int widths[32];
  for (size_t c = 0; c < t->n_cols; c++)
    widths[c] = t->width_pct ? (int)(TEXT_W * (long)t->width_pct[c] / 100)
                             : (int)(TEXT_W / (long)t->n_cols);
  table_open(p, 1, widths, t->n_cols);
  struct ppr head = {"center", 0, 0, 0, 0, 0, 1};
  start(p, "w:tr");
  start(p, "w:trPr");
  leaf(p, "w:tblHeader", NULL, NULL); /* repeated on each page */
  end(p);
  for (size_t c = 0; c < t->n_cols; c++) {
    cell_open(p, widths[c]);
    para(p, &head, t->head[c], 24, F_BOLD);
    end(p);
  }
  end(p);
  for (size_t r = 0; r < t->n_rows; r++) {
    start(p, "w:tr");
    start(p, "w:trPr");
    leaf(p, "w:cantSplit", NULL, NULL);
    end(p);
    for (size_t c = 0; c < t->n_cols; c++) {
      struct ppr cp = {t->right && t->right[c] ? "right" : "left", 0, 0, 0, 0, 0, 0};
      cell_open(p, widths[c]);
      para(p, &cp, t->cells[r * t->n_cols + c], 24, 0);
      end(p);
    }
    end(p);
  }
  end(p); /* tbl */
  /* Word needs a paragraph between a table and what follows */
  struct ppr gap = {"left", 0, 0, 0, 120, 0, 0};
  para(p, &gap, NULL, 28, 0);
  return 1;
}

/* ---- the document's parts ------------------------------------------------------ */

static void header_block(struct part *p, const struct admin_doc *d)
{
  int widths[2] = {TEXT_W * 37 / 100, TEXT_W - TEXT_W * 37 / 100};
  table_open(p, 0, widths, 2);
  start(p, "w:tr");
  /* left: superior body, issuing body with a rule, number */
  cell_open(p, widths[0]);
  struct ppr c = {"center", 0, 0, 0, 0, 0, 0};
  if (d->superior)
    para(p, &c, d->superior, 26, 0);
  para(p, &c, d->issuer, 26, F_BOLD);
  rule(p, widths[0], widths[0] / 3);
  para(p, &c, d->number ? d->number : "Số:        /BC-", 26, 0);
  end(p);
  /* right: national name, motto with a rule, place and date */
  cell_open(p, widths[1]);
  para(p, &c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24, F_BOLD);
  para(p, &c, "Độc lập - Tự do - Hạnh phúc", 26, F_BOLD);
  rule(p, widths[1], widths[1] / 2);
  char line[256];
  admin_doc_place_date(line, sizeof line, d->place, d->date);
  para(p, &c, line, 28, F_ITALIC);
  end(p);
  end(p); /* tr */
  end(p); /* tbl */
}

static void title_block(struct part *p, const struct admin_doc *d)
{
  struct ppr gap = {"center", 0, 0, 0, 240, 0, 0};
  para(p, &gap, NULL, 28, 0);
  struct ppr c = {"center", 0, 0, 0, 0, 0, 1};
  para(p, &c, d->type, 28, F_BOLD);
  para(p, &c, d->subject, 28, F_BOLD);
  rule(p, TEXT_W, TEXT_W / 4);
  struct ppr gap2 = {"center", 0, 0, 0, 240, 0, 0};
  para(p, &gap2, NULL, 28, 0);
}

static void closing_block(struct part *p, const struct admin_doc *d)
{
  int widths[2] = {TEXT_W / 2, TEXT_W - TEXT_W / 2};
  table_open(p, 0, widths, 2);
  start(p, "w:tr");
  cell_open(p, widths[0]);
  struct ppr l = {"left", 0, 0, 0, 0, 0, 0};
  para(p, &l, "Nơi nhận:", 24, F_BOLD | F_ITALIC);
  for (size_t i = 0; i < d->n_recipients; i++) {
    char line[400];
    snprintf(line, sizeof line, "- %s%s", d->recipients[i], i + 1 == d->n_recipients ? "." : ";");
    para(p, &l, line, 22, 0);
  }
  end(p);
  cell_open(p, widths[1]);
  struct ppr c = {"center", 0, 0, 0, 0, 0, 0};
  if (d->sign_authority)
    para(p, &c, d->sign_authority, 28, F_BOLD);
  para(p, &c, d->sign_position, 28, F_BOLD);
  for (int i = 0; i < 4; i++)
    para(p, &c, NULL, 28, 0);
  para(p, &c, d->signer ? d->signer : "(ký, ghi rõ họ tên)", 28, d->signer ? F_BOLD : F_ITALIC);
  end(p);
  end(p);
  end(p);
}

static void section_props(struct part *p)
{
  start(p, "w:sectPr");
  start(p, "w:headerReference");
  attr(p, "w:type", "default");
  attr(p, "r:id", "rIdHeader");
  end(p);
  start(p, "w:headerReference");
  attr(p, "w:type", "first");
  attr(p, "r:id", "rIdHeaderFirst");
  end(p);
  start(p, "w:pgSz");
  attr_int(p, "w:w", PAGE_W);
  attr_int(p, "w:h", PAGE_H);
  end(p);
  start(p, "w:pgMar");
  attr_int(p, "w:top", MARGIN_TOP);
  attr_int(p, "w:right", MARGIN_RIGHT);
  attr_int(p, "w:bottom", MARGIN_BOTTOM);
  attr_int(p, "w:left", MARGIN_LEFT);
  attr_int(p, "w:header", 567);
  attr_int(p, "w:footer", 567);
  attr_int(p, "w:gutter", 0);
  end(p);
  leaf(p, "w:titlePg", NULL, NULL); /* no number on page 1 */
  end(p);
}

static void document_part(struct part *p, const struct admin_doc *d)
{
  start(p, "w:document");
  attr(p, "xmlns:w", W_NS);
  attr(p, "xmlns:r", R_NS);
  start(p, "w:body");
  header_block(p, d);
  title_block(p, d);
  for (size_t i = 0; i < d->n_blocks; i++) {
    const struct doc_block *b = &d->blocks[i];
    if (b->kind == DOC_HEADING) {
      struct ppr h = {"both", b->level > 1 ? INDENT : INDENT, 0, 0, 120, 0, 1};
      para(p, &h, b->text, 28, F_BOLD);
    } else if (b->kind == DOC_PARA) {
      struct ppr body = {"both", INDENT, 0, 0, 120, 0, 0};
      para(p, &body, b->text, 28, 0);
    } else if (b->kind == DOC_PROMPT) {
      struct ppr body = {"both", INDENT, 0, 0, 120, 0, 0};
      char s[1024];
      snprintf(s, sizeof s, "[%s]", b->text ? b->text : "");
      para(p, &body, s, 28, F_ITALIC);
    } else if (b->kind == DOC_TABLE && b->table && !table_write(p, b->table)) {
      p->failed = 1;
    }
  }
  closing_block(p, d);
  section_props(p);
  end(p); /* body */
  end(p); /* document */
}

/* The page-number header (default) and the empty one of page 1 (first). */
static void header_part(struct part *p, int numbered)
{
  start(p, "w:hdr");
  attr(p, "xmlns:w", W_NS);
  attr(p, "xmlns:r", R_NS);
  struct ppr c = {"center", 0, 0, 0, 0, 0, 0};
  para_open(p, &c);
  if (numbered) {
    start(p, "w:fldSimple");
    attr(p, "w:instr", " PAGE ");
    run(p, "2", 26, 0);
    end(p);
  }
  end(p);
  end(p);
}

/* Times New Roman for everything, 14 pt, single-to-1.15 line spacing. */
static void styles_part(struct part *p)
{
  start(p, "w:styles");
  attr(p, "xmlns:w", W_NS);
  start(p, "w:docDefaults");
  start(p, "w:rPrDefault");
  start(p, "w:rPr");
  start(p, "w:rFonts");
  attr(p, "w:ascii", "Times New Roman");
  attr(p, "w:hAnsi", "Times New Roman");
  attr(p, "w:cs", "Times New Roman");
  attr(p, "w:eastAsia", "Times New Roman");
  end(p);
  leaf(p, "w:sz", "w:val", "28");
  leaf(p, "w:szCs", "w:val", "28");
  leaf(p, "w:lang", "w:val", "vi-VN");
  end(p);
  end(p);
  start(p, "w:pPrDefault");
  start(p, "w:pPr");
  start(p, "w:spacing");
  attr(p, "w:after", "0");
  attr(p, "w:line", "276");
  attr(p, "w:lineRule", "auto");
  end(p);
  end(p);
  end(p);
  end(p); /* docDefaults */
  start(p, "w:style");
  attr(p, "w:type", "paragraph");
  attr(p, "w:default", "1");
  attr(p, "w:styleId", "Normal");
  leaf(p, "w:name", "w:val", "Normal");
  end(p);
  end(p);
}

static void types_part(struct part *p)
{
  start(p, "Types");
  attr(p, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  start(p, "Default");
  attr(p, "Extension", "rels");
  attr(p, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
  end(p);
  start(p, "Default");
  attr(p, "Extension", "xml");
  attr(p, "ContentType", "application/xml");
  end(p);
  const char *over[][2] = {
      {"/word/document.xml",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
      {"/word/styles.xml",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
      {"/word/header1.xml",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"},
      {"/word/header2.xml",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"},
  };
  for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
    start(p, "Override");
    attr(p, "PartName", over[i][0]);
    attr(p, "ContentType", over[i][1]);
    end(p);
  }
  end(p);
}

static void rels_part(struct part *p, const char *const (*rels)[3], size_t n)
{
  start(p, "Relationships");
  attr(p, "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (size_t i = 0; i < n; i++) {
    start(p, "Relationship");
    attr(p, "Id", rels[i][0]);
    attr(p, "Type", rels[i][1]);
    attr(p, "Target", rels[i][2]);
    end(p);
  }
  end(p);
}

/* ---- the package ---------------------------------------------------------------- */

#define REL_BASE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Finish part p and add it to the zip as `name`; the zip takes the bytes. */
static int add_part(zip_t *z, const char *name, struct part *p, struct err *err)
{
  if (!p->failed && xmlTextWriterEndDocument(p->w) < 0)
    p->failed = 1;
  if (p->failed) {
    part_free(p);
    return err_nomem(err);
  }
  xmlFreeTextWriter(p->w);
  p->w = NULL;
  size_t n = (size_t)xmlBufferLength(p->buf);
  void *bytes = malloc(n ? n : 1);
  if (!bytes) {
    part_free(p);
    return err_nomem(err);
  }
  memcpy(bytes, xmlBufferContent(p->buf), n);
  part_free(p);
  zip_source_t *src = zip_source_buffer(z, bytes, n, 1);
  if (!src) {
    free(bytes);
    return err_nomem(err);
  }
  if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(src);
    return err_set(err, ERR_IO, "không ghi được phần %s của tệp .docx: %s", name, zip_strerror(z));
  }
  return ERR_OK;
}

/* The parts of the package, each built by one function. */
static void part_types(struct part *p, const struct admin_doc *d)
{
  (void)d;
  types_part(p);
}

static void part_root_rels(struct part *p, const struct admin_doc *d)
{
  static const char *const RELS[][3] = {{"rId1", REL_BASE "officeDocument", "word/document.xml"}};
  (void)d;
  rels_part(p, RELS, 1);
}

static void part_doc_rels(struct part *p, const struct admin_doc *d)
{
  static const char *const RELS[][3] = {{"rIdStyles", REL_BASE "styles", "styles.xml"},
                                        {"rIdHeader", REL_BASE "header", "header1.xml"},
                                        {"rIdHeaderFirst", REL_BASE "header", "header2.xml"}};
  (void)d;
  rels_part(p, RELS, 3);
}

static void part_styles(struct part *p, const struct admin_doc *d)
{
  (void)d;
  styles_part(p);
}

static void part_header(struct part *p, const struct admin_doc *d)
{
  (void)d;
  header_part(p, 1);
}

static void part_header_first(struct part *p, const struct admin_doc *d)
{
  (void)d;
  header_part(p, 0);
}

static const struct {
  const char *name;
  void (*build)(struct part *p, const struct admin_doc *d);
} PARTS[] = {
    {"[Content_Types].xml", part_types},
    {"_rels/.rels", part_root_rels},
    {"word/_rels/document.xml.rels", part_doc_rels},
    {"word/styles.xml", part_styles},
    {"word/header1.xml", part_header},
    {"word/header2.xml", part_header_first},
    {"word/document.xml", document_part},
};

int docx_write(const char *path, const struct admin_doc *d, struct err *err)
{
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    int rc = err_set(err, ERR_IO, "không tạo được tệp %s: %s", path, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
  }
  int rc = ERR_OK;
  for (size_t i = 0; !rc && i < sizeof PARTS / sizeof PARTS[0]; i++) {
    struct part p;
    if (!part_open(&p)) {
      part_free(&p);
      rc = err_nomem(err);
      break;
    }
    PARTS[i].build(&p, d);
    rc = add_part(z, PARTS[i].name, &p, err);
  }
  if (rc) {
    zip_discard(z); /* nothing is written under `path` */
    return rc;
  }
  if (zip_close(z) < 0) {
    rc = err_set(err, ERR_IO, "không ghi được tệp %s: %s", path, zip_strerror(z));
    zip_discard(z);
  }
  return rc;
}
