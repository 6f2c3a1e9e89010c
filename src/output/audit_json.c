/* audit_json.c: the audit trail as JSON, built with jansson (see audit_json.h).
 *
 * A failed allocation anywhere turns the whole result into NULL: set notes
 * it in *ok. */
#include "output/audit_json.h"

#include "output/json_build.h"
#include "types/label.h"

json_t *audit_json_entry(const struct audit_entry *e)
{
  int ok = 1;
  json_t *o = json_object();
  json_build_set(o, "id", json_integer((json_int_t)e->id), &ok);
  json_build_set(o, "chain", json_string(e->chain == AUDIT_CHAIN_READS ? "reads" : "changes"), &ok);
  json_build_set(o, "at", json_string(e->at), &ok);
  json_build_set(o, "actor", json_string(e->actor), &ok);
  json_build_set(o, "role", json_string(e->role), &ok);
  json_build_set(o, "scope", json_string(e->scope), &ok);
  json_build_set(o, "purpose", json_string(e->purpose), &ok);
  json_build_set(o, "action", json_string(e->action), &ok);
  json_build_set(o, "record_type", json_string(e->record_type), &ok);
  json_build_set(o, "record_id", json_integer((json_int_t)e->record_id), &ok);
  json_build_set(o, "detail", json_string(e->detail), &ok);
  json_build_set(o, "prev_hash", json_string(e->prev_hash), &ok);
  json_build_set(o, "hash", json_string(e->hash), &ok);
  json_build_set(o, "action_label", json_string(label_vi(LABEL_AUDIT_ACTION, e->action)), &ok);
  json_build_set(o, "role_label", json_string(label_vi(LABEL_ROLE, e->role)), &ok);
  return json_build_done(o, ok);
}

json_t *audit_json_list(const struct audit_list *l)
{
  json_t *a = json_array();
  for (size_t i = 0; a && i < l->n; i++) {
    json_t *v = audit_json_entry(&l->items[i]);
    if (!v || json_array_append_new(a, v) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

json_t *audit_json_verify(const struct audit_verify_result *r)
{
  int ok = 1;
  json_t *o = json_object();
  const struct store_person_check *pc = &r->people;
  json_build_set(o, "ok", json_boolean(!audit_verify_broken(r)), &ok);
  json_build_set(o, "rows_checked", json_integer((json_int_t)r->rows), &ok);
  json_build_set(o, "head", json_string(r->head), &ok);
  json_build_set(o, "head_id", json_integer((json_int_t)r->head_id), &ok);
  if (r->first_bad) {
    json_build_set(o, "first_bad", json_integer((json_int_t)r->first_bad), &ok);
    json_build_set(o, "reason", json_string(r->reason), &ok);
  }
  json_build_set(o, "checkpoints", json_integer((json_int_t)r->checkpoints), &ok);
  json_build_set(o, "checkpoint_id", json_integer((json_int_t)r->checkpoint_id), &ok);
  if (r->forged_line)
    json_build_set(o, "forged_checkpoint_line", json_integer((json_int_t)r->forged_line), &ok);
  const struct audit_chain_verdict *rv = &r->reads;
  json_t *reads = json_object();
  json_build_set(reads, "rows_checked", json_integer((json_int_t)rv->rows), &ok);
  json_build_set(reads, "head", json_string(rv->head), &ok);
  json_build_set(reads, "head_id", json_integer((json_int_t)rv->head_id), &ok);
  if (rv->first_bad) {
    json_build_set(reads, "first_bad", json_integer((json_int_t)rv->first_bad), &ok);
    json_build_set(reads, "reason", json_string(rv->reason), &ok);
  }
  json_build_set(reads, "checkpoint_id", json_integer((json_int_t)rv->checkpoint_id), &ok);
  json_build_set(o, "reads", reads, &ok);
  json_build_set(o, "people_rows", json_integer((json_int_t)pc->rows), &ok);
  json_build_set(o, "people_changed", json_integer((json_int_t)pc->changed), &ok);
  json_t *ids = json_array();
  for (long i = 0; ids && i < pc->changed && i < PERSON_CHECK_IDS; i++)
    json_array_append_new(ids, json_integer((json_int_t)pc->ids[i]));
  json_build_set(o, "people_changed_ids", ids, &ok);
  json_build_set(o, "people_tally_rows", json_integer((json_int_t)pc->tally_rows), &ok);
  json_build_set(o, "people_set_ok", json_boolean(pc->set_ok), &ok);
  return json_build_done(o, ok);
}

int audit_json_dump_list(char **out, const struct audit_list *l, struct err *err)
{
  return json_build_text(out, audit_json_list(l), err);
}

int audit_json_dump_verify(char **out, const struct audit_verify_result *r, struct err *err)
{
  return json_build_text(out, audit_json_verify(r), err);
}
