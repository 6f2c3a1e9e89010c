/* consolidated_doc.c: the consolidated report laid out as a document for signature
 * (see consolidated_doc.h).
 *
 * Every string the document holds is built in one arena, owned by the
 * result; the tables' cells are formatted as the officer reads them
 * (1.234; 12,5; "<5" for a hidden count; dd/mm/yyyy). */
#include "output/consolidated_doc.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "output/consolidated_json.h"
#include "types/label.h"

struct build {
  struct arena *a;
  struct doc_block *blocks;
  size_t n, cap;
  int nomem;
};

static const char *dup(struct build *b, const char *s)
{
  char *r = arena_strdup(b->a, s ? s : "");
  if (!r)
    b->nomem = 1;
  return r ? r : "";
}

static const char *fmt(struct build *b, int has, double v, int hidden, int ratio)
{
  char buf[64];
  return dup(b, consolidated_display(buf, sizeof buf, has, v, hidden, ratio));
}

static void block(struct build *b, enum doc_block_kind kind, int level, const char *text,
                  const struct doc_table *t)
{
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 32;
    struct doc_block *nb = arena_alloc(b->a, cap * sizeof *nb);
    if (!nb) {
      b->nomem = 1;
      return;
    }
    if (b->n)
      memcpy(nb, b->blocks, b->n * sizeof *nb);
    b->blocks = nb;
    b->cap = cap;
  }
  b->blocks[b->n++] = (struct doc_block){kind, level, text, t};
}

/* A table of n_rows x n_cols cells from the arena; cells to fill by the caller. */
static struct doc_table *table(struct build *b, size_t n_cols, const char *const *head,
                               size_t n_rows, const unsigned char *right, const unsigned *widths)
{
  struct doc_table *t = arena_zalloc(b->a, sizeof *t);
  const char **cells = arena_zalloc(b->a, (n_rows * n_cols + 1) * sizeof *cells);
  if (!t || !cells) {
    b->nomem = 1;
    return NULL;
  }
  *t = (struct doc_table){n_cols, head, cells, n_rows, right, widths};
  return t;
}

static void set(struct doc_table *t, size_t r, size_t c, const char *s)
{
  if (t)
    ((const char **)t->cells)[r * t->n_cols + c] = s;
}

static void figures(struct build *b, const struct consolidated *c)
{
  static const char *const H[] = {"Chỉ số", "Kỳ này", "Cùng kỳ năm trước", "Tăng, giảm"};
  static const unsigned char R[] = {0, 1, 1, 1};
  static const unsigned W[] = {52, 16, 16, 16};
  struct doc_table *t = table(b, 4, H, c->n_figures, R, W);
  for (size_t i = 0; t && i < c->n_figures; i++) {
    const struct cons_figure *f = &c->figures[i];
    int ratio = strcmp(f->noun, "%") == 0;
    char name[300], d[64];
    snprintf(name, sizeof name, "%s (%s)", f->name, f->noun);
    set(t, i, 0, dup(b, name));
    set(t, i, 1, fmt(b, f->has_now, f->now, f->hidden_now, ratio));
    set(t, i, 2, fmt(b, f->has_before, f->before, f->hidden_before, ratio));
    int show = f->has_now && f->has_before && !f->hidden_now && !f->hidden_before;
    /* the difference of the figures as printed (one decimal), so that the
       reader's own subtraction of the two columns gives the third */
    double diff = round(f->now * 10) / 10 - round(f->before * 10) / 10;
    if (show) {
      char v[48];
      consolidated_display(v, sizeof v, 1, diff < 0 ? -diff : diff, 0, ratio);
      snprintf(d, sizeof d, "%s%s", diff > 0 ? "+" : diff < 0 ? "-" : "", v);
    }
    set(t, i, 3, show ? dup(b, d) : "-");
  }
  block(b, DOC_TABLE, 0, NULL, t);
}

