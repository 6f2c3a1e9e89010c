/* test_xlsx.c: the .xlsx writer and reader — a register written and read back
 * (text cells keep their zeros, dates and numbers come back as the import
 * reads them), a workbook as other programs write it (shared strings with
 * rich and phonetic runs, inline strings, booleans, date styles built in and
 * custom, the 1904 date system, cells without references, gaps), and files
 * that are not workbooks or are too big. Expected values are worked out by
 * hand: serial 45000 is 15/03/2023 (44927 is 01/01/2023, + 31 + 28 + 14). */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <zip.h>

#include "ingest/table_read.h"
#include "ingest/xlsx_read.h"
#include "output/xlsx_write.h"

static char *dir;

static int setup(void **state)
{
  (void)state;
  dir = tu_tempdir();
  return dir ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  tu_rmtree(dir);
  free(dir);
  return 0;
}

static const char *path_of(const char *name)
{
  static char p[4200];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return p;
}

/* A zip of (name, content) pairs, NULL-terminated, at `path`. */
static void write_zip(const char *path, const char *const *parts)
{
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  assert_non_null(z);
  for (size_t i = 0; parts[i]; i += 2) {
    zip_source_t *s = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
    assert_non_null(s);
    assert_true(zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
}

/* Entries of the temp dir whose name starts with `prefix`. */
static int entries(const char *prefix)
{
  DIR *d = opendir(dir);
  assert_non_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
  closedir(d);
  return n;
}

/* The hex SHA-256 of the file at path, read here on its own. */
static void file_sha256(char out[65], const char *path)
{
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  unsigned char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    crypto_hash_sha256_update(&st, chunk, n);
  fclose(f);
  unsigned char sum[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, sum);
  sodium_bin2hex(out, 65, sum, sizeof sum);
}

/* The next row of r, which must exist. */
static struct table_row next_row(struct table_reader *r)
{
  struct table_row row;
  struct err err = {0};
  int got = table_read_next(r, &row, &err);
  if (got != 1)
    fail_msg("no row (%d): %s", got, err.msg);
  return row;
}

static void assert_cells(const struct table_row *row, long line, size_t n, const char *const *want)
{
  assert_int_equal(row->line, line);
  assert_int_equal(row->n, n);
  for (size_t i = 0; i < n; i++)
    if (strcmp(row->fields[i], want[i]) != 0)
      fail_msg("row %ld, cell %zu: \"%s\", want \"%s\"", line, i, row->fields[i], want[i]);
}

/* ---------------------------------------------------------------------------
 * Written and read back
 * ------------------------------------------------------------------------- */

static void written_and_read_back(void **state)
{
  (void)state;
  const char *headers[] = {"Số định danh", "Mã đơn vị", "Ngày sinh", "Số lượng", "Ghi chú"};
  const enum xlsx_kind kinds[] = {XLSX_TEXT, XLSX_TEXT, XLSX_DATE, XLSX_NUMBER, XLSX_TEXT};
  struct xlsx_writer *w;
  struct err err = {0};
  const char *path = path_of("reg.xlsx");
  assert_int_equal(xlsx_writer_open(&w, path, "people", headers, kinds, 5, &err), 0);
  const char *r1[] = {"010090000001", "02785", "07/10/1980", "1234,75", "=1+1"};
  const char *r2[] = {"001090000002", "", "31/12/2025", "1200", "Thôn 4; \"Bản\""};
  const char *r3[] = {NULL, "080", "không rõ", "1.200", ""}; /* not a date, not a plain number */
  assert_int_equal(xlsx_writer_row(w, r1, &err), 0);
  assert_int_equal(xlsx_writer_row(w, r2, &err), 0);
  assert_int_equal(xlsx_writer_row(w, r3, &err), 0);
  assert_int_equal(xlsx_writer_close(w, 1, &err), 0);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600); /* personal data: owner only */

  struct table_reader r;
  assert_int_equal(table_read_open(&r, path, &err), 0);
  char sum[65];
  file_sha256(sum, path);
  assert_string_equal(r.sha256, sum); /* the digest is of the workbook's bytes */
  struct table_row row = next_row(&r);
  assert_cells(&row, 1, 5, headers);
  row = next_row(&r);
  assert_cells(&row, 2, 5, r1); /* "=1+1" is a text cell, no apostrophe */
  row = next_row(&r);
  assert_cells(&row, 3, 5,
               (const char *[]){"001090000002", "", "31/12/2025", "1200", "Thôn 4; \"Bản\""});
  row = next_row(&r);
  /* the last cell is empty: the row ends at the last one written */
  assert_cells(&row, 4, 4, (const char *[]){"", "080", "không rõ", "1.200"});
  assert_int_equal(table_read_next(&r, &row, &err), 0);
  /* rewind: from the header again */
  assert_int_equal(table_read_rewind(&r, &err), 0);
  row = next_row(&r);
  assert_cells(&row, 1, 5, headers);
  table_read_close(&r);

  /* the cells are typed: text for codes, a date, a number (not strings) */
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
  assert_non_null(z);
  zip_stat_t zs;
  assert_int_equal(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &zs), 0);
  char *xml = calloc(1, zs.size + 1);
  zip_file_t *f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
  assert_int_equal(zip_fread(f, xml, zs.size), (zip_int64_t)zs.size);
  zip_fclose(f);
  zip_discard(z);
  assert_non_null(strstr(xml, "<pane ySplit=\"1\"")); /* header frozen */
  assert_non_null(strstr(xml, "<is><t>02785</t></is>"));
  assert_non_null(strstr(xml, "<v>29501</v>"));   /* 07/10/1980: 29221 (01/01/1980) + 280 */
  assert_non_null(strstr(xml, "<v>1234.75</v>")); /* a number cell */
  free(xml);
}

