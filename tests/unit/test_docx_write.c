/* test_docx_write.c: the Decree 30 document writer.
 *
 * A report with a targets table is written, read back as a zip with
 * libzip, its XML parsed with libxml2 (well-formed, text escaped, the page
 * geometry of docs/decree30.md: A4 = 11906 x 16838 twips, margins 20 mm =
 * 1134, 30 mm = 1701, 15 mm = 850, a first page without a number), then
 * converted to PDF by LibreOffice, whose text (pdftotext) must hold the
 * national name, the motto, the title and the target row with its figure
 * as written: what a person opening the file sees. */
#include "testutil.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "output/docx_write.h"

static const char *const HEAD[] = {"Chỉ tiêu", "Yêu cầu", "Đạt được", "Đánh giá"};
static const char *const CELLS[] = {
    "Số vụ phạm tội về ma túy phát hiện, bắt giữ", "207", "1.234", "Đạt",
    "Tỷ lệ người nghiện được tiếp cận dịch vụ",    "80%", "72,5%", "Có nguy cơ không đạt",
    "Không để phát sinh điểm mới (A < B & C)",     "0",   "1",     "Không đạt"};
static const unsigned char RIGHT[] = {0, 1, 1, 0};
static const unsigned WIDTHS[] = {46, 16, 16, 22};

static void fill(struct admin_doc *d, struct doc_block *b, struct doc_table *t)
{
  memset(d, 0, sizeof *d);
  *t = (struct doc_table){4, HEAD, CELLS, 3, RIGHT, WIDTHS};
  b[0] = (struct doc_block){DOC_HEADING, 1, "I. TÌNH HÌNH", NULL};
  b[1] = (struct doc_block){DOC_PARA, 0,
                            "Tình hình tội phạm về ma túy trên địa bàn diễn biến phức tạp.", NULL};
  b[2] = (struct doc_block){DOC_HEADING, 1, "II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU", NULL};
  b[3] = (struct doc_block){DOC_TABLE, 0, NULL, t};
  b[4] = (struct doc_block){DOC_PROMPT, 0, "Đề xuất, kiến nghị: cán bộ bổ sung", NULL};
  static const char *const RCPT[] = {"Ban Chỉ đạo tỉnh", "Lưu: VT"};
  d->superior = "UBND TỈNH LÀO CAI";
  d->issuer = "BAN CHỈ ĐẠO 138";
  d->place = "Lào Cai";
  d->date = (struct date){2026, 10, 3};
  d->type = "BÁO CÁO";
  d->subject = "Kết quả công tác phòng, chống ma túy quý III năm 2026";
  d->blocks = b;
  d->n_blocks = 5;
  d->recipients = RCPT;
  d->n_recipients = 2;
  d->sign_authority = "TM. BAN CHỈ ĐẠO";
  d->sign_position = "TRƯỞNG BAN";
}

/* The bytes of `name` in zip `path` (malloc'd, NUL-terminated). */
static char *zip_part(const char *path, const char *name)
{
  int e;
  zip_t *z = zip_open(path, ZIP_RDONLY, &e);
  assert_non_null(z);
  zip_stat_t zs;
  assert_int_equal(zip_stat(z, name, 0, &zs), 0);
  char *buf = malloc(zs.size + 1);
  zip_file_t *f = zip_fopen(z, name, 0);
  assert_non_null(f);
  assert_int_equal(zip_fread(f, buf, zs.size), (zip_int64_t)zs.size);
  buf[zs.size] = '\0';
  zip_fclose(f);
  zip_close(z);
  return buf;
}

static void the_date_line_follows_the_decree(void **state)
{
  (void)state;
  char b[128];
  admin_doc_place_date(b, sizeof b, "Lào Cai", (struct date){2024, 10, 3});
  assert_string_equal(b, "Lào Cai, ngày 03 tháng 10 năm 2024");
  admin_doc_place_date(b, sizeof b, "Hà Nội", (struct date){2026, 2, 15});
  assert_string_equal(b, "Hà Nội, ngày 15 tháng 02 năm 2026");
  admin_doc_place_date(b, sizeof b, "Hà Nội", (struct date){2026, 3, 5});
  assert_string_equal(b, "Hà Nội, ngày 05 tháng 3 năm 2026");
}

