/* plan_edit.c: saving a plan and checking and normalising its edits (see plan_edit.h).
 *
 * Resolution never hides a failure: a name that resolves to nothing is
 * stored as written, but a database or memory failure while resolving it
 * aborts the save or the edit, so that a plan is never stored with less
 * resolved than the same document gives when nothing fails. */
#include "domain/plan_edit.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/agency.h"
#include "domain/unit.h"
#include "store/store_plans.h"
#include "types/label.h"

/* 1 for a code that says the system failed (rather than "no such name"). */
static int failed(int rc)
{
  return rc == ERR_NOMEM || rc == ERR_DB || rc == ERR_IO || rc == ERR_INTERNAL || rc == ERR_VERSION;
}

/* The resolution context: the plan's own unit and its date. */
struct res_ctx {
  struct store *st;
  char tree[12], code[8];
  char at[DATE_ISO_LEN]; /* "" = any date */
};

/* *in = 1 when unit u is the plan's unit or lies under it (two levels). */
static int inside(int *in, struct res_ctx *c, const struct unit *u, struct err *err)
{
  *in = 0;
  if (strcmp(u->tree, c->tree) != 0)
    return ERR_OK;
  if (strcmp(u->code, c->code) == 0 || strcmp(u->parent_code, c->code) == 0) {
    *in = 1;
    return ERR_OK;
  }
  if (!u->parent_code[0])
    return ERR_OK;
  struct unit parent;
  struct err e = {ERR_OK, ""};
  int rc = unit_get(&parent, c->st, u->tree, u->parent_code, c->at[0] ? c->at : NULL, &e);
  if (rc)
    return failed(rc) ? err_copy(err, &e) : ERR_OK;
  *in = strcmp(parent.parent_code, c->code) == 0;
  return ERR_OK;
}

static void take_agency(struct store_plan_res *out, const struct agency_ref *r)
{
  snprintf(out->kind, sizeof out->kind, "%s",
           agency_kind_name(r->kind) ? agency_kind_name(r->kind) : "");
  snprintf(out->level, sizeof out->level, "%s",
           agency_level_name(r->level) ? agency_level_name(r->level) : "");
  out->is_group = r->is_group;
  snprintf(out->unit_tree, sizeof out->unit_tree, "%s", r->unit_tree);
  snprintf(out->unit_code, sizeof out->unit_code, "%s", r->unit_code);
}

/* An agency through the agency resolver (its unit from the plan's unit);
 * else a unit named inside the plan's territory ("huyện Bảo Thắng", "Văn
 * Bàn"). The store's resolver callback. */
static int resolve_name(void *ctx, const char *name, struct store_plan_res *out, struct err *err)
{
  struct res_ctx *c = ctx;
  const char *at = c->at[0] ? c->at : NULL;
  struct agency_ref r;
  struct err e = {ERR_OK, ""};
  int rc = agency_resolve(&r, c->st, name, c->tree[0] ? c->tree : NULL, c->code[0] ? c->code : NULL,
                          at, &e);
  if (rc && !failed(rc)) /* the plan's unit did not exist on its date: the words alone */
    rc = agency_parse(&r, name, &e);
  if (rc)
    return failed(rc) ? err_copy(err, &e) : ERR_OK;
  if (r.kind != AGENCY_NONE || r.is_group) {
    take_agency(out, &r);
    return ERR_OK;
  }
  if (!c->code[0])
    return ERR_OK;
  struct unit_list l;
  rc = unit_find(&l, c->st, name, at, &e);
  if (rc)
    return failed(rc) ? err_copy(err, &e) : ERR_OK;
  for (size_t k = 0; k < l.n && !rc; k++) {
    int in;
    rc = inside(&in, c, &l.items[k], err);
    if (!rc && in) {
      snprintf(out->unit_tree, sizeof out->unit_tree, "%s", l.items[k].tree);
      snprintf(out->unit_code, sizeof out->unit_code, "%s", l.items[k].code);
      break;
    }
  }
  unit_list_free(&l);
  return rc;
}

int plan_edit_resolve(struct store_plan_res *out, struct store *st, const struct plan_place *place,
                      const char *name, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct res_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  snprintf(c.tree, sizeof c.tree, "%s", place->tree);
  snprintf(c.code, sizeof c.code, "%s", place->code);
  snprintf(c.at, sizeof c.at, "%s", place->at);
  return resolve_name(&c, name, out, err);
}

