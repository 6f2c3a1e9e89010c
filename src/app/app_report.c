/* app_report.c: the reporting calendar and the unit reports (see app_report.h).
 *
 * The calendar is the store's feed (territory in SQL) put together by
 * domain/calendar_build.h. A report's figures are computed before its
 * write transaction (narrowing the caller to the owner's unit may refresh
 * the territory closure, which must not happen inside one); inside it the
 * report is read again and the write refused if its status changed
 * meanwhile. */
#include "app/app_report.h"

#include "app/app_monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_indicator.h"
#include "app/app_task.h"
#include "base/date.h"
#include "base/period.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/task_follow.h"
#include "store/store.h"
#include "store/store_users.h"
#include "types/label.h"
#include "types/user.h"

#define TEXT_MAX 20000 /* bytes of one narrative part */

/* The date `iso` names (ISO or dd/mm/yyyy), else today. */
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

/* An optional date bound: y == 0 when absent. */
static int bound_of(struct date *out, const char *text, struct err *err)
{
  *out = (struct date){0, 0, 0};
  if (!text || !*text)
    return ERR_OK;
  return day_of(out, text, err);
}

static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* ---- the calendar ------------------------------------------------------------ */

void app_calendar_free(struct app_calendar *c)
{
  if (!c)
    return;
  calendar_free(&c->cal);
  store_calendar_free(&c->feed);
}

int app_calendar(struct app_calendar *out, struct store *st, const struct scope *caller,
                 const struct app_calendar_in *in, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct date at, from, to;
  int rc = day_of(&at, in->today, err);
  if (!rc)
    rc = bound_of(&from, in->from, err);
  if (!rc)
    rc = bound_of(&to, in->to, err);
  if (rc)
    return rc;
  if (from.y && to.y && date_cmp(to, from) < 0)
    return err_set(err, ERR_INPUT, "khoảng ngày không hợp lệ: --to trước --from");
  date_to_iso(out->today, at);
  struct scope narrow;
  const struct scope *sc = caller;
  if (in->unit && *in->unit) {
    rc = app_caller_narrow(&narrow, st, caller, in->tree, in->unit, err);
    if (rc)
      return rc;
    sc = &narrow;
    out->unit = narrow.unit;
  }
  rc = store_calendar_load(&out->feed, st, sc, in->plan_id, err);
  if (!rc)
    rc = calendar_build(&out->cal, &out->feed, from, to, at, err);
  if (rc)
    app_calendar_free(out);
  return rc;
}

/* ERR_DENIED unless the caller is the administrator or an officer. */
static int may_set(const struct scope *caller, struct err *err)
{
  if (caller->role == SCOPE_ADMIN || caller->role == SCOPE_OFFICER)
    return ERR_OK;
  return err_set(err, ERR_DENIED, "vai trò \"%s\" không được sửa chế độ báo cáo",
                 label_vi(LABEL_ROLE, scope_role_name(caller->role)));
}

