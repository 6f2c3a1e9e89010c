/* doc_read.c: files (.txt, .md, .docx, .pdf) to the plan reader's text.
 *
 * .docx: word/document.xml and word/numbering.xml are read as streams with
 * libxml2's xmlTextReader (no network, no entity substitution, no DTD
 * loading) fed by libzip as it inflates, so neither the XML nor a tree of it
 * is ever held whole: a 97 KB file holding 63 MB of empty paragraphs took
 * 1.5 GB as a DOM. What a document may cost is capped (doc_read.h): bytes
 * inflated per part, elements, paragraphs and the text written; past a cap
 * the file is refused with a message that names it. Numbering is resolved
 * through word/numbering.xml: each w:num points at an abstract numbering
 * whose levels give a format (decimal, lowerLetter, upperRoman, bullet ...),
 * a start value and a text such as "%1.%2."; counters run per list and level
 * and a level restarts when a shallower one advances, as Word does.
 * .pdf: `pdftotext -layout FILE -` run without a shell. */
#include "ingest/doc_read.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "base/buf.h"
#include "base/number.h"
#include "base/text.h"

/* ==== text ================================================================ */

int doc_read_text_mem(char **text, size_t *len, const char *data, size_t n, struct err *err)
{
  *text = NULL;
  *len = 0;
  if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    n -= 3;
  }
  /* the first bad byte, for the message */
  for (size_t i = 0; i < n; i++)
    if (data[i] == '\0')
      return err_set(err, ERR_INPUT, "tệp có byte NUL ở vị trí %zu: không phải văn bản", i);
  if (!text_utf8_valid(data, n)) {
    size_t lo = 0, hi = n;
    while (hi - lo > 1) { /* the longest valid prefix, by bisection on boundaries */
      size_t mid = (lo + hi) / 2;
      while (mid > lo && ((unsigned char)data[mid] & 0xC0) == 0x80)
        mid--;
      if (mid == lo)
        break;
      if (text_utf8_valid(data, mid))
        lo = mid;
      else
        hi = mid;
    }
    return err_set(err, ERR_INPUT,
                   "tệp không phải văn bản UTF-8 hợp lệ (lỗi gần byte %zu); hãy lưu lại với "
                   "mã UTF-8",
                   lo);
  }
  char *out = malloc(n + 1);
  if (!out)
    return err_nomem(err);
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (data[i] == '\r') {
      out[o++] = '\n';
      if (i + 1 < n && data[i + 1] == '\n')
        i++;
      continue;
    }
    out[o++] = data[i];
  }
  out[o] = '\0';
  if (o > DOC_READ_MAX_TEXT) {
    free(out);
    return err_set(err, ERR_INPUT, "văn bản quá lớn để là một kế hoạch (%zu byte; tối đa %zu MB)",
                   o, DOC_READ_MAX_TEXT >> 20);
  }
  *text = out;
  *len = o;
  return ERR_OK;
}

/* ==== docx: streaming the parts ============================================== */

/* A part of the zip read as a stream: libxml2's reader pulls bytes through
 * zip_fread, so neither the inflated part nor a tree of it is ever held
 * whole. The bytes read are counted against DOC_READ_MAX_PART (the size the
 * zip declares may lie). */
struct part_in {
  zip_file_t *f;
  size_t read; /* bytes inflated so far */
  int too_big; /* the part ran past DOC_READ_MAX_PART */
  int broken;  /* zip_fread failed (a damaged or truncated package) */
};

static int part_read(void *ctx, char *buffer, int len)
{
  struct part_in *in = ctx;
  if (len <= 0)
    return 0;
  zip_int64_t got = zip_fread(in->f, buffer, (zip_uint64_t)len);
  if (got < 0) {
    in->broken = 1;
    return -1;
  }
  in->read += (size_t)got;
  if (in->read > DOC_READ_MAX_PART) {
    in->too_big = 1;
    return -1;
  }
  return (int)got;
}

static int part_close(void *ctx)
{
  (void)ctx; /* the zip file is closed by whoever opened it */
  return 0;
}