static void targets(struct build *b, const struct consolidated *c)
{
  static const char *const H[] = {"Chỉ tiêu", "Yêu cầu", "Đạt được", "Đánh giá",
                                  "Cùng kỳ năm trước"};
  static const unsigned char R[] = {0, 1, 1, 0, 1};
  static const unsigned W[] = {44, 13, 13, 17, 13};
  const struct target_report *r = &c->targets;
  struct doc_table *t = table(b, 5, H, r->n, R, W);
  for (size_t i = 0; t && i < r->n; i++) {
    const struct target_row *x = &r->rows[i];
    char name[700], req[64], v[48];
    if (x->quota_id)
      snprintf(name, sizeof name, "    - %s", x->assignee);
    else
      snprintf(name, sizeof name, "%d. %s", x->ord, x->text);
    set(t, i, 0, dup(b, name));
    if (x->eval.has_required) {
      consolidated_display(v, sizeof v, 1, x->eval.required, 0, x->in.is_ratio);
      snprintf(req, sizeof req, "%s%s%s", x->eval.required_is_max ? "≤ " : "≥ ", v,
               x->in.is_ratio ? "%" : "");
      set(t, i, 1, dup(b, req));
    } else {
      set(t, i, 1, "-");
    }
    set(t, i, 2, fmt(b, x->in.has_value, x->in.value, 0, x->in.is_ratio));
    set(t, i, 3, dup(b, label_vi(LABEL_TARGET_STATUS, target_status_code(x->eval.status))));
    set(t, i, 4, fmt(b, x->in.has_before, x->in.before, 0, x->in.is_ratio));
  }
  if (r->n)
    block(b, DOC_TABLE, 0, NULL, t);
  else
    block(b, DOC_PARA, 0, "Kế hoạch không có chỉ tiêu định lượng.", NULL);
}

/* The per-unit table of the document: the key indicators (the workbook has them all). */
static void units(struct build *b, const struct consolidated *c)
{
  /* short headings of CONS_KEY_INDICATORS, in its order: a column 12% wide */
  static const char *const H[CONS_KEY_COLS + 1] = {
      "Đơn vị",       "Vụ phát hiện",  "Đối tượng bị bắt",   "Người trong danh sách",
      "Người nghiện", "Điểm, tụ điểm", "Cai nghiện bắt buộc"};
  static const unsigned char R[] = {0, 1, 1, 1, 1, 1, 1};
  static const unsigned W[] = {28, 12, 12, 12, 12, 12, 12};
  if (!c->n_units) {
    block(b, DOC_PARA, 0, "Không có đơn vị trực thuộc trong kỳ.", NULL);
    return;
  }
  size_t col[CONS_KEY_COLS];
  for (int k = 0; k < CONS_KEY_COLS; k++) {
    col[k] = consolidated_col(c, CONS_KEY_INDICATORS[k]);
    assert(col[k] < c->n_cols); /* the key indicators are in the catalogue */
  }
  struct doc_table *t = table(b, CONS_KEY_COLS + 1, H, c->n_units + 1, R, W);
  for (size_t i = 0; t && i < c->n_units; i++) {
    const struct cons_unit_row *r = &c->units[i];
    char name[200];
    snprintf(name, sizeof name, "%s %s", r->unit.type, r->unit.name);
    set(t, i, 0, dup(b, name));
    for (int k = 0; k < CONS_KEY_COLS; k++)
      set(t, i, (size_t)k + 1, fmt(b, r->has[col[k]], r->values[col[k]], r->hidden[col[k]], 0));
  }
  set(t, c->n_units, 0, "Tổng cộng");
  for (int k = 0; t && k < CONS_KEY_COLS; k++)
    set(t, c->n_units, (size_t)k + 1,
        fmt(b, c->total.has[col[k]], c->total.values[col[k]], c->total.hidden[col[k]], 0));
  block(b, DOC_TABLE, 0, NULL, t);
}

static void overdue(struct build *b, const struct consolidated *c)
{
  static const char *const H[] = {"Mục", "Nhiệm vụ", "Cơ quan", "Hạn", "Quá hạn (ngày)"};
  static const unsigned char R[] = {0, 0, 0, 0, 1};
  static const unsigned W[] = {8, 46, 22, 12, 12};
  if (!c->n_overdue) {
    block(b, DOC_PARA, 0, "Không có nhiệm vụ quá hạn.", NULL);
    return;
  }
  struct doc_table *t = table(b, 5, H, c->n_overdue, R, W);
  for (size_t i = 0; t && i < c->n_overdue; i++) {
    const struct cons_task *x = &c->overdue[i];
    char d[16], days[24];
    snprintf(days, sizeof days, "%ld", x->overdue_days);
    set(t, i, 0, dup(b, x->section));
    set(t, i, 1, dup(b, x->text));
    set(t, i, 2, dup(b, x->agency));
    set(t, i, 3, dup(b, date_iso_to_vn(d, x->deadline)));
    set(t, i, 4, dup(b, days));
  }
  block(b, DOC_TABLE, 0, NULL, t);
}

