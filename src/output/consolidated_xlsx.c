/* consolidated_xlsx.c: the consolidated report as .xlsx (see consolidated_xlsx.h). */
#include "output/consolidated_xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "domain/indicator.h"
#include "domain/suppress.h"
#include "types/label.h"

struct book {
  lxw_workbook *wb;
  lxw_format *head, *num, *dec, *text;
  int failed;
};

static void check(struct book *b, lxw_error e)
{
  if (e != LXW_NO_ERROR)
    b->failed = 1;
}

/* A sheet with its header row frozen and its columns' widths. */
static lxw_worksheet *sheet(struct book *b, const char *name, const char *const *head,
                            const double *widths, int n)
{
  lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
  if (!ws) {
    b->failed = 1;
    return NULL;
  }
  for (int i = 0; i < n; i++) {
    check(b, worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], b->head));
    check(b, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
  }
  worksheet_freeze_panes(ws, 1, 0);
  return ws;
}

static void number(struct book *b, lxw_worksheet *ws, int r, int c, int has, double v, int hidden)
{
  char small[8];
  if (hidden) {
    snprintf(small, sizeof small, "<%d", SUPPRESS_BELOW);
    check(b, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, small, b->text));
  } else if (has) {
    check(b, worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v,
                                    v == (double)(long long)v ? b->num : b->dec));
  }
}

static void text(struct book *b, lxw_worksheet *ws, int r, int c, const char *s)
{
  if (s && *s)
    check(b, worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, b->text));
}

static void targets(struct book *b, const struct consolidated *c)
{
  static const char *const H[] = {"Chỉ tiêu", "Nơi được giao", "Yêu cầu",
                                  "Đạt được", "Đánh giá",      "Cùng kỳ năm trước"};
  static const double W[] = {60, 30, 12, 12, 24, 16};
  lxw_worksheet *ws = sheet(b, "Chỉ tiêu", H, W, 6);
  for (size_t i = 0; ws && i < c->targets.n; i++) {
    const struct target_row *x = &c->targets.rows[i];
    int r = (int)i + 1;
    text(b, ws, r, 0, x->text);
    text(b, ws, r, 1, x->assignee);
    number(b, ws, r, 2, x->eval.has_required, x->eval.required, 0);
    number(b, ws, r, 3, x->in.has_value, x->in.value, 0);
    text(b, ws, r, 4, label_vi(LABEL_TARGET_STATUS, target_status_code(x->eval.status)));
    number(b, ws, r, 5, x->in.has_before, x->in.before, 0);
  }
}

