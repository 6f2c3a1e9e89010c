/* consolidated_json.c: the consolidated report as JSON (see consolidated_json.h). */
#include "output/consolidated_json.h"

#include <stdio.h>
#include <string.h>

#include "base/number.h"
#include "domain/suppress.h"
#include "output/json_build.h"
#include "output/target_json.h"
#include "types/label.h"

const char *consolidated_display(char *buf, size_t n, int has, double v, int hidden, int is_ratio)
{
  if (hidden)
    snprintf(buf, n, "<%d", SUPPRESS_BELOW);
  else if (!has)
    snprintf(buf, n, "-");
  else
    number_format_vn(buf, n, v, is_ratio ? 1 : (v == (double)(long long)v ? 0 : 1));
  return buf;
}

static json_t *iso(struct date d)
{
  char b[DATE_ISO_LEN];
  date_to_iso(b, d);
  return json_string(b);
}

static json_t *source(const char *indicator, const struct unit *u, const struct period *p, int *ok)
{
  json_t *s = json_object();
  json_build_set(s, "indicator", json_build_str(indicator), ok);
  json_build_set(s, "unit_tree", json_build_str(u ? u->tree : NULL), ok);
  json_build_set(s, "unit_code", json_build_str(u ? u->code : NULL), ok);
  json_build_set(s, "from", iso(p->start), ok);
  json_build_set(s, "to", iso(p->end), ok);
  return s;
}

static json_t *value(int has, double v, int hidden)
{
  return has && !hidden ? json_real(v) : json_null();
}

