/* app_classify.c: classifying communes for a year (see app_classify.h).
 *
 * Each commune's figures are the indicators of its subtree for the calendar
 * year (a stock on 31/12, a flow over the year), read through the caller's
 * territory like every aggregate; a commune without residents entered
 * leaves its ratio criteria unknown rather than guessed. */
#include "app/app_classify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/array.h"
#include "base/date.h"
#include "base/period.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_classify.h"
#include "store/store_people.h"

static double value_of(const struct indicator_result_list *l, const char *code)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].group[0] == '\0' && strcmp(l->items[i].def->code, code) == 0)
      return l->items[i].has_value ? l->items[i].value : 0;
  return 0;
}

/* The year's figures of unit u into *f. */
static int figures(struct class_figures *f, struct store *st, const struct scope *sc,
                   const struct unit *u, int year, struct err *err)
{
  memset(f, 0, sizeof *f);
  struct period p;
  period_year(&p, year);
  struct indicator_result_list l;
  int rc = indicator_compute(&l, st, sc, u->tree, u->code, &p, IND_SPLIT_NONE, err);
  if (rc)
    return rc;
  f->managed = value_of(&l, "users_managed") + value_of(&l, "addicts_registered");
  f->places = value_of(&l, "hotspots_active") + value_of(&l, "hotspots_eliminated");
  f->offenders = value_of(&l, "persons_arrested");
  f->plants = value_of(&l, "seized_plants");
  f->area_m2 = value_of(&l, "cultivation_area_destroyed");
  indicator_result_list_free(&l);
  long residents = 0;
  rc = store_class_residents_get(&residents, st, sc, u->id, year, err);
  f->has_residents = residents > 0;
  f->residents = (double)residents;
  return rc;
}

static int check_year(int year, struct err *err)
{
  struct date today = date_today();
  if (year < 2010 || year > today.y)
    return err_set(err, ERR_INPUT, "năm phân loại phải từ 2010 đến %d, không phải %d", today.y,
                   year);
  return ERR_OK;
}

/* The unit asked (tree/code on ISO day `on`; no code: the caller's own
 * territory) into *root, the caller narrowed to it into *narrow, and its
 * communes valid that day into *communes (unit_list_free). ERR_INPUT for a
 * national caller who names no unit. */
static int communes_of(struct unit_list *communes, struct unit *root, struct scope *narrow,
                       struct store *st, const struct scope *caller, const char *tree,
                       const char *code, const char *on, struct err *err)
{
  communes->items = NULL;
  communes->n = 0;
  *narrow = *caller;
  *root = caller->unit;
  int rc = ERR_OK;
  if (code && *code) {
    rc = unit_resolve(root, st, tree, code, on, err);
    if (!rc)
      rc = app_caller_narrow(narrow, st, caller, root->tree, root->code, err);
  } else if (!caller->code[0]) {
    return err_set(err, ERR_INPUT, "cần --unit: các xã của một tỉnh hoặc một huyện");
  }
  if (!rc)
    rc = unit_tree(communes, st, root->tree, root->code, on, err);
  size_t keep = 0; /* the communes alone, in the list's order */
  for (size_t i = 0; !rc && i < communes->n; i++)
    if (communes->items[i].level == unit_commune_level(communes->items[i].tree))
      communes->items[keep++] = communes->items[i];
  communes->n = keep;
  return rc;
}

int app_classify_run(struct classify_report *out, struct store *st, const struct scope *caller,
                     const char *tree, const char *code, int year, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->year = year;
  int rc = check_year(year, err);
  if (rc)
    return rc;
  snprintf(out->on, sizeof out->on, "%04d-12-31", year);
  struct scope narrow;
  struct unit root;
  struct unit_list units;
  rc = communes_of(&units, &root, &narrow, st, caller, tree, code, out->on, err);
  if (!rc)
    rc = store_class_rules_at(&out->communes, st, "commune", out->on, err);
  size_t cap = 0;
  for (size_t i = 0; !rc && i < units.n; i++) {
    const struct unit *u = &units.items[i];
    struct classify_row *row = array_grow(out->rows, &cap, out->n + 1, sizeof *row);
    if (!row) {
      rc = err_nomem(err);
      break;
    }
    out->rows = row;
    row = &out->rows[out->n++];
    memset(row, 0, sizeof *row);
    row->unit = *u;
    rc = figures(&row->fig, st, &narrow, u, year, err);
    if (!rc) {
      classify_unit(&row->result, &out->communes, &row->fig);
      if (row->result.type < 0)
        out->n_undetermined++;
      else
        out->n_type[row->result.type]++;
    }
  }
  unit_list_free(&units);
  /* a province: its own class, with the share of its communes classified */
  if (!rc && root.level == 1) {
    out->has_province = 1;
    rc = store_class_rules_at(&out->province, st, "province", out->on, err);
    struct classify_row *pr = &out->province_row;
    pr->unit = root;
    if (!rc)
      rc = figures(&pr->fig, st, &narrow, &root, year, err);
    if (!rc) {
      pr->fig.has_complex = out->n > 0 && out->n_undetermined == 0;
      if (pr->fig.has_complex)
        pr->fig.complex_pct =
            100.0 * (double)(out->n_type[1] + out->n_type[2] + out->n_type[3]) / (double)out->n;
      classify_unit(&pr->result, &out->province, &pr->fig);
    }
  }
  if (rc)
    classify_report_free(out);
  return rc;
}

