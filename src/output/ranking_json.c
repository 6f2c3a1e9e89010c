/* ranking_json.c: the emulation ranking as JSON (see ranking_json.h). */
#include "output/ranking_json.h"

#include "output/json_build.h"

static json_t *part(int has, double v)
{
  return has ? json_real(v) : json_null();
}

int ranking_json_dump(char **out, long plan_id, const char *number, const char *title,
                      struct date at, const struct ranking_item *items, size_t n, struct err *err)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "plan_id", json_integer(plan_id), &ok);
  json_build_set(o, "plan_number", json_build_str(number), &ok);
  json_build_set(o, "plan_title", json_build_str(title), &ok);
  char iso[DATE_ISO_LEN];
  date_to_iso(iso, at);
  json_build_set(o, "at", json_string(iso), &ok);
  json_build_set(o, "target_points", json_real(RANKING_TARGET_POINTS), &ok);
  json_build_set(o, "report_points", json_real(RANKING_REPORT_POINTS), &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    const struct ranking_item *it = &items[i];
    json_t *x = json_object();
    json_build_set(x, "rank", it->scored ? json_integer(it->rank) : json_null(), &ok);
    json_build_set(x, "name", json_build_str(it->name), &ok);
    json_build_set(x, "kind", json_string(it->is_agency ? "agency" : "unit"), &ok);
    json_build_set(x, "score", it->scored ? json_real(it->score) : json_null(), &ok);
    json_build_set(x, "target_part", part(it->has_target_part, it->target_part), &ok);
    json_build_set(x, "report_part", part(it->has_report_part, it->report_part), &ok);
    json_t *q = json_object();
    json_build_set(q, "achieved", json_integer((json_int_t)it->achieved), &ok);
    json_build_set(q, "on_track", json_integer((json_int_t)it->on_track), &ok);
    json_build_set(q, "at_risk", json_integer((json_int_t)it->at_risk), &ok);
    json_build_set(q, "missed", json_integer((json_int_t)it->missed), &ok);
    json_build_set(q, "unmeasured", json_integer((json_int_t)it->unmeasured), &ok);
    json_build_set(q, "unbound", json_integer((json_int_t)it->unbound), &ok);
    json_build_set(x, "quotas", q, &ok);
    json_t *r = json_object();
    json_build_set(r, "owed", json_integer((json_int_t)it->owed), &ok);
    json_build_set(r, "on_time", json_integer((json_int_t)it->on_time), &ok);
    json_build_set(r, "late", json_integer((json_int_t)it->late), &ok);
    json_build_set(r, "missing", json_integer((json_int_t)(it->owed - it->on_time - it->late)),
                   &ok);
    json_build_set(x, "reports", r, &ok);
    json_build_push(a, x, &ok);
  }
  json_build_set(o, "items", a, &ok);
  return json_build_text(out, json_build_done(o, ok), err);
}