int consolidated_json_dump(char **out, const struct consolidated *c, struct err *err)
{
  int ok = 1;
  char b[64], name[200];
  json_t *o = json_object();
  json_t *plan = json_object();
  json_build_set(plan, "id", json_integer(c->plan_id), &ok);
  json_build_set(plan, "number", json_build_str(c->plan_number), &ok);
  json_build_set(plan, "title", json_build_str(c->plan_title), &ok);
  json_build_set(plan, "issuer", json_build_str(c->issuer), &ok);
  json_build_set(o, "plan", plan, &ok);
  const struct unit *u = c->unit.id ? &c->unit : NULL;
  if (u) {
    json_t *uj = json_object();
    snprintf(name, sizeof name, "%s %s", u->type, u->name);
    json_build_set(uj, "tree", json_build_str(u->tree), &ok);
    json_build_set(uj, "code", json_build_str(u->code), &ok);
    json_build_set(uj, "name", json_build_str(name), &ok);
    json_build_set(o, "unit", uj, &ok);
  } else {
    json_build_set(o, "unit", json_null(), &ok);
  }
  json_t *per = json_object();
  json_build_set(per, "from", iso(c->period.start), &ok);
  json_build_set(per, "to", iso(c->period.end), &ok);
  json_build_set(per, "name", json_build_str(c->period_name), &ok);
  json_build_set(o, "period", per, &ok);
  json_t *cmp = json_object();
  json_build_set(cmp, "from", iso(c->before.start), &ok);
  json_build_set(cmp, "to", iso(c->before.end), &ok);
  json_build_set(o, "compared", cmp, &ok);
  json_build_set(o, "small_counts_hidden", json_boolean(c->suppress), &ok);

  json_t *figs = json_array();
  for (size_t i = 0; i < c->n_figures; i++) {
    const struct cons_figure *f = &c->figures[i];
    int ratio = strcmp(f->noun, "%") == 0;
    json_t *x = json_object();
    json_build_set(x, "indicator", json_build_str(f->indicator), &ok);
    json_build_set(x, "name", json_build_str(f->name), &ok);
    json_build_set(x, "noun", json_build_str(f->noun), &ok);
    json_build_set(x, "now", value(f->has_now, f->now, f->hidden_now), &ok);
    json_build_set(x, "before", value(f->has_before, f->before, f->hidden_before), &ok);
    json_build_set(
        x, "display_now",
        json_build_str(consolidated_display(b, sizeof b, f->has_now, f->now, f->hidden_now, ratio)),
        &ok);
    json_build_set(x, "display_before",
                   json_build_str(consolidated_display(b, sizeof b, f->has_before, f->before,
                                                       f->hidden_before, ratio)),
                   &ok);
    json_build_set(x, "hidden", json_boolean(f->hidden_now || f->hidden_before), &ok);
    json_build_set(x, "source", source(f->indicator, u, &c->period, &ok), &ok);
    json_build_push(figs, x, &ok);
  }
  json_build_set(o, "figures", figs, &ok);
  json_build_set(o, "targets", target_json_report(&c->targets), &ok);

  json_t *units = json_object();
  json_t *codes = json_array(), *sections = json_array();
  for (size_t k = 0; k < c->n_cols; k++) {
    json_build_push(codes, json_string(c->cols[k].code), &ok);
    json_build_push(
        sections,
        json_string(label_code_at(LABEL_IND_SECTION, (size_t)indicator_section(&c->cols[k]))), &ok);
  }
  json_build_set(units, "indicators", codes, &ok);
  json_build_set(units, "sections", sections, &ok);
  json_t *keys = json_array();
  for (int k = 0; k < CONS_KEY_COLS; k++)
    json_build_push(keys, json_string(CONS_KEY_INDICATORS[k]), &ok);
  json_build_set(units, "key_indicators", keys, &ok);
  json_t *rows = json_array();
  for (size_t i = 0; i < c->n_units; i++) {
    const struct cons_unit_row *r = &c->units[i];
    json_t *x = json_object();
    snprintf(name, sizeof name, "%s %s", r->unit.type, r->unit.name);
    json_build_set(x, "unit_tree", json_build_str(r->unit.tree), &ok);
    json_build_set(x, "unit_code", json_build_str(r->unit.code), &ok);
    json_build_set(x, "unit_name", json_build_str(name), &ok);
    json_t *vals = json_array(), *disp = json_array(), *src = json_array();
    for (size_t k = 0; k < c->n_cols; k++) {
      int ratio = c->cols[k].kind == IND_RATIO;
      json_build_push(vals, value(r->has[k], r->values[k], r->hidden[k]), &ok);
      json_build_push(disp,
                      json_build_str(consolidated_display(b, sizeof b, r->has[k], r->values[k],
                                                          r->hidden[k], ratio)),
                      &ok);
      json_build_push(src, source(c->cols[k].code, &r->unit, &c->period, &ok), &ok);
    }
    json_build_set(x, "values", vals, &ok);
    json_build_set(x, "display", disp, &ok);
    json_build_set(x, "sources", src, &ok);
    json_build_push(rows, x, &ok);
  }
  json_build_set(units, "rows", rows, &ok);
  json_t *tot = json_array(), *totd = json_array();
  for (size_t k = 0; k < c->n_cols; k++) {
    const struct cons_unit_row *t = &c->total;
    int ratio = c->cols[k].kind == IND_RATIO;
    json_build_push(tot, value(t->has[k], t->values[k], t->hidden[k]), &ok);
    json_build_push(totd,
                    json_build_str(consolidated_display(b, sizeof b, t->has[k], t->values[k],
                                                        t->hidden[k], ratio)),
                    &ok);
  }
  json_build_set(units, "totals", tot, &ok);
  json_build_set(units, "totals_display", totd, &ok);
  json_build_set(o, "units", units, &ok);

  json_t *lag = json_array();
  for (size_t i = 0; i < c->n_lagging; i++)
    json_build_push(lag, json_build_str(c->lagging[i]), &ok);
  json_build_set(o, "lagging", lag, &ok);
  json_t *ov = json_array();
  for (size_t i = 0; i < c->n_overdue; i++) {
    const struct cons_task *t = &c->overdue[i];
    json_t *x = json_object();
    json_build_set(x, "section", json_build_str(t->section), &ok);
    json_build_set(x, "task", json_build_str(t->text), &ok);
    json_build_set(x, "agency", json_build_str(t->agency), &ok);
    json_build_set(x, "deadline", json_build_str(t->deadline), &ok);
    json_build_set(x, "overdue_days", json_integer(t->overdue_days), &ok);
    json_build_push(ov, x, &ok);
  }
  json_build_set(o, "overdue_tasks", ov, &ok);
  json_t *rep = json_array();
  for (size_t i = 0; i < c->n_reports; i++) {
    const struct cons_report *r = &c->reports[i];
    json_t *x = json_object();
    json_build_set(x, "name", json_build_str(r->name), &ok);
    json_build_set(x, "due", json_build_str(r->due), &ok);
    json_build_set(x, "owed", json_integer((json_int_t)r->owed), &ok);
    json_build_set(x, "submitted", json_integer((json_int_t)r->submitted), &ok);
    json_build_set(x, "on_time", json_integer((json_int_t)r->on_time), &ok);
    json_build_push(rep, x, &ok);
  }
  json_build_set(o, "reports", rep, &ok);
  return json_build_text(out, json_build_done(o, ok), err);
}
