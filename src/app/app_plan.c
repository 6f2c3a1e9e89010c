/* app_plan.c: the plans' user actions (see app_plan.h).
 *
 * A change checks the caller's role, then runs in one write transaction:
 * the plan's status (the store finds the plan in the caller's territory or
 * answers ERR_NOT_FOUND), the lifecycle's verdict (domain/plan_life.h), the
 * write (domain/plan_edit.h, the store), the history row when the plan is
 * published, the audit row; a failure anywhere rolls all of it back. */
#include "app/app_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_cascade.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/plan_edit.h"
#include "domain/plan_life.h"
#include "domain/unit.h"
#include "ingest/doc_read.h"
#include "ingest/plan_read.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_tasks.h"

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* ---------------------------------------------------------------------------
 * Reading a document
 * ------------------------------------------------------------------------- */

/* The plan in the document at path into *p, and the text read into *text
 * (malloc'd; NULL on failure). */
static int read_document(struct plan *p, char **text, const char *path, struct err *err)
{
  plan_init(p);
  size_t len;
  int rc = doc_read_file(text, &len, path, err);
  if (rc) {
    *text = NULL;
    return rc;
  }
  rc = plan_read_text(p, *text, len, err);
  if (!rc && !plan_read_found(p))
    rc = err_set(err, ERR_INPUT,
                 "tệp %s không chứa kế hoạch: không thấy tiêu đề \"KẾ HOẠCH\", số hiệu kế "
                 "hoạch, nhiệm vụ hay chỉ tiêu nào",
                 path);
  if (rc) {
    plan_free(p);
    free(*text);
    *text = NULL;
  }
  return rc;
}