int plan_edit_place(struct plan_place *out, struct store *st, const struct plan *p, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct date d = p->issued_on.y ? p->issued_on : p->period_start;
  if (d.y)
    date_to_iso(out->at, d);
  if (!p->territory)
    return ERR_OK;
  struct unit_list l;
  struct err e = {ERR_OK, ""};
  int rc = unit_find(&l, st, p->territory, out->at[0] ? out->at : NULL, &e);
  if (rc)
    return failed(rc) ? err_copy(err, &e) : ERR_OK;
  if (l.n) {
    snprintf(out->tree, sizeof out->tree, "%s", l.items[0].tree);
    snprintf(out->code, sizeof out->code, "%s", l.items[0].code);
  }
  unit_list_free(&l);
  return ERR_OK;
}

int plan_edit_save(long *id, struct store *st, const struct scope *sc, struct plan *p,
                   const struct plan_edit_new *in, struct err *err)
{
  *id = 0;
  struct res_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  snprintf(c.tree, sizeof c.tree, "%s", in->place->tree);
  snprintf(c.code, sizeof c.code, "%s", in->place->code);
  snprintf(c.at, sizeof c.at, "%s", in->place->at);
  /* the issuing body: the issuer's words read as an agency */
  const char *issuer_kind = NULL;
  if (p->issuer) {
    struct agency_ref r;
    struct err e = {ERR_OK, ""};
    int rc = agency_parse(&r, p->issuer, &e);
    if (rc && failed(rc))
      return err_copy(err, &e);
    if (!rc)
      issuer_kind = agency_kind_name(r.kind);
  }
  struct store_plan_new sn = {in->source_name, in->source_text, in->unit_id,
                              c.tree,          c.code,          issuer_kind};
  struct store_plan_resolver res = {resolve_name, &c};
  return store_plan_save(id, st, sc, p, &sn, &res, err);
}

/* ---- field edits ----------------------------------------------------------- */

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

/* The label set of a field whose values are codes, LABEL_NONE for others. */
static enum label_set coded_field(const char *element, const char *field)
{
  if (strcmp(field, "kind") == 0)
    return strcmp(element, "plan") == 0     ? LABEL_PLAN_KIND
           : strcmp(element, "target") == 0 ? LABEL_TARGET_KIND
                                            : LABEL_NONE;
  if (strcmp(field, "cadence") == 0)
    return LABEL_CADENCE;
  if (strcmp(field, "recurs") == 0)
    return LABEL_REPORT_RECURS;
  return LABEL_NONE;
}

/* An end before its start: the period of the plan, or of phase element_id. */
static int check_span(struct store *st, const struct scope *sc, long plan_id, const char *element,
                      long element_id, const char *field, struct date when, struct err *err)
{
  struct plan p;
  int rc = store_plan_load(&p, NULL, st, sc, plan_id, err);
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
  return ERR_OK;
}

/* The plan this one implements (a district plan under the province's): a
 * plan of the caller's territory, not this one. */
static int check_parent(struct store *st, const struct scope *sc, long plan_id, const char *value,
                        struct err *err)
{
  char *end;
  long parent = strtol(value, &end, 10);
  if (end == value || *end || parent <= 0)
    return err_set(err, ERR_INPUT, "kế hoạch cấp trên phải là số hiệu một kế hoạch");
  if (parent == plan_id)
    return err_set(err, ERR_INPUT, "một kế hoạch không thể là kế hoạch cấp trên của chính nó");
  char status[16];
  return store_plan_status(status, sizeof status, st, sc, parent, err);
}