int app_calendar_set(struct store *st, const struct scope *caller,
                     const struct app_calendar_set_in *in, struct err *err)
{
  int rc = may_set(caller, err);
  if (rc)
    return rc;
  const char *per = NULL;
  if (in->periodicity && *in->periodicity)
    rc = label_parse(&per, LABEL_PERIODICITY, in->periodicity, "loại kỳ báo cáo", err);
  struct date f = {0, 0, 0}, t = {0, 0, 0};
  if (!rc)
    rc = bound_of(&f, in->cutoff_from, err);
  if (!rc)
    rc = bound_of(&t, in->cutoff_to, err);
  if (rc)
    return rc;
  if ((in->cutoff_from != NULL) != (in->cutoff_to != NULL) || (f.y != 0) != (t.y != 0))
    return err_set(err, ERR_INPUT, "kỳ số liệu cần cả ngày bắt đầu và ngày kết thúc");
  if (f.y && date_cmp(t, f) < 0)
    return err_set(err, ERR_INPUT, "kỳ số liệu kết thúc trước khi bắt đầu");
  if (in->lead_days < -1 || in->lead_days > 60)
    return err_set(err, ERR_INPUT, "số ngày báo cáo sớm hơn phải từ 0 đến 60");
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  /* the current settings, for what is left unchanged */
  struct store_calendar feed;
  rc = store_calendar_load(&feed, st, caller, 0, err);
  const struct store_cal_schedule *s = NULL;
  for (size_t k = 0; !rc && k < feed.n_schedules; k++)
    if (feed.schedules[k].id == in->schedule_id)
      s = &feed.schedules[k];
  if (!rc && !s)
    rc = err_set(err, ERR_NOT_FOUND, "không có báo cáo định kỳ số %ld", in->schedule_id);
  char fi[11] = "", ti[11] = "";
  if (f.y) {
    date_to_iso(fi, f);
    date_to_iso(ti, t);
  }
  if (!rc) {
    const char *p = in->periodicity ? (per ? per : "") : s->periodicity;
    const char *cf = in->cutoff_from ? fi : s->cutoff_from;
    const char *ct = in->cutoff_to ? ti : s->cutoff_to;
    int lead = in->lead_days >= 0 ? in->lead_days : s->lower_lead_days;
    char detail[600];
    snprintf(detail, sizeof detail,
             "báo cáo \"%.*s\": kỳ %s -> %s, kỳ số liệu %s..%s -> %s..%s, sớm hơn %d -> %d ngày",
             (int)text_utf8_prefix(s->name, 200), s->name, s->periodicity[0] ? s->periodicity : "-",
             p[0] ? p : "-", s->cutoff_from[0] ? s->cutoff_from : "-",
             s->cutoff_to[0] ? s->cutoff_to : "-", cf[0] ? cf : "-", ct[0] ? ct : "-",
             s->lower_lead_days, lead);
    rc = store_schedule_set(st, caller, in->schedule_id, p, cf, ct, lead, err);
    if (!rc)
      rc = audit_record(st, caller, "calendar.cutoff", "report_schedule", in->schedule_id, detail,
                        err);
  }
  store_calendar_free(&feed);
  return finish(st, rc, err);
}

int app_calendar_regimes(struct store_cal_regime **out, size_t *n, struct store *st,
                         struct err *err)
{
  return store_regime_list(out, n, st, err);
}

int app_calendar_regime_set(struct store *st, const struct scope *caller, long regime_id,
                            int cut_day, const char *from, const char *to, struct err *err)
{
  if (caller->role != SCOPE_ADMIN)
    return err_set(err, ERR_DENIED, "chỉ quản trị viên được sửa chế độ báo cáo định kỳ");
  if (cut_day < 1 || cut_day > 28)
    return err_set(err, ERR_INPUT, "ngày chốt số liệu phải từ 1 đến 28");
  struct date f, t;
  int rc = bound_of(&f, from, err);
  if (!rc)
    rc = bound_of(&t, to, err);
  if (rc)
    return rc;
  if (!f.y)
    return err_set(err, ERR_INPUT, "cần ngày có hiệu lực (--from)");
  if (t.y && date_cmp(t, f) < 0)
    return err_set(err, ERR_INPUT, "ngày hết hiệu lực trước ngày có hiệu lực");
  char fi[11], ti[11] = "";
  date_to_iso(fi, f);
  if (t.y)
    date_to_iso(ti, t);
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = store_regime_set(st, regime_id, cut_day, fi, ti, err);
  if (!rc) {
    char detail[200];
    snprintf(detail, sizeof detail, "ngày chốt %d, hiệu lực %s..%s", cut_day, fi, ti[0] ? ti : "");
    rc = audit_record(st, caller, "calendar.regime", "report_regime", regime_id, detail, err);
  }
  return finish(st, rc, err);
}

/* ---- who may ------------------------------------------------------------------- */

/* The owner's side of report r (see app_report.h); me the caller's user. */
static int may_own(const struct scope *caller, const struct user *me, const struct store_report *r,
                   struct err *err)
{
  if (caller->role == SCOPE_ADMIN)
    return ERR_OK;
  if (caller->role == SCOPE_OFFICER && r->unit_id && !r->plan_in_scope)
    return ERR_OK;
  if (caller->role == SCOPE_AGENCY && !r->unit_id && r->plan_in_scope &&
      strcmp(me->agency_kind, r->agency_kind) == 0)
    return ERR_OK;
  return err_set(err, ERR_DENIED,
                 "người dùng \"%s\" không phải bên lập báo cáo này (%s): báo cáo do %s lập",
                 caller->user, label_vi(LABEL_ROLE, scope_role_name(caller->role)),
                 r->unit_id ? "cán bộ của đơn vị cấp dưới" : "cơ quan thành viên được giao");
}

