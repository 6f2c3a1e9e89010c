/* doc_read.c: files (.txt, .md, .docx, .pdf) to the plan reader's text.
 *
 * .docx: word/document.xml is parsed with libxml2 (no network, no entity
 * expansion, no DTD loading) from a part read through libzip with its
 * uncompressed size capped, so a zip bomb or a billion-laughs file is
 * refused instead of eating memory. Numbering is resolved through
 * word/numbering.xml: each w:num points at an abstract numbering whose
 * levels give a format (decimal, lowerLetter, upperRoman, bullet ...), a
 * start value and a text such as "%1.%2."; counters run per list and level
 * and a level restarts when a shallower one advances, as Word does.
 * .pdf: `pdftotext -layout FILE -` run without a shell. */
#include "ingest/doc_read.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "base/buf.h"
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
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi đọc tệp");
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
  *text = out;
  *len = o;
  return ERR_OK;
}

/* ==== docx: numbering ======================================================== */

enum { MAX_LVL = 9, MAX_NUM = 256 };

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
  int num_abs[MAX_NUM]; /* their abstract ids */
  int counter[MAX_NUM][MAX_LVL];
  size_t nnum;
};

/* An attribute's number, clamped: attributes come from the file. */
static int num_of(const char *s)
{
  long v = strtol(s, NULL, 10);
  return v < -1000000 ? -1000000 : v > 1000000 ? 1000000 : (int)v;
}

static int is_w(const xmlNode *n, const char *name)
{
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* w:val (or another attribute) of a node, copied into buf. */
static const char *attr(const xmlNode *n, const char *name, char *buf, size_t sz)
{
  buf[0] = '\0';
  if (!n)
    return buf;
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, name) == 0 && a->children && a->children->content) {
      snprintf(buf, sz, "%s", (const char *)a->children->content);
      break;
    }
  return buf;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is_w(c, name))
      return c;
  return NULL;
}

