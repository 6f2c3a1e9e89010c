/* test_doc_read.c: documents to text. The .docx fixtures are built here,
 * in memory, from text (WordprocessingML written by the test with libzip),
 * never binary files of unknown origin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "types/plan.h"
#include "ingest/doc_read.h"
#include "ingest/plan_read.h"
#include "testutil.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* A zip in memory with the given parts (name, content pairs, NULL-ended). */
static void *make_zip(size_t *n, const char *const *parts)
{
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  assert_non_null(src);
  zip_source_keep(src);
  zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(z);
  for (size_t k = 0; parts[k]; k += 2) {
    zip_source_t *p = zip_source_buffer(z, parts[k + 1], strlen(parts[k + 1]), 0);
    assert_non_null(p);
    assert_true(zip_file_add(z, parts[k], p, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  assert_int_equal(zip_source_open(src), 0);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  void *buf = malloc((size_t)size);
  assert_non_null(buf);
  assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)size), size);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&ze);
  *n = (size_t)size;
  return buf;
}

/* Paragraph helpers: numbering (numId, level), bold runs. */
#define P(inner) "<w:p>" inner "</w:p>"
#define PN(num, lvl, inner)                                                                        \
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num                        \
  "\"/></w:numPr></w:pPr>" inner "</w:p>"
#define R(t)  "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define RB(t) "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define TC(t) "<w:tc>" P(R(t)) "</w:tc>"

static const char numbering_xml[] =
    "<w:numbering " W ">"
    /* 1: I. / 1. / a) ; 2: "1.1." two-level decimal; 3: bullets */
    "<w:abstractNum w:abstractNumId=\"10\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText "
    "w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
    "w:val=\"%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText "
    "w:val=\"%3)\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"20\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"2\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
    "w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
    "w:val=\"%1.%2.\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"30\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"30\"/></w:num>"
    "</w:numbering>";

/* A short plan as Word writes it: numbered parts and sections, a bold
 * agency opening a bullet, a line break, a footnote mark and a quota table. */
static const char document_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document " W
    "><w:body>" P(R("KẾ HOẠCH")) P(R("Phòng, chống ma túy năm 2025")) PN(1, 0, R("MỤC TIÊU, CHỈ TIÊU")) PN(
        1, 1,
        R("Chỉ tiêu đưa người vào cơ sở cai nghiện:")) "<w:tbl>"
                                                       "<w:tr>" TC("Đơn vị") TC(
                                                           "Số đối tượng") "</w:tr>"
                                                                           "<w:tr>" TC("thành phố "
                                                                                       "Lào Cai")
                                                                               TC("100") "</w:tr>"
                                                                                         "<w:"
                                                                                         "tr>" TC("huyện Bảo Thắng") TC(
                                                                                             "22") "</"
                                                                                                   "w:"
                                                                                                   "tr"
                                                                                                   ">"
                                                                                                   "</"
                                                                                                   "w:"
                                                                                                   "tb"
                                                                                                   "l"
                                                                                                   ">" PN(1, 0, R("NHIỆM VỤ VÀ GIẢI PHÁP")) PN(
                                                                                                       1,
                                                                                                       1,
                                                                                                       R("Công tác tuyên truyền"))
                                                                                                       PN(3,
                                                                                                          0,
                                                                                                          RB("Sở Y tế")
                                                                                                              R(" chủ trì, phối hợp với Công an tỉnh tổ chức tập huấn"
                                                                                                                "</w:t><w:br/><w:t xml:space=\"preserve\">cho cán bộ y tế"
                                                                                                                "</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
                                                                                                                "<w:r><w:t> hoàn thành trước ngày 30/8/2025."))
                                                                                                           PN(1, 2, R("Rà soát người nghiện trên địa bàn.")) PN(
                                                                                                               1,
                                                                                                               2,
                                                                                                               R("Lập hồ sơ cai nghiện."))
                                                                                                               PN(2, 0, R("Mục hai")) PN(
                                                                                                                   2,
                                                                                                                   1,
                                                                                                                   R("Mục hai một"))
                                                                                                                   PN(2,
                                                                                                                      1,
                                                                                                                      R("Mục hai hai"))
                                                                                                                       P("<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>không đậm</w:t></w:r>") "</w:body></w:document>";

