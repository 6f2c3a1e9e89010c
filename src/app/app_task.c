/* app_task.c: the tasks followed per assignee (see app_task.h).
 *
 * A list reads the assignees through the store (territory in SQL) and the
 * status of each on the list's date through domain/task_follow.h. An update
 * checks its input and reads the file before the transaction, then, inside
 * it: the assignee (territory), that it is the task's, the plan still
 * open, the caller's right to it, the writes and the audit row. */
#include "app/app_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/task_follow.h"
#include "ingest/evidence_read.h"
#include "store/store.h"
#include "store/store_users.h"
#include "types/label.h"

#define NOTE_MAX 4000 /* bytes of a progress note */

static struct date parse_iso(const char *s)
{
  struct date d = {0, 0, 0};
  if (s && *s && date_parse(&d, s, 0, NULL) != ERR_OK)
    d = (struct date){0, 0, 0};
  return d;
}

/* The date an action is read or dated on: `iso`, else today. */
static int day_of(struct date *out, const char *iso, struct err *err)
{
  if (!iso || !*iso) {
    *out = date_today();
    return ERR_OK;
  }
  if (date_parse(out, iso, 0, NULL) != ERR_OK)
    return err_set(err, ERR_INPUT, "ngày \"%s\" không hợp lệ", iso);
  return ERR_OK;
}

static enum task_cadence cadence_of(const char *code)
{
  int i = label_index(LABEL_CADENCE, code);
  return i > 0 ? (enum task_cadence)i : CADENCE_NONE;
}

/* The status of row r on `at` into it, the plan's reporting dates dues[0..n). */
static void read_state(struct store_task_row *r, const struct date *dues, size_t n, struct date at)
{
  struct task_follow_in in = {0};
  enum task_state rec;
  if (task_follow_recorded(&rec, r->status, NULL) != ERR_OK)
    rec = TASK_NOT_STARTED;
  in.recorded = rec;
  in.due_on = parse_iso(r->due_on);
  in.cadence = cadence_of(r->cadence);
  in.then_ongoing = r->then_ongoing;
  in.phase_end = parse_iso(r->phase_end);
  in.plan_end = parse_iso(r->plan_end);
  char since[11];
  snprintf(since, sizeof since, "%.10s", r->published_at);
  in.since = parse_iso(since);
  in.last_note = parse_iso(r->last_note_on);
  in.report_dues = dues;
  in.n_report_dues = n;
  struct task_follow f;
  task_follow_read(&f, &in, at);
  snprintf(r->state, sizeof r->state, "%s", task_state_code(f.state));
  r->deadline[0] = r->period_from[0] = r->period_to[0] = '\0';
  if (f.deadline.y)
    date_to_iso(r->deadline, f.deadline);
  r->overdue_days = f.state == TASK_OVERDUE ? f.overdue_days : 0;
  if (f.state == TASK_NO_UPDATE) {
    date_to_iso(r->period_from, f.period_from);
    date_to_iso(r->period_to, f.period_to);
  }
}

void app_task_list_free(struct app_task_list *l)
{
  if (l)
    store_task_list_free(&l->rows);
}

