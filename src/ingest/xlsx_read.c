/* xlsx_read.c: the .xlsx sheet reader (see xlsx_read.h).
 *
 * Four parts of the zip are read, each through libxml2's streaming reader
 * fed by a capped zip stream (struct part): xl/workbook.xml names the first
 * sheet and the date system; its relationships (xl/_rels/workbook.xml.rels)
 * say where the sheet, the shared strings and the styles are; the styles
 * say which cell formats show dates; the shared strings are kept in memory
 * (the only part kept whole, under its own cap). The sheet itself is read
 * one row per xlsx_next call. libxml2 runs with no network and no entity
 * substitution, and its own messages are silenced: the reader reports in
 * Vietnamese. */
#include "ingest/xlsx_read.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "base/buf.h"
#include "base/date.h"
#include "ingest/cell_check.h"

#define NS_REL        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define XML_OPTIONS   (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* One zip entry as an XML input: the bytes are counted as they are
 * inflated, so an entry that declares a small size and inflates to more
 * stops at its cap. */
struct part {
  zip_file_t *f;
  long long read, cap;
  int over; /* it went past the cap */
};

struct xlsx_reader {
  char *data; /* the file's bytes, owned: the zip is read from them */
  size_t len; /* bytes in data */
  zip_t *zip;
  char *path;
  char sheet[512]; /* the first sheet's part name */
  char **strings;  /* shared strings, owned */
  size_t n_strings, cap_strings;
  unsigned char *date_xf; /* 1 when cell format (xf) i shows a date */
  size_t n_xf;
  int date1904; /* serial 0 is 01/01/1904, not 1900's */
  struct part part;
  xmlTextReaderPtr xr; /* on the sheet; NULL at the end */
  long row_no;         /* the last row's number */
  char **fields;       /* the current row; "" cells point at `empty` */
  size_t n_fields, cap_fields;
  struct cell_issues issues; /* the current row's characters refused or removed */
};

static char empty[1] = "";

/* libxml2 may print some errors (encodings) on stderr despite NOERROR. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

static int part_read(void *ctx, char *buf, int len)
{
  struct part *p = ctx;
  if (!p->f)
    return -1;
  zip_int64_t n = zip_fread(p->f, buf, (zip_uint64_t)len);
  if (n < 0)
    return -1;
  p->read += n;
  if (p->read > p->cap) {
    p->over = 1;
    return -1;
  }
  return (int)n;
}

static int part_close(void *ctx)
{
  struct part *p = ctx;
  if (p->f)
    zip_fclose(p->f);
  p->f = NULL;
  return 0;
}

/* A streaming XML reader on entry `name`, capped at `cap` bytes (declared
 * and inflated). ERR_NOT_FOUND when the zip has no such entry. */
static int part_open(xmlTextReaderPtr *out, struct part *p, struct xlsx_reader *r, const char *name,
                     long long cap, struct err *err)
{
  *out = NULL;
  memset(p, 0, sizeof *p);
  p->cap = cap;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(r->zip, name, 0, &st) != 0)
    return ERR_NOT_FOUND;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)cap)
    return err_set(err, ERR_INPUT, "tệp \"%s\": phần %s quá lớn (%llu MB, giới hạn %lld MB)",
                   r->path, name, (unsigned long long)(st.size >> 20), cap >> 20);
  p->f = zip_fopen(r->zip, name, 0);
  if (!p->f)
    return err_set(err, ERR_INPUT, "tệp \"%s\": không mở được phần %s (tệp .xlsx hỏng?)", r->path,
                   name);
  xmlSetGenericErrorFunc(NULL, xml_quiet);
  *out = xmlReaderForIO(part_read, part_close, p, name, NULL, XML_OPTIONS);
  if (!*out)
    return err_nomem(err);
  return ERR_OK;
}

/* The error of a part whose reading stopped (-1 from xmlTextReaderRead). */
static int part_failed(struct xlsx_reader *r, const struct part *p, const char *name,
                       struct err *err)
{
  if (p->over)
    return err_set(err, ERR_INPUT, "tệp \"%s\": phần %s giải nén ra quá %lld MB", r->path, name,
                   p->cap >> 20);
  return err_set(err, ERR_INPUT, "tệp \"%s\": phần %s không phải XML đọc được (tệp .xlsx hỏng?)",
                 r->path, name);
}

