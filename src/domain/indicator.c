/* indicator.c: the indicator catalogue and the rules that turn register rows
 * and aggregate values into figures (flows add, stocks at the end, ratios
 * from summed parts). */
#include "domain/indicator.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/agency.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"
#include "types/label.h"

#define PEOPLE(code, kind, field)                                                                  \
  {                                                                                                \
    code, kind, IND_SRC_PEOPLE, "người", NULL, NULL, 0                                             \
  }
#define AGG(code, kind, unit)                                                                      \
  {                                                                                                \
    code, kind, IND_SRC_AGGREGATE, unit, NULL, NULL, 0                                             \
  }
#define REG(code, kind, unit, splits)                                                              \
  {                                                                                                \
    code, kind, IND_SRC_REGISTER, unit, NULL, NULL, splits                                         \
  }
#define RATIO(code, num, den)                                                                      \
  {                                                                                                \
    code, IND_RATIO, IND_SRC_RATIO, "%", num, den, 0                                               \
  }

static const struct indicator_def CATALOGUE[] = {
    /* crime and cases (the cases register; express-delivery leads are entered) */
    REG("cases_detected", IND_FLOW, "vụ", IND_BY_AGENCY),
    REG("persons_arrested", IND_FLOW, "đối tượng", IND_BY_AGENCY),
    REG("cases_prosecuted", IND_FLOW, "vụ", IND_BY_AGENCY),
    REG("cases_tried", IND_FLOW, "vụ", IND_BY_AGENCY),
    REG("cases_resolved", IND_FLOW, "vụ", IND_BY_AGENCY),
    RATIO("cases_resolved_ratio", "cases_resolved", "cases_prosecuted"),
    AGG("express_leads", IND_FLOW, "nguồn tin"),
    AGG("express_leads_verified", IND_FLOW, "nguồn tin"),
    RATIO("express_leads_verified_ratio", "express_leads_verified", "express_leads"),
    REG("seized_heroin_g", IND_FLOW, "gam", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_meth_g", IND_FLOW, "gam", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_pills", IND_FLOW, "viên", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_cannabis_g", IND_FLOW, "gam", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_other_g", IND_FLOW, "gam", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_liquid_ml", IND_FLOW, "ml", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    REG("seized_plants", IND_FLOW, "cây", IND_BY_AGENCY | IND_BY_SUBSTANCE),
    /* people (computed from the people register) */
    PEOPLE("drug_list_total", IND_STOCK, in_list),
    PEOPLE("users_registered", IND_STOCK, users),
    PEOPLE("addicts_registered", IND_STOCK, addicts),
    PEOPLE("users_managed", IND_STOCK, users_managed),
    RATIO("users_managed_ratio", "users_managed", "users_registered"),
    PEOPLE("addicts_treated", IND_STOCK, addicts_treated),
    RATIO("service_access_ratio", "addicts_treated", "addicts_registered"),
    PEOPLE("classified_new", IND_FLOW, classified),
    PEOPLE("determinations", IND_FLOW, determinations),
    PEOPLE("rehab_compulsory_admissions", IND_FLOW, rehab_compulsory),
    PEOPLE("rehab_voluntary_admissions", IND_FLOW, rehab_voluntary),
    PEOPLE("ost_patients", IND_STOCK, ost),
    PEOPLE("ost_started", IND_FLOW, ost_started),
    PEOPLE("ost_dropouts", IND_FLOW, ost_stopped),
    PEOPLE("aftercare_managed", IND_STOCK, aftercare),
    PEOPLE("removed_from_list", IND_FLOW, removed),
    PEOPLE("relapses", IND_FLOW, relapses),
    PEOPLE("deaths", IND_FLOW, died),
    /* places */
    REG("hotspots_active", IND_STOCK, "điểm", 0),
    REG("hotspots_new", IND_FLOW, "điểm", 0),
    REG("hotspots_eliminated", IND_FLOW, "điểm", 0),
    REG("hotspots_reformed", IND_FLOW, "điểm", 0),
    REG("retail_points_active", IND_STOCK, "điểm", 0),
    REG("retail_points_new", IND_FLOW, "điểm", 0),
    REG("retail_points_eliminated", IND_FLOW, "điểm", 0),
    REG("retail_points_reformed", IND_FLOW, "điểm", 0),
    REG("businesses_inspected", IND_FLOW, "lượt", IND_BY_AGENCY),
    REG("business_violations", IND_FLOW, "cơ sở", IND_BY_AGENCY),
    REG("cultivation_sites_destroyed", IND_FLOW, "điểm", 0),
    REG("cultivation_area_destroyed", IND_FLOW, "m²", 0),
    /* prevention */
    REG("propaganda_sessions", IND_FLOW, "buổi", IND_BY_AGENCY),
    REG("propaganda_participants", IND_FLOW, "lượt người", IND_BY_AGENCY),
    REG("broadcast_minutes", IND_FLOW, "phút", IND_BY_AGENCY),
    REG("mobile_trials", IND_FLOW, "phiên", IND_BY_AGENCY),
    REG("communes_total", IND_STOCK, "xã", 0),
    REG("communes_with_propaganda", IND_FLOW, "xã", 0),
    RATIO("communes_propaganda_ratio", "communes_with_propaganda", "communes_total"),
    REG("communes_with_drug_activity", IND_STOCK, "xã", 0),
    REG("licit_entities", IND_STOCK, "cơ sở", 0),
    REG("licit_entities_inspected", IND_FLOW, "cơ sở", IND_BY_AGENCY),
    RATIO("licit_inspected_ratio", "licit_entities_inspected", "licit_entities"),
};

#define N_CATALOGUE (sizeof CATALOGUE / sizeof *CATALOGUE)

/* Each section runs from its first indicator to the next section's: the
 * catalogue is in report order, so a section is a run of it. */
static const char *const SECTION_FIRST[IND_SECTION_COUNT] = {
    "cases_detected", "drug_list_total", "hotspots_active", "propaganda_sessions"};

enum ind_section indicator_section(const struct indicator_def *def)
{
  size_t at = (size_t)(def - CATALOGUE);
  assert(at < N_CATALOGUE);
  enum ind_section sec = IND_SECTION_CRIME;
  for (int k = 0; k < IND_SECTION_COUNT; k++)
    if ((size_t)(indicator_find(SECTION_FIRST[k]) - CATALOGUE) <= at)
      sec = (enum ind_section)k;
  return sec;
}

const struct indicator_def *indicator_catalogue(size_t *n)
{
  *n = N_CATALOGUE;
  return CATALOGUE;
}

const char *indicator_name(const struct indicator_def *def)
{
  return label_vi(LABEL_INDICATOR, def->code);
}

const struct indicator_def *indicator_find(const char *code)
{
  if (!code)
    return NULL;
  for (size_t i = 0; i < N_CATALOGUE; i++)
    if (strcmp(CATALOGUE[i].code, code) == 0)
      return &CATALOGUE[i];
  return NULL;
}

const char *indicator_kind_name(enum indicator_kind k)
{
  return k == IND_FLOW ? "flow" : k == IND_STOCK ? "stock" : "ratio";
}

const char *indicator_source_name(enum indicator_source s)
{
  return s == IND_SRC_PEOPLE      ? "people"
         : s == IND_SRC_REGISTER  ? "register"
         : s == IND_SRC_AGGREGATE ? "aggregate"
                                  : "ratio";
}

const char *indicator_group_label(enum ind_split split, const char *group)
{
  enum label_set set = split == IND_SPLIT_SEX         ? LABEL_SEX
                       : split == IND_SPLIT_AGE       ? LABEL_AGE_GROUP
                       : split == IND_SPLIT_AGENCY    ? LABEL_AGENCY_KIND
                       : split == IND_SPLIT_SUBSTANCE ? LABEL_SUBSTANCE
                                                      : LABEL_NONE;
  if (!group || !*group)
    return "";
  if (label_index(set, group) < 0 && label_index(LABEL_IND_GROUP, group) >= 0)
    return label_vi(LABEL_IND_GROUP, group);
  return label_vi(set, group);
}

void indicator_result_list_free(struct indicator_result_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void indicator_report_free(struct indicator_report *r)
{
  if (!r)
    return;
  indicator_result_list_free(&r->now);
  indicator_result_list_free(&r->before);
  free(r->rows);
  r->rows = NULL;
  r->n = 0;
}

/* The same indicator and group in l, or NULL. */
static const struct indicator_result *same_in(const struct indicator_result_list *l,
                                              const struct indicator_result *r)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].def == r->def && strcmp(l->items[i].group, r->group) == 0)
      return &l->items[i];
  return NULL;
}