/* A failed export leaves no file under the name, nor its temporary. */
static void failed_write_leaves_nothing(void **state)
{
  (void)state;
  const char *headers[] = {"Mã"};
  const enum xlsx_kind kinds[] = {XLSX_TEXT};
  struct xlsx_writer *w;
  struct err err = {0};
  char path[4200];
  snprintf(path, sizeof path, "%s", path_of("gone.xlsx"));
  assert_int_equal(xlsx_writer_open(&w, path, "x", headers, kinds, 1, &err), 0);
  assert_int_equal(xlsx_writer_row(w, (const char *[]){"A-1"}, &err), 0);
  assert_int_equal(xlsx_writer_close(w, 0, &err), 0);
  struct stat sb;
  assert_int_not_equal(stat(path, &sb), 0);
  assert_int_equal(entries("gone.xlsx"), 0); /* nor a temporary file beside it */
  /* a pipe is not replaced by the workbook (as /dev/null would be) */
  assert_int_equal(mkfifo(path_of("pipe.xlsx"), 0600), 0);
  assert_int_equal(xlsx_writer_open(&w, path_of("pipe.xlsx"), "x", headers, kinds, 1, &err),
                   ERR_INPUT);
  assert_int_equal(stat(path_of("pipe.xlsx"), &sb), 0);
  assert_true(S_ISFIFO(sb.st_mode));
  /* a folder that does not exist: an error, not a crash */
  assert_int_equal(xlsx_writer_open(&w, path_of("no/such/dir.xlsx"), "x", headers, kinds, 1, &err),
                   ERR_IO);
}

/* ---------------------------------------------------------------------------
 * Workbooks as other programs write them
 * ------------------------------------------------------------------------- */

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"/xl/worksheets/first.xml\"/>"
    "<Relationship Id=\"rId4\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";

/* Two sheets: the first listed (rId1, "Danh sách") is read, whatever its file. */
static const char workbook_1900[] =
    "<?xml version=\"1.0\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Danh sách\" sheetId=\"2\" r:id=\"rId1\"/>"
    "<sheet name=\"Khác\" sheetId=\"1\" r:id=\"rId2\"/></sheets></workbook>";