/* libxml2 may still print some errors (encodings) on stderr despite
 * XML_PARSE_NOERROR; the reader reports its own message instead. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

static void xml_quiet_reader(void *arg, const char *msg, xmlParserSeverities severity,
                             xmlTextReaderLocatorPtr where)
{
  (void)arg;
  (void)msg;
  (void)severity;
  (void)where;
}

/* Open part `name` of the zip as an XML stream. ERR_NOT_FOUND when the part
 * is absent; the caller frees *rd (xmlFreeTextReader) then closes in->f. */
static int part_open(xmlTextReaderPtr *rd, struct part_in *in, zip_t *z, const char *name,
                     struct err *err)
{
  *rd = NULL;
  memset(in, 0, sizeof *in);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name, 0, &st) != 0)
    return ERR_NOT_FOUND;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > DOC_READ_MAX_PART)
    return err_set(err, ERR_INPUT, "phần %s của tệp .docx quá lớn (giới hạn %zu MB)", name,
                   DOC_READ_MAX_PART >> 20);
  in->f = zip_fopen(z, name, 0);
  if (!in->f)
    return err_set(err, ERR_INPUT, "không mở được phần %s của tệp .docx", name);
  xmlSetGenericErrorFunc(NULL, xml_quiet);
  /* no network, no entity substitution, no DTD loading: only the markup */
  *rd = xmlReaderForIO(part_read, part_close, in, name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!*rd) {
    zip_fclose(in->f);
    in->f = NULL;
    return err_nomem(err);
  }
  xmlTextReaderSetErrorHandler(*rd, xml_quiet_reader, NULL);
  return ERR_OK;
}

static void part_close_all(xmlTextReaderPtr rd, struct part_in *in)
{
  if (rd)
    xmlFreeTextReader(rd);
  if (in->f)
    zip_fclose(in->f);
  in->f = NULL;
}

/* The local name of the reader's node ("p" for w:p: the prefix is ignored). */
static int named(xmlTextReaderPtr rd, const char *name)
{
  const xmlChar *n = xmlTextReaderConstLocalName(rd);
  return n && strcmp((const char *)n, name) == 0;
}