/* The recipient's side of report r. */
static int may_decide(const struct scope *caller, const struct store_report *r, struct err *err)
{
  if (caller->role == SCOPE_ADMIN || (caller->role == SCOPE_OFFICER && r->plan_in_scope))
    return ERR_OK;
  return err_set(err, ERR_DENIED,
                 "người dùng \"%s\" không phải cơ quan thường trực nhận báo cáo này", caller->user);
}

/* ERR_CONFLICT unless report r's plan is still open. */
static int plan_open(const struct store_report *r, struct err *err)
{
  if (strcmp(r->plan_status, "published") == 0)
    return ERR_OK;
  return err_set(err, ERR_CONFLICT, "kế hoạch số %ld đã kết thúc: không thay đổi được báo cáo",
                 r->plan_id);
}

/* ERR_CONFLICT unless report r is in one of the statuses a and b. */
static int status_is(const struct store_report *r, const char *a, const char *b, const char *what,
                     struct err *err)
{
  if (strcmp(r->status, a) == 0 || (b && strcmp(r->status, b) == 0))
    return ERR_OK;
  return err_set(err, ERR_CONFLICT, "báo cáo số %ld đang ở trạng thái \"%s\": không %s được", r->id,
                 label_vi(LABEL_REPORT_STATUS, r->status), what);
}

/* ---- draft ---------------------------------------------------------------------- */

/* The entry of cal that `in` names (occurring on `due`, y == 0: any) into
 * *out, NULL when none; *n how many occurrences matched. */
static void entry_named(const struct calendar_entry **out, size_t *n, const struct calendar *cal,
                        const struct app_report_owner *in, const char *kind, struct date due)
{
  *out = NULL;
  *n = 0;
  for (size_t k = 0; k < cal->n; k++) {
    const struct calendar_entry *e = &cal->entries[k];
    if (e->schedule->id != in->schedule_id || (due.y && date_cmp(e->occurs_on, due) != 0))
      continue;
    int unit = !kind && e->owner->unit_id && strcmp(e->owner->unit_code, in->unit) == 0 &&
               (!in->tree || !*in->tree || strcmp(e->owner->unit_tree, in->tree) == 0);
    if (unit || (kind && !e->owner->unit_id && strcmp(e->owner->agency_kind, kind) == 0)) {
      if (!*out)
        *out = e;
      (*n)++;
    }
  }
}

