/* app_monitor.c: targets bound and evaluated (see app_monitor.h, docs/monitoring.md).
 *
 * A status reads the plan and its targets' bindings, quotas and manual
 * values through the store (territory in SQL), asks indicator_compute for
 * each figure a row needs — the span so far, the same span one year
 * before and that year's part up to the same day, a ratio's base stock —
 * and hands the numbers to domain/target_eval.h. Figures are cached per
 * unit and span for the request: the targets of one plan mostly share
 * them, and one computation gives every indicator of the catalogue. A unit
 * some quota measures by agency is computed with the agency split once,
 * its total read from the same computation. Last year's shape is taken
 * once per target, on the plan's unit, and used for its quotas too: a
 * district's few cases a year give no shape of their own worth the two
 * computations each. */
#include "app/app_monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/array.h"
#include "base/date.h"
#include "base/period.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/plan_edit.h"
#include "domain/plan_life.h"
#include "domain/target_bind.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_plans.h"
#include "store/store_targets.h"
#include "store/store_users.h"
#include "types/label.h"

#define VALUE_MAX  1e12 /* a hand-entered figure above this is a typing error */
#define SOURCE_MAX 250  /* bytes of a value's source */

static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* `text` (dd/mm/yyyy or ISO) into *out; today for NULL or "". */
static int day_of(struct date *out, const char *text, struct err *err)
{
  if (!text || !*text) {
    *out = date_today();
    return ERR_OK;
  }
  if (date_parse(out, text, 0, NULL) != ERR_OK)
    return err_set(err, ERR_INPUT, "ngày \"%s\" không hợp lệ (viết dd/mm/yyyy)", text);
  return ERR_OK;
}

static const struct store_target_binding *binding_of(const struct store_target_set *s, long id)
{
  for (size_t i = 0; i < s->n_bindings; i++)
    if (s->bindings[i].target_id == id)
      return &s->bindings[i];
  return NULL;
}

static const struct plan_target *target_of(const struct plan *p, long id)
{
  for (size_t i = 0; i < p->n_targets; i++)
    if (p->targets[i].id == id)
      return &p->targets[i];
  return NULL;
}

/* The plan's unit and date, as a save resolved its names against. */
static void place_of(struct plan_place *out, const struct plan *p,
                     const struct store_plan_info *info)
{
  memset(out, 0, sizeof *out);
  snprintf(out->tree, sizeof out->tree, "%s", info->unit_tree);
  snprintf(out->code, sizeof out->code, "%s", info->unit_code);
  struct date d = p->issued_on.y ? p->issued_on : p->period_start;
  if (d.y)
    date_to_iso(out->at, d);
}

/* ---- bind ----------------------------------------------------------------- */

/* The catalogue code `text` names (code or Vietnamese name) into *code;
 * NULL for "manual". */
static int indicator_of(const char **code, const char *text, struct err *err)
{
  *code = NULL;
  if (!text || !*text)
    return err_set(err, ERR_INPUT, "thiếu chỉ số đo (mã chỉ số trong danh mục, hoặc manual)");
  if (strcmp(text, "manual") == 0)
    return ERR_OK;
  const struct indicator_def *d = indicator_find(text);
  if (!d) {
    const char *c = label_match(LABEL_INDICATOR, text);
    d = c ? indicator_find(c) : NULL;
  }
  if (!d)
    return err_set(err, ERR_INPUT,
                   "không có chỉ số \"%s\" trong danh mục (xem pcmt indicators list), hoặc "
                   "dùng manual cho số liệu nhập tay",
                   text);
  *code = d->code;
  return ERR_OK;
}

