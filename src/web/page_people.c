/* page_people.c: GET /nguoi — search the people register.
 *
 * A name or a national ID (case and diacritics ignored: app_person_search),
 * a status and a unit code as filters, twenty people a page. The territory
 * is the store's: the search runs as the signed-in user, narrowed to the
 * unit asked for (app_caller_narrow refuses a unit outside it). Leaders
 * and member agencies may not read personal records: the operation answers
 * ERR_DENIED, rendered as the 403 page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "base/date.h"
#include "base/number.h"
#include "types/label.h"
#include "output/html.h"
#include "web/layout.h"
#include "web/page_person.h"
#include "web/routes.h"

#define PAGE_SIZE 20
#define PAGE_MAX  200 /* a search that needs more pages needs a narrower filter */

/* The search form, with the values asked for. */
static void render_form(struct web_req *rq, const struct scope *caller, const char *q,
                        const char *status, const char *unit, const char *unit_error)
{
  struct buf *b = &rq->body;
  html_raw(b, "<form class=\"search\" method=\"get\" action=\"/nguoi\" role=\"search\">\n"
              "<div class=\"form-group\"><label for=\"q\">Họ tên hoặc số CCCD</label>"
              "<input id=\"q\" name=\"q\" type=\"text\" spellcheck=\"false\" value=\"");
  html_attr(b, q);
  html_raw(b, "\"></div>\n<div class=\"form-group\"><label for=\"trang-thai\">Tình trạng</label>"
              "<select id=\"trang-thai\" name=\"trang-thai\"><option value=\"\">Tất cả</option>");
  size_t n;
  const struct label *st = label_items(LABEL_PERSON_STATUS, &n);
  for (size_t i = 0; i < n; i++) {
    if (app_person_status_hidden(caller, st[i].code))
      continue; /* a health field the role is not shown */
    html_raw(b, "<option value=\"");
    html_attr(b, st[i].code);
    html_raw(b, status && strcmp(status, st[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, st[i].vi);
    html_raw(b, "</option>");
  }
  html_raw(b, "</select></div>\n<div class=\"form-group");
  html_raw(b, unit_error ? " form-group-error\">" : "\">");
  html_raw(b, "<label for=\"don-vi\">Mã đơn vị (xã, huyện, tỉnh)</label>");
  if (unit_error) {
    html_raw(b, "<p id=\"don-vi-loi\" class=\"error-message\">");
    html_text(b, unit_error);
    html_raw(b, "</p>");
  }
  html_raw(b, "<input id=\"don-vi\" name=\"don-vi\" type=\"text\" inputmode=\"numeric\""
              " class=\"input-short\"");
  if (unit_error)
    html_raw(b, " aria-describedby=\"don-vi-loi\"");
  html_raw(b, " value=\"");
  html_attr(b, unit);
  html_raw(b, "\"></div>\n<button class=\"button\" type=\"submit\">Tìm kiếm</button>\n</form>\n");
}

/* The link to page `page` of the same search. */
static void page_link(struct buf *b, const char *q, const char *status, const char *unit, long page)
{
  char num[24];
  snprintf(num, sizeof num, "%ld", page);
  html_raw(b, "/nguoi?q=");
  html_url(b, q);
  html_raw(b, "&amp;trang-thai=");
  html_url(b, status);
  html_raw(b, "&amp;don-vi=");
  html_url(b, unit);
  html_raw(b, "&amp;trang=");
  html_raw(b, num);
}

/* The results: hits[first..first+count) of the search. */
static void render_hits(struct web_req *rq, const struct person_hit_list *hits, size_t first,
                        size_t count)
{
  struct buf *b = &rq->body;
  html_raw(b,
           "<div class=\"table-wrap\"><table class=\"table\">\n<caption class=\"visually-hidden\">"
           "Kết quả tìm kiếm</caption>\n<thead><tr><th scope=\"col\">Họ và tên</th>"
           "<th scope=\"col\" class=\"num\">Năm sinh</th><th scope=\"col\">Tình trạng</th>"
           "<th scope=\"col\">Nơi cư trú</th><th scope=\"col\">Sự kiện gần nhất</th></tr></thead>"
           "\n<tbody>\n");
  for (size_t i = first; i < first + count; i++) {
    const struct person_hit *h = &hits->items[i];
    char id[24], year[8] = "", since[16] = "";
    snprintf(id, sizeof id, "%ld", h->person.id);
    snprintf(year, sizeof year, "%.4s", h->person.birth_date);
    if (h->status.since[0])
      date_iso_to_vn(since, h->status.since);
    html_raw(b, "<tr><td><a href=\"/nguoi/");
    html_raw(b, id);
    html_raw(b, "\">");
    html_text(b, h->person.full_name);
    html_raw(b, "</a></td><td class=\"num\">");
    html_text(b, year);
    html_raw(b, "</td><td>");
    html_text(b, label_vi(LABEL_PERSON_STATUS, person_status_code(&h->status)));
    html_raw(b, "</td><td>");
    html_text(b, h->person.unit_name);
    html_raw(b, "</td><td>");
    html_text(b, since[0] ? since : "—");
    html_raw(b, "</td></tr>\n");
  }
  html_raw(b, "</tbody></table></div>\n");
}

int page_people(struct web_req *rq)
{
  const char *q = NULL, *status = NULL, *unit = NULL, *page_s = NULL;
  if (person_page_query(&q, rq, "q") || person_page_query(&status, rq, "trang-thai") ||
      person_page_query(&unit, rq, "don-vi") || person_page_query(&page_s, rq, "trang"))
    return err_set(&rq->err, ERR_INPUT, "Địa chỉ tìm kiếm không hợp lệ.");
  q = q ? q : "";
  status = status ? status : "";
  unit = unit ? unit : "";
  long page = page_s && *page_s ? strtol(page_s, NULL, 10) : 1;
  if (page < 1)
    page = 1;
  if (page > PAGE_MAX)
    page = PAGE_MAX;

  struct scope caller, narrowed;
  int rc = person_page_caller(&caller, rq, NULL);
  if (rc)
    return rc;
  const char *unit_error = NULL;
  const struct scope *sc = &caller;
  if (*unit) {
    struct err e = {ERR_OK, ""};
    int nrc = app_caller_narrow(&narrowed, rq->st, &caller, NULL, unit, &e);
    if (nrc == ERR_INPUT || nrc == ERR_NOT_FOUND || nrc == ERR_DENIED)
      unit_error = "Mã đơn vị không có hoặc nằm ngoài địa bàn của bạn.";
    else if (nrc)
      return err_copy(&rq->err, &e);
    else
      sc = &narrowed;
  }

  struct person_hit_list hits = {0};
  size_t first = (size_t)(page - 1) * PAGE_SIZE, count = 0;
  int more = 0;
  if (!unit_error) {
    /* one more than the page asks for tells whether a next page exists */
    rc = app_person_search(&hits, rq->st, sc, q, *status ? status : NULL, first + PAGE_SIZE + 1,
                           &rq->err);
    if (rc)
      return rc;
    count = hits.n > first ? hits.n - first : 0;
    more = count > PAGE_SIZE;
    if (more)
      count = PAGE_SIZE;
  }

  struct buf *b = &rq->body;
  layout_begin(rq, "Danh sách người sử dụng trái phép chất ma túy");
  if (unit_error) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa tìm được</h2><ul><li><a href=\"#don-vi\">");
    html_text(b, unit_error);
    html_raw(b, "</a></li></ul></div>\n");
  }
  html_raw(b, "<h1>Danh sách người sử dụng trái phép chất ma túy</h1>\n");
  html_raw(b, "<p>");
  if (scope_may_write_people(&caller))
    html_raw(b, "<a class=\"button button-secondary\" href=\"/nguoi/them\">Thêm người</a> ");
  html_raw(b, "<a href=\"/nguoi/trung-lap\">Hồ sơ nghi trùng</a></p>\n");
  render_form(rq, &caller, q, status, unit, unit_error);
  if (!unit_error) {
    char from[32], to[32];
    number_format_vn(from, sizeof from, (double)(first + 1), 0);
    number_format_vn(to, sizeof to, (double)(first + count), 0);
    html_raw(b, "<h2 class=\"results\">Kết quả</h2>\n<p>");
    if (count == 0) {
      html_raw(b, page > 1 ? "Không còn kết quả ở trang này." : "Không tìm thấy người nào.");
    } else {
      html_raw(b, "Người thứ ");
      html_text(b, from);
      html_raw(b, " đến ");
      html_text(b, to);
      html_raw(b, more ? ", còn nữa ở trang sau." : ".");
    }
    html_raw(b, "</p>\n");
    if (count)
      render_hits(rq, &hits, first, count);
    if (page > 1 || more) {
      html_raw(b, "<nav class=\"pagination\" aria-label=\"Phân trang\"><ul>");
      if (page > 1) {
        html_raw(b, "<li><a rel=\"prev\" href=\"");
        page_link(b, q, status, unit, page - 1);
        html_raw(b, "\">‹ Trang trước</a></li>");
      }
      char num[24];
      snprintf(num, sizeof num, "%ld", page);
      html_raw(b, "<li aria-current=\"page\">Trang ");
      html_text(b, num);
      html_raw(b, "</li>");
      if (more) {
        html_raw(b, "<li><a rel=\"next\" href=\"");
        page_link(b, q, status, unit, page + 1);
        html_raw(b, "\">Trang sau ›</a></li>");
      }
      html_raw(b, "</ul></nav>\n");
    }
  }
  layout_end(rq);
  person_hit_list_free(&hits);
  return request_html(rq, unit_error ? 400 : 200);
}