/* Attribute `name` (local name) of the current element, copied into buf. */
static const char *rd_attr(xmlTextReaderPtr rd, const char *name, char *buf, size_t sz)
{
  buf[0] = '\0';
  if (xmlTextReaderMoveToFirstAttribute(rd) != 1)
    return buf;
  do {
    if (named(rd, name)) {
      const xmlChar *v = xmlTextReaderConstValue(rd);
      snprintf(buf, sz, "%s", v ? (const char *)v : "");
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(rd) == 1);
  xmlTextReaderMoveToElement(rd);
  return buf;
}

/* An attribute's number, clamped: attributes come from the file. */
static int num_of(const char *s)
{
  long v = strtol(s, NULL, 10);
  return v < -1000000 ? -1000000 : v > 1000000 ? 1000000 : (int)v;
}

/* ==== docx: numbering ======================================================== */

/* Lists kept: more w:num or w:abstractNum than this are ignored (their
 * paragraphs get no label); a document has a few dozen. */
enum { MAX_LVL = 9, MAX_NUM = 256, MAX_ABS = 1024 };

struct lvl {
  char fmt[24];  /* "decimal", "lowerLetter", "upperRoman", "bullet" ... */
  char text[48]; /* "%1.", "%1.%2." */
  int start;
};

struct abstract {
  int id;
  struct lvl lvl[MAX_LVL];
};

struct numbering {
  struct abstract *abs;
  size_t nabs;
  int num_id[MAX_NUM];  /* w:num ids */
  int num_abs[MAX_NUM]; /* their abstract ids, then (numbering_load) index into abs or -1 */
  int counter[MAX_NUM][MAX_LVL];
  size_t nnum;
};

/* Read word/numbering.xml as a stream: abstractNum > lvl > numFmt, lvlText,
 * start (the first of each; a repeated lvl replaces the earlier one), and
 * num > abstractNumId. A numbering part that cannot be read leaves no
 * numbering (the paragraphs keep their text, without labels). */
static void numbering_load(struct numbering *nb, xmlTextReaderPtr rd)
{
  memset(nb, 0, sizeof *nb);
  char v[64];
  struct abstract *a = NULL; /* the abstractNum being read */
  struct lvl *lv = NULL;     /* the lvl being read */
  int in_num = 0, seen_fmt = 0, seen_text = 0, seen_start = 0, seen_abs = 0;
  size_t elements = 0;
  int r;
  while ((r = xmlTextReaderRead(rd)) == 1) {
    if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
      continue;
    if (++elements > DOC_READ_MAX_ELEMENTS) {
      r = -1;
      break;
    }
    int depth = xmlTextReaderDepth(rd);
    if (depth == 1) {
      a = NULL;
      lv = NULL;
      in_num = 0;
      if (named(rd, "abstractNum") && nb->nabs < MAX_ABS) {
        if (!nb->abs && !(nb->abs = calloc(MAX_ABS, sizeof *nb->abs)))
          break;
        a = &nb->abs[nb->nabs++];
        memset(a, 0, sizeof *a);
        a->id = num_of(rd_attr(rd, "abstractNumId", v, sizeof v));
      } else if (named(rd, "num") && nb->nnum < MAX_NUM) {
        nb->num_id[nb->nnum] = num_of(rd_attr(rd, "numId", v, sizeof v));
        nb->num_abs[nb->nnum] = 0;
        nb->nnum++;
        in_num = 1;
        seen_abs = 0;
      }
    } else if (depth == 2 && a && named(rd, "lvl")) {
      int il = num_of(rd_attr(rd, "ilvl", v, sizeof v));
      lv = il >= 0 && il < MAX_LVL ? &a->lvl[il] : NULL;
      if (lv) {
        memset(lv, 0, sizeof *lv);
        lv->start = 1;
      }
      seen_fmt = seen_text = seen_start = 0;
    } else if (depth == 2) {
      lv = NULL;
      if (in_num && !seen_abs && named(rd, "abstractNumId")) {
        nb->num_abs[nb->nnum - 1] = num_of(rd_attr(rd, "val", v, sizeof v));
        seen_abs = 1;
      }
    } else if (depth == 3 && lv) {
      if (!seen_fmt && named(rd, "numFmt")) {
        rd_attr(rd, "val", lv->fmt, sizeof lv->fmt);
        seen_fmt = 1;
      } else if (!seen_text && named(rd, "lvlText")) {
        rd_attr(rd, "val", lv->text, sizeof lv->text);
        seen_text = 1;
      } else if (!seen_start && named(rd, "start")) {
        const char *st = rd_attr(rd, "val", v, sizeof v);
        lv->start = *st ? num_of(st) : 1;
        seen_start = 1;
      }
    }
  }
  if (r != 0) { /* malformed, too large, or out of memory: no numbering */
    free(nb->abs);
    memset(nb, 0, sizeof *nb);
    return;
  }
  /* each list to its abstract once (the last of that id, as Word reads it),
   * not once per paragraph */
  for (size_t i = 0; i < nb->nnum; i++) {
    int found = -1;
    for (size_t k = 0; k < nb->nabs; k++)
      if (nb->abs[k].id == nb->num_abs[i])
        found = (int)k;
    nb->num_abs[i] = found;
  }
}

static void roman(char *out, size_t sz, int n, int lower)
{
  static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *const sym[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                    "XL", "X",  "IX", "V",  "IV", "I"};
  size_t o = 0;
  out[0] = '\0';
  for (int k = 0; k < 13 && n > 0 && n < 4000; k++)
    while (n >= val[k] && o + 3 < sz) {
      for (const char *s = sym[k]; *s; s++)
        out[o++] = lower ? (char)(*s - 'A' + 'a') : *s;
      n -= val[k];
    }
  out[o] = '\0';
}

static void format_value(char *out, size_t sz, const char *fmt, int n)
{
  if (strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) {
    char base = fmt[0] == 'l' ? 'a' : 'A';
    snprintf(out, sz, "%c", base + (((n - 1) % 26) + 26) % 26);
  } else if (strcmp(fmt, "upperRoman") == 0 || strcmp(fmt, "lowerRoman") == 0) {
    roman(out, sz, n, fmt[0] == 'l');
  } else {
    snprintf(out, sz, "%d", n);
  }
}

/* The label of the next paragraph of list numId at level il ("2.1.", "a)", "-"). */
static void numbering_label(struct numbering *nb, int num_id, int il, char *out, size_t sz)
{
  out[0] = '\0';
  if (il < 0 || il >= MAX_LVL)
    return;
  size_t ni = 0;
  while (ni < nb->nnum && nb->num_id[ni] != num_id)
    ni++;
  if (ni == nb->nnum || nb->num_abs[ni] < 0)
    return;
  const struct abstract *a = &nb->abs[nb->num_abs[ni]];
  const struct lvl *lv = &a->lvl[il];
  if (strcmp(lv->fmt, "bullet") == 0) {
    snprintf(out, sz, "-");
    return;
  }
  if (strcmp(lv->fmt, "none") == 0)
    return;
  int *cnt = nb->counter[ni];
  cnt[il] = cnt[il] ? cnt[il] + 1 : a->lvl[il].start;
  for (int k = il + 1; k < MAX_LVL; k++)
    cnt[k] = 0;
  /* expand "%1.%2." */
  size_t o = 0;
  for (const char *s = lv->text; *s && o + 8 < sz; s++) {
    if (s[0] == '%' && s[1] >= '1' && s[1] <= '9') {
      int l = s[1] - '1';
      int v = cnt[l] ? cnt[l] : a->lvl[l].start;
      char part[16];
      format_value(part, sizeof part, a->lvl[l].fmt[0] ? a->lvl[l].fmt : "decimal", v);
      o += (size_t)snprintf(out + o, sz - o, "%s", part);
      s++;
    } else {
      out[o++] = *s;
    }
  }
  out[o] = '\0';
}

/* ==== docx: the body ============================================================= */

/* The body is read element by element (libxml2's xmlTextReader), each with
 * the role it has where it stands; a stack holds the open elements' roles.
 * What is written is what a walk of the whole tree would write: body
 * paragraphs one per line with their numbering label, tables as "| a | b |"
 * rows (only the paragraphs directly in a cell), content controls opened,
 * runs in hyperlinks, insertions, smart tags; deletions, properties and
 * drawings skipped. A paragraph's w:pPr and a run's w:rPr count wherever
 * they stand in it: a run's output waits in `run`, with marks where its
 * bold applies, until the run ends, and a numbering label is put at its
 * paragraph's start. Memory stays that of the text written and of the open
 * elements, whatever the size of the part. */
enum role {
  R_SKIP,  /* not read, nor anything under it */
  R_DOC,   /* the document element */
  R_BODY,  /* w:body, and content controls in it */
  R_TABLE, /* w:tbl */
  R_ROW,   /* w:tr */
  R_CELL,  /* w:tc */
  R_PARA,  /* w:p */
  R_RUNS,  /* an element in a paragraph holding runs (w:hyperlink, w:ins ...) */
  R_PPR,   /* the paragraph's w:pPr */
  R_NUMPR, /* its w:numPr */
  R_RUN,   /* w:r */
  R_RPR,   /* the run's w:rPr */
  R_TEXT   /* w:t */
};

/* Deepest nesting read; libxml2 itself refuses documents deeper than 256. */
enum { MAX_DEPTH = 300 };

/* Marks in a run's waiting output (XML text cannot hold these bytes):
 * "the run's bold from here", "not bold from here". */
#define MARK_BOLD  '\x01'
#define MARK_PLAIN '\x02'

struct walk {
  struct buf *out;
  struct buf run; /* the current run's output, with MARK_BOLD / MARK_PLAIN */
  struct numbering *nb;
  unsigned char role[MAX_DEPTH];  /* enum role of each open element */
  unsigned char table[MAX_DEPTH]; /* the element is inside a table cell */
  int depth;                      /* open elements */
  int in_bold;                    /* a "**" is open in the output */
  int body_seen;                  /* the first w:body was read */
  size_t paras;                   /* paragraphs read */
  size_t elements;                /* elements read */
  /* the current paragraph */
  size_t para_start; /* out->len when it began */
  int ppr_seen, numpr_seen, ilvl_seen, numid_seen;
  int ilvl, num_id;
  int cell_first; /* no paragraph yet in the current cell */
  /* the current run */
  int rpr_seen, b_seen, bcs_seen, b_on, bcs_on, run_bold;
};

static void set_bold(struct walk *w, int on)
{
  if (on != w->in_bold) {
    buf_adds(w->out, "**");
    w->in_bold = on;
  }
}

static int val_on(xmlTextReaderPtr rd)
{
  char v[16];
  rd_attr(rd, "val", v, sizeof v);
  return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* The role of a new element under one of role `parent`, and what its start
 * writes. */
static enum role element_start(struct walk *w, xmlTextReaderPtr rd, enum role parent)
{
  switch (parent) {
  case R_SKIP:
  case R_TEXT:
    return parent; /* text under w:t is the t's, whatever wraps it */
  case R_DOC:
    if (!w->body_seen && named(rd, "body")) {
      w->body_seen = 1;
      return R_BODY;
    }
    return R_SKIP;
  case R_BODY:
  case R_CELL:
    if (named(rd, "p")) {
      if (parent == R_CELL && !w->cell_first)
        buf_addc(w->out, ' ');
      w->cell_first = 0;
      w->paras++;
      w->para_start = w->out->len;
      w->ppr_seen = w->numpr_seen = w->ilvl_seen = w->numid_seen = 0;
      w->ilvl = w->num_id = 0;
      return R_PARA;
    }
    if (parent == R_BODY && named(rd, "tbl"))
      return R_TABLE;
    if (parent == R_BODY && (named(rd, "sdt") || named(rd, "sdtContent") || named(rd, "customXml")))
      return R_BODY; /* content controls hold paragraphs */
    return R_SKIP;
  case R_TABLE:
    if (named(rd, "tr")) {
      buf_addc(w->out, '|');
      return R_ROW;
    }
    return R_SKIP;
  case R_ROW:
    if (named(rd, "tc")) {
      buf_addc(w->out, ' ');
      w->cell_first = 1;
      return R_CELL;
    }
    return R_SKIP;
  case R_PARA:
  case R_RUNS:
    if (named(rd, "pPr")) {
      if (parent == R_PARA && !w->ppr_seen) {
        w->ppr_seen = 1;
        return R_PPR;
      }
      return R_SKIP;
    }
    if (named(rd, "rPr") || named(rd, "del") || named(rd, "delText"))
      return R_SKIP;
    if (named(rd, "r")) {
      w->rpr_seen = w->b_seen = w->bcs_seen = w->b_on = w->bcs_on = w->run_bold = 0;
      return R_RUN;
    }
    return R_RUNS;
  case R_PPR:
    if (!w->numpr_seen && named(rd, "numPr")) {
      w->numpr_seen = 1;
      return R_NUMPR;
    }
    return R_SKIP;
  case R_NUMPR: {
    char v[16];
    if (!w->ilvl_seen && named(rd, "ilvl")) {
      w->ilvl = num_of(rd_attr(rd, "val", v, sizeof v));
      w->ilvl_seen = 1;
    } else if (!w->numid_seen && named(rd, "numId")) {
      w->num_id = num_of(rd_attr(rd, "val", v, sizeof v));
      w->numid_seen = 1;
    }
    return R_SKIP;
  }
  case R_RUN:
    if (named(rd, "rPr")) {
      if (w->rpr_seen)
        return R_SKIP;
      w->rpr_seen = 1;
      return R_RPR;
    }
    if (named(rd, "t"))
      return R_TEXT;
    if (named(rd, "tab") || named(rd, "br") || named(rd, "cr")) {
      buf_addc(&w->run, ' ');
    } else if (named(rd, "footnoteReference") || named(rd, "endnoteReference")) {
      char id[16];
      buf_addc(&w->run, MARK_PLAIN);
      buf_adds(&w->run, "<sup>");
      buf_adds(&w->run, rd_attr(rd, "id", id, sizeof id));
      buf_adds(&w->run, "</sup>");
    }
    return R_SKIP;
  case R_RPR:
    if (!w->b_seen && named(rd, "b")) {
      w->b_seen = 1;
      w->b_on = val_on(rd);
    } else if (!w->bcs_seen && named(rd, "bCs")) {
      w->bcs_seen = 1;
      w->bcs_on = val_on(rd);
    }
    return R_SKIP;
  }
  return R_SKIP;
}

/* Put "label " at the start of the current paragraph: where it is written
 * when w:pPr comes first, as the schema has it, else moved there. */
static void put_label(struct walk *w, char *label)
{
  size_t n = strlen(label), at = w->para_start, tail = w->out->len - at;
  label[n++] = ' ';
  if (buf_add(w->out, label, n))
    return;
  char *d = w->out->data;
  memmove(d + at + n, d + at, tail);
  memcpy(d + at, label, n);
}

/* What the end of an element of `role` writes. */
static void element_end(struct walk *w, enum role role, int in_table)
{
  switch (role) {
  case R_PARA:
    set_bold(w, 0);
    if (!in_table)
      buf_addc(w->out, '\n');
    break;
  case R_PPR:
    if (w->numpr_seen && !in_table) {
      char label[72];
      numbering_label(w->nb, w->num_id, w->ilvl, label, sizeof label - 1);
      if (label[0])
        put_label(w, label);
    }
    break;
  case R_RPR:
    w->run_bold = w->b_seen ? w->b_on : w->bcs_seen ? w->bcs_on : 0;
    break;
  case R_RUN:
    /* the run's bold is known: write its output */
    for (size_t i = 0; i < w->run.len; i++) {
      char c = w->run.data[i];
      if (c == MARK_BOLD || c == MARK_PLAIN)
        set_bold(w, c == MARK_BOLD && w->run_bold);
      else
        buf_addc(w->out, c);
    }
    buf_reset(&w->run);
    break;
  case R_CELL:
    buf_adds(w->out, " |");
    break;
  case R_ROW:
    buf_addc(w->out, '\n');
    break;
  default:
    break;
  }
}

/* Text inside a w:t, into the run's output: a "|" in a table cell or a
 * newline would break the line format. */
static void add_text(struct walk *w, const char *s, int in_table)
{
  if (!s || !*s)
    return;
  buf_addc(&w->run, MARK_BOLD);
  for (const char *q = s; *q; q++)
    buf_addc(&w->run, (*q == '\n' || (*q == '|' && in_table)) ? ' ' : *q);
}

/* Read the body of word/document.xml into w->out. ERR_INPUT with a message
 * for malformed XML and for a document over the caps. */
static int walk_document(struct walk *w, xmlTextReaderPtr rd, const struct part_in *in,
                         struct err *err)
{
  int r;
  while ((r = xmlTextReaderRead(rd)) == 1) {
    int type = xmlTextReaderNodeType(rd);
    if (type == XML_READER_TYPE_ELEMENT) {
      char num[32];
      if (++w->elements > DOC_READ_MAX_ELEMENTS)
        return err_set(err, ERR_INPUT,
                       "tệp .docx có hơn %s phần tử XML: quá lớn để là một kế hoạch",
                       number_format_vn(num, sizeof num, (double)DOC_READ_MAX_ELEMENTS, 0));
      if (w->depth == 0) {
        /* the document element itself */
        if (xmlTextReaderIsEmptyElement(rd))
          continue;
        w->role[0] = R_DOC;
        w->table[0] = 0;
        w->depth = 1;
        continue;
      }
      enum role parent = (enum role)w->role[w->depth - 1];
      int in_table = w->table[w->depth - 1];
      enum role role = element_start(w, rd, parent);
      int table = in_table || role == R_CELL;
      if (role == R_PARA && w->paras > DOC_READ_MAX_PARAS)
        return err_set(err, ERR_INPUT, "tệp .docx có hơn %s đoạn văn: quá nhiều để là một kế hoạch",
                       number_format_vn(num, sizeof num, (double)DOC_READ_MAX_PARAS, 0));
      if (xmlTextReaderIsEmptyElement(rd)) {
        element_end(w, role, table); /* <w:p/>: no END_ELEMENT follows */
      } else {
        if (w->depth >= MAX_DEPTH)
          return err_set(err, ERR_INPUT, "tệp .docx lồng nhau quá sâu");
        w->role[w->depth] = (unsigned char)role;
        w->table[w->depth] = (unsigned char)table;
        w->depth++;
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (w->depth > 0) {
        w->depth--;
        element_end(w, (enum role)w->role[w->depth], w->table[w->depth]);
      }
    } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_WHITESPACE ||
                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
               w->depth > 0 && w->role[w->depth - 1] == R_TEXT) {
      add_text(w, (const char *)xmlTextReaderConstValue(rd), w->table[w->depth - 1]);
    }
    if (buf_failed(w->out) || buf_failed(&w->run))
      return err_set(err, ERR_INPUT, "văn bản trong tệp .docx quá lớn (hơn %zu MB chữ)",
                     DOC_READ_MAX_TEXT >> 20);
  }
  if (r < 0 || in->broken) {
    if (in->too_big)
      return err_set(err, ERR_INPUT,
                     "phần word/document.xml của tệp .docx quá lớn (giới hạn %zu MB)",
                     DOC_READ_MAX_PART >> 20);
    if (in->broken)
      return err_set(err, ERR_INPUT, "phần word/document.xml của tệp .docx bị hỏng");
    return err_set(err, ERR_INPUT, "phần nội dung của tệp .docx không phải XML hợp lệ");
  }
  if (!w->body_seen)
    return err_set(err, ERR_INPUT, "tệp .docx không có thân văn bản (w:body)");
  return ERR_OK;
}

int doc_read_docx_mem(char **text, size_t *len, const void *data, size_t n, struct err *err)
{
  *text = NULL;
  *len = 0;
  if (n > DOC_READ_MAX_FILE)
    return err_set(err, ERR_INPUT, "tệp quá lớn (giới hạn %zu MB)", DOC_READ_MAX_FILE >> 20);
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return err_nomem(err);
  }
  zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
  zip_error_fini(&ze);
  if (!z) {
    zip_source_free(src);
    return err_set(err, ERR_INPUT, "tệp không phải .docx hợp lệ (không đọc được dạng nén zip)");
  }
  struct numbering nb;
  memset(&nb, 0, sizeof nb);
  struct part_in in;
  xmlTextReaderPtr rd = NULL;
  int rc = part_open(&rd, &in, z, "word/numbering.xml", err);
  if (rc == ERR_OK)
    numbering_load(&nb, rd);
  part_close_all(rd, &in);
  if (rc == ERR_NOT_FOUND)
    rc = ERR_OK;
  struct buf out;
  buf_init(&out, DOC_READ_MAX_TEXT);
  if (rc == ERR_OK) {
    rc = part_open(&rd, &in, z, "word/document.xml", err);
    if (rc == ERR_NOT_FOUND)
      rc = err_set(err, ERR_INPUT, "tệp .docx không có phần nội dung (word/document.xml)");
  }
  if (rc == ERR_OK) {
    struct walk w;
    memset(&w, 0, sizeof w);
    w.out = &out;
    buf_init(&w.run, DOC_READ_MAX_TEXT);
    w.nb = &nb;
    rc = walk_document(&w, rd, &in, err);
    buf_free(&w.run);
    part_close_all(rd, &in);
  }
  zip_close(z);
  free(nb.abs);
  if (rc == ERR_OK) {
    /* the XML parser guarantees UTF-8; keep the same checks as for text */
    rc = doc_read_text_mem(text, len, buf_str(&out), out.len, err);
  }
  buf_free(&out);
  return rc;
}

/* ==== files ==================================================================== */

static int ends_with(const char *s, const char *suf)
{
  size_t a = strlen(s), b = strlen(suf);
  if (a < b)
    return 0;
  for (size_t i = 0; i < b; i++) {
    char c = s[a - b + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != suf[i])
      return 0;
  }
  return 1;
}

/* The whole file, when it is at most `max` bytes. */
static int slurp(const char *path, size_t max, char **data, size_t *n, struct err *err)
{
  *data = NULL;
  *n = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return err_set(err, ERR_IO, "không mở được tệp %s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return err_set(err, ERR_INPUT, "%s không phải một tệp", path);
  }
  if ((size_t)st.st_size > max) {
    fclose(f);
    return err_set(err, ERR_INPUT, "tệp %s quá lớn (%lld byte; giới hạn %zu MB)", path,
                   (long long)st.st_size, max >> 20);
  }
  char *b = malloc((size_t)st.st_size + 1);
  if (!b) {
    fclose(f);
    return err_nomem(err);
  }
  size_t got = fread(b, 1, (size_t)st.st_size, f);
  fclose(f);
  if (got != (size_t)st.st_size) {
    free(b);
    return err_set(err, ERR_IO, "đọc tệp %s không trọn vẹn", path);
  }
  b[got] = '\0';
  *data = b;
  *n = got;
  return ERR_OK;
}

/* Is `prog` an executable on PATH? */
static int on_path(const char *prog)
{
  const char *path = getenv("PATH");
  if (!path)
    return 0;
  char dir[4096];
  while (*path) {
    size_t k = strcspn(path, ":");
    if (k > 0 && k < sizeof dir - 64) {
      snprintf(dir, sizeof dir, "%.*s/%s", (int)k, path, prog);
      if (access(dir, X_OK) == 0)
        return 1;
    }
    path += k;
    if (*path == ':')
      path++;
  }
  return 0;
}

static int read_pdf(char **text, size_t *len, const char *path, struct err *err)
{
  if (!on_path("pdftotext"))
    return err_set(err, ERR_INPUT,
                   "cần chương trình pdftotext (gói poppler-utils) để đọc PDF; hãy cài gói đó "
                   "hoặc lưu văn bản dưới dạng .docx hay .txt");
  int fd[2];
  if (pipe(fd) != 0)
    return err_set(err, ERR_IO, "không tạo được ống dẫn: %s", strerror(errno));
  pid_t pid = fork();
  if (pid < 0) {
    close(fd[0]);
    close(fd[1]);
    return err_set(err, ERR_IO, "không chạy được pdftotext: %s", strerror(errno));
  }
  if (pid == 0) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0)
      dup2(devnull, 2);
    execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8", path, "-", (char *)NULL);
    _exit(127);
  }
  close(fd[1]);
  struct buf b;
  buf_init(&b, 2 * DOC_READ_MAX_TEXT); /* CRs and a BOM are dropped after */
  char chunk[65536];
  ssize_t r;
  while ((r = read(fd[0], chunk, sizeof chunk)) > 0)
    buf_add(&b, chunk, (size_t)r);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  int rc;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    rc = err_set(err, ERR_INPUT, "pdftotext không đọc được %s (tệp PDF hỏng hoặc có mật khẩu)",
                 path);
  else if (buf_failed(&b))
    rc = err_set(err, ERR_INPUT, "văn bản của tệp PDF quá lớn");
  else
    rc = doc_read_text_mem(text, len, buf_str(&b), b.len, err);
  buf_free(&b);
  return rc;
}

int doc_read_file(char **text, size_t *len, const char *path, struct err *err)
{
  *text = NULL;
  *len = 0;
  if (ends_with(path, ".pdf"))
    return read_pdf(text, len, path, err);
  char *data;
  size_t n;
  /* a text file is its text: no bigger than the text the plan reader takes */
  int as_text = ends_with(path, ".txt") || ends_with(path, ".md");
  int rc = slurp(path, as_text ? DOC_READ_MAX_TEXT : DOC_READ_MAX_FILE, &data, &n, err);
  if (rc)
    return rc;
  int zip = n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
  if (ends_with(path, ".docx") || (zip && !ends_with(path, ".txt") && !ends_with(path, ".md")))
    rc = doc_read_docx_mem(text, len, data, n, err);
  else if (ends_with(path, ".doc") && n >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0)
    rc = err_set(err, ERR_INPUT,
                 "tệp .doc (Word 97-2003) chưa đọc được; hãy lưu lại dưới dạng .docx");
  else
    rc = doc_read_text_mem(text, len, data, n, err);
  free(data);
  return rc;
}