int plan_edit_set(char **old, char **now, struct store *st, const struct scope *sc, long plan_id,
                  const char *element, long element_id, const char *field, const char *value,
                  struct err *err)
{
  *old = *now = NULL;
  char norm[16];
  struct date when = {0, 0, 0}; /* a date value, parsed */
  if (value && !*value)
    value = NULL;
  if (value && !text_utf8_valid(value, strlen(value)))
    return err_set(err, ERR_INPUT, "giá trị của %s.%s không phải văn bản UTF-8 hợp lệ", element,
                   field);
  if (value && is_date_field(field)) {
    struct err e = {ERR_OK, ""};
    if (date_parse(&when, value, 0, &e) != ERR_OK)
      return err_copy(err, &e);
    date_to_iso(norm, when);
    value = norm;
  }
  enum label_set coded = coded_field(element, field);
  if (value && coded != LABEL_NONE) {
    const char *code;
    int rc = label_parse(&code, coded, value, field, err);
    if (rc)
      return rc;
    value = *code ? code : NULL;
  }
  if (!value && strcmp(element, "plan") == 0 && strcmp(field, "kind") == 0)
    return err_set(err, ERR_INPUT, "kế hoạch phải có loại");
  if (!value && strcmp(element, "target") == 0 && strcmp(field, "kind") == 0)
    return err_set(err, ERR_INPUT, "chỉ tiêu phải có loại");
  if (value && strcmp(element, "target") == 0 && strcmp(field, "value") == 0) {
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= 0) || isinf(v)) /* !(v >= 0): also "nan" */
      return err_set(err, ERR_INPUT, "giá trị chỉ tiêu phải là một số không âm: %s", value);
  }
  if (!value && (strcmp(field, "text") == 0 || strcmp(field, "name") == 0))
    return err_set(err, ERR_INPUT, "trường %s.%s không được để trống", element, field);
  int rc = ERR_OK;
  if (value && (strcmp(field, "period_end") == 0 || strcmp(field, "period_start") == 0 ||
                (strcmp(element, "phase") == 0 &&
                 (strcmp(field, "end") == 0 || strcmp(field, "start") == 0))))
    rc = check_span(st, sc, plan_id, element, element_id, field, when, err);
  if (!rc && value && strcmp(field, "parent_id") == 0)
    rc = check_parent(st, sc, plan_id, value, err);
  if (!rc && value && !(*now = strdup(value)))
    rc = err_nomem(err);
  if (!rc)
    rc = store_plan_set(old, st, sc, plan_id, element, element_id, field, value, err);
  if (rc) {
    free(*now);
    *now = NULL;
  }
  return rc;
}

/* The names of `list`, split on ";" and trimmed, into *v / *n. */
static int split_names(char ***v, size_t *n, const char *list, struct err *err)
{
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
      rc = name ? plan_strv_add(v, n, name, err) : err_nomem(err);
      free(name);
    }
    s += k;
    if (*s == ';')
      s++;
  }
  return rc;
}

/* names[0..n) joined by "; " (malloc'd into *out; NULL when n is 0). */
static int join_names(char **out, char *const *names, size_t n, struct err *err)
{
  *out = NULL;
  if (!n)
    return ERR_OK;
  size_t len = 0;
  for (size_t k = 0; k < n; k++)
    len += strlen(names[k]) + 2;
  char *s = malloc(len + 1);
  if (!s)
    return err_nomem(err);
  size_t at = 0;
  for (size_t k = 0; k < n; k++)
    at += (size_t)snprintf(s + at, len + 1 - at, "%s%s", k ? "; " : "", names[k]);
  *out = s;
  return ERR_OK;
}

int plan_edit_agencies(char **old, char **now, struct store *st, const struct scope *sc,
                       long plan_id, long task_id, const char *role, const char *list,
                       struct err *err)
{
  *old = *now = NULL;
  if (list && !text_utf8_valid(list, strlen(list)))
    return err_set(err, ERR_INPUT, "danh sách cơ quan không phải văn bản UTF-8 hợp lệ");
  char **v = NULL;
  size_t n = 0;
  int rc = split_names(&v, &n, list, err);
  struct res_ctx c;
  memset(&c, 0, sizeof c);
  c.st = st;
  if (!rc)
    rc = store_plan_unit(c.tree, sizeof c.tree, c.code, sizeof c.code, st, sc, plan_id, err);
  if (!rc)
    rc = join_names(now, v, n, err);
  struct store_plan_resolver res = {resolve_name, &c};
  if (!rc)
    rc = store_plan_task_agencies(old, st, sc, plan_id, task_id, role, v, n, &res, err);
  if (rc) {
    free(*now);
    *now = NULL;
  }
  plan_strv_free(&v, &n);
  return rc;
}