int indicator_report_pair(struct indicator_report *r, struct err *err)
{
  free(r->rows);
  r->rows = NULL;
  r->n = 0;
  if (!r->now.n)
    return ERR_OK;
  r->rows = calloc(r->now.n, sizeof *r->rows);
  if (!r->rows)
    return err_nomem(err);
  r->n = r->now.n;
  for (size_t i = 0; i < r->n; i++) {
    struct indicator_row *row = &r->rows[i];
    row->now = &r->now.items[i];
    row->before = r->compared ? same_in(&r->before, row->now) : NULL;
    if (!row->before || !row->now->has_value || !row->before->has_value)
      continue;
    row->has_change = 1;
    row->change = row->now->value - row->before->value;
    if (row->before->value != 0) {
      row->has_change_pct = 1;
      row->change_pct = 100.0 * row->change / row->before->value;
    }
  }
  return ERR_OK;
}

/* The people-register field behind a people indicator. */
static long people_field(const struct ind_people_row *r, const char *code)
{
  static const struct {
    const char *code;
    size_t off;
  } fields[] = {
      {"drug_list_total", offsetof(struct ind_people_row, in_list)},
      {"users_registered", offsetof(struct ind_people_row, users)},
      {"addicts_registered", offsetof(struct ind_people_row, addicts)},
      {"users_managed", offsetof(struct ind_people_row, users_managed)},
      {"addicts_treated", offsetof(struct ind_people_row, addicts_treated)},
      {"classified_new", offsetof(struct ind_people_row, classified)},
      {"determinations", offsetof(struct ind_people_row, determinations)},
      {"rehab_compulsory_admissions", offsetof(struct ind_people_row, rehab_compulsory)},
      {"rehab_voluntary_admissions", offsetof(struct ind_people_row, rehab_voluntary)},
      {"ost_patients", offsetof(struct ind_people_row, ost)},
      {"ost_started", offsetof(struct ind_people_row, ost_started)},
      {"ost_dropouts", offsetof(struct ind_people_row, ost_stopped)},
      {"aftercare_managed", offsetof(struct ind_people_row, aftercare)},
      {"removed_from_list", offsetof(struct ind_people_row, removed)},
      {"relapses", offsetof(struct ind_people_row, relapses)},
      {"deaths", offsetof(struct ind_people_row, died)},
  };
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (strcmp(fields[i].code, code) == 0)
      return *(const long *)((const char *)r + fields[i].off);
  return 0;
}