int app_task_list(struct app_task_list *out, struct store *st, const struct scope *caller,
                  const struct app_task_list_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct date at;
  int rc = day_of(&at, in->today, err);
  if (rc)
    return rc;
  date_to_iso(out->today, at);
  const char *kind = NULL;
  if (in->agency && *in->agency) {
    rc = label_parse(&kind, LABEL_AGENCY_KIND, in->agency, "loại cơ quan", err);
    if (rc)
      return rc;
  }
  struct scope narrow;
  const struct scope *sc = caller;
  if (in->unit && *in->unit) {
    rc = app_caller_narrow(&narrow, st, caller, in->tree, in->unit, err);
    if (rc)
      return rc;
    sc = &narrow;
    out->unit = narrow.unit;
  }
  struct store_task_filter f = {in->plan_id, kind};
  struct store_task_list *l = &out->rows;
  rc = store_task_list(l, st, sc, &f, err);
  if (rc)
    return rc;
  /* rows come plan by plan: each plan's reporting dates read once; kept
   * rows are moved down over the ones --overdue drops */
  struct date *dues = NULL;
  size_t n_dues = 0, kept = 0;
  long dues_of = 0;
  for (size_t k = 0; k < l->n; k++) {
    struct store_task_row *r = &l->items[k];
    if (!rc && r->plan_id != dues_of) {
      free(dues);
      rc = store_task_report_dues(&dues, &n_dues, st, sc, r->plan_id, err);
      dues_of = r->plan_id;
    }
    if (!rc)
      read_state(r, dues, n_dues, at);
    if (rc || (in->overdue_only && strcmp(r->state, "overdue") != 0)) {
      store_task_row_free(r);
      continue;
    }
    if (kept != k)
      l->items[kept] = *r;
    kept++;
  }
  l->n = kept;
  free(dues);
  if (rc)
    app_task_list_free(out);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Update
 * ------------------------------------------------------------------------- */

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* ERR_DENIED unless the caller may update an assignee of agency kind
 * `kind`: an administrator or officer any, a member agency's officer its
 * own kind's (*agency_kind, the user's), a leader none. */
static int may_update(const struct scope *caller, const char *agency_kind, const char *kind,
                      struct err *err)
{
  if (caller->role == SCOPE_ADMIN || caller->role == SCOPE_OFFICER)
    return ERR_OK;
  if (caller->role == SCOPE_AGENCY && agency_kind[0] && strcmp(agency_kind, kind) == 0)
    return ERR_OK;
  if (caller->role == SCOPE_AGENCY)
    return err_set(err, ERR_DENIED,
                   "người dùng \"%s\" của %s chỉ cập nhật được nhiệm vụ giao cho cơ quan mình",
                   caller->user,
                   agency_kind[0] ? label_vi(LABEL_AGENCY_KIND, agency_kind) : "cơ quan");
  return err_set(err, ERR_DENIED, "vai trò \"%s\" chỉ được xem nhiệm vụ, không được cập nhật",
                 label_vi(LABEL_ROLE, scope_role_name(caller->role)));
}

/* The assignee in->agency names for task in->task_id into *id: digits are
 * its number; anything else an agency kind, which must name exactly one
 * assignee of the task. Inside the transaction. */
static int pick_assignee(long *id, struct store *st, const struct scope *caller,
                         const struct app_task_update_in *in, struct err *err)
{
  *id = 0;
  const char *a = in->agency ? in->agency : "";
  size_t n = strlen(a);
  if (n && strspn(a, "0123456789") == n) {
    *id = strtol(a, NULL, 10);
    return ERR_OK;
  }
  const char *kind;
  int rc = label_parse(&kind, LABEL_AGENCY_KIND, a, "cơ quan", err);
  if (rc)
    return rc;
  size_t found;
  rc = store_task_find(id, &found, st, caller, in->task_id, kind, err);
  if (rc)
    return rc;
  if (found == 0)
    return err_set(err, ERR_NOT_FOUND, "nhiệm vụ %ld không giao cho %s", in->task_id,
                   label_vi(LABEL_AGENCY_KIND, kind));
  if (found > 1)
    return err_set(err, ERR_INPUT,
                   "nhiệm vụ %ld giao cho %zu cơ quan loại %s; ghi số của cơ quan được giao "
                   "(cột \"Số\" của pcmt task list)",
                   in->task_id, found, label_vi(LABEL_AGENCY_KIND, kind));
  return ERR_OK;
}