/* xf 0 General, 1 built-in date 14, 2 custom DD/MM/YYYY (164), 3 a time
 * (21), 4 a custom number with "d" only inside quotes (165), 5 [$-42A] with a
 * year (166). */
static const char styles[] =
    "<?xml version=\"1.0\"?><styleSheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"DD/MM/YYYY\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0&quot; ngày&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-42A]YYYY\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"21\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";

/* 0 plain, 1 rich text in two runs with a phonetic run left out, 2 empty */
static const char shared[] =
    "<?xml version=\"1.0\"?><sst "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    " count=\"3\" uniqueCount=\"3\"><si><t>Họ tên</t></si>"
    "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Nguyễn </t></r><r><t>Văn A</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si><si/></sst>";

static const char first_sheet[] =
    "<?xml version=\"1.0\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>Ngày</t>"
    "</is></c></row>"
    /* row 3 (row 2 left out): cells at their columns, D skipped */
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" s=\"1\"><v>45000</v></c>"
    "<c r=\"C3\" s=\"2\"><v>45000.75</v></c><c r=\"E3\" t=\"b\"><v>1</v></c>"
    "<c r=\"F3\" t=\"b\"><v>0</v></c></row>"
    /* row 4: no references (A, B, C ...), a time, a quoted "d", a year style */
    "<row r=\"4\"><c s=\"3\"><v>0.5</v></c><c s=\"4\"><v>12</v></c><c s=\"5\"><v>61</v></c>"
    "<c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c></row>"
    /* row 5: numbers as the import reads them; a formula's string result; an empty string */
    "<row r=\"5\"><c r=\"A5\"><v>1.0090000001E+10</v></c><c r=\"B5\"><v>0.30000000000000004</v>"
    "</c><c r=\"C5\" t=\"str\"><f>A1&amp;\"\"</f><v>02785</v></c><c r=\"D5\" t=\"s\"><v>2</v>"
    "</c><c r=\"E5\"><v>2785</v></c></row>"
    "<row r=\"7\"/>"
    "</sheetData><mergeCells count=\"0\"/></worksheet>";

static const char second_sheet[] =
    "<?xml version=\"1.0\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row>"
    "</sheetData></worksheet>";

static void other_programs_workbook(void **state)
{
  (void)state;
  const char *path = path_of("other.xlsx");
  write_zip(path,
            (const char *const[]){"xl/workbook.xml", workbook_1900, "xl/_rels/workbook.xml.rels",
                                  rels, "xl/styles.xml", styles, "xl/sharedStrings.xml", shared,
                                  "xl/worksheets/first.xml", first_sheet,
                                  "xl/worksheets/sheet2.xml", second_sheet, NULL});
  struct table_reader r;
  struct err err = {0};
  assert_int_equal(table_read_open(&r, path, &err), 0);
  struct table_row row = next_row(&r);
  assert_cells(&row, 1, 2, (const char *[]){"Họ tên", "Ngày"});
  row = next_row(&r);
  assert_cells(&row, 3, 6,
               (const char *[]){"Nguyễn Văn A", "15/03/2023", "15/03/2023", "", "có", "không"});
  row = next_row(&r);
  /* 0.5 is a time, not a date; "12 ngày" is a number; 61 is 01/03/1900 and
   * 59 28/02/1900 (Lotus's 29/02/1900 is serial 60, refused as a date) */
  assert_cells(&row, 4, 5, (const char *[]){"0,5", "12", "01/03/1900", "28/02/1900", "60"});
  row = next_row(&r);
  assert_cells(&row, 5, 5, (const char *[]){"10090000001", "0,3", "02785", "", "2785"});
  row = next_row(&r);
  assert_int_equal(row.line, 7);
  assert_int_equal(row.n, 0);
  assert_int_equal(table_read_next(&r, &row, &err), 0);
  table_read_close(&r);
}