static void test_docx_text(void **state)
{
  (void)state;
  const char *parts[] = {"word/document.xml", document_xml, "word/numbering.xml", numbering_xml,
                         NULL};
  size_t n;
  void *zip = make_zip(&n, parts);
  char *text;
  size_t len;
  struct err err = {0};
  assert_int_equal(doc_read_docx_mem(&text, &len, zip, n, &err), ERR_OK);
  if (getenv("PCMT_TEST_VERBOSE"))
    fputs(text, stderr);
  /* numbering resolved: parts I./II., sections restart under each part,
   * letters, a list starting at 2 with "%1.%2." */
  assert_non_null(strstr(text, "\nI. MỤC TIÊU, CHỈ TIÊU\n1. Chỉ tiêu"));
  assert_non_null(strstr(text, "\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Công tác tuyên truyền\n"));
  assert_non_null(strstr(text, "\n- **Sở Y tế** chủ trì"));
  assert_non_null(strstr(text, "tập huấn cho cán bộ y tế<sup>2</sup> hoàn thành"));
  assert_non_null(strstr(text, "\na) Rà soát người nghiện"));
  assert_non_null(strstr(text, "\nb) Lập hồ sơ"));
  assert_non_null(strstr(text, "\n2. Mục hai\n2.1. Mục hai một\n2.2. Mục hai hai\n"));
  assert_non_null(strstr(text, "\n| thành phố Lào Cai | 100 |\n"));
  assert_non_null(strstr(text, "\nkhông đậm\n")); /* w:b w:val="0" is not bold */
  /* and the plan reader reads it */
  struct plan p;
  assert_int_equal(plan_read_text(&p, text, len, &err), ERR_OK);
  assert_int_equal(p.n_targets, 1);
  assert_int_equal(p.targets[0].n_quotas, 2);
  assert_string_equal(p.targets[0].quotas[1].assignee, "huyện Bảo Thắng");
  assert_true(p.targets[0].value == 122);
  assert_true(p.n_tasks >= 3);
  assert_string_equal(p.tasks[0].lead[0], "Sở Y tế");
  assert_string_equal(p.tasks[0].support[0], "Công an tỉnh");
  assert_int_equal(p.tasks[0].due_on.m, 8);
  assert_string_equal(p.tasks[0].section, "II.1");
  plan_free(&p);
  free(text);
  free(zip);
}

static void test_docx_bad(void **state)
{
  (void)state;
  char *text;
  size_t len;
  struct err err = {0};
  /* not a zip */
  assert_int_equal(doc_read_docx_mem(&text, &len, "hello world", 11, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "zip"));
  /* a zip without the document part */
  const char *no_doc[] = {"word/styles.xml", "<w:styles " W "/>", NULL};
  size_t n;
  void *z = make_zip(&n, no_doc);
  assert_int_equal(doc_read_docx_mem(&text, &len, z, n, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "word/document.xml"));
  free(z);
  /* malformed XML */
  const char *bad_xml[] = {"word/document.xml", "<w:document " W "><w:body><w:p>", NULL};
  z = make_zip(&n, bad_xml);
  assert_int_equal(doc_read_docx_mem(&text, &len, z, n, &err), ERR_INPUT);
  free(z);
  /* an entity bomb is not expanded (no entity substitution) */
  const char *bomb[] = {"word/document.xml",
                        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
                        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                        "<w:document " W "><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p>"
                        "</w:body></w:document>",
                        NULL};
  z = make_zip(&n, bomb);
  int rc = doc_read_docx_mem(&text, &len, z, n, &err);
  if (rc == ERR_OK) {
    assert_true(len < 200);
    free(text);
  }
  free(z);
  /* truncated zip */
  const char *ok[] = {"word/document.xml", document_xml, NULL};
  z = make_zip(&n, ok);
  assert_int_equal(doc_read_docx_mem(&text, &len, z, n / 2, &err), ERR_INPUT);
  free(z);
}

/* ---- bounds ------------------------------------------------------------------ */

/* document.xml holding, in its body, `open`, `n` copies of `unit`, `close`. */
static char *body_of(const char *open, const char *unit, size_t n, const char *close)
{
  const char *head = "<w:document " W "><w:body>", *tail = "</w:body></w:document>";
  size_t ul = strlen(unit);
  struct buf b;
  buf_init(&b, 0);
  buf_adds(&b, head);
  buf_adds(&b, open);
  for (size_t k = 0; k < n; k++)
    buf_add(&b, unit, ul);
  buf_adds(&b, close);
  buf_adds(&b, tail);
  char *x = buf_detach(&b);
  assert_non_null(x);
  return x;
}

/* The .docx of document.xml `xml` read; returns the reader's answer. */
static int read_docx_of(char *xml, char **text, size_t *len, size_t *zip_size, struct err *err)
{
  const char *parts[] = {"word/document.xml", xml, NULL};
  size_t n;
  void *z = make_zip(&n, parts);
  if (zip_size)
    *zip_size = n;
  int rc = doc_read_docx_mem(text, len, z, n, err);
  free(z);
  free(xml);
  return rc;
}

/* A small file of millions of empty paragraphs (1.5 GB and 6.5 s as a
 * tree) is refused at the paragraph cap; at the cap it is read, one empty
 * line per paragraph. */