int app_report_draft(long *id, struct store *st, const struct scope *caller,
                     const struct app_report_owner *in, struct err *err)
{
  *id = 0;
  if (caller->role == SCOPE_LEADER)
    return err_set(err, ERR_DENIED, "vai trò \"%s\" chỉ được xem báo cáo",
                   label_vi(LABEL_ROLE, "leader"));
  const char *kind = NULL;
  int rc = ERR_OK;
  if (!in->unit || !*in->unit) {
    if (!in->agency || !*in->agency)
      return err_set(err, ERR_INPUT, "cần đơn vị (--unit) hoặc cơ quan (--agency) lập báo cáo");
    rc = label_parse(&kind, LABEL_AGENCY_KIND, in->agency, "loại cơ quan", err);
    if (rc)
      return rc;
  }
  struct date due;
  rc = bound_of(&due, in->due, err);
  if (rc)
    return rc;
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  struct app_calendar c;
  struct app_calendar_in ci = {0};
  ci.today = in->today;
  rc = app_calendar(&c, st, caller, &ci, err);
  if (rc)
    return rc;
  const struct calendar_entry *e;
  size_t n_match;
  entry_named(&e, &n_match, &c.cal, in, kind, due);
  if (!e)
    rc = err_set(err, ERR_NOT_FOUND, "lịch báo cáo không có báo cáo số %ld của %s %s%s%s",
                 in->schedule_id, kind ? "cơ quan" : "đơn vị",
                 kind ? label_vi(LABEL_AGENCY_KIND, kind) : in->unit, due.y ? " hạn " : "",
                 due.y ? in->due : "");
  else if (n_match > 1)
    rc = err_set(err, ERR_INPUT,
                 "báo cáo số %ld lặp lại hằng năm (%zu kỳ): ghi kỳ bằng hạn gửi của kế hoạch "
                 "(--due)",
                 in->schedule_id, n_match);
  if (!rc && !e->cutoff.from.y)
    rc = err_set(err, ERR_INPUT, "chưa xác định được kỳ số liệu: %s; đặt bằng pcmt calendar set",
                 e->cutoff_error);
  /* the role, checked on the report as it will be */
  struct store_report as = {0};
  if (!rc) {
    as.unit_id = e->owner->unit_id;
    as.plan_in_scope = e->plan->in_scope;
    snprintf(as.agency_kind, sizeof as.agency_kind, "%s", e->owner->agency_kind);
    rc = may_own(caller, &me, &as, err);
  }
  if (rc) {
    app_calendar_free(&c);
    return rc;
  }
  char pf[11], pt[11], due_iso[11], on[11];
  date_to_iso(pf, e->cutoff.from);
  date_to_iso(pt, e->cutoff.to);
  date_to_iso(due_iso, e->due);
  date_to_iso(on, e->occurs_on);
  struct store_report_new nr = {
      e->schedule->id, e->owner->unit_id, e->owner->agency_kind, on, pf, pt, due_iso, me.id};
  char detail[600];
  const char *owner =
      e->owner->unit_id ? e->owner->unit_name : label_vi(LABEL_AGENCY_KIND, e->owner->agency_kind);
  snprintf(detail, sizeof detail, "kế hoạch %ld, báo cáo \"%.*s\" của %.*s, kỳ %s..%s, hạn %s",
           e->plan->id, (int)text_utf8_prefix(e->schedule->name, 200), e->schedule->name,
           (int)text_utf8_prefix(owner, 160), owner, pf, pt, due_iso);
  rc = store_write_begin(st, err);
  if (rc) {
    app_calendar_free(&c);
    return rc;
  }
  long found = 0;
  rc = store_report_find(&found, st, nr.schedule_id, nr.occurs_on, nr.unit_id, nr.agency_kind, err);
  if (!rc && found)
    rc = err_set(err, ERR_CONFLICT, "báo cáo này đã được lập: số %ld", found);
  if (!rc)
    rc = store_report_insert(id, st, &nr, err);
  if (!rc)
    rc = audit_record(st, caller, "report.draft", "unit_report", *id, detail, err);
  rc = finish(st, rc, err);
  if (rc)
    *id = 0;
  app_calendar_free(&c);
  return rc;
}

/* ---- edit, submit, decide ------------------------------------------------------- */

/* A narrative part: NULL or valid UTF-8 of at most TEXT_MAX bytes. */
static int check_text(const char *t, const char *what, struct err *err)
{
  if (!t)
    return ERR_OK;
  size_t n = strlen(t);
  if (!text_utf8_valid(t, n))
    return err_set(err, ERR_INPUT, "phần \"%s\" không phải văn bản UTF-8 hợp lệ", what);
  if (n > TEXT_MAX)
    return err_set(err, ERR_INPUT, "phần \"%s\" dài %zu byte, quá giới hạn %d byte", what, n,
                   TEXT_MAX);
  return ERR_OK;
}

int app_report_edit(struct store *st, const struct scope *caller, long id,
                    const struct app_report_text *in, struct err *err)
{
  int rc = check_text(in->situation, "tình hình", err);
  if (!rc)
    rc = check_text(in->results, "kết quả", err);
  if (!rc)
    rc = check_text(in->limitations, "hạn chế", err);
  if (!rc)
    rc = check_text(in->proposals, "đề xuất", err);
  if (rc)
    return rc;
  if (!in->situation && !in->results && !in->limitations && !in->proposals)
    return err_set(err, ERR_INPUT, "không có phần nào để sửa");
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  struct store_report r;
  rc = store_report_get(&r, st, caller, id, err);
  if (!rc)
    rc = may_own(caller, &me, &r, err);
  if (!rc)
    rc = plan_open(&r, err);
  if (!rc)
    rc = status_is(&r, "draft", "returned", "sửa", err);
  if (!rc)
    rc = store_report_text_set(st, r.version_id, in->situation, in->results, in->limitations,
                               in->proposals, err);
  if (!rc) {
    char detail[200];
    snprintf(detail, sizeof detail, "phiên bản %d:%s%s%s%s", r.version,
             in->situation ? " tình hình" : "", in->results ? " kết quả" : "",
             in->limitations ? " hạn chế" : "", in->proposals ? " đề xuất" : "");
    rc = audit_record(st, caller, "report.edit", "unit_report", id, detail, err);
  }
  store_report_free(&r);
  return finish(st, rc, err);
}