static const char *local_name(xmlTextReaderPtr xr)
{
  const xmlChar *n = xmlTextReaderConstLocalName(xr);
  return n ? (const char *)n : "";
}

static int is_start(xmlTextReaderPtr xr, const char *name)
{
  return xmlTextReaderNodeType(xr) == XML_READER_TYPE_ELEMENT && strcmp(local_name(xr), name) == 0;
}

static int is_end(xmlTextReaderPtr xr, const char *name)
{
  return xmlTextReaderNodeType(xr) == XML_READER_TYPE_END_ELEMENT &&
         strcmp(local_name(xr), name) == 0;
}

/* An attribute by local name (namespace ignored: "r", "t", "s"), or NULL;
 * the caller frees it with xmlFree. */
static char *attr(xmlTextReaderPtr xr, const char *name)
{
  return (char *)xmlTextReaderGetAttribute(xr, (const xmlChar *)name);
}

/* ---------------------------------------------------------------------------
 * Workbook, relationships, styles, shared strings
 * ------------------------------------------------------------------------- */

/* A relationship's target as a part name: relative to xl/, or absolute. */
static void target_path(char *out, size_t n, const char *target)
{
  if (target[0] == '/')
    snprintf(out, n, "%s", target + 1);
  else
    snprintf(out, n, "xl/%s", target);
}

static int ends_with(const char *s, const char *tail)
{
  size_t a = strlen(s), b = strlen(tail);
  return a >= b && strcmp(s + a - b, tail) == 0;
}

/* The first sheet's relationship id and the date system, from xl/workbook.xml. */
static int read_workbook(struct xlsx_reader *r, char *rid, size_t n, struct err *err)
{
  struct part p;
  xmlTextReaderPtr xr;
  int rc = part_open(&xr, &p, r, "xl/workbook.xml", XLSX_MAX_PART, err);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_INPUT,
                   "tệp \"%s\" không phải sổ tính Excel .xlsx (không có xl/workbook.xml)", r->path);
  if (rc)
    return rc;
  rid[0] = '\0';
  int got;
  while (!rid[0] && (got = xmlTextReaderRead(xr)) == 1) {
    if (is_start(xr, "workbookPr")) {
      char *v = attr(xr, "date1904");
      r->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
      xmlFree(v);
    } else if (is_start(xr, "sheet")) {
      xmlChar *v = xmlTextReaderGetAttributeNs(xr, (const xmlChar *)"id", (const xmlChar *)NS_REL);
      if (!v)
        v = xmlTextReaderGetAttributeNs(xr, (const xmlChar *)"id", (const xmlChar *)NS_REL_STRICT);
      snprintf(rid, n, "%s", v ? (const char *)v : "");
      xmlFree(v);
    }
  }
  if (!rid[0])
    rc = got < 0 ? part_failed(r, &p, "xl/workbook.xml", err)
                 : err_set(err, ERR_INPUT, "tệp \"%s\": sổ tính không có trang tính nào", r->path);
  xmlFreeTextReader(xr);
  return rc;
}

/* Where the sheet with relationship `rid`, the shared strings and the
 * styles are ("" when the workbook has none). */