int app_classify_residents(struct store *st, const struct scope *caller, const char *tree,
                           const char *code, int year, long residents, const char *source,
                           struct err *err)
{
  int rc = indicator_may_enter(caller, err);
  if (!rc)
    rc = check_year(year, err);
  if (rc)
    return rc;
  if (residents < 1 || residents > 100000000)
    return err_set(err, ERR_INPUT, "số dân phải từ 1 đến 100.000.000, không phải %ld", residents);
  if (!source || !*source)
    return err_set(err, ERR_INPUT,
                   "cần nêu nguồn số dân (ví dụ: \"Thống kê dân số của Công an "
                   "xã ngày 31/12/2025\")");
  char on[11];
  snprintf(on, sizeof on, "%04d-12-31", year);
  struct unit u;
  rc = unit_resolve(&u, st, tree, code ? code : "", on, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_class_residents_put(st, caller, u.id, year, residents, source, err);
  if (rc == ERR_NOT_FOUND) {
    char label[256];
    rc = err_set(err, ERR_DENIED, "%s nằm ngoài địa bàn của người dùng \"%s\"",
                 unit_label(label, sizeof label, &u), caller->user);
  }
  if (!rc) {
    char detail[400], label[256];
    snprintf(detail, sizeof detail, "số dân năm %d của %s: %ld (nguồn: %s)", year,
             unit_label(label, sizeof label, &u), residents, source);
    rc = audit_record(st, caller, "classify.residents", "unit", u.id, detail, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

int app_classify_rule(struct store *st, const struct scope *caller, const char *rule_set,
                      const char *level, const char *cls, const char *criterion,
                      const struct class_rule_change *c, struct err *err)
{
  if (caller->role != SCOPE_ADMIN || caller->unit_id != 0)
    return err_set(err, ERR_DENIED,
                   "chỉ quản trị viên cấp toàn quốc nhập ngưỡng của tiêu chí phân loại địa bàn");
  if (!c->has_threshold && !c->has_alt && !c->has_min)
    return err_set(err, ERR_INPUT, "cần ít nhất một giá trị: --threshold, --area hoặc --min-met");
  if ((c->has_threshold && c->threshold < 0) || (c->has_alt && c->alt < 0))
    return err_set(err, ERR_INPUT, "ngưỡng không được âm");
  if (c->has_min && (c->min_met < 1 || c->min_met > CRIT_COUNT - 1))
    return err_set(err, ERR_INPUT, "số tiêu chí phải đạt phải từ 1 đến %d", CRIT_COUNT - 1);
  if (!c->source || !*c->source)
    return err_set(err, ERR_INPUT,
                   "cần nêu văn bản (ví dụ: \"Quyết định 28/2025/QĐ-TTg, Điều 3, khoản 2\")");
  int rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_class_rule_put(st, rule_set, level, cls, criterion, c, err);
  if (!rc) {
    char detail[600], t[48] = "", a[48] = "", m[32] = "";
    if (c->has_threshold)
      snprintf(t, sizeof t, " ngưỡng %g", c->threshold);
    if (c->has_alt)
      snprintf(a, sizeof a, " diện tích %g m²", c->alt);
    if (c->has_min)
      snprintf(m, sizeof m, " đạt %d tiêu chí", c->min_met);
    snprintf(detail, sizeof detail, "%s %s %s %s:%s%s%s (theo %s)", rule_set, level, cls, criterion,
             t, a, m, c->source);
    rc = audit_record(st, caller, "classify.rule", "class_rule", 0, detail, err);
  }
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* ---- drug-free communes ----------------------------------------------------- */

/* ERR_DENIED unless the caller decides for a province: an administrator or
 * an officer whose territory is national or a province. */
static int may_decide(const struct scope *caller, struct err *err)
{
  int rc = indicator_may_enter(caller, err);
  if (rc)
    return rc;
  if (caller->unit_id > 0 && caller->unit.level != 1)
    return err_set(err, ERR_DENIED, "chỉ cấp tỉnh công nhận xã không ma túy và đăng ký lộ trình");
  return ERR_OK;
}

static int need_text(const char *text, const char *what, struct err *err)
{
  if (!text || !*text)
    return err_set(err, ERR_INPUT, "cần %s", what);
  return ERR_OK;
}

/* Write with its audit row in one transaction: the body fn, then the audit. */
static int audited(struct store *st, const struct scope *caller, int rc, const char *action,
                   long unit_id, const char *detail, struct err *err)
{
  if (!rc)
    rc = audit_record(st, caller, action, "unit", unit_id, detail, err);
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* The commune tree/code in force on 31/12 of `year`; ERR_INPUT when it is no commune. */
static int commune_of(struct unit *u, struct store *st, const char *tree, const char *code,
                      int year, struct err *err)
{
  char on[11];
  snprintf(on, sizeof on, "%04d-12-31", year);
  int rc = unit_resolve(u, st, tree, code ? code : "", on, err);
  if (rc)
    return rc;
  if (u->level != unit_commune_level(u->tree)) {
    char label[256];
    return err_set(err, ERR_INPUT, "%s không phải đơn vị cấp xã",
                   unit_label(label, sizeof label, u));
  }
  return ERR_OK;
}

int app_drugfree_submit(struct store *st, const struct scope *caller, const char *tree,
                        const char *code, int year, const char *text, struct err *err)
{
  struct unit u;
  int rc = indicator_may_enter(caller, err);
  if (!rc)
    rc = check_year(year, err);
  if (!rc)
    rc = need_text(text, "nội dung tự đánh giá của xã", err);
  if (!rc)
    rc = commune_of(&u, st, tree, code, year, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_drugfree_submit(st, caller, u.id, year, text, err);
  char detail[320], label[256];
  snprintf(detail, sizeof detail, "%s nộp bản tự đánh giá xã không ma túy năm %d",
           unit_label(label, sizeof label, &u), year);
  return audited(st, caller, rc, "drugfree.submit", u.id, detail, err);
}

int app_drugfree_decide(struct store *st, const struct scope *caller, const char *tree,
                        const char *code, int year, int recognise, const char *decision,
                        struct err *err)
{
  struct unit u;
  int rc = may_decide(caller, err);
  if (!rc)
    rc = check_year(year, err);
  if (!rc)
    rc = need_text(decision, "số, ngày của quyết định công nhận hoặc lý do không công nhận", err);
  if (!rc)
    rc = commune_of(&u, st, tree, code, year, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_drugfree_decide(st, caller, u.id, year, recognise ? "recognised" : "refused", decision,
                             err);
  char detail[600], label[256];
  snprintf(detail, sizeof detail, "%s %s xã không ma túy năm %d: %s",
           unit_label(label, sizeof label, &u),
           recognise ? "được công nhận" : "không được công nhận", year, decision);
  return audited(st, caller, rc, recognise ? "drugfree.recognise" : "drugfree.refuse", u.id, detail,
                 err);
}

int app_drugfree_carry(struct store *st, const struct scope *caller, const char *from_code,
                       const char *to_code, int year, const char *decision, struct err *err)
{
  struct unit from, to;
  int rc = may_decide(caller, err);
  if (!rc)
    rc = check_year(year, err);
  if (!rc)
    rc = need_text(decision, "số, ngày của quyết định chuyển công nhận", err);
  if (!rc)
    rc = unit_resolve(&from, st, UNIT_TREE_OLD, from_code ? from_code : "", UNIT_NO_DATE, err);
  if (!rc)
    rc = unit_resolve(&to, st, UNIT_TREE_NEW, to_code ? to_code : "", UNIT_NO_DATE, err);
  struct unit_successor_list succ = {NULL, 0};
  if (!rc)
    rc = unit_successors(&succ, st, from.code, err);
  int is_successor = 0;
  for (size_t i = 0; !rc && i < succ.n; i++)
    is_successor |= strcmp(succ.items[i].unit.code, to.code) == 0;
  unit_successor_list_free(&succ);
  char lf[256], lt[256];
  unit_label(lf, sizeof lf, &from);
  unit_label(lt, sizeof lt, &to);
  if (!rc && !is_successor)
    rc = err_set(err, ERR_INPUT, "%s không phải đơn vị kế thừa %s", lt, lf);
  struct drugfree_list l = {NULL, 0};
  if (!rc)
    rc = store_drugfree_list(&l, st, caller, from.id, year, err);
  long from_id = 0;
  if (!rc && l.n && strcmp(l.items[0].status, "recognised") == 0)
    from_id = l.items[0].id;
  drugfree_list_free(&l);
  if (!rc && !from_id)
    rc = err_set(err, ERR_NOT_FOUND, "%s chưa được công nhận xã không ma túy năm %d", lf, year);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_drugfree_carry(st, caller, from_id, to.id, year, decision, err);
  char detail[900];
  snprintf(detail, sizeof detail, "chuyển công nhận xã không ma túy năm %d của %s sang %s: %s",
           year, lf, lt, decision);
  return audited(st, caller, rc, "drugfree.carry", to.id, detail, err);
}

int app_drugfree_list(struct drugfree_report *out, struct store *st, const struct scope *caller,
                      const char *tree, const char *code, int year, struct err *err)
{
  memset(out, 0, sizeof *out);
  out->year = year;
  int rc = check_year(year, err);
  if (rc)
    return rc;
  char on[11];
  snprintf(on, sizeof on, "%04d-12-31", year);
  struct scope narrow;
  struct unit_list units;
  struct drugfree_list now = {NULL, 0}, before = {NULL, 0};
  rc = communes_of(&units, &out->root, &narrow, st, caller, tree, code, on, err);
  if (!rc)
    rc = store_drugfree_list(&now, st, &narrow, 0, year, err);
  if (!rc)
    rc = store_drugfree_list(&before, st, &narrow, 0, year - 1, err);
  size_t cap = 0;
  for (size_t i = 0; !rc && i < units.n; i++) {
    const struct unit *u = &units.items[i];
    struct drugfree_item *it = array_grow(out->items, &cap, out->n + 1, sizeof *it);
    if (!it) {
      rc = err_nomem(err);
      break;
    }
    out->items = it;
    it = &out->items[out->n++];
    memset(it, 0, sizeof *it);
    it->unit = *u;
    for (size_t k = 0; k < now.n; k++)
      if (now.items[k].unit_id == u->id) {
        it->row = now.items[k]; /* the strings move to the item */
        now.items[k].self_text = now.items[k].decision = NULL;
      }
    for (size_t k = 0; k < before.n; k++)
      it->recognised_before |=
          before.items[k].unit_id == u->id && strcmp(before.items[k].status, "recognised") == 0;
  }
  unit_list_free(&units);
  drugfree_list_free(&now);
  drugfree_list_free(&before);
  if (!rc && out->root.level == 1)
    rc = store_drugfree_roadmap_get(&out->has_roadmap, &out->roadmap_pct, out->roadmap_source,
                                    sizeof out->roadmap_source, st, &narrow, out->root.id, year,
                                    err);
  if (rc) {
    drugfree_report_free(out);
    return rc;
  }
  drugfree_report_tally(out);
  return ERR_OK;
}

int app_drugfree_roadmap(struct store *st, const struct scope *caller, const char *tree,
                         const char *code, int year, double share_pct, const char *source,
                         struct err *err)
{
  int rc = may_decide(caller, err);
  if (!rc && (year < 2020 || year > 2100))
    rc = err_set(err, ERR_INPUT, "năm của lộ trình phải từ 2020 đến 2100, không phải %d", year);
  if (!rc && !(share_pct >= 0 && share_pct <= 100))
    rc = err_set(err, ERR_INPUT, "tỷ lệ xã không ma túy phải từ 0 đến 100%%");
  if (!rc)
    rc = need_text(source, "nguồn của lộ trình (văn bản đăng ký)", err);
  struct unit u;
  if (!rc)
    rc = unit_resolve(&u, st, tree, code ? code : "", NULL, err);
  if (!rc && u.level != 1) {
    char label[256];
    rc = err_set(err, ERR_INPUT, "lộ trình xã không ma túy do cấp tỉnh đăng ký; %s không phải tỉnh",
                 unit_label(label, sizeof label, &u));
  }
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_drugfree_roadmap_put(st, caller, u.id, year, share_pct, source, err);
  char detail[600], label[256];
  snprintf(detail, sizeof detail, "lộ trình xã không ma túy của %s năm %d: %.1f%% (%s)",
           unit_label(label, sizeof label, &u), year, share_pct, source);
  return audited(st, caller, rc, "drugfree.roadmap", u.id, detail, err);
}