static void the_package_is_well_formed_and_sized(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  char path[4200];
  snprintf(path, sizeof path, "%s/bc.docx", dir);
  struct admin_doc d;
  struct doc_block b[5];
  struct doc_table t;
  fill(&d, b, &t);
  struct err err = {0};
  assert_int_equal(docx_write(path, &d, &err), ERR_OK);
  const char *parts[] = {"[Content_Types].xml", "_rels/.rels",      "word/_rels/document.xml.rels",
                         "word/styles.xml",     "word/header1.xml", "word/header2.xml"};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    char *x = zip_part(path, parts[i]);
    xmlDocPtr doc = xmlReadMemory(x, (int)strlen(x), parts[i], NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    free(x);
  }
  char *x = zip_part(path, "word/document.xml");
  xmlDocPtr doc = xmlReadMemory(x, (int)strlen(x), "document.xml", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  xmlFreeDoc(doc);
  assert_non_null(strstr(x, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  assert_non_null(strstr(x, "Lào Cai, ngày 03 tháng 10 năm 2026"));
  assert_non_null(strstr(x, "(A &lt; B &amp; C)"));
  assert_non_null(strstr(x, "w:w=\"11906\" w:h=\"16838\""));
  assert_non_null(strstr(x, "w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
  assert_non_null(strstr(x, "<w:titlePg/>"));
  assert_non_null(strstr(x, "<w:tblHeader/>"));
  free(x);
  char *h = zip_part(path, "word/header1.xml");
  assert_non_null(strstr(h, "PAGE"));
  free(h);
  h = zip_part(path, "word/header2.xml");
  assert_null(strstr(h, "PAGE"));
  free(h);
  tu_rmtree(dir);
  free(dir);
}

/* What LibreOffice shows of it: the motto, the title and the target row. */
static void libreoffice_reads_it(void **state)
{
  (void)state;
  char *dir = tu_tempdir();
  char path[4200], cmd[13000];
  snprintf(path, sizeof path, "%s/bc.docx", dir);
  struct admin_doc d;
  struct doc_block b[5];
  struct doc_table t;
  fill(&d, b, &t);
  struct err err = {0};
  assert_int_equal(docx_write(path, &d, &err), ERR_OK);
  snprintf(cmd, sizeof cmd,
           "cd '%s' && libreoffice -env:UserInstallation=file://%s/lo --headless --convert-to pdf "
           "--outdir '%s' '%s' >/dev/null 2>&1 && pdftotext -layout '%s/bc.pdf' '%s/bc.txt'",
           dir, dir, dir, path, dir, dir);
  assert_int_equal(system(cmd), 0);
  char txt[4200];
  snprintf(txt, sizeof txt, "%s/bc.txt", dir);
  char *s = tu_read_file(txt, NULL);
  assert_non_null(s);
  assert_non_null(strstr(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  assert_non_null(strstr(s, "Độc lập - Tự do - Hạnh phúc"));
  assert_non_null(strstr(s, "BÁO CÁO"));
  /* the target's row: its name (wrapped in its cell) begins on the line of its figures */
  const char *fig = strstr(s, "1.234");
  assert_non_null(fig);
  const char *bol = fig;
  while (bol > s && bol[-1] != '\n')
    bol--;
  char line[512];
  snprintf(line, sizeof line, "%.*s", (int)(fig - bol + 5), bol);
  assert_non_null(strstr(line, "Số vụ phạm tội"));
  assert_non_null(strstr(line, "207"));
  assert_non_null(strstr(s, "Nơi nhận:"));
  free(s);
  tu_rmtree(dir);
  free(dir);
}

/* A path that cannot be written: an error, and no file. */
static void an_unwritable_path_is_an_error(void **state)
{
  (void)state;
  struct admin_doc d;
  struct doc_block b[5];
  struct doc_table t;
  fill(&d, b, &t);
  struct err err = {0};
  assert_int_equal(docx_write("/nonexistent-dir/x.docx", &d, &err), ERR_IO);
  assert_non_null(strstr(err.msg, "x.docx"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_date_line_follows_the_decree),
      cmocka_unit_test(the_package_is_well_formed_and_sized),
      cmocka_unit_test(libreoffice_reads_it),
      cmocka_unit_test(an_unwritable_path_is_an_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
