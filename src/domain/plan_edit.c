/* plan_edit.c: checking and normalising plan edits (see plan_edit.h). */
#include "domain/plan_edit.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "domain/agency.h"
#include "domain/unit.h"
#include "store/store_plans.h"

/* The resolution context: the plan's own unit and its date. */
struct res_ctx {
  struct store *st;
  char tree[12], code[8];
  char at[DATE_ISO_LEN]; /* "" = any date */
};

/* 1 when unit (tree, code) is the plan's unit or lies under it (two levels). */
static int inside(struct res_ctx *c, const struct unit *u)
{
  if (strcmp(u->tree, c->tree) != 0)
    return 0;
  if (strcmp(u->code, c->code) == 0 || strcmp(u->parent_code, c->code) == 0)
    return 1;
  struct unit parent;
  return u->parent_code[0] &&
         unit_get(&parent, c->st, u->tree, u->parent_code, c->at[0] ? c->at : NULL, NULL) ==
             ERR_OK &&
         strcmp(parent.parent_code, c->code) == 0;
}

/* An agency through the agency resolver (its unit from the plan's unit);
 * else a unit named inside the plan's territory ("huyện Bảo Thắng", "Văn Bàn"). */
static void resolve_name(void *ctx, const char *name, struct store_plan_res *out)
{
  struct res_ctx *c = ctx;
  struct agency_ref r;
  const char *at = c->at[0] ? c->at : NULL;
  if (agency_resolve(&r, c->st, name, c->tree[0] ? c->tree : NULL, c->code[0] ? c->code : NULL, at,
                     NULL) == ERR_OK &&
      (r.kind != AGENCY_NONE || r.is_group)) {
    snprintf(out->kind, sizeof out->kind, "%s",
             agency_kind_name(r.kind) ? agency_kind_name(r.kind) : "");
    snprintf(out->level, sizeof out->level, "%s",
             agency_level_name(r.level) ? agency_level_name(r.level) : "");
    out->is_group = r.is_group;
    snprintf(out->unit_tree, sizeof out->unit_tree, "%s", r.unit_tree);
    snprintf(out->unit_code, sizeof out->unit_code, "%s", r.unit_code);
    return;
  }
  if (!c->code[0])
    return;
  struct unit_list l;
  if (unit_find(&l, c->st, name, at, NULL) != ERR_OK)
    return;
  for (size_t k = 0; k < l.n; k++)
    if (inside(c, &l.items[k])) {
      snprintf(out->unit_tree, sizeof out->unit_tree, "%s", l.items[k].tree);
      snprintf(out->unit_code, sizeof out->unit_code, "%s", l.items[k].code);
      break;
    }
  unit_list_free(&l);
}

/* The plan's unit: its territory ("huyện Bình Sơn", "tỉnh Lào Cai") as a
 * unit in force on the plan's date. Left empty when it cannot be told. */
static void ctx_init(struct res_ctx *c, struct store *st, const struct plan *p)
{
  memset(c, 0, sizeof *c);
  c->st = st;
  struct date d = p->issued_on.y ? p->issued_on : p->period_start;
  if (d.y)
    date_to_iso(c->at, d);
  if (!p->territory)
    return;
  struct unit_list l;
  if (unit_find(&l, st, p->territory, c->at[0] ? c->at : NULL, NULL) != ERR_OK)
    return;
  if (l.n) {
    snprintf(c->tree, sizeof c->tree, "%s", l.items[0].tree);
    snprintf(c->code, sizeof c->code, "%s", l.items[0].code);
  }
  unit_list_free(&l);
}

int plan_edit_save(long *id, struct store *st, struct plan *p, const char *source_name,
                   const char *source_text, const char *who, struct err *err)
{
  struct res_ctx c;
  ctx_init(&c, st, p);
  struct store_plan_resolver res = {resolve_name, &c, c.tree, c.code};
  return store_plan_save(id, st, p, source_name, source_text, who, &res, err);
}

static int one_of(const char *v, const char *const *names)
{
  for (; *names; names++)
    if (strcmp(v, *names) == 0)
      return 1;
  return 0;
}

static int is_date_field(const char *field)
{
  static const char *const f[] = {"issued_on", "period_start", "period_end", "date",
                                  "start",     "end",          "due_on",     NULL};
  return one_of(field, f);
}