static int read_rels(struct xlsx_reader *r, const char *rid, char *strings, char *styles, size_t n,
                     struct err *err)
{
  static const char name[] = "xl/_rels/workbook.xml.rels";
  struct part p;
  xmlTextReaderPtr xr;
  r->sheet[0] = strings[0] = styles[0] = '\0';
  int rc = part_open(&xr, &p, r, name, XLSX_MAX_PART, err);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_INPUT, "tệp \"%s\" không phải sổ tính Excel .xlsx (không có %s)",
                   r->path, name);
  if (rc)
    return rc;
  int got;
  while ((got = xmlTextReaderRead(xr)) == 1) {
    if (!is_start(xr, "Relationship"))
      continue;
    char *id = attr(xr, "Id"), *type = attr(xr, "Type"), *target = attr(xr, "Target");
    if (id && type && target) {
      if (strcmp(id, rid) == 0)
        target_path(r->sheet, sizeof r->sheet, target);
      else if (ends_with(type, "/sharedStrings"))
        target_path(strings, n, target);
      else if (ends_with(type, "/styles"))
        target_path(styles, n, target);
    }
    xmlFree(id);
    xmlFree(type);
    xmlFree(target);
  }
  xmlFreeTextReader(xr);
  if (got < 0)
    return part_failed(r, &p, name, err);
  if (!r->sheet[0])
    return err_set(err, ERR_INPUT, "tệp \"%s\": không tìm thấy trang tính đầu tiên (%s)", r->path,
                   rid);
  return ERR_OK;
}

/* 1 when a number format code shows a date: a day or year field outside
 * quoted text, escapes and [brackets] ("dd/mm/yyyy", "DD/MM/YYYY",
 * "d-mmm-yy"); "mm" alone may be minutes, so it does not count. */