static int push(struct indicator_result_list *l, size_t *cap, const struct indicator_result *r)
{
  if (l->n == *cap) {
    size_t c = *cap ? *cap * 2 : 64;
    struct indicator_result *p = realloc(l->items, c * sizeof *p);
    if (!p)
      return ERR_NOMEM;
    l->items = p;
    *cap = c;
  }
  l->items[l->n++] = *r;
  return ERR_OK;
}

/* A result already computed in this group, or NULL. */
static const struct indicator_result *result_of(const struct indicator_result_list *l,
                                                const char *code, const char *group)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->items[i].def->code, code) == 0 && strcmp(l->items[i].group, group) == 0)
      return &l->items[i];
  return NULL;
}

/* What one group's results are made of. */
struct group_src {
  const char *group;
  const struct ind_people_row *people;         /* NULL: none counted in this group */
  int with_people;                             /* people indicators belong to this group */
  const struct ind_value_list *flows, *stocks; /* aggregate values, NULL: not in this group */
  const struct ind_value_list *regs;           /* register figures */
  unsigned reg_split; /* 0: the total (every register indicator); else the IND_BY_* of the split */
};

static double sum_of(const struct ind_value_list *l, const char *code, const char *group,
                     int *found)
{
  double v = 0;
  for (size_t k = 0; l && k < l->n; k++)
    if (strcmp(l->items[k].indicator, code) == 0 && strcmp(l->items[k].group, group) == 0) {
      v += l->items[k].value;
      *found = 1;
    }
  return v;
}

/* Results of one group: people, register figures and aggregate values as
 * `g` says, then the ratios whose parts are in the group. */