/* The 1904 date system: serial 43538 is 15/03/2023 (45000 - 1462). */
static void date_system_1904(void **state)
{
  (void)state;
  const char *path = path_of("mac.xlsx");
  const char *wb =
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<workbookPr date1904=\"true\"/><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
      "</sheets></workbook>";
  const char *sheet = "<worksheet><sheetData><row r=\"2\"><c r=\"B2\" s=\"1\"><v>43538</v></c>"
                      "</row></sheetData></worksheet>";
  write_zip(path,
            (const char *const[]){"xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels", rels,
                                  "xl/styles.xml", styles, "xl/worksheets/first.xml", sheet, NULL});
  struct table_reader r;
  struct err err = {0};
  assert_int_equal(table_read_open(&r, path, &err), 0);
  struct table_row row = next_row(&r);
  assert_cells(&row, 2, 2, (const char *[]){"", "15/03/2023"});
  table_read_close(&r);
}

/* A sheet's cells are checked as a CSV file's are (ingest/cell_check.h):
 * row 2's zero-width space (U+200B) is removed with a note; row 3's
 * right-to-left override (U+202E, the sixth character of its cell) and
 * row 4's C1 control NEL (U+0085, which XML 1.0 allows) make bad rows, as
 * read with U+FFFD where each was, and the reading goes on to row 5. */
static void cells_are_checked_as_csv_cells(void **state)
{
  (void)state;
  const char *path = path_of("chars.xlsx");
  const char *sheet = "<worksheet><sheetData>"
                      "<row r=\"1\"><c t=\"inlineStr\"><is><t>Họ tên</t></is></c>"
                      "<c t=\"inlineStr\"><is><t>Địa chỉ</t></is></c></row>"
                      "<row r=\"2\"><c t=\"inlineStr\"><is><t>Lò\u200B Thị Mai</t></is></c></row>"
                      "<row r=\"3\"><c t=\"inlineStr\"><is><t>Sùng A Chứ</t></is></c>"
                      "<c t=\"inlineStr\"><is><t>Thôn \u202E4</t></is></c></row>"
                      "<row r=\"4\"><c t=\"inlineStr\"><is><t>A&#x85;B</t></is></c></row>"
                      "<row r=\"5\"><c t=\"inlineStr\"><is><t>Vàng Thị Dợ</t></is></c></row>"
                      "</sheetData></worksheet>";
  write_zip(path,
            (const char *const[]){"xl/workbook.xml", workbook_1900, "xl/_rels/workbook.xml.rels",
                                  rels, "xl/worksheets/first.xml", sheet, NULL});
  struct table_reader r;
  struct err err = {0};
  assert_int_equal(table_read_open(&r, path, &err), 0);
  struct table_row row = next_row(&r);
  assert_int_equal(row.n_issues, 0);
  row = next_row(&r);
  assert_cells(&row, 2, 1, (const char *[]){"Lò Thị Mai"});
  assert_int_equal(row.n_issues, 1);
  assert_int_equal(row.issues[0].col, 0);
  assert_false(row.issues[0].refused);
  assert_string_equal(row.issues[0].what, "đã bỏ 1 ký tự ẩn (U+200B)");
  assert_int_equal(table_read_next(&r, &row, &err), TABLE_BAD_ROW);
  assert_cells(&row, 3, 2, (const char *[]){"Sùng A Chứ", "Thôn \uFFFD4"});
  assert_int_equal(row.n_issues, 1);
  assert_int_equal(row.issues[0].col, 1);
  assert_true(row.issues[0].refused);
  assert_non_null(strstr(err.msg, "dòng 3, cột 2: chứa ký tự ẩn U+202E ở ký tự thứ 6"));
  assert_int_equal(table_read_next(&r, &row, &err), TABLE_BAD_ROW);
  assert_cells(&row, 4, 1, (const char *[]){"A\uFFFDB"});
  assert_non_null(strstr(err.msg, "dòng 4, cột 1: chứa ký tự điều khiển U+0085 ở ký tự thứ 2"));
  row = next_row(&r);
  assert_cells(&row, 5, 1, (const char *[]){"Vàng Thị Dợ"});
  assert_int_equal(row.n_issues, 0);
  assert_int_equal(table_read_next(&r, &row, &err), 0);
  table_read_close(&r);
}