int plan_edit_set(struct store *st, long plan_id, const char *element, long element_id,
                  const char *field, const char *value, const char *who, const char *reason,
                  struct err *err)
{
  char norm[16];
  struct date when = {0, 0, 0}; /* a date value, parsed */
  if (value && !*value)
    value = NULL;
  if (value && is_date_field(field)) {
    if (date_parse(&when, value, 0, err) != ERR_OK)
      return ERR_INPUT;
    date_to_iso(norm, when);
    value = norm;
  }
  if (value && strcmp(element, "plan") == 0 && strcmp(field, "kind") == 0) {
    static const char *const k[] = {"annual", "multi_year", "campaign", "thematic", NULL};
    if (!one_of(value, k))
      return err_set(err, ERR_INPUT,
                     "loại kế hoạch phải là annual, multi_year, campaign hoặc "
                     "thematic");
  }
  if (!value && strcmp(element, "plan") == 0 && strcmp(field, "kind") == 0)
    return err_set(err, ERR_INPUT, "kế hoạch phải có loại");
  if (value && strcmp(element, "target") == 0 && strcmp(field, "kind") == 0) {
    static const char *const k[] = {"count_min",     "count_max",  "zero",
                                    "ratio_min",     "growth_min", "growth_max",
                                    "reduction_min", "other",      NULL};
    if (!one_of(value, k))
      return err_set(err, ERR_INPUT, "loại chỉ tiêu không hợp lệ: %s", value);
  }
  if (value && strcmp(field, "cadence") == 0) {
    static const char *const k[] = {"ongoing", "campaign", "once", NULL};
    if (!one_of(value, k))
      return err_set(err, ERR_INPUT, "tần suất phải là ongoing, campaign hoặc once");
  }
  if (value && strcmp(field, "recurs") == 0 && strcmp(value, "yearly") != 0)
    return err_set(err, ERR_INPUT, "lặp lại chỉ có thể là yearly");
  if (value && strcmp(element, "target") == 0 && strcmp(field, "value") == 0) {
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= 0) || isinf(v)) /* !(v >= 0): also "nan" */
      return err_set(err, ERR_INPUT, "giá trị chỉ tiêu phải là một số không âm: %s", value);
  }
  if (!value && (strcmp(field, "text") == 0 || strcmp(field, "name") == 0))
    return err_set(err, ERR_INPUT, "trường %s.%s không được để trống", element, field);
  /* an end before its start */
  if (value && (strcmp(field, "period_end") == 0 || strcmp(field, "period_start") == 0 ||
                (strcmp(element, "phase") == 0 &&
                 (strcmp(field, "end") == 0 || strcmp(field, "start") == 0)))) {
    struct plan p;
    int rc = store_plan_load(&p, NULL, st, plan_id, err);
    if (rc)
      return rc;
    struct date s = p.period_start, e = p.period_end;
    if (strcmp(element, "phase") == 0) {
      s = e = (struct date){0, 0, 0};
      for (size_t k = 0; k < p.n_phases; k++)
        if (p.phases[k].id == element_id)
          s = p.phases[k].start, e = p.phases[k].end;
    }
    if (strstr(field, "start"))
      s = when;
    else
      e = when;
    plan_free(&p);
    if (s.y && e.y && date_cmp(e, s) < 0)
      return err_set(err, ERR_INPUT, "ngày kết thúc không được trước ngày bắt đầu");
  }
  if (value && strcmp(field, "parent_id") == 0) {
    /* the plan this one implements (a district plan under the province's) */
    char *end;
    long parent = strtol(value, &end, 10);
    if (end == value || *end || parent <= 0)
      return err_set(err, ERR_INPUT, "kế hoạch cấp trên phải là số hiệu một kế hoạch");
    if (parent == plan_id)
      return err_set(err, ERR_INPUT, "một kế hoạch không thể là kế hoạch cấp trên của chính nó");
    struct plan p;
    int rc = store_plan_load(&p, NULL, st, parent, err);
    if (rc)
      return rc;
    plan_free(&p);
  }
  return store_plan_set(st, plan_id, element, element_id, field, value, who, reason, err);
}

int plan_edit_agencies(struct store *st, long plan_id, long task_id, const char *role,
                       const char *list, const char *who, const char *reason, struct err *err)
{
  char **v = NULL;
  size_t n = 0;
  const char *s = list ? list : "";
  int rc = ERR_OK;
  while (*s && !rc) {
    size_t k = strcspn(s, ";");
    size_t a = 0, b = k;
    while (a < b && s[a] == ' ')
      a++;
    while (b > a && s[b - 1] == ' ')
      b--;
    if (b > a) {
      char *name = strndup(s + a, b - a);
      rc = name ? plan_strv_add(&v, &n, name, err) : err_nomem(err);
      free(name);
    }
    s += k;
    if (*s == ';')
      s++;
  }
  struct res_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  if (!rc)
    rc = store_plan_unit(c.tree, sizeof c.tree, c.code, sizeof c.code, st, plan_id, err);
  struct store_plan_resolver res = {resolve_name, &c, c.tree, c.code};
  if (!rc)
    rc = store_plan_task_agencies(st, plan_id, task_id, role, v, n, who, reason, &res, err);
  plan_strv_free(&v, &n);
  return rc;
}