static int add_group(struct indicator_result_list *out, size_t *cap, const struct group_src *g)
{
  for (size_t i = 0; i < N_CATALOGUE; i++) {
    const struct indicator_def *d = &CATALOGUE[i];
    struct indicator_result r;
    memset(&r, 0, sizeof r);
    r.def = d;
    snprintf(r.group, sizeof r.group, "%s", g->group);
    if (d->source == IND_SRC_PEOPLE) {
      if (!g->with_people)
        continue;
      r.value = g->people ? (double)people_field(g->people, d->code) : 0;
      r.has_value = 1;
    } else if (d->source == IND_SRC_REGISTER) {
      if (!g->regs || (g->reg_split && !(d->splits & g->reg_split)))
        continue;
      int found = 0;
      r.value = sum_of(g->regs, d->code, g->group, &found);
      r.has_value = 1; /* counted: nothing is 0 */
    } else if (d->source == IND_SRC_AGGREGATE) {
      if (!g->flows)
        continue;
      r.value =
          sum_of(d->kind == IND_STOCK ? g->stocks : g->flows, d->code, g->group, &r.has_value);
    } else {
      const struct indicator_result *n = result_of(out, d->numerator, g->group);
      const struct indicator_result *m = result_of(out, d->denominator, g->group);
      if (!n || !m)
        continue; /* parts not in this group (a people ratio split by agency) */
      r.num = n->value;
      r.den = m->value;
      r.has_value = n->has_value && m->has_value && m->value > 0;
      r.value = r.has_value ? 100.0 * r.num / r.den : 0;
    }
    if (push(out, cap, &r))
      return ERR_NOMEM;
  }
  return ERR_OK;
}

/* Whether a group named g is already in the results. */
static int has_group(const struct indicator_result_list *l, const char *g)
{
  for (size_t j = 0; j < l->n; j++)
    if (strcmp(l->items[j].group, g) == 0)
      return 1;
  return 0;
}

/* One group per name that has rows in any of the lists, in the order met. */
static int add_split_groups(struct indicator_result_list *out, size_t *cap,
                            const struct ind_value_list *lists[], size_t nlists,
                            struct group_src *tmpl)
{
  for (size_t li = 0; li < nlists; li++)
    for (size_t k = 0; k < lists[li]->n; k++) {
      const char *g = lists[li]->items[k].group;
      if (!*g || has_group(out, g))
        continue;
      tmpl->group = g;
      if (add_group(out, cap, tmpl))
        return ERR_NOMEM;
    }
  return ERR_OK;
}

/* `sc` narrowed to the unit (tree, code) names on day `at` (ISO): a bare
 * code is read by the period's end, not by today. *taken: that unit, with
 * its name on `at`. */
static int narrow_on(struct scope *out, struct unit *taken, const struct scope *sc,
                     struct store *st, const char *tree, const char *code, const char *at,
                     struct err *err)
{
  int rc = unit_resolve(taken, st, tree, code, at, err);
  if (!rc)
    rc = scope_narrow(out, sc, st, taken->tree, taken->code, err);
  return rc;
}

int indicator_compute(struct indicator_result_list *out, struct store *st, const struct scope *sc,
                      const char *tree, const char *code, const struct period *p,
                      enum ind_split split, struct err *err)
{
  memset(out, 0, sizeof *out);
  char start[DATE_ISO_LEN], end[DATE_ISO_LEN];
  date_to_iso(start, p->start);
  date_to_iso(end, p->end);
  struct scope narrow = *sc;
  int rc = ERR_OK;
  if (code && *code)
    rc = narrow_on(&narrow, &out->unit, sc, st, tree, code, end, err);
  else if (narrow.unit_id < 0)
    rc = scope_resolve(&narrow, st, err);
  if (rc)
    return rc;
  if (!(code && *code))
    out->unit = narrow.unit;
  long scope_id = narrow.unit_id;