/* The figures of report r now (its owner's, over its cut-off, with the
 * same period last year) into *out. */
static int live_figures(struct indicator_report *out, struct store *st, const struct scope *caller,
                        const struct store_report *r, const char *plan_tree, const char *plan_code,
                        struct err *err)
{
  memset(out, 0, sizeof *out);
  struct app_ind_query q = {0};
  q.tree = r->unit_id ? r->unit_tree : plan_tree;
  q.code = r->unit_id ? r->unit_code : plan_code;
  if (q.code && !*q.code)
    q.tree = q.code = NULL;
  struct date f, t;
  int rc = day_of(&f, r->period_from, err);
  if (!rc)
    rc = day_of(&t, r->period_to, err);
  if (!rc)
    rc = period_custom(&q.period, f, t, err);
  if (rc)
    return rc;
  q.compare = APP_IND_COMPARE_LAST_YEAR;
  q.split = IND_SPLIT_NONE;
  return app_indicator_compute(out, st, caller, &q, err);
}

/* The plan of report r as the calendar sees it, its schedule and owner, in
 * feed (store_calendar_free). */
static int entry_of(struct store_calendar *feed, const struct store_cal_plan **plan,
                    const struct store_cal_schedule **sched, const struct store_cal_owner **owner,
                    struct store *st, const struct scope *caller, const struct store_report *r,
                    struct err *err)
{
  *plan = NULL;
  *sched = NULL;
  *owner = NULL;
  int rc = store_calendar_load(feed, st, caller, r->plan_id, err);
  if (rc)
    return rc;
  for (size_t k = 0; k < feed->n_plans; k++)
    if (feed->plans[k].id == r->plan_id)
      *plan = &feed->plans[k];
  for (size_t k = 0; k < feed->n_schedules; k++)
    if (feed->schedules[k].id == r->schedule_id)
      *sched = &feed->schedules[k];
  for (size_t k = 0; k < feed->n_owners; k++) {
    const struct store_cal_owner *o = &feed->owners[k];
    if (o->plan_id == r->plan_id && o->unit_id == r->unit_id &&
        strcmp(o->agency_kind, r->agency_kind) == 0)
      *owner = o;
  }
  if (!*plan || !*sched)
    return err_set(err, ERR_NOT_FOUND, "không có báo cáo số %ld", r->id);
  return ERR_OK;
}

/* The total row of each indicator of `live` as figures to freeze, into *out. */
static int figures_of(struct store_report_figure **out, size_t *n,
                      const struct indicator_report *live, struct err *err)
{
  *n = 0;
  *out = live->n ? calloc(live->n, sizeof **out) : NULL;
  if (live->n && !*out)
    return err_nomem(err);
  for (size_t k = 0; k < live->n; k++) {
    const struct indicator_row *row = &live->rows[k];
    if (row->now->group[0])
      continue;
    struct store_report_figure *f = &(*out)[(*n)++];
    snprintf(f->indicator, sizeof f->indicator, "%s", row->now->def->code);
    f->has_value = row->now->has_value;
    f->value = row->now->value;
    f->has_before = row->before && row->before->has_value;
    f->before = f->has_before ? row->before->value : 0;
  }
  return ERR_OK;
}

