/* test_doc_html.c: a document for signature written as HTML — the decree's
 * header, the blocks in order, tables with column headers and right-aligned
 * numbers, every piece of text escaped, and the whole-file form. */
#include "testutil.h"

#include <string.h>

#include "base/buf.h"
#include "output/doc_html.h"

static const char *const HEAD[] = {"Đơn vị", "Vụ"};
static const unsigned char RIGHT[] = {0, 1};
static const char *const CELLS[] = {"xã <A> & B", "1.234", "Tổng cộng", "<5"};
static const struct doc_table TABLE = {2, HEAD, CELLS, 2, RIGHT, NULL};
static const struct doc_block BLOCKS[] = {
    {DOC_HEADING, 1, "I. TÌNH HÌNH CHUNG", NULL},
    {DOC_PROMPT, 0, "Cán bộ viết: đánh giá chung", NULL},
    {DOC_HEADING, 2, "1. Số liệu", NULL},
    {DOC_TABLE, 0, NULL, &TABLE},
    {DOC_PARA, 0, "Đoạn có \"ngoặc\" và <script>alert(1)</script>", NULL},
};
static const char *const RCPT[] = {"Ban Chỉ đạo tỉnh", "Lưu: VT"};

static struct admin_doc doc(void)
{
  return (struct admin_doc){NULL,      "BAN CHỈ ĐẠO 138", NULL,         "Lào Cai", {2026, 10, 3},
                            "BÁO CÁO", "Kết quả quý III", BLOCKS,       5,         RCPT,
                            2,         "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", NULL};
}

/* position of needle in hay, failing the test when absent */
static size_t at(const char *hay, const char *needle)
{
  const char *p = strstr(hay, needle);
  if (!p)
    fail_msg("missing: %s", needle);
  return (size_t)(p - hay);
}

static void fragment_in_order_and_escaped(void **state)
{
  (void)state;
  struct admin_doc d = doc();
  struct buf b;
  buf_init(&b, 0);
  assert_int_equal(doc_html_fragment(&b, &d), ERR_OK);
  const char *s = buf_str(&b);
  /* the header, then the title, then the blocks as written, then the closing */
  size_t issuer = at(s, "BAN CHỈ ĐẠO 138"), nation = at(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
         date = at(s, "Lào Cai, ngày 03 tháng 10 năm 2026"),
         title = at(s, "<h1 class=\"vb-title\">BÁO CÁO<br>Kết quả quý III</h1>"),
         part = at(s, "<h2>I. TÌNH HÌNH CHUNG</h2>"),
         prompt = at(s, "<p class=\"vb-prompt\">[Cán bộ viết: đánh giá chung]</p>"),
         section = at(s, "<h3>1. Số liệu</h3>"), table = at(s, "<table>"),
         rcpt = at(s, "<li>- Ban Chỉ đạo tỉnh;</li>"), last = at(s, "<li>- Lưu: VT.</li>"),
         sign = at(s, "TRƯỞNG BAN");
  assert_true(issuer < nation && nation < date && date < title && title < part);
  assert_true(part < prompt && prompt < section && section < table && table < rcpt);
  assert_true(rcpt < last && last < sign);
  at(s, "Số:        /BC-"); /* a number left for the officer */
  at(s, "(ký, ghi rõ họ tên)");
  /* a column of numbers is right-aligned, header and cells alike */
  at(s, "<th scope=\"col\">Đơn vị</th><th scope=\"col\" class=\"so\">Vụ</th>");
  at(s, "<td>xã &lt;A&gt; &amp; B</td><td class=\"so\">1.234</td>");
  at(s, "<td class=\"so\">&lt;5</td>");
  at(s, "Đoạn có &quot;ngoặc&quot; và &lt;script&gt;alert(1)&lt;/script&gt;");
  assert_null(strstr(s, "<script"));
  buf_free(&b);
}

static void page_is_a_whole_document(void **state)
{
  (void)state;
  struct admin_doc d = doc();
  struct buf b;
  buf_init(&b, 0);
  assert_int_equal(doc_html_page(&b, &d), ERR_OK);
  const char *s = buf_str(&b);
  assert_int_equal(at(s, "<!DOCTYPE html>"), 0);
  at(s, "<html lang=\"vi\">");
  at(s, "<meta charset=\"utf-8\">");
  at(s, "<title>BÁO CÁO - Kết quả quý III</title>");
  at(s, "@page{size:A4;margin:20mm 15mm 20mm 30mm}"); /* the decree's margins */
  assert_true(at(s, "<main>") < at(s, "<article class=\"vb\">"));
  assert_int_equal(strcmp(s + b.len - strlen("</html>\n"), "</html>\n"), 0);
  buf_free(&b);
}

/* A buffer that runs out of room fails cleanly, never half-written silently. */
static void a_full_buffer_is_reported(void **state)
{
  (void)state;
  struct admin_doc d = doc();
  struct buf b;
  buf_init(&b, 64);
  assert_int_equal(doc_html_page(&b, &d), ERR_NOMEM);
  buf_free(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fragment_in_order_and_escaped),
      cmocka_unit_test(page_is_a_whole_document),
      cmocka_unit_test(a_full_buffer_is_reported),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