static void numbering_load(struct numbering *nb, xmlDoc *doc)
{
  memset(nb, 0, sizeof *nb);
  const xmlNode *root = xmlDocGetRootElement(doc);
  char v[64];
  size_t cap = 0;
  for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (is_w(c, "abstractNum")) {
      if (nb->nabs == cap) {
        size_t nc = cap ? cap * 2 : 16;
        struct abstract *na = realloc(nb->abs, nc * sizeof *na);
        if (!na)
          return;
        nb->abs = na;
        cap = nc;
      }
      struct abstract *a = &nb->abs[nb->nabs++];
      memset(a, 0, sizeof *a);
      a->id = num_of(attr(c, "abstractNumId", v, sizeof v));
      for (const xmlNode *l = c->children; l; l = l->next) {
        if (!is_w(l, "lvl"))
          continue;
        int il = num_of(attr(l, "ilvl", v, sizeof v));
        if (il < 0 || il >= MAX_LVL)
          continue;
        struct lvl *lv = &a->lvl[il];
        attr(child(l, "numFmt"), "val", lv->fmt, sizeof lv->fmt);
        attr(child(l, "lvlText"), "val", lv->text, sizeof lv->text);
        const char *st = attr(child(l, "start"), "val", v, sizeof v);
        lv->start = *st ? num_of(st) : 1;
      }
    } else if (is_w(c, "num") && nb->nnum < MAX_NUM) {
      nb->num_id[nb->nnum] = num_of(attr(c, "numId", v, sizeof v));
      nb->num_abs[nb->nnum] = num_of(attr(child(c, "abstractNumId"), "val", v, sizeof v));
      nb->nnum++;
    }
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
  if (ni == nb->nnum)
    return;
  const struct abstract *a = NULL;
  for (size_t k = 0; k < nb->nabs; k++)
    if (nb->abs[k].id == nb->num_abs[ni])
      a = &nb->abs[k];
  if (!a)
    return;
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

struct walk {
  struct buf *out;
  struct numbering *nb;
  int in_bold; /* a "**" is open in the output */
};

static int run_bold(const xmlNode *r)
{
  const xmlNode *pr = child(r, "rPr");
  const xmlNode *b = child(pr, "b");
  if (!b)
    b = child(pr, "bCs");
  if (!b)
    return 0;
  char v[16];
  attr(b, "val", v, sizeof v);
  return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static void set_bold(struct walk *w, int on)
{
  if (on != w->in_bold) {
    buf_adds(w->out, "**");
    w->in_bold = on;
  }
}

/* The text of the runs under n (runs may sit in hyperlinks, insertions, smart tags). */
static void walk_runs(struct walk *w, const xmlNode *n, int in_table)
{
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (is_w(c, "pPr") || is_w(c, "rPr") || is_w(c, "del") || is_w(c, "delText"))
      continue;
    if (is_w(c, "r")) {
      int bold = run_bold(c);
      for (const xmlNode *t = c->children; t; t = t->next) {
        if (is_w(t, "t")) {
          xmlChar *s = xmlNodeGetContent(t);
          if (s && *s) {
            set_bold(w, bold);
            /* a "|" in a table cell or a newline would break the line format */
            for (const xmlChar *q = s; *q; q++)
              buf_addc(w->out, (*q == '\n' || (*q == '|' && in_table)) ? ' ' : (char)*q);
          }
          xmlFree(s);
        } else if (is_w(t, "tab") || is_w(t, "br") || is_w(t, "cr")) {
          buf_addc(w->out, ' ');
        } else if (is_w(t, "footnoteReference") || is_w(t, "endnoteReference")) {
          char id[16];
          set_bold(w, 0);
          buf_adds(w->out, "<sup>");
          buf_adds(w->out, attr(t, "id", id, sizeof id));
          buf_adds(w->out, "</sup>");
        }
      }
      continue;
    }
    walk_runs(w, c, in_table);
  }
}

static void walk_para(struct walk *w, const xmlNode *p, int in_table)
{
  const xmlNode *ppr = child(p, "pPr");
  const xmlNode *np = child(ppr, "numPr");
  if (np && !in_table) {
    char v[16], label[64];
    int il = num_of(attr(child(np, "ilvl"), "val", v, sizeof v));
    int id = num_of(attr(child(np, "numId"), "val", v, sizeof v));
    numbering_label(w->nb, id, il, label, sizeof label);
    if (label[0]) {
      buf_adds(w->out, label);
      buf_addc(w->out, ' ');
    }
  }
  walk_runs(w, p, in_table);
  set_bold(w, 0);
}

static void walk_table(struct walk *w, const xmlNode *tbl)
{
  for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
    if (!is_w(tr, "tr"))
      continue;
    buf_addc(w->out, '|');
    for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
      if (!is_w(tc, "tc"))
        continue;
      buf_addc(w->out, ' ');
      int first = 1;
      for (const xmlNode *p = tc->children; p; p = p->next)
        if (is_w(p, "p")) {
          if (!first)
            buf_addc(w->out, ' ');
          walk_para(w, p, 1);
          first = 0;
        }
      buf_adds(w->out, " |");
    }
    buf_addc(w->out, '\n');
  }
}

static void walk_body(struct walk *w, const xmlNode *n)
{
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (is_w(c, "p")) {
      walk_para(w, c, 0);
      buf_addc(w->out, '\n');
    } else if (is_w(c, "tbl")) {
      walk_table(w, c);
    } else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml")) {
      walk_body(w, c); /* content controls hold paragraphs */
    }
  }
}

