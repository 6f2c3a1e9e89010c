/* page_import.c: GET /nhap-du-lieu — import a CSV file or an .xlsx workbook
 * into a register.
 *
 * Uploads need the page's one script (web/static/app.js): it sends the
 * chosen file as the raw body of POST /api/v1/imports/{register} with the
 * session cookie and the CSRF token (X-CSRF-Token), first as a dry run
 * (?dry_run=1) to show every bad row (line, column, reason) and the good
 * rows' count, then for real when the person presses "Nhập". The rejects
 * file is built by the server with the CLI's writer and handed back in the
 * answer (?rejects_csv=1); the script offers it as a download from a Blob
 * URL, so the server keeps no row between the two requests. Without the
 * script the form stays hidden and the page says what to do instead. */
#include <stdio.h>

#include "app/app_register.h"
#include "output/html.h"
#include "types/scope.h"
#include "web/layout.h"
#include "web/routes.h"

int page_import(struct web_req *rq)
{
  struct scope role = {.role = rq->session->role};
  if (!scope_may_write_people(&role))
    return err_set(&rq->err, ERR_DENIED, "Vai trò của bạn không được nhập dữ liệu vào danh sách.");
  struct buf *b = &rq->body;
  char max[32];
  snprintf(max, sizeof max, "%ld", rq->cfg->max_upload);
  layout_begin(rq, "Nhập dữ liệu từ tệp");
  html_raw(b, "<h1>Nhập dữ liệu từ tệp</h1>\n"
              "<p>Chọn danh sách và tệp CSV (UTF-8) hoặc Excel (.xlsx) có dòng tiêu đề bằng "
              "tiếng Việt. Hệ thống kiểm tra tệp trước, chưa lưu gì: bạn xem các dòng lỗi, rồi "
              "bấm “Nhập” để lưu các dòng hợp lệ.</p>\n"
              "<div id=\"nhap-can-script\" class=\"notice\"><p>Tải tệp lên cần trình duyệt bật "
              "JavaScript. Hãy dùng trình duyệt đã bật JavaScript, hoặc nhập tệp tại văn phòng "
              "bằng lệnh <code>pcmt import</code>.</p></div>\n"
              "<form id=\"nhap-form\" hidden data-csrf=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\" data-max=\"");
  html_attr(b, max);
  html_raw(b, "\">\n<div class=\"form-group\"><label for=\"danh-sach\">Danh sách</label>"
              "<select id=\"danh-sach\" name=\"danh-sach\">");
  const struct reg_spec *spec;
  for (size_t i = 0; (spec = app_register_at(i)); i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, spec->name);
    html_raw(b, "\">");
    html_text(b, spec->label);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n<div class=\"form-group\" id=\"tep-nhom\">"
              "<label for=\"tep\">Tệp dữ liệu</label><p class=\"hint\" id=\"tep-goi-y\">"
              "Tệp .csv hoặc .xlsx, tối đa ");
  char mib[32];
  snprintf(mib, sizeof mib, "%ld MiB", rq->cfg->max_upload / (1024 * 1024));
  html_text(b, mib);
  html_raw(b, ".</p><p id=\"tep-loi\" class=\"error-message\" hidden></p>"
              "<input id=\"tep\" name=\"tep\" type=\"file\" accept=\".csv,.xlsx,text/csv\" "
              "aria-describedby=\"tep-goi-y\"></div>\n"
              "<button class=\"button\" type=\"submit\">Kiểm tra tệp</button>\n</form>\n"
              "<div id=\"nhap-ket-qua\" aria-live=\"polite\"></div>\n");
  layout_end(rq);
  return request_html(rq, 200);
}