int app_plan_read(struct plan *out, const char *path, struct err *err)
{
  char *text;
  int rc = read_document(out, &text, path, err);
  free(text);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------- */

/* The unit a plan is saved under (see app_plan_import) into out->unit and
 * *place, its id into *unit_id; ERR_DENIED when the territory the plan
 * names lies outside the caller's. */
static int choose_unit(struct app_plan_imported *out, struct plan_place *place, long *unit_id,
                       struct store *st, const struct scope *caller, struct err *err)
{
  *unit_id = 0;
  if (place->code[0]) {
    int level, in = 1; /* the national caller's territory holds every unit */
    int rc = store_scope_unit(unit_id, &level, st, place->tree, place->code, err);
    if (!rc && caller->unit_id > 0)
      rc = store_scope_covers(&in, st, caller->unit_id, *unit_id, err);
    if (!rc)
      rc = unit_get(&out->unit, st, place->tree, place->code, place->at[0] ? place->at : NULL, err);
    if (rc)
      return rc;
    if (!in) {
      char label[256];
      return err_set(err, ERR_DENIED, "kế hoạch của %s nằm ngoài địa bàn của người dùng \"%s\"",
                     unit_label(label, sizeof label, &out->unit), caller->user);
    }
    out->territory_found = 1;
    return ERR_OK;
  }
  /* no territory found in the unit lists: the importer's own unit */
  snprintf(place->tree, sizeof place->tree, "%s", caller->unit_id > 0 ? caller->tree : "");
  snprintf(place->code, sizeof place->code, "%s", caller->unit_id > 0 ? caller->code : "");
  *unit_id = caller->unit_id > 0 ? caller->unit_id : 0;
  if (caller->unit_id > 0)
    out->unit = caller->unit;
  return ERR_OK;
}

/* ERR_CONFLICT when the same plan is stored already in the caller's territory. */
static int check_again(struct store *st, const struct scope *caller, const struct plan *p,
                       const char *text, struct err *err)
{
  long same;
  int rc = store_plan_find_same(&same, st, caller, p->number, p->issuer, text, err);
  if (rc || !same)
    return rc;
  if (p->number)
    return err_set(err, ERR_CONFLICT,
                   "kế hoạch số %s của %s đã có (kế hoạch số %ld); dùng --again để nhập thêm "
                   "một bản",
                   p->number, p->issuer ? p->issuer : "(không rõ cơ quan ban hành)", same);
  return err_set(err, ERR_CONFLICT,
                 "văn bản này đã được nhập (kế hoạch số %ld); dùng --again để nhập thêm một bản",
                 same);
}

int app_plan_import(struct app_plan_imported *out, struct store *st, const struct scope *caller,
                    const struct app_plan_import_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = plan_life_may_change(caller, err);
  if (rc)
    return rc;
  struct plan p;
  char *text;
  rc = read_document(&p, &text, in->path, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc) {
    plan_free(&p);
    free(text);
    return rc;
  }
  struct plan_place place;
  long unit_id = 0;
  rc = plan_edit_place(&place, st, &p, err);
  if (!rc)
    rc = choose_unit(out, &place, &unit_id, st, caller, err);
  if (!rc && !in->again)
    rc = check_again(st, caller, &p, text, err);
  const char *base = strrchr(in->path, '/');
  base = base ? base + 1 : in->path;
  if (!rc) {
    struct plan_edit_new pn = {&place, unit_id, base, text};
    rc = plan_edit_save(&out->id, st, caller, &p, &pn, err);
  }
  /* its place in the cascade: the plan it implements, the plans that implement it */
  if (!rc)
    rc = app_cascade_link(&out->n_links, st, caller, out->id, err);
  if (!rc) {
    char detail[256];
    snprintf(detail, sizeof detail,
             "nhập bản nháp từ tệp %s%s%s: %zu nhiệm vụ, %zu chỉ tiêu, %zu "
             "báo cáo%s",
             base, p.number ? ", số " : "", p.number ? p.number : "", p.n_tasks, p.n_targets,
             p.n_reports, in->again ? " (nhập thêm một bản)" : "");
    rc = audit_record(st, caller, "plan.import", "plan", out->id, detail, err);
  }
  rc = finish(st, rc, err);
  if (rc) {
    memset(out, 0, sizeof *out);
  } else {
    out->n_tasks = p.n_tasks;
    out->n_targets = p.n_targets;
    out->n_reports = p.n_reports;
  }
  plan_free(&p);
  free(text);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Reads
 * ------------------------------------------------------------------------- */

/* "huyện Bình Sơn" for the unit tree/code into buf (its latest name);
 * "toàn quốc" for none. A unit no longer in the lists leaves its code. */
static int unit_name(char *buf, size_t n, struct store *st, const char *tree, const char *code,
                     struct err *err)
{
  if (!code[0]) {
    snprintf(buf, n, "toàn quốc");
    return ERR_OK;
  }
  struct unit u;
  struct err e = {ERR_OK, ""};
  int rc = unit_get(&u, st, tree, code, NULL, &e);
  if (rc == ERR_NOT_FOUND) {
    snprintf(buf, n, "%s:%s", tree, code);
    return ERR_OK;
  }
  if (rc)
    return err_copy(err, &e);
  snprintf(buf, n, "%s %s", u.type, u.name);
  return ERR_OK;
}

int app_plan_list(struct store_plan_info_list *out, struct store *st, const struct scope *caller,
                  struct err *err)
{
  int rc = store_plan_list(out, st, caller, err);
  /* plans of one territory share a few units: each looked up once in a row */
  for (size_t k = 0; !rc && k < out->n; k++) {
    struct store_plan_info *in = &out->items[k], *prev = k ? &out->items[k - 1] : NULL;
    if (prev && strcmp(prev->unit_tree, in->unit_tree) == 0 &&
        strcmp(prev->unit_code, in->unit_code) == 0)
      memcpy(in->unit_name, prev->unit_name, sizeof in->unit_name);
    else
      rc = unit_name(in->unit_name, sizeof in->unit_name, st, in->unit_tree, in->unit_code, err);
  }
  if (rc)
    store_plan_info_list_free(out);
  return rc;
}

int app_plan_show(struct plan *out, struct store_plan_info *info, struct store *st,
                  const struct scope *caller, long id, struct err *err)
{
  int rc = store_plan_load(out, info, st, caller, id, err);
  if (!rc && info)
    rc = unit_name(info->unit_name, sizeof info->unit_name, st, info->unit_tree, info->unit_code,
                   err);
  if (!rc)
    rc = plan_check_all(out, err);
  if (rc)
    plan_free(out);
  return rc;
}

int app_plan_check(struct app_plan_check *out, struct store *st, const struct scope *caller,
                   long id, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = app_plan_show(&out->plan, NULL, st, caller, id, err);
  if (!rc)
    rc = plan_check_defects(&out->defects, &out->plan, err);
  if (!rc)
    plan_check_tally(&out->count, &out->plan, &out->defects);
  return rc;
}

void app_plan_check_free(struct app_plan_check *c)
{
  if (!c)
    return;
  plan_free(&c->plan);
  plan_defect_list_free(&c->defects);
}

int app_plan_history(struct store_plan_change_list *out, struct store *st,
                     const struct scope *caller, long id, struct err *err)
{
  return store_plan_history(out, st, caller, id, err);
}

/* ---------------------------------------------------------------------------
 * Changes
 * ------------------------------------------------------------------------- */

/* Begin a change of plan `id`: the role, the transaction, the plan in the
 * caller's territory and whether it may be edited (*history: the change
 * goes into its history); the reason given for it must be text. On failure
 * nothing is left open. */
static int edit_begin(int *history, struct store *st, const struct scope *caller, long id,
                      const char *reason, struct err *err)
{
  *history = 0;
  if (reason && !text_utf8_valid(reason, strlen(reason)))
    return err_set(err, ERR_INPUT, "lý do không phải văn bản UTF-8 hợp lệ");
  int rc = plan_life_may_change(caller, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char status[16];
  rc = store_plan_status(status, sizeof status, st, caller, id, err);
  if (!rc)
    rc = plan_life_edit(history, status, id, err);
  if (rc)
    store_write_rollback(st);
  return rc;
}

/* The history row (when kept) and the audit row of a change, then the end
 * of its transaction. */
static int edit_end(struct store *st, const struct scope *caller, long id, int rc, int history,
                    const struct store_plan_change_in *c, const char *action, const char *detail,
                    struct err *err)
{
  if (!rc && history)
    rc = store_plan_change_add(st, caller, id, c, err);
  if (!rc)
    rc = audit_record(st, caller, action, "plan", id, detail, err);
  return finish(st, rc, err);
}

static int move(struct store *st, const struct scope *caller, long id, const char *to,
                const char *action, const char *what, struct err *err)
{
  int rc = plan_life_may_change(caller, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char from[16];
  int history = 0;
  rc = store_plan_status(from, sizeof from, st, caller, id, err);
  if (!rc)
    rc = plan_life_move(&history, from, to, id, err);
  if (!rc)
    rc = store_plan_set_status(st, caller, id, to, err);
  /* Publishing hands every task to its assignees, one per lead and per
   * coordinating agency, in the same transaction (docs/tasks.md). */
  size_t n_assignees;
  if (!rc && strcmp(to, "published") == 0)
    rc = store_task_assignees_create(&n_assignees, st, caller, id, err);
  struct store_plan_change_in c = {"plan", id, "status", from, to, NULL};
  return edit_end(st, caller, id, rc, history, &c, action, what, err);
}

int app_plan_publish(struct store *st, const struct scope *caller, long id, struct err *err)
{
  return move(st, caller, id, "published", "plan.publish", "ban hành kế hoạch", err);
}

int app_plan_close(struct store *st, const struct scope *caller, long id, struct err *err)
{
  return move(st, caller, id, "closed", "plan.close", "kết thúc kế hoạch", err);
}

int app_plan_set(struct store *st, const struct scope *caller, const struct app_plan_set_in *in,
                 struct err *err)
{
  int history;
  int rc = edit_begin(&history, st, caller, in->plan_id, in->reason, err);
  if (rc)
    return rc;
  char *old = NULL, *now = NULL;
  long eid = strcmp(in->element, "plan") == 0 ? in->plan_id : in->element_id;
  rc = plan_edit_set(&old, &now, st, caller, in->plan_id, in->element, eid, in->field, in->value,
                     err);
  char detail[160];
  snprintf(detail, sizeof detail, "sửa %s[%ld].%s", in->element, eid, in->field);
  struct store_plan_change_in c = {in->element, eid, in->field, old, now, in->reason};
  rc = edit_end(st, caller, in->plan_id, rc, history, &c, "plan.set", detail, err);
  free(old);
  free(now);
  return rc;
}

int app_plan_agencies(struct store *st, const struct scope *caller, long plan_id, long task_id,
                      const char *role, const char *list, const char *reason, struct err *err)
{
  int history;
  int rc = edit_begin(&history, st, caller, plan_id, reason, err);
  if (rc)
    return rc;
  char *old = NULL, *now = NULL;
  rc = plan_edit_agencies(&old, &now, st, caller, plan_id, task_id, role, list, err);
  char detail[160];
  snprintf(detail, sizeof detail, "đặt cơ quan %s của nhiệm vụ %ld",
           strcmp(role, "lead") == 0 ? "chủ trì" : "phối hợp", task_id);
  struct store_plan_change_in c = {"task", task_id, role, old, now, reason};
  rc = edit_end(st, caller, plan_id, rc, history, &c, "plan.agencies", detail, err);
  free(old);
  free(now);
  return rc;
}

int app_plan_task_add(long *task_id, struct store *st, const struct scope *caller, long plan_id,
                      const char *text, const char *reason, struct err *err)
{
  *task_id = 0;
  if (!text || !*text)
    return err_set(err, ERR_INPUT, "nhiệm vụ mới cần nội dung");
  if (!text_utf8_valid(text, strlen(text)))
    return err_set(err, ERR_INPUT, "nội dung nhiệm vụ không phải văn bản UTF-8 hợp lệ");
  int history;
  int rc = edit_begin(&history, st, caller, plan_id, reason, err);
  if (rc)
    return rc;
  long id = 0;
  rc = store_plan_task_add(&id, st, caller, plan_id, text, err);
  char detail[96];
  snprintf(detail, sizeof detail, "thêm nhiệm vụ %ld", id);
  struct store_plan_change_in c = {"task", id, "added", NULL, text, reason};
  rc = edit_end(st, caller, plan_id, rc, history, &c, "plan.task_add", detail, err);
  if (!rc)
    *task_id = id;
  return rc;
}

int app_plan_task_delete(struct store *st, const struct scope *caller, long plan_id, long task_id,
                         const char *reason, struct err *err)
{
  int history;
  int rc = edit_begin(&history, st, caller, plan_id, reason, err);
  if (rc)
    return rc;
  /* what its assignees reported stays: such a task is not deleted */
  long long reports = 0;
  rc = store_task_reports_count(&reports, st, caller, task_id, err);
  if (!rc && reports)
    rc = err_set(err, ERR_CONFLICT,
                 "nhiệm vụ %ld đã có %lld báo cáo tiến độ hoặc minh chứng của cơ quan thực hiện: "
                 "không xóa được",
                 task_id, reports);
  char *old = NULL;
  if (!rc)
    rc = store_plan_task_delete(&old, st, caller, plan_id, task_id, err);
  char detail[96];
  snprintf(detail, sizeof detail, "xóa nhiệm vụ %ld", task_id);
  struct store_plan_change_in c = {"task", task_id, "deleted", old, NULL, reason};
  rc = edit_end(st, caller, plan_id, rc, history, &c, "plan.task_delete", detail, err);
  free(old);
  return rc;
}