int app_report_submit(struct store *st, const struct scope *caller, long id, const char *today,
                      struct err *err)
{
  struct date on;
  int rc = day_of(&on, today, err);
  if (rc)
    return rc;
  char on_iso[11];
  date_to_iso(on_iso, on);
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  struct store_report r;
  struct store_calendar feed = {0};
  const struct store_cal_plan *plan = NULL;
  const struct store_cal_schedule *sched;
  const struct store_cal_owner *owner;
  struct indicator_report live = {0};
  struct store_report_figure *figs = NULL;
  size_t n_figs = 0;
  rc = store_report_get(&r, st, caller, id, err);
  if (!rc)
    rc = may_own(caller, &me, &r, err);
  if (!rc)
    rc = plan_open(&r, err);
  if (!rc)
    rc = status_is(&r, "draft", "returned", "gửi", err);
  if (!rc)
    rc = entry_of(&feed, &plan, &sched, &owner, st, caller, &r, err);
  if (!rc)
    rc = live_figures(&live, st, caller, &r, plan->unit_tree, plan->unit_code, err);
  if (!rc)
    rc = figures_of(&figs, &n_figs, &live, err);
  int version = r.version;
  long version_id = r.version_id;
  store_report_free(&r);
  if (!rc)
    rc = store_write_begin(st, err);
  if (!rc) {
    rc = store_report_get(&r, st, caller, id, err);
    if (!rc)
      rc = status_is(&r, "draft", "returned", "gửi", err);
    if (!rc && r.version_id != version_id)
      rc = err_set(err, ERR_CONFLICT, "báo cáo số %ld vừa được thay đổi; hãy thử lại", id);
    if (!rc)
      rc = store_report_submit(st, id, version_id, on_iso, me.id, figs, n_figs, err);
    if (!rc) {
      char detail[200];
      snprintf(detail, sizeof detail, "phiên bản %d gửi ngày %s, hạn %s, %zu chỉ số chốt", version,
               on_iso, r.due_on, n_figs);
      rc = audit_record(st, caller, "report.submit", "unit_report", id, detail, err);
    }
    store_report_free(&r);
    rc = finish(st, rc, err);
  }
  free(figs);
  indicator_report_free(&live);
  store_calendar_free(&feed);
  return rc;
}

static int decide(struct store *st, const struct scope *caller, long id, const char *decision,
                  const char *comment, const char *today, struct err *err)
{
  struct date on;
  int rc = day_of(&on, today, err);
  if (!rc)
    rc = check_text(comment, "ý kiến", err);
  if (rc)
    return rc;
  int ret = strcmp(decision, "returned") == 0;
  if (ret && (!comment || !*comment))
    return err_set(err, ERR_INPUT, "trả lại báo cáo cần ý kiến (--comment) nêu điều cần sửa");
  char on_iso[11];
  date_to_iso(on_iso, on);
  struct user me;
  rc = store_user_get(&me, st, caller->user, err);
  if (rc)
    return rc;
  rc = store_write_begin(st, err);
  if (rc)
    return rc;
  struct store_report r;
  rc = store_report_get(&r, st, caller, id, err);
  if (!rc)
    rc = may_decide(caller, &r, err);
  if (!rc)
    rc = plan_open(&r, err);
  if (!rc)
    rc = status_is(&r, "submitted", NULL, ret ? "trả lại" : "tiếp nhận", err);
  if (!rc)
    rc = store_report_decide(st, id, r.version_id, decision, on_iso, me.id, comment, err);
  if (!rc) {
    char detail[600];
    const char *said = comment ? comment : "";
    snprintf(detail, sizeof detail, "phiên bản %d %s ngày %s%s%.*s", r.version,
             ret ? "trả lại" : "tiếp nhận", on_iso, *said ? ": " : "",
             (int)text_utf8_prefix(said, 400), said);
    rc = audit_record(st, caller, ret ? "report.return" : "report.accept", "unit_report", id,
                      detail, err);
  }
  store_report_free(&r);
  return finish(st, rc, err);
}

int app_report_accept(struct store *st, const struct scope *caller, long id, const char *comment,
                      const char *today, struct err *err)
{
  return decide(st, caller, id, "accepted", comment, today, err);
}

int app_report_return(struct store *st, const struct scope *caller, long id, const char *comment,
                      const char *today, struct err *err)
{
  return decide(st, caller, id, "returned", comment, today, err);
}

/* ---- show ------------------------------------------------------------------------- */

/* The owner's tasks of the plan on the cut-off's last day: an agency's
 * own assignees, a unit's the People's Committees' (the units below). */