static int code_is_date(const char *code)
{
  int quoted = 0;
  for (const char *p = code; *p; p++) {
    if (*p == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (*p == '\\' || *p == '_' || *p == '*') {
      if (p[1])
        p++;
    } else if (*p == '[') {
      const char *e = strchr(p, ']');
      if (!e)
        return 0;
      p = e;
    } else if (tolower((unsigned char)*p) == 'd' || tolower((unsigned char)*p) == 'y') {
      return 1;
    }
  }
  return 0;
}

/* The built-in number formats that show a date (ECMA-376 18.8.30, with
 * the East Asian ones); 18-21 and 45-47 are times of day. */
static int builtin_is_date(long id)
{
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* Which cell formats (xf of cellXfs, by index) show a date. */
static int read_styles(struct xlsx_reader *r, const char *name, struct err *err)
{
  struct part p;
  xmlTextReaderPtr xr;
  int rc = part_open(&xr, &p, r, name, XLSX_MAX_PART, err);
  if (rc == ERR_NOT_FOUND)
    return ERR_OK; /* no styles: no dates, numbers stay numbers */
  if (rc)
    return rc;
  long custom_ids[256]; /* custom formats that show a date */
  size_t n_custom = 0, cap_xf = 0;
  int in_xfs = 0, got = 0;
  while (!rc && (got = xmlTextReaderRead(xr)) == 1) {
    if (is_start(xr, "numFmt")) {
      char *id = attr(xr, "numFmtId"), *code = attr(xr, "formatCode");
      if (id && code && code_is_date(code) && n_custom < sizeof custom_ids / sizeof *custom_ids)
        custom_ids[n_custom++] = strtol(id, NULL, 10);
      xmlFree(id);
      xmlFree(code);
    } else if (is_start(xr, "cellXfs")) {
      in_xfs = !xmlTextReaderIsEmptyElement(xr);
    } else if (is_end(xr, "cellXfs")) {
      in_xfs = 0;
    } else if (in_xfs && is_start(xr, "xf")) {
      char *v = attr(xr, "numFmtId");
      long id = v ? strtol(v, NULL, 10) : 0;
      xmlFree(v);
      int date = builtin_is_date(id);
      for (size_t i = 0; i < n_custom; i++)
        date = date || custom_ids[i] == id;
      if (r->n_xf == cap_xf) {
        size_t c = cap_xf ? cap_xf * 2 : 64;
        unsigned char *d = realloc(r->date_xf, c);
        if (!d) {
          rc = err_nomem(err);
          break;
        }
        r->date_xf = d;
        cap_xf = c;
      }
      r->date_xf[r->n_xf++] = (unsigned char)date;
    }
  }
  xmlFreeTextReader(xr);
  if (!rc && got < 0)
    rc = part_failed(r, &p, name, err);
  return rc;
}

static int push_string(struct xlsx_reader *r, const char *s, struct err *err)
{
  if (r->n_strings == r->cap_strings) {
    size_t c = r->cap_strings ? r->cap_strings * 2 : 1024;
    char **a = realloc(r->strings, c * sizeof *a);
    if (!a)
      return err_nomem(err);
    r->strings = a;
    r->cap_strings = c;
  }
  if (!(r->strings[r->n_strings] = strdup(s)))
    return err_nomem(err);
  r->n_strings++;
  return ERR_OK;
}

/* Append the text of the current <t> element (its whole content) to b. */
static void add_t(struct buf *b, xmlTextReaderPtr xr)
{
  if (xmlTextReaderIsEmptyElement(xr))
    return;
  xmlChar *s = xmlTextReaderReadString(xr);
  if (s)
    buf_adds(b, (const char *)s);
  xmlFree(s);
}

/* The shared strings: each <si> is the text of its <t> runs, phonetic
 * runs (<rPh>, East Asian readings) left out. */
static int read_strings(struct xlsx_reader *r, const char *name, struct err *err)
{
  struct part p;
  xmlTextReaderPtr xr;
  int rc = part_open(&xr, &p, r, name, XLSX_MAX_STRINGS, err);
  if (rc == ERR_NOT_FOUND)
    return ERR_OK;
  if (rc)
    return rc;
  struct buf b;
  buf_init(&b, 0);
  int in_si = 0, in_rph = 0, got = 0;
  while (!rc && (got = xmlTextReaderRead(xr)) == 1) {
    if (is_start(xr, "si")) {
      buf_reset(&b);
      in_si = 1;
      if (xmlTextReaderIsEmptyElement(xr)) {
        rc = push_string(r, "", err);
        in_si = 0;
      }
    } else if (is_start(xr, "rPh")) {
      in_rph = !xmlTextReaderIsEmptyElement(xr);
    } else if (is_end(xr, "rPh")) {
      in_rph = 0;
    } else if (in_si && !in_rph && is_start(xr, "t")) {
      add_t(&b, xr);
    } else if (is_end(xr, "si")) {
      rc = buf_failed(&b) ? err_nomem(err) : push_string(r, buf_str(&b) ? buf_str(&b) : "", err);
      in_si = 0;
    }
  }
  buf_free(&b);
  xmlFreeTextReader(xr);
  if (!rc && got < 0)
    rc = part_failed(r, &p, name, err);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Opening
 * ------------------------------------------------------------------------- */

static int sheet_open(struct xlsx_reader *r, struct err *err)
{
  r->row_no = 0;
  int rc = part_open(&r->xr, &r->part, r, r->sheet, XLSX_MAX_SHEET, err);
  if (rc == ERR_NOT_FOUND)
    return err_set(err, ERR_INPUT, "tệp \"%s\": thiếu trang tính %s (tệp .xlsx hỏng?)", r->path,
                   r->sheet);
  return rc;
}

/* The whole file into r->data (the zip is read from memory, so the bytes
 * hashed are the bytes read). ERR_IO when it cannot be read. */
static int read_file(struct xlsx_reader *r, struct err *err)
{
  struct buf b;
  buf_init(&b, (size_t)XLSX_MAX_FILE);
  int rc = buf_read_file(&b, r->path, err);
  if (rc)
    return rc;
  r->len = b.len;
  r->data = buf_detach(&b);
  return r->data ? ERR_OK : err_nomem(err);
}

/* The zip over r->data. */
static int open_zip(struct xlsx_reader *r, struct err *err)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(r->data, r->len, 0, &ze);
  if (src && !(r->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
    zip_source_free(src);
  zip_error_fini(&ze);
  if (!src)
    return err_nomem(err);
  if (!r->zip)
    return err_set(err, ERR_INPUT,
                   "tệp \"%s\" không phải sổ tính Excel .xlsx (không phải tệp nén zip; tệp .xls "
                   "cũ hay .csv: lưu lại dạng .xlsx hoặc đổi tên thành .csv)",
                   r->path);
  return ERR_OK;
}

int xlsx_open(struct xlsx_reader **out, const char *path, struct err *err)
{
  *out = NULL;
  struct xlsx_reader *r = calloc(1, sizeof *r);
  if (!r || !(r->path = strdup(path))) {
    free(r);
    return err_nomem(err);
  }
  int rc = read_file(r, err);
  if (!rc)
    rc = open_zip(r, err);
  if (!rc) {
    zip_int64_t n = zip_get_num_entries(r->zip, 0);
    if (n < 0 || n > XLSX_MAX_ENTRIES)
      rc = err_set(err, ERR_INPUT, "tệp \"%s\": %lld phần trong tệp nén, quá giới hạn %d", path,
                   (long long)n, XLSX_MAX_ENTRIES);
  }
  char rid[256], strings[512], styles[512];
  if (!rc)
    rc = read_workbook(r, rid, sizeof rid, err);
  if (!rc)
    rc = read_rels(r, rid, strings, styles, sizeof strings, err);
  if (!rc && styles[0])
    rc = read_styles(r, styles, err);
  if (!rc && strings[0])
    rc = read_strings(r, strings, err);
  if (!rc)
    rc = sheet_open(r, err);
  if (rc) {
    xlsx_close(r);
    return rc;
  }
  *out = r;
  return ERR_OK;
}

static void clear_fields(struct xlsx_reader *r)
{
  for (size_t i = 0; i < r->n_fields; i++)
    if (r->fields[i] != empty)
      free(r->fields[i]);
  r->n_fields = 0;
}

int xlsx_rewind(struct xlsx_reader *r, struct err *err)
{
  clear_fields(r);
  xmlFreeTextReader(r->xr);
  r->xr = NULL;
  return sheet_open(r, err);
}

const void *xlsx_bytes(const struct xlsx_reader *r, size_t *len)
{
  *len = r->len;
  return r->data;
}

void xlsx_close(struct xlsx_reader *r)
{
  if (!r)
    return;
  clear_fields(r);
  free(r->fields);
  xmlFreeTextReader(r->xr);
  if (r->zip)
    zip_discard(r->zip); /* its source borrowed data: freed below */
  free(r->data);
  for (size_t i = 0; i < r->n_strings; i++)
    free(r->strings[i]);
  free(r->strings);
  free(r->date_xf);
  free(r->path);
  free(r);
}

/* ---------------------------------------------------------------------------
 * Cells
 * ------------------------------------------------------------------------- */

/* The column of a reference ("C17" -> 2), or -1 when it has no letters. */
static long ref_column(const char *ref)
{
  long col = 0;
  const char *p = ref;
  for (; *p >= 'A' && *p <= 'Z' && col <= XLSX_MAX_COLUMNS; p++)
    col = col * 26 + (*p - 'A' + 1);
  return p == ref ? -1 : col - 1;
}

/* A serial day number as the date it stands for. The 1900 system counts
 * 1 = 01/01/1900 and keeps Lotus's 29/02/1900 (serial 60), which never was:
 * it is refused, and later serials are one day behind their count. */
static int serial_date(struct date *out, double serial, int date1904)
{
  if (!(serial >= 0 && serial < 3000000))
    return -1;
  long days = (long)floor(serial);
  struct date base;
  if (date1904) {
    base = (struct date){1904, 1, 1};
  } else {
    if (days < 1 || days == 60)
      return -1;
    base = days < 60 ? (struct date){1899, 12, 31} : (struct date){1899, 12, 30};
  }
  *out = date_add_days(base, days);
  return out->y <= 9999 ? 0 : -1;
}

/* A number in plain digits, the decimal comma, never an exponent. */
static void number_text(char *out, size_t n, double x)
{
  if (x == floor(x) && fabs(x) < 1e15) {
    snprintf(out, n, "%.0f", x);
    return;
  }
  snprintf(out, n, "%.10f", x);
  char *point = strchr(out, '.');
  if (!point)
    return;
  size_t l = strlen(out);
  while (l && out[l - 1] == '0')
    out[--l] = '\0';
  if (out[l - 1] == '.')
    out[l - 1] = '\0';
  else
    *point = ',';
}

struct cell {
  long col;
  char *type;    /* t attribute, or NULL (a number) */
  long style;    /* s attribute */
  struct buf v;  /* <v> */
  struct buf is; /* inline string */
};

/* The cell's text as the register parsers read it (malloc'd, or `empty`). */
static int cell_text(char **out, struct xlsx_reader *r, struct cell *c, struct err *err)
{
  const char *t = c->type ? c->type : "n";
  const char *v = buf_str(&c->v) ? buf_str(&c->v) : "";
  char tmp[400];
  const char *s = v;
  if (strcmp(t, "s") == 0) {
    char *end;
    long ix = strtol(v, &end, 10);
    if (end == v || *end || ix < 0 || (size_t)ix >= r->n_strings)
      return err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: ô trỏ tới chuỗi không có (%s)", r->path,
                     r->row_no, v);
    s = r->strings[ix];
  } else if (strcmp(t, "inlineStr") == 0) {
    s = buf_str(&c->is) ? buf_str(&c->is) : "";
  } else if (strcmp(t, "b") == 0) {
    s = strcmp(v, "1") == 0 ? "có" : "không";
  } else if (strcmp(t, "d") == 0) {
    struct date d;
    char iso[DATE_ISO_LEN];
    snprintf(iso, sizeof iso, "%.10s", v);
    if (date_parse(&d, iso, 0, NULL) == ERR_OK) {
      date_to_vn(tmp, d);
      s = tmp;
    }
  } else if (strcmp(t, "n") == 0 && *v) {
    char *end;
    double x = strtod(v, &end);
    struct date d;
    if (end == v || *end) {
      s = v;
    } else if (c->style >= 0 && (size_t)c->style < r->n_xf && r->date_xf[c->style] &&
               serial_date(&d, x, r->date1904) == 0) {
      date_to_vn(tmp, d);
      s = tmp;
    } else {
      number_text(tmp, sizeof tmp, x);
      s = tmp;
    }
  }
  if (!*s) {
    *out = empty;
    return ERR_OK;
  }
  return (*out = strdup(s)) ? ERR_OK : err_nomem(err);
}

/* Put the finished cell into the row at its column. */
static int put_cell(struct xlsx_reader *r, struct cell *c, struct err *err)
{
  if (buf_failed(&c->v) || buf_failed(&c->is))
    return err_nomem(err);
  if (c->col < 0 || c->col >= XLSX_MAX_COLUMNS)
    return err_set(err, ERR_INPUT, "tệp \"%s\", dòng %ld: ô ngoài các cột A-XFD", r->path,
                   r->row_no);
  size_t col = (size_t)c->col;
  if (col >= r->cap_fields) {
    size_t cap = r->cap_fields ? r->cap_fields : 16;
    while (cap <= col)
      cap *= 2;
    char **f = realloc(r->fields, cap * sizeof *f);
    if (!f)
      return err_nomem(err);
    r->fields = f;
    r->cap_fields = cap;
  }
  while (r->n_fields <= col)
    r->fields[r->n_fields++] = empty;
  if (r->fields[col] != empty) /* the same cell twice: the later wins */
    free(r->fields[col]);
  r->fields[col] = empty;
  return cell_text(&r->fields[col], r, c, err);
}

/* Start a <c>: its column (its reference, else the one after the last),
 * type and style. */
static void cell_start(struct cell *c, xmlTextReaderPtr xr, long next_col)
{
  char *ref = attr(xr, "r"), *s = attr(xr, "s");
  c->col = ref ? ref_column(ref) : -1;
  if (c->col < 0)
    c->col = next_col;
  free(c->type);
  char *t = attr(xr, "t");
  c->type = t ? strdup(t) : NULL;
  c->style = s ? strtol(s, NULL, 10) : 0;
  xmlFree(t);
  xmlFree(ref);
  xmlFree(s);
  buf_reset(&c->v);
  buf_reset(&c->is);
}

/* The characters of the row just read (ingest/cell_check.h): a cell with
 * something removed or refused is written again (refused characters as
 * U+FFFD). Returns 1, TABLE_BAD_ROW when a character is refused (err names
 * the first), -1 out of memory. */
static int check_row(struct xlsx_reader *r, struct table_row *row, struct err *err)
{
  r->issues.n = 0;
  int found = 0;
  struct buf clean;
  buf_init(&clean, 0);
  for (size_t i = 0; i < r->n_fields; i++) {
    char *f = r->fields[i];
    size_t len = strlen(f);
    if (!cell_check(&r->issues, i, f, len, NULL))
      continue;
    found |= cell_check(NULL, i, f, len, &clean);
    char *c = buf_detach(&clean);
    if (!c) {
      buf_free(&clean);
      err_nomem(err);
      return -1;
    }
    if (f != empty)
      free(f);
    r->fields[i] = c;
  }
  buf_free(&clean);
  row->issues = r->issues.items;
  row->n_issues = r->issues.n;
  if (!(found & CELL_REFUSED))
    return 1;
  cell_issues_refuse(&r->issues, row->line, err);
  return TABLE_BAD_ROW;
}

int xlsx_next(struct xlsx_reader *r, struct table_row *row, struct err *err)
{
  row->issues = NULL;
  row->n_issues = 0;
  clear_fields(r);
  if (!r->xr)
    return 0;
  struct cell c = {0, NULL, 0, {0}, {0}};
  buf_init(&c.v, 0);
  buf_init(&c.is, 0);
  int in_row = 0, in_cell = 0, in_is = 0, in_rph = 0, got = 0, rc = 0;
  long next_col = 0;
  while (!rc && (got = xmlTextReaderRead(r->xr)) == 1) {
    xmlTextReaderPtr xr = r->xr;
    int type = xmlTextReaderNodeType(xr);
    if (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_END_ELEMENT)
      continue;
    const char *name = local_name(xr);
    int start = type == XML_READER_TYPE_ELEMENT;
    int empty_el = start && xmlTextReaderIsEmptyElement(xr);
    if (start && strcmp(name, "row") == 0) {
      char *n = attr(xr, "r");
      r->row_no = n ? strtol(n, NULL, 10) : r->row_no + 1;
      xmlFree(n);
      in_row = 1;
      next_col = 0;
      if (empty_el)
        rc = 1;
    } else if (!in_row) {
      if (!start && strcmp(name, "sheetData") == 0)
        break; /* nothing after the data is read */
    } else if (start && strcmp(name, "c") == 0) {
      cell_start(&c, xr, next_col);
      in_cell = !empty_el;
      if (empty_el && (rc = put_cell(r, &c, err) ? -1 : 0) == 0)
        next_col = c.col + 1;
    } else if (!start && strcmp(name, "c") == 0) {
      in_cell = 0;
      if ((rc = put_cell(r, &c, err) ? -1 : 0) == 0)
        next_col = c.col + 1;
    } else if (in_cell && start && strcmp(name, "v") == 0 && !empty_el) {
      xmlChar *s = xmlTextReaderReadString(xr);
      buf_reset(&c.v);
      if (s)
        buf_adds(&c.v, (const char *)s);
      xmlFree(s);
    } else if (in_cell && start && strcmp(name, "is") == 0) {
      in_is = !empty_el;
    } else if (!start && strcmp(name, "is") == 0) {
      in_is = 0;
    } else if (in_is && start && strcmp(name, "rPh") == 0) {
      in_rph = !empty_el;
    } else if (!start && strcmp(name, "rPh") == 0) {
      in_rph = 0;
    } else if (in_is && !in_rph && start && strcmp(name, "t") == 0) {
      add_t(&c.is, xr);
    } else if (!start && strcmp(name, "row") == 0) {
      rc = 1;
    }
  }
  free(c.type);
  buf_free(&c.v);
  buf_free(&c.is);
  if (rc == 1) {
    row->fields = r->fields;
    row->n = r->n_fields;
    row->line = r->row_no;
    return check_row(r, row, err);
  }
  if (rc < 0)
    return -1;
  if (got < 0) {
    part_failed(r, &r->part, r->sheet, err);
    return -1;
  }
  /* the end of the sheet */
  xmlFreeTextReader(r->xr);
  r->xr = NULL;
  return 0;
}