/* One part of the zip, whole, with its size capped. NULL part = absent. */
static int zip_part(zip_t *z, const char *name, char **data, size_t *n, struct err *err)
{
  *data = NULL;
  *n = 0;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name, 0, &st) != 0)
    return ERR_NOT_FOUND;
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > DOC_READ_MAX_PART)
    return err_set(err, ERR_INPUT, "phần %s của tệp .docx quá lớn (giới hạn %zu MB)", name,
                   DOC_READ_MAX_PART >> 20);
  zip_file_t *f = zip_fopen(z, name, 0);
  if (!f)
    return err_set(err, ERR_INPUT, "không mở được phần %s của tệp .docx", name);
  char *b = malloc((size_t)st.size + 1);
  if (!b) {
    zip_fclose(f);
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi đọc tệp .docx");
  }
  zip_int64_t got = zip_fread(f, b, st.size);
  zip_fclose(f);
  if (got < 0 || (zip_uint64_t)got != st.size) {
    free(b);
    return err_set(err, ERR_INPUT, "phần %s của tệp .docx bị hỏng", name);
  }
  b[st.size] = '\0';
  *data = b;
  *n = (size_t)st.size;
  return ERR_OK;
}

/* libxml2 may still print some errors (encodings) on stderr despite
 * XML_PARSE_NOERROR; the reader reports its own message instead. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
  (void)ctx;
  (void)msg;
}

static xmlDoc *parse_xml(const char *data, size_t n)
{
  if (n > (size_t)INT32_MAX)
    return NULL;
  xmlSetGenericErrorFunc(NULL, xml_quiet);
  /* no network, no entity substitution, no DTD loading: only the markup */
  return xmlReadMemory(data, (int)n, "part.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
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
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi mở tệp .docx");
  }
  zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
  zip_error_fini(&ze);
  if (!z) {
    zip_source_free(src);
    return err_set(err, ERR_INPUT, "tệp không phải .docx hợp lệ (không đọc được dạng nén zip)");
  }
  char *doc_xml = NULL, *num_xml = NULL;
  size_t doc_n = 0, num_n = 0;
  int rc = zip_part(z, "word/document.xml", &doc_xml, &doc_n, err);
  if (rc == ERR_NOT_FOUND)
    rc = err_set(err, ERR_INPUT, "tệp .docx không có phần nội dung (word/document.xml)");
  if (rc == ERR_OK) {
    int nr = zip_part(z, "word/numbering.xml", &num_xml, &num_n, err);
    if (nr != ERR_OK && nr != ERR_NOT_FOUND)
      rc = nr;
  }
  zip_close(z);
  struct numbering nb;
  memset(&nb, 0, sizeof nb);
  xmlDoc *doc = NULL;
  struct buf out;
  buf_init(&out, DOC_READ_MAX_PART);
  if (rc == ERR_OK && num_xml) {
    xmlDoc *nd = parse_xml(num_xml, num_n);
    if (nd) {
      numbering_load(&nb, nd);
      xmlFreeDoc(nd);
    }
  }
  if (rc == ERR_OK) {
    doc = parse_xml(doc_xml, doc_n);
    if (!doc)
      rc = err_set(err, ERR_INPUT, "phần nội dung của tệp .docx không phải XML hợp lệ");
  }
  if (rc == ERR_OK) {
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *body = child(root, "body");
    if (!body) {
      rc = err_set(err, ERR_INPUT, "tệp .docx không có thân văn bản (w:body)");
    } else {
      struct walk w = {&out, &nb, 0};
      walk_body(&w, body);
      if (buf_failed(&out))
        rc = err_set(err, ERR_INPUT, "văn bản trong tệp .docx quá lớn");
    }
  }
  if (doc)
    xmlFreeDoc(doc);
  free(doc_xml);
  free(num_xml);
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

static int slurp(const char *path, char **data, size_t *n, struct err *err)
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
  if ((size_t)st.st_size > DOC_READ_MAX_FILE) {
    fclose(f);
    return err_set(err, ERR_INPUT, "tệp %s quá lớn (%lld byte; giới hạn %zu MB)", path,
                   (long long)st.st_size, DOC_READ_MAX_FILE >> 20);
  }
  char *b = malloc((size_t)st.st_size + 1);
  if (!b) {
    fclose(f);
    return err_set(err, ERR_NOMEM, "hết bộ nhớ khi đọc tệp");
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
  buf_init(&b, DOC_READ_MAX_FILE);
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
  int rc = slurp(path, &data, &n, err);
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