static void figures(struct book *b, const struct consolidated *c)
{
  static const char *const H[] = {"Chỉ số", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước"};
  static const double W[] = {60, 14, 14, 18};
  lxw_worksheet *ws = sheet(b, "Số liệu", H, W, 4);
  for (size_t i = 0; ws && i < c->n_figures; i++) {
    const struct cons_figure *f = &c->figures[i];
    int r = (int)i + 1;
    text(b, ws, r, 0, f->name);
    text(b, ws, r, 1, f->noun);
    number(b, ws, r, 2, f->has_now, f->now, f->hidden_now);
    number(b, ws, r, 3, f->has_before, f->before, f->hidden_before);
  }
}

/* One sheet per section of the catalogue: a row per unit, a column per
 * indicator of the section, and the totals. The unit column stays in view. */
static void units(struct book *b, const struct consolidated *c)
{
  if (!c->n_units)
    return;
  for (int sec = 0; sec < IND_SECTION_COUNT; sec++) {
    const char *h[64];
    char names[64][300];
    double w[64];
    size_t col[64], n = 0;
    h[0] = "Đơn vị";
    w[0] = 30;
    for (size_t k = 0; k < c->n_cols && n + 1 < 64; k++) {
      if ((int)indicator_section(&c->cols[k]) != sec)
        continue;
      snprintf(names[n], sizeof names[n], "%s (%s)", indicator_name(&c->cols[k]), c->cols[k].unit);
      col[n] = k;
      h[n + 1] = names[n];
      w[n + 1] = 18;
      n++;
    }
    lxw_worksheet *ws = sheet(b, label_at(LABEL_IND_SECTION, (size_t)sec), h, w, (int)n + 1);
    if (!ws)
      return;
    worksheet_freeze_panes(ws, 1, 1);
    for (size_t i = 0; i < c->n_units; i++) {
      const struct cons_unit_row *u = &c->units[i];
      char name[200];
      snprintf(name, sizeof name, "%s %s", u->unit.type, u->unit.name);
      text(b, ws, (int)i + 1, 0, name);
      for (size_t k = 0; k < n; k++)
        number(b, ws, (int)i + 1, (int)k + 1, u->has[col[k]], u->values[col[k]], u->hidden[col[k]]);
    }
    int r = (int)c->n_units + 1;
    check(b, worksheet_write_string(ws, (lxw_row_t)r, 0, "Tổng cộng", b->head));
    for (size_t k = 0; k < n; k++)
      number(b, ws, r, (int)k + 1, c->total.has[col[k]], c->total.values[col[k]],
             c->total.hidden[col[k]]);
  }
}

static void reports(struct book *b, const struct consolidated *c)
{
  static const char *const H[] = {"Báo cáo", "Hạn", "Phải gửi", "Đã gửi", "Đúng hạn"};
  static const double W[] = {50, 12, 10, 10, 10};
  lxw_worksheet *ws = sheet(b, "Báo cáo", H, W, 5);
  for (size_t i = 0; ws && i < c->n_reports; i++) {
    const struct cons_report *r = &c->reports[i];
    char d[16];
    int row = (int)i + 1;
    text(b, ws, row, 0, r->name);
    text(b, ws, row, 1, date_iso_to_vn(d, r->due));
    number(b, ws, row, 2, 1, (double)r->owed, 0);
    number(b, ws, row, 3, 1, (double)r->submitted, 0);
    number(b, ws, row, 4, 1, (double)r->on_time, 0);
  }
}

int consolidated_xlsx_write(const char *path, const struct consolidated *c, struct err *err)
{
  size_t n = strlen(path) + 8;
  char *tmp = malloc(n);
  if (!tmp)
    return err_nomem(err);
  snprintf(tmp, n, "%s.XXXXXX", path);
  int fd = mkstemp(tmp); /* a new file under a name nobody guessed */
  if (fd < 0) {
    int rc = err_set(err, ERR_IO, "không ghi được tệp \"%s\": %s", path, strerror(errno));
    free(tmp);
    return rc;
  }
  close(fd);
  struct book b = {workbook_new(tmp), NULL, NULL, NULL, NULL, 0};
  if (!b.wb) {
    unlink(tmp);
    free(tmp);
    return err_nomem(err);
  }
  b.head = workbook_add_format(b.wb);
  b.num = workbook_add_format(b.wb);
  b.dec = workbook_add_format(b.wb);
  b.text = workbook_add_format(b.wb);
  format_set_bold(b.head);
  format_set_text_wrap(b.head);
  format_set_bg_color(b.head, 0xD9E1F2);
  format_set_border(b.head, LXW_BORDER_THIN);
  format_set_num_format(b.num, "#,##0");
  format_set_num_format(b.dec, "#,##0.0");
  format_set_num_format(b.text, "@");
  targets(&b, c);
  figures(&b, c);
  units(&b, c);
  reports(&b, c);
  lxw_error e = workbook_close(b.wb);
  int bad = e != LXW_NO_ERROR || b.failed || rename(tmp, path) != 0;
  if (bad)
    unlink(tmp);
  free(tmp);
  if (bad)
    return err_set(err, ERR_IO, "không ghi được tệp \"%s\"%s%s", path,
                   e != LXW_NO_ERROR ? ": " : "", e != LXW_NO_ERROR ? lxw_strerror(e) : "");
  return ERR_OK;
}