  struct ind_people_list people = {0}, people_split = {0};
  struct ind_value_list flows = {0}, stocks = {0}, flows_split = {0}, stocks_split = {0};
  struct ind_value_list regs = {0}, regs_split = {0};
  rc = store_ind_people(&people, st, scope_id, start, end, IND_SPLIT_NONE, err);
  if (!rc)
    rc = store_ind_registers(&regs, st, scope_id, start, end, IND_SPLIT_NONE, err);
  if (!rc)
    rc = store_ind_values(&flows, st, scope_id, start, end, 0, IND_SPLIT_NONE, err);
  if (!rc)
    rc = store_ind_values(&stocks, st, scope_id, start, end, 1, IND_SPLIT_NONE, err);
  if (!rc && (split == IND_SPLIT_SEX || split == IND_SPLIT_AGE))
    rc = store_ind_people(&people_split, st, scope_id, start, end, split, err);
  if (!rc && (split == IND_SPLIT_AGENCY || split == IND_SPLIT_SUBSTANCE))
    rc = store_ind_registers(&regs_split, st, scope_id, start, end, split, err);
  if (!rc && split == IND_SPLIT_AGENCY) {
    rc = store_ind_values(&flows_split, st, scope_id, start, end, 0, split, err);
    if (!rc)
      rc = store_ind_values(&stocks_split, st, scope_id, start, end, 1, split, err);
  }
  size_t cap = 0;
  if (!rc) {
    struct group_src total = {"", people.n ? &people.items[0] : NULL, 1, &flows, &stocks, &regs, 0};
    rc = add_group(out, &cap, &total);
  }
  for (size_t g = 0; !rc && g < people_split.n; g++) {
    struct group_src sex_age = {
        people_split.items[g].group, &people_split.items[g], 1, NULL, NULL, NULL, 0};
    rc = add_group(out, &cap, &sex_age);
  }
  if (!rc && split == IND_SPLIT_AGENCY) {
    /* one group per agency kind that has values or register rows */
    struct group_src by = {NULL, NULL, 0, &flows_split, &stocks_split, &regs_split, IND_BY_AGENCY};
    const struct ind_value_list *lists[] = {&regs_split, &flows_split, &stocks_split};
    rc = add_split_groups(out, &cap, lists, 3, &by);
  }
  if (!rc && split == IND_SPLIT_SUBSTANCE) {
    struct group_src by = {NULL, NULL, 0, NULL, NULL, &regs_split, IND_BY_SUBSTANCE};
    const struct ind_value_list *lists[] = {&regs_split};
    rc = add_split_groups(out, &cap, lists, 1, &by);
  }
  if (rc == ERR_NOMEM)
    err_nomem(err);
  ind_people_list_free(&people);
  ind_people_list_free(&people_split);
  ind_value_list_free(&flows);
  ind_value_list_free(&stocks);
  ind_value_list_free(&flows_split);
  ind_value_list_free(&stocks_split);
  ind_value_list_free(&regs);
  ind_value_list_free(&regs_split);
  if (rc)
    indicator_result_list_free(out);
  return rc;
}

int indicator_may_enter(const struct scope *sc, struct err *err)
{
  if (sc->role == SCOPE_ADMIN || sc->role == SCOPE_OFFICER)
    return ERR_OK;
  if (sc->role == SCOPE_LEADER)
    return err_set(err, ERR_DENIED, "lãnh đạo chỉ xem số liệu, không nhập");
  return err_set(err, ERR_DENIED,
                 "cơ quan thành viên xem số liệu tổng hợp; số liệu do cơ quan thường trực nhập");
}

int indicator_entry_check(const char *indicator, const char *agency_kind, const struct period *p,
                          double value, const char *source, const char *today, struct err *err)
{
  const struct indicator_def *d = indicator_find(indicator);
  if (!d)
    return err_set(err, ERR_INPUT,
                   "chỉ tiêu \"%s\" không có trong danh mục (xem pcmt indicators list)",
                   indicator ? indicator : "");
  if (d->source != IND_SRC_AGGREGATE)
    return err_set(err, ERR_INPUT, "chỉ tiêu \"%s\" được tính từ sổ theo dõi, không nhập tay",
                   indicator);
  if (agency_kind && *agency_kind && agency_kind_from_name(agency_kind) == AGENCY_NONE)
    return err_set(err, ERR_INPUT, "loại cơ quan \"%s\" không hợp lệ (xem pcmt agency kinds)",
                   agency_kind);
  if (!(value >= 0) || value > 1e12)
    return err_set(err, ERR_INPUT, "giá trị phải là số không âm");
  if (source && !text_utf8_valid(source, strlen(source)))
    return err_set(err, ERR_INPUT, "nguồn số liệu không phải văn bản UTF-8 hợp lệ");
  /* a report may give the figures of a period still running (the month to
   * date), never of one that has not begun */
  char start[DATE_ISO_LEN];
  date_to_iso(start, p->start);
  if (today && strcmp(start, today) > 0) {
    char vn[16];
    return err_set(err, ERR_INPUT, "kỳ bắt đầu %s, sau hôm nay: chưa có số liệu để nhập",
                   date_iso_to_vn(vn, start));
  }
  return ERR_OK;
}

int indicator_entry_put(long *id, struct store *st, const struct scope *sc, const char *indicator,
                        const char *agency_kind, const struct period *p, double value,
                        const char *source, struct err *err)
{
  char start[DATE_ISO_LEN], end[DATE_ISO_LEN], at[32];
  date_to_iso(start, p->start);
  date_to_iso(end, p->end);
  date_now_utc(at, sizeof at);
  struct ind_value_entry e = {indicator, sc->tree, sc->code, agency_kind, start,
                              end,       source,   sc->user, at,          value};
  return store_ind_value_put(id, st, &e, err);
}