/* Resolve again the quotas of target `target_id` that resolved to nothing. */
static int resolve_quotas(struct store *st, const struct scope *caller, long plan_id,
                          long target_id, const struct plan_place *place,
                          const struct store_target_set *set, struct err *err)
{
  for (size_t i = 0; i < set->n_quotas; i++) {
    const struct store_target_quota *q = &set->quotas[i];
    if (q->target_id != target_id || q->res.kind[0] || q->res.unit_code[0])
      continue;
    struct store_plan_res res;
    int rc = plan_edit_resolve(&res, st, place, q->assignee, err);
    if (!rc && (res.kind[0] || res.unit_code[0]))
      rc = store_target_quota_resolve(st, caller, plan_id, q->id, &res, err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}

int app_plan_bind(struct store *st, const struct scope *caller, const struct app_plan_bind_in *in,
                  struct err *err)
{
  int rc = plan_life_may_change(caller, err);
  const char *code = NULL;
  if (!rc)
    rc = indicator_of(&code, in->indicator, err);
  if (!rc && in->scope && *in->scope && strcmp(in->scope, "plan") != 0 &&
      strcmp(in->scope, "quota") != 0)
    rc = err_set(err, ERR_INPUT, "phạm vi \"%s\" không hợp lệ; chọn plan hoặc quota", in->scope);
  if (rc)
    return rc;
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  struct plan p;
  struct store_plan_info info;
  struct store_target_set set = {0};
  rc = store_plan_load_frame(&p, &info, st, caller, in->plan_id, err);
  if (!rc && strcmp(info.status, "closed") == 0)
    rc = err_set(err, ERR_CONFLICT, "kế hoạch %ld đã kết thúc: không gắn chỉ tiêu được",
                 in->plan_id);
  const struct plan_target *t = rc ? NULL : target_of(&p, in->target_id);
  if (!rc && !t)
    rc = err_set(err, ERR_NOT_FOUND, "kế hoạch %ld không có chỉ tiêu số %ld", in->plan_id,
                 in->target_id);
  const char *scope = "plan";
  if (!rc) {
    scope = in->scope && *in->scope ? in->scope : t->n_quotas ? "quota" : "plan";
    if (strcmp(scope, "quota") == 0 && !t->n_quotas)
      rc = err_set(err, ERR_INPUT,
                   "chỉ tiêu %ld không có mức giao cho đơn vị, cơ quan nào: "
                   "dùng --scope plan",
                   in->target_id);
  }
  if (!rc)
    rc = store_target_set_load(&set, st, caller, in->plan_id, err);
  if (!rc && strcmp(scope, "quota") == 0) {
    struct plan_place place;
    place_of(&place, &p, &info);
    rc = resolve_quotas(st, caller, in->plan_id, in->target_id, &place, &set, err);
  }
  if (!rc)
    rc = store_target_bind(st, caller, in->plan_id, in->target_id, code, scope, me.id, err);
  if (!rc) {
    char detail[256];
    snprintf(detail, sizeof detail, "chỉ tiêu %ld: %s, phạm vi %s", in->target_id,
             code ? code : "manual", scope);
    rc = audit_record(st, caller, "plan.bind", "plan", in->plan_id, detail, err);
  }
  rc = finish(st, rc, err);
  store_target_set_free(&set);
  plan_free(&p);
  return rc;
}

/* ---- propose -------------------------------------------------------------- */

void app_target_proposals_free(struct app_target_proposals *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

/* Copy at most n - 1 bytes of s into dst, cut on a UTF-8 character boundary. */
static void copy_cut(char *dst, size_t n, const char *s)
{
  size_t len = s ? strlen(s) : 0;
  if (len >= n) {
    len = n - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
      len--;
  }
  if (len)
    memcpy(dst, s, len);
  dst[len] = '\0';
}

int app_plan_propose(struct app_target_proposals *out, struct store *st, const struct scope *caller,
                     long plan_id, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct plan p;
  struct store_target_set set = {0};
  int rc = store_plan_load_frame(&p, NULL, st, caller, plan_id, err);
  if (rc)
    return rc;
  rc = store_target_set_load(&set, st, caller, plan_id, err);
  if (!rc && p.n_targets) {
    out->items = calloc(p.n_targets, sizeof *out->items);
    if (!out->items)
      rc = err_nomem(err);
  }
  for (size_t i = 0; !rc && i < p.n_targets; i++) {
    const struct plan_target *t = &p.targets[i];
    struct target_proposal *o = &out->items[out->n++];
    struct target_bind_proposal b;
    rc = target_bind_propose(&b, t, err);
    o->target_id = t->id;
    o->ord = (int)i + 1;
    copy_cut(o->text, sizeof o->text, t->text);
    o->indicator = b.indicator;
    o->rule = b.rule;
    o->scope = b.per_quota ? "quota" : "plan";
    const struct store_target_binding *bd = binding_of(&set, t->id);
    if (bd) {
      o->bound = 1;
      snprintf(o->bound_indicator, sizeof o->bound_indicator, "%s", bd->indicator);
      snprintf(o->bound_scope, sizeof o->bound_scope, "%s", bd->scope);
    }
  }
  if (rc)
    app_target_proposals_free(out);
  store_target_set_free(&set);
  plan_free(&p);
  return rc;
}

/* ---- manual values -------------------------------------------------------- */

int app_target_value(long *id, struct store *st, const struct scope *caller,
                     const struct app_target_value_in *in, struct err *err)
{
  *id = 0;
  int rc = plan_life_may_change(caller, err);
  if (rc)
    return rc;
  struct date on;
  rc = day_of(&on, in->on, err);
  if (rc)
    return rc;
  if (!(in->value >= 0 && in->value <= VALUE_MAX))
    return err_set(err, ERR_INPUT, "giá trị phải là một số từ 0 đến 1.000.000.000.000");
  if (!in->source || !text_has_alnum(in->source) ||
      !text_utf8_valid(in->source, strlen(in->source)) || strlen(in->source) > SOURCE_MAX)
    return err_set(err, ERR_INPUT, "thiếu nguồn số liệu (--source \"báo cáo ...\"), tối đa %d byte",
                   SOURCE_MAX);
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char status[12] = "";
  struct store_target_set set = {0};
  rc = store_plan_status(status, sizeof status, st, caller, in->plan_id, err);
  if (!rc && strcmp(status, "published") != 0)
    rc = err_set(err, ERR_CONFLICT, "kế hoạch %ld %s: không nhập số liệu chỉ tiêu được",
                 in->plan_id, strcmp(status, "closed") == 0 ? "đã kết thúc" : "chưa ban hành");
  if (!rc)
    rc = store_target_set_load(&set, st, caller, in->plan_id, err);
  const struct store_target_binding *b = rc ? NULL : binding_of(&set, in->target_id);
  if (!rc && (!b || b->indicator[0]))
    rc = err_set(err, ERR_INPUT,
                 "chỉ tiêu %ld không gắn với số liệu nhập tay (pcmt plan bind %ld %ld manual)",
                 in->target_id, in->plan_id, in->target_id);
  char on_iso[DATE_ISO_LEN];
  date_to_iso(on_iso, on);
  if (!rc)
    rc = store_target_value_add(id, st, caller, in->plan_id, in->target_id, in->quota_id, on_iso,
                                in->value, in->source, me.id, err);
  if (!rc) {
    char detail[400], quota[32] = "";
    if (in->quota_id)
      snprintf(quota, sizeof quota, ", mức giao %ld", in->quota_id);
    snprintf(detail, sizeof detail, "chỉ tiêu %ld%s: %g ngày %s (%s)", in->target_id, quota,
             in->value, on_iso, in->source);
    rc = audit_record(st, caller, "plan.target_value", "plan", in->plan_id, detail, err);
  }
  rc = finish(st, rc, err);
  store_target_set_free(&set);
  if (rc)
    *id = 0;
  return rc;
}

/* ---- status --------------------------------------------------------------- */

/* One computation of the catalogue, kept for the request. */
struct figure_cache {
  char tree[12], code[8];
  struct date start, end;
  enum ind_split split;
  struct indicator_result_list list;
};

/* Where a row is measured. */
struct where {
  const char *tree, *code; /* "" : the caller's territory (a national plan) */
  const char *agency;      /* "" : every agency; else the agency split's group */
};

/* What a status request works with. */
struct ctx {
  struct store *st;
  const struct scope *caller;
  const struct plan *plan;
  const struct store_plan_info *info;
  const struct store_target_set *set;
  struct date at;
  struct figure_cache *cache; /* computations made so far */
  size_t n_cache, cap_cache;
  struct where *split_at; /* the units some quota measures by agency */
  size_t n_split;
};

static void cache_free(struct ctx *c)
{
  for (size_t i = 0; i < c->n_cache; i++)
    indicator_result_list_free(&c->cache[i].list);
  free(c->cache);
  free(c->split_at);
}

/* 1 when some quota measures unit (tree, code) by agency. */
static int split_at(const struct ctx *c, const char *tree, const char *code)
{
  for (size_t i = 0; i < c->n_split; i++)
    if (strcmp(c->split_at[i].tree, tree) == 0 && strcmp(c->split_at[i].code, code) == 0)
      return 1;
  return 0;
}

/* Mark the units the bound agency quotas are measured on (their unit, else
 * the plan's). */
static int mark_splits(struct ctx *c, struct err *err)
{
  c->split_at = calloc(c->set->n_quotas + 1, sizeof *c->split_at);
  if (!c->split_at)
    return err_nomem(err);
  for (size_t i = 0; i < c->set->n_quotas; i++) {
    const struct store_target_quota *q = &c->set->quotas[i];
    const struct store_target_binding *b = binding_of(c->set, q->target_id);
    if (!q->res.kind[0] || !b || strcmp(b->scope, "quota") != 0)
      continue;
    const char *tree = q->res.unit_code[0] ? q->res.unit_tree : c->info->unit_tree;
    const char *code = q->res.unit_code[0] ? q->res.unit_code : c->info->unit_code;
    if (!split_at(c, tree, code))
      c->split_at[c->n_split++] = (struct where){tree, code, ""};
  }
  return ERR_OK;
}

/* The catalogue for unit (tree, code) ("" : the caller's territory) over
 * start..end, split as asked: from the cache, else computed and kept. */
static int figures(const struct indicator_result_list **out, struct ctx *c, const char *tree,
                   const char *code, struct date start, struct date end, enum ind_split split,
                   struct err *err)
{
  *out = NULL;
  for (size_t i = 0; i < c->n_cache; i++) {
    struct figure_cache *f = &c->cache[i];
    if (f->split == split && strcmp(f->tree, tree) == 0 && strcmp(f->code, code) == 0 &&
        date_cmp(f->start, start) == 0 && date_cmp(f->end, end) == 0) {
      *out = &f->list;
      return ERR_OK;
    }
  }
  struct period p;
  int rc = period_custom(&p, start, end, err);
  if (rc)
    return rc;
  if (c->n_cache == c->cap_cache) {
    struct figure_cache *g = array_grow(c->cache, &c->cap_cache, c->n_cache + 1, sizeof *g);
    if (!g)
      return err_nomem(err);
    c->cache = g;
  }
  struct figure_cache *f = &c->cache[c->n_cache];
  memset(f, 0, sizeof *f);
  snprintf(f->tree, sizeof f->tree, "%s", tree);
  snprintf(f->code, sizeof f->code, "%s", code);
  f->start = start;
  f->end = end;
  f->split = split;
  rc = indicator_compute(&f->list, c->st, c->caller, *tree ? tree : NULL, *code ? code : NULL, &p,
                         split, err);
  if (rc)
    return rc;
  c->n_cache++;
  *out = &f->list;
  return ERR_OK;
}

/* The figure of indicator `def` at `w` over start..end into *has, *v
 * (a ratio: percent, with *num, *den); *unit the unit measured. `shared`:
 * a figure of the span so far, which the agency quotas of the same unit
 * read from the same computation. */
static int figure(int *has, double *v, double *num, double *den, struct unit *unit, struct ctx *c,
                  const struct indicator_def *def, const struct where *w, struct date start,
                  struct date end, int shared, struct err *err)
{
  *has = 0;
  *v = *num = *den = 0;
  const struct indicator_result_list *l;
  enum ind_split split =
      w->agency[0] || (shared && split_at(c, w->tree, w->code)) ? IND_SPLIT_AGENCY : IND_SPLIT_NONE;
  int rc = figures(&l, c, w->tree, w->code, start, end, split, err);
  if (rc)
    return rc;
  if (unit)
    *unit = l->unit;
  for (size_t i = 0; i < l->n; i++) {
    const struct indicator_result *r = &l->items[i];
    if (r->def != def || strcmp(r->group, w->agency) != 0)
      continue;
    /* a ratio always has its parts; an empty denominator is the evaluation's to name */
    *has = def->kind == IND_RATIO || r->has_value;
    *v = r->value;
    *num = r->num;
    *den = r->den;
    return ERR_OK;
  }
  /* no row: an agency with nothing recorded counts 0 on a register; an
   * aggregate nobody entered has no value */
  *has = def->source != IND_SRC_AGGREGATE && def->kind != IND_RATIO;
  return ERR_OK;
}

static struct date year_before(struct date d)
{
  struct period p = {PERIOD_DAY, d, d}, q;
  period_last_year(&q, &p);
  return q.start;
}

/* The latest manual value of (target, quota) dated from..to. */
static int manual_value(double *v, const struct ctx *c, long target_id, long quota_id,
                        struct date from, struct date to)
{
  char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
  date_to_iso(f, from);
  date_to_iso(t, to);
  int has = 0;
  for (size_t i = 0; i < c->set->n_values; i++) {
    const struct store_target_value *x = &c->set->values[i];
    if (x->target_id != target_id || x->quota_id != quota_id)
      continue;
    if (strcmp(x->value_on, f) >= 0 && strcmp(x->value_on, t) <= 0) {
      *v = x->value; /* in date order: the last one wins */
      has = 1;
    }
  }
  return has;
}

/* Fill r->in and r->eval for the row's target t over start..end, measured
 * at `w` (NULL: not measurable, reason `why`); a quota row takes last
 * year's shape from `whole`, the target's row (NULL for that row). */
static int evaluate(struct target_row *r, struct ctx *c, const struct plan_target *t,
                    const struct where *w, const char *why, struct date start, struct date end,
                    int spanned, const struct target_row *whole, struct err *err)
{
  struct target_eval_in *in = &r->in;
  in->kind = t->kind;
  in->start = spanned ? start : (struct date){0, 0, 0};
  in->end = spanned ? end : (struct date){0, 0, 0};
  in->at = c->at;
  in->ind_kind = IND_STOCK;
  if (w) { /* named by a computation below; the codes also before one (--unit) */
    snprintf(r->unit.tree, sizeof r->unit.tree, "%s", w->tree);
    snprintf(r->unit.code, sizeof r->unit.code, "%s", w->code);
  }
  if (!spanned || !w || date_cmp(c->at, start) < 0) {
    target_eval_run(&r->eval, in);
    if (!w && spanned && date_cmp(c->at, start) >= 0) {
      r->eval.status = TARGET_NOT_MEASURABLE;
      r->eval.why = why;
    }
    return ERR_OK;
  }
  struct date to = date_cmp(c->at, end) < 0 ? c->at : end;
  struct date ly_start = year_before(start), ly_end = year_before(end), ly_to = year_before(to);
  int trend = t->kind == TARGET_GROWTH_MIN || t->kind == TARGET_GROWTH_MAX ||
              t->kind == TARGET_REDUCTION_MIN;
  if (r->manual) {
    double v = 0;
    in->has_value = manual_value(&v, c, t->id, r->quota_id, start, to);
    in->value = v;
    in->has_before = manual_value(&v, c, t->id, r->quota_id, ly_start, ly_end);
    in->before = v;
    in->is_ratio = 0;
    if (t->kind == TARGET_RATIO_MIN) { /* a percentage entered as such */
      in->is_ratio = 1;
      in->num = in->value;
      in->den = 100;
    }
  } else {
    const struct indicator_def *def = indicator_find(r->indicator);
    if (!def) {
      r->eval.status = TARGET_NOT_MEASURABLE;
      r->eval.why = "chỉ số không còn trong danh mục";
      return ERR_OK;
    }
    in->ind_kind = def->kind;
    double num, den;
    int rc = figure(&in->has_value, &in->value, &num, &den, &r->unit, c, def, w, start, to, 1, err);
    if (rc)
      return rc;
    if (def->kind == IND_RATIO) {
      in->is_ratio = 1;
      in->num = num;
      in->den = den;
    } else if (t->kind == TARGET_RATIO_MIN && r->base[0]) {
      /* a flow as a share of the stock the day before the span starts */
      const struct indicator_def *b = indicator_find(r->base);
      struct date eve = date_add_days(start, -1);
      int has_b;
      double bv;
      rc = b ? figure(&has_b, &bv, &num, &den, NULL, c, b, w, eve, eve, 0, err) : ERR_OK;
      if (rc)
        return rc;
      in->is_ratio = 1;
      in->num = in->value;
      in->den = b && has_b ? bv : 0;
      in->value = in->den > 0 ? in->num / in->den * 100 : 0;
    }
    /* the same span one year before: the requirement of a trend; and the
     * shape of a flow's projection (the whole target's, for a quota) */
    int flow = def->kind == IND_FLOW && !in->is_ratio;
    int shaped = flow && date_cmp(c->at, end) < 0 && t->kind != TARGET_ZERO;
    if (trend || (shaped && !whole)) {
      rc = figure(&in->has_before, &in->before, &num, &den, NULL, c, def, w, ly_start, ly_end, 0,
                  err);
      if (rc)
        return rc;
    }
    if (shaped && whole) {
      in->has_shape = whole->in.has_shape;
      in->shape = whole->in.shape;
    } else if (shaped && in->has_before) {
      int has_part;
      double part;
      rc = figure(&has_part, &part, &num, &den, NULL, c, def, w, ly_start, ly_to, 0, err);
      if (rc)
        return rc;
      in->has_shape = has_part && part > 0;
      in->shape = in->has_shape ? in->before / part : 0;
    }
  }
  if (in->has_before) {
    r->before_from = ly_start;
    r->before_to = ly_end;
  }
  target_eval_run(&r->eval, in);
  return ERR_OK;
}

static int push_row(struct target_report *out, size_t *cap, struct target_row **row,
                    const struct plan_target *t, size_t ord, struct err *err)
{
  if (out->n == *cap) {
    struct target_row *g = array_grow(out->rows, cap, out->n + 1, sizeof *g);
    if (!g)
      return err_nomem(err);
    out->rows = g;
  }
  struct target_row *r = &out->rows[out->n];
  memset(r, 0, sizeof *r);
  r->text = strdup(t->text ? t->text : "");
  if (!r->text)
    return err_nomem(err);
  out->n++;
  r->target_id = t->id;
  r->ord = (int)ord;
  r->kind = t->kind;
  snprintf(r->noun, sizeof r->noun, "%s", t->unit ? t->unit : "");
  snprintf(r->phase, sizeof r->phase, "%s", t->phase ? t->phase : "");
  *row = r;
  return ERR_OK;
}

/* The rows of target t (the ord-th). */
static int target_rows(struct target_report *out, size_t *cap, struct ctx *c,
                       const struct plan_target *t, size_t ord, struct err *err)
{
  struct date start, end;
  int spanned = target_eval_span(&start, &end, c->plan, t);
  const struct store_target_binding *b = binding_of(c->set, t->id);
  struct target_row *r;
  int rc = push_row(out, cap, &r, t, ord, err);
  if (rc)
    return rc;
  if (!b) {
    struct target_bind_proposal p;
    rc = target_bind_propose(&p, t, err);
    if (rc)
      return rc;
    snprintf(r->proposal, sizeof r->proposal, "%s", p.indicator ? p.indicator : "");
    r->in.kind = t->kind;
    r->eval.status = TARGET_UNBOUND;
    r->eval.why = "chỉ tiêu chưa gắn với chỉ số đo (pcmt plan bind)";
    return ERR_OK;
  }
  const char *base = t->kind == TARGET_RATIO_MIN ? target_bind_base(b->indicator) : NULL;
  r->bound = 1;
  r->manual = !b->indicator[0];
  snprintf(r->indicator, sizeof r->indicator, "%s", b->indicator);
  snprintf(r->base, sizeof r->base, "%s", base ? base : "");
  snprintf(r->scope, sizeof r->scope, "%s", b->scope);
  struct where plan_w = {c->info->unit_tree, c->info->unit_code, ""};
  /* the target as a whole: its value, else the sum of its quotas */
  double sum = 0;
  int n_q = 0, all_q = 1;
  for (size_t i = 0; i < c->set->n_quotas; i++)
    if (c->set->quotas[i].target_id == t->id) {
      n_q++;
      all_q &= c->set->quotas[i].has_value;
      sum += c->set->quotas[i].value;
    }
  r->in.has_target = t->has_value || (n_q && all_q);
  r->in.target = t->has_value ? t->value : sum;
  rc = evaluate(r, c, t, &plan_w, NULL, start, end, spanned, NULL, err);
  if (rc || strcmp(b->scope, "quota") != 0)
    return rc;
  size_t whole = out->n - 1; /* rows may move as they grow: keep the index */
  for (size_t i = 0; i < c->set->n_quotas; i++) {
    const struct store_target_quota *q = &c->set->quotas[i];
    if (q->target_id != t->id)
      continue;
    rc = push_row(out, cap, &r, t, ord, err);
    if (rc)
      return rc;
    r->quota_id = q->id;
    snprintf(r->assignee, sizeof r->assignee, "%s", q->assignee);
    r->bound = 1;
    r->manual = !b->indicator[0];
    snprintf(r->indicator, sizeof r->indicator, "%s", b->indicator);
    snprintf(r->base, sizeof r->base, "%s", base ? base : "");
    snprintf(r->scope, sizeof r->scope, "%s", b->scope);
    r->in.has_target = q->has_value;
    r->in.target = q->value;
    /* an agency: the agency split of its unit (else the plan's); a unit:
     * that unit; a collective ("Các huyện, thị xã, thành phố": a level
     * without a kind) or nothing resolved: not measured apart */
    struct where w = {q->res.unit_tree, q->res.unit_code, q->res.kind};
    const char *why = NULL;
    if (q->res.kind[0]) {
      if (!q->res.unit_code[0]) {
        w.tree = c->info->unit_tree;
        w.code = c->info->unit_code;
      }
    } else if (q->res.level[0]) {
      why = "nơi được giao là một nhóm đơn vị, cơ quan: không đo riêng được";
    } else if (!q->res.unit_code[0]) {
      why = "chưa xác định được đơn vị hay cơ quan được giao";
    }
    const struct indicator_def *def = r->manual ? NULL : indicator_find(b->indicator);
    if (!why && w.agency[0] && def && def->source != IND_SRC_AGGREGATE &&
        !(def->splits & IND_BY_AGENCY))
      why = "chỉ số này không tách theo cơ quan";
    snprintf(r->agency_kind, sizeof r->agency_kind, "%s", w.agency);
    rc = evaluate(r, c, t, why ? NULL : &w, why, start, end, spanned, &out->rows[whole], err);
    if (rc)
      return rc;
  }
  return ERR_OK;
}

/* With --unit: keep the unbound rows and the rows measured on unit u. */
static void keep_unit(struct target_report *out, const struct unit *u)
{
  size_t k = 0;
  for (size_t i = 0; i < out->n; i++) {
    struct target_row *r = &out->rows[i];
    int keep = !r->bound || (strcmp(r->unit.tree, u->tree) == 0 &&
                             strcmp(r->unit.code, u->code) == 0 && r->unit.code[0]);
    if (keep)
      out->rows[k++] = *r;
    else
      free(r->text);
  }
  out->n = k;
}

int app_plan_status(struct target_report *out, struct store *st, const struct scope *caller,
                    const struct app_plan_status_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct date at;
  int rc = day_of(&at, in->at, err);
  if (rc)
    return rc;
  struct plan p;
  struct store_plan_info info;
  rc = store_plan_load_frame(&p, &info, st, caller, in->plan_id, err);
  if (rc)
    return rc;
  struct store_target_set set = {0};
  rc = store_target_set_load(&set, st, caller, in->plan_id, err);
  struct unit keep;
  memset(&keep, 0, sizeof keep);
  if (!rc && in->unit && *in->unit) {
    struct plan_place place;
    place_of(&place, &p, &info);
    struct scope narrow;
    rc = unit_resolve(&keep, st, in->tree, in->unit, place.at[0] ? place.at : NULL, err);
    if (!rc)
      rc = app_caller_narrow(&narrow, st, caller, keep.tree, keep.code, err);
  }
  struct ctx c = {st, caller, &p, &info, &set, at, NULL, 0, 0, NULL, 0};
  if (!rc)
    rc = mark_splits(&c, err);
  out->plan_id = in->plan_id;
  out->at = at;
  snprintf(out->plan_number, sizeof out->plan_number, "%s", info.number);
  snprintf(out->plan_title, sizeof out->plan_title, "%s", info.title);
  size_t cap = 0;
  for (size_t i = 0; !rc && i < p.n_targets; i++)
    rc = target_rows(out, &cap, &c, &p.targets[i], i + 1, err);
  if (!rc && keep.code[0]) {
    keep_unit(out, &keep);
    out->unit = keep;
  }
  cache_free(&c);
  store_target_set_free(&set);
  plan_free(&p);
  if (rc)
    target_report_free(out);
  return rc;
}