/* ---------------------------------------------------------------------------
 * Not a workbook
 * ------------------------------------------------------------------------- */

static void expect_refused(const char *path, int code, const char *why)
{
  struct table_reader r;
  struct err err = {0};
  int rc = table_read_open(&r, path, &err);
  if (rc != code)
    fail_msg("%s: %d (%s), want %d", path, rc, err.msg, code);
  if (!strstr(err.msg, why))
    fail_msg("%s: \"%s\" lacks \"%s\"", path, err.msg, why);
}

static void not_a_workbook(void **state)
{
  (void)state;
  tu_write_file(dir, "list.xlsx", "Số định danh,Họ tên\n010090000001,A\n");
  expect_refused(path_of("list.xlsx"), ERR_INPUT, "không phải sổ tính Excel .xlsx");
  expect_refused(path_of("missing.xlsx"), ERR_IO, "không mở được");
  write_zip(path_of("docx.xlsx"), (const char *const[]){"word/document.xml", "<w/>", NULL});
  expect_refused(path_of("docx.xlsx"), ERR_INPUT, "xl/workbook.xml");
  write_zip(path_of("nosheet.xlsx"),
            (const char *const[]){"xl/workbook.xml", "<workbook><sheets/></workbook>", NULL});
  expect_refused(path_of("nosheet.xlsx"), ERR_INPUT, "không có trang tính");
  /* a broken sheet: row 1 is read, then the sheet is refused where it
   * breaks (far enough on that the streaming parser has not reached it) */
  char broken[20000];
  snprintf(broken, sizeof broken,
           "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>%*s"
           "<row r=\"2\"><c><v>2</v></x>",
           16000, "");
  write_zip(path_of("broken.xlsx"),
            (const char *const[]){"xl/workbook.xml", workbook_1900, "xl/_rels/workbook.xml.rels",
                                  rels, "xl/worksheets/first.xml", broken, NULL});
  struct table_reader r;
  struct err err = {0};
  assert_int_equal(table_read_open(&r, path_of("broken.xlsx"), &err), 0);
  struct table_row row = next_row(&r);
  assert_int_equal(row.line, 1);
  assert_int_equal(table_read_next(&r, &row, &err), -1);
  assert_non_null(strstr(err.msg, "hỏng"));
  table_read_close(&r);
  /* a string index past the shared strings */
  write_zip(path_of("badindex.xlsx"),
            (const char *const[]){"xl/workbook.xml", workbook_1900, "xl/_rels/workbook.xml.rels",
                                  rels, "xl/sharedStrings.xml", shared, "xl/worksheets/first.xml",
                                  "<worksheet><sheetData><row r=\"9\"><c t=\"s\"><v>3</v></c>"
                                  "</row></sheetData></worksheet>",
                                  NULL});
  assert_int_equal(table_read_open(&r, path_of("badindex.xlsx"), &err), 0);
  assert_int_equal(table_read_next(&r, &row, &err), -1);
  assert_non_null(strstr(err.msg, "dòng 9"));
  table_read_close(&r);
}

/* A part that inflates past its cap is refused before it is read whole:
 * a workbook.xml of 65 MiB of blanks (a few dozen KiB compressed). */
static void zip_bomb_refused(void **state)
{
  (void)state;
  size_t n = (size_t)XLSX_MAX_PART + (1 << 20);
  char *big = malloc(n + 1);
  assert_non_null(big);
  memset(big, ' ', n);
  memcpy(big, "<workbook>", 10);
  big[n] = '\0';
  write_zip(path_of("bomb.xlsx"), (const char *const[]){"xl/workbook.xml", big, NULL});
  free(big);
  expect_refused(path_of("bomb.xlsx"), ERR_INPUT, "quá lớn");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(written_and_read_back),
      cmocka_unit_test(failed_write_leaves_nothing),
      cmocka_unit_test(other_programs_workbook),
      cmocka_unit_test(date_system_1904),
      cmocka_unit_test(cells_are_checked_as_csv_cells),
      cmocka_unit_test(not_a_workbook),
      cmocka_unit_test(zip_bomb_refused),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