static int tasks_of(struct report_tasks *out, struct store *st, const struct scope *caller,
                    const struct store_report *r, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct app_task_list_in in = {0};
  in.plan_id = r->plan_id;
  in.agency = r->unit_id ? "peoples_committee" : r->agency_kind;
  in.today = r->period_to;
  struct app_task_list l;
  int rc = app_task_list(&l, st, caller, &in, err);
  if (rc)
    return rc;
  for (size_t k = 0; k < l.rows.n; k++) {
    int i = label_index(LABEL_TASK_STATUS, l.rows.items[k].state);
    if (i >= 0 && i < 6)
      out->n[i]++;
    out->total++;
  }
  app_task_list_free(&l);
  return ERR_OK;
}

/* The targets' status of the report's plan on the cut-off's last day into
 * v->targets: the owing unit's rows, or for an agency the plan-wide rows
 * and its own quotas. A plan outside the viewer's territory leaves the
 * slot empty (has_targets 0) rather than failing the report. */
static int targets_of(struct report_view *v, struct store *st, const struct scope *caller,
                      struct err *err)
{
  const struct store_report *r = &v->report;
  struct app_plan_status_in in = {r->plan_id, r->period_to[0] ? r->period_to : r->due_on,
                                  r->unit_id ? r->unit_tree : NULL,
                                  r->unit_id ? r->unit_code : NULL};
  struct err e = {ERR_OK, ""};
  int rc = app_plan_status(&v->targets, st, caller, &in, &e);
  if (rc == ERR_NOT_FOUND || rc == ERR_DENIED)
    return ERR_OK;
  if (rc)
    return err_copy(err, &e);
  if (!r->unit_id) { /* an agency: the plan-wide rows and its own quotas */
    size_t keep = 0;
    for (size_t i = 0; i < v->targets.n; i++) {
      struct target_row *x = &v->targets.rows[i];
      if (!x->quota_id || strcmp(x->agency_kind, r->agency_kind) == 0)
        v->targets.rows[keep++] = *x;
      else
        free(x->text);
    }
    v->targets.n = keep;
  }
  v->has_targets = 1;
  return ERR_OK;
}

int app_report_show(struct report_view *out, struct store *st, const struct scope *caller, long id,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  struct store_calendar feed = {0};
  const struct store_cal_plan *plan = NULL;
  const struct store_cal_schedule *sched = NULL;
  const struct store_cal_owner *owner = NULL;
  int rc = store_report_get(&out->report, st, caller, id, err);
  if (!rc)
    rc = store_report_versions(&out->versions, st, id, err);
  for (size_t k = out->versions.n; !rc && k-- > 0;)
    if (out->versions.items[k].submitted_on[0]) {
      out->frozen_version = out->versions.items[k].version;
      rc = store_report_figures(&out->frozen, &out->n_frozen, st, out->versions.items[k].id, err);
      break;
    }
  if (!rc)
    rc = entry_of(&feed, &plan, &sched, &owner, st, caller, &out->report, err);
  if (!rc)
    rc = live_figures(&out->live, st, caller, &out->report, plan->unit_tree, plan->unit_code, err);
  if (!rc && out->live.n && !(out->changed = calloc(out->live.n, sizeof *out->changed)))
    rc = err_nomem(err);
  for (size_t k = 0; !rc && k < out->live.n; k++) {
    const struct indicator_result *now = out->live.rows[k].now;
    for (size_t j = 0; j < out->n_frozen; j++) {
      const struct store_report_figure *f = &out->frozen[j];
      if (now->group[0] || strcmp(f->indicator, now->def->code) != 0)
        continue;
      out->changed[k] =
          f->has_value != now->has_value || (now->has_value && fabs(f->value - now->value) > 1e-9);
    }
  }
  if (!rc)
    rc = tasks_of(&out->tasks, st, caller, &out->report, err);
  if (!rc)
    rc = targets_of(out, st, caller, err);
  if (!rc) {
    snprintf(out->plan_number, sizeof out->plan_number, "%s", plan->number);
    snprintf(out->report_name, sizeof out->report_name, "%s", sched->name);
    snprintf(out->recipient, sizeof out->recipient, "%s",
             sched->recipient[0] ? sched->recipient : plan->issuer);
    if (out->report.unit_id)
      snprintf(out->owner, sizeof out->owner, "%s", owner ? owner->unit_name : "");
    else
      snprintf(out->owner, sizeof out->owner, "%s",
               label_vi(LABEL_AGENCY_KIND, out->report.agency_kind));
  }
  store_calendar_free(&feed);
  if (rc)
    report_view_free(out);
  return rc;
}