static void test_docx_paragraph_cap(void **state)
{
  (void)state;
  char *text = NULL;
  size_t len = 0, zip_size = 0;
  struct err err = {0};
  assert_int_equal(read_docx_of(body_of("", "<w:p/>", 2000000, ""), &text, &len, &zip_size, &err),
                   ERR_INPUT);
  assert_true(zip_size < 100000); /* 12 MB of XML in a small file */
  assert_non_null(strstr(err.msg, "hơn 200.000 đoạn văn"));
  assert_null(text);
  assert_int_equal(
      read_docx_of(body_of("", "<w:p/>", DOC_READ_MAX_PARAS + 1, ""), &text, &len, NULL, &err),
      ERR_INPUT);
  assert_int_equal(
      read_docx_of(body_of("", "<w:p/>", DOC_READ_MAX_PARAS, ""), &text, &len, NULL, &err), ERR_OK);
  assert_int_equal(len, DOC_READ_MAX_PARAS);
  assert_int_equal(strspn(text, "\n"), DOC_READ_MAX_PARAS);
  free(text);
}

/* Elements that write nothing (here inside one paragraph) are counted too. */
static void test_docx_element_cap(void **state)
{
  (void)state;
  char *text = NULL;
  size_t len = 0;
  struct err err = {0};
  /* with w:document, w:body and w:p: over the cap by 3 */
  char *x2 = body_of("<w:p>", "<a/>", DOC_READ_MAX_ELEMENTS, "</w:p>");
  assert_int_equal(read_docx_of(x2, &text, &len, NULL, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "hơn 4.000.000 phần tử XML"));
  assert_null(text);
}

/* The text written is capped at DOC_READ_MAX_TEXT: 2 MB of text in 1 KB
 * paragraphs is read, a few more paragraphs are refused. */
static void test_docx_text_cap(void **state)
{
  (void)state;
  char unit[1100];
  char word[1024];
  memset(word, 'a', sizeof word - 2);
  word[sizeof word - 2] = '\0'; /* 1,022 letters + the newline: 1,023 bytes a paragraph */
  snprintf(unit, sizeof unit, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>", word);
  size_t per = strlen(word) + 1, fit = DOC_READ_MAX_TEXT / per;
  char *text = NULL;
  size_t len = 0;
  struct err err = {0};
  assert_int_equal(read_docx_of(body_of("", unit, fit, ""), &text, &len, NULL, &err), ERR_OK);
  assert_int_equal(len, fit * per);
  free(text);
  assert_int_equal(read_docx_of(body_of("", unit, fit + 1, ""), &text, &len, NULL, &err),
                   ERR_INPUT);
  assert_non_null(strstr(err.msg, "quá lớn"));
  assert_null(text);
}

static void test_text_files(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  char path[512];
  char *text;
  size_t len;
  struct err err = {0};
  /* BOM and CRLF */
  snprintf(path, sizeof path, "%s/a.txt", dir);
  FILE *f = fopen(path, "wb");
  fputs("\xEF\xBB\xBFKẾ HOẠCH\r\nNăm 2025\r\n", f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_OK);
  assert_string_equal(text, "KẾ HOẠCH\nNăm 2025\n");
  free(text);
  /* invalid UTF-8: the message says where */
  snprintf(path, sizeof path, "%s/b.md", dir);
  f = fopen(path, "wb");
  fputs("Kế hoạch\n\xC3\x28 hỏng", f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "UTF-8"));
  /* empty file: read as empty text, which the plan reader refuses */
  snprintf(path, sizeof path, "%s/c.txt", dir);
  f = fopen(path, "wb");
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_OK);
  assert_int_equal(len, 0);
  struct plan p;
  assert_int_equal(plan_read_text(&p, text, len, &err), ERR_INPUT);
  free(text);
  /* a .docx that is text */
  snprintf(path, sizeof path, "%s/d.docx", dir);
  f = fopen(path, "wb");
  fputs("not a zip", f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_INPUT);
  /* missing file, a directory */
  snprintf(path, sizeof path, "%s/none.txt", dir);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_IO);
  assert_int_equal(doc_read_file(&text, &len, dir, &err), ERR_INPUT);
  /* a text file is at most the text the plan reader takes */
  snprintf(path, sizeof path, "%s/cap.txt", dir);
  f = fopen(path, "wb");
  for (size_t k = 0; k < DOC_READ_MAX_TEXT; k++)
    fputc(k % 64 == 63 ? '\n' : 'a', f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_OK);
  assert_int_equal(len, DOC_READ_MAX_TEXT);
  free(text);
  f = fopen(path, "ab");
  fputc('a', f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "quá lớn"));
  /* over the size cap (sparse file) */
  snprintf(path, sizeof path, "%s/big.txt", dir);
  f = fopen(path, "wb");
  fseek(f, (long)DOC_READ_MAX_FILE, SEEK_SET);
  fputc('x', f);
  fclose(f);
  assert_int_equal(doc_read_file(&text, &len, path, &err), ERR_INPUT);
  assert_non_null(strstr(err.msg, "quá lớn"));
  tu_rmtree(dir);
  free(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_docx_text),          cmocka_unit_test(test_docx_bad),
      cmocka_unit_test(test_docx_paragraph_cap), cmocka_unit_test(test_docx_element_cap),
      cmocka_unit_test(test_docx_text_cap),      cmocka_unit_test(test_text_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
