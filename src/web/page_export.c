/* page_export.c: GET /xuat-du-lieu — download a register as CSV.
 *
 * A plain GET form (no script needed): the register, and for a register
 * with personal data the purpose, which goes into the export's audit row.
 * Sent, it is checked here (the error summary and the field's message when
 * something is missing) and answered 303 to the export endpoint
 * GET /api/v1/exports/{register}?purpose=... (api_exports.c), which the
 * browser follows and saves: the export itself, its audit row first, is
 * the API's, so the page and the API cannot differ. */
#include <stdio.h>
#include <string.h>

#include "app/app_register.h"
#include "output/html.h"
#include "types/label.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

enum { F_REG, F_PURPOSE, F_OTHER, F_N };
static const char *const field_id[F_N] = {"danh-sach", "muc-dich", "muc-dich-khac"};

static void error_at(struct buf *b, const char *const *errs, int f)
{
  if (!errs[f])
    return;
  html_raw(b, "<p class=\"error-message\" id=\"");
  html_raw(b, field_id[f]);
  html_raw(b, "-loi\">");
  html_text(b, errs[f]);
  html_raw(b, "</p>");
}

static int render(struct web_req *rq, int status, const char *reg, const char *purpose,
                  const char *other, const char *const *errs)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  int any = errs[F_REG] || errs[F_PURPOSE] || errs[F_OTHER];
  layout_begin(rq, any ? "Lỗi: Xuất danh sách ra tệp CSV" : "Xuất danh sách ra tệp CSV");
  if (any) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa xuất được</h2><ul>");
    for (int f = 0; f < F_N; f++)
      if (errs[f]) {
        html_raw(b, "<li><a href=\"#");
        html_raw(b, field_id[f]);
        html_raw(b, "\">");
        html_text(b, errs[f]);
        html_raw(b, "</a></li>");
      }
    html_raw(b, "</ul></div>\n");
  }
  html_raw(b,
           "<h1>Xuất danh sách ra tệp CSV</h1>\n"
           "<p class=\"notice\">Mỗi lần xuất danh sách có thông tin cá nhân được ghi vào nhật ký "
           "truy cập (người xuất, thời gian, mục đích, số dòng) trước khi tệp được tải về. Tệp "
           "chỉ gồm hồ sơ thuộc địa bàn của bạn; hãy giữ tệp cẩn thận và xóa khi không còn "
           "dùng.</p>\n<form method=\"get\" action=\"/xuat-du-lieu\" novalidate>\n"
           "<input type=\"hidden\" name=\"gui\" value=\"1\">\n<div class=\"form-group");
  html_raw(b, errs[F_REG] ? " form-group-error\">" : "\">");
  html_raw(b, "<label for=\"danh-sach\">Danh sách</label>");
  error_at(b, errs, F_REG);
  html_raw(b, "<select id=\"danh-sach\" name=\"danh-sach\">");
  const struct reg_spec *spec;
  for (size_t i = 0; (spec = app_register_at(i)); i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, spec->name);
    html_raw(b, reg && strcmp(reg, spec->name) == 0 ? "\" selected>" : "\">");
    html_text(b, spec->label);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n<div class=\"form-group");
  html_raw(b, errs[F_PURPOSE] ? " form-group-error\">" : "\">");
  html_raw(b, "<label for=\"muc-dich\">Mục đích xuất (bắt buộc với danh sách có thông tin cá "
              "nhân)</label>");
  error_at(b, errs, F_PURPOSE);
  html_raw(b, "<select id=\"muc-dich\" name=\"muc-dich\"><option value=\"\">Chọn mục đích"
              "</option>");
  size_t n;
  const struct label *l = label_items(LABEL_ACCESS_PURPOSE, &n);
  for (size_t i = 0; i < n; i++) {
    html_raw(b, "<option value=\"");
    html_attr(b, l[i].code);
    html_raw(b, purpose && strcmp(purpose, l[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, l[i].vi);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n<div class=\"form-group");
  html_raw(b, errs[F_OTHER] ? " form-group-error\">" : "\">");
  html_raw(b, "<label for=\"muc-dich-khac\">Nếu chọn “Khác”, ghi rõ mục đích</label>");
  error_at(b, errs, F_OTHER);
  html_raw(b, "<input id=\"muc-dich-khac\" name=\"muc-dich-khac\" type=\"text\" maxlength=\"100\" "
              "value=\"");
  html_attr(b, other ? other : "");
  html_raw(b, "\"></div>\n<button class=\"button\" type=\"submit\">Tải tệp CSV</button>\n"
              "</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

int page_export(struct web_req *rq)
{
  const char *sent = NULL, *reg = NULL, *purpose = NULL, *other = NULL;
  if (person_page_query(&sent, rq, "gui") || person_page_query(&reg, rq, "danh-sach") ||
      person_page_query(&purpose, rq, "muc-dich") || person_page_query(&other, rq, "muc-dich-khac"))
    return err_set(&rq->err, ERR_INPUT, "Địa chỉ có tham số không hợp lệ.");
  const char *errs[F_N] = {0};
  if (!sent)
    return render(rq, 200, reg, purpose, other, errs);
  const struct reg_spec *spec = app_register_find(reg);
  const char *why = purpose && *purpose ? label_vi(LABEL_ACCESS_PURPOSE, purpose) : NULL;
  if (!spec)
    errs[F_REG] = "Hãy chọn một danh sách.";
  if (purpose && strcmp(purpose, "other") == 0)
    why = other && *other ? other : NULL;
  if (spec && spec->personal && !why) {
    if (purpose && strcmp(purpose, "other") == 0)
      errs[F_OTHER] = "Hãy ghi rõ mục đích xuất danh sách.";
    else
      errs[F_PURPOSE] = "Hãy chọn mục đích xuất danh sách có thông tin cá nhân.";
  }
  if (errs[F_REG] || errs[F_PURPOSE] || errs[F_OTHER])
    return render(rq, 400, reg, purpose, other, errs);
  /* the export endpoint, its purpose as one query value */
  struct buf loc;
  buf_init(&loc, 1024);
  html_raw(&loc, "/api/v1/exports/");
  html_url(&loc, spec->name);
  if (why) {
    html_raw(&loc, "?purpose=");
    html_url(&loc, why);
  }
  int rc = buf_failed(&loc) ? err_nomem(&rq->err) : request_redirect(rq, buf_str(&loc));
  buf_free(&loc);
  return rc;
}