/* The input of an update, checked before anything is opened: *state the status. */
static int check_input(enum task_state *state, const struct app_task_update_in *in, struct err *err)
{
  const char *code = NULL;
  int rc = label_parse(&code, LABEL_TASK_STATUS, in->status ? in->status : "", "trạng thái", err);
  if (!rc)
    rc = task_follow_recorded(state, code, err);
  if (rc)
    return rc;
  if (!in->note || !*in->note)
    return err_set(err, ERR_INPUT, "cần ghi chú tiến độ (--note)%s",
                   *state == TASK_NOT_APPLICABLE ? ": với \"Không áp dụng\" là lý do" : "");
  size_t n = strlen(in->note);
  if (!text_utf8_valid(in->note, n))
    return err_set(err, ERR_INPUT, "ghi chú không phải văn bản UTF-8 hợp lệ");
  if (n > NOTE_MAX)
    return err_set(err, ERR_INPUT, "ghi chú dài %zu byte, quá giới hạn %d byte", n, NOTE_MAX);
  return ERR_OK;
}

int app_task_update(long *assignee_id, struct store *st, const struct scope *caller,
                    const struct app_task_update_in *in, struct err *err)
{
  *assignee_id = 0;
  if (caller->role == SCOPE_LEADER)
    return may_update(caller, "", "", err);
  enum task_state state;
  struct date on;
  int rc = check_input(&state, in, err);
  if (!rc)
    rc = day_of(&on, in->today, err);
  if (rc)
    return rc;
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  struct evidence_file file = {0};
  if (in->file && *in->file) {
    rc = evidence_read(&file, in->file, STORE_TASK_EVIDENCE_MAX, err);
    if (rc) {
      evidence_file_free(&file);
      return rc;
    }
  }
  rc = store_write_begin(st, err);
  if (rc) {
    evidence_file_free(&file);
    return rc;
  }
  long id = 0;
  struct store_task_row row = {0};
  rc = pick_assignee(&id, st, caller, in, err);
  if (!rc)
    rc = store_task_get(&row, st, caller, id, err);
  if (!rc && row.task_id != in->task_id)
    rc = err_set(err, ERR_NOT_FOUND, "nhiệm vụ %ld không có cơ quan được giao số %ld", in->task_id,
                 id);
  if (!rc && strcmp(row.plan_status, "published") != 0)
    rc = err_set(err, ERR_CONFLICT, "kế hoạch số %ld %s: không cập nhật được nhiệm vụ", row.plan_id,
                 strcmp(row.plan_status, "closed") == 0 ? "đã kết thúc" : "chưa ban hành");
  if (!rc)
    rc = may_update(caller, me.agency_kind, row.agency_kind, err);
  const char *code = task_state_code(state);
  if (!rc)
    rc = store_task_set_status(st, caller, id, code, state == TASK_NOT_APPLICABLE ? in->note : NULL,
                               err);
  char on_iso[11];
  date_to_iso(on_iso, on);
  long note_id = 0;
  if (!rc)
    rc = store_task_note_add(&note_id, st, caller, id, on_iso, in->note, err);
  long ev_id = 0;
  if (!rc && file.data) {
    struct store_task_evidence_in ev = {file.name, file.media_type, file.sha256,
                                        file.data, file.size,       note_id};
    rc = store_task_evidence_add(&ev_id, st, caller, id, &ev, err);
  }
  if (!rc) {
    char detail[1200];
    if (file.data)
      snprintf(detail, sizeof detail,
               "nhiệm vụ %ld, %s (%s): %s -> %s, ghi chú ngày %s, tệp %s (%zu byte, SHA-256 %s)",
               row.task_id, row.agency_text, row.role, row.status, code, on_iso, file.name,
               file.size, file.sha256);
    else
      snprintf(detail, sizeof detail, "nhiệm vụ %ld, %s (%s): %s -> %s, ghi chú ngày %s",
               row.task_id, row.agency_text, row.role, row.status, code, on_iso);
    rc = audit_record(st, caller, "task.update", "task_assignee", id, detail, err);
  }
  rc = finish(st, rc, err);
  if (!rc)
    *assignee_id = id;
  store_task_row_free(&row);
  evidence_file_free(&file);
  return rc;
}
