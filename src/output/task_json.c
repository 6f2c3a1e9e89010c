/* task_json.c: the tasks followed per assignee as JSON (see task_json.h). */
#include "output/task_json.h"

#include "output/json_build.h"
#include "types/label.h"

static json_t *label_or_null(enum label_set set, const char *code)
{
  return code && *code ? json_build_str(label_vi(set, code)) : json_null();
}

static json_t *row_json(const struct store_task_row *r, int *ok)
{
  json_t *o = json_object();
  json_build_set(o, "assignee_id", json_integer(r->assignee_id), ok);
  json_build_set(o, "task_id", json_integer(r->task_id), ok);
  json_build_set(o, "plan_id", json_integer(r->plan_id), ok);
  json_build_set(o, "plan_number", json_build_str(r->plan_number), ok);
  json_build_set(o, "section", json_build_str(r->section), ok);
  json_build_set(o, "task", json_build_str(r->task_text), ok);
  json_build_set(o, "role", json_build_str(r->role), ok);
  json_build_set(o, "role_label", label_or_null(LABEL_TASK_ROLE, r->role), ok);
  json_build_set(o, "agency", json_build_str(r->agency_text), ok);
  json_build_set(o, "agency_kind", json_build_str(r->agency_kind), ok);
  json_build_set(o, "agency_kind_label", label_or_null(LABEL_AGENCY_KIND, r->agency_kind), ok);
  json_build_set(o, "status", json_build_str(r->status), ok);
  json_build_set(o, "status_label", label_or_null(LABEL_TASK_STATUS, r->status), ok);
  json_build_set(o, "reason", json_build_str(r->reason), ok);
  json_build_set(o, "state", json_build_str(r->state), ok);
  json_build_set(o, "state_label", label_or_null(LABEL_TASK_STATUS, r->state), ok);
  json_build_set(o, "deadline", json_build_str(r->deadline), ok);
  json_build_set(o, "overdue_days", json_integer(r->overdue_days), ok);
  json_build_set(o, "no_update_from", json_build_str(r->period_from), ok);
  json_build_set(o, "no_update_to", json_build_str(r->period_to), ok);
  json_build_set(o, "due_on", json_build_str(r->due_on), ok);
  json_build_set(o, "cadence", json_build_str(r->cadence), ok);
  json_build_set(o, "cadence_label", label_or_null(LABEL_CADENCE, r->cadence), ok);
  json_build_set(o, "phase", json_build_str(r->phase), ok);
  json_build_set(o, "notes", json_integer(r->n_notes), ok);
  json_build_set(o, "evidence", json_integer(r->n_evidence), ok);
  json_build_set(o, "last_note_on", json_build_str(r->last_note_on), ok);
  json_build_set(o, "last_note", json_build_str(r->last_note), ok);
  json_build_set(o, "updated_at", json_build_str(r->updated_at), ok);
  json_build_set(o, "updated_by", json_build_str(r->updated_by), ok);
  json_build_set(o, "unit_tree", json_build_str(r->unit_tree), ok);
  json_build_set(o, "unit_code", json_build_str(r->unit_code), ok);
  return o;
}

json_t *task_json_list(const struct store_task_list *l, const char *today)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "today", json_build_str(today), &ok);
  json_t *a = json_array();
  for (size_t i = 0; i < l->n; i++)
    json_build_push(a, row_json(&l->items[i], &ok), &ok);
  json_build_set(o, "tasks", a, &ok);
  return json_build_done(o, ok);
}

int task_json_dump_list(char **out, const struct store_task_list *l, const char *today,
                        struct err *err)
{
  return json_build_text(out, task_json_list(l, today), err);
}