static void reports(struct build *b, const struct consolidated *c)
{
  static const char *const H[] = {"Báo cáo", "Hạn", "Phải gửi", "Đã gửi", "Đúng hạn"};
  static const unsigned char R[] = {0, 0, 1, 1, 1};
  static const unsigned W[] = {46, 15, 13, 13, 13};
  if (!c->n_reports) {
    block(b, DOC_PARA, 0, "Không có báo cáo đến hạn trong kỳ.", NULL);
    return;
  }
  struct doc_table *t = table(b, 5, H, c->n_reports, R, W);
  for (size_t i = 0; t && i < c->n_reports; i++) {
    const struct cons_report *r = &c->reports[i];
    char d[16], n[3][24];
    snprintf(n[0], sizeof n[0], "%zu", r->owed);
    snprintf(n[1], sizeof n[1], "%zu", r->submitted);
    snprintf(n[2], sizeof n[2], "%zu", r->on_time);
    set(t, i, 0, dup(b, r->name));
    set(t, i, 1, dup(b, date_iso_to_vn(d, r->due)));
    for (int k = 0; k < 3; k++)
      set(t, i, (size_t)k + 2, dup(b, n[k]));
  }
  block(b, DOC_TABLE, 0, NULL, t);
}

int consolidated_doc_build(struct consolidated_doc *out, const struct consolidated *c,
                           struct date today, struct err *err)
{
  memset(out, 0, sizeof *out);
  arena_init(&out->a, 0, 0);
  struct build b;
  memset(&b, 0, sizeof b);
  b.a = &out->a;
  char *issuer = NULL;
  int rc = text_upper(&issuer, c->issuer[0] ? c->issuer : "CƠ QUAN BÁO CÁO", err);
  if (rc) {
    consolidated_doc_free(out);
    return rc;
  }
  const char *issuer_s = dup(&b, issuer);
  free(issuer);
  char subject[1200];
  snprintf(subject, sizeof subject, "Kết quả thực hiện %s%s%s%s, %s",
           c->plan_number[0] ? "Kế hoạch số " : "kế hoạch", c->plan_number,
           c->plan_number[0] ? " " : " ", c->plan_title, c->period_name);
  block(&b, DOC_HEADING, 1, "I. TÌNH HÌNH CHUNG", NULL);
  block(&b, DOC_PROMPT, 0,
        "Cán bộ viết: đánh giá chung tình hình tội phạm và tệ nạn ma túy trên địa bàn trong kỳ",
        NULL);
  block(&b, DOC_HEADING, 1, "II. KẾT QUẢ THỰC HIỆN", NULL);
  block(&b, DOC_HEADING, 2, "1. Số liệu chủ yếu (so với cùng kỳ năm trước)", NULL);
  figures(&b, c);
  block(&b, DOC_HEADING, 2, "2. Kết quả thực hiện các chỉ tiêu", NULL);
  targets(&b, c);
  block(&b, DOC_HEADING, 2, "3. Kết quả theo đơn vị", NULL);
  units(&b, c);
  block(&b, DOC_HEADING, 2, "4. Đơn vị chậm tiến độ", NULL);
  for (size_t i = 0; i < c->n_lagging; i++)
    block(&b, DOC_PARA, 0, dup(&b, c->lagging[i]), NULL);
  if (!c->n_lagging)
    block(&b, DOC_PARA, 0, "Không có đơn vị chậm tiến độ theo các chỉ tiêu được giao.", NULL);
  block(&b, DOC_HEADING, 2, "5. Nhiệm vụ quá hạn", NULL);
  overdue(&b, c);
  block(&b, DOC_HEADING, 2, "6. Tình hình gửi báo cáo", NULL);
  reports(&b, c);
  block(&b, DOC_HEADING, 1, "III. HẠN CHẾ, NGUYÊN NHÂN", NULL);
  block(&b, DOC_PROMPT, 0, "Cán bộ viết: hạn chế, nguyên nhân", NULL);
  block(&b, DOC_HEADING, 1, "IV. ĐỀ XUẤT, KIẾN NGHỊ", NULL);
  block(&b, DOC_PROMPT, 0, "Cán bộ viết: đề xuất, kiến nghị", NULL);
  const char **rcpt = arena_alloc(&out->a, 2 * sizeof *rcpt);
  if (rcpt) {
    rcpt[0] = dup(&b, c->recipient[0] ? c->recipient : "Như trên");
    rcpt[1] = "Lưu: VT";
  }
  if (b.nomem || !rcpt) {
    consolidated_doc_free(out);
    return err_nomem(err);
  }
  out->doc = (struct admin_doc){NULL,
                                issuer_s,
                                NULL,
                                dup(&b, c->unit.id ? c->unit.name : "Hà Nội"),
                                today,
                                "BÁO CÁO",
                                dup(&b, subject),
                                b.blocks,
                                b.n,
                                rcpt,
                                2,
                                NULL,
                                "QUYỀN HẠN, CHỨC VỤ NGƯỜI KÝ",
                                NULL};
  if (b.nomem) {
    consolidated_doc_free(out);
    return err_nomem(err);
  }
  return ERR_OK;
}

void consolidated_doc_free(struct consolidated_doc *d)
{
  if (!d)
    return;
  arena_free(&d->a);
  memset(d, 0, sizeof *d);
}
